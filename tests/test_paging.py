"""Stored questions a page at a time: pages concatenate to the whole answer with one total, on Ladybug and Neo4j;
co-ownership precomputed at load time equals the join it replaced; the CLI pages through answers."""
from collections import Counter
from pathlib import Path

import pytest

from bench.run import pick_params
from bench.synth import write_corpus
from graph.build import build_graph
from graph.questions.catalogue import (DEFAULT_PAGE, count_statement, fetch_page, load_questions, page_statement,
                                       run_page, run_question, whole_answer)
from graph.errors import QueryError
from loaders.parse import parse_document
from tests.conftest import SEED, run_cli

QUESTIONS = load_questions()
DATA = Path(__file__).resolve().parent / "data"
SIZES = (4, 25)


@pytest.fixture(scope="module")
def plans(tmp_path_factory):
    """The seed, two hand-written plans and six synthetic ones: answers of up to a few hundred rows."""
    folder = tmp_path_factory.mktemp("synth")
    write_corpus(folder, 6, 3)
    paths = [SEED, DATA / "second-plan.txt", DATA / "other-district-plan.txt", *sorted(folder.glob("*.txt"))]
    docs = [parse_document(p) for p in paths]
    return docs, build_graph(docs)


@pytest.fixture(scope="module", params=["ladybug", "neo4j"])
def many(request, plans, tmp_path_factory):
    """The plans in a store of each kind."""
    docs, graph = plans
    if request.param == "ladybug":
        from graph.store.ladybug import LadybugStore

        with LadybugStore(tmp_path_factory.mktemp("paging") / "graph.lbug") as s:
            s.write(graph, [d.doc_id for d in docs])
            yield s
        return
    from graph.store.neo4j import Neo4jStore

    server = request.getfixturevalue("neo4j_server")
    with Neo4jStore(server.uri, "neo4j", server.password) as s:
        s.clear()
        s.write(graph, [d.doc_id for d in docs])
        yield s
        s.clear()


def worst_case(store, q) -> dict:
    """The bench's parameters (the busiest names) with every plan: the biggest answers the store gives."""
    picked = {k: str(v) for k, v in pick_params(store).items() if k != "document"}
    return q.bind({p.name: picked[p.name] if p.name in picked else p.example
                   for p in q.params if p.name in picked or p.default is None})


def settled(q, rows: list[dict]) -> list[dict]:
    """Rows with the lists collect() builds sorted (the `// unordered:` columns): their order is the engine's."""
    return [{k: sorted(v, key=str) if k in q.unordered and isinstance(v, list) else v for k, v in r.items()}
            for r in rows]


def paged(store, q, params, size: int) -> tuple[list[dict], set[int]]:
    rows, totals, offset = [], set(), 0
    while True:
        page = fetch_page(store, q, params, limit=size, offset=offset)
        assert len(page.rows) <= size
        totals.add(page.total)
        rows += settled(q, page.rows)
        if page.next_offset is None:
            return rows, totals
        assert page.next_offset == offset + size
        offset = page.next_offset


@pytest.mark.parametrize("name", sorted(QUESTIONS))
def test_pages_concatenate_to_the_whole_answer(many, name):
    q = QUESTIONS[name]
    params = worst_case(many, q)
    whole = settled(q, whole_answer(many, q, params))
    if name not in ("owners_of_measure", "targets_of_year", "tasks_shared_by", "deadlines", "tasks_matching"):
        assert len(whole) > 2 * SIZES[0], f"{name}: too small an answer to page ({len(whole)} rows)"
    for size in SIZES:
        rows, totals = paged(many, q, params, size)
        assert totals == {len(whole)}, f"{name}: page of {size}"
        assert rows == whole, f"{name}: pages of {size} are not the answer"
    assert settled(q, fetch_page(many, q, params, limit=None).rows) == whole
    beyond = fetch_page(many, q, params, limit=5, offset=len(whole) + 3)
    assert beyond.rows == [] and beyond.total == len(whole)


