"""datamodel-code-generator (pydantic v2) on every Draft 2020-12 schema: the generated model is
named AccountDetails / AccountDetailsRequest (the schema titles), accepts every valid fixture,
rejects null in every field (required or optional) and rejects counts above 2^53 - 1.

CI generates with --strict-nullable --use-missing-sentinel (docs/DECISIONS.md): with the default
settings an optional field becomes `X | None = None` and accepts null."""

import importlib.util
import json
import pathlib
import subprocess
import sys

root = pathlib.Path(sys.argv[1])
out = pathlib.Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
checked = 0
for schema_path in sorted(root.glob("schemas/v*/account-details.*.schema.json")):
    if "draft-07" in schema_path.name:
        continue
    version = schema_path.parent.name[1:]
    kind = schema_path.name.split(".")[1]
    module = out / f"m_{version.replace('.', '_')}_{kind}.py"
    subprocess.run(
        ["datamodel-codegen", "--input", str(schema_path), "--input-file-type", "jsonschema",
         "--output-model-type", "pydantic_v2.BaseModel", "--strict-nullable", "--use-missing-sentinel",
         "--output", str(module)],
        check=True,
    )
    spec = importlib.util.spec_from_file_location(module.stem, module)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[module.stem] = mod
    spec.loader.exec_module(mod)
    name = "AccountDetails" if kind == "response" else "AccountDetailsRequest"
    model = getattr(mod, name)  # the title names the model: no rename
    assert not [n for n in vars(mod) if n.startswith("Metaaccess")], f"{module}: sentence-derived names"
    schema = json.loads(schema_path.read_text())
    for d in schema.get("$defs", {}):
        assert hasattr(mod, d), f"{module}: no {d}"
    fixtures = root / "crates" / f"metaaccess-account-v{version.replace('.', '_')}" / "fixtures" / kind / "valid"
    for f in sorted(fixtures.glob("*.json")):
        doc = json.loads(f.read_text())
        model.model_validate(doc)
        for field in list(doc) + [p for p in schema["properties"] if p not in doc]:
            bad = dict(doc, **{field: None})
            try:
                model.model_validate(bad)
            except Exception:
                pass
            else:
                raise AssertionError(f"{name} {version} accepts null in {field} ({f.name})")
            checked += 1
        counts = [k for k, p in schema["properties"].items() if p.get("type") == "integer"]
        for field in counts:
            try:
                model.model_validate(dict(doc, **{field: 2**53}))
            except Exception:
                pass
            else:
                raise AssertionError(f"{name} {version} accepts {field} = 2^53")
print(f"datamodel-code-generator: models named by the titles; {checked} null fields rejected")
