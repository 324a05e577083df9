//! The result of a conversion: a complete document, or a partial one that says what is missing.

use std::marker::PhantomData;

use metaaccess_account::{ApiVersion, Count};
use serde::{Serialize, Serializer};
use serde_json::Value;

use crate::ordered::OrderedJson;
use crate::report::Report;
use crate::shape::layout;
use crate::source::Target;
use crate::work::{Carried, Missing, Work};

/// The result of a conversion.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Conversion<T> {
    /// The converted document, complete or partial.
    pub outcome: Outcome<T>,
    /// Every derived, dropped or unavailable value, and every contradiction found.
    pub report: Report,
    /// Source values the target shape cannot hold, kept for converting back (also when the
    /// outcome is complete); the same as [`Partial::carried`] for a partial outcome.
    pub carried: Vec<Carried>,
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
    /// The document as JSON in documented order: a partial one leaves its missing values out
    /// (so it does not validate against the target schema until they are supplied).
    pub fn document(&self) -> OrderedJson {
        match self {
            Self::Complete(t) => match t.to_json() {
                Value::Object(doc) => OrderedJson::new(t.api_version(), doc),
                _ => OrderedJson::new(t.api_version(), serde_json::Map::new()),
            },
            Self::Partial(p) => p.document(),
        }
    }

    /// [`Outcome::document`], taking the outcome: a partial document is moved, not copied.
    pub fn into_document(self) -> OrderedJson {
        match self {
            Self::Partial(p) => {
                let work = *p.work;
                OrderedJson::new(work.version, work.doc)
            }
            complete => complete.document(),
        }
    }

    /// [`Outcome::document`] as a `serde_json::Value`: the same values, but a `Value` object
    /// orders its keys as serde_json does (sorted, unless `preserve_order` is enabled).
    /// Serialize the outcome, or its [`Outcome::document`], for the documented order.
    pub fn to_json_value(&self) -> Value {
        self.document().into_value()
    }
}

