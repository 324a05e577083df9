//! What a pipeline (Spark, Beam, xargs, GNU parallel) needs: any split of an NDJSON file,
//! checked piece by piece with `--line-offset` and `--source-name`, gives exactly the verdicts
//! of one run over the whole file; `--exit-zero` and `--summary` keep stdout and the exit code
//! fit for a pipe; `--jobs` never changes a verdict.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs the tool with `stdin`; returns (exit code, stdout, stderr).
fn run(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_metaaccess-account"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let input = stdin.to_vec();
    let mut pipe = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A stream whose first line is not JSON, with blank lines, valid, drifting and invalid
/// records of several versions.
fn stream() -> Vec<String> {
    let samples = std::fs::read_to_string(root().join("samples/stream.ndjson")).unwrap();
    let mut lines = vec!["not json at all".to_owned(), String::new()];
    for round in 0..3 {
        for (i, line) in samples.lines().enumerate() {
            lines.push(line.to_owned());
            if (i + round) % 4 == 0 {
                lines.push(String::new());
            }
        }
    }
    lines
}

const PIPE: [&str; 8] = [
    "validate",
    "-",
    "--format",
    "json",
    "--summary",
    "none",
    "--exit-zero",
    "--input-format=ndjson",
];

#[test]
fn any_split_of_a_stream_gives_the_verdicts_of_one_run() {
    let lines = stream();
    let whole = lines.join("\n") + "\n";
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("pipelines-stream.ndjson");
    std::fs::write(&path, &whole).unwrap();
    let path = path.to_str().unwrap().to_owned();
    let (code, single, _) = run(
        &[
            "validate",
            &path,
            "--format",
            "json",
            "--summary",
            "none",
            "--exit-zero",
        ],
        b"",
    );
    assert_eq!(code, 0);
    let expected: Vec<&str> = single.lines().collect();
    assert_eq!(
        expected.len(),
        lines.iter().filter(|l| !l.trim().is_empty()).count(),
        "one verdict per non-blank line"
    );
    // With the input format given, and with stdin sniffed: sniffing never reads a piece of an
    // NDJSON stream as one document, even when its first line is not JSON.
    for (pieces, sniff) in [1, 2, 3, 7, lines.len()]
        .into_iter()
        .flat_map(|p| [(p, false), (p, true)])
    {
        let size = lines.len().div_ceil(pieces);
        let mut got = Vec::new();
        for (i, chunk) in lines.chunks(size).enumerate() {
            let offset = (i * size).to_string();
            let mut args = PIPE[..PIPE.len() - usize::from(sniff)].to_vec();
            args.extend([
                "--source-name",
                &path,
                "--line-offset",
                &offset,
                "--jobs",
                "1",
            ]);
            let (code, out, err) = run(&args, (chunk.join("\n") + "\n").as_bytes());
            assert_eq!(code, 0, "{err}");
            got.extend(out.lines().map(str::to_owned));
        }
        assert_eq!(got, expected, "{pieces} pieces, sniffed: {sniff}");
    }
}

#[test]
fn an_empty_piece_is_no_record_and_exit_zero_keeps_invalid_records_at_0() {
    let (code, out, _) = run(&PIPE, b"");
    assert_eq!((code, out.as_str()), (0, ""));
    let (code, out, _) = run(&PIPE, b"\n\n");
    assert_eq!((code, out.as_str()), (0, ""));
    let (code, out, _) = run(&PIPE, b"{\"a\": 1}\n");
    assert_eq!(code, 0);
    assert!(out.contains("\"invalid\""), "{out}");
    // Without --exit-zero an invalid record is exit 1; an unreadable path is 2 either way.
    let (code, _, _) = run(&PIPE[..6], b"{\"a\": 1}\n");
    assert_eq!(code, 1);
    let (code, _, _) = run(&["validate", "no/such/file.ndjson", "--exit-zero"], b"");
    assert_eq!(code, 2);
}

#[test]
fn the_summary_goes_where_it_is_asked() {
    let input = b"{\"a\": 1}\n";
    let base = ["validate", "-", "--format", "json", "--summary"];
    let (_, out, err) = run(&[&base[..], &["stdout"]].concat(), input);
    assert!(out.lines().last().unwrap().starts_with("{\"summary\""));
    assert!(!err.contains("summary"));
    let (_, out, err) = run(&[&base[..], &["stderr"]].concat(), input);
    assert!(
        !out.contains("summary") && err.contains("\"summary\""),
        "{err}"
    );
    let (_, out, err) = run(&[&base[..], &["none"]].concat(), input);
    assert!(!out.contains("summary") && !err.contains("summary"));
    assert_eq!(out.lines().count(), 1);
}

#[test]
fn jobs_never_change_a_verdict_and_refuse_what_they_cannot_honour() {
    let whole = stream().join("\n") + "\n";
    let (_, one, _) = run(&[&PIPE[..], &["--jobs", "1"]].concat(), whole.as_bytes());
    let (_, many, _) = run(&[&PIPE[..], &["--jobs", "3"]].concat(), whole.as_bytes());
    assert_eq!(one, many);
    for bad in ["0", "-1", "65536", "two"] {
        let (code, _, err) = run(&[&PIPE[..], &["--jobs", bad]].concat(), b"");
        assert_eq!(code, 2, "--jobs {bad}: {err}");
    }
}
