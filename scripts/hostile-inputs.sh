#!/usr/bin/env bash
# Big and slow hostile inputs for `metaaccess-account` (issue 11, section 5; issue 22 for the
# HAR cases): each case runs under /usr/bin/time -v (peak RSS) and prlimit --as=2 GiB (the HAR
# cases: 1.5 GiB), and prints exit code, seconds and peak RSS. Inputs are generated on the fly through pipes or removed right after: nothing big
# stays on disk. Usage: scripts/hostile-inputs.sh [path/to/metaaccess-account]
set -uo pipefail
BIN=${1:-target/release/metaaccess-account}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
AS=$((2 * 1024 * 1024 * 1024))

measure() { # name, then the command (reads stdin)
  local name=$1; shift
  if [[ -n ${ONLY:-} && ! $name =~ $ONLY ]]; then return; fi
  /usr/bin/time -v -o "$TMP/time" prlimit --as="${CAP:-$AS}" "$@" >"$TMP/out" 2>"$TMP/err"
  local code=$?
  local rss secs
  rss=$(awk -F': ' '/Maximum resident/ {print int($2/1024)}' "$TMP/time")
  secs=$(awk -F': ' '/Elapsed \(wall/ {print $2}' "$TMP/time")
  printf '%-40s exit %-3s %8s  peak RSS %5s MiB  | %s\n' "$name" "$code" "$secs" "$rss" \
    "$( (grep -ho 'larger than[^;"]*' "$TMP/out" "$TMP/err"; grep -ho 'nests deeper[^;"]*' "$TMP/out" "$TMP/err"; grep -ho 'memory allocation[^"]*' "$TMP/err"; tail -n1 "$TMP/out") | head -1 | cut -c1-90)"
}

doc='{"name":"n","email":"a@b.co","last_login":"2017-03-09T08:00:00Z","date_created":"2013-10-04T08:00:00Z","devices_allowed":5,"devices_used":1,"devices_uncompliant":0,"devices_critical":0,"devices_issues":0,"devices_unknown":0,"license_key":"k'

# A single 60 MB .json (over --max-record-bytes).
python3 -c "import sys; sys.stdout.write('$doc' + 'x'*60_000_000 + '\"}')" >"$TMP/big.json"
measure "60 MB .json" "$BIN" validate "$TMP/big.json"
rm -f "$TMP/big.json"

# A 1 GB .json streamed through a pipe (never on disk).
measure "1 GB .json on stdin" bash -c "{ printf '%s' '$doc'; head -c 1000000000 /dev/zero | tr '\\0' x; printf '\"}'; } | '$BIN' validate --input-format json -"

# A HAR with one huge entry (300 MB body).
python3 - "$TMP/huge.har" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write('{"log":{"entries":[{"request":{"url":"https://h/o/api/v3.1/account"},"response":{"status":200,"content":{"text":"')
    chunk = "y" * 1_000_000
    for _ in range(300): f.write(chunk)
    f.write('"}}},{"request":{"url":"https://h/o/api/v3.1/account"},"response":{"status":404}}]}}')
PY
CAP=$((3 * 512 * 1024 * 1024)) measure "HAR, one 300 MB entry (1.5 GiB cap)" "$BIN" validate "$TMP/huge.har"
rm -f "$TMP/huge.har"

# 60 MB HARs whose one entry holds a huge array (30 million numbers), under a 1.5 GiB cap:
# in a member the reader does not use (skipped, nothing built), and in the response headers
# of an Account Details call (over --max-record-bytes: that entry is an error). A good entry
# follows each, and must still be read.
for where in extra headers; do
  python3 - "$TMP/array.har" "$where" <<'PY'
import json, sys
doc = {"name": "n", "email": "a@b.co", "last_login": "2017-03-09T08:00:00Z", "date_created": "2013-10-04T08:00:00Z",
       "devices_allowed": 5, "devices_used": 1, "devices_uncompliant": 0}
good = {"request": {"url": "https://h/o/api/v3.1/account"}, "response": {"status": 200, "content": {"text": json.dumps(doc)}}}
with open(sys.argv[1], "w") as f:
    f.write('{"log":{"entries":[{"request":{"url":"https://h/o/api/v3.1/account"},"response":{"status":200,')
    f.write('"_extra":[' if sys.argv[2] == "extra" else '"headers":[')
    f.write("0," * 30_000_000 + "0],")
    f.write('"content":{"text":' + json.dumps(json.dumps(doc)) + '}}},' + json.dumps(good) + ']}}')
PY
  CAP=$((3 * 512 * 1024 * 1024)) measure "HAR, 60 MB array in $where (1.5 GiB)" "$BIN" validate --format json "$TMP/array.har"
  rm -f "$TMP/array.har"
done

