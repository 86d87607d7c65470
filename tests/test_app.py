"""Every page of the Streamlit app through streamlit.testing (no browser), on a temp store loaded from seeds/."""
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph.questions.catalogue import DEFAULT_PAGE, load_questions
from tests.servers import require_neo4j_or_skip
from viewer.vocabulary import column_header

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGES = ["ask", "map", "matrix", "profiles", "console", "timeline"]


@pytest.fixture(scope="module")
def app_store(tmp_path_factory):
    """A store path that does not exist yet: the app loads seeds/ into it on first use."""
    return tmp_path_factory.mktemp("appstore") / "graph.lbug"


@pytest.fixture
def app(app_store, monkeypatch):
    monkeypatch.setenv("KG_STORE", str(app_store))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.setenv("KG_CONSOLE", "1")

    def make(page="ask", **params):
        at = AppTest.from_file(APP, default_timeout=90)
        at.query_params["page"] = page
        for k, v in params.items():
            at.query_params[k] = v
        return at.run()
    return make


def ok(at):
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def frame(at, *columns):
    """The table showing these columns (st.dataframe keys are not visible to AppTest without selections)."""
    hits = [d.value for d in at.dataframe if set(columns) <= set(d.value.columns)]
    assert hits, f"no table with columns {columns}"
    return hits[0]


def node_count(at) -> int:
    text = next(m.value for m in at.markdown if "个节点" in m.value)
    return int(re.search(r"\*\*(\d+)\*\*", text).group(1))


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders(app, page):
    at = ok(app(page))
    assert at.session_state["page"] == page
    assert at.header[0].value


def test_missing_store_is_loaded_from_seeds(app, app_store):
    ok(app("ask"))
    assert app_store.exists()


def answer_frame(at, question: str):
    """The answer table of a stored question: its columns under their Chinese headers (the plan in a caption)."""
    q = load_questions()[question]
    return frame(at, *[column_header(c) for c in q.returns if c not in ("document", "doc_number")])


def routed(at) -> str:
    return next(s for s in at.selectbox if s.key and s.key.startswith("fix_q_")).value


@pytest.mark.parametrize("text,question,param", [
    ("区科委牵头哪些任务?", "tasks_of_bureau", "区科委"),
    ("who supports task 12", "owners_of_task", "12"),
    ("首钢园有哪些任务", "tasks_of_park", "首钢园"),
    ("哪个单位任务最多", "workload_ranking", None),
    ("虚拟现实相关的任务", "tasks_of_track", "虚拟现实"),
])
def test_ask_runs_the_matched_question(app, seed_store, text, question, param):
    at = app("ask")
    at.text_input(key="ask_q").input(text).run()
    ok(at)
    assert routed(at) == question
    pickers = [s for s in at.selectbox if s.key and s.key.startswith("fix_") and not s.key.startswith("fix_q_")]
    if param is not None:
        assert pickers[0].value == param
    q = load_questions()[question]
    expected = seed_store.run(q.cypher, q.bind({p.name: str(s.value) for p, s in zip(q.params, pickers)}))
    assert len(answer_frame(at, question)) == len(expected) > 0
    assert at.success[0].value  # the answer in words


def test_ask_says_what_it_understood_and_the_count(app, seed_store):
    at = ok(app("ask", q="区科委牵头哪些任务?"))
    leads = seed_store.run("MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(t:Task) WHERE b.short_name = '区科委' "
                           "AND r.role = 'lead' RETURN count(DISTINCT t) AS c")[0]["c"]
    assert at.success[0].value == f"区科委 · 牵头 · {leads} 项任务"
    assert any("《" in c.value and "方案" in c.value for c in at.caption)  # the plan once, in a caption
    assert "方案 plan" not in answer_frame(at, "tasks_of_bureau").columns
    empty = ok(app("ask", q="区科委指导哪些任务"))
    assert empty.info[0].value.startswith("没有") and "参数" not in empty.info[0].value


