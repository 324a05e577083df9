//! What a comparison produces: changes, what each breaks, and the overall verdict.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Which compatibility a change breaks. `Display`, `FromStr` and serde use the snake_case
/// names: `neither`, `backward`, `forward`, `both`, `unknown`.
///
/// Exhaustive by design, like [`Verdict`]: every answer to "which directions break" is here,
/// `Unknown` included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Breaks {
    /// Neither: the change accepts and rejects the same documents (or only annotations changed).
    Neither,
    /// The new schema rejects some documents the old one accepted.
    Backward,
    /// The old schema rejects some documents the new one accepts.
    Forward,
    /// Both.
    Both,
    /// Could not be classified with certainty; counted as both.
    Unknown,
}

impl Breaks {
    pub(crate) fn backward(self) -> bool {
        matches!(self, Self::Backward | Self::Both | Self::Unknown)
    }

    pub(crate) fn forward(self) -> bool {
        matches!(self, Self::Forward | Self::Both | Self::Unknown)
    }
}

/// What changed. `Display`, `FromStr` and serde use the snake_case names
/// (`property_added` ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ChangeKind {
    /// A property was added to `properties`.
    PropertyAdded,
    /// A property was removed from `properties`.
    PropertyRemoved,
    /// A name was added to `required`.
    RequiredAdded,
    /// A name was removed from `required`.
    RequiredRemoved,
    /// `type` allows more.
    TypeWidened,
    /// `type` allows less.
    TypeNarrowed,
    /// `type` allows other things.
    TypeChanged,
    /// A value was added to `enum`.
    EnumValueAdded,
    /// A value was removed from `enum`.
    EnumValueRemoved,
    /// `enum` or `const` appeared, disappeared or changed.
    ValueConstraintChanged,
    /// A bound (`minimum`, `maxLength`, `minItems` ...) now allows less.
    BoundTightened,
    /// A bound now allows more.
    BoundRelaxed,
    /// `format` appeared.
    FormatAdded,
    /// `format` disappeared.
    FormatRemoved,
    /// `format` changed.
    FormatChanged,
    /// `pattern` appeared, disappeared or changed.
    PatternChanged,
    /// `additionalProperties` now allows more.
    AdditionalPropertiesOpened,
    /// `additionalProperties` now allows less.
    AdditionalPropertiesClosed,
    /// `uniqueItems` changed.
    UniqueItemsChanged,
    /// A whole subschema became `true`/`false`, or appeared where there was none.
    SchemaReplaced,
    /// A keyword this checker does not classify changed.
    Unclassified,
}

/// One change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Change {
    /// JSON pointer into the new schema (into the old one for removals).
    pub pointer: String,
    /// What changed.
    pub kind: ChangeKind,
    /// Which compatibility it breaks.
    pub breaks: Breaks,
    /// A sentence for a person.
    pub detail: String,
    /// Documents that show the break, each checked with a validator before it is reported.
    pub witness: Witness,
    /// Whether what this change says is proven: a change that breaks nothing is (the checker
    /// only says so when it follows from the specification), a break only with a verified
    /// witness for each direction it breaks. Otherwise the change is *undecided*: its
    /// directions are counted as broken, but no document was found to show it.
    pub certain: bool,
}

/// Counterexample documents for a change: each one verified against both schemas (with the
/// `jsonschema` crate) before it is reported, so that none is ever wrong; absent where none
/// could be built.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Witness {
    /// A document the old schema accepts and the new one rejects (backward compatibility broken).
    pub backward: Option<Value>,
    /// A document the new schema accepts and the old one rejects (forward compatibility broken).
    pub forward: Option<Value>,
}

impl Witness {
    /// Whether no document was found.
    pub fn is_empty(&self) -> bool {
        self.backward.is_none() && self.forward.is_none()
    }
}

/// The overall verdict.
///
/// Exhaustive by design: the four answers to "which of backward and forward compatibility
/// hold" are all there can be. `Display` and `FromStr` use `FULL`, `BACKWARD`, `FORWARD`,
/// `NONE`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Verdict {
    /// Backward and forward compatible.
    Full,
    /// Backward compatible only: every document the old schema accepted, the new one accepts.
    Backward,
    /// Forward compatible only: every document the new schema accepts, the old one accepted.
    Forward,
    /// Neither.
    None,
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Full => "FULL",
            Self::Backward => "BACKWARD",
            Self::Forward => "FORWARD",
            Self::None => "NONE",
        })
    }
}

impl Verdict {
    /// Every verdict, from the most compatible.
    pub const ALL: [Verdict; 4] = [
        Verdict::Full,
        Verdict::Backward,
        Verdict::Forward,
        Verdict::None,
    ];
}

