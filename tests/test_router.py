"""The Ask router on one, two and three plans: each phrasing gets the exact tasks or units the parsed plans hold."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.questions.router import answer, fetch_vocabulary, name_variants, resolve_plans, route
from tests.conftest import SEED, run_cli

DATA = Path(__file__).resolve().parent / "data"
PLANS = {"seed": [SEED], "two": [SEED, DATA / "second-plan.txt"],
         "three": [SEED, DATA / "second-plan.txt", DATA / "other-district-plan.txt"]}


# -- the truth, computed from the parsed plans (networkx graph built by graph/build.py) --------------------
class Truth:
    def __init__(self, g):
        self.g = g

    def _n(self, n):
        return self.g.nodes[n]

    def doc_of(self, title_part: str) -> str:
        return next(n for n, a in self.g.nodes(data=True) if a.get("label") == "Document"
                    and title_part in (a.get("title") or ""))

    def title(self, doc_id: str) -> str:
        return self._n(doc_id)["title"]

    def bureau(self, short: str, jurisdiction: str = "") -> str:
        hits = [n for n, a in self.g.nodes(data=True) if a.get("label") == "Bureau" and a.get("short_name") == short
                and jurisdiction in (a.get("jurisdiction") or "")]
        assert len(hits) == 1, (short, jurisdiction, hits)
        return hits[0]

    def duties(self, label="Task"):
        for u, v, e in self.g.edges(data=True):
            if e.get("type") == "RESPONSIBLE_FOR" and self._n(v).get("label") == label:
                yield u, v, e.get("role")

    def task_key(self, t):
        return self.title(self._n(t)["document"]), self._n(t)["number"]

    def tasks_of(self, bureau_id, role=None, doc=None):
        return {self.task_key(t) for b, t, r in self.duties() if b == bureau_id and (role is None or r == role)
                and (doc is None or self._n(t)["document"] == doc)}

    def owners_of(self, number, role=None, doc=None):
        return {(self.title(self._n(t)["document"]), self._n(b)["short_name"]) for b, t, r in self.duties()
                if self._n(t)["number"] == number and (role is None or r == role)
                and (doc is None or self._n(t)["document"] == doc)}

    def shared(self, *bureau_ids):
        sets = [{t for b, t, _ in self.duties() if b == x} for x in bureau_ids]
        return {self.task_key(t) for t in set.intersection(*sets)}

    def ranking(self, role=None, docs=None):
        counts: dict[str, int] = {}
        for b, t, r in self.duties():
            if (role is None or r == role) and (docs is None or self._n(t)["document"] in docs):
                counts[b] = counts.get(b, 0) + 1
        return counts

    def measure_owners(self):
        return {(self.title(self._n(m)["document"]), self._n(b)["short_name"]) for b, m, _ in self.duties("Measure")}

    def targets(self, year=None):
        return {(self.title(a["document"]), a["metric"]) for _, a in self.g.nodes(data=True)
                if a.get("label") == "Target" and (year is None or a.get("year") == year)}

    def deadlines(self, year=""):
        return {self.task_key(n) for n, a in self.g.nodes(data=True) if a.get("label") == "Task"
                and a.get("deadline") and a["deadline"].startswith(year)}

    def text_tasks(self, word):
        return {self.task_key(n) for n, a in self.g.nodes(data=True) if a.get("label") == "Task"
                and (word in (a.get("title") or "") or word in (a.get("text") or ""))}

    def track_tasks(self, track):
        return {self.task_key(u) for u, v, e in self.g.edges(data=True) if e.get("type") == "MENTIONS"
                and self._n(u).get("label") == "Task" and self._n(v).get("name") == track}

    def programme_tasks(self, part):
        return {self.task_key(u) for u, v, e in self.g.edges(data=True) if e.get("type") == "PART_OF"
                and self._n(u).get("label") == "Task" and part in (self._n(v).get("name") or "")
                and self._n(v).get("label") == "Programme"}


@pytest.fixture(scope="module")
def worlds(tmp_path_factory):
    from graph.build import build_graph
    from graph.store.ladybug import LadybugStore
    from loaders.parse import parse_document

    out = {}
    for name, paths in PLANS.items():
        docs = [parse_document(p) for p in paths]
        g = build_graph(docs)
        path = tmp_path_factory.mktemp(name) / "graph.lbug"
        with LadybugStore(path) as store:
            store.write(g, [d.doc_id for d in docs])
        store = LadybugStore(path, read_only=True)
        out[name] = (store, fetch_vocabulary(store), Truth(g), path)
    yield out
    for store, *_ in out.values():
        store.close()


def tasks(rows):
    return {(r["document"], r["task"]) for r in rows}


def owners(rows):
    return {(r["document"], r["bureau"]) for r in rows}


SEED_PLAN, AI_PLAN, OTHER_PLAN = "科技孵化器", "人工智能产业", "浦江区"
BJ, SH = "石景山区", "浦江区"

# (phrasing, world, plans in scope (title parts), stored question, what the rows must be: f(truth) -> value, how
# the rows are read)
CASES = [
    # role words select the role
    ("区科委牵头哪些任务?", "seed", (), "tasks_of_bureau", lambda t: t.tasks_of(t.bureau("区科委"), "lead"), tasks),
    ("区科委主责的任务", "seed", (), "tasks_of_bureau", lambda t: t.tasks_of(t.bureau("区科委"), "lead"), tasks),
    ("区科委配合哪些任务", "seed", (), "tasks_of_bureau", lambda t: t.tasks_of(t.bureau("区科委"), "support"), tasks),
    ("区科委参与的任务", "seed", (), "tasks_of_bureau", lambda t: t.tasks_of(t.bureau("区科委"), "support"), tasks),
    ("区科委负责哪些任务", "seed", (), "tasks_of_bureau", lambda t: t.tasks_of(t.bureau("区科委")), tasks),
    ("区科委涉及哪些任务", "seed", (), "tasks_of_bureau", lambda t: t.tasks_of(t.bureau("区科委")), tasks),
    ("园区管委会协同哪些任务", "seed", (), "tasks_of_bureau",
     lambda t: t.tasks_of(t.bureau("园区管委会"), "support"), tasks),
    ("区金融办牵头哪些任务", "seed", (), "tasks_of_bureau", lambda t: t.tasks_of(t.bureau("区金融办"), "lead"), tasks),
    ("区金融办牵头和配合的任务", "seed", (), "tasks_of_bureau", lambda t: t.tasks_of(t.bureau("区金融办")), tasks),
    ("Which tasks does the Science and Technology Commission lead?", "seed", (), "tasks_of_bureau",
     lambda t: t.tasks_of(t.bureau("区科委"), "lead"), tasks),
    ("浦江区科委指导哪些任务", "three", (), "tasks_of_bureau", lambda t: t.tasks_of(t.bureau("区科委", SH), "guide"),
     tasks),
    ("浦江区科委牵头的任务", "three", (), "tasks_of_bureau", lambda t: t.tasks_of(t.bureau("区科委", SH), "lead"), tasks),
    # name variants: short, full, alias, with or without 和 / 区 / the place
    ("北京市石景山区科学技术委员会牵头哪些任务", "seed", (), "tasks_of_bureau",
     lambda t: t.tasks_of(t.bureau("区科委"), "lead"), tasks),
    ("石景山区科委负责什么", "seed", (), "tasks_of_bureau", lambda t: t.tasks_of(t.bureau("区科委")), tasks),
    ("科委负责什么", "seed", (), "tasks_of_bureau", lambda t: t.tasks_of(t.bureau("区科委")), tasks),
    ("区人力资源和社会保障局负责哪些任务", "seed", (), "tasks_of_bureau",
     lambda t: t.tasks_of(t.bureau("区人力资源社会保障局")), tasks),
    ("人力资源社会保障局配合什么", "seed", (), "tasks_of_bureau",
     lambda t: t.tasks_of(t.bureau("区人力资源社会保障局"), "support"), tasks),
    ("区人社局的任务", "seed", (), "tasks_of_bureau", lambda t: t.tasks_of(t.bureau("区人力资源社会保障局")), tasks),
    ("区经信局配合了哪些任务", "seed", (), "tasks_of_bureau",
     lambda t: t.tasks_of(t.bureau("区经济和信息化局"), "support"), tasks),
    ("经济信息化局牵头什么", "seed", (), "tasks_of_bureau",
     lambda t: t.tasks_of(t.bureau("区经济和信息化局"), "lead"), tasks),
    ("北京市石景山区投资促进中心的任务", "seed", (), "tasks_of_bureau",
     lambda t: t.tasks_of(t.bureau("区投资促进中心")), tasks),
    ("宣传部负责什么", "seed", (), "tasks_of_bureau", lambda t: t.tasks_of(t.bureau("区委宣传部")), tasks),
    ("中关村石景山园管委会配合哪些任务", "seed", (), "tasks_of_bureau",
     lambda t: t.tasks_of(t.bureau("园区管委会"), "support"), tasks),
    ("浦江区人力资源和社会保障局牵头哪些任务", "three", (), "tasks_of_bureau",
     lambda t: t.tasks_of(t.bureau("区人力资源和社会保障局", SH), "lead"), tasks),
    ("上海市浦江区财政局负责什么", "three", (), "tasks_of_bureau", lambda t: t.tasks_of(t.bureau("区财政局", SH)),
     tasks),
    # counts answer with the number (the rows are the same tasks; the answer line carries the number)
    ("区科委牵头多少项任务", "seed", (), "tasks_of_bureau", lambda t: t.tasks_of(t.bureau("区科委"), "lead"), tasks),
    ("区科委配合几项任务", "seed", (), "tasks_of_bureau", lambda t: t.tasks_of(t.bureau("区科委"), "support"), tasks),
    ("how many tasks does 区国资委 support", "seed", (), "tasks_of_bureau",
     lambda t: t.tasks_of(t.bureau("区国资委"), "support"), tasks),
    # owners of a task, by role
    ("谁负责第7项任务", "seed", (), "owners_of_task", lambda t: t.owners_of(7), owners),
    ("第7项任务谁牵头", "seed", (), "owners_of_task", lambda t: t.owners_of(7, "lead"), owners),
    ("who supports task 12", "seed", (), "owners_of_task", lambda t: t.owners_of(12, "support"), owners),
    ("第十二项任务由谁牵头?", "seed", (), "owners_of_task", lambda t: t.owners_of(12, "lead"), owners),
    ("任务三的配合单位", "seed", (), "owners_of_task", lambda t: t.owners_of(3, "support"), owners),
    ("Who is responsible for task #5?", "seed", (), "owners_of_task", lambda t: t.owners_of(5), owners),
    ("第1项任务有哪些单位参与", "two", (), "owners_of_task", lambda t: t.owners_of(1, "support"), owners),
    ("第2项任务谁牵头", "two", (AI_PLAN,), "owners_of_task",
     lambda t: t.owners_of(2, "lead", t.doc_of(AI_PLAN)), owners),
    ("第2项任务谁牵头", "two", (SEED_PLAN,), "owners_of_task",
     lambda t: t.owners_of(2, "lead", t.doc_of(SEED_PLAN)), owners),
    ("石政办发〔2024〕7号第1项任务谁负责", "two", (), "owners_of_task",
     lambda t: t.owners_of(1, None, t.doc_of(AI_PLAN)), owners),
    ("第3项任务谁指导", "three", (OTHER_PLAN,), "owners_of_task",
     lambda t: t.owners_of(3, "guide", t.doc_of(OTHER_PLAN)), owners),
    # task titles → that task's owners
    ("打造金牌创业导师队伍由谁牵头", "seed", (), "owners_of_task", lambda t: t.owners_of(12, "lead"), owners),
    ("引进知名品牌孵化机构谁配合", "seed", (), "owners_of_task", lambda t: t.owners_of(1, "support"), owners),
    ("开放数据场景谁负责", "two", (), "owners_of_task", lambda t: t.owners_of(2, None, t.doc_of(AI_PLAN)), owners),
    # two or three bureaus → the tasks they share
    ("区科委和区人社局共同负责哪些任务", "seed", (), "tasks_shared_by",
     lambda t: t.shared(t.bureau("区科委"), t.bureau("区人力资源社会保障局")), tasks),
    ("区经信局和园区管委会都参与的任务", "seed", (), "tasks_shared_by",
     lambda t: t.shared(t.bureau("区经济和信息化局"), t.bureau("园区管委会")), tasks),
    ("区科委、园区管委会和区人社局共同承担什么", "seed", (), "tasks_shared_by",
     lambda t: t.shared(t.bureau("区科委"), t.bureau("园区管委会"), t.bureau("区人力资源社会保障局")), tasks),
    ("浦江区财政局和浦江区科委共同的任务", "three", (), "tasks_shared_by",
     lambda t: t.shared(t.bureau("区财政局", SH), t.bureau("区科委", SH)), tasks),
    ("区科委和区投资促进中心共同负责哪些任务", "two", (), "tasks_shared_by",
     lambda t: t.shared(t.bureau("区科委"), t.bureau("区投资促进中心")), tasks),
    # rankings by the role asked
    ("谁牵头最多", "seed", (), "workload_ranking", lambda t: t.ranking("lead"), "ranking:lead"),
    ("哪个单位配合最多", "seed", (), "workload_ranking", lambda t: t.ranking("support"), "ranking:support"),
    ("哪个单位任务最多", "seed", (), "workload_ranking", lambda t: t.ranking(), "ranking:"),
    ("which bureau leads the most tasks", "two", (), "workload_ranking", lambda t: t.ranking("lead"),
     "ranking:lead"),
    ("谁牵头最多", "three", (OTHER_PLAN,), "workload_ranking",
     lambda t: t.ranking("lead", {t.doc_of(OTHER_PLAN)}), "ranking:lead"),
    ("工作量排名", "two", (AI_PLAN,), "workload_ranking", lambda t: t.ranking(None, {t.doc_of(AI_PLAN)}),
     "ranking:"),
    # targets by year, deadlines
    ("2025年目标", "seed", (), "targets_of_year", lambda t: t.targets(2025), "targets"),
    ("2027年目标", "seed", (), "targets_of_year", lambda t: t.targets(2027), "targets"),  # none: not the 2025 ones
    ("What are the 2025 targets?", "two", (), "targets_of_year", lambda t: t.targets(2025), "targets"),
    ("有哪些量化目标", "seed", (), "targets", lambda t: t.targets(), "targets"),
    ("哪些任务有完成时限", "three", (), "deadlines", lambda t: t.deadlines(), tasks),
    ("2026年底前要完成哪些任务", "three", (), "deadlines", lambda t: t.deadlines("2026"), tasks),
    ("2027年的期限", "three", (), "deadlines", lambda t: t.deadlines("2027"), tasks),
    # the task-force lead (a safeguard measure)
    ("工作专班由谁牵头", "seed", (), "owners_of_measure", lambda t: t.measure_owners(), owners),
    ("who leads the task force", "three", (), "owners_of_measure", lambda t: t.measure_owners(), owners),
    ("工作专班的牵头单位", "three", (OTHER_PLAN,), "owners_of_measure",
     lambda t: {x for x in t.measure_owners() if OTHER_PLAN in x[0]}, owners),
    # topic words, tracks, programmes: full text over task text
    ("孵化人才相关的任务", "seed", (), "tasks_matching", lambda t: t.text_tasks("孵化人才"), tasks),
    ("创业导师有哪些任务", "seed", (), "tasks_matching", lambda t: t.text_tasks("创业导师"), tasks),
    ("关于远程诊疗的任务", "three", (), "tasks_matching", lambda t: t.text_tasks("远程诊疗"), tasks),
    ("算力相关的任务", "three", (), "tasks_matching", lambda t: t.text_tasks("算力"), tasks),
    ("虚拟现实相关的任务", "seed", (), "tasks_of_track", lambda t: t.track_tasks("虚拟现实"), tasks),
    ("tasks about virtual reality", "two", (), "tasks_of_track", lambda t: t.track_tasks("虚拟现实"), tasks),
    ("人才工程有哪些任务", "seed", (), "tasks_of_programme", lambda t: t.programme_tasks("人才"), tasks),
    ("人才支撑工程的任务", "three", (), "tasks_of_programme", lambda t: t.programme_tasks("人才支撑"), tasks),
]


def _check(case, rows, truth):
    text, _, _, question, expected, how = case
    want = expected(truth)
    if callable(how):
        titled = {(d, x) for d, x in want}
        assert how(rows) == titled, text
    elif how.startswith("ranking:"):
        key = {"lead": "leads", "support": "supports", "": "total"}[how.split(":")[1]]
        got = {r["bureau"] + "|" + r["jurisdiction"]: r[key] for r in rows}
        assert got == {truth._n(b)["short_name"] + "|" + truth._n(b)["jurisdiction"]: n for b, n in want.items()}, text
        assert [r[key] for r in rows] == sorted((r[key] for r in rows), reverse=True), text
    elif how == "targets":
        assert {(r["document"], r["metric"]) for r in rows} == want, text


@pytest.mark.parametrize("case", CASES, ids=[f"{c[1]}:{c[0]}:{'|'.join(c[2])}" for c in CASES])
def test_phrasing_gets_the_exact_answer(worlds, case):
    text, world, plans, question, *_ = case
    store, vocab, truth, _ = worlds[world]
    a = answer(store, text, vocab, resolve_plans(vocab, plans))
    assert a.route.question == question, (text, a.route.why)
    _check(case, a.rows, truth)
    assert a.line


def test_at_least_sixty_phrasings_most_with_an_answer():
    from graph.build import build_graph
    from loaders.parse import parse_document

    assert len({(c[0], c[1], c[2]) for c in CASES}) >= 60
    truths = {w: Truth(build_graph([parse_document(p) for p in paths])) for w, paths in PLANS.items()}
    empty = [c[0] for c in CASES if not c[4](truths[c[1]])]
    assert empty == ["2027年目标"]  # the one deliberate empty answer


def test_the_answer_line_says_what_was_understood(worlds):
    store, vocab, truth, _ = worlds["seed"]
    leads = len(truth.tasks_of(truth.bureau("区科委"), "lead"))
    a = answer(store, "区科委牵头哪些任务?", vocab)
    assert a.line == f"区科委 · 牵头 · {leads} 项任务"
    assert leads < len(truth.tasks_of(truth.bureau("区科委")))  # leads alone, not every task it is on
    empty = answer(store, "区科委指导哪些任务", vocab)
    assert not empty.rows and empty.line.startswith("没有") and "参数" not in empty.line


def test_a_short_name_of_two_jurisdictions_asks_which(worlds):
    _, vocab, truth, _ = worlds["three"]
    r = route("区科委牵头哪些任务", vocab)
    assert r.question is None and "2" in r.why
    assert {bid for _, bid in r.choices} == {truth.bureau("区科委", BJ), truth.bureau("区科委", SH)}
    scoped = route("区科委牵头哪些任务", vocab, resolve_plans(vocab, [OTHER_PLAN]))
    assert scoped.question == "tasks_of_bureau" and scoped.params["bureau"] == truth.bureau("区科委", SH)
    assert "浦江区" in scoped.subject  # the answer line names the jurisdiction of a shared short name


def test_ranking_by_leads_leaves_out_who_leads_nothing(worlds):
    store, vocab, truth, _ = worlds["seed"]
    a = answer(store, "谁牵头最多", vocab)
    assert all(r["leads"] > 0 for r in a.rows)
    assert "园区管委会" not in {r["bureau"] for r in a.rows}  # supports 16 tasks, leads none
    top = max(truth.ranking("lead").values())
    assert a.rows[0]["leads"] == top and f"({top})" in a.line


def test_the_plan_scope_limits_task_numbers(worlds):
    store, vocab, truth, _ = worlds["two"]
    both = answer(store, "第1项任务谁牵头", vocab)
    assert len({r["document"] for r in both.rows}) == 2  # one lead per plan, each row names its plan
    one = answer(store, "第1项任务谁牵头", vocab, resolve_plans(vocab, [AI_PLAN]))
    assert owners(one.rows) == truth.owners_of(1, "lead", truth.doc_of(AI_PLAN))


def test_unknown_and_empty_questions(worlds):
    _, vocab, _, _ = worlds["seed"]
    assert route("", vocab).question is None
    r = route("hello there", vocab)
    assert r.question is None and "区科委" in r.why


def test_unknown_plan_is_an_error(worlds):
    from graph.errors import QueryError

    _, vocab, _, _ = worlds["seed"]
    with pytest.raises(QueryError, match="no plan"):
        resolve_plans(vocab, ["不存在的方案"])


def test_name_variants():
    b = {"short_name": "区人力资源社会保障局", "name": "北京市石景山区人力资源和社会保障局", "aliases": ["区人社局"],
         "jurisdiction": "北京市石景山区"}
    v = name_variants(b)
    assert {"区人力资源和社会保障局", "人力资源社会保障局", "石景山区人社局", "人社局"} <= v
    assert "北京市人社局" not in v  # the city's own bureau is another bureau
    party = name_variants({"short_name": "区委宣传部", "name": "中共北京市石景山区委员会宣传部",
                           "aliases": ["区委宣传部"], "jurisdiction": "北京市石景山区"})
    assert "宣传部" in party and "委宣传部" not in party


@pytest.mark.parametrize("world", sorted(PLANS))
def test_the_same_phrasings_through_the_cli(worlds, world):
    """`python -m graph ask --text …` routes exactly as the router does: one process per world, every phrasing."""
    store, vocab, truth, path = worlds[world]
    mine = [c for c in CASES if c[1] == world]
    for plans in sorted({c[2] for c in mine}):
        group = [c for c in mine if c[2] == plans]
        args = ["ask", "--store", str(path), "--format", "json"]
        for c in group:
            args += ["--text", c[0]]
        for p in plans:
            args += ["--plan", p]
        res = run_cli(*args)
        assert res.returncode == 0, res.stderr
        lines = [json.loads(x) for x in res.stdout.splitlines() if x.strip()]
        assert [x["text"] for x in lines] == [c[0] for c in group]
        for c, got in zip(group, lines):
            assert got["question"] == c[3], c[0]
            _check(c, got["rows"], truth)
            assert got["answer"] == answer(store, c[0], vocab, resolve_plans(vocab, plans)).line


def test_cli_text_says_error_for_an_ambiguous_name(worlds):
    *_, path = worlds["three"]
    res = run_cli("ask", "--store", str(path), "--text", "区科委牵头哪些任务")
    assert res.returncode != 0 and res.stderr.startswith("error:") and "上海市浦江区" in res.stderr
    res = run_cli("ask", "--store", str(path), "--text", "区科委牵头哪些任务", "--plan", "浦府办发")
    assert res.returncode == 0 and "区科委(上海市浦江区) · 牵头" in res.stdout
