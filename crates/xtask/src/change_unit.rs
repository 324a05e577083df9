//! The conversion change unit of a new version: a module of
//! `crates/metaaccess-account-convert/src/changes/` that copies every field, and its line in the
//! `changes!` list.

use std::path::Path;

use crate::new_version::{read, write};

/// Adds a same-shape change unit from `old` to `new` (version numbers such as `3.2`).
pub fn add(root: &Path, old: &str, new: &str) -> Result<(), String> {
    let dir = root.join("crates/metaaccess-account-convert/src/changes");
    let module = format!("to_v{}", new.replace('.', "_"));
    let file = dir.join(format!("{module}.rs"));
    if file.exists() {
        return Err(format!("{} exists already", file.display()));
    }
    let variant = |v: &str| format!("V{}", v.replace('.', "_"));
    let unit = format!(
        "//! {old} → {new}: the same response shape (scaffolded by `cargo xtask new-version`).\n\
         //! Rename this unit after what changed, and declare the change's field rules.\n\
         \n\
         use metaaccess_account::ApiVersion;\n\
         \n\
         use crate::change::VersionChange;\n\
         \n\
         /// The change.\n\
         pub const CHANGE: VersionChange = VersionChange::same_shape(\n    \
             \"to-{new}\",\n    \
             ApiVersion::{},\n    \
             ApiVersion::{},\n    \
             \"{new} has the same response shape as {old}\",\n\
         );\n",
        variant(old),
        variant(new),
    );
    write(&file, &unit)?;

    let list = dir.join("mod.rs");
    let text = read(&list)?;
    let start = text
        .find("changes! {\n")
        .ok_or_else(|| format!("{}: no changes! list", list.display()))?;
    let end = start
        + text[start..]
            .find("\n}\n")
            .ok_or_else(|| format!("{}: the changes! list does not end", list.display()))?;
    write(
        &list,
        &format!("{}\n    {module},{}", &text[..end], &text[end..]),
    )?;
    println!("added the conversion change {old} -> {new} (convert/src/changes/{module}.rs)");
    Ok(())
}