def test_ask_parameters_can_be_corrected(app, seed_store):
    at = app("ask")
    at.text_input(key="ask_q").input("区科委牵头哪些任务?").run()
    before = len(answer_frame(at, "tasks_of_bureau"))
    picker = next(s for s in at.selectbox if s.key and s.key.startswith("fix_") and s.key.endswith("_bureau"))
    per_bureau = {r["b"]: r["c"] for r in seed_store.run(
        "MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(t:Task) WHERE r.role = 'lead' RETURN b.short_name AS b, count(*) AS c")}
    assert before == per_bureau["区科委"]
    other = min((b for b in per_bureau if b != "区科委"), key=lambda b: (per_bureau[b], b))
    picker.select(other).run()
    ok(at)
    assert len(answer_frame(at, "tasks_of_bureau")) == per_bureau[other] != before


def test_stored_question_list_runs(app, seed_store):
    at = app("ask")
    at.selectbox(key="list_q").select("shared_tasks").run()
    at.button(key="list_run").click().run()
    ok(at)
    q = load_questions()["shared_tasks"]
    assert routed(at) == "shared_tasks" and q.zh in at.success[0].value
    expected = seed_store.run(q.cypher, q.bind({}))
    assert len(expected) > DEFAULT_PAGE  # the seed's 73 pairs: two pages
    assert len(answer_frame(at, "shared_tasks")) == DEFAULT_PAGE
    assert f"{len(expected)} 行" in at.success[0].value
    assert any(f"rows 1–{DEFAULT_PAGE} of {len(expected)}" in c.value for c in at.caption)
    nxt = next(b for b in at.button if b.key and b.key.startswith("next_"))
    nxt.click().run()
    ok(at)
    assert len(answer_frame(at, "shared_tasks")) == len(expected) - DEFAULT_PAGE
    assert any(f"rows {DEFAULT_PAGE + 1}–{len(expected)} of {len(expected)}" in c.value for c in at.caption)


def test_question_in_url_reopens(app):
    at = ok(app("ask", q="谁负责第7项任务"))
    assert routed(at) == "owners_of_task"


def test_map_filters_change_the_node_count(app, seed_store):
    at = ok(app("map"))
    total = node_count(at)
    expected = sum(seed_store.counts()[label] for label in
                   ("Document", "Policy", "Programme", "Task", "Principle", "Measure", "Target", "Bureau", "Entity"))
    assert total == expected
    bureau = seed_store.run("MATCH (b:Bureau) WHERE b.short_name = '区科委' RETURN b.id AS id")[0]["id"]
    at.multiselect(key="map_bureau").select(bureau).run()
    ok(at)
    only = node_count(at)
    assert 0 < only < total
    at.multiselect(key="map_role").select("lead").run()
    assert node_count(at) < only
    # the filters are in the URL, and a URL with them reopens the same view
    assert at.query_params["bureau"] == [bureau] or at.query_params["bureau"] == bureau
    again = ok(app("map", bureau=bureau, role="lead"))
    assert node_count(again) == node_count(at)
    assert node_count(ok(app("map", bureau="区科委"))) == only  # a short name in the URL works too
    # the presentation link keeps the view
    link = next(m.value for m in at.markdown if "present=1" in m.value)
    assert "page=map" in link and "bureau=" in link and "role=lead" in link


def test_map_focus_with_hops(app, seed_store):
    task = seed_store.run("MATCH (t:Task) WHERE t.number = 7 RETURN t.id AS id")[0]["id"]
    one = node_count(ok(app("map", focus=task, hops="1")))
    two = node_count(ok(app("map", focus=task, hops="2")))
    neighbours = seed_store.run("MATCH (t:Task)-[]-(x) WHERE t.id = $id RETURN count(DISTINCT x) AS c",
                                {"id": task})[0]["c"]
    assert one == neighbours + 1 and two > one


def test_matrix_counts_match_the_store(app, seed_store):
    at = ok(app("matrix"))
    counts = frame(at, "单位 bureau", "牵头 lead")
    rows = seed_store.run("MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(t:Task) "
                          "RETURN b.short_name AS bureau, r.role AS role, count(DISTINCT t) AS n")
    expected = {}
    for r in rows:
        expected.setdefault(r["bureau"], {"lead": 0, "support": 0})[r["role"]] = r["n"]
    got = {r["单位 bureau"]: {"lead": r["牵头 lead"], "support": r["配合 support"]} for _, r in counts.iterrows()}
    assert got == expected
    table = frame(at, "任务", "牵头单位")  # the 分工表 under the matrix: one row per task
    assert len(table) == seed_store.run("MATCH (t:Task) RETURN count(t) AS c")[0]["c"]
    matrix = " ".join(h.proto.body for h in at.get("html"))
    assert matrix.count('class="kg-b"') == len(expected)  # every bureau a column


