"""Stored questions (queries/*.cypher) and lookups (queries/lookups/*.cypher): one statement per file, a header
naming it, its parameters and its columns; run_question and run_lookup are how every caller runs one."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import queries
from graph.errors import QueryError

QUERIES_DIR = Path(queries.__file__).resolve().parent
LOOKUPS_DIR = QUERIES_DIR / "lookups"  # what the viewer and the CLI read to fill pickers, tables and summaries
_HEADER = re.compile(r"^//\s*(zh|en|param|returns|ids|unordered):\s*(.*)$")
_PARAM = re.compile(r"^(\w+)\s*=\s*(\"\"|\S+)\s*(?:—|--|-)\s*(.*)$")
_NAMED = re.compile(r"\$(\w+)")


@dataclass
class Param:
    name: str
    example: str
    help: str

    @property
    def is_int(self) -> bool:
        return self.example.lstrip("-").isdigit()

    @property
    def default(self):
        """Parameters whose example is "" are optional and default to ""."""
        return "" if self.example == '""' else None

    def convert(self, value: str):
        if self.is_int:
            try:
                return int(value)
            except ValueError:
                raise QueryError(f"Parameter '{self.name}' must be a whole number, e.g. {self.example}.") from None
        return value


@dataclass
class Question:
    name: str
    zh: str
    en: str
    params: list[Param]
    returns: list[str]
    cypher: str
    path: Path
    unordered: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)  # columns after `returns` holding the ids of the nodes it names

    def named_parameters(self) -> set[str]:
        """The $names the body uses (comments and strings excluded)."""
        body = re.sub(r"'[^']*'|\"[^\"]*\"", "", "\n".join(l for l in self.cypher.splitlines()
                                                           if not l.strip().startswith("//")))
        return set(_NAMED.findall(body))

    def bind(self, given: dict[str, str]) -> dict:
        """Check and convert user-given parameters; a clear error names what is missing or unknown."""
        known = {p.name: p for p in self.params}
        unknown = set(given) - set(known)
        if unknown:
            raise QueryError(f"'{self.name}' has no parameter {', '.join(sorted(unknown))}; "
                             f"it takes: {self.usage() or 'no parameters'}.")
        values = {}
        for p in self.params:
            if p.name in given:
                values[p.name] = p.convert(given[p.name])
            elif p.default is not None:
                values[p.name] = p.default
            else:
                raise QueryError(f"'{self.name}' needs --param {p.name}=… ({p.help}), e.g. "
                                 f"python -m graph ask {self.name} --param {p.name}={p.example}")
        return values

    def usage(self) -> str:
        return " ".join(f"{p.name}={p.example}" for p in self.params)

    @property
    def ordered(self) -> bool:
        return bool(re.search(r"\bORDER\s+BY\b", self.cypher, re.I))


def parse_question(path: Path) -> Question:
    text = path.read_text(encoding="utf-8")
    meta: dict[str, list[str]] = {"zh": [], "en": [], "param": [], "returns": [], "ids": [], "unordered": []}
    body = []
    for line in text.splitlines():
        m = _HEADER.match(line.strip())
        if m:
            meta[m.group(1)].append(m.group(2).strip())
        elif not line.strip().startswith("//"):
            body.append(line)
    params = []
    for spec in meta["param"]:
        pm = _PARAM.match(spec)
        if not pm:
            raise QueryError(f"{path}: bad param header '{spec}'; write: // param: name = example — help")
        params.append(Param(pm.group(1), pm.group(2), pm.group(3)))
    returns = [c.strip() for c in ",".join(meta["returns"]).split(",") if c.strip()]
    unordered = [c.strip() for c in ",".join(meta["unordered"]).split(",") if c.strip()]
    ids = [c.strip() for c in ",".join(meta["ids"]).split(",") if c.strip()]
    return Question(path.stem, " ".join(meta["zh"]), " ".join(meta["en"]), params, returns,
                    "\n".join(body).strip(), path, unordered, ids)


def load_questions(folder: Path = QUERIES_DIR) -> dict[str, Question]:
    return {p.stem: parse_question(p) for p in sorted(folder.glob("*.cypher"))}


def get_question(name: str, folder: Path = QUERIES_DIR) -> Question:
    questions = load_questions(folder)
    if name not in questions:
        close = [n for n in questions if name.lower() in n or n in name.lower()]
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        raise QueryError(f"No stored question '{name}'.{hint} List them with: python -m graph ask --list")
    return questions[name]


def run_question(store, name: str, given: dict[str, str] | None = None) -> tuple[Question, list[dict]]:
    """Run a stored question by name with user-given (string) parameters, checked and converted."""
    q = get_question(name)
    return q, store.run(q.cypher, q.bind(given or {}))


def run_lookup(store, name: str, params: dict | None = None) -> list[dict]:
    """Run a lookup (queries/lookups/<name>.cypher) with typed parameters."""
    return store.run(_lookup(name).cypher, params or {})


@lru_cache(maxsize=None)
def _lookup(name: str) -> Question:
    path = LOOKUPS_DIR / f"{name}.cypher"
    if not path.is_file():
        raise QueryError(f"No lookup '{name}' in {LOOKUPS_DIR}.")
    return parse_question(path)
