"""OPSWAT MetaAccess Account Details API: schemas, a native validator and version conversion.

Everything but moving bytes is the Rust capture library of the ``metaaccess-account``
project, compiled into this package, the one the ``metaaccess-account`` command calls: the same
record splitting (JSON, NDJSON, HAR), verdicts, JSON pointers, conversions (with their
``$conversion`` envelope) and secret masking, and the same size limits.

>>> import metaaccess_account as ma
>>> ma.validate(b'{"score_type": "cvss3_score"}', kind="request").status
'valid'
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Dict, List, Literal, Optional, Tuple, Union

from . import _native

__all__ = [
    "ConversionError",
    "check",
    "detect",
    "Conversion",
    "Problem",
    "Verdict",
    "__version__",
    "downgrade",
    "latest",
    "registry",
    "schema",
    "schema_ids",
    "upgrade",
    "validate",
    "versions",
]

__version__: str = _native.__version__

Kind = Literal["response", "request"]
Dialect = Literal["2020-12", "draft-07"]
Document = Union[bytes, bytearray, memoryview, str, Dict[str, Any], List[Any]]
InputFormat = Literal["auto", "json", "ndjson", "har"]

MAX_RECORD_BYTES = 16 * 1024 * 1024
"""The default largest document (the command-line tool's ``--max-record-bytes``)."""
MAX_HAR_BYTES = 512 * 1024 * 1024
"""The default largest NDJSON stream or HAR capture (``--max-har-bytes``)."""


@dataclass(frozen=True)
class Problem:
    """One problem, at a JSON pointer (``""`` is the whole document). Secrets are masked."""

    instance_path: str
    message: str


@dataclass(frozen=True)
class Verdict:
    """The verdict on one document."""

    status: Literal["valid", "invalid", "drift", "skipped"]
    kind: Kind
    api_version: Optional[str]
    also_valid_as: Tuple[str, ...] = ()
    errors: Tuple[Problem, ...] = ()
    more_errors: int = 0
    note: Optional[str] = None

    @property
    def ok(self) -> bool:
        """Valid, or drift (accepted apart from undocumented fields or enum values)."""
        return self.status in ("valid", "drift")

    def to_dict(self) -> Dict[str, Any]:
        """The verdict as the CLI's ``--format json`` writes it (without source and locator)."""
        return {
            "kind": self.kind,
            "api_version": self.api_version,
            "also_valid_as": list(self.also_valid_as),
            "status": self.status,
            "errors": [{"instance_path": p.instance_path, "message": p.message} for p in self.errors],
            "more_errors": self.more_errors,
            "note": self.note,
        }


def _verdict(record: Dict[str, Any]) -> Verdict:
    """A verdict from a record as ``validate --format json`` writes it."""
    return Verdict(
        record["status"],
        record["kind"],
        record["api_version"],
        tuple(record["also_valid_as"]),
        tuple(Problem(p["instance_path"], p["message"]) for p in record["errors"]),
        record["more_errors"],
        record["note"],
    )


def _bytes(document: Document) -> bytes:
    if isinstance(document, bytes):
        return document
    if isinstance(document, (bytearray, memoryview)):
        return bytes(document)
    if isinstance(document, str):
        return document.encode("utf-8", "surrogatepass")
    # A parsed document: NaN and infinities are not JSON, so they fail like in captured text.
    return json.dumps(document, ensure_ascii=False, allow_nan=True).encode("utf-8")


def validate(
    document: Document,
    api_version: Optional[str] = None,
    *,
    kind: Kind = "response",
    strict: bool = False,
    show_secrets: bool = False,
    max_errors: int = 20,
    max_depth: int = 64,
    max_record_bytes: int = MAX_RECORD_BYTES,
) -> Verdict:
    """Validates one document: bytes or text of JSON (checked as untrusted input: duplicate keys,
    ``-0``, a byte order mark, ... are invalid), or an already parsed ``dict``.

    ``api_version`` is a version (``"3.2"``, ``"v3.2"``) or ``None``/``"auto"`` to detect it.
    Messages never show a secret unless ``show_secrets``. A document over ``max_record_bytes``
    raises ``ValueError`` naming the limit, before anything is built from it.
    """
    lines = _native.check_records(
        _bytes(document), "-", "json", api_version, kind, strict, show_secrets, max_errors, max_depth, max_record_bytes,
        refuse_over_limit=True,
    )
    return _verdict(json.loads(lines[0]))


def check(
    data: Document,
    api_version: Optional[str] = None,
    *,
    source: str = "-",
    input_format: InputFormat = "auto",
    kind: Kind = "response",
    strict: bool = False,
    show_secrets: bool = False,
    max_errors: int = 20,
    max_depth: int = 64,
    max_record_bytes: int = MAX_RECORD_BYTES,
    max_har_bytes: int = MAX_HAR_BYTES,
) -> List[Dict[str, Any]]:
    """Checks every record of a capture (one JSON document, an NDJSON stream or a HAR file, as
    bytes): one dict per record, exactly the records ``metaaccess-account validate --format json``
    writes for the same bytes (``source`` is the name they carry)."""
    lines = _native.check_records(
        _bytes(data), source, input_format, api_version, kind, strict, show_secrets,
        max_errors, max_depth, max_record_bytes, max_har_bytes,
    )
    return [json.loads(line) for line in lines]


def detect(
    data: Document,
    *,
    source: str = "-",
    input_format: InputFormat = "auto",
    kind: Kind = "response",
    strict: bool = False,
    show_secrets: bool = False,
    max_depth: int = 64,
    max_record_bytes: int = MAX_RECORD_BYTES,
    max_har_bytes: int = MAX_HAR_BYTES,
) -> List[Dict[str, Any]]:
    """For every record of a capture, the versions that accept it, drift or reject it: the
    records ``metaaccess-account detect --format json`` writes."""
    lines = _native.detect_records(
        _bytes(data), source, input_format, kind, strict, show_secrets, max_depth, max_record_bytes, max_har_bytes
    )
    return [json.loads(line) for line in lines]


class ConversionError(ValueError):
    """The document could not be converted: its verdict says why."""

    def __init__(self, verdict: Verdict) -> None:
        reasons = "; ".join(f"{p.instance_path or '(document)'}: {p.message}" for p in verdict.errors)
        super().__init__(f"cannot convert this document ({verdict.status}): {reasons or verdict.note}")
        self.verdict = verdict


@dataclass(frozen=True)
class Conversion:
    """A converted response and what the conversion did."""

    document: Dict[str, Any]
    """The converted document, in documented field order. What the target version cannot hold
    (values to restore when converting back, missing values, undocumented members) travels in its
    ``$conversion`` member unless ``plain``: converting it back gives the original."""
    complete: bool
    from_version: str
    to_version: str
    report: Dict[str, Any] = field(repr=False)
    """``{"source", "locator", "from", "to", "outcome", "rules", "missing", "carried", "unknown"}``:
    the line the command line's ``--report`` writes (the rules by name, the pointers of what is
    missing or carried), secrets masked."""
    details: Optional[Dict[str, Any]] = field(repr=False, default=None)
    """The full report: every entry with its sentence, ``missing``/``carried``/``unknown`` with
    their values and reasons, secrets masked."""


def _convert(
    document: Document, to: str, direction: str, api_version: Optional[str], redact: bool, plain: bool,
    max_record_bytes: int,
) -> Conversion:
    results = _native.convert_records(
        _bytes(document), to, direction, "-", "json", api_version, redact, plain, False, max_record_bytes,
        refuse_over_limit=True,
    )
    converted, report, verdict, details = results[0]
    if converted is None or report is None:
        raise ConversionError(_verdict(json.loads(verdict or "{}")))
    rep = json.loads(report)
    full = json.loads(details) if details else None
    return Conversion(json.loads(converted), rep["outcome"] == "complete", rep["from"], rep["to"], rep, full)


def upgrade(
    document: Document,
    to: Optional[str] = None,
    *,
    api_version: Optional[str] = None,
    redact: bool = False,
    plain: bool = False,
    max_record_bytes: int = MAX_RECORD_BYTES,
) -> Conversion:
    """Converts a response to the same or a newer version (the latest by default), as
    ``metaaccess-account upgrade`` does. Raises :class:`ConversionError` when the document is not
    valid or drift, or is newer than ``to``."""
    return _convert(document, to or latest(), "upgrade", api_version, redact, plain, max_record_bytes)


def downgrade(
    document: Document,
    to: str,
    *,
    api_version: Optional[str] = None,
    redact: bool = False,
    plain: bool = False,
    max_record_bytes: int = MAX_RECORD_BYTES,
) -> Conversion:
    """Converts a response to the same or an older version ``to``, as
    ``metaaccess-account downgrade`` does (a ``$conversion`` member is read back)."""
    return _convert(document, to, "downgrade", api_version, redact, plain, max_record_bytes)


def versions() -> List[str]:
    """Every published version, oldest first."""
    return list(_native.versions())


def latest() -> str:
    """The newest version."""
    return str(_native.latest())


def _dir(version: str) -> str:
    v = version[1:] if version.startswith("v") else version
    if v not in versions():
        raise ValueError(f"unknown API version {version!r}; published: {', '.join(versions())}")
    return f"v{v}"


def _file(version: str, kind: str, dialect: str) -> str:
    if kind == "openapi":
        return "openapi.json"
    if kind not in ("response", "request"):
        raise ValueError(f"kind must be response, request or openapi, not {kind!r}")
    if dialect not in ("2020-12", "draft-07"):
        raise ValueError(f"dialect must be 2020-12 or draft-07, not {dialect!r}")
    infix = ".draft-07" if dialect == "draft-07" else ""
    return f"account-details.{kind}{infix}.schema.json"


@lru_cache(maxsize=1)
def _schema_files() -> Dict[str, str]:
    # Compiled into the native module: an installed package needs no data files.
    return dict(_native.schema_files())


def schema_text(version: str, kind: Union[Kind, Literal["openapi"]] = "response", dialect: Dialect = "2020-12") -> str:
    """The schema file as text, byte for byte the repository's ``schemas/`` file
    (``kind="openapi"`` for the OpenAPI document)."""
    name = f"{_dir(version)}/{_file(version, kind, dialect)}"
    try:
        return _schema_files()[name]
    except KeyError:
        raise LookupError(f"version {version} has no {kind} schema") from None


def schema(version: str, kind: Union[Kind, Literal["openapi"]] = "response", dialect: Dialect = "2020-12") -> Dict[str, Any]:
    """The schema of a version, kind and dialect, parsed."""
    return json.loads(schema_text(version, kind, dialect))


def _all_schemas() -> List[Dict[str, Any]]:
    files = _schema_files()
    return [json.loads(files[name]) for name in sorted(files) if name.endswith(".schema.json")]


def schema_ids() -> List[str]:
    """The ``$id`` of every packaged schema (``urn:metaaccess-account:vX.Y:...``)."""
    return [s["$id"] for s in _all_schemas()]


def registry() -> Any:
    """A ``referencing.Registry`` holding every packaged schema under its ``$id``, for
    ``jsonschema`` validators: ``Draft202012Validator({"$ref": id}, registry=registry())``."""
    from referencing import Registry, Resource

    return Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in _all_schemas())
