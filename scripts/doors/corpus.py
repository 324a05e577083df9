"""Writes the hostile corpus of the cross-door test (scripts/doors/run.sh) into a directory.

    python3 scripts/doors/corpus.py OUT_DIR [RECORDS]

Deterministic: the same bytes on every run and machine (a seeded generator, the shipped
samples, no clock). Standard library only. The files, and what each door reads them as:

- hostile.ndjson: one record per line, every hostile shape the readers must agree on: a UTF-8
  byte order mark on line 1, invalid UTF-8, a bare CR, CRLF line ends, blank and
  whitespace-only lines, a line over the size limit (LIMIT, passed to every door as
  --max-record-bytes) holding a license key, forged `$conversion` envelopes (carried values
  "abc", -5, 1e30; a secret carried in `unknown`), duplicate keys, -0, NaN, secrets in known,
  undocumented and wrongly typed members, and no final line break;
- records.ndjson: RECORDS ordinary records of every version, valid, drifting and invalid;
- capture.har: a HAR capture with secrets in URLs, headers, cookies and bodies, skipped,
  broken, base64 and oversized entries, a 3.2 request body, another endpoint;
- forged.json, older.json, huge.json: single documents (a forged envelope, a valid 3.0
  document, a document over LIMIT);
- gave-up.ndjson: a line over LIMIT with no line break within HAR_LIMIT after it (the readers
  give up on the rest of the input), between ordinary records;
- big.har: a HAR capture over HAR_LIMIT;
- two.json: two documents on two lines, in a file named .json.
"""

import base64
import json
import os
import random
import sys

LIMIT = 4096  # --max-record-bytes of every door
HAR_LIMIT = 32768  # --max-har-bytes of every door (an NDJSON stream may be longer)
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")

LICENSE = "LICENSEKEYSECRET0123456789abcdef"
TOKEN = "ACCESSTOKENSECRET987654321"
COOKIE = "COOKIESECRET55555abcdef"
APIKEY = "APIKEYSECRETzyxwvut0987654321"


def sample(name):
    with open(os.path.join(ROOT, "samples", "responses", name), encoding="utf-8") as f:
        return json.load(f)


V20 = sample("v2.0-doc-example.json")
V30 = sample("v3.0.json")
V31 = sample("v3.1-doc-example.json")
V32 = sample("v3.2.json")
BY_VERSION = {"2.0": V20, "3.0": V30, "3.1": V31, "3.2": V32}


def line(doc):
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def with_(doc, **changes):
    out = json.loads(json.dumps(doc))
    for k, v in changes.items():
        if v is None:
            out.pop(k, None)
        else:
            out[k] = v
    return out


def envelope(doc, carried=(), unknown=(), missing=(), version="3.2"):
    out = json.loads(json.dumps(doc))
    out["$conversion"] = {"version": version, "missing": list(missing),
                          "carried": list(carried), "unknown": list(unknown)}
    return out


def carried(value, pointer="/devices_issues", version="3.0"):
    return {"version": version, "pointer": pointer, "value": value,
            "reason": "3.2 has no place for it"}


