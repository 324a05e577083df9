#!/usr/bin/env bash
# Runs the Spark recipe (examples/spark/validate.py) in local mode on a generated corpus and
# proves it gives exactly the single-process verdicts, for several partitionings (including
# empty partitions and a first line that is not JSON), and that a crashing binary fails the job.
#
# Needs Java 17+ and Python 3; installs PySpark into target/spark-venv on first use.
# Usage: scripts/spark-check.sh [RECORDS]   (default 20000)
# The last line is 'spark-check: N passed, 0 failed'; any failure exits nonzero.
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-20000}
work=target/spark-check
venv=target/spark-venv
if [ ! -x "$venv/bin/spark-submit" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check pyspark
fi
cargo build --quiet --locked -p metaaccess-account-cli -p metaaccess-account-bench
bin=$PWD/target/debug/metaaccess-account
rm -rf "$work" && mkdir -p "$work"

# The corpus: a first line that is not JSON, blank lines, every version, invalid and drifting
# records.
corpus=$work/corpus.ndjson
{
  echo 'not json at all'
  target/debug/gen_corpus "$records" 7 | awk 'NR % 97 == 0 { print "" } { print }'
  echo ''
} > "$corpus"

"$bin" validate "$corpus" --format json --summary none --exit-zero > "$work/single.ndjson"
sort "$work/single.ndjson" > "$work/single.sorted"

export PYSPARK_PYTHON="$PWD/$venv/bin/python"
for partitions in 1 3 64; do
  out=$work/out-$partitions
  start=$(date +%s.%N)
  "$venv/bin/spark-submit" --master 'local[2]' --conf spark.ui.enabled=false \
    examples/spark/validate.py --input "$corpus" --output "$out" --binary "$bin" \
    --partitions "$partitions" > "$work/summary-$partitions.json" 2> "$work/spark-$partitions.log"
  end=$(date +%s.%N)
  cat "$out"/part-* | sort > "$out.sorted"
  if ! cmp -s "$work/single.sorted" "$out.sorted"; then
    echo "FAIL: $partitions partitions: verdicts differ from the single process" >&2
    diff "$work/single.sorted" "$out.sorted" | head -5 >&2
    exit 1
  fi
  printf '%s partitions: %s verdicts identical to the single process (%.1f s)\n' \
    "$partitions" "$(wc -l < "$out.sorted")" "$(echo "$end - $start" | bc)"
done

# Many partitions on a few lines: most partitions are empty.
head -n 12 "$corpus" > "$work/small.ndjson"
"$bin" validate "$work/small.ndjson" --format json --summary none --exit-zero | sort > "$work/small.sorted"
"$venv/bin/spark-submit" --master 'local[2]' --conf spark.ui.enabled=false \
  examples/spark/validate.py --input "$work/small.ndjson" --output "$work/out-small" \
  --binary "$bin" --partitions 32 > /dev/null 2> "$work/spark-small.log"
cat "$work"/out-small/part-* | sort > "$work/out-small.sorted"
if ! cmp -s "$work/small.sorted" "$work/out-small.sorted"; then
  echo "FAIL: empty partitions changed the verdicts" >&2
  exit 1
fi
echo "32 partitions over 12 lines (empty partitions): verdicts identical to the single process"

# A binary that crashes loses records: the job must fail.
if "$venv/bin/spark-submit" --master 'local[2]' --conf spark.ui.enabled=false \
    examples/spark/validate.py --input "$corpus" --output "$work/out-crash" --binary /bin/false \
    > /dev/null 2> "$work/spark-crash.log"; then
  echo "FAIL: a crashing binary did not fail the job" >&2
  exit 1
fi
echo "a crashing binary fails the job (nonzero exit)"
echo "spark-check: 5 passed, 0 failed"
