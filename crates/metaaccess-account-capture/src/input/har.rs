//! HAR 1.2 captures: the entries that call an Account Details endpoint of any version.
//!
//! A HAR is read as a stream: `log.entries` is visited one entry at a time, each entry built
//! into a small tree, turned into records and dropped before the next is read. Memory is one
//! entry, whatever the capture's size; the bytes read are bounded by `--max-har-bytes`.
//! Duplicate keys in the capture's structure (`log`, `entries`, or inside an entry) are
//! reported, never resolved silently; a malformed entry is a record naming its index and cause.

use std::cell::RefCell;
use std::fmt;
use std::io::{self, Read};
use std::sync::Arc;

use base64::Engine as _;
use metaaccess_account::{escape_pointer_token, DocumentKind};
use metaaccess_account_validate::secrets::Secrets;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use super::{record, Body, Item, Limits, Locator, Record, Sink};

/// Deepest nesting accepted inside one HAR entry (the documents in it are strings).
const ENTRY_DEPTH: usize = 128;

/// Counts the bytes read and refuses to read past a limit.
struct Bounded<R> {
    inner: R,
    read: u64,
    limit: u64,
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.read > self.limit {
            return Ok(0);
        }
        let room = usize::try_from(self.limit - self.read + 1).unwrap_or(usize::MAX);
        let n = buf.len().min(room);
        let got = self.inner.read(&mut buf[..n])?;
        self.read += got as u64;
        Ok(got)
    }
}

/// The state shared by the visitors of one capture.
struct Har<'s, 'a> {
    source: &'s Arc<str>,
    sink: RefCell<&'s mut Sink<'a>>,
    limits: Limits,
    entries_seen: RefCell<bool>,
    problems: RefCell<Vec<String>>,
    next_index: RefCell<usize>,
}

/// Reads a HAR capture from `input` (at most `limits.max_har_bytes`), entry by entry.
pub(super) fn read_har(source: &Arc<str>, input: impl Read, limits: Limits, sink: &mut Sink<'_>) {
    let mut bounded = Bounded {
        inner: io::BufReader::with_capacity(64 * 1024, input),
        read: 0,
        limit: limits.max_har_bytes,
    };
    let har = Har {
        source,
        sink: RefCell::new(sink),
        limits,
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
    } else if let Err(e) = result {
        let what = if e.is_eof() {
            "truncated JSON"
        } else {
            "not valid JSON"
        };
        problems.push(format!(
            "the HAR capture is {what} at line {}, column {} ({}); entries from {next} on were not read",
            e.line(),
            e.column(),
            short_reason(&e)
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

struct TopLevel<'h, 's, 'a>(&'h Har<'s, 'a>);

impl<'de> DeserializeSeed<'de> for TopLevel<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
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
            }
        }
        Ok(())
    }
}

struct Log<'h, 's, 'a>(&'h Har<'s, 'a>);

impl<'de> DeserializeSeed<'de> for Log<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
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
            }
        }
        Ok(())
    }
}

struct Entries<'h, 's, 'a>(&'h Har<'s, 'a>);

impl<'de> DeserializeSeed<'de> for Entries<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
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
            let dups = RefCell::new(Vec::new());
            let big = RefCell::new(Vec::new());
            let path = RefCell::new(Vec::new());
            // A base64 body may be 4/3 of the record limit, plus line breaks.
            let max_string = self.0.limits.max_record_bytes.saturating_mul(2);
            let tree = Tree {
                path: &path,
                dups: &dups,
                max_string,
                big: &big,
                depth: 0,
            };
            let Some(entry) = seq.next_element_seed(tree)? else {
                return Ok(());
            };
            let index = {
                let mut next = self.0.next_index.borrow_mut();
                *next += 1;
                *next - 1
            };
            let mut sink = self.0.sink.borrow_mut();
            read_entry(
                self.0.source,
                index,
                &entry,
                &dups.into_inner(),
                &big.into_inner(),
                self.0.limits,
                &mut sink,
            );
            if sink.stopped {
                return Err(de::Error::custom("the reader was stopped"));
            }
        }
    }
}

/// Builds one entry's tree, noting duplicate keys by pointer.
struct Tree<'a> {
    path: &'a RefCell<Vec<String>>,
    dups: &'a RefCell<Vec<String>>,
    /// Strings longer than this are not kept (their pointers go to `big`).
    max_string: u64,
    big: &'a RefCell<Vec<String>>,
    depth: usize,
}

impl Tree<'_> {
    fn deeper(&self) -> Self {
        Tree {
            path: self.path,
            dups: self.dups,
            max_string: self.max_string,
            big: self.big,
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
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        if v.len() as u64 > self.max_string {
            self.big.borrow_mut().push(self.pointer());
            return Ok(Value::String(String::new()));
        }
        Ok(Value::String(v.to_owned()))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        self.check()?;
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
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
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
    dups: &[String],
    big: &[String],
    limits: Limits,
    sink: &mut Sink<'_>,
) {
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
    if !dups.is_empty() {
        // Whichever value wins decides what the entry is: report it, whatever its endpoint.
        return sink.push(broken(format!(
            "malformed HAR entry {index}: duplicate key {} in the entry: parsers disagree on which value wins",
            dups.join(", ")
        )));
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

    #[test]
    fn har_prefixes() {
        assert!(looks_like_har(b" {\n  \"log\": {"));
        assert!(!looks_like_har(b"{\"name\": 1}"));
    }
}
