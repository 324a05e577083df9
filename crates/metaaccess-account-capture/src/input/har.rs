//! HAR 1.2 captures: the entries that call an Account Details endpoint of any version.
//!
//! A HAR is read as a stream: `log.entries` is visited one entry at a time, and of each entry
//! only the parts that matter are kept (`request.url`, the query string, headers, cookies and
//! body of the request, the status, headers, cookies and body of the response); everything
//! else is skipped as the parser reads it, without being built (`IgnoredAny`). Each kept part
//! is copied while the parser skips it and kept only within `--max-record-bytes` (a body:
//! twice that, for escapes and base64), then read into a tree bounded by the same limit; once
//! `request.url` says the entry calls another endpoint, nothing more of it is kept. So memory
//! is a few record limits, whatever the capture holds, and the bytes read are bounded by
//! `--max-har-bytes`. A part over its limit makes its entry an error that names the part and
//! the flag (a body over it, the record's error), and the capture goes on. Outside the kept
//! parts, no JSON string is held longer than that limit and a margin: the reader cuts it as it
//! passes (serde_json would hold it whole), so a huge string where an object belongs (the
//! entry, its request, response, postData or content) makes the entry such an error, one as
//! the log or its entries names the flag in the capture's error, and a huge member name is
//! skipped with its member.
//!
//! Nesting is bounded too, by a fixed limit of [`ENTRY_DEPTH`] (128) levels, not a flag
//! (`--max-depth` bounds a record, from its root, and may be as low as 1; a HAR's structure and
//! the browser's own members take levels of their own). A kept part is read into a tree that
//! refuses to go deeper (its entry is an error). A skipped value is not built, but serde_json
//! keeps a byte per level of it, so the reader drops, as it passes, any array or object that
//! opens deeper than the limit (counted from the end of the last kept part, or the capture's
//! start), and hands the parser `0` in its place, in step with the text: the entry that holds
//! it is an error ("HAR entry N: response._x nests deeper than the HAR reader's limit of 128
//! levels"), unless it calls another endpoint (then it is skipped whole, as ever), and the next
//! entries are read; in a member of the capture or its log, the capture gets that error and is
//! read on. A kept part over its size limit is dropped so too (its entry is the size error). A
//! value too deep that never closes takes the rest of the capture with it: the capture's error
//! says so, and every entry before it has its records.
//!
//! Duplicate keys in the capture's structure (`log`, `entries`, the parts above) are reported,
//! never resolved silently; a malformed entry is a record naming its index and cause.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::io::{self, Read};
use std::rc::Rc;
use std::sync::Arc;

use base64::Engine as _;
use metaaccess_account::{escape_pointer_token, DocumentKind};
use metaaccess_account_validate::secrets::Secrets;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use super::{record, Body, Item, Limits, Locator, Record, Sink};

/// Deepest nesting accepted in a HAR capture (the documents in it are strings): in a kept part,
/// counted from the entry; in a skipped value, from the end of the last kept part or the
/// capture's start (see [`Bounded`]). serde_json's own recursion limit is the same.
const ENTRY_DEPTH: usize = 128;

/// Counts the bytes read and refuses to read past a limit; while a [`Tap`] is on, keeps a copy
/// of what passes (up to the tap's limit). While no tap is on, it also cuts every JSON string
/// longer than `cut_at` bytes (see [`Scan`]): serde_json holds in full any string it hands to
/// a visitor (a member's name, or a string where the reader asks for an object or an array,
/// even to name it in an error), and only a tapped part may hold a string that long (the tap
/// bounds it). So a cut string is never one the reader keeps: it is a string where an object
/// belongs (an error naming `--max-record-bytes`), a member's name longer than any it reads, or
/// part of a skipped value.
///
/// It also bounds the nesting of what it scans: serde_json skips a value without recursion but
/// keeps a byte per open array or object, with no limit. An array or object that opens deeper
/// than [`ENTRY_DEPTH`] levels, counted from where the scan began (the capture's start, or the
/// end of the last kept part), is handed on as `0` and dropped up to and with its closing
/// bracket (see [`Scan`]), and `deep` is set, so the parser goes on in step with the text. A
/// tapped part is not scanned while its copy is within the tap's limit (serde_json's byte per
/// level is then bounded by that limit); once over it, it is not kept, so it is scanned from
/// its start: what opens deeper than it had then, or than [`ENTRY_DEPTH`], is dropped so, and
/// each of its strings is cut at its first clean place (the rest dropped unread).
struct Bounded<R> {
    inner: R,
    read: u64,
    limit: u64,
    tap: Rc<RefCell<Tap>>,
    scan: Scan,
    /// Whether the tap was on at the last read (the scan starts anew when it turns on or off).
    tapped: bool,
    cut_at: u64,
    /// Set when a string is cut; cleared by whoever wants to know whether the next one is.
    cut: Rc<Cell<bool>>,
    /// Set when a value too deep is dropped; cleared by whoever reports it.
    deep: Rc<Cell<bool>>,
}

