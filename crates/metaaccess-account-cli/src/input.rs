//! Reading records: files, directories and standard input; single JSON documents, NDJSON
//! streams and HAR captures. Reading streams: an NDJSON input is read a line at a time.

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use base64::Engine as _;
use metaaccess_account::{ApiVersion, DocumentKind};
use serde_json::Value;

use crate::redact::{is_secret_name, Secrets};

/// How an input is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
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

/// The payload of a record.
#[derive(Clone, Debug)]
pub enum Body {
    /// The raw bytes of one JSON document.
    Json(Vec<u8>),
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

    fn push(&mut self, item: Item) {
        if !self.stopped {
            self.stopped = !(self.deliver)(item);
        }
    }
}

/// Reads every path in order and hands each record to `sink`, until it wants no more.
pub fn read(paths: &[String], format: InputFormat, limits: Limits, sink: &mut Sink<'_>) {
    let stdin_only = ["-".to_owned()];
    let paths = if paths.is_empty() {
        &stdin_only[..]
    } else {
        paths
    };
    for arg in paths {
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
                let mut files = Vec::new();
                if let Err(e) = walk(path, &mut files) {
                    sink.push(Item::Error(InputError {
                        source: arg.clone(),
                        message: e.to_string(),
                    }));
                }
                for file in files {
                    if sink.stopped {
                        return;
                    }
                    read_file(&file, format, limits, sink);
                }
            }
            Ok(_) => read_file(path, format, limits, sink),
            Err(e) => sink.push(Item::Error(InputError {
                source: arg.clone(),
                message: e.to_string(),
            })),
        }
    }
}

/// Reads records from any reader (what `read` does for one path); for embedding and fuzzing.
pub fn read_reader(
    source: &str,
    input: impl Read,
    format: InputFormat,
    limits: Limits,
    sink: &mut Sink<'_>,
) {
    read_stream(Arc::from(source), input, format, limits, sink);
}

const EXTENSIONS: [&str; 4] = ["json", "ndjson", "jsonl", "har"];

/// Files with a known extension below `dir`, sorted; symbolic links to directories are not
/// followed, so a link loop cannot trap the walk.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let file_type = entry.file_type()?;
        if file_type.is_dir() {
            walk(&path, out)?;
        } else if (file_type.is_file() || (file_type.is_symlink() && path.is_file()))
            && path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            out.push(path);
        }
    }
    Ok(())
}

fn read_file(path: &Path, format: InputFormat, limits: Limits, sink: &mut Sink<'_>) {
    let source: Arc<str> = Arc::from(path.display().to_string());
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => {
            return sink.push(Item::Error(InputError {
                source: source.to_string(),
                message: e.to_string(),
            }))
        }
    };
    let format = match format {
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
    };
    read_stream(source, file, format, limits, sink);
}

fn read_stream(
    source: Arc<str>,
    input: impl Read,
    format: InputFormat,
    limits: Limits,
    sink: &mut Sink<'_>,
) {
    let mut reader = BufReader::with_capacity(64 * 1024, input);
    let (format, prefix) = match format {
        InputFormat::Auto => match sniff(&mut reader) {
            Ok(sniffed) => sniffed,
            Err(e) => return io_error(&source, &e, sink),
        },
        f => (f, Vec::new()),
    };
    let mut reader = BufReader::with_capacity(64 * 1024, io::Cursor::new(prefix).chain(reader));
    match format {
        InputFormat::Ndjson => read_ndjson(&source, &mut reader, limits, sink),
        InputFormat::Json => read_document(&source, &mut reader, limits, false, sink),
        InputFormat::Har | InputFormat::Auto => {
            read_document(&source, &mut reader, limits, true, sink)
        }
    }
}

fn io_error(source: &str, e: &io::Error, sink: &mut Sink<'_>) {
    sink.push(Item::Error(InputError {
        source: source.to_owned(),
        message: e.to_string(),
    }));
}

/// How far sniffing reads before deciding.
const SNIFF_LIMIT: u64 = 1024 * 1024;

