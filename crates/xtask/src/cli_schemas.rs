//! `schemas/cli/`: the JSON Schemas of the command-line tool's `--format json` records,
//! generated from the types that write them (`metaaccess_account_capture::output::records`).

use std::path::Path;

use crate::generate::Generated;

/// The folder, under the repository root.
pub const DIR: &str = "schemas/cli";

/// One schema file per record shape.
pub fn files(root: &Path) -> Result<Vec<Generated>, String> {
    metaaccess_account_capture::output::records::schemas()
        .into_iter()
        .map(|(name, schema)| {
            let text = serde_json::to_string_pretty(&schema)
                .map_err(|e| format!("cannot write the schema {name}: {e}"))?;
            Ok(Generated {
                path: root.join(DIR).join(name),
                contents: text + "\n",
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn committed_schemas_are_fresh() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let files = files(&root).unwrap_or_default();
        // Every committed schema is generated, and nothing generated is left uncommitted.
        let committed = std::fs::read_dir(root.join("schemas/cli"))
            .map(|d| {
                d.filter_map(Result::ok)
                    .filter(|e| e.file_name().to_string_lossy().ends_with(".schema.json"))
                    .count()
            })
            .unwrap_or_default();
        assert!(files.len() >= 6, "one schema per record shape");
        assert_eq!(files.len(), committed);
        for file in &files {
            let committed = std::fs::read_to_string(&file.path).unwrap_or_default();
            assert!(
                committed == file.contents,
                "{} is stale: run `cargo xtask schemas`",
                file.path.display()
            );
        }
    }
}
