//! `Debug` shows no secret: a `{:?}` in somebody's log line is a diagnostic too.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

use metaaccess_account::{ApiVersion, DocumentKind};
use metaaccess_account_capture::convert::{convert_record, Converted, Options};
use metaaccess_account_capture::input::{read_reader, InputFormat, Item, Limits, Record, Sink};
use metaaccess_account_convert::envelope::Annotation;
use metaaccess_account_convert::Carried;
use metaaccess_account_validate::Validator;

const KEY: &str = "DEBUGsecretLICENSEkey0123456789";
const TOKEN: &str = "DEBUGsecretTOKEN0123456789abcdef";

/// No 8-character piece of `secret` in `text`.
fn assert_no_piece(text: &str, secret: &str) {
    for i in 0..=secret.len() - 8 {
        let piece = &secret[i..i + 8];
        assert!(!text.contains(piece), "{piece:?} of a secret in {text}");
    }
}

fn har_record() -> Record {
    let doc = serde_json::json!({
        "name": "OPSWAT IT", "email": "opswat_it@opswat.com",
        "last_login": "2017-03-09T08:00:00Z", "date_created": "2013-10-04T08:00:00Z",
        "devices_allowed": 500, "devices_used": 120,
        "devices_by_status": [{"status": "quarantined", "number_of_devices": 3}],
        "devices_by_issue_severity": [], "devices_by_vulnerability_severity": [],
        "license_key": KEY, "x_site": {"api_token": TOKEN},
    });
    let har = serde_json::json!({"log": {"entries": [{
        "request": {"method": "GET",
                    "url": format!("https://gears.opswat.com/o/api/v3.1/account?access_token={TOKEN}"),
                    "headers": [{"name": "Authorization", "value": format!("Bearer {TOKEN}")}]},
        "response": {"status": 200, "content": {"mimeType": "application/json", "text": doc.to_string()}},
    }]}});
    let bytes = har.to_string().into_bytes();
    let mut records = Vec::new();
    let mut deliver = |item| {
        if let Item::Record(r) = item {
            records.push(r);
        }
        true
    };
    read_reader(
        "capture.har",
        &bytes[..],
        InputFormat::Har,
        Limits::default(),
        &mut Sink::new(&mut deliver),
    );
    records.pop().unwrap()
}

#[test]
fn records_verdicts_and_conversions_debug_without_secrets() {
    let record = har_record();
    assert_no_piece(&format!("{record:?}"), TOKEN);
    assert_no_piece(&format!("{record:?}"), KEY);

    let validator = Validator::default();
    let verdict = metaaccess_account_capture::check::check(&record, &validator, None);
    let shown = format!("{verdict:?}");
    assert!(verdict.document.is_some());
    assert_no_piece(&shown, KEY);
    assert_no_piece(&shown, TOKEN);

    let options = Options {
        to: ApiVersion::V3_2,
        redact: false,
        plain: false,
        direction: None,
    };
    match convert_record(&record, &validator, None, options) {
        Converted::Done {
            document, secrets, ..
        } => {
            // The document is data (it holds the key, on purpose); its Debug is not.
            assert!(serde_json::to_string(&document).unwrap().contains(KEY));
            assert_no_piece(&format!("{document:?}"), KEY);
            assert_no_piece(&format!("{document:?}"), TOKEN);
            assert_no_piece(&format!("{secrets:?}"), KEY);
        }
        Converted::Failed(v) | Converted::Refused(v) => panic!("not converted: {v:?}"),
    }
    let carried = Carried::new(
        ApiVersion::V3_0,
        "/x_site/api_token",
        serde_json::json!(TOKEN),
        "r",
    );
    let annotation = Annotation {
        version: Some(ApiVersion::V2_0),
        carried: vec![carried.clone()],
        ..Annotation::default()
    };
    assert_no_piece(&format!("{carried:?} {annotation:?}"), TOKEN);
    let _ = DocumentKind::Response;
}
