"""Structure in any common numbering style, markers attached to their host, and a parse that stays linear in size."""
import gc
import statistics
import time
from pathlib import Path

import pytest

from loaders.parse import parse_text
from loaders.structure import cn_to_int, match_item, sentence_at, split_structure, walk


def owners(text, **kw):
    """(task number, unit, role) of every responsibility in a snippet."""
    doc = parse_text(text, require_tasks=False, **kw)
    return [(r.item.number, r.duty.unit, r.duty.role) for r in doc.responsibilities()]


@pytest.mark.parametrize("line, number, body", [
    ("1.开展试点", 1, "开展试点"), ("1、开展试点", 1, "开展试点"), ("(1)开展试点", 1, "开展试点"),
    ("1)开展试点", 1, "开展试点"), ("③开展试点", 3, "开展试点"), ("第十二条 开展试点", 12, "开展试点"),
    ("1024.开展试点", 1024, "开展试点"), ("**2.开展试点**", 2, "开展试点"),
])
def test_item_numbering_styles(line, number, body):
    assert match_item(line) == (number, body)


def test_years_and_decimals_are_no_items():
    assert match_item("2024年完成") is None
    assert match_item("3.5亿元") is None


def test_chinese_numerals_up_to_hundreds():
    assert [cn_to_int(s) for s in ("一", "十", "十二", "二十", "九十九", "一百", "一百零五", "12")] == [
        1, 10, 12, 20, 99, 100, 105, 12]


def test_emphasis_and_fullwidth_indentation_are_ignored_for_structure():
    text = "**一、重点任务**\n\u3000\u3000<b>(一)</b>扩大开放。推进合作。(责任单位:市商务委)\n"
    _, parts = split_structure(text)
    assert parts[0].title == "重点任务"
    section = parts[0].children[0]
    assert section.kind == "section" and section.title == "扩大开放"
    assert text[section.start:section.start + 5] == "<b>(一"  # offsets still point into the text as written


def test_a_numbered_line_that_is_title_and_body_hosts_its_marker():
    text = ("一、完善评价机制。建立分类评价制度。(责任单位:市人社局、市教委)\n"
            "二、加强激励保障。落实奖励政策。(市财政局负责)\n")
    assert owners(text) == [(1, "市人社局", "lead"), (1, "市教委", "support"), (2, "市财政局", "lead")]


def test_a_heading_whose_line_carries_the_task_names_it():
    # 指导意见 style: (一)title。body…(牵头): the heading's title is the task's, its first sentence the provenance
    text = ("二、重点任务\n(一)推进政务服务一网通办。2025年底前实现高频事项全程网办。(牵头单位:市行政审批局;配合单位:市财政局)\n"
            "(二)深化工程建设项目审批改革。精简审批环节,压缩审批时间。(市住房城乡建设局牵头,市自然资源局配合)\n"
            "(三)优化纳税服务\n1.推广非接触式办税。(市税务局负责)\n")
    doc = parse_text(text)
    assert [(t.title, t.sentence) for t in doc.tasks[:2]] == [
        ("推进政务服务一网通办", "(一)推进政务服务一网通办。"), ("深化工程建设项目审批改革", "(二)深化工程建设项目审批改革。")]
    assert doc.tasks[0].deadline == "2025-12-31"
    assert doc.tasks[2].title == "推广非接触式办税"  # a heading over numbered items stays their programme's
    assert owners(text) == [(1, "市行政审批局", "lead"), (1, "市财政局", "support"), (2, "市住房城乡建设局", "lead"),
                            (2, "市自然资源局", "support"), (3, "市税务局", "lead")]
    parts = parse_text("一、完善评价机制。建立分类评价制度。(责任单位:市人社局、市教委)\n二、强化考核。开展年度考核。(市委组织部负责)\n")
    assert [t.title for t in parts.tasks] == ["完善评价机制", "强化考核"]


def test_section_tasks_without_any_part_heading():
    text = "(一)建设平台。打造载体。(责任单位:区科委)\n(二)培育主体。引进企业。(责任单位:区投促局、区财政局)\n"
    assert owners(text) == [(1, "区科委", "lead"), (2, "区投促局", "lead"), (2, "区财政局", "support")]


def test_unnumbered_paragraph_tasks_under_a_heading():
    text = ("一、主要任务\n(一)壮大产业\n  集聚龙头企业。支持总部落户。(责任部门:区商务委、区科经委)\n"
            "  做强配套服务。完善服务体系。(责任部门:区发改委)\n")
    assert owners(text) == [(0, "区商务委", "lead"), (0, "区科经委", "support"), (0, "区发改委", "lead")] or [
        (u, r) for _, u, r in owners(text)] == [("区商务委", "lead"), ("区科经委", "support"), ("区发改委", "lead")]


