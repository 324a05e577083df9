//! What the command-line tests share: the binary run from the repository root with bytes on
//! its standard input, and scratch files under Cargo's test folder.

#![allow(dead_code)] // each test binary uses its own part of this module

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// The repository root, where the tests run the binary.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs the binary with `stdin` fed from another thread (so a large input cannot deadlock
/// against a full output pipe); returns the exit code, raw stdout and stderr.
pub fn run_bytes(args: &[&str], stdin: &[u8]) -> (i32, Vec<u8>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_metaaccess-account"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    (
        out.status.code().unwrap_or(-1),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// [`run_bytes`] with stdout as text.
pub fn run(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    let (code, stdout, stderr) = run_bytes(args, stdin);
    (code, String::from_utf8_lossy(&stdout).into_owned(), stderr)
}

/// A path in this test binary's scratch folder `folder` (created).
pub fn scratch(folder: &str, name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(folder);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// Writes a scratch file; returns its path as text, ready to pass as an argument.
pub fn scratch_file(folder: &str, name: &str, contents: &[u8]) -> String {
    let path = scratch(folder, name);
    std::fs::write(&path, contents).unwrap();
    path.display().to_string()
}