def hostile():
    """The lines of hostile.ndjson, each with its own line end."""
    v32 = with_(V32, license_key=LICENSE)
    lines = [
        (b"\xef\xbb\xbf" + line(V32), b"\n"),  # a byte order mark on line 1
        (line(V20), b"\n"),
        (line(V30), b"\r\n"),  # CRLF
        (line(V31), b"\r\n"),
        (b"", b"\n"),  # blank
        (b"   \t  ", b"\n"),  # whitespace only
        (b"\r", b"\n"),  # a line that is a CR
        (line(v32)[:-1] + b', "note": "caf\xc3\xa9 \xff\xfe"}', b"\n"),  # invalid UTF-8
        (b'{"name": "\xff", "license_key": "' + LICENSE.encode() + b'"}', b"\n"),
        (line(V20) + b"\r" + line(V30), b"\n"),  # a bare CR between two documents
        (line(with_(V31, name="a\rb")), b"\n"),  # a CR escaped inside a string: valid
        (line(with_(v32, x_extra=True, api_key=APIKEY)), b"\n"),  # drift with a secret
        (line(with_(v32, license_key=[LICENSE])), b"\n"),  # a secret of the wrong type
        (line(with_(v32, license_key=12345678901234567)), b"\n"),
        (line(with_(v32, email=f"{TOKEN}@example.com", access_token=TOKEN)), b"\n"),
        (line(with_(v32, devices_used="120")), b"\n"),
        (line(with_(v32, devices_used=-1)), b"\n"),
        (line(with_(v32, name=None)), b"\n"),
        (b'{"name": "a", "name": "' + LICENSE.encode() + b'"}', b"\n"),  # duplicate keys
        (line(v32)[:-1] + b', "devices_used": -0}', b"\n"),
        (b'{"devices_used": NaN, "license_key": "' + LICENSE.encode() + b'"}', b"\n"),
        (line(v32) + b" trailing " + LICENSE.encode(), b"\n"),
        (b"[" + line(v32) + b"]", b"\n"),
        (b"not json at all " + TOKEN.encode(), b"\n"),
        # Over the limit, with a license key in it.
        (line(with_(v32, name="x" * (LIMIT + 100))), b"\n"),
        (line(with_(v32, name="y" * LIMIT, license_key=LICENSE)), b"\r\n"),
        # Forged envelopes: carried values of the wrong type, a secret carried.
        (line(envelope(v32, carried=[carried("abc")])), b"\n"),
        (line(envelope(v32, carried=[carried(-5)])), b"\n"),
        (b'{"name": "n", "$conversion": {"version": "3.2", "carried": [{"version": "3.0", '
         b'"pointer": "/devices_issues", "value": 1e30, "reason": "r"}]}}', b"\n"),
        (line(envelope(v32, carried=[carried(1e30)])), b"\n"),
        (line(envelope(v32, carried=[carried(7, pointer="devices_issues")])), b"\n"),
        (line(envelope(v32, unknown=[carried(APIKEY, pointer="/api_key", version="3.1")])),
         b"\n"),
        (line(envelope(v32, carried=[carried(LICENSE, pointer="/license_key")])), b"\n"),
        (line(envelope(v32, carried=[carried(9, pointer="/devices_critical")])), b"\n"),
        (line(envelope(with_(V30, license_key=LICENSE), version="3.0",
                       carried=[carried(3, pointer="/devices_unknown", version="3.2")])), b"\n"),
        (line(dict(v32, **{"$conversion": "forged " + LICENSE})), b"\n"),
        (line(dict(v32, **{"$conversion": {"version": "9.9"}})), b"\n"),
        (line(envelope({"name": "n"}, version="3.0",
                       missing=[{"pointer": "/license_key", "bucket": None, "reason": "r"}])),
         b"\n"),
        (line(envelope(with_(V31, license_key=None), version="3.1",
                       missing=[{"pointer": "/license_key", "bucket": None, "reason": "r"}])),
         b"\n"),
        (b"\t" + line(V30) + b"  ", b"\n"),  # surrounding whitespace
        (b"", b"\r\n"),  # blank, CRLF
        (line(with_(V32, license_key=LICENSE, devices_allowed=1)), b""),  # no final break
    ]
    return b"".join(body + end for body, end in lines)


def ordinary(records, rng):
    """records.ndjson: valid, drifting and invalid records of every version."""
    out = []
    for i in range(records):
        version = rng.choice(sorted(BY_VERSION))
        doc = json.loads(json.dumps(BY_VERSION[version]))
        doc["name"] = f"Customer {i}"
        doc["devices_used"] = rng.randrange(0, 1000)
        roll = rng.random()
        if "license_key" in doc:
            doc["license_key"] = f"LK{rng.getrandbits(96):024x}SECRET"
        if roll < 0.15:
            doc[rng.choice(["x_extra", "client_secret", "region"])] = rng.choice(
                [True, f"TOKEN{rng.getrandbits(64):016x}", 3])
        elif roll < 0.25:
            doc[rng.choice(sorted(doc))] = rng.choice([None, "text", -3, [], {}])
        elif roll < 0.3 and "devices_by_status" in doc:
            doc["devices_by_status"][0]["status"] = "quarantined"
        elif roll < 0.35:
            doc.pop(rng.choice(sorted(doc)))
        out.append(line(doc))
        if rng.random() < 0.03:
            out.append(b"")
    return b"\n".join(out) + b"\n"


