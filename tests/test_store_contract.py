"""What every store promises, run on each backend: the embedded Ladybug store and a real Neo4j server."""
import networkx as nx
import pytest

from graph.build import build_graph
from graph.errors import StoreError
from loaders.parse import parse_text

BACKENDS = ["ladybug", "neo4j"]


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    """A fresh, empty, writable store of each kind."""
    if request.param == "ladybug":
        from graph.store.ladybug import LadybugStore

        with LadybugStore(tmp_path / "contract.lbug") as s:
            yield s
        return
    from graph.store.neo4j import Neo4jStore

    server = request.getfixturevalue("neo4j_server")
    with Neo4jStore(server.uri, "neo4j", server.password) as s:
        s.clear()
        yield s
        s.clear()


def graph_counts(g):
    counts = {}
    for _, a in g.nodes(data=True):
        counts[a["label"]] = counts.get(a["label"], 0) + 1
    for _, _, a in g.edges(data=True):
        counts[a["type"]] = counts.get(a["type"], 0) + 1
    return counts


def test_store_holds_the_graph(store, seed_graph, seed_doc):
    store.write(seed_graph, [seed_doc.doc_id])
    assert {k: v for k, v in store.counts().items() if v} == graph_counts(seed_graph)


def test_reload_changes_no_count(store, seed_graph, seed_doc):
    store.write(seed_graph, [seed_doc.doc_id])
    first = store.counts()
    store.write(seed_graph, [seed_doc.doc_id])
    assert store.counts() == first


def test_a_failing_load_leaves_the_store_as_it_was(store, seed_graph, seed_doc):
    store.write(seed_graph, [seed_doc.doc_id])
    before = store.counts()
    broken = nx.MultiDiGraph(seed_graph)
    # an edge to a node whose property no store can hold is written after every node: the failure comes mid-load
    broken.add_node("x", label="Task", id=seed_doc.doc_id + "/task/99", kind="Task", name="x", document=seed_doc.doc_id)
    broken.add_edge("x", "nowhere", key="PART_OF", type="PART_OF")
    broken.nodes["nowhere"].update(label="Programme", id="nowhere", number={"not": "a property value"})
    with pytest.raises(StoreError, match="left as it was"):
        store.write(broken, [seed_doc.doc_id])
    assert store.counts() == before


def test_a_new_version_replaces_the_old_one(store):
    plan = "某区工作方案\n一、重点任务\n1.任务甲。(责任单位:区科委、区财政局)\n2.任务乙。(责任单位:区财政局)\n"
    v1 = parse_text(plan, "plan.txt")
    store.write(build_graph([v1]), [v1.doc_id])
    v2 = parse_text(plan.replace("2.任务乙。(责任单位:区财政局)\n", ""), "plan.txt")
    assert v2.doc_id == v1.doc_id
    store.write(build_graph([v2]), [v2.doc_id])
    counts = store.counts()
    assert counts["Task"] == 1 and counts["RESPONSIBLE_FOR"] == 2


def test_roles_in_the_store(store, seed_graph, seed_doc):
    store.write(seed_graph, [seed_doc.doc_id])
    rows = store.run("MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(t:Task) WHERE b.short_name = $b "
                     "RETURN r.role AS role, count(*) AS n ORDER BY role", {"b": "区科委"})
    assert rows == [{"role": "lead", "n": 13}, {"role": "support", "n": 3}]
    rows = store.run("MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(t:Task) WHERE b.short_name = $b "
                     "RETURN r.role AS role, count(*) AS n", {"b": "园区管委会"})
    assert rows == [{"role": "support", "n": 16}]


@pytest.mark.parametrize("derived", ["CO_OWNS", "CARRIES"])
def test_plans_loaded_before_co_ownership_was_derived_are_named_with_the_reload(store, seed_graph, seed_doc, derived):
    from graph.store.integrity import check_integrity

    store.write(seed_graph, [seed_doc.doc_id])
    check_integrity(store.run, "the store", "rebuild", "reload")  # a fresh load is whole
    # what a store written by the earlier version holds (Neo4jStore.run reads only: its own session writes)
    if hasattr(store, "_session"):
        with store._session() as s:
            s.run(f"MATCH ()-[c:{derived}]->() DELETE c").consume()
    else:
        store.run(f"MATCH ()-[c:{derived}]->() DELETE c")
    with pytest.raises(StoreError, match=rf"1 plan\(s\) loaded by an earlier version.*{derived}.*again.*: reload"):
        check_integrity(store.run, "the store", "rebuild", "reload")
    store.write(seed_graph, [seed_doc.doc_id])
    check_integrity(store.run, "the store", "rebuild", "reload")


def test_a_ladybug_store_without_the_co_ownership_table_says_to_load_again(tmp_path, seed_graph, seed_doc):
    import subprocess
    import sys

    from graph.store.ladybug import LadybugStore

    path = tmp_path / "old.lbug"
    with LadybugStore(path) as s:
        s.write(seed_graph, [seed_doc.doc_id])
        s.run("MATCH ()-[c:CO_OWNS]->() DELETE c")
        s.run("DROP TABLE CO_OWNS")
    cli = [sys.executable, "-m", "graph"]
    asked = subprocess.run([*cli, "ask", "shared_tasks", "--store", str(path)], capture_output=True, text=True)
    assert asked.returncode != 0 and asked.stderr.startswith("error:") and "Traceback" not in asked.stderr
    assert "earlier version" in asked.stderr and f"python -m graph load PATH… --store {path}" in asked.stderr
    # loading the plan again creates the table and its relationships: the store reads whole again
    assert subprocess.run([*cli, "load", "seeds/", "--store", str(path)], capture_output=True).returncode == 0
    asked = subprocess.run([*cli, "ask", "shared_tasks", "--store", str(path)], capture_output=True, text=True)
    assert asked.returncode == 0 and "区科委" in asked.stdout


def test_a_consumed_graph_is_emptied_and_stored_whole(store, seed_graph, seed_doc):
    """write(consume=True), as a load's batches write: the graph is emptied (its memory free before the commit)
    and the store holds exactly what a write of an intact copy gives."""
    from graph.store.fetch import read_graph

    store.write(seed_graph, [seed_doc.doc_id])
    want = read_graph(store)
    graph = nx.MultiDiGraph(seed_graph)
    store.write(graph, [seed_doc.doc_id], consume=True)
    assert graph.number_of_nodes() == 0 and graph.number_of_edges() == 0
    got = read_graph(store)
    assert sorted(got.nodes) == sorted(want.nodes) and all(got.nodes[n] == want.nodes[n] for n in want)
    assert sorted(got.edges(keys=True)) == sorted(want.edges(keys=True))
    assert seed_graph.number_of_nodes() == want.number_of_nodes()


def test_a_consumed_graph_written_by_copy_is_stored_whole(tmp_path, seed_graph, seed_doc):
    """The same on the embedded store's COPY path (every group copied, the commit checkpoints and reopens)."""
    from graph.store.fetch import read_graph
    from graph.store.ladybug import LadybugStore

    with LadybugStore(tmp_path / "copied.lbug", small_group=1) as store:
        graph = nx.MultiDiGraph(seed_graph)
        store.write(graph, [seed_doc.doc_id], consume=True)
        assert graph.number_of_nodes() == 0
        assert {k: v for k, v in store.counts().items() if v} == graph_counts(seed_graph)
        got = read_graph(store)
    assert sorted(got.nodes) == sorted(seed_graph.nodes)
