"""The Python door of the cross-door test (scripts/doors/run.sh): runs every job of JOBS.json
through the installed `metaaccess_account` package and writes what it gives to OUT.json, as
{job name: [one JSON object per record]}. Moves bytes only: no splitting, checking or masking
of its own.

    python python_door.py JOBS.json OUT.json

- validate, detect: `check()` and `detect()` on the file's bytes, every record they return;
- upgrade, downgrade: the package's native `convert_records` on the file's bytes (what the
  public `upgrade()`/`downgrade()` call, one document at a time): per record
  `{"document", "report"}`, or `{"failed": verdict}`;
- single-validate: the public `validate()` on a one-document file: `Verdict.to_dict()`;
- single-upgrade, single-downgrade: the public `upgrade()`/`downgrade()` on a one-document
  file: `{"document", "report"}`, or `{"failed": verdict}` (the verdict of the
  `ConversionError`, which carries no source or locator).

A call that raises gives `[{"raised": "ExceptionType: message"}]`.
"""

import json
import sys

import metaaccess_account as ma
from metaaccess_account import _native


def run(job):
    cmd, path, fmt, to = job["command"], job["path"], job["format"], job["to"]
    limits = {"max_record_bytes": job["limit"], "max_har_bytes": job["har_limit"]}
    strict, redact, plain = (o in job["options"] for o in ("strict", "redact", "plain"))
    kind = "request" if "request" in job["options"] else "response"
    show = "show-secrets" in job["options"]
    with open(path, "rb") as f:
        data = f.read()
    if cmd == "validate":
        return ma.check(data, source=path, input_format=fmt, kind=kind, strict=strict,
                        show_secrets=show, **limits)
    if cmd == "detect":
        return ma.detect(data, source=path, input_format=fmt, kind=kind, show_secrets=show,
                         **limits)
    if cmd in ("upgrade", "downgrade"):
        out = []
        for document, report, verdict, _details in _native.convert_records(
                data, to, cmd, path, fmt, None, redact, plain, show, **limits):
            if document is not None and report is not None:
                out.append({"document": json.loads(document), "report": json.loads(report)})
            else:
                out.append({"failed": json.loads(verdict)})
        return out
    if cmd == "single-validate":
        return [ma.validate(data, strict=strict, max_record_bytes=limits["max_record_bytes"]).to_dict()]
    if cmd in ("single-upgrade", "single-downgrade"):
        convert = ma.upgrade if cmd == "single-upgrade" else ma.downgrade
        try:
            c = convert(data, to, redact=redact, plain=plain,
                        max_record_bytes=limits["max_record_bytes"])
        except ma.ConversionError as e:
            return [{"failed": e.verdict.to_dict()}]
        return [{"document": c.document, "report": c.report}]
    raise ValueError(f"unknown command {cmd}")


def main(jobs_path, out_path):
    with open(jobs_path, encoding="utf-8") as f:
        jobs = json.load(f)
    results = {}
    for job in jobs:
        if "python" not in job["doors"]:
            continue
        try:
            results[job["name"]] = run(job)
        except Exception as e:  # noqa: BLE001 (a raising door is a finding, not a crash)
            results[job["name"]] = [{"raised": f"{type(e).__name__}: {e}"}]
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(results, f)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
