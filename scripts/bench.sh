#!/usr/bin/env bash
# Throughput benchmark of `metaaccess-account validate`, measured in one run against
#   1. a parse-only floor (serde_json parses each line, one thread),
#   2. peers validating the same lines against the same committed schemas:
#      ajv (npm) and Python jsonschema (PyPI).
# Figures are ratios against the floor measured in the same run (the machine is noisy).
#
#   scripts/bench.sh [RECORDS] [RUNS]      defaults: 200000 records, best of 3 runs
#   BENCH_RSS_GB=1 scripts/bench.sh        also measures peak RSS on a ~1 GB corpus
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-200000}
runs=${2:-3}
work=target/bench
mkdir -p "$work"

# The `dist` profile (Cargo.toml: fat LTO, one codegen unit) is what published binaries use;
# BENCHMARKS.md says which profile each of its figures was measured with.
cargo build --quiet --profile dist -p metaaccess-account-cli -p metaaccess-account-bench
bin=target/dist

# Peers, installed into target/bench (nothing global).
if [ ! -d "$work/node_modules/ajv" ] || [ ! -d "$work/node_modules/ajv-formats" ]; then
  npm install --silent --no-audit --no-fund --prefix "$work" ajv@8 ajv-formats@3 >/dev/null
fi
if [ ! -x "$work/venv/bin/python" ]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install --quiet jsonschema rfc3339-validator
fi
export BENCH_NODE_MODULES="$PWD/$work/node_modules"

corpus="$work/corpus-$records.ndjson"
[ -s "$corpus" ] || "$bin/gen_corpus" "$records" > "$corpus"
bytes=$(stat -c %s "$corpus")
echo "corpus: $records records, $bytes bytes ($corpus)"

# best wall-clock seconds of $runs runs, and the peak RSS of the best run (KiB)
measure() {
  local best="" rss=""
  for _ in $(seq "$runs"); do
    local out
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null 2>&1 || true
    out=$(tail -1 "$work/time.txt")
    local t=${out% *} m=${out#* }
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; rss=$m; fi
  done
  echo "$best $rss"
}

printf '%-34s %9s %12s %10s %12s\n' "command" "seconds" "records/s" "vs floor" "peak RSS MiB"
report() {
  local name=$1 t=$2 m=$3
  awk -v n="$name" -v t="$t" -v m="$m" -v r="$records" -v f="$floor" \
    'BEGIN{ if (t <= 0) t = 0.001; printf "%-34s %9.2f %12.0f %9.2fx %12.1f\n", n, t, r/t, f/t, m/1024 }'
}
read -r floor floor_rss < <(measure "$bin/parse_floor" "$corpus")
report "parse floor (serde_json, 1 thread)" "$floor" "$floor_rss"
read -r t m < <(measure "$bin/metaaccess-account" validate "$corpus")
report "metaaccess-account validate" "$t" "$m"
validate_t=$t
read -r t m < <(measure node scripts/bench/peer-ajv.mjs schemas "$corpus")
report "ajv 8 (node)" "$t" "$m"
ajv_t=$t
# Python is two orders of magnitude slower: one run is enough to rank it.
read -r t m < <(runs=1 measure "$work/venv/bin/python" scripts/bench/peer-jsonschema.py schemas "$corpus")
report "jsonschema (python)" "$t" "$m"
py_t=$t
awk -v v="$validate_t" -v a="$ajv_t" -v p="$py_t" -v f="$floor" 'BEGIN{
  fastest = (a < p) ? a : p
  printf "\nvalidate reaches %.2f of the floor'"'"'s throughput (target >= 0.5)\n", f / v
  printf "validate is %.1fx as fast as the fastest peer (target >= 3)\n", fastest / v
}'

if [ "${BENCH_RSS_GB:-0}" != "0" ]; then
  big="$work/corpus-1gb.ndjson"
  [ -s "$big" ] || "$bin/gen_corpus" 1800000 7 > "$big"
  read -r t m < <(runs=1 measure "$bin/metaaccess-account" validate "$big")
  echo "1 GB corpus ($(stat -c %s "$big") bytes): validate ${t} s, peak RSS $(awk -v m="$m" 'BEGIN{printf "%.1f", m/1024}') MiB (target < 100 MiB)"
fi
