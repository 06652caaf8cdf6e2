//! The customer file from the command line: every field, contacts with WeChat and LINE
//! and the NPS contact, edits with history, and the refusals that leave it unchanged.

use serde_json::Value;

#[path = "common/binary.rs"]
mod binary;
#[path = "common/harness.rs"]
mod harness;
use binary::has_all;
use harness::Kefu;

fn file(k: &Kefu, code: &str) -> Value {
    k.json(&["customer", "show", code])
}

#[test]
fn contact_parts_wechat_and_line_are_kept_and_a_seventh_is_refused() {
    let k = Kefu::new();
    let code = k.ok(&[
        "customer",
        "add",
        "--name",
        "恒瑞化工",
        "--contact",
        "王伟,采购,13800000000,wang@hr.cn,wx_wang,line_wang",
    ]);
    let v = file(&k, code.trim());
    let c = &v["customer"]["contacts"][0];
    assert_eq!(
        (&c["role"], &c["wechat"], &c["line"]),
        (&"purchasing".into(), &"wx_wang".into(), &"line_wang".into()),
        "{v}"
    );
    let err = k.fails(
        &[
            "customer",
            "add",
            "--name",
            "x",
            "--contact",
            "a,,,,,,extra",
        ],
        2,
    );
    has_all(&err, &["--contact", "extra", "six parts"]);
    // Nothing was written by the refused add.
    let list = k.json(&["customer", "list"]);
    assert_eq!(list.as_array().map(Vec::len), Some(1), "{list}");
}

#[test]
fn tags_assessment_and_grading_inputs_are_fields() {
    let k = Kefu::new();
    k.ok(&[
        "customer",
        "add",
        "--code",
        "HR",
        "--name",
        "恒瑞化工",
        "--tags",
        "出口、汽车, 出口 ,",
        "--importance",
        "高",
        "--payment",
        "after_reminders",
        "--brand",
        "yes",
    ]);
    let v = file(&k, "HR");
    let c = &v["customer"];
    assert_eq!(
        c["tags"], "出口,汽车",
        "separators, blanks and repeats: {v}"
    );
    assert_eq!(c["importance"], "high", "a Chinese label picks the code");
    assert_eq!(c["payment"], "after_reminders");
    assert_eq!(c["brand"], "yes");
    let err = k.fails(&["customer", "edit", "HR", "--renewal", "maybe"], 2);
    has_all(&err, &["--renewal", "maybe"]);
}

