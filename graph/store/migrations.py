"""Stores written by an earlier schema brought up to the model's: the statements, for Ladybug and for Neo4j."""
from __future__ import annotations

from graph.model import ENTITY_TYPES, ITEM_LABELS, REL_TYPES, node_props, rel_props

# until 2026-12 each kind of entity had a table (label) of its own, and MENTIONS a pair per item and kind (25)
OLD_ENTITY_LABELS = ENTITY_TYPES
_STAGING = "MENTIONS_UPGRADE"


def ladybug_outdated(tables: set[str]) -> list[str]:
    """The tables of an earlier schema among a Ladybug store's `tables`."""
    return [t for t in OLD_ENTITY_LABELS if t in tables]


def ladybug_upgrade(tables: set[str]) -> list[str]:
    """The statements, for one transaction, that move a Ladybug store's entities of the old per-kind tables into
    `Entity` and its MENTIONS onto them; [] for a store already on the model's schema. Ids are unchanged (an
    entity's id names its kind), so nothing that refers to an entity by id needs to change."""
    old = ladybug_outdated(tables)
    if not old:
        return []
    cols = node_props("Entity")
    out = []
    if "Entity" not in tables:
        out.append(f"CREATE NODE TABLE Entity({', '.join(f'{c} {t}' for c, t in cols.items())}, PRIMARY KEY (id))")
    values = ", ".join(f"{c}: x.{c}" for c in cols if c != "kind")
    out += [f"MATCH (x:{k}) CREATE (:Entity {{{values}, kind: '{k}'}})" for k in old]
    if "MENTIONS" in tables:
        pairs = ", ".join(f"FROM {a} TO {b}" for a, b in REL_TYPES["MENTIONS"]["pairs"])
        rel_cols = rel_props("MENTIONS")
        out.append(f"CREATE REL TABLE {_STAGING}({pairs}{''.join(f', {c} {t}' for c, t in rel_cols.items())})")
        rel_values = ", ".join(f"{c}: m.{c}" for c in rel_cols)
        out += [f"MATCH (h:{item})-[m:MENTIONS]->(x:{k}) MATCH (e:Entity {{id: x.id}}) "
                f"CREATE (h)-[:{_STAGING} {{{rel_values}}}]->(e)" for item in ITEM_LABELS for k in old]
        out.append("DROP TABLE MENTIONS")
    out += [f"DROP TABLE {k}" for k in old]
    if "MENTIONS" in tables:
        out.append(f"ALTER TABLE {_STAGING} RENAME TO MENTIONS")
    return out


def neo4j_outdated(index_names: set[str]) -> list[str]:
    """The labels of an earlier schema whose constraints a Neo4j store still has (`index_names`: SHOW INDEXES)."""
    return [k for k in OLD_ENTITY_LABELS if f"{k.lower()}_id" in index_names]


def neo4j_upgrade(index_names: set[str]) -> tuple[list[str], list[str]]:
    """(data statements for one transaction, then schema statements) that relabel a Neo4j store's entities of the
    old per-kind labels as `Entity` (their `kind` already names the kind) and drop the old labels' constraints
    and indexes; ([], []) for a store on the model's schema."""
    old = neo4j_outdated(index_names)
    data = [f"MATCH (x:{k}) SET x:Entity REMOVE x:{k}" for k in old]
    schema = [f"DROP CONSTRAINT {k.lower()}_id IF EXISTS" for k in old]
    schema += [f"DROP INDEX {name} IF EXISTS" for name in sorted(index_names)
               for k in old if name.startswith(f"{k.lower()}_") and name != f"{k.lower()}_id"]
    return data, schema