/// The error returned when a string names no [`Verdict`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UnknownVerdict(String);

impl fmt::Display for UnknownVerdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown verdict {:?}: expected FULL, BACKWARD, FORWARD or NONE",
            self.0
        )
    }
}

impl std::error::Error for UnknownVerdict {}

impl std::str::FromStr for Verdict {
    type Err = UnknownVerdict;

    /// Reads what `Display` (and serde) write: `FULL`, `BACKWARD`, `FORWARD`, `NONE`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|v| v.to_string() == s)
            .ok_or_else(|| UnknownVerdict(s.to_owned()))
    }
}

/// The error returned when a string names no value of [`Breaks`] or [`ChangeKind`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UnknownName {
    type_name: &'static str,
    given: String,
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} names no {}", self.given, self.type_name)
    }
}

impl std::error::Error for UnknownName {}

/// `Display` and `FromStr` through the serde names, so the three never disagree.
macro_rules! named_by_serde {
    ($($T:ident),+) => {$(
        impl fmt::Display for $T {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                // Unit variants: serde writes each as its name.
                match serde_json::to_value(self) {
                    Ok(serde_json::Value::String(name)) => f.write_str(&name),
                    _ => Err(fmt::Error),
                }
            }
        }

        impl std::str::FromStr for $T {
            type Err = UnknownName;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let de = serde::de::value::StrDeserializer::<serde::de::value::Error>::new(s);
                Self::deserialize(de).map_err(|_| UnknownName {
                    type_name: stringify!($T),
                    given: s.to_owned(),
                })
            }
        }
    )+};
}

named_by_serde!(Breaks, ChangeKind);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for b in [
            Breaks::Neither,
            Breaks::Backward,
            Breaks::Forward,
            Breaks::Both,
            Breaks::Unknown,
        ] {
            assert_eq!(b.to_string().parse::<Breaks>(), Ok(b));
        }
        for k in [ChangeKind::PropertyAdded, ChangeKind::EnumValueRemoved] {
            assert_eq!(k.to_string().parse::<ChangeKind>(), Ok(k));
        }
        assert_eq!(ChangeKind::PropertyAdded.to_string(), "property_added");
        assert!("Property_Added".parse::<ChangeKind>().is_err());
        for v in Verdict::ALL {
            assert_eq!(v.to_string().parse::<Verdict>(), Ok(v));
        }
    }
}

/// The result of a comparison.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Report {
    /// The overall verdict.
    pub verdict: Verdict,
    /// Whether the verdict is proven: every compatibility it claims follows from the
    /// specification (that holds for every report), and every direction it calls broken is
    /// shown by a verified witness ([`Change::certain`] for every change).
    pub certain: bool,
    /// Every change, in schema order.
    pub changes: Vec<Change>,
}

impl Change {
    /// A change whose effect is not worked out, at `pointer`.
    pub(crate) fn undecided(pointer: &str, detail: String) -> Self {
        Self {
            pointer: pointer.to_owned(),
            kind: ChangeKind::Unclassified,
            breaks: Breaks::Unknown,
            detail,
            witness: Witness::default(),
            certain: false,
        }
    }

    /// Whether each direction it breaks has its witness (see [`Change::certain`]).
    fn proven(&self) -> bool {
        match self.breaks {
            Breaks::Neither => true,
            Breaks::Backward => self.witness.backward.is_some(),
            Breaks::Forward => self.witness.forward.is_some(),
            Breaks::Both => self.witness.backward.is_some() && self.witness.forward.is_some(),
            Breaks::Unknown => false,
        }
    }
}

impl Report {
    /// The verdict and certainty of these changes.
    pub(crate) fn from_changes(mut changes: Vec<Change>) -> Self {
        for c in &mut changes {
            c.certain = c.proven();
        }
        let backward = changes.iter().any(|c| c.breaks.backward());
        let forward = changes.iter().any(|c| c.breaks.forward());
        let verdict = match (backward, forward) {
            (false, false) => Verdict::Full,
            (false, true) => Verdict::Backward,
            (true, false) => Verdict::Forward,
            (true, true) => Verdict::None,
        };
        Self {
            verdict,
            certain: changes.iter().all(|c| c.certain),
            changes,
        }
    }

    /// The changes that are not proven: each names its keyword in its pointer.
    pub fn undecided(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| !c.certain)
    }

    /// Whether the new schema accepts every document the old one accepted.
    pub fn is_backward_compatible(&self) -> bool {
        matches!(self.verdict, Verdict::Full | Verdict::Backward)
    }

    /// Whether the old schema accepts every document the new one accepts.
    pub fn is_forward_compatible(&self) -> bool {
        matches!(self.verdict, Verdict::Full | Verdict::Forward)
    }
}
