//! Fuzz target: reading JSON, NDJSON and HAR inputs, then validating and printing every record (see `src/harness.rs`).
#![no_main]

#[path = "../src/harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::read_records(data));
