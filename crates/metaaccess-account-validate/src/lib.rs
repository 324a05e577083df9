//! One verdict on captured OPSWAT MetaAccess Account Details documents.
//!
//! Validating a captured document is: parse it as untrusted input ([`json`]: duplicate keys,
//! `-0`, a byte order mark, nesting depth, trailing characters and non-UTF-8 are refused),
//! detect its version when it is not given ([`detect`]), check it against the committed JSON
//! Schema of that version (formats on; validators built once per process), confirm with the
//! version's model, and give one [`Verdict`]: valid, drift (the lenient model reads it, with
//! undocumented fields or enum values) or invalid, with problems at JSON pointers. Every
//! message has the document's secrets masked ([`secrets`], the one secret policy) unless
//! [`Options::show_secrets`](Options#structfield.show_secrets) is set.
//!
//! A document called valid or drift as a response always carries its parsed model, so it can
//! be converted: the schema and the model never disagree silently.
//!
//! ```
//! use metaaccess_account::{ApiVersion, DocumentKind};
//! use metaaccess_account_validate::{Options, Status, Validator};
//!
//! let validator = Validator::new(Options::default());
//! let captured = br#"{
//!   "name": "OPSWAT IT", "email": "opswat_it@opswat.com",
//!   "last_login": "2017-03-09T08:00:00Z", "date_created": "2013-10-04T08:00:00Z",
//!   "devices_allowed": 500, "devices_used": 120,
//!   "devices_by_status": [{"status": "quarantined", "number_of_devices": 3}],
//!   "devices_by_issue_severity": [], "devices_by_vulnerability_severity": [],
//!   "license_key": "testcccd3e7201ee83e2c4b9f6dfc96c"
//! }"#;
//! let verdict = validator.validate(captured, DocumentKind::Response, None);
//! assert_eq!(verdict.status, Status::Drift);
//! assert_eq!(verdict.api_version, Some(ApiVersion::V3_1)); // the oldest of equally close ones
//! assert_eq!(verdict.errors[0].instance_path, "/devices_by_status/0/status");
//! assert!(verdict.model.is_some(), "drift converts");
//!
//! let verdict = validator.validate(br#"{"a": 1, "a": 2}"#, DocumentKind::Response, None);
//! assert_eq!(verdict.status, Status::Invalid);
//! assert!(verdict.errors[0].message.contains("duplicate key"));
//! ```

/// This crate's README, whose example is compiled and run as a doctest so that it stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

mod detect;
mod engine;
mod fast;
pub mod json;
mod schemas;
pub mod secrets;
mod verdict;

pub use detect::{detect, detect_kind, Detected, Detection, Rejection};
pub use metaaccess_account::{ApiVersion, DocumentKind};
pub use verdict::{Problem, Status, UnknownStatus, Verdict};

use secrets::Secrets;
use serde_json::Value;

/// Options that shape validation. `#[non_exhaustive]`: start from `Options::default()` and
/// set what you need, e.g. `Options::default().strict(true)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Options {
    /// Drift counts as invalid.
    pub strict: bool,
    /// At most this many problems per document (at least one is always kept).
    pub max_errors: usize,
    /// Deepest nesting of arrays and objects accepted.
    pub max_depth: usize,
    /// Leave secrets in messages as they are.
    pub show_secrets: bool,
    /// Decide valid documents by the typed models alone (see [`Options::typed_fast_path`]).
    pub typed_fast_path: bool,
    /// A valid verdict of the typed fast path carries its model (see [`Options::keep_models`]).
    pub keep_models: bool,
}

impl Options {
    /// Sets the `strict` field.
    pub const fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// Sets the `max_errors` field.
    pub const fn max_errors(mut self, max_errors: usize) -> Self {
        self.max_errors = max_errors;
        self
    }

    /// Sets the `max_depth` field.
    pub const fn max_depth(mut self, max_depth: usize) -> Self {
        self.max_depth = max_depth;
        self
    }

    /// Sets the `show_secrets` field.
    pub const fn show_secrets(mut self, show_secrets: bool) -> Self {
        self.show_secrets = show_secrets;
        self
    }

    /// Decides valid response documents in one typed pass over their bytes: no JSON tree, no
    /// schema evaluation. The verdict is the same (the models accept exactly what the schemas
    /// accept: the differential laws prove it), but a valid verdict then carries no
    /// [`Verdict::document`] and no secrets; documents the models do not accept strictly take
    /// the full path, so every other verdict is unchanged. For tools that print nothing of a
    /// valid document, such as a validator of captured traffic.
    pub const fn typed_fast_path(mut self, on: bool) -> Self {
        self.typed_fast_path = on;
        self
    }
}

