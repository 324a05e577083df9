#![doc = include_str!("../README.md")]
// docs.rs (nightly) labels feature-gated items; `doc_auto_cfg` was merged into `doc_cfg` in Rust 1.92.
#![cfg_attr(docsrs, feature(doc_cfg))]

mod any;
#[cfg(feature = "schema")]
pub mod openapi;
mod versions;

#[cfg(feature = "schema")]
use std::path::PathBuf;

pub use any::{AnyAccountDetails, AnyAccountDetailsRequest};
pub use versions::*;

/// The one list of API versions, as a callback macro (see [`metaaccess_account_core::api_versions!`]).
pub use metaaccess_account_core::api_versions;
#[cfg(feature = "schema")]
pub use metaaccess_account_core::schema::{self, Dialect};
// Every public type that appears in this crate's API (its own signatures, the version modules'
// models and `Endpoint`), so that depending on this crate alone is enough.
pub use metaaccess_account_core::{
    escape_pointer_token, time, AccessToken, ApiVersion, Count, CountOutOfRange, Document,
    DocumentKind, Drift, DriftKind, Email, Endpoint, InvalidEmail, InvalidTimestamp, LicenseKey,
    Method, OpenEnum, ParseError, ParseErrorKind, Parsed, RateLimit, Timestamp, TokenLocation,
    UnknownDocumentKind, UnknownMethod, UnknownValue, UnknownVersion, ACCESS_TOKEN, HOST,
    RATE_LIMIT, RATE_LIMIT_HEADERS, REDACTED, STATUS_CODES,
};

/// The version whose endpoint has this URL path (query string excluded; a trailing `/` is
/// tolerated).
///
/// ```
/// use metaaccess_account::{version_of_path, ApiVersion};
/// assert_eq!(version_of_path("/o/api/v3/account"), Some(ApiVersion::V3_0));
/// assert_eq!(version_of_path("/o/api/v3/devices"), None);
/// ```
pub fn version_of_path(path: &str) -> Option<ApiVersion> {
    ApiVersion::ALL
        .into_iter()
        .find(|v| endpoint(*v).matches_path(path))
}

/// The published Draft 2020-12 schema of a version's response.
#[cfg(feature = "schema")]
pub fn response_schema(version: ApiVersion) -> serde_json::Value {
    response_schema_in(version, Dialect::Draft2020_12)
}

/// The published Draft 2020-12 schema of a version's request body, for versions that have
/// one.
#[cfg(feature = "schema")]
pub fn request_schema(version: ApiVersion) -> Option<serde_json::Value> {
    request_schema_in(version, Dialect::Draft2020_12)
}

/// One generated file of the `schemas/` folder.
#[cfg(feature = "schema")]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemaFile {
    /// Path relative to `schemas/`, e.g. `v3.1/account-details.response.schema.json`.
    pub path: PathBuf,
    /// File contents: pretty-printed JSON and a final newline.
    pub contents: String,
}

#[cfg(feature = "schema")]
/// Every generated file of the `schemas/` folder: per version, the response (and 3.2 request)
/// schemas in Draft 2020-12 and Draft-07, and an OpenAPI 3.1 document.
pub fn schema_files() -> Vec<SchemaFile> {
    let mut files = Vec::new();
    for version in ApiVersion::ALL {
        let mut push = |name: String, value: serde_json::Value| {
            let mut contents = serde_json::to_string_pretty(&value).unwrap_or_default();
            contents.push('\n');
            files.push(SchemaFile {
                path: PathBuf::from(version.dir_name()).join(name),
                contents,
            });
        };
        for dialect in Dialect::ALL {
            let response = DocumentKind::Response;
            push(
                schema::schema_file_name_in(response, dialect),
                response_schema_in(version, dialect),
            );
            if let Some(request) = request_schema_in(version, dialect) {
                push(
                    schema::schema_file_name_in(DocumentKind::Request, dialect),
                    request,
                );
            }
        }
        push("openapi.json".to_owned(), openapi::document(version));
    }
    files
}
