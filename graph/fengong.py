"""The 分工表 (division-of-work sheet): one row per task with its lead and supporting units, deadline and source."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from graph.questions.catalogue import run_lookup

COLUMNS = ["序号", "任务", "牵头单位", "配合单位", "完成时限", "来源条款"]
_SEP = "、"  # how plans themselves list several units


@dataclass(frozen=True)
class SheetRow:
    number: str
    task: str
    leads: tuple[str, ...]
    supports: tuple[str, ...]
    deadline: str
    source: str
    task_id: str = ""

    def cells(self) -> list[str]:
        return [self.number, self.task, _SEP.join(self.leads), _SEP.join(self.supports), self.deadline,
                self.source]


def fetch_sheet_rows(store) -> dict[str, list[dict]]:
    """The store rows the sheet is built from (lookups task_sheet, task_owners and documents)."""
    return {"tasks": run_lookup(store, "task_sheet"), "owners": run_lookup(store, "task_owners"),
            "documents": run_lookup(store, "documents")}


def build_sheet(data: dict[str, list[dict]], *, document: str | None = None) -> list[SheetRow]:
    """Pure: one row per task in plan order. Leads are the lead units, 配合单位 everything else (guides marked 指导).

    document: keep only the tasks of this document id. With several plans the source names the plan's number.
    """
    docs = {d["id"]: d for d in data.get("documents", [])}
    several = len({t["document"] for t in data["tasks"]}) > 1
    owners: dict[str, dict[str, list[str]]] = {}
    for r in data["owners"]:
        name = r.get("short_name") or r.get("name") or r["bureau"]
        roles = owners.setdefault(r["task"], {"lead": [], "support": []})
        if r["role"] == "lead":
            group, label = "lead", name
        else:
            group, label = "support", name if r["role"] == "support" else f"{name}(指导)"
        if label not in roles[group]:
            roles[group].append(label)
    rows = []
    tasks = [t for t in data["tasks"] if document is None or t["document"] == document]
    tasks.sort(key=lambda t: (t["document"] or "", t.get("seq") or 0))
    for t in tasks:
        own = owners.get(t["id"], {"lead": [], "support": []})
        section = (t.get("section") or "").replace(" / ", "/")
        doc = docs.get(t["document"]) or {}
        source = " ".join(x for x in ((doc.get("doc_number") or doc.get("title")) if several else "", section) if x)
        rows.append(SheetRow(number="" if t.get("number") is None else str(t["number"]),
                             task=t.get("title") or "", leads=tuple(own["lead"]), supports=tuple(own["support"]),
                             deadline=t.get("deadline") or "", source=source, task_id=t["id"]))
    return rows


def sheet_title(data: dict[str, list[dict]]) -> str:
    titles = [d.get("title") for d in data.get("documents", []) if d.get("title")]
    return (titles[0] if len(titles) == 1 else "重点任务") + " 任务分工表"


def to_csv(rows: list[SheetRow]) -> bytes:
    """UTF-8 with BOM, CRLF lines: Excel opens the Chinese text correctly."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(COLUMNS)
    for r in rows:
        w.writerow(r.cells())
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(rows: list[SheetRow], title: str = "任务分工表") -> bytes:
    """A print-ready workbook: title row, bordered wrapped cells, A4 portrait fit to width, header row repeated."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "任务分工表"
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    ws.cell(row=1, column=1).font = Font(bold=True, size=16)
    ws.cell(row=1, column=1).alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 30
    ws.append(COLUMNS)
    for c in range(1, len(COLUMNS) + 1):
        cell = ws.cell(row=2, column=c)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="D9D9D9")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
    for r in rows:
        ws.append(r.cells())
        for c in range(1, len(COLUMNS) + 1):
            cell = ws.cell(row=ws.max_row, column=c)
            cell.border = border
            cell.alignment = Alignment(vertical="center", wrap_text=True, horizontal="center" if c == 1 else None)
    for c, width in enumerate([6, 40, 16, 34, 12, 26], 1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = "A3"
    ws.print_title_rows = "2:2"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
