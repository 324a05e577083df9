//! Reading records: files, directories and standard input; single JSON documents, NDJSON
//! streams and HAR captures. Reading streams: an NDJSON input is read a line at a time.

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::sync::Arc;

use metaaccess_account::{ApiVersion, DocumentKind};
use metaaccess_account_validate::secrets::Secrets;

mod har;
mod json;
mod ndjson;
mod walk;

pub use har::url_path;
pub use walk::EXTENSIONS;

/// How an input is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum InputFormat {
    /// By file extension, else by looking at the content.
    Auto,
    /// One JSON document per file (a HAR-shaped one is read as HAR).
    Json,
    /// One JSON document per line (JSON Lines); blank lines are skipped.
    Ndjson,
    /// A HAR 1.2 capture: the entries that call an Account Details endpoint.
    Har,
}

/// Where a record is inside its source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Locator {
    /// The whole file.
    Document,
    /// A line of an NDJSON input (1-based).
    Line(u64),
    /// An entry of a HAR capture (0-based, as in `/log/entries/N`).
    Entry(usize, DocumentKind),
}

impl fmt::Display for Locator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Document => f.write_str("document"),
            Self::Line(n) => write!(f, "line {n}"),
            Self::Entry(i, kind) => write!(f, "entry {i} {}", kind.as_str()),
        }
    }
}

/// The bytes of one document: its own, or its part of a block that a stream was read in (the
/// lines of an NDJSON stream share one allocation per block instead of one each). `Debug`
/// gives its length only: the bytes may hold secrets.
#[derive(Clone, Default)]
pub struct Payload {
    block: Arc<Block>,
    range: std::ops::Range<usize>,
}

impl Payload {
    /// The bytes at `range` of a shared block.
    pub(crate) fn part(block: &Arc<Block>, range: std::ops::Range<usize>) -> Self {
        Self {
            block: block.clone(),
            range,
        }
    }
}

impl fmt::Debug for Payload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Payload({} bytes)", self.range.len())
    }
}

impl std::ops::Deref for Payload {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        self.block.bytes.get(self.range.clone()).unwrap_or_default()
    }
}

impl From<Vec<u8>> for Payload {
    fn from(bytes: Vec<u8>) -> Self {
        let range = 0..bytes.len();
        Self {
            block: Arc::new(Block { bytes, pool: None }),
            range,
        }
    }
}

/// Bytes read from a stream, shared by the records in them. When the last record is dropped,
/// the buffer goes back to its reader's [`Pool`]: memory the process already has is reused,
/// not returned to the system and faulted in, zeroed, again.
#[derive(Debug, Default)]
pub(crate) struct Block {
    pub(crate) bytes: Vec<u8>,
    pool: Option<Pool>,
}

impl Block {
    pub(crate) fn new(bytes: Vec<u8>, pool: &Pool) -> Self {
        Self {
            bytes,
            pool: Some(pool.clone()),
        }
    }
}

impl Drop for Block {
    fn drop(&mut self) {
        if let Some(pool) = &self.pool {
            pool.put(std::mem::take(&mut self.bytes));
        }
    }
}

/// Buffers to read blocks into, kept for reuse (a bounded number of them).
#[derive(Clone, Debug, Default)]
pub(crate) struct Pool(Arc<std::sync::Mutex<Vec<Vec<u8>>>>);

impl Pool {
    /// Buffers kept at most, and the largest kept (a block grown for one long line is not
    /// kept). The pool only holds blocks that were in flight at once, so the bound only has to
    /// cover the most the CLI keeps in flight: six batches of up to 8 MiB in 64 KiB blocks, 768.
    const KEPT: usize = 1024;
    const KEPT_CAPACITY: usize = 128 * 1024;

    /// An empty buffer with room for `capacity` bytes.
    pub(crate) fn take(&self, capacity: usize) -> Vec<u8> {
        let reused = self.0.lock().ok().and_then(|mut kept| kept.pop());
        let mut buffer = reused.unwrap_or_default();
        buffer.clear();
        buffer.reserve(capacity);
        buffer
    }

