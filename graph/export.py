"""The graph as files Neo4j loads: a Cypher script (cypher-shell) or CSV files for `neo4j-admin database import`.

Both are written from the networkx graph `graph.build.build_graph` returns (or `graph.store.fetch.read_graph` reads back from a
store), with the schema of `graph.model`: only declared properties, values coerced to their declared type, nulls
left out, so either file recreates exactly what `Neo4jStore.write` would have stored.
"""
from __future__ import annotations

import io
import math
import shlex
from pathlib import Path
from typing import TextIO

import networkx as nx

from graph.model import NODE_TYPES, REL_TYPES, node_props, rel_props

# schema type -> neo4j-admin import header type
CSV_TYPES = {"STRING": "", "INT64": "long", "DOUBLE": "double", "BOOLEAN": "boolean", "STRING[]": "string[]",
             "INT64[]": "long[]"}
# tried in order: the first that no list element contains is the array delimiter
ARRAY_DELIMITERS = (";", "|", "\x1f")
README = "README.txt"
CONSTRAINTS = "constraints.cypher"


# -- values ---------------------------------------------------------------------------------------------------
def coerce(value, typ: str):
    """A property value as its schema type; None stays None (and is then left out)."""
    if value is None:
        return None
    if typ == "INT64":
        return int(value)
    if typ == "DOUBLE":
        return float(value)
    if typ == "BOOLEAN":
        return bool(value)
    if typ == "STRING[]":
        return [str(x) for x in value if x is not None]
    if typ == "INT64[]":
        return [int(x) for x in value if x is not None]
    return str(value)


def _props(attrs: dict, schema: dict[str, str], skip: tuple[str, ...] = ()) -> dict:
    out = {}
    for name, typ in schema.items():
        if name in skip:
            continue
        v = coerce(attrs.get(name), typ)
        if v is not None:
            out[name] = v
    return out


def node_properties(attrs: dict) -> dict:
    """The properties Neo4j holds for a graph node (id included)."""
    return _props(attrs, node_props(attrs["label"]))


def edge_properties(attrs: dict) -> dict:
    return _props(attrs, rel_props(attrs["type"]))


def _nodes(graph: nx.MultiDiGraph):
    """Nodes grouped by label in schema order, each group in graph order: a stable, diffable output."""
    order = {label: i for i, label in enumerate(NODE_TYPES)}
    return sorted(graph.nodes(data=True), key=lambda item: order[item[1]["label"]])


def _edges(graph: nx.MultiDiGraph):
    order = {rel: i for i, rel in enumerate(REL_TYPES)}
    return sorted(graph.edges(data=True), key=lambda item: order[item[2]["type"]])


# -- Cypher ---------------------------------------------------------------------------------------------------
_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def cypher_string(s: str) -> str:
    """A single-quoted Cypher string literal; never contains a raw line break, so `;\\n` only ends statements."""
    out = []
    for ch in s:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ch in "\x7f\u0085\u2028\u2029":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "'" + "".join(out) + "'"


