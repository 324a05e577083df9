//! HAR 1.2 captures: the entries that call an Account Details endpoint of any version.

use std::sync::Arc;

use base64::Engine as _;
use metaaccess_account::DocumentKind;
use metaaccess_account_validate::secrets::Secrets;
use serde_json::Value;

use super::{record, Body, Item, Locator, Record, Sink};

pub(super) fn read_har(source: &Arc<str>, har: &Value, sink: &mut Sink<'_>) {
    let Some(entries) = har.pointer("/log/entries").and_then(Value::as_array) else {
        let body = Body::Broken("not a HAR capture: log.entries is missing or not an array".into());
        return sink.push(Item::Record(record(source, Locator::Document, body)));
    };
    for (index, entry) in entries.iter().enumerate() {
        let url = entry
            .pointer("/request/url")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let Some(version) = metaaccess_account::version_of_path(url_path(url)) else {
            continue; // another endpoint
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
            if let Some(text) = entry
                .pointer("/request/postData/text")
                .and_then(Value::as_str)
            {
                sink.push(Item::Record(base(
                    DocumentKind::Request,
                    Body::Json(text.as_bytes().to_vec()),
                )));
            }
        }
        sink.push(Item::Record(base(
            DocumentKind::Response,
            response_body(entry),
        )));
    }
}

fn response_body(entry: &Value) -> Body {
    let status = entry
        .pointer("/response/status")
        .and_then(Value::as_i64)
        .unwrap_or(0);
    if !(200..300).contains(&status) {
        return Body::Skipped(if status == 0 {
            "no response was captured (status 0)".to_owned()
        } else {
            format!("HTTP status {status}: not an account object")
        });
    }
    let content = entry.pointer("/response/content");
    let Some(text) = content.and_then(|c| c.get("text")).and_then(Value::as_str) else {
        return Body::Skipped("the capture has no response body (content.text)".into());
    };
    let base64 = content
        .and_then(|c| c.get("encoding"))
        .and_then(Value::as_str)
        == Some("base64");
    if !base64 {
        return Body::Json(text.as_bytes().to_vec());
    }
    let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    match base64::engine::general_purpose::STANDARD.decode(compact) {
        Ok(bytes) => Body::Json(bytes),
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
}
