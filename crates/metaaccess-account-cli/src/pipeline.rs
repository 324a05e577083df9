//! Records are read on one thread, processed in parallel in batches, and emitted in input
//! order; reading the next batch overlaps processing this one.

use std::io::{self, IsTerminal};
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use metaaccess_account::DocumentKind;
use rayon::prelude::*;

use crate::args::ReadArgs;
use crate::input::{self, Item, Locator, Record};
use crate::output::{self, Shield};

/// Records per batch, at most.
const BATCH: usize = 4096;

/// Bytes of record payloads per batch, at most (one record over it makes a batch of its own).
/// With two batches queued and one in work, the reader holds at most about three of these.
const BATCH_BYTES: usize = 32 * 1024 * 1024;

/// A progress bar on standard error when it is a terminal; it shows counts only, never text
/// from a record.
fn progress() -> ProgressBar {
    // Drawn only where it cannot mix with verdict lines: standard error a terminal, standard
    // output not one (when both are, the bar would land inside the lines).
    let target = if io::stderr().is_terminal() && !io::stdout().is_terminal() {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    };
    let bar = ProgressBar::with_draw_target(None, target);
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} {human_pos} records, {per_sec} [{elapsed}]")
    {
        bar.set_style(style);
    }
    bar
}

/// A record as the arguments place it: HAR records know their kind, everything else is what
/// `--kind` says; NDJSON lines are shifted by `--line-offset`; standard input takes
/// `--source-name`.
fn place_record(
    mut r: Record,
    args: &ReadArgs,
    kind: DocumentKind,
    source_name: Option<&std::sync::Arc<str>>,
) -> Item {
    if !matches!(r.locator, Locator::Entry(..)) {
        r.kind = kind;
    }
    if let Locator::Line(n) = r.locator {
        match n.checked_add(args.line_offset) {
            Some(shifted) => r.locator = Locator::Line(shifted),
            // A line number past 2^64 - 1 names no line: an error, not a wrong locator.
            None => {
                return Item::Error(input::InputError {
                    source: r.source.to_string(),
                    message: format!(
                        "line {n} + --line-offset {} is past the largest line number",
                        args.line_offset
                    ),
                })
            }
        }
    }
    if let (Some(name), true) = (source_name, &*r.source == "-") {
        r.source = name.clone();
    }
    Item::Record(r)
}

/// Reads every record, runs `process` on each (in parallel) and `emit`s the results in input
/// order. Unreadable paths are reported on standard error; returns how many there were.
pub fn run<R: Send>(
    args: &ReadArgs,
    process: impl Fn(&Record) -> R + Sync,
    mut emit: impl FnMut(&Record, R) -> io::Result<()>,
) -> io::Result<u64> {
    let bar = progress();
    let kind = DocumentKind::from(args.kind);
    let source_name: Option<std::sync::Arc<str>> = args.source_name.as_deref().map(Into::into);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.map_or(0, usize::from))
        .build()
        .map_err(|e| {
            io::Error::other(format!(
                "cannot start {} checking threads (--jobs): {e}; ask for fewer",
                args.jobs
                    .map_or_else(|| "the default number of".to_owned(), |n| n.to_string())
            ))
        })?;
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Item>>(2);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut batch = Vec::with_capacity(BATCH);
            let mut batch_bytes = 0usize;
            let mut deliver = |item: Item| {
                let item = match item {
                    Item::Record(r) => place_record(r, args, kind, source_name.as_ref()),
                    error => error,
                };
                if let Item::Record(r) = &item {
                    batch_bytes += crate::check::body_len(r);
                }
                batch.push(item);
                if batch.len() < BATCH && batch_bytes < BATCH_BYTES {
                    return true;
                }
                batch_bytes = 0;
                let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                tx.send(full).is_ok()
            };
            input::read(
                &args.paths,
                args.input_format,
                args.limits(),
                &mut input::Sink::new(&mut deliver),
            );
            if !batch.is_empty() {
                let _ = tx.send(batch);
            }
        });
        let mut io_errors = 0;
        let mut records_seen = 0u64;
        for items in rx {
            let records: Vec<&Record> = items
                .iter()
                .filter_map(|i| match i {
                    Item::Record(r) => Some(r),
                    Item::Error(_) => None,
                })
                .collect();
            let mut results =
                pool.install(|| records.par_iter().map(|r| process(r)).collect::<Vec<R>>());
            let mut results = results.drain(..);
            records_seen += records.len() as u64;
            // Lines are written with the bar out of the way, so none lands inside one.
            bar.suspend(|| -> io::Result<()> {
                for item in &items {
                    match item {
                        Item::Record(record) => {
                            if let Some(r) = results.next() {
                                emit(record, r)?;
                            }
                        }
                        Item::Error(e) => {
                            io_errors += 1;
                            let text = format!("cannot read {}: {}", e.source, e.message);
                            output::error_line(&Shield::plain(), &text);
                        }
                    }
                }
                Ok(())
            })?;
            bar.inc(records.len() as u64);
        }
        bar.finish_and_clear();
        if records_seen == 0 && io_errors == 0 {
            output::warning_line(
                "no records were read (the input is empty or holds only blank lines)",
            );
        }
        Ok(io_errors)
    })
}

/// 2 when a path could not be read, else 1 when a record failed (unless `exit_zero`), else 0.
pub fn exit_code(io_errors: u64, failures: u64, exit_zero: bool) -> ExitCode {
    if io_errors > 0 {
        ExitCode::from(2)
    } else if failures > 0 && !exit_zero {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
