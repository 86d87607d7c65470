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


def _index_types(store) -> dict[tuple[str, str], set[str]]:
    out: dict[tuple[str, str], set[str]] = {}
    for r in store.run("SHOW INDEXES YIELD labelsOrTypes AS labels, properties AS props, type "
                       "WHERE labels IS NOT NULL AND size(props) = 1 RETURN labels, props, type"):
        out.setdefault((r["labels"][0], r["props"][0]), set()).add(r["type"])
    return out


def _contains_searched(questions) -> set[tuple[str, str]]:
    """(label, property) pairs a stored question searches with `x.prop CONTAINS …`, read from the .cypher text."""
    import re

    found = set()
    for q in questions:
        labels = dict(re.findall(r"\((\w+):(\w+)", q.cypher))
        for var, prop in re.findall(r"\b(\w+)\.(\w+) CONTAINS ", q.cypher):
            if var in labels:
                found.add((labels[var], prop))
    return found


def test_properties_searched_with_contains_have_a_text_index_and_no_range_index(neo):
    from graph.questions.catalogue import load_questions

    searched = _contains_searched(load_questions().values())
    assert ("Entity", "name") in searched and ("Document", "title") in searched
    types = _index_types(neo)
    for key in [("Entity", "name"), ("Document", "title"), ("Programme", "name")]:
        assert types.get(key) == {"TEXT"}, (key, types.get(key))
    for key in searched:  # no RANGE index for the planner to misuse on a CONTAINS
        assert "RANGE" not in types.get(key, set()), key


def test_no_stored_question_plans_a_contains_on_a_range_index(neo):
    from graph.questions.catalogue import load_questions

    def details(plan):
        yield plan["args"].get("Details", "")
        for c in plan.get("children", []):
            yield from details(c)

    for name, q in load_questions().items():
        params = q.bind({p.name: p.example for p in q.params if p.default is None})
        with neo._session() as s:
            plan = s.run("EXPLAIN " + q.cypher, params).consume().plan
        bad = [d for d in details(plan) if "RANGE INDEX" in d and "CONTAINS" in d]
        assert not bad, (name, bad)


def test_an_open_replaces_an_earlier_range_index_on_a_searched_name(neo, neo4j_server):
    from graph.store.neo4j import Neo4jStore

    with neo._session() as s:
        s.run("DROP INDEX entity_name_text IF EXISTS").consume()
        s.run("CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)").consume()
    assert _index_types(neo)[("Entity", "name")] == {"RANGE"}
    with Neo4jStore(neo4j_server.uri, "neo4j", neo4j_server.password):
        pass
    assert _index_types(neo)[("Entity", "name")] == {"TEXT"}


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
