//! `diff` inputs: each schema checked against its metaschema, read with a size bound, never
//! from a FIFO; a name that is both a version and a file; `--request` with two files; the
//! `--format` help; secrets the schemas list masked in every change's text.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

mod common;

fn file(name: &str, schema: &Value) -> String {
    common::scratch_file("diff-inputs", name, schema.to_string().as_bytes())
}

/// Runs `diff` in `dir`, killed after 20 s (a run that blocks is a failure).
fn run_in(dir: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_metaaccess-account"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("diff {args:?} did not finish in 20 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    let text = |b: Vec<u8>| String::from_utf8_lossy(&b).into_owned();
    (
        out.status.code().unwrap_or(-1),
        text(out.stdout),
        text(out.stderr),
    )
}

fn run(args: &[&str]) -> (i32, String, String) {
    run_in(&common::root(), args)
}

#[test]
fn an_invalid_schema_is_an_error_with_its_pointer() {
    let good = file("good.json", &json!({"type": "integer"}));
    for (name, bad, pointer) in [
        ("type5.json", json!({"type": 5}), "/type"),
        ("zero.json", json!({"minimum": "zero"}), "/minimum"),
    ] {
        let bad = file(name, &bad);
        let (code, out, err) = run(&["diff", &good, &bad, "--require", "backward"]);
        assert_eq!(code, 2, "{out}{err}");
        assert!(err.contains("new schema") && err.contains(pointer), "{err}");
        let (code, _, err) = run(&["diff", &bad, &good]);
        assert_eq!(code, 2);
        assert!(err.contains("old schema") && err.contains(pointer), "{err}");
    }
}

#[test]
fn size_limits_apply_while_reading() {
    let good = file("small.json", &json!({"type": "integer"}));
    // An endless device: stops at the (default) limit, naming the flag.
    let (code, _, err) = run(&["diff", "/dev/zero", &good]);
    assert_eq!(code, 2);
    assert!(err.contains("larger than --max-schema-bytes"), "{err}");
    // A regular file over the limit.
    let (code, _, err) = run(&["diff", &good, &good, "--max-schema-bytes", "5"]);
    assert_eq!(code, 2);
    assert!(err.contains("--max-schema-bytes"), "{err}");
    assert_eq!(
        run(&["diff", &good, &good, "--max-schema-bytes", "100"]).0,
        0
    );
}

#[test]
fn a_fifo_is_refused_without_waiting_for_a_writer() {
    let fifo = common::scratch("diff-inputs", "fifo");
    let _ = std::fs::remove_file(&fifo);
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let good = file("small2.json", &json!({"type": "integer"}));
    let (code, _, err) = run(&["diff", &fifo.display().to_string(), &good]);
    assert_eq!(code, 2);
    assert!(err.contains("not a regular file"), "{err}");
    let dir = common::scratch("diff-inputs", "").display().to_string();
    let (code, _, err) = run(&["diff", &dir, &good]);
    assert_eq!(code, 2);
    assert!(err.contains("a directory"), "{err}");
}

#[test]
fn a_name_that_is_a_version_and_a_file_asks_which() {
    let dir = common::scratch("diff-inputs", "cwd");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("3.1"), json!({"type": "object"}).to_string()).unwrap();
    let (code, _, err) = run_in(&dir, &["diff", "3.1", "3.2"]);
    assert_eq!(code, 2);
    assert!(err.contains("`./3.1`") && err.contains("`v3.1`"), "{err}");
    // Either spelling then works.
    let (code, out, err) = run_in(&dir, &["diff", "v3.1", "3.2", "--require", "backward"]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = run_in(&dir, &["diff", "./3.1", "./3.1", "--require", "full"]);
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn request_with_two_files_is_refused() {
    let a = file("req.json", &json!({"type": "integer"}));
    let (code, _, err) = run(&["diff", &a, &a, "--request"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--request") && err.contains("both files"),
        "{err}"
    );
    // With a version it picks the request schema.
    assert_eq!(
        run(&["diff", "3.2", "3.2", "--request", "--require", "full"]).0,
        0
    );
}

#[test]
fn help_says_what_json_prints() {
    let (code, out, _) = run(&["diff", "--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("one JSON object"), "{out}");
    assert!(out.contains("--max-schema-bytes"), "{out}");
}

#[test]
fn a_listed_license_key_is_masked_where_no_witness_shows_it() {
    // No document with `license_key` is valid, so the removed value has no witness; the
    // change's text still quotes it.
    let key = "0123456789abcdef0123456789abcdef";
    let schema = |values: Value| {
        json!({"type": "object", "not": {"required": ["license_key"]},
               "properties": {"license_key": {"$ref": "#/$defs/Key"}},
               "$defs": {"Key": {"enum": values}}})
    };
    let old = file("key-old.json", &schema(json!([key, "x"])));
    let new = file("key-new.json", &schema(json!(["x"])));
    for format in ["human", "json"] {
        let (_, out, err) = run(&["diff", &old, &new, "--format", format]);
        assert!(out.contains("removed"), "{out}{err}");
        assert!(!out.contains(key), "{out}");
    }
}
