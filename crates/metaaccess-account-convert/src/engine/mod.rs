//! The interpreter: executes the rules of [`CHANGES`] in either direction, one adjacent version
//! at a time. It knows the rule kinds, never a particular version; every sentence it reports
//! comes from [`crate::text`], rendered from the rule being executed.
//!
//! It works on JSON objects rather than models because an intermediate or partial document has
//! holes no model can hold; a complete result is parsed into the target model at the end.

use metaaccess_account::ApiVersion;
use serde_json::{Map, Value};

use crate::change::{Array, Direction, Downgrade, Place, Rule, VersionChange};
use crate::changes::CHANGES;
use crate::report::{Entry, EntryKind, Report};
use crate::text;
use crate::work::{At, Read, Work};

mod formulas;

/// Called with each rule that acted: the change's name, the rule's index and the direction.
pub(crate) type Trace<'a> = dyn FnMut(&'static str, usize, Direction) + 'a;

/// Converts `work` to the version `to`, one change at a time.
pub(crate) fn run(work: Work, to: ApiVersion, report: &mut Report) -> Work {
    run_traced(work, to, report, &mut |_, _, _| {})
}

/// [`run`], telling `trace` which rules acted.
pub(crate) fn run_traced(
    mut work: Work,
    to: ApiVersion,
    report: &mut Report,
    trace: &mut Trace<'_>,
) -> Work {
    while work.version != to {
        let next = if work.version < to {
            CHANGES
                .iter()
                .find(|c| c.from == work.version)
                .map(|c| (c, Direction::Up))
        } else {
            CHANGES
                .iter()
                .find(|c| c.to == work.version)
                .map(|c| (c, Direction::Down))
        };
        let Some((change, direction)) = next else {
            break; // no change in that direction: a test proves every pair has one
        };
        work = step(change, direction, &work, report, trace);
    }
    work
}

/// Executes one change in one direction.
pub(crate) fn step(
    change: &'static VersionChange,
    direction: Direction,
    src: &Work,
    report: &mut Report,
    trace: &mut Trace<'_>,
) -> Work {
    let mut out = Work::new(change.target(direction), Map::new());
    out.carried.clone_from(&src.carried);
    let mut s = Step {
        change,
        up: direction == Direction::Up,
        src,
        out,
        report,
        duplicates: Vec::new(),
    };
    for (i, rule) in change.rules.iter().enumerate() {
        if s.apply(rule) {
            trace(change.name, i, direction);
        }
    }
    let mut out = s.out;
    if direction == Direction::Down {
        // Carried values are for the version they came from; arriving there consumes them.
        let version = out.version;
        out.carried.retain(|c| c.version != version);
    }
    out.sort_missing();
    out
}

/// What a rule does when the value it copies is absent from the source.
#[derive(Clone, Copy)]
enum Absence {
    /// Unavailable: the source should have had it.
    Lacks,
    /// Unavailable, for a declared reason.
    Because(&'static str),
    /// Nothing: the target may lack it too.
    Fine,
}

struct Step<'a> {
    change: &'static VersionChange,
    up: bool,
    src: &'a Work,
    out: Work,
    report: &'a mut Report,
    /// Duplicated buckets already reported as contradictions.
    duplicates: Vec<Place>,
}

