//! Fuzz target: conversion between every pair of versions, and the no-loss law (see `src/harness.rs`).
#![no_main]

#[path = "../src/harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::convert(data));
