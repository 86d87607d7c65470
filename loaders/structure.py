"""Normalised text to parts, sections, numbered items and paragraphs, each with character offsets."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from loaders.duties import bare_label, completes_name
from loaders.identity_cache import cache_by_identity

CN_NUM = "一二三四五六七八九十"
_CN = rf"[{CN_NUM}零〇百]{{1,5}}"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# numbering styles by the level they usually mark: 一、 第一章 | (一) | 1. 1、 (1) 1) ① 第一条
_PART = re.compile(rf"^(?:({_CN})[、.．]|第({_CN}|\d{{1,3}})(?:章|部分|篇)[、.\s]?)\s*(\S.*)$", re.S)
_SECTION = re.compile(rf"^[(（]?({_CN})[)）][、.]?\s*(\S.*)$", re.S)
_ITEM = re.compile(rf"^(?:(?P<a>\d{{1,4}})(?:[.、．](?!\d)|[)）](?!\d))|(?P<s>\d{{1,3}})\s|[(（](?P<p>\d{{1,4}})[)）]"
                   rf"|(?P<c>[{_CIRCLED}])|第(?P<t>{_CN}|\d{{1,4}})条)[、.]?\s*(?P<body>\S.*)$", re.S)
_BARE_NUMBER = re.compile(rf"^(?:{_CN}[、.]|\({_CN}\)|\d{{1,4}}[.、]|\(\d{{1,4}}\)|第{_CN}(?:章|部分|条))$")
# emphasis and heading markup around a number (**一、…**, <b>(一)</b>, ## 一、) is not part of the numbering
_EMPHASIS = re.compile(r"\*\*|__|</?(?:b|strong|em|h[1-6])>|^#{1,6}\s", re.I)
_OPENING, _CLOSING = "(【〔[", ")】〕]"
_BRACKET_RE = re.compile("[" + re.escape(_OPENING + _CLOSING) + "]")
_SENTENCE_END = re.compile(r"[。!?！？]")
HEADING_MAX = 40


def cn_to_int(s: str) -> int:
    """一..九十九 (and 一百零五) to int; Arabic digits as they are."""
    if s.isdigit():
        return int(s)
    digits = {c: i + 1 for i, c in enumerate(CN_NUM[:9])}
    if "百" in s:
        hundreds, _, rest = s.partition("百")
        rest = rest.lstrip("零〇")
        return digits.get(hundreds, 1) * 100 + (cn_to_int(rest) if rest else 0)
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + digits.get(s[1:], 0)
    if "十" in s:
        tens, _, ones = s.partition("十")
        return digits[tens] * 10 + (digits[ones] if ones else 0)
    return digits.get(s, 0)


def int_to_cn(n: int) -> str:
    """1..99 as written in a heading number (一, 十, 十二, 二十, 二十三)."""
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else CN_NUM[tens - 1]) + "十" if tens else "") + (CN_NUM[ones - 1] if ones else "")


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


@cache_by_identity(4)
def split_lines(text: str) -> tuple[Line, ...]:
    """Non-empty lines, stripped, with their offsets in `text`.

    A line that leaves a bracket open (a duty clause broken across lines), ends on a list's 、 or inside a unit's
    name, or holds a label alone, runs on into the next lines, and a bare heading number (一、 on a line of its own)
    joins the title on the next line; such lines keep the line break.
    """
    lines: list[Line] = []
    pos = 0
    for whole in text.split("\n"):
        for raw, at in _soft_lines(whole, pos):
            stripped = raw.strip()
            if stripped:
                lead = len(raw) - len(raw.lstrip())
                lines.append(Line(stripped, at + lead, at + lead + len(stripped)))
        pos += len(whole) + 1
    merged: list[Line] = []
    for line in lines:
        prev = merged[-1] if merged else None
        if prev is not None and (_open_depth(prev.text) > 0 and prev.end - prev.start < 600
                                 and not (_numbered(line.text) and _numbered(prev.text)) and _closes_soon(text, prev.start)
                                 or _BARE_NUMBER.match(prev.text)
                                 # a list broken after its 、 (责任单位:A、B、 / C): no line ends on a 、
                                 or prev.text.endswith("、") and not _numbered(line.text)
                                 # or inside a unit's name (责任单位:市科技局、市发展改 / 革委、市财政局)
                                 or ":" in prev.text[:12] and completes_name(prev.text, line.text)
                                 # a label alone on its line lists its units on the next (责任单位: / 区科委、区财政局)
                                 or len(prev.text) <= 12 and bare_label(prev.text) and not _numbered(line.text)):
            merged[-1] = Line(text[prev.start:line.end], prev.start, line.end)
        else:
            merged.append(line)
    return tuple(merged)


# a page copied onto one line keeps a space before each heading and item number (…圆满完成。 一、加快… (一)全面… 1.把…)
_SOFT_BREAK = re.compile(rf"\s+(?=(?:{_CN}、|[(（](?:{_CN}|\d{{1,3}})[)）]|\d{{1,3}}[.、．](?!\d))[\u4e00-\u9fff])")


def _soft_lines(line: str, pos: int) -> list[tuple[str, int]]:
    """A long line that holds several numbered headings or items, each after a space: the pieces, as lines."""
    if len(line) < 300:
        return _inline_items(line, pos)
    cuts = [m.end() for m in _SOFT_BREAK.finditer(line)]
    if len(cuts) < 3:
        return [(line, pos)]
    bounds = [0] + cuts + [len(line)]
    return [(line[a:b], pos + a) for a, b in zip(bounds, bounds[1:])]


# a marker's closing bracket: where an item ends that the next item of the same numbering follows on the line
# ((一)…增长11%。(省发改委负责)(二)…, 1.…(X主办,Y协办)2.…)
_MARKER_CLOSE = re.compile(r"[(（〔【][^()（）〔〕【】\n]{1,120}?(?:负责|牵头|主办|协办|配合|参与|指导|落实|单位|部门)[)）〕】][ \t\u3000]*")


_CLOSE_THEN_NUMBER = re.compile(r"[)）〕】][ \t\u3000]*[(（\d]")  # what a split needs, looked for first (cheap)


def _inline_items(line: str, pos: int) -> list[tuple[str, int]]:
    """A line that holds several items of one numbering, each right after the marker that ends the one before:
    the items, as lines. Only the next number in the line's own style splits, so (二) quoted in prose does not."""
    body = line.lstrip()
    if len(body) < 20 or not _CLOSE_THEN_NUMBER.search(body) or not _MARKER_CLOSE.search(body):
        return [(line, pos)]
    section, item = _SECTION.match(body), _ITEM.match(body)
    if section and body[0] in "(（":
        number, following = cn_to_int(section.group(1)), lambda n: rf"[(（]{int_to_cn(n)}[)）]"
    elif item and item.group("a") and body[len(item.group("a"))] in ".、．":
        number, following = int(item.group("a")), lambda n: rf"{n}[.、．](?!\d)"
    elif item and item.group("p"):
        number, following = int(item.group("p")), lambda n: rf"[(（]{n}[)）]"
    else:
        return [(line, pos)]
    pieces, at = [], 0
    for m in _MARKER_CLOSE.finditer(line):
        if number < 99 and re.match(following(number + 1), line[m.end():]):
            pieces.append((line[at:m.end()], pos + at))
            at, number = m.end(), number + 1
    return pieces + [(line[at:], pos + at)]


