"""Stored questions (queries/*.cypher) and lookups (queries/lookups/*.cypher), run whole or a page at a time."""
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
_UNION = re.compile(r"\bUNION\s+ALL\b", re.I)
_RETURN = re.compile(r"\bRETURN\b", re.I)
_ORDER = re.compile(r"\bORDER\s+BY\b", re.I)
DEFAULT_PAGE = 50  # rows on a page of the CLI, the viewer and the bench


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
        return bool(_ORDER.search(self.cypher))

    @property
    def branches(self) -> list[str]:
        """The statement's UNION ALL parts, each ordered by itself; the answer is their concatenation in order."""
        return [b.strip() for b in _UNION.split(self.cypher)]


def page_statement(branch: str) -> str:
    """One ordered statement limited to a page by the parameters $offset and $limit."""
    return f"{branch}\nSKIP $offset LIMIT $limit"


def count_statement(branch: str, distinct: tuple[str, ...] = ()) -> str:
    """The statement counting a branch's rows (or its distinct values of the `distinct` columns): its final RETURN
    becomes a WITH (ORDER BY dropped, which Ladybug refuses after a WITH without SKIP/LIMIT and a count does not
    need). An aggregating RETURN has one row per distinct value of its other items, its grouping keys, so only
    those are kept: counting them skips the aggregation (a count(DISTINCT …) per group was most of the time). A
    RETURN that neither aggregates nor is DISTINCT has one row per row of what precedes it, so none is kept."""
    returns = list(_RETURN.finditer(branch))
    if not returns:
        raise QueryError(f"cannot count a statement without RETURN: {branch[:80]}")
    head, tail = branch[:returns[-1].start()], branch[returns[-1].end():]
    order = _ORDER.search(tail)
    items = tail[:order.start()] if order else tail
    keys = [i for i in split_items(re.sub(r"^\s*DISTINCT\b", "", items, flags=re.I)) if not _AGGREGATE.search(i)]
    if not distinct and _AGGREGATE.search(items) and keys:
        return f"{head}WITH DISTINCT {', '.join(keys)}\nRETURN count(*) AS total"
    if not distinct and not _AGGREGATE.search(items) and not re.match(r"\s*DISTINCT\b", items, re.I):
        return f"{head}RETURN count(*) AS total"  # one row per match: Ladybug computed every item first (26 → 1 ms)
    then = f"\nWITH DISTINCT {', '.join(distinct)}" if distinct else ""
    return f"{head}WITH{items.rstrip()}{then}\nRETURN count(*) AS total"


def split_items(items: str) -> list[str]:
    """A RETURN's items, split at the commas outside brackets and strings."""
    out, depth, quote, start = [], 0, "", 0
    for i, ch in enumerate(items):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "," and depth == 0:
            out.append(items[start:i].strip())
            start = i + 1
    return [i for i in [*out, items[start:].strip()] if i]


@dataclass
class Page:
    """Rows `offset` … `offset + len(rows)` of an answer of `total` rows; `limit` None is the whole answer."""
    rows: list[dict]
    total: int
    limit: int | None
    offset: int

    @property
    def next_offset(self) -> int | None:
        end = self.offset + len(self.rows)
        return end if end < self.total else None


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
    """Every row of a stored question, by name with user-given (string) parameters, checked and converted: the
    path for exports, summaries and vocabularies that need the whole answer."""
    q, page = run_page(store, name, given, limit=None)
    return q, page.rows


def run_page(store, name: str, given: dict[str, str] | None = None, *, limit: int | None = DEFAULT_PAGE,
             offset: int = 0, total: int | None = None) -> tuple[Question, Page]:
    """One page of a stored question: rows offset … offset+limit of its ordered answer and the answer's total
    (counted unless the caller passes the total it got with an earlier page of the same answer)."""
    q = get_question(name)
    return q, fetch_page(store, q, q.bind(given or {}), limit=limit, offset=offset, total=total)


def whole_answer(store, q: Question, params: dict) -> list[dict]:
    """Every row of a question with bound parameters: its UNION ALL parts one after another, each in its own order
    (one statement's union may come back with its parts interleaved: Ladybug runs them in parallel)."""
    return [row for branch in q.branches for row in store.run(branch, params)]


