#!/usr/bin/env bash
# Throughput of `metaaccess-account validate` and `upgrade`, measured in ONE run, on the same
# files and cores, against parse floors and peers (see BENCHMARKS.md, "How to reproduce"):
#
#   corpora (gen_corpus, seed 7, N records): pinned = clean v3.1 (`N 7 3.1 clean`), versions =
#     every version, all valid (`N 7 all clean`), mixed = every version with ~8% invalid or
#     drifting records (`N 7`), v3.0 = clean v3.0 (`N 7 3.0 clean`, the input of `upgrade`)
#   floors: ignored_floor (every line parsed into serde::de::IgnoredAny, all cores, and one
#     thread), parse_floor (builds a serde_json::Value per line, one thread), write_floor
#     (serializing upgrade's output alone, from values in memory, all cores; timed inside)
#   the tool: validate --api-version 3.1 (also with --jobs 1), validate (auto-detect) on
#     pinned, versions and mixed, upgrade --to 3.2 --report FILE, and without --report
#   peers, each with one schema (3.1) on pinned and all four on pinned and mixed, formats on:
#     ajv 8 (node, one thread); the jsonschema crate (jsonschema_peer: a serde_json::Value per
#     line, every core); Python jsonschema (all four on mixed only, one run)
#
# Runs interleave the commands (run 1 of every command, then run 2 ...), so that the noise of a
# shared machine hits all of them alike. For each command: median wall seconds and their spread
# (min-max), MB/s, median CPU seconds (user+sys), CPU seconds per GB, peak RSS, and the ratio
# against the all-cores floor on the same file (for --jobs 1: the one-thread floor). Then the
# targets, "met" or "not met": validate at least 5x ajv and 3x the jsonschema crate on every
# corpus they run on, and its ratios to the floors. Exit 0 whatever the figures; 1 if a command
# failed or gave a wrong count of verdicts; 2 for a usage error.
#
#   scripts/bench.sh [RECORDS] [RUNS]      defaults: 200000 records, 5 runs
#   BENCH_SKIP_PYTHON=1 scripts/bench.sh   leave out Python jsonschema (the slowest, ~1 minute)
#   BENCH_RSS_GB=1 scripts/bench.sh        also: validate's peak RSS on a ~1 GB mixed corpus
#   BENCH_BEFORE=DIR scripts/bench.sh      also: upgrade by DIR/metaaccess-account (an earlier
#                                          build), whose documents must be byte-identical, and
#                                          its validate --api-version 3.1, --jobs 1 and auto
#
# Results, tab-separated: target/bench/results.tsv (one row per command), targets.tsv (one per
# target), runs.tsv (every run); each command's output is in target/bench/out/.
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-200000}
runs=${2:-5}
if ! [[ $records =~ ^[1-9][0-9]*$ && $runs =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: scripts/bench.sh [RECORDS] [RUNS]" >&2
  exit 2
fi
work=target/bench
out=$work/out
mkdir -p "$out"
failures=()
fail() {
  failures+=("$*")
  echo "FAILED: $*" >&2
}

# The `dist` profile (Cargo.toml: fat LTO, one codegen unit) is what published binaries use.
cargo build --quiet --profile dist -p metaaccess-account-cli -p metaaccess-account-bench --bins
bin=target/dist

# Peers, installed into target/bench (nothing global).
if [ ! -d "$work/node_modules/ajv" ] || [ ! -d "$work/node_modules/ajv-formats" ]; then
  npm install --silent --no-audit --no-fund --prefix "$work" ajv@8 ajv-formats@3 >/dev/null
fi
export BENCH_NODE_MODULES="$PWD/$work/node_modules"
skip_python=${BENCH_SKIP_PYTHON:-0}
if [ "$skip_python" = 0 ] && [ ! -x "$work/venv/bin/python" ]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install --quiet jsonschema rfc3339-validator
fi

# corpus NAME [gen_corpus VERSION [clean]]: generated once per record count, then reused
# (gen_corpus is deterministic for a seed).
corpus() {
  local name=$1 file
  shift
  file="$work/corpus-$records-$name.ndjson"
  if [ ! -s "$file" ]; then
    "$bin/gen_corpus" "$records" 7 "$@" >"$file.tmp"
    mv "$file.tmp" "$file"
  fi
  echo "$file"
}
pinned=$(corpus v3.1-clean 3.1 clean)
versions=$(corpus all-clean all clean)
mixed=$(corpus mixed)
v30=$(corpus v3.0-clean 3.0 clean)
# Records that validate refuses and ajv accepts, by design: a count written -0
# (parsers read it as 0 or as -0.0; gen_corpus writes one when it negates a zero count).
negative_zero=$(grep -cE ':-0[,}]' "$mixed" || true)

# The commands: id, label, corpus, file, baseline (the floor its ratio is against), runs.
ids=()
declare -A label=() corp=() file=() base=() nruns=()
add() {
  ids+=("$1") label[$1]=$2 corp[$1]=$3 base[$1]=$4 nruns[$1]=${5:-$runs}
  case $3 in pinned) file[$1]=$pinned ;; versions) file[$1]=$versions ;; mixed) file[$1]=$mixed ;; v3.0) file[$1]=$v30 ;; esac
}
add floor "IgnoredAny floor, all cores" pinned floor
add floor1 "IgnoredAny floor, one thread" pinned floor
add value "Value floor (builds a serde_json::Value, one thread)" pinned floor
add v31 "validate --api-version 3.1" pinned floor
add auto "validate (auto-detect)" pinned floor
add jobs1 "validate --api-version 3.1 --jobs 1" pinned floor1
add ajv1 "ajv 8, one schema (3.1)" pinned floor
add ajv4 "ajv 8, all four schemas" pinned floor
add js1 "jsonschema crate, one schema (3.1)" pinned floor
add js4 "jsonschema crate, all four schemas" pinned floor
add floor_versions "IgnoredAny floor, all cores" versions floor_versions
add auto_versions "validate (auto-detect)" versions floor_versions
add floor_mixed "IgnoredAny floor, all cores" mixed floor_mixed
add auto_mixed "validate --exit-zero (auto-detect)" mixed floor_mixed
add ajv4_mixed "ajv 8, all four schemas" mixed floor_mixed
add js4_mixed "jsonschema crate, all four schemas" mixed floor_mixed
add floor_v30 "IgnoredAny floor, all cores" v3.0 floor_v30
add upgrade "upgrade --to 3.2 --report FILE" v3.0 floor_v30
add upgrade_summary "upgrade --to 3.2 (summary only)" v3.0 floor_v30
# BENCH_BEFORE=DIR: the same upgrade by a `metaaccess-account` built from an earlier commit
# (DIR/metaaccess-account), in the same runs; its documents must be byte-identical.
before=${BENCH_BEFORE:-}
if [ -n "$before" ]; then
  add upgrade_before "upgrade --to 3.2 --report FILE (BENCH_BEFORE build)" v3.0 floor_v30
  add v31_before "validate --api-version 3.1 (BENCH_BEFORE build)" pinned floor
  add jobs1_before "validate --api-version 3.1 --jobs 1 (BENCH_BEFORE build)" pinned floor1
  add auto_before "validate (auto-detect) (BENCH_BEFORE build)" pinned floor
