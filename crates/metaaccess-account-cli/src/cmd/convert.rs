//! `upgrade` and `downgrade`: converted documents on standard output (as they are, or masked
//! with `--redact`), conversion reports on standard error or in `--report`. What the verdict
//! library calls valid or drift is converted; if that fails, the record is an error (exit 1),
//! never silently dropped.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use metaaccess_account::{ApiVersion, DocumentKind};
use std::path::Path;

use metaaccess_account::AnyAccountDetails;
use metaaccess_account_convert::{convert_any, Carried, Conversion, OrderedJson, Outcome, Partial};
use metaaccess_account_validate::secrets::{is_secret_name, Secrets};
use metaaccess_account_validate::{Problem, Status, Validator, Verdict};
use serde_json::{json, Value};

use crate::args::{version_list, ConvertArgs};
use crate::check;
use crate::input::Record;
use crate::output::{self, place, record_line, Format, Shield};
use crate::pipeline;
use crate::wire::{self, Annotation};

/// What converting one record produced.
pub enum Converted {
    /// The converted document and its report (not yet masked).
    Done {
        /// The converted document in documented field order (masked only if `--redact`), with
        /// the wire annotation unless `--plain`.
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
    /// Not converted because the command goes the other way (a usage error: exit 2).
    Refused(Verdict),
}

/// Which way a command converts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// `upgrade`: to the same or a newer version.
    Up,
    /// `downgrade`: to the same or an older version.
    Down,
}

/// How to convert.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// The target version.
    pub to: ApiVersion,
    /// Mask the secrets of converted documents.
    pub redact: bool,
    /// Leave the wire annotation out.
    pub plain: bool,
    /// Which command runs, if only one way is allowed.
    pub direction: Option<Direction>,
}

/// Runs `upgrade` (default target: the latest version).
pub fn upgrade(args: &ConvertArgs) -> io::Result<ExitCode> {
    run(args, args.to.unwrap_or(ApiVersion::LATEST), Direction::Up)
}

/// Runs `downgrade` (`--to` is required).
pub fn downgrade(args: &ConvertArgs) -> io::Result<ExitCode> {
    match args.to {
        Some(to) => run(args, to, Direction::Down),
        None => {
            let text = format!("downgrade needs --to VERSION ({})", version_list());
            output::error_line(&Shield::plain(), &text);
            Ok(ExitCode::from(2))
        }
    }
}

/// Checks a record with the verdict library, then converts it. A document carrying the wire
/// annotation ([`wire::ANNOTATION`]) has it taken out first, and what it carries is fed back
/// into the conversion.
pub fn convert_record(
    record: &Record,
    validator: &Validator,
    version: Option<ApiVersion>,
    options: Options,
) -> Converted {
    let mut value = match check::parse(record, validator) {
        Ok(v) => v,
        Err(v) => return Converted::Failed(*v),
    };
    let annotation = match wire::split(&mut value) {
        Ok(a) => a.unwrap_or_default(),
        Err(why) => {
            let mut secrets = Secrets::default();
            secrets.collect_json(&value);
            let mut v = Verdict::invalid(record.kind, why);
            v.secrets = secrets;
            return Converted::Failed(v);
        }
    };
    let version = version.or(record.hint).or(annotation.version);
    if annotation.missing.is_empty() || record.kind == DocumentKind::Request {
        let verdict = validator.validate_value(value, record.kind, version);
        return convert_accepted(record, verdict, annotation, options);
    }
    convert_partial(record, value, version, annotation, options)
}

/// Converts what a verdict accepted. An accepted response without a model, or whose
/// conversion yields nothing, is an invalid record: a conversion failure is never silent.
pub fn convert_verdict(
    record: &Record,
    verdict: Verdict,
    to: ApiVersion,
    redact: bool,
) -> Converted {
    let options = Options {
        to,
        redact,
        plain: false,
        direction: None,
    };
    convert_accepted(record, verdict, Annotation::default(), options)
}

fn refused(from: ApiVersion, options: Options) -> Option<String> {
    match options.direction? {
        Direction::Up if from > options.to => Some(format!(
            "upgrade converts to the same or a newer version; this record is {from}, newer than {}: use downgrade --to {}",
            options.to, options.to
        )),
        Direction::Down if from < options.to => Some(format!(
            "downgrade converts to the same or an older version; this record is {from}, older than {}: use upgrade --to {}",
            options.to, options.to
        )),
        _ => None,
    }
}

