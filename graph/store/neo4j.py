"""A Neo4j 5 server through the official driver: the store for graphs that outgrow one machine."""
from __future__ import annotations

import itertools

import networkx as nx
from neo4j import GraphDatabase, READ_ACCESS
from neo4j.exceptions import (AuthError, ClientError, ConfigurationError, DriverError, Neo4jError,
                              ServiceUnavailable)
from neo4j.graph import Node, Path, Relationship

from graph.store import cypher
from graph.store.console import check_read_only
from graph.store.migrations import CO_OWNS_MARKER, OLD_CO_OWNS_PROBE, neo4j_outdated, neo4j_upgrade
from graph.store.rows import edge_groups, node_groups, tasks_by_document
from graph.model import DERIVED_RELS, DOCUMENT_OWNED, NODE_TYPES, REL_TYPES, node_props, rel_props
from graph.errors import ConsoleRefused, QueryError, StoreError

BATCH = 2000
# properties the writer and the stored questions filter by, beyond `id` (a uniqueness constraint indexes it) and
# `document` (every label has it: each reload deletes by it): a name given as a parameter, a task's number
INDEXED = {"Bureau": ("name", "short_name"), "Document": ("doc_number",), "Task": ("number",),
           "Measure": ("number",), "Policy": ("name",)}
# properties the questions search with CONTAINS get a TEXT index (which also serves =) and no RANGE index: on stale
# statistics (a big store cleared, then a small load) Neo4j 5.26 planned `p.name CONTAINS $x` as a contains scan of
# the RANGE index, which the index refused ("A STRING_CONTAINS predicate is not allowed for a RANGE index")
TEXT_INDEXED = {"Document": ("title",), "Entity": ("name",), "Programme": ("name",)}
# RANGE indexes of earlier versions that TEXT_INDEXED replaces: dropped when a store is opened
REPLACED = [f"{label.lower()}_{prop}" for label, props in TEXT_INDEXED.items() for prop in props]
SCHEMES = {"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"}