fi
if [ "$skip_python" = 0 ]; then
  add python "Python jsonschema, all four (one run)" mixed floor_mixed 1
fi

# argv_of ID: the command line of a command, in the array `argv`.
argv_of() {
  local f=${file[$1]} tool=$bin/metaaccess-account
  case $1 in
    floor | floor_versions | floor_mixed | floor_v30) argv=("$bin/ignored_floor" "$f") ;;
    floor1) argv=("$bin/ignored_floor" "$f" 1) ;;
    value) argv=("$bin/parse_floor" "$f") ;;
    v31) argv=("$tool" validate --api-version 3.1 "$f") ;;
    auto | auto_versions) argv=("$tool" validate "$f") ;;
    jobs1) argv=("$tool" validate --api-version 3.1 --jobs 1 "$f") ;;
    auto_mixed) argv=("$tool" validate --exit-zero "$f") ;;
    upgrade) argv=("$tool" upgrade --to 3.2 --report "$out/upgrade.report" "$f") ;;
    upgrade_summary) argv=("$tool" upgrade --to 3.2 "$f") ;;
    v31_before) argv=("$before/metaaccess-account" validate --api-version 3.1 "$f") ;;
    jobs1_before) argv=("$before/metaaccess-account" validate --api-version 3.1 --jobs 1 "$f") ;;
    auto_before) argv=("$before/metaaccess-account" validate "$f") ;;
    upgrade_before) argv=("$before/metaaccess-account" upgrade --to 3.2 --report "$out/upgrade_before.report" "$f") ;;
    ajv1) argv=(node scripts/bench/peer-ajv.mjs schemas 3.1 "$f") ;;
    ajv4 | ajv4_mixed) argv=(node scripts/bench/peer-ajv.mjs schemas all "$f") ;;
    js1) argv=("$bin/jsonschema_peer" schemas 3.1 "$f") ;;
    js4 | js4_mixed) argv=("$bin/jsonschema_peer" schemas all "$f") ;;
    python) argv=("$work/venv/bin/python" scripts/bench/peer-jsonschema.py schemas all "$f") ;;
  esac
}