def _closes_soon(text: str, start: int) -> bool:
    """The brackets open at `start` close within the 600 characters a broken clause may run on for: a page's
    toolbar crumb (【字体:打印) never closes, and joining the lines after it would swallow the headings."""
    window = text[start:start + 600]
    last = max(window.rfind(ch) for ch in _CLOSING)
    return last >= 0 and _open_depth(window[:last + 1]) == 0


def _numbered(line: str) -> bool:
    """The line opens a numbered heading or item (一、 / (二) / 3.): after an item whose bracket a copy left open
    ((区发改委主办,区科技局协办 with no closer), the next numbered item starts afresh instead of running on."""
    return bool(_PART.match(line) or _SECTION.match(line) or _ITEM.match(line))


def _open_depth(line: str) -> int:
    stack: list[str] = []
    for m in _BRACKET_RE.finditer(line):  # only the brackets, not every character
        ch = m.group()
        if ch in _OPENING:
            stack.append(ch)
        elif stack:
            # a closer closes its own opener: an inner opener left unclosed ((国办发〔2018104号)) is a typo
            want = _OPENING[_CLOSING.index(ch)]
            while stack and stack[-1] != want and want in stack:
                stack.pop()
            stack.pop()
    return len(stack)


def first_sentence(text: str) -> str:
    """Up to and excluding the first sentence end, or a dash that sets the title off (发展特色产业——X牵头); the title
    of a task or principle."""
    m = _SENTENCE_END.search(text)
    title = text[: m.start()] if m else text
    return title.split("——", 1)[0].strip() or title.strip()


