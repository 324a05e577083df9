"""The installed package, tested from a fresh venv (scripts/packages/run.sh): REPO_ROOT is the
repository (fixtures, schemas/, samples); METAACCESS_CLI, when set, is the command-line tool
whose verdicts the native validator must repeat."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
from importlib import resources

import pytest
from jsonschema import Draft7Validator, Draft202012Validator

import metaaccess_account as ma

ROOT = pathlib.Path(os.environ["REPO_ROOT"])
CLI = os.environ.get("METAACCESS_CLI")


def leaked_piece(text, secret):
    """The first piece of 8 characters of `secret` (raw, JSON-escaped or percent-encoded) in
    `text`, or None: the project's definition of a leak (metaaccess_account_testkit::leaked_piece)."""
    from urllib.parse import quote

    spellings = {secret, json.dumps(secret, ensure_ascii=False)[1:-1], quote(secret, safe="-._~")}
    spellings.add(json.dumps(json.dumps(secret, ensure_ascii=False)[1:-1], ensure_ascii=False)[1:-1])
    for spelling in spellings:
        for i in range(len(spelling) - 7):
            if spelling[i:i + 8] in text:
                return spelling[i:i + 8]
    return None


def fixture_files():
    for v in ma.versions():
        for kind in ("response", "request"):
            for split in ("valid", "invalid"):
                d = ROOT / "crates" / f"metaaccess-account-v{v.replace('.', '_')}" / "fixtures" / kind / split
                for f in sorted(d.glob("*.json")) if d.is_dir() else []:
                    yield v, kind, split, f


FIXTURES = list(fixture_files())


def test_versions_are_the_folders_of_schemas():
    assert ma.versions() == sorted(p.name[1:] for p in (ROOT / "schemas").glob("v*"))
    assert ma.latest() == ma.versions()[-1]
    assert ma.__version__


def test_packaged_schemas_equal_the_repository():
    # Served by the native module: the wheel has no schema files, and needs none.
    assert not resources.files("metaaccess_account").joinpath("schemas").is_dir()
    names = sorted(p.relative_to(ROOT / "schemas") for p in (ROOT / "schemas").glob("v*/*.json"))
    assert len(names) >= 3 * len(ma.versions())
    for name in names:
        version, file = name.parts
        kind = "openapi" if file == "openapi.json" else file.split(".")[1]
        dialect = "draft-07" if ".draft-07." in file else "2020-12"
        assert ma.schema_text(version, kind, dialect) == (ROOT / "schemas" / name).read_text(encoding="utf-8"), name


def test_schema_by_version_kind_and_dialect():
    for v in ma.versions():
        assert ma.schema(v)["title"] == "AccountDetails"
        assert ma.schema("v" + v, "response", "draft-07")["$schema"] == "http://json-schema.org/draft-07/schema#"
        assert ma.schema(v, "openapi")["openapi"] == "3.1.0"
    assert ma.schema(ma.latest(), "request")["title"] == "AccountDetailsRequest"
    with pytest.raises(ValueError):
        ma.schema("9.9")
    with pytest.raises(LookupError):
        ma.schema(ma.versions()[0], "request")


def test_registry_resolves_every_id():
    registry = ma.registry()
    ids = ma.schema_ids()
    assert len(ids) == len(set(ids)) > len(ma.versions())
    for i in ids:
        assert registry.get_or_retrieve(i).value.contents["$id"] == i


