"""The cross-door test's plan, the Rust doors' runs and the comparison (scripts/doors/run.sh).

    python3 doors.py plan WORK CLI          # WORK/jobs.json, WORK/spark/jobs.json
    python3 doors.py run WORK CLI DOOR      # the command-line tool and the library door
    python3 doors.py compare WORK           # 'doors: N passed, M failed'; exit 1 on a failure

Every job is one input file and one command; the doors that run it each write one JSON object
per record. The library door (crates/metaaccess-account-capture/examples/door.rs) is the
reference; every other door must give the same records, in the same order. Where the library
has no function for what the doors do (placing records by --kind), the tool is the reference. Only timing fields
(`elapsed_seconds`, `records_per_second`) are ignored.
"""

import concurrent.futures
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus  # noqa: E402

LIMIT, HAR_LIMIT = corpus.LIMIT, corpus.HAR_LIMIT
TIMING = ("elapsed_seconds", "records_per_second")
SECRETS = (corpus.LICENSE, corpus.TOKEN, corpus.COOKIE, corpus.APIKEY)
# (file, input format); the file is named as run.sh names it, relative to the repository.
FILES = [("hostile.ndjson", "ndjson"), ("records.ndjson", "ndjson"), ("capture.har", "har"),
         ("forged.json", "json"), ("older.json", "json"), ("huge.json", "json"),
         ("gave-up.ndjson", "ndjson"), ("big.har", "har"), ("two.json", "json"),
         ("upgraded.ndjson", "ndjson")]
# Disagreements found and reported, not yet fixed: (job, door) -> why. Each is printed as
# 'known:' and counted apart; one that stops disagreeing is a failure (remove it here).
KNOWN: dict = {
    # (job, door): why they disagree, for a disagreement that is reported and not yet fixed.
    # None now: NDJSON in a .json file is read by extension in every door (input::format_for).
}
# Spark partitionings of each NDJSON file (scripts/spark-check.sh tries many more).
PARTITIONS = {"hostile.ndjson": (1, 5), "records.ndjson": (3,), "gave-up.ndjson": (4,)}


def plan(work, cli):
    # Converted documents to convert again: what `upgrade` writes, $conversion members included.
    with open(os.path.join(work, "corpus", "upgraded.ndjson"), "wb") as f:
        subprocess.run([cli, "upgrade", os.path.join(work, "corpus", "records.ndjson"),
                        os.path.join(work, "corpus", "hostile.ndjson"), "--input-format", "ndjson",
                        "--max-record-bytes", str(LIMIT), "--max-har-bytes", str(HAR_LIMIT),
                        "--report", os.devnull],
                       stdout=f, stderr=subprocess.DEVNULL, timeout=120, check=False)
    jobs = []

    def job(cmd, name, fmt, to=None, options=(), doors=("library", "cli", "python"), **more):
        label = cmd + (f"-{to}" if to else "") + "".join(f"+{o}" for o in options)
        if fmt != dict(FILES)[name]:
            label += f"+{fmt}"
        jobs.append(dict({"name": f"{label} {name}", "command": cmd,
                          "path": os.path.join(work, "corpus", name), "format": fmt,
                          "limit": LIMIT, "har_limit": HAR_LIMIT, "to": to,
                          "options": list(options), "doors": list(doors)}, **more))

    conversions = [("upgrade", "3.2"), ("downgrade", "2.0"), ("downgrade", "3.0"),
                   ("downgrade", "3.1")]
    for name, fmt in FILES:
        spark = ("spark",) if name in PARTITIONS else ()
        job("validate", name, fmt, doors=("library", "cli", "python") + spark)
        job("detect", name, fmt)
        for cmd, to in conversions:
            job(cmd, name, fmt, to)
        # The format left to the readers (auto): by extension or content.
        job("validate", name, "auto")
        if fmt == "json":  # the public one-document API of the Python package
            job("single-validate", name, fmt, doors=("python",), reference=f"validate {name}")
            for cmd, to in conversions:
                job(f"single-{cmd}", name, fmt, to, doors=("python",),
                    reference=f"{cmd}-{to} {name}")
    # The options every door takes: --strict, --redact (documents masked), --plain.
    for name in ("hostile.ndjson", "records.ndjson", "capture.har"):
        job("validate", name, dict(FILES)[name], options=("strict",),
            doors=("library", "cli", "python", "spark") if name == "hostile.ndjson" else
            ("library", "cli", "python"))
    # --kind request: HAR records keep their own kind, everything else is a request body.
    for name in ("hostile.ndjson", "capture.har"):
        for fmt in (dict(FILES)[name], "auto"):
            job("validate", name, fmt, options=("request",), doors=("cli", "python"))
            job("detect", name, fmt, options=("request",), doors=("cli", "python"))
    # --show-secrets: the secrets every door masks otherwise, shown alike.
    for name in ("hostile.ndjson", "capture.har"):
        for cmd, to in [("validate", None), ("detect", None), ("upgrade", "3.2")]:
            job(cmd, name, dict(FILES)[name], to, options=("show-secrets",))
    for name in ("hostile.ndjson", "capture.har", "older.json", "upgraded.ndjson"):
        job("upgrade", name, dict(FILES)[name], "3.2", options=("redact",))
        job("downgrade", name, dict(FILES)[name], "2.0", options=("plain",))
    spark = []
    for j in jobs:
        if "spark" not in j["doors"]:
            continue
        for p in PARTITIONS[os.path.basename(j["path"])][:1 if j["options"] else None]:
            label = f"{j['name'].replace(' ', '-')}-{p}"
            spark.append({"name": label, "job": j["name"], "partitions": p, "argv": [
                "--input", j["path"], "--output", os.path.join(work, "spark", label),
                "--partitions", str(p), "--max-record-bytes", str(LIMIT),
                "--max-har-bytes", str(HAR_LIMIT), "--binary", os.path.abspath(cli)]
                + [f"--{o}" for o in j["options"]]})
    write(os.path.join(work, "jobs.json"), jobs)
    os.makedirs(os.path.join(work, "spark"), exist_ok=True)
    write(os.path.join(work, "spark", "jobs.json"), spark)