    fn put(&self, buffer: Vec<u8>) {
        if let Ok(mut kept) = self.0.lock() {
            if kept.len() < Self::KEPT && buffer.capacity() <= Self::KEPT_CAPACITY {
                kept.push(buffer);
            }
        }
    }
}

/// The payload of a record.
#[derive(Clone, Debug)]
pub enum Body {
    /// The raw bytes of one JSON document.
    Json(Payload),
    /// Not a document to check (a HAR entry with a non-2xx status, or no captured body).
    Skipped(String),
    /// Unreadable before parsing even starts (too large, bad base64 ...).
    Broken(String),
}

/// One record to check.
#[derive(Clone, Debug)]
pub struct Record {
    /// The file path, or `-` for standard input.
    pub source: Arc<str>,
    /// Where in the source.
    pub locator: Locator,
    /// Response or request body.
    pub kind: DocumentKind,
    /// The version the capture says (from a HAR request URL).
    pub hint: Option<ApiVersion>,
    /// The payload.
    pub body: Body,
    /// Secrets seen around the record (HAR URL, headers, cookies, request body).
    pub secrets: Arc<Secrets>,
}

/// A path that could not be read.
#[derive(Debug)]
pub struct InputError {
    /// The path.
    pub source: String,
    /// Why.
    pub message: String,
}

/// What the reader produces, in input order.
pub enum Item {
    /// A record.
    Record(Record),
    /// An unreadable path.
    Error(InputError),
}

/// Reading limits.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Largest single JSON document or NDJSON line, in bytes.
    pub max_record_bytes: u64,
    /// Largest HAR file, in bytes (a HAR is parsed whole).
    pub max_har_bytes: u64,
}

impl Limits {
    /// The default largest record: 16 MiB (the command-line tool's `--max-record-bytes`).
    pub const DEFAULT_MAX_RECORD_BYTES: u64 = 16 * 1024 * 1024;
    /// The default largest HAR file: 512 MiB (`--max-har-bytes`).
    pub const DEFAULT_MAX_HAR_BYTES: u64 = 512 * 1024 * 1024;
}

impl Default for Limits {
    /// 16 MiB records, 512 MiB HAR files: the command-line tool's defaults.
    fn default() -> Self {
        Self {
            max_record_bytes: Self::DEFAULT_MAX_RECORD_BYTES,
            max_har_bytes: Self::DEFAULT_MAX_HAR_BYTES,
        }
    }
}

/// Where records go; `deliver` returns `false` once the consumer wants no more.
pub struct Sink<'a> {
    deliver: &'a mut dyn FnMut(Item) -> bool,
    stopped: bool,
}

impl<'a> Sink<'a> {
    /// A sink over a callback.
    pub fn new(deliver: &'a mut dyn FnMut(Item) -> bool) -> Self {
        Self {
            deliver,
            stopped: false,
        }
    }

    pub(crate) fn push(&mut self, item: Item) {
        if !self.stopped {
            self.stopped = !(self.deliver)(item);
        }
    }
}

/// The paths a command reads: those given, or standard input (`-`) when none is.
pub fn or_stdin(paths: &[String]) -> impl Iterator<Item = &str> {
    let stdin = paths.is_empty().then_some("-");
    paths.iter().map(String::as_str).chain(stdin)
}

/// Reads every path in order and hands each record to `sink`, until it wants no more. A path
/// that cannot be read (also one met in a directory walk) is an [`Item::Error`], and reading
/// goes on.
pub fn read(paths: &[String], format: InputFormat, limits: Limits, sink: &mut Sink<'_>) {
    for arg in or_stdin(paths) {
        if sink.stopped {
            return;
        }
        if arg == "-" {
            let stdin = io::stdin();
            read_stream(Arc::from("-"), stdin.lock(), format, limits, sink);
            continue;
        }
        let path = Path::new(arg);
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => {
                let mut found = Vec::new();
                walk::walk(path, &mut found);
                if found.is_empty() {
                    // Nothing to check is not success: the user named the wrong folder, or
                    // the files have other extensions.
                    sink.push(Item::Error(InputError {
                        source: arg.to_owned(),
                        message: format!(
                            "a directory with no file to read (searched for .{} files)",
                            walk::EXTENSIONS.join(", .")
                        ),
                    }));
                    continue;
                }
                for file in found {
                    if sink.stopped {
                        return;
                    }
                    match file {
                        Ok(file) => read_file(&file, format, limits, sink),
                        Err((file, e)) => sink.push(Item::Error(InputError {
                            source: file.display().to_string(),
                            message: e.to_string(),
                        })),
                    }
                }
            }
            Ok(_) => read_file(path, format, limits, sink),
            Err(e) => sink.push(Item::Error(InputError {
                source: arg.to_owned(),
                message: e.to_string(),
            })),
        }
    }
}

