//! What every door writes about conversions: the compact per-record report line and the
//! summary of a run (conversions by versions, rules by name, missing and carried values),
//! each said once for all records.

use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hash};
use std::io::{self, Write};

use metaaccess_account::ApiVersion;
use metaaccess_account_convert::Missing;
use metaaccess_account_validate::secrets::Secrets;

use super::records::{
    ConversionCount, ConversionOutcome, ConversionSummary, ConversionSummaryRecord, RuleCount,
    ValueCount,
};
use super::{escape, record_line, Format, Shield, LEAK_WITHHELD};
use crate::convert::{rule_text, Report};
use crate::input::Record;

/// The compact report line of one converted record (`--report FILE`, Python's
/// `Conversion.report`): [`Report::compact`] through the shield and its last check.
pub fn conversion_report_line(record: &Record, report: &Report, shield: &Shield) -> String {
    record_line(record, report.compact(record), shield)
}

/// The full report line of one converted record (every entry with its sentence, what the
/// envelope carries with its values): [`Report::json`] through the shield and its last check.
pub fn conversion_details_line(record: &Record, report: &Report, shield: &Shield) -> String {
    record_line(record, report.json(record), shield)
}

/// Items counted in first-seen order, found again by a hash of a borrowed key, so that
/// counting a record allocates nothing for what was seen before.
struct Counted<T> {
    hasher: RandomState,
    index: HashMap<u64, Vec<usize>>,
    items: Vec<(T, u64)>,
}

impl<T> Default for Counted<T> {
    fn default() -> Self {
        Self {
            hasher: RandomState::new(),
            index: HashMap::new(),
            items: Vec::new(),
        }
    }
}

impl<T> Counted<T> {
    /// Counts the item `key` names (`same` tells whether a stored item is it), made by `make`
    /// the first time.
    ///
    /// `hint` is where the item at the same position of the previous record was: records of a
    /// run mostly repeat one another, so it is tried first, without hashing.
    fn bump<K: Hash>(
        &mut self,
        hint: &mut usize,
        key: K,
        same: impl Fn(&T) -> bool,
        make: impl FnOnce() -> T,
    ) {
        if let Some((item, n)) = self.items.get_mut(*hint) {
            if same(item) {
                *n += 1;
                return;
            }
        }
        let slot = self.index.entry(self.hasher.hash_one(key)).or_default();
        match slot.iter().find(|&&i| same(&self.items[i].0)) {
            Some(&i) => {
                self.items[i].1 += 1;
                *hint = i;
            }
            None => {
                *hint = self.items.len();
                slot.push(self.items.len());
                self.items.push((make(), 1));
            }
        }
    }
}

/// A rule as counted: its parts, its text and the first record's sentence (masked).
struct RuleSeen {
    step: &'static str,
    kind: &'static str,
    source: Option<String>,
    target: Option<String>,
    text: String,
    example: String,
}

/// A missing or carried value as counted: what it is, and its line.
struct ValueSeen {
    key: ValueKey,
    text: String,
}

enum ValueKey {
    Missing(Missing),
    /// Version, pointer and reason (the value is left out: it differs by record).
    Carried(ApiVersion, String, String),
    /// An undocumented member, counted by its masked line.
    Unknown,
}

/// What the converted records of a run did, counted, and written once after them
/// ([`ConversionTally::write`]): the prose about each rule is rendered once, not once per
/// record. Every door that converts many records reports through it.
///
/// ```
/// use metaaccess_account::ApiVersion;
/// use metaaccess_account_capture::convert::{convert_record, Converted, Options};
/// use metaaccess_account_capture::input::{read_reader, InputFormat, Item, Limits, Sink};
/// use metaaccess_account_capture::output::{ConversionTally, Format};
/// use metaaccess_account_validate::Validator;
///
/// let ndjson = br#"{"name": "n", "email": "a@b.co", "last_login": "2017-03-09T08:00:00Z", "date_created": "2013-10-04T08:00:00Z", "devices_allowed": 5, "devices_used": 1, "devices_uncompliant": 0}"#;
/// let mut records = Vec::new();
/// let mut deliver = |item| { if let Item::Record(r) = item { records.push(r) } true };
/// read_reader("old.ndjson", &ndjson[..], InputFormat::Ndjson, Limits::default(),
///             &mut Sink::new(&mut deliver));
/// let (validator, mut tally) = (Validator::default(), ConversionTally::default());
/// let options = Options { to: ApiVersion::LATEST, redact: false, plain: false, direction: None };
/// for record in &records {
///     if let Converted::Done { report, secrets, .. } =
///         convert_record(record, &validator, None, options)
///     {
///         tally.add(&report, &secrets, false);
///     }
/// }
/// let mut summary = Vec::new();
/// tally.write(&mut summary, Format::Human)?;
/// let summary = String::from_utf8(summary).unwrap();
/// assert!(summary.starts_with("converted 1 record:\n  2.0 -> 3.2: partial, 1 record\n"));
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Default)]
pub struct ConversionTally {
    conversions: Counted<(ApiVersion, ApiVersion, bool)>,
    rules: Counted<RuleSeen>,
    /// Lines about missing and carried values (values left out: they differ by record), and
    /// members the source did not document (masked with their record's secrets).
    values: Counted<ValueSeen>,
    /// Where the previous record's conversion, each entry and each value were counted.
    hints: Vec<usize>,
}

