//! `diff`: compares two schemas (versions or files) and lists every change.
//!
//! Exit codes: with `--require DIRECTION`, 0 when the change is compatible in that direction
//! and 1 when it is not or could not be established; without it, 0 whatever the verdict.
//! 2 in both cases for a usage or I/O error.

use std::io::{self, Write};
use std::process::ExitCode;

use metaaccess_account::ApiVersion;
use metaaccess_account_compat::{Change, Draft, Options, Report};
use serde_json::Value;

use metaaccess_account_validate::secrets::Secrets;

use crate::args::DiffArgs;
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
fn load_schema(arg: &str, request: bool) -> Result<Value, String> {
    if let Ok(version) = arg.parse::<ApiVersion>() {
        return if request {
            metaaccess_account::request_schema(version).ok_or_else(|| {
                format!("API {version} has no request body, so it has no request schema")
            })
        } else {
            Ok(metaaccess_account::response_schema(version))
        };
    }
    let text = std::fs::read_to_string(arg).map_err(|e| format!("cannot read {arg}: {e}"))?;
    serde_json::from_str(&text).map_err(|e| format!("{arg} is not JSON: {e}"))
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
    let (old, new) = match (
        load_schema(&args.old, args.request),
        load_schema(&args.new, args.request),
    ) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(e), _) | (_, Err(e)) => {
            output::error_line(&Shield::plain(), &e);
            return Ok(ExitCode::from(2));
        }
    };
    let report = metaaccess_account_compat::diff_with(&old, &new, options(args));
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let shield = shield(&report);
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
/// key ...) are masked wherever they are printed, in the witness and in the change's text.
fn shield(report: &Report) -> Shield {
    let mut secrets = Secrets::default();
    for c in &report.changes {
        for w in [&c.witness.backward, &c.witness.forward]
            .into_iter()
            .flatten()
        {
            secrets.collect_json(w);
        }
    }
    Shield::new(secrets, false)
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
    let certainty = if report.certain {
        ""
    } else {
        " (some changes could not be classified; counted as breaking both ways)"
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
            writeln!(out, "        {detail} [breaks: {}]", label(c.breaks))?;
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