class Neo4jStore:
    def __init__(self, uri: str, user: str, password: str, database: str = "neo4j", *, ensure_schema: bool = True):
        self.uri, self.user, self.database = uri, user, database
        self.upgraded_tables: list[str] = []  # labels of an earlier schema this open moved into the model's
        scheme = uri.split("://", 1)[0] if "://" in uri else ""
        if scheme not in SCHEMES:
            raise StoreError(f"NEO4J_URI '{uri}' is not a Neo4j Bolt URI; use bolt://host:7687 or neo4j://host:7687.")
        try:
            # the server's notifications ("relationship type does not exist" on an empty database) are not for users
            self._driver = GraphDatabase.driver(uri, auth=(user, password), connection_timeout=10,
                                                notifications_min_severity="OFF")
            # a real statement on the chosen database checks address, credentials and database name at once
            with self._session(read=True) as s:
                s.run("RETURN 1").consume()
            if ensure_schema:
                self._ensure_schema()
        except (ValueError, ConfigurationError) as exc:
            raise StoreError(f"NEO4J_URI '{uri}' is not a usable Neo4j URI ({exc}); use bolt://host:7687.") from exc
        except AuthError as exc:
            raise StoreError(f"Neo4j at {uri} rejected user '{user}': check NEO4J_USER and NEO4J_PASSWORD.") from exc
        except ServiceUnavailable as exc:
            raise StoreError(f"Cannot reach Neo4j at {uri}: is the server running? Check NEO4J_URI "
                             "(start a local one with: python -m tools.neo4j.server start).") from exc
        except Neo4jError as exc:
            if "DatabaseNotFound" in (exc.code or ""):
                raise StoreError(f"Neo4j at {uri} has no database '{database}': check NEO4J_DATABASE "
                                 "(Community edition has only 'neo4j').") from exc
            raise StoreError(f"Neo4j at {uri} refused the connection: {exc.message}") from exc
        except DriverError as exc:
            raise StoreError(f"Cannot use Neo4j at {uri}: {type(exc).__name__}. Check NEO4J_URI.") from exc

    def _session(self, read: bool = False):
        return self._driver.session(database=self.database, default_access_mode=READ_ACCESS if read else "WRITE")

    def _ensure_schema(self) -> None:
        """Create the constraints and indexes that are missing: one SHOW INDEXES on a store that has them all. A
        store of an earlier schema is brought up to the model's first (graph/store/migrations.py)."""
        with self._session() as s:
            present = {r["name"] for r in s.run("SHOW INDEXES YIELD name")}
            wanted = schema_statements()
            for name, statement in wanted.items():
                if name not in present and name != CO_OWNS_MARKER:
                    s.run(statement).consume()
            for name in REPLACED:
                if name in present:
                    s.run(f"DROP INDEX {name} IF EXISTS").consume()
            old_co_owns = CO_OWNS_MARKER not in present and s.run(OLD_CO_OWNS_PROBE).single()["old"]
            self.upgraded_tables = neo4j_outdated(present, old_co_owns)
            if self.upgraded_tables:
                data, schema = neo4j_upgrade(present, old_co_owns)
                s.execute_write(lambda tx: [tx.run(st).consume() for st in data])
                for statement in schema:
                    s.run(statement).consume()
            if CO_OWNS_MARKER not in present:  # the marker last: an upgrade that failed is tried again next open
                s.run(wanted[CO_OWNS_MARKER]).consume()

    # -- writing --------------------------------------------------------------------------------------------
    def write(self, graph: nx.MultiDiGraph, documents: list[str], *, consume: bool = False) -> None:
        """Replace `documents` by their subgraphs in one write transaction: all lands or nothing does.
        consume=True empties `graph` once the transaction has committed."""
        want = tasks_by_document(graph, documents)
        try:
            with self._session() as s:
                s.execute_write(write_documents, graph, documents)
        except (Neo4jError, DriverError) as exc:
            raise StoreError(f"Loading into Neo4j failed and the database was left as it was: "
                             f"{getattr(exc, 'message', None) or exc}") from exc
        if consume:
            graph.clear()
        self._confirm(want)

    def _confirm(self, want: dict[str, int]) -> None:
        """Read back, in a new session, that every written document is there with all its tasks (`want`)."""
        rows = self.run("UNWIND $docs AS d OPTIONAL MATCH (doc:Document {id: d}) OPTIONAL MATCH (t:Task {document: d}) "
                        "RETURN d AS d, count(DISTINCT doc) AS docs, count(t) AS tasks", {"docs": list(want)})
        got = {r["d"]: (r["docs"], r["tasks"]) for r in rows}
        missing = [d for d, n in want.items() if got.get(d) != (1, n)]
        if missing:
            raise StoreError(f"Neo4j at {self.uri} reported the load committed, but {len(missing)} of {len(want)} "
                             "documents are not there whole when read back; check the server's log and load again.")

    def write_naive(self, graph: nx.MultiDiGraph) -> None:
        """One MERGE statement per node and per relationship, each in its own transaction: the baseline the
        batched load is measured against (python -m graph bench --neo4j)."""
        with self._session() as s:
            for label, shared, rows in _node_batches(graph):
                for row in rows:
                    props = {k: v for k, v in row.items() if k != "id"}
                    s.run(f"MERGE (n:{label} {{id: $id}}) SET n += $props", id=row["id"], props=props).consume()
            for rel, a, b, rows in _edge_batches(graph):
                key_prop = REL_TYPES[rel].get("key")
                match = f" {{{key_prop}: $key}}" if key_prop else ""
                for row in rows:
                    props = {k: v for k, v in row.items() if k not in ("_src", "_dst")}
                    s.run(f"MATCH (a:{a} {{id: $src}}) MATCH (b:{b} {{id: $dst}}) MERGE (a)-[r:{rel}{match}]->(b) "
                          "SET r += $props", src=row["_src"], dst=row["_dst"], key=props.get(key_prop),
                          props=props).consume()

    def clear(self) -> None:
        with self._session() as s:
            s.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()

    # -- reading --------------------------------------------------------------------------------------------
    def run(self, cypher: str, params: dict | None = None) -> list[dict]:
        try:
            with self._session(read=True) as s:
                return s.execute_read(lambda tx: [_plain(r) for r in tx.run(cypher, params or {})])
        except Neo4jError as exc:
            raise QueryError(f"Neo4j refused the query: {exc.message}") from exc

    def run_readonly(self, cypher: str, params: dict | None = None, *, timeout_s: float = 10,
                     max_rows: int = 1000) -> tuple[list[dict], bool]:
        statement = check_read_only(cypher, bounded=True)
        params = params or {}
        try:
            with self._session(read=True) as s:
                plan = s.run("EXPLAIN " + statement, params).consume()
                if plan.query_type != "r":
                    raise ConsoleRefused(f"Refused: Neo4j classifies this statement as '{plan.query_type}' "
                                         "(not read-only); the console only reads the graph.")

                # one explicit transaction, not execute_read: a statement that hits the server's memory limit
                # fails with a transient error, which the managed form would retry for half a minute; the
                # timeout travels with the transaction, so the server terminates it, not only the driver
                rows = []
                with s.begin_transaction(timeout=timeout_s) as tx:
                    for record in tx.run(statement, params):
                        rows.append(_plain(record))
                        if len(rows) > max_rows:
                            break
                    tx.rollback()
        except ClientError as exc:
            if "TransactionTimedOut" in (exc.code or "") or "Terminated" in (exc.code or ""):
                raise QueryError(f"The query ran longer than {timeout_s:g} s and was stopped; add a LIMIT or "
                                 "anchor it on a node.") from exc
            if "ForbiddenDueToTransactionType" in (exc.code or "") or "AccessMode" in (exc.code or ""):
                raise ConsoleRefused("Refused: the console only reads the graph.") from exc
            raise QueryError(f"Neo4j refused the query: {exc.message}. See README 'Cypher dialects'.") from exc
        except Neo4jError as exc:
            if "MemoryPoolOutOfMemory" in (exc.code or "") or "memory" in (exc.message or "").lower():
                raise QueryError("The query needed more memory than the server allows one transaction "
                                 "(db.memory.transaction.max) and was stopped; add a LIMIT or build smaller "
                                 "values.") from exc
            if "TransactionTimedOut" in (exc.code or "") or "Terminated" in (exc.code or ""):
                raise QueryError(f"The query ran longer than {timeout_s:g} s and was stopped; add a LIMIT or "
                                 "anchor it on a node.") from exc
            raise QueryError(f"Neo4j refused the query: {exc.message}") from exc
        truncated = len(rows) > max_rows
        return rows[:max_rows], truncated

    def counts(self) -> dict[str, int]:
        return cypher.counts_from(self.run(cypher.COUNTS))

    def close(self) -> None:
        self._driver.close()

    def __enter__(self) -> "Neo4jStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def schema_statements() -> dict[str, str]:
    """The constraints and indexes a store needs, by the name of the index each creates (a uniqueness constraint's
    index takes the constraint's name)."""
    out = {}
    for label in NODE_TYPES:
        name = f"{label.lower()}_id"
        out[name] = f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        for prop in ("document", *INDEXED.get(label, ())):
            name = f"{label.lower()}_{prop}"
            out[name] = f"CREATE INDEX {name} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"
        for prop in TEXT_INDEXED.get(label, ()):
            name = f"{label.lower()}_{prop}_text"
            out[name] = f"CREATE TEXT INDEX {name} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"
    for rel in DERIVED_RELS:  # between shared nodes: deleted with their plan by `document` (cypher.DELETE_DOCUMENTS)
        name = f"{rel.lower()}_document"
        out[name] = f"CREATE INDEX {name} IF NOT EXISTS FOR ()-[r:{rel}]-() ON (r.document)"
        if key := REL_TYPES[rel].get("key"):  # what the naive writer merges on (write_naive)
            name = f"{rel.lower()}_{key}"
            out[name] = f"CREATE INDEX {name} IF NOT EXISTS FOR ()-[r:{rel}]-() ON (r.{key})"
    return out


