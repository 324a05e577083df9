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