# HARs with a 300 MB JSON string where the reader expects an object (the entry, its request,
# response or response content, a response header) or the capture's log, or as a member's
# name, under a 1.5 GiB cap, streamed through a pipe (never on disk). Each string stands in an
# Account Details entry, and a good entry follows it, which must still be read: the line shows
# the message, else the summary.
good='{"request":{"url":"https://h/o/api/v3.1/account"},"response":{"status":200,"content":{"text":"{\"name\":\"n\",\"email\":\"a@b.co\",\"last_login\":\"2017-03-09T08:00:00Z\",\"date_created\":\"2013-10-04T08:00:00Z\",\"devices_allowed\":5,\"devices_used\":1,\"devices_uncompliant\":0}"}}}'
url='"request":{"url":"https://h/o/api/v3.1/account"}'
har_string() { # where, the JSON before the string's opening quote, the JSON after its closing one
  printf '%s"' "$2" >"$TMP/pre"
  printf '"%s' "$3" >"$TMP/post"
  CAP=$((3 * 512 * 1024 * 1024)) measure "HAR, 300 MB string as $1 (1.5 GiB)" bash -c \
    "{ cat '$TMP/pre'; head -c 300000000 /dev/zero | tr '\\0' a; cat '$TMP/post'; } | '$BIN' validate --input-format har -"
}
har_string "entry" '{"log":{"entries":[' ",$good]}}"
har_string "request" '{"log":{"entries":[{"request":' ',"response":{"status":200}},'"$good]}}"
har_string "response" '{"log":{"entries":[{'"$url"',"response":' "},$good]}}"
har_string "content" '{"log":{"entries":[{'"$url"',"response":{"status":200,"content":' "}},$good]}}"
har_string "header item" '{"log":{"entries":[{'"$url"',"response":{"status":200,"headers":[' '],"content":{"text":"{}"}}},'"$good]}}"
har_string "key" '{"log":{"entries":[{'"$url"',' ':1,"response":{"status":200}},'"$good]}}"
har_string "log" '{"log":' '}'
rm -f "$TMP/pre" "$TMP/post"

# HARs nested 300 MB deep (`[`, never closed) where the reader skips the value (a member of the
# log, an unknown member of an entry, another endpoint's entry) or keeps it (the response
# headers), after a good entry that must be reported; and 150 MB of `[` then as many `]` in an
# entry's unknown member, before a good entry that must be read. Under a 1.5 GiB cap, streamed
# through a pipe (never on disk).
har_deep() { # name, the JSON before the brackets, the JSON after them, bytes of `[`, of `]`
  printf '%s' "$2" >"$TMP/pre"
  printf '%s' "$3" >"$TMP/post"
  CAP=$((3 * 512 * 1024 * 1024)) measure "HAR, $1 (1.5 GiB)" bash -c \
    "{ cat '$TMP/pre'; head -c $4 /dev/zero | tr '\\0' '\\133'; head -c $5 /dev/zero | tr '\\0' '\\135'; cat '$TMP/post'; } | '$BIN' validate --input-format har -"
}
har_deep "300 MB deep in a log member" '{"log":{"entries":['"$good"'],"_x":' '}}' 300000000 0
har_deep "300 MB deep in an entry member" '{"log":{"entries":['"$good"',{'"$url"',"_x":' '}]}}' 300000000 0
har_deep "300 MB deep in another endpoint" '{"log":{"entries":['"$good"',{"request":{"url":"https://h/other"},"response":' '}]}}' 300000000 0
har_deep "300 MB deep in response headers" '{"log":{"entries":['"$good"',{'"$url"',"response":{"status":200,"headers":' '}}]}}' 300000000 0
har_deep "150+150 MB deep, closed, in a member" '{"log":{"entries":[{'"$url"',"_x":' ',"response":{"status":200}},'"$good]}}" 150000000 150000000
rm -f "$TMP/pre" "$TMP/post"

# NDJSON of many 2 MB lines (200 lines = 400 MB), through a pipe.
cat >"$TMP/lines.py" <<PY
import sys
line = '$doc' + 'z' * 2_000_000 + '"}\n'
for _ in range(200): sys.stdout.write(line)
PY
measure "NDJSON 200 x 2 MB lines" bash -c "python3 '$TMP/lines.py' | '$BIN' validate -"
# Same, with a limit that lets every line through (correct verdicts, batches bounded by bytes).
measure "NDJSON 200 x 2 MB, limit 4 MB" bash -c "python3 '$TMP/lines.py' | '$BIN' validate --max-record-bytes 4194304 -"

# Streams that never end: /dev/zero on stdin, /dev/zero as a path, a FIFO nobody opens.
measure "/dev/zero on stdin" bash -c "'$BIN' validate - </dev/zero"
measure "/dev/zero as a path (refused)" "$BIN" validate /dev/zero
mkfifo "$TMP/fifo.json"
measure "FIFO with no writer (times out)" "$BIN" validate "$TMP/fifo.json"

# A multi-MB record with many secrets: masking stays linear.
python3 - "$TMP/secrets.ndjson" <<'PY'
import json, sys
doc = {"name": "n", "email": "a@b.co", "last_login": "x", "date_created": "x",
       "devices_allowed": -1, "x": [{"api_key": "s%06d" % i, "password": "p%06d" % i} for i in range(100000)]}
open(sys.argv[1], "w").write(json.dumps(doc) + "\n")
PY
measure "4 MB record, 200k secrets" "$BIN" validate --format json "$TMP/secrets.ndjson"
