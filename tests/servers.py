"""For tests: the local Neo4j server, or a skip (locally) / a failure (CI=true) saying how to enable it."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tools.neo4j.server import Neo4jServerError, _launcher_classes, fetch_jars


def require_neo4j_or_skip() -> Path:
    """Return the jar folder, or skip (locally) / fail (CI=true) if it can't be had."""
    try:
        lib = fetch_jars()
        _launcher_classes(lib)
        return lib
    except Neo4jServerError as e:
        msg = (f"Neo4j server tests cannot run: {e}\n"
               "To enable them install Java 17 (JDK) and Maven, e.g. apt-get install openjdk-17-jdk-headless maven")
    # Outside the except block so the report shows the message, not a chained traceback.
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(msg, pytrace=False)
    pytest.skip(msg)
