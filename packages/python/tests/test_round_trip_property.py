"""Property test of the conversion doors (issue #20): for generated valid documents of every
version older than the latest, the round trip through the Python package (upgrade to the latest,
then downgrade to the document's version) equals the round trip through the command-line tool's
pipe (`upgrade | downgrade`), document for document and field for field, and gives back the
original. METAACCESS_CLI is the command-line tool, as in test_package.py.

Hypothesis runs derandomized (the same examples on every run) and bounded.
"""

from __future__ import annotations

import json
import os
import subprocess

import pytest

import metaaccess_account as ma

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

CLI = os.environ.get("METAACCESS_CLI")
MAX_COUNT = 2**53 - 1

counts = st.one_of(st.integers(0, 1000), st.integers(0, MAX_COUNT), st.sampled_from([0, MAX_COUNT]))
# Any text JSON can carry (no lone surrogates: they cannot be written as UTF-8).
texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
emails = st.from_regex(r"\A[a-z0-9]{1,12}(\.[a-z0-9]{1,8})?@[a-z]{1,10}\.(com|org|io)\Z")


@st.composite
def date_times(draw):
    d = draw(st.datetimes(min_value=__import__("datetime").datetime(1970, 1, 1),
                          max_value=__import__("datetime").datetime(2099, 12, 31)))
    text = d.strftime("%Y-%m-%dT%H:%M:%S")
    if draw(st.booleans()):
        text += "." + str(draw(st.integers(0, 999999))).zfill(draw(st.integers(1, 6)))[:6]
    return text + draw(st.sampled_from(["Z", "+00:00", "-05:30", "+14:00"]))


def breakdown(names):
    """A 3.1 list of {name: enum value, number_of_devices}: any values, any order, repeats."""
    key, values = names
    return st.lists(st.fixed_dictionaries({key: st.sampled_from(values), "number_of_devices": counts}),
                    max_size=6)


@st.composite
def older_documents(draw):
    """(version, document): a valid response of a version older than the latest."""
    version = draw(st.sampled_from([v for v in ma.versions() if v != ma.latest()]))
    doc = {"name": draw(texts), "email": draw(emails), "last_login": draw(date_times()),
           "date_created": draw(date_times()), "devices_allowed": draw(counts),
           "devices_used": draw(counts)}
    if version == "2.0":
        doc["devices_uncompliant"] = draw(counts)
        for optional in ("devices_critical", "devices_issues"):
            if draw(st.booleans()):
                doc[optional] = draw(counts)
    elif version == "3.0":
        for name in ("devices_uncompliant", "devices_critical", "devices_issues", "devices_unknown"):
            doc[name] = draw(counts)
        if draw(st.booleans()):
            doc["license_key"] = draw(texts)
    else:
        doc["devices_by_status"] = draw(breakdown(("status", ["compliant", "non-compliant", "exempted", "unknown"])))
        doc["devices_by_issue_severity"] = draw(breakdown(("severity", ["critical", "warning", "no_issue"])))
        doc["devices_by_vulnerability_severity"] = draw(
            breakdown(("severity", ["critical", "important", "moderate", "low", "unknown"])))
        doc["license_key"] = draw(texts)
    # Members in any order: the documented order is the converters' to restore.
    order = draw(st.permutations(list(doc)))
    return version, {k: doc[k] for k in order}


def cli(args, data):
    out = subprocess.run([CLI, *args, "--input-format", "json", "--format", "json", "-"], input=data,
                         capture_output=True, check=False, timeout=60)
    assert out.returncode == 0, (args, out.stderr.decode("utf-8", "replace"))
    # Split at line feeds only: str.splitlines() would also cut at U+0085, U+2028 ..., which
    # JSON text carries unescaped.
    lines = out.stdout.decode("utf-8").split("\n")[:-1]
    assert len(lines) == 1, lines
    return lines[0]


@pytest.mark.skipif(not CLI, reason="METAACCESS_CLI not set")
@settings(max_examples=120, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(older_documents())
def test_round_trip_through_python_equals_the_cli_pipe(case):
    version, doc = case
    data = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    assert ma.validate(data, version).status == "valid", ma.validate(data, version)

    up = ma.upgrade(data, api_version=version)
    down = ma.downgrade(up.document, version)

    cli_up = cli(["upgrade", "--api-version", version], data)
    cli_down = cli(["downgrade", "--to", version], cli_up.encode("utf-8"))

    # The same documents at each step, members in the same order.
    assert json.loads(cli_up) == up.document
    assert list(json.loads(cli_up)) == list(up.document)
    assert json.loads(cli_down) == down.document
    assert list(json.loads(cli_down)) == list(down.document)
    # And the round trip is faithful: the original, in documented order.
    assert down.document == doc