/// Decides between NDJSON and one document by the first non-blank line: a line that is a whole
/// JSON value (and not a HAR) means NDJSON. Returns what it read, to be read again.
fn sniff(reader: &mut impl BufRead) -> io::Result<(InputFormat, Vec<u8>)> {
    let mut prefix = Vec::new();
    loop {
        let start = prefix.len();
        let n = reader
            .by_ref()
            .take(SNIFF_LIMIT)
            .read_until(b'\n', &mut prefix)?;
        let line = &prefix[start..];
        if n == 0 {
            return Ok((InputFormat::Json, prefix)); // empty, or only blank lines
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        if !line.ends_with(b"\n") {
            // One line to the end (a single document), or a line too long to judge.
            let format = if n as u64 >= SNIFF_LIMIT {
                InputFormat::Ndjson
            } else {
                InputFormat::Json
            };
            return Ok((format, prefix));
        }
        let format = match serde_json::from_slice::<Value>(line) {
            Ok(v) if v.get("log").is_some() => InputFormat::Har,
            Ok(_) => InputFormat::Ndjson,
            Err(_) => InputFormat::Json,
        };
        return Ok((format, prefix));
    }
}

fn record(source: &Arc<str>, locator: Locator, body: Body) -> Record {
    Record {
        source: source.clone(),
        locator,
        kind: DocumentKind::Response,
        hint: None,
        body,
        secrets: Arc::default(),
    }
}

fn read_ndjson(source: &Arc<str>, reader: &mut impl BufRead, limits: Limits, sink: &mut Sink<'_>) {
    let mut line_no = 0u64;
    let mut buf = Vec::new();
    while !sink.stopped {
        buf.clear();
        line_no += 1;
        let read = reader
            .by_ref()
            .take(limits.max_record_bytes + 1)
            .read_until(b'\n', &mut buf);
        match read {
            Ok(0) => return,
            Ok(_) => {}
            Err(e) => return io_error(source, &e, sink),
        }
        let complete = buf.last() == Some(&b'\n');
        if !complete && buf.len() as u64 > limits.max_record_bytes {
            // Too long: skip the rest of the line without keeping it.
            if let Err(e) = skip_line(reader) {
                return io_error(source, &e, sink);
            }
            let body = Body::Broken(format!(
                "record is larger than the limit of {} bytes (--max-record-bytes)",
                limits.max_record_bytes
            ));
            sink.push(Item::Record(record(source, Locator::Line(line_no), body)));
            continue;
        }
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
            buf.pop();
        }
        let body = Body::Json(std::mem::take(&mut buf));
        sink.push(Item::Record(record(source, Locator::Line(line_no), body)));
    }
}

fn skip_line(reader: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        if let Some(i) = buf.iter().position(|b| *b == b'\n') {
            reader.consume(i + 1);
            return Ok(());
        }
        let n = buf.len();
        reader.consume(n);
    }
}

fn read_document(
    source: &Arc<str>,
    reader: &mut impl BufRead,
    limits: Limits,
    har_expected: bool,
    sink: &mut Sink<'_>,
) {
    let limit = if har_expected {
        limits.max_har_bytes
    } else {
        limits.max_record_bytes.max(limits.max_har_bytes)
    };
    let mut bytes = Vec::new();
    if let Err(e) = reader.by_ref().take(limit + 1).read_to_end(&mut bytes) {
        return io_error(source, &e, sink);
    }
    if bytes.len() as u64 > limit {
        let flag = if har_expected {
            "--max-har-bytes"
        } else {
            "--max-record-bytes / --max-har-bytes"
        };
        let body = Body::Broken(format!(
            "input is larger than the limit of {limit} bytes ({flag})"
        ));
        return sink.push(Item::Record(record(source, Locator::Document, body)));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        let body = Body::Broken("empty input: no JSON document".into());
        return sink.push(Item::Record(record(source, Locator::Document, body)));
    }
    // A HAR is recognised by its shape, whatever the file is called.
    let parsed: Option<Value> = serde_json::from_slice(&bytes).ok();
    if let Some(har) = parsed.as_ref().filter(|v| v.get("log").is_some()) {
        return read_har(source, har, sink);
    }
    if har_expected {
        let body =
            Body::Broken("not a HAR capture: expected a JSON object with log.entries".into());
        return sink.push(Item::Record(record(source, Locator::Document, body)));
    }
    if bytes.len() as u64 > limits.max_record_bytes {
        let body = Body::Broken(format!(
            "record is larger than the limit of {} bytes (--max-record-bytes)",
            limits.max_record_bytes
        ));
        return sink.push(Item::Record(record(source, Locator::Document, body)));
    }
    sink.push(Item::Record(record(
        source,
        Locator::Document,
        Body::Json(bytes),
    )));
}

