"""The map's pure parts on real data: focus by name, layered positions, the deadline view, and both pages."""
from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from streamlit.testing.v1 import AppTest

from graph.fengong import SheetRow, build_sheet, fetch_sheet_rows
from tests.test_fengong import SNIPPET
from viewer.network import RESPONSIBILITY_TYPES, layered_positions
from viewer.subgraph import fetch_graph, resolve_node
from viewer.timeline import NO_LEAD, by_lead, deadline_items

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture(scope="module")
def snippet_store_path(tmp_path_factory):
    from graph.build import build_graph
    from graph.store.ladybug import LadybugStore
    from loaders.parse import parse_document

    folder = tmp_path_factory.mktemp("timeline")
    (folder / "plan.txt").write_text(SNIPPET, encoding="utf-8")
    doc = parse_document(folder / "plan.txt")
    with LadybugStore(folder / "g.lbug") as store:
        store.write(build_graph([doc]), [doc.doc_id])
    return folder / "g.lbug"


@pytest.fixture(scope="module")
def viewer_graph(seed_store):
    return fetch_graph(seed_store)


def test_focus_resolves_ids_short_names_full_names_and_aliases(viewer_graph, seed_store):
    row = seed_store.run("MATCH (b:Bureau) WHERE b.short_name = '区科委' RETURN b.id AS id, b.name AS name, "
                         "b.aliases AS aliases")[0]
    assert resolve_node(viewer_graph, "区科委") == row["id"]
    assert resolve_node(viewer_graph, row["name"]) == row["id"]
    assert resolve_node(viewer_graph, row["id"]) == row["id"]
    for alias in row["aliases"] or []:
        assert resolve_node(viewer_graph, alias) == row["id"]
    assert resolve_node(viewer_graph, "没有这个单位") is None and resolve_node(viewer_graph, "") is None


def test_layered_columns_follow_the_responsibility_chain(viewer_graph):
    pos = layered_positions(viewer_graph, visible=set(RESPONSIBILITY_TYPES))
    x_of = {}
    for n, a in viewer_graph.nodes(data=True):
        x_of.setdefault(a["label"], set()).add(pos[n][0])
    assert max(x_of["Document"]) < min(x_of["Programme"]) < min(x_of["Task"]) < min(x_of["Bureau"])
    assert min(x_of["Track"]) > max(x_of["Bureau"])  # hidden types stay out of the first view's way
    tasks = sorted((n for n, a in viewer_graph.nodes(data=True) if a["label"] == "Task"), key=lambda n: pos[n][1])
    assert [viewer_graph.nodes[n]["number"] for n in tasks] == sorted(viewer_graph.nodes[n]["number"] for n in tasks)
    # no two drawn nodes share a spot, and rows are far enough apart for a label
    drawn = [pos[n] for n, a in viewer_graph.nodes(data=True) if a["label"] in RESPONSIBILITY_TYPES]
    assert len(set(drawn)) == len(drawn)
    bureau_rows = sorted(pos[n][1] for n, a in viewer_graph.nodes(data=True) if a["label"] == "Bureau")
    assert min(b - a for a, b in zip(bureau_rows, bureau_rows[1:])) >= 16 * 1.9 - 1e-6


def test_layered_layout_of_a_big_graph_keeps_near_the_screen_shape():
    g = nx.MultiDiGraph()
    for i in range(1500):
        g.add_node(f"t{i}", label="Task", number=i)
        g.add_node(f"b{i % 60}", label="Bureau")
        g.add_edge(f"b{i % 60}", f"t{i}", type="RESPONSIBLE_FOR", role="lead")
    pos = layered_positions(g)
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    assert (max(ys) - min(ys)) < 3 * (max(xs) - min(xs))


def test_deadlines_sorted_and_grouped_by_lead():
    rows = [SheetRow("1", "甲", ("区科委",), ("区财政局",), "2025-06-30", ""),
            SheetRow("2", "乙", ("区发展改革委",), (), "2024-12-31", ""),
            SheetRow("3", "丙", ("区科委",), (), "持续推进", ""),
            SheetRow("4", "丁", (), (), "2024-03-31", ""),
            SheetRow("5", "戊", ("区科委",), (), "", "")]
    items = deadline_items(rows)
    assert [d.number for d in items] == ["4", "2", "1", "3"]  # dated by date, then the words
    assert items[0].lead == NO_LEAD and not items[-1].dated
    groups = by_lead(items)
    assert list(groups) == [NO_LEAD, "区发展改革委", "区科委"]
    assert [d.number for d in groups["区科委"]] == ["1", "3"]


def app(store_path, monkeypatch, page, **params):
    monkeypatch.setenv("KG_STORE", str(store_path))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["page"] = page
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def test_timeline_page_lists_each_dated_task_under_its_lead(snippet_store_path, monkeypatch):
    from graph.store.ladybug import LadybugStore

    at = app(snippet_store_path, monkeypatch, "timeline")
    with LadybugStore(snippet_store_path, read_only=True) as store:
        rows = build_sheet(fetch_sheet_rows(store))
    with_deadline = [r for r in rows if r.deadline]
    assert len(with_deadline) == 2
    heads = [h.value for h in at.subheader]
    for r in with_deadline:
        assert f"{r.leads[0]} · 1" in heads
    tables = [d.value for d in at.dataframe]
    assert sorted(t.iloc[0]["完成时限"] for t in tables) == sorted(r.deadline for r in with_deadline)


def test_timeline_page_says_so_when_no_task_has_a_deadline(seed_store_path, monkeypatch):
    at = app(seed_store_path, monkeypatch, "timeline")
    assert any("没有写明完成时限" in i.value for i in at.info)


def test_map_page_focus_by_name_and_exports(seed_store_path, monkeypatch, seed_store):
    at = app(seed_store_path, monkeypatch, "map", focus="区科委")
    bid = seed_store.run("MATCH (b:Bureau) WHERE b.short_name = '区科委' RETURN b.id AS id")[0]["id"]
    assert at.session_state["map_focus"] == bid
    assert at.query_params["focus"] == [bid] or at.query_params["focus"] == bid
    labels = [b.label for b in at.get("download_button")]
    assert any("HTML" in x for x in labels) and any("GRAPHML" in x for x in labels)
