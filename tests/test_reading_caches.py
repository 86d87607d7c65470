"""The parser's caches and shortcuts read exactly what the plain readings read, on invented snippets."""
import re

import pytest

from loaders.deadlines import find_deadline
from loaders.duties import (_LABEL_RE, _alternation, find_leaders, label_line, parse_clause, parse_label_run,
                            parse_marker_line, split_units)
from loaders.entities import Mention, find_mentions
from loaders.parse import parse_text
from loaders.structure import sentence_at, sentences_at, split_structure, walk


def test_prefix_tree_alternation_finds_what_the_word_list_finds():
    words = ["牵头单位", "牵头部门", "牵头责任单位", "配合单位", "分工"]
    tree = _alternation(words)
    assert "(?:" in tree  # factored, not eighty words side by side
    plain = "|".join(sorted(words, key=len, reverse=True))
    text = "牵头责任单位:甲局;配合单位:乙局、丙局。任务分工:丁局牵头。牵头部门"
    assert [m.span() for m in re.finditer(tree, text)] == [m.span() for m in re.finditer(plain, text)]


def test_alternation_of_words_that_start_one_another_stays_a_plain_list():
    assert _alternation(["牵头", "牵头负责"]) == "牵头负责|牵头"


def test_label_pattern_reads_labels_in_brackets_and_before_a_colon():
    found = [(m.group("b") or m.group("c")) for m in _LABEL_RE.finditer("【牵头单位】甲局 配合部门:乙局 协同责任单位 : 丙局")]
    assert found == ["牵头单位", "配合部门", "协同责任单位"]
    # a bare role word as a label, in brackets or before a colon
    assert [(m.group("b") or m.group("c")) for m in _LABEL_RE.finditer("【牵头】甲局 配合:乙局")] == ["牵头", "配合"]


def test_a_cached_clause_is_handed_out_fresh_and_shifted_to_where_it_stands():
    first = parse_clause("区发展改革委(牵头)、区财政局", 10)
    assert [(d.unit, d.role, d.start, d.end) for d in first] == [("区发展改革委", "lead", 10, 16),
                                                                 ("区财政局", "support", 21, 25)]
    first[0].unit, first[0].role = "changed", "guide"
    again = parse_clause("区发展改革委(牵头)、区财政局", 100)
    assert [(d.unit, d.role, d.start) for d in again] == [("区发展改革委", "lead", 100), ("区财政局", "support", 111)]


def test_lead_rule_changes_roles_of_a_cached_role_word_clause():
    leading = parse_clause("区科委、区人社局负责", 0, first_leads=True)
    unranked = parse_clause("区科委、区人社局负责", 0, first_leads=False)
    assert [d.role for d in leading] == ["lead", "support"]
    assert [d.role for d in unranked] == ["support", "support"]


def test_split_units_offsets_follow_the_base():
    assert split_units("区经济和信息化局和区科委", 7) == [("区经济和信息化局", 7, 15), ("区科委", 16, 19)]
    assert split_units("区经济和信息化局和区科委", 0) == [("区经济和信息化局", 0, 8), ("区科委", 9, 12)]


def test_label_lines_need_a_colon_or_square_brackets():
    assert label_line("责任单位:区教委、区财政局")
    assert label_line("【牵头单位】区教委")
    assert not label_line("区教委牵头负责推进各项工作落实")
    text = "前文。\n牵头单位:区教委\n"
    assert [(d.unit, d.role, d.start) for d in parse_label_run(text, 4, len(text) - 1)] == [("区教委", "lead", 9)]
    assert parse_label_run("区教委负责推进", 0, 7) is None


def test_marker_lines_read_the_same_wherever_they_stand():
    line = "区大数据局负责,区财政局配合。"
    here = parse_marker_line(line, 0, len(line))
    there = parse_marker_line("标题\n" + line, 3, 3 + len(line))
    assert [(d.unit, d.role, d.start + 3) for d in here] == [(d.unit, d.role, d.start) for d in there]
    assert parse_marker_line("区卫健委牵头,会同区教委起草了方案。", 0, 18) is None


def test_leaders_need_their_colon():
    assert find_leaders("(牵头单位:区科委;责任领导:王某某)") == ["王某某"]
    assert find_leaders("责任领导王某某") == []


def test_deadlines_without_year_month_or_quarter():
    assert find_deadline("持续推进各项工作") == "持续推进"
    assert find_deadline("按季度调度") == ""
    assert find_deadline("尽快完成", cell=True) == "尽快完成"
    assert find_deadline("三季度末前完成", year=2025) == "2025-09-30"


def test_pattern_mentions_keep_their_left_edge():
    mentions = find_mentions("推进建设区域协同的数据共享平台。")
    assert [(m.type, m.name, m.start, m.end, m.source) for m in mentions] == [
        ("Initiative", "数据共享平台", 9, 15, "pattern")]
    mentions = find_mentions("依托2家标杆孵化器,支持建设人工智能创新中心和智能制造产业园。")
    assert ("Park", "智能制造产业园", 23, 30, "pattern") in [(m.type, m.name, m.start, m.end, m.source)
                                                      for m in mentions]


def test_a_mention_is_an_immutable_record_of_its_fields():
    m = Mention("Park", "某产业园", "某产业园", 3, 7, "pattern")
    assert (m.type, m.name, m.text, m.start, m.end, m.source) == ("Park", "某产业园", "某产业园", 3, 7, "pattern")
    assert m == Mention(*m) and hash(m) == hash(Mention(*m))
    with pytest.raises(AttributeError):
        m.start = 0


def test_sentences_at_is_sentence_at_for_each_span():
    text = "第一句话。 第二句话!\n第三句没有句号\n  第四句?"
    spans = [(0, 1), (6, 8), (12, 14), (22, 24), (0, len(text))]
    assert sentences_at(text, spans) == [sentence_at(text, s, e) for s, e in spans]


def test_walk_is_depth_first_in_document_order():
    _, parts = split_structure("一、总体要求\n(一)目标\n1.甲。\n2.乙。\n(二)原则\n丙。\n二、保障\n丁。")
    assert [b.title for b in walk(parts)] == ["总体要求", "目标", "甲", "乙", "原则", "丙", "保障", "丁"]


PLAN = """某区科技创新工作方案
一、重点任务
(一)强化创新
1.建设创新平台。推动资源集聚。(责任单位:区科委、区财政局)
2.培育科技企业。
牵头单位:区经济和信息化局
配合单位:区人力资源社会保障局、区金融办
二、保障措施
区科委为工作专班牵头单位。
"""


def _facts(doc):
    return ([(r.item.number, r.duty.unit, r.duty.role, r.duty.start, r.bureau.key)
             for r in doc.responsibilities(("Task", "Measure"))],
            [(m.host, m.host_seq, m.mention.name, m.sentence) for m in doc.mentions])


def test_a_plan_parses_the_same_after_other_plans_filled_the_caches():
    first = _facts(parse_text(PLAN))
    parse_text(PLAN.replace("区科委", "区发展改革委").replace("某区", "另一区"))
    again = _facts(parse_text(PLAN))
    assert first == again
    assert ("区经济和信息化局", "lead") in [(u, r) for _, u, r, _, _ in first[0]]
    assert ("区金融办", "support") in [(u, r) for _, u, r, _, _ in first[0]]
