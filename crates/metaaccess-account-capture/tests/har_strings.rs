//! Hostile HAR captures: a huge JSON string where the reader expects an object (an entry, its
//! request, response, postData or content), a member's name, a header or the capture's log
//! (issue 22). The reader never holds more of such a string than `--max-record-bytes` and a
//! margin: the entry is an error that names the part and the flag, and the entries after it are
//! read. The strings are generated while they are read (never in memory), and the peak resident
//! memory (Linux) shows the memory stays bounded.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

use std::io::{self, Read};

mod common;

use common::{good, peak, read, reset_peak, ACCOUNT};

/// `pattern` repeated for `len` bytes, generated as it is read.
struct Cycle {
    pattern: &'static [u8],
    at: usize,
    left: u64,
}

impl Read for Cycle {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        for b in &mut buf[..n] {
            *b = self.pattern[self.at];
            self.at = (self.at + 1) % self.pattern.len();
        }
        self.left -= n as u64;
        Ok(n)
    }
}

/// `before`, a JSON string of `len` bytes of `a` (its quotes around it), then `after`.
fn with_string(before: &str, len: u64, after: &str) -> impl Read {
    io::Cursor::new(format!("{before}\""))
        .chain(io::repeat(b'a').take(len))
        .chain(io::Cursor::new(format!("\"{after}")))
}

