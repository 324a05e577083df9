//! `detect`: per record, every version whose schema accepts it, and the first reason each
//! other version rejects it. Uses the verdict library's one detection.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use metaaccess_account_validate::secrets::Secrets;
use metaaccess_account_validate::{Detection, Status, Verdict};
use serde_json::json;

use crate::args::ReadArgs;
use crate::check;
use crate::input::Record;
use crate::output::{self, place, record_line, Format, Shield};
use crate::pipeline;

/// Runs `detect`.
pub fn run(args: &ReadArgs) -> io::Result<ExitCode> {
    let validator = args.validator(false);
    let show = args.show_secrets;
    let mut out = BufWriter::new(io::stdout().lock());
    let mut unmatched = 0;
    let io_errors = pipeline::run(
        args,
        |record| -> Result<(Detection, Secrets), Box<Verdict>> {
            let value = check::parse(record, &validator)?;
            let mut secrets = Secrets::default();
            secrets.extend(&record.secrets);
            secrets.collect_json(&value);
            Ok((validator.detect(&value, record.kind), secrets))
        },
        |record, result| match result {
            Ok((d, secrets)) => {
                if d.is_none() {
                    unmatched += 1;
                }
                let shield = Shield::new(secrets, show);
                write_detection(&mut out, args.format, record, &d, &shield)
            }
            Err(v) => {
                if v.status == Status::Invalid {
                    unmatched += 1;
                }
                output::write_verdict(&mut out, args.format, true, record, &v, show)
            }
        },
    )?;
    out.flush()?;
    Ok(pipeline::exit_code(io_errors, unmatched, args.exit_zero))
}

fn write_detection(
    out: &mut impl Write,
    format: Format,
    record: &Record,
    d: &Detection,
    shield: &Shield,
) -> io::Result<()> {
    match format {
        Format::Json => {
            let rejected: Vec<_> = d
                .rejected
                .iter()
                .map(|r| json!({"version": r.version, "instance_path": r.pointer, "message": r.message}))
                .collect();
            let line = json!({
                "source": &*record.source, "locator": record.locator.to_string(),
                "kind": record.kind.as_str(), "outcome": d.outcome(),
                "accepted": d.accepted, "rejected": rejected,
            });
            writeln!(out, "{}", record_line(record, line, shield))
        }
        Format::Human => {
            let accepted: Vec<String> = d.accepted.iter().map(ToString::to_string).collect();
            let verdict = if accepted.is_empty() {
                "no version".to_owned()
            } else {
                accepted.join(", ")
            };
            writeln!(out, "{}: {verdict}", place(record, shield))?;
            for r in &d.rejected {
                let at = if r.pointer.is_empty() {
                    "(document)".to_owned()
                } else {
                    shield.text(&r.pointer)
                };
                writeln!(
                    out,
                    "    {} rejects {at}: {}",
                    r.version,
                    shield.text(&r.message)
                )?;
            }
            Ok(())
        }
    }
}
