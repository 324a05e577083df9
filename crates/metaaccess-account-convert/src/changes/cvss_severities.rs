//! 3.1 → 3.2: the same response, requested with POST; vulnerability severities gain the CVSS
//! names `high` and `medium`, which 3.1 cannot hold.

use metaaccess_account::ApiVersion;

use crate::change::{Rule, VersionChange};
use crate::shape::BY_VULNERABILITY_SEVERITY;

/// The change.
pub const CHANGE: VersionChange = VersionChange {
    name: "cvss-severities",
    from: ApiVersion::V3_1,
    to: ApiVersion::V3_2,
    description: "3.2 is requested with POST and an optional score_type body; \
                  vulnerability severities gain high and medium",
    rules: &[
        Rule::EveryFieldCopied,
        Rule::NewValues {
            array: BY_VULNERABILITY_SEVERITY,
            values: &["high", "medium"],
            why: "versions before 3.2 have no high or medium vulnerability severity",
        },
    ],
};
