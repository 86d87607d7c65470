"""Short form <-> full name of a unit; the table itself is data (loaders/data/aliases.csv), users extend it."""
from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DEFAULT_TABLE = Path(__file__).parent / "data" / "aliases.csv"
_JURISDICTION = re.compile(r"^((?:[\u4e00-\u9fff]{2,7}?(?:省|自治区|市))?(?:[\u4e00-\u9fff]{1,6}?(?:区|县|旗))?)")


@dataclass
class AliasTable:
    """Rows of (canonical, alias, jurisdiction); an empty jurisdiction applies everywhere."""

    rows: list[tuple[str, str, str]] = field(default_factory=list)

    def __post_init__(self):
        self._by_alias: dict[str, list[tuple[str, str]]] = {}
        self.canonical_names = set()
        for canonical, alias, scope in self.rows:
            self._by_alias.setdefault(alias, []).append((canonical, scope))
            self._by_alias.setdefault(canonical, []).append((canonical, ""))
            self.canonical_names.add(canonical)

    def resolve(self, name: str, jurisdiction: str = "") -> str | None:
        """The canonical name of `name` as written in a document of `jurisdiction`, if the table knows it."""
        best = None
        for canonical, scope in self._by_alias.get(name, ()):
            if scope and jurisdiction and (jurisdiction == scope or jurisdiction.endswith(scope)):
                return canonical
            if not scope:
                best = best or canonical
        return best

    def aliases_of(self, canonical: str) -> list[str]:
        return sorted({alias for c, alias, _ in self.rows if c == canonical})

    def short_name(self, canonical: str) -> str:
        """The first alias listed for a unit is its preferred short form."""
        return next((alias for c, alias, _ in self.rows if c == canonical), canonical)

    def scope_of(self, canonical: str) -> str:
        return next((scope for c, _, scope in self.rows if c == canonical and scope), "")


def alias_table_path() -> Path:
    return Path(os.environ.get("KG_ALIASES", DEFAULT_TABLE))


@lru_cache(maxsize=8)
def _load(path: str, mtime: float) -> AliasTable:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = [(r["canonical"].strip(), r["alias"].strip(), (r.get("jurisdiction") or "").strip())
                for r in csv.DictReader(fh) if r.get("canonical") and r.get("alias")]
    return AliasTable(rows)


def load_alias_table(path: str | Path | None = None) -> AliasTable:
    p = Path(path) if path else alias_table_path()
    return _load(str(p), p.stat().st_mtime)


def jurisdiction_of(full_name: str) -> str:
    """The place prefix of an official name: 北京市石景山区科学技术委员会 -> 北京市石景山区."""
    name = re.sub(r"^中共", "", full_name)
    m = _JURISDICTION.match(name)
    return m.group(1) if m else ""