impl<R: io::BufRead> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.read > self.limit {
                return Ok(0);
            }
            let room = usize::try_from(self.limit - self.read + 1).unwrap_or(usize::MAX);
            if matches!(self.scan.state, State::Rest | State::Deep | State::DeepIn) {
                // The rest of a cut string or of a value too deep: dropped a buffer at a time,
                // never handed on.
                let chunk = self.inner.fill_buf()?;
                let chunk = &chunk[..chunk.len().min(room)];
                if chunk.is_empty() {
                    return Ok(0);
                }
                let used = self.scan.skip(chunk);
                self.inner.consume(used);
                self.read += used as u64;
                continue;
            }
            let n = buf.len().min(room);
            let got = self.inner.read(&mut buf[..n])?;
            if got == 0 {
                return Ok(0);
            }
            self.read += got as u64;
            let mut tap = self.tap.borrow_mut();
            if tap.on != self.tapped {
                self.tapped = tap.on;
                self.scan = Scan::default();
            }
            if tap.on && !tap.over {
                // A tapped part is one whole value, begun and ended outside strings, and none
                // of its strings is cut (the tap bounds it): no need to scan it while it fits.
                if tap.bytes.len() + got <= tap.cap {
                    tap.bytes.extend_from_slice(&buf[..got]);
                    return Ok(got);
                }
                // Over its limit: from here on it is scanned for depth, from where its copy
                // leaves it (the parser already holds a byte per level of that).
                let mut scan = Scan {
                    max_depth: i64::MAX,
                    ..Scan::default()
                };
                for &b in &tap.bytes {
                    scan.feed(b, u64::MAX);
                }
                scan.max_depth = scan.depth.max(ENTRY_DEPTH as i64);
                self.scan = scan;
                tap.over = true;
                tap.bytes = Vec::new();
            }
            // A tapped part over its limit is not kept: its strings are cut at once, the rest
            // dropped a buffer at a time (faster than the parser skips it), unflagged.
            let cut_at = if tap.on { 0 } else { self.cut_at };
            let mut kept = 0;
            for i in 0..got {
                match self.scan.feed(buf[i], cut_at) {
                    Fed::Pass(b) => {
                        buf[kept] = b;
                        kept += 1;
                    }
                    Fed::Cut => {
                        buf[kept] = b'"';
                        kept += 1;
                        if !tap.on {
                            self.cut.set(true);
                        }
                    }
                    Fed::Deep => {
                        buf[kept] = b'0';
                        kept += 1;
                        self.deep.set(true);
                    }
                    Fed::Drop => {}
                }
            }
            if kept > 0 {
                return Ok(kept);
            }
        }
    }
}

/// Where the bytes read are in the JSON text: outside strings, inside one, in the rest of a cut
/// one, or in a value too deep. A string is cut once it holds `cut_at` bytes, before a byte that
/// starts a character (not inside an escape, a surrogate pair or a UTF-8 sequence), so that what
/// is handed on stays valid JSON: its closing quote takes that byte's place, and the rest, up to
/// and with the real closing quote, is dropped. (Invalid text may have no such place: it is cut
/// a few bytes later whatever stands there, and where the parser holds it, it fails on it, as
/// it would have on the whole string.)
///
/// Outside strings, `[` and `{` count a level deeper, `]` and `}` one less (from where the scan
/// began, so the count may go below zero). An array or object that would go deeper than
/// `max_depth` is handed on as `0`, and dropped up to and with the bracket that closes it (its
/// strings skipped, the kind of its brackets not checked): the text handed on stays valid JSON
/// where it was. Left unclosed, it drops the rest of the input.
struct Scan {
    state: State,
    /// Bytes of the current string so far, as written (escapes unexpanded).
    len: u64,
    escape: Escape,
    /// The last escape was the first half of a surrogate pair.
    high: bool,
    /// Levels of arrays and objects open outside strings since the scan began.
    depth: i64,
    max_depth: i64,
    /// Levels open within the value being dropped (in [`State::Deep`] and [`State::DeepIn`]).
    deep: u64,
}

impl Default for Scan {
    fn default() -> Self {
        Scan {
            state: State::Out,
            len: 0,
            escape: Escape::None,
            high: false,
            depth: 0,
            max_depth: ENTRY_DEPTH as i64,
            deep: 0,
        }
    }
}

#[derive(Clone, Copy, Default, PartialEq, Eq)]
enum State {
    #[default]
    Out,
    In,
    Rest,
    /// In a value too deep, outside its strings.
    Deep,
    /// In a string of a value too deep.
    DeepIn,
}

#[derive(Clone, Copy, Default, PartialEq, Eq)]
enum Escape {
    #[default]
    None,
    /// After a backslash.
    Started,
    /// Inside `\uXXXX`: the hex digits still to come and the value so far.
    Hex(u8, u16),
}

enum Fed {
    Pass(u8),
    /// The string ends here: a closing quote in this byte's place.
    Cut,
    /// A value too deep begins here: `0` in its place.
    Deep,
    Drop,
}