@pytest.mark.parametrize("name", sorted(QUESTIONS))
def test_pages_on_the_seed_with_the_examples(seed_store, name):
    q = QUESTIONS[name]
    params = q.bind({p.name: p.example.strip('"') for p in q.params if p.default is None})
    whole = settled(q, whole_answer(seed_store, q, params))
    for size in (1, 3):
        rows, totals = paged(seed_store, q, params, size)
        assert rows == whole and totals <= {len(whole)}


def test_every_order_is_total(many):
    """Ties broken by ids: no two rows of an answer share every ORDER BY value, so pages cannot swap rows."""
    for name, q in QUESTIONS.items():
        params = worst_case(many, q)
        rows = whole_answer(many, q, params)
        assert q.ordered, name
        key = Counter(tuple(str(v) for v in r.values()) for r in rows)
        assert not [k for k, n in key.items() if n > 1], f"{name} has identical rows"
        assert settled(q, run_question(many, name, {k: str(v) for k, v in params.items()})[1]) == settled(q, rows)


def test_count_and_page_statements():
    # an aggregation is counted by its grouping keys, without aggregating
    assert count_statement("MATCH (n:Task)\nRETURN n.number AS task, count(*) AS c, [n.a, n.b] AS ab\nORDER BY task") == \
        "MATCH (n:Task)\nWITH DISTINCT n.number AS task, [n.a, n.b] AS ab\nRETURN count(*) AS total"
    assert count_statement("MATCH (n:Task)\nRETURN count(*) AS c") == "MATCH (n:Task)\nWITH count(*) AS c\nRETURN count(*) AS total"
    # a RETURN that neither aggregates nor is DISTINCT: one row per match, so its items are not computed
    assert count_statement("MATCH (n:Task)\nRETURN n.number AS task, n.name AS name\nORDER BY task") == \
        "MATCH (n:Task)\nRETURN count(*) AS total"
    assert count_statement("MATCH (n:Task)\nRETURN DISTINCT n.number AS task\nORDER BY task") == \
        "MATCH (n:Task)\nWITH DISTINCT n.number AS task\nRETURN count(*) AS total"
    assert count_statement("MATCH (n) RETURN n.a AS a, n.b AS b", ("a",)).endswith(
        "WITH DISTINCT a\nRETURN count(*) AS total")
    assert page_statement("MATCH (n) RETURN n.id AS id ORDER BY id").endswith("SKIP $offset LIMIT $limit")


def test_a_passed_total_is_not_counted_again(seed_store):
    q = QUESTIONS["workload_ranking"]  # one part: a union's parts are counted to find the ones a page reaches
    assert len(q.branches) == 1
    page = fetch_page(seed_store, q, q.bind({}), limit=5, offset=5, total=999)
    assert page.total == 999 and len(page.rows) == 5


@pytest.mark.parametrize("limit, offset", [(0, 0), (-1, 0), (10, -1), ("10", 0), (True, 0)])
def test_bad_pages_are_refused(seed_store, limit, offset):
    with pytest.raises(QueryError):
        run_page(seed_store, "shared_tasks", limit=limit, offset=offset)


# -- co-ownership computed at load time ------------------------------------------------------------------------
JOIN = ("MATCH (a:Bureau)-[:RESPONSIBLE_FOR]->(t:Task)<-[:RESPONSIBLE_FOR]-(b:Bureau) WHERE a.id < b.id "
        "RETURN a.id AS a, b.id AS b, count(DISTINCT t) AS n, collect(DISTINCT t.number) AS tasks")


def test_shared_tasks_equals_the_join_it_replaced(many):
    joined = {(r["a"], r["b"]): (r["n"], sorted(r["tasks"])) for r in many.run(JOIN)}
    _, rows = run_question(many, "shared_tasks")
    got = {(r["bureau_a_id"], r["bureau_b_id"]): (r["shared_tasks"], sorted(r["tasks"])) for r in rows}
    assert got == joined and len(got) > 100
    one = next(d for d in many.run("MATCH (d:Document) RETURN d.id AS id ORDER BY id"))["id"]
    scoped = many.run(JOIN.replace("WHERE a.id < b.id", "WHERE a.id < b.id AND t.document = $d"), {"d": one})
    _, rows = run_question(many, "shared_tasks", {"document": one})
    assert {(r["bureau_a_id"], r["bureau_b_id"]): r["shared_tasks"] for r in rows} == \
        {(r["a"], r["b"]): r["n"] for r in scoped}


