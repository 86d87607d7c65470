"""The ledger as an Excel workbook for the bureaus (status drop-down) and the sheets they send back, validated."""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from graph.ledger import (STATUSES, TASK_LEVEL, LedgerError, LedgerTask, current_records, is_overdue, make_record,
                          new_records, read_records, read_tasks, save_records)

COLUMNS = ("序号", "任务", "牵头单位", "配合单位", "完成时限", "状态", "进展情况", "填报单位", "填报日期", "任务ID")
WIDTHS = (6, 40, 18, 24, 12, 10, 48, 16, 12, 4)
META = "_meta"  # a hidden sheet: which plan the workbook is for, which bureau each sheet is for
PLAN_SHEET = "台账"
WHOLE_TASK = "(task)"  # _meta's name for a sheet of reports on whole tasks (an empty cell would not be kept)
_OVERDUE_FILL = PatternFill("solid", fgColor="FDE2E1")
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")


@dataclass
class ImportReport:
    applied: list[dict] = field(default_factory=list)
    unchanged: int = 0
    refused: list[tuple[str, int, str]] = field(default_factory=list)  # (sheet, row, reason)
    written: bool = False


# -- export --------------------------------------------------------------------------------------------------
def _sheet_name(name: str, used: set[str]) -> str:
    clean = "".join("_" if c in '[]:*?/\\' else c for c in name)[:28] or "sheet"
    out, n = clean, 2
    while out in used:
        out, n = f"{clean[:26]}_{n}", n + 1
    used.add(out)
    return out


def export_workbook(store, plan: str, output: Path, *, by_bureau: bool = False, bureau: str = "",
                    as_of: date | None = None) -> dict[str, int]:
    """Write the plan's ledger to `output` (sheet name → rows): one sheet for the plan, or one per bureau (only
    `bureau`'s when given), pre-filled with the current reports; written to a temporary file, then moved."""
    as_of = as_of or date.today()
    tasks = read_tasks(store, plan)
    if not tasks:
        raise LedgerError(f"The plan {plan} has no tasks in the store; load it first.")
    latest = current_records(read_records(store, plan))
    wb = Workbook()
    wb.remove(wb.active)
    meta = wb.create_sheet(META)
    meta.append(["plan", plan])
    sheets: dict[str, int] = {}
    used = {META}
    if by_bureau or bureau:
        owners = {}
        for t in tasks.values():
            for o in t.owners:
                owners.setdefault(o.bureau, o)
        chosen = [o for o in owners.values() if not bureau or o.answers_to(bureau)]
        if bureau and not chosen:
            raise LedgerError(f"{bureau} owns no task of this plan; check the name (python -m graph ledger show).")
        for o in chosen:
            mine = [t for t in tasks.values() if any(x.bureau == o.bureau for x in t.owners)]
            name = _sheet_name(o.short_name or o.name, used)
            meta.append(["sheet", name, o.bureau])
            sheets[name] = _fill(wb.create_sheet(name), mine, latest, o.bureau, o.short_name or o.name, as_of)
    else:
        meta.append(["sheet", PLAN_SHEET, WHOLE_TASK])
        sheets[PLAN_SHEET] = _fill(wb.create_sheet(PLAN_SHEET), list(tasks.values()), latest, TASK_LEVEL, "", as_of)
    meta.sheet_state = "hidden"
    wb.move_sheet(META, offset=len(wb.sheetnames))
    wb.active = 0
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".xlsx", dir=output.parent)
    os.close(fd)
    try:
        wb.save(tmp)
        os.replace(tmp, output)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return sheets


def _fill(ws, tasks: list[LedgerTask], latest: dict, duty: str, reporter: str, as_of: date) -> int:
    ws.append(list(COLUMNS))
    for cell in ws[1]:
        cell.font, cell.fill = Font(bold=True), _HEAD_FILL
    for i, width in enumerate(WIDTHS):
        ws.column_dimensions[chr(ord("A") + i)].width = width
    ws.column_dimensions["J"].hidden = True
    ws.freeze_panes = "A2"
    for t in tasks:
        rec = latest.get((t.task, duty)) or (latest.get((t.task, TASK_LEVEL)) if duty else None)
        own = rec if rec and rec["bureau"] == duty else None  # a sheet shows only the report it would send back
        status = rec["status"] if rec else "未启动"
        ws.append([t.number, t.title, "、".join(t.names("lead")), "、".join(t.names("support")), t.deadline,
                   own["status"] if own else "", own["note"] if own else "",
                   _reporter_name(t, own["reported_by"]) if own else reporter,
                   own["reported_on"] if own else "", t.task])
        if is_overdue(t.deadline, status, as_of):
            for cell in ws[ws.max_row]:
                cell.fill = _OVERDUE_FILL
            ws.cell(ws.max_row, 5).font = Font(color="C00000", bold=True)
        ws.cell(ws.max_row, 2).alignment = ws.cell(ws.max_row, 7).alignment = Alignment(wrap_text=True)
    dv = DataValidation(type="list", formula1='"' + ",".join(STATUSES) + '"', allow_blank=True,
                        showErrorMessage=True, errorTitle="状态", error="请从下拉列表中选择:" + "、".join(STATUSES))
    dv.add(f"F2:F{max(ws.max_row, 2)}")
    ws.add_data_validation(dv)
    return len(tasks)


