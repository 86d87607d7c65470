"""The 督办 page in headless Chromium: an overdue task's row is red; a report is refused without the edit password
and saved with it (screenshot docs/screenshots/supervision.png with KG_UPDATE_SCREENSHOTS=1)."""
from __future__ import annotations

from pathlib import Path

import pytest

from graph.edit_access import hash_password
from tests.browser import offline_page, playwright_or_skip, serve_app
from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent
V1 = ROOT / "tests" / "data" / "ledger-plan-v1.txt"
PLAN1 = "某政办发〔2025〕3号"
EDIT_PASSWORD = "督办-edit-2026"
RED = "rgb(208, 2, 27)"  # graph.ledger.OVERDUE_COLOUR

playwright_api = playwright_or_skip()
from tests.test_browser import SHOTS, shot, wait_app  # noqa: E402  (after the skip: same Chromium needs)


@pytest.fixture(scope="module")
def ledger_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("supervision") / "graph.lbug"
    assert run_cli("load", str(V1), "--store", str(path)).returncode == 0
    res = run_cli("ledger", "status", "3", "--plan", PLAN1, "--set", "推进中", "--bureau", "区财政局",
                  "--note", "梳理收费目录", "--on", "2026-02-01", "--store", str(path))
    assert res.returncode == 0, res.stderr
    return path


@pytest.fixture(scope="module")
def server(ledger_store, tmp_path_factory):
    with serve_app(ledger_store, tmp_path_factory.mktemp("streamlit-sv") / "server.log",
                   KG_EDIT_PASSWORD=hash_password(EDIT_PASSWORD)) as base:
        yield base


@pytest.fixture(scope="module")
def page(server):
    with offline_page(playwright_api, viewport={"width": 1440, "height": 1000}) as p:
        yield p


def _records(path: Path) -> list[dict]:
    from graph import ledger
    from graph.store.ladybug import LadybugStore

    with LadybugStore(path, read_only=True) as store:
        return ledger.read_records(store)


def _task_id(path: Path, number: int) -> str:
    from graph import ledger
    from graph.store.ladybug import LadybugStore

    with LadybugStore(path, read_only=True) as store:
        tasks = ledger.read_tasks(store, ledger.resolve_plan(store, PLAN1))
    return next(t.task for t in tasks.values() if t.number == number)


def test_overdue_rows_are_red_and_editing_needs_the_password(server, page, ledger_store):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(f"{server}/?page=supervision&as_of=2026-04-01")
    wait_app(page)
    page.locator("table.kg-ledger").first.wait_for(timeout=30_000)
    late = page.locator(f'tr[data-task="{_task_id(ledger_store, 3)}"]')
    assert late.get_attribute("class") == "kg-overdue"
    assert late.locator("td").nth(1).evaluate("td => getComputedStyle(td).color") == RED
    assert "梳理收费目录" in late.inner_text() and "逾期 183 天" in late.inner_text()
    on_time = page.locator(f'tr[data-task="{_task_id(ledger_store, 2)}"]')
    assert on_time.locator("td").nth(1).evaluate("td => getComputedStyle(td).color") != RED
    shot(page, "supervision", height=1300)

    # the form's defaults: task 1, the whole task, reported by its lead bureau, 推进中
    page.get_by_label("进展情况 report").fill("企业开办系统已联调")
    page.get_by_label("编辑密码 edit password").fill("not-the-password")
    page.get_by_role("button", name="保存 · Save").click()
    page.get_by_text("密码不对 · wrong edit password").wait_for(timeout=30_000)
    assert len(_records(ledger_store)) == 1

    page.get_by_label("编辑密码 edit password").fill(EDIT_PASSWORD)
    page.get_by_role("button", name="保存 · Save").click()
    page.get_by_text("已保存 · saved").wait_for(timeout=30_000)
    saved = [r for r in _records(ledger_store) if r["source"] == "viewer"]
    assert [(r["task_number"], r["status"], r["note"], r["bureau"]) for r in saved] == [
        (1, "推进中", "企业开办系统已联调", "")]
    assert saved[0]["reported_by"].endswith("政务服务局")
    page.locator(f'tr[data-task="{_task_id(ledger_store, 1)}"]').get_by_text("企业开办系统已联调").wait_for(
        timeout=30_000)

    # the meeting view: overdue tasks under their lead bureaus, no sidebar
    page.goto(f"{server}/?page=supervision&present=1&as_of=2026-04-01")
    wait_app(page)
    page.get_by_text("逾期任务及责任单位").wait_for(timeout=30_000)
    page.get_by_text("区市场监管局 · 1").wait_for(timeout=30_000)
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
