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
