"""Rows of a 任务分工表 read from a PDF, spreadsheet or CSV, cleaned and written as `| a | b | c |` lines."""
from __future__ import annotations

import re

from loaders.duties import column_role

_CJK_OR_PUNCT = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef、,。;:()]")
_NUMBER = re.compile(r"^\d{1,4}\.?$")
# columns a task table has besides the unit columns (column_role): a header row names at least one of each kind
_OTHER_COLUMN = re.compile(r"序号|编号|任务|举措|事项|内容|措施|工作|名称|目标|时限|期限|时间|进度|备注")


def join_wrapped(cell: str | None) -> str:
    """A cell's text with the line breaks its column width made removed: no space between Chinese characters
    (区经济和信\\n息化局 is one name), one space between Latin words."""
    if not cell:
        return ""
    parts = [p.strip() for p in str(cell).splitlines() if p.strip()]
    out = ""
    for part in parts:
        if out and not (_CJK_OR_PUNCT.match(out[-1]) or _CJK_OR_PUNCT.match(part[0])):
            out += " "
        out += part
    return out.replace("|", "/")


def header_key(cells: list[str]) -> tuple[str, ...]:
    return tuple(re.sub(r"\s", "", c) for c in cells)


def is_header(cells: list[str]) -> bool:
    """A header row: a unit column (牵头单位, 责任部门 …) and another task-table column (序号, 任务, 完成时限 …), and no
    cell that is a task number."""
    names = [re.sub(r"\s", "", c) for c in cells if c]
    return (any(column_role(n) for n in names) and any(_OTHER_COLUMN.search(n) and not column_role(n) for n in names)
            and not any(_NUMBER.match(n) for n in names) and all(len(n) <= 14 for n in names))


def find_header(rows: list[list[str]]) -> int | None:
    """Index of the header row among the first rows (a title or a note may stand above it)."""
    for i, row in enumerate(rows[:10]):
        if is_header(row):
            return i
    return None


def pipe_line(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


class TableWriter:
    """Collects the rows of tables that may continue over pages or sheets and writes them as pipe lines.

    A header that repeats the one in force is dropped (printed on every page, it is not a task); a row whose number
    cell is empty while the table's rows are numbered continues the row above (a task cell that ran over a page
    break, or a cell merged down), so its cells are appended to that row's.
    """

    def __init__(self) -> None:
        self.lines: list[str | list[str]] = []  # text lines, or the cells of a table row (still open for merging)
        self.header: tuple[str, ...] | None = None
        self.header_cells: list[str] = []
        self.numbered = False
        self.open_row: list[str] | None = None  # the last row, while only page furniture came after it
        self.layout: dict[int, tuple[bool, bool]] = {}  # line index -> what the page layout says (see formats.py)

    def text(self, line: str, *, furniture: bool = False, layout: tuple[bool, bool] | None = None) -> None:
        """A line of text; `furniture` (a page number, a page break) does not interrupt a table."""
        if layout is not None:
            self.layout[len(self.lines)] = layout
        self.lines.append(line)
        if not furniture:
            self.open_row = None

    @property
    def in_table(self) -> bool:
        return self.open_row is not None

    def rows(self, rows: list[list[str | None]], *, continues: bool = False, title: str = "") -> None:
        """Rows of one table as extracted; `continues`: it may be the table read last, on its next page or sheet;
        `title` (a sheet's name) is written above the table when it starts a new one."""
        cleaned = [[join_wrapped(c) for c in row] for row in rows]
        cleaned = [r for r in cleaned if any(r)]
        if not cleaned:
            return
        continues = continues and self.in_table
        at = find_header(cleaned)
        if at is not None:
            key = header_key(cleaned[at])
            if key != self.header or not continues:
                if title:
                    self.text(title)
                for above in cleaned[:at]:  # a title row above the header is text
                    self.text(" ".join(c for c in above if c))
                self.header, self.header_cells = key, list(cleaned[at])
                self.numbered = key[0] in ("序号", "编号")
                self.lines.append(pipe_line(cleaned[at]))
                self.open_row = None
            cleaned = cleaned[at + 1:]
        elif self.header is None or len(cleaned[0]) != len(self.header) or (not continues and not self.numbered) or (
                self.numbered and not _NUMBER.match(cleaned[0][0] or ("0" if continues else ""))):
            for row in cleaned:  # no header and not the shape of the table before: not a task table, keep its text
                self.text(" ".join(c for c in row if c))
            return
        elif not continues:  # the table before, its rows numbered on, after a running page header: repeat its header
            self.lines.append(pipe_line(self.header_cells))
        for row in cleaned:
            last = self.open_row
            if self.numbered and not row[0] and last is not None and len(last) == len(row):
                for k, cell in enumerate(row):
                    last[k] = last[k] + cell if cell else last[k]
                continue
            self.lines.append(row)
            self.open_row = row

    def render(self) -> list[str]:
        return [pipe_line(x) if isinstance(x, list) else x for x in self.lines]

    def render_with_layout(self) -> list[tuple[str, tuple[bool, bool] | None]]:
        return [(line, self.layout.get(i)) for i, line in enumerate(self.render())]
