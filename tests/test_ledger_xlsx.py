"""The ledger's Excel round trip: export, a bureau edits rows with openpyxl, import; bad rows refused with their
reasons, --strict all or nothing, a repeated import changes nothing, the CLI says what changed."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from graph import ledger
from graph.ledger_xlsx import COLUMNS, export_workbook, import_workbook
from graph.loading import load_paths
from graph.settings import Settings
from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent
V1 = ROOT / "tests" / "data" / "ledger-plan-v1.txt"
PLAN1 = "某政办发〔2025〕3号"
TODAY = date(2026, 4, 1)


@pytest.fixture
def store(tmp_path):
    from graph.store.ladybug import LadybugStore

    settings = Settings(store=str(tmp_path / "xlsx.lbug"))
    with LadybugStore(settings.store) as s:
        load_paths(settings, [V1], store=s)
        yield s


@pytest.fixture
def plan(store):
    return ledger.resolve_plan(store, PLAN1)


def _edit(path: Path, sheet: str, number: int, **cells) -> None:
    """Fill one task's row as a bureau would in Excel."""
    wb = load_workbook(path)
    ws = wb[sheet]
    col = {c: i + 1 for i, c in enumerate(COLUMNS)}
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == number)
    for name, value in cells.items():
        ws.cell(row, col[name]).value = value
    wb.save(path)


