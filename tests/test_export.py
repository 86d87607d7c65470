"""Exports load into a real Neo4j 5.26 and give back exactly the graph: the Cypher script through the driver,
the CSV files through Neo4j's own offline importer (`neo4j-admin database import full`)."""
from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path

import networkx as nx
import pytest

from graph.store.fetch import read_graph
from graph.export import (edge_properties, export_cypher, export_neo4j_csv, node_properties,
                          split_statements)
from graph.model import NODE_TYPES, REL_TYPES
from tests.conftest import ROOT, run_cli

TRICKY = "it's a \\ back\\slash;\nnew line; \"quoted\" '' \r\t 石景山区;\n"


def graph_counts(g: nx.MultiDiGraph) -> dict[str, int]:
    out = {label: 0 for label in NODE_TYPES} | {rel: 0 for rel in REL_TYPES}
    for _, a in g.nodes(data=True):
        out[a["label"]] += 1
    for _, _, a in g.edges(data=True):
        out[a["type"]] += 1
    return out


def canonical(g: nx.MultiDiGraph) -> tuple[dict, dict]:
    """Nodes and relationships with the properties Neo4j holds, keyed independently of graph order."""
    nodes = {(a["label"], a["id"]): node_properties(a) for _, a in g.nodes(data=True)}
    rels = {}
    for s, d, k, a in g.edges(keys=True, data=True):
        rels[(a["type"], g.nodes[s]["label"], s, g.nodes[d]["label"], d, k)] = edge_properties(a)
    return nodes, rels


def differences(got: nx.MultiDiGraph, want: nx.MultiDiGraph) -> list:
    """(key, got, want) for every node or relationship whose properties differ; [] when equal."""
    out = []
    for g, w in zip(canonical(got), canonical(want)):
        for key in sorted(set(g) | set(w), key=repr):
            if g.get(key) != w.get(key):
                a, b = g.get(key) or {}, w.get(key) or {}
                out.append((key, {k: a.get(k) for k in set(a) | set(b) if a.get(k) != b.get(k)},
                            {k: b.get(k) for k in set(a) | set(b) if a.get(k) != b.get(k)}))
    return out


def tricky_graph(seed_graph) -> nx.MultiDiGraph:
    g = seed_graph.copy()
    g.add_node("bureau/" + TRICKY, label="Bureau", id="bureau/" + TRICKY, kind="Bureau", name=TRICKY,
               short_name="", aliases=["a'b", "c\\d", "e\nf", '"g"'], in_alias_table=False, span_start=-3)
    task = next(n for n, a in g.nodes(data=True) if a["label"] == "Task")
    g.add_edge("bureau/" + TRICKY, task, key="RESPONSIBLE_FOR:support", type="RESPONSIBLE_FOR", role="support",
               clause=TRICKY * 2, unit_as_written=TRICKY)
    target = next(n for n, a in g.nodes(data=True) if a["label"] == "Target")
    g.nodes[target]["value"] = 1e-05
    g.nodes[target]["text"] = "end of statement;\n MATCH (n) DETACH DELETE n;\n"
    return g


@pytest.fixture(scope="module")
def neo4j():
    from tests.servers import require_neo4j_or_skip
    from tools.neo4j.server import LocalNeo4j

    require_neo4j_or_skip()
    with LocalNeo4j(password="export-test-pw") as server:
        yield server


def _store(server):
    from graph.store.neo4j import Neo4jStore

    return Neo4jStore(server.uri, server.user, server.password)


def _run_script(server, script: str) -> int:
    from neo4j import GraphDatabase

    statements = split_statements(script)
    with GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as driver:
        with driver.session(database="neo4j") as s:
            s.run("MATCH (n) DETACH DELETE n").consume()
            for st in statements:  # as cypher-shell does: each statement on its own, auto-commit
                s.run(st).consume()
    return len(statements)


def test_cypher_literals_never_break_lines(seed_graph):
    buf = io.StringIO()
    n = export_cypher(tricky_graph(seed_graph), buf)
    script = buf.getvalue()
    assert len(split_statements(script)) == n
    body = [line for line in script.splitlines() if not line.startswith("//")]
    assert len(body) == n and all(line.endswith(";") for line in body)
    assert "\\'" in script and "\\\\" in script and "\\n" in script


def test_seed_cypher_loads_into_neo4j(neo4j, seed_graph):
    buf = io.StringIO()
    n = export_cypher(seed_graph, buf)
    assert _run_script(neo4j, buf.getvalue()) == n
    store = _store(neo4j)
    try:
        assert store.counts() == graph_counts(seed_graph)
        assert differences(read_graph(store), seed_graph) == []
        constraints = {r["name"] for r in store.run("SHOW CONSTRAINTS YIELD name RETURN name")}
        assert {f"{label.lower()}_id" for label in NODE_TYPES} <= constraints
    finally:
        store.close()


def test_tricky_values_round_trip_through_cypher(neo4j, seed_graph):
    g = tricky_graph(seed_graph)
    buf = io.StringIO()
    export_cypher(g, buf)
    _run_script(neo4j, buf.getvalue())
    store = _store(neo4j)
    try:
        assert store.counts() == graph_counts(g)
        row = store.run("MATCH (b:Bureau {name: $n})-[r:RESPONSIBLE_FOR]->() RETURN b.id AS id, b.aliases AS aliases, "
                        "b.short_name AS short, b.span_start AS start, r.clause AS clause", {"n": TRICKY})
        assert row == [{"id": "bureau/" + TRICKY, "aliases": ["a'b", "c\\d", "e\nf", '"g"'], "short": "",
                        "start": -3, "clause": TRICKY * 2}]
        assert differences(read_graph(store), g) == []
    finally:
        store.close()


