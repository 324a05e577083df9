//! Where HAR captures carry secrets: URLs, headers, cookies and request bodies.

use base64::Engine as _;
use serde_json::Value;

use std::borrow::Cow;

use super::{is_secret_name, Secrets, REDACTED};

/// `text` (a URL, or a file named after one) with the value of every secret-named parameter
/// (`?name=value`, `&name=value`, `;name=value`, `#name=value`) replaced by [`REDACTED`]:
/// masking by where the value stands, whatever its length.
///
/// ```
/// use metaaccess_account_validate::secrets::mask_url_params;
/// assert_eq!(mask_url_params("cap/account?access_token=abc&x=1.har"),
///            "cap/account?access_token=<redacted>&x=1.har");
/// assert_eq!(mask_url_params("a.json?apiKey=k#token=t"), "a.json?apiKey=<redacted>#token=<redacted>");
/// assert_eq!(mask_url_params("plain/file.json"), "plain/file.json");
/// ```
pub fn mask_url_params(text: &str) -> Cow<'_, str> {
    if !text.contains('=') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    // The first parameter follows `?` or `#`; the others `&` or `;` (in a query or fragment).
    let mut in_params = false;
    while let Some(i) = rest.find(['?', '#', '&', ';']) {
        let (head, tail) = rest.split_at(i);
        out.push_str(head);
        let sep = tail.chars().next().unwrap_or('?');
        out.push(sep);
        rest = &tail[sep.len_utf8()..];
        in_params |= matches!(sep, '?' | '#');
        if !in_params {
            continue;
        }
        let end = rest
            .find(|c| matches!(c, '?' | '#' | '&' | ';') || c.is_whitespace())
            .unwrap_or(rest.len());
        let pair = &rest[..end];
        match pair.split_once('=') {
            Some((name, value)) if !value.is_empty() && is_secret_name(&percent_decode(name)) => {
                out.push_str(name);
                out.push('=');
                out.push_str(REDACTED);
            }
            _ => out.push_str(pair),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

impl Secrets {
    /// Remembers secret-named parameters of a query string or form body (`&` or `;`
    /// separated), raw and percent-decoded.
    pub fn collect_form(&mut self, form: &str) {
        for pair in form.split(['&', ';']) {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            if is_secret_name(&percent_decode(name)) {
                self.add(value);
                self.add(&percent_decode(value));
            }
        }
    }

    /// Remembers the secrets of a URL: its query string and its fragment parameters.
    pub fn collect_url(&mut self, url: &str) {
        let (rest, fragment) = url.split_once('#').unwrap_or((url, ""));
        if let Some((_, query)) = rest.split_once('?') {
            self.collect_form(query);
        }
        self.collect_form(fragment.trim_start_matches(['?', '/']));
    }

    /// Remembers a header's secret, by its name and value.
    pub fn collect_header(&mut self, name: &str, value: &str) {
        let lower = name.trim().to_ascii_lowercase();
        if lower == "cookie" {
            for cookie in value.split(';') {
                let (_, v) = cookie.split_once('=').unwrap_or(("", cookie));
                self.add(v);
            }
        } else if lower == "set-cookie" {
            let first = value.split(';').next().unwrap_or_default();
            let (_, v) = first.split_once('=').unwrap_or(("", first));
            self.add(v);
        } else if lower.ends_with("authorization") {
            self.add(value);
            let (scheme, credentials) = value.trim().split_once(' ').unwrap_or(("", value));
            if scheme.eq_ignore_ascii_case("basic") {
                let engine = base64::engine::general_purpose::STANDARD;
                if let Ok(decoded) = engine.decode(credentials.trim()) {
                    let decoded = String::from_utf8_lossy(&decoded).into_owned();
                    if let Some((_, password)) = decoded.split_once(':') {
                        self.add(password);
                    }
                    self.add(&decoded);
                }
            }
        } else if is_secret_name(&lower) {
            self.add(value);
        }
    }

    /// Remembers every secret a HAR entry carries around its documents: URL query and
    /// fragment, `queryString`, headers, cookies and the request body.
    pub fn collect_har_entry(&mut self, entry: &Value) {
        let text = |p: &str| entry.pointer(p).and_then(Value::as_str).unwrap_or_default();
        self.collect_url(text("/request/url"));
        for (name, value) in
            pairs(entry, "/request/queryString").chain(pairs(entry, "/request/postData/params"))
        {
            if is_secret_name(name) {
                self.add(value);
            }
        }
        for side in ["request", "response"] {
            for (name, value) in pairs(entry, &format!("/{side}/headers")) {
                self.collect_header(name, value);
            }
            for (_, value) in pairs(entry, &format!("/{side}/cookies")) {
                self.add(value);
            }
        }
        let body = text("/request/postData/text");
        match serde_json::from_str::<Value>(body) {
            Ok(json) => self.collect_json(&json),
            Err(_) => self.collect_form(body),
        }
    }
}

fn pairs<'a>(entry: &'a Value, pointer: &str) -> impl Iterator<Item = (&'a str, &'a str)> {
    entry
        .pointer(pointer)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|item| {
            let get = |k| item.get(k).and_then(Value::as_str).unwrap_or_default();
            (get("name"), get("value"))
        })
}

/// Decodes `%XX` escapes and `+` (as a space), as query strings and form bodies are written.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match bytes[i] {
            b'%' => match (
                bytes.get(i + 1).and_then(|b| hex(*b)),
                bytes.get(i + 2).and_then(|b| hex(*b)),
            ) {
                (Some(h), Some(l)) => {
                    out.push(u8::try_from(h * 16 + l).unwrap_or(b'?'));
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
