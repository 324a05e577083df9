//! The fuzz targets' bodies, shared with the regression test
//! (`crates/metaaccess-account-cli/tests/fuzz_regressions.rs`), which replays every input in
//! `fuzz/regressions/<target>/` through them. A panic here is a finding.

// Each target uses one of these functions.
#![allow(dead_code)]

use metaaccess_account::{AnyAccountDetails, ApiVersion, Document, Email, Timestamp};
use metaaccess_account_cli::check::check;
use metaaccess_account_cli::input::{read_reader, InputFormat, Item, Limits, Sink};
use metaaccess_account_cli::output::{verdict_json, write_verdict, Format};
use metaaccess_account_convert::{convert_any, Outcome};
use metaaccess_account_validate::{Options, Validator};

/// Record reading of every input format, then validation and output of every record.
/// The first byte picks the format; the rest is the input.
pub fn read_records(data: &[u8]) {
    let Some((first, rest)) = data.split_first() else {
        return;
    };
    let format = match first % 4 {
        0 => InputFormat::Auto,
        1 => InputFormat::Json,
        2 => InputFormat::Ndjson,
        _ => InputFormat::Har,
    };
    let limits = Limits {
        max_record_bytes: 64 * 1024,
        max_har_bytes: 256 * 1024,
    };
    let validator = Validator::new(
        Options::default()
            .strict(first & 4 != 0)
            .max_errors(5)
            .max_depth(32)
            .show_secrets(false)
            .typed_fast_path(first & 8 != 0),
    );
    let mut deliver = |item: Item| {
        if let Item::Record(record) = item {
            let verdict = check(&record, &validator, None);
            let _ = verdict_json(&record, &verdict);
            let mut out = Vec::new();
            let _ = write_verdict(&mut out, Format::Human, true, &record, &verdict, false);
            if verdict.kind == metaaccess_account::DocumentKind::Response {
                // Whatever is accepted can be converted: the schema and the model agree.
                assert!(!verdict.is_accepted() || verdict.model.is_some());
            }
        }
        true
    };
    read_reader("fuzz", rest, format, limits, &mut Sink::new(&mut deliver));
}

fn roundtrip<T: Document + PartialEq + std::fmt::Debug>(text: &str) {
    let _ = T::from_json_str_strict(text);
    if let Ok(parsed) = T::from_json_str(text) {
        let json = serde_json::to_string(&parsed.value).expect("a parsed model serializes");
        let again = T::from_json_str(&json).expect("a serialized model parses");
        assert_eq!(again.value, parsed.value);
        assert!(again
            .drift
            .iter()
            .all(|d| parsed.drift.iter().any(|p| p.pointer == d.pointer)));
    }
}

/// Model parsing of every version, lenient and strict; what parses serializes and parses back
/// to the same value.
pub fn parse_models(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    macro_rules! every_model {
        ($(
            $(#[$doc:meta])*
            $V:ident = $number:literal, $module:ident, $krate:ident $(, request $Req:ident)?;
        )+) => {$(
            roundtrip::<metaaccess_account::$module::AccountDetails>(text);
            $(roundtrip::<metaaccess_account::$module::$Req>(text);)?
        )+};
    }
    metaaccess_account::api_versions!(every_model);
}

/// The hazard-aware JSON parser, then detection against every version's schema.
pub fn detect(data: &[u8]) {
    if let Ok((value, _hazards)) = metaaccess_account_validate::json::parse(data, 32) {
        let d = metaaccess_account_validate::detect(&value);
        assert_eq!(
            d.accepted.len() + d.drift.len() + d.rejected.len(),
            ApiVersion::ALL.len()
        );
    }
}

/// Conversion of any leniently parsed document of any version to every version, and, for
/// documents valid for their version, the law that upgrading loses nothing. (A drifting
/// document may carry values the newer version gives a meaning to, such as a 3.1 "high"
/// severity; converting back drops them, and the report says so.)
pub fn convert(data: &[u8]) {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    for from in ApiVersion::ALL {
        let Ok(parsed) = AnyAccountDetails::from_json_value(from, &value) else {
            continue;
        };
        for to in ApiVersion::ALL {
            let _ = convert_any(&parsed.value, to);
        }
        if !parsed.drift.is_empty() {
            continue;
        }
        let up = convert_any(&parsed.value, ApiVersion::LATEST);
        let back = convert_any(&up.outcome, from);
        assert_eq!(
            back.outcome,
            Outcome::Complete(parsed.value.clone()),
            "upgrade then downgrade lost data"
        );
    }
}

/// The value types against the `jsonschema` crate's checks of the schemas' formats: `Email`
/// and `"format": "email"`, `Timestamp` and `"format": "date-time"` give the same verdict on
/// any text, and an accepted date-time serializes back byte for byte.
pub fn formats(data: &[u8]) {
    use std::str::FromStr;
    use std::sync::OnceLock;

    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    static CHECKS: OnceLock<[jsonschema::Validator; 2]> = OnceLock::new();
    let [email, date_time] = CHECKS.get_or_init(|| {
        ["email", "date-time"].map(|format| {
            jsonschema::options()
                .should_validate_formats(true)
                .build(&serde_json::json!({ "type": "string", "format": format }))
                .expect("a format schema compiles")
        })
    });
    let value = serde_json::Value::from(text);
    assert_eq!(
        Email::from_str(text).is_ok(),
        email.is_valid(&value),
        "email verdicts differ on {text:?}"
    );
    let timestamp = Timestamp::from_str(text);
    assert_eq!(
        timestamp.is_ok(),
        date_time.is_valid(&value),
        "date-time verdicts differ on {text:?}"
    );
    if let Ok(t) = timestamp {
        assert_eq!(
            serde_json::to_string(&t).expect("a timestamp serializes"),
            serde_json::to_string(text).expect("a string serializes")
        );
    }
}
