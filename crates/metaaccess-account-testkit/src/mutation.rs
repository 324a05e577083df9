//! Mutations: the ways a captured document goes wrong (a field dropped, a type changed, a count
//! made negative, an enum value replaced, an extra field added).

use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{json, Value};

/// One change made to a document, for the failure message of a property test.
#[derive(Clone, Debug)]
pub enum Mutation {
    /// The member at this pointer was removed.
    DropField(String),
    /// The value at this pointer was replaced by one of (usually) another type.
    ChangeType(String, Value),
    /// The count at this pointer was negated.
    MakeNegative(String),
    /// The enum value at this pointer was replaced.
    ReplaceEnumValue(String, String),
    /// A member was added to the object at this pointer.
    AddField(String, String),
}

#[derive(Clone, Copy, Debug)]
enum Kind {
    Drop,
    ChangeType,
    Negative,
    Enum,
    Add,
}

/// Nodes of a document, by pointer.
#[derive(Default)]
struct Nodes {
    members: Vec<String>,
    values: Vec<String>,
    integers: Vec<String>,
    enum_values: Vec<String>,
    objects: Vec<String>,
}

fn walk(value: &Value, at: &str, key: Option<&str>, nodes: &mut Nodes) {
    if !at.is_empty() {
        nodes.values.push(at.to_owned());
    }
    match value {
        Value::Object(map) => {
            nodes.objects.push(at.to_owned());
            for (k, v) in map {
                let child = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                nodes.members.push(child.clone());
                walk(v, &child, Some(k), nodes);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                walk(v, &format!("{at}/{i}"), None, nodes);
            }
        }
        Value::Number(n) if n.is_u64() => nodes.integers.push(at.to_owned()),
        Value::String(_) if matches!(key, Some("status" | "severity" | "score_type")) => {
            nodes.enum_values.push(at.to_owned());
        }
        _ => {}
    }
}

fn replacement_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i32>().prop_map(Value::from),
        (-1.0e6f64..1.0e6).prop_map(Value::from),
        "[a-z@. -]{0,12}".prop_map(Value::from),
        Just(json!([])),
        Just(json!({})),
        Just(json!([1, "a"])),
    ]
}

fn split(pointer: &str) -> (&str, String) {
    let (parent, last) = pointer.rsplit_once('/').unwrap_or(("", pointer));
    (parent, last.replace("~1", "/").replace("~0", "~"))
}

fn apply(doc: &mut Value, kind: Kind, pick: Index, new: Value, text: String) -> Option<Mutation> {
    let mut nodes = Nodes::default();
    walk(doc, "", None, &mut nodes);
    let choose = |v: &Vec<String>| (!v.is_empty()).then(|| v[pick.index(v.len())].clone());
    match kind {
        Kind::Drop => {
            let at = choose(&nodes.members)?;
            let (parent, key) = split(&at);
            doc.pointer_mut(parent)?.as_object_mut()?.remove(&key);
            Some(Mutation::DropField(at))
        }
        Kind::ChangeType => {
            let at = choose(&nodes.values)?;
            *doc.pointer_mut(&at)? = new.clone();
            Some(Mutation::ChangeType(at, new))
        }
        Kind::Negative => {
            let at = choose(&nodes.integers)?;
            let slot = doc.pointer_mut(&at)?;
            let n = slot.as_u64()?.clamp(1, i64::MAX as u64);
            *slot = json!(-i64::try_from(n).ok()?);
            Some(Mutation::MakeNegative(at))
        }
        Kind::Enum => {
            let at = choose(&nodes.enum_values)?;
            *doc.pointer_mut(&at)? = Value::from(text.clone());
            Some(Mutation::ReplaceEnumValue(at, text))
        }
        Kind::Add => {
            let at = choose(&nodes.objects)?;
            let name = format!("x_{text}");
            doc.pointer_mut(&at)?
                .as_object_mut()?
                .insert(name.clone(), new);
            Some(Mutation::AddField(at, name))
        }
    }
}

/// A document derived from `doc` by zero to three mutations, with the mutations applied (zero
/// keeps some documents intact, so a law over these sees both verdicts).
pub fn mutated(doc: Value) -> impl Strategy<Value = (Value, Vec<Mutation>)> {
    let kind = prop_oneof![
        Just(Kind::Drop),
        Just(Kind::ChangeType),
        Just(Kind::Negative),
        Just(Kind::Enum),
        Just(Kind::Add),
    ];
    let step = (kind, any::<Index>(), replacement_value(), "[a-z_ -]{0,12}");
    prop::collection::vec(step, 0..=3).prop_map(move |steps| {
        let mut doc = doc.clone();
        let applied = steps
            .into_iter()
            .filter_map(|(kind, pick, new, text)| apply(&mut doc, kind, pick, new, text))
            .collect();
        (doc, applied)
    })
}
