"""The embedded default store: LadybugDB (the maintained Kùzu fork), a file on disk, no server."""
from __future__ import annotations

import re
import threading
from collections.abc import Callable
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import ladybug
import networkx as nx
import pyarrow as pa

from graph.store import cypher
from graph.store.console import check_read_only
from graph.store.ladybug_open import open_database
from graph.store.ladybug_values import plain_value as _plain_value
from graph.store.migrations import ADDED_COLUMNS, ladybug_added_columns, ladybug_outdated, ladybug_upgrade
from graph.store.rows import EdgeRow, edge_groups, node_groups, tasks_by_document
from graph.model import DOCUMENT_OWNED, NODE_TYPES, REL_TYPES, node_props, rel_props
from graph.errors import QueryError, StoreError
from graph.memory import release_free_memory


# a write whose groups of rows (one node label, or one relationship type between two labels) are all smaller than
# this is written by `UNWIND … CREATE` rather than `COPY`: each COPY holds a fixed buffer (~12-18 MB per node
# table, ~8 MB per relationship pair) until the commit, and COPY is not in the write-ahead log, so its commit
# checkpoints (0.7-3 s on a 100-plan store, 7-22 s on 1,000); created rows are logged and the commit only syncs the log
SMALL_GROUP = 1000


# the write-ahead log a writer lets grow before a commit checkpoints it: every open replays the log (a reader
# opening a 100-plan store with the log of one seed load takes ~0.3 s more, of three ~0.5 s), so a few small
# loads share one checkpoint and readers pay a bounded replay
LOG_LIMIT = 1 << 20


