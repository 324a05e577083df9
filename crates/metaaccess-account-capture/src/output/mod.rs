//! The output layer: every diagnostic (verdict lines, summaries, reports, errors on standard
//! error) is written here, through a [`Shield`] that masks secrets and fails closed, and, for
//! text, escapes control characters. Converted documents are data, not diagnostics: they are
//! written by the convert command as they are (or redacted with `--redact`).

mod colour;
mod conversion;
pub mod records;
mod shield;

use std::io::{self, Write};
use std::time::Duration;

use metaaccess_account::{ApiVersion, DocumentKind};
use metaaccess_account_validate::secrets::{mask_url_params, Secrets};
use metaaccess_account_validate::{Detection, Rejection, Status, Verdict};
use serde_json::Value;

use crate::input::{Locator, Record};
pub use colour::{colour_stderr, Colour};
use colour::{sgr, stderr_colour};
pub use conversion::{conversion_details_line, conversion_report_line, ConversionTally};
use records::{
    DetectionOutcome, DetectionRecord, RecordKind, SummaryCounts, SummaryRecord, VerdictRecord,
    VersionReason, WithheldRecord,
};
pub use shield::{escape, Shield, LEAK_WITHHELD, TOOL_FIELDS, WITHHELD};

/// Output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Format {
    /// Text lines for people.
    Human,
    /// JSON: what each subcommand writes is in its `--format` help (records: docs/OUTPUT.md).
    Json,
}

/// The shield for what is printed about a record: the secrets around it (HAR URL, headers,
/// cookies, request body) and in its document.
pub fn shield_for(record: &Record, verdict: Option<&Verdict>, show_secrets: bool) -> Shield {
    let mut secrets = Secrets::default();
    secrets.extend(&record.secrets);
    if let Some(v) = verdict {
        secrets.extend(&v.secrets);
    }
    Shield::new(secrets, show_secrets)
}

/// `file`, `file:3` (NDJSON line) or `file entry 2 response` (HAR): the file name through
/// the shield (a file named after a URL has its secret parameters masked by name first); the
/// locator is the tool's own text (numbers and words), shown as it is.
pub fn place(record: &Record, shield: &Shield) -> String {
    let source = shield.text(&mask_url_params(&record.source));
    match record.locator {
        Locator::Document => source,
        Locator::Line(n) => format!("{source}:{n}"),
        Locator::Entry(..) => format!("{source} {}", record.locator),
    }
}

/// A JSON line about a record: masked through the shield, except the tool's own fields
/// ([`TOOL_FIELDS`]); its `source` has secret URL parameters masked by name. The line passes
/// the last check ([`Shield::guard`]): if a piece of a secret survived, the line written is
/// `{"locator", "status", "withheld"}` instead, and says so.
pub fn record_line(record: &Record, value: Value, shield: &Shield) -> String {
    let mut value = value;
    if let Some(source) = value.get_mut("source") {
        if let Some(text) = source.as_str() {
            *source = Value::from(mask_url_params(text).into_owned());
        }
    }
    let status = value.get("status").cloned();
    let masked = shield.record_value(value);
    let line =
        serde_json::to_string(&masked).unwrap_or_else(|_| format!("{{\"error\":\"{WITHHELD}\"}}"));
    shield.guard(line, || {
        let notice = WithheldRecord {
            locator: record.locator.to_string(),
            status: status.unwrap_or(Value::Null),
            withheld: LEAK_WITHHELD.to_owned(),
        };
        serde_json::to_string(&notice).unwrap_or_else(|_| format!("{{\"error\":\"{WITHHELD}\"}}"))
    })
}

/// A human line about a record through the last check: `line` itself, or, if a piece of a
/// secret survived in it, the notice at the same indentation.
fn guarded(shield: &Shield, line: String) -> String {
    let indent = line.len() - line.trim_start().len();
    shield.guard(line, || format!("{}{LEAK_WITHHELD}", " ".repeat(indent)))
}

/// Counts of each status.
#[derive(Clone, Copy, Debug, Default)]
pub struct Summary {
    /// All records.
    pub records: u64,
    /// Valid ones.
    pub valid: u64,
    /// Invalid ones.
    pub invalid: u64,
    /// Drifting ones.
    pub drift: u64,
    /// Skipped ones.
    pub skipped: u64,
    /// Paths that could not be read.
    pub io_errors: u64,
    /// Bytes of record payloads.
    pub bytes: u64,
}