_STOPS = "。!?！？\n"
_STOP_RE = re.compile("[" + _STOPS + "]")


@cache_by_identity(4)
def _stop_positions(text: str) -> list[int]:
    return [m.start() for m in _STOP_RE.finditer(text)]


def sentence_at(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence of `text` that contains [start, end): bounded by 。!? or a line break."""
    return sentences_at(text, ((start, end),))[0]


def sentences_at(text: str, spans) -> list[tuple[int, int]]:
    """`sentence_at` of each (start, end) in `spans`, in one pass for the many mentions of a document."""
    stops = _stop_positions(text)  # found once per text, so a line without sentence ends costs no rescans
    size, last = len(text), len(stops)
    out = []
    for start, end in spans:
        i = bisect_left(stops, start) - 1
        left = stops[i] + 1 if i >= 0 else 0
        j = bisect_left(stops, end)
        right = stops[j] if j < last else size
        if right < size and text[right] != "\n":
            right += 1
        while left < right and text[left] == " ":
            left += 1
        out.append((left, right))
    return out


def plain_heading(text: str) -> str:
    """A line with its emphasis markup blanked out (same length), stripped on the left."""
    if "*" not in text and "<" not in text and "_" not in text and "#" not in text:
        return text
    return _EMPHASIS.sub(lambda m: " " * len(m.group()), text).lstrip()


def _heading(line: Line) -> tuple[str, str, int] | None:
    text = plain_heading(line.text)
    m = _PART.match(text)
    if m:
        return "part", m.group(3).rstrip(" *"), cn_to_int(m.group(1) or m.group(2))
    m = _SECTION.match(text)
    if m:
        return "section", m.group(2).rstrip(" *"), cn_to_int(m.group(1))
    return None


def match_item(text: str) -> tuple[int, str] | None:
    """(number, body) of a numbered item line: 1. 1、 (1) 1) ① 第一条 (numbers above 999 too)."""
    m = _ITEM.match(plain_heading(text))
    if not m:
        return None
    number = m.group("a") or m.group("s") or m.group("p") or m.group("t")
    value = cn_to_int(number) if number else _CIRCLED.index(m.group("c")) + 1
    return value, m.group("body").rstrip()


def split_structure(text: str) -> tuple[list[Line], list[Block]]:
    """Return the preamble lines (before the first heading) and the tree of parts.

    Headings may carry their body on the same line ("(一)加强统筹协调。组建…", "一、完善机制。建立…。(责任单位:X)"):
    the title is then the first sentence and the rest is a paragraph under the heading. A plan whose first heading
    is a (一) or a 1. has one untitled part.
    """
    lines = split_lines(text)
    preamble: list[Line] = []
    parts: list[Block] = []
    part: Block | None = None
    section: Block | None = None
    outline = _decimal_outline(lines)
    for line in lines:
        head, item = _decimal_heading(line, outline) if outline else (_heading(line), match_item(line.text))
        if head is None and part is None and item is None:
            preamble.append(line)
            continue
        if head and head[0] == "part":
            title = head[1] if len(head[1]) <= HEADING_MAX and not _SENTENCE_END.search(head[1][:-1]) \
                else first_sentence(head[1])
            part = Block("part", title.rstrip("。"), line.start, line.end, head[2], line.text, (title.rstrip("。"),))
            parts.append(part)
            section = None
            _rest_paragraph(part, line, head[1], title, head[2])
            continue
        if part is None:  # the first heading is below the part level
            part = Block("part", "", line.start, line.end, None, "", ())
            parts.append(part)
        if head and head[0] == "section":
            title = first_sentence(head[1])
            section = Block("section", title, line.start, line.end, head[2], line.text, part.path + (title,))
            part.children.append(section)
            _rest_paragraph(section, line, head[1], title, None)
            continue
        parent = section or part
        if item:
            parent.children.append(Block("item", first_sentence(item[1]), line.start, line.end, item[0],
                                         line.text, parent.path))
        else:
            parent.children.append(Block("para", first_sentence(line.text), line.start, line.end, None,
                                         line.text, parent.path))
    for block in parts:
        block.end = max([block.end] + [c.end for c in _walk(block)])
    return preamble, parts


# decimal outline numbers, as technical plans and PDFs write them: 2 重点任务 / 2.1 壮大产业集群 / 2.1.1 培育龙头企业
# (not an amount that opens a line: 1.5亿元, 2.3万亩)
_DECIMAL = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?(?P<gap>[ \u3000]*)(?=[\u4e00-\u9fff(（])"
                      r"(?![亿万千百十元个项家户人年月日号倍吨米公亩％%])")
_OUTLINE_FIRST = frozenset("0123456789*_<#")  # what a decimal outline line opens with (its number or emphasis)
_OUTLINE_KINDS = {1: ("item",), 2: ("part", "item"), 3: ("part", "section", "item")}


def _outline_number(text: str) -> tuple[tuple[int, ...], int] | None:
    """(the numbers, where the title starts) of a decimal outline line; a bare N needs a space after it."""
    m = _DECIMAL.match(plain_heading(text))
    if not m or "." not in m.group(1) and not m.group("gap"):
        return None
    return tuple(int(n) for n in m.group(1).split(".")), m.end()


def _decimal_outline(lines) -> dict[int, str] | None:
    """The level (part, section, item) of each depth of a decimal outline, when the plan numbers its headings so
    (two or more sub-levels opening at N.1): the deepest numbers are the items, the shallowest the parts."""
    numbers = [n for n in (_outline_number(line.text) for line in lines if line.text[0] in _OUTLINE_FIRST) if n]
    if sum(1 for n, _ in numbers if len(n) > 1 and n[-1] == 1) < 2:
        return None
    depths = sorted({len(n) for n, _ in numbers})
    kinds = _OUTLINE_KINDS.get(len(depths), ("part", "section") + ("item",) * (len(depths) - 2))
    return dict(zip(depths, kinds))


def _decimal_heading(line: Line, outline: dict[int, str]):
    """(heading, item) of a line of a decimal outline, as _heading and match_item give them; a line without an
    outline number may be a heading (一、) but no item (a bare 1. is no item of the outline)."""
    found = _outline_number(line.text)
    if not found:
        return _heading(line), None
    numbers, at = found
    body = plain_heading(line.text)[at:].rstrip()
    kind = outline.get(len(numbers))
    if kind == "item":
        return None, (numbers[-1], body)
    return (kind, body.rstrip(" *"), numbers[-1]), None


def heading_span(block: Block) -> tuple[int, int]:
    """The characters of a block's own line (a part's span covers its children)."""
    if block.kind not in ("part", "section"):
        return block.start, block.end
    end = block.start + len(block.text)
    if block.children and block.children[0].start < end:  # the body on the heading's line is a paragraph of its own
        end = block.children[0].start
    return block.start, end


def _rest_paragraph(heading: Block, line: Line, body: str, title: str, number: int | None) -> None:
    """The text after a heading's title on the same line, as a paragraph under it."""
    rest_at = line.text.find(body) + len(title)
    rest = line.text[rest_at:].lstrip("。 ")
    if rest.strip(" *"):
        offset = line.start + line.text.find(rest, rest_at)
        heading.children.append(Block("para", first_sentence(rest), offset, line.end, number, rest, heading.path))


