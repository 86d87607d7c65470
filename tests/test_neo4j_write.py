"""The batched Neo4j writer on the real test server: plans without Eager, properties as the graph has them, retries."""
from __future__ import annotations

import json

import pytest
from neo4j.exceptions import TransientError

from graph.model import NODE_TYPES, REL_TYPES


@pytest.fixture()
def store(neo4j_server):
    from graph.store.neo4j import Neo4jStore

    with Neo4jStore(neo4j_server.uri, "neo4j", neo4j_server.password) as s:
        s.clear()
        yield s
        s.clear()


def _operators(plan: dict) -> list[str]:
    out = [plan["operatorType"].split("@")[0]]
    for child in plan.get("children", []):
        out += _operators(child)
    return out


def test_no_write_statement_is_planned_with_an_eager_step(store):
    """An Eager operator materialises every row of a batch before the next step; the writer's statements
    name each property so the planner needs none."""
    from graph.store.neo4j import node_statement, rel_statement

    statements = [node_statement(label, shared) for label in NODE_TYPES for shared in (False, True)]
    statements += [rel_statement(rel, a, b) for rel, spec in REL_TYPES.items() for a, b in spec["pairs"]]
    with store._session() as s:
        for statement in statements:
            ops = _operators(s.run("EXPLAIN " + statement, rows=[]).consume().plan)
            assert "Eager" not in ops, (statement, ops)
            if "MATCH" in statement:  # endpoints are sought by the uniqueness constraint's index, not scanned
                assert ops.count("NodeUniqueIndexSeek(Locking)") == 2, (statement, ops)


def _stored_relationships(store) -> list[str]:
    rows = store.run("MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p")
    return sorted(json.dumps([r["a"], r["t"], r["b"], r["p"]], ensure_ascii=False, sort_keys=True) for r in rows)


def _graph_relationships(graph) -> list[str]:
    from graph.model import rel_props

    out = []
    for a, b, attrs in graph.edges(data=True):
        props = {k: attrs[k] for k in rel_props(attrs["type"]) if attrs.get(k) is not None}
        out.append(json.dumps([a, attrs["type"], b, props], ensure_ascii=False, sort_keys=True))
    return sorted(out)


def test_stored_relationships_and_nodes_are_the_graphs_and_a_reload_duplicates_none(store, seed_graph, seed_doc):
    from graph.model import node_props

    # a property a plan leaves unset (None) must be absent in the store, neither a value nor a stale one
    graph = seed_graph.copy()
    task = next(n for n, a in graph.nodes(data=True) if a["label"] == "Task")
    graph.nodes[task]["sentence"] = None
    edge = next((a, b, k) for a, b, k, t in graph.edges(keys=True, data="type") if t == "RESPONSIBLE_FOR")
    graph.edges[edge]["clause"] = None
    want = _graph_relationships(graph)
    for _ in range(2):
        store.write(graph, [seed_doc.doc_id])
        assert _stored_relationships(store) == want
    rows = store.run("MATCH (n) RETURN labels(n)[0] AS label, properties(n) AS p")
    got = sorted(json.dumps([r["label"], r["p"]], ensure_ascii=False, sort_keys=True) for r in rows)
    nodes = [json.dumps([a["label"], {k: a[k] for k in node_props(a["label"]) if a.get(k) is not None}],
                        ensure_ascii=False, sort_keys=True) for _, a in graph.nodes(data=True)]
    assert "sentence" not in next(r["p"] for r in rows if r["p"]["id"] == task)
    assert got == sorted(nodes)


def test_a_transaction_the_driver_retries_writes_the_whole_graph_once(store, seed_graph, seed_doc):
    """The driver re-runs a transaction function after a transient error (a leader switch, a deadlock): the
    second run must write every batch again, on a store the first run's rollback left as it was."""
    from graph.store.neo4j import write_documents
    from graph.store.rows import tasks_by_document

    store.write(seed_graph, [seed_doc.doc_id])
    want = _stored_relationships(store)
    attempts = []

    def flaky(tx, graph, documents):
        write_documents(tx, graph, documents)
        attempts.append(1)
        if len(attempts) == 1:
            raise TransientError("a transient failure after the statements ran")

    with store._session() as s:
        s.execute_write(flaky, seed_graph, [seed_doc.doc_id])
    assert len(attempts) == 2
    assert _stored_relationships(store) == want
    store._confirm(tasks_by_document(seed_graph, [seed_doc.doc_id]))


def test_the_driver_packs_parameters_in_rust():
    """requirements.txt pins neo4j-rust-ext: without it the pure-Python packer takes ~10× longer on a load's
    parameter lists, the largest client-side cost of the write (the name is the driver's own switch)."""
    from neo4j._codec.packstream import v1

    assert v1._rust_pack is not None