impl Options {
    /// Whether a valid verdict of the typed fast path carries the document's model (on by
    /// default; convert needs it). Off, the fast path builds no model at all: each version
    /// reads the document with its check-only reader, generated from the model type
    /// (`CheckOnly` in `metaaccess-account-core`), so no string is copied (unless it holds
    /// escapes) and no array stored. The
    /// verdict is the same but for [`Verdict::model`], which is `None`. For tools that report
    /// verdicts and never convert, such as the `validate` command.
    ///
    /// ```
    /// use metaaccess_account::DocumentKind;
    /// use metaaccess_account_validate::{Options, Status, Validator};
    /// let doc = metaaccess_account::response_schema(metaaccess_account::ApiVersion::V3_1)
    ///     ["examples"][0].to_string();
    /// let quick = Validator::new(Options::default().typed_fast_path(true).keep_models(false));
    /// let v = quick.validate(doc.as_bytes(), DocumentKind::Response, None);
    /// assert_eq!(v.status, Status::Valid);
    /// assert!(v.model.is_none());
    /// ```
    pub const fn keep_models(mut self, on: bool) -> Self {
        self.keep_models = on;
        self
    }
}

impl Default for Options {
    /// Not strict, 20 problems, depth 64, secrets masked.
    fn default() -> Self {
        Self {
            strict: false,
            max_errors: 20,
            max_depth: 64,
            show_secrets: false,
            typed_fast_path: false,
            keep_models: true,
        }
    }
}

/// Validates documents; cheap to create (the schema validators are shared by the process) and
/// safe to share between threads.
#[derive(Clone, Debug, Default)]
pub struct Validator {
    options: Options,
}

impl Validator {
    /// A validator with these options.
    pub fn new(options: Options) -> Self {
        let options = Options {
            max_errors: options.max_errors.max(1),
            ..options
        };
        Self { options }
    }

    /// Its options.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Validates captured bytes: parse as untrusted JSON, then [`Validator::validate_value`].
    ///
    /// ```
    /// use metaaccess_account::DocumentKind;
    /// use metaaccess_account_validate::{Status, Validator};
    /// let v = Validator::default().validate(b"{} trailing", DocumentKind::Response, None);
    /// assert_eq!(v.status, Status::Invalid);
    /// assert!(v.errors[0].message.contains("trailing characters"));
    /// assert!(v.document.is_none());
    /// ```
    pub fn validate(
        &self,
        bytes: &[u8],
        kind: DocumentKind,
        version: Option<ApiVersion>,
    ) -> Verdict {
        self.validate_in(bytes, kind, version, &Secrets::default())
    }

    /// [`Validator::validate`] for a document that was captured with secrets around it (the
    /// URL, headers and cookies of a HAR entry): they are masked in every message before a
    /// value is shortened, so no part of them can show.
    ///
    /// ```
    /// use metaaccess_account::DocumentKind;
    /// use metaaccess_account_validate::{secrets::Secrets, Validator};
    /// let token = "0123456789abcdef0123456789abcdef0123456789";
    /// let mut around = Secrets::default();
    /// around.add(token);
    /// let body = format!(r#"{{"score_type": "{token}"}}"#);
    /// let v = Validator::default().validate_in(body.as_bytes(), DocumentKind::Request, None, &around);
    /// assert!(!v.errors[0].message.contains("01234567"), "{}", v.errors[0].message);
    /// ```
    pub fn validate_in(
        &self,
        bytes: &[u8],
        kind: DocumentKind,
        version: Option<ApiVersion>,
        context: &Secrets,
    ) -> Verdict {
        if let Some(valid) = self.fast_valid(bytes, kind, version) {
            return valid;
        }
        match self.parse_in(bytes, kind, context) {
            Ok(value) => self.validate_value_in(value, kind, version, context),
            Err(v) => {
                let mut v = *v;
                v.api_version = version;
                v
            }
        }
    }

    /// The verdict of the typed fast path alone, when the validator has it
    /// ([`Options::typed_fast_path`]) and it applies: a valid response read by its version's
    /// model, without a JSON tree (so [`Verdict::document`] is `None`; the model is in
    /// [`Verdict::model`], unless [`Options::keep_models`] is off). `None` means "take the full
    /// path", never "invalid".
    pub fn fast_valid(
        &self,
        bytes: &[u8],
        kind: DocumentKind,
        version: Option<ApiVersion>,
    ) -> Option<Verdict> {
        if !self.options.typed_fast_path {
            return None;
        }
        fast::valid(
            bytes,
            kind,
            version,
            self.options.max_depth,
            self.options.keep_models,
        )
    }

