//! NDJSON / JSON Lines: one record per line, read as a stream.

use std::io::{self, BufRead, Read};
use std::sync::Arc;

use super::{io_error, record, Body, Item, Limits, Locator, Sink};

pub(super) fn read_ndjson(
    source: &Arc<str>,
    reader: &mut impl BufRead,
    limits: Limits,
    sink: &mut Sink<'_>,
) {
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
            // Too long: skip the rest of the line without keeping it, but not forever (a
            // device or a stream without line breaks never ends).
            let ended = match skip_line(reader, limits.max_har_bytes) {
                Ok(ended) => ended,
                Err(e) => return io_error(source, &e, sink),
            };
            let body = Body::Broken(if ended {
                format!(
                    "record is larger than the limit of {} bytes (--max-record-bytes)",
                    limits.max_record_bytes
                )
            } else {
                format!(
                    "record is larger than the limit of {} bytes (--max-record-bytes), and no line break came within --max-har-bytes ({} bytes) after it: the rest of this input was not read",
                    limits.max_record_bytes, limits.max_har_bytes
                )
            });
            sink.push(Item::Record(record(source, Locator::Line(line_no), body)));
            if !ended {
                return;
            }
            continue;
        }
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let end = buf.len()
            - buf
                .iter()
                .rev()
                .take_while(|b| **b == b'\n' || **b == b'\r')
                .count();
        // A copy of the exact size; `buf` keeps its capacity for the next line.
        let body = Body::Json(buf[..end].to_vec());
        sink.push(Item::Record(record(source, Locator::Line(line_no), body)));
    }
}

/// Skips to the next line break, at most `budget` bytes; whether the line ended.
fn skip_line(reader: &mut impl BufRead, budget: u64) -> io::Result<bool> {
    let mut skipped = 0u64;
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(true);
        }
        if let Some(i) = buf.iter().position(|b| *b == b'\n') {
            reader.consume(i + 1);
            return Ok(true);
        }
        let n = buf.len();
        reader.consume(n);
        skipped += n as u64;
        if skipped > budget {
            return Ok(false);
        }
    }
}