def test_matrix_programme_filter(app):
    at = ok(app("matrix"))
    all_rows = len(frame(at, "任务", "牵头单位"))
    at.multiselect(key="mx_prog").select(at.multiselect(key="mx_prog").options[0]).run()
    assert 0 < len(frame(at, "任务", "牵头单位")) < all_rows


def test_profiles_bureau_and_task(app, seed_store):
    bid = seed_store.run("MATCH (b:Bureau) WHERE b.short_name = '区科委' RETURN b.id AS id")[0]["id"]
    at = ok(app("profiles", kind="bureau", id=bid))
    leads = seed_store.run("MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(t:Task) WHERE b.id = $id AND r.role = 'lead' "
                           "RETURN count(t) AS c", {"id": bid})[0]["c"]
    assert at.metric[0].value == str(leads)
    tid = seed_store.run("MATCH (t:Task) WHERE t.number = 7 RETURN t.id AS id")[0]["id"]
    at = ok(app("profiles", kind="task", id=tid))
    html = " ".join(m.value for m in at.markdown)
    assert '<mark class="duty">' in html and "责任单位" in html
    owners = frame(at, "全称 full name")
    assert len(owners) == seed_store.run("MATCH (b:Bureau)-[:RESPONSIBLE_FOR]->(t:Task) WHERE t.id = $id "
                                         "RETURN count(*) AS c", {"id": tid})[0]["c"]


@pytest.mark.parametrize("cypher", ["CREATE (n:Task {id:'x'})",
                                    "LOAD FROM '/etc/passwd' (header=false) RETURN *",
                                    "MATCH (n) DETACH DELETE n"])
def test_console_refuses_writes_and_files(app, seed_store, cypher):
    at = app("console")
    at.text_area(key="console_q").input(cypher).run()
    at.button(key="console_run").click().run()
    assert not at.exception
    assert at.error and "Refused" in at.error[0].value and "Refused: Refused" not in at.error[0].value
    assert seed_store.run("MATCH (t:Task) WHERE t.id = 'x' RETURN count(t) AS c")[0]["c"] == 0


def test_console_reads_and_draws_nodes(app):
    at = app("console")
    at.text_area(key="console_q").input(
        "MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(t:Task) WHERE b.short_name = '区科委' RETURN b, t").run()
    at.button(key="console_run").click().run()
    ok(at)
    assert len(frame(at, "b", "t")) > 0
    assert any("个节点" in c.value for c in at.caption)


def test_console_off(app, monkeypatch):
    monkeypatch.setenv("KG_CONSOLE", "0")
    at = ok(app("console"))
    assert not [t for t in at.text_area if t.key == "console_q"]
    assert "KG_CONSOLE=0" in at.info[0].value


def test_presentation_mode(app):
    at = ok(app("map", present="1"))
    css = " ".join(m.value for m in at.markdown)
    assert "stSidebar" in css and "display:none" in css
    assert at.query_params["present"] in ("1", ["1"])


def test_bad_store_is_a_friendly_error(tmp_path, monkeypatch):
    bad = tmp_path / "broken.lbug"
    bad.write_bytes(b"this is not a database" * 100)
    monkeypatch.setenv("KG_STORE", str(bad))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert at.error and "出错了" in at.error[0].value


def test_console_examples_run_read_only(seed_store):
    from viewer.examples import CONSOLE_EXAMPLES

    for name, cypher in CONSOLE_EXAMPLES.items():
        rows, truncated = seed_store.run_readonly(cypher, {}, timeout_s=10, max_rows=1000)
        assert rows and not truncated, name


def test_console_draws_paths(app):
    at = app("console")
    at.selectbox(key="console_example").select("任务—赛道路径 · paths").run()
    assert "MATCH p =" in at.text_area(key="console_q").value
    at.button(key="console_run").click().run()
    ok(at)
    caption = next(c.value for c in at.caption if "个节点" in c.value)
    assert "0 条关系" not in caption


