//! The `--format json` output is a contract: every line `validate`, `detect`, `upgrade` and
//! `downgrade` write, on every fixture, sample and bad input, is valid against its schema in
//! `schemas/cli/` (generated from the record types by `cargo xtask schemas`), with exactly the
//! members the schema lists.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

mod common;

use std::collections::BTreeSet;

use serde_json::Value;

use common::root;

/// The schemas, by file name.
fn schema(name: &str) -> Value {
    let path = root().join("schemas/cli").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// Which schemas a line may match, by subcommand.
struct Contract {
    schemas: Vec<(String, Value, jsonschema::Validator)>,
}

impl Contract {
    fn new(names: &[&str]) -> Self {
        let schemas = names
            .iter()
            .map(|n| {
                let s = schema(n);
                let v = jsonschema::validator_for(&s).unwrap();
                ((*n).to_owned(), s, v)
            })
            .collect();
        Self { schemas }
    }

    /// The schema the line matches: exactly one, and its members exactly the schema's.
    fn check(&self, what: &str, line: &str) -> String {
        let value: Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {line}"));
        let matching: Vec<&(String, Value, jsonschema::Validator)> = self
            .schemas
            .iter()
            .filter(|(_, _, v)| v.is_valid(&value))
            .collect();
        let [(name, schema, _)] = matching.as_slice() else {
            let why: Vec<String> = self
                .schemas
                .iter()
                .map(|(n, _, v)| {
                    let errors: Vec<String> =
                        v.iter_errors(&value).map(|e| e.to_string()).collect();
                    format!("{n}: {errors:?}")
                })
                .collect();
            panic!(
                "{what}: {} schemas match {line}\n{}",
                matching.len(),
                why.join("\n")
            );
        };
        let members: BTreeSet<&String> = value.as_object().unwrap().keys().collect();
        let listed: BTreeSet<&String> = schema["properties"].as_object().unwrap().keys().collect();
        assert_eq!(members, listed, "{what}: {line} against {name}");
        name.clone()
    }
}

/// Every input the repository holds: fixtures, samples, bad inputs, the model crates'
/// fixtures.
fn inputs() -> Vec<String> {
    let mut dirs = vec!["fixtures".to_owned(), "samples".to_owned()];
    for entry in std::fs::read_dir(root().join("crates")).unwrap() {
        let dir = entry.unwrap().path().join("fixtures");
        if dir.is_dir() {
            dirs.push(dir.strip_prefix(root()).unwrap().display().to_string());
        }
    }
    dirs.sort();
    dirs
}

fn run(args: &[&str]) -> (i32, String, String) {
    let mut all: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
    all.extend(inputs());
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    common::run(&all, b"")
}

#[test]
fn validate_lines_match_the_verdict_and_summary_schemas() {
    let contract = Contract::new(&[
        "validate.verdict.schema.json",
        "validate.summary.schema.json",
    ]);
    for extra in [
        &[][..],
        &["--kind", "request"][..],
        &["--strict", "--max-errors", "1"][..],
    ] {
        let mut args = vec!["validate", "--format", "json"];
        args.extend_from_slice(extra);
        let (code, out, err) = run(&args);
        assert!(code == 0 || code == 1, "{err}");
        let names: Vec<String> = out.lines().map(|l| contract.check("validate", l)).collect();
        assert!(names.len() > 50, "{out}");
        assert_eq!(names.last().unwrap(), "validate.summary.schema.json");
        assert_eq!(names.iter().filter(|n| n.contains("summary")).count(), 1);
        // Every status appears, so every branch of the schema met real output.
        for status in ["valid", "invalid", "drift", "skipped"] {
            if extra.is_empty() {
                assert!(
                    out.contains(&format!("\"status\":\"{status}\"")),
                    "{status}"
                );
            }
        }
    }
}

#[test]
fn detect_lines_match_the_detection_schema() {
    let contract = Contract::new(&["detect.detection.schema.json"]);
    let (code, out, err) = run(&["detect", "--format", "json"]);
    assert!(code == 0 || code == 1, "{err}");
    assert!(out.lines().count() > 50);
    for line in out.lines() {
        contract.check("detect", line);
    }
    for outcome in ["one", "several", "drift", "none", "skipped"] {
        assert!(
            out.contains(&format!("\"outcome\":\"{outcome}\"")),
            "{outcome}"
        );
    }
}

#[test]
fn conversion_reports_match_the_report_schema() {
    let contract = Contract::new(&[
        "convert.report.schema.json",
        "convert.summary.schema.json",
        "validate.verdict.schema.json",
    ]);
    let mut seen = String::new();
    // devices_critical > devices_issues: values the target cannot hold are carried; and a
    // member 3.0 does not document.
    let carried = common::scratch_file(
        "json-contract",
        "carried.json",
        br#"{"name": "n", "email": "a@b.co", "last_login": "2017-03-09T08:00:00Z",
            "date_created": "2013-10-04T08:00:00Z", "devices_allowed": 5, "devices_used": 1,
            "devices_uncompliant": 0, "devices_critical": 9, "devices_issues": 2,
            "devices_unknown": 0, "region": "eu"}"#,
    );
    for (command, to) in [
        ("upgrade", "3.2"),
        ("downgrade", "2.0"),
        ("downgrade", "3.0"),
        ("upgrade", "3.1"),
    ] {
        let report = common::scratch("json-contract", &format!("{command}-{to}.report"));
        let report_arg = report.display().to_string();
        // Reports on standard error (with the verdicts of records that could not be converted),
        let (_, _, err) = run(&[
            command,
            "--to",
            to,
            "--format",
            "json",
            "--exit-zero",
            &carried,
        ]);
        for line in err.lines().filter(|l| l.starts_with('{')) {
            contract.check(command, line);
            seen.push_str(line);
        }
        assert!(!err
            .lines()
            .any(|l| l.starts_with("{\"") && l.contains("panicked")));
        // and in --report, where every line is a report.
        let (_, _, err) = run(&[
            command,
            "--to",
            to,
            "--report",
            &report_arg,
            "--exit-zero",
            &carried,
        ]);
        let text = std::fs::read_to_string(&report).unwrap();
        assert!(text.lines().count() > 10, "{err}");
        for line in text.lines() {
            assert_eq!(contract.check(command, line), "convert.report.schema.json");
        }
    }
    for part in [
        "\"outcome\":\"partial\"",
        "\"outcome\":\"complete\"",
        ":derived:",
        "\"carried\":[\"/",
        "\"unknown\":[\"/",
        "\"conversion_summary\"",
    ] {
        assert!(seen.contains(part), "{part} never met");
    }
}

