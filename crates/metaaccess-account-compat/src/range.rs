//! `minimum`/`exclusiveMinimum` and `maximum`/`exclusiveMaximum`, each pair read as one bound
//! (a value, and whether it is excluded), so that `minimum: 5` → `exclusiveMinimum: 5` is one
//! tightening, not a relaxed `minimum` beside a tightened `exclusiveMinimum`.

use std::cmp::Ordering;

use serde_json::{Map, Value};

use crate::compare::Cx;
use crate::numbers::cmp_num;
use crate::report::{Breaks, ChangeKind};

/// One side's bound: the keyword that sets it, its value, whether the value is excluded.
pub(crate) struct Bound<'v> {
    kw: &'static str,
    pub(crate) value: &'v Value,
    pub(crate) exclusive: bool,
}

/// The bound of `m` (the tighter of the inclusive and exclusive one); `Err` when a value is
/// not a number or the two cannot be ordered exactly.
pub(crate) fn bound<'v>(
    m: &'v Map<String, Value>,
    (inclusive, exclusive): (&'static str, &'static str),
    lower: bool,
) -> Result<Option<Bound<'v>>, ()> {
    let get = |k: &'static str, excl: bool| match m.get(k) {
        None => Ok(None),
        Some(v) if v.is_number() => Ok(Some(Bound {
            kw: k,
            value: v,
            exclusive: excl,
        })),
        Some(_) => Err(()),
    };
    match (get(inclusive, false)?, get(exclusive, true)?) {
        (Some(i), Some(e)) => {
            // The exclusive one wins ties: it excludes the value too.
            let tighter = match cmp_num(e.value, i.value).ok_or(())? {
                Ordering::Equal => true,
                o => (o == Ordering::Greater) == lower,
            };
            Ok(Some(if tighter { e } else { i }))
        }
        (i, e) => Ok(i.or(e)),
    }
}

impl Cx<'_> {
    pub(crate) fn compare_ranges(
        &mut self,
        o: &Map<String, Value>,
        n: &Map<String, Value>,
        at: &str,
    ) {
        for (pair, lower) in [
            (("minimum", "exclusiveMinimum"), true),
            (("maximum", "exclusiveMaximum"), false),
        ] {
            let (Ok(a), Ok(b)) = (bound(o, pair, lower), bound(n, pair, lower)) else {
                for k in [pair.0, pair.1] {
                    self.unless_same(o.get(k), n.get(k), &format!("{at}/{k}"));
                }
                continue;
            };
            let tightened = match (&a, &b) {
                (None, None) => continue,
                (None, Some(_)) => true,
                (Some(_), None) => false,
                (Some(x), Some(y)) => match cmp_num(y.value, x.value) {
                    Some(Ordering::Equal) if x.exclusive == y.exclusive => continue,
                    Some(Ordering::Equal) => y.exclusive,
                    Some(order) => (order == Ordering::Greater) == lower,
                    None => {
                        let p = format!("{at}/{}", y.kw);
                        let detail = format!("{} changed: not comparable exactly", y.kw);
                        self.push(&p, ChangeKind::Unclassified, Breaks::Unknown, detail);
                        continue;
                    }
                },
            };
            let show = |b: &Option<Bound<'_>>| {
                b.as_ref()
                    .map_or_else(|| "none".to_owned(), |b| format!("{} {}", b.kw, b.value))
            };
            let kw = b.as_ref().or(a.as_ref()).map_or(pair.0, |x| x.kw);
            let p = format!("{at}/{kw}");
            let (kind, breaks, verb) = if tightened {
                (ChangeKind::BoundTightened, Breaks::Backward, "tightened")
            } else {
                (ChangeKind::BoundRelaxed, Breaks::Forward, "relaxed")
            };
            let what = if lower { "lower" } else { "upper" };
            let detail = format!("{what} bound {verb}: {} -> {}", show(&a), show(&b));
            self.push(&p, kind, breaks, detail);
            if let Some(x) = &a {
                self.hint(x.value); // the old bound: a witness either way, often
            }
        }
    }
}
