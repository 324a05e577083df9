//! Finding input files below a directory.

use std::io;
use std::path::{Path, PathBuf};

/// The file extensions a directory walk reads.
pub const EXTENSIONS: [&str; 4] = ["json", "ndjson", "jsonl", "har"];

/// What a walk finds: a file to read, or a path that could not be read, with why.
pub(super) type Found = Result<PathBuf, (PathBuf, io::Error)>;

fn has_input_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Files with a known extension below `dir`, sorted, and every path that could not be read
/// (a directory that cannot be listed, a dangling link, something that is not a regular file
/// but has an input's extension); the walk goes on past them. Symbolic links to directories
/// are not followed, so a link loop cannot trap the walk.
pub(super) fn walk(dir: &Path, out: &mut Vec<Found>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => return out.push(Err((dir.to_owned(), e))),
    };
    let mut listed = Vec::new();
    for entry in entries {
        match entry {
            Ok(e) => listed.push(e),
            Err(e) => out.push(Err((dir.to_owned(), e))),
        }
    }
    listed.sort_by_key(std::fs::DirEntry::file_name);
    for entry in listed {
        let path = entry.path();
        let file_type = match entry.file_type() {
            Ok(t) => t,
            Err(e) => {
                out.push(Err((path, e)));
                continue;
            }
        };
        if file_type.is_dir() {
            walk(&path, out);
            continue;
        }
        if !has_input_extension(&path) {
            continue;
        }
        if file_type.is_symlink() {
            match std::fs::metadata(&path) {
                Ok(m) if m.is_dir() => {} // not followed
                Ok(m) if m.is_file() => out.push(Ok(path)),
                Ok(_) => out.push(Err((
                    path,
                    io::Error::new(
                        io::ErrorKind::InvalidInput,
                        "links to something that is not a regular file",
                    ),
                ))),
                Err(e) => out.push(Err((path, e))),
            }
        } else if file_type.is_file() {
            out.push(Ok(path));
        } else {
            out.push(Err((
                path,
                io::Error::new(io::ErrorKind::InvalidInput, "not a regular file"),
            )));
        }
    }
}