@pytest.mark.parametrize("v,kind,split,path", FIXTURES, ids=lambda x: str(x) if not isinstance(x, pathlib.Path) else x.name)
def test_fixture_verdicts(v, kind, split, path):
    data = path.read_bytes()
    # The folders hold the schemas' (strict) verdict; without strict, undocumented items are drift.
    verdict = ma.validate(data, v, kind=kind, strict=True)
    assert verdict.status == ("valid" if split == "valid" else "invalid"), verdict
    assert verdict.api_version == v
    lenient = ma.validate(data, v, kind=kind)
    assert lenient.status == verdict.status or (split, lenient.status) == ("invalid", "drift")
    if split == "invalid":
        assert verdict.errors and all(p.instance_path == "" or p.instance_path.startswith("/") for p in verdict.errors)
    # str and parsed input agree with bytes
    assert ma.validate(data.decode("utf-8", "replace"), v, kind=kind, strict=True).status == verdict.status or split == "invalid"
    # jsonschema with the packaged registry agrees, in both dialects
    try:
        doc = json.loads(data)
    except ValueError:
        return
    assert ma.validate(doc, v, kind=kind, strict=True).status == verdict.status
    for cls, dialect in ((Draft202012Validator, "2020-12"), (Draft7Validator, "draft-07")):
        s = ma.schema(v, kind, dialect)
        validator = cls({"$ref": s["$id"]} if cls is Draft202012Validator else s, registry=ma.registry(), format_checker=cls.FORMAT_CHECKER)
        assert validator.is_valid(doc) == (split == "valid"), (dialect, path)


def test_detection_and_drift():
    doc = json.loads((ROOT / "crates/metaaccess-account-v3_1/fixtures/response/valid/doc-example.json").read_text())
    doc["devices_by_status"][0]["status"] = "quarantined"
    verdict = ma.validate(doc)
    assert verdict.status == "drift" and verdict.ok
    assert verdict.errors[0].instance_path == "/devices_by_status/0/status"
    assert ma.validate(doc, strict=True).status == "invalid"
    assert ma.validate(b'{"a": 1, "a": 2}').status == "invalid"
    assert ma.validate(b"{} trailing").errors[0].message.find("trailing") >= 0
    with pytest.raises(ValueError):
        ma.validate(b"{}", "9.9")


def test_secrets_are_masked():
    key = "testcccd3e7201ee83e2c4b9f6dfc96c"
    doc = json.loads((ROOT / "crates/metaaccess-account-v3_1/fixtures/response/valid/doc-example.json").read_text())
    doc["license_key"] = 5
    doc["name"] = key  # a secret value elsewhere is masked too once known
    v = ma.validate(doc, "3.1")
    assert v.status == "invalid"
    assert all("5" not in p.message or "license_key" not in p.instance_path for p in v.errors)
    doc = json.loads((ROOT / "crates/metaaccess-account-v3_1/fixtures/response/valid/doc-example.json").read_text())
    doc["email"] = doc["license_key"]
    v = ma.validate(doc, "3.1")
    assert v.status == "invalid"
    assert all(leaked_piece(p.message, doc["license_key"]) is None for p in v.errors), v.errors
    shown = ma.validate(doc, "3.1", show_secrets=True)
    assert shown.status == "invalid"


def test_upgrade_and_downgrade():
    old = sorted((ROOT / "crates/metaaccess-account-v2_0/fixtures/response/valid").glob("*.json"))[0].read_bytes()
    up = ma.upgrade(old)
    assert up.from_version == "2.0" and up.to_version == ma.latest()
    assert up.complete or up.report["missing"]  # a partial conversion lists what is missing
    doc31 = (ROOT / "crates/metaaccess-account-v3_1/fixtures/response/valid/doc-example.json").read_bytes()
    up = ma.upgrade(doc31)
    assert up.complete and ma.validate(up.document, ma.latest()).status == "valid"
    down = ma.downgrade(up.document, "3.1")
    assert down.to_version == "3.1" and down.complete
    assert down.document == json.loads(doc31)
    assert list(down.document)[:2] == ["name", "email"]  # documented field order
    redacted = ma.upgrade(ROOT.joinpath("crates/metaaccess-account-v3_1/fixtures/response/valid/doc-example.json").read_bytes(), redact=True)
    assert redacted.document["license_key"] == "<redacted>"
    with pytest.raises(ma.ConversionError) as e:
        ma.upgrade(b'{"name": 5}')
    assert e.value.verdict.status == "invalid"
    with pytest.raises(ma.ConversionError):
        ma.upgrade(json.loads(doc31), "3.0")  # upgrade never goes down, as in the CLI


