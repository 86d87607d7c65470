"""The seed plan, parsed: structure, responsibilities, bureaus, document facts, targets and entities.

Where the seed's text states a count, the test counts it independently from the raw text too.
"""
import re
from collections import Counter

from graph.model import ROLES

CLAUSE = re.compile(r"[（(]责任单位[:：]([^）)]*)[）)]")


def test_structure(seed_doc):
    assert [p.title for p in seed_doc.programmes] == [
        "品牌孵化机构引育工程", "存量孵化机构升级工程", "孵化—城市融合赋能工程", "专业孵化人才提升工程", "创业孵化生态优化工程"]
    assert len(seed_doc.tasks) == 16
    assert [t.number for t in seed_doc.tasks] == list(range(1, 17))
    assert Counter(t.programme for t in seed_doc.tasks) == {0: 3, 1: 3, 2: 4, 3: 3, 4: 3}
    assert [p.title for p in seed_doc.principles] == ["聚焦前沿,加快布局", "分类推动,提质升级", "贯通链条,赋能增效"]
    assert [m.title for m in seed_doc.measures] == ["加强统筹协调", "完善政策保障", "做好督查考核", "注重宣传引导"]
    assert seed_doc.tasks[6].title == "推进孵化器与产业园区同频发展"


def test_three_parts(seed_text):
    from loaders.read import read_text
    from loaders.structure import split_structure

    _, parts = split_structure(read_text(seed_text.encode()).text)
    assert [p.title for p in parts] == ["总体要求", "重点任务", "保障措施"]


def test_responsibilities_match_the_clauses_in_the_text(seed_doc, seed_text):
    clauses = CLAUSE.findall(seed_text)
    written = [u for c in clauses for u in c.split("、")]
    facts = seed_doc.responsibilities()
    assert len(facts) == len(written) == 74
    assert [f.duty.unit for f in facts] == written
    leads = [f for f in facts if f.duty.role == "lead"]
    assert len(leads) == len(clauses) == 16
    assert [f.duty.unit for f in leads] == [c.split("、")[0] for c in clauses]
    assert {f.duty.role for f in facts} <= set(ROLES)
    # every fact points back at its clause and its unit as written
    for f in facts:
        assert seed_doc.text.text[f.duty.start:f.duty.end] == f.duty.unit
        assert f.clause.text in f.item.text


def test_bureaus_and_aliases(seed_doc):
    facts = seed_doc.responsibilities()
    assert len({f.canonical for f in facts}) == 19
    canon = {f.duty.unit: f.canonical for f in facts}
    assert canon["区科委"] == "北京市石景山区科学技术委员会"
    assert canon["园区管委会"] == "中关村科技园区石景山园管理委员会"
    assert canon["区国资委"] == "北京市石景山区人民政府国有资产监督管理委员会"
    assert canon["区人力资源社会保障局"] == "北京市石景山区人力资源和社会保障局"
    # a unit the alias table does not know still becomes a bureau, as written
    assert canon["区西部建设办"] == "区西部建设办"


def test_lead_and_support_counts(seed_doc):
    roles = Counter((f.duty.unit, f.duty.role) for f in seed_doc.responsibilities())
    assert roles[("区科委", "lead")] == 13 and roles[("区科委", "support")] == 3
    assert roles[("园区管委会", "support")] == 16 and roles[("园区管委会", "lead")] == 0


def test_document_facts(seed_doc):
    f = seed_doc.facts
    assert f.title == "石景山区科技孵化器高质量发展工作方案"
    assert f.doc_number == "石科发〔2023〕4号"
    assert (f.signed_on, f.published_on, f.disclosure) == ("2023-09-19", "2023-09-25", "主动公开")
    assert f.parent_policy == "标杆孵化器培育实施方案(2022—2025 年)"
    assert [d[0] for d in f.drafters] == ["区科委", "园区管委会", "区经济和信息化局", "区财政局", "区国资委",
                                          "区人力资源社会保障局"]
    issuers = [i[0] for i in f.issuers]
    assert len(issuers) == 6
    # the two-column signature block, flattened by the text, is joined column by column
    assert "北京市石景山区人民政府国有资产监督管理委员会" in issuers
    assert "北京市石景山区人力资源和社会保障局" in issuers
    assert "北京市石景山区人民政府" not in issuers
    # every issuer resolves to the same bureau as the drafter's short form
    resolved = {seed_doc.canonical(u) for u in issuers}
    assert {seed_doc.canonical(d[0]) for d in f.drafters} == resolved


