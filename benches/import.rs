//! `kefu customer import` of a 20,000-row workbook (every column kind: choices, a KAM,
//! serial dates, tags, the primary contact, a custom field) into an empty sandbox, then
//! the same file again (every row compared, none written). Prints numbers, asserts nothing.
//!
//! Reproduce: `cargo bench --bench import` (cargo builds the `kefu` binary for benches
//! too; `CARGO_BIN_EXE_kefu` points at it).

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use rust_xlsxwriter::{Format, Workbook};

const ROWS: usize = 20_000;
const RUNS: usize = 5;
const NOW: &str = "2026-11-23 10:00";

fn kefu(bin: &str, db: &Path, cfg: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(bin);
    c.env("XDG_CONFIG_HOME", cfg)
        .env_remove("KEFU_DB")
        .args([
            "--db",
            db.to_str().expect("UTF-8 path"),
            "--now",
            NOW,
            "--user",
            "bench",
            "--lang",
            "en",
        ])
        .args(args);
    c
}

fn run(mut c: Command) {
    let out = c.output().expect("kefu runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The workbook: Chinese headings, as a team's own sheet would have them.
fn workbook(path: &Path) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let heads = [
        "客户编号",
        "客户名称",
        "简称",
        "等级",
        "客户经理",
        "省份",
        "城市",
        "合作起始",
        "标签",
        "重要程度",
        "联系人",
        "电话",
        "电子邮件",
        "微信",
        "合同编号",
    ];
    for (c, h) in heads.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("heading");
    }
    for i in 0..ROWS {
        let r = i as u32 + 1;
        let text = [
            format!("C{i:05}"),
            format!("苏州第{i}号精密机械有限公司"),
            format!("精密{i}"),
            ["A", "B", "C", "D"][i % 4].to_string(),
            ["li.na", "wang.fang"][i % 2].to_string(),
            "江苏".into(),
            ["苏州", "无锡", "常州"][i % 3].into(),
        ];
        for (c, v) in text.iter().enumerate() {
            sheet.write_string(r, c as u16, v).expect("cell");
        }
        sheet
            .write_number_with_format(r, 7, 40_000.0 + (i % 5000) as f64, &date)
            .expect("date");
        let more = [
            "出口,汽车".to_string(),
            ["高", "中", "低"][i % 3].into(),
            format!("联系人{i}"),
            format!("138{i:08}"),
            format!("buyer{i}@example.com"),
            format!("wx_{i}"),
            format!("HT-2026-{i:05}"),
        ];
        for (c, v) in more.iter().enumerate() {
            sheet.write_string(r, 8 + c as u16, v).expect("cell");
        }
    }
    book.save(path).expect("workbook saved");
}

fn show(label: &str, mut ms: Vec<f64>) {
    ms.sort_by(f64::total_cmp);
    let n = ms.len();
    let med = (ms[(n - 1) / 2] + ms[n / 2]) / 2.0;
    println!(
        "  {label:<44} min {:8.0}  median {med:8.0}  max {:8.0} ms ({:.0} rows/s at the median)",
        ms[0],
        ms[n - 1],
        ROWS as f64 / med * 1000.0
    );
}

fn main() {
    let bin = env!("CARGO_BIN_EXE_kefu");
    let dir = tempfile::tempdir().expect("temp dir");
    let cfg = dir.path().join("config");
    std::fs::create_dir(&cfg).expect("config dir");
    let book = dir.path().join("customers.xlsx");
    let t0 = Instant::now();
    workbook(&book);
    let size = std::fs::metadata(&book).map(|m| m.len()).unwrap_or(0);
    println!(
        "customer import: {ROWS} rows, {} KB workbook (made in {:.0} ms); {RUNS} runs each",
        size / 1024,
        t0.elapsed().as_secs_f64() * 1000.0
    );
    let empty = dir.path().join("empty.db");
    run(kefu(bin, &empty, &cfg, &["init", "--sandbox"]));
    for (who, role) in [("li.na", "kam"), ("wang.fang", "kam")] {
        run(kefu(
            bin,
            &empty,
            &cfg,
            &["staff", "add", who, "--name", who, "--role", role],
        ));
    }
    run(kefu(
        bin,
        &empty,
        &cfg,
        &["customer", "field", "add", "合同编号"],
    ));
    let (mut fresh, mut again, mut dry) = (Vec::new(), Vec::new(), Vec::new());
    let file = book.to_str().expect("UTF-8 path");
    for i in 0..RUNS {
        let db = dir.path().join(format!("run{i}.db"));
        std::fs::copy(&empty, &db).expect("copy the empty database");
        let time = |args: &[&str]| {
            let t = Instant::now();
            run(kefu(bin, &db, &cfg, args));
            t.elapsed().as_secs_f64() * 1000.0
        };
        dry.push(time(&["customer", "import", file, "--dry-run"]));
        fresh.push(time(&["customer", "import", file]));
        again.push(time(&["customer", "import", file]));
    }
    show("--dry-run into an empty database", dry);
    show("import into an empty database", fresh);
    show("the same file again (all unchanged)", again);
}
