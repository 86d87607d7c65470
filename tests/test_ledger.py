"""The supervision ledger on both stores: set, show, history, overdue as of a date, reload keeps it, a new version
carries it, the console cannot write it, a failure mid-write leaves it as it was."""
from __future__ import annotations

import os
import secrets
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from graph import ledger
from graph.errors import ConsoleRefused, StoreError
from graph.loading import load_paths
from graph.settings import Settings
from graph.store.ledger import append_records
from tests.conftest import run_cli
from tests.servers import require_neo4j_or_skip

ROOT = Path(__file__).resolve().parent.parent
V1 = ROOT / "tests" / "data" / "ledger-plan-v1.txt"
V2 = ROOT / "tests" / "data" / "ledger-plan-v2.txt"
V1_REORDERED = ROOT / "tests" / "data" / "ledger-plan-v1-reordered.txt"  # same number, tasks 3 and 4 swapped
PLAN1, PLAN2 = "某政办发〔2025〕3号", "某政办发〔2026〕1号"
PASSWORD = "kg-" + secrets.token_hex(8)
TODAY = date(2026, 4, 1)


@pytest.fixture(scope="module")
def neo_server():
    require_neo4j_or_skip()
    from tools.neo4j import server as neo4j_server

    with neo4j_server.LocalNeo4j(password=PASSWORD) as srv:
        yield srv


@pytest.fixture(params=["ladybug", "neo4j"])
def store_and_settings(request, tmp_path):
    if request.param == "ladybug":
        settings = Settings(store=str(tmp_path / "ledger.lbug"))
        from graph.store.ladybug import LadybugStore

        store = LadybugStore(settings.store)
    else:
        srv = request.getfixturevalue("neo_server")
        settings = Settings(neo4j_uri=srv.uri, neo4j_password=PASSWORD)
        from graph.store.neo4j import Neo4jStore

        store = Neo4jStore(srv.uri, "neo4j", PASSWORD)
        store.clear()
    load_paths(settings, [V1], store=store)
    yield store, settings
    store.close()


@pytest.fixture
def store(store_and_settings):
    return store_and_settings[0]


def _set(store, task, status, bureau="", by="", on="2026-03-01", note=""):
    return ledger.set_status(store, PLAN1, str(task), status, bureau=bureau, reported_by=by, note=note,
                             reported_on=on, today=TODAY)


def _duty(store, number, bureau, as_of=TODAY):
    rows = ledger.duty_rows(ledger.read_tasks(store, ledger.resolve_plan(store, PLAN1)),
                            ledger.read_records(store), as_of)
    return next(r for r in rows if r["number"] == number and r["bureau"] == bureau)


def test_set_show_and_history_keep_every_report(store):
    assert _set(store, 3, "推进中", bureau="区财政局", on="2026-02-01", note="梳理收费目录") is not None
    assert _set(store, 3, "滞后", bureau="区财政局", on="2026-03-01", note="清理进度慢") is not None
    row = _duty(store, 3, "区财政局")
    assert (row["status"], row["note"], row["reported_on"], row["reported_by"]) == ("滞后", "清理进度慢",
                                                                                    "2026-03-01", "区财政局")
    assert _duty(store, 3, "区市场监管局")["status"] == "未启动"  # another duty of the same task is its own
    task = ledger.find_task(ledger.read_tasks(store, ledger.resolve_plan(store, PLAN1)), "3")
    assert [r["status"] for r in ledger.history(ledger.read_records(store), task.task)] == ["推进中", "滞后"]


def test_the_same_report_twice_writes_nothing(store):
    assert _set(store, 2, "推进中", bureau="区商务局", note="已摸排") is not None
    assert _set(store, 2, "推进中", bureau="区商务局", note="已摸排") is None
    assert len(ledger.read_records(store)) == 1