# -- the same viewer on Neo4j ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def neo4j_env():
    import secrets

    from tools.neo4j import server as neo4j_server
    from tests.conftest import run_cli

    require_neo4j_or_skip()  # fails in CI, skips locally without Java/Maven
    password = "kg-" + secrets.token_hex(8)
    with neo4j_server.LocalNeo4j(password=password) as srv:
        env = {"NEO4J_URI": srv.uri, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": password,
               "NEO4J_DATABASE": "neo4j"}
        res = run_cli("load", "seeds/", env=env)
        assert res.returncode == 0, res.stderr
        yield env


def test_viewer_reads_neo4j_like_ladybug(neo4j_env, seed_store, monkeypatch):
    from graph.store.neo4j import Neo4jStore
    from graph.questions.router import fetch_vocabulary
    from viewer.matrix import build_matrix, fetch_matrix_rows
    from viewer.subgraph import fetch_graph, graph_from_rows

    neo = Neo4jStore(neo4j_env["NEO4J_URI"], "neo4j", neo4j_env["NEO4J_PASSWORD"])
    try:
        gn, gl = fetch_graph(neo), fetch_graph(seed_store)
        assert set(gn.nodes) == set(gl.nodes)
        assert sorted(gn.edges(keys=True)) == sorted(gl.edges(keys=True))
        assert all(gn.nodes[n] == gl.nodes[n] for n in gn)
        assert build_matrix(fetch_matrix_rows(neo)).table() == build_matrix(fetch_matrix_rows(seed_store)).table()
        assert fetch_vocabulary(neo).bureau_names() == fetch_vocabulary(seed_store).bureau_names()
        rows, _ = neo.run_readonly("MATCH p = (t:Task)-[:MENTIONS]->(x:Entity {kind: 'Track'}) WHERE x.name = '虚拟现实' RETURN p")
        assert graph_from_rows(gn, rows).number_of_edges() > 0
    finally:
        neo.close()
    # the app itself on Neo4j: the map and a question
    for k, v in neo4j_env.items():
        monkeypatch.setenv(k, v)
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["page"] = "map"
    ok(at.run())
    assert node_count(at) == gl.number_of_nodes()
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["page"] = "ask"
    at.query_params["q"] = "谁负责第7项任务"
    ok(at.run())
    assert routed(at) == "owners_of_task" and at.success[0].value.startswith("第7项任务")


def test_a_load_while_the_app_runs_shows_on_the_next_rerun(tmp_path, monkeypatch):
    """The CLI may load into the embedded store while the viewer has it open; the viewer then reopens it."""
    from tests.conftest import run_cli

    store = tmp_path / "live.lbug"
    assert run_cli("load", "seeds/", "--store", str(store)).returncode == 0
    monkeypatch.setenv("KG_STORE", str(store))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["page"] = "map"
    before = node_count(ok(at.run()))
    plan = tmp_path / "more.txt"
    plan.write_text("某区新增工作方案\n一、重点任务\n1.新任务甲。(责任单位:区新设局、区科委)\n", encoding="utf-8")
    res = run_cli("load", str(plan), "--store", str(store))
    assert res.returncode == 0, res.stderr
    assert node_count(ok(at.run())) > before


def test_profile_link_by_name_opens_that_bureau(app, seed_store):
    for name in ("园区管委会", "区科委", "北京市石景山区财政局", "区人力资源和社会保障局"):
        at = ok(app("profiles", id=name))
        row = seed_store.run("MATCH (b:Bureau) WHERE b.short_name = $n OR b.name = $n OR $n IN b.aliases "
                             "RETURN b.short_name AS s, b.name AS n", {"n": name.replace("和社会", "社会")})[0]
        assert at.subheader[0].value == f"{row['s']} · {row['n']}", name


def test_console_statement_is_kept_in_the_url(app, seed_store):
    cypher = "MATCH (b:Bureau) RETURN b.short_name AS bureau"
    at = app("console")
    at.text_area(key="console_q").input(cypher).run()
    assert at.query_params["cypher"] in (cypher, [cypher])
    again = ok(app("console", cypher=cypher, run="1"))
    assert len(frame(again, "单位 bureau")) == seed_store.run("MATCH (b:Bureau) RETURN count(b) AS c")[0]["c"]