def cypher_literal(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "toFloat('NaN')"
        if math.isinf(v):
            return "toFloat('Infinity')" if v > 0 else "-toFloat('Infinity')"
        return repr(v)  # always has '.' or 'e': stays a float
    if isinstance(v, str):
        return cypher_string(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(cypher_literal(x) for x in v) + "]"
    raise TypeError(f"cannot write {type(v).__name__} as a Cypher literal: {v!r}")


def _set(var: str, props: dict) -> str:
    return (" SET " + ", ".join(f"{var}.{k} = {cypher_literal(v)}" for k, v in props.items())) if props else ""


def constraint_statements() -> list[str]:
    # same names as Neo4jStore._ensure_schema, so the store and the script never create a second one
    return [f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
            for label in NODE_TYPES]


def cypher_statements(graph: nx.MultiDiGraph):
    """Parameter-free statements: constraints, then one MERGE per node, then one per relationship."""
    yield from constraint_statements()
    for _, attrs in _nodes(graph):
        props = node_properties(attrs)
        node_id = props.pop("id")
        yield f"MERGE (n:{attrs['label']} {{id: {cypher_string(node_id)}}}){_set('n', props)}"
    for src, dst, attrs in _edges(graph):
        rel = attrs["type"]
        a, b = graph.nodes[src], graph.nodes[dst]
        props = edge_properties(attrs)
        key_prop = REL_TYPES[rel].get("key")
        key = f" {{{key_prop}: {cypher_literal(props.pop(key_prop))}}}" if key_prop else ""
        yield (f"MATCH (a:{a['label']} {{id: {cypher_string(a['id'])}}}), (b:{b['label']} {{id: "
               f"{cypher_string(b['id'])}}}) MERGE (a)-[r:{rel}{key}]->(b){_set('r', props)}")


def export_cypher(graph: nx.MultiDiGraph, out: TextIO) -> int:
    """Write a cypher-shell script (one statement per line, each ending in `;`); returns the statement count."""
    out.write(f"// {graph.number_of_nodes()} nodes, {graph.number_of_edges()} relationships; load with:\n"
              "//   cypher-shell -u neo4j -p <password> -f <this file>\n")
    n = 0
    for statement in cypher_statements(graph):
        out.write(statement + ";\n")
        n += 1
    return n


def split_statements(script: str) -> list[str]:
    """The statements of a script from export_cypher, as cypher-shell runs them (comment lines dropped)."""
    # the trailing newline kept, so the last statement loses its `;` like the others
    body = "".join(line + "\n" for line in script.splitlines() if not line.startswith("//"))
    return [s.strip() for s in body.split(";\n") if s.strip().rstrip(";")]


# -- CSV for neo4j-admin database import --------------------------------------------------------------------------
def _csv_field(v, delimiter: str) -> str:
    if v is None:
        return ""  # unquoted empty: no property
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return "NaN" if math.isnan(v) else ("Infinity" if v > 0 else "-Infinity") if math.isinf(v) else repr(v)
    if isinstance(v, list):
        v = delimiter.join(str(x) for x in v)
    return '"' + str(v).replace('"', '""') + '"'  # quoted, so "" is an empty string, not a missing value


def _csv_line(fields) -> str:
    return ",".join(fields) + "\n"


def _array_delimiter(graph: nx.MultiDiGraph) -> str:
    elements = set()
    for _, attrs in graph.nodes(data=True):
        for name, typ in node_props(attrs["label"]).items():
            if typ == "STRING[]" and attrs.get(name):
                elements.update(str(x) for x in attrs[name])
    for d in ARRAY_DELIMITERS:
        if not any(d in e for e in elements):
            return d
    raise ValueError("every candidate array delimiter occurs in some list value; cannot write neo4j-admin CSV")


def _delimiter_arg(d: str) -> str:
    return d if d.isprintable() else f"U+{ord(d):04X}"


def export_neo4j_csv(graph: nx.MultiDiGraph, folder: str | Path) -> dict:
    """CSV files for `neo4j-admin database import full` in `folder`: nodes_<Label>.csv (one id space per label)
    and rels_<TYPE>_<From>_<To>.csv, UTF-8, plus constraints.cypher and README.txt with the exact command.
    Everything round-trips exactly except empty lists, which neo4j-admin import can only leave out.
    Returns {"nodes": [...], "relationships": [...], "array_delimiter": d, "args": [...], "command": str}."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    delim = _array_delimiter(graph)
    node_files, rel_files = [], []

    by_label: dict[str, list[dict]] = {}
    for _, attrs in _nodes(graph):
        by_label.setdefault(attrs["label"], []).append(attrs)
    for label, rows in by_label.items():
        schema = node_props(label)
        cols = [c for c in schema if c != "id"]
        header = [f"id:ID({label})", ":LABEL"] + [_typed(c, schema[c]) for c in cols]
        path = folder / f"nodes_{label}.csv"
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(_csv_line(header))
            for attrs in rows:
                props = node_properties(attrs)
                f.write(_csv_line([_csv_field(props["id"], delim), label]
                                  + [_csv_field(props.get(c), delim) for c in cols]))
        node_files.append(path.name)

    groups: dict[tuple[str, str, str], list[tuple]] = {}
    for src, dst, attrs in _edges(graph):
        groups.setdefault((attrs["type"], graph.nodes[src]["label"], graph.nodes[dst]["label"]), []).append(
            (graph.nodes[src]["id"], graph.nodes[dst]["id"], attrs))
    for (rel, a, b), rows in groups.items():
        schema = rel_props(rel)
        cols = list(schema)
        header = [f":START_ID({a})", f":END_ID({b})", ":TYPE"] + [_typed(c, schema[c]) for c in cols]
        path = folder / f"rels_{rel}_{a}_{b}.csv"
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(_csv_line(header))
            for src_id, dst_id, attrs in rows:
                props = edge_properties(attrs)
                f.write(_csv_line([_csv_field(src_id, delim), _csv_field(dst_id, delim), rel]
                                  + [_csv_field(props.get(c), delim) for c in cols]))
        rel_files.append(path.name)

    (folder / CONSTRAINTS).write_text("".join(s + ";\n" for s in constraint_statements()), encoding="utf-8")
    args = import_args(node_files, rel_files, delim)
    command = "neo4j-admin " + " ".join(shlex.quote(a) for a in args)
    (folder / README).write_text(
        f"CSV files for Neo4j's offline bulk import ({graph.number_of_nodes()} nodes, "
        f"{graph.number_of_edges()} relationships).\n\n"
        "1. Stop Neo4j. The target database must not exist or be empty (Community: the database 'neo4j';\n"
        "   drop its folders data/databases/neo4j and data/transactions/neo4j, or add --overwrite-destination).\n"
        "2. From this folder run:\n\n"
        f"   cd {shlex.quote(str(folder.resolve()))}\n"
        f"   {command}\n\n"
        "3. Start Neo4j and create the id constraints:\n\n"
        f"   cypher-shell -u neo4j -p <password> -f {CONSTRAINTS}\n\n"
        "Each label has its own id space (id:ID(Label)), so ids need only be unique per label; the id is also\n"
        f"stored as the property `id`. List values are joined with {_delimiter_arg(delim)!r} "
        "(--array-delimiter); text may span\nlines (--multiline-fields=true). An empty field is a missing "
        'property, a quoted "" an empty string;\nthe importer cannot write an empty list, so an empty list '
        "(e.g. a bureau without aliases) becomes a missing property.\n",
        encoding="utf-8")
    return {"nodes": node_files, "relationships": rel_files, "array_delimiter": delim, "args": args,
            "command": command}


def _typed(name: str, typ: str) -> str:
    suffix = CSV_TYPES[typ]
    return f"{name}:{suffix}" if suffix else name


def import_args(node_files: list[str], rel_files: list[str], delimiter: str = ";",
                database: str = "neo4j") -> list[str]:
    """`neo4j-admin` arguments (without the program) importing these files, relative to the CSV folder."""
    return (["database", "import", "full"] + [f"--nodes={f}" for f in node_files]
            + [f"--relationships={f}" for f in rel_files]
            + [f"--array-delimiter={_delimiter_arg(delimiter)}", "--multiline-fields=true", database])


# -- GraphML, GEXF and node-link JSON for Gephi, yEd and scripts ------------------------------------------------
LIST_JOIN = "; "  # GraphML and GEXF have no list type: lists (a bureau's aliases) are written joined


def interchange_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of `graph` that GraphML and GEXF can hold: scalar attributes only (lists joined, None left out).

    The node type is `kind` and the edge type `relation` (GEXF reserves `label` and `type`); `label` is the name a
    person reads: a bureau's short form, a task's number and title.
    """
    def flat(attrs: dict, rename: dict[str, str]) -> dict:
        out = {}
        for k, v in attrs.items():
            if v is None:
                continue
            if isinstance(v, (list, tuple, set)):
                v = LIST_JOIN.join(str(x) for x in v if x is not None)
            elif not isinstance(v, (str, int, float, bool)):
                v = str(v)
            out[rename.get(k, k)] = v
        return out

    out = nx.MultiDiGraph()
    for node, attrs in graph.nodes(data=True):
        a = flat(attrs, {"label": "kind"})
        a["kind"] = str(attrs.get("kind") or attrs.get("label") or "")
        a["label"] = _display_label(attrs, node)
        out.add_node(str(node), **a)
    for u, v, k, attrs in graph.edges(keys=True, data=True):
        out.add_edge(str(u), str(v), key=str(k), **flat(attrs, {"type": "relation", "label": "relation"}))
    return out


def _display_label(attrs: dict, node) -> str:
    kind = attrs.get("kind") or attrs.get("label")
    if kind == "Bureau":
        return str(attrs.get("short_name") or attrs.get("name") or node)
    if kind == "Task" and attrs.get("number") is not None:
        return f"{attrs['number']}. {attrs.get('title') or attrs.get('name') or ''}".strip()
    return str(attrs.get("name") or attrs.get("title") or node)


def export_graphml(graph: nx.MultiDiGraph, path: str | Path) -> None:
    nx.write_graphml(interchange_graph(graph), str(path), encoding="utf-8")


def export_gexf(graph: nx.MultiDiGraph, path: str | Path) -> None:
    nx.write_gexf(interchange_graph(graph), str(path), encoding="utf-8")


def node_link_json(graph: nx.MultiDiGraph) -> str:
    """networkx node-link JSON (`nodes`, `edges`), lists kept as lists; nx.node_link_graph(edges="edges") reads it."""
    import json

    data = nx.node_link_data(graph, edges="edges")
    return json.dumps(data, ensure_ascii=False, indent=1, default=str)


def graph_file_bytes(graph: nx.MultiDiGraph, fmt: str) -> bytes:
    """The graph as one file's bytes: fmt is graphml, gexf or json (for downloads from the viewer)."""
    if fmt == "json":
        return node_link_json(graph).encode("utf-8")
    writer = {"graphml": nx.write_graphml, "gexf": nx.write_gexf}[fmt]
    buf = io.BytesIO()
    writer(interchange_graph(graph), buf, encoding="utf-8")
    return buf.getvalue()
