//! The last check (`Shield::guard`) catches what masking by structure and by text misses.
//!
//! Masking replaces a secret it recognises: the whole value, where it stands or inside text. A
//! message built by a code path that cut a value before masking it (the fault of issue #24), or
//! that wrote it in a spelling the masking does not search (base64), holds a piece of the secret
//! that masking cannot recognise. These tests build such messages with the public API, show
//! that masking alone lets the piece through, and that every writer of the output layer
//! withholds the line instead.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

use std::sync::Arc;

use metaaccess_account::{ApiVersion, DocumentKind};
use metaaccess_account_capture::convert::Report;
use metaaccess_account_capture::input::{Body, Locator, Record};
use metaaccess_account_capture::output::{
    self, conversion_report_line, write_detection, write_verdict_through, ConversionTally,
    Detected, Format, Shield, LEAK_WITHHELD,
};
use metaaccess_account_convert::Carried;
use metaaccess_account_validate::secrets::Secrets;
use metaaccess_account_validate::{Problem, Status, Verdict};

const TOKEN: &str = "tok3n-9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c";

/// Any piece of 8 bytes of the token, raw, in `text` (the definition of a leak).
fn holds_a_piece(text: &str) -> bool {
    TOKEN
        .as_bytes()
        .windows(8)
        .any(|w| text.contains(std::str::from_utf8(w).unwrap()))
}

/// A HAR record whose token is known from around it (as a header's value would be).
fn record() -> Record {
    let mut secrets = Secrets::default();
    secrets.add(TOKEN);
    Record {
        source: Arc::from("capture.har"),
        locator: Locator::Entry(0, DocumentKind::Response),
        kind: DocumentKind::Response,
        hint: Some(ApiVersion::V3_2),
        body: Body::Skipped("not read in this test".into()),
        secrets: Arc::new(secrets),
    }
}

/// Messages masking cannot see: the token cut before it was masked (32 characters and an
/// ellipsis, as values were shortened for display), and the token's start in base64.
fn messages() -> [String; 2] {
    let cut: String = TOKEN.chars().take(32).collect();
    [
        format!("expected an integer, found a string \"{cut}…\""),
        // base64 of "tok3n-9f8e7d6c5b": a spelling the masking does not search.
        "decoded as dG9rM24tOWY4ZTdkNmM1Yg".to_owned(),
    ]
}

fn verdict(message: &str) -> Verdict {
    let mut v = Verdict::new(DocumentKind::Response, Status::Invalid);
    v.api_version = Some(ApiVersion::V3_2);
    v.errors.push(Problem::new("/devices_used", message));
    v
}

#[test]
fn masking_alone_lets_these_pieces_through() {
    let r = record();
    let shield = output::shield_for(&r, None, false);
    for m in messages() {
        let masked = shield.text(&m);
        assert!(
            holds_a_piece(&masked) || masked.contains("dG9rM24tOWY4ZTdkNmM1Yg"),
            "masking caught it, so this test proves nothing about the last check: {masked}"
        );
        let mut secrets = Secrets::default();
        secrets.add(TOKEN);
        assert!(
            secrets.leaks(&masked),
            "the last check must see it: {masked}"
        );
    }
}

#[test]
fn the_last_check_withholds_verdict_lines_in_both_formats() {
    let r = record();
    for m in messages() {
        let v = verdict(&m);
        let shield = output::shield_for(&r, Some(&v), false);
        for format in [Format::Human, Format::Json] {
            let mut out = Vec::new();
            write_verdict_through(&mut out, format, true, &r, &v, &shield).unwrap();
            let text = String::from_utf8(out).unwrap();
            assert!(!holds_a_piece(&text), "{format:?}: {text}");
            assert!(!text.contains("dG9rM24tOWY4"), "{format:?}: {text}");
            assert!(text.contains(LEAK_WITHHELD), "{format:?}: {text}");
            // What the tool generates itself is still there: status, place, pointer or
            // locator.
            assert!(text.contains("invalid"), "{format:?}: {text}");
            if format == Format::Json {
                let line: serde_json::Value = serde_json::from_str(text.trim()).unwrap();
                assert_eq!(line["locator"], "entry 0 response");
                assert_eq!(line["withheld"], LEAK_WITHHELD);
            } else {
                assert!(
                    text.starts_with("invalid  capture.har entry 0 response"),
                    "{text}"
                );
            }
        }
        // With --show-secrets, nothing is withheld: the line is what it was.
        let shown = Shield::new(r.secrets.as_ref().clone(), true);
        let mut out = Vec::new();
        write_verdict_through(&mut out, Format::Human, true, &r, &v, &shown).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(!text.contains(LEAK_WITHHELD), "{text}");
    }
}

#[test]
fn the_last_check_withholds_detection_and_conversion_lines() {
    let r = record();
    for m in messages() {
        let v = verdict(&m);
        let shield = output::shield_for(&r, Some(&v), false);
        for format in [Format::Human, Format::Json] {
            let mut out = Vec::new();
            write_detection(&mut out, format, &r, &Detected::NotTried(&v), &shield).unwrap();
            let text = String::from_utf8(out).unwrap();
            assert!(!holds_a_piece(&text), "detect {format:?}: {text}");
            assert!(text.contains(LEAK_WITHHELD), "detect {format:?}: {text}");
        }
        // A member the source did not document is named in the report by its pointer.
        let report = Report {
            from: ApiVersion::V3_2,
            to: ApiVersion::V2_0,
            complete: false,
            missing: Vec::new(),
            carried: Vec::new(),
            unknown: vec![Carried::new(
                ApiVersion::V3_2,
                format!("/{m}"),
                serde_json::Value::Null,
                "2.0 does not document it",
            )],
            entries: Vec::new(),
        };
        let text = conversion_report_line(&r, &report, &shield);
        assert!(!holds_a_piece(&text), "convert: {text}");
        assert!(text.contains(LEAK_WITHHELD), "convert: {text}");

        // The run's summary names that member too: counted, and withheld in both formats.
        let mut tally = ConversionTally::default();
        tally.add(&report, &r.secrets, false);
        for format in [Format::Human, Format::Json] {
            let mut out = Vec::new();
            tally.write(&mut out, format).unwrap();
            let text = String::from_utf8(out).unwrap();
            assert!(!holds_a_piece(&text), "summary {format:?}: {text}");
            assert!(text.contains(LEAK_WITHHELD), "summary {format:?}: {text}");
        }
    }
}
