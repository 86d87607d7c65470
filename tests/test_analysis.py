"""Analysis on the networkx graph agrees with the stored questions on the same store."""
import json

from graph.analysis import bureau_centrality, co_ownership
from graph.store.fetch import read_graph
from graph.questions.catalogue import run_question
from tests.conftest import run_cli


def test_co_ownership_matches_the_shared_tasks_question(seed_store):
    g = read_graph(seed_store)
    co = co_ownership(g)
    _, pairs = run_question(seed_store, "shared_tasks")
    short = {n: g.nodes[n]["short_name"] for n in co.nodes}
    got = sorted((tuple(sorted((short[a], short[b]))), d["weight"]) for a, b, d in co.edges(data=True))
    want = sorted((tuple(sorted((p["bureau_a"], p["bureau_b"]))), p["shared_tasks"]) for p in pairs)
    assert got == want


def test_centrality_ranks_the_bureaus_on_every_task_first(seed_store):
    rows = bureau_centrality(read_graph(seed_store))
    _, workload = run_question(seed_store, "workload_ranking")
    assert {r["bureau"] for r in rows} == {w["bureau"] for w in workload}
    on_all = {w["bureau"] for w in workload if w["total"] == workload[0]["total"]}
    assert {r["bureau"] for r in rows[:len(on_all)]} == on_all
    for r in rows:
        w = next(w for w in workload if w["bureau"] == r["bureau"])
        assert (r["leads"], r["supports"]) == (w["leads"], w["supports"])


def test_analyse_command(seed_store_path):
    res = run_cli("analyse", "--store", str(seed_store_path), "--format", "json")
    assert res.returncode == 0, res.stderr
    rows = [json.loads(l) for l in res.stdout.splitlines()]
    assert rows[0]["betweenness"] >= rows[-1]["betweenness"] and len(rows) == 19
