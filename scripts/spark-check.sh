#!/usr/bin/env bash
# Runs the Spark recipe (examples/spark/validate.py) in local mode and proves it gives exactly
# the verdicts of one `metaaccess-account validate INPUT --input-format ndjson --format json`
# process, line for line and in the same order, for several partitionings (more partitions
# than lines too), on a generated corpus and on hostile bytes (a byte order mark, byte 0xff,
# bare CRs, CRLF, blank and whitespace-only lines, huge lines, no final line break, a line the
# tool gives up on), a file or a directory; and that a failing job (crashing binary, lost
# output) exits nonzero and leaves no output directory behind.
#
# Needs Java 17+ and Python 3; installs PySpark into target/spark-venv on first use.
# Usage: scripts/spark-check.sh [RECORDS]   (default 20000)
# The last line is 'spark-check: N passed, M failed'; any failure exits nonzero.
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-20000}
work=$PWD/target/spark-check
venv=target/spark-venv
if [ ! -x "$venv/bin/spark-submit" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check pyspark
fi
cargo build --quiet --locked -p metaaccess-account-cli -p metaaccess-account-bench
bin=$PWD/target/debug/metaaccess-account
rm -rf "$work" && mkdir -p "$work"
export PYSPARK_PYTHON="$PWD/$venv/bin/python"
submit=("$venv/bin/spark-submit" --master 'local[2]' --conf spark.ui.enabled=false)
passed=0 failed=0
ok() { echo "ok: $*"; passed=$((passed + 1)); }
bad() { echo "FAIL: $*" >&2; failed=$((failed + 1)); }

# How the recipe cuts files into ranges, on random files (no Spark).
if said=$("$PYSPARK_PYTHON" -B scripts/spark/ranges_test.py 2>&1); then ok "$said"; else bad "$said"; fi

# The corpus: a first line that is not JSON, blank lines, every version, invalid and drifting
# records.
corpus=$work/corpus.ndjson
{
  echo 'not json at all'
  target/debug/gen_corpus "$records" 7 | awk 'NR % 97 == 0 { print "" } { print }'
  echo ''
} > "$corpus"
head -n 12 "$corpus" > "$work/small.ndjson"
# The hostile inputs (see scripts/spark/hostile.py).
target/debug/gen_corpus 200 11 > "$work/records.ndjson"
"$PYSPARK_PYTHON" scripts/spark/hostile.py "$bin" "$work/records.ndjson" "$work"
# A binary that loses the last verdict of every process.
printf '#!/bin/sh\n"%s" "$@" | sed '"'"'$d'"'"'\n' "$bin" > "$work/drop-last"
chmod +x "$work/drop-last"

# What one process says: the verdicts, and the summary.
expect() { # NAME INPUT [validate options]
  local name=$1 input=$2
  shift 2
  "$bin" validate "$input" --input-format ndjson --format json --summary stderr --exit-zero \
    "$@" > "$work/$name.expected" 2> "$work/$name.expected-summary"
}
expect corpus "$corpus"
expect small "$work/small.ndjson"
expect hostile "$work/hostile.ndjson"
expect tree "$work/tree"
expect gave-up "$work/gave-up" --max-record-bytes 2000 --max-har-bytes 3000

# The runs, in one Spark session (scripts/spark/sweep.py): NAME EXPECTED [validate.py args].
jobs=()
job() {
  local name=$1
  shift
  jobs+=("$(python3 -c 'import json, sys; print(json.dumps({"name": sys.argv[1], "argv": sys.argv[2:]}))' \
    "$name" --output "$work/out/$name" "$@")")
}
mkdir -p "$work/out"
for p in 1 3 64; do job "corpus-$p" --input "$corpus" --binary "$bin" --partitions "$p"; done
job small-32 --input "$work/small.ndjson" --binary "$bin" --partitions 32
for p in 1 2 3 7 64 default; do
  if [ "$p" = default ]; then
    job hostile-default --input "$work/hostile.ndjson" --binary "$bin"
  else
    job "hostile-$p" --input "$work/hostile.ndjson" --binary "$bin" --partitions "$p"
  fi
done
for p in 1 5 64; do job "tree-$p" --input "$work/tree" --binary "$bin" --partitions "$p"; done
for p in 1 4 40; do
  job "gave-up-$p" --input "$work/gave-up" --binary "$bin" --partitions "$p" \
    --max-record-bytes 2000 --max-har-bytes 3000
done
job crash --input "$work/hostile.ndjson" --binary /bin/false --partitions 3
job lost --input "$work/hostile.ndjson" --binary "$work/drop-last" --partitions 3
(IFS=,; echo "[${jobs[*]}]") > "$work/out/jobs.json"
start=$(date +%s.%N)
"${submit[@]}" scripts/spark/sweep.py "$work/out/jobs.json" > "$work/sweep.log" 2>&1 ||
  { tail -20 "$work/sweep.log" >&2; bad "the sweep did not run"; }
printf '%s runs in one Spark session: %.0f s\n' "${#jobs[@]}" "$(echo "$(date +%s.%N) - $start" | bc)"

# Same verdicts, in the same order, and the same counts as the single process.
same() { # NAME EXPECTED-NAME
  local run=$work/out/$1 want=$work/$2
  if [ "$(cat "$run.status" 2> /dev/null)" != 0 ]; then
    bad "$1: exit status $(cat "$run.status" 2> /dev/null): $(tail -c 600 "$run.err")"
  elif ! cat "$run"/part-* | cmp -s "$want.expected" -; then
    bad "$1: verdicts differ from the single process"
    cat "$run"/part-* | diff <(cut -c1-200 "$want.expected") <(cut -c1-200) | head -6 >&2
  elif ! python3 - "$want.expected-summary" "$run.out" <<'EOF'
import json, sys
want = json.loads(open(sys.argv[1]).read().splitlines()[-1])["summary"]
got = json.loads(open(sys.argv[2]).read().splitlines()[-1])["summary"]
sys.exit(any(want[k] != got[k] for k in got))
EOF
  then
    bad "$1: summary $(cat "$run.out") differs from the single process's $(cat "$want.expected-summary")"
  else
    ok "$1: $(wc -l < "$want.expected") verdicts and the summary identical to the single process"
  fi
}
for p in 1 3 64; do same "corpus-$p" corpus; done
same small-32 small
for p in 1 2 3 7 64 default; do same "hostile-$p" hostile; done
for p in 1 5 64; do same "tree-$p" tree; done
for p in 1 4 40; do same "gave-up-$p" gave-up; done

# A failed job: nonzero exit, the error named, no output directory (nor a partial one) left.
failed_job() { # NAME WHAT-THE-ERROR-SAYS
  local run=$work/out/$1
  if [ "$(cat "$run.status" 2> /dev/null)" = 0 ]; then
    bad "$1: the job did not fail"
  elif ! grep -q "$2" "$run.err"; then
    bad "$1: the error does not say '$2': $(tail -c 600 "$run.err")"
  elif [ -e "$run" ] || compgen -G "$work/out/.$1.partial-*" > /dev/null; then
    bad "$1: a failed job left an output directory behind"
  else
    ok "$1: the job fails (status $(cat "$run.status")) and leaves no output directory"
  fi
}
failed_job crash 'exited with 1'
failed_job lost 'lost output'

# The recipe itself through spark-submit, on the hostile file with the default ranges.
status=0
"${submit[@]}" examples/spark/validate.py --input "$work/hostile.ndjson" \
  --output "$work/out/submit" --binary "$bin" > "$work/out/submit.out" \
  2> "$work/out/submit.err" || status=$?
echo "$status" > "$work/out/submit.status"
same submit hostile

echo "spark-check: $passed passed, $failed failed"
[ "$failed" = 0 ]
