//! One test per fault listed at the top of issue #24, each through the binary. Each fails on
//! the commit before the fix (220e542~1: checked by running this file there) and passes now:
//!
//! 1. a long credential around a HAR document was printed in part (cut to 32 characters before
//!    it was masked);
//! 2. a secret member named in the plural, in camelCase or numbered was not masked, and
//!    `--redact` left it;
//! 3. a one-character cookie masked that character everywhere: the version, the file name, the
//!    pointers;
//! 4. a file named after a URL printed its token.
//!
//! The secret property (`secrets_property.rs`) covers all four at random; these are the faults
//! as the issue states them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

mod common;

use metaaccess_account_testkit::leaked_piece;
use serde_json::{json, Value};

fn tmp(name: &str, contents: &[u8]) -> String {
    common::scratch_file("secrets_issue24", name, contents)
}

/// A valid 3.2 response.
fn response() -> Value {
    json!({
        "name": "OPSWAT IT", "email": "opswat_it@opswat.com",
        "last_login": "2017-03-09T08:00:00Z", "date_created": "2013-10-04T08:00:00Z",
        "devices_allowed": 500, "devices_used": 120,
        "devices_by_status": [{"status": "compliant", "number_of_devices": 3}],
        "devices_by_issue_severity": [], "devices_by_vulnerability_severity": [],
        "license_key": "testcccd3e7201ee83e2c4b9f6dfc96c",
    })
}

fn har(entry: Value) -> String {
    json!({"log": {"version": "1.2", "entries": [entry]}}).to_string()
}

const URL: &str = "https://gears.opswat.com/o/api/v3.2/account";

/// Every subcommand, both formats (upgrade and downgrade with `--redact`, so their standard
/// output is a diagnostic too): the outputs, joined.
fn every_output(input: &str) -> Vec<(String, String)> {
    let mut all = Vec::new();
    for format in ["human", "json"] {
        for args in [
            vec!["validate", "-v", "--format", format, input],
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
        ] {
            let (code, stdout, stderr) = common::run(&args, b"");
            assert!(matches!(code, 0 | 1), "{args:?}: {stderr}");
            all.push((format!("{args:?}"), format!("{stdout}\n{stderr}")));
        }
    }
    all
}

/// 1. A 44-character token in the query string, an `Authorization` header, a token header, a
///    cookie and a 3.2 request's `license_key`, each also written where the document expects
///    a number: no 8-character piece of any of them in any output.
#[test]
fn a_long_credential_around_a_har_document_is_never_printed_in_part() {
    let tokens = [
        "QUERYtok-0123456789abcdefghijklmnopqrstuvwxyz",
        "BEARERtok-0123456789abcdefghijklmnopqrstuvwxy",
        "HEADERtok-0123456789abcdefghijklmnopqrstuvwxy",
        "COOKIEtok-0123456789abcdefghijklmnopqrstuvwxy",
        "LICENSEtok-0123456789abcdefghijklmnopqrstuvwx",
    ];
    for (i, token) in tokens.iter().enumerate() {
        let mut doc = response();
        doc["devices_used"] = json!(token); // echoed where a count belongs: described
        let mut request = json!({"method": "POST", "url": URL, "headers": [], "cookies": []});
        match i {
            0 => request["url"] = json!(format!("{URL}?access_token={token}")),
            1 => {
                request["headers"] =
                    json!([{"name": "Authorization", "value": format!("Bearer {token}")}])
            }
            2 => request["headers"] = json!([{"name": "X-Auth-Token", "value": token}]),
            3 => request["headers"] = json!([{"name": "Cookie", "value": format!("sid={token}")}]),
            _ => {
                let body = json!({"score_type": "opswat_score", "license_key": token});
                request["postData"] = json!({"text": body.to_string()});
            }
        }
        let entry = json!({"request": request,
                           "response": {"status": 200, "content": {"text": doc.to_string()}}});
        let input = tmp(&format!("long-{i}.har"), har(entry).as_bytes());
        for (args, out) in every_output(&input) {
            assert_eq!(leaked_piece(&out, token), None, "{args}:\n{out}");
        }
    }
}

