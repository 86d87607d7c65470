"""What a document's markers gave: facts per marker, tasks without an owner, marker-like text left unread."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from loaders.duties import blank_rules, is_rule, looks_like_unit
from loaders.parse import ParsedDocument, parse_document
from loaders.script import reading_view

# text that looks like a responsibility marker: a bracket or a line holding a label or a role word
_ROLE_WORD = r"(?:牵头|配合|参与|协办|协同|负责|指导|主责|承办|责任单位|责任部门|分工)"
_LIKE_BRACKET = re.compile(r"[(\[【〔]([^()\[\]【】〔〕\n]{0,200}?" + _ROLE_WORD + r"[^()\[\]【】〔〕\n]{0,200}?)[)\]】〕]")
# (a label never opens with 各: 各有关部门: is a notice's addressee line)
_LIKE_LINE = re.compile(r"^[ \t\u3000]*(?!各)[\u4e00-\u9fff]{0,6}(?:单位|部门|分工)\s*[:：].*$", re.M)
# an opener with a role word that never closes on its line: a marker cut off or mistyped
_LIKE_OPEN = re.compile(r"[(\[【〔][^()\[\]【】〔〕\n]{0,200}?" + _ROLE_WORD + r"[^()\[\]【】〔〕\n]*$", re.M)
_LIKE_SENTENCE = re.compile(r"[^。;；\n]{2,60}?牵头[,，、][^。\n]{0,80}?(?:配合|参与|协办|负责)[。;；]?")
# an opener of unit names that never closes on its line: a bare list cut off (…。(市政府办公室、市)
_LIKE_OPEN_LIST = re.compile(r"[(\[【〔]([\u4e00-\u9fff]{2,30})[、,，][^()\[\]【】〔〕\n]{0,200}$", re.M)


@dataclass
class Marker:
    line: int
    text: str
    host: str  # "Task 3 …" or "Measure 1 …"
    facts: list[tuple[str, str]]


@dataclass
class DocumentCheck:
    path: str
    markers: list[Marker] = field(default_factory=list)
    ownerless: list[tuple[int, str]] = field(default_factory=list)  # (line, "Task n title") of tasks without owner
    # (line, "Task n title", "Task m title") of tasks without a marker of their own under a heading that is a task
    # with one (一、加快建设(X牵头) over 1. 2.): the heading's units answer for them
    under_owner: list[tuple[int, str, str]] = field(default_factory=list)
    unread: list[tuple[int, str]] = field(default_factory=list)  # (line, text) that looks like a marker, gave nothing
    # (line, part, marker) of a marker's part that names a unit but gave no fact: a role word the parse does not know
    # ((县交通局主持,各乡镇配合) gives 各乡镇 alone)
    unread_parts: list[tuple[int, str, str]] = field(default_factory=list)
    error: str = ""

    @property
    def facts(self) -> int:
        return sum(len(m.facts) for m in self.markers if m.host.startswith("Task"))


def check_document(path: str | Path) -> DocumentCheck:
    """Parse `path` and say, line by line, what its markers gave and what looked like a marker but gave nothing."""
    from loaders.errors import KgError

    try:
        doc = parse_document(path, require_tasks=False)
    except KgError as exc:
        return DocumentCheck(str(path), error=str(exc))
    return check_parsed(doc)


def check_parsed(doc: ParsedDocument) -> DocumentCheck:
    result = DocumentCheck(doc.path)
    line_of = _line_finder(doc)
    read: list[tuple[int, int]] = []
    by_seq = {t.seq: t for t in doc.tasks}
    for item in [*doc.tasks, *doc.measures]:
        for c in item.clauses:
            read.append((c.start, c.end))
            host = f"{item.kind} {item.number} {item.title[:30]}"
            result.markers.append(Marker(line_of(c.start), c.text.strip(), host, [(d.unit, d.role) for d in c.duties]))
            result.unread_parts.extend((line_of(c.start), part, c.text.strip()) for part in _unread_parts(doc, c))
        if item.kind != "Task":
            continue
        if not item.clauses:
            name = f"Task {item.number} {item.title[:40]}"
            if item.under is not None:
                heading = by_seq[item.under]
                result.under_owner.append((line_of(item.start), name, f"Task {heading.number} {heading.title[:30]}"))
            else:
                result.ownerless.append((line_of(item.start), name))
    result.markers.sort(key=lambda m: m.line)
    result.unread = _unread(doc, read, line_of)
    return result


def _unread(doc: ParsedDocument, read: list[tuple[int, int]], line_of) -> list[tuple[int, str]]:
    """Marker-like spans of the body that no parsed clause covers."""
    body = reading_view(doc.text.text)
    read.sort()
    starts = [s for s, _ in read]

    def covered(s: int, e: int) -> bool:
        i = bisect_right(starts, e) - 1
        while i >= 0 and read[i][1] > s - 200:  # clauses are short; look back a little, not to the start
            if read[i][0] < e and s < read[i][1]:
                return True
            i -= 1
        return False

    found: dict[int, tuple[int, str]] = {}
    for pattern in (_LIKE_BRACKET, _LIKE_OPEN, _LIKE_LINE, _LIKE_SENTENCE, _LIKE_OPEN_LIST):
        for m in pattern.finditer(body):
            if pattern is _LIKE_OPEN_LIST and not looks_like_unit(m.group(1)):
                continue
            s, e = m.start(), m.end()
            while s < e and body[s] in " \t\u3000":
                s += 1
            if is_rule(body[s:e].strip()):
                continue  # (排名第一的为牵头单位) in a table's header: a lead rule, read by lead_rule, no marker
            if s < e and not covered(s, e) and not any(a <= s < b for a, b in found.values()):
                found[s] = (s, e)
    return [(line_of(s), doc.text.text[s:e].strip()) for s, e in sorted(found.values())]


# a part of a marker: what stands between its separators and brackets
_PART = re.compile(r"[^,，;；。()\[\]【】〔〕]+")
_LIST_PIECE = re.compile(r"[^、]+")
# what may follow a unit's name in a part the parse left unread: a short word, no sentence
_VERB_AFTER_UNIT = re.compile(r"[\u4e00-\u9fff]{1,4}")


def _unread_parts(doc: ParsedDocument, clause) -> list[str]:
    """The parts of `clause` that open with a unit's name followed by a short word and cover no fact of it."""
    text = blank_rules(reading_view(doc.text.text)[clause.start:clause.end])  # rules assign nothing, no part
    spans = [(d.start - clause.start, d.end - clause.start) for d in clause.duties]
    parts = []
    for m in _PART.finditer(text):
        if m.start() > 1 and text[m.start() - 1] in "([【〔":
            continue  # 各县、区人民政府(管委会): an alias in brackets after a unit, read with it
        # a part that gave facts may still have lost a member of its list (A、B、C分别负责 giving A and B)
        pieces = [m] if not any(m.start() < e and s < m.end() for s, e in spans) else _LIST_PIECE.finditer(text, *m.span())
        for piece in pieces:
            part = piece.group().strip()
            if not part or len(part) > 40 or any(piece.start() < e and s < piece.end() for s, e in spans):
                continue
            if any(looks_like_unit(part[:k]) and _VERB_AFTER_UNIT.fullmatch(part[k:]) for k in range(len(part) - 1, 1, -1)):
                parts.append(part)
    return parts