# The counts each command must print (the same in every run).
declare -A seen=()
mixed_valid=""
check() {
  local id=$1 rc=$2 last n1="" n2="" v="" i="" d="" s=""
  last=$(tail -n 1 "$out/$id.out" 2>/dev/null || true)
  if [ "$rc" != 0 ]; then
    fail "$id exited $rc: ${argv[*]} (see $out/$id.err)"
    return
  fi
  case $id in
    floor | floor1 | value | floor_v30 | floor_versions | floor_mixed)
      read -r n1 n2 < <(sed -n 's/^\([0-9]*\) parsed, \([0-9]*\) not JSON$/\1 \2/p' <<<"$last") || true
      if [ -z "$n1" ] || [ $((n1 + n2)) != "$records" ] || { [ "$id" != floor_mixed ] && [ "$n2" != 0 ]; }; then
        fail "$id: expected $records lines parsed, got: $last"
      fi ;;
    v31 | auto | jobs1 | auto_versions | auto_mixed | v31_before | jobs1_before | auto_before)
      read -r n1 v i d s < <(sed -n 's/^\([0-9]*\) records: \([0-9]*\) valid, \([0-9]*\) invalid, \([0-9]*\) drift, \([0-9]*\) skipped;.*/\1 \2 \3 \4 \5/p' <<<"$last") || true
      if [ -z "$n1" ] || [ "$n1" != "$records" ] || [ $((v + i + d + s)) != "$records" ] ||
        { [ "$id" != auto_mixed ] && [ "$v" != "$records" ]; }; then
        fail "$id: expected $records records (all valid on a clean corpus), got: $last"
      fi
      if [ "$id" = auto_mixed ]; then mixed_valid=$v; fi ;;
    upgrade | upgrade_before)
      n1=$(wc -l <"$out/$id.report")
      [ "$n1" = "$records" ] || fail "$id: expected $records reports, got $n1"
      n2=$(wc -l <"$out/$id.out")
      [ "$n2" = "$records" ] || fail "$id: expected $records documents, got $n2" ;;
    upgrade_summary)
      n2=$(wc -l <"$out/$id.out")
      [ "$n2" = "$records" ] || fail "$id: expected $records documents, got $n2"
      cmp -s "$out/upgrade.out" "$out/$id.out" || fail "$id: documents differ from upgrade --report's" ;;
    ajv1 | ajv4 | ajv4_mixed | js1 | js4 | js4_mixed | python)
      read -r v i < <(sed -n 's/^\([0-9]*\) valid, \([0-9]*\) not valid.*/\1 \2/p' <<<"$last") || true
      if [ -z "$v" ] || [ $((v + i)) != "$records" ] || { [ "${corp[$id]}" = pinned ] && [ "$v" != "$records" ]; }; then
        fail "$id: expected $records records (all valid on a clean corpus), got: $last"
      fi
      # ajv and the jsonschema crate agree with validate on the mixed corpus but for -0; Python
      # jsonschema's `email` format only asks for an "@", so it also accepts the corpus's
      # "owner at N@..." emails.
      if { [ "$id" = ajv4_mixed ] || [ "$id" = js4_mixed ]; } && [ -n "$v" ] && [ -n "$mixed_valid" ] && [ "$v" != $((mixed_valid + negative_zero)) ]; then
        fail "$id: $v valid on the mixed corpus, validate $mixed_valid (+ $negative_zero with a -0 count, refused by design)"
      fi ;;
  esac
  # Every run must print the same.
  if [ -n "${seen[$id]:-}" ] && [ "${seen[$id]}" != "${last%%;*}" ]; then
    fail "$id printed '${last%%;*}', an earlier run '${seen[$id]}'"
  fi
  seen[$id]=${last%%;*}
}