def test_targets(seed_doc):
    got = [(t.metric, t.comparator, t.value, t.unit, t.year) for t in seed_doc.targets]
    assert got == [
        ("孵化机构", ">=", 20, "家", 2025),
        ("孵化场地面积", ">", 300000, "m²", 2025),
        ("标杆孵化器", ">=", 2, "家", 2025),
        ("优秀创新创业服务机构", ">=", 15, "家", 2025),
        ("孵化落地科技型中小企业", ">=", 100, "家", 2025),
        ("国家高新技术企业", ">=", 50, "家", 2025),
    ]


def test_safeguard_measure_names_the_task_force_lead(seed_doc):
    coord = seed_doc.measures[0]
    assert [(d.unit, d.role) for c in coord.clauses for d in c.duties] == [("区科委", "lead")]
    assert "牵头单位" in coord.clauses[0].text
    assert all(not m.clauses for m in seed_doc.measures[1:])
    # extract lists tasks only
    assert all(r.item.kind == "Task" for r in seed_doc.responsibilities())


def test_entities_are_linked_to_the_items_that_name_them(seed_doc, seed_graph):
    g = seed_graph
    mentions = [(u, v, d) for u, v, d in g.edges(data=True) if d["type"] == "MENTIONS"]
    for u, v, d in mentions:
        host = g.nodes[u]
        assert d["text"] in d["sentence"]
        if host["label"] != "Document":
            assert d["text"] in (host.get("text") or host["name"]), (host["name"], d["text"])
    by_task = {}
    for u, v, d in mentions:
        if g.nodes[u]["label"] == "Task":
            by_task.setdefault(g.nodes[u]["number"], set()).add((g.nodes[v]["kind"], g.nodes[v]["name"]))
    for t in seed_doc.tasks:  # each gazetteer name written in a task is linked to it
        for label, name in [("Track", "虚拟现实"), ("Track", "工业互联网"), ("Park", "首钢园"),
                            ("Park", "中关村虚拟现实产业园"), ("Incubator", "博士后工作站"),
                            ("Initiative", "区级母基金"), ("Stakeholder", "五路大军")]:
            assert ((label, name) in by_task.get(t.number, set())) == (name in t.text), (t.number, name)
    assert {n["label"] for _, n in g.nodes(data=True) if n["kind"] == "Track"} == {"Entity"}
    tracks = {n["name"] for _, n in g.nodes(data=True) if n["kind"] == "Track"}
    assert {"通用人工智能", "工业互联网", "虚拟现实", "智能硬件", "科幻", "未来健康"} <= tracks


def test_provenance_on_every_node_and_edge(seed_graph, seed_doc):
    raw = seed_doc.text.raw
    for _, attrs in seed_graph.nodes(data=True):
        assert attrs.get("document") and attrs.get("sentence"), attrs["id"]
        assert 0 <= attrs["span_start"] <= attrs["span_end"] <= len(raw)
    for _, _, attrs in seed_graph.edges(data=True):
        assert attrs.get("document") and attrs.get("sentence"), attrs
    resp = [d for _, _, d in seed_graph.edges(data=True) if d["type"] == "RESPONSIBLE_FOR"]
    for d in resp:
        assert raw[d["span_start"]:d["span_end"]] == d["unit_as_written"]
        assert d["section"].startswith("重点任务 / ") or d["section"].startswith("保障措施")


def test_titles_of_notices_that_wrap_or_quote_their_plan():
    from loaders.parse import parse_text

    wrapped = parse_text("国务院关于促进综合保税区\n高水平开放高质量发展的若干意见\n国发〔2019〕3号\n各省人民政府:\n"
                         "一、重点任务\n1.任务。(商务部、海关总署负责)\n")
    assert wrapped.facts.title == "国务院关于促进综合保税区高水平开放高质量发展的若干意见"
    quoted = parse_text("沪府办发〔2025〕17号\n各区人民政府:\n《上海市促进产业发展行动方案》已经市政府同意,现印发给你们。\n"
                        "上海市人民政府办公厅\n2025年9月4日\n一、重点任务\n1.任务。(责任单位:市经济信息化委)\n")
    assert quoted.facts.title == "上海市促进产业发展行动方案"
    assert quoted.facts.signed_on == "2025-09-04"