def fetch_page(store, q: Question, params: dict, *, limit: int | None = DEFAULT_PAGE, offset: int = 0,
               total: int | None = None) -> Page:
    """A page of a question with bound parameters, and the answer's total. Counting a statement that aggregates
    runs its aggregation again, so such an answer is first read up to PROBE rows and counted only when it is
    longer; a statement that does not aggregate counts cheaply, so only one row past the page is read to know
    whether there are more. Branches of a UNION ALL are counted and paged one by one, as SKIP/LIMIT after a union
    would only limit its last part: only the branches the page reaches are read, an aggregating one the page reaches
    first up to PROBE rows like a single statement, so a short one runs once rather than counted and then read; the
    branches that do not aggregate are counted together in one statement, and so are those after the page."""
    check_page(limit, offset)
    branches = q.branches
    if limit is None and offset == 0:
        rows = whole_answer(store, q, params)
        return Page(rows, len(rows), None, 0)
    if len(branches) == 1:
        branch = branches[0]
        if total is None and limit is not None:
            want = max(limit, PROBE) if _AGGREGATE.search(branch) else limit + 1
            rows = _read(store, branch, params, offset, want)
            if len(rows) < want and (rows or offset == 0):
                return Page(rows[:limit], offset + len(rows), limit, offset)
            return Page(rows[:limit], _count(store, branch, params), limit, offset)
        total = _count(store, branch, params) if total is None else total
        want = total - offset if limit is None else limit
        return Page(_read(store, branch, params, offset, want) if offset < total else [], total, limit, offset)
    end = None if limit is None else offset + limit
    sizes = _count_parts(store, [b for b in branches if not _AGGREGATE.search(b)], params)
    rows, start = [], 0
    for i, branch in enumerate(branches):
        reached = end is None or start < end  # the parts before it end before the page does
        size, read = sizes.get(branch), None
        if size is None and reached:
            read = _read(store, branch, params, 0, PROBE)  # as for one part: a short answer needs no count
            size = len(read) if len(read) < PROBE else None
        if size is None and not reached:  # the parts after the page are only counted: together, in one statement
            sizes.update(_count_parts(store, [b for b in branches[i:] if b not in sizes], params))
            size = sizes[branch]
        if size is None:
            size, read = _count(store, branch, params), None  # an aggregation's count skips aggregating
        lo, hi = max(offset, start) - start, (size if end is None else min(end, start + size) - start)
        if reached and lo < hi:  # the page's rows in this part
            rows += read[lo:hi] if read is not None else _read(store, branch, params, lo, hi - lo)
        start += size
    return Page(rows, start, limit, offset)


PROBE = 1000  # rows of an aggregating answer read before it is counted: ~2 ms to hand over on Ladybug
_AGGREGATE = re.compile(r"\b(?:count|collect|sum|avg|min|max)\s*\(", re.I)


def _read(store, branch: str, params: dict, offset: int, limit: int) -> list[dict]:
    return store.run(page_statement(branch), {**params, "offset": offset, "limit": limit}) if limit > 0 else []


def _count(store, branch: str, params: dict) -> int:
    return store.run(count_statement(branch), params)[0]["total"]


def _count_parts(store, branches: list[str], params: dict) -> dict[str, int]:
    """The sizes of union parts, in one statement: one round trip instead of one a part (on Neo4j each statement
    costs ~10 ms on the loaded machine); `WITH count(*)` gives a row even for an empty part."""
    if not branches:
        return {}
    counts = [count_statement(b).removesuffix("RETURN count(*) AS total") + f"WITH count(*) AS total\nRETURN {i} AS "
              "part, total" for i, b in enumerate(branches)]
    got = {r["part"]: r["total"] for r in store.run("\nUNION ALL\n".join(counts), params)}
    return {b: got[i] for i, b in enumerate(branches)}


def count_distinct(store, q: Question, params: dict, columns: tuple[str, ...]) -> int:
    """How many distinct values of `columns` the whole answer holds (tasks per plan, say), without fetching it."""
    return sum(store.run(count_statement(b, columns), params)[0]["total"] for b in q.branches)


def page_line(page, hint: bool = True) -> str:
    """Where a page is in its answer: 第 1–50 行，共 7,919 行 rows 1–50 of 7,919 — next: --offset 50."""
    if not page.rows:
        return (f"共 {page.total:,} 行，此页为空 no rows on this page ({page.total:,} in all)" if page.total
                else "共 0 行 no rows")
    first, last = page.offset + 1, page.offset + len(page.rows)
    line = f"第 {first:,}–{last:,} 行，共 {page.total:,} 行 rows {first:,}–{last:,} of {page.total:,}"
    return line + (f" — next: --offset {page.next_offset}" if hint and page.next_offset is not None else "")


def check_page(limit: int | None, offset: int) -> None:
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        raise QueryError(f"A page holds at least one row: --limit {limit!r} must be a whole number ≥ 1 "
                         f"(default {DEFAULT_PAGE}; --all for every row).")
    if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
        raise QueryError(f"--offset {offset!r} must be a whole number ≥ 0 (the first row is 0).")


def run_lookup(store, name: str, params: dict | None = None) -> list[dict]:
    """Run a lookup (queries/lookups/<name>.cypher) with typed parameters."""
    return store.run(_lookup(name).cypher, params or {})


@lru_cache(maxsize=None)
def _lookup(name: str) -> Question:
    path = LOOKUPS_DIR / f"{name}.cypher"
    if not path.is_file():
        raise QueryError(f"No lookup '{name}' in {LOOKUPS_DIR}.")
    return parse_question(path)
