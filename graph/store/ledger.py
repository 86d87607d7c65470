"""The supervision ledger's table in either store: created apart from the graph, appended to in one transaction."""
from __future__ import annotations

from collections.abc import Iterable

from graph.errors import StoreError

# One node label of its own, with no relationship: a document reload deletes DOCUMENT_OWNED nodes (and their
# relationships) and orphans among NODE_TYPES, so a record outside both, naming its task by id, survives every reload.
RECORD_LABEL = "LedgerRecord"
RECORD_PROPS = {"id": "STRING", "seq": "INT64", "plan": "STRING", "task": "STRING", "task_number": "INT64",
                "task_title": "STRING", "bureau": "STRING", "status": "STRING", "note": "STRING",
                "reported_on": "STRING", "reported_by": "STRING", "entered_at": "STRING", "source": "STRING",
                "carried_from": "STRING"}
_CREATE = (f"CREATE (r:{RECORD_LABEL} {{" + ", ".join(f"{k}: ${k}" for k in RECORD_PROPS) + "})")


def _is_ladybug(store) -> bool:
    return type(store).__name__ == "LadybugStore"


def has_ledger(store) -> bool:
    """Whether the store holds the ledger table (an embedded store made before the ledger existed does not)."""
    if _is_ladybug(store):
        with store._lock:
            return any(row["name"] == RECORD_LABEL for row in store._exec("CALL show_tables() RETURN name"))
    return True  # Neo4j: a label nobody has written yet reads as no rows


def ensure_ledger(store) -> None:
    if _is_ladybug(store):
        if store.read_only:
            raise StoreError("The store was opened read-only; open it for writing to record progress.")
        cols = ", ".join(f"{k} {t}" for k, t in RECORD_PROPS.items())
        with store._lock:
            store._exec(f"CREATE NODE TABLE IF NOT EXISTS {RECORD_LABEL}({cols}, PRIMARY KEY (id))")
    else:
        with store._session() as s:
            s.run(f"CREATE CONSTRAINT ledger_record_id IF NOT EXISTS FOR (r:{RECORD_LABEL}) REQUIRE r.id IS UNIQUE"
                  ).consume()


def append_records(store, records: Iterable[dict]) -> int:
    """Append `records` (dicts with every RECORD_PROPS key) in one transaction: all land or none does, even when
    the iterable itself fails part-way. Records are never updated or deleted here: the ledger is append-only."""
    ensure_ledger(store)
    if _is_ladybug(store):
        return _append_ladybug(store, records)
    return _append_neo4j(store, records)


def _row(record: dict) -> dict:
    missing = [k for k in RECORD_PROPS if k not in record]
    if missing:
        raise StoreError(f"A ledger record lacks {', '.join(missing)}; nothing was written.")
    return {k: record[k] for k in RECORD_PROPS}


def _append_ladybug(store, records: Iterable[dict]) -> int:
    n = 0
    with store.transaction("Recording progress failed"):
        for record in records:
            store._exec(_CREATE, _row(record))
            n += 1
    return n


def _append_neo4j(store, records: Iterable[dict]) -> int:
    from neo4j.exceptions import DriverError, Neo4jError

    n = 0
    try:
        with store._session() as s, s.begin_transaction() as tx:
            # leaving the block without commit() (an exception) rolls the transaction back
            for record in records:
                tx.run(_CREATE, _row(record)).consume()
                n += 1
            tx.commit()
    except (Neo4jError, DriverError) as exc:
        raise StoreError(f"Recording progress in Neo4j failed and the ledger was left as it was: "
                         f"{getattr(exc, 'message', None) or exc}") from exc
    except StoreError:
        raise
    except Exception as exc:
        raise StoreError(f"Recording progress failed and the ledger was left as it was: {exc}") from exc
    return n