def _walk(block: Block):
    return walk(block.children)


def walk(blocks: list[Block]):
    """Every block, depth first (a stack, not nested generators: one step per block however deep)."""
    stack = blocks[::-1]
    while stack:
        b = stack.pop()
        yield b
        stack.extend(b.children[::-1])


# ---- tables: 任务分工表 as pipe rows (| 序号 | 任务 | 牵头单位 |, also what the docx/html readers emit) or
# flattened one cell per line (序号 / 任务 / 牵头单位 / … then 1 / … / …)

_HEADER_CELL = re.compile(r"^[\u4e00-\u9fff()()/、\s]{2,14}$")
_NUMBER_ONLY = re.compile(r"^\d{1,3}\.?$")
_TASK_COLUMN = re.compile(r"任务|举措|事项|内容|措施|工作|名称|目标")
# a column that sorts the tasks (任务类别, 重点领域) names no task where another column does
_CATEGORY_COLUMN = re.compile(r"类别|分类|类型|领域|方面|板块")
_DEADLINE_COLUMN = re.compile(r"时限|期限|时间|完成时|截止")


@dataclass
class TableRow:
    start: int
    end: int
    number: int | None
    title: str  # the task cell's first sentence
    task_span: tuple[int, int]
    cells: list[tuple[str, int, int]]  # (column header, start, end) of every cell
    deadline: str = ""
    heading: bool = False  # a category row (一、提升政务服务效能 | | |): the title of the rows below it, no task
    category: str | None = None  # its cell in a category column (任务类别, 重点领域), spaces removed; None: no such column


