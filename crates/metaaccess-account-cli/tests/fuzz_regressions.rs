//! Replays every input kept in `fuzz/regressions/<target>/` (inputs that once made a fuzz
//! target fail, and interesting seeds) through the fuzz targets' own code, so a fixed finding
//! stays fixed without a fuzzer installed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, dead_code)] // test code: a panic is a failure report

#[path = "../../../fuzz/src/harness.rs"]
mod harness;

use std::path::PathBuf;

/// A fuzz target's body.
type Target = fn(&[u8]);

#[test]
fn every_kept_fuzz_input_passes_its_target() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/regressions");
    let targets: [(&str, Target); 5] = [
        ("read_records", harness::read_records),
        ("parse_models", harness::parse_models),
        ("detect", harness::detect),
        ("convert", harness::convert),
        ("formats", harness::formats),
    ];
    let mut replayed = 0;
    for (name, target) in targets {
        for entry in std::fs::read_dir(root.join(name)).unwrap() {
            let path = entry.unwrap().path();
            if path.file_name().is_some_and(|n| n == ".keep") {
                continue;
            }
            target(&std::fs::read(&path).unwrap());
            replayed += 1;
        }
    }
    // The committed samples and fixtures go through every target as well.
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    for dir in [
        "samples",
        "samples/responses",
        "fixtures/bad-input",
        "fixtures/secrets",
    ] {
        for entry in std::fs::read_dir(repo.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if !path.is_file() {
                continue;
            }
            let data = std::fs::read(&path).unwrap();
            for (_, target) in targets {
                target(&data);
            }
            for selector in 0u8..4 {
                harness::read_records(&[&[selector][..], &data].concat());
            }
            replayed += 1;
        }
    }
    assert!(replayed > 20);
}