class LadybugStore:
    def __init__(self, path: str | Path, *, read_only: bool = False, buffer_pool_mb: int = 0,
                 console_memory_mb: int = 1024, small_group: int | None = None):
        self.path = Path(path)
        self.small_group = SMALL_GROUP if small_group is None else small_group
        self.console_memory_mb = console_memory_mb
        self.read_only = read_only
        if read_only and not self.path.exists():
            raise StoreError(f"No store at {self.path}; load documents first: python -m graph load seeds/")
        if not self.path.parent.is_dir():
            what = "is not a folder" if self.path.parent.exists() else "does not exist"
            raise StoreError(f"The folder of the store {self.path} {what}; create it (mkdir -p {self.path.parent}) "
                             "or give another --store / KG_STORE.")
        self._buffer_pool = buffer_pool_mb * 1024 * 1024
        self._connect()
        self._lock = threading.RLock()  # counts() runs inside write()
        self.created_tables: list[str] = []  # tables this open created (none when the store had its schema)
        self.upgraded_tables: list[str] = []  # tables of an earlier schema this open moved into the model's
        if not read_only:
            self._ensure_schema()
        elif outdated := ladybug_outdated(*self._schema()):
            self.close()
            raise StoreError(f"The store {self.path} was written by an earlier version, whose tables "
                             f"{', '.join(outdated)} the questions no longer read. Upgrade it in place once (nothing "
                             f"is lost): python -m graph upgrade --store {self.path}")

    def _connect(self) -> None:
        try:
            # 0 lets Ladybug size its page cache (most of the memory, used as needed); a checkpoint after a big
            # load needs room in proportion to the database, so a small bound can make it fail
            limit = {} if self.read_only else {"checkpoint_threshold": LOG_LIMIT}
            self._db = open_database(self.path, read_only=self.read_only, buffer_pool_size=self._buffer_pool, **limit)
            self._conn = ladybug.Connection(self._db)
            if not self.read_only:
                # a commit made only of CREATEs is in the write-ahead log, which the next open replays: closing
                # need not checkpoint it (1-3 s on a 100-plan store); COPY is not logged, so its commit checkpoints
                self._conn.execute("CALL force_checkpoint_on_close=false")
        except RuntimeError as exc:
            raise StoreError(f"Cannot open the store {self.path}: {_first_line(exc)}. If it is damaged, delete it "
                             "and load the documents again (python -m graph load …).") from exc

    # -- schema ---------------------------------------------------------------------------------------------
    def _ensure_schema(self) -> None:
        """Create the tables the catalogue lacks and add the columns of ADDED_COLUMNS a table lacks: a store that has
        them all costs two catalogue reads, no DDL."""
        present, co_owns = self._schema()
        self.upgraded_tables = ladybug_outdated(present, co_owns)
        if self.upgraded_tables:
            self._upgrade(ladybug_upgrade(present, co_owns))
            present = self._tables()
        added = ladybug_added_columns({t: self._columns(t) for t in ADDED_COLUMNS if t in present})
        if added:
            self._upgrade(added)
        self.created_tables = []
        for label in NODE_TYPES:
            if label not in present:
                cols = ", ".join(f"{name} {typ}" for name, typ in node_props(label).items())
                self._exec(f"CREATE NODE TABLE IF NOT EXISTS {label}({cols}, PRIMARY KEY (id))")
                self.created_tables.append(label)
        for rel, spec in REL_TYPES.items():
            if rel not in present:
                pairs = ", ".join(f"FROM {a} TO {b}" for a, b in spec["pairs"])
                cols = "".join(f", {name} {typ}" for name, typ in rel_props(rel).items())
                self._exec(f"CREATE REL TABLE IF NOT EXISTS {rel}({pairs}{cols})")
                self.created_tables.append(rel)
        if self.created_tables:
            # the schema in the file itself, not only in the log: a log torn by a later failed write is replayed
            # only up to the tear
            self._exec("CHECKPOINT")

    def _tables(self) -> set[str]:
        return {r["name"] for r in self._exec("CALL show_tables() RETURN name")}

    def _schema(self) -> tuple[set[str], set[str]]:
        """(the store's tables, the columns of its CO_OWNS): what graph/store/migrations.py tells outdated by."""
        tables = self._tables()
        return tables, self._columns("CO_OWNS") if "CO_OWNS" in tables else set()

    def _columns(self, table: str) -> set[str]:
        return {r["name"] for r in self._exec(f"CALL table_info('{table}') RETURN name")}

    def _upgrade(self, statements: list[str]) -> None:
        """Bring a store of an earlier schema up to the model's (graph/store/migrations.py), in one transaction."""
        with self.transaction(f"Upgrading {self.path} to the current schema failed"):
            for statement in statements:
                self._exec(statement)
        self._exec("CHECKPOINT")

    # -- running --------------------------------------------------------------------------------------------
    def _exec(self, cypher: str, params: dict | None = None) -> list[dict]:
        result = self._conn.execute(cypher, params or {})
        results = result if isinstance(result, list) else [result]
        rows: list[dict] = []
        for res in results:
            cols = res.get_column_names()
            # fetch all rows at once, and convert only the columns that hold nodes, paths or decimals
            convert = [i for i, t in enumerate(res.get_column_data_types()) if not _SCALAR.fullmatch(t)]
            for values in res.get_all():
                for i in convert:
                    values[i] = _plain_value(values[i])
                rows.append(dict(zip(cols, values)))
        return rows

    def run(self, cypher: str, params: dict | None = None) -> list[dict]:
        with self._lock:
            try:
                return self._exec(cypher, params)
            except RuntimeError as exc:
                raise QueryError(f"Ladybug refused the query: {_first_line(exc)}") from exc

    def run_readonly(self, cypher: str, params: dict | None = None, *, timeout_s: float = 10,
                     max_rows: int = 1000) -> tuple[list[dict], bool]:
        """Gate the statement, then run it in a child process bounded in memory and time (graph/console_process.py):
        no statement can crash, starve or stall this process."""
        from graph.store.console_process import run_isolated

        statement = check_read_only(cypher)
        return run_isolated(self.path, statement, params, timeout_s=timeout_s, max_rows=max_rows,
                            memory_mb=self.console_memory_mb)

    # -- writing --------------------------------------------------------------------------------------------
    def write(self, graph: nx.MultiDiGraph, documents: list[str], *, consume: bool = False) -> None:
        """Replace `documents` by their subgraphs in `graph` in one transaction: all lands or nothing does.
        consume=True empties `graph` once its rows are in the transaction, and hands the memory back before the
        commit, whose checkpoint is a load's peak (1,000 of the bench's plans: ~50 MB lower).

        Bulk COPY from Arrow tables for big groups of rows, `UNWIND … CREATE` for small ones (SMALL_GROUP), not
        row-by-row MERGE: after the documents' own nodes are deleted every node they own and every relationship in
        `graph` is new, and shared nodes (bureaus, entities) already stored are left out, keeping the provenance
        of the document that first named them.
        """
        if self.read_only:
            raise StoreError("The store was opened read-only; open it for writing to load documents.")
        with self._lock:
            nodes, edges = node_groups(graph), edge_groups(graph)
            # a write is logged whole or copied whole: a COPY's commit checkpoints, and then every row may as well
            # be copied (creating relationships is ~5× slower); a write with no big group needs no checkpoint
            copies = any(len(rows) >= self.small_group for rows in [*nodes.values(), *edges.values()])
            # a load with a COPY is checkpointed by its commit and confirmed by reopening; the state before it
            # tells a failed checkpoint that kept the old store from one that damaged it
            before = self.counts() if copies else None
            if copies and _size(self._wal):
                self._checkpoint_log()
            wal = _size(self._wal)
            stored = self._stored_ids(nodes, documents)
            # documents new to the store delete nothing, so they leave no orphan unless the graph brings one
            replaces = bool(stored.pop("Document", None))
            isolated = any(graph.degree(n) == 0 for n, a in graph.nodes(data=True) if a["label"] not in DOCUMENT_OWNED)
            want = tasks_by_document(graph, documents)
            with self.transaction("Loading failed") as outcome:
                if replaces:
                    self._delete_documents(documents)
                self._copy_nodes(nodes, copies, stored)
                self._copy_edges(edges, copies)
                if replaces or isolated:
                    self._delete_orphans()
                if consume:
                    nodes.clear()
                    edges.clear()
                    graph.clear()
                    release_free_memory()
            logged = not copies and _size(self._wal) > wal
            if copies and _size(self._wal) and outcome["checkpoint_error"] is None:
                # COPY is not in the log: a commit that left one has not checkpointed its rows (never seen)
                self._exec("CHECKPOINT")
            self._confirm(want, before, outcome["checkpoint_error"], reopen=not logged)

    def _checkpoint_log(self) -> None:
        """Fold the logged loads into the file before a COPY, whose commit checkpoints: a failure then concerns
        only them (the next open with room to write completes it), not the new documents."""
        try:
            self._exec("CHECKPOINT")
        except RuntimeError as exc:
            raise StoreError(f"Loading failed and the store was left as it was: the write-ahead log of the earlier "
                             f"loads could not be written into {self.path} ({_first_line(exc)}). Check the free "
                             f"space in {self.path.parent} (a full disk or a file-size limit does this) and load "
                             "again.") from exc

    @property
    def _wal(self) -> Path:
        return self.path.with_name(self.path.name + ".wal")

    @contextmanager
    def transaction(self, failure: str):
        """One write transaction under the store's lock, committed when the block ends and rolled back when it
        raises (StoreError: "<failure> and the store was left as it was: …"). Yields a dict whose
        'checkpoint_error' then holds the message of a failed post-commit checkpoint, or None."""
        with self._lock:
            outcome: dict = {"checkpoint_error": None}
            self._exec("BEGIN TRANSACTION")
            try:
                yield outcome
                outcome["checkpoint_error"] = self._commit()
            except Exception as exc:
                self._rollback()
                raise StoreError(f"{failure} and the store was left as it was: {_first_line(exc)}") from exc
            except BaseException:
                self._rollback()
                raise

    def _commit(self) -> str | None:
        """Commit; the message of a failed post-commit checkpoint, or None. Ladybug calls such data durable, but a
        checkpoint that failed for want of disk space has been seen to lose it, so _confirm decides."""
        try:
            self._exec("COMMIT")
        except RuntimeError as exc:
            if "committed successfully" not in str(exc):
                raise
            return _first_line(exc)
        return None

    def _confirm(self, want: dict[str, int], before: dict | None, checkpoint_error: str | None, *,
                 reopen: bool = True):
        """Check that the store holds every written document whole; if not, raise StoreError saying whether the
        store is as it was before the load. `reopen`: close and reopen the file first (completing any recovery),
        for a commit that checkpointed. A commit the write-ahead log took whole (no COPY, no checkpoint: Ladybug
        syncs the log before COMMIT returns, and every open replays it) is checked in this connection."""
        if reopen:
            self._conn.close()
            self._db.close()
            try:
                self._connect()
            except StoreError as exc:
                raise StoreError(f"The load could not be confirmed: reopening {self.path} failed ({exc}).") from exc
        rows = self._exec("UNWIND $docs AS d OPTIONAL MATCH (doc:Document {id: d}) OPTIONAL MATCH (t:Task) "
                          "WHERE t.document = d RETURN d AS d, count(DISTINCT doc) AS docs, count(t) AS tasks",
                          {"docs": list(want)})
        got = {r["d"]: (r["docs"], r["tasks"]) for r in rows}
        missing = [d for d, n in want.items() if got.get(d) != (1, n)]
        if not missing:
            return
        cause = f" ({checkpoint_error})" if checkpoint_error else ""
        state = ("the store holds what it held before the load" if before is not None and self.counts() == before
                 else f"the store is damaged: delete {self.path} and load the documents again")
        raise StoreError(f"The load did not reach the disk{cause}: {len(missing)} of {len(want)} documents are "
                         f"missing after reopening; {state}. Check the free space in {self.path.parent} (a full "
                         "disk or a file-size limit does this) and load again.")

    def _rollback(self) -> None:
        try:
            self._exec("ROLLBACK")
        except RuntimeError:  # a failed COPY has already ended the transaction
            pass

    def _delete_documents(self, documents: list[str]) -> None:
        if not documents:
            return
        for statement in cypher.DELETE_DOCUMENTS:
            self._exec(statement, {"docs": documents})

    def _delete_orphans(self) -> None:
        for statement in cypher.DELETE_ORPHANS:
            self._exec(statement)

    def _copy(self, table: str, frame: pa.Table, options: str = "") -> None:
        # COPY … FROM <name> reads the Arrow table through Ladybug's scan of this frame's local variables
        rows = frame  # noqa: F841
        self._conn.execute(f"COPY {table} FROM rows{options}")

    def _insert(self, table: str, rows: list[dict] | list[EdgeRow], schema: dict[str, str],
                pair: tuple[str, str] | None) -> None:
        """Rows of a group too small for COPY: `UNWIND … CREATE` (the rows are WAL-logged, no per-table copy buffer
        is allocated, and no checkpoint is forced by the commit). `pair` is (from, to) of a relationship group,
        whose rows are (source id, target id, attributes); a node group's rows are attribute dicts."""
        column = partial(_node_column, rows) if pair is None else partial(_edge_column, rows)
        checked = {col: [_checked(v, typ, table, col) for v in column(col)] for col, typ in schema.items()}
        values = [dict(zip(checked, row)) for row in zip(*checked.values())]
        props = ", ".join(f"{col}: {_cast(col, typ)}" for col, typ in schema.items() if col not in ("from", "to"))
        if pair is None:
            self._exec(f"UNWIND $rows AS r CREATE (:{table} {{{props}}})", {"rows": values})
        else:
            a, b = pair
            self._exec(f"UNWIND $rows AS r MATCH (a:{a} {{id: r.`from`}}), (b:{b} {{id: r.`to`}}) "
                       f"CREATE (a)-[:{table} {{{props}}}]->(b)", {"rows": values})

    def _stored_ids(self, by_label: dict[str, list[dict]], documents: list[str]) -> dict[str, set[str]]:
        """The ids already stored, by label, of the graph's shared nodes (bureaus, entities) and of `documents`, in
        one statement (a statement costs a few milliseconds whatever its rows: one a label was ~2 ms each). The
        documents' deletes never remove a shared node, so looking them up before the write gives the same answer."""
        ids = {label: [n["id"] for n in nodes] for label, nodes in by_label.items() if label not in DOCUMENT_OWNED}
        if documents:
            ids["Document"] = list(documents)
        ids = {label: v for label, v in ids.items() if v}
        if not ids:
            return {}
        stored: dict[str, set[str]] = {}
        for r in self._exec(f"UNWIND $ids AS i MATCH (n:{':'.join(ids)} {{id: i}}) RETURN label(n) AS label, n.id AS id",
                            {"ids": sorted({i for v in ids.values() for i in v})}):
            stored.setdefault(r["label"], set()).add(r["id"])
        return stored

    def _copy_nodes(self, by_label: dict[str, list[dict]], copies: bool, stored: dict[str, set[str]]) -> None:
        for label, nodes in by_label.items():
            if label in stored:  # a shared node already stored keeps the provenance of the document that named it
                nodes = [n for n in nodes if n["id"] not in stored[label]]
            if not nodes:  # even an empty COPY holds its table's buffer (~16 MB) until the commit
                continue
            if copies:
                self._copy(label, _frame(partial(_node_column, nodes), node_props(label)))
            else:
                self._insert(label, nodes, node_props(label), None)

    def _copy_edges(self, groups: dict[tuple[str, str, str], list[EdgeRow]], copies: bool) -> None:
        for (rel, a, b), rows in groups.items():
            schema = {"from": "STRING", "to": "STRING", **rel_props(rel)}
            if not copies:
                self._insert(rel, rows, schema, (a, b))
                continue
            options = f" (from='{a}', to='{b}')" if len(REL_TYPES[rel]["pairs"]) > 1 else ""
            self._copy(rel, _frame(partial(_edge_column, rows), schema), options)

    # -- reading --------------------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        return cypher.counts_from(self.run(cypher.COUNTS))

    def close(self) -> None:
        try:
            self._conn.close()
        finally:
            self._db.close()

    def __enter__(self) -> "LadybugStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# INT128 (a sum of integers) is read as a Decimal: it is converted, to the int Neo4j gives for the same sum
