//! `type`, `enum` and `const` folded into one domain per side: where either side lists its
//! values and both say nothing but simple assertions, each listed value is checked against
//! the other side, so `enum ["a", "b"]` → `{"type": "string"}` is "values added", not a
//! narrowed type plus a removed enum.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::HashSet;

use serde_json::{Map, Value};

use crate::compare::Cx;
use crate::implies::implies;
use crate::numbers::{cmp_num, key};
use crate::report::{Breaks, ChangeKind};
use crate::resolve::ANNOTATIONS;
use crate::types::types;

/// Assertions decided value by value here (`format` and `pattern` only for non-strings).
const SIMPLE: [&str; 18] = [
    "type",
    "enum",
    "const",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
    "required",
    "format",
    "pattern",
];

/// The most integers a range is enumerated for.
const SMALL: i64 = 256;

/// One side: its keywords, and its listed values as keys for linear-time membership.
struct Side<'v> {
    m: &'v Map<String, Value>,
    enum_keys: Option<HashSet<String>>,
    const_key: Option<String>,
    format_assertion: bool,
    /// Draft-04 or older, where `1.0` is not an integer.
    pre6: bool,
}

impl<'v> Side<'v> {
    fn new(m: &'v Map<String, Value>, format_assertion: bool, pre6: bool) -> Self {
        let enum_keys = m
            .get("enum")
            .and_then(Value::as_array)
            .map(|e| e.iter().map(key).collect());
        Self {
            m,
            enum_keys,
            const_key: m.get("const").map(key),
            format_assertion,
            pre6,
        }
    }

    /// The values this side lists (each once) and does not reject outright; `None` without
    /// `enum` or `const`.
    fn listed(&self) -> Option<Vec<&'v Value>> {
        let constant = self.m.get("const").filter(|_| !self.pre6);
        let listed: Vec<&Value> = match (constant, self.m.get("enum")) {
            (Some(c), _) => vec![c],
            (None, Some(Value::Array(e))) => e.iter().collect(),
            _ => return None,
        };
        let mut seen = HashSet::new();
        Some(
            listed
                .into_iter()
                .filter(|v| seen.insert(key(v)) && self.accepts(v) != Some(false))
                .collect(),
        )
    }

    /// Whether this side lists its values (`enum`, or `const` since Draft-06).
    fn lists(&self) -> bool {
        self.m.contains_key("enum") || (self.m.contains_key("const") && !self.pre6)
    }

    /// Every value this side accepts, when there are few: `null`, booleans, and integers
    /// between a `minimum` and a `maximum` at most [`SMALL`] apart.
    fn small(&self) -> Option<Vec<Value>> {
        let t = types(self.m)?;
        let mut out = vec![Value::Null, Value::Bool(false), Value::Bool(true)];
        if t.contains("integer") {
            let bound = |k: &str| self.m.get(k).and_then(Value::as_i64);
            let (lo, hi) = (bound("minimum")?, bound("maximum")?);
            if hi.checked_sub(lo)? > SMALL {
                return None;
            }
            out.extend((lo..=hi).map(Value::from));
        }
        let others = ["null", "boolean", "integer"];
        t.iter().all(|t| others.contains(&t.as_str())).then(|| {
            out.into_iter()
                .filter(|v| self.accepts(v) != Some(false))
                .collect()
        })
    }

    /// Whether this side accepts `v`: `None` where that is not worked out here.
    fn accepts(&self, v: &Value) -> Option<bool> {
        let mut known = true;
        for (k, x) in self.m {
            match self.keyword(k, x, v) {
                Some(true) => {}
                Some(false) => return Some(false),
                None => known = false,
            }
        }
        known.then_some(true)
    }

    fn keyword(&self, k: &str, x: &Value, v: &Value) -> Option<bool> {
        let num = |f: fn(Ordering) -> bool| match v {
            Value::Number(_) => cmp_num(v, x).map(f),
            _ => Some(true),
        };
        let count = |n: Option<usize>, lower: bool| match (n, x.as_u64()) {
            (None, _) => Some(true),
            (Some(n), Some(b)) => Some(if lower { n as u64 >= b } else { n as u64 <= b }),
            (Some(_), None) => None,
        };
        let len = v.as_str().map(|s| s.chars().count());
        let items = v.as_array().map(Vec::len);
        let members = v.as_object().map(Map::len);
        match k {
            "type" if self.pre6 && v.is_number() => None,
            "type" => type_allows(x, v),
            "enum" => Some(self.enum_keys.as_ref()?.contains(&key(v))),
            // Draft-04 has no `const`: its validators ignore it.
            "const" if self.pre6 => Some(true),
            "const" => Some(self.const_key.as_deref() == Some(key(v).as_str())),
            "minimum" => num(|o| o != Ordering::Less),
            "maximum" => num(|o| o != Ordering::Greater),
            // Draft-04 booleans are not numbers: not decided here.
            "exclusiveMinimum" if x.is_number() => num(|o| o == Ordering::Greater),
            "exclusiveMaximum" if x.is_number() => num(|o| o == Ordering::Less),
            "multipleOf" => match (v.is_number(), v.as_i64(), x.as_u64()) {
                (false, ..) => Some(true),
                (true, Some(i), Some(m)) if m > 0 => Some(i.unsigned_abs() % m == 0),
                _ => None,
            },
            "minLength" => count(len, true),
            "maxLength" => count(len, false),
            "minItems" => count(items, true),
            "maxItems" => count(items, false),
            "minProperties" => count(members, true),
            "maxProperties" => count(members, false),
            "uniqueItems" => match (v.as_array(), x.as_bool()) {
                (Some(a), Some(true)) => {
                    let mut seen = HashSet::new();
                    Some(a.iter().all(|i| seen.insert(key(i))))
                }
                (_, Some(_)) => Some(true),
                _ => None,
            },
            "required" => match (v.as_object(), x.as_array()) {
                (None, _) => Some(true),
                (Some(o), Some(r)) => Some(
                    r.iter()
                        .all(|n| n.as_str().is_some_and(|n| o.contains_key(n))),
                ),
                _ => None,
            },
            "format" if !self.format_assertion => Some(true),
            "format" | "pattern" => (!v.is_string()).then_some(true),
            k if ANNOTATIONS.contains(&k) => Some(true),
            _ => None,
        }
    }
}

