"""The settings table (name, environment variable, type, default, help), read at the edges: the CLI and the app."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from loaders.errors import KgError

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class SettingError(KgError):
    """An environment variable holds a value its setting cannot take."""


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    type: type
    default: Any
    help: str
    minimum: float | None = None  # numbers: the smallest value allowed

    def parse(self, raw: str) -> Any:
        """The typed value of a string given in the environment (or on the command line)."""
        text = raw.strip()
        if self.type is str:
            return raw
        if self.type is bool:
            if text.lower() in _TRUE | _FALSE:
                return text.lower() in _TRUE
            raise SettingError(f"{self.env}={raw!r}: write 1 or 0 (on/off). {self.help}.")
        if self.type in (int, float):
            try:
                value = self.type(text)
            except ValueError:
                kind = "a whole number" if self.type is int else "a number"
                raise SettingError(f"{self.env}={raw!r} is not {kind}; {self.help} (default {self.default}).") from None
            if self.minimum is not None and value < self.minimum:
                raise SettingError(f"{self.env}={raw!r} is below {self.minimum:g}; {self.help} "
                                   f"(default {self.default}).")
            return value
        return text


SETTINGS = (
    Setting("store", "KG_STORE", str, "data/graph.lbug", "path of the embedded store file"),
    Setting("buffer_pool_mb", "KG_BUFFER_POOL_MB", int, 0, "page cache of the embedded store in MB (0: Ladybug "
            "decides)", minimum=0),
    Setting("neo4j_uri", "NEO4J_URI", str, "", "bolt URI of a Neo4j 5 server; when set, Neo4j is the store"),
    Setting("neo4j_user", "NEO4J_USER", str, "neo4j", "Neo4j user"),
    Setting("neo4j_password", "NEO4J_PASSWORD", str, "", "Neo4j password"),
    Setting("neo4j_database", "NEO4J_DATABASE", str, "neo4j", "Neo4j database name"),
    Setting("console_timeout", "KG_CONSOLE_TIMEOUT", float, 10.0, "seconds an ad-hoc console query may run",
            minimum=0.1),
    Setting("console_max_rows", "KG_CONSOLE_MAX_ROWS", int, 1000, "rows an ad-hoc console query may return",
            minimum=1),
    Setting("console_memory_mb", "KG_CONSOLE_MEMORY_MB", int, 1024, "working memory in MB of the process an ad-hoc "
            "console query runs in", minimum=128),
    Setting("console_enabled", "KG_CONSOLE", bool, True, "0 turns the ad-hoc Cypher console off (public "
            "deployments)"),
    Setting("aliases", "KG_ALIASES", str, "", "alias table CSV (canonical,alias,jurisdiction) used instead of "
            "loaders/data/aliases.csv"),
    Setting("edit_password", "KG_EDIT_PASSWORD", str, "", "hash of the viewer's edit password for the 督办 ledger "
            "(python -m graph ledger hash-password); empty: the viewer cannot edit"),
    Setting("workers", "KG_WORKERS", int, 0, "processes that parse documents in load, export and extract (0: one "
            "per core; 1: parse in the command's own process)", minimum=0),
)
_BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(frozen=True)
class Settings:
    store: str = "data/graph.lbug"
    buffer_pool_mb: int = 0
    neo4j_uri: str = ""
    neo4j_user: str = "neo4j"
    neo4j_password: str = ""
    neo4j_database: str = "neo4j"
    console_timeout: float = 10.0
    console_max_rows: int = 1000
    console_memory_mb: int = 1024
    console_enabled: bool = True
    aliases: str = ""
    edit_password: str = ""
    workers: int = 0

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, **overrides: Any) -> "Settings":
        """Settings from the environment, then `overrides` (None: not given); a bad value names its variable."""
        env = os.environ if env is None else env
        values = {s.name: s.parse(env[s.env]) for s in SETTINGS if env.get(s.env, "") != ""}
        for name, value in overrides.items():
            if value is not None:
                values[name] = _BY_NAME[name].parse(value) if isinstance(value, str) else value
        if "store" in values and not values["store"].strip():
            raise SettingError("KG_STORE is empty: give the path of the store file, e.g. data/graph.lbug.")
        return cls(**values)

    @property
    def backend(self) -> str:
        return "neo4j" if self.neo4j_uri else "ladybug"

    def describe(self) -> str:
        """Where the store is, never with a password."""
        if self.backend == "neo4j":
            return f"Neo4j {self.neo4j_uri} (database {self.neo4j_database}, user {self.neo4j_user})"
        return f"embedded Ladybug store {Path(self.store)}"

    def alias_table(self):
        from loaders.aliases import load_alias_table

        return load_alias_table(self.aliases or None)

