//! Each schema is checked against its draft's metaschema before it is compared: a schema
//! such as `{"type": 5}` means nothing, and no verdict about it can be right.

use std::fmt;

use serde_json::Value;

use crate::options::{Draft, Options};

/// Which of the two schemas.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    /// The old schema.
    Old,
    /// The new schema.
    New,
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Old => "old",
            Self::New => "new",
        })
    }
}

/// A schema that its draft's metaschema rejects: the JSON pointer (into that schema) of the
/// first error, and what is wrong there (without the offending value, which may be a secret).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct InvalidSchema {
    /// Which schema.
    pub side: Side,
    /// JSON pointer to the first error (`""` for the root).
    pub pointer: String,
    /// What the metaschema says.
    pub message: String,
}

impl fmt::Display for InvalidSchema {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        write!(
            f,
            "the {} schema is not a valid JSON Schema: at {at}: {}",
            self.side, self.message
        )
    }
}

impl std::error::Error for InvalidSchema {}

/// Checks `schema` against the metaschema of the draft `options` read it with (its own
/// `$schema` under [`Draft::Auto`], 2020-12 without one).
///
/// # Errors
///
/// The first error the metaschema reports, or that the `$schema` names no known draft.
pub fn check_schema(schema: &Value, options: &Options, side: Side) -> Result<(), InvalidSchema> {
    let result = match options.draft {
        Draft::Auto => jsonschema::meta::validate(schema),
        Draft::Draft7 => jsonschema::draft7::meta::validate(schema),
        Draft::Draft201909 => jsonschema::draft201909::meta::validate(schema),
        Draft::Draft202012 => jsonschema::draft202012::meta::validate(schema),
    };
    result.map_err(|e| InvalidSchema {
        side,
        pointer: e.instance_path().to_string(),
        message: e.masked().to_string(),
    })
}
