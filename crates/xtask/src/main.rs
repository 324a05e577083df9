//! Repository automation, run as `cargo xtask <task>` (the alias is in `.cargo/config.toml`).
//!
//! - `schemas [--check]`: regenerate `schemas/` (JSON Schemas, OpenAPI, CHANGELOG.md,
//!   COMPATIBILITY.md, and `schemas/cli/`: the JSON Schemas of the command-line tool's
//!   `--format json` records); `--check` (what CI runs) changes nothing and fails when they are
//!   stale.
//!   It also regenerates `man/` and `schemas/cli/` (below), so `--check` covers them.
//! - `man [--check]`: regenerate the manual pages `man/metaaccess-account*.1` (clap_mangen,
//!   from the command-line definition).
//! - `new-version X.Y --from A.B`: add an API version, starting as a copy of A.B
//!   (CONTRIBUTING.md, "Adding a version").
//! - `npm-package [--out DIR]`: assemble the npm package (default `target/npm/package`); see
//!   `packages.rs` and `scripts/packages/run.sh`.

mod change_unit;
mod cli_schemas;
mod generate;
mod man;
mod new_version;
mod packages;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask schemas [--check] [--root REPOSITORY_ROOT]\n       cargo xtask man [--check] [--root REPOSITORY_ROOT]\n       cargo xtask new-version X.Y --from A.B [--root REPOSITORY_ROOT]\n       cargo xtask npm-package [--out DIR] [--root REPOSITORY_ROOT]";

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    if let Some(at) = args.iter().position(|a| a == "--root") {
        match args.get(at + 1) {
            Some(dir) => root = PathBuf::from(dir),
            None => return usage("--root needs a folder"),
        }
        args.drain(at..at + 2);
    }
    let Some((task, rest)) = args.split_first() else {
        return usage("no task given");
    };
    match task.as_str() {
        "schemas" => match rest {
            [] => generate::run(&root, false, generate::Set::All),
            [flag] if flag == "--check" => generate::run(&root, true, generate::Set::All),
            _ => usage(&format!("schemas: unexpected arguments {rest:?}")),
        },
        "man" => match rest {
            [] => generate::run(&root, false, generate::Set::Man),
            [flag] if flag == "--check" => generate::run(&root, true, generate::Set::Man),
            _ => usage(&format!("man: unexpected arguments {rest:?}")),
        },
        "new-version" => {
            let request = match new_version::parse_args(rest) {
                Ok(r) => r,
                Err(e) => return usage(&format!("new-version: {e}")),
            };
            match new_version::run(&root, &request) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        "npm-package" => {
            let out = match rest {
                [] => root.join("target/npm/package"),
                [flag, dir] if flag == "--out" => PathBuf::from(dir),
                _ => return usage(&format!("npm-package: unexpected arguments {rest:?}")),
            };
            match packages::npm_package(&root, &out) {
                Ok(()) => {
                    println!(
                        "assembled {} {} in {}",
                        packages::NPM_NAME,
                        packages::VERSION,
                        out.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        other => usage(&format!("unknown task {other:?}")),
    }
}

fn usage(msg: &str) -> ExitCode {
    eprintln!("error: {msg}\n{USAGE}");
    ExitCode::from(2)
}
