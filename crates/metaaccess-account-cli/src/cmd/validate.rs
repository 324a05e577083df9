//! `validate`: one verdict per record, then a summary.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;
use std::time::Instant;

use metaaccess_account_validate::Validator;

use crate::args::{SummaryTo, ValidateArgs};
use crate::check::{body_len, check, verdict_options};
use crate::output::{self, Summary};
use crate::pipeline;

/// Runs `validate`.
pub fn run(args: &ValidateArgs) -> io::Result<ExitCode> {
    let start = Instant::now();
    // Nothing of a valid document is printed, so valid ones are decided by the typed models
    // alone (the same verdicts, without a JSON tree, a schema evaluation or a model).
    let validator = Validator::new(verdict_options(args.read.options(args.strict)));
    let version = args.read.version();
    let show = args.read.show_secrets;
    let mut out = BufWriter::new(io::stdout().lock());
    let mut summary = Summary::default();
    let format = args.read.format;
    let io_errors = pipeline::run(
        &args.read,
        |record| {
            // The verdict's text is made (and masked) on the worker; the document and model
            // are freed there too.
            let verdict = check(record, &validator, version);
            let mut text = Vec::new();
            let written = output::write_verdict_coloured(
                &mut text,
                format,
                args.verbose,
                record,
                &verdict,
                show,
                args.read.colour_out,
            );
            (verdict.status, written.map(|()| text))
        },
        |record, (status, text)| {
            summary.add(status, body_len(record));
            out.write_all(&text?)
        },
    )?;
    summary.io_errors = io_errors;
    match args.summary {
        SummaryTo::Stdout => output::write_summary(&mut out, format, &summary, start.elapsed())?,
        SummaryTo::Stderr => {
            output::write_summary(&mut io::stderr().lock(), format, &summary, start.elapsed())?
        }
        SummaryTo::None => {}
    }
    out.flush()?;
    Ok(pipeline::exit_code(
        io_errors,
        summary.invalid,
        args.read.exit_zero,
    ))
}
