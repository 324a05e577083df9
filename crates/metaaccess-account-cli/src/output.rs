//! Printing records and summaries, for people and for machines.

use std::io::{self, Write};
use std::time::Duration;

use serde_json::{json, Value};

use crate::check::{Checked, Status};
use crate::input::{Locator, Record};

/// Output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Lines for people, then a summary line.
    Human,
    /// One JSON object per record (NDJSON), then a summary object.
    Json,
}

/// `file`, `file:3` (NDJSON line) or `file entry 2 response` (HAR).
pub fn place(record: &Record) -> String {
    match record.locator {
        Locator::Document => record.source.to_string(),
        Locator::Line(n) => format!("{}:{n}", record.source),
        Locator::Entry(..) => format!("{} {}", record.source, record.locator),
    }
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

fn status_word(s: Status) -> &'static str {
    match s {
        Status::Valid => "valid",
        Status::Invalid => "invalid",
        Status::Drift => "drift",
        Status::Skipped => "skipped",
    }
}

/// The JSON object of one checked record.
pub fn record_json(record: &Record, c: &Checked) -> Value {
    json!({
        "source": &*record.source,
        "locator": record.locator.to_string(),
        "kind": record.kind.as_str(),
        "api_version": c.api_version,
        "also_valid_as": c.also_valid_as,
        "status": c.status,
        "errors": c.errors,
        "more_errors": c.more_errors,
        "note": c.note,
    })
}

/// Writes one checked record.
pub fn write_record(
    out: &mut impl Write,
    format: Format,
    verbose: bool,
    record: &Record,
    c: &Checked,
) -> io::Result<()> {
    match format {
        Format::Json => writeln!(out, "{}", record_json(record, c)),
        Format::Human => {
            if c.status == Status::Valid && !verbose {
                return Ok(());
            }
            let version = c
                .api_version
                .map(|v| format!(" ({v}{})", also(&c.also_valid_as)))
                .unwrap_or_default();
            let kind = if record.kind == metaaccess_account::DocumentKind::Request
                && record.locator == Locator::Document
            {
                " request"
            } else {
                ""
            };
            writeln!(
                out,
                "{:<8} {}{kind}{version}",
                status_word(c.status),
                place(record)
            )?;
            if let Some(note) = &c.note {
                writeln!(out, "    note: {note}")?;
            }
            for p in &c.errors {
                let at = if p.instance_path.is_empty() {
                    "(document)"
                } else {
                    &p.instance_path
                };
                writeln!(out, "    {at}: {}", p.message)?;
            }
            if c.more_errors > 0 {
                writeln!(
                    out,
                    "    ... and {} more (raise --max-errors to see them)",
                    c.more_errors
                )?;
            }
            Ok(())
        }
    }
}

fn also(versions: &[metaaccess_account::ApiVersion]) -> String {
    if versions.is_empty() {
        return String::new();
    }
    let list: Vec<String> = versions.iter().map(ToString::to_string).collect();
    format!(", also valid as {}", list.join(", "))
}

/// Writes the summary.
pub fn write_summary(
    out: &mut impl Write,
    format: Format,
    s: &Summary,
    elapsed: Duration,
) -> io::Result<()> {
    let secs = elapsed.as_secs_f64();
    let rate = if secs > 0.0 {
        s.records as f64 / secs
    } else {
        0.0
    };
    let mb_rate = if secs > 0.0 {
        s.bytes as f64 / secs / 1e6
    } else {
        0.0
    };
    match format {
        Format::Json => writeln!(
            out,
            "{}",
            json!({ "summary": {
                "records": s.records, "valid": s.valid, "invalid": s.invalid, "drift": s.drift,
                "skipped": s.skipped, "io_errors": s.io_errors, "bytes": s.bytes,
                "elapsed_seconds": secs, "records_per_second": rate,
            }})
        ),
        Format::Human => {
            let io = if s.io_errors > 0 {
                format!(", {} unreadable paths", s.io_errors)
            } else {
                String::new()
            };
            writeln!(
                out,
                "{} records: {} valid, {} invalid, {} drift, {} skipped{io}; {:.3} s, {:.0} records/s, {:.1} MB/s",
                s.records, s.valid, s.invalid, s.drift, s.skipped, secs, rate, mb_rate
            )
        }
    }
}
