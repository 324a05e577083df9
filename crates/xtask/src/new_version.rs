//! `cargo xtask new-version X.Y --from A.B`: adds an API version whose shape starts as a copy
//! of an existing one. See CONTRIBUTING.md, "Adding a version".
//!
//! It touches, outside the new crate: the version table (`api_versions!` in the core crate),
//! the facade's `Cargo.toml`, and one new conversion change unit with its line in the list of
//! units. Then it regenerates `schemas/`. Everything else derives from the table: the facade's
//! version modules, `AnyAccountDetails`, the command-line tool's version lists, and the request
//! and response types of `metaaccess-account-http` (one module per line of the table), which
//! it then checks by building that crate.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use metaaccess_account::ApiVersion;

/// What `new-version` was asked to do.
pub struct Request {
    /// The new version number, `X.Y`.
    pub new: String,
    /// The version it starts as a copy of.
    pub from: ApiVersion,
}

/// Parses `X.Y --from A.B`.
pub fn parse_args(args: &[String]) -> Result<Request, String> {
    let mut new = None;
    let mut from = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--from" => from = Some(it.next().ok_or("--from needs a version")?.clone()),
            other if other.starts_with('-') => return Err(format!("unknown flag {other:?}")),
            other if new.is_none() => new = Some(other.to_owned()),
            other => return Err(format!("unexpected argument {other:?}")),
        }
    }
    let new = new.ok_or("the new version number is missing (e.g. 3.3)")?;
    let from: ApiVersion = from
        .ok_or("--from is missing (e.g. --from 3.2)")?
        .parse()
        .map_err(|e| format!("--from: {e}"))?;
    let Some((major, minor)) = new.split_once('.') else {
        return Err(format!("{new:?} is not a version number like 3.3"));
    };
    let numeric = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !numeric(major) || !numeric(minor) {
        return Err(format!("{new:?} is not a version number like 3.3"));
    }
    if ApiVersion::ALL.iter().any(|v| v.as_str() == new) {
        return Err(format!("version {new} exists already"));
    }
    let key = |s: &str| -> (u64, u64) {
        let (a, b) = s.split_once('.').unwrap_or((s, "0"));
        (a.parse().unwrap_or(0), b.parse().unwrap_or(0))
    };
    if key(&new) <= key(ApiVersion::LATEST.as_str()) {
        return Err(format!(
            "{new} must be newer than the latest version, {}: versions are listed oldest first",
            ApiVersion::LATEST
        ));
    }
    Ok(Request { new, from })
}

/// The names one version goes by in code and files.
struct Names {
    number: String,
    module: String,
    variant: String,
    dir: String,
    krate: String,
}

impl Names {
    fn of(number: &str) -> Self {
        let module = format!("v{}", number.replace('.', "_"));
        Self {
            number: number.to_owned(),
            variant: module.to_uppercase(),
            dir: format!("v{number}"),
            krate: format!("metaaccess-account-{module}"),
            module,
        }
    }
}

/// Carries out the request in the repository at `root`.
pub fn run(root: &Path, request: &Request) -> Result<(), String> {
    let old = Names::of(request.from.as_str());
    let new = Names::of(&request.new);
    let crates = root.join("crates");
    let (src, dst) = (crates.join(&old.krate), crates.join(&new.krate));
    if dst.exists() {
        return Err(format!("{} exists already", dst.display()));
    }
    copy_crate(&src, &dst, &old, &new)?;
    println!("created crates/{}", new.krate);
    register_in_table(root, &old, &new)?;
    println!("registered {} in the version table", new.number);
    add_to_facade(root, &old, &new)?;
    println!(
        "added {} to crates/metaaccess-account/Cargo.toml",
        new.krate
    );
    crate::change_unit::add(root, &old.number, &new.number)?;
    regenerate(root)?;
    check_http(root)?;
    println!(
        "metaaccess-account-http builds with its {} module (requests and responses)",
        new.module
    );
    println!(
        "\nnext: describe {} in crates/{}/src/lib.rs (ENDPOINT, docs) and change its models; \
         add the change's rules to its conversion unit; then `cargo xtask schemas` and \
         `cargo test --workspace` (new snapshots, among them the built request \
         `snapshots/http-request-{}.snap` and the fixtures read over HTTP \
         `snapshots/http-response-{}.snap`: `cargo insta review`).",
        new.number, new.krate, new.dir, new.dir
    );
    Ok(())
}