def find_tables(text: str, role_of) -> list[TableRow]:
    """Rows of every task table in `text`; `role_of(header)` says whether a column holds units."""
    lines = split_lines(text)
    rows = _pipe_tables(text, lines, role_of)
    rows += _flat_tables(text, lines, role_of)
    rows += _spaced_tables(text, lines, role_of)
    rows += _bar_line_tables(text, lines, role_of)
    return sorted(rows, key=lambda r: r.start)


_BAR = re.compile(r"\|")
_GAP = re.compile(r" {2,}")  # the spaces that align a column (text copied from a PDF's table)


def _cells(line: Line, separator: re.Pattern, start: int = 0) -> list[tuple[str, int, int]]:
    """(text, start, end) of each cell of a line, split where `separator` matches from `start` on, spaces trimmed."""
    cells, at = [], start
    for m in [*separator.finditer(line.text, start), None]:
        stop = m.start() if m else len(line.text)
        part = line.text[at:stop]
        s = line.start + at + len(part) - len(part.lstrip())
        cells.append((part.strip(), s, s + len(part.strip())))
        at = m.end() if m else stop
    return cells


def _pipe_cells(line: Line) -> list[tuple[str, int, int]]:
    cells = _cells(line, _BAR, 1 if line.text.startswith("|") else 0)
    return cells[:-1] if len(cells) > 1 and line.text.endswith("|") and not cells[-1][0] else cells


def _pipe_row(line: str) -> bool:
    """A table row written with '|' between cells: `| a | b |`, or without the outer bars (`序号 | 任务 | 责任单位 |`,
    `1 | 建设平台 | 区科委`, `1|建设平台|区科委` from tabs), as pages and copied tables give them; prose holds no two
    bars, and a line of page chrome with bars (首页 | 通知公告) names no unit column, so it starts no table."""
    return line.startswith("|") or line.count("|") >= 2


def _pipe_tables(text, lines, role_of) -> list[TableRow]:
    rows: list[TableRow] = []
    header: list[str] | None = None
    under_header = False  # the row before was the header: this one may be its second level
    top: list[str] = []  # that header row's names
    cells_of = [_pipe_cells(line) if _pipe_row(line.text) else None for line in lines]  # each line split once
    for k, (line, cells) in enumerate(zip(lines, cells_of)):
        if cells is None:
            header = None
            continue
        if _rule_row(cells):
            continue
        two_level = _sub_header(top, cells, role_of) if under_header else None
        if two_level:  # a two-level header (责任单位 over 牵头单位 | 配合单位, merged in the source)
            header, under_header = two_level, False
            continue
        if header is None or k + 1 < len(lines) and cells_of[k + 1] is not None and _rule_row(cells_of[k + 1]):
            # a line over a |---| rule is a header, also where a second table follows the first with no text between
            top = [c[0] for c in cells]
            header = top if any(role_of(n) for n in top) else []
            under_header = True
            continue
        under_header = False
        if header:
            row = _row(text, header, cells, line.start, line.end, role_of)
            if row:
                rows.append(row)
    return rows


