//! A record converted: checked by the verdict library, its `$conversion` envelope read
//! ([`envelope`]), converted by `metaaccess-account-convert`, and the envelope and report
//! written. Every front end converts through [`convert_record`], so a round trip through the
//! command-line tool and one through the Python package give the same documents.
//!
//! What the verdict library calls valid or drift is converted; if that fails, the record is a
//! failure, never silently dropped. A document that carries values back from an earlier
//! conversion is checked against its target version's schema once they are restored: what a
//! forged envelope carries never leaves as a valid document.

use metaaccess_account::{AnyAccountDetails, ApiVersion, DocumentKind};
use metaaccess_account_convert::envelope::{self, Annotation};
use metaaccess_account_convert::{
    convert_any, Carried, Conversion, Entry, EntryKind, Missing, OrderedJson, Outcome, Partial,
};
use metaaccess_account_validate::secrets::{is_secret_name, Secrets};
use metaaccess_account_validate::{Problem, Status, Validator, Verdict};
use serde_json::{json, Value};

use crate::check;
use crate::input::{Body, Record};
use crate::output::records::{
    ConversionOutcome, ConversionRecord, ConversionReportLine, UnknownMember,
};

/// What converting one record produced.
pub enum Converted {
    /// The converted document and its report (not yet masked).
    Done {
        /// The converted document in documented field order (masked only if `--redact`), with
        /// the wire annotation unless `--plain`.
        document: OrderedJson,
        /// What the conversion did, as data: rendered only by whoever reads it
        /// ([`crate::output::conversion_report_line`], [`crate::output::ConversionTally`]).
        report: Box<Report>,
        /// The secrets of the record and its document.
        secrets: Secrets,
    },
    /// Not converted: why.
    Failed(Verdict),
    /// Not converted because the command goes the other way (a usage error: exit 2).
    Refused(Verdict),
}

/// Which way a command converts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// `upgrade`: to the same or a newer version.
    Up,
    /// `downgrade`: to the same or an older version.
    Down,
}

/// How to convert.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// The target version.
    pub to: ApiVersion,
    /// Mask the secrets of converted documents.
    pub redact: bool,
    /// Leave the wire annotation out.
    pub plain: bool,
    /// Which command runs, if only one way is allowed.
    pub direction: Option<Direction>,
}

/// Checks a record with the verdict library, then converts it. A document carrying the wire
/// annotation ([`envelope::ANNOTATION`]) has it taken out first, and what it carries is fed back
/// into the conversion.
pub fn convert_record(
    record: &Record,
    validator: &Validator,
    version: Option<ApiVersion>,
    options: Options,
) -> Converted {
    if let Body::Json(bytes) = &record.body {
        // Without an envelope (no `$conversion` member, not even escaped), a valid response
        // is read by its model without a JSON tree or a schema when the validator has the
        // typed fast path (as `validate` reads it); the rest takes the full path below.
        let envelope_free = memchr::memmem::find(bytes, b"$conversion").is_none()
            && memchr::memmem::find(bytes, b"\\u").is_none();
        if envelope_free {
            let version = version.or(record.hint);
            if let Some(verdict) = validator.fast_valid(bytes, record.kind, version) {
                return convert_accepted(
                    record,
                    verdict,
                    Annotation::default(),
                    validator,
                    options,
                );
            }
        }
    }
    let mut value = match check::parse(record, validator) {
        Ok(v) => v,
        Err(v) => return Converted::Failed(*v),
    };
    let annotation = match envelope::split(&mut value) {
        Ok(a) => a.unwrap_or_default(),
        Err(why) => {
            let mut secrets = Secrets::default();
            secrets.collect_json(&value);
            let mut v = Verdict::invalid(record.kind, why);
            v.secrets = secrets;
            return Converted::Failed(v);
        }
    };
    let version = version.or(record.hint).or(annotation.version);
    if annotation.missing.is_empty() || record.kind == DocumentKind::Request {
        let verdict = validator.validate_value_in(value, record.kind, version, &record.secrets);
        return convert_accepted(record, verdict, annotation, validator, options);
    }
    convert_partial(record, value, version, annotation, validator, options)
}

