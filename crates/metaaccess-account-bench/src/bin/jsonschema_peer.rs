//! Peer: the `jsonschema` crate (the workspace's version), as a Rust program would use it
//! without this project: every line of an NDJSON file parsed into a `serde_json::Value` and
//! checked against committed response schemas, on `JOBS` threads (default `0`: every core, as
//! `validate` uses). `jsonschema_peer SCHEMAS_DIR VERSIONS CORPUS [JOBS]`
//!
//! The arguments and the last line printed are those of `scripts/bench/peer-ajv.mjs`: VERSIONS
//! is `all` (every `vN.N` directory of SCHEMAS_DIR that has a response schema, in name order)
//! or a comma-separated list such as `3.1`; each schema is read from
//! `SCHEMAS_DIR/vN.N/account-details.response.schema.json` at run time and compiled once, as
//! Draft 2020-12 (the schemas' `$schema`) with format validation on, as ajv with ajv-formats
//! checks `date-time` and `email`. A line is valid when one of the schemas accepts it; every
//! schema is evaluated on every line, as ajv does and as `validate`'s auto-detection does (it
//! names every version that accepts a record). A line that is not JSON is not valid; blank
//! lines are left out.
//!
//! The file is read whole, then cut into chunks of about 1 MiB, each ending at a newline; the
//! threads (`std::thread::scope`) take the next chunk from a shared counter until none is left,
//! so a thread slowed by another process on a shared machine takes fewer chunks.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Bytes per chunk, before the cut at the next newline.
const CHUNK: usize = 1 << 20;

/// The response schema of one version directory.
fn schema_file(dir: &Path, version: &str) -> std::path::PathBuf {
    dir.join(version)
        .join("account-details.response.schema.json")
}

/// The version directories to check against, in the order they are tried.
fn versions(dir: &Path, which: &str) -> std::io::Result<Vec<String>> {
    if which != "all" {
        return Ok(which.split(',').map(|v| format!("v{v}")).collect());
    }
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        let versioned = name
            .strip_prefix('v')
            .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()));
        if versioned && schema_file(dir, &name).exists() {
            found.push(name);
        }
    }
    found.sort();
    Ok(found)
}

/// The chunks of `bytes`, each about `CHUNK` long and ending just after a newline (the last one
/// at the end of the file).
fn chunks(bytes: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::with_capacity(bytes.len() / CHUNK + 1);
    let mut rest = bytes;
    while !rest.is_empty() {
        let cut = match rest.get(CHUNK..) {
            None => rest.len(),
            Some(after) => after
                .iter()
                .position(|b| *b == b'\n')
                .map_or(rest.len(), |nl| CHUNK + nl + 1),
        };
        let (chunk, tail) = rest.split_at(cut);
        out.push(chunk);
        rest = tail;
    }
    out
}

/// Valid and not-valid lines of one chunk, blank lines left out.
fn count(chunk: &[u8], validators: &[jsonschema::Validator]) -> (u64, u64) {
    let (mut valid, mut invalid) = (0u64, 0u64);
    for line in chunk.split(|b| *b == b'\n') {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let accepted = match serde_json::from_slice::<serde_json::Value>(line) {
            // Every schema, not up to the first that accepts: see the module comment.
            Ok(doc) => validators
                .iter()
                .fold(false, |any, v| v.is_valid(&doc) | any),
            Err(_) => false,
        };
        if accepted {
            valid += 1;
        } else {
            invalid += 1;
        }
    }
    (valid, invalid)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let usage = "usage: jsonschema_peer SCHEMAS_DIR VERSIONS CORPUS [JOBS]";
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (dir, which, corpus) = match args.as_slice() {
        [dir, which, corpus] | [dir, which, corpus, _] => (Path::new(dir), which, corpus),
        _ => return Err(usage.into()),
    };
    let jobs = match args.get(3).map(|j| j.parse::<usize>()).transpose()? {
        None | Some(0) => std::thread::available_parallelism()?.get(),
        Some(n) => n,
    };
    let dirs = versions(dir, which)?;
    if dirs.is_empty() {
        return Err(format!("no schemas for {which} in {}", dir.display()).into());
    }
    let mut validators = Vec::with_capacity(dirs.len());
    for version in &dirs {
        let path = schema_file(dir, version);
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let schema: serde_json::Value = serde_json::from_str(&text)?;
        let validator = jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        validators.push(validator);
    }

    let bytes = std::fs::read(corpus)?;
    let chunks = chunks(&bytes);
    let next = AtomicUsize::new(0);
    let (valid, invalid) = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..jobs)
            .map(|_| {
                scope.spawn(|| {
                    let mut total = (0u64, 0u64);
                    while let Some(chunk) = chunks.get(next.fetch_add(1, Ordering::Relaxed)) {
                        let (ok, bad) = count(chunk, &validators);
                        total = (total.0 + ok, total.1 + bad);
                    }
                    total
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().map_err(|_| "a checking thread failed"))
            .try_fold((0u64, 0u64), |a, b| b.map(|b| (a.0 + b.0, a.1 + b.1)))
    })?;
    println!(
        "{valid} valid, {invalid} not valid for any of {}",
        dirs.join(" ")
    );
    Ok(())
}