def test_export_cli_cypher_from_documents_and_store(tmp_path, seed_graph, seed_store_path):
    parsed, stored = tmp_path / "seed.cypher", tmp_path / "store.cypher"
    r = run_cli("export", str(ROOT / "seeds"), "--format", "cypher", "--output", str(parsed))
    assert r.returncode == 0, r.stderr
    r = run_cli("export", "--store", str(seed_store_path), "--output", str(stored))
    assert r.returncode == 0, r.stderr
    a = split_statements(parsed.read_text(encoding="utf-8"))
    b = split_statements(stored.read_text(encoding="utf-8"))
    assert len(a) == len(NODE_TYPES) + seed_graph.number_of_nodes() + seed_graph.number_of_edges()
    assert sorted(a) == sorted(b)  # what the store holds is what was parsed
    r = run_cli("export", "--help")
    assert "example:\n  python -m graph export seeds/ --format cypher --output seed.cypher" in r.stdout
    assert run_cli("export", "seeds/", "--format", "neo4j-csv").returncode == 2  # a folder is required


def _admin_import(csv_dir: Path, home: Path, args: list[str]) -> subprocess.CompletedProcess:
    """Neo4j's own `neo4j-admin` (org.neo4j.cli.AdminTool from the fetched jars), run in the CSV folder."""
    from tools.neo4j.server import JVM_FLAGS, fetch_jars

    lib = fetch_jars()
    if not list(lib.glob("neo4j-import-tool-*.jar")):
        pytest.skip("neo4j-import-tool jar not among the fetched Neo4j jars")
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    (home / "conf").mkdir(parents=True, exist_ok=True)
    return subprocess.run(["java", *JVM_FLAGS, "-cp", f"{lib}/*", "org.neo4j.cli.AdminTool", *args],
                          cwd=csv_dir, env=env, capture_output=True, text=True, timeout=300)


def test_neo4j_csv_imports_with_neo4j_admin(tmp_path, seed_graph, neo4j):
    """The strongest check: the exact README command run by Neo4j's offline importer into an empty home, then a
    server started on that home holds the same nodes, relationships and property values as the graph."""
    from tools.neo4j.server import LocalNeo4j

    g = tricky_graph(seed_graph)
    csv_dir, home = tmp_path / "csv", tmp_path / "home"
    result = export_neo4j_csv(g, csv_dir)
    assert (csv_dir / "README.txt").read_text(encoding="utf-8").count(result["command"]) == 1
    assert result["command"].startswith("neo4j-admin database import full --nodes=")
    proc = _admin_import(csv_dir, home, result["args"])
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert (home / "data" / "databases" / "neo4j").is_dir()
    with LocalNeo4j(password="export-test-pw", data_dir=home) as server:
        store = _store(server)  # also creates the id constraints, as README step 3 does
        try:
            assert store.counts() == graph_counts(g)
            # the importer cannot write an empty array: an empty list becomes a missing property
            want = g.copy()
            for _, a in want.nodes(data=True):
                for k in [k for k, v in a.items() if v == []]:
                    del a[k]
            assert sum(1 for _, a in g.nodes(data=True) if a.get("aliases") == []) > 0
            assert differences(read_graph(store), want) == []
        finally:
            store.close()


def test_neo4j_csv_array_delimiter_avoids_values(tmp_path, seed_graph):
    g = seed_graph.copy()
    g.add_node("bureau/x", label="Bureau", id="bureau/x", name="x", aliases=["a;b"])
    result = export_neo4j_csv(g, tmp_path)
    assert result["array_delimiter"] == "|" and "--array-delimiter=|" in result["args"]
    header = (tmp_path / "nodes_Bureau.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("id:ID(Bureau),:LABEL,name,") and "aliases:string[]" in header
    assert "in_alias_table:boolean" in header and "span_start:long" in header
    assert (ROOT / "seeds").is_dir()


# -- GraphML, GEXF, node-link JSON --------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graph_files_from_the_seed_load_back_with_the_same_counts(seed_graph, tmp_path, fmt, reader):
    out = tmp_path / f"seed.{fmt}"
    r = run_cli("export", str(ROOT / "seeds"), "--format", fmt, "--output", str(out))
    assert r.returncode == 0, r.stderr
    back = reader(out)
    assert (back.number_of_nodes(), back.number_of_edges()) == (seed_graph.number_of_nodes(),
                                                                 seed_graph.number_of_edges())
    bureau = next(a for _, a in back.nodes(data=True) if a.get("kind") == "Bureau" and a.get("aliases"))
    assert isinstance(bureau["aliases"], str)  # joined: GraphML/GEXF have no list type
    kinds = {a.get("relation") for *_, a in back.edges(data=True)}
    assert {"RESPONSIBLE_FOR", "PART_OF"} <= kinds


def test_plain_networkx_cannot_write_the_seed_but_the_export_can(seed_graph):
    # the reason the interchange copy exists: list properties (aliases) break write_graphml
    from graph.export import graph_file_bytes

    with pytest.raises((TypeError, nx.NetworkXError)):
        nx.write_graphml(seed_graph, io.BytesIO())
    assert graph_file_bytes(seed_graph, "graphml").startswith(b"<?xml")


def test_node_link_json_keeps_lists_and_counts(seed_graph, tmp_path):
    import json

    out = tmp_path / "seed.json"
    r = run_cli("export", str(ROOT / "seeds"), "--format", "json", "--output", str(out))
    assert r.returncode == 0, r.stderr
    back = nx.node_link_graph(json.loads(out.read_text(encoding="utf-8")), edges="edges")
    assert back.number_of_edges() == seed_graph.number_of_edges()
    assert any(isinstance(a.get("aliases"), list) and a["aliases"] for _, a in back.nodes(data=True))