/// Converts what a verdict accepted. An accepted response without a model, or whose
/// conversion yields nothing, is an invalid record: a conversion failure is never silent.
pub fn convert_verdict(
    record: &Record,
    verdict: Verdict,
    validator: &Validator,
    to: ApiVersion,
    redact: bool,
) -> Converted {
    let options = Options {
        to,
        redact,
        plain: false,
        direction: None,
    };
    convert_accepted(record, verdict, Annotation::default(), validator, options)
}

fn refused(from: ApiVersion, options: Options) -> Option<String> {
    match options.direction? {
        Direction::Up if from > options.to => Some(format!(
            "upgrade converts to the same or a newer version; this record is {from}, newer than {}: use downgrade --to {}",
            options.to, options.to
        )),
        Direction::Down if from < options.to => Some(format!(
            "downgrade converts to the same or an older version; this record is {from}, older than {}: use upgrade --to {}",
            options.to, options.to
        )),
        _ => None,
    }
}

fn convert_accepted(
    record: &Record,
    mut verdict: Verdict,
    annotation: Annotation,
    validator: &Validator,
    options: Options,
) -> Converted {
    let to = options.to;
    if record.kind == DocumentKind::Request && verdict.document.is_some() {
        let mut v = Verdict::skipped(record.kind, "request bodies are not converted");
        v.api_version = verdict.api_version;
        return Converted::Failed(v);
    }
    if !verdict.is_accepted() {
        return Converted::Failed(verdict);
    }
    let (Some(model), Some(from)) = (verdict.model.take(), verdict.api_version) else {
        return failed(
            verdict,
            to,
            "the document was accepted but has no model to convert",
        );
    };
    if let Some(why) = refused(from, options) {
        return Converted::Refused(failed_verdict(verdict, why));
    }
    let known = model.to_json_value();
    let mut unknown = verdict
        .document
        .as_ref()
        .map(|raw| envelope::unknown_members(raw, &known, from))
        .unwrap_or_default();
    let restored = !annotation.is_empty();
    let mut secrets = Secrets::default();
    secrets.extend(&record.secrets);
    secrets.extend(&verdict.secrets);
    if verdict.document.is_none() {
        // Read by the typed fast path: a valid document is its model, secrets included.
        secrets.collect_json(&known);
    }
    carried_secrets(&annotation, &mut secrets);
    unknown.splice(0..0, annotation.unknown);
    let conversion = if annotation.carried.is_empty() {
        convert_any(model.as_ref(), to)
    } else {
        let Value::Object(doc) = known else {
            return failed(verdict, to, "the model is not an object");
        };
        match Partial::resume(from, doc, Vec::new(), annotation.carried) {
            Ok(source) => convert_any(&source, to),
            Err(e) => return failed(verdict, to, &e.to_string()),
        }
    };
    let job = Job {
        from,
        validator,
        restored,
        options,
    };
    finish(job, conversion, unknown, secrets)
}

/// A document with holes, as an earlier partial conversion wrote it.
fn convert_partial(
    record: &Record,
    value: Value,
    version: Option<ApiVersion>,
    annotation: Annotation,
    validator: &Validator,
    options: Options,
) -> Converted {
    let mut secrets = Secrets::default();
    secrets.extend(&record.secrets);
    secrets.collect_json(&value);
    carried_secrets(&annotation, &mut secrets);
    let invalid = |why: String, secrets: Secrets| {
        let mut v = Verdict::invalid(record.kind, why);
        v.api_version = version;
        v.secrets = secrets;
        Converted::Failed(v)
    };
    let Some(from) = version else {
        return invalid(
            format!(
                "a document with missing values needs {}.version",
                envelope::ANNOTATION
            ),
            secrets,
        );
    };
    let Value::Object(mut doc) = value else {
        return invalid("the document is not a JSON object".into(), secrets);
    };
    if let Some(why) = refused(from, options) {
        let mut v = Verdict::invalid(record.kind, why);
        v.api_version = Some(from);
        v.secrets = secrets;
        return Converted::Refused(v);
    }
    let mut unknown = annotation.unknown;
    unknown.extend(envelope::undocumented_top_level(&mut doc, from));
    let source = match Partial::resume(from, doc, annotation.missing, annotation.carried) {
        Ok(p) => p,
        Err(e) => return invalid(format!("{from} (with missing values): {e}"), secrets),
    };
    let conversion = convert_any(&source, options.to);
    let job = Job {
        from,
        validator,
        restored: true,
        options,
    };
    finish(job, conversion, unknown, secrets)
}