/// Whether `type` (a name or a list of names) allows `v`; an integer-valued float is an
/// integer (since Draft-06: older drafts are not decided here, see `Side::pre6`).
fn type_allows(t: &Value, v: &Value) -> Option<bool> {
    let names: Vec<&str> = match t {
        Value::String(s) => vec![s.as_str()],
        Value::Array(a) => a.iter().map(Value::as_str).collect::<Option<_>>()?,
        _ => return None,
    };
    let allows = |n: &str| names.contains(&n);
    Some(match v {
        Value::Null => allows("null"),
        Value::Bool(_) => allows("boolean"),
        Value::String(_) => allows("string"),
        Value::Array(_) => allows("array"),
        Value::Object(_) => allows("object"),
        Value::Number(_) if allows("number") => true,
        Value::Number(n) if n.is_i64() || n.is_u64() => allows("integer"),
        Value::Number(n) => allows("integer") && n.as_f64().is_some_and(|x| x.fract() == 0.0),
    })
}

/// Whether `m` says nothing this module does not decide.
fn simple(m: &Map<String, Value>) -> bool {
    m.keys()
        .all(|k| SIMPLE.contains(&k.as_str()) || ANNOTATIONS.contains(&k.as_str()))
}

fn lists(m: &Map<String, Value>) -> bool {
    m.contains_key("enum") || m.contains_key("const")
}

/// The keyword a side lists its values with.
fn list_kw(m: &Map<String, Value>) -> &'static str {
    if m.contains_key("const") {
        "const"
    } else {
        "enum"
    }
}

/// One side as a whole: a simple schema, or an `anyOf`/`oneOf` of simple schemas (with
/// nothing but annotations beside it), such as the `oneOf` of `const`s generators write for
/// documented enums.
struct Domain<'v> {
    branches: Vec<Side<'v>>,
    /// `oneOf`: exactly one branch must accept.
    one: bool,
    /// The keyword changes are reported under.
    kw: &'static str,
}

