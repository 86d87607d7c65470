"""Real stores built from the seed in temp folders: a cached one for reading and a fresh one for writing."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "shijingshan-incubator-work-plan-2023.txt"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture
def plans_folder(tmp_path, seed_path) -> Path:
    """A folder of four plans: the seed and three one-task plans (~40 characters each)."""
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "seed.txt").write_bytes(seed_path.read_bytes())
    for n in range(3):
        (folder / f"plan{n}.txt").write_text(f"某区第{n}号工作方案\n一、重点任务\n1.任务{n}。(责任单位:区科委、区财政局)\n",
                                              encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_doc():
    from loaders.parse import parse_document

    return parse_document(SEED)


@pytest.fixture(scope="session")
def seed_graph(seed_doc):
    from graph.build import build_graph

    return build_graph([seed_doc])


@pytest.fixture(scope="session")
def seed_store_path(tmp_path_factory, seed_graph, seed_doc) -> Path:
    from graph.store.ladybug import LadybugStore

    path = tmp_path_factory.mktemp("seedstore") / "graph.lbug"
    store = LadybugStore(path)
    store.write(seed_graph, [seed_doc.doc_id])
    store.close()
    return path


@pytest.fixture(scope="session")
def seed_store(seed_store_path):
    from graph.store.ladybug import LadybugStore

    store = LadybugStore(seed_store_path, read_only=True)
    yield store
    store.close()


@pytest.fixture
def fresh_store(tmp_path):
    from graph.store.ladybug import LadybugStore

    store = LadybugStore(tmp_path / "fresh.lbug")
    yield store
    store.close()


def run_cli(*args: str, env: dict | None = None, input_: str | None = None) -> subprocess.CompletedProcess:
    """Run `python -m graph …` as a user would."""
    full_env = {**os.environ, "COLUMNS": "200", **(env or {})}
    return subprocess.run([sys.executable, "-m", "graph", *args], cwd=ROOT, env=full_env, capture_output=True,
                          text=True, input=input_, timeout=300)


@pytest.fixture(scope="session")
def neo4j_server():
    """One local Neo4j 5 server for the session (skips locally without Java/Maven; fails under CI=true)."""
    import secrets

    from tests.servers import require_neo4j_or_skip
    from tools.neo4j.server import LocalNeo4j

    require_neo4j_or_skip()
    with LocalNeo4j(password="kg-" + secrets.token_hex(8)) as srv:
        yield srv
