"""A graph's nodes and relationships in the groups a store writes together: by label, by (type, from label, to label)."""
from __future__ import annotations

import networkx as nx

# a relationship as a store reads it: source id, target id and the graph's own attribute dict (not a copy: a
# 1,000-plan graph has ~600,000 relationships, and a merged dict per row held them all twice)
EdgeRow = tuple[str, str, dict]


def node_groups(graph: nx.MultiDiGraph) -> dict[str, list[dict]]:
    """Each label's nodes, as the graph's attribute dicts, in the graph's order."""
    groups: dict[str, list[dict]] = {}
    for _, attrs in graph.nodes(data=True):
        groups.setdefault(attrs["label"], []).append(attrs)
    return groups


def edge_groups(graph: nx.MultiDiGraph) -> dict[tuple[str, str, str], list[EdgeRow]]:
    """Each (type, from label, to label)'s relationships as (source id, target id, attributes), in the graph's
    order."""
    labels = {n: attrs["label"] for n, attrs in graph.nodes(data=True)}
    groups: dict[tuple[str, str, str], list[EdgeRow]] = {}
    for edge in graph.edges(data=True):
        src, dst, attrs = edge
        groups.setdefault((attrs["type"], labels[src], labels[dst]), []).append(edge)
    return groups


def tasks_by_document(graph: nx.MultiDiGraph, documents: list[str]) -> dict[str, int]:
    """How many tasks each of `documents` has in `graph`: what a store checks it holds after a write."""
    want = {d: 0 for d in documents}
    for _, attrs in graph.nodes(data=True):
        if attrs["label"] == "Task" and attrs.get("document") in want:
            want[attrs["document"]] += 1
    return want
