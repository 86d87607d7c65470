"""The Store protocol every backend implements, and open_store(settings) to get one."""
from __future__ import annotations

from typing import Protocol

import networkx as nx

from graph.settings import Settings

class Store(Protocol):
    """What the CLI, the app and the tests need of a backend."""

    def write(self, graph: nx.MultiDiGraph, documents: list[str]) -> None:
        """Replace the given documents' subgraphs with those in `graph`, atomically."""

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


def open_store(settings: Settings, *, read_only: bool = False) -> Store:
    if settings.backend == "neo4j":
        from graph.store.neo4j import Neo4jStore

        return Neo4jStore(settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password,
                          settings.neo4j_database)
    from graph.store.ladybug import LadybugStore

    return LadybugStore(settings.store, read_only=read_only, buffer_pool_mb=settings.buffer_pool_mb)