@pytest.fixture(scope="module")
def plans_store(tmp_path_factory):
    """Three plans: the seed, a second plan of the same district, and a plan of another city's district."""
    from graph.build import build_graph
    from graph.store.ladybug import LadybugStore
    from loaders.parse import parse_document
    from tests.conftest import SEED

    data = Path(__file__).resolve().parent / "data"
    docs = [parse_document(p) for p in (SEED, data / "second-plan.txt", data / "other-district-plan.txt")]
    path = tmp_path_factory.mktemp("plans") / "graph.lbug"
    with LadybugStore(path) as store:
        store.write(build_graph(docs), [d.doc_id for d in docs])
    return path, {d.doc_id: d for d in docs}, build_graph(docs)


def test_the_plan_picker_limits_ask_map_and_matrix(plans_store, monkeypatch):
    from viewer.subgraph import scope_graph

    path, docs, g = plans_store
    monkeypatch.setenv("KG_STORE", str(path))
    other = next(i for i, d in docs.items() if "浦江区" in (g.nodes[i].get("title") or ""))

    def page(name, **params):
        at = AppTest.from_file(APP, default_timeout=90)
        at.query_params["page"] = name
        for k, v in params.items():
            at.query_params[k] = v
        return ok(at.run())
    everywhere = page("ask", q="第1项任务谁牵头")
    assert len(answer_frame(everywhere, "owners_of_task")) == 3  # task 1 of each plan, each row with its plan
    assert "方案 plan" in answer_frame(everywhere, "owners_of_task").columns
    one = page("ask", q="第1项任务谁牵头", plan=other)
    assert [*answer_frame(one, "owners_of_task")["单位 bureau"]] == ["区科委"]
    assert one.multiselect(key="plans").value == [other]
    assert node_count(page("map", plan=other)) == scope_graph(g, [other]).number_of_nodes() < g.number_of_nodes()
    matrix = page("matrix", plan=other)
    tasks = sum(1 for _, a in g.nodes(data=True) if a.get("label") == "Task" and a.get("document") == other)
    assert len(frame(matrix, "任务", "牵头单位")) == tasks  # the 分工表 under the matrix: one row per task shown
    # a short name two districts share asks which one, until the plan picker settles it
    assert "2 个单位" in page("ask", q="区科委牵头哪些任务").warning[0].value
    assert page("ask", q="区科委牵头哪些任务", plan=other).success[0].value.startswith("区科委(上海市浦江区) · 牵头")


def test_scope_helpers_keep_one_plan(plans_store):
    from viewer.subgraph import display_name, scope_graph, scope_matrix_rows

    _, docs, g = plans_store
    one = next(iter(docs))
    part = scope_graph(g, [one])
    tasks = [a for _, a in part.nodes(data=True) if a.get("label") == "Task"]
    assert tasks and all(a["document"] == one for a in tasks) and not any(a.get("plan") for a in tasks)
    assert [n for n, a in part.nodes(data=True) if a.get("label") == "Document"] == [one]
    bureaus = {u for u, v, e in part.edges(data=True) if e.get("type") == "RESPONSIBLE_FOR"}
    assert bureaus == {u for u, v, e in g.edges(data=True) if e.get("type") == "RESPONSIBLE_FOR"
                       and g.nodes[v].get("document") == one}
    every = scope_graph(g, [])
    labels = [display_name(a) for _, a in every.nodes(data=True) if a.get("label") == "Task" and a["number"] == 1]
    assert len(labels) == 3 and len({x.split(" · ")[0] for x in labels}) == 3  # task 1 of each plan, told apart
    rows = {"tasks": [{"id": n, "document": a["document"]} for n, a in g.nodes(data=True) if a.get("label") == "Task"],
            "documents": [{"id": d} for d in docs], "programmes": [],
            "responsibilities": [{"task": v} for u, v, e in g.edges(data=True) if e.get("type") == "RESPONSIBLE_FOR"
                                 and g.nodes[v].get("label") == "Task"]}
    scoped = scope_matrix_rows(rows, [one])
    assert {t["document"] for t in scoped["tasks"]} == {one} and scoped["documents"] == [{"id": one}]
    assert len(scoped["responsibilities"]) == sum(1 for r in rows["responsibilities"]
                                                  if g.nodes[r["task"]]["document"] == one)
    assert scope_matrix_rows(rows, []) is rows
