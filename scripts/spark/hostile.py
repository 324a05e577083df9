"""Writes the hostile inputs of scripts/spark-check.sh: the bytes a line-splitter other than
the tool's own gets wrong.

    python3 scripts/spark/hostile.py BINARY RECORDS DIR

RECORDS: NDJSON records (gen_corpus output), from which the valid ones (by BINARY) are used.
Writes into DIR (which must exist):
- hostile.ndjson: a UTF-8 byte order mark on line 1; byte 0xff in a string; a bare CR between
  two records on one line and one inside a record; CRLF line ends; blank and whitespace-only
  lines (space, tab, CR, form feed), lines of a vertical tab and of a no-break space (not
  blank for the tool); a 1 MiB record; a line over the tool's default --max-record-bytes
  (16 MiB); a last line without a line break.
- gave-up/g1.ndjson: a 2 MB line, for a run with --max-record-bytes 2000 and --max-har-bytes
  3000, after which the tool reads no more of that file; gave-up/g2.ndjson: records after it.
- tree/: a directory of NDJSON files (nested, mixed-case names and extensions, an empty file,
  a file the walk skips).
"""

import json
import os
import subprocess
import sys


def valid_records(binary, records_path):
    with open(records_path, "rb") as f:
        lines = f.read().split(b"\n")
    run = subprocess.run([binary, "validate", records_path, "--input-format", "ndjson",
                          "--format", "json", "--summary", "none", "--exit-zero"],
                         capture_output=True, check=True)
    valid = []
    for verdict in run.stdout.decode().splitlines():
        v = json.loads(verdict)
        if v["status"] == "valid":
            valid.append(lines[int(v["locator"].split()[1]) - 1])
    return valid


def main(binary, records_path, out):
    v = valid_records(binary, records_path)
    assert len(v) >= 12, "too few valid records"
    big = json.loads(v[9])
    big["name"] = "x" * (1 << 20)  # a valid 1 MiB record
    lines = [
        b"\xef\xbb\xbf" + v[0],                   # BOM on line 1: invalid for the tool
        v[1].replace(b'"Account ', b'"Account \xff', 1),   # invalid UTF-8: invalid
        v[2] + b"\r" + v[3],                      # a bare CR between two records: one record
        v[4].replace(b"{", b"{\r", 1),            # a bare CR as JSON whitespace: valid
        v[5] + b"\r",                             # CRLF
        v[6] + b"\r",
        b"",
        b"   ",
        b"\t \r",
        b"\r",
        b"\x0c",
        b"\x0b",                                  # not blank for the tool: a record
        b"\xc2\xa0",                              # a no-break space: a record
        v[7],
        json.dumps(big, separators=(",", ":")).encode(),
        b"{" + b" " * (16 * 1024 * 1024 + 10) + b"}",   # over --max-record-bytes
        v[8],
        b"not json",
        v[10],                                    # the last line, without a line break
    ]
    with open(os.path.join(out, "hostile.ndjson"), "wb") as f:
        f.write(b"\n".join(lines))

    os.makedirs(os.path.join(out, "gave-up"), exist_ok=True)
    with open(os.path.join(out, "gave-up", "g1.ndjson"), "wb") as f:
        f.write(b"\n".join([v[0], v[1], b"x" * 2_000_000, v[2], v[3], v[4]]) + b"\n")
    with open(os.path.join(out, "gave-up", "g2.ndjson"), "wb") as f:
        f.write(b"\n".join([v[5], b"not json", v[6]]) + b"\n")

    tree = os.path.join(out, "tree")
    os.makedirs(os.path.join(tree, "b-sub", "deeper"), exist_ok=True)
    files = {
        "a.ndjson": b"\xef\xbb\xbf" + v[0] + b"\n" + v[1] + b"\r\n\n",
        "B.JSONL": v[2] + b"\r" + v[3],
        "b-sub/deeper/c.jsonl": v[4] + b"\n\x0b\n" + v[5] + b"\n",
        "b-sub/d.json": v[6] + b"\n",             # read as NDJSON (--input-format ndjson)
        "b-sub/empty.ndjson": b"",
        "c.ndjson": b"\n".join(v[7:12]),
        "notes.txt": b"not an input: skipped\n",
    }
    for name, data in files.items():
        with open(os.path.join(tree, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main(*sys.argv[1:])
