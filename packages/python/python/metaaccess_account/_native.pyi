"""Type stubs of the native module (Rust, pyo3). Use the wrappers in ``metaaccess_account``."""

from typing import List, Optional, Tuple

__version__: str

def check_records(
    data: bytes,
    source: str = "-",
    input_format: str = "auto",
    api_version: Optional[str] = None,
    kind: str = "response",
    strict: bool = False,
    show_secrets: bool = False,
    max_errors: int = 20,
    max_depth: int = 64,
    max_record_bytes: int = 16777216,
    max_har_bytes: int = 536870912,
    refuse_over_limit: bool = False,
) -> List[str]: ...
def detect_records(
    data: bytes,
    source: str = "-",
    input_format: str = "auto",
    kind: str = "response",
    strict: bool = False,
    show_secrets: bool = False,
    max_depth: int = 64,
    max_record_bytes: int = 16777216,
    max_har_bytes: int = 536870912,
) -> List[str]: ...
def convert_records(
    data: bytes,
    to: str,
    direction: Optional[str] = None,
    source: str = "-",
    input_format: str = "auto",
    api_version: Optional[str] = None,
    redact: bool = False,
    plain: bool = False,
    show_secrets: bool = False,
    max_record_bytes: int = 16777216,
    max_har_bytes: int = 536870912,
    refuse_over_limit: bool = False,
) -> List[Tuple[Optional[str], Optional[str], Optional[str], Optional[str]]]: ...
def schema_files() -> List[Tuple[str, str]]: ...
def versions() -> List[str]: ...
def latest() -> str: ...
