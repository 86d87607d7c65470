"""The displayed graph, read from the store with plain Cypher (works on Ladybug and Neo4j), and pure filters.

Common Cypher subset only: no labels()/type(); every node has the property `kind`; each relationship type is
queried separately.
"""
from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from graph.model import DERIVED_RELS
from graph.store.fetch import read_graph

# properties worth carrying into the viewer (tooltips, profiles, filters); long provenance text stays in the store
_NODE_KEEP = ("id", "name", "kind", "number", "title", "programme", "short_name", "aliases", "document",
              "sentence", "year", "metric", "text", "doc_number", "deadline", "seq")
_REL_KEEP = ("role", "clause", "unit_as_written", "mentions", "sentence", "document")


def fetch_graph(store) -> nx.MultiDiGraph:
    """The whole graph from the store, with the properties the viewer shows (long provenance stays in the store)."""
    g = read_graph(store, keep=_NODE_KEEP + _REL_KEEP)
    g.remove_edges_from([(u, v, k) for u, v, k, a in g.edges(keys=True, data=True) if a["type"] in DERIVED_RELS])
    for _, attrs in g.nodes(data=True):
        attrs["label"] = attrs.get("kind") or attrs["label"]
    return g


def options(g: nx.MultiDiGraph, label: str) -> list[tuple[str, str]]:
    """(node id, display name) of one kind, sorted by number then name."""
    rows = [(n, a) for n, a in g.nodes(data=True) if a.get("label") == label]
    rows.sort(key=lambda x: (x[1].get("document") or "", x[1].get("number") or 0,
                             x[1].get("short_name") or x[1].get("name") or ""))
    return [(n, display_name(a)) for n, a in rows]


def resolve_node(g: nx.MultiDiGraph, text: str) -> str | None:
    """A node named in a URL: its id, or a bureau's short or full name or alias, or any node's display name.

    Bureaus win over other nodes with the same name (focus=区科委 means the bureau)."""
    text = (text or "").strip()
    if not text:
        return None
    if text in g:
        return text
    hits = []
    for n, a in g.nodes(data=True):
        names = {a.get("short_name"), a.get("name"), display_name(a), *(a.get("aliases") or [])}
        if text in names:
            hits.append((a.get("label") != "Bureau", str(n), n))
    return min(hits)[2] if hits else None


def display_name(attrs: dict) -> str:
    if attrs.get("label") == "Bureau":
        return attrs.get("short_name") or attrs.get("name") or attrs.get("id", "")
    if attrs.get("label") == "Task" and attrs.get("number") is not None:
        plan = f"{attrs['plan']} · " if attrs.get("plan") else ""  # set by scope_graph when several plans show
        return f"{plan}{attrs['number']}. {attrs.get('title') or attrs.get('name')}"
    return str(attrs.get("name") or attrs.get("id") or "")


def filter_graph(g: nx.MultiDiGraph, *, programmes: Iterable[str] = (), bureaus: Iterable[str] = (),
                 tracks: Iterable[str] = (), parks: Iterable[str] = (), roles: Iterable[str] = ()) -> nx.MultiDiGraph:
    """The part of `g` selected by node ids of programmes, bureaus, tracks and parks, and by roles.

    Roles keep only responsibility edges with those roles. The other filters select tasks and measures (an item
    must match every non-empty filter, any value within one), then show them with everything attached to them.
    With no filter at all the whole graph is returned.
    """
    programmes, bureaus, tracks, parks, roles = map(set, (programmes, bureaus, tracks, parks, roles))
    h = g.copy()
    if roles:
        drop = [(u, v, k) for u, v, k, a in h.edges(keys=True, data=True)
                if a.get("type") == "RESPONSIBLE_FOR" and a.get("role") not in roles]
        h.remove_edges_from(drop)
    if not (programmes or bureaus or tracks or parks):
        if roles:  # bureaus left with no responsibility of the chosen roles drop out
            h.remove_nodes_from([n for n, a in list(h.nodes(data=True)) if a.get("label") == "Bureau"
                                 and not any(d.get("type") == "RESPONSIBLE_FOR"
                                             for _, _, d in h.out_edges(n, data=True))])
        return h
    items = {n for n, a in h.nodes(data=True) if a.get("label") in ("Task", "Measure")}
    if programmes:
        items &= {u for u, v, a in h.edges(data=True) if a.get("type") == "PART_OF" and v in programmes}
    if bureaus:
        items &= {v for u, v, a in h.edges(data=True) if a.get("type") == "RESPONSIBLE_FOR" and u in bureaus}
    if tracks:
        items &= {u for u, v, a in h.edges(data=True) if a.get("type") == "MENTIONS" and v in tracks}
    if parks:
        items &= {u for u, v, a in h.edges(data=True) if a.get("type") == "MENTIONS" and v in parks}
    keep = set(items)
    for n in items:
        keep.update(h.predecessors(n))
        keep.update(h.successors(n))
    return h.subgraph(keep).copy()


