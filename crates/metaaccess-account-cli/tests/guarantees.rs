//! The output guarantees: marker secrets planted in every location the secret policy names
//! never reach a diagnostic (stdout, stderr, --report) in any subcommand or format; records
//! cannot forge output lines; converted documents are faithful unless --redact; a valid record
//! that cannot be converted is an error.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

use metaaccess_account_testkit::leaked_piece;
use serde_json::{json, Value};

mod common;

fn tmp(name: &str, contents: &[u8]) -> String {
    common::scratch_file("guarantees", name, contents)
}

fn run(args: &[&str]) -> (i32, String, String) {
    common::run(args, b"")
}

/// Marker secrets, one per location; some short, all-digit, or with characters JSON escapes.
const M: [&str; 22] = [
    "MQAMP1secret",        // 0 query, & separated
    "MQSEMI2secret",       // 1 query, ; separated
    "MFRAG3secret",        // 2 fragment
    "MBEARER4secret",      // 3 Authorization: Bearer
    "MBASICPW5",           // 4 Authorization: Basic (password)
    "MCUSTOM6secret",      // 5 Authorization: custom scheme
    "MXTOKEN7secret",      // 6 X-Auth-Token header
    "MAPIKEY8secret",      // 7 X-Api-Key header
    "MCOOKIE9secret",      // 8 Cookie header
    "MSETCOOKIE10",        // 9 Set-Cookie
    "MHARCOOKIE11",        // 10 request.cookies
    "MFORMBODY12",         // 11 postData.text, form-encoded
    "MPARAMS13",           // 12 postData.params
    "MJSONBODY14",         // 13 postData.text, JSON
    "MLICENSE15secretkey", // 14 license_key in the document
    "MNESTEDTOKENS16",     // 15 nested "tokens" in the document
    "MINJSON\"17\\q",      // 16 password inside a string holding JSON (escapes)
    "987654",              // 17 all-digit api key
    "Zq9",                 // 18 short password
    "MQSTRING19",          // 19 request.queryString
    "MACCESSTOKEN20",      // 20 accessToken spelled in camel case
    "MPROXY21secret",      // 21 Proxy-Authorization
];

fn response_with_secrets() -> Value {
    response_noting(M[0])
}

/// The planted response, its `note` holding `note`: a secret of the record found elsewhere in
/// it (each HAR entry notes a secret of its own URL; a secret of another entry is not one of
/// this record's, so nothing would mask it).
fn response_noting(note: &str) -> Value {
    json!({
        "name": M[3], "email": "opswat_it@opswat.com",
        "last_login": "2017-03-09T08:00:00Z", "date_created": "2013-10-04T08:00:00Z",
        "devices_allowed": 500, "devices_used": 120,
        "devices_by_status": [{"status": M[8], "number_of_devices": 3}],
        "devices_by_issue_severity": [], "devices_by_vulnerability_severity": [],
        "license_key": M[14],
        "x_meta": {"tokens": [M[15]], "blob": json!({"password": M[16], "note": note}).to_string(),
                   "Api-Key": 987654, "pwd": M[18]},
    })
}

fn har() -> Value {
    let basic = base64_encode(&format!("user:{}", M[4]));
    let entry = |url: String, body: Value, note: &str| {
        json!({
            "request": {
                "method": "POST", "url": url,
                "headers": [
                    {"name": "authorization", "value": format!("Bearer {}", M[3])},
                    {"name": "Authorization", "value": format!("Basic {basic}")},
                    {"name": "AUTHORIZATION", "value": format!("Custom {}", M[5])},
                    {"name": "X-Auth-Token", "value": M[6]},
                    {"name": "x-api-key", "value": M[7]},
                    {"name": "Cookie", "value": format!("a=1; session={}", M[8])},
                    {"name": "Proxy-Authorization", "value": format!("Digest {}", M[21])},
                ],
                "cookies": [{"name": "sid", "value": M[10]}],
                "queryString": [{"name": "Access-Token", "value": M[19]}],
                "postData": body,
            },
            "response": {
                "status": 200,
                "headers": [{"name": "Set-Cookie", "value": format!("s={}; HttpOnly", M[9])}],
                "content": {"text": response_noting(note).to_string()},
            },
        })
    };
    let v32 = "https://gears.opswat.com/o/api/v3.2/account";
    let v31 = "https://gears.opswat.com/o/api/v3.1/account";
    json!({"log": {"entries": [
        entry(format!("{v32}?x=1&ACCESS_TOKEN={}#access_token={}", M[0], M[2]),
              json!({"text": json!({"score_type": M[13], "api_key": M[13]}).to_string(),
                     "params": [{"name": "password", "value": M[12]}]}), M[0]),
        entry(format!("{v31}?x=1;access-token={};accessToken={}", M[1], M[20]),
              json!({"text": format!("a=1&client_secret={}", M[11])}), M[1]),
    ]}})
}

