//! Converts OPSWAT MetaAccess "Account Details" responses between API versions.
//!
//! - [`upgrade`] any 2.0, 3.0 or 3.1 response to the latest shape (3.2);
//! - [`downgrade`] a 3.2 response (or a partial one) to an older version, to serve clients
//!   pinned to it;
//! - [`convert`] between any pair, one adjacent [`Step`] at a time ([`STEPS`]);
//! - [`detect`] which versions' schemas accept a JSON document.
//!
//! Nothing is invented. Every conversion returns a [`Conversion`]: an [`Outcome`], which is
//! either [`Outcome::Complete`] (a valid document of the target version) or
//! [`Outcome::Partial`] (the target needs values the source cannot supply), and a [`Report`]
//! of every derived, dropped or unavailable value and every contradiction in the source, with
//! JSON pointers. Copied values are not reported.
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

/// The README's Rust examples, compiled and run as doctests so that they stay true.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeExamples;

mod detect;
mod engine;
mod report;
mod steps;

use std::marker::PhantomData;

use metaaccess_account::{
    v2_0, v3_0, v3_1, v3_2, AnyAccountDetails, ApiVersion, Count, Document, ParseError,
};
use serde_json::{Map, Value};

pub use detect::{detect, Detected, Detection, Rejection};
pub use engine::{Carried, Missing};
pub use report::{Entry, EntryKind, Report};
pub use steps::{
    changelog_markdown, rules_markdown, step_up_from, Derivation, FieldRule, Step, Treatment,
    COMPLIANT_OR_EXEMPTED_FROM_COUNTS, ISSUES_FROM_BUCKETS, NO_ISSUE_FROM_COUNTS, STEPS,
    WARNING_FROM_COUNTS,
};

use engine::Work;

/// The result of a conversion.
#[derive(Clone, Debug, PartialEq)]
pub struct Conversion<T> {
    /// The converted document, complete or partial.
    pub outcome: Outcome<T>,
    /// Every derived, dropped or unavailable value, and every contradiction found.
    pub report: Report,
}

/// A converted document: complete, or partial with what is missing listed.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome<T> {
    /// A valid document of the target version.
    Complete(T),
    /// The target version requires values the source could not supply.
    Partial(Partial<T>),
}

impl<T> Outcome<T> {
    /// The complete document, or `None` for a partial one.
    pub fn complete(self) -> Option<T> {
        match self {
            Self::Complete(t) => Some(t),
            Self::Partial(_) => None,
        }
    }

    /// Whether the document is complete.
    pub fn is_complete(&self) -> bool {
        matches!(self, Self::Complete(_))
    }
}

impl<T: Target> Outcome<T> {
    /// The document as JSON: a partial one leaves its missing values out (so it does not
    /// validate against the target schema until they are supplied).
    pub fn to_json_value(&self) -> Value {
        match self {
            Self::Complete(t) => t.to_json(),
            Self::Partial(p) => p.document(),
        }
    }
}

/// A document of the target version's shape with holes: the values listed in
/// [`Partial::missing`] are left out.
#[derive(Clone, Debug, PartialEq)]
pub struct Partial<T> {
    work: Box<Work>,
    target: PhantomData<T>,
}

/// The error of [`Partial::supply_field`] and [`Partial::supply_bucket`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("nothing is missing at {pointer}{}", bucket.as_deref().map(|b| format!(" (bucket {b})")).unwrap_or_default())]
pub struct NotMissing {
    pointer: String,
    bucket: Option<String>,
}

impl<T: Target> Partial<T> {
    /// The version of the document.
    pub fn version(&self) -> ApiVersion {
        self.work.version
    }

    /// The document with its missing values left out.
    pub fn document(&self) -> Value {
        Value::Object(self.work.doc.clone())
    }

    /// What the target requires and the conversion could not supply.
    pub fn missing(&self) -> &[Missing] {
        &self.work.missing
    }

    /// Source values the target shape cannot hold, kept for converting back.
    pub fn carried(&self) -> &[Carried] {
        &self.work.carried
    }

    /// Supplies a missing top-level field (for example `license_key`, or the whole
    /// `devices_by_vulnerability_severity` array). The value is checked by
    /// [`Partial::try_complete`].
    pub fn supply_field(&mut self, field: &str, value: Value) -> Result<(), NotMissing> {
        let pointer = format!("/{field}");
        self.take_missing(&pointer, None)?;
        self.work.doc.insert(field.to_owned(), value);
        Ok(())
    }

    /// Supplies a missing bucket, for example the `compliant` count of `devices_by_status`.
    pub fn supply_bucket(
        &mut self,
        array: &str,
        bucket: &str,
        count: Count,
    ) -> Result<(), NotMissing> {
        let pointer = format!("/{array}");
        self.take_missing(&pointer, Some(bucket))?;
        engine::insert_bucket(
            &mut self.work.doc,
            array,
            bucket_order(array),
            bucket,
            count.get(),
        );
        Ok(())
    }

