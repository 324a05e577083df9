//! `diff`: witnesses in JSON and under `--explain`, `--require` exit codes, changes grouped by
//! pointer, and secrets in a witness masked like everything else printed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

use serde_json::{json, Value};

struct Run {
    code: i32,
    stdout: String,
}

mod common;

fn run(args: &[&str]) -> Run {
    let (code, stdout, _) = common::run(args, b"");
    Run { code, stdout }
}

fn valid(schema: &Value, doc: &Value) -> bool {
    jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .unwrap()
        .is_valid(doc)
}

/// Writes two schemas to a temporary folder; returns their paths.
fn pair(name: &str, old: &Value, new: &Value) -> (String, String) {
    let dir = std::env::temp_dir().join(format!("ma-diff-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (o, n) = (dir.join("old.json"), dir.join("new.json"));
    std::fs::write(&o, old.to_string()).unwrap();
    std::fs::write(&n, new.to_string()).unwrap();
    (o.display().to_string(), n.display().to_string())
}

#[test]
fn json_output_carries_verified_witnesses() {
    let r = run(&["diff", "3.1", "3.2", "--format", "json"]);
    assert_eq!(r.code, 0);
    let report: Value = serde_json::from_str(r.stdout.trim()).unwrap();
    let (old, new) = (
        metaaccess_account::response_schema("3.1".parse().unwrap()),
        metaaccess_account::response_schema("3.2".parse().unwrap()),
    );
    let mut seen = 0;
    for c in report["changes"].as_array().unwrap() {
        if let Some(w) = c["witness"]["forward"].as_object() {
            let w = Value::Object(w.clone());
            assert!(valid(&new, &w) && !valid(&old, &w), "{c}");
            seen += 1;
        }
        assert!(c["witness"]["backward"].is_null(), "{c}");
    }
    assert_eq!(seen, 2, "{}", r.stdout);
    assert!(r.stdout.contains("\"severity\":\"medium\""));
}

#[test]
fn require_sets_the_exit_code() {
    // 3.1 -> 3.2 adds enum values: backward compatible, not forward compatible.
    let code = |req: &str| run(&["diff", "3.1", "3.2", "--require", req]).code;
    assert_eq!(code("backward"), 0);
    assert_eq!(code("forward"), 1);
    assert_eq!(code("full"), 1);
    assert_eq!(run(&["diff", "3.1", "3.1", "--require", "full"]).code, 0);
    // Without --require: 0 whatever the verdict.
    assert_eq!(run(&["diff", "3.0", "3.1"]).code, 0);
    // Usage and I/O errors: 2.
    assert_eq!(
        run(&["diff", "3.1", "3.2", "--require", "sideways"]).code,
        2
    );
    assert_eq!(
        run(&["diff", "3.1", "missing.json", "--require", "backward"]).code,
        2
    );
    // An unclassified change is not compatible in either direction.
    let (o, n) = pair(
        "unknown",
        &json!({"type": "string", "pattern": "^a"}),
        &json!({"type": "string", "pattern": "^b"}),
    );
    assert_eq!(run(&["diff", &o, &n, "--require", "backward"]).code, 1);
    assert_eq!(run(&["diff", &o, &n, "--require", "forward"]).code, 1);
}

#[test]
fn human_output_groups_by_pointer_and_explains() {
    let old = json!({"type": "object", "properties": {"s": {"enum": ["on", "off", "auto"]}},
                     "required": ["s"], "additionalProperties": false});
    let new = json!({"type": "object", "properties": {"s": {"enum": ["on"]}},
                     "required": ["s"], "additionalProperties": false});
    let (o, n) = pair("group", &old, &new);
    let r = run(&["diff", &o, &n]);
    assert_eq!(
        r.stdout.matches("/properties/s/enum").count(),
        1,
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("accepts"), "{}", r.stdout);
    let r = run(&["diff", &o, &n, "--explain"]);
    assert!(
        r.stdout
            .contains(r#"old accepts, new rejects: {"s":"off"}"#),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains(r#"old accepts, new rejects: {"s":"auto"}"#),
        "{}",
        r.stdout
    );
}

#[test]
fn format_annotation_and_draft_options() {
    let (o, n) = pair(
        "format",
        &json!({"type": "string"}),
        &json!({"type": "string", "format": "email"}),
    );
    assert_eq!(run(&["diff", &o, &n, "--require", "backward"]).code, 1);
    let args = ["diff", &o, &n, "--require", "full", "--format-annotation"];
    assert_eq!(run(&args).code, 0);
    assert_eq!(
        run(&["diff", &o, &n, "--draft", "draft-07", "--format", "json"]).code,
        0
    );
}

#[test]
fn a_secret_in_a_witness_is_masked() {
    // A license key in an enum: the witness that carries it, and the change's text, are masked.
    let key = "0123456789abcdef0123456789abcdef";
    let old = json!({"type": "object", "properties": {"license_key": {"enum": [key, "x1"]}},
                     "required": ["license_key"]});
    let new = json!({"type": "object", "properties": {"license_key": {"enum": ["x1"]}},
                     "required": ["license_key"]});
    let (o, n) = pair("secret", &old, &new);
    for format in ["json", "human"] {
        let r = run(&["diff", &o, &n, "--explain", "--format", format]);
        let piece = metaaccess_account_testkit::leaked_piece(&r.stdout, key);
        assert_eq!(piece, None, "{}", r.stdout);
        assert!(r.stdout.contains("license_key"), "{}", r.stdout);
    }
}
