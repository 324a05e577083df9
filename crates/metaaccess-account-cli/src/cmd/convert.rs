//! `upgrade` and `downgrade`: converted documents on standard output (as they are, or masked
//! with `--redact`), conversion reports on standard error or in `--report`. What the verdict
//! library calls valid or drift is converted; if that fails, the record is an error (exit 1),
//! never silently dropped.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use metaaccess_account::{ApiVersion, DocumentKind};
use metaaccess_account_convert::{convert_any, OrderedJson, Outcome};
use metaaccess_account_validate::secrets::Secrets;
use metaaccess_account_validate::{Problem, Status, Validator, Verdict};
use serde_json::{json, Value};

use crate::args::{version_list, ConvertArgs};
use crate::check::check;
use crate::input::Record;
use crate::output::{self, place, record_line, shield_for, Format, Shield};
use crate::pipeline;

/// What converting one record produced.
pub enum Converted {
    /// The converted document and its report (not yet masked).
    Done {
        /// The converted document in documented field order (masked only if `--redact`).
        document: OrderedJson,
        /// The report as JSON.
        report: Value,
        /// The report for people, one line each.
        lines: Vec<String>,
        /// The secrets of the record and its document.
        secrets: Secrets,
    },
    /// Not converted: why.
    Failed(Verdict),
}

/// Runs `upgrade` (default target: the latest version).
pub fn upgrade(args: &ConvertArgs) -> io::Result<ExitCode> {
    run(args, args.to.unwrap_or(ApiVersion::LATEST))
}

/// Runs `downgrade` (`--to` is required).
pub fn downgrade(args: &ConvertArgs) -> io::Result<ExitCode> {
    match args.to {
        Some(to) => run(args, to),
        None => {
            let text = format!("downgrade needs --to VERSION ({})", version_list());
            output::error_line(&Shield::plain(), &text);
            Ok(ExitCode::from(2))
        }
    }
}

/// Checks a record with the verdict library, then converts it.
pub fn convert_record(
    record: &Record,
    validator: &Validator,
    version: Option<ApiVersion>,
    to: ApiVersion,
    redact: bool,
) -> Converted {
    convert_verdict(record, check(record, validator, version), to, redact)
}

/// Converts what a verdict accepted. An accepted response without a model, or whose
/// conversion yields nothing, is an invalid record: a conversion failure is never silent.
pub fn convert_verdict(
    record: &Record,
    mut verdict: Verdict,
    to: ApiVersion,
    redact: bool,
) -> Converted {
    if record.kind == DocumentKind::Request && verdict.document.is_some() {
        let mut v = Verdict::skipped(record.kind, "request bodies are not converted");
        v.api_version = verdict.api_version;
        return Converted::Failed(v);
    }
    if !verdict.is_accepted() {
        return Converted::Failed(verdict);
    }
    let (Some(model), Some(from)) = (verdict.model.take(), verdict.api_version) else {
        return failed(
            verdict,
            to,
            "the document was accepted but has no model to convert",
        );
    };
    let conversion = convert_any(model.as_ref(), to);
    let mut document = conversion.outcome.document();
    let mut secrets = Secrets::default();
    secrets.extend(&record.secrets);
    secrets.extend(&verdict.secrets);
    if redact {
        for (name, value) in document.fields_mut() {
            secrets.redact_field(name, value);
        }
    }
    let (outcome, missing, carried) = match &conversion.outcome {
        Outcome::Complete(_) => ("complete", json!([]), json!([])),
        Outcome::Partial(p) => ("partial", json!(p.missing()), json!(p.carried())),
    };
    let mut lines = vec![format!("{from} -> {to}: {outcome}")];
    lines.extend(conversion.report.entries.iter().map(|e| format!("    {e}")));
    if let Outcome::Partial(p) = &conversion.outcome {
        lines.extend(p.missing().iter().map(|m| format!("    missing {m}")));
    }
    let report = json!({
        "source": &*record.source, "locator": record.locator.to_string(),
        "from": from, "to": to, "outcome": outcome,
        "missing": missing, "carried": carried, "report": conversion.report,
    });
    Converted::Done {
        document,
        report,
        lines,
        secrets,
    }
}

fn failed(mut verdict: Verdict, to: ApiVersion, why: &str) -> Converted {
    verdict.status = Status::Invalid;
    verdict.errors = vec![Problem::new(
        "",
        format!("conversion to {to} failed: {why}"),
    )];
    Converted::Failed(verdict)
}

fn run(args: &ConvertArgs, to: ApiVersion) -> io::Result<ExitCode> {
    let validator = args.read.validator(false);
    let version = args.read.version();
    let show = args.read.show_secrets;
    let mut out = BufWriter::new(io::stdout().lock());
    let mut report_file = match &args.report {
        Some(path) => Some(BufWriter::new(File::create(path).map_err(|e| {
            io::Error::new(e.kind(), format!("cannot create {}: {e}", path.display()))
        })?)),
        None => None,
    };
    let mut failures = 0;
    let io_errors = pipeline::run(
        &args.read,
        |record| convert_record(record, &validator, version, to, args.redact),
        |record, converted| match converted {
            Converted::Done {
                document,
                report,
                lines,
                secrets,
            } => {
                let text = serde_json::to_string(&document).map_err(io::Error::other)?;
                writeln!(out, "{text}")?;
                let shield = Shield::new(secrets, show);
                match report_file.as_mut() {
                    Some(f) => writeln!(f, "{}", record_line(record, report, &shield)),
                    None => {
                        let mut err = io::stderr().lock();
                        let (first, rest) = lines
                            .split_first()
                            .map_or(("", &[][..]), |(f, r)| (f.as_str(), r));
                        writeln!(err, "{}: {}", place(record, &shield), shield.text(first))?;
                        rest.iter()
                            .try_for_each(|l| writeln!(err, "{}", shield.text(l)))
                    }
                }
            }
            Converted::Failed(v) => {
                if v.status == Status::Invalid {
                    failures += 1;
                }
                let shield = shield_for(record, Some(&v), show);
                let mut err = io::stderr().lock();
                output::write_verdict(&mut err, Format::Human, true, record, &v, &shield)
            }
        },
    )?;
    out.flush()?;
    if let Some(f) = report_file.as_mut() {
        f.flush()?;
    }
    Ok(pipeline::exit_code(io_errors, failures))
}
