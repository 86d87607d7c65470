"""Task × bureau responsibility matrix (牵头 / 配合 / 指导): built from store rows (pure), exported as XLSX and CSV."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from graph.model import ROLES
from graph.questions.catalogue import run_lookup
from viewer.vocabulary import ROLE_ZH

FIXED_COLUMNS = ["文件 Document", "工程 Programme", "序号 No.", "任务 Task", "完成时限 Deadline"]
ROLE_FILLS = {"lead": "F4B183", "support": "BDD7EE", "guide": "C5E0B4"}  # xlsx cell colours
ROLE_CSS = {"lead": "#F4B183", "support": "#BDD7EE", "guide": "#C5E0B4"}
_ORDER = {r: i for i, r in enumerate(ROLES)}


@dataclass
class Matrix:
    bureaus: list[dict]  # {id, label, name, lead, support, guide, total} in column order
    rows: list[dict]  # {id, document, programme, number, title, deadline, cells: {bureau id: [roles]}}
    documents: dict[str, str] = field(default_factory=dict)

    @property
    def columns(self) -> list[str]:
        return FIXED_COLUMNS + [b["label"] for b in self.bureaus]

    def cell(self, row: dict, bureau_id: str) -> str:
        return "/".join(ROLE_ZH.get(r, r) for r in row["cells"].get(bureau_id, []))

    @property
    def several_documents(self) -> bool:
        return len({r["document"] for r in self.rows}) > 1

    def table(self) -> list[list]:
        """Header row, then one row per task (roles written in Chinese)."""
        out = [self.columns]
        for r in self.rows:
            out.append([self.documents.get(r["document"], r["document"]), r["programme"], r["number"], r["title"],
                        r.get("deadline") or ""] + [self.cell(r, b["id"]) for b in self.bureaus])
        return out

    def totals(self) -> list[list]:
        """Summary rows: leads, supports, guides and all per bureau."""
        out = []
        for key, zh in (("lead", "牵头合计 leads"), ("support", "配合合计 supports"), ("guide", "指导合计 guides"),
                        ("total", "合计 total")):
            if key == "guide" and not any(b["guide"] for b in self.bureaus):
                continue
            out.append(["", "", "", zh, ""] + [b[key] for b in self.bureaus])
        return out

    def dataframe(self):
        import pandas as pd

        t = self.table()
        return pd.DataFrame(t[1:], columns=t[0])


def fetch_matrix_rows(store) -> dict[str, list[dict]]:
    return {"tasks": run_lookup(store, "tasks"), "programmes": run_lookup(store, "task_programmes"),
            "documents": run_lookup(store, "documents"), "responsibilities": run_lookup(store, "task_owners"),
            "deadlines": [{"id": t["id"], "deadline": t["deadline"]} for t in run_lookup(store, "task_sheet")]}


def build_matrix(data: dict[str, list[dict]], *, sort: str = "workload", programmes: set[str] | None = None,
                 roles: set[str] | None = None, documents: set[str] | None = None) -> Matrix:
    """Pure: rows grouped by document and programme (in plan order), columns sorted by workload or name.

    sort: "workload" (total desc, then leads desc) or "name". programmes: keep only these programme names.
    roles: count and show only these roles. documents: keep only these plans (document ids); the columns are
    then the plan's own bureaus, since a bureau is a column only when it owns a shown task.
    """
    prog_no = {p["task"]: p["number"] or 0 for p in data.get("programmes", [])}
    docs = {d["id"]: d["title"] or d["id"] for d in data.get("documents", [])}
    deadlines = {d["id"]: d.get("deadline") or "" for d in data.get("deadlines", [])}
    tasks = [t for t in data["tasks"] if (not programmes or t.get("programme") in programmes)
             and (not documents or t.get("document") in documents)]
    tasks.sort(key=lambda t: (docs.get(t["document"], t["document"] or ""), prog_no.get(t["id"], 0),
                              t.get("number") or 0, t.get("seq") or 0))
    rows = {t["id"]: {"id": t["id"], "document": t["document"], "programme": t.get("programme") or "",
                      "number": t.get("number"), "title": t.get("title") or "",
                      "deadline": deadlines.get(t["id"], ""), "cells": {}} for t in tasks}
    bureaus: dict[str, dict] = {}
    for r in data["responsibilities"]:
        if r["task"] not in rows or (roles and r["role"] not in roles):
            continue
        b = bureaus.setdefault(r["bureau"], {"id": r["bureau"], "short": r["short_name"] or r["name"],
                                             "name": r["name"], "jurisdiction": r.get("jurisdiction") or "",
                                             "lead": 0, "support": 0, "guide": 0, "total": 0})
        cell = rows[r["task"]]["cells"].setdefault(r["bureau"], [])
        if r["role"] not in cell:
            cell.append(r["role"])
            cell.sort(key=lambda x: _ORDER.get(x, 9))
            if r["role"] in ("lead", "support", "guide"):
                b[r["role"]] += 1
            b["total"] += 1
    # two bureaus with one short name (区金融办 of two districts) get their jurisdiction added
    shorts: dict[str, int] = {}
    for b in bureaus.values():
        shorts[b["short"]] = shorts.get(b["short"], 0) + 1
    for b in bureaus.values():
        b["label"] = b["short"] if shorts[b["short"]] == 1 else f"{b['short']}({b['jurisdiction'] or b['id']})"
    cols = list(bureaus.values())
    if sort == "name":
        cols.sort(key=lambda b: b["label"])
    else:
        cols.sort(key=lambda b: (-b["total"], -b["lead"], b["label"]))
    return Matrix(cols, list(rows.values()), docs)


def to_csv(m: Matrix) -> bytes:
    """UTF-8 with BOM so that Excel opens the Chinese text correctly."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    for row in m.table() + m.totals():
        w.writerow(row)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(m: Matrix) -> bytes:
    """A formatted workbook that prints: bureau names stacked vertically in narrow columns, frozen header row and
    task columns, coloured lead/support cells, per-bureau totals below, a legend sheet; printed on A3 landscape,
    fit to the page width, with the header row and the task columns repeated on every page.
    With one plan the document column is left out (its title is on every row)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "责任矩阵 Matrix"
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_fill = PatternFill("solid", fgColor="1F3864")
    band_fill = PatternFill("solid", fgColor="F2F2F2")
    fills = {ROLE_ZH[r]: PatternFill("solid", fgColor=c) for r, c in ROLE_FILLS.items()}
    skip = 0 if m.several_documents else 1  # leading columns left out
    fixed = len(FIXED_COLUMNS) - skip
    table = [row[skip:] for row in m.table()]
    totals = [row[skip:] for row in m.totals()]
    ws.append(table[0])
    for c in range(1, len(table[0]) + 1):
        cell = ws.cell(row=1, column=c)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = header_fill
        # 255 stacks the characters top to bottom, the way Chinese column heads are written
        cell.alignment = Alignment(horizontal="center", vertical="center" if c <= fixed else "top",
                                   wrap_text=c <= fixed, textRotation=0 if c <= fixed else 255)
        cell.border = border
    band, last_prog = False, None
    prog_col = 1 - skip  # index of the programme column in a row
    for values in table[1:]:
        ws.append(values)
        r = ws.max_row
        if values[prog_col] != last_prog:
            band, last_prog = not band, values[prog_col]
        for c in range(1, len(values) + 1):
            cell = ws.cell(row=r, column=c)
            cell.border = border
            if c <= fixed:
                cell.alignment = Alignment(vertical="center", wrap_text=True)
                if band:
                    cell.fill = band_fill
            else:
                cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
                first = str(cell.value or "").split("/")[0]
                if first in fills:
                    cell.fill = fills[first]
                    cell.font = Font(bold=first == ROLE_ZH["lead"])
    for values in totals:
        ws.append(values)
        for c in range(1, len(values) + 1):
            cell = ws.cell(row=ws.max_row, column=c)
            cell.font = Font(bold=True)
            cell.border = border
            if c > fixed:
                cell.alignment = Alignment(horizontal="center")
    first_role_col = get_column_letter(fixed + 1)
    ws.freeze_panes = f"{first_role_col}2"
    longest = max([len(str(h)) for h in table[0][fixed:]] or [4])
    ws.row_dimensions[1].height = max(60, min(160, 15 * longest))  # points: one stacked character ≈ 15 pt
    widths = [24, 22, 5, 32, 11][skip:]
    for c, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = width
    for c in range(fixed + 1, len(table[0]) + 1):
        ws.column_dimensions[get_column_letter(c)].width = 5.5
    last = get_column_letter(len(table[0]))
    ws.auto_filter.ref = f"A1:{last}{len(table)}"
    ws.print_title_rows = "1:1"
    ws.print_title_cols = f"A:{get_column_letter(fixed)}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A3
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as it takes
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.print_options.gridLines = False
    title = next(iter(m.documents.values()), "") if not m.several_documents else ""
    ws.oddHeader.center.text = f"{title} 责任矩阵".strip()
    ws.oddFooter.center.text = "第 &P 页 / 共 &N 页"
    legend = wb.create_sheet("图例 Legend")
    legend.append(["角色 Role", "含义 Meaning"])
    for role, colour in ROLE_FILLS.items():
        legend.append([ROLE_ZH[role], role])
        legend.cell(row=legend.max_row, column=1).fill = PatternFill("solid", fgColor=colour)
    legend.column_dimensions["A"].width = 14
    legend.column_dimensions["B"].width = 14
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def matrix_html(m: Matrix, *, present: bool = False) -> str:
    """The matrix as one HTML table that fits a 1920-px screen: bureau short names written vertically in narrow
    columns, roles as one coloured character (牵/配/指), the deadline beside the task. Text is escaped."""
    from html import escape

    size = 20 if present else 14
    head = "".join(f'<th class="kg-b" title="{escape(b["name"])}"><span>{escape(b["label"])}</span></th>'
                   for b in m.bureaus)
    show_doc = m.several_documents
    body, last = [], None
    for r in m.rows:
        group = (r["document"], r["programme"])
        if group != last:
            label = (m.documents.get(r["document"], "") + " · " if show_doc else "") + (r["programme"] or "")
            body.append(f'<tr class="kg-g"><td colspan="{3 + len(m.bureaus)}">{escape(label)}</td></tr>')
            last = group
        cells = []
        for b in m.bureaus:
            roles = r["cells"].get(b["id"], [])
            if roles:
                role = roles[0]
                cells.append(f'<td class="kg-r" style="background:{ROLE_CSS.get(role, "#EEE")}" '
                             f'title="{escape(b["label"])} · {escape(m.cell(r, b["id"]))}">'
                             f'{escape(ROLE_ZH.get(role, role)[0])}</td>')
            else:
                cells.append("<td></td>")
        no = "" if r["number"] is None else escape(str(r["number"]))
        body.append(f'<tr><td class="kg-n">{no}</td><td class="kg-t">{escape(r["title"])}</td>'
                    f'<td class="kg-d">{escape(r.get("deadline") or "")}</td>{"".join(cells)}</tr>')
    totals = "".join(f"<td><b>{b['total']}</b></td>" for b in m.bureaus)
    return f"""<style>
table.kg-m {{ border-collapse: collapse; font-size: {size}px; line-height: 1.3; color: #000; background: #FFF; }}
table.kg-m th, table.kg-m td {{ border: 1px solid #BFBFBF; padding: 2px 4px; }}
table.kg-m th {{ background: #1F3864; color: #FFF; vertical-align: bottom; }}
table.kg-m th.kg-b {{ width: {size + 12}px; padding: 4px 2px; }}
table.kg-m th.kg-b span {{ writing-mode: vertical-rl; white-space: nowrap; display: inline-block; }}
table.kg-m td.kg-r {{ text-align: center; font-weight: bold; }}
table.kg-m td.kg-t {{ min-width: 14em; max-width: 26em; }}
table.kg-m td.kg-d {{ white-space: nowrap; }}
table.kg-m tr.kg-g td {{ background: #F2F2F2; font-weight: bold; }}
</style>
<table class="kg-m" data-testid="kg-matrix"><thead><tr><th>序号</th><th>任务 Task</th><th>完成时限</th>{head}</tr>
</thead><tbody>{"".join(body)}<tr><td></td><td><b>合计 total</b></td><td></td>{totals}</tr></tbody></table>"""
