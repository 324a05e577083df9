//! Converts OPSWAT MetaAccess "Account Details" responses between API versions.
//!
//! - [`upgrade`] any 2.0, 3.0 or 3.1 response to the latest shape (3.2);
//! - [`downgrade`] a 3.2 response (or a partial one) to an older version, to serve clients
//!   pinned to it;
//! - [`convert`] between any pair, one adjacent [`VersionChange`] at a time ([`CHANGES`]);
//!
//! Each change of the API is one named unit in [`changes`]: a `const` [`VersionChange`]
//! declaring its versions, its changelog line and a [`Rule`] per field (copied, moved into a
//! bucket, added, dropped, derived by a [`Formula`], checked). A small interpreter executes
//! those rules in both directions; every report sentence, the README's rules table
//! ([`rules_markdown`]) and the changelog ([`changelog_markdown`]) are rendered from them.
//!
//! Nothing is invented. Every conversion returns a [`Conversion`]: an [`Outcome`], which is
//! either [`Outcome::Complete`] (a valid document of the target version) or
//! [`Outcome::Partial`] (the target needs values the source cannot supply), and a [`Report`]
//! of every derived, dropped or unavailable value and every contradiction in the source, with
//! JSON pointers. Copied values are not reported. Converted documents list their fields in the
//! target version's documented order ([`Outcome::document`], [`OrderedJson`]).
//!
//! ```
//! use metaaccess_account::{v3_0, v3_2, Document};
//! use metaaccess_account_convert::{downgrade, upgrade, Outcome};
//!
//! let json = r#"{
//!   "name": "OPSWAT IT", "email": "opswat_it@opswat.com",
//!   "last_login": "2017-03-09T08:00:00Z", "date_created": "2013-10-04T08:00:00Z",
//!   "devices_allowed": 500, "devices_used": 120, "devices_uncompliant": 5,
//!   "devices_critical": 2, "devices_issues": 52, "devices_unknown": 25,
//!   "license_key": "testcccd3e7201ee83e2c4b9f6dfc96c"
//! }"#;
//! let old = v3_0::AccountDetails::from_json_str_strict(json)?;
//!
//! let up = upgrade(&old);
//! // 3.0 cannot say how many devices are compliant vs exempted, nor anything about
//! // vulnerabilities: the upgrade is partial, and its type says so.
//! let Outcome::Partial(partial) = &up.outcome else { panic!("3.0 never upgrades completely") };
//! assert!(partial.missing().iter().any(|m| m.bucket.as_deref() == Some("exempted")));
//! // warning = devices_issues - devices_critical is derived, and reported with its assumption.
//! assert!(up.report.entries.iter().any(|e| e.detail == "warning = 52 - 2 = 50"));
//! // The partial document lists its fields as 3.2 documents them.
//! let fields: Vec<_> = partial.document().keys().map(str::to_owned).collect();
//! assert_eq!(fields[..2], ["name", "email"]);
//!
//! // Nothing the 3.0 response said is lost: converting back gives it back.
//! let back = downgrade::<v3_0::AccountDetails>(&up.outcome);
//! assert_eq!(back.outcome.complete(), Some(old));
//! # Ok::<(), metaaccess_account::ParseError>(())
//! ```
//!
//! To get a complete document from a partial one, supply what is missing
//! ([`Partial::supply_bucket`], [`Partial::supply_field`]) and call [`Partial::try_complete`];
//! or use [`Partial::document`], the target-shaped JSON with the missing values left out.

/// This crate's README (its examples are compiled and run as doctests, so they stay true). The
/// repository README's examples are doctests of the `xtask` crate.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExamples;

mod change;
pub mod changes;
mod debug;
mod engine;
pub mod envelope;
mod markdown;
mod ordered;
mod outcome;
mod report;
mod shape;
mod source;
mod text;
mod work;

#[cfg(all(test, workspace_tests))]
mod tests;

use metaaccess_account::{latest, AnyAccountDetails, ApiVersion, Document};

pub use change::{Array, Derivation, Downgrade, Formula, Place, Rule, VersionChange};
pub use changes::{change_up_from, CHANGES};
pub use markdown::{changelog_markdown, rules_markdown};
pub use ordered::OrderedJson;
pub use outcome::{Conversion, NotMissing, Outcome, Partial, ResumeError};
pub use report::{Entry, EntryKind, Report};
pub use shape::{BY_ISSUE_SEVERITY, BY_STATUS, BY_VULNERABILITY_SEVERITY, COUNT, LICENSE_KEY};
pub use source::{Source, Target};
pub use work::{Carried, Missing};

/// Converts `source` to the version of `T`, one adjacent change at a time.
pub fn convert<T: Target + Document>(source: &impl Source) -> Conversion<T> {
    convert_to(source, T::VERSION)
}

/// Converts `source` to the version `to`, for callers that choose the version at run time.
pub fn convert_any(source: &impl Source, to: ApiVersion) -> Conversion<AnyAccountDetails> {
    convert_to(source, to)
}

fn convert_to<T: Target>(source: &impl Source, to: ApiVersion) -> Conversion<T> {
    let mut report = Report::default();
    let work = engine::run(source.work(), to, &mut report);
    Conversion {
        carried: work.carried.clone(),
        outcome: outcome::finish(work),
        report,
    }
}

/// Upgrades `source` to the latest version (`metaaccess_account::latest`).
pub fn upgrade(source: &impl Source) -> Conversion<latest::AccountDetails> {
    convert(source)
}

/// Downgrades `source` to the version of `T`, for clients pinned to an older version.
pub fn downgrade<T: Target + Document>(source: &impl Source) -> Conversion<T> {
    convert(source)
}
