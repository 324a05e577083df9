//! Parsers on one thread, over the same lines: serde_json and sonic-rs into
//! `serde::de::IgnoredAny` (syntax only), and into the typed v3.1 model read strictly (through
//! `serde_ignored` and `objects_only::Object`, unknown fields and enum values refused), the
//! same work for both parsers; and `Document::read_valid`, the strict read the typed fast path
//! of `validate` does per version tried (serde_json over a checked `&str`, failing at the first
//! undocumented field, with no path bookkeeping).
//!
//! The lines: those of the NDJSON file named by `BENCH_CORPUS` (for example
//! `gen_corpus 20000 7 3.1 clean`, every line a valid v3.1 response), else the valid v3.1
//! fixtures, each on one line. Behind the bench crate's `sonic` feature, so that CI never
//! builds sonic-rs:
//!
//! `cargo bench -p metaaccess-account-bench --features sonic --bench parsers`

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::panic)] // benchmark code: a panic is a failure report

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use metaaccess_account::v3_1::AccountDetails;
use metaaccess_account::{ApiVersion, Document, DocumentKind};
use metaaccess_account_core::objects_only::Object;
use metaaccess_account_testkit as kit;
use serde::de::IgnoredAny;

fn lines() -> (String, Vec<Vec<u8>>) {
    match std::env::var_os("BENCH_CORPUS") {
        Some(path) => {
            let text = std::fs::read(&path).unwrap();
            let lines = text
                .split(|b| *b == b'\n')
                .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
                .map(<[u8]>::to_vec)
                .collect();
            (path.to_string_lossy().into_owned(), lines)
        }
        None => {
            let lines = kit::fixture_files(ApiVersion::V3_1, DocumentKind::Response, "valid")
                .into_iter()
                .map(|path| {
                    let value: serde_json::Value =
                        serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
                    serde_json::to_vec(&value).unwrap()
                })
                .collect();
            ("the valid v3.1 fixtures".into(), lines)
        }
    }
}

/// Reads a v3.1 response strictly: no unknown field, no unknown enum value.
fn strict<'de, D: serde::Deserializer<'de>>(de: D) -> bool {
    let mut unknown = false;
    let read: Result<Object<AccountDetails>, _> =
        serde_ignored::deserialize(de, |_| unknown = true);
    match read {
        Ok(Object(doc)) => {
            let mut drift = Vec::new();
            doc.unknown_enum_values(&mut drift);
            !unknown && drift.is_empty()
        }
        Err(_) => false,
    }
}

type Parser = fn(&[u8]) -> bool;

const PARSERS: [(&str, Parser); 5] = [
    ("serde_json/ignored_any", |l| {
        serde_json::from_slice::<IgnoredAny>(l).is_ok()
    }),
    ("sonic_rs/ignored_any", |l| {
        sonic_rs::from_slice::<IgnoredAny>(l).is_ok()
    }),
    ("serde_json/typed_v3_1_strict", |l| {
        let mut de = serde_json::Deserializer::from_slice(l);
        strict(&mut de) && de.end().is_ok()
    }),
    ("sonic_rs/typed_v3_1_strict", |l| {
        let mut de = sonic_rs::Deserializer::from_slice(l);
        strict(&mut de) && de.end().is_ok()
    }),
    ("serde_json/read_valid_v3_1", |l| {
        std::str::from_utf8(l).is_ok_and(|text| AccountDetails::read_valid(text).is_some())
    }),
];

fn parsers(c: &mut Criterion) {
    let (source, lines) = lines();
    let bytes: usize = lines.iter().map(Vec::len).sum();
    eprintln!(
        "parsers: {} lines, {bytes} bytes, from {source}",
        lines.len()
    );
    // Every parser accepts every line (the benchmark compares equal work).
    for (name, parse) in PARSERS {
        let accepted = lines.iter().filter(|l| parse(l)).count();
        assert_eq!(accepted, lines.len(), "{name} refused lines of {source}");
    }
    let mut group = c.benchmark_group("parsers");
    group.throughput(Throughput::Bytes(bytes as u64));
    for (name, parse) in PARSERS {
        group.bench_function(name, |b| {
            b.iter(|| {
                for line in &lines {
                    black_box(parse(black_box(line)));
                }
            });
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .sample_size(20);
    targets = parsers
}
criterion_main!(benches);
