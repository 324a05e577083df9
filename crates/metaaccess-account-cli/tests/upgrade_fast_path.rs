//! `upgrade` reads a valid record through the typed fast path (no JSON tree, no schema): the
//! documents and reports it gives are the full path's, byte for byte, on every fixture and on
//! generated documents of every version (valid ones, and mutated ones that the full path
//! judges). `scripts/bench.sh` also compares the 200,000-record corpus with the build before.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

use metaaccess_account::{ApiVersion, DocumentKind};
use metaaccess_account_cli::cmd::convert::{convert_record, Converted, Direction, Options};
use metaaccess_account_cli::input::{self, InputFormat, Item, Limits, Record, Sink};
use metaaccess_account_validate::{Options as ValidatorOptions, Validator};
use proptest::prelude::*;

fn records(text: &[u8]) -> Vec<Record> {
    let mut out = Vec::new();
    let mut deliver = |item: Item| {
        if let Item::Record(r) = item {
            out.push(r);
        }
        true
    };
    let mut sink = Sink::new(&mut deliver);
    input::read_reader(
        "corpus",
        text,
        InputFormat::Ndjson,
        Limits::default(),
        &mut sink,
    );
    out
}

/// What a conversion gives, as text: the document and the full report, or the verdict.
fn outcome(c: Converted, record: &Record) -> String {
    match c {
        Converted::Done {
            document, report, ..
        } => format!(
            "{}\n{}\n{}",
            serde_json::to_string(&document).unwrap(),
            report.json(record),
            report.compact(record)
        ),
        Converted::Failed(v) => format!("failed {:?} {:?} {:?}", v.status, v.api_version, v.errors),
        Converted::Refused(v) => format!("refused {:?}", v.errors),
    }
}

/// Converts every line of `text` with and without the fast path; the two must agree, and
/// returns how many records the fast path read.
fn same_both_ways(text: &[u8], to: ApiVersion) -> usize {
    let fast = Validator::new(ValidatorOptions::default().typed_fast_path(true));
    let full = Validator::new(ValidatorOptions::default());
    let options = Options {
        to,
        redact: false,
        plain: false,
        direction: Some(Direction::Up),
    };
    let mut fast_reads = 0;
    for record in records(text) {
        if let input::Body::Json(bytes) = &record.body {
            fast_reads += usize::from(fast.fast_valid(bytes, record.kind, None).is_some());
        }
        for redact in [false, true] {
            let options = Options { redact, ..options };
            let a = outcome(convert_record(&record, &fast, None, options), &record);
            let b = outcome(convert_record(&record, &full, None, options), &record);
            assert_eq!(a, b, "{}", record.locator);
        }
    }
    fast_reads
}

#[test]
fn every_fixture_converts_the_same_with_the_fast_path() {
    let mut lines = Vec::new();
    for path in metaaccess_account_testkit::response_inputs() {
        let bytes = std::fs::read(&path).unwrap();
        match serde_json::from_slice::<serde_json::Value>(&bytes) {
            Ok(v) => lines.extend(format!("{v}\n").into_bytes()),
            // As it is, on one line.
            Err(_) => {
                lines.extend(bytes.iter().map(|b| if *b == b'\n' { b' ' } else { *b }));
                lines.push(b'\n');
            }
        }
    }
    let fast = same_both_ways(&lines, ApiVersion::LATEST);
    assert!(
        fast > 0,
        "some fixture takes the fast path, or this test compares nothing"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn generated_documents_convert_the_same_with_the_fast_path(
        doc in prop::sample::select(ApiVersion::ALL.to_vec())
            .prop_flat_map(|v| metaaccess_account_testkit::document(v, DocumentKind::Response).unwrap())
            .prop_flat_map(metaaccess_account_testkit::mutated),
        plain in prop::sample::select(ApiVersion::ALL.to_vec())
            .prop_flat_map(|v| metaaccess_account_testkit::document(v, DocumentKind::Response).unwrap()),
    ) {
        let (mutated, _) = doc;
        let text = format!("{mutated}\n{plain}\n");
        // (Most valid documents take the fast path; the fixtures' test asserts that some do.)
        same_both_ways(text.as_bytes(), ApiVersion::LATEST);
    }
}
