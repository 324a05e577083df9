//! What `Debug` may show of document values: a `{:?}` in a log line must never print a
//! secret. Only the values of members that some version documents (the license key aside)
//! are shown; any other member may be anything, a token included, so its value is
//! [`REDACTED`].

use std::collections::BTreeSet;
use std::sync::OnceLock;

use metaaccess_account::{ApiVersion, REDACTED};
use serde_json::Value;

use crate::shape::LICENSE_KEY;

/// The member names documented by some version's response (top level and buckets).
fn documented(name: &str) -> bool {
    static NAMES: OnceLock<BTreeSet<String>> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        let mut names: BTreeSet<String> = ["status", "severity", "number_of_devices"]
            .into_iter()
            .map(str::to_owned)
            .collect();
        for version in ApiVersion::ALL {
            let schema = metaaccess_account::response_schema(version);
            if let Some(props) = schema.get("properties").and_then(Value::as_object) {
                names.extend(props.keys().cloned());
            }
        }
        names
    });
    name != LICENSE_KEY && names.contains(name)
}

/// `value`, a member named `name`, as `Debug` may show it.
pub(crate) fn shown(name: &str, value: &Value) -> Value {
    if !documented(name) {
        return Value::from(REDACTED);
    }
    match value {
        Value::Array(items) => Value::Array(items.iter().map(|v| shown(name, v)).collect()),
        Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), shown(k, v))).collect())
        }
        other => other.clone(),
    }
}

/// The last token of a JSON pointer, unescaped.
pub(crate) fn last_name(pointer: &str) -> String {
    let last = pointer.rsplit('/').next().unwrap_or_default();
    last.replace("~1", "/").replace("~0", "~")
}
