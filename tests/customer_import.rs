//! `kefu customer import` run as the real binary on sandbox databases: every kind of
//! bad row, Chinese headings with Excel dates, GBK CSV as WPS writes it, re-import by code.

#[path = "common/binary.rs"]
mod binary;
#[path = "common/harness.rs"]
mod harness;
#[path = "common/sheets.rs"]
mod sheets;
use binary::has_all;
use harness::Kefu;
use sheets::{cells, codes, file, history_rows, p, workbook, D, N, T};
#[test]
fn every_kind_of_bad_row_is_listed_with_row_and_column_and_nothing_is_written() {
    let k = Kefu::new();
    k.staff(&[("li.na", "kam")]);
    let heads = [
        "code",
        "name",
        "grade",
        "kam",
        "partner_since",
        "contact_name",
        "phone",
    ];
    let head = heads.iter().map(|h| T(h)).collect();
    let book = workbook(
        &k,
        "bad.xlsx",
        &[
            head,
            vec![
                T("HR"),
                T("恒瑞化工"),
                T("B"),
                T("li.na"),
                T("2020-01-01"),
                T("王伟"),
                T("13800000000"),
            ],
            vec![T("XG"), T("新光"), T("E"), T(""), T(""), T(""), T("")],
            vec![T("HR"), T("恒瑞二号"), T("A"), T(""), T(""), T(""), T("")],
            vec![T("ZD"), T("正大"), T("C"), T(""), T(""), T("周洋"), T("12")],
            vec![
                T("YK"),
                T("宇凯"),
                T("C"),
                T(""),
                T("2026-02-30"),
                T(""),
                T(""),
            ],
            vec![T("MS"), T(""), T("D"), T(""), T(""), T(""), T("")],
            vec![T("DL"), T("大陆"), T("A"), T("nobody"), T(""), T(""), T("")],
        ],
    );
    let before = history_rows(&k);
    let err = k.fails(&["customer", "import", p(&book)], 2);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 7, "six problems and the verdict:\n{err}");
    has_all(lines[0], &["row 3", "column C", "grade", "'E'", "A|B|C|D"]);
    has_all(lines[1], &["row 4", "column A", "'HR'", "exists already"]);
    has_all(
        lines[2],
        &["row 5", "column G", "phone", "'12'", "5 to 20 digits"],
    );
    has_all(
        lines[3],
        &[
            "row 6",
            "column E",
            "partner_since",
            "2026-02-30",
            "not a date",
        ],
    );
    has_all(lines[4], &["row 7", "column B", "Name is required"]);
    has_all(
        lines[5],
        &[
            "row 8",
            "column D",
            "kam",
            "nobody",
            "active member of staff",
        ],
    );
    has_all(lines[6], &["nothing was written"]);
    assert!(codes(&k).is_empty(), "not even the good row");
    assert_eq!(history_rows(&k), before, "no history either");

    // In Chinese the same problems, in Chinese.
    let zh = binary::run(k.cmd_with("zh-CN", harness::TESTER, &["customer", "import", p(&book)]));
    has_all(
        &zh.stderr,
        &["第 3 行，C 列", "第 8 行，D 列", "未写入任何数据"],
    );

    // A dry run of the good row says what it would do and writes nothing.
    let good = workbook(
        &k,
        "good.xlsx",
        &[vec![T("客户编号"), T("全称")], vec![T("HR"), T("恒瑞")]],
    );
    let out = k.ok(&["customer", "import", p(&good), "--dry-run"]);
    has_all(&out, &["Dry run", "1 would be added"]);
    assert!(codes(&k).is_empty());

    // A dry run of --skip-invalid says what it would import and reject, and writes nothing.
    let rejects = k.dir.path().join("rejected.xlsx");
    let dry = binary::run(k.cmd(&[
        "customer",
        "import",
        p(&book),
        "--skip-invalid",
        "--dry-run",
        "--rejects",
        p(&rejects),
    ]));
    assert_eq!(dry.code, 0, "{dry:?}");
    has_all(
        &dry.stdout,
        &["1 would be added", "6 rows would be rejected"],
    );
    assert_eq!(
        dry.stderr.lines().count(),
        6,
        "the problems listed: {dry:?}"
    );
    assert!(codes(&k).is_empty() && !rejects.exists());

    // --skip-invalid imports the good rows; the rejected ones go to a workbook, reason first.
    let v = k.json(&[
        "customer",
        "import",
        p(&book),
        "--skip-invalid",
        "--rejects",
        p(&rejects),
    ]);
    assert_eq!(
        (v["created"].as_u64(), v["rejected"].as_u64()),
        (Some(1), Some(6)),
        "{v}"
    );
    assert_eq!(codes(&k), vec!["HR".to_string()]);
    let back = cells(&rejects);
    assert_eq!(back[0][0], "Reason");
    assert_eq!(
        &back[0][1..],
        &heads.map(String::from)[..],
        "the file's own headings follow"
    );
    assert_eq!(back.len(), 7, "the headings and six rows");
    has_all(&back[1][0], &["row 3", "'E'"]);
    assert_eq!(back[1][1], "XG", "the row as it was");
}

