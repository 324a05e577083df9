//! The response body of version 2.0.

use metaaccess_account_core::{
    added_mid_life, ApiVersion, CheckOnly, Count, Document, DocumentKind, Drift, Email, Timestamp,
};
#[cfg(feature = "schema")]
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Account details: the account, its owner, and counts of its monitored devices.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, CheckOnly)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct AccountDetails {
    /// Account name.
    pub name: String,
    /// Owner email address.
    pub email: Email,
    /// The last date when the owner user logged into the MetaAccess console.
    pub last_login: Timestamp,
    /// Date when the account was created.
    pub date_created: Timestamp,
    /// Maximal number of devices the account is allowed to monitor.
    pub devices_allowed: Count,
    /// Number of monitored devices on the account.
    pub devices_used: Count,
    /// Number of non-compliant devices.
    pub devices_uncompliant: Count,
    /// Number of devices with critical issues. Added during 2.0's life (2018-01-30), so older
    /// 2.0 responses lack it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "added_mid_life"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Count"))]
    pub devices_critical: Option<Count>,
    /// Number of devices with issues (critical ones included). Added during 2.0's life
    /// (2018-01-30), so older 2.0 responses lack it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "added_mid_life"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Count"))]
    pub devices_issues: Option<Count>,
}

impl Document for AccountDetails {
    const VERSION: ApiVersion = ApiVersion::V2_0;
    const KIND: DocumentKind = DocumentKind::Response;
    const SUMMARY: &'static str = "MetaAccess Account Details response, API version 2.0";
    const DOC_EXAMPLES: &'static [&'static str] = &[include_str!("../doc-examples/response.json")];

    fn unknown_enum_values(&self, _: &mut Vec<Drift>) {}
}