impl Summary {
    /// Counts one record.
    pub fn add(&mut self, status: Status, bytes: usize) {
        self.records += 1;
        self.bytes += bytes as u64;
        match status {
            Status::Valid => self.valid += 1,
            Status::Invalid => self.invalid += 1,
            Status::Drift => self.drift += 1,
            Status::Skipped => self.skipped += 1,
        }
    }
}

/// The JSON object of one checked record (before masking): a [`VerdictRecord`].
pub fn verdict_json(record: &Record, v: &Verdict) -> Value {
    let typed = VerdictRecord {
        source: record.source.to_string(),
        locator: record.locator.to_string(),
        kind: RecordKind::from(record.kind),
        api_version: v.api_version,
        also_valid_as: v.also_valid_as.clone(),
        status: v.status,
        errors: v.errors.clone(),
        more_errors: v.more_errors as u64,
        note: v.note.clone(),
    };
    serde_json::to_value(typed).unwrap_or(Value::Null)
}

/// Whether a verdict is written at all: in human output without `verbose`, a valid record is
/// not.
fn is_written(format: Format, verbose: bool, v: &Verdict) -> bool {
    format == Format::Json || verbose || v.status != Status::Valid
}

/// Writes one checked record through the shield of its secrets, built only when something is
/// written (most records of a bulk run are valid, and print nothing).
pub fn write_verdict(
    out: &mut impl Write,
    format: Format,
    verbose: bool,
    record: &Record,
    v: &Verdict,
    show_secrets: bool,
) -> io::Result<()> {
    if !is_written(format, verbose, v) {
        return Ok(());
    }
    let shield = shield_for(record, Some(v), show_secrets);
    verdict_lines(out, format, verbose, record, v, &shield, Colour::Off)
}

/// [`write_verdict`], with the status coloured as `colour` says (human format only).
pub fn write_verdict_coloured(
    out: &mut impl Write,
    format: Format,
    verbose: bool,
    record: &Record,
    v: &Verdict,
    show_secrets: bool,
    colour: Colour,
) -> io::Result<()> {
    if !is_written(format, verbose, v) {
        return Ok(());
    }
    let shield = shield_for(record, Some(v), show_secrets);
    verdict_lines(out, format, verbose, record, v, &shield, colour)
}

/// [`write_verdict`] through a given shield.
pub fn write_verdict_through(
    out: &mut impl Write,
    format: Format,
    verbose: bool,
    record: &Record,
    v: &Verdict,
    shield: &Shield,
) -> io::Result<()> {
    verdict_lines(out, format, verbose, record, v, shield, Colour::Off)
}

fn verdict_lines(
    out: &mut impl Write,
    format: Format,
    verbose: bool,
    record: &Record,
    v: &Verdict,
    shield: &Shield,
    colour: Colour,
) -> io::Result<()> {
    if !is_written(format, verbose, v) {
        return Ok(());
    }
    if format == Format::Json {
        return writeln!(
            out,
            "{}",
            record_line(record, verdict_json(record, v), shield)
        );
    }
    let version = v
        .api_version
        .map(|ver| format!(" ({ver}{})", also(&v.also_valid_as)))
        .unwrap_or_default();
    let kind = if record.kind == DocumentKind::Request && record.locator == Locator::Document {
        " request"
    } else {
        ""
    };
    let place = place(record, shield);
    let head = format!("{:<8} {place}{kind}{version}", v.status.as_str());
    let head = shield.guard(head, || {
        format!(
            "{:<8} {}{kind}{version}: {LEAK_WITHHELD}",
            v.status.as_str(),
            record.locator
        )
    });
    let status = v.status.as_str();
    writeln!(out, "{}", colour.start(head, status, sgr(status)))?;
    write_note_and_problems(out, v, shield)?;
    if v.more_errors > 0 {
        writeln!(
            out,
            "    ... and {} more (raise --max-errors to see them)",
            v.more_errors
        )?;
    }
    Ok(())
}

fn also(versions: &[ApiVersion]) -> String {
    if versions.is_empty() {
        return String::new();
    }
    let list: Vec<String> = versions.iter().map(ToString::to_string).collect();
    format!(", also valid as {}", list.join(", "))
}

