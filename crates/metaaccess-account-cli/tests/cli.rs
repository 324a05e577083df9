//! The binary, run on fixture files, samples and standard input: statuses, locators, pointers,
//! exit codes, and the absence of secrets.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

use metaaccess_account_testkit::leaked_piece;
use serde_json::Value;

const LICENSE_KEY: &str = "testcccd3e7201ee83e2c4b9f6dfc96c";
const TOKEN: &str = "TEST7P9ZMJ2LBF8AMOMJLFNPMMLO953AVQ4C9YFF52R61234";
const SECRETS: [&str; 4] = [
    LICENSE_KEY,
    TOKEN,
    "SESSIONSECRET123456",
    "EXPIREDTOKEN0000000000",
];

mod common;

use common::root;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn records(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .filter(|v| v.get("summary").is_none())
            .collect()
    }

    fn summary(&self) -> Value {
        let last = self.stdout.lines().last().unwrap();
        serde_json::from_str::<Value>(last).unwrap()["summary"].clone()
    }

    fn record(&self, source_suffix: &str, locator: &str) -> Value {
        self.records()
            .into_iter()
            .find(|r| {
                r["source"].as_str().unwrap().ends_with(source_suffix) && r["locator"] == locator
            })
            .unwrap_or_else(|| panic!("no record {source_suffix} {locator} in\n{}", self.stdout))
    }
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Run {
    let (code, stdout, stderr) = common::run(args, stdin.unwrap_or_default());
    Run {
        code,
        stdout,
        stderr,
    }
}

fn tmp_file(name: &str, contents: &[u8]) -> String {
    common::scratch_file("cli-tests", name, contents)
}

#[test]
fn fixtures_of_every_version_get_the_expected_status() {
    for version in metaaccess_account::ApiVersion::ALL {
        let dir = format!(
            "crates/metaaccess-account-{}/fixtures/response",
            version.module_name()
        );
        let r = run(
            &[
                "validate",
                "--format",
                "json",
                "--api-version",
                version.as_str(),
                &dir,
            ],
            None,
        );
        assert_eq!(r.code, 1, "{dir} holds invalid fixtures: {}", r.stderr);
        for rec in r.records() {
            let source = rec["source"].as_str().unwrap();
            let status = rec["status"].as_str().unwrap();
            assert_eq!(rec["api_version"], version.as_str());
            if source.contains("/valid/") {
                assert_eq!(status, "valid", "{source}: {rec}");
            } else if source.contains("unknown-field")
                || source.contains("unknown-enum-value")
                || source.contains("high-severity-is-3.2-only")
            {
                assert_eq!(status, "drift", "{source}: {rec}");
            } else {
                assert_eq!(status, "invalid", "{source}: {rec}");
                assert!(!rec["errors"].as_array().unwrap().is_empty());
            }
        }
    }
}

#[test]
fn errors_name_the_json_pointer() {
    let r = run(
        &[
            "validate",
            "--format",
            "json",
            "crates/metaaccess-account-v3_1/fixtures/response/invalid/negative-count.json",
        ],
        None,
    );
    let rec = r.record("negative-count.json", "document");
    assert_eq!(rec["status"], "invalid");
    assert_eq!(rec["errors"][0]["instance_path"], "/devices_used");
    let r = run(
        &[
            "validate",
            "--format",
            "json",
            "crates/metaaccess-account-v3_2/fixtures/response/invalid/unknown-enum-value.json",
        ],
        None,
    );
    let rec = r.record("unknown-enum-value.json", "document");
    assert_eq!(rec["status"], "drift");
    assert_eq!(rec["api_version"], "3.2");
    assert_eq!(
        rec["errors"][0]["instance_path"],
        "/devices_by_issue_severity/2/severity"
    );
    assert_eq!(r.code, 0, "drift alone is not a failure");
}

#[test]
fn strict_turns_drift_into_invalid() {
    let r = run(
        &[
            "validate",
            "--strict",
            "--format",
            "json",
            "crates/metaaccess-account-v3_2/fixtures/response/invalid/unknown-field.json",
        ],
        None,
    );
    assert_eq!(
        r.record("unknown-field.json", "document")["status"],
        "invalid"
    );
    assert_eq!(r.code, 1);
}

