"""The groups both stores write: every node and relationship once, by label and by (type, from label, to label)."""
from collections import Counter

from graph.store.rows import edge_groups, node_groups


def test_node_groups_hold_every_node_once_under_its_label_in_the_graphs_order(seed_graph):
    groups = node_groups(seed_graph)
    assert Counter({label: len(nodes) for label, nodes in groups.items()}) == \
        Counter(a["label"] for _, a in seed_graph.nodes(data=True))
    for label, nodes in groups.items():
        assert [a["id"] for a in nodes] == [n for n, a in seed_graph.nodes(data=True) if a["label"] == label]
        # the graph's own attribute dicts, not copies
        assert all(a is seed_graph.nodes[a["id"]] for a in nodes)


def test_edge_groups_hold_every_relationship_once_under_its_type_and_endpoint_labels(seed_graph):
    groups = edge_groups(seed_graph)
    labels = {n: a["label"] for n, a in seed_graph.nodes(data=True)}
    assert sum(len(edges) for edges in groups.values()) == seed_graph.number_of_edges() > 300
    for (rel, a, b), edges in groups.items():
        assert all(attrs["type"] == rel and labels[src] == a and labels[dst] == b for src, dst, attrs in edges)
    for (rel, a, b), edges in groups.items():  # in the graph's order, each with the graph's own attribute dict
        graphs = [e for e in seed_graph.edges(data=True) if (e[2]["type"], labels[e[0]], labels[e[1]]) == (rel, a, b)]
        assert edges == graphs
        assert all(mine[2] is theirs[2] for mine, theirs in zip(edges, graphs))
    assert {("RESPONSIBLE_FOR", "Bureau", "Task"), ("RESPONSIBLE_FOR", "Bureau", "Measure"),
            ("PART_OF", "Task", "Programme"), ("CARRIES", "Bureau", "Document")} <= groups.keys()


def test_a_multigraphs_parallel_relationships_are_each_a_row(seed_graph):
    """Two relationships of different types between one pair of nodes (a bureau leads a task and is listed again
    as supporting it) stay two rows, each with its own attributes."""
    g = seed_graph.copy()
    src, dst, attrs = next(e for e in g.edges(data=True) if e[2]["type"] == "RESPONSIBLE_FOR")
    g.add_edge(src, dst, key="second", **{**attrs, "role": "guide"})
    rows = [e for e in edge_groups(g)[("RESPONSIBLE_FOR", "Bureau", g.nodes[dst]["label"])] if e[:2] == (src, dst)]
    assert sorted(r[2]["role"] for r in rows) == sorted([attrs["role"], "guide"])