#[test]
fn edit_changes_only_what_is_given_with_history_and_clears_on_empty() {
    let k = Kefu::new();
    k.ok(&[
        "customer",
        "add",
        "--code",
        "HR",
        "--name",
        "恒瑞化工",
        "--city",
        "苏州",
        "--province",
        "江苏",
    ]);
    let out = k.ok(&["customer", "edit", "HR", "--city", "无锡", "--province", ""]);
    has_all(&out, &["HR", "City", "Province"]);
    let v = file(&k, "HR");
    assert_eq!(v["customer"]["city"], "无锡", "{v}");
    assert_eq!(
        v["customer"]["province"],
        Value::Null,
        "an empty value clears"
    );
    assert_eq!(v["customer"]["name"], "恒瑞化工", "untouched");
    let changes: Vec<(&str, &str)> = v["history"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|h| h["action"] == "update")
        .map(|h| {
            (
                h["field"].as_str().unwrap_or(""),
                h["old"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(changes, vec![("province", "江苏"), ("city", "苏州")]);
    // The same edit again changes nothing and writes nothing.
    has_all(
        &k.ok(&["customer", "edit", "HR", "--city", "无锡"]),
        &["Nothing changed"],
    );
    assert_eq!(file(&k, "HR")["history"], v["history"]);
    // A bad value names the flag and leaves the file as it was.
    let err = k.fails(
        &["customer", "edit", "HR", "--partner-since", "2020-02-31"],
        2,
    );
    has_all(&err, &["--partner-since"]);
    assert_eq!(file(&k, "HR")["customer"], v["customer"]);
    has_all(
        &k.fails(&["customer", "edit", "NOPE", "--city", "x"], 2),
        &["NOPE"],
    );
}

#[test]
fn a_grade_change_needs_a_manager_and_keeps_its_basis() {
    let k = Kefu::new();
    k.staff(&[("li.na", "kam"), ("zhang.wei", "manager")]);
    k.ok(&["customer", "add", "--code", "HR", "--name", "恒瑞化工"]);
    let err = k.fails_as("li.na", &["customer", "edit", "HR", "--grade", "A"], 1);
    has_all(&err, &["grade", "manager"]);
    assert_eq!(file(&k, "HR")["customer"]["grade"], Value::Null);
    k.ok_as(
        "zhang.wei",
        &[
            "customer",
            "edit",
            "HR",
            "--grade",
            "A",
            "--basis",
            "客户申请特批",
        ],
    );
    let g = &file(&k, "HR")["customer"]["grade_history"][0];
    assert_eq!(
        (&g["grade"], &g["basis"]),
        (&"A".into(), &"客户申请特批".into())
    );
    assert_eq!(g["changed_by"], "zhang.wei");
}

#[test]
fn contacts_are_added_changed_and_removed_by_name() {
    let k = Kefu::new();
    k.ok(&["customer", "add", "--code", "HR", "--name", "恒瑞化工"]);
    k.ok(&[
        "contact", "add", "HR", "--name", "李四", "--nps", "是", "--line", "li4",
    ]);
    let v = file(&k, "HR");
    let c = &v["customer"]["contacts"][0];
    assert_eq!(
        (&c["role"], &c["nps"]),
        (&"other".into(), &"yes".into()),
        "{v}"
    );
    // A second 李四 is refused; a name is how commands find a contact.
    has_all(
        &k.fails(&["contact", "add", "HR", "--name", "李四"], 2),
        &["--name", "李四", "exists"],
    );
    has_all(
        &k.fails(&["contact", "edit", "HR", "李四", "--phone", "123"], 2),
        &["--phone", "123"],
    );
    k.ok(&[
        "contact",
        "edit",
        "HR",
        "李四",
        "--phone",
        "0512-6688 1234",
        "--role",
        "技术",
    ]);
    let v = file(&k, "HR");
    let c = &v["customer"]["contacts"][0];
    assert_eq!(
        (&c["phone"], &c["role"]),
        (&"0512-6688 1234".into(), &"technical".into())
    );
    let fields: Vec<&str> = v["history"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|h| h["entity"] == "contact" && h["action"] == "update")
        .filter_map(|h| h["field"].as_str())
        .collect();
    assert_eq!(fields, vec!["李四.role", "李四.phone"], "{v}");
    has_all(
        &k.fails(&["contact", "remove", "HR", "王五"], 2),
        &["HR 王五"],
    );
    k.ok(&["contact", "remove", "HR", "李四"]);
    let v = file(&k, "HR");
    assert_eq!(v["customer"]["contacts"], Value::Array(vec![]), "{v}");
    let last = v["history"].as_array().and_then(|h| h.last()).cloned();
    assert_eq!(last.map(|h| h["action"].clone()), Some("delete".into()));
    // The name is free again.
    k.ok(&["contact", "add", "HR", "--name", "李四"]);
}

#[test]
fn custom_fields_are_defined_by_an_admin_checked_by_kind_and_counted_when_required() {
    let k = Kefu::new();
    k.staff(&[("li.na", "kam")]);
    // Only an administrator defines fields.
    k.fails_as("li.na", &["customer", "field", "add", "合同编号"], 1);
    k.ok(&["customer", "field", "add", "合同编号", "--required"]);
    k.ok(&["customer", "field", "add", "下次监督审核", "--kind", "日期"]);
    has_all(
        &k.fails(&["customer", "field", "add", "合同编号"], 2),
        &["合同编号", "exists"],
    );
    has_all(&k.fails(&["customer", "field", "add", "a=b"], 2), &["a=b"]);
    k.ok(&["customer", "add", "--code", "CB", "--name", "认证客户"]);
    let before = file(&k, "CB");
    // A bad date names the custom field; nothing of the edit is written, not even the city.
    let err = k.fails(
        &[
            "customer",
            "edit",
            "CB",
            "--city",
            "苏州",
            "--custom",
            "合同编号=HT-01",
            "--custom",
            "下次监督审核=2027-02-30",
        ],
        2,
    );
    has_all(&err, &["下次监督审核", "2027-02-30"]);
    assert_eq!(file(&k, "CB"), before);
    has_all(
        &k.fails(&["customer", "edit", "CB", "--custom", "证书编号=1"], 2),
        &["证书编号"],
    );
    k.ok(&[
        "customer",
        "edit",
        "CB",
        "--custom",
        "合同编号=HT-01",
        "--custom",
        "下次监督审核=2027-03-01",
        "--product",
        "LED 灯珠=3030 白光",
        "--product",
        "驱动电源",
    ]);
    let v = file(&k, "CB");
    let c = &v["customer"];
    assert_eq!(c["custom"]["合同编号"], "HT-01", "{v}");
    assert_eq!(c["custom"]["下次监督审核"], "2027-03-01");
    assert_eq!(c["products"][0]["spec"], "3030 白光");
    assert_eq!(c["products"][1]["spec"], Value::Null);
    // The required custom field counts: 2 declared-required filled of 11 + 1 custom.
    let text = k.ok(&["customer", "show", "CB"]);
    has_all(&text, &["合同编号", "HT-01", "LED 灯珠", "3030 白光"]);
    // A field in use cannot be removed; an unused one can.
    has_all(
        &k.fails(&["customer", "field", "remove", "合同编号"], 2),
        &["合同编号 (1)"],
    );
    k.ok(&[
        "customer",
        "edit",
        "CB",
        "--custom",
        "合同编号=",
        "--drop-product",
        "驱动电源",
    ]);
    k.ok(&["customer", "field", "remove", "合同编号"]);
    let v = file(&k, "CB");
    assert_eq!(
        v["customer"]["products"].as_array().map(Vec::len),
        Some(1),
        "{v}"
    );
    let fields: Vec<&str> = v["history"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|h| h["field"].as_str())
        .collect();
    for f in [
        "custom.合同编号",
        "custom.下次监督审核",
        "product.LED 灯珠",
        "product.驱动电源",
    ] {
        assert!(fields.contains(&f), "{f} in {fields:?}");
    }
}

#[test]
fn the_list_filters_and_sorts_by_custom_fields_and_completeness() {
    let k = Kefu::new();
    k.ok(&["customer", "field", "add", "证书编号", "--required"]);
    k.ok(&["customer", "field", "add", "人数", "--kind", "number"]);
    k.ok(&[
        "customer",
        "add",
        "--code",
        "A1",
        "--name",
        "甲",
        "--custom",
        "人数=9",
        "--custom",
        "证书编号=Z1",
    ]);
    k.ok(&[
        "customer",
        "add",
        "--code",
        "A2",
        "--name",
        "乙",
        "--custom",
        "人数=10",
        "--city",
        "苏州",
        "--province",
        "江苏",
    ]);
    k.ok(&["customer", "add", "--code", "A3", "--name", "丙"]);
    let codes = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["customer", "list"];
        all.extend_from_slice(args);
        k.json(&all)
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|r| r["code"].as_str().map(str::to_string))
            .collect()
    };
    // Numbers sort as numbers (9 before 10); a file without a value is last both ways.
    assert_eq!(codes(&["--sort", "人数"]), ["A1", "A2", "A3"]);
    assert_eq!(codes(&["--sort", "人数", "--desc"]), ["A2", "A1", "A3"]);
    assert_eq!(codes(&["--where", "证书编号=Z1"]), ["A1"]);
    assert_eq!(codes(&["--where", "city=苏州"]), ["A2"]);
    assert_eq!(
        codes(&["--sort", "completeness", "--desc"]),
        ["A2", "A1", "A3"]
    );
    let v = k.json(&["customer", "list", "--incomplete", "--where", "code=A3"]);
    assert_eq!(
        v,
        Value::Array(vec![]),
        "code is not a field to filter by: {v}"
    );
    let v = k.json(&["customer", "list", "--incomplete", "--sort", "code"]);
    let a1 = &v[0];
    assert_eq!(a1["code"], "A1");
    let missing: Vec<&str> = a1["completeness"]["missing"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        missing.contains(&"Contacts") && !missing.contains(&"证书编号"),
        "{a1}"
    );
    assert!(
        v[2]["completeness"]["missing"]
            .to_string()
            .contains("证书编号"),
        "{v}"
    );
    has_all(
        &k.fails(&["customer", "list", "--sort", "nope"], 2),
        &["--sort", "nope"],
    );
}

#[test]
fn the_quarterly_check_lists_files_not_confirmed_for_90_days_until_confirmed() {
    let k = Kefu::new();
    k.ok(&["customer", "add", "--code", "OLD", "--name", "老客户"]);
    let due = |now: &str| -> Vec<String> {
        let out = k.ok_at(now, &["--json", "customer", "check"]);
        let v: Value = serde_json::from_str(&out).unwrap_or_default();
        v["due"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|r| r["code"].as_str().map(str::to_string))
            .collect()
    };
    assert!(due("2027-02-20 10:00").is_empty(), "89 days after creation");
    assert_eq!(due("2027-02-21 10:00"), ["OLD"], "90 days after creation");
    k.ok_at("2027-02-21 11:00", &["customer", "confirm", "OLD"]);
    assert!(due("2027-05-21 10:00").is_empty());
    assert_eq!(due("2027-05-22 11:00"), ["OLD"]);
    has_all(&k.fails(&["customer", "confirm", "NOPE"], 2), &["NOPE"]);
}
