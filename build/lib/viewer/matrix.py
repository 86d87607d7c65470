"""Task × bureau responsibility matrix (牵头 / 配合 / 指导): built from store rows (pure), exported as XLSX and CSV."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from graph.model import ROLES
from graph.questions.catalogue import run_lookup
from viewer.vocabulary import ROLE_ZH

FIXED_COLUMNS = ["文件 Document", "工程 Programme", "序号 No.", "任务 Task"]
ROLE_FILLS = {"lead": "F4B183", "support": "BDD7EE", "guide": "C5E0B4"}  # xlsx cell colours
ROLE_CSS = {"lead": "#F4B183", "support": "#BDD7EE", "guide": "#C5E0B4"}
_ORDER = {r: i for i, r in enumerate(ROLES)}


@dataclass
class Matrix:
    bureaus: list[dict]  # {id, label, name, lead, support, guide, total} in column order
    rows: list[dict]  # {id, document, programme, number, title, cells: {bureau id: [roles]}}
    documents: dict[str, str] = field(default_factory=dict)

    @property
    def columns(self) -> list[str]:
        return FIXED_COLUMNS + [b["label"] for b in self.bureaus]

    def cell(self, row: dict, bureau_id: str) -> str:
        return "/".join(ROLE_ZH.get(r, r) for r in row["cells"].get(bureau_id, []))

    def table(self) -> list[list]:
        """Header row, then one row per task (roles written in Chinese)."""
        out = [self.columns]
        for r in self.rows:
            out.append([self.documents.get(r["document"], r["document"]), r["programme"], r["number"], r["title"]]
                       + [self.cell(r, b["id"]) for b in self.bureaus])
        return out

    def totals(self) -> list[list]:
        """Summary rows: leads, supports, guides and all per bureau."""
        out = []
        for key, zh in (("lead", "牵头合计 leads"), ("support", "配合合计 supports"), ("guide", "指导合计 guides"),
                        ("total", "合计 total")):
            if key == "guide" and not any(b["guide"] for b in self.bureaus):
                continue
            out.append(["", "", "", zh] + [b[key] for b in self.bureaus])
        return out

    def dataframe(self):
        import pandas as pd

        t = self.table()
        return pd.DataFrame(t[1:], columns=t[0])


def fetch_matrix_rows(store) -> dict[str, list[dict]]:
    return {"tasks": run_lookup(store, "tasks"), "programmes": run_lookup(store, "task_programmes"),
            "documents": run_lookup(store, "documents"), "responsibilities": run_lookup(store, "task_owners")}


def build_matrix(data: dict[str, list[dict]], *, sort: str = "workload", programmes: set[str] | None = None,
                 roles: set[str] | None = None) -> Matrix:
    """Pure: rows grouped by document and programme (in plan order), columns sorted by workload or name.

    sort: "workload" (total desc, then leads desc) or "name". programmes: keep only these programme names.
    roles: count and show only these roles.
    """
    prog_no = {p["task"]: p["number"] or 0 for p in data.get("programmes", [])}
    docs = {d["id"]: d["title"] or d["id"] for d in data.get("documents", [])}
    tasks = [t for t in data["tasks"] if not programmes or t.get("programme") in programmes]
    tasks.sort(key=lambda t: (docs.get(t["document"], t["document"] or ""), prog_no.get(t["id"], 0),
                              t.get("number") or 0, t.get("seq") or 0))
    rows = {t["id"]: {"id": t["id"], "document": t["document"], "programme": t.get("programme") or "",
                      "number": t.get("number"), "title": t.get("title") or "", "cells": {}} for t in tasks}
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
    """A formatted workbook: frozen header row and task columns, column widths, coloured lead/support cells,
    per-bureau totals below, and a legend sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "责任矩阵 Matrix"
    thin = Side(style="thin", color="BFBFBF")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_fill = PatternFill("solid", fgColor="1F3864")
    band_fill = PatternFill("solid", fgColor="F2F2F2")
    fills = {ROLE_ZH[r]: PatternFill("solid", fgColor=c) for r, c in ROLE_FILLS.items()}
    table = m.table()
    ws.append(table[0])
    for c in range(1, len(table[0]) + 1):
        cell = ws.cell(row=1, column=c)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = header_fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
    band, last_prog = False, None
    for values in table[1:]:
        ws.append(values)
        r = ws.max_row
        if values[1] != last_prog:
            band, last_prog = not band, values[1]
        for c in range(1, len(values) + 1):
            cell = ws.cell(row=r, column=c)
            cell.border = border
            if c <= len(FIXED_COLUMNS):
                cell.alignment = Alignment(vertical="center", wrap_text=c in (1, 2, 4))
                if band:
                    cell.fill = band_fill
            else:
                cell.alignment = Alignment(horizontal="center", vertical="center")
                first = str(cell.value or "").split("/")[0]
                if first in fills:
                    cell.fill = fills[first]
                    cell.font = Font(bold=first == ROLE_ZH["lead"])
    for values in m.totals():
        ws.append(values)
        for c in range(1, len(values) + 1):
            cell = ws.cell(row=ws.max_row, column=c)
            cell.font = Font(bold=True)
            cell.border = border
            if c > len(FIXED_COLUMNS):
                cell.alignment = Alignment(horizontal="center")
    ws.freeze_panes = "E2"
    ws.row_dimensions[1].height = 48
    for c, width in enumerate([24, 22, 7, 34], 1):
        ws.column_dimensions[get_column_letter(c)].width = width
    for c in range(len(FIXED_COLUMNS) + 1, len(table[0]) + 1):
        ws.column_dimensions[get_column_letter(c)].width = max(8, min(16, len(str(table[0][c - 1])) * 2 + 2))
    ws.auto_filter.ref = f"A1:{get_column_letter(len(table[0]))}{len(table)}"
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
