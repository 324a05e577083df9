//! The rules that compute: derivations, their inverses, totals and checks.

use serde_json::Value;

use super::Step;
use crate::change::{Derivation, Downgrade, Formula, Place};
use crate::report::EntryKind;
use crate::text;
use crate::work::{Carried, Read};

/// A difference computed from the source.
enum Difference {
    Value {
        a: u64,
        b: u64,
        result: u64,
        at: String,
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
                self.contradiction(b_at, text::exceeds(newer, f, a, b));
                Difference::Negative
            }
            _ => Difference::Unknown,
        }
    }

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
                    Some(at),
                    Some(to),
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

    /// The inverse of a difference: `a = b + derived`, or the carried `a`.
    pub(super) fn restore(&mut self, d: &Derivation) {
        let Formula::Difference(a, b) = d.formula;
        let b = self.change.newer_place_of(b);
        let carried = self.src.carried_at(self.change.from, a).cloned();
        let reason = match (self.count(b), self.count(d.newer)) {
            (Some((x, at)), Some((y, _))) => match x.checked_add(y) {
                Some(s) => {
                    let to = self.out.write(a, Value::from(s));
                    let kind = EntryKind::Derived {
                        rule: text::inverse(a, b, d.newer),
                        assumption: d.assumption,
                    };
                    self.entry(kind, Some(at), Some(to), text::sum(a, x, y, s));
                    return;
                }
                None if carried.is_none() => {
                    self.contradiction(at, text::overflow(b, d.newer));
                    text::overflow(b, d.newer)
                }
                None => String::new(),
            },
            _ => text::needs(b, d.newer),
        };
        match carried {
            Some(value) => {
                self.out.write(a, value);
            }
            None => self.unavailable(a, reason),
        }
    }

    pub(super) fn total(&mut self, newer: &[Place], f: Formula, assumption: &'static str) -> bool {
        match self.difference(newer, f) {
            Difference::Value { a, b, result, at } => {
                let kind = EntryKind::Derived {
                    rule: text::formula(newer, f),
                    assumption,
                };
                let to = newer.first().map(|p| p.pointer());
                self.entry(kind, Some(at), to, text::difference(newer, a, b, result));
                true
            }
            Difference::Negative => true,
            Difference::Unknown => false,
        }
    }

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
