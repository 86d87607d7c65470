"""Questions in Chinese and English resolve, by rules and names from the store, to stored questions."""
import pytest

from graph.questions.catalogue import load_questions
from graph.questions.router import Vocabulary, answer_node_ids, cn_number, fetch_vocabulary, match_question
from viewer.subgraph import fetch_graph

CASES = [
    # (question, stored question, parameters)
    ("区科委牵头哪些任务?", "tasks_of_bureau", {"bureau": "区科委", "role": "lead"}),
    ("谁负责第7项任务", "owners_of_task", {"task": "7"}),
    ("虚拟现实相关的任务", "tasks_of_track", {"track": "虚拟现实"}),
    ("who supports task 12", "owners_of_task", {"task": "12", "role": "support"}),
    ("哪个单位任务最多", "workload_ranking", {}),
    ("首钢园有哪些任务", "tasks_of_park", {"park": "首钢园"}),
    ("2025年目标", "targets_of_year", {"year": "2025"}),
    ("第十二项任务由谁牵头?", "owners_of_task", {"task": "12", "role": "lead"}),
    ("任务三的责任单位", "owners_of_task", {"task": "3"}),
    ("区经信局配合了哪些任务", "tasks_of_bureau", {"bureau": "区经济和信息化局", "role": "support"}),
    ("科委负责什么", "tasks_of_bureau", {"bureau": "区科委"}),
    ("Which tasks does the Science and Technology Commission lead?", "tasks_of_bureau",
     {"bureau": "区科委", "role": "lead"}),
    ("tasks about virtual reality", "tasks_of_track", {"track": "虚拟现实"}),
    ("通用人工智能方面的任务", "tasks_of_track", {"track": "通用人工智能"}),
    ("which bureau has the most tasks", "workload_ranking", {}),
    ("哪些任务没有牵头单位?", "gap_check", {}),
    ("tasks without a lead", "gap_check", {}),
    ("哪些单位共同承担任务", "shared_tasks", {}),
    ("区科委和哪些单位共同负责", "bureau_neighbourhood", {"bureau": "区科委"}),
    ("everything about 区科委", "bureau_neighbourhood", {"bureau": "区科委"}),
    ("人才工程有哪些任务", "tasks_of_programme", {"programme": "专业孵化人才提升工程"}),
    ("tasks of the talent programme", "tasks_of_programme", {"programme": "专业孵化人才提升工程"}),
    ("What are the 2025 targets?", "targets_of_year", {"year": "2025"}),
    ("Shougang Park tasks", "tasks_of_park", {"park": "首钢园"}),
    ("what concerns 首钢园", "concerning", {"term": "首钢园"}),
    ("云孵化", "concerning", {"term": "云孵化"}),
    ("Who is responsible for task #5?", "owners_of_task", {"task": "5"}),
    ("北京市石景山区财政局的任务", "tasks_of_bureau", {"bureau": "区财政局"}),
]


@pytest.fixture(scope="module")
def vocab(seed_store):
    return fetch_vocabulary(seed_store)


@pytest.mark.parametrize("text,question,params", CASES, ids=[c[0] for c in CASES])
def test_match_question(vocab, text, question, params):
    name, got, why = match_question(text, vocab)
    assert (name, got) == (question, params), why
    assert why


@pytest.mark.parametrize("text,question,params", CASES[:12], ids=[c[0] for c in CASES[:12]])
def test_matched_question_runs_and_answers(seed_store, vocab, text, question, params):
    q = load_questions()[question]
    name, got, _ = match_question(text, vocab)
    rows = seed_store.run(q.cypher, q.bind(got))
    assert rows, f"{text!r} → {name} {got} returned no rows"


def test_vocabulary_comes_from_the_store(seed_store, vocab):
    n = seed_store.run("MATCH (b:Bureau) RETURN count(b) AS c")[0]["c"]
    assert len(vocab.bureaus) == n
    names = vocab.bureau_names()
    assert names["区科委"] == names["北京市石景山区科学技术委员会"] == "区科委"
    assert "虚拟现实" in vocab.tracks and "首钢园" in vocab.parks and len(vocab.programmes) == 5


def test_unmatched_and_empty(vocab):
    assert match_question("", vocab)[0] is None
    name, params, why = match_question("hello there", vocab)
    assert name is None and params == {} and "区科委" in why


def test_names_unknown_to_the_store_are_not_invented():
    empty = Vocabulary()
    assert match_question("区科委牵头哪些任务", empty)[0] is None
    assert match_question("Shougang Park tasks", empty)[0] is None


def test_chinese_numbers():
    assert [cn_number(s) for s in ("7", "七", "十", "十二", "二十", "二十三", "一百零五")] == [7, 7, 10, 12, 20, 23, 105]


def test_answer_subgraph_names_the_answer(seed_store, vocab):
    g = fetch_graph(seed_store)
    q = load_questions()["owners_of_task"]
    rows = seed_store.run(q.cypher, q.bind({"task": "7"}))
    ids = answer_node_ids(g, "owners_of_task", {"task": 7}, rows)
    kinds = {g.nodes[i]["label"] for i in ids}
    assert kinds == {"Task", "Bureau"}
    assert len([i for i in ids if g.nodes[i]["label"] == "Bureau"]) == len({r["bureau"] for r in rows})


@pytest.mark.parametrize("name", sorted(load_questions()))
def test_every_stored_question_returns_the_ids_of_the_nodes_it_names(name, seed_store):
    g = fetch_graph(seed_store)
    q = load_questions()[name]
    assert q.ids, f"{name}: its header needs // ids: for the nodes it names"
    rows = seed_store.run(q.cypher, q.bind({p.name: p.example.strip('"') for p in q.params if p.default is None}))
    named = {str(r[c]) for r in rows for c in q.ids if r.get(c)}
    assert named <= set(g.nodes)  # real node ids, so the Ask subgraph is built from them, not from display names
    assert answer_node_ids(g, name, {}, rows) == named
