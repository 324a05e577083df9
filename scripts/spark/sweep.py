"""Runs the Spark recipe (examples/spark/validate.py) several times in one Spark session, for
scripts/spark-check.sh: starting Spark once instead of once per run keeps the check fast.

    spark-submit scripts/spark/sweep.py JOBS.json

JOBS.json is a list of {"name": NAME, "argv": [validate.py arguments]}; for each, the run's
standard output and error go to NAME.out and NAME.err and its exit status to NAME.status, next
to JOBS.json.
"""

import contextlib
import json
import os
import sys

from pyspark.sql import SparkSession

RECIPE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples",
                      "spark", "validate.py")


def main(jobs_path):
    sys.dont_write_bytecode = True  # no __pycache__ in the source tree
    sys.path.insert(0, os.path.dirname(RECIPE))
    import validate  # noqa: E402 (found through the path above)

    with open(jobs_path, encoding="utf-8") as f:
        jobs = json.load(f)
    where = os.path.dirname(os.path.abspath(jobs_path))
    spark = SparkSession.builder.appName("spark-check sweep").getOrCreate()
    spark.sparkContext.addPyFile(RECIPE)  # the tasks' functions live in module `validate`
    try:
        for job in jobs:
            base = os.path.join(where, job["name"])
            with open(base + ".out", "w", encoding="utf-8") as out, \
                    open(base + ".err", "w", encoding="utf-8") as err, \
                    contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                status = validate.run(spark, validate.parse_args(job["argv"]))
            with open(base + ".status", "w", encoding="utf-8") as f:
                f.write(f"{status}\n")
    finally:
        spark.stop()


if __name__ == "__main__":
    main(sys.argv[1])