fn read_har(source: &Arc<str>, har: &Value, sink: &mut Sink<'_>) {
    let Some(entries) = har.pointer("/log/entries").and_then(Value::as_array) else {
        let body = Body::Broken("not a HAR capture: log.entries is missing or not an array".into());
        return sink.push(Item::Record(record(source, Locator::Document, body)));
    };
    for (index, entry) in entries.iter().enumerate() {
        let url = entry
            .pointer("/request/url")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let Some(version) = metaaccess_account::version_of_path(url_path(url)) else {
            continue; // another endpoint
        };
        let secrets = Arc::new(entry_secrets(entry, url));
        let base = |kind, body| Record {
            source: source.clone(),
            locator: Locator::Entry(index, kind),
            kind,
            hint: Some(version),
            body,
            secrets: secrets.clone(),
        };
        if metaaccess_account::endpoint(version).has_request_body {
            if let Some(text) = entry
                .pointer("/request/postData/text")
                .and_then(Value::as_str)
            {
                sink.push(Item::Record(base(
                    DocumentKind::Request,
                    Body::Json(text.as_bytes().to_vec()),
                )));
            }
        }
        sink.push(Item::Record(base(
            DocumentKind::Response,
            response_body(entry),
        )));
    }
}

fn response_body(entry: &Value) -> Body {
    let status = entry
        .pointer("/response/status")
        .and_then(Value::as_i64)
        .unwrap_or(0);
    if !(200..300).contains(&status) {
        return Body::Skipped(if status == 0 {
            "no response was captured (status 0)".to_owned()
        } else {
            format!("HTTP status {status}: not an account object")
        });
    }
    let content = entry.pointer("/response/content");
    let Some(text) = content.and_then(|c| c.get("text")).and_then(Value::as_str) else {
        return Body::Skipped("the capture has no response body (content.text)".into());
    };
    let base64 = content
        .and_then(|c| c.get("encoding"))
        .and_then(Value::as_str)
        == Some("base64");
    if !base64 {
        return Body::Json(text.as_bytes().to_vec());
    }
    let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    match base64::engine::general_purpose::STANDARD.decode(compact) {
        Ok(bytes) => Body::Json(bytes),
        Err(e) => Body::Broken(format!("response content.text is not valid base64: {e}")),
    }
}

/// The path of a URL (`https://host/a/b?q#f` → `/a/b`).
pub fn url_path(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = if url.contains("://") {
        rest.find('/').map_or("", |i| &rest[i..])
    } else {
        rest
    };
    let end = rest.find(['?', '#']).unwrap_or(rest.len());
    &rest[..end]
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Every secret a HAR entry carries: query parameters, headers, cookies, request body.
fn entry_secrets(entry: &Value, url: &str) -> Secrets {
    let mut s = Secrets::default();
    if let Some((_, query)) = url.split_once('?') {
        let query = query.split('#').next().unwrap_or_default();
        for pair in query.split('&') {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            if is_secret_name(&percent_decode(name)) {
                s.add(value);
                s.add(&percent_decode(value));
            }
        }
    }
    let pairs = |p: &str| -> Vec<(String, String)> {
        entry
            .pointer(p)
            .and_then(Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .map(|h| {
                        let get = |k| {
                            h.get(k)
                                .and_then(Value::as_str)
                                .unwrap_or_default()
                                .to_owned()
                        };
                        (get("name"), get("value"))
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    for (name, value) in pairs("/request/queryString") {
        if is_secret_name(&name) {
            s.add(&value);
        }
    }
    for (name, value) in pairs("/request/headers")
        .into_iter()
        .chain(pairs("/response/headers"))
    {
        let lower = name.to_ascii_lowercase();
        if lower == "cookie" || lower == "set-cookie" {
            for cookie in value.split(';') {
                if let Some((_, v)) = cookie.split_once('=') {
                    s.add(v);
                }
            }
        } else if is_secret_name(&lower) || lower == "proxy-authorization" || lower == "x-api-key" {
            s.add(&value);
        }
    }
    for (_, value) in pairs("/request/cookies")
        .into_iter()
        .chain(pairs("/response/cookies"))
    {
        s.add(&value);
    }
    for (name, value) in pairs("/request/postData/params") {
        if is_secret_name(&name) {
            s.add(&value);
        }
    }
    if let Some(text) = entry
        .pointer("/request/postData/text")
        .and_then(Value::as_str)
    {
        if let Ok(body) = serde_json::from_str::<Value>(text) {
            s.collect_json(&body);
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_paths() {
        assert_eq!(
            url_path("https://gears.opswat.com/o/api/v3.1/account?access_token=x"),
            "/o/api/v3.1/account"
        );
        assert_eq!(url_path("/o/api/v2/account#frag"), "/o/api/v2/account");
        assert_eq!(url_path("https://host"), "");
        assert_eq!(percent_decode("a%2Fb+c%zz%"), "a/b c%zz%");
    }
}
