#!/usr/bin/env bash
# Before a release (docs/SEMVER.md): MSRV check, package check, and cargo-semver-checks against
# the previous release.
#
#   scripts/release-check.sh [BASELINE]   BASELINE: a git tag or commit (default: the latest
#                                         v* tag, else HEAD~1)
set -euo pipefail
cd "$(dirname "$0")/.."

baseline=${1:-$(git describe --tags --abbrev=0 --match 'v*' 2>/dev/null || echo HEAD~1)}

echo "== MSRV"
bash scripts/check-msrv.sh

echo "== packages build and pass their tests from their .crate files"
bash scripts/package-check.sh

echo "== semver checks against $baseline"
if ! cargo semver-checks --version >/dev/null 2>&1; then
  echo "cargo-semver-checks is not installed: skipped. Install it with" >&2
  echo "  cargo install cargo-semver-checks --locked" >&2
  echo "and rerun; a release needs this step." >&2
  exit 3
fi
# Every published crate of the workspace (publish = false ones are skipped), compared with the
# same crates built from $baseline.
cargo semver-checks check-release --workspace --baseline-rev "$baseline"
