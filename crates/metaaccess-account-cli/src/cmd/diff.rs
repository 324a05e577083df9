//! `diff`: compares two schemas (versions or files) and lists every change.

use std::io::{self, Write};
use std::process::ExitCode;

use metaaccess_account::ApiVersion;
use serde_json::Value;

use crate::args::DiffArgs;
use crate::output::{self, Format, Shield};

/// A schema: a version's committed one, or a file.
fn load_schema(arg: &str, request: bool) -> Result<Value, String> {
    if let Ok(version) = arg.parse::<ApiVersion>() {
        return if request {
            metaaccess_account::request_schema(version).ok_or_else(|| {
                format!("API {version} has no request body, so it has no request schema")
            })
        } else {
            Ok(metaaccess_account::response_schema(version))
        };
    }
    let text = std::fs::read_to_string(arg).map_err(|e| format!("cannot read {arg}: {e}"))?;
    serde_json::from_str(&text).map_err(|e| format!("{arg} is not JSON: {e}"))
}

/// Runs `diff`.
pub fn run(args: &DiffArgs) -> io::Result<ExitCode> {
    let (old, new) = match (
        load_schema(&args.old, args.request),
        load_schema(&args.new, args.request),
    ) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(e), _) | (_, Err(e)) => {
            output::error_line(&Shield::plain(), &e);
            return Ok(ExitCode::from(2));
        }
    };
    let report = metaaccess_account_compat::diff(&old, &new);
    let stdout = io::stdout();
    let mut out = stdout.lock();
    match args.format {
        Format::Json => writeln!(
            out,
            "{}",
            serde_json::to_value(&report)
                .map(|v| Shield::plain().line(v))
                .unwrap_or_default()
        )?,
        Format::Human => {
            let certainty = if report.certain {
                ""
            } else {
                " (some changes could not be classified; counted as breaking both ways)"
            };
            let (old, new) = (
                Shield::plain().text(&args.old),
                Shield::plain().text(&args.new),
            );
            writeln!(out, "{old} -> {new}: {}{certainty}", report.verdict)?;
            for c in &report.changes {
                let breaks = serde_json::to_value(c.breaks)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                let at = if c.pointer.is_empty() {
                    "/"
                } else {
                    &c.pointer
                };
                let shield = Shield::plain();
                let (at, detail) = (shield.text(at), shield.text(&c.detail.to_string()));
                writeln!(out, "    {at}: {detail} [breaks: {breaks}]")?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