def _bar_line_groups(lines, start: int):
    """From lines[start]: groups of lines each ended by a line that is only `|`, as long as each holds a cell set off
    by a bar within BAR_ROW_LINES lines; yields (first line, end line) index pairs."""
    i = start
    while i < len(lines):
        k = i
        while k < len(lines) and lines[k].text != "|" and k - i < BAR_ROW_LINES:
            k += 1
        if k >= len(lines) or lines[k].text != "|" or k == i:
            return
        bar = next((j for j in range(i, k) if lines[j].text.startswith("|")), k)
        if (k - i > 3 and bar == k) or bar - i > 1 and any("。" in line.text or _heading_like(line.text)
                                                           for line in lines[i:bar]):
            return  # sentences or a heading before the first bar: text after the table, not a row's wrapped cell
        yield i, k
        i = k + 1


BAR_ROW_LINES = 12


def _bar_line_cells(text, lines, i: int, k: int) -> list[tuple[str, int, int]]:
    """The cells of lines[i:k]: each line that starts with `|` opens one, the lines before the first bar are the first
    cell, and lines without a bar continue the cell above (a name wrapped in a narrow column: 市政 / 府办 / 公厅)."""
    bounds: list[list[int]] = []
    for line in lines[i:k]:
        if line.text.startswith("|") or not bounds:
            at = line.start + 1 if line.text.startswith("|") else line.start
            bounds.append([at, line.end])
        else:
            bounds[-1][1] = line.end
    cells = []
    for s, e in bounds:
        part = text[s:e]
        s += len(part) - len(part.lstrip())
        cells.append((text[s:e].strip(), s, s + len(text[s:e].strip())))
    return cells


def _bar_line_tables(text, lines, role_of) -> list[TableRow]:
    """A table a legal database prints one cell per line, each cell after the first opened by `| `, each row closed
    by a line of its own `|` (牵头单位 / | 目标任务 / | 责任单位 / |). A row with fewer cells than the header lost its
    first column (and any after its own cells) to cells merged down in the source: those stand empty, as in a
    markdown table."""
    rows: list[TableRow] = []
    i = 0
    while i < len(lines):
        if not lines[i].text.startswith("|") or lines[i].text == "|" or "|" in lines[i].text[1:]:
            i += 1
            continue
        first = i - 1 if i and "|" not in lines[i - 1].text and _HEADER_CELL.match(lines[i - 1].text) else i
        groups = _bar_line_groups(lines, first)
        head = next(groups, None)
        if head is None:
            i += 1
            continue
        names = [re.sub(r"\s", "", c[0]) for c in _bar_line_cells(text, lines, *head)]
        if not (len(names) >= 3 and all(_HEADER_CELL.match(n) for n in names) and any(role_of(n) for n in names)
                and any(_TASK_COLUMN.search(n) and not role_of(n) for n in names)):
            i = head[1] + 1
            continue
        end = head[1]
        for a, b in groups:
            cells = _bar_line_cells(text, lines, a, b)
            if len(cells) > len(names):
                break
            if [re.sub(r"\s", "", c[0]) for c in cells] == names:  # the header again, on the next page
                end = b
                continue
            if len(cells) < len(names):  # the cells merged down from the row above stand empty, as a page shows them
                at, after = lines[a].start, lines[b - 1].end
                cells = [("", at, at), *cells] + [("", after, after)] * (len(names) - len(cells) - 1)
            row = _row(text, names, cells, lines[a].start, lines[b - 1].end, role_of)
            if row:
                rows.append(row)
            end = b
        i = end + 1
    return rows