/// Writes an error line (`error: ...`) to standard error, through a shield and its last
/// check.
pub fn error_line(shield: &Shield, text: &str) {
    let line = format!("error: {}", shield.text(&mask_url_params(text)));
    let line = shield.guard(line, || format!("error: {LEAK_WITHHELD}"));
    let line = stderr_colour().start(line, "error:", "1;31");
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{line}");
}

/// Writes a warning line (`warning: ...`) to standard error: the tool's own text, about no
/// record.
pub fn warning_line(text: &str) {
    let line = format!("warning: {}", escape(text));
    let line = stderr_colour().start(line, "warning:", "1;33");
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{line}");
}

/// Writes the summary.
pub fn write_summary(
    out: &mut impl Write,
    format: Format,
    s: &Summary,
    elapsed: Duration,
) -> io::Result<()> {
    let secs = elapsed.as_secs_f64();
    let per_sec = |n: u64| if secs > 0.0 { n as f64 / secs } else { 0.0 };
    let (rate, mb_rate) = (per_sec(s.records), per_sec(s.bytes) / 1e6);
    match format {
        // Milliseconds and whole records per second: more digits would be noise.
        Format::Json => {
            let line = SummaryRecord {
                summary: SummaryCounts {
                    records: s.records,
                    valid: s.valid,
                    invalid: s.invalid,
                    drift: s.drift,
                    skipped: s.skipped,
                    io_errors: s.io_errors,
                    bytes: s.bytes,
                    elapsed_seconds: (secs * 1000.0).round() / 1000.0,
                    records_per_second: rate.round() as u64,
                },
            };
            // Through a `Value`: members in name order, as every JSON line.
            let line = serde_json::to_value(line).map_err(io::Error::other)?;
            writeln!(out, "{line}")
        }
        Format::Human => {
            let io = match s.io_errors {
                0 => String::new(),
                1 => ", 1 unreadable path".to_owned(),
                n => format!(", {n} unreadable paths"),
            };
            let noun = if s.records == 1 { "record" } else { "records" };
            writeln!(
                out,
                "{} {noun}: {} valid, {} invalid, {} drift, {} skipped{io}; {:.3} s, {:.0} records/s, {:.1} MB/s",
                s.records, s.valid, s.invalid, s.drift, s.skipped, secs, rate, mb_rate
            )
        }
    }
}

/// What `detect` found about one record: the versions that accept it, drift or reject it, or,
/// when there is no document to try (not JSON, a skipped HAR entry), the verdict that says why.
pub enum Detected<'a> {
    /// The document was tried against every version.
    Tried(&'a Detection),
    /// There was no document to try.
    NotTried(&'a Verdict),
}

impl Detected<'_> {
    /// Whether no version accepts the record, not even apart from undocumented items: what
    /// `validate` would call invalid (`detect` then exits 1). Skipped records are not.
    pub fn is_unmatched(&self) -> bool {
        match self {
            Self::Tried(d) => d.is_none(),
            Self::NotTried(v) => v.status == Status::Invalid,
        }
    }
}

fn reasons(list: &[Rejection]) -> Vec<VersionReason> {
    list.iter()
        .map(|r| VersionReason {
            version: r.version,
            instance_path: r.pointer.clone(),
            message: r.message.clone(),
        })
        .collect()
}

/// The JSON object of one detection (before masking): one shape for every record.
///
/// `outcome` is `one`, `several`, `drift`, `none` or `skipped`; `accepted` lists versions,
/// `drift` and `rejected` list `{version, instance_path, message}` with each version's first
/// problem (the message `validate` gives against that version); `errors` are the problems of
/// a record that could not be tried at all (`{instance_path, message}`), and `note` says why.
pub fn detection_json(record: &Record, found: &Detected<'_>) -> Value {
    let (outcome, accepted, drift, rejected, errors, note) = match found {
        Detected::Tried(d) => (
            d.outcome(),
            d.accepted.clone(),
            reasons(&d.drift),
            reasons(&d.rejected),
            Vec::new(),
            None,
        ),
        Detected::NotTried(v) => (
            if v.status == Status::Skipped {
                "skipped"
            } else {
                "none"
            },
            Vec::new(),
            Vec::new(),
            Vec::new(),
            v.errors.clone(),
            v.note.clone(),
        ),
    };
    let typed = DetectionRecord {
        source: record.source.to_string(),
        locator: record.locator.to_string(),
        kind: RecordKind::from(record.kind),
        outcome: DetectionOutcome::from_word(outcome),
        accepted,
        drift,
        rejected,
        errors,
        note,
    };
    serde_json::to_value(typed).unwrap_or(Value::Null)
}

