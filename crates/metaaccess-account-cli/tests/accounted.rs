//! Nothing is silently lost (issue 11, section 3): every record is output or an error with its
//! place; unreadable paths, duplicate keys and malformed HAR entries are reported; a closed
//! pipe, an input given as --report and impossible limits are errors.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use serde_json::Value;

mod common;

use common::run as cli;

fn tmp(name: &str) -> PathBuf {
    common::scratch("accounted", name)
}

fn records(stdout: &str) -> Vec<Value> {
    let mut lines: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    lines.pop(); // the summary
    lines
}

const GOOD: &str = r#"{"name":"n","email":"a@b.co","last_login":"2017-03-09T08:00:00Z","date_created":"2013-10-04T08:00:00Z","devices_allowed":5,"devices_used":1,"devices_uncompliant":0}"#;

#[test]
fn a_malformed_first_line_on_stdin_does_not_swallow_the_stream() {
    for first in ["{\"name\": tru}", "{\"name\": \"x\"", "garbage", "{"] {
        let input = format!("{first}\n{GOOD}\n{GOOD}\n");
        let (code, out, err) = cli(&["validate", "--format", "json"], input.as_bytes());
        let recs = records(&out);
        assert_eq!(code, 1, "{err}");
        let locators: Vec<_> = recs
            .iter()
            .map(|r| r["locator"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(locators, ["line 1", "line 2", "line 3"], "{first}: {out}");
        assert_eq!(recs[0]["status"], "invalid");
        assert_eq!(recs[1]["status"], "valid");
    }
}

#[test]
fn empty_stdin_is_zero_records() {
    for input in ["", "\n\n  \n"] {
        let (code, out, _) = cli(&["validate", "--format", "json"], input.as_bytes());
        assert_eq!(code, 0);
        assert!(records(&out).is_empty(), "{out}");
    }
}

#[test]
fn an_unreadable_path_in_a_walk_is_reported_and_the_walk_goes_on() {
    let dir = tmp("walk");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("b.json"), GOOD).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.join("nowhere"), dir.join("a-dangling.json")).unwrap();
    let (code, out, err) = cli(
        &["validate", "--format", "json", dir.to_str().unwrap()],
        b"",
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("a-dangling.json"), "{err}");
    assert_eq!(
        records(&out).len(),
        1,
        "the readable file is still checked: {out}"
    );
}

#[test]
fn har_duplicate_keys_and_malformed_entries_are_named() {
    let entry = |v: &str| {
        format!(
            r#"{{"request":{{"url":"https://h/o/api/v3.1/account"}},"response":{{"status":200,"content":{{"text":{}}}}}}}"#,
            serde_json::to_string(v).unwrap()
        )
    };
    let har = format!(
        r#"{{"log":{{"entries":[{},7,{{"request":{{"url":5}}}},{{"request":{{"url":"https://h/o/api/v3.1/account","url":"x"}},"response":{{"status":200}}}}],"entries":[{}]}}}}"#,
        entry(GOOD),
        entry(GOOD)
    );
    let file = tmp("dups.har");
    std::fs::write(&file, har).unwrap();
    let (code, out, _) = cli(
        &["validate", "--format", "json", file.to_str().unwrap()],
        b"",
    );
    assert_eq!(code, 1);
    let recs = records(&out);
    let text = out.clone();
    assert!(
        recs.iter().any(|r| r["locator"] == "entry 1 response"
            && r["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("not an object")),
        "{text}"
    );
    assert!(
        recs.iter().any(|r| r["locator"] == "entry 2 response"
            && r["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("request.url is not a string")),
        "{text}"
    );
    assert!(
        recs.iter().any(|r| r["locator"] == "entry 3 response"
            && r["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("duplicate key /request/url")),
        "{text}"
    );
    assert!(
        recs.iter().any(|r| r["locator"] == "document"
            && r["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("duplicate key \"entries\"")),
        "{text}"
    );
    // Both `entries` arrays were read: the second one's entry is entry 4, not lost.
    assert!(
        recs.iter().any(|r| r["locator"] == "entry 4 response"),
        "{text}"
    );
}

#[test]
fn writing_to_a_closed_pipe_is_never_exit_0() {
    let mut input = String::new();
    for _ in 0..20_000 {
        input.push_str(GOOD);
        input.push('\n');
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_metaaccess-account"))
        .args(["validate", "-v", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away
    let mut stdin = child.stdin.take().unwrap();
    let _ = stdin.write_all(input.as_bytes());
    drop(stdin);
    let status = child.wait().unwrap();
    assert_ne!(status.code(), Some(0), "{status:?}");
}

#[test]
fn report_may_not_be_an_input() {
    let input = tmp("input.json");
    std::fs::write(&input, GOOD).unwrap();
    let path = input.to_str().unwrap();
    let (code, _, err) = cli(&["upgrade", "--report", path, path], b"");
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        std::fs::read_to_string(&input).unwrap(),
        GOOD,
        "the input is untouched"
    );
    let dir = tmp("in-dir");
    std::fs::create_dir_all(&dir).unwrap();
    let report = dir.join("report.ndjson");
    let (code, _, err) = cli(
        &[
            "upgrade",
            "--report",
            report.to_str().unwrap(),
            dir.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(code, 2, "{err}");
}

#[test]
fn numeric_options_reject_what_they_cannot_honour() {
    for (flag, value) in [
        ("--max-record-bytes", "18446744073709551615"),
        ("--max-record-bytes", "0"),
        ("--max-har-bytes", "99999999999999"),
        ("--max-errors", "0"),
        ("--max-errors", "18446744073709551616"),
        ("--max-depth", "129"),
    ] {
        let (code, _, err) = cli(&["validate", flag, value, "-"], GOOD.as_bytes());
        assert_eq!(code, 2, "{flag} {value}: {err}");
    }
}

#[test]
fn an_over_long_document_stops_with_the_limit_named() {
    let mut big = String::from("{\"name\":\"");
    big.push_str(&"x".repeat(2_000_000));
    big.push_str("\"}");
    let (code, out, _) = cli(
        &[
            "validate",
            "--format",
            "json",
            "--input-format",
            "json",
            "--max-record-bytes",
            "1000000",
            "-",
        ],
        big.as_bytes(),
    );
    assert_eq!(code, 1);
    assert!(out.contains("--max-record-bytes"), "{out}");
}
