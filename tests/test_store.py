"""The embedded store: counts equal the graph's, reloading is idempotent, a failed load changes nothing."""
import networkx as nx
import pytest

from graph.build import build_graph
from graph.errors import StoreError
from loaders.parse import parse_text


def graph_counts(g):
    counts = {}
    for _, a in g.nodes(data=True):
        counts[a["label"]] = counts.get(a["label"], 0) + 1
    for _, _, a in g.edges(data=True):
        counts[a["type"]] = counts.get(a["type"], 0) + 1
    return counts


def test_store_holds_the_graph(fresh_store, seed_graph, seed_doc):
    fresh_store.write(seed_graph, [seed_doc.doc_id])
    counts = {k: v for k, v in fresh_store.counts().items() if v}
    assert counts == graph_counts(seed_graph)


def test_reload_changes_no_count(fresh_store, seed_graph, seed_doc):
    fresh_store.write(seed_graph, [seed_doc.doc_id])
    first = fresh_store.counts()
    fresh_store.write(seed_graph, [seed_doc.doc_id])
    assert fresh_store.counts() == first


def test_a_failing_load_leaves_the_store_as_it_was(fresh_store, seed_graph, seed_doc):
    fresh_store.write(seed_graph, [seed_doc.doc_id])
    before = fresh_store.counts()
    broken = nx.MultiDiGraph(seed_graph)
    task = next(n for n, a in broken.nodes(data=True) if a["label"] == "Task")
    broken.nodes[task]["number"] = "not a number"  # the store rejects this mid-write
    with pytest.raises(StoreError, match="left as it was"):
        fresh_store.write(broken, [seed_doc.doc_id])
    assert fresh_store.counts() == before


def test_a_new_version_replaces_the_old_one(fresh_store):
    plan = "某区工作方案\n一、重点任务\n1.任务甲。(责任单位:区科委、区财政局)\n2.任务乙。(责任单位:区财政局)\n"
    v1 = parse_text(plan, "plan.txt")
    fresh_store.write(build_graph([v1]), [v1.doc_id])
    v2 = parse_text(plan.replace("2.任务乙。(责任单位:区财政局)\n", ""), "plan.txt")
    assert v2.doc_id == v1.doc_id
    fresh_store.write(build_graph([v2]), [v2.doc_id])
    counts = fresh_store.counts()
    assert counts["Task"] == 1 and counts["RESPONSIBLE_FOR"] == 2


def test_roles_in_the_store(seed_store):
    rows = seed_store.run("MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(t:Task) WHERE b.short_name = $b "
                          "RETURN r.role AS role, count(*) AS n ORDER BY role", {"b": "区科委"})
    assert rows == [{"role": "lead", "n": 13}, {"role": "support", "n": 3}]
    rows = seed_store.run("MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(t:Task) WHERE b.short_name = $b "
                          "RETURN r.role AS role, count(*) AS n", {"b": "园区管委会"})
    assert rows == [{"role": "support", "n": 16}]


def test_read_only_store_refuses_to_load(seed_store, seed_graph):
    with pytest.raises(StoreError, match="read-only"):
        seed_store.write(seed_graph, [])


def test_second_writer_gets_a_clear_message(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    from graph.store.ladybug import LadybugStore

    path = tmp_path / "locked.lbug"
    holder = LadybugStore(path)
    try:
        code = ("from graph.store.ladybug import LadybugStore\n"
                "from graph.errors import StoreError\n"
                f"try:\n    LadybugStore({str(path)!r})\nexcept StoreError as e:\n    print(e)\n")
        root = Path(__file__).resolve().parents[1]
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                             env={**os.environ, "PYTHONPATH": str(root)})
        assert "another process" in out.stdout, out.stdout + out.stderr
    finally:
        holder.close()


def test_a_folder_loads_in_batches_to_the_same_store(tmp_path, seed_path):
    from graph.loading import load_paths
    from graph.store import Settings

    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "seed.txt").write_bytes(seed_path.read_bytes())
    for n in range(3):
        (folder / f"plan{n}.txt").write_text(f"某区第{n}号工作方案\n一、重点任务\n1.任务{n}。(责任单位:区科委、区财政局)\n",
                                              encoding="utf-8")
    (folder / "empty.txt").write_text("")
    one = load_paths(Settings(store=str(tmp_path / "one.lbug")), [folder], batch=100)
    many = load_paths(Settings(store=str(tmp_path / "many.lbug")), [folder], batch=2)
    assert len(one.loaded) == len(many.loaded) == 4
    assert one.counts == many.counts and one.counts["Task"] == 19
    assert [p for p, _ in many.skipped] == [str(folder / "empty.txt")]
