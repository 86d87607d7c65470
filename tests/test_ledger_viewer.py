"""The ledger in the viewer without a browser (streamlit.testing): editing off without KG_EDIT_PASSWORD, the task
profile's history, the presentation view grouped by owner; the page's pure helpers."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph.edit_access import check_password, hash_password
from tests.conftest import run_cli
from viewer.supervision import ledger_table_html, overdue_by_owner, sort_rows

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
V1 = ROOT / "tests" / "data" / "ledger-plan-v1.txt"
PLAN1 = "某政办发〔2025〕3号"


@pytest.fixture(scope="module")
def ledger_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("ledger-viewer") / "graph.lbug"
    assert run_cli("load", str(V1), "--store", str(path)).returncode == 0
    for on, status, note in (("2026-02-01", "推进中", "梳理收费目录"), ("2026-03-01", "滞后", "清理进度慢")):
        res = run_cli("ledger", "status", "3", "--plan", PLAN1, "--set", status, "--bureau", "区财政局",
                      "--note", note, "--on", on, "--store", str(path))
        assert res.returncode == 0, res.stderr
    return path


@pytest.fixture
def app(ledger_store, monkeypatch):
    monkeypatch.setenv("KG_STORE", str(ledger_store))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.delenv("KG_EDIT_PASSWORD", raising=False)

    def make(**params):
        at = AppTest.from_file(APP, default_timeout=90)
        for k, v in params.items():
            at.query_params[k] = v
        at.run()
        assert not at.exception and not at.error, [e.value for e in [*at.exception, *at.error]]
        return at
    return make


def test_editing_is_off_without_a_password(app):
    at = app(page="supervision", as_of="2026-04-01")
    assert any("编辑已关闭" in i.value for i in at.info)
    assert not at.get("form")


def test_the_form_shows_when_a_password_hash_is_set(app, monkeypatch):
    monkeypatch.setenv("KG_EDIT_PASSWORD", hash_password("pw"))
    at = app(page="supervision", as_of="2026-04-01")
    assert not any("编辑已关闭" in i.value for i in at.info)
    assert [t.label for t in at.text_input] == ["编辑密码 edit password"]


def test_presentation_groups_overdue_tasks_under_their_lead(app):
    at = app(page="supervision", present="1", as_of="2026-04-01")
    assert [s.value for s in at.subheader] == ["区市场监管局 · 1", "区政务服务局 · 1"]


def test_the_task_profile_shows_its_history(app, ledger_store):
    from graph import ledger
    from graph.store.ladybug import LadybugStore

    with LadybugStore(ledger_store, read_only=True) as store:
        task = next(t.task for t in ledger.read_tasks(store).values() if t.number == 3)
    at = app(page="profiles", kind="task", id=task)
    frame = next(d.value for d in at.dataframe if "状态 status" in d.value.columns)
    assert list(frame["状态 status"]) == ["推进中", "滞后"]
    assert any("当前状态 current: 滞后" in c.value and "逾期" in c.value for c in at.caption)


def test_password_hash_check():
    stored = hash_password("督办口令")
    assert stored.startswith("pbkdf2_sha256$") and "督办口令" not in stored
    assert check_password("督办口令", stored) and not check_password("督办口令 ", stored)
    assert not check_password("", stored) and not check_password("x", "")


def test_table_html_escapes_and_marks_overdue():
    rows = [{"task": "t/1", "number": 1, "title": "<b>x</b>", "deadline": "2025-01-31", "status": "滞后",
             "overdue": True, "lead": "甲局", "support": ""},
            {"task": "t/2", "number": 2, "title": "y", "deadline": "持续推进", "status": "未启动", "overdue": False,
             "lead": "乙局", "support": ""}]
    out = ledger_table_html(sort_rows(rows), ["number", "title", "status", "late_by"], date(2025, 2, 10))
    assert '<tr class="kg-overdue" data-task="t/1">' in out and "&lt;b&gt;x&lt;/b&gt;" in out and "逾期 10 天" in out
    assert out.index("t/1") < out.index("t/2")
    assert overdue_by_owner(rows) == [("甲局", [rows[0]])]


def test_the_map_colours_tasks_by_progress_when_asked(app, ledger_store):
    from graph import ledger
    from graph.store.ladybug import LadybugStore

    with LadybugStore(ledger_store, read_only=True) as store:
        colours = ledger.fetch_task_status_colours(store)
    frames = lambda at: " ".join(h.proto.srcdoc for h in at.get("iframe"))  # noqa: E731
    plain = frames(app(page="map"))
    coloured = frames(app(page="map", progress="1"))
    overdue = f'"background":"{ledger.OVERDUE_COLOUR}"'  # task 3 is behind and past its deadline
    assert colours and ledger.OVERDUE_COLOUR in colours.values()
    assert overdue in coloured.replace(" ", "") and overdue not in plain.replace(" ", "")
