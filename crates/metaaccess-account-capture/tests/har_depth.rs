//! Hostile HAR captures: a value nested very deep (300 MB of `[`) where the reader skips it (a
//! member of the log, an unknown member of an entry, another endpoint's entry) or keeps it (the
//! response headers, the request's form parameters) (issue 22). serde_json skips a value with a
//! byte per level and no limit; the reader drops what opens deeper than 128 levels, so memory
//! stays bounded: a value that closes makes its entry an error (the next entries are read), one
//! that never closes makes the rest of the capture an error, the entries before it reported.
//! The brackets are generated while they are read (never in memory), and the peak resident
//! memory (Linux) shows the memory stays bounded.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

use std::io::{self, Read};
use std::sync::{Mutex, MutexGuard, PoisonError};

mod common;

use common::{good, peak, read, reset_peak, status, ACCOUNT, DOC};
use metaaccess_account_capture::input::Limits;

/// One test at a time: the peak memory is the process's.
fn alone() -> MutexGuard<'static, ()> {
    static ONE: Mutex<()> = Mutex::new(());
    ONE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// `before`, `open` bytes of `[`, `close` bytes of `]`, then `after`.
fn nested(before: &str, open: u64, close: u64, after: &str) -> impl Read {
    io::Cursor::new(before.to_owned())
        .chain(io::repeat(b'[').take(open))
        .chain(io::repeat(b']').take(close))
        .chain(io::Cursor::new(after.to_owned()))
}

/// Reads `input` and checks that the peak memory stays far below the 300 MB of brackets
/// (before: a byte per level, then the abort).
fn read_bounded(place: &str, input: impl Read, max_record_bytes: u64) -> Vec<(String, String)> {
    let measured = reset_peak();
    let start = status("VmRSS:");
    let got = read(input, max_record_bytes);
    if let (true, Some(start), Some(peak)) = (measured, start, peak()) {
        // What an earlier test freed may still be resident: counted from the start.
        let grew = peak.saturating_sub(start);
        assert!(grew < 32 << 20, "{place}: {grew} bytes more at the peak");
    }
    got
}

/// Records as [`read`] gives them.
type Records = Vec<(String, String)>;

fn json(index: usize) -> (String, String) {
    (format!("entry {index} response"), "json".to_owned())
}

