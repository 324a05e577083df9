//! `diff`: compares two schemas (versions or files) and lists every change.
//!
//! Exit codes: with `--require DIRECTION`, 0 when the change is compatible in that direction
//! and 1 when it is not or could not be established; without it, 0 whatever the verdict.
//! 2 in both cases for a usage or I/O error, or a schema its metaschema rejects.

use std::collections::HashSet;
use std::io::{self, Write};
use std::process::ExitCode;

use metaaccess_account_compat::{Breaks, Change, Draft, Options, Report};
use serde_json::Value;

use metaaccess_account_validate::secrets::Secrets;

use crate::args::DiffArgs;
use crate::cmd::diff_load::{self, Source};
use crate::output::{self, Format, Shield};

/// The compatibility `--require` asks for.
#[derive(Clone, Copy, PartialEq, Eq, Debug, clap::ValueEnum)]
pub enum Require {
    /// The new schema accepts every document the old one accepted.
    Backward,
    /// The old schema accepts every document the new one accepts.
    Forward,
    /// Both.
    Full,
}

/// The draft `--draft` reads both schemas with.
#[derive(Clone, Copy, PartialEq, Eq, Debug, clap::ValueEnum)]
pub enum DraftArg {
    /// Each schema's own `$schema` (Draft 2020-12 without one).
    Auto,
    /// Draft-07.
    #[value(name = "draft-07")]
    Draft7,
    /// Draft 2019-09.
    #[value(name = "2019-09")]
    Draft201909,
    /// Draft 2020-12.
    #[value(name = "2020-12")]
    Draft202012,
}

/// A schema: a version's committed one, or a file.
fn load_schema(arg: &str, args: &DiffArgs) -> Result<Value, String> {
    match diff_load::source(arg)? {
        Source::Version(version) if args.request => metaaccess_account::request_schema(version)
            .ok_or_else(|| {
                format!("API {version} has no request body, so it has no request schema")
            }),
        Source::Version(version) => Ok(metaaccess_account::response_schema(version)),
        Source::File => diff_load::read(arg, args.max_schema_bytes),
    }
}

/// `--request` picks a version's request schema: with two files it would do nothing.
fn check_usage(args: &DiffArgs) -> Result<(), String> {
    let is_file = |a: &str| matches!(diff_load::source(a), Ok(Source::File));
    if args.request && is_file(&args.old) && is_file(&args.new) {
        return Err(
            "--request picks the request schema of a version, but OLD and NEW are both files: drop --request (a file is compared as it is)"
                .into(),
        );
    }
    Ok(())
}

fn options(args: &DiffArgs) -> Options {
    let draft = match args.draft {
        DraftArg::Auto => Draft::Auto,
        DraftArg::Draft7 => Draft::Draft7,
        DraftArg::Draft201909 => Draft::Draft201909,
        DraftArg::Draft202012 => Draft::Draft202012,
    };
    Options::default()
        .draft(draft)
        .format_assertion(!args.format_annotation)
}