_SCALAR = re.compile(r"(?:STRING|INT(?:8|16|32|64)?|UINT\d*|DOUBLE|FLOAT|BOOL|DATE|TIMESTAMP|SERIAL)(?:\[\])?")
_ARROW = {"STRING": pa.string(), "INT64": pa.int64(), "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(),
          "STRING[]": pa.list_(pa.string()), "INT64[]": pa.list_(pa.int64())}


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


_PYTHON = {"STRING": str, "INT64": int, "DOUBLE": float, "BOOLEAN": bool}


def _checked(value, typ: str, table: str, col: str):
    """The value, if it has the column's type (None allowed): the small-group path's stand-in for _frame's check."""
    if value is None:
        return None
    element = typ.removesuffix("[]")
    items = value if typ.endswith("[]") and isinstance(value, list) else None if typ.endswith("[]") else [value]
    want = _PYTHON[element]
    if items is None or any(not isinstance(v, want) or (want is int and isinstance(v, bool)) for v in items):
        raise TypeError(f"{table}.{col} must be {typ}, got {value!r}")
    return value


def _cast(col: str, typ: str) -> str:
    # a parameter's type is inferred from its values: an empty list or a column of nulls (a derived relationship
    # has no span) needs the column's type
    return f"r.`{col}`" if typ == "STRING" else f"CAST(r.`{col}` AS {typ})"


def _frame(column: Callable[[str], list], schema: dict[str, str]) -> pa.Table:
    """A group's rows as an Arrow table in the store's column order and types, one column read at a time from
    `column` (name -> its values); a value of the wrong type fails here."""
    return pa.table({col: pa.array(column(col), type=_ARROW[typ]) for col, typ in schema.items()})


def _node_column(nodes: list[dict], col: str) -> list:
    return [attrs.get(col) for attrs in nodes]


def _edge_column(edges: list[EdgeRow], col: str) -> list:
    """The `from` and `to` columns of a relationship table are its endpoints' ids; the others its attributes."""
    if col == "from":
        return [src for src, _, _ in edges]
    if col == "to":
        return [dst for _, dst, _ in edges]
    return [attrs.get(col) for _, _, attrs in edges]


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
