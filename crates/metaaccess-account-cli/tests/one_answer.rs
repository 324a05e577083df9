//! One answer whatever the door or the subcommand: `validate` and `detect` say a problem in
//! the same words, `detect` has one record shape and follows `validate`'s exit code, what a
//! `$conversion` envelope carries is checked and masked, options are used or refused, and the
//! edges of reading (empty folders, line offsets) are said, not hidden.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

mod common;

use common::{root, run, scratch_file};
use serde_json::{json, Value};

fn doc31() -> Value {
    let text = std::fs::read_to_string(
        root().join("crates/metaaccess-account-v3_1/fixtures/response/valid/doc-example.json"),
    )
    .unwrap();
    serde_json::from_str(&text).unwrap()
}

fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// A drift-only document: no version accepts it strictly, two read it apart from one
/// undocumented status. `validate` calls it drift (exit 0), so `detect` must not call it
/// unmatched (it exited 1), and both pick the same version by the one tie rule: the oldest.
#[test]
fn detect_follows_validate_on_drift_and_ties() {
    let mut doc = doc31();
    doc["devices_by_status"][0]["status"] = json!("quarantined");
    let input = doc.to_string();
    let (code, out, _) = run(&["detect", "--format", "json", "-"], input.as_bytes());
    assert_eq!(code, 0, "drift is not unmatched: {out}");
    let rec = &json_lines(&out)[0];
    assert_eq!(rec["outcome"], "drift");
    assert_eq!(rec["drift"][0]["version"], "3.1", "oldest first");
    let (code, out, _) = run(&["validate", "--format", "json", "-"], input.as_bytes());
    assert_eq!(code, 0);
    let verdict = &json_lines(&out)[0];
    assert_eq!(verdict["status"], "drift");
    // One tie rule: the same version a valid document of this shape is given.
    assert_eq!(verdict["api_version"], "3.1");
    let (_, valid, _) = run(
        &["validate", "--format", "json", "-"],
        doc31().to_string().as_bytes(),
    );
    assert_eq!(json_lines(&valid)[0]["api_version"], "3.1");
    // The same words for the same problem.
    assert_eq!(
        verdict["errors"][0]["message"], rec["drift"][0]["message"],
        "validate and detect render one problem two ways"
    );
    assert_eq!(
        verdict["errors"][0]["instance_path"],
        rec["drift"][0]["instance_path"]
    );
}