/// Writes one detection through a shield: a JSON line ([`detection_json`]), or for people
/// `place: versions` and one line per other version, in `validate`'s words.
pub fn write_detection(
    out: &mut impl Write,
    format: Format,
    record: &Record,
    found: &Detected<'_>,
    shield: &Shield,
) -> io::Result<()> {
    write_detection_coloured(out, format, record, found, shield, Colour::Off)
}

/// Detects the versions of a record ([`crate::check::detect`]) and writes what was found
/// through the shield of its secrets: what every door that detects writes. Returns whether no
/// version accepted or drifted from it (`detect`'s failure).
pub fn write_record_detection(
    out: &mut impl Write,
    format: Format,
    record: &Record,
    validator: &metaaccess_account_validate::Validator,
    show_secrets: bool,
    colour: Colour,
) -> io::Result<bool> {
    let result = crate::check::detect(record, validator);
    let (found, shield) = match &result {
        Ok((d, secrets)) => (
            Detected::Tried(d),
            Shield::new(secrets.clone(), show_secrets),
        ),
        Err(v) => (
            Detected::NotTried(v),
            shield_for(record, Some(v), show_secrets),
        ),
    };
    write_detection_coloured(out, format, record, &found, &shield, colour)?;
    Ok(found.is_unmatched())
}

/// [`write_detection`], with the verdict coloured as `colour` says (human format only).
pub fn write_detection_coloured(
    out: &mut impl Write,
    format: Format,
    record: &Record,
    found: &Detected<'_>,
    shield: &Shield,
    colour: Colour,
) -> io::Result<()> {
    if format == Format::Json {
        return writeln!(
            out,
            "{}",
            record_line(record, detection_json(record, found), shield)
        );
    }
    let place = place(record, shield);
    let d = match found {
        Detected::NotTried(v) => {
            let status = if v.status == Status::Skipped {
                "skipped"
            } else {
                "no version"
            };
            let head = format!("{place}: {status}");
            let head = shield.guard(head, || format!("{}: {LEAK_WITHHELD}", record.locator));
            writeln!(out, "{}", colour.end(head, status, sgr(status)))?;
            return write_note_and_problems(out, v, shield);
        }
        Detected::Tried(d) => d,
    };
    let accepted: Vec<String> = d.accepted.iter().map(ToString::to_string).collect();
    let drifting: Vec<String> = d
        .drift
        .iter()
        .map(|r| format!("{} (drift)", r.version))
        .collect();
    let all: Vec<String> = accepted.into_iter().chain(drifting).collect();
    let verdict = if all.is_empty() {
        "no version".to_owned()
    } else {
        all.join(", ")
    };
    let head = format!("{place}: {verdict}");
    let head = shield.guard(head, || format!("{}: {LEAK_WITHHELD}", record.locator));
    let tone = match (d.accepted.is_empty(), d.drift.is_empty()) {
        (false, _) => "valid",
        (true, false) => "drift",
        (true, true) => "invalid",
    };
    writeln!(out, "{}", colour.end(head, &verdict, sgr(tone)))?;
    for (word, list) in [("drifts", &d.drift), ("rejects", &d.rejected)] {
        for r in list {
            let line = format!(
                "    {} {word} {}: {}",
                r.version,
                at(&r.pointer),
                shield.text(&r.message)
            );
            writeln!(out, "{}", guarded(shield, line))?;
        }
    }
    Ok(())
}

/// A verdict's note and problems, one indented line each, through the shield and its last
/// check: the same lines under `validate` and `detect`.
fn write_note_and_problems(out: &mut impl Write, v: &Verdict, shield: &Shield) -> io::Result<()> {
    if let Some(note) = &v.note {
        let line = format!("    note: {}", shield.text(note));
        writeln!(out, "{}", guarded(shield, line))?;
    }
    for p in &v.errors {
        let line = format!("    {}: {}", at(&p.instance_path), shield.text(&p.message));
        writeln!(out, "{}", guarded(shield, line))?;
    }
    Ok(())
}

/// A pointer as human lines write it: `(document)` for the whole document. A pointer is the
/// tool's own locator: escaped, never masked (the last check still sees the line).
fn at(pointer: &str) -> String {
    if pointer.is_empty() {
        "(document)".to_owned()
    } else {
        escape(pointer).into_owned()
    }
}