/// How far past `cut_at` a string with no clean place to cut (invalid UTF-8, lone surrogates)
/// is cut anyway.
const CUT_SLACK: u64 = 16;

impl Scan {
    #[inline]
    fn feed(&mut self, b: u8, cut_at: u64) -> Fed {
        match self.state {
            State::Out => {
                match b {
                    b'"' => {
                        self.state = State::In;
                        self.len = 0;
                        self.escape = Escape::None;
                        self.high = false;
                    }
                    b'[' | b'{' => {
                        if self.depth >= self.max_depth {
                            self.state = State::Deep;
                            self.deep = 1;
                            return Fed::Deep;
                        }
                        self.depth += 1;
                    }
                    b']' | b'}' => self.depth -= 1,
                    _ => {}
                }
                Fed::Pass(b)
            }
            State::Rest | State::Deep | State::DeepIn => {
                self.skip(&[b]);
                Fed::Drop
            }
            State::In => {
                match self.escape {
                    Escape::Started => {
                        self.escape = if b == b'u' {
                            Escape::Hex(4, 0)
                        } else {
                            self.high = false;
                            Escape::None
                        };
                    }
                    Escape::Hex(left, value) => {
                        let digit = char::from(b).to_digit(16).unwrap_or(0);
                        let value = value << 4 | digit as u16;
                        self.escape = if left > 1 {
                            Escape::Hex(left - 1, value)
                        } else {
                            self.high = (0xD800..0xDC00).contains(&value);
                            Escape::None
                        };
                    }
                    Escape::None => {
                        if b == b'"' {
                            self.state = State::Out;
                            return Fed::Pass(b);
                        }
                        if self.len >= cut_at {
                            let clean = !self.high && !(0x80..0xC0).contains(&b);
                            if clean || self.len >= cut_at.saturating_add(CUT_SLACK) {
                                self.state = State::Rest;
                                self.escape = Escape::None;
                                self.skip(&[b]);
                                return Fed::Cut;
                            }
                        }
                        if b == b'\\' {
                            self.escape = Escape::Started;
                        } else {
                            self.high = false;
                        }
                    }
                }
                self.len += 1;
                Fed::Pass(b)
            }
        }
    }

    /// Drops bytes of the rest of a cut string or of a value too deep; returns how many, up to
    /// and with its closing quote or bracket (then the scan is outside strings again).
    fn skip(&mut self, bytes: &[u8]) -> usize {
        let mut at = 0;
        while at < bytes.len() {
            match self.state {
                State::Out | State::In => break,
                State::Rest | State::DeepIn => {
                    if self.escape == Escape::Started {
                        self.escape = Escape::None;
                        at += 1;
                        continue;
                    }
                    match memchr::memchr2(b'"', b'\\', &bytes[at..]) {
                        None => at = bytes.len(),
                        Some(k) => {
                            at += k;
                            if bytes[at] == b'"' {
                                self.state = if self.state == State::Rest {
                                    State::Out
                                } else {
                                    State::Deep
                                };
                            } else {
                                self.escape = Escape::Started;
                            }
                            at += 1;
                        }
                    }
                }
                State::Deep => {
                    match bytes[at] {
                        b'"' => {
                            self.state = State::DeepIn;
                            self.escape = Escape::None;
                        }
                        b'[' | b'{' => self.deep += 1,
                        b']' | b'}' => {
                            self.deep -= 1;
                            if self.deep == 0 {
                                self.state = State::Out;
                            }
                        }
                        _ => {}
                    }
                    at += 1;
                }
            }
        }
        at
    }
}

/// A copy of the raw bytes of one JSON value while the parser skips it (`IgnoredAny` builds
/// nothing and never buffers a string): the value is kept only if it fits in `cap` bytes, so a
/// part of a HAR entry costs at most its limit, whatever its size in the capture.
#[derive(Default)]
struct Tap {
    on: bool,
    over: bool,
    cap: usize,
    bytes: Vec<u8>,
}

/// The state shared by the visitors of one capture.
struct Har<'s, 'a> {
    source: &'s Arc<str>,
    sink: RefCell<&'s mut Sink<'a>>,
    limits: Limits,
    tap: Rc<RefCell<Tap>>,
    /// Whether [`Bounded`] cut a string since this was last cleared.
    cut: Rc<Cell<bool>>,
    /// Whether [`Bounded`] dropped a value too deep since this was last cleared.
    deep: Rc<Cell<bool>>,
    entries_seen: RefCell<bool>,
    problems: RefCell<Vec<String>>,
    next_index: RefCell<usize>,
}