def test_export_has_the_columns_a_status_drop_down_and_overdue_rows_marked(store, plan, tmp_path):
    out = tmp_path / "台账.xlsx"
    sheets = export_workbook(store, plan, out, as_of=TODAY)
    assert sheets == {"台账": 4}
    wb = load_workbook(out)
    assert wb["_meta"].sheet_state == "hidden"
    ws = wb["台账"]
    assert [c.value for c in ws[1]][:9] == ["序号", "任务", "牵头单位", "配合单位", "完成时限", "状态", "进展情况",
                                            "填报单位", "填报日期"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows[3][2:5] == ("区市场监管局", "区财政局", "2025-09-30")
    (dv,) = ws.data_validations.dataValidation
    assert dv.type == "list" and "推进中" in dv.formula1 and "F2:F5" in str(dv.sqref)
    overdue = [ws.cell(r, 1).value for r in range(2, 6) if ws.cell(r, 5).font.color is not None
               and str(ws.cell(r, 5).font.color.rgb).endswith("C00000")]
    assert overdue == [1, 3]


def test_one_sheet_per_bureau(store, plan, tmp_path):
    out = tmp_path / "by-bureau.xlsx"
    sheets = export_workbook(store, plan, out, by_bureau=True, as_of=TODAY)
    assert sheets["区财政局"] == 2 and sheets["区税务局"] == 1 and len(sheets) == 6
    assert export_workbook(store, plan, tmp_path / "one.xlsx", bureau="区财政局") == {"区财政局": 2}


def test_round_trip_then_a_repeated_import_is_a_no_op(store, plan, tmp_path):
    out = tmp_path / "by-bureau.xlsx"
    export_workbook(store, plan, out, by_bureau=True, as_of=TODAY)
    _edit(out, "区财政局", 3, 状态="推进中", 进展情况="已梳理收费目录", 填报日期="2026-03-20")
    _edit(out, "区财政局", 4, 状态="已完成", 进展情况="全流程电子化上线", 填报日期=date(2026, 3, 25))
    report = import_workbook(store, out, today=TODAY)
    assert report.refused == [] and len(report.applied) == 2
    rows = {(r["number"], r["bureau"]): r for r in ledger.duty_rows(ledger.read_tasks(store, plan),
                                                                     ledger.read_records(store), TODAY)}
    assert (rows[(3, "区财政局")]["status"], rows[(3, "区财政局")]["note"]) == ("推进中", "已梳理收费目录")
    assert rows[(4, "区财政局")]["reported_on"] == "2026-03-25"
    assert rows[(3, "区市场监管局")]["status"] == "未启动"
    again = import_workbook(store, out, today=TODAY)
    assert (again.applied, again.unchanged, again.written) == ([], 2, False)
    assert len(ledger.read_records(store)) == 2
    # a fresh export carries the current reports, so sending it straight back changes nothing either
    export_workbook(store, plan, out, by_bureau=True, as_of=TODAY)
    assert import_workbook(store, out, today=TODAY).applied == []


def _bad_workbook(store, plan, tmp_path) -> Path:
    out = tmp_path / "bad.xlsx"
    export_workbook(store, plan, out, by_bureau=True, as_of=TODAY)
    _edit(out, "区财政局", 3, 状态="推进中", 进展情况="正常推进", 填报日期="2026-03-20")    # good
    _edit(out, "区财政局", 4, 状态="差不多", 进展情况="?", 填报日期="2026-03-20")          # unknown status
    _edit(out, "区商务局", 2, 状态="推进中", 进展情况="提前填写", 填报日期="2026-05-01")    # future date
    _edit(out, "区税务局", 1, 状态="推进中", 填报单位="区财政局", 填报日期="2026-03-20")   # reporter not an owner
    wb = load_workbook(out)
    ws = wb["区发展改革委"]
    ws.append([3, "开展涉企收费专项清理", "", "", "", "推进中", "代为填报", "区发展改革委", "2026-03-20", ""])
    ws.append([7, "不存在的任务", "", "", "", "推进中", "", "区发展改革委", "2026-03-20", ""])
    wb.save(out)
    return out


def test_bad_rows_are_refused_with_sheet_row_and_reason(store, plan, tmp_path):
    report = import_workbook(store, _bad_workbook(store, plan, tmp_path), today=TODAY)
    reasons = {(sheet, row): reason for sheet, row, reason in report.refused}
    assert "unknown status '差不多'" in reasons[("区财政局", 3)]
    assert "in the future" in reasons[("区商务局", 2)]
    assert "区财政局 reports on task 1 but does not own it" in reasons[("区税务局", 2)]
    assert "does not own task 3" in reasons[("区发展改革委", 3)]
    assert "unknown task 序号 '7'" in reasons[("区发展改革委", 4)]
    assert len(report.refused) == 5
    assert [(r["task_number"], r["status"]) for r in report.applied] == [(3, "推进中")]
    assert [r["note"] for r in ledger.read_records(store)] == ["正常推进"]


def test_strict_applies_nothing_when_a_row_is_refused(store, plan, tmp_path):
    report = import_workbook(store, _bad_workbook(store, plan, tmp_path), strict=True, today=TODAY)
    assert len(report.refused) == 5 and report.written is False
    assert ledger.read_records(store) == []


def test_a_workbook_that_is_not_a_ledger_is_refused(store, tmp_path):
    other = tmp_path / "other.xlsx"
    from openpyxl import Workbook

    Workbook().save(other)
    with pytest.raises(ledger.LedgerError, match="not a ledger workbook"):
        import_workbook(store, other, today=TODAY)
    text = tmp_path / "notes.xlsx"
    text.write_text("not a workbook", encoding="utf-8")
    with pytest.raises(ledger.LedgerError, match="Cannot read"):
        import_workbook(store, text, today=TODAY)


def test_cli_export_import_dry_run_and_strict(tmp_path):
    st = ["--store", str(tmp_path / "cli.lbug")]
    assert run_cli("load", str(V1), *st).returncode == 0
    out = tmp_path / "台账.xlsx"
    res = run_cli("ledger", "export", "--plan", PLAN1, "--output", str(out), *st)
    assert res.returncode == 0 and "台账 (4 rows)" in res.stdout, res.stderr
    _edit(out, "台账", 2, 状态="推进中", 进展情况="名单已定", 填报单位="区商务局", 填报日期="2026-03-02")
    _edit(out, "台账", 4, 状态="完成了", 填报单位="区财政局", 填报日期="2026-03-02")
    res = run_cli("ledger", "import", str(out), "--dry-run", *st)
    assert res.returncode == 1 and "would set: task 2" in res.stdout and "nothing written (dry run)" in res.stdout
    assert "error: sheet 台账 row 5: unknown status '完成了'" in res.stderr
    res = run_cli("ledger", "import", str(out), "--strict", *st)
    assert res.returncode == 1 and "nothing written (--strict" in res.stdout
    res = run_cli("ledger", "show", "--plan", PLAN1, "--format", "json", *st)
    assert "名单已定" not in res.stdout
    res = run_cli("ledger", "import", str(out), *st)
    assert res.returncode == 1 and "1 changed, 0 unchanged, 1 refused: 1 written" in res.stdout
    res = run_cli("ledger", "show", "--plan", PLAN1, "--format", "json", *st)
    assert res.stdout.count("名单已定") == 2  # the whole task's report shows on both of its duties