ROLE_JOIN = ("MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(t:Task) RETURN b.id AS b, t.document AS d, "
             "count(CASE WHEN r.role = 'lead' THEN 1 END) AS leads, count(CASE WHEN r.role = 'support' THEN 1 END) "
             "AS supports, count(CASE WHEN r.role = 'guide' THEN 1 END) AS guides")


def test_carried_responsibilities_equal_the_join_they_replaced(many):
    joined = {(r["b"], r["d"]): (r["leads"], r["supports"], r["guides"]) for r in many.run(ROLE_JOIN)}
    stored = many.run("MATCH (b:Bureau)-[c:CARRIES]->(d:Document) RETURN b.id AS b, d.id AS d, c.document AS doc, "
                      "c.leads AS leads, c.supports AS supports, c.guides AS guides")
    assert all(r["doc"] == r["d"] for r in stored)
    assert {(r["b"], r["d"]): (r["leads"], r["supports"], r["guides"]) for r in stored} == joined
    assert len(stored) == len(joined) > 100


def test_questions_reading_carried_responsibilities_equal_the_joins_they_replaced(many):
    """busiest_bureaus_across_plans, workload_ranking and plans_sharing_owners as they were written on
    RESPONSIBLE_FOR before CARRIES, against the stored questions, over every plan and one plan."""
    one = many.run("MATCH (d:Document) RETURN d.title AS t ORDER BY d.id")[3]["t"]
    busiest = many.run(
        "MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(t:Task) RETURN b.id AS bureau_id, count(DISTINCT t.document) AS "
        "plans, count(CASE WHEN r.role = 'lead' THEN 1 END) AS leads, count(*) AS total")
    _, rows = run_question(many, "busiest_bureaus_across_plans")
    assert sorted((r["bureau_id"], r["plans"], r["leads"], r["total"]) for r in rows) == \
        sorted(tuple(r.values()) for r in busiest)
    assert all(type(r["total"]) is int for r in rows)  # Ladybug's 128-bit sums read as int, as on Neo4j
    for doc in ("", one):
        ranked = many.run(
            "MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(t:Task) MATCH (d:Document {id: t.document}) "
            "WHERE $document = '' OR d.title CONTAINS $document RETURN b.id AS bureau_id, count(*) AS total, "
            "count(CASE WHEN r.role = 'support' THEN 1 END) AS supports", {"document": doc})
        _, rows = run_question(many, "workload_ranking", {"document": doc})
        assert sorted((r["bureau_id"], r["total"], r["supports"]) for r in rows) == \
            sorted(tuple(r.values()) for r in ranked)
        pairs = many.run(
            "MATCH (b:Bureau)-[:RESPONSIBLE_FOR]->(t:Task) WITH b, collect(DISTINCT t.document) AS docs "
            "UNWIND docs AS doc1 UNWIND docs AS doc2 WITH b, doc1, doc2 WHERE doc1 < doc2 "
            "MATCH (d1:Document {id: doc1}) MATCH (d2:Document {id: doc2}) "
            "WHERE $document = '' OR d1.title CONTAINS $document OR d2.title CONTAINS $document "
            "RETURN d1.id AS a, d2.id AS b, count(DISTINCT b.id) AS n", {"document": doc})
        _, rows = run_question(many, "plans_sharing_owners", {"document": doc})
        assert sorted((r["plan_a_id"], r["plan_b_id"], r["shared_bureaus"]) for r in rows) == \
            sorted(tuple(r.values()) for r in pairs)
        assert len(rows) > 2


def test_reloading_a_plan_does_not_double_co_ownership(store_kind, plans, tmp_path, request):
    docs, graph = plans
    store = store_kind(request, tmp_path)
    store.write(graph, [d.doc_id for d in docs])
    before = store.counts()
    _, pairs = run_question(store, "shared_tasks")
    again = build_graph(docs[:2])
    store.write(again, [d.doc_id for d in docs[:2]])
    assert store.counts() == before and before["CO_OWNS"] == sum(
        1 for *_, a in graph.edges(data=True) if a["type"] == "CO_OWNS")
    assert _sorted_tasks(run_question(store, "shared_tasks")[1]) == _sorted_tasks(pairs)


