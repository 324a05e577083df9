//! What a pipeline (Spark, Beam, xargs, GNU parallel) needs: any split of an NDJSON file,
//! checked piece by piece with `--line-offset` and `--source-name`, gives exactly the verdicts
//! of one run over the whole file; `--exit-zero` and `--summary` keep stdout and the exit code
//! fit for a pipe; `--jobs` never changes a verdict.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

use std::path::PathBuf;

mod common;

use common::{root, run};

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
