"""A store written with an earlier schema (a table per kind of entity; CO_OWNS one per plan and pair) is upgraded in
place, whole or not at all, on Ladybug and on Neo4j: the same graph, the same answers, the ledger kept."""
from __future__ import annotations

import ladybug
import networkx as nx
import pytest

from graph.errors import StoreError
from graph.export import edge_properties, node_properties
from graph.model import ITEM_LABELS, NODE_TYPES, REL_TYPES, node_props, rel_props
from graph.questions.catalogue import run_question
from graph.store.fetch import read_graph
from graph.store.ladybug import LadybugStore
from graph.store.migrations import OLD_ENTITY_LABELS
from tests.conftest import run_cli


def _old_statements(graph: nx.MultiDiGraph):
    """(statement, parameters) that write `graph` as the earlier schema labelled it: each entity under its kind."""
    def old_label(attrs):
        return attrs["kind"] if attrs["label"] == "Entity" else attrs["label"]

    for _, attrs in graph.nodes(data=True):
        props = node_properties(attrs)
        yield f"CREATE (:{old_label(attrs)} {{{', '.join(f'{k}: ${k}' for k in props)}}})", props
    for src, dst, attrs in graph.edges(data=True):
        props = edge_properties(attrs)
        a, b = old_label(graph.nodes[src]), old_label(graph.nodes[dst])
        yield (f"MATCH (a:{a} {{id: $_src}}), (b:{b} {{id: $_dst}}) CREATE (a)-[:{attrs['type']} "
               f"{{{', '.join(f'{k}: ${k}' for k in props)}}}]->(b)", {**props, "_src": src, "_dst": dst})


def _write_old_ladybug(path, graph: nx.MultiDiGraph) -> None:
    """A Ladybug store with the earlier schema's tables, holding `graph` (written statement by statement)."""
    db = ladybug.Database(str(path))
    conn = ladybug.Connection(db)
    for label in [*NODE_TYPES, *OLD_ENTITY_LABELS]:
        if label != "Entity":
            cols = ", ".join(f"{c} {t}" for c, t in node_props("Entity" if label in OLD_ENTITY_LABELS else label).items())
            conn.execute(f"CREATE NODE TABLE {label}({cols}, PRIMARY KEY (id))")
    for rel, spec in REL_TYPES.items():
        pairs = [(a, k) for a in ITEM_LABELS for k in OLD_ENTITY_LABELS] if rel == "MENTIONS" else spec["pairs"]
        cols = "".join(f", {c} {t}" for c, t in rel_props(rel).items())
        conn.execute(f"CREATE REL TABLE {rel}({', '.join(f'FROM {a} TO {b}' for a, b in pairs)}{cols})")
    for statement, params in _old_statements(graph):
        conn.execute(statement, params)
    conn.close()
    db.close()


def _tables(path) -> set[str]:
    db = ladybug.Database(str(path), read_only=True)
    conn = ladybug.Connection(db)
    try:
        return {r[0] for r in conn.execute("CALL show_tables() RETURN name").get_all()}
    finally:
        conn.close()
        db.close()


def test_an_old_ladybug_store_is_upgraded_to_the_same_graph(tmp_path, seed_graph, seed_store):
    old = tmp_path / "old.lbug"
    _write_old_ladybug(old, seed_graph)
    assert set(OLD_ENTITY_LABELS) <= _tables(old) and "Entity" not in _tables(old)
    with pytest.raises(StoreError, match=r"python -m graph upgrade --store"):
        LadybugStore(old, read_only=True)
    with LadybugStore(old) as store:
        assert store.upgraded_tables == list(OLD_ENTITY_LABELS)
        got = read_graph(store)
        park = run_question(store, "tasks_of_park", {"park": "园"})[1]
    assert not set(OLD_ENTITY_LABELS) & _tables(old)
    want = read_graph(seed_store)
    assert sorted(got.nodes) == sorted(want.nodes)
    assert all(got.nodes[n] == want.nodes[n] for n in want)
    assert sorted(got.edges(keys=True, data=True)) == sorted(want.edges(keys=True, data=True))
    assert park and park == run_question(seed_store, "tasks_of_park", {"park": "园"})[1]
    with LadybugStore(old) as store:  # upgraded once: the next open has nothing to do
        assert store.upgraded_tables == []


