"""Throughput of metaaccess_account.validate from Python against jsonschema and fastjsonschema
on the same documents: every response fixture of every version (valid and invalid, the version
given), as bytes. Each validator parses the bytes itself (json.loads for the Python ones) and
gives a verdict; jsonschema and fastjsonschema check formats too (date-time, email). Each run
validates the corpus REPEAT times; the figure is the median of RUNS runs, in documents/s.

usage: python bench_python.py ROOT [RUNS] [REPEAT]   (in a venv with the package installed)
"""

import json
import pathlib
import statistics
import sys
import time

import fastjsonschema
from jsonschema import Draft202012Validator

import metaaccess_account as ma

root = pathlib.Path(sys.argv[1])
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
repeat = int(sys.argv[3]) if len(sys.argv) > 3 else 200
docs = []
for v in ma.versions():
    for split in ("valid", "invalid"):
        d = root / "crates" / f"metaaccess-account-v{v.replace('.', '_')}" / "fixtures" / "response" / split
        docs += [(v, f.read_bytes()) for f in sorted(d.glob("*.json"))]

js = {v: Draft202012Validator(ma.schema(v), format_checker=Draft202012Validator.FORMAT_CHECKER) for v in ma.versions()}
fj = {v: fastjsonschema.compile(ma.schema(v, "response", "draft-07")) for v in ma.versions()}


def native(v, b):
    return ma.validate(b, v).status == "valid"


def with_jsonschema(v, b):
    try:
        return js[v].is_valid(json.loads(b))
    except ValueError:
        return False


def with_fastjsonschema(v, b):
    try:
        fj[v](json.loads(b))
        return True
    except (ValueError, fastjsonschema.JsonSchemaException):
        return False


def rate(fn):
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        for _ in range(repeat):
            for v, b in docs:
                fn(v, b)
        samples.append(len(docs) * repeat / (time.perf_counter() - start))
    return statistics.median(samples)


verdicts = {name: [fn(v, b) for v, b in docs] for name, fn in
            (("native", native), ("jsonschema", with_jsonschema), ("fastjsonschema", with_fastjsonschema))}
agree = sum(a == b == c for a, b, c in zip(*verdicts.values()))
results = {name: rate(fn) for name, fn in (("metaaccess_account.validate", native), ("jsonschema", with_jsonschema),
                                           ("fastjsonschema", with_fastjsonschema))}
print(f"{len(docs)} documents x {repeat}, median of {runs} runs; verdicts agree on {agree}/{len(docs)}")
base = results["metaaccess_account.validate"]
for name, r in results.items():
    print(f"  {name:30s} {r:10.0f} docs/s   native is {base / r:5.2f}x")
