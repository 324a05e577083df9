//! Captured OPSWAT MetaAccess Account Details traffic, the same through every front end.
//!
//! The command-line tool `metaaccess-account`, the Python package and any Rust program that
//! checks captured traffic call this one library for each job, so that they cannot disagree:
//!
//! - [`input`]: records read from files, directories and streams (single JSON documents,
//!   NDJSON, HAR captures), with the secrets around each record (URL, headers, cookies);
//! - [`check`]: a record's verdict, from `metaaccess-account-validate`;
//! - [`convert`]: a record upgraded or downgraded, with the `$conversion` envelope of
//!   `metaaccess-account-convert` read and written, and its report;
//! - [`output`]: the one renderer of verdicts, detections, conversion reports and summaries,
//!   human or JSON, every line through one [`output::Shield`] that masks secrets and fails
//!   closed.
//!
//! ```
//! use metaaccess_account_capture::input::{read_reader, InputFormat, Item, Limits, Sink};
//! use metaaccess_account_capture::{check, output};
//! use metaaccess_account_validate::Validator;
//!
//! let ndjson = b"{\"score_type\": \"cvss3_score\"}\nnot json\n";
//! let mut records = Vec::new();
//! let mut deliver = |item| { if let Item::Record(r) = item { records.push(r) } true };
//! read_reader("capture.ndjson", &ndjson[..], InputFormat::Ndjson, Limits::default(),
//!             &mut Sink::new(&mut deliver));
//! assert_eq!(records.len(), 2);
//! let validator = Validator::default();
//! let mut out = Vec::new();
//! for record in &records {
//!     let verdict = check::check(record, &validator, None);
//!     output::write_verdict(&mut out, output::Format::Json, false, record, &verdict, false)?;
//! }
//! let text = String::from_utf8(out).unwrap();
//! assert!(text.lines().nth(1).unwrap().contains("\"status\":\"invalid\""));
//! # Ok::<(), std::io::Error>(())
//! ```

pub mod check;
pub mod convert;
pub mod input;
pub mod output;
