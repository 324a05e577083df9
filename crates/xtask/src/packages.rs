//! The npm and Python packages' generated parts.
//!
//! - `cargo xtask npm-package [--out DIR]` assembles the npm package in `target/npm/package`
//!   (or DIR): `package.json` with the workspace version, every schema file of every version and
//!   dialect and the OpenAPI documents (copied from what the models generate, so nothing is
//!   committed twice), `manifest.json` (versions, latest, file of each version, kind and
//!   dialect: what the entry points read, so no version is written in them), and the hand-written
//!   sources of `packages/npm/`. The TypeScript declarations are generated from those schemas
//!   afterwards by `packages/npm/build-types.mjs` (it needs Node).
//! - The Python package's version is its native crate's (`packages/python/Cargo.toml`), kept
//!   equal to the workspace version by `cargo xtask schemas` (and checked by `--check`).

use std::fs;
use std::path::Path;

use metaaccess_account::{request_schema, schema, ApiVersion, Dialect, DocumentKind};
use serde_json::{json, Map, Value};

/// The workspace version: the version of every package.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The npm package's name, as it would be published.
pub const NPM_NAME: &str = "metaaccess-account-schemas";

fn dialect_name(d: Dialect) -> &'static str {
    d.name()
}

/// `manifest.json`: where each version's files are in the package.
pub fn manifest() -> Value {
    let mut files = Map::new();
    for v in ApiVersion::ALL {
        let mut kinds = Map::new();
        let mut kinds_of = vec![DocumentKind::Response];
        if request_schema(v).is_some() {
            kinds_of.push(DocumentKind::Request);
        }
        for kind in kinds_of {
            let mut dialects = Map::new();
            for d in Dialect::ALL {
                dialects.insert(
                    dialect_name(d).into(),
                    format!(
                        "schemas/{}/{}",
                        v.dir_name(),
                        schema::schema_file_name_in(kind, d)
                    )
                    .into(),
                );
            }
            kinds.insert(kind.as_str().into(), Value::Object(dialects));
        }
        kinds.insert(
            "openapi".into(),
            format!("schemas/{}/openapi.json", v.dir_name()).into(),
        );
        files.insert(v.as_str().into(), Value::Object(kinds));
    }
    json!({
        "version": VERSION,
        "versions": ApiVersion::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>(),
        "latest": ApiVersion::LATEST.as_str(),
        "files": files,
    })
}

/// The npm `package.json`.
pub fn package_json() -> Value {
    json!({
        "name": NPM_NAME,
        "version": VERSION,
        "description": "JSON Schemas (Draft 2020-12 and Draft-07), OpenAPI documents and TypeScript types of every version of the OPSWAT MetaAccess Account Details API, with a ready ajv setup.",
        "license": "MIT OR Apache-2.0",
        "type": "commonjs",
        "main": "./index.cjs",
        "types": "./index.d.ts",
        "exports": {
            ".": {
                "types": "./index.d.ts",
                "import": "./index.mjs",
                "require": "./index.cjs"
            },
            "./ajv": {
                "types": "./ajv.d.ts",
                "import": "./ajv.mjs",
                "require": "./ajv.cjs"
            },
            "./manifest.json": "./manifest.json",
            "./schemas/*": "./schemas/*",
            "./package.json": "./package.json"
        },
        "files": ["*.cjs", "*.mjs", "*.d.ts", "manifest.json", "schemas/", "README.md", "LICENSE-MIT", "LICENSE-APACHE"],
        "peerDependencies": { "ajv": "^8.12.0", "ajv-formats": "^3.0.0" },
        "peerDependenciesMeta": {
            "ajv": { "optional": true },
            "ajv-formats": { "optional": true }
        },
        "engines": { "node": ">=18" },
        "keywords": ["opswat", "metaaccess", "json-schema", "openapi", "typescript"]
    })
}

fn write(path: &Path, contents: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    fs::write(path, contents).map_err(|e| format!("{}: {e}", path.display()))
}

fn pretty(value: &Value) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_default();
    s.push('\n');
    s
}

/// Assembles the npm package into `out` (emptied first).
pub fn npm_package(root: &Path, out: &Path) -> Result<(), String> {
    if out.exists() {
        fs::remove_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    for file in metaaccess_account::schema_files() {
        write(&out.join("schemas").join(&file.path), &file.contents)?;
    }
    write(&out.join("manifest.json"), &pretty(&manifest()))?;
    write(&out.join("package.json"), &pretty(&package_json()))?;
    let src = root.join("packages/npm/src");
    let entries = fs::read_dir(&src).map_err(|e| format!("{}: {e}", src.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_file() {
            let name = path.file_name().unwrap_or_default();
            fs::copy(&path, out.join(name)).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    // The README and the licenses travel with the package (npm packs LICENSE* files).
    for (from, to) in [
        ("packages/npm/README.md", "README.md"),
        ("LICENSE-MIT", "LICENSE-MIT"),
        ("LICENSE-APACHE", "LICENSE-APACHE"),
    ] {
        let from = root.join(from);
        fs::copy(&from, out.join(to)).map_err(|e| format!("{}: {e}", from.display()))?;
    }
    Ok(())
}

/// `packages/python/Cargo.toml` with its package version set to the workspace version.
pub fn python_cargo_toml(current: &str) -> String {
    let mut out = String::with_capacity(current.len());
    let mut in_package = false;
    let mut done = false;
    for line in current.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            in_package = trimmed == "[package]";
        }
        if in_package && !done && trimmed.starts_with("version") && trimmed.contains('=') {
            out.push_str(&format!("version = \"{VERSION}\"\n"));
            done = true;
            continue;
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_version_follows_the_workspace() {
        let toml =
            "[package]\nname = \"x\"\nversion = \"0.0.1\"\n\n[dependencies]\nversion = \"1\"\n";
        let out = python_cargo_toml(toml);
        assert!(out.contains(&format!("version = \"{VERSION}\"\n\n[dependencies]")));
        assert!(out.ends_with("version = \"1\"\n"));
    }

    #[test]
    fn manifest_lists_every_version_and_file() {
        let m = manifest();
        assert_eq!(
            m["versions"].as_array().map(Vec::len),
            Some(ApiVersion::ALL.len())
        );
        for file in metaaccess_account::schema_files() {
            let path = format!("schemas/{}", file.path.display());
            assert!(m["files"].to_string().contains(&path), "{path}");
        }
    }
}
