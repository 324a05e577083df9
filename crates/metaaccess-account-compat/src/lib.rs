//! Compares two JSON Schemas and lists every change, with the compatibility it breaks.
//!
//! - A change **breaks backward compatibility** when the new schema rejects a document the old
//!   one accepted (documents written for the old contract stop validating).
//! - A change **breaks forward compatibility** when the old schema rejects a document the new
//!   one accepts (consumers still on the old contract cannot read new documents).
//!
//! The overall [`Verdict`] is `FULL` (neither is broken), `BACKWARD` (backward compatible:
//! only forward compatibility is broken), `FORWARD` (forward compatible) or `NONE`.
//! For API *responses*, forward compatibility is the one that protects old clients: a client
//! validating with the old schema must accept what the new server sends.
//!
//! **Certain means proven.** Every compatibility the verdict claims follows from the
//! specification (held to that by property tests against brute force, recursion through `not`
//! included). A *break* is certain ([`Change::certain`]) only when a verified witness
//! document shows it; otherwise the change is *undecided*: still counted as breaking what it
//! may break, with its keyword in its pointer. A change that cannot be classified at all (a
//! changed `pattern`, a reshaped `anyOf`, an unknown keyword, a recursive `$ref` back through
//! `not` beside a break ...) is [`Breaks::Unknown`], counted as breaking both directions.
//! [`Report::certain`] holds when every change is certain. A sub-schema that is not compared
//! keyword by keyword is compared as written, through every `$ref` it reaches: if anything
//! differs, its keyword is reported as unclassified, never passed over.
//!
//! **Checked first** (feature `metaschema`, on by default): each schema against its draft's
//! metaschema. [`try_diff_with`] returns the first error with its JSON pointer
//! ([`InvalidSchema`]); [`diff`] and [`diff_with`] report it as one undecided change.
//!
//! Handles `$ref` into `$defs`/`definitions` (local references only; in Draft-07 the keywords
//! beside a `$ref` are ignored, as that draft says), `anyOf` for optional values, nested
//! arrays of objects, Draft 2020-12, 2019-09 and Draft-07. `format` is treated as an assertion
//! (as validators do with format checking on) unless [`Options`] say otherwise; [`diff_with`]
//! also reads both schemas with a forced [`Draft`].
//!
//! `type`, `enum` and `const` are folded into one domain per side: where either side lists
//! its values and both say nothing but simple assertions (bounds, lengths, counts,
//! `required`), or are an `anyOf`/`oneOf` of such schemas, each listed value is checked
//! against the other side, so `enum ["a", "b"]` → `{"type": "string"}` is BACKWARD, `enum` →
//! `const` FORWARD, and a `oneOf` of `const`s is its `enum`; without listed values, an
//! `anyOf` whose branches cannot be paired one to one is compared branch within branch (a
//! branch of several types split per type). A bound on a type that one side
//! does not allow is moot (`integer` → `string` reports the type, no `minimum`);
//! `minimum`/`exclusiveMinimum` are read as one bound (so are the maxima), and Draft-04 in the
//! later form (boolean exclusive bounds rewritten, its unknown `const` ignored). `not`
//! is compared with its directions swapped, `oneOf` branch by branch when no document can
//! match two of its branches (by type, by `const`/`enum`, or by a required tag property),
//! `enum`/`const` values by value (`1` is `1.0`) as sets (linear time, however long), and in
//! 2019-09 and later an `unevaluatedProperties` with no in-place applicator beside it as
//! `additionalProperties`.
//!
//! **Counterexamples** (feature `witness`, on by default): every change that breaks a direction
//! carries in [`Change::witness`] a small document that shows it, where one was found: accepted
//! by the old schema and rejected by the new one (backward), or the other way round (forward).
//! It is built from the change (a removed `enum` value, the old `maximum`, a document without a
//! newly required property ...) inside a minimal valid document, and checked with the
//! `jsonschema` crate before it is reported: a witness is never wrong, only sometimes absent.
//! The search is bounded per report (a million JSON nodes kept in witnesses, 20 million
//! validated): 3,000 required properties all changed get witnesses for their first few
//! hundred changes, and the rest stay undecided. Without the feature no break is certain.
//! Long `enum`s list 16 values per direction one change each, then one change for the rest.
//!
//! ```
//! use metaaccess_account_compat::{diff, Verdict};
//! use serde_json::json;
//!
//! let old = json!({"type": "object", "properties": {"s": {"enum": ["a", "b"]}}});
//! let new = json!({"type": "object", "properties": {"s": {"enum": ["a", "b", "c"]}}});
//! let report = diff(&old, &new);
//! assert_eq!(report.verdict, Verdict::Backward); // old documents stay valid; old readers may see "c"
//! assert_eq!(report.changes[0].pointer, "/properties/s/enum");
//! assert_eq!(report.changes[0].witness.forward, Some(json!({"s": "c"})));
//! ```