fn convert_accepted(
    record: &Record,
    mut verdict: Verdict,
    annotation: Annotation,
    options: Options,
) -> Converted {
    let to = options.to;
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
    if let Some(why) = refused(from, options) {
        return Converted::Refused(failed_verdict(verdict, why));
    }
    let known = model.to_json_value();
    let mut unknown = verdict
        .document
        .as_ref()
        .map(|raw| wire::unknown_members(raw, &known, from))
        .unwrap_or_default();
    unknown.splice(0..0, annotation.unknown);
    let conversion = if annotation.carried.is_empty() {
        convert_any(model.as_ref(), to)
    } else {
        let Value::Object(doc) = known else {
            return failed(verdict, to, "the model is not an object");
        };
        match Partial::resume(from, doc, Vec::new(), annotation.carried) {
            Ok(source) => convert_any(&source, to),
            Err(e) => return failed(verdict, to, &e.to_string()),
        }
    };
    let mut secrets = Secrets::default();
    secrets.extend(&record.secrets);
    secrets.extend(&verdict.secrets);
    finish(record, from, conversion, unknown, secrets, options)
}

/// A document with holes, as an earlier partial conversion wrote it.
fn convert_partial(
    record: &Record,
    value: Value,
    version: Option<ApiVersion>,
    annotation: Annotation,
    options: Options,
) -> Converted {
    let to = options.to;
    let mut secrets = Secrets::default();
    secrets.extend(&record.secrets);
    secrets.collect_json(&value);
    let invalid = |why: String, secrets: Secrets| {
        let mut v = Verdict::invalid(record.kind, why);
        v.api_version = version;
        v.secrets = secrets;
        Converted::Failed(v)
    };
    let Some(from) = version else {
        return invalid(
            format!(
                "a document with missing values needs {}.version",
                wire::ANNOTATION
            ),
            secrets,
        );
    };
    let Value::Object(mut doc) = value else {
        return invalid("the document is not a JSON object".into(), secrets);
    };
    if let Some(why) = refused(from, options) {
        let mut v = Verdict::invalid(record.kind, why);
        v.api_version = Some(from);
        v.secrets = secrets;
        return Converted::Refused(v);
    }
    let mut unknown = annotation.unknown;
    unknown.extend(wire::undocumented_top_level(&mut doc, from));
    let source = match Partial::resume(from, doc, annotation.missing, annotation.carried) {
        Ok(p) => p,
        Err(e) => return invalid(format!("{from} (with missing values): {e}"), secrets),
    };
    let conversion = convert_any(&source, to);
    finish(record, from, conversion, unknown, secrets, options)
}

fn finish(
    record: &Record,
    from: ApiVersion,
    conversion: Conversion<AnyAccountDetails>,
    unknown: Vec<Carried>,
    mut secrets: Secrets,
    options: Options,
) -> Converted {
    let to = options.to;
    let mut document = conversion.outcome.document();
    // Members the source did not document stay in the document wherever their place exists
    // and the target does not document that name; the others travel in the annotation.
    let mut kept = Vec::new();
    for u in unknown {
        if let Err(value) = wire::restore(&mut document, to, &u.pointer, u.value.clone()) {
            kept.push(Carried::new(u.version, u.pointer, value, u.reason));
        }
    }
    let missing = match &conversion.outcome {
        Outcome::Complete(_) => Vec::new(),
        Outcome::Partial(p) => p.missing().to_vec(),
    };
    let annotation = Annotation {
        version: Some(to),
        missing,
        carried: conversion.carried.clone(),
        unknown: kept,
    };
    // Secrets among undocumented members count too.
    for u in &annotation.unknown {
        let name = u.pointer.rsplit('/').next().unwrap_or_default();
        if is_secret_name(&name.replace("~1", "/").replace("~0", "~")) {
            secrets.collect_json(&json!({ "secret": u.value }));
        }
        secrets.collect_json(&u.value);
    }
    if options.redact {
        for (name, value) in document.fields_mut() {
            secrets.redact_field(name, value);
        }
    }
    if !options.plain && !annotation.is_empty() {
        let mut wire_value = serde_json::to_value(&annotation).unwrap_or(Value::Null);
        if options.redact {
            if let Some(items) = wire_value.get_mut("unknown").and_then(Value::as_array_mut) {
                for (item, u) in items.iter_mut().zip(&annotation.unknown) {
                    let name = u.pointer.rsplit('/').next().unwrap_or_default();
                    if let Some(v) = item.get_mut("value") {
                        secrets.redact_field(name, v);
                    }
                }
            }
        }
        document.insert(wire::ANNOTATION, wire_value);
    }
    let outcome = if conversion.outcome.is_complete() {
        "complete"
    } else {
        "partial"
    };
    let mut lines = vec![format!("{from} -> {to}: {outcome}")];
    lines.extend(conversion.report.entries.iter().map(|e| format!("    {e}")));
    lines.extend(
        annotation
            .missing
            .iter()
            .map(|m| format!("    missing {m}")),
    );
    lines.extend(annotation.carried.iter().map(|c| {
        format!(
            "    carried {} {}: {} ({})",
            c.version, c.pointer, c.value, c.reason
        )
    }));
    lines.extend(
        annotation
            .unknown
            .iter()
            .map(|u| format!("    carried {} {}: {}", u.version, u.pointer, u.reason)),
    );
    let unknown_pointers: Vec<Value> = annotation
        .unknown
        .iter()
        .map(|u| json!({"version": u.version, "pointer": u.pointer, "reason": u.reason}))
        .collect();
    let report = json!({
        "source": &*record.source, "locator": record.locator.to_string(),
        "from": from, "to": to, "outcome": outcome,
        "missing": annotation.missing, "carried": annotation.carried,
        "unknown": unknown_pointers, "report": conversion.report,
    });
    Converted::Done {
        document,
        report,
        lines,
        secrets,
    }
}

