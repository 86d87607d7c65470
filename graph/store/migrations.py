"""Stores written by an earlier schema brought up to the model's: the statements, for Ladybug and for Neo4j."""
from __future__ import annotations

from graph.model import ENTITY_TYPES, ITEM_LABELS, REL_TYPES, node_props, rel_props

# until 2026-12 each kind of entity had a table (label) of its own, and MENTIONS a pair per item and kind (25)
OLD_ENTITY_LABELS = ENTITY_TYPES
_STAGING = "MENTIONS_UPGRADE"
# until 2026-12-02 CO_OWNS was one per plan and pair of bureaus, its task numbers in a list (these columns)
OLD_CO_OWNS_COLUMNS = ("shared_tasks", "tasks")
_CO_OWNS_STAGING = "CO_OWNS_UPGRADE"


# columns added to a table after stores were made with it: a writable open adds them (null in the rows stored before),
# a read-only one needs nothing (no stored question reads them before the store's next load)
ADDED_COLUMNS = {"RESPONSIBLE_FOR": ("inherited_from",)}  # 2026-12-03: ownership a heading's marker gives


def ladybug_added_columns(columns: dict[str, set[str]]) -> list[str]:
    """The statements that add the model's later columns to a Ladybug store's tables (`columns`: table -> its
    columns, for the tables of ADDED_COLUMNS the store has)."""
    return [f"ALTER TABLE {table} ADD {name} {rel_props(table)[name]}" for table, names in ADDED_COLUMNS.items()
            if table in columns for name in names if name not in columns[table]]


def describe(outdated: list[str]) -> str:
    """What an upgrade of these outdated tables (ladybug_outdated, neo4j_outdated) changed, for the user."""
    said = []
    if entities := [t for t in outdated if t in OLD_ENTITY_LABELS]:
        said.append(f"the entities of {', '.join(entities)} are in one Entity table now, keyed by kind")
    if "CO_OWNS" in outdated:
        said.append("co-ownership (CO_OWNS) is one relationship per task two bureaus share now, recomputed from "
                    "their responsibilities")
    return "; ".join(said)


def ladybug_outdated(tables: set[str], co_owns_columns: set[str] = frozenset()) -> list[str]:
    """The tables of an earlier schema among a Ladybug store's `tables` (`co_owns_columns`: CO_OWNS's columns)."""
    old = [t for t in OLD_ENTITY_LABELS if t in tables]
    return old + ["CO_OWNS"] if set(OLD_CO_OWNS_COLUMNS) & co_owns_columns else old


def ladybug_upgrade(tables: set[str], co_owns_columns: set[str] = frozenset()) -> list[str]:
    """The statements, for one transaction, that bring a Ladybug store's tables of an earlier schema up to the
    model's; [] for a store already on it."""
    out = _ladybug_entities(tables)
    if "CO_OWNS" in ladybug_outdated(tables, co_owns_columns):
        cols = "".join(f", {c} {t}" for c, t in rel_props("CO_OWNS").items())
        out += [f"CREATE REL TABLE {_CO_OWNS_STAGING}(FROM Bureau TO Bureau{cols})",
                co_owns_statement(_CO_OWNS_STAGING), "DROP TABLE CO_OWNS",
                f"ALTER TABLE {_CO_OWNS_STAGING} RENAME TO CO_OWNS"]
    return out


def co_owns_statement(rel: str = "CO_OWNS") -> str:
    """The statement deriving every plan's co-ownership from the responsibilities stored, as graph/build.py
    derives it from one plan's: one `rel` per task and pair of its owners, a.id < b.id, with the task's id,
    number and provenance."""
    values = ", ".join(["task: t.id", "task_number: t.number",
                        *(f"{c}: t.{c}" for c in rel_props("CO_OWNS") if c not in ("task", "task_number"))])
    return ("MATCH (a:Bureau)-[:RESPONSIBLE_FOR]->(t:Task)<-[:RESPONSIBLE_FOR]-(b:Bureau) WHERE a.id < b.id "
            f"WITH DISTINCT a, b, t CREATE (a)-[:{rel} {{{values}}}]->(b)")


def _ladybug_entities(tables: set[str]) -> list[str]:
    """The statements that move a Ladybug store's entities of the old per-kind tables into `Entity` and its
    MENTIONS onto them. Ids are unchanged (an entity's id names its kind), so nothing that refers to an entity by
    id needs to change."""
    old = [t for t in OLD_ENTITY_LABELS if t in tables]
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


def neo4j_outdated(index_names: set[str], old_co_owns: bool = False) -> list[str]:
    """The labels of an earlier schema whose constraints a Neo4j store still has (`index_names`: SHOW INDEXES),
    and CO_OWNS if `old_co_owns` (its relationships are one per plan and pair: co_owns_outdated)."""
    old = [k for k in OLD_ENTITY_LABELS if f"{k.lower()}_id" in index_names]
    return old + ["CO_OWNS"] if old_co_owns else old


# a Neo4j store that lacks this index (of CO_OWNS's key) was made before CO_OWNS was one per task
CO_OWNS_MARKER = "co_owns_task"
# the relationships of the earlier CO_OWNS, which had no `task`: read once, by a store without the marker index
OLD_CO_OWNS_PROBE = "MATCH ()-[c:CO_OWNS]->() WHERE c.task IS NULL RETURN count(c) > 0 AS old"


def neo4j_upgrade(index_names: set[str], old_co_owns: bool = False) -> tuple[list[str], list[str]]:
    """(data statements for one transaction, then schema statements) that relabel a Neo4j store's entities of the
    old per-kind labels as `Entity` (their `kind` already names the kind) and drop the old labels' constraints
    and indexes, and derive CO_OWNS again (`old_co_owns`); ([], []) for a store on the model's schema."""
    old = neo4j_outdated(index_names)
    data = [f"MATCH (x:{k}) SET x:Entity REMOVE x:{k}" for k in old]
    if old_co_owns:
        data += ["MATCH ()-[c:CO_OWNS]->() DELETE c", co_owns_statement()]
    schema = [f"DROP CONSTRAINT {k.lower()}_id IF EXISTS" for k in old]
    schema += [f"DROP INDEX {name} IF EXISTS" for name in sorted(index_names)
               for k in old if name.startswith(f"{k.lower()}_") and name != f"{k.lower()}_id"]
    return data, schema