/// Copies the crate, renaming the version in identifiers, paths and titles. Prose that
/// mentions the old version for another reason (say "new in 3.2") is left alone.
fn copy_crate(src: &Path, dst: &Path, old: &Names, new: &Names) -> Result<(), String> {
    let entries = fs::read_dir(src).map_err(|e| format!("{}: {e}", src.display()))?;
    fs::create_dir_all(dst).map_err(|e| format!("{}: {e}", dst.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", src.display()))?;
        let name = entry.file_name();
        if name == "target" {
            continue;
        }
        let (from, to) = (entry.path(), dst.join(&name));
        let kind = entry
            .file_type()
            .map_err(|e| format!("{}: {e}", from.display()))?;
        if kind.is_dir() {
            copy_crate(&from, &to, old, new)?;
        } else {
            let bytes = fs::read(&from).map_err(|e| format!("{}: {e}", from.display()))?;
            let out = match String::from_utf8(bytes) {
                Ok(text) => rename_version(&text, old, new).into_bytes(),
                Err(e) => e.into_bytes(),
            };
            fs::write(&to, out).map_err(|e| format!("{}: {e}", to.display()))?;
        }
    }
    Ok(())
}

fn rename_version(text: &str, old: &Names, new: &Names) -> String {
    let text = text
        .replace(&old.krate, &new.krate)
        .replace(&old.module, &new.module)
        .replace(&old.variant, &new.variant)
        .replace(&old.dir, &new.dir)
        .replace(
            &format!("API version {}", old.number),
            &format!("API version {}", new.number),
        );
    // The change note and doc date describe the old version's change: mark them to be written.
    match text.find("change_note:") {
        Some(at) => {
            let rest = &text[at..];
            let end = rest.find("\",\n").map_or(rest.len(), |e| e + "\",\n".len());
            format!(
                "{}change_note: \"same shape as {} (scaffolded by cargo xtask new-version: describe the change)\",\n{}",
                &text[..at],
                old.number,
                &rest[end..]
            )
        }
        None => text,
    }
}

/// Adds the new version's line at the end of `api_versions!`.
fn register_in_table(root: &Path, old: &Names, new: &Names) -> Result<(), String> {
    let path = root.join("crates/metaaccess-account-core/src/version.rs");
    let text = read(&path)?;
    let old_entry = format!("{} = \"{}\", {}, ", old.variant, old.number, old.module);
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with(&old_entry))
        .ok_or_else(|| format!("{}: no table line for {}", path.display(), old.number))?;
    let tail = line.trim_start()[old_entry.len()..].replace(&old.module, &new.module);
    let entry = format!(
        "            /// {}: same shape as {} so far (added by cargo xtask new-version).\n            {} = \"{}\", {}, {tail}\n",
        new.number, old.number, new.variant, new.number, new.module
    );
    // The table's last line is followed by the closing brace of the callback's input.
    let close = "        }\n    };\n}";
    let at = text
        .find(close)
        .ok_or_else(|| format!("{}: cannot find the end of api_versions!", path.display()))?;
    write(&path, &format!("{}{entry}{}", &text[..at], &text[at..]))
}

/// Adds the new crate to the facade's dependencies and its `schema` feature.
fn add_to_facade(root: &Path, old: &Names, new: &Names) -> Result<(), String> {
    let path = root.join("crates/metaaccess-account/Cargo.toml");
    let mut text = read(&path)?;
    // The dependency line and the `schema` feature line: each gets a copy for the new crate.
    for anchor in [
        format!("{} = {{", old.krate),
        format!("\"{}/schema\",", old.krate),
    ] {
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(&anchor))
            .ok_or_else(|| format!("{}: no line for {}", path.display(), old.krate))?
            .to_owned();
        let copy = line.replace(&old.krate, &new.krate);
        text = text.replacen(&line, &format!("{line}\n{copy}"), 1);
    }
    write(&path, &text)
}

/// Regenerates `schemas/` with a fresh build that includes the new version.
fn regenerate(root: &Path) -> Result<(), String> {
    let status = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .current_dir(root)
        .args(["run", "--quiet", "-p", "xtask", "--", "schemas"])
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("regenerating schemas failed ({status})"))
    }
}

/// Builds `metaaccess-account-http` (client and tests included): its per-version modules come
/// from the table, so this proves the new version has typed requests and responses.
fn check_http(root: &Path) -> Result<(), String> {
    let status = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .current_dir(root)
        .args(["check", "--quiet", "-p", "metaaccess-account-http"])
        .args(["--all-targets", "--features", "client"])
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("metaaccess-account-http does not build ({status})"))
    }
}

pub(crate) fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

pub(crate) fn write(path: &PathBuf, text: &str) -> Result<(), String> {
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_cannot_be_a_new_version() {
        let args = |s: &str| s.split(' ').map(str::to_owned).collect::<Vec<_>>();
        let latest = ApiVersion::LATEST.as_str();
        for bad in [
            format!("{latest} --from {latest}"),
            format!("2.5 --from {latest}"),
            format!("3.x --from {latest}"),
            "9.9".to_owned(),
            "9.9 --from 0.1".to_owned(),
            "9.9 --frm 3.2".to_owned(),
        ] {
            assert!(parse_args(&args(&bad)).is_err(), "{bad}");
        }
        let ok = parse_args(&args(&format!("9.9 --from {latest}"))).unwrap();
        assert_eq!((ok.new.as_str(), ok.from), ("9.9", ApiVersion::LATEST));
    }

    #[test]
    fn renames_identifiers_paths_and_titles_only() {
        let (old, new) = (Names::of("3.2"), Names::of("3.3"));
        let text = "use metaaccess_account_v3_2::X; ApiVersion::V3_2; \"/o/api/v3.2/account\"; \
                    API version 3.2; high (new in 3.2)\n    change_note:\n        \"old note\",\n}";
        let out = rename_version(text, &old, &new);
        assert!(
            out.contains("metaaccess_account_v3_3::X; ApiVersion::V3_3;"),
            "{out}"
        );
        assert!(out.contains("/o/api/v3.3/account") && out.contains("API version 3.3"));
        assert!(
            out.contains("new in 3.2") && !out.contains("old note"),
            "{out}"
        );
    }
}
