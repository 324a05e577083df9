//! NDJSON / JSON Lines: one record per line, read as a stream in blocks. The lines of a block
//! share its one allocation ([`Payload`]), so a line is neither copied nor allocated alone.

use std::io::{self, BufRead};
use std::sync::Arc;

use super::{io_error, record, Block, Body, Item, Limits, Locator, Payload, Pool, Sink};

/// Bytes read before the complete lines so far are handed on (a longer line makes its block
/// longer, up to `--max-record-bytes`).
const BLOCK: usize = 64 * 1024;

pub(super) fn read_ndjson(
    source: &Arc<str>,
    reader: &mut impl BufRead,
    limits: Limits,
    sink: &mut Sink<'_>,
) {
    read_blocks(source, reader, limits, BLOCK, sink);
}

/// [`read_ndjson`] with blocks of `block_size` bytes (small ones in tests, to cross many
/// block boundaries).
fn read_blocks(
    source: &Arc<str>,
    reader: &mut impl BufRead,
    limits: Limits,
    block_size: usize,
    sink: &mut Sink<'_>,
) {
    let max = usize::try_from(limits.max_record_bytes).unwrap_or(usize::MAX);
    let mut lines = Lines {
        source,
        limits,
        max,
        line_no: 0,
    };
    let pool = Pool::default();
    let mut block = pool.take(block_size);
    while !sink.stopped {
        let (eof, error) = match fill(reader, &mut block, block_size, max) {
            Ok(eof) => (eof, None),
            Err(e) => (false, Some(e)),
        };
        // Hand on every complete line (at the end, the last one too); keep the unfinished one
        // for the next block.
        let cut = match memchr::memrchr(b'\n', &block) {
            _ if eof => block.len(),
            Some(i) => i + 1,
            None => 0,
        };
        let mut rest = pool.take(block_size.max(block.len() - cut));
        rest.extend_from_slice(block.get(cut..).unwrap_or_default());
        block.truncate(cut);
        if !block.is_empty() {
            lines.push_block(
                Arc::new(Block::new(std::mem::take(&mut block), &pool)),
                sink,
            );
        }
        block = rest;
        if let Some(e) = error {
            return io_error(source, &e, sink);
        }
        if eof || sink.stopped {
            return;
        }
        if cut == 0 {
            // No line break in more than `max` bytes: this line is too long. Skip the rest of
            // it without keeping it, but not forever (a stream without line breaks never ends).
            let read_past = (block.len() - max.min(block.len())) as u64;
            let budget = limits.max_har_bytes.saturating_sub(read_past);
            let ended = match skip_line(reader, budget) {
                Ok(ended) => ended,
                Err(e) => return io_error(source, &e, sink),
            };
            lines.line_no += 1;
            lines.push(
                lines.too_long((!ended).then_some(limits.max_har_bytes)),
                sink,
            );
            if !ended {
                return;
            }
            block.clear();
        }
    }
}

/// Reads into `block` until it holds at least `block_size` bytes and a line break, or a line
/// of more than `max` bytes without one, or the input ends (then `true`).
fn fill(
    reader: &mut impl BufRead,
    block: &mut Vec<u8>,
    block_size: usize,
    max: usize,
) -> io::Result<bool> {
    let mut searched = 0;
    loop {
        let has_break = memchr::memchr(b'\n', &block[searched..]).is_some();
        if has_break && block.len() >= block_size {
            return Ok(false);
        }
        if !has_break {
            if block.len() > max {
                return Ok(false);
            }
            searched = block.len();
        }
        let data = match reader.fill_buf() {
            Ok(data) => data,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if data.is_empty() {
            return Ok(true);
        }
        // Fill the room there is (the block stays its size, and its buffer can be reused);
        // only a line longer than the block makes it grow.
        let room = block.capacity() - block.len();
        let n = if room > 0 {
            data.len().min(room)
        } else {
            data.len()
        };
        block.extend_from_slice(data.get(..n).unwrap_or(data));
        reader.consume(n);
    }
}

/// Numbers lines and makes records of them.
struct Lines<'a> {
    source: &'a Arc<str>,
    limits: Limits,
    /// `limits.max_record_bytes`, as a length.
    max: usize,
    line_no: u64,
}