def test_a_marker_on_its_own_line_belongs_to_the_task_before_it():
    text = ("一、重点任务\n(一)优化审批流程,压减办理时限。\n责任单位:市审批局、市住建局\n时限要求:持续推进\n"
            "(二)推行告知承诺。\n责任单位:市司法局\n")
    doc = parse_text(text)
    assert [(t.title, [(d.unit, d.role) for c in t.clauses for d in c.duties]) for t in doc.tasks] == [
        ("优化审批流程,压减办理时限", [("市审批局", "lead"), ("市住建局", "support")]),
        ("推行告知承诺", [("市司法局", "lead")])]


def test_a_lead_on_a_part_heading_belongs_to_the_part_once():
    text = "一、强化创新驱动(区科技局牵头)\n(一)建设平台。推进合作。\n(二)引育人才。落实政策。\n"
    doc = parse_text(text)
    assert [(r.item.title, r.duty.unit, r.duty.role) for r in doc.responsibilities()] == [
        ("强化创新驱动", "区科技局", "lead")]


def test_a_task_with_a_marker_in_a_safeguard_part_is_a_task():
    text = ("一、重点任务\n(一)建设平台。打造载体。(责任单位:区科委)\n二、保障措施\n"
            "(一)加强组织领导。建立协调机制。(区委办、区政府办牵头负责)\n"
            "(二)强化资金保障。区财政局为资金保障牵头单位。\n")
    doc = parse_text(text)
    assert [(r.duty.unit, r.duty.role) for r in doc.responsibilities()] == [
        ("区科委", "lead"), ("区委办", "lead"), ("区政府办", "lead")]
    assert [(d.unit, d.role) for m in doc.measures for c in m.clauses for d in c.duties] == [("区财政局", "lead")]


def test_any_level_can_be_the_task_level():
    text = ("一、推进改革\n(一)深化改革\n1.简化流程\n(1)推行一网通办。(区政务服务局负责)\n"
            "(2)推行容缺受理。(区市场监管局负责)\n")
    assert [(u, r) for _, u, r in owners(text)] == [("区政务服务局", "lead"), ("区市场监管局", "lead")]


def test_task_numbers_above_999_are_read():
    lines = "\n".join(f"{n}.任务{n}。(责任单位:区科委)" for n in range(998, 1003))
    doc = parse_text("一、重点任务\n" + lines + "\n")
    assert [t.number for t in doc.tasks] == [998, 999, 1000, 1001, 1002]


def test_sentence_at_on_a_line_without_sentence_ends():
    text = "甲" * 5000 + "虚拟现实" + "乙" * 5000
    assert sentence_at(text, 5000, 5004) == (0, len(text))
    assert sentence_at("开头。中间的句子。结尾", 4, 6) == (3, 9)


def test_blocks_cover_the_text_in_order():
    text = "一、任务\n(一)甲。\n1.乙。\n2.丙。\n二、保障\n"
    _, parts = split_structure(text)
    starts = [b.start for b in walk(parts)]
    assert starts == sorted(starts)


# ---- scale: parse time linear in size (repro inputs of ../shared/repro and a plan made 1 MB and 4 MB)

REPRO = Path(__file__).resolve().parent.parent.parent / "shared" / "repro"
PAIRS = [("A_table_only_plan_400rows", "A_table_only_plan_800rows"), ("E_split_units_he_8k", "E_split_units_he_16k"),
         ("F_table_rows_5k", "F_table_rows_10k"), ("G_labels_in_line_5k", "G_labels_in_line_10k"),
         ("C_sentence_at_10k", "C_sentence_at_20k")]


def _clear_parse_caches() -> None:
    """Empty the parser's lru caches, so a timed parse reads its text as a first parse does: a repeated parse of
    the same text would time the caches (and a small text's readings fit in them where a large one's do not). The
    alias table and the gazetteer stay: they are read once per process, not per text."""
    import sys

    for name, module in list(sys.modules.items()):
        if name.startswith("loaders.") and name not in ("loaders.aliases", "loaders.entities"):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def _parse_seconds(*texts: str, runs: int = 5, cold: bool = True) -> list[float]:
    """Best of `runs` for each text, in CPU seconds of this process (other processes on a shared machine take wall
    time, not ours), the texts taking turns so a busy moment hits both; with `cold`, each parse starts with empty
    caches."""
    best = [float("inf")] * len(texts)
    gc.collect()
    gc.disable()  # the collector's passes scale with everything earlier tests left alive, not with this parse
    try:
        for _ in range(runs):
            for i, text in enumerate(texts):
                if cold:
                    _clear_parse_caches()
                t = time.process_time()
                parse_text(text, require_tasks=False)
                best[i] = min(best[i], time.process_time() - t)
    finally:
        gc.enable()
    return best


