//! `cargo run -p metaaccess-account-schemagen` rewrites `schemas/` from the models;
//! `... -- --check` exits 1 and lists the stale files when the committed ones differ.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut check = false;
    let mut dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--check" => check = true,
            "--dir" => match args.next() {
                Some(d) => dir = PathBuf::from(d),
                None => return usage("--dir needs a folder"),
            },
            "-h" | "--help" => {
                println!("usage: metaaccess-account-schemagen [--check] [--dir SCHEMAS_DIR]");
                return ExitCode::SUCCESS;
            }
            other => return usage(&format!("unknown argument {other:?}")),
        }
    }
    let mut stale = Vec::new();
    for file in metaaccess_account::schema_files() {
        let path = dir.join(&file.path);
        let current = std::fs::read_to_string(&path).ok();
        if current.as_deref() == Some(file.contents.as_str()) {
            continue;
        }
        if check {
            stale.push(file.path.display().to_string());
            continue;
        }
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, &file.contents));
        if let Err(e) = written {
            eprintln!("error: cannot write {}: {e}", path.display());
            return ExitCode::from(2);
        }
        println!("wrote {}", path.display());
    }
    if stale.is_empty() {
        if check {
            println!("schemas are up to date");
        }
        ExitCode::SUCCESS
    } else {
        for s in &stale {
            eprintln!("stale: schemas/{s}");
        }
        eprintln!("the committed schemas differ from the models: run `cargo run -p metaaccess-account-schemagen`");
        ExitCode::FAILURE
    }
}

fn usage(msg: &str) -> ExitCode {
    eprintln!("error: {msg}\nusage: metaaccess-account-schemagen [--check] [--dir SCHEMAS_DIR]");
    ExitCode::from(2)
}