impl<T: Target + Serialize> Serialize for Outcome<T> {
    /// A complete document serializes through its model; a partial one as its
    /// [`Partial::document`]. Both in documented order.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Complete(t) => t.serialize(serializer),
            Self::Partial(p) => p.document().serialize(serializer),
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
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[error("nothing is missing at {pointer}{}", bucket.as_deref().map(|b| format!(" (bucket {b})")).unwrap_or_default())]
#[non_exhaustive]
pub struct NotMissing {
    pointer: String,
    bucket: Option<String>,
}

/// Why [`Partial::resume`] refused a document.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ResumeError(String);

impl Partial<metaaccess_account::AnyAccountDetails> {
    /// Takes up a document where an earlier conversion left it: JSON of `version` with the
    /// values listed in `missing` left out, and the `carried` source values kept for
    /// converting back (say, read back from the wire form of a partial upgrade). The present
    /// values are checked by the version's model (leniently: undocumented enum values pass),
    /// with every missing value standing in as a placeholder of its type.
    ///
    /// ```
    /// use metaaccess_account::{v2_0, ApiVersion, Document};
    /// use metaaccess_account_convert::{downgrade, upgrade, Outcome, Partial};
    /// let old = v2_0::AccountDetails::from_json_str_strict(r#"{"name": "n", "email": "a@b.co",
    ///   "last_login": "2017-03-09T08:00:00Z", "date_created": "2013-10-04T08:00:00Z",
    ///   "devices_allowed": 5, "devices_used": 1, "devices_uncompliant": 0}"#)?;
    /// let up = upgrade(&old);
    /// let Outcome::Partial(p) = &up.outcome else { unreachable!() };
    /// let doc = p.document().into_value().as_object().cloned().unwrap_or_default();
    /// let again = Partial::resume(ApiVersion::V3_2, doc, p.missing().to_vec(), up.carried.clone())
    ///     .expect("what a conversion wrote, it takes back");
    /// assert_eq!(downgrade::<v2_0::AccountDetails>(&again).outcome.complete(), Some(old));
    /// # Ok::<(), metaaccess_account::ParseError>(())
    /// ```
    pub fn resume(
        version: ApiVersion,
        doc: serde_json::Map<String, Value>,
        missing: Vec<Missing>,
        carried: Vec<Carried>,
    ) -> Result<Self, ResumeError> {
        let order = layout(version);
        let mut filled = Work::new(version, doc.clone());
        let mut fields = Vec::new();
        for m in &missing {
            let name = m.pointer.strip_prefix('/').unwrap_or_default();
            match &m.bucket {
                Some(bucket) => {
                    let Some((array, _)) = order.array(name) else {
                        return Err(ResumeError(format!(
                            "{version} has no bucket array {}",
                            m.pointer
                        )));
                    };
                    if filled.doc.get(name).is_some_and(|v| !v.is_array()) {
                        return Err(ResumeError(format!("{} is not an array", m.pointer)));
                    }
                    filled.insert_bucket(*array, bucket, 0);
                }
                None => {
                    if !order.fields.contains(&name) || filled.doc.contains_key(name) {
                        return Err(ResumeError(format!(
                            "{} is listed as missing, but {}",
                            m.pointer,
                            if filled.doc.contains_key(name) {
                                "it is present"
                            } else {
                                "the version has no such field"
                            }
                        )));
                    }
                    fields.push((name.to_owned(), 0usize));
                }
            }
        }
        // Placeholders of each possible type, tried in turn until the model takes them.
        let candidates = [
            Value::from(0u64),
            Value::Array(Vec::new()),
            Value::from("placeholder"),
        ];
        for _ in 0..=(fields.len() * candidates.len()) {
            let mut trial = filled.doc.clone();
            for (name, c) in &fields {
                trial.insert(name.clone(), candidates[*c].clone());
            }
            match metaaccess_account::AnyAccountDetails::from_json_value(
                version,
                &Value::Object(trial),
            ) {
                Ok(_) => {
                    let mut work = Work::new(version, doc);
                    work.missing = missing;
                    work.carried = carried;
                    return Ok(Partial {
                        work: Box::new(work),
                        target: PhantomData,
                    });
                }
                Err(e) => {
                    let bad = fields.iter_mut().find(|(name, c)| {
                        *c + 1 < candidates.len()
                            && (e.pointer() == format!("/{name}")
                                || e.pointer().starts_with(&format!("/{name}/")))
                    });
                    match bad {
                        Some((_, c)) => *c += 1,
                        None => {
                            let at = if e.pointer().is_empty() {
                                "(document)"
                            } else {
                                e.pointer()
                            };
                            return Err(ResumeError(format!("{at}: {}", e.message())));
                        }
                    }
                }
            }
        }
        Err(ResumeError("no placeholder fits the missing values".into()))
    }
}

impl<T> Partial<T> {
    pub(crate) fn work_ref(&self) -> &Work {
        &self.work
    }
}

impl<T: Target> Partial<T> {
    /// The version of the document.
    pub fn version(&self) -> ApiVersion {
        self.work.version
    }

    /// The document with its missing values left out, in documented order.
    pub fn document(&self) -> OrderedJson {
        OrderedJson::new(self.work.version, self.work.doc.clone())
    }

    /// What the target requires and the conversion could not supply, in documented order.
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
        self.take_missing(&format!("/{field}"), None)?;
        self.work.doc.insert(field.to_owned(), value);
        Ok(())
    }

    /// Supplies a missing bucket, for example the `compliant` count of `devices_by_status`; it
    /// goes at its documented position.
    pub fn supply_bucket(
        &mut self,
        array: &str,
        bucket: &str,
        count: Count,
    ) -> Result<(), NotMissing> {
        self.take_missing(&format!("/{array}"), Some(bucket))?;
        if let Some((array, _)) = layout(self.work.version).array(array) {
            self.work.insert_bucket(*array, bucket, count.get());
        }
        Ok(())
    }

    fn take_missing(&mut self, pointer: &str, bucket: Option<&str>) -> Result<(), NotMissing> {
        let at = self
            .work
            .missing
            .iter()
            .position(|m| m.names(pointer, bucket))
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

/// The outcome of a converted document: complete when nothing is missing and the target
/// accepts it.
pub(crate) fn finish<T: Target>(mut work: Work) -> Outcome<T> {
    if work.missing.is_empty() {
        match T::from_complete(work.version, &Value::Object(work.doc.clone())) {
            Ok(t) => return Outcome::Complete(t),
            Err(e) => work.missing.push(Missing {
                // A derived value the target rejects: keep the document, say what is wrong.
                pointer: e.pointer().to_owned(),
                bucket: None,
                reason: format!("the converted value is not valid: {}", e.message()),
            }),
        }
    }
    Outcome::Partial(Partial {
        work: Box::new(work),
        target: PhantomData,
    })
}