def _reporter_name(task: LedgerTask, bureau_id: str) -> str:
    o = next((o for o in task.owners if o.bureau == bureau_id), None)
    return (o.short_name or o.name) if o else bureau_id.removeprefix("bureau/")


# -- import --------------------------------------------------------------------------------------------------
def read_workbook(path: Path) -> tuple[str, list[tuple[str, str, int, dict]]]:
    """(plan id, rows as (sheet, duty bureau id, row number, {column: value})) of a workbook export_workbook wrote;
    rows with neither a status nor a note are left out (nothing reported)."""
    try:
        wb = load_workbook(path, data_only=True)
    except FileNotFoundError:
        raise LedgerError(f"No file {path}.") from None
    except Exception as exc:  # openpyxl raises several types for a file that is not a workbook
        raise LedgerError(f"Cannot read {path} as an Excel workbook (.xlsx): {type(exc).__name__}.") from None
    if META not in wb.sheetnames:
        raise LedgerError(f"{path} is not a ledger workbook (no {META} sheet); start from one written by "
                          "python -m graph ledger export.")
    plan, duties = "", {}
    for row in wb[META].iter_rows(values_only=True):
        row = (*row, None, None, None)
        if row[0] == "plan":
            plan = str(row[1] or "")
        elif row[0] == "sheet" and row[1] and row[2]:
            duties[str(row[1])] = TASK_LEVEL if row[2] == WHOLE_TASK else str(row[2])
    rows = []
    for name in wb.sheetnames:
        if name == META:
            continue
        if name not in duties:
            raise LedgerError(f"{path}: sheet '{name}' was not in the exported workbook; rename it back or remove it.")
        ws = wb[name]
        header = [str(c).strip() if c is not None else "" for c in next(ws.iter_rows(max_row=1, values_only=True), ())]
        missing = [c for c in COLUMNS if c not in header]
        if missing:
            raise LedgerError(f"{path}: sheet '{name}' lacks the columns {'、'.join(missing)}; keep the exported header.")
        at = {c: header.index(c) for c in COLUMNS}
        for n, values in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
            cells = {c: values[i] if i < len(values) else None for c, i in at.items()}
            if _blank(cells["状态"]) and _blank(cells["进展情况"]):
                continue
            rows.append((name, duties[name], n, cells))
    return plan, rows


def _blank(v) -> bool:
    return v is None or str(v).strip() == ""


def import_workbook(store, path: Path, *, strict: bool = False, dry_run: bool = False,
                    today: date | None = None) -> ImportReport:
    """Validate every row (unknown task, unknown status, a date in the future, a bureau reporting on a task it does
    not own), then write the valid new reports in one transaction, or none with `strict` when a row was refused.
    A report equal to the current one is not written again, so a second import of the same file changes nothing."""
    today = today or date.today()
    plan, rows = read_workbook(Path(path))
    tasks = read_tasks(store, plan)
    if not tasks:
        raise LedgerError(f"{path} is for the plan {plan}, which is not in the store; load the plan first.")
    report, candidates = ImportReport(), []
    for sheet, duty, n, cells in rows:
        try:
            task = _row_task(tasks, cells)
            bureau = next((o.short_name or o.name for o in task.owners if o.bureau == duty), "") if duty else ""
            if duty and not bureau:
                raise LedgerError(f"the sheet's bureau does not own task {task.number}")
            if _blank(cells["填报日期"]):
                raise LedgerError("填报日期 is empty; write the date of the report, e.g. 2026-03-31")
            candidates.append(make_record(task, status=str(cells["状态"] or ""), bureau=bureau,
                                          reported_by=str(cells["填报单位"] or bureau or ""),
                                          note=str(cells["进展情况"] or ""), reported_on=cells["填报日期"],
                                          today=today, source=f"xlsx:{Path(path).name}#{sheet}!{n}"))
        except LedgerError as exc:
            report.refused.append((sheet, n, str(exc)))
    fresh, same = new_records(store, candidates)
    report.applied, report.unchanged = fresh, len(same)
    if dry_run or (strict and report.refused):
        return report
    save_records(store, fresh)
    report.written = bool(fresh)
    return report


def _row_task(tasks: dict[str, LedgerTask], cells: dict) -> LedgerTask:
    ref = str(cells["任务ID"] or "").strip()
    if ref:
        if ref not in tasks:
            raise LedgerError(f"unknown task {ref}: not a task of this plan")
        return tasks[ref]
    number = str(cells["序号"] or "").strip()
    found = [t for t in tasks.values() if number.isdigit() and t.number == int(number)]
    if len(found) != 1:
        raise LedgerError(f"unknown task 序号 '{number}': the plan has no such task")
    return found[0]
