"""Analysis on the networkx graph: who co-owns tasks with whom, and which bureaus hold the responsibility map together."""
from __future__ import annotations

import networkx as nx
from networkx.algorithms import bipartite


def responsibility_graph(g: nx.MultiDiGraph) -> nx.Graph:
    """Bureaus and tasks, one edge per responsibility (a bipartite graph)."""
    b = nx.Graph()
    for u, v, a in g.edges(data=True):
        if a.get("type") == "RESPONSIBLE_FOR" and g.nodes[v].get("label") == "Task":
            b.add_node(u, bipartite=0)
            b.add_node(v, bipartite=1)
            b.add_edge(u, v)
    return b


def co_ownership(g: nx.MultiDiGraph) -> nx.Graph:
    """Bureau x bureau, weighted by the number of tasks they share."""
    b = responsibility_graph(g)
    bureaus = [n for n, d in b.nodes(data=True) if d["bipartite"] == 0]
    return bipartite.weighted_projected_graph(b, bureaus)


def bureau_centrality(g: nx.MultiDiGraph) -> list[dict]:
    """Per bureau: tasks led and supported, co-owners, and centralities in the co-ownership graph.

    Betweenness uses 1/shared-tasks as distance, so bureaus that bridge otherwise separate groups of owners rank
    high even if they carry few tasks; eigenvector centrality rewards sharing work with busy bureaus.
    """
    co = co_ownership(g)
    for _, _, d in co.edges(data=True):
        d["distance"] = 1 / d["weight"]
    between = nx.betweenness_centrality(co, weight="distance") if co.number_of_edges() else {}
    try:
        eigen = nx.eigenvector_centrality_numpy(co, weight="weight") if co.number_of_edges() else {}
    except (ImportError, nx.NetworkXException):
        eigen = nx.eigenvector_centrality(co, weight="weight", max_iter=1000) if co.number_of_edges() else {}
    rows = []
    for n in co.nodes:
        roles = [a.get("role") for _, v, a in g.out_edges(n, data=True)
                 if a.get("type") == "RESPONSIBLE_FOR" and g.nodes[v].get("label") == "Task"]
        attrs = g.nodes[n]
        rows.append({"bureau": attrs.get("short_name") or attrs.get("name"), "leads": roles.count("lead"),
                     "supports": roles.count("support"), "guides": roles.count("guide"),
                     "co_owners": co.degree(n), "betweenness": round(between.get(n, 0.0), 4),
                     "eigenvector": round(abs(eigen.get(n, 0.0)), 4)})
    rows.sort(key=lambda r: (-r["betweenness"], -(r["leads"] + r["supports"]), r["bureau"]))
    return rows