def write_documents(tx, graph: nx.MultiDiGraph, documents: list[str]) -> None:
    """Run in `tx` the statements that replace `documents` by their subgraphs. The batches are built here, not
    before, so a transaction function the driver retries writes all of them again."""
    # after the documents are deleted, the nodes they own and every relationship (each touches an owned node, or
    # is a CO_OWNS of one document, deleted by `document`) are new: CREATE, with no MERGE lookups; shared nodes
    # (bureaus, entities) are merged, keeping what the document that first named them wrote
    statements = itertools.chain(
        ((st, {"docs": documents}) for st in cypher.DELETE_DOCUMENTS),
        ((node_statement(label, shared), {"rows": rows}) for label, shared, rows in _node_batches(graph)),
        ((rel_statement(rel, a, b), {"rows": rows}) for rel, a, b, rows in _edge_batches(graph)),
        ((st, {}) for st in cypher.DELETE_ORPHANS))
    # one statement in flight: the next batch is built and packed while the server runs the one before (the
    # driver sends a RUN without waiting for the previous result), then that result is released
    previous = None
    for statement, params in statements:
        result = tx.run(statement, params)
        if previous is not None:
            previous.consume()
        previous = result
    if previous is not None:
        previous.consume()


def node_statement(label: str, shared: bool) -> str:
    """The UNWIND statement that writes one batch of `label` nodes, each property named: a `SET n += map` would
    make the planner put an Eager (every row materialised) between the CREATE and the SET."""
    props = [k for k in node_props(label) if k != "id"]
    if shared:  # keep what the document that first named the node wrote
        sets = ", ".join(f"n.{k} = row.{k}" for k in props)
        return f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) ON CREATE SET {sets}"
    keys = ", ".join(f"{k}: row.{k}" for k in ("id", *props))
    return f"UNWIND $rows AS row CREATE (n:{label} {{{keys}}})"


