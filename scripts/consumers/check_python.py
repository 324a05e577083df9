"""Python `jsonschema` as a consumer: every schema file of a version (both dialects) accepts
every valid fixture of that version and rejects every invalid one."""
import json
import pathlib
import sys

from jsonschema import Draft7Validator, Draft202012Validator

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
checked = failures = 0
for version_dir in sorted((root / "schemas").glob("v*")):
    for schema_path in sorted(version_dir.glob("account-details.*.schema.json")):
        kind = schema_path.name.split(".")[1]  # response | request
        schema = json.loads(schema_path.read_text())
        cls = Draft7Validator if "draft-07" in schema_path.name else Draft202012Validator
        cls.check_schema(schema)
        validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
        for split in ("valid", "invalid"):
            for fixture in sorted((root / "crates" / f"metaaccess-account-{version_dir.name.replace('.', '_')}" / "fixtures" / kind / split).glob("*.json")):
                try:
                    ok = validator.is_valid(json.loads(fixture.read_text()))
                except ValueError:
                    ok = False  # not JSON at all
                checked += 1
                if ok != (split == "valid"):
                    failures += 1
                    print(f"FAIL {schema_path.relative_to(root)} {'accepts' if ok else 'rejects'} {fixture.relative_to(root)}")
print(f"python jsonschema: {checked} verdicts checked, {failures} wrong")
sys.exit(1 if failures or checked == 0 else 0)
