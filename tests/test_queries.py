"""Every stored question: its header matches its body, and it answers on the seed through the CLI."""
import json

import pytest

from graph.questions.catalogue import load_questions
from tests.conftest import run_cli

QUESTIONS = load_questions()


@pytest.mark.parametrize("name", sorted(QUESTIONS))
def test_header_declares_the_body_parameters(name):
    q = QUESTIONS[name]
    assert q.zh and q.en and q.returns, f"{name}: header needs // zh:, // en: and // returns:"
    assert q.named_parameters() == {p.name for p in q.params}


@pytest.mark.parametrize("name", sorted(QUESTIONS))
def test_answers_on_the_seed_through_the_cli(name, seed_store_path):
    q = QUESTIONS[name]
    args = ["ask", name, "--store", str(seed_store_path), "--format", "json"]
    for p in q.params:
        if p.default is None:
            args += ["--param", f"{p.name}={p.example}"]
    res = run_cli(*args)
    assert res.returncode == 0, res.stderr
    rows = [json.loads(line) for line in res.stdout.splitlines() if line.strip()]
    for row in rows:
        assert list(row) == q.returns + q.ids  # the columns people read, then the ids of the nodes they name
    # the seed has no gap and no deadline, and one plan shares owners with no other plan
    if name not in ("gap_check", "plans_sharing_owners", "deadlines"):
        assert rows, f"{name} returned nothing on the seed"


def test_owners_of_task_7(seed_store, seed_text):
    import re

    from graph.questions.catalogue import run_question
    _, rows = run_question(seed_store, "owners_of_task", {"task": "7"})
    task7 = re.search(r"\n\s*7\..*?责任单位:([^)]*)\)", seed_text).group(1).split("、")
    assert [r["bureau"] for r in rows] == task7
    assert [r["role"] for r in rows] == ["lead"] + ["support"] * (len(task7) - 1)


def test_alias_and_full_name_ask_the_same(seed_store):
    from graph.questions.catalogue import run_question
    answers = [run_question(seed_store, "tasks_of_bureau", {"bureau": b})[1]
               for b in ("区科委", "北京市石景山区科学技术委员会", "石景山区科委")]
    assert answers[0] == answers[1] == answers[2] and len(answers[0]) == 16


def test_gap_check_finds_gaps(fresh_store):
    from graph.build import build_graph
    from graph.questions.catalogue import run_question
    from loaders.parse import parse_text

    doc = parse_text("某区工作方案\n一、重点任务\n1.任务甲。(责任单位:区科委)\n2.任务乙。(区财政局、区科委配合)\n"
                     "3.任务丙。(责任单位:区科委、区财政局)\n")
    fresh_store.write(build_graph([doc]), [doc.doc_id])
    _, rows = run_question(fresh_store, "gap_check")
    assert [(r["task"], r["gap"]) for r in rows] == [(1, "single owner"), (2, "no lead")]


def test_reloading_through_the_cli_changes_no_count(tmp_path, seed_path):
    store = str(tmp_path / "g.lbug")
    first = run_cli("load", str(seed_path), "--store", store)
    assert first.returncode == 0, first.stderr
    counts1 = run_cli("stats", "--store", store).stdout
    assert run_cli("load", str(seed_path), "--store", store).returncode == 0
    assert run_cli("stats", "--store", store).stdout == counts1


def test_questions_across_plans(fresh_store, seed_doc):
    from graph.build import build_graph
    from graph.questions.catalogue import run_question
    from loaders.parse import parse_text

    other = parse_text("北京市石景山区人工智能产业工作方案\n一、重点任务\n1.建设算力平台。(责任单位:区经济和信息化局、区科委)\n"
                       "2.培育企业。(区科委牵头,区财政局参与)\n", "ai-plan.txt")
    fresh_store.write(build_graph([seed_doc, other]), [seed_doc.doc_id, other.doc_id])
    _, rows = run_question(fresh_store, "plans_sharing_owners")
    assert len(rows) == 1
    assert sorted(rows[0]["bureaus"]) == sorted(["区科委", "区经济和信息化局"])
    _, rows = run_question(fresh_store, "busiest_bureaus_across_plans")
    assert rows[0]["bureau"] == "区科委" and rows[0]["plans"] == 2 and rows[0]["leads"] == 14
    _, rows = run_question(fresh_store, "tasks_of_bureau", {"bureau": "区科委"})
    assert len(rows) == 18 and {r["document"] for r in rows} == {seed_doc.facts.title, other.facts.title}