#[test]
fn a_chinese_heading_workbook_with_serial_dates_imports() {
    let k = Kefu::new();
    k.staff(&[("li.na", "kam")]);
    k.ok(&["customer", "field", "add", "下次监督审核", "--kind", "date"]);
    let book = workbook(
        &k,
        "客户.xlsx",
        &[
            [
                "客户编号 *",
                "客户名称",
                "等级",
                "客户经理",
                "合作起始",
                "重要程度",
                "联系人",
                "电话",
                "微信",
                "下次监督审核",
            ]
            .iter()
            .map(|h| T(h))
            .collect(),
            // A date typed in Excel (formatted serial), a phone typed as a number, a
            // choice by its Chinese label, a custom date as a bare serial number.
            vec![
                T("HR-01"),
                T("苏州恒瑞化工有限公司"),
                T("B"),
                T("li.na"),
                D(46000.0),
                T("高"),
                T("王伟"),
                N(13800000000.0),
                T("wx_wang"),
                N(46349.0),
            ],
            vec![
                T("XG-02"),
                T("无锡新光照明"),
                T("A"),
                T(""),
                N(45292.0),
                T(""),
                T(""),
                T(""),
                T(""),
                T("2027/3/1"),
            ],
        ],
    );
    let out = k.ok_in("zh-CN", &["customer", "import", p(&book)]);
    has_all(&out, &["新增 2 个"]);
    let v = file(&k, "HR-01");
    let c = &v["customer"];
    assert_eq!(c["partner_since"], "2025-12-09", "{v}");
    assert_eq!(
        (&c["grade"], &c["kam"], &c["importance"]),
        (&"B".into(), &"li.na".into(), &"high".into())
    );
    assert_eq!(c["custom"]["下次监督审核"], "2026-11-23");
    let contact = &c["contacts"][0];
    assert_eq!(
        (&contact["name"], &contact["phone"], &contact["wechat"]),
        (&"王伟".into(), &"13800000000".into(), &"wx_wang".into())
    );
    let v = file(&k, "XG-02");
    assert_eq!(v["customer"]["partner_since"], "2024-01-01");
    assert_eq!(v["customer"]["custom"]["下次监督审核"], "2027-03-01");
    assert_eq!(v["customer"]["contacts"].as_array().map(Vec::len), Some(0));
}

#[test]
fn a_gbk_csv_as_wps_writes_it_imports() {
    let k = Kefu::new();
    let text = "客户编号,客户名称,城市,标签\r\nHR,\"恒瑞化工,苏州\",苏州,出口、汽车\r\n\r\nXG,新光照明,无锡,\r\n";
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    let csv = k.dir.path().join("wps.csv");
    std::fs::write(&csv, &bytes).expect("csv written");
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "really GBK, not UTF-8"
    );
    k.ok(&["customer", "import", p(&csv)]);
    let v = file(&k, "HR");
    assert_eq!(v["customer"]["name"], "恒瑞化工,苏州", "{v}");
    assert_eq!(v["customer"]["tags"], "出口,汽车");
    assert_eq!(file(&k, "XG")["customer"]["city"], "无锡");
    // A problem names the row a spreadsheet shows (the blank line counts).
    let bad = "客户编号,客户名称\r\nHR,恒瑞\r\n\r\nXG,\r\n";
    std::fs::write(&csv, encoding_rs::GBK.encode(bad).0).expect("csv written");
    let err = k.fails(&["customer", "import", p(&csv)], 2);
    has_all(&err, &["row 4, column B", "Name is required"]);
}

#[test]
fn re_import_updates_by_code_with_history_and_never_duplicates() {
    let k = Kefu::new();
    let mut rows = vec![vec![
        T("code"),
        T("name"),
        T("city"),
        T("contact_name"),
        T("contact_phone"),
    ]];
    let names: Vec<(String, String)> = (0..100)
        .map(|i| (format!("C{i:03}"), format!("客户{i}")))
        .collect();
    for (code, name) in &names {
        rows.push(vec![
            T(code),
            T(name),
            T("苏州"),
            T("王伟"),
            T("13800000000"),
        ]);
    }
    let first = workbook(&k, "first.xlsx", &rows);
    let v = k.json(&["customer", "import", p(&first)]);
    assert_eq!(v["created"].as_u64(), Some(100), "{v}");
    // The same file again: nothing changes, nothing is written.
    let before = history_rows(&k);
    let v = k.json(&["customer", "import", p(&first)]);
    assert_eq!(
        (v["created"].as_u64(), v["unchanged"].as_u64()),
        (Some(0), Some(100)),
        "{v}"
    );
    assert_eq!(history_rows(&k), before);
    // Two files move to Wuxi, one contact's phone changes; columns not in the file stay.
    k.ok(&["customer", "edit", "C007", "--industry", "化工"]);
    let moved = workbook(
        &k,
        "moved.xlsx",
        &[
            vec![T("客户代码"), T("城市"), T("联系人"), T("电话")],
            vec![T("C007"), T("无锡"), T("王伟"), T("0512-6688 1234")],
            vec![T("C042"), T("无锡"), T(""), T("")],
        ],
    );
    let v = k.json(&["customer", "import", p(&moved)]);
    assert_eq!(
        (v["created"].as_u64(), v["updated"].as_u64()),
        (Some(0), Some(2)),
        "{v}"
    );
    assert_eq!(codes(&k).len(), 100, "no duplicates");
    let v = file(&k, "C007");
    let c = &v["customer"];
    assert_eq!(
        (&c["city"], &c["industry"], &c["name"]),
        (&"无锡".into(), &"化工".into(), &"客户7".into())
    );
    assert_eq!(
        c["contacts"].as_array().map(Vec::len),
        Some(1),
        "the contact changed, not added"
    );
    assert_eq!(c["contacts"][0]["phone"], "0512-6688 1234");
    let changed: Vec<(String, String, String)> = v["history"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|h| h["action"] == "update")
        .map(|h| {
            let s = |k: &str| h[k].as_str().unwrap_or("").to_string();
            (s("field"), s("old"), s("new"))
        })
        .collect();
    assert!(
        changed.contains(&("city".into(), "苏州".into(), "无锡".into())),
        "{changed:?}"
    );
    assert!(
        changed
            .iter()
            .any(|(f, _, n)| f.ends_with("phone") && n == "0512-6688 1234"),
        "{changed:?}"
    );
}
