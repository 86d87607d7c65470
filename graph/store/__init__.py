"""The Store protocol every backend implements, and open_store(settings) to get one."""
from __future__ import annotations

from pathlib import Path
from typing import Protocol

import networkx as nx

from graph.settings import Settings

class Store(Protocol):
    """What the CLI, the app and the tests need of a backend."""

    def write(self, graph: nx.MultiDiGraph, documents: list[str], *, consume: bool = False) -> None:
        """Replace the given documents' subgraphs with those in `graph`, atomically. consume=True: `graph` is
        emptied once its rows are sent, so its memory is free before the commit (a load's batches)."""

    def run(self, cypher: str, params: dict | None = None) -> list[dict]:
        """Run a trusted stored question; values only as parameters."""

    def run_readonly(self, cypher: str, params: dict | None = None, *, timeout_s: float = 10,
                     max_rows: int = 1000) -> tuple[list[dict], bool]:
        """Run untrusted console Cypher that may only read the graph; returns (rows, truncated)."""

    def counts(self) -> dict[str, int]:
        """Nodes per label and relationships per type."""

    def close(self) -> None: ...

    def __enter__(self) -> "Store": ...

    def __exit__(self, *exc) -> None: ...


DEFAULT_STORE = "data/graph.lbug"


def open_store(settings: Settings, *, read_only: bool = False) -> Store:
    """The configured store; opened for reading, it is first checked against the model (graph/store/integrity.py),
    so a damaged store is reported, never shown."""
    from graph.store.integrity import check_integrity

    if settings.backend == "neo4j":
        from graph.store.neo4j import Neo4jStore

        store = Neo4jStore(settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password,
                           settings.neo4j_database)
        rebuild = ("delete its graph (MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS in cypher-shell) and "
                   f"load the documents again: python -m graph load PATH… --neo4j {settings.neo4j_uri}")
        reload = f"python -m graph load PATH… --neo4j {settings.neo4j_uri}"
    else:
        from graph.store.ladybug import LadybugStore

        if settings.store == DEFAULT_STORE and not read_only:
            Path(DEFAULT_STORE).parent.mkdir(exist_ok=True)  # the project's own data/ folder, made on first load
        store = LadybugStore(settings.store, read_only=read_only, buffer_pool_mb=settings.buffer_pool_mb,
                             console_memory_mb=settings.console_memory_mb)
        rebuild = (f"delete {settings.store} and load the documents again: python -m graph load PATH… "
                   f"--store {settings.store}")
        reload = f"python -m graph load PATH… --store {settings.store}"
    if read_only:
        try:
            check_integrity(store.run, settings.describe(), rebuild, reload)
        except BaseException:
            store.close()
            raise
    return store
