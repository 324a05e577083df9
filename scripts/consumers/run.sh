#!/usr/bin/env bash
# Proves that non-Rust tools work with the committed schemas: Python jsonschema and ajv give
# every fixture the verdict of its folder with every schema file (both dialects); an OpenAPI
# validator accepts every openapi.json; TypeScript types generated from the schemas type-check
# every valid fixture. Everything is installed into target/consumers, nothing globally.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=target/consumers
mkdir -p "$work"
export CONSUMERS_DIR="$PWD/$work"

if [ ! -x "$work/venv/bin/openapi-spec-validator" ]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install --quiet --disable-pip-version-check \
    'jsonschema>=4.23' rfc3339-validator 'openapi-spec-validator>=0.7'
fi
if [ ! -d "$work/node_modules/json-schema-to-typescript" ] || [ ! -d "$work/node_modules/typescript" ]; then
  npm install --silent --no-audit --no-fund --prefix "$work" \
    ajv@8 ajv-formats@3 json-schema-to-typescript@15 typescript@5 >/dev/null
fi

"$work/venv/bin/python" scripts/consumers/check_python.py .
node scripts/consumers/check_ajv.mjs .
for doc in schemas/v*/openapi.json; do
  "$work/venv/bin/openapi-spec-validator" "$doc"
done
node scripts/consumers/check_typescript.mjs .
"$work/node_modules/.bin/tsc" --strict --noEmit --skipLibCheck --target es2020 --moduleResolution node \
  "$work/ts/fixtures.ts"
echo "typescript: every valid fixture type-checks against the generated types"
