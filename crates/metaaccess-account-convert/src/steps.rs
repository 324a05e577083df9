//! The version changes, one named unit per adjacent pair of versions. The conversion code, the
//! README's rules table and `schemas/CHANGELOG.md` are all derived from [`STEPS`].

use metaaccess_account::ApiVersion;

/// A rule that computes a value the source does not state directly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Derivation {
    /// The formula, in wire names.
    pub rule: &'static str,
    /// What must be true of the source for the formula to hold.
    pub assumption: &'static str,
}

/// `warning = devices_issues - devices_critical` (3.0 → 3.1).
pub const WARNING_FROM_COUNTS: Derivation = Derivation {
    rule: "warning = devices_issues - devices_critical",
    assumption: "devices_issues counts every device with an issue, critical ones included, \
                 and each device is counted once, at its worst severity",
};

/// `no_issue = devices_used - devices_issues` (3.0 → 3.1).
pub const NO_ISSUE_FROM_COUNTS: Derivation = Derivation {
    rule: "no_issue = devices_used - devices_issues",
    assumption: "issue severities partition devices_used (true in the documented 3.1 example)",
};

/// `compliant + exempted = devices_used - devices_uncompliant` (3.0 → 3.1, report only).
pub const COMPLIANT_OR_EXEMPTED_FROM_COUNTS: Derivation = Derivation {
    rule: "compliant + exempted = devices_used - devices_uncompliant",
    assumption: "compliant, non-compliant and exempted partition devices_used; unknown devices \
                 have no agent and are not counted in it (true in the documented 3.1 example)",
};

/// `devices_issues = critical + warning` (3.1 → 3.0).
pub const ISSUES_FROM_BUCKETS: Derivation = Derivation {
    rule: "devices_issues = critical + warning",
    assumption: WARNING_FROM_COUNTS.assumption,
};

/// What a conversion does with one field in one direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Treatment {
    /// The value is copied (possibly to another place). Not reported.
    Copied,
    /// Copied when the source has it; otherwise unavailable (reported).
    CopiedIfPresent(&'static str),
    /// Computed by a written rule (reported with the rule and its assumption).
    Derived(Derivation),
    /// The target has no place for it (reported).
    Dropped,
    /// The source cannot supply it (reported; the result is partial if the target requires it).
    Unavailable(&'static str),
    /// Nothing to do: the field does not exist on this side.
    NotApplicable,
}

/// How one field (or bucket) crosses a step, in both directions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldRule {
    /// The field in the older version (`-` where it has none).
    pub older: &'static str,
    /// The field or bucket in the newer version (`-` where it has none).
    pub newer: &'static str,
    /// Older → newer.
    pub upgrade: Treatment,
    /// Newer → older.
    pub downgrade: Treatment,
}

/// One change of the API between two adjacent versions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    /// Short stable name, used in reports.
    pub name: &'static str,
    /// The older version.
    pub from: ApiVersion,
    /// The newer version.
    pub to: ApiVersion,
    /// What the API changed, in one line.
    pub description: &'static str,
    /// How each field crosses.
    pub rules: &'static [FieldRule],
}

const COMMON: FieldRule = FieldRule {
    older: "name, email, last_login, date_created, devices_allowed, devices_used",
    newer: "(same)",
    upgrade: Treatment::Copied,
    downgrade: Treatment::Copied,
};