impl Step<'_> {
    /// Executes one rule; whether it acted.
    fn apply(&mut self, rule: &Rule) -> bool {
        let up = self.up;
        match *rule {
            Rule::Copied(fields) => {
                let mut acted = false;
                for f in fields {
                    acted |= self.copy(Place::Field(f), Place::Field(f), Absence::Lacks);
                }
                acted
            }
            Rule::EveryFieldCopied => {
                self.out.doc.extend(self.src.doc.clone());
                self.out.missing.extend(self.src.missing.iter().cloned());
                !self.src.doc.is_empty()
            }
            Rule::CopiedWhenPresent { field, why } => {
                let absence = if up {
                    Absence::Because(why)
                } else {
                    Absence::Fine
                };
                self.copy(Place::Field(field), Place::Field(field), absence)
            }
            Rule::Moved { older, newer } if up => self.copy(older, newer, Absence::Lacks),
            Rule::Moved { older, newer } => self.copy(newer, older, Absence::Lacks),
            Rule::Added {
                newer,
                why,
                optional,
            } if up => {
                let reason = text::unavailable(why, optional.then_some(self.change.to));
                if optional {
                    let detail = text::unavailable_detail(newer, &reason);
                    self.entry(EntryKind::Unavailable, None, Some(newer.pointer()), detail);
                } else {
                    self.unavailable(newer, reason);
                }
                true
            }
            Rule::Added { newer, why, .. } => self.drop(newer, why),
            Rule::Removed { older, why } if up => self.drop(older, why),
            Rule::Removed { older, why } => {
                self.unavailable(older, text::unavailable(why, None));
                true
            }
            Rule::NewValues { array, values, why } => !up && self.drop_values(array, values, why),
            Rule::Derived(d) if up => {
                self.derive(&d);
                true
            }
            Rule::Derived(d) => match d.downgrade {
                Downgrade::Inverse => {
                    self.restore(&d);
                    true
                }
                Downgrade::Dropped => {
                    self.drop(d.newer, &text::derived_dropped(self.change.from, &d))
                }
            },
            Rule::Total {
                newer,
                formula,
                assumption,
            } => up && self.total(newer, formula, assumption),
            Rule::Check { parts, total, .. } => !up && self.check(parts, total),
        }
    }

    fn entry(
        &mut self,
        kind: EntryKind,
        source: Option<String>,
        target: Option<String>,
        detail: String,
    ) {
        self.report.entries.push(Entry {
            step: self.change.name,
            kind,
            source_pointer: source,
            target_pointer: target,
            detail,
        });
    }

    /// Leaves `place` empty in the target, reported and listed as missing.
    fn unavailable(&mut self, place: Place, reason: String) {
        let detail = text::unavailable_detail(place, &reason);
        self.entry(EntryKind::Unavailable, None, Some(place.pointer()), detail);
        self.out.hole(place, reason);
    }

    fn contradiction(&mut self, pointer: String, detail: String) {
        self.entry(EntryKind::Contradiction, Some(pointer), None, detail);
    }

    /// Reports a bucket named twice in the source, once per step.
    fn duplicate(&mut self, place: Place) {
        if !self.duplicates.contains(&place) {
            self.duplicates.push(place);
            self.contradiction(place.pointer(), text::duplicate(place));
        }
    }

    /// A count of the source (a duplicated bucket is reported, and counts as absent).
    fn count(&mut self, place: Place) -> Option<(u64, At)> {
        match self.src.read(place) {
            Read::Found(v, at) => v.as_u64().map(|n| (n, at)),
            Read::Duplicate => {
                self.duplicate(place);
                None
            }
            Read::Absent => None,
        }
    }

    /// Copies the source's value at `from` to `to`, or says why it cannot.
    fn copy(&mut self, from: Place, to: Place, absence: Absence) -> bool {
        let src = self.src;
        match src.read(from) {
            Read::Found(v, _) => {
                self.out.write(to, v.clone());
            }
            Read::Duplicate => {
                self.duplicate(from);
                self.unavailable(to, text::duplicate_hole(from));
            }
            Read::Absent => match (absence, src.listed_missing(from)) {
                (Absence::Fine, _) => return false,
                // Reported by the change that left it out: its reason follows the value.
                (_, Some(m)) => self.out.hole(to, m.reason.clone()),
                (Absence::Because(why), None) => {
                    self.unavailable(to, text::lacks_because(src.version, from.field(), why));
                }
                (Absence::Lacks, None) => self.unavailable(to, text::lacks(src.version, from)),
            },
        }
        true
    }

    /// Reports every value of the source at `place` as dropped.
    fn drop(&mut self, place: Place, why: &str) -> bool {
        let src = self.src;
        let found: Vec<(At, &Value)> = match place {
            Place::Bucket(a, value) => src
                .buckets(a)
                .filter(|(_, v, _)| *v == value)
                .map(|(i, _, n)| (At::Item(a.name, i), n))
                .collect(),
            _ => match src.read(place) {
                Read::Found(v, at) => vec![(at, v)],
                _ => Vec::new(),
            },
        };
        for (at, value) in &found {
            let detail = text::dropped(place.bucket(), value, why);
            self.entry(EntryKind::Dropped, Some(at.pointer()), None, detail);
        }
        !found.is_empty()
    }

    /// Drops the buckets of `array` the older version cannot hold.
    fn drop_values(&mut self, array: Array, values: &[&str], why: &str) -> bool {
        let (src, change) = (self.src, self.change);
        let dropped = |v: &str| {
            if values.is_empty() {
                !change.places_bucket(array, v)
            } else {
                values.contains(&v)
            }
        };
        let mut any = false;
        for (i, v, n) in src.buckets(array).filter(|(_, v, _)| dropped(v)) {
            let detail = text::dropped(Some(v), n, why);
            self.entry(
                EntryKind::Dropped,
                Some(format!("/{}/{i}", array.name)),
                None,
                detail,
            );
            any = true;
        }
        self.out.remove_buckets(array, dropped);
        any
    }
}
