//! JSON Schema generation: one function turns a [`Document`] type into its published schema.

use schemars::generate::SchemaSettings;
use schemars::JsonSchema;
use serde_json::Value;

use crate::{Document, DocumentKind};

/// The JSON Schema dialect of the main published schemas.
pub const DRAFT_2020_12: &str = "https://json-schema.org/draft/2020-12/schema";

/// The dialect of the renderings for older tools.
pub const DRAFT_07: &str = "http://json-schema.org/draft-07/schema#";

/// A JSON Schema dialect the schemas are published in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Dialect {
    /// Draft 2020-12: the main contract (`$defs`).
    Draft2020_12,
    /// Draft-07, for generators and validators that speak nothing newer (`definitions`).
    Draft07,
}

impl Dialect {
    /// Both dialects, main one first.
    pub const ALL: [Dialect; 2] = [Dialect::Draft2020_12, Dialect::Draft07];

    /// The `$schema` URI.
    pub const fn meta_schema(self) -> &'static str {
        match self {
            Self::Draft2020_12 => DRAFT_2020_12,
            Self::Draft07 => DRAFT_07,
        }
    }

    /// A short name: `"2020-12"` or `"draft-07"`.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Draft2020_12 => "2020-12",
            Self::Draft07 => "draft-07",
        }
    }

    fn file_infix(self) -> &'static str {
        match self {
            Self::Draft2020_12 => "",
            Self::Draft07 => ".draft-07",
        }
    }
}

/// The file name of a document's Draft 2020-12 schema inside `schemas/vX.Y/`.
pub fn schema_file_name(kind: DocumentKind) -> String {
    schema_file_name_in(kind, Dialect::Draft2020_12)
}

/// The file name of a document's schema in a dialect, e.g.
/// `account-details.response.draft-07.schema.json`.
pub fn schema_file_name_in(kind: DocumentKind, dialect: Dialect) -> String {
    format!(
        "account-details.{}{}.schema.json",
        kind.as_str(),
        dialect.file_infix()
    )
}

/// The stable `$id` of a document's schema in a dialect. A URN: it names the schema, it does
/// not locate it, so no validator ever tries to fetch it.
pub fn schema_id_in<T: Document + JsonSchema>(dialect: Dialect) -> String {
    format!(
        "urn:metaaccess-account:{}:{}",
        T::VERSION.dir_name(),
        schema_file_name_in(T::KIND, dialect).trim_end_matches(".json")
    )
}

/// The published Draft 2020-12 schema of a document type: the generated schema with a stable
/// `$id`, short identifier titles, and examples.
///
/// Shaped for code generators as well as validators:
/// - `title` is an identifier on the root (`AccountDetails`, `AccountDetailsRequest`) and on
///   every `$defs` entry (`DevicesByStatus`, ...), so generated types get those names; the
///   sentence naming the document opens the root `description`;
/// - `examples` holds OPSWAT's published examples, or when a version has none, an illustrative
///   one from the fixtures (the description says so);
/// - a `default` is only on properties that are not `required` (code generators then make them
///   optional); [`defaults_are_optional`] checks it.
pub fn document_schema<T: Document + JsonSchema>() -> Value {
    document_schema_in::<T>(Dialect::Draft2020_12)
}

/// The published schema of a document type in a dialect.
pub fn document_schema_in<T: Document + JsonSchema>(dialect: Dialect) -> Value {
    let settings = match dialect {
        Dialect::Draft2020_12 => SchemaSettings::draft2020_12(),
        Dialect::Draft07 => SchemaSettings::draft07(),
    };
    let mut schema = settings
        .into_generator()
        .into_root_schema_for::<T>()
        .to_value();
    tidy_descriptions(&mut schema);
    if let Value::Object(map) = &mut schema {
        map.insert("$schema".into(), dialect.meta_schema().into());
        map.insert("$id".into(), schema_id_in::<T>(dialect).into());
        map.insert("title".into(), T::schema_name().into());
        let (texts, illustrative) = if T::DOC_EXAMPLES.is_empty() {
            (T::ILLUSTRATIVE_EXAMPLES, true)
        } else {
            (T::DOC_EXAMPLES, false)
        };
        let examples: Vec<Value> = texts
            .iter()
            .filter_map(|text| serde_json::from_str(text).ok())
            .collect();
        let mut description = format!("{}.", T::SUMMARY);
        if let Some(Value::String(own)) = map.get("description") {
            description.push_str("\n\n");
            description.push_str(own);
        }
        if !examples.is_empty() {
            description.push_str(if illustrative {
                "\n\nThe examples are illustrative, taken from this repository's fixtures: \
                 OPSWAT published no example for this version."
            } else {
                "\n\nThe examples are the ones OPSWAT published for this version."
            });
            map.insert("examples".into(), Value::Array(examples));
        }
        map.insert("description".into(), description.into());
        for key in ["$defs", "definitions"] {
            if let Some(Value::Object(defs)) = map.get_mut(key) {
                for (name, def) in defs.iter_mut() {
                    if let Value::Object(def) = def {
                        def.entry("title").or_insert_with(|| name.clone().into());
                    }
                }
            }
        }
    }
    schema
}

/// Whether every `default` in a schema sits on a property its object does not require: what
/// code generators need to make a defaulted property optional instead of required.
pub fn defaults_are_optional(schema: &Value) -> bool {
    fn walk(value: &Value) -> bool {
        match value {
            Value::Object(map) => {
                if let Some(Value::Object(props)) = map.get("properties") {
                    let required: Vec<&str> = map
                        .get("required")
                        .and_then(Value::as_array)
                        .map(|r| r.iter().filter_map(Value::as_str).collect())
                        .unwrap_or_default();
                    for (name, prop) in props {
                        if prop.get("default").is_some() && required.contains(&name.as_str()) {
                            return false;
                        }
                    }
                }
                map.values().all(walk)
            }
            Value::Array(items) => items.iter().all(walk),
            _ => true,
        }
    }
    walk(schema)
}

/// Rewraps doc-comment text for readers of the schema: lines of a paragraph are joined, while
/// paragraphs and `- ` list items keep their line breaks.
fn tidy_descriptions(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match v {
                    Value::String(text) if key == "description" => *text = rewrap(text),
                    _ => tidy_descriptions(v),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(tidy_descriptions),
        _ => {}
    }
}

fn rewrap(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            out.push_str("\n\n");
        } else if out.is_empty() || out.ends_with('\n') {
            out.push_str(line);
        } else if line.starts_with("- ") {
            out.push('\n');
            out.push_str(line);
        } else {
            out.push(' ');
            out.push_str(line);
        }
    }
    out.trim().replace("\n\n\n", "\n\n")
}

#[cfg(test)]
mod tests {
    #[test]
    fn rewrap_joins_paragraph_lines_and_keeps_lists() {
        assert_eq!(
            super::rewrap("Status of a\n device.\n- `a`: one\n- `b`: two\n\nMore."),
            "Status of a device.\n- `a`: one\n- `b`: two\n\nMore."
        );
    }
}
