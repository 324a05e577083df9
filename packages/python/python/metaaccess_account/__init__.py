"""OPSWAT MetaAccess Account Details API: schemas, a native validator and version conversion.

The validator is the Rust verdict library of the ``metaaccess-account`` project, compiled into
this package: the same verdicts, JSON pointers and secret masking as the
``metaaccess-account validate`` command.

>>> import metaaccess_account as ma
>>> ma.validate(b'{"score_type": "cvss3_score"}', kind="request").status
'valid'
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Dict, List, Literal, Optional, Tuple, Union

from . import _native

__all__ = [
    "ConversionError",
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


def _verdict(raw: Tuple[Any, ...]) -> Verdict:
    status, kind, api_version, also, errors, more, note = raw
    return Verdict(status, kind, api_version, tuple(also), tuple(Problem(p, m) for p, m in errors), more, note)


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
) -> Verdict:
    """Validates one document: bytes or text of JSON (checked as untrusted input: duplicate keys,
    ``-0``, a byte order mark, ... are invalid), or an already parsed ``dict``.

    ``api_version`` is a version (``"3.2"``, ``"v3.2"``) or ``None``/``"auto"`` to detect it.
    Messages never show a secret unless ``show_secrets``.
    """
    return _verdict(
        _native.validate(_bytes(document), api_version, kind, strict, show_secrets, max_errors, max_depth)
    )


class ConversionError(ValueError):
    """The document could not be converted: its verdict says why."""

    def __init__(self, verdict: Verdict) -> None:
        reasons = "; ".join(f"{p.instance_path or '(document)'}: {p.message}" for p in verdict.errors)
        super().__init__(f"cannot convert a {verdict.status} document: {reasons or verdict.note}")
        self.verdict = verdict


@dataclass(frozen=True)
class Conversion:
    """A converted response and what the conversion did."""

    document: Dict[str, Any]
    """The converted document, in documented field order (partial ones lack what is missing)."""
    complete: bool
    from_version: str
    to_version: str
    report: Dict[str, Any] = field(repr=False)
    """``{"from", "to", "outcome", "missing", "carried", "report"}`` as the CLI's ``--report``."""
    verdict: Verdict = field(repr=False, default=None)  # type: ignore[assignment]


def _convert(document: Document, to: str, api_version: Optional[str], redact: bool) -> Conversion:
    raw, converted, report = _native.convert(_bytes(document), to, api_version, redact)
    verdict = _verdict(raw)
    if converted is None or report is None:
        raise ConversionError(verdict)
    rep = json.loads(report)
    return Conversion(json.loads(converted), rep["outcome"] == "complete", rep["from"], rep["to"], rep, verdict)


def upgrade(
    document: Document, to: Optional[str] = None, *, api_version: Optional[str] = None, redact: bool = False
) -> Conversion:
    """Converts a response to a newer version (the latest by default). Raises
    :class:`ConversionError` when the document is not valid or drift."""
    return _convert(document, to or latest(), api_version, redact)


def downgrade(
    document: Document, to: str, *, api_version: Optional[str] = None, redact: bool = False
) -> Conversion:
    """Converts a response to an older version ``to``."""
    return _convert(document, to, api_version, redact)


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


def schema_text(version: str, kind: Union[Kind, Literal["openapi"]] = "response", dialect: Dialect = "2020-12") -> str:
    """The packaged schema file as text (``kind="openapi"`` for the OpenAPI document)."""
    path = resources.files(__name__).joinpath("schemas", _dir(version), _file(version, kind, dialect))
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LookupError(f"version {version} has no {kind} schema") from None


def schema(version: str, kind: Union[Kind, Literal["openapi"]] = "response", dialect: Dialect = "2020-12") -> Dict[str, Any]:
    """The packaged schema of a version, kind and dialect, parsed."""
    return json.loads(schema_text(version, kind, dialect))


def _all_schemas() -> List[Dict[str, Any]]:
    out = []
    root = resources.files(__name__).joinpath("schemas")
    for vdir in sorted(root.iterdir(), key=lambda p: p.name):
        for f in sorted(vdir.iterdir(), key=lambda p: p.name):
            if f.name.endswith(".schema.json"):
                out.append(json.loads(f.read_text(encoding="utf-8")))
    return out


def schema_ids() -> List[str]:
    """The ``$id`` of every packaged schema (``urn:metaaccess-account:vX.Y:...``)."""
    return [s["$id"] for s in _all_schemas()]


def registry() -> Any:
    """A ``referencing.Registry`` holding every packaged schema under its ``$id``, for
    ``jsonschema`` validators: ``Draft202012Validator({"$ref": id}, registry=registry())``."""
    from referencing import Registry, Resource

    return Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in _all_schemas())
