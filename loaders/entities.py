"""Gazetteer and suffix patterns (both data) to entity mentions: tracks, parks, incubators, initiatives, stakeholders."""
from __future__ import annotations

import csv
import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple

DATA = Path(__file__).parent / "data"
ENTITY_TYPES = ("Track", "Park", "Incubator", "Initiative", "Stakeholder")
_NAME_CHAR = re.compile(r"[\u4e00-\u9fff0-9A-Za-z.“”]")
_NAME_RUN = re.compile(_NAME_CHAR.pattern + r"*\Z")
MAX_PATTERN_NAME = 16


class Mention(NamedTuple):
    """An entity mention: a tuple (immutable, built and pickled in C), a document holds hundreds."""

    type: str
    name: str  # the gazetteer's name for the entity (or the matched text for a pattern)
    text: str  # as written
    start: int
    end: int
    source: str  # gazetteer | pattern


def _rows(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@lru_cache(maxsize=1)
def _tables():
    surface: dict[str, tuple[str, str]] = {}  # written form -> (type, name)
    for row in _rows("gazetteer.csv"):
        forms = [row["name"]] + [a for a in (row.get("aliases") or "").split("|") if a]
        for form in forms:
            surface[form] = (row["type"], row["name"])
    patterns = [(r["type"], r["suffix"]) for r in _rows("patterns.csv")]
    words = _rows("stopwords.csv")
    generic = {r["word"] for r in words if r["kind"] == "generic"}
    # the last boundary word in a name's window, found as the first one in the window read backwards
    boundary = re.compile("|".join(sorted({re.escape(r["word"][::-1]) for r in words if r["kind"] == "boundary"
                                            and r["word"]}, key=len, reverse=True)) or "(?!)")
    modifiers = sorted({r["word"] for r in words if r["kind"] == "modifier"}, key=len, reverse=True)
    generic_re = re.compile("^(?:" + "|".join(map(re.escape, modifiers)) + ")+")
    by_type: dict[str, list[str]] = {}
    for form, (typ, _) in surface.items():
        by_type.setdefault(typ, []).append(form)
    # one alternation per type, longest form first: non-overlapping within a type, overlapping across types
    gaz_re = {t: re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)))
              for t, forms in by_type.items()}
    suffix_re = re.compile("(" + "|".join(re.escape(s) for _, s in sorted(patterns, key=lambda p: -len(p[1]))) + ")")
    suffix_type = {s: t for t, s in patterns}
    return surface, gaz_re, suffix_re, suffix_type, generic, boundary, generic_re


def find_mentions(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Entity mentions in text[start:end]: the gazetteer first (longest form wins per type), then suffix patterns."""
    surface, gaz_re, suffix_re, suffix_type, generic, boundary, generic_re = _tables()
    end = len(text) if end is None else end
    found: list[Mention] = []
    gazetteer: dict[str, list[tuple[int, int]]] = {typ: [] for typ in ENTITY_TYPES}
    for typ, pattern in gaz_re.items():
        spans = gazetteer.setdefault(typ, [])
        for m in pattern.finditer(text, start, end):
            written, (s, e) = m.group(), m.span()
            spans.append((s, e))
            found.append(Mention(typ, surface[written][1], written, s, e, "gazetteer"))
    # Only gazetteer spans can contain a pattern match: an earlier pattern match ends before this one's suffix starts
    # (finditer does not overlap), so it cannot reach this one's end. Containment is then a bisection.
    own = {typ: _SpanIndex(gazetteer.get(typ, [])) for typ in set(gazetteer) | set(suffix_type.values())}
    known = _SpanIndex([span for spans in gazetteer.values() for span in spans])
    for m in suffix_re.finditer(text, start, end):
        typ = suffix_type[m.group(1)]
        left = _left_edge(text, m.start(), start, boundary)
        name = text[left:m.end()].strip("“”")
        # 区内重点孵化器, 高质量孵化器: modifiers of a category, not the name of one entity
        core = generic_re.sub("", name)
        if (len(core) < len(m.group(1)) + 2 or core in generic or name in generic or len(name) > MAX_PATTERN_NAME
                or own[typ].contains(left, m.end())):
            continue
        if core in surface or name in surface or known.contains(left, m.end()):
            continue
        found.append(Mention(typ, name, text[left:m.end()], left, m.end(), "pattern"))
    return sorted(found, key=attrgetter("start", "type"))


class _SpanIndex:
    """Spans sorted by start with the running maximum of their ends: does any span contain [start, end)?"""

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.max_end = list(accumulate((e for _, e in spans), max))

    def contains(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start)
        return i > 0 and self.max_end[i - 1] >= end


_COUNT = re.compile(r"\d+(?:\.\d+)?[家个所项]?")


def _left_edge(text: str, suffix_start: int, floor: int, boundary: re.Pattern) -> int:
    """Walk left over name characters, stopping after a boundary word (依托, 在, 与 …) or punctuation."""
    # the name characters just before the suffix, at most MAX_PATTERN_NAME of them
    i = _NAME_RUN.search(text, max(floor, suffix_start - MAX_PATTERN_NAME), suffix_start).start()
    span = text[i:suffix_start]
    counts = list(_COUNT.finditer(span))  # 2家标杆孵化器: a count ends the name on its left
    cut = counts[-1].end() if counts else 0
    last = boundary.search(span[::-1])  # the boundary word that ends last in the span
    if last and len(span) - last.start() > cut:
        cut = len(span) - last.start()
    return i + cut
