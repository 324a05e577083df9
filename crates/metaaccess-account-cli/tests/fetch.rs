//! `fetch` against a real HTTP server on 127.0.0.1 (the testkit's scripted server): the body on
//! standard output exactly as received, the verdict as `validate` renders it, exit codes 0, 1
//! and 2 with the status named, and the token in no output.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

mod common;

use std::process::Command;

use metaaccess_account_testkit::http_server::{Reply, Server};

const TOKEN: &str = "TESTTOKEN7P9ZMJ2LBF8AMOMJLFNPMML";

/// A 3.1 document with one undocumented member and one undocumented status (drift).
const DRIFTING: &str = r#"{"name": "OPSWAT IT", "email": "opswat_it@opswat.com",
  "last_login": "2017-03-09T08:00:00Z", "date_created": "2013-10-04T08:00:00Z",
  "devices_allowed": 500, "devices_used": 120,
  "devices_by_status": [{"status": "quarantined", "number_of_devices": 3}],
  "devices_by_issue_severity": [], "devices_by_vulnerability_severity": [],
  "license_key": "testcccd3e7201ee83e2c4b9f6dfc96c", "devices_archived": 4}"#;

struct Run {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

/// Runs `fetch` against `server` with the token in the environment (unless `token` is None)
/// and checks that no output holds it.
fn fetch(server: &Server, token: Option<&str>, args: &[&str]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_metaaccess-account"));
    cmd.arg("fetch")
        .args(["--base-url", server.url()])
        .args(args)
        .current_dir(common::root())
        .env_remove("METAACCESS_ACCESS_TOKEN");
    if let Some(token) = token {
        cmd.env("METAACCESS_ACCESS_TOKEN", token);
    }
    let out = cmd.output().unwrap();
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    // No 8-character piece of the token, in any output.
    let stdout = String::from_utf8_lossy(&run.stdout);
    for text in [&stdout[..], &run.stderr] {
        let piece = metaaccess_account_testkit::leaked_piece(text, TOKEN);
        assert_eq!(piece, None, "{stdout}\n{}", run.stderr);
    }
    run
}

#[test]
fn a_200_with_drift_prints_the_body_as_received_and_the_verdict_on_stderr() {
    let server = Server::start(vec![Reply::json(200, DRIFTING)]);
    let run = fetch(
        &server,
        Some(TOKEN),
        &["--api-version", "3.1", "--token-in", "query"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, DRIFTING.as_bytes());
    let url = format!(
        "{}/o/api/v3.1/account?access_token=<redacted>",
        server.url()
    );
    assert!(
        run.stderr.starts_with(&format!("drift    {url} (3.1)\n")),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("/devices_archived"), "{}", run.stderr);
    let seen = &server.requests()[0];
    assert!(
        seen.starts_with(&format!("GET /o/api/v3.1/account?access_token={TOKEN} ")),
        "{seen}"
    );
}

#[test]
fn json_output_is_the_validate_record() {
    let server = Server::start(vec![Reply::json(200, DRIFTING)]);
    let run = fetch(
        &server,
        Some(TOKEN),
        &["--api-version", "3.1", "--format", "json"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let stdout = String::from_utf8(run.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    let fetched: serde_json::Value = serde_json::from_str(&stdout).unwrap();

    let (code, validated, _) = common::run(
        &[
            "validate",
            "-",
            "--api-version",
            "3.1",
            "--format",
            "json",
            "--summary",
            "none",
        ],
        DRIFTING.as_bytes(),
    );
    assert_eq!(code, 0);
    let mut validated: serde_json::Value = serde_json::from_str(validated.trim()).unwrap();
    // The same record, naming the URL (without the token) instead of standard input.
    validated["source"] = format!("{}/o/api/v3.1/account", server.url()).into();
    assert_eq!(fetched, validated);
}

#[test]
fn a_401_exits_2_naming_the_status() {
    let server = Server::start(vec![Reply::json(
        401,
        r#"{"error":"access token invalid or expired"}"#,
    )]);
    let run = fetch(&server, Some(TOKEN), &["--token-in", "bearer"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert_eq!(
        run.stderr,
        format!(
            "error: {}/o/api/v3.2/account: 401 Unauthorized: the access token is invalid or expired\n",
            server.url()
        )
    );
}

#[test]
fn a_429_with_retry_after_then_a_200_succeeds() {
    let server = Server::start(vec![
        Reply::json(429, "{}").header("Retry-After", "0"),
        Reply::json(200, DRIFTING),
    ]);
    let run = fetch(&server, Some(TOKEN), &["--api-version", "3.1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, DRIFTING.as_bytes());
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn a_503_exits_2_naming_the_status() {
    let server = Server::start(vec![Reply::json(503, "")]);
    let run = fetch(&server, Some(TOKEN), &[]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains(": 503 Service Unavailable: server error"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_server_too_slow_for_the_read_timeout_exits_2() {
    let slow = Reply::json(200, DRIFTING).delay(std::time::Duration::from_millis(1500));
    let server = Server::start(vec![slow]);
    let run = fetch(&server, Some(TOKEN), &["--read-timeout", "0.2"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("timed out reading the response (after 200 ms)"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_body_over_the_record_limit_exits_2() {
    let server = Server::start(vec![Reply::json(200, DRIFTING)]);
    let run = fetch(&server, Some(TOKEN), &["--max-record-bytes", "100"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr
            .contains("larger than the record limit of 100 bytes"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_wrong_content_type_exits_2() {
    let server = Server::start(vec![Reply::typed(200, "text/html", "<html></html>")]);
    let run = fetch(&server, Some(TOKEN), &[]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("content type \"text/html\", expected application/json"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_connection_closed_mid_body_exits_2() {
    let server = Server::start(vec![Reply::json(200, DRIFTING).close_after(40)]);
    let run = fetch(&server, Some(TOKEN), &["--token-in", "query"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("transport error"), "{}", run.stderr);
}

#[test]
fn an_invalid_body_exits_1_with_the_verdict() {
    let body = r#"{"name": "OPSWAT IT", "devices_used": -3}"#;
    let server = Server::start(vec![Reply::json(200, body)]);
    let run = fetch(&server, Some(TOKEN), &["--api-version", "3.0"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stdout, body.as_bytes());
    assert!(run.stderr.starts_with("invalid  "), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("/devices_used: the number -3 is less than the minimum of 0"),
        "{}",
        run.stderr
    );
}

#[test]
fn without_a_token_it_exits_2_saying_how_to_give_one() {
    let server = Server::start(vec![Reply::json(200, DRIFTING)]);
    let run = fetch(&server, None, &[]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("set METAACCESS_ACCESS_TOKEN or pass --token-file PATH"),
        "{}",
        run.stderr
    );
    assert!(server.requests().is_empty());
}

#[test]
fn the_token_file_is_read_and_its_token_sent_not_shown() {
    let file = common::scratch_file("fetch", "token.txt", format!("{TOKEN}\n").as_bytes());
    let server = Server::start(vec![Reply::json(401, "{}")]);
    let run = fetch(&server, Some("ignored-env-token"), &["--token-file", &file]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("401 Unauthorized"), "{}", run.stderr);
    let seen = server.requests()[0].to_ascii_lowercase();
    assert!(
        seen.contains(&format!("access_token: {}\r\n", TOKEN.to_ascii_lowercase())),
        "{seen}"
    );
}

#[test]
fn score_type_is_sent_to_3_2_and_refused_for_versions_without_a_body() {
    let server = Server::start(vec![Reply::json(200, DRIFTING)]);
    let run = fetch(&server, Some(TOKEN), &["--score-type", "cvss3_score"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(server.requests()[0].ends_with(r#"{"score_type":"cvss3_score"}"#));

    let unused = Server::start(vec![Reply::json(200, DRIFTING)]);
    let run = fetch(
        &unused,
        Some(TOKEN),
        &["--api-version", "3.1", "--score-type", "cvss3_score"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("--score-type: the 3.1 request has no body"),
        "{}",
        run.stderr
    );
    let run = fetch(&unused, Some(TOKEN), &["--score-type", "cvss4_score"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("\"cvss4_score\" is not documented"),
        "{}",
        run.stderr
    );
    assert!(unused.requests().is_empty());
}