/// Reads a HAR capture from `input` (at most `limits.max_har_bytes`), entry by entry.
pub(super) fn read_har(source: &Arc<str>, input: impl Read, limits: Limits, sink: &mut Sink<'_>) {
    let tap = Rc::new(RefCell::new(Tap::default()));
    let cut = Rc::new(Cell::new(false));
    let deep = Rc::new(Cell::new(false));
    let mut bounded = Bounded {
        inner: io::BufReader::with_capacity(64 * 1024, input),
        read: 0,
        limit: limits.max_har_bytes,
        tap: tap.clone(),
        scan: Scan::default(),
        tapped: false,
        // The margin of the parts (below), so that no string within a part's limit is cut.
        cut_at: limits.max_record_bytes.saturating_add(64 * 1024),
        cut: cut.clone(),
        deep: deep.clone(),
    };
    let har = Har {
        source,
        sink: RefCell::new(sink),
        limits,
        tap,
        cut,
        deep,
        entries_seen: RefCell::new(false),
        problems: RefCell::new(Vec::new()),
        next_index: RefCell::new(0),
    };
    let result = {
        let mut de = serde_json::Deserializer::from_reader(&mut bounded);
        let r = TopLevel(&har).deserialize(&mut de);
        r.and_then(|()| de.end())
    };
    let stopped = har.sink.borrow().stopped;
    if stopped {
        return;
    }
    let next = *har.next_index.borrow();
    let mut problems = har.problems.into_inner();
    if bounded.read > limits.max_har_bytes {
        problems.push(format!(
            "the HAR capture is larger than the limit of {} bytes (--max-har-bytes); entries from {next} on were not read",
            limits.max_har_bytes
        ));
    } else if let (Err(_), State::Deep | State::DeepIn) = (&result, bounded.scan.state) {
        // A value too deep that never closes: the rest of the capture was dropped with it.
        problems.push(format!(
            "the HAR capture nests deeper than the HAR reader's limit of {ENTRY_DEPTH} levels and the value that does is not closed before the capture ends; entries from {next} on were not read"
        ));
    } else if let Err(e) = result {
        let what = if e.is_eof() {
            "truncated JSON"
        } else {
            "not valid JSON"
        };
        // A string where the log, its entries or the capture belongs: named by its size,
        // not quoted (it was cut, see `Bounded`).
        let reason = match short_reason(&e).split_once(", expected ") {
            Some((found, expected))
                if har.cut.get() && e.is_data() && found.starts_with("invalid type: string") =>
            {
                format!(
                    "invalid type: a string larger than the limit of {} bytes (--max-record-bytes), expected {expected}",
                    limits.max_record_bytes
                )
            }
            _ => short_reason(&e),
        };
        problems.push(format!(
            "the HAR capture is {what} at line {}, column {} ({reason}); entries from {next} on were not read",
            e.line(),
            e.column(),
        ));
    } else if !*har.entries_seen.borrow() {
        problems.push("not a HAR capture: log.entries is missing or not an array".into());
    }
    let sink = har.sink.into_inner();
    for p in problems {
        sink.push(Item::Record(record(
            source,
            Locator::Document,
            Body::Broken(p),
        )));
    }
}

fn short_reason(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let at = format!(" at line {} column {}", e.line(), e.column());
    text.strip_suffix(&at).unwrap_or(&text).to_owned()
}

/// Whether bytes begin like a HAR capture: `{` then the key `"log"`.
pub(super) fn looks_like_har(bytes: &[u8]) -> bool {
    let rest = bytes.trim_ascii_start();
    rest.strip_prefix(b"{")
        .is_some_and(|r| r.trim_ascii_start().starts_with(b"\"log\""))
}

impl Har<'_, '_> {
    /// Reports a value too deep in `member`, a member of the capture or its log that is skipped.
    fn note_deep(&self, member: &str) {
        if self.deep.replace(false) {
            self.problems.borrow_mut().push(format!(
                "the HAR capture: {member} nests deeper than the HAR reader's limit of {ENTRY_DEPTH} levels; it was skipped"
            ));
        }
    }
}

/// A member's name as a message shows it: at most 64 bytes of it (a name may be as long as
/// `--max-record-bytes`).
fn shown(name: &str) -> String {
    if name.len() <= 64 {
        return name.to_owned();
    }
    let mut end = 64;
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}...", &name[..end])
}

struct TopLevel<'h, 's, 'a>(&'h Har<'s, 'a>);

impl<'de> DeserializeSeed<'de> for TopLevel<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.0.cut.set(false);
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TopLevel<'_, '_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a HAR capture (a JSON object with log.entries)")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut logs = 0;
        while let Some(key) = map.next_key::<String>()? {
            if key == "log" {
                logs += 1;
                if logs == 2 {
                    self.0.problems.borrow_mut().push(
                        "duplicate key \"log\" in the HAR capture: parsers disagree on which wins; both were read".into(),
                    );
                }
                map.next_value_seed(Log(self.0))?;
            } else {
                map.next_value::<IgnoredAny>()?;
                self.0.note_deep(&shown(&key));
            }
        }
        Ok(())
    }
}

struct Log<'h, 's, 'a>(&'h Har<'s, 'a>);

