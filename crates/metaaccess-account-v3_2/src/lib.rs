//! OPSWAT MetaAccess "Account Details", API version 3.2.
//!
//! `POST https://gears.opswat.com/o/api/v3.2/account`. Changes in this version (2023-04-18):
//! the request gains a JSON body with `score_type`, and vulnerability severities gain `high`
//! and `medium`. The response is otherwise shaped as in 3.1.
//!
//! ```
//! use metaaccess_account_v3_2::{AccountDetails, Document, DeviceStatus};
//!
//! let json = r#"{
//!   "name": "OPSWAT IT", "email": "opswat_it@opswat.com",
//!   "last_login": "2017-03-09T08:00:00Z", "date_created": "2013-10-04T08:00:00Z",
//!   "devices_allowed": 500, "devices_used": 120,
//!   "devices_by_status": [{"status": "compliant", "number_of_devices": 115},
//!                         {"status": "non-compliant", "number_of_devices": 5}],
//!   "devices_by_issue_severity": [{"severity": "no_issue", "number_of_devices": 120}],
//!   "devices_by_vulnerability_severity": [{"severity": "high", "number_of_devices": 7}],
//!   "license_key": "testcccd3e7201ee83e2c4b9f6dfc96c"
//! }"#;
//! let account = AccountDetails::from_json_str_strict(json)?;
//! assert_eq!(account.devices_used.get(), 120);
//! assert_eq!(account.devices_by_status[1].status, DeviceStatus::NonCompliant);
//! // The license key is data, but Debug never shows it.
//! assert!(!format!("{account:?}").contains(account.license_key.expose()));
//! # Ok::<(), metaaccess_account_v3_2::ParseError>(())
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]

/// This crate's README, whose example is compiled and run as a doctest so that it stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

mod request;
mod response;

pub use metaaccess_account_core::{
    ApiVersion, Count, Document, Drift, Email, LicenseKey, ParseError, Parsed, Timestamp,
};
pub use request::*;
pub use response::*;

use metaaccess_account_core::{doc_date, Endpoint, Method, ACCESS_TOKEN, RATE_LIMIT};

/// Endpoint metadata of version 3.2.
pub const ENDPOINT: Endpoint = Endpoint {
    version: ApiVersion::V3_2,
    path: "/o/api/v3.2/account",
    method: Method::Post,
    has_request_body: true,
    authentication_required: true,
    access_token: ACCESS_TOKEN,
    rate_limit: RATE_LIMIT,
    doc_last_updated: doc_date(2023, 4, 18),
    change_note:
        "request body field score_type added; vulnerability severities gain high and medium",
};