/// 2. Secret members under other spellings of their names: masked in every diagnostic, and
///    `--redact` masks them in converted documents.
#[test]
fn secret_names_are_matched_in_every_spelling() {
    let names = [
        "licenseKeys",
        "license_key_2",
        "LicenseKey1",
        "access_tokens",
        "Passwords3",
        "API-KEYS",
    ];
    for (i, name) in names.iter().enumerate() {
        let secret = format!("SPELLED{i}secret-0123456789abcdef");
        let mut doc = response();
        doc["x_meta"] = json!({ *name: secret });
        doc["devices_used"] = json!(secret);
        let input = tmp(&format!("spelled-{i}.json"), doc.to_string().as_bytes());
        for (args, out) in every_output(&input) {
            assert_eq!(leaked_piece(&out, &secret), None, "{name}: {args}:\n{out}");
        }
        doc["devices_used"] = json!(120);
        let input = tmp(
            &format!("spelled-valid-{i}.json"),
            doc.to_string().as_bytes(),
        );
        let (_, stdout, _) = common::run(&["upgrade", "--redact", &input], b"");
        let converted: Value = serde_json::from_str(stdout.trim()).unwrap();
        assert_eq!(leaked_piece(&stdout, &secret), None, "{name}: {stdout}");
        assert!(stdout.contains("<redacted>"), "{name}: {stdout}");
        assert!(converted.is_object(), "{stdout}");
    }
}

/// 3. A one-character cookie value (`a`, `3`, `.`): the JSON output still says what was checked
///    (source, version, kind, locator, pointers), character for character.
#[test]
fn a_one_character_secret_masks_nothing_else() {
    for (i, value) in ["a", "3", ".", "e"].iter().enumerate() {
        let mut doc = response();
        doc["devices_by_status"][0]["status"] = json!("quarantined"); // drift at a pointer
        doc["devices_used"] = json!("many"); // invalid at a pointer
        let entry = json!({
            "request": {"method": "POST", "url": URL,
                        "headers": [{"name": "Cookie", "value": format!("c={value}")}]},
            "response": {"status": 200,
                         "headers": [{"name": "Set-Cookie", "value": format!("s={value}; Path=/")}],
                         "content": {"text": doc.to_string()}},
        });
        let input = tmp(&format!("short-cookie-{i}.har"), har(entry).as_bytes());
        let (_, stdout, _) = common::run(&["validate", "--format", "json", &input], b"");
        let line: Value = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
        assert_eq!(line["source"], input, "{value}: {stdout}");
        assert_eq!(line["api_version"], "3.2", "{value}: {stdout}");
        assert_eq!(line["kind"], "response", "{value}: {stdout}");
        assert_eq!(line["locator"], "entry 0 response", "{value}: {stdout}");
        let pointers: Vec<&str> = line["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["instance_path"].as_str().unwrap())
            .collect();
        assert!(pointers.contains(&"/devices_used"), "{value}: {stdout}");
        assert!(!stdout.contains("<redacted>"), "{value}: {stdout}");
        let (_, stdout, _) = common::run(&["validate", "-v", &input], b"");
        assert!(
            stdout.starts_with(&format!("invalid  {input} entry 0 response (3.2)")),
            "{value}: {stdout}"
        );
    }
}

/// 4. A file saved under its URL, query string included: its token is not printed with its
///    name, in any subcommand or format.
#[test]
fn a_file_named_after_a_url_does_not_print_its_token() {
    let token = "FILEtok-0123456789abcdefghijklmnop";
    let mut doc = response();
    doc["devices_used"] = json!("many");
    let input = tmp(
        &format!("gears.opswat.com_o_api_v3.2_account?x=1&access_token={token}.json"),
        doc.to_string().as_bytes(),
    );
    for (args, out) in every_output(&input) {
        assert_eq!(leaked_piece(&out, token), None, "{args}:\n{out}");
        assert!(out.contains("access_token=<redacted>"), "{args}:\n{out}");
    }
}