#[test]
fn forced_version_mismatch_is_invalid() {
    let r = run(
        &[
            "validate",
            "--format",
            "json",
            "--api-version",
            "2.0",
            "samples/responses/v3.1-doc-example.json",
        ],
        None,
    );
    let rec = r.record("v3.1-doc-example.json", "document");
    assert_eq!(rec["status"], "invalid");
    assert_eq!(rec["api_version"], "2.0");
    assert_eq!(r.code, 1);
}

#[test]
fn ndjson_with_a_broken_line_goes_on() {
    let r = run(
        &["validate", "--format", "json", "samples/stream.ndjson"],
        None,
    );
    assert_eq!(r.code, 1);
    let statuses: Vec<(String, String)> = r
        .records()
        .iter()
        .map(|v| {
            (
                v["locator"].as_str().unwrap().to_owned(),
                v["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected = [
        ("line 1", "valid"),
        ("line 2", "valid"),
        ("line 4", "valid"),
        ("line 5", "valid"),
        ("line 6", "drift"),
        ("line 7", "invalid"),
        ("line 8", "invalid"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
    assert_eq!(statuses, expected, "blank line 3 is skipped");
    assert!(r.record("stream.ndjson", "line 8")["errors"][0]["message"]
        .as_str()
        .unwrap()
        .starts_with("truncated JSON"));
    let s = r.summary();
    assert_eq!(
        (
            s["records"].as_u64(),
            s["invalid"].as_u64(),
            s["drift"].as_u64()
        ),
        (Some(7), Some(2), Some(1))
    );
}

#[test]
fn har_entries_are_validated_by_their_url_version() {
    let r = run(
        &["validate", "--format", "json", "samples/capture.har"],
        None,
    );
    let get = |loc: &str| r.record("capture.har", loc);
    assert_eq!(get("entry 0 response")["api_version"], "2.0");
    assert_eq!(get("entry 1 response")["api_version"], "3.0");
    // Base64-encoded body.
    assert_eq!(get("entry 2 response")["status"], "valid");
    assert_eq!(get("entry 2 response")["api_version"], "3.1");
    assert_eq!(get("entry 3 request")["status"], "valid");
    assert_eq!(get("entry 3 response")["api_version"], "3.2");
    // 401: skipped with its status, not invalid.
    assert_eq!(get("entry 4 response")["status"], "skipped");
    assert!(get("entry 4 response")["note"]
        .as_str()
        .unwrap()
        .contains("401"));
    // The documented spelling "cvss2_ score" is a valid request.
    assert_eq!(get("entry 4 request")["status"], "valid");
    // Entry 5 calls another endpoint and is ignored.
    assert!(r
        .records()
        .iter()
        .all(|v| !v["locator"].as_str().unwrap().starts_with("entry 5")));
    assert_eq!(get("entry 7 request")["status"], "drift");
    assert_eq!(
        get("entry 7 request")["errors"][0]["instance_path"],
        "/score_type"
    );
}

#[test]
fn bad_base64_and_non_har_inputs_are_invalid_records() {
    let har = serde_json::json!({"log": {"entries": [{
        "request": {"method": "GET", "url": "https://gears.opswat.com/o/api/v3.1/account"},
        "response": {"status": 200, "content": {"text": "!!!not base64!!!", "encoding": "base64"}}
    }]}});
    let path = tmp_file("bad-base64.har", har.to_string().as_bytes());
    let r = run(&["validate", "--format", "json", &path], None);
    let rec = r.record("bad-base64.har", "entry 0 response");
    assert_eq!(rec["status"], "invalid");
    assert!(rec["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("base64"));

    let path = tmp_file("not-a-har.har", b"{\"entries\": []}");
    let r = run(&["validate", "--format", "json", &path], None);
    assert_eq!(r.record("not-a-har.har", "document")["status"], "invalid");
    assert_eq!(r.code, 1);
}

#[test]
fn standard_input_is_read_by_default_and_with_dash() {
    let ndjson = std::fs::read(root().join("samples/stream.ndjson")).unwrap();
    for args in [
        &["validate", "--format", "json"][..],
        &["validate", "--format", "json", "-"][..],
    ] {
        let r = run(args, Some(&ndjson));
        assert_eq!(r.summary()["records"], 7);
        assert_eq!(r.record("-", "line 6")["status"], "drift");
    }
    // A pretty-printed single document on stdin is sniffed as one document.
    let doc = std::fs::read(root().join("samples/responses/v3.1-doc-example.json")).unwrap();
    let r = run(&["validate", "--format", "json"], Some(&doc));
    assert_eq!(r.record("-", "document")["status"], "valid");
    // So is a HAR.
    let har = std::fs::read(root().join("samples/capture.har")).unwrap();
    let r = run(&["validate", "--format", "json", "-"], Some(&har));
    assert_eq!(r.record("-", "entry 4 response")["status"], "skipped");
}

#[test]
fn empty_binary_and_missing_inputs() {
    let empty = tmp_file("empty.json", b"");
    let r = run(&["validate", "--format", "json", &empty], None);
    assert_eq!(r.record("empty.json", "document")["status"], "invalid");
    assert_eq!(r.code, 1);

    let binary = tmp_file("binary.json", &[0u8, 159, 146, 150, 255, 0, 1, 2]);
    let r = run(&["validate", "--format", "json", &binary], None);
    let rec = r.record("binary.json", "document");
    assert_eq!(rec["status"], "invalid");
    assert!(rec["errors"][0]["message"]
        .as_str()
        .unwrap()
        .starts_with("not valid JSON"));

    let r = run(
        &[
            "validate",
            "does/not/exist.json",
            "samples/responses/v3.0.json",
        ],
        None,
    );
    assert_eq!(r.code, 2, "an unreadable path is an I/O error");
    assert!(r.stderr.contains("does/not/exist.json"));
    assert!(
        r.stdout.contains("1 record:"),
        "the other path is still read: {}",
        r.stdout
    );
}

#[test]
fn usage_errors_exit_2_and_every_subcommand_has_help() {
    assert_eq!(run(&["validate", "--no-such-flag"], None).code, 2);
    assert_eq!(run(&["validate", "--api-version", "4.0"], None).code, 2);
    assert_eq!(
        run(&["downgrade", "samples/responses/v3.0.json"], None).code,
        2
    );
    for sub in ["validate", "detect", "upgrade", "downgrade", "schema"] {
        let r = run(&[sub, "--help"], None);
        assert_eq!(r.code, 0);
        assert!(r.stdout.contains("Usage: metaaccess-account"), "{sub}");
    }
    let r = run(&["--version"], None);
    assert!(r.stdout.starts_with("metaaccess-account "));
}

#[test]
fn schema_prints_the_committed_files() {
    for (args, file) in [
        (
            &["schema", "3.1"][..],
            "schemas/v3.1/account-details.response.schema.json",
        ),
        (
            &["schema", "v3.2", "--request"][..],
            "schemas/v3.2/account-details.request.schema.json",
        ),
    ] {
        let r = run(args, None);
        assert_eq!(r.code, 0);
        assert_eq!(
            r.stdout,
            std::fs::read_to_string(root().join(file)).unwrap()
        );
    }
    assert_eq!(run(&["schema", "3.0", "--request"], None).code, 2);
}

#[test]
fn detect_lists_accepting_versions_and_reasons() {
    let r = run(&["detect", "--format", "json", "samples/responses"], None);
    let rec = r.record("v3.1-doc-example.json", "document");
    assert_eq!(rec["outcome"], "several");
    assert_eq!(rec["accepted"], serde_json::json!(["3.1", "3.2"]));
    assert_eq!(rec["rejected"][0]["version"], "2.0");
    assert_eq!(
        r.record("v2.0-doc-example.json", "document")["outcome"],
        "one"
    );
    assert_eq!(r.code, 0);
}

#[test]
fn upgrade_and_downgrade_write_documents_and_reports() {
    let report = tmp_file("report.ndjson", b"");
    let r = run(
        &["upgrade", "--report", &report, "samples/stream.ndjson"],
        None,
    );
    assert_eq!(r.code, 1, "the stream has invalid lines: {}", r.stderr);
    let docs: Vec<Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs.len(), 5, "one document per convertible line");
    let reports: Vec<Value> = std::fs::read_to_string(&report)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(reports.len(), 5);
    assert_eq!(reports[0]["from"], "2.0");
    assert_eq!(reports[0]["outcome"], "partial");
    assert_eq!(reports[2]["from"], "3.1");
    assert_eq!(reports[2]["outcome"], "complete");
    assert!(
        r.stderr.contains("stream.ndjson:7"),
        "invalid lines are named on stderr: {}",
        r.stderr
    );

    let r = run(
        &["upgrade", "--to", "3.1", "samples/responses/v3.0.json"],
        None,
    );
    assert_eq!(r.code, 0);
    assert!(r.stderr.contains("3.0 -> 3.1: partial"), "{}", r.stderr);
    // The other way is refused: a usage error.
    let r = run(
        &["downgrade", "--to", "3.1", "samples/responses/v3.0.json"],
        None,
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("use upgrade --to 3.1"), "{}", r.stderr);
}

#[test]
fn no_output_ever_shows_a_secret_unless_asked() {
    let runs = [
        &["validate", "samples"][..],
        &["validate", "--format", "json", "-v", "samples"][..],
        &["validate", "--format", "json", "fixtures"][..],
        &["detect", "samples"][..],
        &["detect", "--format", "json", "samples", "fixtures"][..],
        &["upgrade", "--redact", "samples"][..],
        &["downgrade", "--redact", "--to", "2.0", "samples"][..],
        &[
            "downgrade",
            "--redact",
            "--to",
            "3.1",
            "--format",
            "json",
            "samples/capture.har",
        ][..],
    ];
    for args in runs {
        let r = run(args, None);
        for secret in SECRETS {
            for (stream, text) in [("stdout", &r.stdout), ("stderr", &r.stderr)] {
                let piece = leaked_piece(text, secret);
                assert_eq!(piece, None, "{args:?} printed part of {secret} on {stream}");
            }
        }
        // A short secret (under 8 characters) is masked where it stands, never shown whole.
        assert!(
            !r.stdout.contains("123456") && !r.stderr.contains("123456"),
            "{args:?} printed 123456"
        );
    }
    // Converted documents are the user's data: written as they are unless --redact.
    let r = run(&["upgrade", "samples/responses/v3.0.json"], None);
    assert!(
        r.stdout.contains(LICENSE_KEY),
        "a converted document keeps its key"
    );
    assert!(!r.stderr.contains(LICENSE_KEY), "the report does not");
}

#[test]
fn diff_classifies_version_changes_and_reads_schema_files() {
    let r = run(&["diff", "3.1", "3.2", "--format", "json"], None);
    assert_eq!(r.code, 0);
    let report: Value = serde_json::from_str(r.stdout.trim()).unwrap();
    assert_eq!(report["verdict"], "BACKWARD");
    assert_eq!(report["changes"].as_array().unwrap().len(), 2);
    assert_eq!(report["changes"][0]["kind"], "enum_value_added");
    // A Draft-07 file against the Draft 2020-12 schema of the same version: the same contract.
    let r = run(
        &[
            "diff",
            "schemas/v3.1/account-details.response.draft-07.schema.json",
            "3.1",
        ],
        None,
    );
    assert!(r.stdout.contains(": FULL"), "{}", r.stdout);
    for v in metaaccess_account::ApiVersion::ALL {
        let file = format!(
            "schemas/{}/account-details.response.draft-07.schema.json",
            v.dir_name()
        );
        let r = run(&["diff", &file, v.as_str(), "--format", "json"], None);
        let report: Value = serde_json::from_str(r.stdout.trim()).unwrap();
        assert_eq!(report["verdict"], "FULL", "{v}: {}", r.stdout);
        assert_eq!(report["certain"], true);
    }
    let r = run(&["diff", "3.0", "3.1"], None);
    assert!(r.stdout.contains("3.0 -> 3.1: NONE"), "{}", r.stdout);
    assert!(r.stdout.contains("/required"));
    assert_eq!(run(&["diff", "3.1", "missing.json"], None).code, 2);
    assert_eq!(run(&["diff", "3.0", "3.2", "--request"], None).code, 2);
}

/// Every subcommand, every output format, secrets in the query string, an Authorization
/// header, a cookie, a request body and the documents themselves: only redaction markers
/// come out, unless --show-secrets is given.
#[test]
fn secret_hygiene_across_subcommands_formats_and_placements() {
    const PLANTED: [&str; 4] = [
        "LICENSEKEYSECRET0123456789abcdef",
        "ACCESSTOKENSECRET987654321",
        "COOKIESECRET55555",
        "BODYLICENSEKEY77777",
    ];
    let inputs = [
        "fixtures/secrets/capture-with-secrets.har",
        "fixtures/secrets/responses.ndjson",
    ];
    let report = tmp_file("secrets-report.ndjson", b"");
    for input in inputs {
        for format in ["human", "json"] {
            let runs: [Vec<&str>; 6] = [
                vec!["validate", "-v", "--format", format, input],
                vec!["validate", "--strict", "--format", format, input],
                vec!["detect", "--format", format, input],
                vec!["upgrade", "--redact", "--format", format, input],
                vec![
                    "downgrade",
                    "--redact",
                    "--to",
                    "2.0",
                    "--format",
                    format,
                    input,
                ],
                vec![
                    "upgrade", "--redact", "--report", &report, "--format", format, input,
                ],
            ];
            for args in runs {
                let r = run(&args, None);
                let report_text = std::fs::read_to_string(&report).unwrap_or_default();
                for secret in PLANTED {
                    for (stream, text) in [
                        ("stdout", &r.stdout),
                        ("stderr", &r.stderr),
                        ("--report", &report_text),
                    ] {
                        let piece = leaked_piece(text, secret);
                        assert_eq!(
                            piece, None,
                            "{args:?}: part of {secret} on {stream}:\n{text}"
                        );
                    }
                }
                assert!(matches!(r.code, 0 | 1), "{args:?}: {}", r.stderr);
            }
        }
    }
    let r = run(&["validate", "-v", "samples/capture.har"], None);
    assert!(r.stdout.contains("valid"));
    let r = run(&["upgrade", "fixtures/secrets/responses.ndjson"], None);
    assert!(
        r.stdout.contains(PLANTED[0]),
        "converted documents keep the license key as data"
    );
}

/// Converted documents list their fields in the target version's documented order (the
/// model's), not alphabetically, whether complete or partial.
#[test]
fn converted_documents_keep_the_documented_field_order() {
    let documented = [
        "name",
        "email",
        "last_login",
        "date_created",
        "devices_allowed",
        "devices_used",
    ];
    for (file, to) in [
        (
            "crates/metaaccess-account-v3_0/fixtures/response/valid/with-license-key.json",
            "3.2",
        ),
        (
            "crates/metaaccess-account-v3_1/fixtures/response/valid/doc-example.json",
            "2.0",
        ),
    ] {
        let cmd = if to == "2.0" { "downgrade" } else { "upgrade" };
        let r = run(&[cmd, "--to", to, file], None);
        let line = r.stdout.lines().next().unwrap_or_default();
        // Text order, read without a map that sorts: the position of each key in the line.
        let at: Vec<usize> = documented
            .iter()
            .map(|k| line.find(&format!("\"{k}\":")).unwrap_or(usize::MAX))
            .collect();
        let sorted = {
            let mut s = at.clone();
            s.sort_unstable();
            s
        };
        assert!(at.iter().all(|&p| p != usize::MAX), "{line}");
        assert_eq!(
            at, sorted,
            "{cmd} {file}: fields out of documented order: {line}"
        );
    }
}
