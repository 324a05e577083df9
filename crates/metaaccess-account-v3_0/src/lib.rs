//! OPSWAT MetaAccess "Account Details", API version 3.0.
//!
//! `GET https://gears.opswat.com/o/api/v3/account`. Change in this version (2018-11-27):
//! `license_key` added to the response (so earlier 3.0 responses lack it). 3.0 also reports
//! `devices_unknown`, which 2.0 does not.
//!
//! ```
//! use metaaccess_account_v3_0::{AccountDetails, Document};
//!
//! let json = r#"{
//!   "name": "OPSWAT IT", "email": "opswat_it@opswat.com",
//!   "last_login": "2017-03-09T08:00:00Z", "date_created": "2013-10-04T08:00:00Z",
//!   "devices_allowed": 500, "devices_used": 120, "devices_uncompliant": 5,
//!   "devices_critical": 2, "devices_issues": 52, "devices_unknown": 25,
//!   "license_key": "testcccd3e7201ee83e2c4b9f6dfc96c"
//! }"#;
//! let account = AccountDetails::from_json_str_strict(json)?;
//! assert_eq!(account.devices_unknown.get(), 25);
//! // The license key is data, but Debug never shows it.
//! assert!(!format!("{account:?}").contains("testcccd3e7201ee83e2c4b9f6dfc96c"));
//! # Ok::<(), metaaccess_account_v3_0::ParseError>(())
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]

/// This crate's README, whose example is compiled and run as a doctest so that it stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

mod response;

pub use metaaccess_account_core::{
    ApiVersion, Count, Document, Drift, Email, LicenseKey, ParseError, Parsed, Timestamp,
};
pub use response::*;

use metaaccess_account_core::{doc_date, Endpoint, Method, ACCESS_TOKEN, RATE_LIMIT};

/// Endpoint metadata of version 3.0.
pub const ENDPOINT: Endpoint = Endpoint {
    version: ApiVersion::V3_0,
    path: "/o/api/v3/account",
    method: Method::Get,
    has_request_body: false,
    authentication_required: true,
    access_token: ACCESS_TOKEN,
    rate_limit: RATE_LIMIT,
    doc_last_updated: doc_date(2018, 11, 27),
    change_note: "license_key added to the response",
};
