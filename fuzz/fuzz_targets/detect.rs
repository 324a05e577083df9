//! Fuzz target: the hazard-aware JSON parser and version detection (see `src/harness.rs`).
#![no_main]

#[path = "../src/harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::detect(data));