/// Every step, oldest first: `STEPS[i]` goes from `ApiVersion::ALL[i]` to `ApiVersion::ALL[i + 1]`.
pub const STEPS: [Step; 3] = [
    Step {
        name: "unknown-devices-and-license-key",
        from: ApiVersion::V2_0,
        to: ApiVersion::V3_0,
        description: "3.0 adds devices_unknown and, from 2018-11-27, license_key; \
                      devices_critical and devices_issues are always present",
        rules: &[
            COMMON,
            FieldRule {
                older: "devices_uncompliant",
                newer: "devices_uncompliant",
                upgrade: Treatment::Copied,
                downgrade: Treatment::Copied,
            },
            FieldRule {
                older: "devices_critical, devices_issues",
                newer: "(same)",
                upgrade: Treatment::CopiedIfPresent(
                    "2.0 responses from before 2018-01-30 lack them",
                ),
                downgrade: Treatment::Copied,
            },
            FieldRule {
                older: "-",
                newer: "devices_unknown",
                upgrade: Treatment::Unavailable("2.0 does not count unknown devices"),
                downgrade: Treatment::Dropped,
            },
            FieldRule {
                older: "-",
                newer: "license_key",
                upgrade: Treatment::Unavailable(
                    "2.0 has no license key (optional in 3.0, so the result can be complete)",
                ),
                downgrade: Treatment::Dropped,
            },
        ],
    },
    Step {
        name: "bucketed-device-counts",
        from: ApiVersion::V3_0,
        to: ApiVersion::V3_1,
        description: "3.1 replaces the flat device counts with devices_by_status, \
                      devices_by_issue_severity and devices_by_vulnerability_severity; \
                      license_key is always present",
        rules: &[
            COMMON,
            FieldRule {
                older: "devices_uncompliant",
                newer: "devices_by_status[non-compliant]",
                upgrade: Treatment::Copied,
                downgrade: Treatment::Copied,
            },
            FieldRule {
                older: "devices_unknown",
                newer: "devices_by_status[unknown]",
                upgrade: Treatment::Copied,
                downgrade: Treatment::Copied,
            },
            FieldRule {
                older: "-",
                newer: "devices_by_status[compliant], devices_by_status[exempted]",
                upgrade: Treatment::Unavailable(
                    "3.0 does not split compliant from exempted; their sum is reported as derived",
                ),
                downgrade: Treatment::Dropped,
            },
            FieldRule {
                older: "devices_critical",
                newer: "devices_by_issue_severity[critical]",
                upgrade: Treatment::Copied,
                downgrade: Treatment::Copied,
            },
            FieldRule {
                older: "devices_issues",
                newer: "devices_by_issue_severity[warning]",
                upgrade: Treatment::Derived(WARNING_FROM_COUNTS),
                downgrade: Treatment::Derived(ISSUES_FROM_BUCKETS),
            },
            FieldRule {
                older: "-",
                newer: "devices_by_issue_severity[no_issue]",
                upgrade: Treatment::Derived(NO_ISSUE_FROM_COUNTS),
                downgrade: Treatment::Dropped,
            },
            FieldRule {
                older: "-",
                newer: "devices_by_vulnerability_severity",
                upgrade: Treatment::Unavailable("3.0 has no vulnerability data"),
                downgrade: Treatment::Dropped,
            },
            FieldRule {
                older: "license_key",
                newer: "license_key",
                upgrade: Treatment::CopiedIfPresent(
                    "3.0 responses from before 2018-11-27 lack it, and 3.1 requires it",
                ),
                downgrade: Treatment::Copied,
            },
            FieldRule {
                older: "-",
                newer: "buckets with undocumented values",
                upgrade: Treatment::NotApplicable,
                downgrade: Treatment::Dropped,
            },
        ],
    },
    Step {
        name: "cvss-severities",
        from: ApiVersion::V3_1,
        to: ApiVersion::V3_2,
        description: "3.2 is requested with POST and an optional score_type body; \
                      vulnerability severities gain high and medium",
        rules: &[
            FieldRule {
                older: "every field and bucket",
                newer: "(same)",
                upgrade: Treatment::Copied,
                downgrade: Treatment::Copied,
            },
            FieldRule {
                older: "-",
                newer: "devices_by_vulnerability_severity[high], [medium]",
                upgrade: Treatment::NotApplicable,
                downgrade: Treatment::Dropped,
            },
        ],
    },
];

/// The step from `version` to the next one.
pub fn step_up_from(version: ApiVersion) -> Option<&'static Step> {
    STEPS.iter().find(|s| s.from == version)
}

fn treatment(t: &Treatment) -> String {
    match t {
        Treatment::Copied => "copied".to_owned(),
        Treatment::CopiedIfPresent(why) => format!("copied; unavailable when absent ({why})"),
        Treatment::Derived(d) => format!("derived: `{}` (assuming {})", d.rule, d.assumption),
        Treatment::Dropped => "dropped".to_owned(),
        Treatment::Unavailable(why) => format!("unavailable ({why})"),
        Treatment::NotApplicable => "—".to_owned(),
    }
}

/// The conversion rules as a Markdown table per step (for the README).
pub fn rules_markdown() -> String {
    let mut out = String::new();
    for s in &STEPS {
        out.push_str(&format!(
            "#### {} ↔ {} (`{}`)\n\n{}.\n\n| {} | {} | upgrade | downgrade |\n|---|---|---|---|\n",
            s.from, s.to, s.name, s.description, s.from, s.to
        ));
        for r in s.rules {
            out.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                r.older,
                r.newer,
                treatment(&r.upgrade),
                treatment(&r.downgrade)
            ));
        }
        out.push('\n');
    }
    out
}

/// A human changelog of the API, newest first (for `schemas/CHANGELOG.md`).
pub fn changelog_markdown() -> String {
    let mut out = String::from(
        "# Account Details API changelog\n\n\
         Generated from the conversion steps (`metaaccess_account_convert::STEPS`); do not edit.\n\n\
         | version | endpoint | doc updated | change |\n|---|---|---|---|\n",
    );
    for v in ApiVersion::ALL.iter().rev() {
        let e = metaaccess_account::endpoint(*v);
        let change = STEPS
            .iter()
            .find(|s| s.to == *v)
            .map_or_else(|| e.change_note.to_owned(), |s| s.description.to_owned());
        out.push_str(&format!(
            "| {v} | `{} {}` | {} | {change} |\n",
            e.method.as_str(),
            e.path(),
            e.doc_last_updated
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_step_per_adjacent_pair_of_versions() {
        assert_eq!(STEPS.len() + 1, ApiVersion::ALL.len());
        for (step, pair) in STEPS.iter().zip(ApiVersion::ALL.windows(2)) {
            assert_eq!((step.from, step.to), (pair[0], pair[1]), "{}", step.name);
        }
    }
}
