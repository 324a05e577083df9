//! Shared building blocks of the MetaAccess "Account Details" models.
//!
//! The version crates (`metaaccess-account-v2_0` ... `-v3_2`) build their wire models from
//! these pieces; most users reach them through the `metaaccess-account` facade instead.
//!
//! - [`ApiVersion`]: the one list of published versions.
//! - [`Endpoint`]: method, path, token placement, rate limit and doc dates of a version.
//! - Value types with honest wire rules: [`Count`], [`Timestamp`], [`Email`], [`LicenseKey`]
//!   (a secret that `Debug` and `Display` never show).
//! - [`open_enum!`]: enumerations that keep undocumented values.
//! - [`Document`]: lenient and strict parsing with JSON-pointer errors and drift reports.

mod count;
mod email;
mod endpoint;
mod format;
mod open_enum;
mod parse;
#[cfg(feature = "schema")]
pub mod schema;
mod secret;
mod timestamp;
mod version;

pub use count::{Count, CountOutOfRange, MAX_COUNT};
pub use email::{Email, InvalidEmail};
pub use endpoint::{
    doc_date, AccessToken, Endpoint, Method, RateLimit, TokenLocation, ACCESS_TOKEN, HOST,
    RATE_LIMIT, RATE_LIMIT_HEADERS, STATUS_CODES,
};
pub use open_enum::{OpenEnum, UnknownValue};
pub use parse::{
    added_mid_life, escape_pointer_token, objects_only, Document, DocumentKind, Drift, DriftKind,
    ParseError, ParseErrorKind, Parsed,
};
pub use secret::{LicenseKey, REDACTED};
pub use timestamp::{InvalidTimestamp, Timestamp};
pub use version::{ApiVersion, UnknownVersion};

#[cfg(feature = "schema")]
#[doc(hidden)]
pub use schemars as __schemars;
#[doc(hidden)]
pub use serde as __serde;