def entry(url, body=None, status=200, headers=(), cookies=(), encoding=None, post=None):
    content = {"mimeType": "application/json", "size": len(body or "")}
    if body is not None:
        content["text"] = body
    if encoding:
        content["encoding"] = encoding
    request = {"method": "POST" if post is not None else "GET", "url": url,
               "headers": [{"name": n, "value": v} for n, v in headers],
               "cookies": [{"name": n, "value": v} for n, v in cookies], "queryString": []}
    if post is not None:
        request["postData"] = {"mimeType": "application/json", "text": post}
    return {"request": request,
            "response": {"status": status, "headers": [
                {"name": "Set-Cookie", "value": f"session={COOKIE}; HttpOnly"}],
                "cookies": [{"name": "session", "value": COOKIE}], "content": content}}


def har(padding=0):
    base = "https://gears.opswat.com/o/api"
    v31 = json.dumps(with_(V31, license_key=LICENSE))
    entries = [
        entry(f"{base}/v3.1/account?access_token={TOKEN}", v31),
        entry(f"{base}/v3.1/account", v31, headers=[("Authorization", f"Bearer {TOKEN}")]),
        entry(f"{base}/v3/account", json.dumps(with_(V30, license_key=LICENSE, x_extra=1)),
              cookies=[("sid", COOKIE)]),
        entry(f"{base}/v2/account", json.dumps(V20)),
        entry(f"{base}/v3.2/account", json.dumps(with_(V32, license_key=LICENSE)),
              post=json.dumps({"score_type": "cvss3_score"})),
        entry(f"{base}/v3.2/account", json.dumps(with_(V32, devices_used="many")),
              headers=[("Authorization", f"Bearer {TOKEN}")],
              post=json.dumps({"score_type": TOKEN})),
        entry(f"{base}/v3.2/account?token={TOKEN}",
              base64.b64encode(json.dumps(with_(V32, license_key=LICENSE)).encode()).decode(),
              encoding="base64"),
        entry(f"{base}/v3.2/account", "not base64 !!", encoding="base64"),
        entry(f"{base}/v3.1/account", json.dumps({"error": TOKEN}), status=401,
              headers=[("Authorization", f"Bearer {TOKEN}")]),
        entry(f"{base}/v3.1/account", None),
        entry(f"{base}/v3.1/account", json.dumps(with_(V31, name="z" * (LIMIT + 10),
                                                       license_key=LICENSE))),
        entry(f"{base}/v3.1/account", json.dumps(envelope(with_(V32, license_key=LICENSE),
                                                          carried=[carried("abc")]))),
        entry(f"{base}/v3.1/devices?api_key={APIKEY}", json.dumps({"devices": []})),
        entry(f"{base}/v3.1/account", "{\"name\": \"" + LICENSE + "\", "),
    ]
    # Entries of another endpoint, up to `padding` bytes.
    entries += [entry(f"{base}/v3.1/devices", json.dumps({"pad": "p" * 1000}))
                for _ in range(padding // 1000)]
    log = {"version": "1.2", "creator": {"name": "doors", "version": "1"}, "entries": entries}
    return json.dumps({"log": log}, indent=1).encode("utf-8")


def main(out_dir, records):
    rng = random.Random(20)
    os.makedirs(out_dir, exist_ok=True)
    files = {
        "hostile.ndjson": hostile(),
        "records.ndjson": ordinary(records, rng),
        "capture.har": har(),
        "forged.json": json.dumps(envelope(with_(V32, license_key=LICENSE),
                                           carried=[carried(1e30)]), indent=2).encode(),
        "older.json": json.dumps(with_(V30, license_key=LICENSE), indent=2).encode(),
        "huge.json": json.dumps(with_(V31, name="h" * LIMIT, license_key=LICENSE)).encode(),
        "gave-up.ndjson": b"\n".join([line(V20), line(V32), b'{"name": "' + b"g" * (LIMIT + 2 * HAR_LIMIT)
                                       + b'"}', line(V30), line(V31)]) + b"\n",
        "big.har": har(padding=HAR_LIMIT),
        # NDJSON in a file named .json: the format by extension or by content.
        "two.json": line(V30) + b"\n" + line(V31) + b"\n",
    }
    for name, data in files.items():
        with open(os.path.join(out_dir, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 300)