    fn take_missing(&mut self, pointer: &str, bucket: Option<&str>) -> Result<(), NotMissing> {
        let at = self
            .work
            .missing
            .iter()
            .position(|m| m.pointer == pointer && m.bucket.as_deref() == bucket)
            .ok_or_else(|| NotMissing {
                pointer: pointer.to_owned(),
                bucket: bucket.map(str::to_owned),
            })?;
        self.work.missing.remove(at);
        Ok(())
    }

    /// The complete document, once nothing is missing and what was supplied is valid;
    /// otherwise the partial document back, unchanged.
    pub fn try_complete(self) -> Result<T, Self> {
        if !self.work.missing.is_empty() {
            return Err(self);
        }
        match T::from_complete(self.work.version, &Value::Object(self.work.doc.clone())) {
            Ok(t) => Ok(t),
            Err(_) => Err(self),
        }
    }
}

/// The documented order of a bucket array's values, from the latest models (3.1 lists a
/// subset in the same order).
fn bucket_order(array: &str) -> &'static [&'static str] {
    match array {
        "devices_by_status" => v3_2::DeviceStatus::accepted_spellings(),
        "devices_by_issue_severity" => v3_2::IssueSeverity::accepted_spellings(),
        _ => v3_2::VulnerabilitySeverity::accepted_spellings(),
    }
}

mod sealed {
    pub trait Sealed {}
}

/// Anything a conversion can start from: a response model of any version, an
/// [`AnyAccountDetails`], or the [`Outcome`]/[`Partial`] of an earlier conversion.
pub trait Source: sealed::Sealed {
    #[doc(hidden)]
    fn work(&self) -> Work;
}

/// A type a conversion can produce: a response model of any version, or [`AnyAccountDetails`].
pub trait Target: sealed::Sealed + Sized {
    #[doc(hidden)]
    fn from_complete(version: ApiVersion, doc: &Value) -> Result<Self, ParseError>;
    #[doc(hidden)]
    fn to_json(&self) -> Value;
}

fn work_of(version: ApiVersion, value: Value) -> Work {
    let doc = match value {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    Work {
        version,
        doc,
        missing: Vec::new(),
        carried: Vec::new(),
    }
}

macro_rules! model {
    ($($v:ident),+) => {$(
        impl sealed::Sealed for $v::AccountDetails {}

        impl Source for $v::AccountDetails {
            fn work(&self) -> Work {
                work_of(<Self as Document>::VERSION, self.to_json())
            }
        }

        impl Target for $v::AccountDetails {
            fn from_complete(_: ApiVersion, doc: &Value) -> Result<Self, ParseError> {
                // Lenient: an undocumented enum value copied from the source stays as it was.
                Self::from_json_value(doc).map(|p| p.value)
            }
            fn to_json(&self) -> Value {
                serde_json::to_value(self).unwrap_or(Value::Null)
            }
        }
    )+};
}

model!(v2_0, v3_0, v3_1, v3_2);

impl sealed::Sealed for AnyAccountDetails {}

impl Source for AnyAccountDetails {
    fn work(&self) -> Work {
        work_of(self.version(), self.to_json_value())
    }
}

impl Target for AnyAccountDetails {
    fn from_complete(version: ApiVersion, doc: &Value) -> Result<Self, ParseError> {
        Self::from_json_value(version, doc).map(|p| p.value)
    }
    fn to_json(&self) -> Value {
        self.to_json_value()
    }
}

impl<T> sealed::Sealed for Partial<T> {}

impl<T> Source for Partial<T> {
    fn work(&self) -> Work {
        (*self.work).clone()
    }
}

impl<T> sealed::Sealed for Outcome<T> {}

impl<T: Source> Source for Outcome<T> {
    fn work(&self) -> Work {
        match self {
            Self::Complete(t) => t.work(),
            Self::Partial(p) => p.work(),
        }
    }
}

impl<T: Source + ?Sized> sealed::Sealed for &T {}

impl<T: Source + ?Sized> Source for &T {
    fn work(&self) -> Work {
        (**self).work()
    }
}

fn finish<T: Target>(work: Work) -> Outcome<T> {
    if work.missing.is_empty() {
        match T::from_complete(work.version, &Value::Object(work.doc.clone())) {
            Ok(t) => return Outcome::Complete(t),
            Err(e) => {
                // A derived value the target rejects: keep the document, say what is wrong.
                let mut work = work;
                work.missing.push(Missing {
                    pointer: e.pointer().to_owned(),
                    bucket: None,
                    reason: format!("the converted value is not valid: {}", e.message()),
                });
                return Outcome::Partial(Partial {
                    work: Box::new(work),
                    target: PhantomData,
                });
            }
        }
    }
    Outcome::Partial(Partial {
        work: Box::new(work),
        target: PhantomData,
    })
}

/// Converts `source` to the version of `T`, one adjacent step at a time.
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
        outcome: finish(work),
        report,
    }
}

/// Upgrades `source` to the latest version (3.2).
pub fn upgrade(source: &impl Source) -> Conversion<v3_2::AccountDetails> {
    convert(source)
}

/// Downgrades `source` to the version of `T`, for clients pinned to an older version.
pub fn downgrade<T: Target + Document>(source: &impl Source) -> Conversion<T> {
    convert(source)
}