/// Runs `diff`.
pub fn run(args: &DiffArgs) -> io::Result<ExitCode> {
    let loaded = check_usage(args).and_then(|()| {
        let (old, new) = (load_schema(&args.old, args)?, load_schema(&args.new, args)?);
        // A schema its metaschema rejects means nothing: no verdict about it can be right.
        let report = metaaccess_account_compat::try_diff_with(&old, &new, options(args))
            .map_err(|e| e.to_string())?;
        Ok((old, new, report))
    });
    let (old, new, report) = match loaded {
        Ok(x) => x,
        Err(e) => {
            output::error_line(&Shield::plain(), &e);
            return Ok(ExitCode::from(2));
        }
    };
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let shield = shield(&report, [&old, &new]);
    match args.format {
        Format::Json => writeln!(
            out,
            "{}",
            serde_json::to_value(&report)
                .map(|v| shield.line(v))
                .unwrap_or_default()
        )?,
        Format::Human => write_human(&mut out, args, &report, &shield)?,
    }
    let compatible = match args.require {
        None => true,
        Some(Require::Backward) => report.is_backward_compatible(),
        Some(Require::Forward) => report.is_forward_compatible(),
        Some(Require::Full) => report.is_backward_compatible() && report.is_forward_compatible(),
    };
    Ok(if compatible {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// A witness is a document like any other: the values of its secret-named fields (a license
/// key ...) are masked wherever they are printed, in the witness and in the change's text. So
/// are the values the schemas list (`const`, `enum`, `default`, `examples`) for a
/// secret-named property: a change's text may quote them even where no witness was found.
fn shield(report: &Report, schemas: [&Value; 2]) -> Shield {
    let mut secrets = Secrets::default();
    for c in &report.changes {
        for w in [&c.witness.backward, &c.witness.forward]
            .into_iter()
            .flatten()
        {
            secrets.collect_json(w);
        }
    }
    for schema in schemas {
        let mut walk = Walk {
            root: schema,
            secrets: &mut secrets,
            seen: HashSet::new(),
        };
        walk.schema(schema, None, 0);
    }
    Shield::new(secrets, false)
}

/// Collects the values a schema lists, each as the document member it would be (under the
/// name of the property it constrains), so that the one secret-name policy decides.
struct Walk<'a> {
    root: &'a Value,
    secrets: &'a mut Secrets,
    /// `$ref` targets already walked, with the property name they were reached under.
    seen: HashSet<(usize, Option<String>)>,
}

impl Walk<'_> {
    fn schema(&mut self, schema: &Value, name: Option<&str>, depth: usize) {
        const DEPTH: usize = 128;
        if depth > DEPTH {
            return;
        }
        let m = match schema {
            Value::Object(m) => m,
            Value::Array(items) => {
                items.iter().for_each(|s| self.schema(s, name, depth + 1));
                return;
            }
            _ => return,
        };
        let listed = ["const", "default"].iter().filter_map(|k| m.get(*k)).chain(
            ["enum", "examples"]
                .iter()
                .filter_map(|k| m.get(*k)?.as_array())
                .flatten(),
        );
        for v in listed {
            match name {
                Some(n) => self.secrets.collect_json(&serde_json::json!({ n: v })),
                None => self.secrets.collect_json(v),
            }
        }
        for (k, v) in m {
            match (k.as_str(), v) {
                ("const" | "default" | "enum" | "examples", _) => {}
                ("properties" | "patternProperties", Value::Object(props)) => {
                    for (n, s) in props {
                        self.schema(s, Some(n), depth + 1);
                    }
                }
                // The target constrains this same member: walked under its name, once.
                ("$ref", Value::String(r)) => {
                    let target = r.strip_prefix('#').and_then(|p| self.root.pointer(p));
                    if let Some(t) = target {
                        let key = (std::ptr::from_ref(t) as usize, name.map(str::to_owned));
                        if self.seen.insert(key) {
                            self.schema(t, name, depth + 1);
                        }
                    }
                }
                // Other sub-schemas (`anyOf`, `items`, `$defs` ...).
                _ => self.schema(v, name, depth + 1),
            }
        }
    }
}

fn label(v: impl serde::Serialize) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The verdict, then the changes grouped by pointer (in the order each pointer first appears),
/// with their witnesses under `--explain`.
fn write_human(
    out: &mut impl Write,
    args: &DiffArgs,
    report: &Report,
    shield: &Shield,
) -> io::Result<()> {
    let undecided = report.undecided().count();
    let certainty = if report.certain {
        String::new()
    } else {
        format!(
            " (undecided: {undecided} of {} changes not proven, each counted as breaking what it may break)",
            report.changes.len()
        )
    };
    let (old, new) = (shield.text(&args.old), shield.text(&args.new));
    writeln!(out, "{old} -> {new}: {}{certainty}", report.verdict)?;
    let mut groups: Vec<(&str, Vec<&Change>)> = Vec::new();
    for c in &report.changes {
        match groups.iter_mut().find(|(p, _)| *p == c.pointer) {
            Some((_, list)) => list.push(c),
            None => groups.push((&c.pointer, vec![c])),
        }
    }
    for (pointer, changes) in groups {
        let at = if pointer.is_empty() { "/" } else { pointer };
        writeln!(out, "    {}", shield.text(at))?;
        for c in changes {
            let detail = shield.text(&c.detail);
            // Undecided: not classified, or a break no verified document shows.
            let proof = match (c.certain, c.breaks) {
                (true, _) => "",
                (false, Breaks::Unknown) => ", undecided",
                (false, _) => ", undecided: no witness found",
            };
            writeln!(out, "        {detail} [breaks: {}{proof}]", label(c.breaks))?;
            if !args.explain {
                continue;
            }
            let witnesses = [
                ("old accepts, new rejects", &c.witness.backward),
                ("new accepts, old rejects", &c.witness.forward),
            ];
            for (what, w) in witnesses {
                if let Some(w) = w {
                    writeln!(out, "            {what}: {}", shield.line(w.clone()))?;
                }
            }
        }
    }
    Ok(())
}