/// `detect --format json` writes one record shape, for documents and for input that is not a
/// document at all.
#[test]
fn detect_json_has_one_record_shape() {
    let (_, out, _) = run(
        &["detect", "--format", "json", "samples/stream.ndjson"],
        b"",
    );
    let records = json_lines(&out);
    assert!(records.len() >= 7, "{out}");
    let keys = |v: &Value| {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    let first = keys(&records[0]);
    for r in &records {
        assert_eq!(keys(r), first, "{r}");
    }
    // The truncated line 8 is a record of that shape too, with its reason.
    let broken = records.iter().find(|r| r["locator"] == "line 8").unwrap();
    assert_eq!(broken["outcome"], "none");
    assert!(broken["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("truncated JSON"));
}

#[test]
fn options_are_used_or_refused() {
    let (code, _, err) = run(&["detect", "--api-version", "3.1", "samples/"], b"");
    assert_eq!(code, 2, "detect --api-version was accepted and ignored");
    assert!(err.contains("--api-version"), "{err}");
    // upgrade --format json: reports are JSON lines on standard error.
    let (code, out, err) = run(
        &["upgrade", "--format", "json", "samples/responses/v3.0.json"],
        b"",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(json_lines(&out).len(), 1, "the document on stdout");
    // One report per record, then the summary: every line on stderr is JSON.
    let lines = json_lines(&err);
    assert_eq!(lines.len(), 2, "{err}");
    assert_eq!(lines[0]["from"], "3.0");
    assert_eq!(lines[0]["to"], "3.2");
    assert!(lines[1]["conversion_summary"].is_object(), "{err}");
    // `schema` prints the Draft-07 file too.
    let (code, out, _) = run(&["schema", "3.2", "--dialect", "draft-07"], b"");
    assert_eq!(code, 0);
    let schema: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
}

/// Forged carried values are refused with the pointer named and the value not shown; nothing
/// is written as a converted document.
#[test]
fn forged_carried_values_are_refused() {
    for forged in [json!("abc"), json!(-5), json!(1e30), json!({"a": 1})] {
        let mut doc = doc31();
        doc["$conversion"] = json!({"version": "3.1", "carried": [
            {"version": "3.0", "pointer": "/devices_issues", "value": forged, "reason": "forged"}]});
        let (code, out, err) = run(
            &["downgrade", "--to", "3.0", "-"],
            doc.to_string().as_bytes(),
        );
        assert_eq!(code, 1, "{forged}: {out}{err}");
        assert!(out.trim().is_empty(), "{forged} wrote a document: {out}");
        assert!(err.contains("/devices_issues"), "{err}");
        assert!(!err.contains("abc") && !err.contains("1e30"), "{err}");
    }
}

/// A value carried at a secret-named pointer is a secret: masked in reports and `--report`,
/// redacted by `--redact`.
#[test]
fn carried_secrets_are_masked_and_redacted() {
    let key = "CARRIEDsecretKEY0123456789";
    let mut doc = doc31();
    doc["$conversion"] = json!({"version": "3.1", "unknown": [
        {"version": "3.0", "pointer": "/x_meta/api_key", "value": key, "reason": "not documented in 3.0"}]});
    let report = common::scratch("one-answer", "carried-report.ndjson");
    let report = report.display().to_string();
    let (code, out, err) = run(
        &["upgrade", "--report", &report, "-"],
        doc.to_string().as_bytes(),
    );
    assert_eq!(code, 0, "{err}");
    let written = std::fs::read_to_string(&report).unwrap();
    for (what, text) in [("stderr", &err), ("--report", &written)] {
        assert!(
            !text.contains(&key[..12]),
            "{what} shows the carried secret: {text}"
        );
    }
    assert!(out.contains(key), "the document itself is data: {out}");
    let (_, out, _) = run(&["upgrade", "--redact", "-"], doc.to_string().as_bytes());
    assert!(!out.contains(&key[..12]), "--redact kept it: {out}");
}

/// A downgrade report names the versions the user asked for, not the steps in between.
#[test]
fn a_downgrade_report_names_no_intermediate_version() {
    let (code, _, err) = run(
        &[
            "downgrade",
            "--to",
            "3.0",
            "crates/metaaccess-account-v3_2/fixtures/response/valid/high-and-medium-severities.json",
        ],
        b"",
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("3.2 -> 3.0"), "{err}");
    // Said of what the target lacks ("versions before 3.1 …"), never as a step's own version.
    for step in ["3.1 has", "3.1 does", "-> 3.1", "3.1 ->"] {
        assert!(!err.contains(step), "{step}: {err}");
    }
}

/// The wrong direction is a usage error, said as one (not an `invalid` verdict).
#[test]
fn a_wrong_direction_is_a_usage_error() {
    let (code, out, err) = run(
        &["upgrade", "--to", "3.0", "samples/responses/v3.2.json"],
        b"",
    );
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains("use downgrade --to 3.0"), "{err}");
    assert!(!err.contains("invalid"), "{err}");
}

#[test]
fn reading_edges_are_said() {
    let dir = common::scratch("one-answer", "empty-dir");
    std::fs::create_dir_all(&dir).unwrap();
    let _ = std::fs::write(dir.join("notes.txt"), "not an input");
    let (code, out, err) = run(&["validate", dir.to_str().unwrap()], b"");
    assert_eq!(code, 2, "an empty folder is not a success: {out}{err}");
    assert!(err.contains("no file to read"), "{err}");

    let (code, _, err) = run(&["validate", "-"], b"\n\n");
    assert_eq!(code, 0);
    assert!(err.contains("warning: no records"), "{err}");

    let ndjson = scratch_file("one-answer", "two.ndjson", b"{}\n{}\n");
    let (code, out, err) = run(
        &[
            "validate",
            "--format",
            "json",
            "--summary",
            "none",
            "--line-offset",
            &u64::MAX.to_string(),
            &ndjson,
        ],
        b"",
    );
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("--line-offset"), "{err}");

    let (code, _, err) = run(&["validate", "--jobs", "1024", "-"], b"{}");
    assert_eq!(code, 2, "more threads than the documented maximum: {err}");
    let (_, out, _) = run(&["validate", "samples/responses/v3.0.json"], b"");
    assert!(out.contains("1 record:"), "{out}");
}
