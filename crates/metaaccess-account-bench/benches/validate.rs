//! `Validator::validate` on single response documents, for every API version: valid ones (the
//! version's valid fixtures), drifting ones (each valid fixture with an undocumented top-level
//! field added) and invalid ones (the version's invalid fixtures that it calls invalid; those
//! it calls drift, with an undocumented field or enum value, are left out), the version given
//! and detected (`auto`), with `Options::default()` (`full`) and `.typed_fast_path(true)`
//! (`fast`).
//!
//! One benchmark validates every document of its set once; its throughput is their bytes.
//! Names: `validate/<version>/<valid|drift|invalid>/<given|auto>/<full|fast>`.
//!
//! `cargo bench -p metaaccess-account-bench --bench validate [-- FILTER]`

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::panic)] // benchmark code: a panic is a failure report

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use metaaccess_account_testkit as kit;
use metaaccess_account_validate::{ApiVersion, DocumentKind, Options, Status, Validator};

/// The documents of one version and class, and the verdict they get with the version given.
struct Set {
    class: &'static str,
    expected: Status,
    documents: Vec<Vec<u8>>,
}

fn read(version: ApiVersion, split: &str) -> Vec<Vec<u8>> {
    kit::fixture_files(version, DocumentKind::Response, split)
        .into_iter()
        .map(|path| std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .collect()
}

fn with_undocumented_field(document: &[u8]) -> Vec<u8> {
    let mut value: serde_json::Value = serde_json::from_slice(document).unwrap();
    value
        .as_object_mut()
        .unwrap()
        .insert("undocumented_field".into(), serde_json::json!(1));
    serde_json::to_vec_pretty(&value).unwrap()
}

fn sets(version: ApiVersion) -> Vec<Set> {
    let full = Validator::default();
    let valid = read(version, "valid");
    let drift = valid.iter().map(|d| with_undocumented_field(d)).collect();
    let invalid = read(version, "invalid")
        .into_iter()
        .filter(|d| {
            full.validate(d, DocumentKind::Response, Some(version))
                .status
                == Status::Invalid
        })
        .collect();
    let sets = vec![
        Set {
            class: "valid",
            expected: Status::Valid,
            documents: valid,
        },
        Set {
            class: "drift",
            expected: Status::Drift,
            documents: drift,
        },
        Set {
            class: "invalid",
            expected: Status::Invalid,
            documents: invalid,
        },
    ];
    // Each set is what its name says, on both paths.
    let fast = Validator::new(Options::default().typed_fast_path(true));
    for set in &sets {
        assert!(
            !set.documents.is_empty(),
            "{version}: no {} documents",
            set.class
        );
        for d in &set.documents {
            for v in [&full, &fast] {
                let status = v.validate(d, DocumentKind::Response, Some(version)).status;
                assert_eq!(
                    status,
                    set.expected,
                    "{version} {}: {}",
                    set.class,
                    String::from_utf8_lossy(d)
                );
            }
        }
    }
    sets
}

fn validate(c: &mut Criterion) {
    let validators = [
        ("full", Validator::default()),
        (
            "fast",
            Validator::new(Options::default().typed_fast_path(true)),
        ),
    ];
    for version in ApiVersion::ALL {
        let mut group = c.benchmark_group(format!("validate/{version}"));
        for set in sets(version) {
            let bytes: usize = set.documents.iter().map(Vec::len).sum();
            group.throughput(Throughput::Bytes(bytes as u64));
            for (given, api_version) in [("given", Some(version)), ("auto", None)] {
                for (options, validator) in &validators {
                    group.bench_function(format!("{}/{given}/{options}", set.class), |b| {
                        b.iter(|| {
                            for d in &set.documents {
                                black_box(validator.validate(
                                    black_box(d),
                                    DocumentKind::Response,
                                    api_version,
                                ));
                            }
                        });
                    });
                }
            }
        }
        group.finish();
    }
}

criterion_group! {
    name = benches;
    // 48 benchmarks: short runs by default (the command line can ask for longer ones).
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(30);
    targets = validate
}
criterion_main!(benches);
