//! Enables the crate's unit tests (`src/tests/`) only where they exist: in the repository.
//!
//! They read the fixtures of every version crate and use the workspace's unpublished testkit,
//! so the published package leaves them out (`exclude` in Cargo.toml) and compiles without them.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(workspace_tests)");
    println!("cargo::rerun-if-changed=src/tests/mod.rs");
    if std::path::Path::new("src/tests/mod.rs").exists() {
        println!("cargo::rustc-cfg=workspace_tests");
    }
}