fn failed_verdict(mut verdict: Verdict, why: String) -> Verdict {
    verdict.status = Status::Invalid;
    verdict.errors = vec![Problem::new("", why)];
    verdict.note = None;
    verdict
}

fn failed(verdict: Verdict, to: ApiVersion, why: &str) -> Converted {
    Converted::Failed(failed_verdict(
        verdict,
        format!("conversion to {to} failed: {why}"),
    ))
}

/// Whether two paths name the same file.
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        a.dev() == b.dev() && a.ino() == b.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        false
    }
}

/// Why `--report` may not be written: it is one of the inputs (or standard input), or a
/// directory walk would read it as one. Nothing ever truncates an input.
pub fn report_conflict(report: &Path, paths: &[String]) -> Option<String> {
    let existing = std::fs::metadata(report).ok();
    let canonical = report
        .parent()
        .map(|p| {
            if p.as_os_str().is_empty() {
                Path::new(".")
            } else {
                p
            }
        })
        .and_then(|p| p.canonicalize().ok())
        .zip(report.file_name())
        .map(|(dir, name)| dir.join(name));
    let input_like = report
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| crate::input::EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
    for arg in crate::input::or_stdin(paths) {
        let input = if arg == "-" {
            std::fs::metadata("/dev/stdin").ok()
        } else {
            std::fs::metadata(arg).ok()
        };
        let Some(input) = input else { continue };
        if existing.as_ref().is_some_and(|r| same_file(r, &input)) {
            return Some(format!(
                "--report {} is the input {arg}; refusing to overwrite an input",
                report.display()
            ));
        }
        if input.is_dir() && input_like {
            let dir = Path::new(arg).canonicalize().ok();
            if let (Some(dir), Some(report)) = (dir, &canonical) {
                if report.starts_with(&dir) {
                    return Some(format!(
                        "--report {} is inside the input directory {arg}, where it would be read as an input; choose another place or extension",
                        report.display()
                    ));
                }
            }
        }
    }
    None
}

fn run(args: &ConvertArgs, to: ApiVersion, direction: Direction) -> io::Result<ExitCode> {
    let validator = args.read.validator(false);
    let version = args.read.version();
    let show = args.read.show_secrets;
    let options = Options {
        to,
        redact: args.redact,
        plain: args.plain,
        direction: Some(direction),
    };
    if let Some(why) = args
        .report
        .as_deref()
        .and_then(|r| report_conflict(r, &args.read.paths))
    {
        output::error_line(&Shield::plain(), &why);
        return Ok(ExitCode::from(2));
    }
    let mut out = BufWriter::new(io::stdout().lock());
    let mut report_file = match &args.report {
        Some(path) => Some(BufWriter::new(File::create(path).map_err(|e| {
            io::Error::new(e.kind(), format!("cannot create {}: {e}", path.display()))
        })?)),
        None => None,
    };
    let mut failures = 0;
    let mut refusals = 0;
    let io_errors = pipeline::run(
        &args.read,
        |record| convert_record(record, &validator, version, options),
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
            Converted::Refused(v) => {
                refusals += 1;
                let mut err = io::stderr().lock();
                output::write_verdict(&mut err, Format::Human, true, record, &v, show)
            }
            Converted::Failed(v) => {
                if v.status == Status::Invalid {
                    failures += 1;
                }
                let mut err = io::stderr().lock();
                output::write_verdict(&mut err, Format::Human, true, record, &v, show)
            }
        },
    )?;
    out.flush()?;
    if let Some(f) = report_file.as_mut() {
        f.flush()?;
    }
    if refusals > 0 {
        return Ok(ExitCode::from(2));
    }
    Ok(pipeline::exit_code(
        io_errors,
        failures,
        args.read.exit_zero,
    ))
}
