//! Where `diff` gets a schema: a version's committed one, or a file read with a size bound.
//!
//! A file is read only if it is a regular file or a character device (`/dev/stdin` from a
//! terminal, `/dev/zero` ...), and never more than `--max-schema-bytes` of it: the bound
//! applies while reading, so an endless device stops there. FIFOs, sockets and directories
//! are refused from their metadata, before anything is opened: opening a FIFO waits for a
//! writer, possibly forever.

use std::io::Read;
use std::path::Path;

use metaaccess_account::ApiVersion;
use serde_json::Value;

/// What an argument names.
pub enum Source {
    /// A published version.
    Version(ApiVersion),
    /// A file.
    File,
}

/// Whether `arg` is a version or a file; both (a file named `3.1` in the current directory)
/// is an error that says how to name either.
pub fn source(arg: &str) -> Result<Source, String> {
    let version = arg.parse::<ApiVersion>().ok();
    match version {
        Some(v) if Path::new(arg).exists() => {
            let versions = [format!("v{v}"), format!("V{v}"), v.to_string()];
            let other = versions
                .iter()
                .find(|n| *n != arg && !Path::new(n).exists());
            let as_version = other.map_or_else(
                || "rename the file".to_owned(),
                |n| format!("write `{n}` for the version"),
            );
            Err(format!(
                "`{arg}` is both API version {v} and a file here: write `./{arg}` for the file, or {as_version}"
            ))
        }
        Some(v) => Ok(Source::Version(v)),
        None => Ok(Source::File),
    }
}

/// Reads and parses a schema file of at most `max` bytes.
pub fn read(path: &str, max: u64) -> Result<Value, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let kind = meta.file_type();
    if !(kind.is_file() || is_char_device(&kind)) {
        let what = if kind.is_dir() {
            "a directory"
        } else {
            "not a regular file (a FIFO, socket or device, which may never end or never start)"
        };
        return Err(format!(
            "cannot read {path}: {what}; write the schema to a file first"
        ));
    }
    let too_big = || {
        format!(
            "{path} is larger than --max-schema-bytes ({max} bytes); raise the limit to read it"
        )
    };
    if kind.is_file() && meta.len() > max {
        return Err(too_big());
    }
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let mut bytes = Vec::new();
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {path}: {e}"))?;
    if bytes.len() as u64 > max {
        return Err(too_big());
    }
    serde_json::from_slice(&bytes).map_err(|e| format!("{path} is not JSON: {e}"))
}

#[cfg(unix)]
fn is_char_device(kind: &std::fs::FileType) -> bool {
    use std::os::unix::fs::FileTypeExt;
    kind.is_char_device()
}

#[cfg(not(unix))]
fn is_char_device(_: &std::fs::FileType) -> bool {
    false
}
