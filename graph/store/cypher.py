"""The Cypher both stores run to maintain the graph: delete a document's subgraph, drop orphans, count."""
from __future__ import annotations

from graph.model import DOCUMENT_OWNED, NODE_TYPES, REL_TYPES

# every node a document owns carries the document's id in `document` (the Document node too: its provenance), so
# one indexed property finds them (an OR with `id` would make Neo4j scan the label)
DELETE_DOCUMENTS = [f"MATCH (n:{label}) WHERE n.document IN $docs DETACH DELETE n"
                    for label in DOCUMENT_OWNED] + [
    # a relationship between shared nodes that one document stated (CO_OWNS) goes with that document
    f"MATCH ()-[r:{rel}]->() WHERE r.document IN $docs DELETE r" for rel, spec in REL_TYPES.items()
    if all(a not in DOCUMENT_OWNED and b not in DOCUMENT_OWNED for a, b in spec["pairs"])]
# shared nodes (bureaus, entities) that no document names any more
DELETE_ORPHANS = [f"MATCH (n:{label}) WHERE NOT EXISTS {{ MATCH (n)-[]-() }} DELETE n"
                  for label in NODE_TYPES if label not in DOCUMENT_OWNED]
# nodes per label and relationships per type, in one statement: rows (name, c)
COUNTS = " UNION ALL ".join(
    [f"MATCH (n:{label}) RETURN '{label}' AS name, count(n) AS c" for label in NODE_TYPES]
    + [f"MATCH ()-[r:{rel}]->() RETURN '{rel}' AS name, count(r) AS c" for rel in REL_TYPES])


def counts_from(rows: list[dict]) -> dict[str, int]:
    """The COUNTS rows in schema order (labels, then relationship types)."""
    got = {r["name"]: r["c"] for r in rows}
    return {name: got.get(name, 0) for name in [*NODE_TYPES, *REL_TYPES]}
