"""A heading's marker answers for the items below it that have none of their own: parsed once, counted once in the
text's facts, and in the graph each such item has the heading's owners, marked as inherited, on both stores."""
from __future__ import annotations

import ladybug

from graph.build import build_graph
from graph.questions.catalogue import run_question
from graph.store.ladybug import LadybugStore
from loaders.parse import parse_text
from tests.conftest import run_cli

PLAN = ("某市数字经济工作方案\n"
        "一、加快数字基础设施建设(牵头单位:市通信管理办;配合单位:市住房城乡建设局)\n"
        "1.加快5G网络建设。\n"
        "2.推进千兆光网进小区。\n"
        "3.建设数据中心。(市大数据局负责)\n"
        "二、推动产业数字化转型\n"
        "(一)实施智能化改造(市经信局牵头)\n"
        "1.建设智能工厂。\n"
        "(二)培育数字企业\n"
        "1.引进数字企业。\n")


def _doc():
    return parse_text(PLAN, path="heading-plan.txt")


def test_the_parse_names_the_heading_whose_marker_answers_for_a_task():
    doc = _doc()
    by_title = {t.title: t for t in doc.tasks}
    heading, nested = by_title["加快数字基础设施建设"], by_title["实施智能化改造"]
    assert heading.heading and nested.heading
    assert by_title["加快5G网络建设"].under == heading.seq
    assert by_title["推进千兆光网进小区"].under == heading.seq
    assert by_title["建设数据中心"].under is None  # its own marker
    assert by_title["建设智能工厂"].under == nested.seq  # the nearest heading with a marker
    assert by_title["引进数字企业"].under is None  # (二) names no owner and 一、 is closed
    # the text states the heading's facts once: the extraction counts them once
    assert [(r.item.title, r.duty.unit) for r in doc.responsibilities()] == [
        ("加快数字基础设施建设", "市通信管理办"), ("加快数字基础设施建设", "市住房城乡建设局"), ("建设数据中心", "市大数据局"),
        ("实施智能化改造", "市经信局")]


def _answers(store):
    _, led = run_question(store, "tasks_of_bureau", {"bureau": "市通信管理办"})
    _, gaps = run_question(store, "gap_check")
    inherited = store.run("MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(t:Task) WHERE r.inherited_from IS NOT NULL "
                          "RETURN t.number AS task, b.name AS bureau, r.role AS role, r.inherited_from AS heading, "
                          "r.clause AS clause ORDER BY task, bureau")
    return ([(r["title"], r["role"]) for r in led], [(r["title"], r["gap"]) for r in gaps],
            [tuple(r.values()) for r in inherited])


def test_the_tasks_below_a_heading_have_its_owners_in_the_store(tmp_path):
    doc = _doc()
    graph = build_graph([doc])
    with LadybugStore(tmp_path / "h.lbug") as store:
        store.write(graph, [doc.doc_id])
        led, gaps, inherited = _answers(store)
    assert led == [("加快数字基础设施建设", "lead"), ("加快5G网络建设", "lead"), ("推进千兆光网进小区", "lead")]
    # the items under a heading that names owners are no gap; 引进数字企业 has no owner anywhere
    assert ("加快5G网络建设", "no owner") not in gaps and ("引进数字企业", "no owner") in gaps
    assert ("建设智能工厂", "single owner") in gaps
    heading_id = f"{doc.doc_id}/task/1"
    clause = "(牵头单位:市通信管理办;配合单位:市住房城乡建设局)"
    assert [row for row in inherited if row[3] == heading_id] == [
        (2, "市住房城乡建设局", "support", heading_id, clause), (2, "市通信管理办", "lead", heading_id, clause),
        (3, "市住房城乡建设局", "support", heading_id, clause), (3, "市通信管理办", "lead", heading_id, clause)]
    # co-ownership and the per-plan tallies count the inherited owners as the questions read them
    co = [(a, b, attrs["task"]) for a, b, attrs in graph.edges(data=True) if attrs["type"] == "CO_OWNS"]
    assert {t for _, _, t in co} == {f"{doc.doc_id}/task/{n}" for n in (1, 2, 3)}
    carries = {graph.nodes[a]["name"]: attrs["leads"] for a, _, attrs in graph.edges(data=True)
               if attrs["type"] == "CARRIES"}
    assert carries["市通信管理办"] == 3


def test_the_load_says_how_many_tasks_took_their_headings_owners(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text(PLAN, encoding="utf-8")
    done = run_cli("load", str(plan), "--store", str(tmp_path / "s.lbug"))
    assert done.returncode == 0, done.stderr
    assert "4 responsibilities; 3 tasks with no marker of their own take the owners of the heading above them" \
        in done.stdout


def test_a_store_made_before_the_column_gains_it_and_keeps_its_rows(tmp_path, seed_graph):
    path = tmp_path / "old.lbug"
    with LadybugStore(path) as store:
        store.write(seed_graph.copy(), sorted({a["document"] for _, a in seed_graph.nodes(data=True)
                                               if a["label"] == "Document"}))
        before = store.counts()
    db = ladybug.Database(str(path))
    conn = ladybug.Connection(db)
    conn.execute("ALTER TABLE RESPONSIBLE_FOR DROP inherited_from")
    conn.close()
    db.close()
    with LadybugStore(path, read_only=True) as store:  # no stored question needs the column: read as it is
        assert run_question(store, "owners_of_task", {"task": 7})[1]
    with LadybugStore(path) as store:
        assert "inherited_from" in store._columns("RESPONSIBLE_FOR")
        assert store.counts() == before
        doc = _doc()
        store.write(build_graph([doc]), [doc.doc_id])
        assert _answers(store)[2]


def test_neo4j_gives_the_same_answers(tmp_path, neo4j_server):
    from graph.store.neo4j import Neo4jStore

    doc = _doc()
    with LadybugStore(tmp_path / "h.lbug") as store:
        store.write(build_graph([doc]), [doc.doc_id])
        want = _answers(store)
    with Neo4jStore(neo4j_server.uri, "neo4j", neo4j_server.password) as store:
        store.clear()
        try:
            store.write(build_graph([doc]), [doc.doc_id])
            assert _answers(store) == want
        finally:
            store.clear()