/// This crate's README, whose example is compiled and run as a doctest so that it stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

mod applicators;
mod arrays;
#[cfg(feature = "metaschema")]
mod check;
mod combinators;
mod compare;
mod draft4;
mod enums;
mod implies;
mod numbers;
mod objects;
mod options;
mod range;
mod report;
mod resolve;
mod strings;
mod types;
mod values;
#[cfg(feature = "witness")]
mod witness;

use serde_json::Value;

#[cfg(feature = "metaschema")]
pub use check::{check_schema, InvalidSchema, Side};
pub use options::{Draft, Options};
pub use report::{
    Breaks, Change, ChangeKind, Report, UnknownName, UnknownVerdict, Verdict, Witness,
};

use compare::Cx;
use resolve::{contains_ref, draft_sensitive, embedded_id};

/// Compares `old` with `new`, each read with its own `$schema`, `format` an assertion.
pub fn diff(old: &Value, new: &Value) -> Report {
    diff_with(old, new, Options::default())
}

/// Checks both schemas against their draft's metaschema ([`check_schema`]), then compares
/// them with [`diff_with`].
///
/// # Errors
///
/// The first metaschema error, of the old schema first.
#[cfg(feature = "metaschema")]
pub fn try_diff_with(old: &Value, new: &Value, options: Options) -> Result<Report, InvalidSchema> {
    check_schema(old, &options, Side::Old)?;
    check_schema(new, &options, Side::New)?;
    Ok(compare(old, new, options))
}

/// Compares `old` with `new` with these options. With the `witness` feature (on by default),
/// each change that breaks a direction carries a verified counterexample where one was found;
/// without it, no break is [`Report::certain`]. With the `metaschema` feature (on by default),
/// a schema its metaschema rejects gives one undecided change at the pointer of the first
/// error ([`try_diff_with`] returns that error instead).
pub fn diff_with(old: &Value, new: &Value, options: Options) -> Report {
    #[cfg(feature = "metaschema")]
    for (schema, side) in [(old, Side::Old), (new, Side::New)] {
        if let Err(e) = check_schema(schema, &options, side) {
            let c = Change::undecided(&e.pointer, e.to_string());
            return Report::from_changes(vec![c]);
        }
    }
    compare(old, new, options)
}

fn compare(old: &Value, new: &Value, options: Options) -> Report {
    let mut cx = Cx::new(old, new, &options);
    if cx.legacy.0 != cx.legacy.1 && (draft_sensitive(old) || draft_sensitive(new)) {
        cx.push(
            "/$schema",
            ChangeKind::Unclassified,
            Breaks::Unknown,
            "the draft changed: some keywords mean other things".into(),
        );
    }
    if [old, new].iter().any(|r| embedded_id(r, 0)) && (contains_ref(old) || contains_ref(new)) {
        cx.push(
            "",
            ChangeKind::Unclassified,
            Breaks::Unknown,
            "an embedded $id may change what a $ref points to; references are followed from the root".into(),
        );
    }
    cx.compare(old, new, "", 0);
    // A recursive reference met again under the other parity of `not`s was assumed to hold
    // in the direction it did not prove: sound only if nothing breaks anywhere (then the two
    // schemas are equal, and equality survives negation).
    if cx.changes.iter().any(|c| c.breaks != Breaks::Neither) {
        let mut flipped = std::mem::take(&mut cx.flipped);
        flipped.dedup();
        for at in flipped {
            cx.push(
                &at,
                ChangeKind::Unclassified,
                Breaks::Unknown,
                "a recursive $ref through `not` (which swaps directions): not classified".into(),
            );
        }
    }
    #[cfg(feature = "witness")]
    witness::attach(&mut cx.changes, &cx.hints, old, new, &options);
    Report::from_changes(cx.changes)
}