/// Secrets among what an envelope carries: values at secret-named pointers.
fn carried_secrets(annotation: &Annotation, secrets: &mut Secrets) {
    for c in annotation.carried.iter().chain(&annotation.unknown) {
        let name = c.pointer.rsplit('/').next().unwrap_or_default();
        if is_secret_name(&name.replace("~1", "/").replace("~0", "~")) {
            secrets.collect_json(&json!({ "secret": c.value }));
        }
        secrets.collect_json(&c.value);
    }
}

/// What [`finish`] needs to know about the conversion under way.
struct Job<'a> {
    from: ApiVersion,
    validator: &'a Validator,
    /// Values came back from an envelope: the result is checked before it leaves.
    restored: bool,
    options: Options,
}

fn finish(
    job: Job<'_>,
    conversion: Conversion<AnyAccountDetails>,
    unknown: Vec<Carried>,
    mut secrets: Secrets,
) -> Converted {
    let Job {
        from,
        validator,
        restored,
        options,
    } = job;
    let to = options.to;
    let complete = conversion.outcome.is_complete();
    let missing = match &conversion.outcome {
        Outcome::Complete(_) => Vec::new(),
        Outcome::Partial(p) => p.missing().to_vec(),
    };
    let mut document = conversion.outcome.into_document();
    // Members the source did not document stay in the document wherever their place exists
    // and the target does not document that name; the others travel in the annotation.
    let mut kept = Vec::new();
    for u in unknown {
        if let Err(value) = envelope::restore(&mut document, to, &u.pointer, u.value.clone()) {
            kept.push(Carried::new(u.version, u.pointer, value, u.reason));
        }
    }
    let annotation = Annotation {
        version: Some(to),
        missing,
        carried: conversion.carried,
        unknown: kept,
    };
    if options.redact {
        for (name, value) in document.fields_mut() {
            secrets.redact_field(name, value);
        }
    }
    carried_secrets(&annotation, &mut secrets);
    if restored && complete {
        // Values came back from an envelope: the document must be what the version allows.
        let check = validator.validate_value_in(
            document.clone().into_value(),
            DocumentKind::Response,
            Some(to),
            &secrets,
        );
        if !check.is_accepted() {
            let mut v = check;
            v.errors.truncate(1);
            v.note = Some(format!(
                "the values the {} member carried do not make a valid {to} document",
                envelope::ANNOTATION
            ));
            v.document = None;
            v.secrets.extend(&secrets);
            return Converted::Failed(v);
        }
    }
    if !options.plain && !annotation.is_empty() {
        let mut wire_value = serde_json::to_value(&annotation).unwrap_or(Value::Null);
        if options.redact {
            for list in ["carried", "unknown"] {
                let entries = if list == "carried" {
                    &annotation.carried
                } else {
                    &annotation.unknown
                };
                if let Some(items) = wire_value.get_mut(list).and_then(Value::as_array_mut) {
                    for (item, u) in items.iter_mut().zip(entries) {
                        let name = u.pointer.rsplit('/').next().unwrap_or_default();
                        if let Some(v) = item.get_mut("value") {
                            secrets.redact_field(name, v);
                        }
                    }
                }
            }
        }
        document.insert(envelope::ANNOTATION, wire_value);
    }
    let report = Report {
        from,
        to,
        complete,
        missing: annotation.missing,
        carried: annotation.carried,
        unknown: annotation.unknown,
        entries: conversion.report.entries,
    };
    Converted::Done {
        document,
        report: Box::new(report),
        secrets,
    }
}

/// What one conversion did, as data: its entries are named rules ([`rule_id`]), and the prose
/// about them is rendered only when someone reads it.
#[derive(Clone, Debug)]
pub struct Report {
    /// The source version.
    pub from: ApiVersion,
    /// The target version.
    pub to: ApiVersion,
    /// Whether every required value of the target was supplied.
    pub complete: bool,
    /// Required values the conversion could not supply.
    pub missing: Vec<Missing>,
    /// Source values the target cannot hold, carried in the envelope.
    pub carried: Vec<Carried>,
    /// Members the source did not document, carried in the envelope.
    pub unknown: Vec<Carried>,
    /// What the conversion's rules did, in the order they ran.
    pub entries: Vec<Entry>,
}