# time_one ID RUN: one timed run, appended to runs.tsv (wall from bash's clock, microseconds;
# user, sys and peak RSS from GNU time).
time_one() {
  local id=$1 run=$2 start end rc times
  argv_of "$id"
  start=$EPOCHREALTIME
  set +e
  /usr/bin/time -f "%U %S %M" -o "$out/$id.time" "${argv[@]}" >"$out/$id.out" 2>"$out/$id.err"
  rc=$?
  set -e
  end=$EPOCHREALTIME
  times=$(tail -n 1 "$out/$id.time")
  printf '%s\t%s\t%s\t%s\t%s\n' "$id" "$run" "$(awk -v s="$start" -v e="$end" 'BEGIN{printf "%.4f", e - s}')" \
    "$(tr ' ' '\t' <<<"$times")" "$rc" >>"$work/runs.tsv"
  check "$id" "$rc"
}

echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores, load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for c in pinned versions mixed v3.0; do
  case $c in pinned) f=$pinned ;; versions) f=$versions ;; mixed) f=$mixed ;; v3.0) f=$v30 ;; esac
  printf 'corpus %-8s %s: %s records, %s bytes\n' "$c" "$f" "$records" "$(stat -c %s "$f")"
done
printf 'id\trun\twall_s\tuser_s\tsys_s\tpeak_rss_kib\texit\n' >"$work/runs.tsv"
for run in $(seq "$runs"); do
  printf 'run %s of %s ...\n' "$run" "$runs" >&2
  for id in "${ids[@]}"; do
    if [ "$run" -le "${nruns[$id]}" ]; then time_one "$id" "$run"; fi
  done
done

if [ -n "$before" ]; then
  if cmp "$out/upgrade.out" "$out/upgrade_before.out"; then
    echo "upgrade: the $records documents are byte-identical to the BENCH_BEFORE build's"
  else
    fail "upgrade: the documents differ from the BENCH_BEFORE build's"
  fi
fi

# The commands' facts, for awk: id, label, corpus, bytes, baseline.
meta=$work/meta.tsv
for id in "${ids[@]}"; do
  printf '%s\t%s\t%s\t%s\t%s\n' "$id" "${label[$id]}" "${corp[$id]}" "$(stat -c %s "${file[$id]}")" "${base[$id]}"
done >"$meta"

rss_gb=""
if [ "${BENCH_RSS_GB:-0}" != 0 ]; then
  big="$work/corpus-1gb.ndjson"
  if [ ! -s "$big" ]; then
    "$bin/gen_corpus" 1800000 7 >"$big.tmp"
    mv "$big.tmp" "$big"
  fi
  start=$EPOCHREALTIME
  /usr/bin/time -f "%M" -o "$out/rss.time" "$bin/metaaccess-account" validate --exit-zero "$big" >"$out/rss.out" 2>"$out/rss.err" ||
    fail "validate on the 1 GB corpus exited $? (see $out/rss.err)"
  end=$EPOCHREALTIME
  grep -q '^1800000 records: ' "$out/rss.out" || fail "validate on the 1 GB corpus: $(tail -n 1 "$out/rss.out")"
  rss_gb="$(stat -c %s "$big") $(awk -v s="$start" -v e="$end" 'BEGIN{printf "%.4f", e - s}') $(tail -n 1 "$out/rss.time")"