def test_a_failing_upgrade_leaves_the_old_store_as_it_was(tmp_path, seed_graph):
    old = tmp_path / "old.lbug"
    _write_old_ladybug(old, seed_graph)
    park = next(n for n, a in seed_graph.nodes(data=True) if a.get("kind") == "Park")
    db = ladybug.Database(str(old))
    conn = ladybug.Connection(db)
    cols = ", ".join(f"{c} {t}" for c, t in node_props("Entity").items())
    conn.execute(f"CREATE NODE TABLE Entity({cols}, PRIMARY KEY (id))")
    conn.execute("CREATE (:Entity {id: $id, kind: 'Park'})", {"id": park})  # the upgrade's copy of it collides
    before = {t: conn.execute(f"MATCH (n:{t}) RETURN count(n)").get_all()[0][0] for t in OLD_ENTITY_LABELS}
    conn.close()
    db.close()
    with pytest.raises(StoreError, match="Upgrading .* failed and the store was left as it was"):
        LadybugStore(old)
    assert set(OLD_ENTITY_LABELS) <= _tables(old)
    db = ladybug.Database(str(old), read_only=True)
    conn = ladybug.Connection(db)
    assert {t: conn.execute(f"MATCH (n:{t}) RETURN count(n)").get_all()[0][0] for t in OLD_ENTITY_LABELS} == before
    assert conn.execute("MATCH (n:Entity) RETURN count(n)").get_all()[0][0] == 1
    conn.close()
    db.close()


def test_the_upgrade_command_says_what_it_did(tmp_path, seed_graph):
    old = tmp_path / "old.lbug"
    _write_old_ladybug(old, seed_graph)
    first = run_cli("upgrade", "--store", str(old))
    assert first.returncode == 0, first.stderr
    assert "Track, Park, Incubator, Initiative, Stakeholder are in one Entity table" in first.stdout
    again = run_cli("upgrade", "--store", str(old))
    assert again.returncode == 0 and "already has the current schema" in again.stdout
    stats = run_cli("stats", "--store", str(old))
    assert stats.returncode == 0, stats.stderr
    tracks = sum(1 for _, a in seed_graph.nodes(data=True) if a.get("kind") == "Track")
    assert "Entity {kind: 'Track'}" in stats.stdout and f"│ {tracks}" in stats.stdout.split("'Track'}", 1)[1]


def test_an_old_neo4j_graph_is_relabelled_and_its_old_indexes_dropped(neo4j_server, seed_graph, seed_store):
    from graph.store.neo4j import Neo4jStore

    with Neo4jStore(neo4j_server.uri, "neo4j", neo4j_server.password) as store:
        store.clear()
        with store._session() as s:  # the earlier schema: its labels, their constraints and indexes
            for k in OLD_ENTITY_LABELS:
                s.run(f"CREATE CONSTRAINT {k.lower()}_id IF NOT EXISTS FOR (n:{k}) REQUIRE n.id IS UNIQUE").consume()
                s.run(f"CREATE INDEX {k.lower()}_name IF NOT EXISTS FOR (n:{k}) ON (n.name)").consume()
            s.run("DROP CONSTRAINT entity_id IF EXISTS").consume()
            for statement, params in _old_statements(seed_graph):
                s.run(statement, params).consume()
    try:
        with Neo4jStore(neo4j_server.uri, "neo4j", neo4j_server.password) as store:
            assert store.upgraded_tables == list(OLD_ENTITY_LABELS)
            got = read_graph(store)
            names = {r["name"] for r in store.run("SHOW INDEXES YIELD name")}
            labels = {r["label"] for r in store.run("CALL db.labels() YIELD label")}
            park = run_question(store, "tasks_of_park", {"park": "园"})[1]
        want = read_graph(seed_store)
        assert sorted(got.nodes) == sorted(want.nodes) and all(got.nodes[n] == want.nodes[n] for n in want)
        assert sorted(got.edges(keys=True)) == sorted(want.edges(keys=True))
        assert "entity_id" in names and not {f"{k.lower()}_id" for k in OLD_ENTITY_LABELS} & names
        assert not {f"{k.lower()}_name" for k in OLD_ENTITY_LABELS} & names
        assert not set(OLD_ENTITY_LABELS) & labels
        assert park and park == run_question(seed_store, "tasks_of_park", {"park": "园"})[1]
    finally:
        with Neo4jStore(neo4j_server.uri, "neo4j", neo4j_server.password) as store:
            store.clear()


# -- CO_OWNS of the earlier schema: one per plan and pair, its task numbers in a list ------------------------------
def _old_co_owns(graph: nx.MultiDiGraph) -> list[dict]:
    """The graph's co-ownership as the earlier schema held it: one per plan and pair, with the count and the task
    numbers they share, and the provenance of the first task."""
    pairs: dict[tuple, list[dict]] = {}
    for a, b, attrs in graph.edges(data=True):
        if attrs["type"] == "CO_OWNS":
            pairs.setdefault((a, b, attrs["document"]), []).append(attrs)
    rows = []
    for (a, b, _), shared in sorted(pairs.items()):
        first = min(shared, key=lambda x: graph.nodes[x["task"]]["seq"])
        rows.append({"a": a, "b": b, "shared_tasks": len(shared), "tasks": sorted(x["task_number"] for x in shared),
                     **{k: first[k] for k in ("document", "section", "span_start", "span_end", "sentence")}})
    return rows