def _line_finder(doc: ParsedDocument):
    """Line number (1-based) in the file as read, of an offset in the normalised text."""
    raw = doc.text.raw
    breaks = [i for i, ch in enumerate(raw) if ch == "\n"]

    def line_of(at: int) -> int:
        return bisect_left(breaks, doc.text.raw_span(at, at)[0]) + 1
    return line_of


def format_check(check: DocumentCheck) -> list[str]:
    """The report of one document, one line per marker, task without owner and unread marker-like text."""
    if check.error:
        return [f"{check.path}: error: {check.error}"]
    under = f" ({len(check.under_owner)} more under a heading that names owners)" if check.under_owner else ""
    lines = [f"{check.path}: {len(check.markers)} markers, {check.facts} facts on tasks, {len(check.ownerless)} tasks "
             f"without an owner{under}, {len(check.unread) + len(check.unread_parts)} marker-like texts gave nothing"]
    for m in check.markers:
        facts = "、".join(f"{u}({r})" for u, r in m.facts)
        lines.append(f"  line {m.line}: marker {_short(m.text)} -> {m.host}: {facts}")
    for line, title in check.ownerless:
        lines.append(f"  line {line}: no owner: {title}")
    for line, title, heading in check.under_owner:
        lines.append(f"  line {line}: no marker of its own: {title} (under {heading}, whose heading names its owners)")
    for line, text in check.unread:
        lines.append(f"  line {line}: not read: {_short(text)}")
    for line, part, marker in check.unread_parts:
        lines.append(f"  line {line}: part not read: {part} (in {_short(marker, 40)}; its role word is not one the "
                     f"parse knows)")
    return lines


def _short(text: str, width: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