def rel_statement(rel: str, a: str, b: str) -> str:
    """The UNWIND statement that creates one batch of `rel` relationships from `a` to `b` nodes: endpoints
    sought by id under their label (the uniqueness constraint's index), properties named in the CREATE (a null
    one is left unset, as a missing key is)."""
    keys = ", ".join(f"{k}: row.{k}" for k in rel_props(rel))
    return (f"UNWIND $rows AS row MATCH (a:{a} {{id: row._src}}) MATCH (b:{b} {{id: row._dst}}) "
            f"CREATE (a)-[:{rel} {{{keys}}}]->(b)")


def _node_batches(graph: nx.MultiDiGraph):
    """(label, shared, rows): each row the node's set properties, id included, as one flat map; a batch's rows
    are built when it is reached, so one batch of them is held at a time."""
    for label, nodes in node_groups(graph).items():
        keys = tuple(node_props(label))
        for i in range(0, len(nodes), BATCH):
            rows = [{k: v for k in keys if (v := attrs.get(k)) is not None} for attrs in nodes[i:i + BATCH]]
            yield label, label not in DOCUMENT_OWNED, rows


def _edge_batches(graph: nx.MultiDiGraph):
    """(type, source label, target label, rows): each row the endpoints' ids (`_src`, `_dst`) and the
    relationship's set properties, as one flat map; built batch by batch, as the nodes' are."""
    for (rel, a, b), edges in edge_groups(graph).items():
        keys = tuple(rel_props(rel))
        for i in range(0, len(edges), BATCH):
            rows = []
            for src, dst, attrs in edges[i:i + BATCH]:
                row = {k: v for k in keys if (v := attrs.get(k)) is not None}
                row["_src"], row["_dst"] = src, dst
                rows.append(row)
            yield rel, a, b, rows


def _plain(record) -> dict:
    return {k: _plain_value(v) for k, v in record.items()}


def _plain_value(v):
    """Nodes and paths as plain dicts with `_label`, as the embedded store returns them."""
    if isinstance(v, Node):
        return {"_label": next(iter(v.labels), ""), **dict(v)}
    if isinstance(v, Relationship):
        return {"_label": v.type, **dict(v)}
    if isinstance(v, Path):
        return {"_nodes": [_plain_value(n) for n in v.nodes], "_rels": [_plain_value(r) for r in v.relationships]}
    if isinstance(v, list):
        return [_plain_value(x) for x in v]
    if isinstance(v, dict):
        return {k: _plain_value(x) for k, x in v.items()}
    return v
