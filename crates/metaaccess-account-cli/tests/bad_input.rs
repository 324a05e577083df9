//! The bad-input suite: hostile and broken inputs, each with its expected status and message.
//! No case may panic, hang, or exit with anything but 0, 1 or 2; every record is accounted for.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn tmp() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bad-input");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `validate --format json` and returns (exit code, records, summary); fails on a panic
/// (exit 101), a signal, or a run over a minute.
fn validate(args: &[&str]) -> (i32, Vec<Value>, Value) {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_metaaccess-account"))
        .arg("validate")
        .arg("--format")
        .arg("json")
        .args(args)
        .current_dir(root())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = loop {
        if child.try_wait().unwrap().is_some() {
            break child.wait_with_output().unwrap();
        }
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("{args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let code = out
        .status
        .code()
        .unwrap_or_else(|| panic!("{args:?} killed by a signal"));
    assert!(
        matches!(code, 0..=2),
        "{args:?} exited {code}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let summary = lines.pop().unwrap()["summary"].clone();
    (code, lines, summary)
}

#[test]
fn every_committed_bad_input_gets_its_expected_status_and_message() {
    let dir = root().join("fixtures/bad-input");
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("EXPECTED.json")).unwrap()).unwrap();
    let expected = expected.as_object().unwrap();
    let files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|f| f != "EXPECTED.json")
        .collect();
    assert_eq!(
        files.len(),
        expected.len(),
        "every bad input has an expectation, and the reverse"
    );
    for (file, want) in expected {
        let path = format!("fixtures/bad-input/{file}");
        let (code, records, _) = validate(&[&path]);
        assert_eq!(records.len(), 1, "{file}: one record");
        let rec = &records[0];
        assert_eq!(rec["status"], want["status"], "{file}: {rec}");
        let messages = rec["errors"].to_string();
        let needle = want["message"].as_str().unwrap();
        assert!(
            messages.contains(needle),
            "{file}: expected a message containing {needle:?}, got {messages}"
        );
        assert_eq!(code, 1, "{file}: an invalid record exits 1");
    }
}

#[test]
fn ten_thousand_nested_arrays_are_refused_without_overflow() {
    let path = tmp().join("deep.json");
    std::fs::write(&path, "[".repeat(10_000) + &"]".repeat(10_000)).unwrap();
    let (code, records, _) = validate(&[path.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        records[0]["errors"].to_string().contains("--max-depth"),
        "{}",
        records[0]
    );
    // The limit is configurable; nesting within it is fine, beyond it is refused.
    std::fs::write(&path, "[[[[{}]]]]").unwrap();
    let (_, records, _) = validate(&["--max-depth", "3", path.to_str().unwrap()]);
    assert!(records[0]["errors"]
        .to_string()
        .contains("nesting deeper than 3 levels"));
}

#[test]
fn a_fifty_megabyte_string_is_over_the_record_limit_and_the_stream_goes_on() {
    let path = tmp().join("huge.ndjson");
    let doc = std::fs::read_to_string(root().join("samples/responses/v3.0.json")).unwrap();
    let line = serde_json::to_string(&serde_json::from_str::<Value>(&doc).unwrap()).unwrap();
    let huge = format!("{{\"name\": \"{}\"}}", "x".repeat(50 * 1024 * 1024));
    std::fs::write(&path, format!("{line}\n{huge}\n{line}\n")).unwrap();
    let (code, records, summary) = validate(&[path.to_str().unwrap()]);
    assert_eq!(code, 1);
    let statuses: Vec<&str> = records
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["valid", "invalid", "valid"]);
    assert_eq!(records[1]["locator"], "line 2");
    assert!(records[1]["errors"]
        .to_string()
        .contains("larger than the limit"));
    assert_eq!(summary["records"], 3);
}

