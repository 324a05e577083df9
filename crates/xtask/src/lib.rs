//! Not a library: this target only holds the doctests of the repository's README, so that its
//! Rust examples are compiled and run by `cargo test --workspace`. (The published crates each
//! test their own README; this crate is never published, so it may read outside itself.)

/// The repository README's Rust examples, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeExamples;
