"""The command line: help with an example for every command, and one clear line for each bad input."""
import pytest

from graph.cli import build_parser
from tests.conftest import run_cli


def commands():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return sorted(sub.choices)


@pytest.mark.parametrize("command", commands())
def test_every_command_has_help_with_an_example(command):
    res = run_cli(command, "--help")
    assert res.returncode == 0
    assert "example:" in res.stdout and "python -m graph" in res.stdout.split("example:")[1]


def _bad(tmp_path, *args):
    store = tmp_path / "s.lbug"
    ok = run_cli("load", "seeds/", "--store", str(store))
    assert ok.returncode == 0, ok.stderr
    before = run_cli("stats", "--store", str(store)).stdout
    res = run_cli(*[a.replace("STORE", str(store)) for a in args])
    assert res.returncode != 0
    lines = [l for l in res.stderr.splitlines() if l.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), res.stderr
    assert "Traceback" not in res.stderr
    assert run_cli("stats", "--store", str(store)).stdout == before
    return lines[0]


def test_missing_file(tmp_path):
    assert "no such file" in _bad(tmp_path, "load", str(tmp_path / "nope.txt"), "--store", "STORE")


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_text("")
    assert "empty" in _bad(tmp_path, "load", str(p), "--store", "STORE")


def test_binary_file(tmp_path):
    p = tmp_path / "bin.txt"
    p.write_bytes(bytes(range(256)) * 8)
    assert "binary" in _bad(tmp_path, "load", str(p), "--store", "STORE")


def test_undecodable_file(tmp_path):
    p = tmp_path / "bad.txt"
    p.write_bytes("区科委".encode() + b"\xff\x80")
    assert "UTF-8" in _bad(tmp_path, "load", str(p), "--store", "STORE")


def test_document_without_tasks(tmp_path):
    p = tmp_path / "notice.txt"
    p.write_text("关于召开会议的通知\n各单位:定于下周召开会议。\n", encoding="utf-8")
    assert "no task" in _bad(tmp_path, "load", str(p), "--store", "STORE")


def test_one_bad_file_among_good_ones_loads_nothing(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_text("")
    _bad(tmp_path, "load", "seeds/shijingshan-incubator-work-plan-2023.txt", str(p), "--store", "STORE")


def test_unknown_query_name(tmp_path):
    assert "ask --list" in _bad(tmp_path, "ask", "who_owns_everything", "--store", "STORE")


def test_missing_parameter(tmp_path):
    assert "--param bureau=" in _bad(tmp_path, "ask", "tasks_of_bureau", "--store", "STORE")


def test_write_in_console(tmp_path):
    assert "read-only" in _bad(tmp_path, "cypher", "MATCH (t:Task) DETACH DELETE t", "--store", "STORE")


def test_no_store_yet(tmp_path):
    res = run_cli("stats", "--store", str(tmp_path / "none.lbug"))
    assert res.returncode != 0 and "python -m graph load" in res.stderr


def test_extract_prints_json_lines(seed_path):
    import json

    res = run_cli("extract", str(seed_path))
    rows = [json.loads(l) for l in res.stdout.splitlines()]
    assert len(rows) == 74
    keys = {"document", "task_id", "task_title", "unit", "canonical", "role", "clause", "start", "end"}
    assert all(keys <= set(r) for r in rows)
    raw = seed_path.read_text(encoding="utf-8")
    assert all(raw[r["start"]:r["end"]] == r["unit"] for r in rows)
    assert all(r["document"] == str(seed_path) for r in rows)


def test_summary_answers_who_owns_what(seed_store_path):
    res = run_cli("summary", "--store", str(seed_store_path))
    assert res.returncode == 0, res.stderr
    assert "区科委" in res.stdout and "石科发〔2023〕4号" in res.stdout


def test_readme_schema_is_the_code_schema():
    from graph.model import schema_markdown
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- schema:start", 1)[1].split("-->", 1)[1].split("<!-- schema:end -->")[0]
    assert block.strip() == schema_markdown().strip()


def test_extract_names_an_items_leader_once_per_item_not_per_fact(tmp_path):
    # one item with thousands of markers: its leader (people a 责任领导 label names) is gathered once, so the
    # printing stays linear (it scanned every clause for every fact: quadratic, 6 s for 10,000 facts)
    import json
    import time

    plan = tmp_path / "many.txt"
    plan.write_text("一、重点任务\n1.任务。(责任领导:张三;责任单位:区财政局)" + "(区科委负责)x" * 9999 + "\n", encoding="utf-8")
    t0 = time.monotonic()
    res = run_cli("extract", str(plan))
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(rows) == 10000 and rows[0].get("leader") == "张三"
    assert time.monotonic() - t0 < 5  # 6 s before, on an idle machine