def test_overdue_is_a_passed_deadline_not_done_as_of_a_date(store):
    # task 3 is due 2025-09-30, task 2 2026-12-31, task 4 has no date (持续推进)
    assert _duty(store, 3, "区财政局", as_of=date(2025, 9, 30))["overdue"] is False
    assert _duty(store, 3, "区财政局", as_of=date(2025, 10, 1))["overdue"] is True
    assert _duty(store, 2, "区商务局", as_of=date(2030, 1, 1))["overdue"] is True
    assert _duty(store, 4, "区财政局", as_of=date(2030, 1, 1))["overdue"] is False
    _set(store, 3, "已完成", bureau="区财政局")
    assert _duty(store, 3, "区财政局", as_of=date(2030, 1, 1))["overdue"] is False
    tasks = ledger.read_tasks(store, ledger.resolve_plan(store, PLAN1))
    late = {r["number"] for r in ledger.task_rows(tasks, ledger.read_records(store), TODAY) if r["overdue"]}
    assert late == {1, 3}  # task 3's lead bureau has not reported: the task as a whole is not done


def test_a_record_on_the_whole_task_and_the_task_status(store):
    _set(store, 1, "已完成", by="区政务服务局", on="2025-06-20")
    tasks = ledger.read_tasks(store, ledger.resolve_plan(store, PLAN1))
    rows = {r["number"]: r for r in ledger.task_rows(tasks, ledger.read_records(store), TODAY)}
    assert rows[1]["status"] == "已完成" and rows[1]["overdue"] is False
    assert _duty(store, 1, "区税务局")["status"] == "已完成"  # a duty without its own report shows the task's


@pytest.mark.parametrize("kwargs, reason", [
    ({"task": 9, "status": "推进中", "bureau": "区财政局"}, "No task '9'"),
    ({"task": 3, "status": "完成", "bureau": "区财政局"}, "unknown status"),
    ({"task": 3, "status": "推进中", "bureau": "区税务局"}, "does not own task 3"),
    ({"task": 3, "status": "推进中", "by": "区税务局"}, "does not own it"),
    ({"task": 3, "status": "推进中", "bureau": "区财政局", "on": "2026-04-02"}, "in the future"),
    ({"task": 3, "status": "推进中"}, "reporting bureau"),
])
def test_bad_reports_are_refused_and_nothing_is_written(store, kwargs, reason):
    with pytest.raises(ledger.LedgerError, match=reason):
        _set(store, **kwargs)
    assert ledger.read_records(store) == []


def test_reloading_the_plan_keeps_its_ledger(store_and_settings):
    store, settings = store_and_settings
    _set(store, 3, "推进中", bureau="区财政局", note="梳理收费目录")
    load_paths(settings, [V1], store=store)
    assert store.counts()["Task"] == 4
    assert _duty(store, 3, "区财政局")["note"] == "梳理收费目录"


def test_a_reload_that_reorders_tasks_does_not_hand_a_record_to_another_task(store_and_settings):
    store, settings = store_and_settings
    _set(store, 3, "滞后", bureau="区财政局", note="清理进度慢")
    load_paths(settings, [V1_REORDERED], store=store)
    tasks = ledger.read_tasks(store, ledger.resolve_plan(store, PLAN1))
    assert _duty(store, 3, "区财政局")["status"] == "未启动"  # task 3 is now another task
    assert [(r["task_title"], r["note"]) for r in ledger.unplaced_records(tasks, ledger.read_records(store))] == [
        ("开展涉企收费专项清理", "清理进度慢")]


def test_a_new_version_carries_records_and_lists_the_unplaced(store_and_settings):
    store, settings = store_and_settings
    _set(store, 1, "推进中", bureau="区市场监管局", note="系统联调")        # task kept (reworded), duty kept
    _set(store, 1, "推进中", bureau="区税务局", note="发票申领并入")        # the bureau left the task
    _set(store, 2, "推进中", bureau="区商务局", note="名单已定")            # the same task
    _set(store, 3, "滞后", bureau="区财政局", note="清理进度慢")            # the task was dropped
    load_paths(settings, [V2], store=store)
    report = ledger.carry_records(store, PLAN1, PLAN2)
    assert report.carried == 2
    assert sorted((u["task_number"], u["reason"]) for u in report.unplaced) == [
        (1, "the bureau no longer owns the matching task"), (3, "no matching task in the new plan")]
    new_tasks = ledger.read_tasks(store, ledger.resolve_plan(store, PLAN2))
    rows = ledger.duty_rows(new_tasks, ledger.read_records(store), TODAY)
    carried = {(r["number"], r["bureau"]): r["note"] for r in rows if r["note"]}
    assert carried == {(1, "区市场监管局"): "系统联调", (2, "区商务局"): "名单已定"}
    again = ledger.carry_records(store, PLAN1, PLAN2)
    assert (again.carried, again.already) == (0, 2)
    assert len(ledger.read_records(store, ledger.resolve_plan(store, PLAN1))) == 4  # the old plan keeps its own


