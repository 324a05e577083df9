#!/usr/bin/env bash
# The model crates stay lean: each version crate builds without its default features and
# resolves to at most $BUDGET crates (itself and core included) in its normal dependency tree.
set -euo pipefail
cd "$(dirname "$0")/.."
BUDGET=${BUDGET:-25}
status=0
for dir in crates/metaaccess-account-v[0-9]*/; do
  crate=$(basename "$dir")
  cargo check --quiet --locked -p "$crate" --no-default-features
  count=$(cargo tree --locked -p "$crate" --no-default-features -e normal --prefix none \
    | sed 's/ (\*)$//' | sort -u | wc -l)
  echo "$crate: $count crates (budget $BUDGET)"
  if [ "$count" -gt "$BUDGET" ]; then
    cargo tree --locked -p "$crate" --no-default-features -e normal
    status=1
  fi
done
exit $status