def _machine_slowdown() -> float:
    """How many times slower than idle this machine parses now: the seed plan against its idle time (~6 ms)."""
    seed = next((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    return max(1.0, _parse_seconds(seed)[0] / 0.010)


@pytest.mark.parametrize("small, large", PAIRS, ids=[p[0].rsplit("_", 1)[0] for p in PAIRS])
def test_repro_inputs_parse_in_linear_time(small, large):
    if not REPRO.is_dir():
        pytest.skip(f"{REPRO} not found")
    a = (REPRO / f"{small}.txt").read_text(encoding="utf-8")
    b = (REPRO / f"{large}.txt").read_text(encoding="utf-8")
    # doubling the input may at most ~2.2x the time (measured alone: 1.9-2.15); 2.8 leaves room for a shared
    # machine and a test process full of other objects, and still fails a quadratic parse (4x). A parse of 20 ms
    # can take one slow turn (CI once measured 2.83 on the table-only pair, 0.97-0.99 here in nine runs), so up to
    # three rounds are measured: a linear parse passes one of them, a quadratic one fails all three.
    limit = 2.8 * (len(b) / len(a)) / 2
    rounds = []
    for _ in range(3):
        ta, tb = _parse_seconds(a, b, runs=7)
        rounds.append((ta, tb))
        if tb / max(ta, 1e-3) <= limit:
            break
    assert tb / max(ta, 1e-3) <= limit, (small, rounds)
    # well under a second per 100 KB on an idle machine; a busy one is allowed as much more as the seed plan takes
    assert tb / (len(b.encode()) / 100_000) < 1.0 * _machine_slowdown(), (large, tb)


def test_a_4mb_plan_takes_at_most_45_times_a_1mb_one():
    task = "{n}.推进第{n}项工作,完善机制,加强协同。(责任单位:区科委、区财政局、区发展改革委)\n"
    def plan(size):
        """Parts of 20 numbered tasks each, about `size` bytes of UTF-8."""
        parts, n, out, chars = 0, 0, [], 0
        while chars * 3 < size:
            if n % 20 == 0:
                parts += 1
                out.append(f"{'一二三四五六七八九'[parts % 9]}、重点任务{parts}\n")
            n += 1
            out.append(task.format(n=n % 20 + 1))
            chars += len(out[-1])
        return "".join(out)
    small, large = plan(1_000_000), plan(4_000_000)
    _parse_seconds(small, large, runs=1, cold=False)  # warms the clause caches both share
    # the median of five rounds' ratios: the best time of each size could come from different moments of a shared
    # machine, and one fast 1 MB parse tipped a best-of-three ratio past the bound
    ratios = [t4 / t1 for t1, t4 in (_parse_seconds(small, large, runs=1, cold=False) for _ in range(5))]
    assert statistics.median(ratios) <= 4.5, ratios


def test_a_bracketed_marker_on_its_own_line_after_a_multi_paragraph_task():
    doc = parse_text("一、重点任务\n1.建设平台。\n推进建设。\n完善功能。\n(责任单位:区科委、区财政局)\n2.培育企业。\n(区金融办负责)\n")
    assert [(t.number, t.title, [(d.unit, d.role) for c in t.clauses for d in c.duties]) for t in doc.tasks] == [
        (1, "建设平台", [("区科委", "lead"), ("区财政局", "support")]), (2, "培育企业", [("区金融办", "lead")])]


def test_a_marker_line_under_a_part_heading_belongs_to_the_part():
    doc = parse_text("一、强化创新驱动\n【牵头单位】区科技局\n(一)建设平台。推进合作。\n")
    assert [(t.title, r.duty.unit, r.duty.role) for t in doc.tasks for r in doc.responsibilities() if r.item is t] == [
        ("强化创新驱动", "区科技局", "lead")]


def test_half_bracket_chinese_numbers_are_sections():
    _, parts = split_structure("一、重点任务\n一)建设平台。推进合作。(责任单位:区科委)\n")
    assert [(b.kind, b.title) for b in walk(parts)][:2] == [("part", "重点任务"), ("section", "建设平台")]


# ---- generalisation: whole small plans in styles neither corpus folder shows (invented text)

OTHER_STYLES = {
# 1. a 2-level plan: 第X部分 / 一、 tasks with 牵头/配合 lines, and 责任领导
'parts_bufen': ("某区2024年工作要点\n第一部分 总体要求\n坚持稳中求进。\n第二部分 重点任务\n"
  "一、推动产业升级。实施强链工程。\n牵头单位:区经信局\n配合单位:区发改委、区财政局\n"
  "二、扩大有效投资。谋划重大项目。\n牵头单位:区发改委\n", [('区经信局','lead'),('区发改委','support'),('区财政局','support'),('区发改委','lead')]),
# 2. tasks as 1、 items with inline label sentence after 。
'inline_label': ("一、重点任务\n1、完善政策体系。出台配套细则。责任单位:区发改委、区司法局。\n2、优化服务。牵头单位:区政务服务局;配合单位:各街道。\n",
  [('区发改委','lead'),('区司法局','support'),('区政务服务局','lead'),('各街道','support')]),
# 3. state-council style with 负责 and 按职责分工负责
'gwy': ("一、加强统筹\n(一)完善机制。建立协调机制。(发展改革委牵头,有关部门按职责分工负责)\n(二)强化保障。加大投入。(财政部、发展改革委等按职责分工负责)\n",
  [('发展改革委','lead'),('有关部门','support'),('财政部','support'),('发展改革委','support')]),
# 4. markers in a 分工 paragraph after each task, 3-level
'fengong3': ("一、重点任务\n(一)产业发展\n1.培育龙头企业。支持企业做大做强。\n任务分工:区商务局牵头,区财政局、区市场监管局配合。\n2.壮大市场主体。\n任务分工:区市场监管局负责。\n",
  [('区商务局','lead'),('区财政局','support'),('区市场监管局','support'),('区市场监管局','lead')]),
# 5. 【】 labels inline with spaces
'bracket_inline': ("一、重点任务\n1.建设平台。【牵头单位】区科委 【配合单位】区财政局、区人社局\n", [('区科委','lead'),('区财政局','support'),('区人社局','support')]),
# 6. full-width everything
'fullwidth': ("一、重点任务\n１．建设平台。（牵头单位：区科委；配合单位：区财政局）\n２．培育企业。（责任单位：区金融办）\n", [('区科委','lead'),('区财政局','support'),('区金融办','lead')]),
# 7. 牵头单位 line before task text? marker inside first line before 。
'marker_mid': ("一、重点任务\n1.建设平台(区科委牵头),推进资源共享。\n", [('区科委','lead')]),
# 8. table text with 牵头单位 / 责任单位 columns (责任 after 牵头 = support)
'table2': ("| 序号 | 工作任务 | 牵头单位 | 责任单位 | 完成时限 |\n|---|---|---|---|---|\n| 1 | 建设平台 | 区科委 | 区财政局、各街道 | 2024年底 |\n",
  [('区科委','lead'),('区财政局','support'),('各街道','support')]),
# 9. 第一条 style with 负责单位 labels
'tiao': ("第一章 重点任务\n第一条 建立台账制度。(负责单位:市统计局)\n第二条 开展监测评估。(负责单位:市统计局、市发改委)\n",
  [('市统计局','lead'),('市统计局','lead'),('市发改委','support')]),
# 10. collective with hedge and 有关
'collective': ("一、重点任务\n(一)落实责任。压实属地责任。(各区人民政府、市有关部门负责)\n", [('各区人民政府','lead'),('市有关部门','support')]),
# 11. several markers inside one paragraph, role words
'multi': ("一、重点任务\n(一)推进改革。深化放管服改革(区审批局牵头,区司法局参与);推行告知承诺(区司法局负责)。\n",
  [('区审批局','lead'),('区司法局','support'),('区司法局','lead')]),
# 12. traditional + 〔〕
'trad2': ("一、重點任務\n(一)推進改革。〔區審批局牽頭,區司法局參與〕\n", [('區審批局','lead'),('區司法局','support')]),
}


@pytest.mark.parametrize("name", sorted(OTHER_STYLES))
def test_other_styles(name):
    text, expected = OTHER_STYLES[name]
    doc = parse_text(text, require_tasks=False)
    assert sorted((r.duty.unit, r.duty.role) for r in doc.responsibilities()) == sorted(expected)


def test_parsing_the_same_long_plan_again_costs_what_the_first_parse_did():
    # a second parse of an equal text (the same plan read twice in one process) once compared the whole text
    # against the cached one on every lookup: quadratic, 20 s for a 4 MB plan parsed in 1.8 s the first time
    task = "{n}.推进第{n}项工作,完善机制,加强协同。(责任单位:区科委、区财政局、区发展改革委)\n"
    text = "".join(("一、重点任务\n" if n % 20 == 0 else "") + task.format(n=n % 20 + 1) for n in range(12_000))
    _clear_parse_caches()
    first = time.process_time()
    parse_text(text, require_tasks=False)
    first = time.process_time() - first
    again = time.process_time()
    parse_text("".join(text[:1]) + text[1:], require_tasks=False)  # an equal text, another string object
    again = time.process_time() - again
    assert again <= 2 * first + 0.05, (first, again)


def test_a_number_cited_after_a_title_is_not_the_plans_own():
    # two plans carrying out one policy would otherwise share its number, and so one document id
    cited = ("甲县落实方案\n为落实《某省人民政府关于印发某省行动方案的通知》(某政发〔2023〕9号)要求,制定本方案。\n"
             "一、重点任务\n1.建设平台。(责任单位:县科技局)\n")
    own = "甲县人民政府办公室文件\n甲政办〔2024〕3号\n" + cited
    assert parse_text(cited).facts.doc_number == ""
    assert parse_text(own).facts.doc_number == "甲政办〔2024〕3号"
    assert parse_text(cited.replace("甲县", "乙县")).doc_id != parse_text(cited).doc_id


def test_an_addressee_line_or_a_paragraph_is_no_title():
    text = ("各乡镇人民政府,县政府各部门:\n为加快发展,结合实际,现提出以下意见,请认真贯彻执行。各地要抓好落实。\n"
            "一、重点任务\n1.建设平台。(责任单位:县科技局)\n")
    assert parse_text(text).facts.title == ""


def test_a_title_only_item_and_the_paragraph_under_it_are_one_task():
    text = "一、重点任务\n1、建设平台\n加快建设平台。(区科委负责)\n2.培育企业。支持企业。(区工信局负责)\n"
    doc = parse_text(text)
    assert [(t.number, t.title, [c.text for c in t.clauses]) for t in doc.tasks] == [
        (1, "建设平台", ["(区科委负责)"]), (2, "培育企业", ["(区工信局负责)"])]
    assert "加快建设平台" in doc.tasks[0].text


def test_a_page_crumb_that_never_closes_its_bracket_keeps_the_plan():
    # 【字体:打印 (a page's toolbar) opens a bracket no later line closes: the lines after it are not run into it
    text = ("某市通知\n\n    【字体:打印\n\n    各县区政府:\n\n    一、主要目标\n\n    1. 地区生产总值增长6%。\n\n"
            "    牵头责任单位:市发改委。\n\n    2. 财政收入增长5%。\n\n    牵头责任单位:市财政局。\n")
    doc = parse_text(text, require_tasks=False)
    assert [(t.number, t.title) for t in doc.tasks] == [(1, "地区生产总值增长6%"), (2, "财政收入增长5%")]
    assert [(r.duty.unit, r.duty.role) for r in doc.responsibilities()] == [("市发改委", "lead"), ("市财政局", "lead")]


def test_a_flat_table_with_a_wrapped_header_and_a_section_row_before_its_first_row():
    # header 序号/工作事项/区政府 + 分管领导 (one cell wrapped over two lines)/牵头单位/配合单位/备注; a section title
    # without its number and a (一) heading come before row 1; an empty 备注 cell leaves no line
    text = ("某区责任分工\n\n序号\n\n工作事项\n\n区政府\n\n分管领导\n\n牵头单位\n\n配合单位\n\n备注\n\n"
            "提升公共服务水平。\n\n\n\n(一)\n\n完善养老服务。\n\n\n\n1\n\n建设社区养老服务站。\n\n李 四\n\n区民政局\n\n"
            "区财政局,甲山区、乙水区政府\n\n\n2\n\n推进医养结合。\n\n李 四\n\n区卫健委\n\n区民政局\n\n")
    doc = parse_text(text, require_tasks=False)
    assert [(r.item.number, r.duty.unit, r.duty.role) for r in doc.responsibilities()] == [
        (1, "区民政局", "lead"), (1, "区财政局", "support"), (1, "甲山区、乙水区政府", "support"),
        (2, "区卫健委", "lead"), (2, "区民政局", "support")]


def test_a_page_copied_onto_one_line_keeps_its_headings_and_items():
    # headings and items run together on one line, a space before each number: each is read as a line of its own
    intro = "现将重点工作予以分解并明确责任单位。" + "各责任单位要尽快制定具体落实方案,明确时间节点、责任领导、主要措施。" * 8
    text = (f"某省通知 {intro} 一、扩大有效需求 (一)促进消费。 1.改善消费条件,创新消费场景。(省商务厅牵头,省财政厅按职责分工负责) "
            "2.落实好稳定投资措施。(省发展改革委、省财政厅按职责分工负责) 3.推进城市更新。(省住房城乡建设厅牵头)")
    doc = parse_text(text, require_tasks=False)
    assert [t.number for t in doc.tasks] == [1, 2, 3]
    assert [(r.item.number, r.duty.unit, r.duty.role) for r in doc.responsibilities()] == [
        (1, "省商务厅", "lead"), (1, "省财政厅", "support"), (2, "省发展改革委", "support"), (2, "省财政厅", "support"),
        (3, "省住房城乡建设厅", "lead")]


def test_a_section_title_between_flat_table_rows_does_not_end_the_table():
    # the 序号 cell of a section row is empty, so its title stands alone between two numbered rows
    text = ("某区分工\n序号\n主要任务\n牵头单位\n配合单位\n1\n建设养老服务站。\n区民政局\n区财政局\n"
            "加强教育保障。\n2\n新建幼儿园。\n区教育局\n区财政局\n")
    doc = parse_text(text, require_tasks=False)
    assert [(r.item.number, r.duty.unit, r.duty.role) for r in doc.responsibilities()] == [
        (1, "区民政局", "lead"), (1, "区财政局", "support"), (2, "区教育局", "lead"), (2, "区财政局", "support")]



def test_a_one_line_page_with_numbers_in_brackets():
    intro = "现将重点工作予以分解。" + "各单位要制定落实方案,明确时间节点和主要措施。" * 10
    text = (f"某市通知 {intro} 一、扩大需求 (1)改善消费条件。(市商务局牵头,市财政局配合) (2)稳定投资。(市发改委负责) "
            "(3)推进城市更新。(市住建局牵头)")
    doc = parse_text(text, require_tasks=False)
    assert [(r.item.number, r.duty.unit, r.duty.role) for r in doc.responsibilities()] == [
        (1, "市商务局", "lead"), (1, "市财政局", "support"), (2, "市发改委", "lead"), (3, "市住建局", "lead")]


def test_circled_numbers_number_items():
    # NFKC would turn ① into a bare 1 that runs into the item's text (1新建…)
    doc = parse_text("某区方案\n一、任务\n①新建驿站5个。(责任单位:区民政局)\n②新增绿地。(责任单位:区园林局)\n", "snippet.txt",
                     require_tasks=False)
    assert [(t.number, t.title) for t in doc.tasks] == [(1, "新建驿站5个"), (2, "新增绿地")]


def test_a_table_whose_columns_are_aligned_with_spaces():
    # the text of a PDF's table copied out: columns set apart by runs of spaces, no bars, no tabs
    text = ("某县任务分解表\n序号  重点任务              牵头单位      配合单位          完成时限\n"
            "1     建成冷链仓储3万吨     县商务局      县农业局          2025年6月\n"
            "2     新增充电桩500个       县发改局      县供电公司、各镇  2025年12月\n"
            "全县上下  要抓好落实。\n")
    assert owners(text) == [(1, "县商务局", "lead"), (1, "县农业局", "support"), (2, "县发改局", "lead"),
                            (2, "县供电公司", "support"), (2, "各镇", "support")]
    doc = parse_text(text, require_tasks=False)
    assert [t.title for t in doc.tasks] == ["建成冷链仓储3万吨", "新增充电桩500个"]
    # aligned prose names no unit column: no table
    assert owners("某县通知\n时间  地点  内容\n上午  会议室  学习文件\n") == []


def test_a_heading_whose_paragraphs_end_in_the_marker_names_the_task():
    doc = parse_text("某市方案\n二、任务\n(一)推进掌上办理。建成移动端平台。\n年底前上线100项服务。(牵头单位:市数据局;配合单位:市财政局)\n"
                     "(二)推行容缺受理。(牵头单位:市审批局)\n", require_tasks=False)
    assert [(t.title, t.text.startswith("(一)")) for t in doc.tasks] == [("推进掌上办理", True), ("推行容缺受理", False)]
    # two paragraphs each with a marker: each its own task, titled by its sentence
    doc = parse_text("某市方案\n二、任务\n(一)推进掌上办理\n建成移动端。(市数据局负责)\n上线100项服务。(市审批局负责)\n",
                     require_tasks=False)
    assert [t.title for t in doc.tasks] == ["建成移动端", "上线100项服务"]


def test_a_category_row_of_a_task_table_heads_the_rows_below_it():
    # a numbered title in a row whose other cells are empty (merged in the source): a programme, not a task
    text = ("某县任务分工表\n| 序号 | 重点任务 | 牵头单位 | 配合单位 |\n| 一、提升服务效能 | | | |\n"
            "| 1 | 推行一网通办 | 县政务中心 | 县大数据局 |\n| 2 | 推进证照分离 | 县市场监管局 | |\n"
            "| (二)优化市场环境 | | | |\n| 3 | 清理妨碍统一市场的规定 | 县发改局 | 县司法局 |\n\n"
            "其他事项另行通知。\n| 序号 | 重点任务 | 牵头单位 |\n| 4 | 建设冷链 | 县商务局 |\n")
    doc = parse_text(text, require_tasks=False)
    assert [(p.number, p.title) for p in doc.programmes] == [(1, "提升服务效能"), (2, "优化市场环境")]
    assert [(t.number, t.title, t.programme) for t in doc.tasks] == [
        (1, "推行一网通办", 0), (2, "推进证照分离", 0), (3, "清理妨碍统一市场的规定", 1), (4, "建设冷链", None)]
    assert all(t.clauses for t in doc.tasks)
    # a task row whose units are missing stays a task (reported without an owner), not a heading
    doc = parse_text("某县分工表\n| 序号 | 重点任务 | 牵头单位 |\n| 1 | 建设冷链 | |\n| 2 | 新增绿地 | 县园林局 |\n",
                     require_tasks=False)
    assert [(t.title, bool(t.clauses)) for t in doc.tasks] == [("建设冷链", False), ("新增绿地", True)]


def test_a_table_printed_one_cell_per_line_with_bars_closing_each_row():
    # a legal database's print of a task table: cells after the first open with "| ", a lone "|" closes each row,
    # a name wraps in its narrow column, and cells merged down in the source are missing from the rows below
    text = ("某市政府工作目标任务分解\n\n牵头单位\n| 目 标 任 务\n| 责 任 单 位\n|\n市政\n府办\n公厅\n| 强化行政监督,办理人大代表建议\n"
            "| 市直各单位、各区县市\n|\n推进国家安全工作\n| 市直各单位\n|\n市\n发\n改\n委\n| 地区生产总值增长13%\n| 市统计局\n|\n"
            "固定资产投资增长20%\n|\n")
    doc = parse_text(text, require_tasks=False)
    assert [t.title for t in doc.tasks] == ["强化行政监督,办理人大代表建议", "推进国家安全工作", "地区生产总值增长13%",
                                            "固定资产投资增长20%"]
    got = [(r.item.seq, r.duty.unit, r.duty.role) for r in doc.responsibilities()]
    # the 责任单位 column supports even where the row's 牵头单位 cell was merged away
    assert got == [(1, "市政府办公厅", "lead"), (1, "市直各单位", "support"), (1, "各区县市", "support"),
                   (2, "市直各单位", "support"), (3, "市发改委", "lead"), (3, "市统计局", "support")]


def test_text_between_two_bar_line_tables_is_no_row():
    table = "牵头单位\n| 目标任务\n| 责任单位\n|\n市发改委\n| {task}\n| 市统计局\n|\n"
    prose = "二、工作要求\n各单位要加强组织领导。\n要建立工作台账。\n要按月报送进展。\n"
    doc = parse_text("某市任务分解\n" + table.format(task="稳定经济增长") + prose + table.format(task="扩大有效投资"),
                     require_tasks=False)
    assert [t.title for t in doc.tasks] == ["稳定经济增长", "扩大有效投资"]


@pytest.mark.parametrize("header", [
    "| 序号 | 重点任务 | 责任单位 |  | 完成时限 |\n|  |  | 牵头单位 | 配合单位 |  |\n|---|---|---|---|---|\n",
    "| 序号 | 重点任务 | 责任单位 |  | 完成时限 |\n|---|---|---|---|---|\n|  |  | 牵头 | 配合 |  |\n",
    "| 序号 | 重点任务 | 责任单位 | 责任单位 | 完成时限 |\n| 序号 | 重点任务 | 牵头 | 配合 | 完成时限 |\n"])
def test_a_two_level_table_header_names_the_columns_its_lower_row_fills(header):
    text = "某区任务分工表\n" + header + "| 1 | 建设孵化平台 | 区科委 | 区财政局、区发改委 | 2024年底 |\n"
    doc = parse_text(text, require_tasks=False)
    assert [t.title for t in doc.tasks] == ["建设孵化平台"]
    assert [(r.duty.unit, r.duty.role) for r in doc.responsibilities()] == [
        ("区科委", "lead"), ("区财政局", "support"), ("区发改委", "support")]
    assert doc.tasks[0].deadline == "2024-12-31"


def test_items_run_together_on_one_line_after_their_markers_are_tasks_of_their_own():
    # a copy that lost the line breaks between items: the next number of the line's own style after a marker's
    # closer starts the next item; a number of another style, or one out of sequence, does not
    text = ("某省分工意见\n一、主要目标\n(一)地区生产总值增长11%左右。(省发改委负责)(二)财政收入增长13%左右。(省财政厅主办,"
            "省税务局协办)\n二、产业项目\n1.抓好重点产业项目。(省发改委主办,省工信委协办)2.抓好技术领先项目。(省工信委主办)"
            "(4)另列事项。\n")
    assert owners(text) == [(1, "省发改委", "lead"), (2, "省财政厅", "lead"), (2, "省税务局", "support"),
                            (3, "省发改委", "lead"), (3, "省工信委", "support"), (4, "省工信委", "lead")]
    doc = parse_text(text, require_tasks=False)
    assert [t.title for t in doc.tasks] == ["地区生产总值增长11%左右", "财政收入增长13%左右", "抓好重点产业项目",
                                            "抓好技术领先项目"]


def test_a_unit_list_broken_after_its_separator_runs_on_into_the_next_line():
    text = ("某区方案\n一、重点任务\n1.推进政务服务。加快建设。\n责任单位:区政务服务局、区大数据局、\n区财政局\n"
            "2.发展特色农业。做好工作。\n")
    assert owners(text) == [(1, "区政务服务局", "lead"), (1, "区大数据局", "support"), (1, "区财政局", "support")]
    assert [t.title for t in parse_text(text, require_tasks=False).tasks] == ["推进政务服务", "发展特色农业"]


def test_a_label_line_a_page_broke_inside_a_unit_name_runs_on_into_the_next_line():
    # text copied from a PDF wraps at the page's width: 市发展改 / 革委 is one unit; a page number between the lines
    # of a bracketed marker is no part of it
    text = ("某市方案\n一、重点任务\n(一)加快企业上市。推动企业对接资本市场。\n责任单位:市金融局、市发展改\n革委、市财政局\n"
            "(二)培育产业集群。打造千亿级产\n业集群。(责任单位:市工业和信息化局、\n— 3 —\n市科技局)\n")
    assert owners(text) == [(1, "市金融局", "lead"), (1, "市发展改革委", "support"), (1, "市财政局", "support"),
                            (2, "市工业和信息化局", "lead"), (2, "市科技局", "support")]


def test_a_decimal_outline_numbers_parts_sections_and_items():
    text = ("某市新型储能产业发展行动计划\n1 总体要求\n到2025年,装机规模达到100万千瓦。\n2 重点任务\n2.1 壮大储能产业集群\n"
            "2.1.1 培育龙头企业。支持企业做大。(责任单位:市发展改革委、市工业和信息化局)\n"
            "2.1.2 建设产业园区。(责任单位:市工业和信息化局)\n2.2 推动示范应用\n"
            "2.2.1 开展电源侧储能示范。(牵头单位:市能源局;配合单位:市供电公司)\n3 保障措施\n3.1 加强组织领导。建立机制。\n")
    doc = parse_text(text, require_tasks=False)
    assert [(t.title, t.path) for t in doc.tasks] == [
        ("培育龙头企业", ("重点任务", "壮大储能产业集群")), ("建设产业园区", ("重点任务", "壮大储能产业集群")),
        ("开展电源侧储能示范", ("重点任务", "推动示范应用"))]
    assert [p.title for p in doc.programmes] == ["壮大储能产业集群", "推动示范应用"]
    assert [m.title for m in doc.measures] == ["加强组织领导"]
    # two levels: parts and items
    two = "某区方案\n1 主要任务\n1.1 建设平台。(责任单位:区科委)\n1.2 培育企业。(区经信局负责)\n2 保障措施\n2.1 加强领导。\n"
    assert owners(two) == [(1, "区科委", "lead"), (2, "区经信局", "lead")]
    # amounts that open lines are no outline
    amounts = "某区方案\n一、重点任务\n1.安排资金。\n1.5亿元用于平台建设。\n2.3万亩用于农田。\n2.建设平台。(区科委负责)\n"
    assert [t.title for t in parse_text(amounts, require_tasks=False).tasks][-1] == "建设平台"


def test_a_label_alone_on_its_line_lists_its_units_on_the_next():
    text = ("某区方案\n一、重点任务\n1.建设平台。加快建设。\n责任单位:\n区科委、区财政局\n2.培育企业。\n【牵头单位】\n区经信局\n"
            "【配合单位】\n区人社局\n")
    assert owners(text) == [(1, "区科委", "lead"), (1, "区财政局", "support"), (2, "区经信局", "lead"),
                            (2, "区人社局", "support")]


def test_a_task_column_with_a_column_of_measures_after_it_names_their_category():
    # 主要任务 | 具体措施: each measure is a task, the task column above them (merged, so empty below) a programme
    text = ("某市营商环境任务分工表\n| 序号 | 主要任务 | 具体措施 | 牵头单位 | 责任单位 | 完成时限 |\n|---|---|---|---|---|---|\n"
            "| 1 | 提升开办便利度 | 推行企业开办一网通办 | 市市场监管局 | 市税务局 | 2024年6月 |\n"
            "| 2 |  | 压缩企业开办时间 | 市市场监管局 | 市政务服务局 | 2024年12月 |\n"
            "| 3 | 优化工程建设审批 | 推行联合审图 | 市住建局 | 市自然资源局 | 2024年9月 |\n")
    doc = parse_text(text, require_tasks=False)
    assert [(t.title, doc.programmes[t.programme].title) for t in doc.tasks] == [
        ("推行企业开办一网通办", "提升开办便利度"), ("压缩企业开办时间", "提升开办便利度"), ("推行联合审图", "优化工程建设审批")]
    # a 内容 column describes the task beside it: 改革举措 | 主要内容 keeps the first as the task
    described = ("某省改革举措清单\n| 序号 | 改革举措 | 主要内容 | 指导部门 |\n|---|---|---|---|\n"
                 "| 1 | 推行告知承诺制 | 对涉企经营许可事项实行告知承诺 | 省市场监管局 |\n")
    assert [t.title for t in parse_text(described, require_tasks=False).tasks] == ["推行告知承诺制"]
