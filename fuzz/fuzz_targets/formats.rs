//! Fuzz target: `Email` and `Timestamp` against `jsonschema`'s email and date-time format
//! checks (see `src/harness.rs`).
#![no_main]

#[path = "../src/harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::formats(data));