fi

# The write floor of `upgrade`: serializing its output alone, from values held in memory, on
# every core (write_floor checks that it writes the same bytes). Its median seconds, for awk.
write_floor=$("$bin/write_floor" "$out/upgrade.out" "$runs") || fail "write_floor: $write_floor"
echo "write floor: $write_floor"
write_s=$(sed -n 's/.*median \([0-9.]*\) s.*/\1/p' <<<"$write_floor")

echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
awk -F'\t' -v meta="$meta" -v results="$work/results.tsv" -v targets="$work/targets.tsv" -v rss_gb="$rss_gb" -v write_s="$write_s" '
function sort(a, n,   i, j, t) { for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t } }
function median(a, n) { sort(a, n); return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
function verdict(ok) { return ok ? "met" : "not met" }
function target(text, value, ok) {
  printf "%-78s %s\n", text, verdict(ok)
  printf "%s\t%.3f\t%s\n", text, value, ok ? "met" : "not met" >> targets
}
BEGIN {
  while ((getline line < meta) > 0) {
    split(line, m, "\t"); order[++k] = m[1]; lab[m[1]] = m[2]; cor[m[1]] = m[3]; bytes[m[1]] = m[4]; base[m[1]] = m[5]
  }
}
NR > 1 {
  id = $1; n[id]++
  wall[id, n[id]] = $3; cpu[id, n[id]] = $4 + $5
  if ($6 > rss[id]) rss[id] = $6
}
END {
  for (x = 1; x <= k; x++) {
    id = order[x]
    for (i = 1; i <= n[id]; i++) { w[i] = wall[id, i]; c[i] = cpu[id, i] }
    med[id] = median(w, n[id]); lo[id] = w[1]; hi[id] = w[n[id]]; cmed[id] = median(c, n[id])
    mbs[id] = bytes[id] / 1e6 / med[id]
  }
  printf "%-52s %-8s %8s %15s %7s %7s %9s %8s %12s\n", "command", "corpus", "median s", "min-max s", "MB/s", "CPU s", "CPU s/GB", "RSS MiB", "vs floor"
  print "target\tvalue\tverdict" > targets
  print "id\tcommand\tcorpus\tbytes\truns\tmedian_s\tmin_s\tmax_s\tmb_per_s\tcpu_s\tcpu_s_per_gb\tpeak_rss_mib\tbaseline\tratio" > results
  for (x = 1; x <= k; x++) {
    id = order[x]; ratio[id] = med[base[id]] / med[id]
    printf "%-52s %-8s %8.3f %7.3f-%-7.3f %7.0f %7.3f %9.3f %8.1f %7.2fx%s\n", lab[id], cor[id], med[id], lo[id], hi[id], mbs[id], cmed[id], cmed[id] / (bytes[id] / 1e9), rss[id] / 1024, ratio[id], (base[id] == "floor1" ? " (1t)" : "")
    printf "%s\t%s\t%s\t%d\t%d\t%.4f\t%.4f\t%.4f\t%.1f\t%.3f\t%.3f\t%.1f\t%s\t%.3f\n", id, lab[id], cor[id], bytes[id], n[id], med[id], lo[id], hi[id], mbs[id], cmed[id], cmed[id] / (bytes[id] / 1e9), rss[id] / 1024, base[id], ratio[id] >> results
  }
  print "\nvs floor: median seconds of the all-cores IgnoredAny floor on the same file / the command'"'"'s; (1t): of the one-thread floor\n"
  # The targets issue 22 decided (one verdict engine: the typed models).
  target(sprintf("validate --api-version 3.1: %.2fx the all-cores floor (target >= 0.75)", ratio["v31"]), ratio["v31"], ratio["v31"] >= 0.75)
  r = med["v31"] / med["auto"]
  target(sprintf("validate (auto-detect): %.2fx the throughput of --api-version 3.1, pinned (target >= 0.8)", r), r, r >= 0.8)
  r = med["ajv1"] / med["v31"]
  target(sprintf("validate --api-version 3.1: %.2fx as fast as ajv, one schema (target >= 5)", r), r, r >= 5)
  r = med["ajv4"] / med["auto"]
  target(sprintf("validate (auto): %.2fx as fast as ajv, all four schemas, pinned (target >= 5)", r), r, r >= 5)
  r = med["ajv4_mixed"] / med["auto_mixed"]
  target(sprintf("validate (auto): %.2fx as fast as ajv, all four schemas, mixed (target >= 5)", r), r, r >= 5)
  r = med["js1"] / med["v31"]
  target(sprintf("validate --api-version 3.1: %.2fx the jsonschema crate, 3.1 (target >= 3)", r), r, r >= 3)
  r = med["js4"] / med["auto"]
  target(sprintf("validate (auto): %.2fx the jsonschema crate, all four, pinned (target >= 3)", r), r, r >= 3)
  r = med["js4_mixed"] / med["auto_mixed"]
  target(sprintf("validate (auto): %.2fx the jsonschema crate, all four, mixed (target >= 3)", r), r, r >= 3)
  target(sprintf("validate --jobs 1: %.2fx the one-thread floor (target >= 0.75)", ratio["jobs1"]), ratio["jobs1"], ratio["jobs1"] >= 0.75)
  r = mbs["auto_versions"] / mbs["v31"]
  target(sprintf("validate (auto), every version: %.0f MB/s, %.2fx pinned 3.1'"'"'s %.0f MB/s (target >= 0.9)", mbs["auto_versions"], r, mbs["v31"]), r, r >= 0.9)
  r = mbs["auto_mixed"] / mbs["v31"]
  printf "  (with ~8%% invalid or drifting records, each given its precise errors: %.0f MB/s, %.2fx)\n", mbs["auto_mixed"], r
  target(sprintf("upgrade --to 3.2: %.2fx the all-cores floor on the v3.0 file (target >= 0.5)", ratio["upgrade"]), ratio["upgrade"], ratio["upgrade"] >= 0.5)
  if (write_s != "") printf "  (writing the upgraded documents alone takes %.3f s on every core (write_floor): %.2fx the input floor: reading at the floor speed and converting for free would reach %.2fx at most)\n", write_s, write_s / med["floor_v30"], med["floor_v30"] / (med["floor_v30"] + write_s)
  if ("upgrade_before" in med) printf "  (the BENCH_BEFORE build: %.2fx; this build is %.1fx as fast)\n", ratio["upgrade_before"], med["upgrade_before"] / med["upgrade"]
  if ("v31_before" in med) printf "  (the BENCH_BEFORE build: validate --api-version 3.1 at %.2fx the floor, --jobs 1 at %.2fx the one-thread floor, auto at %.2fx pinned; this build %.2fx, %.2fx, %.2fx)\n", ratio["v31_before"], ratio["jobs1_before"], mbs["auto_before"] / mbs["v31_before"], ratio["v31"], ratio["jobs1"], mbs["auto"] / mbs["v31"]
  if (rss_gb != "") {
    split(rss_gb, g, " ")
    target(sprintf("validate on a %.2f GB mixed corpus: peak RSS %.1f MiB, %.2f s (target < 100 MiB)", g[1] / 1e9, g[3] / 1024, g[2]), g[3] / 1024, g[3] / 1024 < 100)
  }
}' "$work/runs.tsv"
echo
echo "results: $work/results.tsv, $work/targets.tsv (every run: $work/runs.tsv)"
if [ ${#failures[@]} -gt 0 ]; then
  printf '\n%s failure(s):\n' "${#failures[@]}" >&2
  printf '  %s\n' "${failures[@]}" >&2
  exit 1
fi