/// Where a deep value stands, as the JSON before and after it, in a capture whose entry 0 is
/// good and whose entry 2 (if any) is good; then what a deep value that closes there gives.
fn places() -> Vec<(&'static str, String, String, Records)> {
    let good = good();
    let head = format!(r#"{{"log":{{"entries":[{good},"#);
    let deep = |index: usize, part: &str| {
        (
            format!("entry {index} response"),
            format!("HAR entry {index}: {part} nests deeper than the HAR reader's limit of 128 levels; the entry was not read"),
        )
    };
    let headers_over = (
        "entry 1 response".to_owned(),
        "HAR entry 1: response.headers is larger than the limit of 1000 bytes (--max-record-bytes); the entry was not read".to_owned(),
    );
    vec![
        (
            "a member of the log",
            format!(r#"{{"log":{{"entries":[{good}],"_deep":"#),
            "}}".to_owned(),
            vec![
                json(0),
                (
                    "document".to_owned(),
                    "the HAR capture: log._deep nests deeper than the HAR reader's limit of 128 levels; it was skipped".to_owned(),
                ),
            ],
        ),
        (
            "a member of the capture",
            format!(r#"{{"log":{{"entries":[{good}]}},"_deep":"#),
            "}".to_owned(),
            vec![
                json(0),
                (
                    "document".to_owned(),
                    "the HAR capture: _deep nests deeper than the HAR reader's limit of 128 levels; it was skipped".to_owned(),
                ),
            ],
        ),
        (
            "an entry's unknown member",
            format!(r#"{head}{{{ACCOUNT},"_deep":"#),
            format!(r#","response":{{"status":200,"content":{{"text":"{DOC}"}}}}}},{good}]}}}}"#),
            vec![json(0), deep(1, "_deep"), json(2)],
        ),
        (
            "a response's unknown member",
            format!(r#"{head}{{{ACCOUNT},"response":{{"status":200,"_x":{{"y":"#),
            format!(r#"}},"content":{{"text":"{DOC}"}}}}}},{good}]}}}}"#),
            vec![json(0), deep(1, "response._x"), json(2)],
        ),
        (
            "the entry",
            head.clone(),
            format!(",{good}]}}}}"),
            vec![json(0), deep(1, "the entry"), json(2)],
        ),
        (
            "another endpoint's entry",
            format!(r#"{head}{{"request":{{"url":"https://h/other"}},"response":"#),
            format!("}},{good}]}}}}"),
            vec![json(0), json(2)],
        ),
        (
            "the response headers (kept)",
            format!(r#"{head}{{{ACCOUNT},"response":{{"status":200,"headers":"#),
            format!(r#","content":{{"text":"{DOC}"}}}}}},{good}]}}}}"#),
            vec![json(0), headers_over, json(2)],
        ),
        (
            "the request's form parameters (kept)",
            format!(
                r#"{head}{{"request":{{"url":"https://h/o/api/v3.2/account","postData":{{"params":"#
            ),
            format!(r#"}}}},"response":{{"status":200,"content":{{"text":"{DOC}"}}}}}},{good}]}}}}"#),
            vec![
                json(0),
                (
                    "entry 1 response".to_owned(),
                    "HAR entry 1: request.postData.params is larger than the limit of 1000 bytes (--max-record-bytes); the entry was not read".to_owned(),
                ),
                json(2),
            ],
        ),
    ]
}

/// (a), (b): 300 MB of `[` that never closes, in each place: the capture ends with an error
/// naming the limit, the entry before it is reported, and the memory stays bounded.
#[test]
fn an_unclosed_deep_value_ends_the_capture_with_the_limit() {
    let _alone = alone();
    for (place, before, after, _) in places() {
        let got = read_bounded(place, nested(&before, 300_000_000, 0, &after), 1000);
        // Entry 0 was read; whatever follows is not.
        let message = "the HAR capture nests deeper than the HAR reader's limit of 128 levels and the value that does is not closed before the capture ends; entries from 1 on were not read".to_owned();
        assert_eq!(got, [json(0), ("document".to_owned(), message)], "{place}");
    }
}

/// (a), (b): 150 MB of `[` and as many `]`, in each place: the entry is an error naming the
/// limit (a kept part: its size limit), the entries before and after it are read, and the
/// memory stays bounded.
#[test]
fn a_deep_value_that_closes_is_named_and_the_next_entry_is_read() {
    let _alone = alone();
    for (place, before, after, want) in places() {
        let got = read_bounded(
            place,
            nested(&before, 150_000_000, 150_000_000, &after),
            1000,
        );
        assert_eq!(got, want, "{place}");
    }
}

/// A deep kept part at the default record limit (16 MiB): its copy holds the first 16 MiB of
/// brackets, and the rest is dropped as it is read.
#[test]
fn a_deep_kept_part_over_the_default_limit_is_bounded() {
    let _alone = alone();
    let good = good();
    let before =
        format!(r#"{{"log":{{"entries":[{{{ACCOUNT},"response":{{"status":200,"headers":"#);
    let after = format!(r#","content":{{"text":"{DOC}"}}}}}},{good}]}}}}"#);
    let measured = reset_peak();
    let got = read(
        nested(&before, 150_000_000, 150_000_000, &after),
        Limits::DEFAULT_MAX_RECORD_BYTES,
    );
    if let (true, Some(peak)) = (measured, peak()) {
        // A copy of 16 MiB and serde_json's byte per level of it (32 MiB as it grows).
        assert!(peak < 192 << 20, "a peak of {peak} bytes");
    }
    assert_eq!(
        got,
        [
            (
                "entry 0 response".to_owned(),
                format!("HAR entry 0: response.headers is larger than the limit of {} bytes (--max-record-bytes); the entry was not read", Limits::DEFAULT_MAX_RECORD_BYTES),
            ),
            json(1)
        ]
    );
}

/// A kept part nested deeper than 128 levels within its limit is read with the reader's depth
/// limit: a clean error for its entry, the next entry read.
#[test]
fn a_deep_kept_part_within_its_limit_is_a_clean_error() {
    let _alone = alone();
    let good = good();
    for part in ["headers", "cookies"] {
        let before =
            format!(r#"{{"log":{{"entries":[{{{ACCOUNT},"response":{{"status":200,"{part}":"#);
        let after = format!(r#","content":{{"text":"{DOC}"}}}}}},{good}]}}}}"#);
        let got = read(nested(&before, 500, 500, &after), 1000);
        assert_eq!(
            got,
            [
                (
                    "entry 0 response".to_owned(),
                    format!("malformed HAR entry 0: /response/{part}: a HAR entry nests deeper than 128 levels")
                ),
                json(1)
            ],
            "{part}"
        );
    }
}

/// (c) Modest nesting where the reader skips it reads as before, up to the limit.
#[test]
fn modest_nesting_reads_as_before() {
    let _alone = alone();
    let good = good();
    for depth in [20, 100, 127] {
        for (place, before, after, _) in places() {
            if place.contains("kept") {
                continue;
            }
            let got = read(nested(&before, depth, depth, &after), 1000);
            let want = if place.contains("member of") {
                vec![json(0)]
            } else if place == "the entry" {
                vec![
                    json(0),
                    (
                        "entry 1 response".to_owned(),
                        "malformed HAR entry 1: the entry is not an object".to_owned(),
                    ),
                    json(2),
                ]
            } else {
                vec![json(0), json(1), json(2)]
                    .into_iter()
                    .filter(|(l, _)| place != "another endpoint's entry" || l != "entry 1 response")
                    .collect()
            };
            assert_eq!(got, want, "{place} at depth {depth}");
        }
    }
    // Brackets in strings do not count.
    let input = format!(
        r#"{{"log":{{"_x":["{}"],"entries":[{good}]}}}}"#,
        "[".repeat(1000)
    );
    assert_eq!(read(input.as_bytes(), 2000), [json(0)]);
}