def _sub_header(header: list[str], cells, role_of) -> list[str] | None:
    """The header's second level, if the row right under it is one: as many cells, only column names, a unit
    column among them (牵头单位 | 配合单位, or the bare 牵头 | 配合 under a 责任单位 spanning both); the names it gives
    replace those above them, the upper row names the rest."""
    names = [_role_column_name(c[0], role_of) for c in cells]
    if len(names) == len(header) > 0 and any(role_of(n) for n in names) and all(
            not n or _HEADER_CELL.match(n) and not _NUMBER_ONLY.match(n) for n in names):
        return [sub or name for name, sub in zip(header, names)]
    return None


def _role_column_name(name: str, role_of) -> str:
    """牵头 under a 责任单位 that spans two columns names the 牵头单位 column."""
    return name + "单位" if name and role_of(name) is None and role_of(name + "单位") else name


def _rule_row(cells) -> bool:
    """The |---|---| line under a markdown table's header."""
    return all(re.fullmatch(r":?-{2,}:?", c[0]) for c in cells if c[0])


def _spaced_tables(text, lines, role_of) -> list[TableRow]:
    """Tables whose columns are aligned with spaces (序号  工作任务  牵头单位  配合单位): a header line of three or more
    short column names, a unit column and a task column among them, then the lines with as many cells."""
    rows: list[TableRow] = []
    header: list[str] | None = None
    for line in lines:
        if "  " not in line.text or "|" in line.text:
            header = None
            continue
        cells = _cells(line, _GAP)
        if header and len(cells) == len(header):
            row = _row(text, header, cells, line.start, line.end, role_of)
            if row:
                rows.append(row)
            continue
        names = [c[0] for c in cells]
        header = names if len(names) >= 3 and all(_HEADER_CELL.match(n) for n in names) and any(
            role_of(n) for n in names) and any(_TASK_COLUMN.search(n) and not role_of(n) for n in names) else None
    return rows


def _flat_tables(text, lines, role_of) -> list[TableRow]:
    rows: list[TableRow] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _HEADER_CELL.match(lines[j].text) and not _NUMBER_ONLY.match(lines[j].text):
            j += 1
        names = [re.sub(r"\s", "", line.text) for line in lines[i:j]]
        for at, name in enumerate(names):
            if name in ("序号", "编号") and at:
                i, names = i + at, names[at:]
                break
        names = _join_wrapped_headers(names, role_of)
        if j - i >= 3 and any(role_of(n) for n in names) and any(_TASK_COLUMN.search(n) for n in names) \
                and (names[0] in ("序号", "编号") or _NUMBER_ONLY.match(lines[j].text if j < len(lines) else "")):
            has_number = names[0] in ("序号", "编号")
            width = len(names) - (1 if has_number else 0)
            k = j
            while k < len(lines):
                if has_number and _NUMBER_ONLY.match(lines[k].text):
                    m = k + 1
                    while m < len(lines) and not _NUMBER_ONLY.match(lines[m].text) and m - k <= width and not (
                            m - k > width - 1 and _heading_like(lines[m].text)):
                        m += 1
                    cells_lines = lines[k + 1:m]
                    if len(cells_lines) > width:
                        cells_lines = cells_lines[:width]
                    cells = [(c.text, c.start, c.end) for c in cells_lines]
                    header = names[1:] if has_number else names
                    row = _row(text, header, cells, lines[k].start, cells_lines[-1].end if cells_lines else lines[k].end,
                               role_of, int(lines[k].text.rstrip(".")))
                    if row:
                        rows.append(row)
                    k = k + 1 + len(cells_lines)
                elif _heading_like(lines[k].text) or _section_row(lines, k):
                    k += 1
                else:
                    break
            i = max(k, j)
            continue
        i = max(j, i + 1)
    return rows


_KNOWN_COLUMN = re.compile(r"序号|编号|备注|领导|责任人|联系人|时限|期限|时间|进度|标准|范围|依据|成果|形式")


