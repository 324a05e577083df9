//! `detect`: per record, every version whose schema accepts it, those that read it apart from
//! undocumented items, and the first reason each other version rejects it. Uses the verdict
//! library's one detection and the capture library's one renderer.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use crate::args::ReadArgs;
use crate::check;
use crate::output::{self, Detected, Shield};
use crate::pipeline;

/// Runs `detect`.
pub fn run(args: &ReadArgs) -> io::Result<ExitCode> {
    if let Some(v) = args.version() {
        let text = format!(
            "detect tries every version, so --api-version {v} does not apply; to check records against {v}, run validate --api-version {v}"
        );
        output::error_line(&Shield::plain(), &text);
        return Ok(ExitCode::from(2));
    }
    let validator = args.validator(false);
    let show = args.show_secrets;
    let mut out = BufWriter::new(io::stdout().lock());
    let mut unmatched = 0;
    let io_errors = pipeline::run(
        args,
        |record| check::detect(record, &validator),
        |record, result| {
            let (found, shield) = match &result {
                Ok((d, secrets)) => (Detected::Tried(d), Shield::new(secrets.clone(), show)),
                Err(v) => (
                    Detected::NotTried(v),
                    output::shield_for(record, Some(v), show),
                ),
            };
            if found.is_unmatched() {
                unmatched += 1;
            }
            output::write_detection_coloured(
                &mut out,
                args.format,
                record,
                &found,
                &shield,
                args.colour_out,
            )
        },
    )?;
    out.flush()?;
    Ok(pipeline::exit_code(io_errors, unmatched, args.exit_zero))
}