impl Lines<'_> {
    /// Every line of a block that ends at a line break or at the end of the input.
    fn push_block(&mut self, block: Arc<Block>, sink: &mut Sink<'_>) {
        let mut start = 0;
        let bytes = &block.bytes;
        let ends = memchr::memchr_iter(b'\n', bytes).chain(
            // A last line without a line break.
            (bytes.last() != Some(&b'\n')).then_some(bytes.len()),
        );
        for end in ends {
            if sink.stopped {
                return;
            }
            self.line_no += 1;
            let line = start..end;
            start = end + 1;
            let text = bytes.get(line.clone()).unwrap_or_default();
            if text.len() > self.max {
                self.push(self.too_long(None), sink);
                continue;
            }
            if text.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let trailing = text.iter().rev().take_while(|b| **b == b'\r').count();
            let body = Body::Json(Payload::part(&block, line.start..line.end - trailing));
            self.push(body, sink);
        }
    }

    /// The record of the current line.
    fn push(&self, body: Body, sink: &mut Sink<'_>) {
        sink.push(Item::Record(record(
            self.source,
            Locator::Line(self.line_no),
            body,
        )));
    }

    /// Why a line over the limit was not read; `gave_up_after`: the skipping budget, when no
    /// line break came after it.
    fn too_long(&self, gave_up_after: Option<u64>) -> Body {
        let max = self.limits.max_record_bytes;
        Body::Broken(match gave_up_after {
            None => format!("record is larger than the limit of {max} bytes (--max-record-bytes)"),
            Some(budget) => format!(
                "record is larger than the limit of {max} bytes (--max-record-bytes), and no line break came within --max-har-bytes ({budget} bytes) after it: the rest of this input was not read"
            ),
        })
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

    use std::io::BufReader;
    use std::sync::Arc;

    use proptest::prelude::*;

    use super::read_blocks;
    use crate::input::{Body, Item, Limits, Locator, Sink};

    /// What a reader made of a stream: (line, the document's bytes or `None` if refused).
    fn records(input: &[u8], block: usize, chunk: usize, max: u64) -> Vec<(u64, Option<Vec<u8>>)> {
        let limits = Limits {
            max_record_bytes: max,
            max_har_bytes: u64::MAX,
        };
        let mut got = Vec::new();
        let mut deliver = |item: Item| {
            if let Item::Record(r) = item {
                let Locator::Line(n) = r.locator else {
                    panic!("not a line")
                };
                let document = match r.body {
                    Body::Json(b) => Some(b.to_vec()),
                    _ => None,
                };
                got.push((n, document));
            }
            true
        };
        let mut reader = BufReader::with_capacity(chunk, input);
        let source: Arc<str> = Arc::from("-");
        read_blocks(
            &source,
            &mut reader,
            limits,
            block,
            &mut Sink::new(&mut deliver),
        );
        got
    }

    /// The rules, line by line: lines end at `\n` (a last one without it counts); blank lines
    /// are skipped; trailing `\r` is dropped; a line over the limit is refused.
    fn expected(input: &[u8], max: u64) -> Vec<(u64, Option<Vec<u8>>)> {
        let mut lines: Vec<&[u8]> = input.split(|b| *b == b'\n').collect();
        if lines.last().is_some_and(|l| l.is_empty()) {
            lines.pop();
        }
        let mut out = Vec::new();
        for (i, line) in lines.into_iter().enumerate() {
            let n = i as u64 + 1;
            if line.len() as u64 > max {
                out.push((n, None));
            } else if !line.iter().all(u8::is_ascii_whitespace) {
                let end = line.len() - line.iter().rev().take_while(|b| **b == b'\r').count();
                out.push((n, Some(line[..end].to_vec())));
            }
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

        /// However the stream is cut into blocks and reads, every line is accounted for, once,
        /// with its number and its bytes.
        #[test]
        fn blocks_give_the_lines_of_the_stream(
            input in proptest::collection::vec(prop_oneof![
                Just(b'a'), Just(b'{'), Just(b'}'), Just(b' '), Just(b'\r'), Just(b'\n'), Just(b'\n')
            ], 0..300),
            block in 1usize..40,
            chunk in 1usize..17,
            max in 1u64..30,
        ) {
            prop_assert_eq!(records(&input, block, chunk, max), expected(&input, max));
        }
    }
}
