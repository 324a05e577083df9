#!/usr/bin/env bash
# The cross-door test (issue #20, "a door only does I/O"): one hostile corpus through every
# front end of the capture library — the library itself (examples/door.rs), the command-line
# tool, the Python package and the Spark recipe (validate only) — must give the same verdicts,
# detections, conversions (documents and reports) and masked diagnostics, record for record.
# See scripts/doors/README.md.
#
# Uses the Python venv scripts/packages/run.sh leaves in target/packages/venv (the package
# installed from its wheel) and the PySpark venv scripts/spark-check.sh leaves in
# target/spark-venv (installed here if missing). Builds the debug tool and the library door.
# The last line is 'doors: N passed, M failed'; any failure exits nonzero.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=target/doors
python=target/packages/venv/bin/python
venv=target/spark-venv
if ! "$python" -c 'import metaaccess_account' 2> /dev/null; then
  echo "error: $python with the metaaccess_account package is missing: run scripts/packages/run.sh first" >&2
  exit 2
fi
if [ ! -x "$venv/bin/spark-submit" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check pyspark
fi
cargo build --quiet --locked -p metaaccess-account-cli
cargo build --quiet --locked -p metaaccess-account-capture --example door
cli=target/debug/metaaccess-account
door=target/debug/examples/door

rm -rf "$work" && mkdir -p "$work"
python3 -B scripts/doors/corpus.py "$work/corpus"
python3 -B scripts/doors/doors.py plan "$work" "$cli"
python3 -B scripts/doors/doors.py run "$work" "$cli" "$door"
"$python" -B scripts/doors/python_door.py "$work/jobs.json" "$work/python.json"
PYSPARK_PYTHON="$PWD/$venv/bin/python" "$venv/bin/spark-submit" --master 'local[2]' \
  --conf spark.ui.enabled=false --conf spark.executorEnv.PYTHONDONTWRITEBYTECODE=1 \
  scripts/spark/sweep.py "$work/spark/jobs.json" > "$work/spark/sweep.log" 2>&1 ||
  { tail -20 "$work/spark/sweep.log" >&2; echo "FAIL: the Spark sweep did not run" >&2; }
python3 -B scripts/doors/doors.py compare "$work"