def test_a_failure_part_way_through_a_write_leaves_the_ledger_as_it_was(store):
    _set(store, 2, "推进中", bureau="区商务局")
    before = ledger.read_records(store)
    template = {**before[0], "note": "half"}

    def rows():
        yield {**template, "id": "first-of-two", "seq": 1}
        raise RuntimeError("the import died here")

    with pytest.raises(StoreError, match="left as it was"):
        append_records(store, rows())
    assert ledger.read_records(store) == before


def test_the_console_reads_the_ledger_but_cannot_write_it(store):
    _set(store, 2, "推进中", bureau="区商务局")
    with pytest.raises(ConsoleRefused):
        store.run_readonly("CREATE (r:LedgerRecord {id: 'x', status: '已完成'}) RETURN r")
    rows, _ = store.run_readonly("MATCH (r:LedgerRecord) RETURN r.status AS status")
    assert rows == [{"status": "推进中"}]


def test_a_store_made_before_the_ledger_reads_as_empty(seed_store):
    assert ledger.read_records(seed_store) == []


def test_task_status_colours_mark_overdue_red(store):
    _set(store, 2, "推进中", bureau="区商务局")
    tasks = ledger.read_tasks(store, ledger.resolve_plan(store, PLAN1))
    colours = ledger.task_status_colours(tasks, ledger.read_records(store), TODAY)
    by_number = {tasks[t].number: c for t, c in colours.items()}
    assert by_number[3] == ledger.OVERDUE_COLOUR
    assert by_number[2] == ledger.STATUS_COLOURS["推进中"]
    assert by_number[4] == ledger.STATUS_COLOURS["未启动"]


def test_cli_status_show_and_a_refused_status(tmp_path):
    store = ["--store", str(tmp_path / "cli.lbug")]
    assert run_cli("load", str(V1), *store).returncode == 0
    res = run_cli("ledger", "status", "3", "--plan", PLAN1, "--set", "推进中", "--bureau", "区财政局",
                  "--note", "梳理收费目录", "--on", "2026-02-01", *store)
    assert res.returncode == 0, res.stderr
    res = run_cli("ledger", "show", "--plan", PLAN1, "--overdue", "--as-of", "2026-04-01", "--format", "json", *store)
    assert res.returncode == 0, res.stderr
    assert '"note": "梳理收费目录"' in res.stdout and '"number": 2' not in res.stdout
    res = run_cli("ledger", "status", "3", "--plan", PLAN1, "--set", "快好了", "--bureau", "区财政局", *store)
    assert res.returncode == 2 and res.stderr.startswith("error: unknown status")


CRASH = """
import os, sys
from graph import ledger
from graph.settings import Settings
from graph.store import open_store
from graph.store.ledger import append_records

store = open_store(Settings.from_env())
template = ledger.read_records(store)[0]

def rows():
    yield {**template, "id": "written-before-the-crash"}
    sys.stdout.write("mid-transaction\\n")
    sys.stdout.flush()
    os._exit(9)  # the process dies inside the transaction: no rollback, no close

append_records(store, rows())
"""


def test_a_process_killed_mid_write_leaves_the_ledger_as_it_was(store_and_settings):
    store, settings = store_and_settings
    _set(store, 2, "推进中", bureau="区商务局")
    before = ledger.read_records(store)
    env = {"KG_STORE": settings.store, "NEO4J_URI": settings.neo4j_uri, "NEO4J_PASSWORD": settings.neo4j_password}
    if settings.backend == "ladybug":
        store.close()  # the embedded store admits one writing process
    res = subprocess.run([sys.executable, "-c", CRASH], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         env={**os.environ, **env})
    assert res.returncode == 9 and "mid-transaction" in res.stdout, res.stderr
    if settings.backend == "ladybug":
        from graph.store.ladybug import LadybugStore

        with LadybugStore(settings.store) as reopened:  # the fixture's close of the first store is then a no-op
            assert ledger.read_records(reopened) == before
    else:
        assert ledger.read_records(store) == before
