"""Short form <-> full name of a unit; the table itself is data (loaders/data/aliases.csv), users extend it."""
from __future__ import annotations

import csv
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


@lru_cache(maxsize=8)
def _load(path: str, mtime: float) -> AliasTable:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = [(r["canonical"].strip(), r["alias"].strip(), (r.get("jurisdiction") or "").strip())
                for r in csv.DictReader(fh) if r.get("canonical") and r.get("alias")]
    return AliasTable(rows)


def load_alias_table(path: str | Path | None = None) -> AliasTable:
    """The alias table at `path` (the CLI passes KG_ALIASES), else the built-in one."""
    p = Path(path) if path else DEFAULT_TABLE
    if not p.is_file():
        from loaders.errors import KgError

        raise KgError(f"Alias table {p} not found; set KG_ALIASES to a CSV with columns "
                      "canonical,alias,jurisdiction or unset it to use the built-in table.")
    return _load(str(p), p.stat().st_mtime)


def jurisdiction_of(full_name: str) -> str:
    """The place prefix of an official name: 北京市石景山区科学技术委员会 -> 北京市石景山区."""
    name = re.sub(r"^中共", "", full_name)
    m = _JURISDICTION.match(name)
    return m.group(1) if m else ""


# ---- merging units written differently across documents -------------------------------------------------------

_PLACE_PREFIX = re.compile(r"^(?:中共)?(?:[\u4e00-\u9fff]{2,7}?(?:省|自治区|市))?(?:[\u4e00-\u9fff]{1,6}?(?:区|县|旗))?")
_SHORT_FORMS = [  # full form -> the short form official lists use
    ("管理委员会", "管委会"), ("科学技术委员会", "科委"), ("委员会", "委"), ("人民政府", "政府"), ("办公室", "办"), ("人力资源和社会保障", "人力资源社会保障"),
    ("发展和改革", "发展改革"), ("经济和信息化", "经济信息化"), ("住房和城乡建设", "住房城乡建设"),
    ("住房和城市建设", "住房城市建设"), ("文化和旅游", "文化旅游"), ("科学技术", "科技"), ("市场监督管理", "市场监管"),
    ("国有资产监督管理", "国资"), ("中华人民共和国", ""),
]


def unit_key(name: str) -> str:
    """A comparison key: place prefix (北京市石景山区, 区, 市) dropped, full forms shortened, 和 removed."""
    key = re.sub(r"\s", "", name)
    if key.startswith("各"):
        return key.replace("和", "")
    for full, short in _SHORT_FORMS:
        key = key.replace(full, short)
    stripped = _PLACE_PREFIX.sub("", key, count=1)
    if len(stripped) >= 2:
        key = stripped
    key = re.sub(r"^(?:区|市|县|省)(?=[\u4e00-\u9fff]{2,})", "", key)
    key = key.replace("和", "")
    return key


def unit_scope(name: str, jurisdiction: str = "") -> str:
    """The place a unit belongs to, as its last component (石景山区): from its own prefix, else from the document's
    jurisdiction for a relative name (区科委), else '' (a national body)."""
    place = jurisdiction_of(name) if not name.startswith("各") else ""
    if not place and re.match(r"^(?:区|市|县|省)[\u4e00-\u9fff]", name):
        place = jurisdiction
    parts = re.findall(r"[\u4e00-\u9fff]+?(?:省|自治区|市|区|县|旗)", place)
    return parts[-1] if parts else ""


def edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


@dataclass
class Merge:
    canonical: str
    names: list[str]
    how: str  # "alias table" | "normalisation"


@dataclass
class NearMatch:
    a: str
    b: str
    why: str


def _table_keys(table: AliasTable) -> dict[str, str]:
    """Normalised key of every name the table knows -> its canonical name."""
    keys = getattr(table, "_normalised", None)
    if keys is None:
        keys = {}
        for canonical, alias, scope in table.rows:
            for written in (canonical, alias):
                keys.setdefault(unit_scope(written, scope) + "|" + unit_key(written), canonical)
        table._normalised = keys
    return keys


def unit_identity(name: str, jurisdiction: str, table: AliasTable) -> tuple[str, str | None, str]:
    """(identity key, canonical name if the table knows the unit, how): one bureau per identity key.

    The table first (区科委 in 北京市石景山区), then the table through normalisation (石景山区科委 -> 区科委's row), then
    normalisation alone (北京市石景山区金融办 and 区金融办 in a 石景山区 plan are one unit)."""
    canonical = table.resolve(name, jurisdiction)
    if canonical:
        return "T:" + canonical, canonical, "alias table"
    canonical = _table_keys(table).get(unit_scope(name, jurisdiction) + "|" + unit_key(name))
    if canonical:
        return "T:" + canonical, canonical, "alias table + normalisation"
    return "N:" + unit_scope(name, jurisdiction) + "|" + unit_key(name), None, "normalisation"


def alias_report(names: list[tuple[str, str]], table: AliasTable | None = None) -> tuple[list[Merge], list[NearMatch]]:
    """(units as written, jurisdiction) -> the merges made and the near-matches left for a person to confirm."""
    table = table or load_alias_table()
    groups: dict[str, set[str]] = {}
    how: dict[str, str] = {}
    for name, place in names:
        key, _, method = unit_identity(name, place, table)
        if how.get(key) != "alias table + normalisation":
            how[key] = method if key not in how or method != "alias table" else how[key]
        groups.setdefault(key, set()).add(name)
    merges = []
    for key, members in sorted(groups.items()):
        canonical = key[2:] if key.startswith("T:") else max(members, key=len)
        if len(members) > 1 or (key.startswith("T:") and canonical not in members):
            merges.append(Merge(canonical, sorted(members), how[key]))
    # near-matches between groups that were not merged
    reps = {key: (key[2:] if key.startswith("T:") else max(m, key=len)) for key, m in groups.items()}
    keys = sorted(groups)
    near = []
    for i, ka in enumerate(keys):
        for kb in keys[i + 1:]:
            a, b = unit_key(reps[ka]), unit_key(reps[kb])
            if min(len(a), len(b)) < 3:
                continue
            if a in b or b in a:
                near.append(NearMatch(reps[ka], reps[kb], "one name contains the other"))
            elif edit_distance(a, b) <= max(1, min(len(a), len(b)) // 4):
                near.append(NearMatch(reps[ka], reps[kb], f"edit distance {edit_distance(a, b)}"))
    return merges, near
