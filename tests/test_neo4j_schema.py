"""Neo4j's schema: every property the writer and the stored questions filter by is indexed, and the delete uses it."""
from __future__ import annotations

import pytest

from graph.model import NODE_TYPES
from graph.store import cypher


@pytest.fixture(scope="module")
def neo(neo4j_server):
    from graph.store.neo4j import Neo4jStore

    with Neo4jStore(neo4j_server.uri, "neo4j", neo4j_server.password) as store:
        yield store


def _indexed(store) -> set[tuple[str, str]]:
    rows = store.run("SHOW INDEXES YIELD labelsOrTypes, properties, state WHERE state = 'ONLINE' "
                     "RETURN labelsOrTypes AS labels, properties AS props")
    return {(r["labels"][0], r["props"][0]) for r in rows if r["labels"] and len(r["props"]) == 1}


def test_every_filtered_property_is_indexed_after_open(neo):
    indexed = _indexed(neo)
    for label in NODE_TYPES:
        assert (label, "id") in indexed and (label, "document") in indexed, label
    for label, prop in [("Bureau", "name"), ("Bureau", "short_name"), ("Document", "doc_number"),
                        ("Document", "title"), ("Task", "number"), ("Entity", "name"),
                        ("Programme", "name")]:
        assert (label, prop) in indexed, (label, prop)


def test_opening_again_keeps_the_same_indexes(neo, neo4j_server):
    from graph.store.neo4j import Neo4jStore

    before = _indexed(neo)
    with Neo4jStore(neo4j_server.uri, "neo4j", neo4j_server.password):
        pass
    assert _indexed(neo) == before


def _operators(plan) -> set[str]:
    return {plan["operatorType"].split("@")[0], *(op for c in plan.get("children", []) for op in _operators(c))}


def test_deleting_a_document_seeks_the_index_instead_of_scanning(neo):
    with neo._session() as s:
        for statement in cypher.DELETE_DOCUMENTS:
            ops = _operators(s.run("EXPLAIN " + statement, docs=["x"]).consume().plan)
            assert any("IndexSeek" in op for op in ops), (statement, ops)
            assert not any("LabelScan" in op or "AllNodesScan" in op for op in ops), (statement, ops)
