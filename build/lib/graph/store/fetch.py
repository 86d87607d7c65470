"""What a store holds, read back into the networkx graph build_graph makes; the same Cypher on every backend."""
from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from graph.model import NODE_TYPES, REL_TYPES, node_props, rel_props


def read_graph(store, *, keep: Iterable[str] | None = None) -> nx.MultiDiGraph:
    """Every node and relationship with the same ids and keys as build_graph's; `keep` limits the properties read
    (id, the relationship key and the label always come along), so the viewer need not load every sentence."""
    keep = set(keep) if keep is not None else None
    g = nx.MultiDiGraph()
    for label in NODE_TYPES:
        cols = [c for c in node_props(label) if keep is None or c in keep or c in ("id", "kind")]
        ret = ", ".join(f"n.{c} AS {c}" for c in cols)
        for row in store.run(f"MATCH (n:{label}) RETURN {ret} ORDER BY n.id"):
            g.add_node(row["id"], label=label, **{k: v for k, v in row.items() if v is not None})
    for rel, spec in REL_TYPES.items():
        key_prop = spec.get("key")
        cols = [c for c in rel_props(rel) if keep is None or c in keep or c == key_prop]
        ret = "".join(f", r.{c} AS {c}" for c in cols)
        for a, b in spec["pairs"]:
            for row in store.run(f"MATCH (a:{a})-[r:{rel}]->(b:{b}) RETURN a.id AS _src, b.id AS _dst{ret} "
                                 "ORDER BY _src, _dst"):
                src, dst = row.pop("_src"), row.pop("_dst")
                key = f"{rel}:{row[key_prop]}" if key_prop else rel
                g.add_edge(src, dst, key=key, type=rel, **{k: v for k, v in row.items() if v is not None})
    return g
