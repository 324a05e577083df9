//! Finding input files below a directory.

use std::io;
use std::path::{Path, PathBuf};

pub(super) const EXTENSIONS: [&str; 4] = ["json", "ndjson", "jsonl", "har"];

/// Files with a known extension below `dir`, sorted; symbolic links to directories are not
/// followed, so a link loop cannot trap the walk.
pub(super) fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let file_type = entry.file_type()?;
        if file_type.is_dir() {
            walk(&path, out)?;
        } else if (file_type.is_file() || (file_type.is_symlink() && path.is_file()))
            && path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            out.push(path);
        }
    }
    Ok(())
}