impl<'de> DeserializeSeed<'de> for Log<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.0.cut.set(false);
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Log<'_, '_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the HAR log object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = 0;
        while let Some(key) = map.next_key::<String>()? {
            if key == "entries" {
                seen += 1;
                if seen == 2 || *self.0.entries_seen.borrow() {
                    self.0.problems.borrow_mut().push(
                        "duplicate key \"entries\" in the HAR log: parsers disagree on which wins; both were read".into(),
                    );
                }
                *self.0.entries_seen.borrow_mut() = true;
                map.next_value_seed(Entries(self.0))?;
            } else {
                map.next_value::<IgnoredAny>()?;
                self.0.note_deep(&format!("log.{}", shown(&key)));
            }
        }
        Ok(())
    }
}

struct Entries<'h, 's, 'a>(&'h Har<'s, 'a>);

impl<'de> DeserializeSeed<'de> for Entries<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.0.cut.set(false);
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Entries<'_, '_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the array log.entries")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        // Indexes continue across a duplicated `entries` key, so no two records share one.
        loop {
            let entry = EntryState::default();
            let node = Node {
                har: self.0,
                entry: &entry,
                spec: ENTRY,
                path: Vec::new(),
            };
            let Some(tree) = seq.next_element_seed(node)? else {
                return Ok(());
            };
            let index = {
                let mut next = self.0.next_index.borrow_mut();
                *next += 1;
                *next - 1
            };
            if self.0.deep.replace(false) {
                entry.deep.borrow_mut().push(String::new());
            }
            let mut sink = self.0.sink.borrow_mut();
            let parts = Parts {
                dups: entry.dups.into_inner(),
                big: entry.big.into_inner(),
                strings: entry.strings.into_inner(),
                deep: entry.deep.into_inner(),
                problems: entry.problems.into_inner(),
            };
            read_entry(
                self.0.source,
                index,
                &tree,
                &parts,
                self.0.limits,
                &mut sink,
            );
            if sink.stopped {
                return Err(de::Error::custom("the reader was stopped"));
            }
        }
    }
}

/// The parts of an entry that are read: everything else is skipped without being built.
/// `Body` parts (the documents) may be twice the record limit as JSON text (escapes, base64);
/// the others, the record limit.
#[derive(Clone, Copy)]
enum Spec {
    Object(&'static [(&'static str, Spec)]),
    Small,
    Body,
}

const ENTRY: Spec = Spec::Object(&[
    (
        "request",
        Spec::Object(&[
            ("url", Spec::Small),
            ("queryString", Spec::Small),
            ("headers", Spec::Small),
            ("cookies", Spec::Small),
            (
                "postData",
                Spec::Object(&[("text", Spec::Body), ("params", Spec::Small)]),
            ),
        ]),
    ),
    (
        "response",
        Spec::Object(&[
            ("status", Spec::Small),
            ("headers", Spec::Small),
            ("cookies", Spec::Small),
            (
                "content",
                Spec::Object(&[("text", Spec::Body), ("encoding", Spec::Small)]),
            ),
        ]),
    ),
]);

/// What reading one entry noted, by JSON pointer.
#[derive(Default)]
struct EntryState {
    /// Once `request.url` is known not to be an Account Details call, nothing more is kept.
    skip: Cell<bool>,
    dups: RefCell<Vec<String>>,
    /// Parts over their limit (not kept).
    big: RefCell<Vec<String>>,
    /// Strings over the limit where an object belongs (cut, not kept).
    strings: RefCell<Vec<String>>,
    /// Skipped parts that nest too deep (dropped as they were read, see [`Bounded`]).
    deep: RefCell<Vec<String>>,
    /// Parts that could not be read (too deep).
    problems: RefCell<Vec<String>>,
}

struct Parts {
    dups: Vec<String>,
    big: Vec<String>,
    strings: Vec<String>,
    deep: Vec<String>,
    problems: Vec<String>,
}

fn pointer_of(path: &[&str]) -> String {
    path.iter()
        .map(|t| format!("/{}", escape_pointer_token(t)))
        .collect()
}

/// Reads an object of the entry's structure ([`Spec::Object`]): its known members are read by
/// their spec, the others skipped. Anything else in its place is kept as `null` (so the entry
/// says what is missing), an array or object skipped; a string over the limit (cut while it is
/// read, see [`Bounded`]) is noted in `strings`.
struct Node<'e, 'h, 's, 'a> {
    har: &'h Har<'s, 'a>,
    entry: &'e EntryState,
    spec: Spec,
    path: Vec<&'static str>,
}

impl<'de> DeserializeSeed<'de> for Node<'_, '_, '_, '_> {
    type Value = Value;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        match self.spec {
            Spec::Object(_) => {
                self.har.cut.set(false);
                d.deserialize_any(self)
            }
            Spec::Small | Spec::Body => self.leaf(d),
        }
    }
}