impl<'v> Domain<'v> {
    fn of(m: &'v Map<String, Value>, format_assertion: bool, pre6: bool) -> Option<Self> {
        let side = |m| Side::new(m, format_assertion, pre6);
        if simple(m) {
            let kw = if lists(m) { list_kw(m) } else { "type" };
            return Some(Self {
                branches: vec![side(m)],
                one: false,
                kw,
            });
        }
        let (kw, one) = match (m.get("anyOf"), m.get("oneOf")) {
            (Some(_), None) => ("anyOf", false),
            (None, Some(_)) => ("oneOf", true),
            _ => return None,
        };
        let beside = m
            .keys()
            .all(|k| k == kw || ANNOTATIONS.contains(&k.as_str()));
        let branches = m
            .get(kw)?
            .as_array()?
            .iter()
            .map(|b| b.as_object().filter(|b| simple(b)));
        let branches: Option<Vec<Side<'v>>> = branches.map(|b| b.map(side)).collect();
        Some(Self {
            branches: branches.filter(|_| beside)?,
            one,
            kw,
        })
    }

    fn lists(&self) -> bool {
        self.branches.iter().any(Side::lists)
    }

    fn accepts(&self, v: &Value) -> Option<bool> {
        let verdicts: Vec<Option<bool>> = self.branches.iter().map(|b| b.accepts(v)).collect();
        let yes = verdicts.iter().filter(|x| **x == Some(true)).count();
        let unknown = verdicts.contains(&None);
        match (self.one, unknown) {
            (false, _) if yes > 0 => Some(true),
            (_, true) => None,
            (false, false) => Some(false),
            (true, false) => Some(yes == 1),
        }
    }

    /// Every value this side may accept (each once), when they are few; `None` otherwise.
    fn values(&self) -> Option<Vec<Cow<'v, Value>>> {
        if let [b] = self.branches.as_slice() {
            // Already each once, and filtered by the branch itself.
            return match b.listed() {
                Some(l) => Some(l.into_iter().map(Cow::Borrowed).collect()),
                None => Some(b.small()?.into_iter().map(Cow::Owned).collect()),
            };
        }
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for b in &self.branches {
            let vs: Vec<Cow<'v, Value>> = match b.listed() {
                Some(l) => l.into_iter().map(Cow::Borrowed).collect(),
                None => b.small()?.into_iter().map(Cow::Owned).collect(),
            };
            for v in vs {
                if seen.insert(key(&v)) && self.accepts(&v) != Some(false) {
                    out.push(v);
                }
            }
        }
        Some(out)
    }
}

