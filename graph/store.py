"""The Store protocol every backend implements, settings read at the edges, and open_store()."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import networkx as nx

from loaders.errors import KgError

DEFAULT_STORE = "data/graph.lbug"
# (name, environment variable, default, help): the only place settings are declared
SETTINGS = [
    ("store", "KG_STORE", DEFAULT_STORE, "path of the embedded store file"),
    ("buffer_pool_mb", "KG_BUFFER_POOL_MB", "0", "page cache of the embedded store in MB (0: Ladybug decides)"),
    ("neo4j_uri", "NEO4J_URI", "", "bolt URI of a Neo4j 5 server; when set, Neo4j is the store"),
    ("neo4j_user", "NEO4J_USER", "neo4j", "Neo4j user"),
    ("neo4j_password", "NEO4J_PASSWORD", "", "Neo4j password"),
    ("neo4j_database", "NEO4J_DATABASE", "neo4j", "Neo4j database name"),
    ("console_timeout", "KG_CONSOLE_TIMEOUT", "10", "seconds an ad-hoc console query may run"),
    ("console_max_rows", "KG_CONSOLE_MAX_ROWS", "1000", "rows an ad-hoc console query may return"),
    ("console_memory_mb", "KG_CONSOLE_MEMORY_MB", "1024", "working memory in MB of the process an ad-hoc console "
     "query runs in"),
    ("console_enabled", "KG_CONSOLE", "1", "0 turns the ad-hoc Cypher console off (public deployments)"),
]
# numeric settings: (name, integer?, smallest allowed, what the value means); 0 never silently disables a limit
NUMBERS = {
    "buffer_pool_mb": (True, 0, "megabytes, 0 to let Ladybug decide"),
    "console_timeout": (False, 0.1, "seconds, at least 0.1"),
    "console_max_rows": (True, 1, "a whole number of rows, at least 1"),
    "console_memory_mb": (True, 128, "megabytes, at least 128"),
}


class SettingError(KgError):
    """An environment setting or option holds a value it cannot have."""


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
    console_memory_mb: str = "1024"
    console_enabled: str = "1"

    @classmethod
    def from_env(cls, **overrides: Any) -> "Settings":
        values = {name: os.environ.get(env, default) for name, env, default, _ in SETTINGS}
        values.update({k: v for k, v in overrides.items() if v is not None})
        settings = cls(**values)
        settings.validate()
        return settings

    def validate(self) -> None:
        """Raise SettingError naming the variable when a numeric setting is not a number in its range."""
        for name in NUMBERS:
            self.number(name)
        if not str(self.store).strip():
            raise SettingError("KG_STORE is empty: give the path of the store file, e.g. data/graph.lbug.")

    def number(self, name: str) -> int | float:
        integer, minimum, meaning = NUMBERS[name]
        env = next(e for n, e, _, _ in SETTINGS if n == name)
        raw = str(getattr(self, name)).strip()
        try:
            value = int(raw) if integer else float(raw)
        except ValueError:
            value = None
        if value is None or value != value or value in (float("inf"),) or value < minimum:
            raise SettingError(f"{env}={raw!r} is not valid: give {meaning}.")
        return value

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
    """The configured store; opened for reading, it is first checked against the model (graph/integrity.py), so a
    damaged store is reported, never shown."""
    from graph.integrity import check_integrity

    if settings.backend == "neo4j":
        from graph.neo4j_store import Neo4jStore

        store = Neo4jStore(settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password,
                           settings.neo4j_database)
        rebuild = ("delete its graph (MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS in cypher-shell) and "
                   f"load the documents again: python -m graph load PATH… --neo4j {settings.neo4j_uri}")
    else:
        from graph.ladybug_store import LadybugStore

        if settings.store == DEFAULT_STORE and not read_only:
            Path(DEFAULT_STORE).parent.mkdir(exist_ok=True)  # the project's own data/ folder, made on first load
        store = LadybugStore(settings.store, read_only=read_only,
                             buffer_pool_mb=settings.number("buffer_pool_mb"),
                             console_memory_mb=settings.number("console_memory_mb"))
        rebuild = f"delete {settings.store} and load the documents again: python -m graph load PATH… --store {settings.store}"
    if read_only:
        try:
            check_integrity(store.run, settings.describe(), rebuild)
        except BaseException:
            store.close()
            raise
    return store
