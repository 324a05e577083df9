//! Fuzz target: model parsing of every version, lenient and strict, and the round trip (see `src/harness.rs`).
#![no_main]

#[path = "../src/harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::parse_models(data));
