"""Normalised text to parts, sections, numbered items and paragraphs, each with character offsets."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

CN_NUM = "一二三四五六七八九十"
_PART = re.compile(rf"^([{CN_NUM}]{{1,3}})[、.]\s*(\S.*)$")
_SECTION = re.compile(rf"^\(([{CN_NUM}]{{1,3}})\)\s*(\S.*)$")
_ITEM = re.compile(r"^(\d{1,3})(?:[.、](?!\d)|\s)\s*(\S.*)$")
_SENTENCE_END = re.compile(r"[。!?！？]")
HEADING_MAX = 40


def cn_to_int(s: str) -> int:
    """一..九十九 to int."""
    digits = {c: i + 1 for i, c in enumerate(CN_NUM[:9])}
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + digits.get(s[1:], 0)
    if "十" in s:
        tens, _, ones = s.partition("十")
        return digits[tens] * 10 + (digits[ones] if ones else 0)
    return digits.get(s, 0)


@dataclass
class Line:
    text: str
    start: int
    end: int


@dataclass
class Block:
    """A heading with the lines under it, or a numbered item, or a plain paragraph."""

    kind: str  # part | section | item | para
    title: str
    start: int
    end: int
    number: int | None = None
    text: str = ""  # the full text of an item or paragraph (for headings: the heading line)
    path: tuple[str, ...] = ()
    children: list["Block"] = field(default_factory=list)

    @property
    def body_start(self) -> int:
        return self.start


def split_lines(text: str) -> list[Line]:
    """Non-empty lines, stripped, with their offsets in `text`."""
    lines = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            lines.append(Line(stripped, pos + lead, pos + lead + len(stripped)))
        pos += len(raw) + 1
    return lines


def first_sentence(text: str) -> str:
    """Up to and excluding the first sentence end; the title of a task or principle."""
    m = _SENTENCE_END.search(text)
    title = text[: m.start()] if m else text
    return title.strip()


def sentence_at(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence of `text` that contains [start, end): bounded by 。!? or a line break."""
    left = start
    while left > 0 and text[left - 1] not in "。!?！？\n":
        left -= 1
    right = end
    while right < len(text) and text[right] not in "。!?！？\n":
        right += 1
    if right < len(text) and text[right] != "\n":
        right += 1
    while left < right and text[left] == " ":
        left += 1
    return left, right


def _heading(line: Line) -> tuple[str, str, int] | None:
    for kind, pattern in (("part", _PART), ("section", _SECTION)):
        m = pattern.match(line.text)
        if m:
            return kind, m.group(2), cn_to_int(m.group(1))
    return None


def split_structure(text: str) -> tuple[list[Line], list[Block]]:
    """Return the preamble lines (before the first part heading) and the tree of parts.

    Headings may carry their body on the same line ("(一)加强统筹协调。组建…"): the title is then the
    first sentence and the rest is a paragraph of that section.
    """
    lines = split_lines(text)
    preamble: list[Line] = []
    parts: list[Block] = []
    part: Block | None = None
    section: Block | None = None
    for line in lines:
        head = _heading(line)
        if head and head[0] == "part" and len(head[1]) <= HEADING_MAX and not _SENTENCE_END.search(head[1][:-1]):
            part = Block("part", head[1].rstrip("。"), line.start, line.end, head[2], line.text, (head[1],))
            parts.append(part)
            section = None
            continue
        if part is None:
            preamble.append(line)
            continue
        if head and head[0] == "section":
            title = first_sentence(head[1])
            section = Block("section", title, line.start, line.end, head[2], line.text, part.path + (title,))
            part.children.append(section)
            rest_at = line.text.find(head[1]) + len(title)
            rest = line.text[rest_at:].lstrip("。 ")
            if rest:
                offset = line.start + line.text.find(rest, rest_at)
                section.children.append(Block("para", first_sentence(rest), offset, line.end, None, rest,
                                              section.path))
            continue
        parent = section or part
        m = _ITEM.match(line.text)
        if m:
            body = m.group(2)
            parent.children.append(Block("item", first_sentence(body), line.start, line.end, int(m.group(1)),
                                         line.text, parent.path))
        else:
            parent.children.append(Block("para", first_sentence(line.text), line.start, line.end, None,
                                         line.text, parent.path))
    for block in parts:
        block.end = max([block.end] + [c.end for c in _walk(block)])
    return preamble, parts


def _walk(block: Block):
    for child in block.children:
        yield child
        yield from _walk(child)


def walk(blocks: list[Block]):
    """Every block, depth first."""
    for b in blocks:
        yield b
        yield from _walk(b)