#[test]
fn a_withheld_line_matches_the_withheld_schema() {
    // A member named after the record's license key: its pointer is the tool's own text, never
    // masked, so the last check withholds the line.
    let key = "testcccd3e7201ee83e2c4b9f6dfc96c";
    let sample = std::fs::read_to_string(root().join("samples/responses/v3.2.json")).unwrap();
    let mut doc: Value = serde_json::from_str(&sample).unwrap();
    doc[key] = Value::from(1);
    doc["license_key"] = Value::from(key);
    let file = common::scratch_file(
        "json-contract",
        "withheld.ndjson",
        format!("{doc}\n").as_bytes(),
    );
    let contract = Contract::new(&[
        "withheld.schema.json",
        "validate.verdict.schema.json",
        "validate.summary.schema.json",
        "detect.detection.schema.json",
    ]);
    let mut withheld = 0;
    for command in ["validate", "detect"] {
        let (_, out, _) = common::run(&[command, "--format", "json", &file], b"");
        for line in out.lines() {
            if contract.check(command, line) == "withheld.schema.json" {
                withheld += 1;
            }
        }
    }
    assert_eq!(withheld, 2);
}

#[test]
fn schemas_reject_what_the_contract_excludes() {
    let verdict = jsonschema::validator_for(&schema("validate.verdict.schema.json")).unwrap();
    let good = serde_json::json!({
        "source": "-", "locator": "line 1", "kind": "response", "api_version": "3.1",
        "also_valid_as": [], "status": "valid", "errors": [], "more_errors": 0, "note": null
    });
    assert!(verdict.is_valid(&good));
    for (key, bad) in [
        ("status", Value::from("fine")),
        ("api_version", Value::from("three")),
        ("kind", Value::from("reply")),
        ("more_errors", Value::from(-1)),
    ] {
        let mut v = good.clone();
        v[key] = bad;
        assert!(!verdict.is_valid(&v), "{key}");
    }
    let mut v = good.clone();
    v.as_object_mut().unwrap().remove("note");
    assert!(!verdict.is_valid(&v), "note is always written");
}