impl Cx<'_> {
    /// Compares the two sides as domains when either lists values and both are simple (or
    /// unions of simple schemas); returns whether it did (then nothing else at this level
    /// needs comparing).
    pub(crate) fn compare_folded(
        &mut self,
        o: &Map<String, Value>,
        n: &Map<String, Value>,
        at: &str,
    ) -> bool {
        let (Some(dold), Some(dnew)) = (
            Domain::of(o, self.format_assertion, self.pre6.0),
            Domain::of(n, self.format_assertion, self.pre6.1),
        ) else {
            return false;
        };
        // Without listed values, only an `anyOf` is compared here (branch within branch); plain
        // schemas keyword by keyword, and `oneOf`s branch by branch when their branches
        // exclude each other (`combinators.rs`).
        // Two `anyOf`s of one length stay branch by branch too: their pointers say more.
        let (lo, ln) = (dold.branches.len(), dnew.branches.len());
        let union = (lo > 1 || ln > 1)
            && !(dold.one || dnew.one)
            && !(lo == ln && o.contains_key("anyOf") && n.contains_key("anyOf"));
        if !(dold.lists() || dnew.lists() || union) {
            return false;
        }
        let (vold, vnew) = (dold.values(), dnew.values());
        // Two single values, both lost: one change, as `const` changes always read.
        if let (Some([a]), Some([b])) = (vold.as_deref(), vnew.as_deref()) {
            if dnew.accepts(a) == Some(false) && dold.accepts(b) == Some(false) {
                let p = format!("{at}/{}", dnew.kw);
                let detail = format!("{} {a} changed to {b}", dnew.kw);
                self.push(&p, ChangeKind::ValueConstraintChanged, Breaks::Both, detail);
                self.hint(b);
                return true;
            }
        }
        self.one_way((&dnew, vnew.as_deref()), &dold, at, Breaks::Forward);
        self.one_way((&dold, vold.as_deref()), &dnew, at, Breaks::Backward);
        true
    }

    /// Whether every branch of `acc` is shown to be within one branch of `rej` (an `anyOf`,
    /// or a single schema: a `oneOf` would also need the others to reject).
    fn covers(&self, acc: &Domain<'_>, rej: &Domain<'_>) -> bool {
        acc.branches.iter().all(|b| {
            let values: Option<Vec<Cow<'_, Value>>> = match b.listed() {
                Some(l) => Some(l.into_iter().map(Cow::Borrowed).collect()),
                None => b.small().map(|s| s.into_iter().map(Cow::Owned).collect()),
            };
            if let Some(values) = &values {
                // Each value within some branch (not all within one).
                return values.iter().all(|v| rej.accepts(v) == Some(true));
            }
            if rej.one && rej.branches.len() > 1 {
                return false;
            }
            // A branch of several types is a branch per type: each may land in another.
            let per_type: Vec<Map<String, Value>> = match types(b.m) {
                Some(ts) if ts.len() > 1 => ts
                    .into_iter()
                    .map(|t| {
                        let mut m = b.m.clone();
                        m.insert("type".into(), Value::String(t));
                        m
                    })
                    .collect(),
                _ => vec![b.m.clone()],
            };
            per_type.iter().all(|m| {
                rej.branches.iter().any(|c| {
                    !b.pre6 && !c.pre6 && !c.lists() && implies(m, c.m, self.format_assertion)
                })
            })
        })
    }

    /// Whether `rej` accepts everything `acc` does (`values`: all `acc` may accept, when
    /// few); a value it does not is a break of `breaks` (backward when `acc` is old).
    fn one_way(
        &mut self,
        (acc, values): (&Domain<'_>, Option<&[Cow<'_, Value>]>),
        rej: &Domain<'_>,
        at: &str,
        breaks: Breaks,
    ) {
        let (kind, verb) = match breaks {
            Breaks::Backward => (ChangeKind::EnumValueRemoved, "removed"),
            _ => (ChangeKind::EnumValueAdded, "added"),
        };
        let Some(values) = values else {
            if self.covers(acc, rej) {
                return;
            }
            // Many values, not shown to be accepted: a break, if a witness shows it.
            if rej.lists() {
                let kw = rej.kw;
                let detail = match breaks {
                    Breaks::Backward => format!("{kw} added: only the listed values allowed"),
                    _ => format!("{kw} removed: other values allowed"),
                };
                let p = format!("{at}/{kw}");
                return self.push(&p, ChangeKind::ValueConstraintChanged, breaks, detail);
            }
            // Unions without listed values: the new side's keyword, narrowed or widened.
            let (kind, kw, detail) = match breaks {
                Breaks::Backward => (
                    ChangeKind::TypeNarrowed,
                    rej.kw,
                    "the new schema may reject values the old one accepts",
                ),
                _ => (
                    ChangeKind::TypeWidened,
                    acc.kw,
                    "the new schema may accept values the old one rejects",
                ),
            };
            let p = format!("{at}/{kw}");
            return self.push(&p, kind, breaks, detail.into());
        };
        let p = format!("{at}/{}", acc.kw);
        let mut lost = Vec::new();
        let mut open = None;
        for v in values {
            match rej.accepts(v) {
                Some(true) => {}
                Some(false) => lost.push(v.as_ref()),
                None => {
                    open.get_or_insert(v);
                }
            }
        }
        self.push_values(&p, (kind, breaks), verb, &lost);
        if let Some(v) = open {
            let detail = format!("whether the other side accepts {v} is not worked out");
            self.push(&p, ChangeKind::Unclassified, Breaks::Unknown, detail);
        }
    }
}
