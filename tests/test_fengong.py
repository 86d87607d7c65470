"""The 分工表: one row per task with every owner, from a real store; XLSX and CSV as an office reads them."""
from __future__ import annotations

import csv
import io

import pytest

from graph.fengong import COLUMNS, build_sheet, fetch_sheet_rows, sheet_title, to_csv, to_xlsx
from tests.conftest import run_cli

SNIPPET = """某区数字经济工作方案

一、重点任务

(一)基础设施工程

1.建设数据中心。推进绿色数据中心建设,2024年底前完成改造。(牵头单位:区发展改革委;配合单位:区财政局、区住房城乡建设委)

2.完善网络覆盖。推进千兆光网进社区。(区通信办牵头,区城管委、各街道配合)

(二)应用推广工程

3.推广应用场景。2025年6月底前发布应用场景清单。(责任单位:区经济信息化局、区科委)
"""


@pytest.fixture(scope="module")
def snippet_store(tmp_path_factory):
    from graph.build import build_graph
    from graph.store.ladybug import LadybugStore
    from loaders.parse import parse_document

    folder = tmp_path_factory.mktemp("fengong")
    path = folder / "plan.txt"
    path.write_text(SNIPPET, encoding="utf-8")
    doc = parse_document(path)
    with LadybugStore(folder / "g.lbug") as store:
        store.write(build_graph([doc]), [doc.doc_id])
    with LadybugStore(folder / "g.lbug", read_only=True) as store:
        yield store, path


def test_snippet_rows_carry_leads_supports_deadlines_and_source(snippet_store):
    store, _ = snippet_store
    rows = build_sheet(fetch_sheet_rows(store))
    assert [r.cells()[:5] for r in rows] == [
        ["1", "建设数据中心", "区发展改革委", "区财政局、区住房城乡建设委", "2024-12-31"],
        ["2", "完善网络覆盖", "区通信办", "区城管委、各街道", ""],
        ["3", "推广应用场景", "区经济信息化局", "区科委", "2025-06-30"],
    ]
    assert rows[0].source.endswith("基础设施工程/1") and rows[2].source.endswith("应用推广工程/3")


def test_seed_sheet_has_one_row_per_task_with_every_owner(seed_store):
    data = fetch_sheet_rows(seed_store)
    rows = build_sheet(data)
    tasks = seed_store.run("MATCH (t:Task) RETURN t.number AS n ORDER BY n")
    assert [r.number for r in rows] == [str(t["n"]) for t in tasks]
    owners = seed_store.run("MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(t:Task) RETURN t.number AS n, "
                            "b.short_name AS b, r.role AS role")
    for r in rows:
        want_leads = {o["b"] for o in owners if str(o["n"]) == r.number and o["role"] == "lead"}
        want_others = {o["b"] for o in owners if str(o["n"]) == r.number and o["role"] != "lead"}
        assert set(r.leads) == want_leads and len(r.leads) == 1
        assert set(r.supports) == want_others
    assert sheet_title(data).startswith("石景山区") and sheet_title(data).endswith("任务分工表")


def test_csv_has_bom_header_and_one_line_per_task(seed_store):
    rows = build_sheet(fetch_sheet_rows(seed_store))
    body = to_csv(rows)
    assert body.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert table[0] == COLUMNS and len(table) == len(rows) + 1
    assert table[1][2] == "、".join(rows[0].leads)


def test_xlsx_repeats_its_header_when_printed(seed_store):
    from openpyxl import load_workbook

    rows = build_sheet(fetch_sheet_rows(seed_store))
    ws = load_workbook(io.BytesIO(to_xlsx(rows, "标题"))).active
    assert ws.cell(row=1, column=1).value == "标题"
    assert [c.value for c in ws[2]] == COLUMNS
    assert ws.max_row == 2 + len(rows)
    assert ws.print_title_rows == "$2:$2"
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage


def test_cli_writes_both_formats_from_documents(snippet_store, tmp_path):
    _, plan = snippet_store
    out = tmp_path / "分工表.csv"
    r = run_cli("export", str(plan), "--format", "fengong-csv", "--output", str(out))
    assert r.returncode == 0, r.stderr
    table = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert out.read_bytes().startswith(b"\xef\xbb\xbf") and len(table) == 4
    r = run_cli("export", str(plan), "--format", "fengong-xlsx", "--output", str(tmp_path / "f.xlsx"))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "f.xlsx").read_bytes()[:2] == b"PK"


def test_cli_refuses_a_missing_output_and_writes_nothing(snippet_store, tmp_path):
    _, plan = snippet_store
    r = run_cli("export", str(plan), "--format", "fengong-xlsx")
    assert r.returncode != 0 and r.stderr.strip().startswith("error:") and "--output" in r.stderr
    r = run_cli("export", str(plan), "--format", "fengong-csv", "--output", str(tmp_path))
    assert r.returncode != 0 and "folder" in r.stderr
    assert list(tmp_path.iterdir()) == []