/// Where a string stands, as the JSON before it and after it, in a capture whose next entry is
/// good.
fn places() -> Vec<(&'static str, String, String)> {
    let good = good();
    let head = r#"{"log":{"entries":["#;
    vec![
        ("entry", head.to_owned(), format!(",{good}]}}}}")),
        (
            "request",
            format!(r#"{head}{{"request":"#),
            format!(r#","response":{{"status":200}}}},{good}]}}}}"#),
        ),
        (
            "response",
            format!(r#"{head}{{{ACCOUNT},"response":"#),
            format!("}},{good}]}}}}"),
        ),
        (
            "content",
            format!(r#"{head}{{{ACCOUNT},"response":{{"status":200,"content":"#),
            format!("}}}},{good}]}}}}"),
        ),
        (
            "postData",
            format!(r#"{head}{{"request":{{"url":"https://h/o/api/v3.2/account","postData":"#),
            format!(r#"}},"response":{{"status":404}}}},{good}]}}}}"#),
        ),
    ]
}

/// (a) and (b): a 200 MB string where an object belongs is an error naming the part and the
/// flag, the next entry is read, and the memory stays far below the string's size.
#[test]
fn a_huge_string_where_an_object_belongs_is_named_with_the_flag() {
    let want = [
        ("entry", "entry 0 response", "HAR entry 0: the entry"),
        ("request", "entry 0 response", "HAR entry 0: request"),
        ("response", "entry 0 response", "HAR entry 0: response"),
        (
            "content",
            "entry 0 response",
            "HAR entry 0: response.content",
        ),
        (
            "postData",
            "entry 0 response",
            "HAR entry 0: request.postData",
        ),
    ];
    for ((place, before, after), (p, locator, part)) in places().into_iter().zip(want) {
        assert_eq!(place, p);
        let len = if place == "entry" {
            200_000_000
        } else {
            20_000_000
        };
        let measured = reset_peak();
        let got = read(with_string(&before, len, &after), 1000);
        if let (true, Some(peak)) = (measured, peak()) {
            // Far below the string (other tests run alongside): before, the whole string.
            assert!(peak < 96 << 20, "{place}: a peak of {peak} bytes");
        }
        let message = format!(
            "{part} is a string larger than the limit of 1000 bytes (--max-record-bytes) where an object belongs; the entry was not read"
        );
        assert_eq!(
            got,
            [
                (locator.to_owned(), message),
                ("entry 1 response".to_owned(), "json".to_owned())
            ],
            "{place}"
        );
    }
}

/// (c) A modest string in those places (within the limit) is what it was: the entry says what
/// is missing.
#[test]
fn a_modest_string_where_an_object_belongs_is_what_it_was() {
    let want = [
        "malformed HAR entry 0: the entry is not an object",
        "malformed HAR entry 0: request.url is missing",
        "skipped: no response was captured",
        "skipped: the capture has no response body (content.text)",
        "skipped: HTTP status 404: not an account object",
    ];
    for ((place, before, after), message) in places().into_iter().zip(want) {
        let got = read(with_string(&before, 500, &after), 1000);
        assert_eq!(
            got,
            [
                ("entry 0 response".to_owned(), message.to_owned()),
                ("entry 1 response".to_owned(), "json".to_owned())
            ],
            "{place}"
        );
    }
}

/// A huge string in an entry of another endpoint is skipped like the rest of it.
#[test]
fn a_huge_string_in_another_endpoints_entry_is_skipped() {
    let good = good();
    let input = with_string(
        r#"{"log":{"entries":[{"request":{"url":"https://h/other"},"response":"#,
        20_000_000,
        &format!("}},{good}]}}}}"),
    );
    assert_eq!(
        read(input, 1000),
        [("entry 1 response".to_owned(), "json".to_owned())]
    );
}

/// A huge member name is skipped with its value, in an entry and around the log; a huge string
/// in a header is the headers' limit error, as before.
#[test]
fn huge_names_are_skipped_and_huge_headers_are_named() {
    let good = good();
    let input = with_string(
        r#"{"log":{"entries":[{"request":{"url":"https://h/o/api/v3.1/account"},"#,
        20_000_000,
        &format!(r#":1,"response":{{"status":404}}}},{good}]}}}}"#),
    );
    assert_eq!(
        read(input, 1000),
        [
            (
                "entry 0 response".to_owned(),
                "skipped: HTTP status 404: not an account object".to_owned()
            ),
            ("entry 1 response".to_owned(), "json".to_owned())
        ]
    );
    let input = with_string(
        "{",
        20_000_000,
        &format!(r#":{{"x":1}},"log":{{"entries":[{good}]}}}}"#),
    );
    assert_eq!(
        read(input, 1000),
        [("entry 0 response".to_owned(), "json".to_owned())]
    );
    let input = with_string(
        &format!(r#"{{"log":{{"entries":[{{{ACCOUNT},"response":{{"status":200,"headers":["#),
        5_000_000,
        &format!(r#"],"content":{{"text":"{{}}"}}}}}},{good}]}}}}"#),
    );
    assert_eq!(
        read(input, 1000),
        [
            (
                "entry 0 response".to_owned(),
                "HAR entry 0: response.headers is larger than the limit of 1000 bytes (--max-record-bytes); the entry was not read".to_owned()
            ),
            ("entry 1 response".to_owned(), "json".to_owned())
        ]
    );
}

/// A huge string as the capture's log: the capture is an error naming the flag, not the string.
#[test]
fn a_huge_string_as_the_log_is_named_with_the_flag() {
    let got = read(with_string(r#"{"log":"#, 20_000_000, "}"), 1000);
    assert_eq!(got.len(), 1, "{got:?}");
    let (locator, message) = &got[0];
    assert_eq!(locator, "document");
    assert!(
        message.contains("invalid type: a string larger than the limit of 1000 bytes (--max-record-bytes), expected the HAR log object"),
        "{}",
        &message[..message.len().min(300)]
    );
    assert!(message.len() < 400, "{} bytes", message.len());
    // A modest one is named as before.
    let got = read(with_string(r#"{"log":"#, 5, "}"), 1000);
    assert!(
        got[0]
            .1
            .contains(r#"invalid type: string "aaaaa", expected the HAR log object"#),
        "{got:?}"
    );
}

/// Strings cut where escapes, surrogate pairs and multi-byte characters stand (the limit moves
/// the cut across the pattern): the rest of the capture is still read. Text with no clean place
/// to cut (invalid UTF-8) is cut anyway, and the capture is invalid, as it was.
#[test]
fn strings_with_escapes_and_wide_characters_are_cut_cleanly() {
    let patterns: [&'static [u8]; 4] = [
        "é€😀".as_bytes(),
        br#"\ud83d\ude00"#,
        br#"x\\\"\u00e9"#,
        "a\u{0080}".as_bytes(),
    ];
    let string = |pattern: &'static [u8], after: String| {
        io::Cursor::new(r#"{"log":{"entries":[""#.to_owned())
            .chain(Cycle {
                pattern,
                at: 0,
                left: 120_000 - 120_000 % pattern.len() as u64,
            })
            .chain(io::Cursor::new(after))
    };
    for pattern in patterns {
        for limit in 1000..1000 + 13 {
            let got = read(string(pattern, format!(r#"",{}]}}}}"#, good())), limit);
            assert_eq!(got.len(), 2, "{got:?}");
            assert!(
                got[0]
                    .1
                    .contains("HAR entry 0: the entry is a string larger"),
                "{got:?}"
            );
            assert_eq!(got[1], ("entry 1 response".to_owned(), "json".to_owned()));
        }
    }
    let got = read(string(b"\x80", format!(r#"",{}]}}}}"#, good())), 1000);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0].1.contains("the HAR capture is not valid JSON"),
        "{got:?}"
    );
}
