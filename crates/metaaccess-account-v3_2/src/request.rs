//! The request body of version 3.2 (the first version with one).

use metaaccess_account_core::{open_enum, ApiVersion, Document, DocumentKind, Drift};
#[cfg(feature = "schema")]
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The body of `POST /o/api/v3.2/account`. The access token is not part of it: it travels in a
/// header or the query string (see `ENDPOINT.access_token`).
///
/// ```
/// use metaaccess_account_v3_2::{AccountDetailsRequest, Document, ScoreType};
///
/// // An empty body means the default score type.
/// assert_eq!(AccountDetailsRequest::from_json_str_strict("{}")?.score_type, ScoreType::OpswatScore);
/// // The documented spelling with a space is accepted and written back canonically.
/// let req = AccountDetailsRequest::from_json_str_strict(r#"{"score_type": "cvss2_ score"}"#)?;
/// assert_eq!(req.score_type, ScoreType::Cvss2Score);
/// assert_eq!(serde_json::to_string(&req).unwrap(), r#"{"score_type":"cvss2_score"}"#);
/// # Ok::<(), metaaccess_account_v3_2::ParseError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
#[cfg_attr(
    feature = "schema",
    schemars(
        description = "The JSON body of POST /o/api/v3.2/account. The access token is not part of it: it travels in the access_token header or query-string parameter."
    )
)]
pub struct AccountDetailsRequest {
    /// Which score scale the vulnerability severities use.
    #[serde(default)]
    pub score_type: ScoreType,
}

open_enum! {
    /// The score scale of vulnerability severities. The docs spell one value `cvss2_ score`
    /// (with a space); that spelling is accepted on input, `cvss2_score` is written.
    pub enum ScoreType {
        /// OPSWAT's own scale (the default)
        OpswatScore => "opswat_score",
        /// CVSS v2 (documented as "cvss2_ score")
        Cvss2Score => "cvss2_score" | "cvss2_ score",
        /// CVSS v3
        Cvss3Score => "cvss3_score",
    }
}

// `open_enum!` owns the derives, so the default is written out.
#[allow(clippy::derivable_impls)]
impl Default for ScoreType {
    fn default() -> Self {
        Self::OpswatScore
    }
}

impl Document for AccountDetailsRequest {
    const VERSION: ApiVersion = ApiVersion::V3_2;
    const KIND: DocumentKind = DocumentKind::Request;
    const SUMMARY: &'static str = "MetaAccess Account Details request body, API version 3.2";
    const ILLUSTRATIVE_EXAMPLES: &'static [&'static str] =
        &[include_str!("../fixtures/request/valid/cvss3.json")];

    fn unknown_enum_values(&self, out: &mut Vec<Drift>) {
        if !self.score_type.is_known() {
            out.push(Drift::unknown_value("/score_type", &self.score_type));
        }
    }
}
