"""build_graph's derived CARRIES edges: a bureau's task responsibilities in a plan by role, and where the first is."""
from collections import Counter

from graph.build import build_graph
from loaders.parse import parse_document

PLAN = """某区数字经济发展工作方案

  一、重点任务

  1.建设数据平台。建设全区公共数据平台。(责任单位:区财政局、区发展改革委)

  2.培育骨干企业。支持骨干企业做大做强。(区发展改革委牵头,区财政局配合)

  3.开放应用场景。推动政务场景开放。(牵头单位:区发展改革委;指导单位:区财政局)
"""

PROVENANCE = ("document", "section", "span_start", "span_end", "sentence")


def _carried(g):
    return {u: a for u, _, a in g.edges(data=True) if a["type"] == "CARRIES"}


def test_each_role_is_counted_and_the_provenance_is_the_first_responsibilitys(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    doc = parse_document(path)
    g = build_graph([doc])
    carried = _carried(g)
    finance = next(b for b in carried if b.endswith("财政局"))
    development = next(b for b in carried if b.endswith("发展改革委"))
    assert len(carried) == 2
    assert {k: carried[finance][k] for k in ("leads", "supports", "guides")} == {"leads": 1, "supports": 1, "guides": 1}
    assert {k: carried[development][k] for k in ("leads", "supports", "guides")} == \
        {"leads": 2, "supports": 1, "guides": 0}
    clause = "(责任单位:区财政局、区发展改革委)"
    for bureau, unit in ((finance, "区财政局"), (development, "区发展改革委")):
        c = carried[bureau]
        assert (c["document"], c["section"], c["sentence"]) == (doc.doc_id, "重点任务 / 1", clause)
        assert PLAN[c["span_start"]:c["span_end"]] == unit  # the unit as named in the first task's clause
    assert all(g.has_edge(b, doc.doc_id, "CARRIES") for b in carried)


def test_carries_counts_the_task_responsibilities_of_the_seed_by_role_and_not_its_measures(seed_graph):
    first: dict[tuple[str, str], dict] = {}
    counts: Counter = Counter()
    for src, dst, a in seed_graph.edges(data=True):
        if a["type"] == "RESPONSIBLE_FOR" and seed_graph.nodes[dst]["label"] == "Task":
            counts[src, a["document"], a["role"]] += 1
            first.setdefault((src, a["document"]), a)
    measures = sum(1 for _, dst, a in seed_graph.edges(data=True)
                   if a["type"] == "RESPONSIBLE_FOR" and seed_graph.nodes[dst]["label"] == "Measure")
    carried = [(src, dst, a) for src, dst, a in seed_graph.edges(data=True) if a["type"] == "CARRIES"]
    assert measures > 0 and len(carried) == len(first) > 10
    for src, dst, a in carried:
        assert (a["leads"], a["supports"], a["guides"]) == tuple(counts[src, dst, r] for r in ("lead", "support", "guide"))
        assert {k: a[k] for k in PROVENANCE} == {k: first[src, dst][k] for k in PROVENANCE}
    assert sum(a["leads"] + a["supports"] + a["guides"] for *_, a in carried) == sum(counts.values())
