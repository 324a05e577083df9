//! `schema`: prints a committed JSON Schema.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use metaaccess_account::DocumentKind;

use crate::args::SchemaArgs;
use crate::output::{self, Shield};

/// Runs `schema`.
pub fn run(args: &SchemaArgs) -> io::Result<ExitCode> {
    let kind = if args.request {
        DocumentKind::Request
    } else {
        DocumentKind::Response
    };
    let wanted = PathBuf::from(args.version.dir_name()).join(
        metaaccess_account::schema::schema_file_name_in(kind, args.dialect.into()),
    );
    match metaaccess_account::schema_files()
        .into_iter()
        .find(|f| f.path == wanted)
    {
        Some(f) => {
            io::stdout().write_all(f.contents.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let text = format!(
                "API {} has no {} body, so it has no {} schema",
                args.version,
                kind.as_str(),
                kind.as_str()
            );
            output::error_line(&Shield::plain(), &text);
            Ok(ExitCode::from(2))
        }
    }
}
