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