def _sorted_tasks(rows: list[dict]) -> list[dict]:
    return [{**r, "tasks": sorted(r["tasks"])} for r in rows]  # collect() gives no order


@pytest.fixture(params=["ladybug", "neo4j"])
def store_kind(request):
    def make(request_, tmp_path):
        if request.param == "ladybug":
            from graph.store.ladybug import LadybugStore

            s = LadybugStore(tmp_path / "reload.lbug")
            request_.addfinalizer(s.close)
            return s
        from graph.store.neo4j import Neo4jStore

        server = request.getfixturevalue("neo4j_server")
        s = Neo4jStore(server.uri, "neo4j", server.password)
        s.clear()
        request_.addfinalizer(lambda: (s.clear(), s.close()))
        return s
    return make


def test_co_ownership_is_one_relationship_per_task_and_pair_of_its_owners(seed_graph):
    edges = [(u, v, a) for u, v, a in seed_graph.edges(data=True) if a["type"] == "CO_OWNS"]
    owners: dict[str, set[str]] = {}
    for u, v, a in seed_graph.edges(data=True):
        if a["type"] == "RESPONSIBLE_FOR" and seed_graph.nodes[v]["label"] == "Task":
            owners.setdefault(v, set()).add(u)
    want = sorted((a, b, t) for t, bureaus in owners.items() for a in bureaus for b in bureaus if a < b)
    assert len(want) > 16 and sorted((u, v, a["task"]) for u, v, a in edges) == want
    for *_, a in edges:  # the task's number and provenance
        task = seed_graph.nodes[a["task"]]
        assert (a["task_number"], a["document"], a["span_start"], a["sentence"]) == \
            (task["number"], task["document"], task["span_start"], task["sentence"])


# -- the command line --------------------------------------------------------------------------------------------
def test_ask_prints_the_first_page_and_where_it_is(seed_store_path, seed_store):
    total = len(run_question(seed_store, "shared_tasks")[1])
    assert total > DEFAULT_PAGE
    r = run_cli("ask", "shared_tasks", "--store", str(seed_store_path))
    assert r.returncode == 0, r.stderr
    assert f"第 1–{DEFAULT_PAGE} 行，共 {total} 行 rows 1–{DEFAULT_PAGE} of {total} — next: --offset {DEFAULT_PAGE}" \
        in r.stdout
    r = run_cli("ask", "shared_tasks", "--offset", str(DEFAULT_PAGE), "--store", str(seed_store_path))
    assert f"rows {DEFAULT_PAGE + 1}–{total} of {total}" in r.stdout and "next:" not in r.stdout
    r = run_cli("ask", "shared_tasks", "--all", "--format", "csv", "--store", str(seed_store_path))
    assert r.returncode == 0 and len(r.stdout.strip().splitlines()) == total + 1  # the header and every row
    assert f"rows 1–{total} of {total}" in r.stderr
    r = run_cli("ask", "shared_tasks", "--limit", "5", "--format", "json", "--store", str(seed_store_path))
    assert len(r.stdout.strip().splitlines()) == 5


@pytest.mark.parametrize("args", [["--limit", "0"], ["--limit", "ten"], ["--offset", "-3"], ["--all", "--limit", "5"]])
def test_a_bad_page_option_is_one_error_line(seed_store_path, args):
    r = run_cli("ask", "shared_tasks", *args, "--store", str(seed_store_path))
    assert r.returncode != 0 and r.stdout == ""
    assert r.stderr.startswith("error:") and len(r.stderr.strip().splitlines()) == 1


def test_ask_text_counts_the_whole_answer(seed_store_path):
    whole = run_cli("ask", "--text", "区科委负责哪些任务", "--store", str(seed_store_path))
    page = run_cli("ask", "--text", "区科委负责哪些任务", "--limit", "2", "--store", str(seed_store_path))
    line = next(x for x in whole.stdout.splitlines() if x.startswith("答案"))
    assert line in page.stdout and "项任务" in line
    assert "rows 1–2 of" in page.stdout