impl Node<'_, '_, '_, '_> {
    /// A leaf part: its bytes copied while the parser skips it, kept only within the limit,
    /// then read into a tree bounded by the same limit.
    fn leaf<'de, D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        if self.entry.skip.get() {
            // Another endpoint's entry: nothing of it is read, whatever its depth.
            d.deserialize_ignored_any(IgnoredAny)?;
            self.har.deep.set(false);
            return Ok(Value::Null);
        }
        let record = usize::try_from(self.har.limits.max_record_bytes).unwrap_or(usize::MAX);
        let cap = match self.spec {
            Spec::Body => record.saturating_mul(2).saturating_add(64 * 1024),
            _ => record.saturating_add(64 * 1024),
        };
        {
            let mut tap = self.har.tap.borrow_mut();
            *tap = Tap {
                on: true,
                over: false,
                cap,
                bytes: Vec::new(),
            };
        }
        let skipped = d.deserialize_ignored_any(IgnoredAny);
        let tap = std::mem::take(&mut *self.har.tap.borrow_mut());
        skipped?;
        let pointer = pointer_of(&self.path);
        // A part too deep is over its limit (only then is it scanned): named by its size.
        self.har.deep.set(false);
        if tap.over {
            self.entry.big.borrow_mut().push(pointer);
            return Ok(Value::Null);
        }
        let dups = RefCell::new(Vec::new());
        let big = RefCell::new(Vec::new());
        let path = RefCell::new(self.path.iter().map(|t| (*t).to_owned()).collect());
        let budget = Cell::new(cap as u64);
        let tree = Tree {
            path: &path,
            dups: &dups,
            max_string: cap as u64,
            big: &big,
            budget: &budget,
            depth: self.path.len(),
        };
        // The copy may end with the byte after a number (the parser looks one byte ahead):
        // one value is read from it, whatever follows.
        let mut de = serde_json::Deserializer::from_slice(tap.bytes.trim_ascii_start());
        let value = match tree.deserialize(&mut de) {
            Ok(value) => value,
            Err(_) if budget.get() == 0 => {
                self.entry.big.borrow_mut().push(pointer);
                Value::Null
            }
            Err(e) => {
                self.entry
                    .problems
                    .borrow_mut()
                    .push(format!("{pointer}: {}", short_reason(&e)));
                Value::Null
            }
        };
        self.entry.dups.borrow_mut().extend(dups.into_inner());
        self.entry.big.borrow_mut().extend(big.into_inner());
        if self.path == ["request", "url"] {
            let another = value
                .as_str()
                .is_some_and(|url| metaaccess_account::version_of_path(url_path(url)).is_none());
            self.entry.skip.set(another);
        }
        Ok(value)
    }
}

impl<'de> Visitor<'de> for Node<'_, '_, '_, '_> {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a HAR entry")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_str<E>(self, _: &str) -> Result<Value, E> {
        if self.har.cut.get() {
            self.entry.strings.borrow_mut().push(pointer_of(&self.path));
        }
        Ok(Value::Null)
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        if self.har.deep.replace(false) {
            self.entry.deep.borrow_mut().push(pointer_of(&self.path));
        }
        Ok(Value::Null)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let Spec::Object(members) = self.spec else {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            return Ok(Value::Null);
        };
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let Some((name, spec)) = members.iter().find(|(name, _)| *name == key) else {
                map.next_value::<IgnoredAny>()?;
                if self.har.deep.replace(false) {
                    self.entry.deep.borrow_mut().push(format!(
                        "{}/{}",
                        pointer_of(&self.path),
                        escape_pointer_token(&shown(&key))
                    ));
                }
                continue;
            };
            let mut path = self.path.clone();
            path.push(name);
            if out.contains_key(*name) {
                self.entry.dups.borrow_mut().push(pointer_of(&path));
            }
            let value = map.next_value_seed(Node {
                har: self.har,
                entry: self.entry,
                spec: *spec,
                path,
            })?;
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}

/// Builds a part of an entry into a tree, noting duplicate keys by pointer; at most `budget`
/// bytes of it (nodes, keys and strings) are built.
struct Tree<'a> {
    path: &'a RefCell<Vec<String>>,
    dups: &'a RefCell<Vec<String>>,
    /// Strings longer than this are not kept (their pointers go to `big`).
    max_string: u64,
    big: &'a RefCell<Vec<String>>,
    budget: &'a Cell<u64>,
    depth: usize,
}

impl Tree<'_> {
    fn deeper(&self) -> Self {
        Tree {
            path: self.path,
            dups: self.dups,
            max_string: self.max_string,
            big: self.big,
            budget: self.budget,
            depth: self.depth + 1,
        }
    }
    fn pointer(&self) -> String {
        self.path
            .borrow()
            .iter()
            .map(|t| format!("/{}", escape_pointer_token(t)))
            .collect()
    }
    fn check<E: de::Error>(&self) -> Result<(), E> {
        if self.depth >= ENTRY_DEPTH {
            Err(E::custom(format_args!(
                "a HAR entry nests deeper than {ENTRY_DEPTH} levels"
            )))
        } else {
            Ok(())
        }
    }
    /// Takes `bytes` (plus a node's size) from the budget, or fails when it is spent.
    fn spend<E: de::Error>(&self, bytes: usize) -> Result<(), E> {
        let cost = (bytes + std::mem::size_of::<Value>()) as u64;
        match self.budget.get().checked_sub(cost) {
            Some(left) if left > 0 => {
                self.budget.set(left);
                Ok(())
            }
            _ => {
                self.budget.set(0);
                Err(E::custom("over the limit"))
            }
        }
    }
}