def _settled(pairs: list[dict]) -> list[dict]:
    return [{**r, "tasks": sorted(r["tasks"])} for r in pairs]  # collect() gives no order


_OLD_VALUES = ("{shared_tasks: r.shared_tasks, tasks: r.tasks, document: r.document, section: r.section, "
               "span_start: r.span_start, span_end: r.span_end, sentence: r.sentence}")


def test_an_old_ladybug_co_ownership_is_derived_again(tmp_path, seed_graph, seed_store):
    old = tmp_path / "old.lbug"
    with LadybugStore(old) as store:
        store.write(seed_graph.copy(), sorted({a["document"] for _, a in seed_graph.nodes(data=True)
                                               if a["label"] == "Document"}))
    db = ladybug.Database(str(old))
    conn = ladybug.Connection(db)
    conn.execute("DROP TABLE CO_OWNS")
    conn.execute("CREATE REL TABLE CO_OWNS(FROM Bureau TO Bureau, shared_tasks INT64, tasks INT64[], document STRING, "
                 "section STRING, span_start INT64, span_end INT64, sentence STRING)")
    rows = _old_co_owns(seed_graph)
    conn.execute(f"UNWIND $rows AS r MATCH (a:Bureau {{id: r.a}}), (b:Bureau {{id: r.b}}) "
                 f"CREATE (a)-[:CO_OWNS {_OLD_VALUES}]->(b)", {"rows": rows})
    conn.close()
    db.close()
    assert len(rows) < sum(1 for *_, a in seed_graph.edges(data=True) if a["type"] == "CO_OWNS")
    with pytest.raises(StoreError, match=r"CO_OWNS .*python -m graph upgrade --store"):
        LadybugStore(old, read_only=True)
    upgraded = run_cli("upgrade", "--store", str(old))
    assert upgraded.returncode == 0, upgraded.stderr
    assert "co-ownership (CO_OWNS) is one relationship per task two bureaus share now" in upgraded.stdout
    with LadybugStore(old, read_only=True) as store:
        got = read_graph(store)
        pairs = run_question(store, "shared_tasks")[1]
    want = read_graph(seed_store)
    assert sorted(got.edges(keys=True, data=True)) == sorted(want.edges(keys=True, data=True))
    assert _settled(pairs) == _settled(run_question(seed_store, "shared_tasks")[1]) and len(pairs) > 10
    with LadybugStore(old) as store:
        assert store.upgraded_tables == []


def test_an_old_neo4j_co_ownership_is_derived_again(neo4j_server, seed_graph, seed_store):
    from graph.store.neo4j import Neo4jStore

    with Neo4jStore(neo4j_server.uri, "neo4j", neo4j_server.password) as store:
        store.clear()
        store.write(seed_graph.copy(), sorted({a["document"] for _, a in seed_graph.nodes(data=True)
                                               if a["label"] == "Document"}))
        with store._session() as s:
            s.run("DROP INDEX co_owns_task IF EXISTS").consume()
            s.run("MATCH ()-[c:CO_OWNS]->() DELETE c").consume()
            s.run(f"UNWIND $rows AS r MATCH (a:Bureau {{id: r.a}}) MATCH (b:Bureau {{id: r.b}}) "
                  f"CREATE (a)-[:CO_OWNS {_OLD_VALUES}]->(b)", rows=_old_co_owns(seed_graph)).consume()
    try:
        with Neo4jStore(neo4j_server.uri, "neo4j", neo4j_server.password) as store:
            assert store.upgraded_tables == ["CO_OWNS"]
            got = read_graph(store)
            pairs = run_question(store, "shared_tasks")[1]
            names = {r["name"] for r in store.run("SHOW INDEXES YIELD name")}
        want = read_graph(seed_store)
        assert sorted(got.edges(keys=True)) == sorted(want.edges(keys=True)) and "co_owns_task" in names
        assert _settled(pairs) == _settled(run_question(seed_store, "shared_tasks")[1]) and len(pairs) > 10
        with Neo4jStore(neo4j_server.uri, "neo4j", neo4j_server.password) as store:
            assert store.upgraded_tables == []
    finally:
        with Neo4jStore(neo4j_server.uri, "neo4j", neo4j_server.password) as store:
            store.clear()