def focus_graph(g: nx.MultiDiGraph, node: str, hops: int = 1) -> nx.MultiDiGraph:
    """`node` and everything within `hops` steps of it, in either direction."""
    if node not in g:
        return g.copy()
    return nx.ego_graph(g, node, radius=max(0, int(hops)), undirected=True).copy()


def graph_from_rows(full: nx.MultiDiGraph, rows: list[dict]) -> nx.MultiDiGraph:
    """Nodes and paths returned by a console query, as a graph: returned nodes (dicts with `_label`), path
    nodes joined in order, plus the store's edges between any two of them."""
    ids: list[str] = []
    chains: list[tuple[list[str], list[dict]]] = []

    def visit(v):
        if isinstance(v, dict) and "_nodes" in v:
            chain = [n.get("id") for n in v["_nodes"] if isinstance(n, dict)]
            chains.append(([c for c in chain if c], v.get("_rels") or []))
            for n in v["_nodes"]:
                visit(n)
        elif isinstance(v, dict) and "_label" in v and v.get("id") is not None:
            if v["id"] not in ids:
                ids.append(v["id"])
            nodes[v["id"]] = v
        elif isinstance(v, list):
            for x in v:
                visit(x)

    nodes: dict[str, dict] = {}
    for row in rows:
        for v in row.values():
            visit(v)
    if not ids:
        return nx.MultiDiGraph()
    h = full.subgraph([i for i in ids if i in full]).copy()
    for i in ids:
        if i not in h:
            a = nodes[i]
            h.add_node(i, **{k: v for k, v in a.items() if not k.startswith("_")}, label=a["_label"])
    for chain, rels in chains:
        for j in range(len(chain) - 1):
            u, v = chain[j], chain[j + 1]
            if not (h.has_edge(u, v) or h.has_edge(v, u)):
                rel = rels[j] if j < len(rels) and isinstance(rels[j], dict) else {}
                h.add_edge(u, v, type=rel.get("_label", ""), role=rel.get("role"))
    return h


def counts(g: nx.MultiDiGraph) -> dict[str, int]:
    out: dict[str, int] = {}
    for _, a in g.nodes(data=True):
        out[a.get("label", "?")] = out.get(a.get("label", "?"), 0) + 1
    return out


def scope_graph(g: nx.MultiDiGraph, plans: Iterable[str]) -> nx.MultiDiGraph:
    """The part of `g` that belongs to the plans (document ids) given, with the bureaus and entities attached to
    it; every plan when none is given. When the part holds several plans, each task carries its plan's label
    (`plan`: the document number, else its title), so that 7. of one plan is told from 7. of another."""
    plans = set(plans)
    h = g.copy() if not plans else _plan_part(g, plans)
    docs = {n: a.get("doc_number") or a.get("title") or a.get("name") or n for n, a in h.nodes(data=True)
            if a.get("label") == "Document"}
    if len(docs) > 1:
        for _, a in h.nodes(data=True):
            if a.get("label") == "Task" and a.get("document") in docs:
                a["plan"] = docs[a["document"]]
    return h


def _plan_part(g: nx.MultiDiGraph, plans: set[str]) -> nx.MultiDiGraph:
    own = {n for n, a in g.nodes(data=True) if n in plans or a.get("document") in plans}
    own = {n for n in own if g.nodes[n].get("label") not in ("Bureau", "Track", "Park", "Incubator", "Initiative",
                                                              "Stakeholder", "Policy")} | (own & plans)
    keep = set(own)
    for n in own:  # bureaus, entities and the parent policy linked to the plan's own nodes
        keep.update(g.predecessors(n))
        keep.update(g.successors(n))
    keep = {n for n in keep if n in own or g.nodes[n].get("label") not in ("Task", "Measure", "Principle",
                                                                           "Target", "Programme", "Document")}
    return g.subgraph(keep).copy()


def scope_matrix_rows(rows: dict[str, list[dict]], plans: Iterable[str]) -> dict[str, list[dict]]:
    """Matrix rows (viewer/matrix.py fetch_matrix_rows) of the plans given; every plan when none is given."""
    plans = set(plans)
    if not plans:
        return rows
    tasks = [t for t in rows["tasks"] if t.get("document") in plans]
    ids = {t["id"] for t in tasks}
    return {**rows, "tasks": tasks, "documents": [d for d in rows.get("documents", []) if d.get("id") in plans],
            "programmes": [p for p in rows.get("programmes", []) if p.get("task") in ids],
            "responsibilities": [r for r in rows.get("responsibilities", []) if r.get("task") in ids]}
