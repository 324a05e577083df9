//! Records are read on one thread, processed in parallel in batches, and emitted in input
//! order; reading the next batch overlaps processing this one.

use std::collections::HashMap;
use std::io::{self, IsTerminal};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use metaaccess_account::DocumentKind;
use rayon::prelude::*;

use crate::args::ReadArgs;
use crate::input::{self, Item, Locator, Record};
use crate::output::{self, Shield};

/// Records per batch, at most.
const BATCH: usize = 1024;

/// Bytes of record payloads per batch, at most (one record over it makes a batch of its own).
/// With two batches queued and one in work, the reader holds at most about three of these.
const BATCH_BYTES: usize = 8 * 1024 * 1024;

/// How long a run goes before the progress display appears: runs shorter than this show none.
const PROGRESS_DELAY: Duration = Duration::from_secs(1);

/// Replaces [`PROGRESS_DELAY`], in milliseconds (for tests of the display itself).
const PROGRESS_DELAY_VAR: &str = "METAACCESS_ACCOUNT_PROGRESS_DELAY_MS";

/// The progress display on standard error: counts, bytes and times only, never text from a
/// record. For regular files (each path one), bytes done out of their total size, the rate
/// and the time left; otherwise (standard input, directories, pipes) a spinner with a count
/// of records. Hidden until the run has lasted [`PROGRESS_DELAY`], and drawn only where it
/// cannot mix with verdict lines: standard error a terminal, standard output not one (when
/// both are, the bar would land inside the lines). `--quiet` turns it off.
struct Progress {
    bar: ProgressBar,
    /// Whether it may be drawn at all.
    shown: bool,
    /// The size of each input file, when every input is a regular file.
    sizes: Option<HashMap<String, u64>>,
    /// Bytes of the files read to the end.
    finished: u64,
    /// The file being read, its size and how much of it the records so far cover.
    current: Option<(Arc<str>, u64, u64)>,
    records: u64,
}

impl Progress {
    fn new(args: &ReadArgs) -> Self {
        let shown = !args.quiet && io::stderr().is_terminal() && !io::stdout().is_terminal();
        let sizes = sizes(&args.paths);
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        let template = match &sizes {
            Some(sizes) => {
                bar.set_length(sizes.values().sum());
                "{binary_bytes}/{binary_total_bytes} {wide_bar} {binary_bytes_per_sec}, {eta} left, {msg}"
            }
            None => "{spinner} {human_pos} records, {per_sec} [{elapsed}]",
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message("0 records");
        Self {
            bar,
            shown,
            sizes,
            finished: 0,
            current: None,
            records: 0,
        }
    }

    /// How long to wait before drawing.
    fn delay() -> Duration {
        std::env::var(PROGRESS_DELAY_VAR)
            .ok()
            .and_then(|ms| ms.parse().ok())
            .map_or(PROGRESS_DELAY, Duration::from_millis)
    }

    /// What starts drawing, once the delay has passed (nothing when it may not be drawn).
    fn shower(&self) -> impl FnOnce() + Send + 'static {
        let (bar, shown) = (self.bar.clone(), self.shown);
        move || {
            if shown {
                bar.set_draw_target(ProgressDrawTarget::stderr());
                bar.enable_steady_tick(Duration::from_millis(100));
            }
        }
    }

    /// Counts the records of one batch.
    fn add(&mut self, records: &[&Record]) {
        self.records += records.len() as u64;
        let Some(sizes) = &self.sizes else {
            self.bar.inc(records.len() as u64);
            return;
        };
        for r in records {
            if self.current.as_ref().is_none_or(|(s, ..)| *s != r.source) {
                if let Some((_, size, _)) = self.current.take() {
                    self.finished += size;
                }
                let size = sizes.get(&*r.source).copied().unwrap_or(0);
                self.current = Some((r.source.clone(), size, 0));
            }
            if let Some((_, size, done)) = &mut self.current {
                // A record's payload and its line end; never past its file's end.
                *done = (*done + crate::check::body_len(r) as u64 + 1).min(*size);
            }
        }
        let within = self.current.as_ref().map_or(0, |(_, _, done)| *done);
        self.bar.set_position(self.finished + within);
        let noun = if self.records == 1 {
            "record"
        } else {
            "records"
        };
        self.bar.set_message(format!("{} {noun}", self.records));
    }
}

/// The size of each path, when every one is a regular file (else `None`: no total is known).
fn sizes(paths: &[String]) -> Option<HashMap<String, u64>> {
    if paths.is_empty() {
        return None;
    }
    paths
        .iter()
        .map(|p| match std::fs::metadata(p) {
            Ok(m) if m.is_file() && p != "-" => Some((p.clone(), m.len())),
            _ => None,
        })
        .collect()
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
    let mut progress = Progress::new(args);
    let delay = Progress::delay();
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
        // Drawing starts after the delay, unless the run is over by then (the sender is
        // dropped when this closure returns, however it returns).
        let (started, wait) = std::sync::mpsc::channel::<()>();
        let show = progress.shower();
        scope.spawn(move || {
            if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = wait.recv_timeout(delay) {
                show();
            }
        });
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
        // Writes one batch's results in input order, the bar out of the way so that no line
        // lands inside one.
        let mut write = |items: Vec<Item>, results: Vec<R>| -> io::Result<()> {
            let mut results = results.into_iter();
            let mut records: Vec<&Record> = Vec::with_capacity(items.len());
            progress.bar.suspend(|| -> io::Result<()> {
                for item in &items {
                    match item {
                        Item::Record(record) => {
                            records.push(record);
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
            records_seen += records.len() as u64;
            progress.add(&records);
            Ok(())
        };
        // One checking thread for the whole run hands each batch with its results to this
        // one, which writes it while the next batch is checked. (A thread per batch cost each
        // batch a fresh allocator heap, its pages faulted in and zeroed again.)
        let (done_tx, done_rx) = std::sync::mpsc::sync_channel::<(Vec<Item>, Vec<R>)>(1);
        let process = &process;
        let pool = &pool;
        scope.spawn(move || {
            for items in rx {
                let records: Vec<&Record> = items
                    .iter()
                    .filter_map(|i| match i {
                        Item::Record(r) => Some(r),
                        Item::Error(_) => None,
                    })
                    .collect();
                let results =
                    pool.install(|| records.par_iter().map(|r| process(r)).collect::<Vec<R>>());
                drop(records);
                if done_tx.send((items, results)).is_err() {
                    return;
                }
            }
        });
        for (items, results) in done_rx {
            write(items, results)?;
        }
        drop(started);
        progress.bar.finish_and_clear();
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
