//! Which versions' schemas accept a document: the one detection implementation.

use metaaccess_account::{ApiVersion, DocumentKind};
use serde::Serialize;
use serde_json::Value;

use crate::secrets::Secrets;
use crate::{engine, schemas, Status};

/// Why a version's schema rejects a document: its first error.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[non_exhaustive]
pub struct Rejection {
    /// The version.
    pub version: ApiVersion,
    /// JSON pointer of the offending value.
    pub pointer: String,
    /// The schema's message (values described, never quoted whole; secrets masked).
    pub message: String,
}

/// The versions whose schemas accept a document, those that read it apart from undocumented
/// items (drift), and why the others reject it. Every version is in exactly one of the three
/// lists, and each message is the one `validate` gives against that version: detection is the
/// verdict engine run against each version in turn.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[non_exhaustive]
pub struct Detection {
    /// Versions that accept it, oldest first.
    pub accepted: Vec<ApiVersion>,
    /// Versions that accept it apart from undocumented fields or enum values, oldest first,
    /// each with its first undocumented item.
    pub drift: Vec<Rejection>,
    /// One reason for each version that rejects it, oldest first.
    pub rejected: Vec<Rejection>,
}

/// How many versions accept a document.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
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

    /// Whether several versions accept it.
    pub fn is_ambiguous(&self) -> bool {
        self.accepted.len() > 1
    }

    /// Whether no version accepts it, not even apart from undocumented items: what
    /// `validate` calls invalid.
    pub fn is_none(&self) -> bool {
        self.accepted.is_empty() && self.drift.is_empty()
    }

    /// `"one"` or `"several"` versions accept it; else `"drift"` when some version reads it
    /// apart from undocumented items; else `"none"`.
    pub fn outcome(&self) -> &'static str {
        match (self.accepted.len(), self.drift.is_empty()) {
            (0, false) => "drift",
            (0, true) => "none",
            (1, _) => "one",
            _ => "several",
        }
    }
}

/// Checks a response against every version's published response schema.
///
/// ```
/// use metaaccess_account::ApiVersion;
/// use metaaccess_account_validate::{detect, Detected};
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
/// assert_eq!(d.verdict(), Detected::Several(vec![ApiVersion::V3_1, ApiVersion::V3_2]));
/// assert_eq!(d.rejected[0].version, ApiVersion::V2_0);
/// ```
pub fn detect(value: &Value) -> Detection {
    detect_kind(value, DocumentKind::Response)
}

/// [`detect`] for a kind of document: only versions that have such a document take part.
///
/// ```
/// use metaaccess_account::DocumentKind;
/// use metaaccess_account_validate::detect_kind;
/// let d = detect_kind(&serde_json::json!({"score_type": "cvss3_score"}), DocumentKind::Request);
/// assert_eq!(d.accepted.len(), 1);
/// ```
pub fn detect_kind(value: &Value, kind: DocumentKind) -> Detection {
    let mut secrets = Secrets::default();
    secrets.collect_json(value);
    detect_with(value, kind, &secrets, &crate::Options::default())
}

pub(crate) fn detect_with(
    value: &Value,
    kind: DocumentKind,
    secrets: &Secrets,
    options: &crate::Options,
) -> Detection {
    let options = options.max_errors(1);
    let mut detection = Detection {
        accepted: Vec::new(),
        drift: Vec::new(),
        rejected: Vec::new(),
    };
    for version in schemas::versions_with(kind) {
        let verdict = engine::check_version(value, kind, version, &options, secrets);
        let first = || {
            let p = verdict.errors.first();
            Rejection {
                version,
                pointer: p.map(|p| p.instance_path.clone()).unwrap_or_default(),
                message: p.map(|p| p.message.clone()).unwrap_or_default(),
            }
        };
        match verdict.status {
            Status::Valid => detection.accepted.push(version),
            Status::Drift => detection.drift.push(first()),
            Status::Invalid | Status::Skipped => detection.rejected.push(first()),
        }
    }
    detection
}