fn base64_encode(s: &str) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let b = s.as_bytes();
    let mut out = String::new();
    for c in b.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= c.len() {
                out.push(T[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The first piece of 8 characters of a marker (raw, JSON-escaped or percent-encoded) in
/// `text`: a leak (markers shorter than 8 characters cannot leak by this definition).
/// A shorter marker stands only where a secret stands here: it must not be shown whole either.
fn leak<'m>(text: &str, markers: &[&'m str]) -> Option<(&'m str, String)> {
    markers.iter().find_map(|m| {
        let short = m.chars().count() < metaaccess_account_testkit::LEAK_PIECE;
        let whole = (short && text.contains(m)).then(|| (*m).to_owned());
        whole
            .or_else(|| leaked_piece(text, m))
            .map(|piece| (*m, piece))
    })
}

#[test]
fn planted_secrets_never_reach_a_diagnostic() {
    let har = tmp("planted.har", har().to_string().as_bytes());
    let mut ndjson = response_with_secrets().to_string();
    ndjson.push('\n');
    ndjson.push_str(&json!({"license_key": 5, "access_token": M[14], "name": M[14]}).to_string());
    ndjson.push('\n');
    let ndjson = tmp("planted.ndjson", ndjson.as_bytes());
    let report = tmp("planted-report.ndjson", b"");
    // Outside a HAR, only what the document itself marks as secret is known to be one.
    let in_document = [M[14], M[15], M[16], M[17], M[18]];
    for (input, markers) in [(&har, &M[..]), (&ndjson, &in_document[..])] {
        for format in ["human", "json"] {
            let runs: Vec<Vec<&str>> = vec![
                vec!["validate", "-v", "--format", format, input],
                vec!["validate", "--strict", "--format", format, input],
                vec![
                    "validate",
                    "--api-version",
                    "2.0",
                    "--format",
                    format,
                    input,
                ],
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
                // Without --redact, documents are data; only stderr and --report are checked.
                vec!["upgrade", "--report", &report, "--format", format, input],
                vec!["downgrade", "--to", "3.0", "--format", format, input],
            ];
            for args in runs {
                let (code, stdout, stderr) = run(&args);
                assert!(matches!(code, 0 | 1), "{args:?}: {stderr}");
                let report_text = std::fs::read_to_string(&report).unwrap_or_default();
                let documents_are_data = args.contains(&"upgrade") || args.contains(&"downgrade");
                let documents_are_data = documents_are_data && !args.contains(&"--redact");
                if !documents_are_data {
                    assert_eq!(
                        leak(&stdout, markers),
                        None,
                        "{args:?} on stdout:\n{stdout}"
                    );
                }
                assert_eq!(
                    leak(&stderr, markers),
                    None,
                    "{args:?} on stderr:\n{stderr}"
                );
                assert_eq!(leak(&report_text, markers), None, "{args:?} in --report");
            }
        }
    }
}

#[test]
fn a_record_cannot_forge_output_lines() {
    let doc = json!({"name\nvalid    forged.json": 1, "\u{1b}[2Jx": "\u{1b}]0;title\u{7}"});
    let file = tmp(
        "evil\nvalid    other.json\u{1b}[31m.json",
        doc.to_string().as_bytes(),
    );
    let (_, stdout, stderr) = run(&["validate", "-v", &file]);
    assert!(
        !stdout.contains('\u{1b}') && !stderr.contains('\u{1b}'),
        "{stdout}"
    );
    let statuses = ["valid ", "invalid ", "drift ", "skipped "];
    for line in stdout.lines() {
        let ok = line.starts_with("    ")
            || line.contains(" records: ")
            || line.contains(" record: ")
            || statuses
                .iter()
                .any(|s| line.starts_with(s) && line.contains("evil\\u{a}valid"));
        assert!(ok, "a line a record could have forged: {line:?}\n{stdout}");
    }
    let (_, stdout, _) = run(&["detect", &file]);
    assert!(
        stdout
            .lines()
            .all(|l| l.starts_with("    ") || l.contains("evil\\u{a}valid")),
        "{stdout}"
    );
    let (_, stdout, _) = run(&["validate", "--format", "json", &file]);
    assert!(stdout
        .lines()
        .all(|l| serde_json::from_str::<Value>(l).is_ok()));
}

#[test]
fn converted_documents_are_faithful_unless_redacted() {
    let (code, stdout, _) = run(&["upgrade", "samples/responses/v3.0.json"]);
    assert_eq!(code, 0);
    let doc: Value = serde_json::from_str(stdout.trim()).unwrap();
    let key = doc["license_key"].as_str().unwrap().to_owned();
    assert_ne!(key, "<redacted>", "the key is kept as is");
    let (code, stdout, stderr) = run(&["upgrade", "--redact", "samples/responses/v3.0.json"]);
    assert_eq!(code, 0);
    let redacted: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(redacted["license_key"], "<redacted>");
    assert!(!stdout.contains(&key) && !stderr.contains(&key));
    let mut expected = doc;
    expected["license_key"] = json!("<redacted>");
    assert_eq!(redacted, expected, "only secrets change");
}

#[test]
fn validate_and_upgrade_agree_on_every_record() {
    // Format edge values: whatever validate accepts, upgrade converts (exit 0 with a
    // document); whatever it rejects, upgrade reports (exit 1). Never empty output and 0.
    let base =
        std::fs::read_to_string(common::root().join("samples/responses/v3.1-doc-example.json"))
            .unwrap();
    let base: Value = serde_json::from_str(&base).unwrap();
    let edges = [
        ("last_login", json!("2016-12-31T23:59:60Z")),
        ("last_login", json!("2017-03-09T08:00:00-00:00")),
        ("last_login", json!("2017-03-09T08:00:00+24:00")),
        ("last_login", json!("2017-03-09T08:00:00.123456789123Z")),
        ("email", json!("\"odd local\"@example.com")),
        ("email", json!("user@[192.168.0.1]")),
        ("devices_used", json!(18446744073709551615u64)),
    ];
    for (field, value) in edges {
        let mut doc = base.clone();
        doc[field] = value.clone();
        let file = tmp("edge.json", doc.to_string().as_bytes());
        let (vcode, vout, _) = run(&["validate", "--format", "json", &file]);
        let status =
            serde_json::from_str::<Value>(vout.lines().next().unwrap()).unwrap()["status"].clone();
        let (ucode, uout, uerr) = run(&["upgrade", &file]);
        if status == "valid" || status == "drift" {
            assert_eq!(ucode, 0, "{field}={value}: {uerr}");
            assert_eq!(uout.lines().count(), 1, "{field}={value}: a document");
        } else {
            assert_eq!((vcode, ucode), (1, 1), "{field}={value}: {uerr}");
            assert!(uerr.contains("invalid"), "{field}={value}: {uerr}");
        }
    }
}

#[test]
fn an_accepted_record_that_cannot_be_converted_is_an_error() {
    use metaaccess_account::{ApiVersion, DocumentKind};
    use metaaccess_account_cli::cmd::convert::{convert_verdict, Converted};
    use metaaccess_account_cli::input::{Body, Locator, Record};
    use metaaccess_account_validate::{Status, Verdict};

    let record = Record {
        source: "x.json".into(),
        locator: Locator::Document,
        kind: DocumentKind::Response,
        hint: None,
        body: Body::Json(b"{}".to_vec().into()),
        secrets: Default::default(),
    };
    // A verdict that claims validity but carries no model (schema and model disagreeing).
    let mut verdict = Verdict::new(DocumentKind::Response, Status::Valid);
    verdict.api_version = Some(ApiVersion::V3_1);
    verdict.document = Some(json!({}));
    match convert_verdict(
        &record,
        verdict,
        &Default::default(),
        ApiVersion::LATEST,
        false,
    ) {
        Converted::Failed(v) => {
            assert_eq!(v.status, Status::Invalid, "counted as a failure: exit 1");
            assert!(v.errors[0].message.contains("conversion to"));
        }
        Converted::Done { .. } | Converted::Refused(_) => {
            panic!("converted nothing into something, or refused it")
        }
    }
}

#[test]
fn the_fail_closed_layer_prints_placeholders_only() {
    use metaaccess_account::DocumentKind;
    use metaaccess_account_cli::input::{Body, Locator, Record};
    use metaaccess_account_cli::output::{write_verdict_through, Format, Shield, WITHHELD};
    use metaaccess_account_validate::Verdict;

    let record = Record {
        source: "SECRETFILE.json".into(),
        locator: Locator::Line(3),
        kind: DocumentKind::Response,
        hint: None,
        body: Body::Json(Vec::new().into()),
        secrets: Default::default(),
    };
    let mut verdict = Verdict::invalid(DocumentKind::Response, "quotes SECRETVALUE");
    verdict.note = Some("SECRETNOTE".into());
    for format in [Format::Human, Format::Json] {
        let mut out = Vec::new();
        write_verdict_through(&mut out, format, true, &record, &verdict, &Shield::broken())
            .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(!text.contains("SECRET"), "{text}");
        assert!(text.contains(WITHHELD), "{text}");
    }
}

/// `--show-secrets` shows what is otherwise masked, everywhere at once: the same diagnostics,
/// with the secret in place of every mask, in every format and on every stream.
#[test]
fn show_secrets_shows_everything_consistently() {
    let secret = "MSHOWN42secret";
    let mut doc = response_with_secrets();
    doc["license_key"] = json!(secret);
    doc["devices_by_status"] = json!([{"status": secret, "number_of_devices": 3}]);
    doc.as_object_mut().unwrap().remove("x_meta");
    let input = tmp("show-secrets.json", doc.to_string().as_bytes());
    let report = tmp("show-secrets-report.ndjson", b"");
    for format in ["human", "json"] {
        for cmd in [
            vec!["validate", "--format", format, &input],
            vec!["detect", "--format", format, &input],
            vec![
                "downgrade",
                "--to",
                "3.0",
                "--report",
                &report,
                "--format",
                format,
                &input,
            ],
        ] {
            // Diagnostics only: stderr, the report, and stdout unless it holds documents.
            let diagnostics = |args: &[&str]| {
                let _ = std::fs::remove_file(&report);
                let (_, out, err) = run(args);
                let out = if args[0] == "downgrade" {
                    String::new()
                } else {
                    out
                };
                format!(
                    "{out}{err}{}",
                    std::fs::read_to_string(&report).unwrap_or_default()
                )
            };
            let masked = diagnostics(&cmd);
            let shown_cmd = [&cmd[..1], &["--show-secrets"], &cmd[1..]].concat();
            let shown = diagnostics(&shown_cmd);
            assert!(
                masked.contains("<redacted>"),
                "{cmd:?} masks nothing:\n{masked}"
            );
            assert!(!masked.contains(secret), "{cmd:?}:\n{masked}");
            assert!(
                shown.contains(secret),
                "{shown_cmd:?} hides the secret:\n{shown}"
            );
            // Apart from timings, the two runs differ only where the secret was masked.
            let strip = |s: &str| -> String {
                s.lines()
                    .filter(|l| !l.contains("records/s") && !l.contains("elapsed_seconds"))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            assert_eq!(
                strip(&masked).replace("<redacted>", secret),
                strip(&shown).replace("<redacted>", secret),
                "{cmd:?}"
            );
            assert!(
                !strip(&shown).contains("<redacted>"),
                "{shown_cmd:?} still masks:\n{shown}"
            );
        }
    }
}