def write(path, value):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(value, f, indent=1)


def read(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def lines(text):
    return [json.loads(t) for t in text.splitlines() if t.strip()]


def run(work, cli, door):
    """Runs the command-line tool and the library door on every job (two at a time):
    WORK/rust.json."""
    jobs = [(k, job) for k, job in enumerate(read(os.path.join(work, "jobs.json")))
            if "cli" in job["doors"]]
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        done = pool.map(lambda kj: run_job(work, cli, door, *kj), jobs)
        out = {job["name"]: got for (_, job), got in zip(jobs, done)}
    write(os.path.join(work, "rust.json"), out)


def run_job(work, cli, door, k, job):
    cmd, path, fmt, to = job["command"], job["path"], job["format"], job["to"]
    lib = None
    if "library" in job["doors"]:
        lib = subprocess.run([door, "+".join([cmd] + job["options"]), path, fmt, str(LIMIT),
                              str(HAR_LIMIT)] + ([to] if to else []),
                             capture_output=True, timeout=120)
    common = ["--input-format", fmt, "--format", "json", "--max-record-bytes", str(LIMIT),
              "--max-har-bytes", str(HAR_LIMIT)]
    common += [{"request": "--kind=request"}.get(o, f"--{o}") for o in job["options"]]
    report = os.path.join(work, f"report-{k}.txt")
    argv = [cli, cmd, path] + common + (["--exit-zero"] if cmd in ("validate", "detect")
                                        else ["--to", to, "--report", report])
    tool = subprocess.run(argv, capture_output=True, timeout=120)
    got = {"library": lib and {"status": lib.returncode, "stdout": lib.stdout.decode(),
                               "stderr": lib.stderr.decode()},
           "cli": {"status": tool.returncode, "stdout": tool.stdout.decode(),
                   "stderr": tool.stderr.decode(), "argv": argv[1:]}}
    if cmd in ("upgrade", "downgrade"):
        with open(report, encoding="utf-8") as f:
            got["cli"]["report"] = f.read()
    return got


class Checks:
    def __init__(self):
        self.passed = self.failed = 0
        self.known = []

    def ok(self, what):
        self.passed += 1
        print(f"ok: {what}")

    def bad(self, what, detail=""):
        self.failed += 1
        print(f"FAIL: {what}" + (f"\n      {detail}" if detail else ""))

    def same(self, what, want, got, known=None):
        """Records in order: want is the library's. `known`: why this door disagrees."""
        if known:
            if want == got:
                return self.bad(f"{what}: agrees now: remove it from KNOWN in doors.py")
            self.known.append(what)
            return print(f"known: {what}: {known}")
        if want == got:
            return self.ok(f"{what}: {len(want)} records identical")
        for i, (w, g) in enumerate(zip(want, got)):
            if w != g:
                return self.bad(f"{what}: record {i + 1} of {len(want)} differs",
                                f"reference: {short(w)}\n      door:      {short(g)}")
        return self.bad(f"{what}: {len(want)} records from the reference, {len(got)} from the door",
                        f"first extra: {short((want + got)[min(len(want), len(got))])}")


def short(value, n=700):
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= n else text[:n] + "…"


def untimed(summary):
    return {k: v for k, v in summary.items() if k not in TIMING}


def place(record):
    """Where the command-line tool's error lines say a record is (output::place)."""
    source, locator = record["source"], record["locator"]
    if locator.startswith("line "):
        return f"{source}:{locator[5:]}"
    if locator.startswith("entry "):
        return f"{source} {locator}"
    return source


def cli_conversion(run_):
    """The command-line tool's conversion, as streams: documents (standard output), reports
    (--report), failures (verdict lines on standard error) and refusals (error lines). The
    run's summary, last on standard error, is about the run, not a record: left out."""
    failures = []
    for text in run_["stderr"].split("\n"):
        if not text or text.startswith('{"conversion_summary"'):
            continue
        failures.append(json.loads(text) if text.startswith("{") else {"stderr": text})
    return lines(run_["stdout"]), lines(run_["report"]), failures


def library_conversion(records):
    docs = [r["document"] for r in records if "document" in r]
    reports = [r["report"] for r in records if "report" in r]
    failures = []
    for r in records:
        if "failed" in r:
            failures.append(r["failed"])
        elif "refused" in r:
            v = r["refused"]
            message = v["errors"][0]["message"] if v["errors"] else ""
            failures.append({"stderr": f"error: {place(v)}: {message}"})
    return docs, reports, failures


def as_python(records):
    """What the package gives for the library's records: a refusal is a failure there."""
    return [{"failed": r["refused"]} if "refused" in r else r for r in records]


def without_place(record):
    """A record as the one-document functions give it: the report names the source `-`, a
    failure is `ConversionError.verdict.to_dict()` (no source or locator)."""
    if "report" in record:
        return dict(record, report=dict(record["report"], source="-"))
    return {"failed": {k: v for k, v in record["failed"].items()
                       if k not in ("source", "locator")}}


def leaks(value):
    text = json.dumps(value, ensure_ascii=False)
    return [s for s in SECRETS if s in text]


def compare(work):
    jobs = read(os.path.join(work, "jobs.json"))
    rust = read(os.path.join(work, "rust.json"))
    python = read(os.path.join(work, "python.json"))
    spark_jobs = read(os.path.join(work, "spark", "jobs.json"))
    c = Checks()
    library = {}
    for job in jobs:
        name, cmd = job["name"], job["command"]
        if "cli" not in job["doors"]:
            continue
        lib, cli = rust[name]["library"], rust[name]["cli"]
        if lib is None:
            # What the library has no function for (placing records by --kind, which the
            # tool and the package each do): the tool is the reference.
            lib = dict(cli, stdout=cli["stdout"] if cmd in ("validate", "detect") else "")
        if lib["status"] != 0 and "library" in job["doors"]:
            c.bad(f"{name}: the library door exited {lib['status']}", lib["stderr"][-500:])
            continue
        want = lines(lib["stdout"])
        library[name] = want
        # The command-line tool.
        if cli["status"] not in (0, 1, 2) or (cmd in ("validate", "detect") and cli["status"]):
            c.bad(f"{name}: cli exited {cli['status']}", cli["stderr"][-500:])
        elif "library" not in job["doors"]:
            pass
        elif cmd == "validate":
            got = lines(cli["stdout"])
            known = KNOWN.get((name, "cli"))
            c.same(f"{name}: cli verdicts", want[:-1], got[:-1], known)
            if known:
                pass
            elif got and want and untimed(got[-1]["summary"]) == untimed(want[-1]["summary"]):
                c.ok(f"{name}: cli summary identical (timing aside)")
            else:
                c.bad(f"{name}: cli summary", f"{short(want[-1:])} vs {short(got[-1:])}")
        elif cmd == "detect":
            c.same(f"{name}: cli detections", want, lines(cli["stdout"]))
        else:
            docs, reports, failures = library_conversion(want)
            got_docs, got_reports, got_failures = cli_conversion(cli)
            c.same(f"{name}: cli documents", docs, got_docs)
            c.same(f"{name}: cli reports", reports, got_reports)
            c.same(f"{name}: cli failures and refusals", failures, got_failures)
        # The Python package.
        got = python.get(name)
        if got is None:
            c.bad(f"{name}: the Python door did not run it")
        elif cmd == "validate":
            c.same(f"{name}: python verdicts", want[:-1], got)
        elif cmd == "detect":
            c.same(f"{name}: python detections", want, got)
        else:
            c.same(f"{name}: python conversions", as_python(want), got)
        # No secret in any diagnostic (documents are data, written as they are, unless
        # --redact).
        redact = "redact" in job["options"]
        diagnostics = [{k: v for k, v in r.items() if k != "document" or redact} for r in want]
        found = leaks(diagnostics) + leaks(cli["stderr"]) + leaks(cli.get("report", ""))
        if cmd in ("validate", "detect") or redact:
            found += leaks(cli["stdout"]) + leaks(got)
        if found and "show-secrets" not in job["options"]:
            c.bad(f"{name}: a secret in a diagnostic: {sorted(set(found))}")
    # The public one-document API of the Python package.
    # Their contract: a document over max_record_bytes raises ValueError naming the parameter,
    # where the record functions give the library's verdict.
    for job in jobs:
        if "reference" not in job:
            continue
        want = library[job["reference"]]
        if job["command"] == "single-validate":
            want = [{k: v for k, v in want[0].items() if k not in ("source", "locator")}]
        else:
            want = [without_place(r) for r in as_python(want)]
        got = python[job["name"]]
        what = f"{job['name']}: python {job['command'][7:]}()"
        over = [str(e["message"]) for r in want for e in r.get("failed", r).get("errors", [])]
        if len(want) == 1 and over and "larger than the limit" in over[0] and got[0].get(
                "raised", "").startswith("ValueError: ") and "max_record_bytes" in got[0]["raised"]:
            c.ok(f"{what}: over the limit, raises ValueError naming max_record_bytes")
        else:
            c.same(what, want, got)
    # The Spark recipe.
    for sj in spark_jobs:
        base = os.path.join(work, "spark", sj["name"])
        name = sj["job"]
        status = open(base + ".status").read().strip() if os.path.exists(base + ".status") else "?"
        if status != "0":
            err = open(base + ".err").read()[-600:] if os.path.exists(base + ".err") else ""
            c.bad(f"{name}: spark ({sj['name']}) exited {status}", err)
            continue
        out = sj["argv"][3]
        got = []
        for part in sorted(p for p in os.listdir(out) if p.startswith("part-")):
            with open(os.path.join(out, part), encoding="utf-8") as f:
                got += lines(f.read())
        want = library[name]
        c.same(f"{name}: spark verdicts, {sj['partitions']} partitions", want[:-1], got)
        summary = lines(open(base + ".out").read())[-1]["summary"]
        expected = {k: want[-1]["summary"][k] for k in summary}
        if summary == expected:
            c.ok(f"{name}: spark summary identical ({sj['partitions']} partitions)")
        else:
            c.bad(f"{name}: spark summary", f"{short(expected)} vs {short(summary)}")
    if c.known:
        print(f"{len(c.known)} known disagreement(s), reported and not yet fixed (KNOWN in doors.py)")
    print(f"doors: {c.passed} passed, {c.failed} failed")
    return 1 if c.failed else 0


if __name__ == "__main__":
    what, work = sys.argv[1], sys.argv[2]
    if what == "plan":
        plan(work, sys.argv[3])
    elif what == "run":
        run(work, sys.argv[3], sys.argv[4])
    elif what == "compare":
        sys.exit(compare(work))
    else:
        sys.exit(f"unknown command {what}")
