//! `kefu customer export|template` run as the real binary: export then import gives
//! the same files; the template's headings are in the chosen language, required marked.

#[path = "common/binary.rs"]
mod binary;
#[path = "common/harness.rs"]
mod harness;
#[path = "common/sheets.rs"]
mod sheets;
use binary::has_all;
use harness::Kefu;
use sheets::{cells, codes, file, history_rows, p, workbook, T};
#[test]
fn export_then_import_gives_the_same_files() {
    let k = Kefu::new();
    k.staff(&[("li.na", "kam")]);
    k.ok(&["customer", "field", "add", "合同编号"]);
    k.ok(&["customer", "field", "add", "下次监督审核", "--kind", "date"]);
    k.ok(&[
        "customer",
        "add",
        "--code",
        "HR",
        "--name",
        "苏州恒瑞化工有限公司",
        "--short-name",
        "恒瑞",
        "--grade",
        "B",
        "--kam",
        "li.na",
        "--partner-since",
        "2019-05-01",
        "--tags",
        "出口,汽车",
        "--importance",
        "high",
        "--payment",
        "after_reminders",
        "--address",
        "苏州市\"工业园区\", 星湖街 1 号",
        "--contact",
        "王伟,采购,13800000000,wang@hr.cn,wx_wang,line_wang",
        "--custom",
        "合同编号=HT-2026-01",
        "--custom",
        "下次监督审核=2027-03-01",
    ]);
    k.ok(&[
        "customer",
        "add",
        "--code",
        "007",
        "--name",
        "零零七贸易",
        "--postcode",
        "012345",
    ]);
    k.ok(&[
        "contact", "add", "007", "--name", "周洋", "--role", "finance", "--nps", "yes",
    ]);
    let xlsx = k.dir.path().join("all.xlsx");
    let csv = k.dir.path().join("all.csv");
    k.ok(&["customer", "export", "--out", p(&xlsx)]);
    k.ok(&["customer", "export", "--format", "csv", "--out", p(&csv)]);
    // Back into the same database: every file as it is.
    let before = history_rows(&k);
    for f in [&xlsx, &csv] {
        let v = k.json(&["customer", "import", p(f)]);
        assert_eq!(v["unchanged"].as_u64(), Some(2), "{v}");
    }
    assert_eq!(history_rows(&k), before, "nothing written");
    // Into a new database with the same team and fields: the same export.
    let k2 = Kefu::new();
    k2.staff(&[("li.na", "kam")]);
    k2.ok(&["customer", "field", "add", "合同编号"]);
    k2.ok(&["customer", "field", "add", "下次监督审核", "--kind", "date"]);
    k2.ok(&["customer", "import", p(&xlsx)]);
    let again = k2.dir.path().join("again.csv");
    k2.ok(&["customer", "export", "--format", "csv", "--out", p(&again)]);
    let (a, b) = (
        std::fs::read(&csv).unwrap_or_default(),
        std::fs::read(&again).unwrap_or_default(),
    );
    assert!(!a.is_empty());
    assert_eq!(String::from_utf8_lossy(&a), String::from_utf8_lossy(&b));
    for code in ["HR", "007"] {
        let (x, y) = (file(&k, code), file(&k2, code));
        for key in [
            "name", "grade", "kam", "tags", "payment", "postcode", "custom", "contacts", "address",
        ] {
            assert_eq!(x["customer"][key], y["customer"][key], "{code} {key}");
        }
    }
    // Filters are the list's: one grade only, headings in Chinese.
    let b_only = k.dir.path().join("b.xlsx");
    let out = k.ok_in(
        "zh-CN",
        &["customer", "export", "--out", p(&b_only), "--grade", "B"],
    );
    has_all(&out, &["1 行"]);
    let rows = cells(&b_only);
    assert_eq!(rows.len(), 2);
    assert_eq!(
        (rows[0][0].as_str(), rows[0][1].as_str()),
        ("客户代码 *", "全称 *")
    );
}

#[test]
fn the_template_has_headings_in_the_language_with_the_required_marked() {
    let k = Kefu::new();
    k.ok(&["customer", "field", "add", "合同编号"]);
    let zh = k.dir.path().join("模板.xlsx");
    k.ok_in("zh-CN", &["customer", "template", "--out", p(&zh)]);
    let rows = cells(&zh);
    assert_eq!(rows.len(), 1, "headings only");
    let head = &rows[0];
    has_all(
        &head.join("|"),
        &["客户代码 *", "全称 *", "|等级|", "联系人", "|合同编号"],
    );
    let en = k.dir.path().join("template.xlsx");
    k.ok(&["customer", "template", "--out", p(&en)]);
    has_all(&cells(&en)[0].join("|"), &["Code *", "Grade"]);
    // Filled in, it imports.
    let filled = workbook(
        &k,
        "filled.xlsx",
        &[
            head.iter().map(|h| T(h)).collect(),
            vec![T("HR"), T("恒瑞")],
        ],
    );
    k.ok(&["customer", "import", p(&filled)]);
    assert_eq!(codes(&k), vec!["HR".to_string()]);
    // An unknown heading is refused rather than its data dropped.
    let odd = workbook(
        &k,
        "odd.xlsx",
        &[vec![T("code"), T("备注")], vec![T("XG"), T("x")]],
    );
    let err = k.fails(&["customer", "import", p(&odd)], 2);
    has_all(&err, &["row 1, column B", "备注", "not a column"]);
}