def _join_wrapped_headers(names: list[str], role_of) -> list[str]:
    """A header cell wrapped over two lines (市政府 / 分管领导) is one column: a short fragment that names no column
    joins the next when together they do."""
    def known(n):
        return bool(role_of(n) or _TASK_COLUMN.search(n) or _KNOWN_COLUMN.search(n))
    out: list[str] = []
    for name in names:
        if out and len(out[-1]) <= 4 and not known(out[-1]) and known(out[-1] + name):
            out[-1] += name
        else:
            out.append(name)
    return out


def _section_row(lines, k: int) -> bool:
    """A line between a table's rows that is a section title whose number cell the copy left empty (强化科技创新支撑
    能力。), followed by a heading or the next row's number."""
    nxt = lines[k + 1].text if k + 1 < len(lines) else ""
    return len(lines[k].text) <= HEADING_MAX and bool(_NUMBER_ONLY.match(nxt) or _heading_like(nxt))


def _heading_like(line: str) -> bool:
    line = plain_heading(line)
    return bool(_PART.match(line) or _SECTION.match(line)) and len(line) <= HEADING_MAX


def _row(text, header, cells, start, end, role_of, number=None) -> TableRow | None:
    if len(cells) < 2:
        return None
    if number is None and header and header[0] in ("序号", "编号") and len(cells) == len(header):
        first = cells[0][0]
        number = int(first.rstrip(".")) if _NUMBER_ONLY.match(first) else None
    named = list(zip(header, cells))
    filled = [(h, c, s, e) for h, (c, s, e) in named if c]
    if len(cells) >= 3 and len(filled) == 1 and not role_of(filled[0][0]) and _heading_like(filled[0][1]):
        # one numbered title across an otherwise empty row (its cells merged in the source) heads the rows below
        _, c, s, e = filled[0]
        m = _PART.match(plain_heading(c)) or _SECTION.match(plain_heading(c))
        number = next((g for g in m.groups()[:-1] if g), None)
        return TableRow(start, end, cn_to_int(number) if number else None, m.groups()[-1].strip(),
                        (s, e), [(h, s_, e_) for h, (c_, s_, e_) in named], heading=True)
    # 任务类别 | 具体任务, or 主要任务 | 具体措施: the category column heads a programme, the other holds the task; an
    # empty category cell (merged in the source) keeps the one above
    upper = _upper_task_column(header, role_of)
    kinds = [("category" if k == upper or _CATEGORY_COLUMN.search(h) and not role_of(h) else
              "task" if _TASK_COLUMN.search(h) and not role_of(h) else "") for k, (h, _) in enumerate(named)]
    task = next(((s, e) for kind, (h, (c, s, e)) in zip(kinds, named) if kind == "task" and c), None) or next(
        ((s, e) for kind, (h, (c, s, e)) in zip(kinds, named) if kind and c), None)
    if task is None:
        task = next(((s, e) for h, (c, s, e) in named if not role_of(h) and len(c) > 4), (start, start))
    deadline = next((c for h, (c, s, e) in named if _DEADLINE_COLUMN.search(h) and not role_of(h)), "")
    category = next((re.sub(r"\s", "", c) for kind, (h, (c, s, e)) in zip(kinds, named)
                     if kind == "category" and (s, e) != task), None)
    title = first_sentence(text[task[0]:task[1]])
    return TableRow(start, end, number, title, task, [(h, s, e) for h, (c, s, e) in named], deadline,
                    category=category)


# a column of the measures that carry out a task above them (具体措施, 工作举措, 具体任务); a 内容 column only describes
# the task beside it (改革举措 | 主要内容)
_MEASURES_COLUMN = re.compile(r"措施|举措|具体任务|工作任务|任务分解|具体工作|事项")


def _upper_task_column(header, role_of) -> int | None:
    """The index of a task column with a column of measures after it (主要任务 | 具体措施), which then names the
    category of the rows rather than their tasks; None when the table has one task column."""
    tasks = [k for k, h in enumerate(header) if _TASK_COLUMN.search(h) and not role_of(h) and not _DEADLINE_COLUMN.search(h)]
    if len(tasks) < 2 or _CATEGORY_COLUMN.search(header[tasks[0]]):
        return None
    last = header[tasks[-1]]
    return tasks[0] if _MEASURES_COLUMN.search(last) and "内容" not in last else None
