#!/usr/bin/env bash
# Builds the npm and Python packages, installs each into a fresh project (a Node project and a
# venv under target/packages), runs the package's own tests from there, runs the code
# generators CI vouches for (names asserted, no renaming), then every marked code example of
# README.md and schemas/README.md. Tools are cached under target/packages/tools.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
work=$root/target/packages
tools=$work/tools
mkdir -p "$work" "$tools"
t0=$(date +%s)
lap() { printf '  [%ss] %s\n' "$(( $(date +%s) - t0 ))" "$*"; }

# --- tools (cached) -------------------------------------------------------------------------
if [ ! -x "$tools/venv/bin/maturin" ] || [ ! -x "$tools/venv/bin/datamodel-codegen" ]; then
  python3 -m venv "$tools/venv"
  "$tools/venv/bin/pip" install --quiet --disable-pip-version-check \
    'maturin>=1.5,<2' 'datamodel-code-generator>=0.89' 'pydantic>=2.12' 'email-validator>=2'
fi
if [ ! -d "$tools/node_modules/openapi-typescript" ] || [ ! -d "$tools/node_modules/json-schema-to-typescript" ]; then
  npm install --silent --no-audit --no-fund --prefix "$tools" \
    json-schema-to-typescript@15 openapi-typescript@7 typescript@5 >/dev/null
fi
lap "tools ready"

# --- npm package ----------------------------------------------------------------------------
rm -rf "$work/npm"
cargo xtask npm-package --out "$work/npm/package" >/dev/null
NODE_TOOLS=$tools node packages/npm/build-types.mjs "$work/npm/package" >/dev/null
tarball=$(cd "$work/npm" && npm pack --silent ./package)
lap "npm package: $work/npm/$tarball"

# --- Python package (native module from the Rust capture library) ---------------------------
# Built from the checkout as it is, as `pip install packages/python` builds it: no step before
# maturin (the schemas are compiled into the native module).
pydir=packages/python
rm -rf "$work/wheels"
CARGO_TARGET_DIR=$root/target "$tools/venv/bin/maturin" build --quiet --release --locked \
  --manifest-path "$pydir/Cargo.toml" --out "$work/wheels" 2>&1 | grep -v '^📦\|^🔗\|^🐍\|^⚠\|^🍹\|^💻' || true
wheel=$(ls "$work/wheels"/*.whl)
lap "python wheel: $wheel"

# --- fresh Node project: install the tarball, run its tests and type checks ----------------
proj=$work/node-project
rm -rf "$proj" && mkdir -p "$proj"
(cd "$proj" && npm init -y >/dev/null && npm pkg set type=module >/dev/null &&
  npm install --silent --no-audit --no-fund "$work/npm/$tarball" ajv@8 ajv-formats@3 \
    typescript@5 @types/node@20 json-schema-to-typescript@15 >/dev/null)
cp packages/npm/test/*.mjs packages/npm/test/*.ts "$proj/"
(cd "$proj" && REPO_ROOT=$root node --test package.test.mjs)
(cd "$proj" && ./node_modules/.bin/tsc --strict --noEmit --skipLibCheck --module nodenext \
  --moduleResolution nodenext --target es2022 types-check.ts)
echo "npm package: types check (tsc --strict)"
lap "node project"

# --- fresh venv: install the wheel, run its pytest ------------------------------------------
venv=$work/venv
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check "$wheel[test]" 'fastjsonschema>=2.19'
cli=$root/target/debug/metaaccess-account
cargo build --quiet --locked -p metaaccess-account-cli
(cd "$work" && REPO_ROOT=$root METAACCESS_CLI=$cli "$venv/bin/python" -m pytest -q -p no:cacheprovider \
  "$root/packages/python/tests")
lap "python venv"

# --- code generators: names asserted, generated Python rejects null ------------------------
NODE_TOOLS=$tools node scripts/packages/check_codegen.mjs "$root"
PATH=$tools/venv/bin:$PATH "$tools/venv/bin/python" scripts/packages/check_pydantic.py "$root" "$work/pydantic"
lap "code generators"

# --- the code examples of the READMEs -------------------------------------------------------
"$venv/bin/python" scripts/packages/run_doc_examples.py "$root" "$proj" "$venv" README.md schemas/README.md \
  crates/metaaccess-account-cli/README.md packages/npm/README.md packages/python/README.md
lap "README examples"
