#!/usr/bin/env bash
# MSRV check: the workspace's declared `rust-version` (Cargo.toml, [workspace.package]) must be
# at least the `rust-version` of every package locked in Cargo.lock (normal, build and dev
# dependencies, every target platform). Fails, listing the offenders, if one needs a newer Rust.
#
# Only one toolchain is installed on the project's machines, so this checks what the locked
# dependencies declare, not a build with the old compiler. The workspace's own code is held to
# the declared version by clippy's `incompatible_msrv` lint (part of `cargo clippy` in CI),
# which flags standard-library APIs stabilized after it.
#
#   scripts/check-msrv.sh           check
#   scripts/check-msrv.sh --list    also print the ten highest requirements
set -euo pipefail
cd "$(dirname "$0")/.."

declared=$(sed -n '/^\[workspace.package\]/,/^\[/s/^rust-version *= *"\([^"]*\)".*/\1/p' Cargo.toml)
[ -n "$declared" ] || { echo "check-msrv: no rust-version in [workspace.package]" >&2; exit 2; }

# The workspace members must inherit it (a member with its own value would escape the check).
for manifest in crates/*/Cargo.toml; do
  if ! grep -q '^rust-version.workspace = true' "$manifest"; then
    echo "check-msrv: $manifest does not use rust-version.workspace = true" >&2
    exit 1
  fi
done

out=$(cargo metadata --format-version 1 --locked --quiet | jq -r --arg declared "$declared" --arg list "${1:-}" '
  def ver: split(".") | map(tonumber) | . + [0, 0, 0] | .[0:3];
  . as $m
  | [ $m.packages[]
      | select(.id as $id | $m.workspace_members | index($id) | not)
      | select(.rust_version != null)
      | {name, version, rust: .rust_version} ]
  | sort_by(.rust | ver)
  | (map(select((.rust | ver) > ($declared | ver)))) as $over
  | (if $list == "--list" then (.[-10:] | reverse | map("  \(.rust)\t\(.name) \(.version)") | ["highest rust-version among locked packages:"] + .) else [] end)
    + (if ($over | length) == 0
       then ["ok: declared rust-version \($declared) >= every locked package'"'"'s (highest: \(.[-1].rust), \(.[-1].name) \(.[-1].version))"]
       else ["FAIL: these locked packages need a newer Rust than the declared \($declared):"]
            + ($over | map("  \(.name) \(.version) needs \(.rust)"))
            + ["raise rust-version in Cargo.toml ([workspace.package]) or lock older versions (cargo update -p NAME --precise VERSION)"]
       end)
  | .[]')
echo "$out"
! grep -q '^FAIL' <<<"$out"
