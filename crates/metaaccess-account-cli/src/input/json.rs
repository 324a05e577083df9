//! Single JSON documents (a HAR-shaped one is read as HAR), and sniffing the layout.

use std::io::{self, BufRead, Read};
use std::sync::Arc;

use serde_json::Value;

use super::{har, io_error, record, Body, InputFormat, Item, Limits, Locator, Sink};

/// How far sniffing reads before deciding.
const SNIFF_LIMIT: u64 = 1024 * 1024;

/// Decides between NDJSON and one document by the first non-blank line: a line that is a whole
/// JSON value (and not a HAR) means NDJSON. Returns what it read, to be read again.
pub(super) fn sniff(reader: &mut impl BufRead) -> io::Result<(InputFormat, Vec<u8>)> {
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

pub(super) fn read_document(
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
        return har::read_har(source, har, sink);
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