impl ConversionTally {
    /// Counts one converted record. Its secrets are made into a shield only when something of
    /// the record is shown: the first sentence of a rule, or an undocumented member.
    pub fn add(&mut self, report: &Report, secrets: &Secrets, show_secrets: bool) {
        let mut shield: Option<Shield> = None;
        let mut shielded = |text: &str| {
            let shield = shield.get_or_insert_with(|| Shield::new(secrets.clone(), show_secrets));
            shield.guard(shield.text(text), || LEAK_WITHHELD.to_owned())
        };
        let count = 1
            + report.entries.len()
            + report.missing.len()
            + report.carried.len()
            + report.unknown.len();
        let mut hints = std::mem::take(&mut self.hints);
        if hints.len() < count {
            hints.resize(count, usize::MAX);
        }
        let (mut slots, mut spare) = (hints.iter_mut(), usize::MAX);
        let key = (report.from, report.to, report.complete);
        self.conversions.bump(
            slots.next().unwrap_or(&mut spare),
            key,
            |k| *k == key,
            || key,
        );
        for e in &report.entries {
            let (step, kind) = (e.step, e.kind.name());
            let (source, target) = (e.source_pointer.as_deref(), e.target_pointer.as_deref());
            self.rules.bump(
                slots.next().unwrap_or(&mut spare),
                (step, kind, source, target),
                |r| {
                    r.step == step
                        && r.kind == kind
                        && r.source.as_deref() == source
                        && r.target.as_deref() == target
                },
                || RuleSeen {
                    step,
                    kind,
                    source: source.map(str::to_owned),
                    target: target.map(str::to_owned),
                    text: rule_text(e),
                    example: shielded(&e.detail),
                },
            );
        }
        for m in &report.missing {
            self.values.bump(
                slots.next().unwrap_or(&mut spare),
                (0u8, &m.pointer, &m.bucket, &m.reason),
                |v| matches!(&v.key, ValueKey::Missing(seen) if seen == m),
                || ValueSeen {
                    key: ValueKey::Missing(m.clone()),
                    text: escape(&format!("missing {m}")).into_owned(),
                },
            );
        }
        for c in &report.carried {
            let same = |v: &ValueSeen| {
                matches!(&v.key, ValueKey::Carried(version, pointer, reason)
                    if *version == c.version && *pointer == c.pointer && *reason == c.reason)
            };
            self.values.bump(
                slots.next().unwrap_or(&mut spare),
                (1u8, c.version, &c.pointer, &c.reason),
                same,
                || ValueSeen {
                    key: ValueKey::Carried(c.version, c.pointer.clone(), c.reason.clone()),
                    text: escape(&format!(
                        "carried {} {} ({})",
                        c.version, c.pointer, c.reason
                    ))
                    .into_owned(),
                },
            );
        }
        for u in &report.unknown {
            // Its own text: counted by the masked line, as each record's secrets mask it.
            let text = shielded(&format!(
                "carried {} {}: {}",
                u.version, u.pointer, u.reason
            ));
            self.values.bump(
                slots.next().unwrap_or(&mut spare),
                (2u8, &text),
                |v| matches!(v.key, ValueKey::Unknown) && v.text == text,
                || ValueSeen {
                    key: ValueKey::Unknown,
                    text: text.clone(),
                },
            );
        }
        self.hints = hints;
    }

    /// Whether no record was counted.
    pub fn is_empty(&self) -> bool {
        self.conversions.items.is_empty()
    }

    /// Writes the summary: for people, counts and rules with their text and first sentence;
    /// as JSON, one [`ConversionSummaryRecord`] line. Nothing when no record was converted.
    pub fn write(&self, out: &mut impl Write, format: Format) -> io::Result<()> {
        if self.is_empty() {
            return Ok(());
        }
        let rule_id = |r: &RuleSeen| {
            let pointer = r.target.as_deref().or(r.source.as_deref()).unwrap_or("");
            format!("{}:{}:{pointer}", r.step, r.kind)
        };
        let outcome = |complete: bool| if complete { "complete" } else { "partial" };
        if format == Format::Json {
            let record = ConversionSummaryRecord {
                conversion_summary: ConversionSummary {
                    conversions: (self.conversions.items.iter())
                        .map(|((from, to, complete), n)| ConversionCount {
                            from: *from,
                            to: *to,
                            outcome: if *complete {
                                ConversionOutcome::Complete
                            } else {
                                ConversionOutcome::Partial
                            },
                            records: *n,
                        })
                        .collect(),
                    rules: (self.rules.items.iter())
                        .map(|(r, n)| RuleCount {
                            rule: rule_id(r),
                            records: *n,
                            text: r.text.clone(),
                            example: r.example.clone(),
                        })
                        .collect(),
                    values: (self.values.items.iter())
                        .map(|(v, n)| ValueCount {
                            text: v.text.clone(),
                            records: *n,
                        })
                        .collect(),
                },
            };
            let line = serde_json::to_string(&record).map_err(io::Error::other)?;
            return writeln!(out, "{line}");
        }
        let total: u64 = self.conversions.items.iter().map(|(_, n)| n).sum();
        writeln!(out, "converted {}:", records(total))?;
        for ((from, to, complete), n) in &self.conversions.items {
            writeln!(
                out,
                "  {from} -> {to}: {}, {}",
                outcome(*complete),
                records(*n)
            )?;
        }
        if !self.rules.items.is_empty() {
            writeln!(out, "rules applied (records, rule):")?;
            for (r, n) in &self.rules.items {
                writeln!(out, "  {n:>8}  {}", rule_id(r))?;
                writeln!(out, "            {}", r.text)?;
                writeln!(out, "            first record: {}", r.example)?;
            }
        }
        if !self.values.items.is_empty() {
            writeln!(out, "missing and carried values (records, value):")?;
            for (v, n) in &self.values.items {
                writeln!(out, "  {n:>8}  {}", v.text)?;
            }
        }
        Ok(())
    }
}

/// "1 record", "2 records".
fn records(n: u64) -> String {
    if n == 1 {
        "1 record".into()
    } else {
        format!("{n} records")
    }
}