impl<'de> DeserializeSeed<'de> for Tree<'_> {
    type Value = Value;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Tree<'_> {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        self.spend(0)?;
        Ok(Value::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        self.spend(0)?;
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        self.spend(0)?;
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        self.spend(0)?;
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        if v.len() as u64 > self.max_string {
            self.big.borrow_mut().push(self.pointer());
            return Ok(Value::String(String::new()));
        }
        self.spend(v.len())?;
        Ok(Value::String(v.to_owned()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        self.spend(0)?;
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        self.check()?;
        self.spend(0)?;
        let mut items = Vec::new();
        loop {
            self.path.borrow_mut().push(items.len().to_string());
            let item = seq.next_element_seed(self.deeper());
            self.path.borrow_mut().pop();
            match item? {
                Some(v) => items.push(v),
                None => return Ok(Value::Array(items)),
            }
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        self.check()?;
        self.spend(0)?;
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            self.spend(key.len())?;
            self.path.borrow_mut().push(key.clone());
            let value = map.next_value_seed(self.deeper());
            if out.contains_key(&key) {
                self.dups.borrow_mut().push(self.pointer());
            }
            self.path.borrow_mut().pop();
            out.insert(key, value?);
        }
        Ok(Value::Object(out))
    }
}

/// The records of one entry: its 3.2 request body (when the version has one) and its response.
fn read_entry(
    source: &Arc<str>,
    index: usize,
    entry: &Value,
    parts: &Parts,
    limits: Limits,
    sink: &mut Sink<'_>,
) {
    let big = &parts.big;
    let too_big = |pointer: &str| {
        big.iter().any(|b| b == pointer).then(|| {
            Body::Broken(format!(
                "the body is larger than the limit of {} bytes (--max-record-bytes)",
                limits.max_record_bytes
            ))
        })
    };
    let broken = |why: String| {
        Item::Record(Record {
            locator: Locator::Entry(index, DocumentKind::Response),
            ..record(source, Locator::Document, Body::Broken(why))
        })
    };
    // A part over its limit other than a body: the entry cannot be read whole (its secrets
    // would not all be known), so it is an error, once its endpoint is known.
    let over_limit = |pointer: &str| {
        format!(
            "HAR entry {index}: {} is larger than the limit of {} bytes (--max-record-bytes); the entry was not read",
            pointer.trim_start_matches('/').replace('/', "."),
            limits.max_record_bytes
        )
    };
    let string_over_limit = |pointer: &str| {
        format!(
            "HAR entry {index}: {} is a string larger than the limit of {} bytes (--max-record-bytes) where an object belongs; the entry was not read",
            if pointer.is_empty() {
                "the entry".to_owned()
            } else {
                pointer.trim_start_matches('/').replace('/', ".")
            },
            limits.max_record_bytes
        )
    };
    if !parts.dups.is_empty() {
        // Whichever value wins decides what the entry is: report it, whatever its endpoint.
        return sink.push(broken(format!(
            "malformed HAR entry {index}: duplicate key {} in the entry: parsers disagree on which value wins",
            parts.dups.join(", ")
        )));
    }
    // Whether it calls Account Details is unknown: reported, never dropped.
    if let Some(part) = parts
        .strings
        .iter()
        .find(|s| ["", "/request"].contains(&s.as_str()))
    {
        return sink.push(broken(string_over_limit(part)));
    }
    let too_deep = |part: &str| {
        format!(
            "HAR entry {index}: {} nests deeper than the HAR reader's limit of {ENTRY_DEPTH} levels; the entry was not read",
            if part.is_empty() {
                "the entry".to_owned()
            } else {
                part.trim_start_matches('/').replace('/', ".")
            }
        )
    };
    // The entry itself too deep: whether it calls Account Details is unknown.
    if parts.deep.iter().any(String::is_empty) {
        return sink.push(broken(too_deep("")));
    }
    if big.iter().any(|b| b == "/request/url") {
        return sink.push(broken(over_limit("/request/url")));
    }
    if let Some(problem) = parts.problems.first() {
        return sink.push(broken(format!("malformed HAR entry {index}: {problem}")));
    }
    let Some(url) = entry.pointer("/request/url") else {
        return sink.push(broken(format!(
            "malformed HAR entry {index}: {}",
            if entry.is_object() {
                "request.url is missing"
            } else {
                "the entry is not an object"
            }
        )));
    };
    let Some(url) = url.as_str() else {
        return sink.push(broken(format!(
            "malformed HAR entry {index}: request.url is not a string"
        )));
    };
    let Some(version) = metaaccess_account::version_of_path(url_path(url)) else {
        return; // another endpoint
    };
    if let Some(part) = parts.strings.first() {
        return sink.push(broken(string_over_limit(part)));
    }
    if let Some(part) = parts.deep.first() {
        return sink.push(broken(too_deep(part)));
    }
    let bodies = ["/request/postData/text", "/response/content/text"];
    if let Some(part) = big.iter().find(|b| !bodies.contains(&b.as_str())) {
        return sink.push(broken(over_limit(part)));
    }
    let mut secrets = Secrets::default();
    secrets.collect_har_entry(entry);
    let secrets = Arc::new(secrets);
    let base = |kind, body| Record {
        source: source.clone(),
        locator: Locator::Entry(index, kind),
        kind,
        hint: Some(version),
        body,
        secrets: secrets.clone(),
    };
    if metaaccess_account::endpoint(version).has_request_body {
        if let Some(body) = too_big("/request/postData/text") {
            sink.push(Item::Record(base(DocumentKind::Request, body)));
        } else {
            match entry.pointer("/request/postData/text") {
                Some(Value::String(text)) => sink.push(Item::Record(base(
                    DocumentKind::Request,
                    bounded_body(text.as_bytes(), limits),
                ))),
                None | Some(Value::Null) => {}
                Some(_) => sink.push(Item::Record(base(
                    DocumentKind::Request,
                    Body::Broken(format!(
                        "malformed HAR entry {index}: request.postData.text is not a string"
                    )),
                ))),
            }
        }
    }
    let body =
        too_big("/response/content/text").unwrap_or_else(|| response_body(index, entry, limits));
    sink.push(Item::Record(base(DocumentKind::Response, body)));
}

fn bounded_body(bytes: &[u8], limits: Limits) -> Body {
    if bytes.len() as u64 > limits.max_record_bytes {
        Body::Broken(format!(
            "the body is larger than the limit of {} bytes (--max-record-bytes)",
            limits.max_record_bytes
        ))
    } else {
        Body::Json(bytes.to_vec().into())
    }
}

fn response_body(index: usize, entry: &Value, limits: Limits) -> Body {
    let status = match entry.pointer("/response/status") {
        None => return Body::Skipped("no response was captured".to_owned()),
        Some(s) => match s.as_i64() {
            Some(s) => s,
            None => {
                return Body::Broken(format!(
                    "malformed HAR entry {index}: response.status is not an integer"
                ))
            }
        },
    };
    if !(200..300).contains(&status) {
        return Body::Skipped(if status == 0 {
            "no response was captured (status 0)".to_owned()
        } else {
            format!("HTTP status {status}: not an account object")
        });
    }
    let content = entry.pointer("/response/content");
    let text = match content.and_then(|c| c.get("text")) {
        None | Some(Value::Null) => {
            return Body::Skipped("the capture has no response body (content.text)".into())
        }
        Some(Value::String(text)) => text,
        Some(_) => {
            return Body::Broken(format!(
                "malformed HAR entry {index}: response.content.text is not a string"
            ))
        }
    };
    let base64 = content
        .and_then(|c| c.get("encoding"))
        .and_then(Value::as_str)
        == Some("base64");
    if !base64 {
        return bounded_body(text.as_bytes(), limits);
    }
    // Base64 is 4/3 of its payload: refuse before decoding what cannot fit.
    if text.len() as u64 / 4 * 3 > limits.max_record_bytes.saturating_add(3) {
        return bounded_body(text.as_bytes(), limits);
    }
    let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    match base64::engine::general_purpose::STANDARD.decode(compact) {
        Ok(bytes) => bounded_body(&bytes, limits),
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
    }

    /// What the scan hands on of `text` (outside any tap, no string cut).
    fn scanned(text: &[u8]) -> Vec<u8> {
        let mut scan = Scan::default();
        let mut out = Vec::new();
        for &b in text {
            match scan.feed(b, u64::MAX) {
                Fed::Pass(b) => out.push(b),
                Fed::Cut => out.push(b'"'),
                Fed::Deep => out.push(b'0'),
                Fed::Drop => {}
            }
        }
        out
    }

    #[test]
    fn values_deeper_than_the_limit_are_dropped() {
        let open = "[".repeat(ENTRY_DEPTH);
        let close = "]".repeat(ENTRY_DEPTH);
        // At the limit: as it was.
        let text = format!("{open}1{close}");
        assert_eq!(scanned(text.as_bytes()), text.as_bytes());
        // One deeper: `0` in place of the value, whatever it holds (strings with brackets).
        let text = format!(r#"{open}[{{"a":["]}}\"[",[]]}}],2{close}"#);
        assert_eq!(
            String::from_utf8(scanned(text.as_bytes())).unwrap_or_default(),
            format!("{open}0,2{close}")
        );
        // Brackets in strings do not count.
        let text = format!(r#"["{open}{open}"]"#);
        assert_eq!(scanned(text.as_bytes()), text.as_bytes());
    }

    #[test]
    fn har_prefixes() {
        assert!(looks_like_har(b" {\n  \"log\": {"));
        assert!(!looks_like_har(b"{\"name\": 1}"));
    }
}