/// How long opening a FIFO may wait for a writer.
const FIFO_OPEN_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// Opens a path to read: a regular file; a FIFO only if a writer comes within
/// [`FIFO_OPEN_TIMEOUT`]; devices and sockets are refused (they may never end; feed them
/// through standard input, where the size limits apply, if that is what you mean).
fn open(path: &Path) -> io::Result<File> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = std::fs::metadata(path)?.file_type();
        let refused = if kind.is_char_device() {
            Some("a character device")
        } else if kind.is_block_device() {
            Some("a block device")
        } else if kind.is_socket() {
            Some("a socket")
        } else {
            None
        };
        if let Some(what) = refused {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("not a regular file but {what}; refused (it may never end)"),
            ));
        }
        if kind.is_fifo() {
            let (tx, rx) = std::sync::mpsc::channel();
            let owned = path.to_owned();
            // Opening a FIFO blocks until a writer opens it; this thread is left behind if
            // none ever does.
            std::thread::spawn(move || {
                let _ = tx.send(File::open(owned));
            });
            return rx.recv_timeout(FIFO_OPEN_TIMEOUT).unwrap_or_else(|_| {
                Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    format!(
                        "a FIFO that no writer opened within {} s",
                        FIFO_OPEN_TIMEOUT.as_secs()
                    ),
                ))
            });
        }
    }
    File::open(path)
}

/// Reads records from any reader, as `read` does for a file of that name: with
/// [`InputFormat::Auto`], the name's extension decides first ([`format_for`]), then the
/// content. Every door that has bytes and a name (the Python package, embedders, fuzzing)
/// reads them as the command-line tool reads the file.
pub fn read_reader(
    source: &str,
    input: impl Read,
    format: InputFormat,
    limits: Limits,
    sink: &mut Sink<'_>,
) {
    let format = format_for(Path::new(source), format);
    read_stream(Arc::from(source), input, format, limits, sink);
}

/// How a file of this name is read: a given format as it is; with [`InputFormat::Auto`],
/// `.json`, `.ndjson`/`.jsonl` and `.har` (any case) decide, and other names stay `Auto`
/// (decided by the content).
///
/// ```
/// use std::path::Path;
/// use metaaccess_account_capture::input::{format_for, InputFormat};
/// assert_eq!(format_for(Path::new("a.JSONL"), InputFormat::Auto), InputFormat::Ndjson);
/// assert_eq!(format_for(Path::new("-"), InputFormat::Auto), InputFormat::Auto);
/// assert_eq!(format_for(Path::new("a.har"), InputFormat::Json), InputFormat::Json);
/// ```
pub fn format_for(path: &Path, format: InputFormat) -> InputFormat {
    match format {
        InputFormat::Auto => match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("json") => InputFormat::Json,
            Some("ndjson" | "jsonl") => InputFormat::Ndjson,
            Some("har") => InputFormat::Har,
            _ => InputFormat::Auto,
        },
        forced => forced,
    }
}

fn read_file(path: &Path, format: InputFormat, limits: Limits, sink: &mut Sink<'_>) {
    let source: Arc<str> = Arc::from(path.display().to_string());
    let file = match open(path) {
        Ok(f) => f,
        Err(e) => {
            return sink.push(Item::Error(InputError {
                source: source.to_string(),
                message: e.to_string(),
            }))
        }
    };
    read_stream(source, file, format_for(path, format), limits, sink);
}