@pytest.mark.skipif(not CLI, reason="METAACCESS_CLI not set")
def test_same_verdicts_as_the_cli():
    """Every fixture (auto-detected), the hostile inputs and the planted-secret captures: the
    CLI's --format json records and the native validator agree on status, version, pointers,
    messages (secrets masked) and notes."""
    checked = 0
    inputs = [(f, kind) for _, kind, _, f in FIXTURES]
    inputs += [(f, "response") for f in sorted((ROOT / "fixtures/bad-input").glob("*.json"))]
    for path, kind in inputs:
        out = subprocess.run([CLI, "validate", "--format", "json", "--input-format", "json", "--kind", kind, str(path)],
                             capture_output=True, text=True, check=False)
        records = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
        records = [r for r in records if "summary" not in r]
        assert len(records) == 1, (path, out.stdout, out.stderr)
        r = records[0]
        if r["status"] == "skipped":
            continue
        v = ma.validate(path.read_bytes(), kind=kind)
        assert v.status == r["status"], (path, r, v)
        assert v.api_version == r["api_version"], path
        assert list(v.also_valid_as) == r["also_valid_as"], path
        assert [(p.instance_path, p.message) for p in v.errors] == [(e["instance_path"], e["message"]) for e in r["errors"]], path
        checked += 1
    ndjson = ROOT / "fixtures/secrets/responses.ndjson"
    out = subprocess.run([CLI, "validate", "--format", "json", str(ndjson)], capture_output=True, text=True, check=False)
    records = [json.loads(line) for line in out.stdout.splitlines() if line.strip() and "summary" not in line]
    lines = [line for line in ndjson.read_bytes().split(b"\n") if line.strip()]
    assert len(records) == len(lines)
    for line, r in zip(lines, records):
        v = ma.validate(line)
        assert (v.status, [(p.instance_path, p.message) for p in v.errors]) == (r["status"], [(e["instance_path"], e["message"]) for e in r["errors"]])
        checked += 1
    assert checked > 40


def lines_of(raw: bytes):
    """The tool's lines: split at line feeds only (str.splitlines also splits at U+0085 and
    U+2028, which the tool may write inside a line)."""
    text = raw.decode("utf-8")
    return text.split("\n")[:-1] if text.endswith("\n") else text.split("\n") if text else []


def cli_lines(args, data=None):
    out = subprocess.run([CLI, *args], input=data, capture_output=True, check=False)
    return out.returncode, lines_of(out.stdout), lines_of(out.stderr)


def older_valid_fixtures():
    return [(v, f) for v, kind, split, f in FIXTURES if kind == "response" and split == "valid" and v != ma.latest()]


@pytest.mark.parametrize("v,path", older_valid_fixtures(), ids=lambda x: str(x) if not isinstance(x, pathlib.Path) else x.name)
def test_round_trip_gives_back_the_original(v, path):
    """Upgrade to the latest, then downgrade back: the original document, also when the
    upgrade is partial (what the newer shape cannot hold travels in $conversion)."""
    original = json.loads(path.read_bytes())
    up = ma.upgrade(path.read_bytes())
    down = ma.downgrade(up.document, v)
    assert down.document == original
    assert list(down.document) == list(original), "field order"


