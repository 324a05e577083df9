//! What validation says about one document.

use metaaccess_account::{AnyAccountDetails, ApiVersion, DocumentKind};
use serde::Serialize;
use serde_json::Value;

use crate::secrets::Secrets;

/// The verdict on a document.
///
/// Exhaustive by design: these four statuses are the command-line tool's output contract
/// (its summary counts each), so a new one would be a breaking change however it is marked.
/// `Display` and `FromStr` use [`Status::as_str`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The version's schema accepts it, and so does the version's model (strictly).
    Valid,
    /// Rejected: not JSON, read differently by different parsers, wrong types, missing fields,
    /// bad values.
    Invalid,
    /// Accepted apart from fields or enum values the version does not document (the lenient
    /// model reads it).
    Drift,
    /// Not a document to check (for example a HAR entry with a non-2xx status).
    Skipped,
}

impl Status {
    /// `"valid"`, `"invalid"`, `"drift"` or `"skipped"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Valid => "valid",
            Self::Invalid => "invalid",
            Self::Drift => "drift",
            Self::Skipped => "skipped",
        }
    }

    /// Every status.
    pub const ALL: [Status; 4] = [
        Status::Valid,
        Status::Invalid,
        Status::Drift,
        Status::Skipped,
    ];
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error returned when a string names no [`Status`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UnknownStatus(String);

impl std::fmt::Display for UnknownStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "unknown status {:?}: expected valid, invalid, drift or skipped",
            self.0
        )
    }
}

impl std::error::Error for UnknownStatus {}

impl std::str::FromStr for Status {
    type Err = UnknownStatus;

    /// Reads what `Display` (and serde) write: `valid`, `invalid`, `drift`, `skipped`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|status| status.as_str() == s)
            .ok_or_else(|| UnknownStatus(s.to_owned()))
    }
}

/// One problem, located by a JSON pointer. Its message never quotes a whole document and has
/// the document's secrets masked (unless [`crate::Options::show_secrets`](crate::Options#structfield.show_secrets)).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[non_exhaustive]
pub struct Problem {
    /// JSON pointer of the offending value (`""` for the whole document).
    pub instance_path: String,
    /// What is wrong.
    pub message: String,
}

impl Problem {
    /// A problem at a pointer.
    pub fn new(instance_path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            instance_path: instance_path.into(),
            message: message.into(),
        }
    }
}

/// The outcome of validating one document.
///
/// Whatever is [`Status::Valid`] or [`Status::Drift`] as a response carries its parsed
/// [`model`](Verdict::model), so it can be converted: the schema and the model never disagree
/// silently. (Unless the validator was asked for no models,
/// [`Options::keep_models`](crate::Options::keep_models): then a response the typed fast path
/// finds valid has none.)
///
/// `Debug` never shows a secret: the document is shown redacted (see
/// [`Secrets::redact_document`]), the secrets only counted.
#[derive(Clone)]
#[non_exhaustive]
pub struct Verdict {
    /// Response or request body.
    pub kind: DocumentKind,
    /// The verdict.
    pub status: Status,
    /// The version it was checked against (the oldest accepting one when detected).
    pub api_version: Option<ApiVersion>,
    /// Other versions whose schemas also accept it.
    pub also_valid_as: Vec<ApiVersion>,
    /// Problems (or, for drift, the undocumented items), each at a pointer.
    pub errors: Vec<Problem>,
    /// How many problems were left out by [`crate::Options::max_errors`](crate::Options#structfield.max_errors).
    pub more_errors: usize,
    /// A remark (why skipped, how the version was chosen).
    pub note: Option<String>,
    /// The parsed JSON document, when the bytes were usable JSON.
    pub document: Option<Value>,
    /// The leniently parsed model, for a valid or drifting response (but see
    /// [`Options::keep_models`](crate::Options::keep_models)).
    pub model: Option<Box<AnyAccountDetails>>,
    /// The secrets the document holds (see [`crate::secrets`]).
    pub secrets: Secrets,
}

impl std::fmt::Debug for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let document = self.document.as_ref().map(|d| {
            let mut shown = d.clone();
            self.secrets.redact_document(&mut shown);
            shown
        });
        f.debug_struct("Verdict")
            .field("kind", &self.kind)
            .field("status", &self.status)
            .field("api_version", &self.api_version)
            .field("also_valid_as", &self.also_valid_as)
            .field("errors", &self.errors)
            .field("more_errors", &self.more_errors)
            .field("note", &self.note)
            .field("document", &document)
            .field("model", &self.model)
            .field("secrets", &self.secrets)
            .finish()
    }
}

impl Verdict {
    /// An empty verdict of a status.
    pub fn new(kind: DocumentKind, status: Status) -> Self {
        Self {
            kind,
            status,
            api_version: None,
            also_valid_as: Vec::new(),
            errors: Vec::new(),
            more_errors: 0,
            note: None,
            document: None,
            model: None,
            secrets: Secrets::default(),
        }
    }

    /// An invalid verdict with one problem about the whole document.
    ///
    /// ```
    /// use metaaccess_account::DocumentKind;
    /// use metaaccess_account_validate::{Status, Verdict};
    /// let v = Verdict::invalid(DocumentKind::Response, "record is too large");
    /// assert_eq!(v.status, Status::Invalid);
    /// assert_eq!(v.errors[0].instance_path, "");
    /// ```
    pub fn invalid(kind: DocumentKind, message: impl Into<String>) -> Self {
        let mut v = Self::new(kind, Status::Invalid);
        v.errors.push(Problem::new("", message));
        v
    }

    /// A skipped verdict, with why.
    pub fn skipped(kind: DocumentKind, note: impl Into<String>) -> Self {
        let mut v = Self::new(kind, Status::Skipped);
        v.note = Some(note.into());
        v
    }

    /// Whether the document was accepted (valid or drift): what may be converted.
    pub fn is_accepted(&self) -> bool {
        matches!(self.status, Status::Valid | Status::Drift)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_names_round_trip() {
        for status in Status::ALL {
            assert_eq!(status.to_string().parse::<Status>(), Ok(status));
            let json = serde_json::to_value(status).ok();
            assert_eq!(
                json.as_ref().and_then(|v| v.as_str()),
                Some(status.as_str())
            );
        }
        assert!("Valid".parse::<Status>().is_err());
    }
}
