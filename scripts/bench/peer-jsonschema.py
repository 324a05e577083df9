"""Peer: validates each NDJSON line against the committed response schemas with Python's
jsonschema (Draft 2020-12, format checker on), checking every version as
`metaaccess-account validate` does.  python peer-jsonschema.py SCHEMAS_DIR CORPUS"""
import json
import sys

from jsonschema import Draft202012Validator

schemas_dir, corpus = sys.argv[1], sys.argv[2]
validators = []
for v in ["v2.0", "v3.0", "v3.1", "v3.2"]:
    with open(f"{schemas_dir}/{v}/account-details.response.schema.json") as f:
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
print(f"{valid} valid, {invalid} not valid for any version")