@pytest.mark.skipif(not CLI, reason="METAACCESS_CLI not set")
@pytest.mark.parametrize("v,path", older_valid_fixtures(), ids=lambda x: str(x) if not isinstance(x, pathlib.Path) else x.name)
def test_round_trip_equals_the_cli_pipe(v, path):
    data = path.read_bytes()
    code, up_lines, _ = cli_lines(["upgrade", "--input-format", "json", "-"], data)
    assert code == 0 and len(up_lines) == 1
    up = ma.upgrade(data)
    assert json.loads(up_lines[0]) == up.document
    assert up_lines[0] == json.dumps(up.document, separators=(",", ":"), ensure_ascii=False)
    code, down_lines, _ = cli_lines(["downgrade", "--to", v, "--input-format", "json", "-"], up_lines[0].encode())
    assert code == 0
    assert json.loads(down_lines[0]) == ma.downgrade(up.document, v).document


def test_undocumented_members_are_kept_and_listed():
    doc = json.loads((ROOT / "crates/metaaccess-account-v3_0/fixtures/response/valid/with-license-key.json").read_text())
    doc["x_site"] = "lab"
    up = ma.upgrade(doc)
    assert up.document["x_site"] == "lab" or "/x_site" in up.report["unknown"]
    assert ma.downgrade(up.document, "3.0").document == doc


@pytest.mark.parametrize("forged", ["abc", -5, 1e30, {"a": 1}])
def test_forged_carried_values_are_refused(forged):
    doc = json.loads((ROOT / "crates/metaaccess-account-v3_1/fixtures/response/valid/doc-example.json").read_text())
    doc["$conversion"] = {"version": "3.1", "carried": [
        {"version": "3.0", "pointer": "/devices_issues", "value": forged, "reason": "forged"}]}
    with pytest.raises(ma.ConversionError) as e:
        ma.downgrade(doc, "3.0")
    assert "/devices_issues" in str(e.value)
    assert str(forged) not in str(e.value)


def test_over_the_record_limit_raises_naming_it():
    big = b'{"name": "' + b"x" * (16 * 1024 * 1024) + b'"}'
    with pytest.raises(ValueError, match="max_record_bytes"):
        ma.validate(big)
    with pytest.raises(ValueError, match="max_record_bytes"):
        ma.upgrade(big)
    assert ma.validate(big, max_record_bytes=32 * 1024 * 1024).status == "invalid"


def test_debug_text_of_errors_has_no_secret():
    key = "testcccd3e7201ee83e2c4b9f6dfc96c"
    doc = json.loads((ROOT / "crates/metaaccess-account-v3_1/fixtures/response/valid/doc-example.json").read_text())
    doc["license_key"] = key
    doc["devices_used"] = key
    v = ma.validate(doc, "3.1")
    assert v.status == "invalid"
    assert leaked_piece(repr(v), key) is None, repr(v)


@pytest.mark.skipif(not CLI, reason="METAACCESS_CLI not set")
@pytest.mark.parametrize("name", ["stream.ndjson", "capture.har"])
def test_check_and_detect_equal_the_cli(name):
    path = ROOT / "samples" / name
    _, lines, _ = cli_lines(["validate", "--format", "json", "--summary", "none", str(path)])
    assert [json.loads(x) for x in lines] == ma.check(path.read_bytes(), source=str(path))
    _, lines, _ = cli_lines(["detect", "--format", "json", str(path)])
    assert [json.loads(x) for x in lines] == ma.detect(path.read_bytes(), source=str(path))


@pytest.mark.skipif(not CLI, reason="METAACCESS_CLI not set")
@pytest.mark.parametrize("input_format", ["auto", "har"])
def test_har_records_keep_their_kind_as_in_the_cli(input_format):
    """kind= is what records outside HAR captures are: HAR entries keep their own kind, also
    when input_format="auto" finds the HAR (scripts/doors found the package checking them as
    request bodies)."""
    path = ROOT / "samples" / "capture.har"
    _, lines, _ = cli_lines(["validate", "--format", "json", "--summary", "none", "--kind", "request",
                             "--input-format", input_format, str(path)])
    records = ma.check(path.read_bytes(), source=str(path), input_format=input_format, kind="request")
    assert [json.loads(x) for x in lines] == records
    assert any(r["kind"] == "response" for r in records)
