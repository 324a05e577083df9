//! `detect`: per record, every version whose schema accepts it, those that read it apart from
//! undocumented items, and the first reason each other version rejects it. Uses the verdict
//! library's one detection and the capture library's one renderer.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use crate::args::ReadArgs;
use crate::output::{self, Shield};
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
        // Detected, rendered and masked on the worker, as `validate` does.
        |record| {
            let mut text = Vec::new();
            let written = output::write_record_detection(
                &mut text,
                args.format,
                record,
                &validator,
                show,
                args.colour_out,
            );
            written.map(|none| (none, text))
        },
        |_, result| {
            let (none, text) = result?;
            unmatched += u64::from(none);
            out.write_all(&text)
        },
    )?;
    out.flush()?;
    Ok(pipeline::exit_code(io_errors, unmatched, args.exit_zero))
}
