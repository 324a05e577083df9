"""Validate captured Account Details responses (NDJSON) on Apache Spark with the
`metaaccess-account` command-line tool: the same verdicts as one `metaaccess-account validate`
process, for any partitioning.

    spark-submit --master local[2] examples/spark/validate.py \
        --input PATH --output DIR [--binary PATH]

PATH is an NDJSON file (blank lines allowed). DIR must not exist. Each output line is the
tool's JSON verdict for one record, with "locator": "line N", N being the 1-based line number
in the whole input file. The job exits 0 when every record was checked, whatever the verdicts,
and nonzero when a record could not be checked (a missing or crashing binary, lost output).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys

from pyspark.sql import SparkSession


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--input", required=True, help="NDJSON file of captured responses")
    p.add_argument("--output", required=True, help="directory for the verdicts (must not exist)")
    p.add_argument("--binary", default="metaaccess-account",
                   help="the metaaccess-account executable (default: found on PATH)")
    p.add_argument("--partitions", type=int, default=None,
                   help="minimum number of input partitions (default: Spark's choice)")
    return p.parse_args(argv)


def check_partition(binary, source, lines):
    """Runs the tool on one partition: `lines` are (text, 0-based line index) pairs, in file
    order. Returns the verdict lines; raises when a record could not be checked."""
    lines = list(lines)
    if not lines:
        return []
    first = lines[0][1]
    # Every line is passed on, blank ones included, so the tool's line numbers, shifted by
    # the partition's first line, are the file's.
    data = "".join(text + "\n" for text, _ in lines).encode("utf-8")
    cmd = [binary, "validate", "-", "--input-format", "ndjson", "--format", "json",
           "--source-name", source, "--line-offset", str(first),
           "--summary", "none", "--exit-zero", "--jobs", "1"]
    run = subprocess.run(cmd, input=data, capture_output=True, check=False)
    if run.returncode != 0:
        raise RuntimeError(f"{binary} exited with {run.returncode} on lines {first + 1}.."
                           f"{first + len(lines)}: {run.stderr.decode('utf-8', 'replace')[:2000]}")
    verdicts = run.stdout.decode("utf-8").splitlines()
    expected = sum(1 for text, _ in lines if text.strip())
    if len(verdicts) != expected:
        raise RuntimeError(f"lost output: {expected} records on lines {first + 1}.."
                           f"{first + len(lines)} but {len(verdicts)} verdicts")
    return verdicts


def main(argv):
    args = parse_args(argv)
    binary = shutil.which(args.binary) or args.binary
    # A relative ./path names a file shipped to the executors (--files), which the driver may
    # not have; anything else must be an executable here too.
    if not args.binary.startswith("./") and not os.access(binary, os.X_OK):
        print(f"error: {args.binary} is not an executable (nor on PATH)", file=sys.stderr)
        return 2
    if os.path.exists(args.output):
        print(f"error: {args.output} exists already", file=sys.stderr)
        return 2
    spark = SparkSession.builder.appName("metaaccess-account validate").getOrCreate()
    try:
        source = args.input
        verdicts = (spark.sparkContext.textFile(args.input, args.partitions)
                    .zipWithIndex()
                    .mapPartitions(lambda it: check_partition(binary, source, it)))
        verdicts.cache()
        verdicts.saveAsTextFile(args.output)
        counts = verdicts.map(lambda line: (json.loads(line)["status"], 1)) \
                         .reduceByKey(lambda a, b: a + b).collectAsMap()
        print(json.dumps({"summary": dict(sorted(counts.items()))}))
    except Exception as e:  # a failed task: a record could not be checked
        print(f"error: {e}", file=sys.stderr)
        return 1
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