#[cfg(unix)]
#[test]
fn a_directory_symlink_loop_does_not_trap_the_walk() {
    let dir = tmp().join("loop");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("inner")).unwrap();
    std::fs::copy(
        root().join("samples/responses/v3.0.json"),
        dir.join("inner/a.json"),
    )
    .unwrap();
    std::os::unix::fs::symlink(&dir, dir.join("inner/back")).unwrap();
    let (code, records, _) = validate(&[dir.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(
        records.len(),
        1,
        "the file is read once; the link back is not followed"
    );
}

#[test]
fn a_mixed_ndjson_stream_reports_each_bad_line_and_loses_none() {
    let path = tmp().join("mixed.ndjson");
    let good = std::fs::read_to_string(root().join("samples/stream.ndjson"))
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_owned();
    let lines = [
        good.as_str(),
        "[",
        "\u{feff}{}",
        "{\"a\": 1, \"a\": 2}",
        "NaN",
        "",
        "   ",
        good.as_str(),
        "{} trailing",
    ];
    std::fs::write(&path, lines.join("\n")).unwrap();
    let (_, records, summary) = validate(&[path.to_str().unwrap()]);
    let got: Vec<(String, String)> = records
        .iter()
        .map(|r| {
            (
                r["locator"].as_str().unwrap().to_owned(),
                r["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let want: Vec<(String, String)> = [
        (1, "valid"),
        (2, "invalid"),
        (3, "invalid"),
        (4, "invalid"),
        (5, "invalid"),
        (8, "valid"),
        (9, "invalid"),
    ]
    .iter()
    .map(|(n, s)| (format!("line {n}"), (*s).to_owned()))
    .collect();
    assert_eq!(got, want);
    assert_eq!(summary["records"], 7);
}

/// A HAR entry whose parts are over `--max-record-bytes`: one that does not call Account
/// Details is skipped without being built, one that does is an error naming the part and the
/// flag, and the entries after them are read.
#[test]
fn har_entries_over_the_record_limit_are_named_and_the_capture_goes_on() {
    let doc =
        std::fs::read_to_string(root().join("samples/responses/v3.1-doc-example.json")).unwrap();
    let doc = serde_json::to_string(&serde_json::from_str::<Value>(&doc).unwrap()).unwrap();
    let text = |s: &str| serde_json::to_string(s).unwrap();
    let account = "https://h/o/api/v3.1/account";
    let good = format!(
        r#"{{"request":{{"url":"{account}"}},"response":{{"status":200,"content":{{"text":{}}}}}}}"#,
        text(&doc)
    );
    let zeros = vec!["0"; 2_000_000].join(",");
    let headers = vec![r#"{"name":"x","value":"y"}"#; 20_000].join(",");
    let entries = [
        // 0: another endpoint with a huge array and a huge body: skipped, nothing built.
        format!(
            r#"{{"_big":[{zeros}],"request":{{"url":"https://h/other"}},"response":{{"status":200,"content":{{"text":{}}}}}}}"#,
            text(&"y".repeat(3_000_000))
        ),
        // 1: Account Details with headers over the limit.
        format!(
            r#"{{"request":{{"url":"{account}"}},"response":{{"status":200,"headers":[{headers}],"content":{{"text":{}}}}}}}"#,
            text(&doc)
        ),
        // 2: Account Details with a body over the limit.
        format!(
            r#"{{"request":{{"url":"{account}"}},"response":{{"status":200,"content":{{"text":{}}}}}}}"#,
            text(&"z".repeat(300_000))
        ),
        // 3: fine.
        good.clone(),
        // 4: the response before the request, of another endpoint: skipped.
        format!(
            r#"{{"response":{{"status":200,"content":{{"text":{}}}}},"request":{{"url":"https://h/other"}}}}"#,
            text(&"w".repeat(1_000_000))
        ),
        // 5: a URL over the limit: whether it calls Account Details is unknown, so an error.
        format!(
            r#"{{"request":{{"url":"{account}?q={}"}},"response":{{"status":200}}}}"#,
            "q".repeat(200_000)
        ),
        // 6: fine.
        good,
    ];
    let path = tmp().join("over-limit.har");
    std::fs::write(
        &path,
        format!(r#"{{"log":{{"entries":[{}]}}}}"#, entries.join(",")),
    )
    .unwrap();
    let (code, records, summary) =
        validate(&["--max-record-bytes", "100000", path.to_str().unwrap()]);
    assert_eq!(code, 1);
    let got: Vec<(String, String, String)> = records
        .iter()
        .map(|r| {
            (
                r["locator"].as_str().unwrap().to_owned(),
                r["status"].as_str().unwrap().to_owned(),
                r["errors"][0]["message"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    let want = [
        ("entry 1 response", "invalid", "HAR entry 1: response.headers is larger than the limit of 100000 bytes (--max-record-bytes); the entry was not read"),
        ("entry 2 response", "invalid", "the body is larger than the limit of 100000 bytes (--max-record-bytes)"),
        ("entry 3 response", "valid", ""),
        ("entry 5 response", "invalid", "HAR entry 5: request.url is larger than the limit of 100000 bytes (--max-record-bytes); the entry was not read"),
        ("entry 6 response", "valid", ""),
    ];
    assert_eq!(got.len(), want.len(), "{got:#?}");
    for ((locator, status, message), (l, s, m)) in got.iter().zip(want) {
        assert_eq!((locator.as_str(), status.as_str()), (l, s), "{got:#?}");
        assert!(message.contains(m), "{locator}: {message}");
    }
    assert_eq!(summary["records"], 5);
}
