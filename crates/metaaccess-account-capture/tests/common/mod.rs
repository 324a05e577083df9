//! What the hostile-HAR tests share: the capture they build around a value, the reader run
//! over it, and this process's peak memory (Linux).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

use std::io::Read;

use metaaccess_account_capture::input::{read_reader, Body, InputFormat, Item, Limits, Sink};

/// A figure of this process's memory from /proc/self/status, in bytes (Linux).
pub fn status(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// The peak resident memory of this process since the last [`reset_peak`], in bytes.
pub fn peak() -> Option<u64> {
    status("VmHWM:")
}

/// Starts [`peak`] anew from the resident memory now; `false` where that cannot be done.
pub fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

pub const ACCOUNT: &str = r#""request":{"url":"https://h/o/api/v3.1/account"}"#;
pub const DOC: &str = r#"{\"name\":\"n\",\"email\":\"a@b.co\",\"last_login\":\"2017-03-09T08:00:00Z\",\"date_created\":\"2013-10-04T08:00:00Z\",\"devices_allowed\":5,\"devices_used\":1,\"devices_uncompliant\":0}"#;

/// A good Account Details entry.
pub fn good() -> String {
    format!(r#"{{{ACCOUNT},"response":{{"status":200,"content":{{"text":"{DOC}"}}}}}}"#)
}

/// What the reader makes of `input`: each record's locator and body (`json`, or the message).
pub fn read(input: impl Read, max_record_bytes: u64) -> Vec<(String, String)> {
    let mut got = Vec::new();
    let mut deliver = |item: Item| {
        match item {
            Item::Record(r) => got.push((
                r.locator.to_string(),
                match r.body {
                    Body::Json(_) => "json".to_owned(),
                    Body::Skipped(why) => format!("skipped: {why}"),
                    Body::Broken(why) => why,
                },
            )),
            Item::Error(e) => got.push(("error".to_owned(), e.message)),
        }
        true
    };
    let limits = Limits {
        max_record_bytes,
        ..Limits::default()
    };
    read_reader(
        "capture.har",
        input,
        InputFormat::Har,
        limits,
        &mut Sink::new(&mut deliver),
    );
    got
}