/// The name of the rule an entry reports: `STEP:KIND:POINTER` (the change's name, the entry's
/// kind, the pointer it is about: the target's if any, else the source's), for example
/// `bucketed-device-counts:derived:/devices_by_status`. The same rule gets the same name in
/// every record, so reports can be counted and read once.
pub fn rule_id(e: &Entry) -> String {
    let pointer = e
        .target_pointer
        .as_deref()
        .or(e.source_pointer.as_deref())
        .unwrap_or("");
    format!("{}:{}:{pointer}", e.step, e.kind.name())
}

/// A rule described once, for a summary: what [`rule_id`] names, without any record's values
/// (`[STEP] KIND SOURCE -> TARGET [rule: FORMULA; assuming ASSUMPTION]`).
pub fn rule_text(e: &Entry) -> String {
    let mut text = format!("[{}] {}", e.step, e.kind.name());
    match (&e.source_pointer, &e.target_pointer) {
        (Some(s), Some(t)) => text.push_str(&format!(" {s} -> {t}")),
        (Some(s), None) => text.push_str(&format!(" {s}")),
        (None, Some(t)) => text.push_str(&format!(" -> {t}")),
        (None, None) => {}
    }
    if let EntryKind::Derived { rule, assumption } = &e.kind {
        text.push_str(&format!(" [rule: {rule}; assuming {assumption}]"));
    }
    text
}

impl Report {
    /// `complete` or `partial`.
    pub fn outcome(&self) -> &'static str {
        if self.complete {
            "complete"
        } else {
            "partial"
        }
    }

    /// The names of the rules that reported something ([`rule_id`]), in order.
    pub fn rules(&self) -> impl Iterator<Item = String> + '_ {
        self.entries.iter().map(rule_id)
    }

    /// The full report as JSON (not yet masked): the conversion's every entry with its
    /// sentence, and what the envelope carries with its values.
    pub fn json(&self, record: &Record) -> Value {
        let typed = ConversionRecord {
            source: record.source.to_string(),
            locator: record.locator.to_string(),
            from: self.from,
            to: self.to,
            outcome: self.outcome_kind(),
            missing: self.missing.clone(),
            carried: self.carried.clone(),
            unknown: self
                .unknown
                .iter()
                .map(|u| UnknownMember {
                    version: u.version,
                    pointer: u.pointer.clone(),
                    reason: u.reason.clone(),
                })
                .collect(),
            report: {
                let mut report = metaaccess_account_convert::Report::default();
                report.entries.clone_from(&self.entries);
                report
            },
        };
        serde_json::to_value(typed).unwrap_or(Value::Null)
    }

    /// The compact report of `--report FILE` (not yet masked): the rules by name
    /// ([`rule_id`]), what is missing (pointer and why), and the pointers of what is carried
    /// (their values travel in the document's envelope). Its shape is [`ConversionReportLine`],
    /// the published contract.
    pub fn compact(&self, record: &Record) -> Value {
        let pointers = |list: &[Carried]| list.iter().map(|c| c.pointer.clone()).collect();
        let typed = ConversionReportLine {
            source: record.source.to_string(),
            locator: record.locator.to_string(),
            from: self.from,
            to: self.to,
            outcome: self.outcome_kind(),
            rules: self.rules().collect(),
            missing: self.missing.iter().map(ToString::to_string).collect(),
            carried: pointers(&self.carried),
            unknown: pointers(&self.unknown),
        };
        serde_json::to_value(typed).unwrap_or(Value::Null)
    }

    fn outcome_kind(&self) -> ConversionOutcome {
        if self.complete {
            ConversionOutcome::Complete
        } else {
            ConversionOutcome::Partial
        }
    }
}

fn failed_verdict(mut verdict: Verdict, why: String) -> Verdict {
    verdict.status = Status::Invalid;
    verdict.errors = vec![Problem::new("", why)];
    verdict.note = None;
    verdict
}

fn failed(verdict: Verdict, to: ApiVersion, why: &str) -> Converted {
    Converted::Failed(failed_verdict(
        verdict,
        format!("conversion to {to} failed: {why}"),
    ))
}
