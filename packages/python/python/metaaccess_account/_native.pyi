"""Type stubs of the native module (Rust, pyo3). Use the wrappers in ``metaaccess_account``."""

from typing import List, Optional, Tuple

_RawVerdict = Tuple[str, str, Optional[str], List[str], List[Tuple[str, str]], int, Optional[str]]

__version__: str

def validate(
    document: bytes,
    api_version: Optional[str] = None,
    kind: str = "response",
    strict: bool = False,
    show_secrets: bool = False,
    max_errors: int = 20,
    max_depth: int = 64,
) -> _RawVerdict: ...
def convert(
    document: bytes,
    to: str,
    api_version: Optional[str] = None,
    redact: bool = False,
    show_secrets: bool = False,
) -> Tuple[_RawVerdict, Optional[str], Optional[str]]: ...
def versions() -> List[str]: ...
def latest() -> str: ...
