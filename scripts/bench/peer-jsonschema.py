"""Peer: validates each NDJSON line against committed response schemas with Python's
jsonschema (Draft 2020-12, format checker on). VERSIONS is `all` (every version in
SCHEMAS_DIR, as `metaaccess-account validate` checks them) or a comma-separated list such as
`3.1`; a line counts as valid when one of the schemas accepts it.
    python peer-jsonschema.py SCHEMAS_DIR VERSIONS CORPUS"""
import json
import os
import re
import sys

from jsonschema import Draft202012Validator

if len(sys.argv) != 4:
    sys.exit("usage: python peer-jsonschema.py SCHEMAS_DIR VERSIONS CORPUS")
schemas_dir, versions, corpus = sys.argv[1:]


def schema_file(d):
    return os.path.join(schemas_dir, d, "account-details.response.schema.json")


if versions == "all":
    dirs = sorted(d for d in os.listdir(schemas_dir) if re.match(r"v\d", d) and os.path.exists(schema_file(d)))
else:
    dirs = [f"v{v}" for v in versions.split(",")]
validators = []
for d in dirs:
    with open(schema_file(d)) as f:
        schema = json.load(f)
    validators.append(Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER))
valid = invalid = 0
with open(corpus, "rb") as f:
    for line in f:
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except ValueError:
            invalid += 1
            continue
        if any(v.is_valid(doc) for v in validators):
            valid += 1
        else:
            invalid += 1
print(f"{valid} valid, {invalid} not valid for any of {' '.join(dirs)}")
