//! The response body of version 3.0.

use metaaccess_account_core::{
    added_mid_life, ApiVersion, CheckOnly, Count, Document, DocumentKind, Drift, Email, LicenseKey,
    Timestamp,
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
    /// Number of devices with critical issues.
    pub devices_critical: Count,
    /// Number of devices with issues (critical ones included).
    pub devices_issues: Count,
    /// Number of unknown devices: devices without the agent installed.
    pub devices_unknown: Count,
    /// Account license key. A credential: `Debug` and `Display` never show it. Added during
    /// 3.0's life (2018-11-27), so older 3.0 responses lack it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "added_mid_life"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "LicenseKey"))]
    #[cfg_attr(
        feature = "schema",
        schemars(
            description = "Account license key. A credential: keep it secret. Added during 3.0's life (2018-11-27), so older 3.0 responses lack it."
        )
    )]
    pub license_key: Option<LicenseKey>,
}

impl Document for AccountDetails {
    const VERSION: ApiVersion = ApiVersion::V3_0;
    const KIND: DocumentKind = DocumentKind::Response;
    const SUMMARY: &'static str = "MetaAccess Account Details response, API version 3.0";
    const ILLUSTRATIVE_EXAMPLES: &'static [&'static str] = &[include_str!(
        "../fixtures/response/valid/with-license-key.json"
    )];

    fn unknown_enum_values(&self, _: &mut Vec<Drift>) {}
}
