"""The Store protocol every backend implements, settings read at the edges, and open_store()."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import networkx as nx

# (name, environment variable, default, help): the only place settings are declared
SETTINGS = [
    ("store", "KG_STORE", "data/graph.lbug", "path of the embedded store file"),
    ("buffer_pool_mb", "KG_BUFFER_POOL_MB", "0", "page cache of the embedded store in MB (0: Ladybug decides)"),
    ("neo4j_uri", "NEO4J_URI", "", "bolt URI of a Neo4j 5 server; when set, Neo4j is the store"),
    ("neo4j_user", "NEO4J_USER", "neo4j", "Neo4j user"),
    ("neo4j_password", "NEO4J_PASSWORD", "", "Neo4j password"),
    ("neo4j_database", "NEO4J_DATABASE", "neo4j", "Neo4j database name"),
    ("console_timeout", "KG_CONSOLE_TIMEOUT", "10", "seconds an ad-hoc console query may run"),
    ("console_max_rows", "KG_CONSOLE_MAX_ROWS", "1000", "rows an ad-hoc console query may return"),
    ("console_enabled", "KG_CONSOLE", "1", "0 turns the ad-hoc Cypher console off (public deployments)"),
]


@dataclass
class Settings:
    store: str = "data/graph.lbug"
    buffer_pool_mb: str = "0"
    neo4j_uri: str = ""
    neo4j_user: str = "neo4j"
    neo4j_password: str = ""
    neo4j_database: str = "neo4j"
    console_timeout: str = "10"
    console_max_rows: str = "1000"
    console_enabled: str = "1"

    @classmethod
    def from_env(cls, **overrides: Any) -> "Settings":
        values = {name: os.environ.get(env, default) for name, env, default, _ in SETTINGS}
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    @property
    def backend(self) -> str:
        return "neo4j" if self.neo4j_uri else "ladybug"

    def describe(self) -> str:
        """Where the store is, never with a password."""
        if self.backend == "neo4j":
            return f"Neo4j {self.neo4j_uri} (database {self.neo4j_database}, user {self.neo4j_user})"
        return f"embedded Ladybug store {Path(self.store)}"


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


def open_store(settings: Settings, *, read_only: bool = False) -> Store:
    if settings.backend == "neo4j":
        from graph.store.neo4j import Neo4jStore

        return Neo4jStore(settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password,
                          settings.neo4j_database)
    from graph.store.ladybug import LadybugStore

    return LadybugStore(settings.store, read_only=read_only, buffer_pool_mb=int(settings.buffer_pool_mb))
