//! Single JSON documents (a HAR-shaped one is read as HAR), and sniffing the layout.

use std::io::{self, BufRead, Read};
use std::sync::Arc;

use serde::de::{self, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;

use super::{har, io_error, record, Body, InputFormat, Item, Limits, Locator, Sink};

/// How far sniffing reads the first line before deciding.
const SNIFF_LIMIT: u64 = 1024 * 1024;

/// Decides between NDJSON, one document and a HAR by looking at the start of an input whose
/// name does not say. Returns what it read, to be read again.
///
/// - nothing but blanks: NDJSON (zero records);
/// - a first line that is a whole JSON value: NDJSON (a HAR if it is an object with `log`);
/// - a first line that is broken on its own (a syntax error, not merely unfinished): NDJSON,
///   each line judged on its own;
/// - a first line that is only the start of something (`{`, `{"a": 1,`): up to
///   `--max-record-bytes` more is read; if it is one document, a document; otherwise, if
///   another line is a JSON object on its own, NDJSON; else one (broken) document.
pub(super) fn sniff(
    reader: &mut impl BufRead,
    limits: Limits,
) -> io::Result<(InputFormat, Vec<u8>)> {
    let mut prefix = Vec::new();
    let first_start = loop {
        let start = prefix.len();
        let n = reader
            .by_ref()
            .take(SNIFF_LIMIT)
            .read_until(b'\n', &mut prefix)?;
        if n == 0 {
            return Ok((InputFormat::Ndjson, prefix)); // empty, or only blank lines: no record
        }
        if !prefix[start..].iter().all(u8::is_ascii_whitespace) {
            break start;
        }
    };
    let line = &prefix[first_start..];
    if har::looks_like_har(line) {
        return Ok((InputFormat::Har, prefix));
    }
    if !line.ends_with(b"\n") {
        // One line to the end (a single document), or a line too long to judge.
        let format = if line.len() as u64 >= SNIFF_LIMIT {
            InputFormat::Ndjson
        } else {
            InputFormat::Json
        };
        return Ok((format, prefix));
    }
    let eof = match serde_json::from_slice::<Value>(line) {
        Ok(v) if v.get("log").is_some() => return Ok((InputFormat::Har, prefix)),
        Ok(_) => return Ok((InputFormat::Ndjson, prefix)),
        Err(e) => e.is_eof(),
    };
    if !eof {
        return Ok((InputFormat::Ndjson, prefix));
    }
    // Only the start of something: a document over several lines, or a truncated line.
    let room = limits.max_record_bytes.saturating_sub(prefix.len() as u64);
    reader
        .by_ref()
        .take(room.saturating_add(1))
        .read_to_end(&mut prefix)?;
    let rest = &prefix[first_start..];
    if har::looks_like_har(rest) {
        return Ok((InputFormat::Har, prefix));
    }
    let whole = prefix.len() as u64 <= limits.max_record_bytes;
    if whole && serde_json::from_slice::<IgnoredAny>(rest).is_ok() {
        return Ok((InputFormat::Json, prefix));
    }
    let mut lines = rest.split(|b| *b == b'\n').skip(1);
    let other_record = lines.any(|l| {
        let l = l.trim_ascii();
        l.starts_with(b"{") && serde_json::from_slice::<Value>(l).is_ok_and(|v| v.is_object())
    });
    let format = if other_record {
        InputFormat::Ndjson
    } else {
        InputFormat::Json
    };
    Ok((format, prefix))
}

/// Whether a JSON text is an object with a `log` member (without building it).
fn has_log_member(bytes: &[u8]) -> bool {
    struct HasLog;
    impl<'de> Visitor<'de> for HasLog {
        type Value = bool;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
            let mut found = false;
            while let Some(k) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                found |= k == "log";
                map.next_value::<IgnoredAny>()?;
            }
            Ok(found)
        }
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    de::Deserializer::deserialize_map(&mut de, HasLog).unwrap_or(false)
}

/// One JSON document, or a HAR. At most `--max-record-bytes` is held for a document; a HAR
/// (known by `--input-format har`, the `.har` extension or its first key `log`) is read as a
/// stream bounded by `--max-har-bytes`. Over the limit, reading that input stops.
pub(super) fn read_document(
    source: &Arc<str>,
    reader: impl BufRead,
    limits: Limits,
    har_expected: bool,
    sink: &mut Sink<'_>,
) {
    if har_expected {
        return har::read_har(source, reader, limits, sink);
    }
    let mut reader = reader;
    let mut bytes = Vec::new();
    if let Err(e) = reader
        .by_ref()
        .take(limits.max_record_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
    {
        return io_error(source, &e, sink);
    }
    let over = bytes.len() as u64 > limits.max_record_bytes;
    if har::looks_like_har(&bytes) || (!over && has_log_member(&bytes)) {
        let again = io::Cursor::new(bytes).chain(reader);
        return har::read_har(source, again, limits, sink);
    }
    if over {
        let body = Body::Broken(format!(
            "the document is larger than the limit of {} bytes (--max-record-bytes; a HAR capture is bounded by --max-har-bytes); the rest of this input was not read",
            limits.max_record_bytes
        ));
        return sink.push(Item::Record(record(source, Locator::Document, body)));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        let body = Body::Broken("empty input: no JSON document".into());
        return sink.push(Item::Record(record(source, Locator::Document, body)));
    }
    sink.push(Item::Record(record(
        source,
        Locator::Document,
        Body::Json(bytes.into()),
    )));
}
