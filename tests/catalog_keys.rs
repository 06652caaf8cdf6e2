//! Every catalog key the code uses exists in both catalogs: the literal keys in the
//! source, every vocabulary's labels and every declared field's label.

use std::path::Path;

use kefu::i18n::Catalog;

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("source is UTF-8");
            out.push((path.display().to_string(), text));
        }
    }
}

fn all_sources() -> Vec<(String, String)> {
    let mut out = Vec::new();
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
    assert!(out.len() > 20, "found the sources");
    out
}

/// The top-level sections of the catalog (`err`, `field`, ...).
fn sections() -> Vec<String> {
    let mut s: Vec<String> = Catalog::en()
        .keys()
        .filter_map(|k| k.split_once('.').map(|(a, _)| a.to_string()))
        .collect();
    s.sort();
    s.dedup();
    s
}

/// String literals of the form `section.key` (no placeholders) in `text`.
fn literal_keys<'a>(text: &'a str, sections: &[String]) -> Vec<&'a str> {
    let mut keys = Vec::new();
    for (i, piece) in text.split('"').enumerate() {
        // Odd pieces are inside quotes (good enough for this code base: no `\"` in keys).
        if i % 2 == 0 {
            continue;
        }
        let Some((head, tail)) = piece.split_once('.') else {
            continue;
        };
        let shaped = !tail.is_empty()
            && tail
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
            && head.chars().all(|c| c.is_ascii_lowercase() || c == '_');
        if shaped && sections.iter().any(|s| s == head) {
            keys.push(piece);
        }
    }
    keys
}

/// Literals that look like keys but are not: file names.
const NOT_KEYS: &[&str] = &["config.toml", "holidays.toml"];

fn missing_in_either(key: &str) -> bool {
    Catalog::en().get_owned(key).is_none() || Catalog::zh().get_owned(key).is_none()
}

#[test]
fn every_literal_key_in_the_code_is_in_both_catalogs() {
    let sections = sections();
    let mut missing = Vec::new();
    let mut seen = 0;
    for (path, text) in all_sources() {
        for key in literal_keys(&text, &sections) {
            seen += 1;
            if !NOT_KEYS.contains(&key) && missing_in_either(key) {
                missing.push(format!("{path}: {key}"));
            }
        }
    }
    assert!(seen > 100, "the scan finds the keys ({seen})");
    assert!(
        missing.is_empty(),
        "keys missing from a catalog:\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_vocabulary_label_is_in_both_catalogs() {
    let mut missing = Vec::new();
    let mut vocabularies = 0;
    for (path, text) in all_sources() {
        let code: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        for block in code.split("vocabulary!(").skip(1) {
            let Some(body) = block.split_once(");").map(|(b, _)| b) else {
                continue;
            };
            // `Name, "prefix" { A = "a", B = "b" }`
            let Some(prefix) = body.split('"').nth(1) else {
                continue;
            };
            let Some(list) = body.split_once('{').map(|(_, l)| l) else {
                continue;
            };
            vocabularies += 1;
            for code in list.split('"').skip(1).step_by(2) {
                let key = format!("{prefix}.{code}");
                if missing_in_either(&key) {
                    missing.push(format!("{path}: {key}"));
                }
            }
        }
    }
    assert!(
        vocabularies >= 10,
        "found the vocabularies ({vocabularies})"
    );
    assert!(
        missing.is_empty(),
        "labels missing:\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_declared_field_has_a_label_in_both_catalogs() {
    let mut missing = Vec::new();
    for (table, fields) in kefu::domain::RECORDS {
        for f in *fields {
            if missing_in_either(&f.label_key()) {
                missing.push(format!("{table}: {}", f.label_key()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "field labels missing:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_scan_would_catch_a_missing_key() {
    let sections = sections();
    let text = r#"cat.get("err.no_such_key_anywhere"); let f = "config.toml"; "x.y""#;
    let keys = literal_keys(text, &sections);
    assert_eq!(keys, ["err.no_such_key_anywhere", "config.toml"]);
    assert!(missing_in_either(keys[0]));
}

/// The names in `FieldId::named("x")` in `text`: an error names field `x` by `field.x`.
fn named_fields(text: &str) -> Vec<&str> {
    text.split("FieldId::named(\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(name, _)| name))
        .collect()
}

#[test]
fn every_field_an_error_names_has_a_label_in_both_catalogs() {
    let mut missing = Vec::new();
    let mut seen = 0;
    for (path, text) in all_sources() {
        if path.ends_with("_tests.rs") {
            continue;
        }
        // Test modules name made-up fields; only what users can see counts.
        let shipped = text.split("#[cfg(test)]").next().unwrap_or_default();
        for name in named_fields(shipped) {
            seen += 1;
            let key = format!("field.{name}");
            if missing_in_either(&key) {
                missing.push(format!("{path}: {key}"));
            }
        }
    }
    assert!(seen > 20, "the scan finds the named fields ({seen})");
    assert_eq!(named_fields(r#"FieldId::named("due"), x"#), ["due"]);
    assert!(
        missing.is_empty(),
        "errors name fields with no label:\n{}",
        missing.join("\n")
    );
}
