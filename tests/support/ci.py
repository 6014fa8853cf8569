"""The real parts some tests need (a PostgreSQL server, Chromium).

Outside CI a missing part skips the tests that need it; in CI (`CI` set) it fails them, so
nothing goes untested without anyone seeing it.
"""

import os

import pytest

IN_CI = bool(os.environ.get("CI"))


def skip_or_fail(reason: str):
    """Outside CI a missing real part skips; in CI it fails, so nothing is silently untested."""
    if IN_CI:
        pytest.fail(f"{reason} (CI must run these tests)", pytrace=False)
    pytest.skip(reason)