fn read_stream(
    source: Arc<str>,
    input: impl Read,
    format: InputFormat,
    limits: Limits,
    sink: &mut Sink<'_>,
) {
    let mut reader = BufReader::with_capacity(64 * 1024, input);
    let start = match reader.fill_buf() {
        Ok(bytes) => bytes,
        Err(e) => return io_error(&source, &e, sink),
    };
    if let Some(why) = wrong_encoding(start, format) {
        return sink.push(Item::Record(record(
            &source,
            Locator::Document,
            Body::Broken(why),
        )));
    }
    let (format, prefix) = match format {
        InputFormat::Auto => match json::sniff(&mut reader, limits) {
            Ok(sniffed) => sniffed,
            Err(e) => return io_error(&source, &e, sink),
        },
        f => (f, Vec::new()),
    };
    let mut reader = BufReader::with_capacity(64 * 1024, io::Cursor::new(prefix).chain(reader));
    match format {
        InputFormat::Ndjson => ndjson::read_ndjson(&source, &mut reader, limits, sink),
        InputFormat::Json => json::read_document(&source, reader, limits, false, sink),
        InputFormat::Har | InputFormat::Auto => {
            json::read_document(&source, reader, limits, true, sink)
        }
    }
}

/// Why an input cannot be read as UTF-8 JSON from its first bytes: UTF-16 or UTF-32 (with a
/// byte order mark, or without one: JSON text starts with an ASCII character, so NULs next to
/// one that can begin JSON give them away); or, for a HAR capture, a UTF-8 byte order mark (a
/// single document or NDJSON line with one is a record that says so, see
/// `metaaccess_account_validate::json`). Such an input is one record saying what it is; the
/// rest of it is not read (it would be records of garbage).
fn wrong_encoding(start: &[u8], format: InputFormat) -> Option<String> {
    let encoding = match start {
        [0, 0, 0xFE, 0xFF, ..] => "UTF-32 (big-endian, with a byte order mark)",
        [0xFF, 0xFE, 0, 0, ..] => "UTF-32 (little-endian, with a byte order mark)",
        [0xFE, 0xFF, ..] => "UTF-16 (big-endian, with a byte order mark)",
        [0xFF, 0xFE, ..] => "UTF-16 (little-endian, with a byte order mark)",
        [0, 0, 0, b, ..] if starts_json(*b) => "UTF-32 (big-endian)",
        [b, 0, 0, 0, ..] if starts_json(*b) => "UTF-32 (little-endian)",
        [0, b, ..] if starts_json(*b) => "UTF-16 (big-endian)",
        [b, 0, ..] if starts_json(*b) => "UTF-16 (little-endian)",
        [0xEF, 0xBB, 0xBF, ..] if format == InputFormat::Har => {
            return Some("the HAR capture starts with a UTF-8 byte order mark (EF BB BF), which JSON forbids (some parsers skip it, others fail); remove it to read the capture".into())
        }
        _ => return None,
    };
    let family = &encoding[..6];
    Some(format!(
        "the input is {encoding}, not UTF-8: JSON must be UTF-8; convert it first (for example iconv -f {family} -t UTF-8); nothing of it was read"
    ))
}

/// Whether a byte can begin a JSON text (whitespace, or the first byte of a value).
fn starts_json(b: u8) -> bool {
    matches!(
        b,
        b'{' | b'[' | b'"' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n' | b' ' | b'\t' | b'\r' | b'\n'
    )
}

pub(crate) fn io_error(source: &str, e: &io::Error, sink: &mut Sink<'_>) {
    sink.push(Item::Error(InputError {
        source: source.to_owned(),
        message: e.to_string(),
    }));
}

pub(crate) fn record(source: &Arc<str>, locator: Locator, body: Body) -> Record {
    Record {
        source: source.clone(),
        locator,
        kind: DocumentKind::Response,
        hint: None,
        body,
        secrets: no_secrets(),
    }
}

/// The empty secret list, shared: most records have nothing around them.
fn no_secrets() -> Arc<Secrets> {
    static NONE: std::sync::OnceLock<Arc<Secrets>> = std::sync::OnceLock::new();
    NONE.get_or_init(Arc::default).clone()
}
