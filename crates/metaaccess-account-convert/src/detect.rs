//! Which versions' schemas accept a document.

use metaaccess_account::{validator, ApiVersion, DocumentKind, REDACTED};
use serde::Serialize;
use serde_json::Value;

/// Why a version's schema rejects a document: its first error.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Rejection {
    /// The version.
    pub version: ApiVersion,
    /// JSON pointer of the offending value.
    pub pointer: String,
    /// The schema's message (a license key value is never quoted).
    pub message: String,
}

/// The versions whose response schemas accept a document, and why the others reject it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Detection {
    /// Versions that accept it, oldest first.
    pub accepted: Vec<ApiVersion>,
    /// One reason for each version that rejects it.
    pub rejected: Vec<Rejection>,
}

/// How many versions accept a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Detected {
    /// Exactly one version accepts it.
    One(ApiVersion),
    /// Several do (oldest first): a 3.1-shaped document is also valid 3.2.
    Several(Vec<ApiVersion>),
    /// None does.
    None,
}

impl Detection {
    /// Exactly one version, several, or none.
    pub fn verdict(&self) -> Detected {
        match self.accepted.as_slice() {
            [] => Detected::None,
            [v] => Detected::One(*v),
            many => Detected::Several(many.to_vec()),
        }
    }

    /// The one accepting version, if exactly one accepts.
    pub fn exactly_one(&self) -> Option<ApiVersion> {
        match self.accepted.as_slice() {
            [v] => Some(*v),
            _ => None,
        }
    }

    /// Whether several versions accept it (a 3.1-shaped document is also valid 3.2).
    pub fn is_ambiguous(&self) -> bool {
        self.accepted.len() > 1
    }

    /// Whether no version accepts it.
    pub fn is_none(&self) -> bool {
        self.accepted.is_empty()
    }
}

/// Checks a document against every version's published response schema.
///
/// ```
/// use metaaccess_account::ApiVersion;
/// use metaaccess_account_convert::{detect, Detected};
///
/// let doc = serde_json::json!({
///   "name": "OPSWAT IT", "email": "opswat_it@opswat.com",
///   "last_login": "2017-03-09T08:00:00Z", "date_created": "2013-10-04T08:00:00Z",
///   "devices_allowed": 500, "devices_used": 120,
///   "devices_by_status": [], "devices_by_issue_severity": [],
///   "devices_by_vulnerability_severity": [], "license_key": "k"
/// });
/// let d = detect(&doc);
/// assert_eq!(d.accepted, [ApiVersion::V3_1, ApiVersion::V3_2]);
/// assert!(d.is_ambiguous());
/// assert_eq!(d.verdict(), Detected::Several(vec![ApiVersion::V3_1, ApiVersion::V3_2]));
/// assert_eq!(d.rejected[0].version, ApiVersion::V2_0);
/// ```
pub fn detect(value: &Value) -> Detection {
    let mut accepted = Vec::new();
    let mut rejected = Vec::new();
    for version in ApiVersion::ALL {
        let Some(v) = validator(version, DocumentKind::Response) else {
            continue;
        };
        match v.iter_errors(value).next() {
            None => accepted.push(version),
            Some(e) => {
                let pointer = e.instance_path().as_str().to_owned();
                rejected.push(Rejection {
                    version,
                    message: safe_message(&pointer, &e.to_string()),
                    pointer,
                });
            }
        }
    }
    Detection { accepted, rejected }
}

/// A schema error message fit to print: the schema quotes the offending value, which for
/// `license_key` is a secret.
pub(crate) fn safe_message(pointer: &str, message: &str) -> String {
    if pointer.ends_with("/license_key") {
        format!("license_key (value {REDACTED}) is not a string")
    } else {
        message.to_owned()
    }
}
