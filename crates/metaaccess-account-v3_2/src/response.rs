//! The response body of version 3.2.

use metaaccess_account_core::{
    objects_only, open_enum, ApiVersion, CheckOnly, Count, Document, DocumentKind, Drift, Email,
    LicenseKey, Timestamp,
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
    /// The last date when the owner user logged into the MetaDefender IT-OT Access console.
    pub last_login: Timestamp,
    /// Date when the account was created.
    pub date_created: Timestamp,
    /// Maximal number of devices the account is allowed to monitor.
    pub devices_allowed: Count,
    /// Number of monitored devices on the account.
    pub devices_used: Count,
    /// Number of devices by compliance status.
    #[serde(deserialize_with = "objects_only::vec")]
    pub devices_by_status: Vec<DevicesByStatus>,
    /// Number of devices by issue severity.
    #[serde(deserialize_with = "objects_only::vec")]
    pub devices_by_issue_severity: Vec<DevicesByIssueSeverity>,
    /// Number of devices by vulnerability severity.
    #[serde(deserialize_with = "objects_only::vec")]
    pub devices_by_vulnerability_severity: Vec<DevicesByVulnerabilitySeverity>,
    /// Account license key. A credential: `Debug` and `Display` never show it.
    #[cfg_attr(
        feature = "schema",
        schemars(description = "Account license key. A credential: keep it secret.")
    )]
    pub license_key: LicenseKey,
}

/// The number of devices with one compliance status.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, CheckOnly)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct DevicesByStatus {
    /// Compliance status.
    pub status: DeviceStatus,
    /// Number of devices by status.
    pub number_of_devices: Count,
}

/// The number of devices with one issue severity.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, CheckOnly)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct DevicesByIssueSeverity {
    /// Issue severity.
    pub severity: IssueSeverity,
    /// Number of devices by issue severity.
    pub number_of_devices: Count,
}

/// The number of devices with one vulnerability severity.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, CheckOnly)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct DevicesByVulnerabilitySeverity {
    /// Vulnerability severity.
    pub severity: VulnerabilitySeverity,
    /// Number of devices by vulnerability severity.
    pub number_of_devices: Count,
}

open_enum! {
    /// Compliance status of a device.
    pub enum DeviceStatus {
        /// device is compliant with policy
        Compliant => "compliant",
        /// device is not compliant with policy
        NonCompliant => "non-compliant",
        /// device is exempted
        Exempted => "exempted",
        /// device does not have the agent installed (not counted in devices_used)
        Unknown => "unknown",
    }
}

open_enum! {
    /// Severity of the issues found on a device.
    pub enum IssueSeverity {
        /// device has critical issues
        Critical => "critical",
        /// device has warning issues
        Warning => "warning",
        /// device does not have any issues
        NoIssue => "no_issue",
    }
}

open_enum! {
    /// Severity of the vulnerabilities found on a device. Which scale applies follows the
    /// request's `score_type`: `high` and `medium` (new in 3.2) are CVSS names, while the OPSWAT
    /// scale uses `important` and `moderate` (an inference: the docs do not say).
    pub enum VulnerabilitySeverity {
        /// critical
        Critical => "critical",
        /// important
        Important => "important",
        /// moderate
        Moderate => "moderate",
        /// low
        Low => "low",
        /// unknown severity
        Unknown => "unknown",
        /// high (new in 3.2)
        High => "high",
        /// medium (new in 3.2)
        Medium => "medium",
    }
}

impl Document for AccountDetails {
    const VERSION: ApiVersion = ApiVersion::V3_2;
    const KIND: DocumentKind = DocumentKind::Response;
    const SUMMARY: &'static str = "MetaAccess Account Details response, API version 3.2";
    const ILLUSTRATIVE_EXAMPLES: &'static [&'static str] = &[include_str!(
        "../fixtures/response/valid/high-and-medium-severities.json"
    )];

    fn unknown_enum_values(&self, out: &mut Vec<Drift>) {
        let s = self;
        Drift::collect_unknown(
            out,
            "devices_by_status",
            &s.devices_by_status,
            "status",
            |b| &b.status,
        );
        Drift::collect_unknown(
            out,
            "devices_by_issue_severity",
            &s.devices_by_issue_severity,
            "severity",
            |b| &b.severity,
        );
        Drift::collect_unknown(
            out,
            "devices_by_vulnerability_severity",
            &s.devices_by_vulnerability_severity,
            "severity",
            |b| &b.severity,
        );
    }
}