    /// Parses captured bytes as untrusted JSON (see [`json`]); what parsers would read
    /// differently, or cannot read at all, is an invalid verdict.
    ///
    /// ```
    /// use metaaccess_account::DocumentKind;
    /// use metaaccess_account_validate::Validator;
    /// let v = Validator::default().parse(b"[-0]", DocumentKind::Response).unwrap_err();
    /// assert_eq!(v.errors[0].instance_path, "/0");
    /// ```
    pub fn parse(&self, bytes: &[u8], kind: DocumentKind) -> Result<Value, Box<Verdict>> {
        self.parse_in(bytes, kind, &Secrets::default())
    }

    /// [`Validator::parse`] with the secrets around the document known (see
    /// [`Validator::validate_in`]).
    pub fn parse_in(
        &self,
        bytes: &[u8],
        kind: DocumentKind,
        context: &Secrets,
    ) -> Result<Value, Box<Verdict>> {
        match json::parse(bytes, self.options.max_depth) {
            Ok((value, hazards)) if hazards.is_empty() => Ok(value),
            Ok((value, hazards)) => {
                let mut secrets = Secrets::default();
                secrets.extend(context);
                secrets.collect_json(&value);
                let mut v = Verdict::new(kind, Status::Invalid);
                v.note = Some("parsers disagree on this document".into());
                v.more_errors = hazards.len().saturating_sub(self.options.max_errors);
                v.errors = hazards
                    .into_iter()
                    .take(self.options.max_errors)
                    .map(|h| Problem::new(h.pointer, self.mask(&secrets, h.message)))
                    .collect();
                v.secrets = secrets;
                Err(Box::new(v))
            }
            Err(e) => Err(Box::new(Verdict::invalid(kind, e.message))),
        }
    }

    /// Validates a parsed document against `version`, or, when `None`, against the version
    /// detected: the oldest whose schema accepts it (the others that accept it are
    /// [`Verdict::also_valid_as`]), else the closest one apart from undocumented items
    /// (drift), else the closest one (invalid).
    ///
    /// ```
    /// use metaaccess_account::{ApiVersion, DocumentKind};
    /// use metaaccess_account_validate::{Status, Validator};
    /// let doc = serde_json::json!({"score_type": "cvss2_ score"});
    /// let v = Validator::default().validate_value(doc, DocumentKind::Request, None);
    /// assert_eq!(v.status, Status::Valid);
    /// let v = Validator::default().validate_value(
    ///     serde_json::json!({"license_key": 5}), DocumentKind::Response, Some(ApiVersion::V3_0));
    /// assert_eq!(v.status, Status::Invalid);
    /// assert!(v.errors.iter().all(|p| !p.message.contains('5')));
    /// ```
    pub fn validate_value(
        &self,
        value: Value,
        kind: DocumentKind,
        version: Option<ApiVersion>,
    ) -> Verdict {
        self.validate_value_in(value, kind, version, &Secrets::default())
    }

    /// [`Validator::validate_value`] with the secrets around the document known (see
    /// [`Validator::validate_in`]).
    pub fn validate_value_in(
        &self,
        value: Value,
        kind: DocumentKind,
        version: Option<ApiVersion>,
        context: &Secrets,
    ) -> Verdict {
        let mut secrets = Secrets::default();
        secrets.extend(context);
        secrets.collect_json(&value);
        let shown = if self.options.show_secrets {
            Secrets::default()
        } else {
            secrets.clone()
        };
        let mut v = engine::check(&value, kind, version, &self.options, &shown);
        v.document = Some(value);
        v.secrets = secrets;
        v
    }

    /// Which versions accept a document (see [`detect_kind`]), with this validator's secret
    /// and strictness settings (with `strict`, drift is a rejection).
    pub fn detect(&self, value: &Value, kind: DocumentKind) -> Detection {
        self.detect_in(value, kind, &Secrets::default())
    }

    /// [`Validator::detect`] with the secrets around the document known (see
    /// [`Validator::validate_in`]).
    pub fn detect_in(&self, value: &Value, kind: DocumentKind, context: &Secrets) -> Detection {
        let mut secrets = Secrets::default();
        if !self.options.show_secrets {
            secrets.extend(context);
            secrets.collect_json(value);
        }
        detect::detect_with(value, kind, &secrets, &self.options)
    }

    fn mask(&self, secrets: &Secrets, text: String) -> String {
        if self.options.show_secrets {
            text
        } else {
            engine::clip(secrets.mask_or_withhold(&text))
        }
    }
}
