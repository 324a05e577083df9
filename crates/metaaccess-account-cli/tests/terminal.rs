//! The binary on a terminal, through a pseudo-terminal (`script` from util-linux): colour and
//! its switches, the progress display, the usage hint instead of a silent wait; and the shell
//! completion script, loaded in bash.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

mod common;

use std::process::{Command, Stdio};

use common::root;

const BIN: &str = env!("CARGO_BIN_EXE_metaaccess-account");
const ESC: &str = "\x1b[";

/// Runs `shell` (a `sh` command line, where `$BIN` is the binary) on a pseudo-terminal, with
/// `stdin` fed to the terminal and `env` set; returns the exit code and everything the
/// terminal showed. `timeout` ends a run that waits for input that never comes.
fn on_terminal(shell: &str, stdin: &[u8], env: &[(&str, &str)]) -> (i32, String) {
    let mut cmd = Command::new("timeout");
    cmd.args(["20", "script", "-q", "-e", "-c", shell, "/dev/null"])
        .current_dir(root())
        .env("BIN", BIN)
        .env("TERM", "xterm")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("METAACCESS_ACCOUNT_PROGRESS_DELAY_MS")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd
        .spawn()
        .expect("`script` (util-linux) and `timeout` run the tests");
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n"),
    )
}

/// Runs the binary with pipes (no terminal) and `env`; returns stdout and stderr.
fn piped(args: &[&str], env: &[(&str, &str)]) -> (String, String) {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .current_dir(root())
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .stdin(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn statuses_and_error_headings_are_coloured_on_a_terminal() {
    let (code, shown) = on_terminal(
        "$BIN validate samples/stream.ndjson no-such-file.ndjson",
        b"",
        &[],
    );
    assert_eq!(code, 2, "{shown}");
    assert!(
        shown.contains("\x1b[1;31minvalid\x1b[0m  samples/stream.ndjson:7"),
        "{shown:?}"
    );
    assert!(
        shown.contains("\x1b[33mdrift\x1b[0m    samples/stream.ndjson:6"),
        "{shown:?}"
    );
    assert!(
        shown.contains("\x1b[1;31merror:\x1b[0m cannot read no-such-file.ndjson"),
        "{shown:?}"
    );

    let (_, shown) = on_terminal("$BIN detect samples/stream.ndjson", b"", &[]);
    assert!(
        shown.contains(":7: \x1b[1;31mno version\x1b[0m"),
        "{shown:?}"
    );
    assert!(shown.contains(":6: \x1b[33m3.1 (drift)"), "{shown:?}");
}

#[test]
fn colour_follows_no_color_the_flag_and_never_json() {
    for (shell, env) in [
        (
            "$BIN validate samples/stream.ndjson nothing",
            &[("NO_COLOR", "1")][..],
        ),
        (
            "$BIN validate --color never samples/stream.ndjson nothing",
            &[][..],
        ),
        (
            "$BIN validate --format json samples/stream.ndjson nothing",
            &[][..],
        ),
        ("$BIN detect --format json samples/stream.ndjson", &[][..]),
        (
            "$BIN validate --format json --color always samples/stream.ndjson",
            &[][..],
        ),
        (
            "$BIN validate samples/stream.ndjson nothing",
            &[("TERM", "dumb")][..],
        ),
    ] {
        let (_, shown) = on_terminal(shell, b"", env);
        assert!(shown.contains("samples/stream.ndjson"), "{shell}: {shown}");
        assert!(!shown.contains(ESC), "{shell} {env:?}: {shown:?}");
    }
    // `--color always` outranks NO_COLOR; `auto` is off in a pipe unless CLICOLOR_FORCE.
    let args = ["validate", "samples/stream.ndjson", "nothing"];
    let (out, err) = piped(&args, &[]);
    assert!(!out.contains(ESC) && !err.contains(ESC), "{out}{err}");
    let (out, err) = piped(
        &["--color", "always", args[0], args[1], args[2]],
        &[("NO_COLOR", "1")],
    );
    assert!(
        out.contains("\x1b[1;31minvalid\x1b[0m") && err.starts_with("\x1b[1;31merror:"),
        "{out}{err}"
    );
    let (out, err) = piped(&args, &[("CLICOLOR_FORCE", "1")]);
    assert!(
        out.contains("\x1b[33mdrift\x1b[0m") && err.contains("\x1b[1;31merror:"),
        "{out}{err}"
    );
    let (out, _) = piped(&args, &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]);
    assert!(!out.contains(ESC), "{out}");
}

#[test]
fn colour_comes_after_masking() {
    // A secret-bearing fixture, coloured: the secret is still masked, the status coloured.
    let (_, shown) = on_terminal("$BIN validate --color always fixtures/secrets", b"", &[]);
    assert!(shown.contains(ESC), "{shown:?}");
    for secret in ["testcccd3e7201ee83e2c4b9f6dfc96c", "SESSIONSECRET123456"] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
}

#[test]
fn no_path_and_a_terminal_gives_a_usage_hint_instead_of_waiting() {
    for command in ["validate", "detect", "upgrade", "downgrade"] {
        let (code, shown) = on_terminal(&format!("$BIN {command}"), b"", &[]);
        assert_eq!(code, 2, "{command}: {shown}");
        assert!(shown.contains("no input given"), "{command}: {shown}");
        assert!(
            shown.contains(&format!("usage: metaaccess-account {command} ")),
            "{command}: {shown}"
        );
    }
    // `-` reads the terminal on purpose.
    let record = std::fs::read_to_string(root().join("samples/stream.ndjson")).unwrap();
    let first = record.lines().next().unwrap();
    let (code, shown) = on_terminal("$BIN validate -", format!("{first}\n").as_bytes(), &[]);
    assert_eq!(code, 0, "{shown}");
    assert!(shown.contains("1 record: 1 valid"), "{shown}");
    // Not a terminal: standard input is read as before.
    let (code, out, _) = common::run(&["validate"], format!("{first}\n").as_bytes());
    assert_eq!(code, 0);
    assert!(out.contains("1 record: 1 valid"), "{out}");
}

/// A regular file, big enough to take a few batches.
fn big_file() -> String {
    let sample = std::fs::read_to_string(root().join("samples/stream.ndjson")).unwrap();
    let valid: Vec<&str> = sample.lines().take(3).collect();
    let text = valid.join("\n") + "\n";
    common::scratch_file("terminal", "big.ndjson", text.repeat(200).as_bytes())
}

#[test]
fn progress_shows_bytes_of_the_total_rate_and_time_left_for_files() {
    let file = big_file();
    let size = std::fs::metadata(&file).unwrap().len();
    let out = common::scratch("terminal", "out.json");
    let shell = format!("$BIN validate --format json {file} > {}", out.display());
    let (code, shown) = on_terminal(
        &shell,
        b"",
        &[("METAACCESS_ACCOUNT_PROGRESS_DELAY_MS", "0")],
    );
    assert_eq!(code, 0, "{shown}");
    let total = format!("/{:.2} KiB", size as f64 / 1024.0);
    assert!(shown.contains(&total), "{total} not in {shown:?}");
    assert!(
        shown.contains("/s, ") && shown.contains(" left, "),
        "{shown:?}"
    );
    // Nothing of the bar in the verdicts.
    let lines = std::fs::read_to_string(&out).unwrap();
    assert!(
        !lines.contains(ESC) && lines.lines().all(|l| l.starts_with('{')),
        "{lines}"
    );
    // --quiet: no display at all.
    let shell = format!("$BIN validate -q --format json {file} > {}", out.display());
    let (_, shown) = on_terminal(
        &shell,
        b"",
        &[("METAACCESS_ACCOUNT_PROGRESS_DELAY_MS", "0")],
    );
    assert!(
        !shown.contains(" left, ") && !shown.contains(ESC),
        "{shown:?}"
    );
}

#[test]
fn progress_for_standard_input_is_a_spinner_with_a_count_and_short_runs_show_none() {
    let out = common::scratch("terminal", "stdin.json");
    // A run that lasts over the (real, one-second) delay.
    let shell = format!(
        "(sleep 1.6; cat samples/stream.ndjson) | $BIN validate --format json > {}",
        out.display()
    );
    let (_, shown) = on_terminal(&shell, b"", &[]);
    assert!(shown.contains(" records, "), "{shown:?}");
    assert!(!shown.contains(" left, "), "{shown:?}");
    // A short run: nothing.
    let shell = format!(
        "head -n 1 samples/stream.ndjson | $BIN validate --format json > {}",
        out.display()
    );
    let (_, shown) = on_terminal(&shell, b"", &[]);
    assert!(shown.trim().is_empty(), "{shown:?}");
}

#[test]
fn bash_completion_completes_subcommands_and_flags() {
    let script = r#"
set -e
source <("$BIN" completions bash)
spec=$(complete -p metaaccess-account)
fn=$(printf '%s\n' "$spec" | sed -n 's/.*-F \([^ ]*\).*/\1/p')
complete_words() {
  COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
  COMPREPLY=()
  "$fn" metaaccess-account "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
  printf '%s\n' "${COMPREPLY[@]}"
}
echo "== subcommands"; complete_words metaaccess-account val
echo "== flags"; complete_words metaaccess-account validate --max-e
echo "== values"; complete_words metaaccess-account completions ""
"#;
    let out = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", script])
        .env("BIN", BIN)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let section = |name: &str| -> Vec<String> {
        text.split(&format!("== {name}\n"))
            .nth(1)
            .unwrap_or_default()
            .split("== ")
            .next()
            .unwrap_or_default()
            .lines()
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(section("subcommands"), ["validate"], "{text}");
    assert_eq!(section("flags"), ["--max-errors"], "{text}");
    let shells = section("values");
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        assert!(shells.iter().any(|s| s == shell), "{shell}: {text}");
    }
}

#[test]
fn completion_scripts_for_every_shell() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef metaaccess-account"),
        ("fish", "complete -c metaaccess-account"),
        ("powershell", "Register-ArgumentCompleter"),
        (
            "elvish",
            "edit:completion:arg-completer[metaaccess-account]",
        ),
    ] {
        let (out, err) = piped(&["completions", shell], &[]);
        assert!(out.contains(marker), "{shell}: {err}{out}");
        assert!(
            out.contains("validate") && out.contains("max-errors"),
            "{shell}"
        );
    }
}
