//! The rules that compute: derivations, their inverses, totals and checks.

use serde_json::Value;

use super::Step;
use crate::change::{Derivation, Downgrade, Formula, Place};
use crate::report::EntryKind;
use crate::text;
use crate::work::{At, Carried, Read};

/// A difference computed from the source.
enum Difference {
    /// `a - b = result`; `at` points at `a`.
    Value {
        a: u64,
        b: u64,
        result: u64,
        at: At,
    },
    Negative,
    Unknown,
}

impl Step<'_> {
    /// `a - b` from the source; a contradiction is reported when `b` exceeds `a`.
    fn difference(&mut self, newer: &[Place], f: Formula) -> Difference {
        let Formula::Difference(a, b) = f;
        match (self.count(a), self.count(b)) {
            (Some((a, at)), Some((b, _))) if b <= a => Difference::Value {
                a,
                b,
                result: a - b,
                at,
            },
            (Some((a, _)), Some((b, b_at))) => {
                self.contradiction(b_at.pointer(), text::exceeds(newer, f, a, b));
                Difference::Negative
            }
            _ => Difference::Unknown,
        }
    }

    /// Writes a derived value, or leaves it unavailable (carrying what its inverse needs).
    pub(super) fn derive(&mut self, d: &Derivation) {
        let Formula::Difference(a, b) = d.formula;
        let reason = match self.difference(&[d.newer], d.formula) {
            Difference::Value {
                a: x,
                b: y,
                result,
                at,
            } => {
                let to = self.out.write(d.newer, Value::from(result));
                let kind = EntryKind::Derived {
                    rule: text::formula(&[d.newer], d.formula),
                    assumption: d.assumption,
                };
                self.entry(
                    kind,
                    Some(at.pointer()),
                    Some(to.pointer()),
                    text::difference(&[d.newer], x, y, result),
                );
                return;
            }
            Difference::Negative => text::exceeds_hole(d.formula),
            Difference::Unknown => text::needs(a, b),
        };
        self.unavailable(d.newer, reason);
        if d.downgrade == Downgrade::Inverse {
            // The inverse cannot restore `a` now: keep it for the way back.
            if let Read::Found(value, _) = self.src.read(a) {
                self.out.carried.push(Carried {
                    version: self.src.version,
                    pointer: a.pointer(),
                    value: value.clone(),
                    reason: text::carried(d.newer, self.src.version),
                });
            }
        }
    }

    /// The inverse of a difference: `a = b + derived`, or else the `a` the upgrade carried.
    pub(super) fn restore(&mut self, d: &Derivation) {
        let Formula::Difference(a, b) = d.formula;
        let b = self.change.newer_place_of(b);
        let operands = self.count(b).zip(self.count(d.newer));
        // A sum above `Count::MAX` (2^53 - 1) does not fit in a count either.
        let fits = |s: u64| metaaccess_account::Count::try_new(s).map(|c| c.get());
        let sum = operands.map(|((x, at), (y, _))| (x, y, x.checked_add(y).and_then(fits), at));
        if let Some((x, y, Some(s), at)) = sum {
            let to = self.out.write(a, Value::from(s));
            let kind = EntryKind::Derived {
                rule: text::inverse(a, b, d.newer),
                assumption: d.assumption,
            };
            self.entry(
                kind,
                Some(at.pointer()),
                Some(to.pointer()),
                text::sum(a, x, y, s),
            );
            return;
        }
        if let Some(value) = self.src.carried_at(self.change.from, a).cloned() {
            self.out.write(a, value);
            return;
        }
        let reason = match sum {
            Some((.., at)) => {
                let overflow = text::overflow(b, d.newer);
                self.contradiction(at.pointer(), overflow.clone());
                overflow
            }
            None => text::needs(b, d.newer),
        };
        self.unavailable(a, reason);
    }

    /// A total of several places, reported (never written); whether it could be computed.
    pub(super) fn total(&mut self, newer: &[Place], f: Formula, assumption: &'static str) -> bool {
        match self.difference(newer, f) {
            Difference::Value { a, b, result, at } => {
                let kind = EntryKind::Derived {
                    rule: text::formula(newer, f),
                    assumption,
                };
                let to = newer.first().map(|p| p.pointer());
                self.entry(
                    kind,
                    Some(at.pointer()),
                    to,
                    text::difference(newer, a, b, result),
                );
                true
            }
            Difference::Negative => true,
            Difference::Unknown => false,
        }
    }

    /// Reports parts that do not sum to their total; whether every count was there.
    pub(super) fn check(&mut self, parts: &[Place], total: Place) -> bool {
        let mut sum = 0u64;
        for part in parts {
            match self.count(*part).and_then(|(n, _)| sum.checked_add(n)) {
                Some(s) => sum = s,
                None => return false,
            }
        }
        let Some((t, _)) = self.count(total) else {
            return false;
        };
        if sum != t {
            let at = parts
                .first()
                .map_or_else(|| total.pointer(), |p| p.pointer());
            self.contradiction(at, text::check_failed(parts, total, sum, t));
        }
        true
    }
}
