"""One short snippet per duty markup variant, plus text that talks about duties without assigning any."""
import pytest

from loaders.deadlines import find_deadline
from loaders.duties import find_duty_clauses, split_units
from loaders.parse import parse_text


def facts(text, **kw):
    return [(d.unit, d.role) for c in find_duty_clauses(text, **kw) for d in c.duties]


@pytest.mark.parametrize("label", ["责任单位", "责任部门", "负责部门"])
@pytest.mark.parametrize("colon", [":", "："])
def test_duty_labels_first_listed_leads(label, colon):
    assert facts(f"推进建设。({label}{colon}区科委、区财政局)") == [("区科委", "lead"), ("区财政局", "support")]


def test_lead_and_support_labels():
    assert facts("(牵头单位:区发改委;配合单位:区科委、区财政局)") == [
        ("区发改委", "lead"), ("区科委", "support"), ("区财政局", "support")]
    assert facts("(牵头部门:市商务委)") == [("市商务委", "lead")]
    assert facts("(主责单位:区教委)") == [("区教委", "lead")]


def test_role_words():
    assert facts("(生态环境部牵头,国家发展改革委、财政部参与)") == [
        ("生态环境部", "lead"), ("国家发展改革委", "support"), ("财政部", "support")]
    assert facts("(科技部牵头,会同财政部、教育部负责)") == [
        ("科技部", "lead"), ("财政部", "support"), ("教育部", "support")]
    assert facts("(商务部、海关总署指导)") == [("商务部", "guide"), ("海关总署", "guide")]
    assert facts("(海关总署、商务部负责)") == [("海关总署", "lead"), ("商务部", "support")]
    assert facts("(各区政府按职责分工负责)") == [("各区政府", "support")]
    assert facts("(区科委配合)") == [("区科委", "support")]


def test_hedges_dropped_collectives_kept():
    assert facts("(海关总署、商务部等有关部门负责)") == [("海关总署", "lead"), ("商务部", "support")]
    assert facts("(责任单位:市科委、各区政府、各有关单位)") == [
        ("市科委", "lead"), ("各区政府", "support"), ("各有关单位", "support")]


def test_separators_and_brackets_in_names():
    names = [n for n, _, _ in split_units("市交通委(市道运局)、各区、县(市)政府,省能源局和省生态环境厅", 0)]
    assert names == ["市交通委(市道运局)", "各区、县(市)政府", "省能源局", "省生态环境厅"]
    assert [n for n, _, _ in split_units("区经济和信息化局、区文化和旅游局", 0)] == ["区经济和信息化局", "区文化和旅游局"]
    # a bracketed alternative in the bare collective place before a government: one collective unit, as written
    assert [n for n, _, _ in split_units("省市场监管局,各市(州)、县(市、区)人民政府", 0)] == [
        "省市场监管局", "各市(州)、县(市、区)人民政府"]
    assert [n for n, _, _ in split_units("各市(州)、各部门", 0)] == ["各市(州)", "各部门"]
    assert [n for n, _, _ in split_units("区科委等和区财政局", 0)] == ["区科委", "区财政局"]


def test_bare_and_square_bracket_lists():
    assert facts("建立台账。(省发展改革委、省能源局,各地级以上市人民政府)") == [
        ("省发展改革委", "lead"), ("省能源局", "support"), ("各地级以上市人民政府", "support")]
    assert facts("完善机制。[区科委、区财政局]") == [("区科委", "lead"), ("区财政局", "support")]
    assert facts("印发文件(粤发改能源〔2021〕368号)") == []
    assert facts("提高效率(免税进口的科研仪器设备按有关政策规定执行)") == []


def test_several_clauses_in_one_paragraph_keep_their_sentences():
    text = "开展摸底。(生态环境部牵头,财政部参与)建立制度。(商务部指导)"
    clauses = find_duty_clauses(text)
    assert [c.text for c in clauses] == ["(生态环境部牵头,财政部参与)", "(商务部指导)"]
    assert [d.role for d in clauses[1].duties] == ["guide"]


def test_traditional_characters_units_stay_as_written():
    assert facts("(牽頭單位:區科委;配合單位:區財政局)") == [("區科委", "lead"), ("區財政局", "support")]


def test_lead_rule_stated_once_carries_forward_and_no_lead_rule():
    doc = parse_text("一、重点任务\n1.甲任务。(税务总局、财政部负责,排在第一位的部门为牵头部门,下同)\n"
                     "2.乙任务。(海关总署、商务部负责)\n")
    assert [(r.duty.unit, r.duty.role) for r in doc.responsibilities()] == [
        ("税务总局", "lead"), ("财政部", "support"), ("海关总署", "lead"), ("商务部", "support")]
    doc = parse_text("责任单位排名不分先后。\n一、重点任务\n1.甲任务。(责任单位:区科委、区财政局)\n")
    assert {r.duty.role for r in doc.responsibilities()} == {"support"}


def test_separate_label_lines_under_a_task():
    doc = parse_text("一、目标\n1.实现增长6%。\n\n牵头单位:区发改局\n\n责任单位:立山经济开发区,各街道、区直各部门\n"
                     "2.投资增长。\n牵头单位:区财政局\n")
    assert [(r.item.number, r.duty.unit, r.duty.role) for r in doc.responsibilities()] == [
        (1, "区发改局", "lead"), (1, "立山经济开发区", "support"), (1, "各街道", "support"),
        (1, "区直各部门", "support"), (2, "区财政局", "lead")]


def test_clause_broken_across_lines():
    doc = parse_text("一、重点任务\n1.建设平台。(责任单位:区科委、\n区财政局)\n")
    assert [(r.duty.unit, r.duty.role) for r in doc.responsibilities()] == [("区科委", "lead"), ("区财政局", "support")]


def test_pipe_table_with_deadline_column():
    doc = parse_text("一、任务分工\n| 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 |\n|---|---|---|---|---|\n"
                     "| 1 | 建设孵化平台 | 区科委 | 区财政局、区商务局 | 2024年底前 |\n"
                     "| 2 | 完善政策体系 | 区发改委 | 区司法局 | 2025年6月 |\n")
    assert [(t.number, t.title, t.deadline) for t in doc.tasks] == [
        (1, "建设孵化平台", "2024-12-31"), (2, "完善政策体系", "2025-06-30")]
    assert [(r.duty.unit, r.duty.role) for r in doc.responsibilities()] == [
        ("区科委", "lead"), ("区财政局", "support"), ("区商务局", "support"), ("区发改委", "lead"), ("区司法局", "support")]


def test_flattened_table_guide_column():
    text = ("附件\n清单\n序号\n改革举措\n主要内容\n指导部门\n推广范围\n一、知识产权方面(共2项)\n1\n专利保险机制\n"
            "开发保险产品,降低损失。\n国家知识产权局、中国银保监会\n全国\n2\n技术调查官制度\n引入技术调查官。\n最高人民法院\n全国\n")
    doc = parse_text(text)
    assert [(r.item.number, r.duty.unit, r.duty.role) for r in doc.responsibilities()] == [
        (1, "国家知识产权局", "guide"), (1, "中国银保监会", "guide"), (2, "最高人民法院", "guide")]


@pytest.mark.parametrize("text", [
    "每项工作均列出牵头单位、配合单位及完成时限。各责任单位要高度重视,牵头单位要发挥组织协调作用。",
    "经国家科学技术奖励评审委员会评审、国家科学技术奖励委员会审定,科技部审核。",
    "加强与首钢集团统筹联动,形成合力。",
])
def test_text_about_duties_assigns_nothing(text):
    assert facts(text) == []
    assert parse_text("一、工作要求\n" + text + "\n", require_tasks=False).responsibilities() == []


@pytest.mark.parametrize("text, expected", [
    ("2024年底前完成", "2024-12-31"), ("2025年6月底前建成", "2025-06-30"), ("到2027年,建成", "2027-12-31"),
    ("持续推进", "持续推进"), ("加强协调", ""),
])
def test_deadlines(text, expected):
    assert find_deadline(text) == expected


def test_task_deadline_in_text():
    doc = parse_text("一、重点任务\n1.建设平台,2025年6月底前建成。(责任单位:区科委)\n")
    assert doc.tasks[0].deadline == "2025-06-30"


# ---- issue 10: markers found wherever they stand, in any common markup (invented snippets, one per pattern)

def owners(text):
    """(task number, unit, role) of every responsibility in a small plan."""
    doc = parse_text(text, require_tasks=False)
    return [(r.item.number, r.duty.unit, r.duty.role) for r in doc.responsibilities()]


def roles(text):
    return [(u, r) for _, u, r in owners(text)]


TASK = "一、重点任务\n1.建设创新平台。"


@pytest.mark.parametrize("label, role", [
    ("牵头单位", "lead"), ("牵头部门", "lead"), ("主责部门", "lead"), ("牵头责任单位", "lead"),
    ("配合部门", "support"), ("协同单位", "support"), ("参与部门", "support"), ("协办单位", "support"),
    ("协同责任单位", "support"), ("指导单位", "guide"), ("承办单位", "lead"), ("责任部门", "lead"),
])
def test_label_family(label, role):
    assert roles(f"{TASK}({label}:区科委)\n") == [("区科委", role)]


def test_compound_labels_and_labels_separated_only_by_spaces():
    assert roles(f"{TASK}(牵头责任单位:区科委;协同责任单位:区财政局、区人社局)\n") == [
        ("区科委", "lead"), ("区财政局", "support"), ("区人社局", "support")]
    assert roles(f"{TASK}(牵头单位:区科委 配合单位:区财政局)\n") == [("区科委", "lead"), ("区财政局", "support")]


def test_duty_label_after_a_lead_label_lists_support():
    assert roles(f"{TASK}(牵头单位:区科委;责任单位:区财政局、各街道)\n") == [
        ("区科委", "lead"), ("区财政局", "support"), ("各街道", "support")]


def test_people_are_no_units_but_the_tasks_leader():
    doc = parse_text(f"{TASK}(责任领导:王副区长;牵头单位:区科委;配合单位:区财政局)\n")
    assert [(r.duty.unit, r.duty.role) for r in doc.responsibilities()] == [("区科委", "lead"), ("区财政局", "support")]
    assert doc.tasks[0].leader == "王副区长"
    doc = parse_text(f"{TASK}\n分管领导:李副市长\n牵头单位:市科委\n")
    assert [(r.duty.unit, r.duty.role) for r in doc.responsibilities()] == [("市科委", "lead")]


def test_role_words_without_brackets_on_their_own_line():
    assert roles("一、重点任务\n(一)建设创新平台。统筹布局。\n区科委牵头,区财政局、区人社局配合。\n") == [
        ("区科委", "lead"), ("区财政局", "support"), ("区人社局", "support")]
    assert roles("一、重点任务\n(一)建设创新平台。\n分工:区科委牵头,各街道配合。\n") == [
        ("区科委", "lead"), ("各街道", "support")]


def test_several_leads():
    assert roles(f"{TASK}(区科委、区发改委分别牵头,区财政局配合)\n") == [
        ("区科委", "lead"), ("区发改委", "lead"), ("区财政局", "support")]
    assert roles(f"{TASK}(区金融办、区商务局牵头负责)\n") == [("区金融办", "lead"), ("区商务局", "lead")]


def test_huitong_inside_a_list_and_groups_by_duty():
    assert roles(f"{TASK}(区科委会同有关部门负责)\n") == [("区科委", "lead"), ("有关部门", "support")]
    assert roles(f"{TASK}(区科委、区财政局会同有关部门负责)\n") == [
        ("区科委", "lead"), ("区财政局", "support"), ("有关部门", "support")]
    assert roles(f"{TASK}(区科委牵头,各街道按职责分工负责)\n") == [("区科委", "lead"), ("各街道", "support")]


def test_lead_rule_inside_the_first_marker_carried_forward():
    text = ("一、重点任务\n1.建设平台。(区科委、区财政局等负责,列第一位者为牵头单位,下同)\n"
            "2.培育企业。(区金融办、区商务局负责)\n")
    assert owners(text) == [(1, "区科委", "lead"), (1, "区财政局", "support"), (2, "区金融办", "lead"),
                            (2, "区商务局", "support")]


def test_lead_rule_in_brackets_after_a_label_list():
    text = "一、重点任务\n(一)优化审批。\n责任单位:市审批局、市住建局(第一责任单位为牵头单位,下同)\n时限要求:持续推进\n"
    assert roles(text) == [("市审批局", "lead"), ("市住建局", "support")]


def test_standing_rule_recorded_once():
    text = ("一、重点任务\n1.建设平台。〔区科委牵头,区财政局参与,各街道负责落实。以下各项任务均需各街道落实,不再列出。〕\n"
            "2.培育企业。(区金融办负责)\n")
    assert owners(text) == [(1, "区科委", "lead"), (1, "区财政局", "support"), (1, "各街道", "support"),
                            (2, "区金融办", "lead")]


@pytest.mark.parametrize("label", ["时限要求", "完成时限", "实施范围"])
def test_a_marker_ends_at_a_non_unit_label(label):
    assert roles(f"{TASK}(责任单位:区科委、区财政局;{label}:2025年底前)\n") == [
        ("区科委", "lead"), ("区财政局", "support")]


def test_role_noted_after_a_unit():
    assert roles(f"{TASK}(责任单位:区财政局、区科委(牵头))\n") == [("区财政局", "support"), ("区科委", "lead")]


def test_units_collectives_aliases_he_and_hedges():
    assert roles(f"{TASK}(市发改委牵头,各县、区人民政府(管委会)负责落实)\n") == [
        ("市发改委", "lead"), ("各县、区人民政府(管委会)", "support")]
    assert roles(f"{TASK}(责任单位:市交通委〈市道运局〉、市财政局)\n") == [
        ("市交通委〈市道运局〉", "lead"), ("市财政局", "support")]
    assert roles(f"{TASK}(责任单位:区经济和信息化局和区文化和旅游局)\n") == [
        ("区经济和信息化局", "lead"), ("区文化和旅游局", "support")]
    assert roles(f"{TASK}(区科委、区财政局等有关部门负责)\n") == [("区科委", "lead"), ("区财政局", "support")]
    assert roles(f"{TASK}(牵头单位:市审批局;责任单位:市直有关部门、单位,各区政府)\n") == [
        ("市审批局", "lead"), ("市直有关部门、单位", "support"), ("各区政府", "support")]


def test_pinyin_inserted_by_a_mirror_is_ignored():
    assert roles("一、重点任务\n1.建设平台(píng tái)。(牵頭單位:區科委)\n") == [("區科委", "lead")]


def test_traditional_labels_fold_with_opencc_units_kept_as_written():
    assert roles("一、重點任務\n1.建設平臺。(牽頭單位:區科委;配合單位:區財政局、區經濟和信息化局)\n") == [
        ("區科委", "lead"), ("區財政局", "support"), ("區經濟和信息化局", "support")]


def test_reports_and_aliases_assign_nothing():
    assert owners("会议指出,市卫健委牵头,会同市教体局起草了实施方案。张三主持会议。\n") == []
    assert owners("一、工作进展\n1.近日,区科委(区知识产权局)召开会议。\n") == []
    assert owners("据悉,该区印发分工方案,明确牵头领导、牵头单位和责任单位。\n") == []


def test_fold_keeps_length():
    from loaders.script import fold

    for text in ("寧政辦發〔2016〕154號 牽頭單位:市科委", "乾隆皇帝", "區經濟和信息化局\n第二行"):
        assert len(fold(text)) == len(text)
    assert fold("牽頭單位") == "牵头单位"


def test_more_role_words_and_label_suffixes():
    assert roles(f"{TASK}(区发改委统筹,各部门按职责分工落实)\n") == [("区发改委", "lead"), ("各部门", "support")]
    assert roles(f"{TASK}(主办单位:区科委;协办单位:区财政局)\n") == [("区科委", "lead"), ("区财政局", "support")]
    assert roles(f"{TASK}(牵头处室:规划处;配合处室:财务处)\n") == [("规划处", "lead"), ("财务处", "support")]


def test_a_prose_line_with_role_words_is_no_marker_line():
    assert roles("一、工作进展\n(一)推进平台建设。\n该项工作由区科委牵头,区财政局配合。\n") == []
    assert roles("一、重点任务\n(一)推进平台建设。\n由区科委牵头,区财政局配合。\n") == [
        ("区科委", "lead"), ("区财政局", "support")]


def test_role_notes_in_table_cells():
    table = "| 序号 | 任务 | 责任单位 |\n|---|---|---|\n| 1 | 建设平台 | 区财政局、区科委(牵头) |\n"
    assert roles(table) == [("区财政局", "support"), ("区科委", "lead")]


def test_emphasis_inside_a_marker_is_ignored_units_as_written():
    assert roles("**一、重点任务**\n1.建设平台。(**责任单位**:区科委、<b>区财政局</b>)\n") == [
        ("区科委", "lead"), ("区财政局", "support")]


def test_attributions_in_reports_and_decisions_are_no_markers():
    assert roles("2023年工作总结\n一、主要成效\n(一)成效明显。全年新增企业50家(区科委)。\n") == []
    assert roles("关于表彰先进的决定\n一、先进个人\n张三(区科委)、李四(区财政局)\n") == []
    assert roles("一、重点任务\n1.建设平台,推进合作(区科委、区财政局)。\n") == [("区科委", "lead"), ("区财政局", "support")]


def test_a_meeting_notice_with_numbered_items_assigns_nothing():
    text = ("关于召开会议的通知\n各有关单位:\n一、会议时间\n3月5日上午\n二、参会人员\n区科委、区财政局主要负责同志(各1人)。\n"
            "三、会议议程\n1.区科委汇报全年工作。\n四、有关要求\n请于3月1日前将名单报区科委(联系人:张三,电话:12345678)。\n")
    assert roles(text) == []


def test_a_leader_column_of_a_task_table_is_the_tasks_leader():
    table = "| 序号 | 任务 | 责任领导 | 牵头单位 | 配合单位 |\n|---|---|---|---|---|\n| 1 | 建设平台 | 王副区长 | 区科委 | 区财政局 |\n"
    doc = parse_text(table)
    assert [(r.duty.unit, r.duty.role) for r in doc.responsibilities()] == [("区科委", "lead"), ("区财政局", "support")]
    assert doc.tasks[0].leader == "王副区长"


def test_a_label_set_off_by_spaces_after_the_task_text():
    assert roles("一、重点任务\n1.建设平台 责任单位:区科委、区财政局\n") == [("区科委", "lead"), ("区财政局", "support")]
    assert roles("一、重点任务\n1.建设平台,由牵头单位:区科委统筹\n") == []


def test_a_duty_note_after_the_last_unit_is_no_part_of_its_name():
    assert roles("一、重点任务\n1.建设平台。\n责任单位:区科委、区财政局(按职责分工负责)\n") == [
        ("区科委", "lead"), ("区财政局", "support")]



def task_owners(text):
    """(unit, role) of every task responsibility a whole document gives."""
    return [(r.duty.unit, r.duty.role) for r in parse_text(text, "snippet.txt", require_tasks=False).responsibilities()]

def test_a_role_sentence_inside_a_task_owns_it():
    text = ("某市数据工作方案\n一、主要任务\n(一)夯实基础\n①建设统一的政务云平台。市数据局负责,市财政局配合。\n"
            "②完善电子政务外网。市数据局牵头,各区县政府配合。\n")
    assert task_owners(text) == [("市数据局", "lead"), ("市财政局", "support"), ("市数据局", "lead"),
                           ("各区县政府", "support")]


@pytest.mark.parametrize("sentence", ["市卫健委牵头,会同市教体局起草了征求意见稿。", "会议由市政府办公室负责组织,市发展改革委配合做好保障。"])
def test_a_sentence_of_prose_with_role_words_is_no_marker(sentence):
    assert task_owners(f"某市通知\n一、有关情况\n1.近期工作。{sentence}\n") == []


def test_units_listed_with_only_spaces_between_them():
    text = "某市方案\n一、重点任务\n1.实施技改工程。\n(牵头单位:市工信局  责任单位:市财政局  市科技局)\n"
    assert task_owners(text) == [("市工信局", "lead"), ("市财政局", "support"), ("市科技局", "support")]


def test_by_their_duties_is_support_and_a_later_group_that_carries_out_supports():
    text = ("某省意见\n一、重点任务\n(一)扩大服务。(省民政厅牵头,省财政厅等部门按职责负责)\n"
            "(二)强化创新。(省工信厅牵头,省科技厅按照职责分工落实,各市政府落实)\n")
    assert task_owners(text) == [("省民政厅", "lead"), ("省财政厅", "support"), ("省工信厅", "lead"),
                           ("省科技厅", "support"), ("各市政府", "support")]


@pytest.mark.parametrize("unit", ["人民银行某省分行", "某海关", "市科协", "市工商业联合会", "某银行某支行"])
def test_units_ending_like_branches_customs_and_associations(unit):
    assert task_owners(f"某市方案\n一、重点任务\n1.加强金融支持。(市金融局牵头,{unit}配合)\n") == [("市金融局", "lead"),
                                                                                   (unit, "support")]


def test_a_role_word_covers_every_comma_group_since_the_last_one():
    # (X牵头;A、B,C分行,各县政府配合): the support list is several groups set off by ','; 配合 ends them all
    text = ("某省意见\n一、重点任务\n(一)扩大投资。(省交通厅、财政厅牵头;省水利厅、林草局,某银行某省分行,各县政府配合)\n"
            "(二)优化审批。(区审批局牵头,区住建局等部门,区城投公司、各镇人民政府配合)\n")
    assert task_owners(text) == [("省交通厅", "lead"), ("财政厅", "lead"), ("省水利厅", "support"), ("林草局", "support"),
                                 ("某银行某省分行", "support"), ("各县政府", "support"), ("区审批局", "lead"),
                                 ("区住建局", "support"), ("区城投公司", "support"), ("各镇人民政府", "support")]


def test_a_comma_group_of_prose_before_a_role_word_stays_out():
    assert task_owners("某市方案\n一、重点任务\n1.建设平台。(2025年底前完成,区科委牵头)\n") == [("区科委", "lead")]


def test_pipe_rows_without_the_outer_bars_and_without_a_rule_row():
    # a task table copied from a page: cells set off by ' | ', no leading '|', no |---| line, units set off by a space
    table = ("二、民生实事分解表\n编号 | 工作内容 | 责任领导 | 责任单位 | 进展情况 |\n"
             "1 | 新建城东小学,增加学位800个。 | 李副县长 | 县教育局 各有关镇政府 | 已开工。 |\n"
             "2 | 改造老旧供水管网。 | 王副县长 | 县水利局 | 管网已铺设\n")
    doc = parse_text(table)
    assert [(r.duty.unit, r.duty.role) for r in doc.responsibilities()] == [
        ("县教育局", "lead"), ("各有关镇政府", "support"), ("县水利局", "lead")]
    assert [t.leader for t in doc.tasks] == ["李副县长", "王副县长"]



def test_a_label_list_ending_in_a_duty_phrase_and_a_standing_rule_naming_a_collective():
    # 〔责任单位:A、B按职责分工负责。具体任务均涉及X,不再做分工,下同。〕: the phrase is no part of the last name; the
    # rule's collective supports, once, on this marker; later markers do not repeat it
    text = ("某省方案\n一、重点任务\n(一)畅通物流。建设枢纽。〔责任单位:省交通厅、省邮政管理局按职责分工负责。"
            "具体工作均涉及各市(州)政府,不再做分工,下同。〕\n(二)完善标准。〔责任单位:省市场监管局〕\n")
    assert task_owners(text) == [("省交通厅", "lead"), ("省邮政管理局", "support"), ("各市(州)政府", "support"),
                                 ("省市场监管局", "lead")]


def test_a_standing_rule_repeating_a_unit_the_marker_names_adds_it_once():
    text = ("某市方案\n一、重点任务\n1.治理扬尘。(市住建局牵头,各区政府负责落实。以下各项工作均需各区政府落实,不再列出)\n"
            "2.一句话提到,以上工作均由各街道配合,不再列出。\n")
    assert task_owners(text) == [("市住建局", "lead"), ("各区政府", "support")]


def test_role_words_inside_a_duty_label_decide_the_roles():
    # 责任单位:A、B分别牵头 - each named unit leads; 责任单位:X牵头,Y配合 reads like the role words alone
    text = ("某市分解\n一、主要目标\n1.居民收入稳步增长。\n责任单位:市人社局、市农业局分别牵头\n"
            "2.新增就业2万人。\n责任单位:市人社局牵头,市财政局配合\n")
    assert task_owners(text) == [("市人社局", "lead"), ("市农业局", "lead"), ("市人社局", "lead"), ("市财政局", "support")]


def test_a_lead_rule_with_an_exception_and_a_second_role_in_it():
    # (除标注"分别牵头"外,列第一位为牵头或汇总单位,下同) after a list: a rule, not a unit, and the first listed leads
    text = ("某市分解\n一、主要目标\n1.投资增长8%。\n"
            "责任单位:市发改局、市住建局、市交通局(除标注“分别牵头”外,列第一位为牵头或汇总单位,下同)\n")
    assert task_owners(text) == [("市发改局", "lead"), ("市住建局", "support"), ("市交通局", "support")]


@pytest.mark.parametrize("marker, expected", [
    # 为 for the colon after a label
    ("(牵头单位为区农业局,配合单位为区水务局、区财政局)", [("区农业局", "lead"), ("区水务局", "support"), ("区财政局", "support")]),
    # bare role words used as labels
    ("(牵头:区农业局;配合:区水务局、区财政局)", [("区农业局", "lead"), ("区水务局", "support"), ("区财政局", "support")]),
    # a qualifier before a label is no unit
    ("(主要责任单位:区农业局;其他责任单位:区水务局)", [("区农业局", "lead"), ("区水务局", "support")]),
])
def test_label_variants(marker, expected):
    assert task_owners(f"某区方案\n一、重点任务\n1.发展特色农业。{marker}\n") == expected


@pytest.mark.parametrize("marker, expected", [
    ("(区农业局牵头,区水务局、区财政局协办)", [("区农业局", "lead"), ("区水务局", "support"), ("区财政局", "support")]),
    ("(区农业局牵头,区直有关部门、各镇政府按照职责分工抓好落实)",
     [("区农业局", "lead"), ("区直有关部门", "support"), ("各镇政府", "support")]),
    ("(区农业局牵头,区水务局配合,各镇政府具体实施)", [("区农业局", "lead"), ("区水务局", "support"), ("各镇政府", "support")]),
    ("(区农业局统筹推进,区水务局配合)", [("区农业局", "lead"), ("区水务局", "support")]),
    ("(区农业局负总责,区水务局配合)", [("区农业局", "lead"), ("区水务局", "support")]),
    # lead words of county and township plans: 主抓, 抓总, 总牵头, (以)X为主; support words with their action
    ("(区农业局主抓,各镇配合)", [("区农业局", "lead"), ("各镇", "support")]),
    ("(区农业局抓总,区水务局、区供销社协同)", [("区农业局", "lead"), ("区水务局", "support"), ("区供销社", "support")]),
    ("(区农业局总牵头,区水务局配合推进)", [("区农业局", "lead"), ("区水务局", "support")]),
    ("(以区农业局为主,区水务局参与)", [("区农业局", "lead"), ("区水务局", "support")]),
    ("(区农业局为主,各镇政府协同落实)", [("区农业局", "lead"), ("各镇政府", "support")]),
    # an adverb before the role word belongs to it, not to the last unit (统计局分别 is no unit)
    ("(区发改委、区农业局、区统计局分别负责)", [("区发改委", "lead"), ("区农业局", "support"), ("区统计局", "support")]),
    ("(区农业局、区水务局联合负责)", [("区农业局", "lead"), ("区水务局", "support")]),
    ("(区委网信办牵头负责,区公安局、区国安局协同配合)", [("区委网信办", "lead"), ("区公安局", "support"), ("区国安局", "support")]),
    # 其中X牵头 after the list names the lead among the units listed
    ("(区科技局、区财政局负责,其中区科技局牵头)", [("区财政局", "support"), ("区科技局", "lead")]),
    # a unit whose name holds a number (a hotline, an emergency centre) is a unit; a count or a date is not
    ("(区12345热线管理中心、区政务服务局负责,2024年底前完成)",
     [("区12345热线管理中心", "lead"), ("区政务服务局", "support")]),
    # a person in brackets after a unit (a table's 责任部门及责任人) answers for it but is no part of its name; a
    # bracketed alias or collective stays
    ("(责任单位:区经信局(张明)、区财政局(李强副局长)、区政府办(区大数据中心)、各镇(街道))",
     [("区经信局", "lead"), ("区财政局", "support"), ("区政府办(区大数据中心)", "support"), ("各镇(街道)", "support")]),
    # a collective of places and the bare levels after it are one collective, as written (it was dropped)
    ("(市农业局、各区、县负责)", [("市农业局", "lead"), ("各区、县", "support")]),
    ("(区委组织部,各地(州、市)、县(市、区)负责)", [("区委组织部", "lead"), ("各地(州、市)、县(市、区)", "support")]),
    # a party school and the collectives of a township plan (各村(社区)) are units
    ("(镇党委、镇党校,各村(社区)负责)", [("镇党委", "lead"), ("镇党校", "support"), ("各村(社区)", "support")]),
    # 督导 oversees and guides: the guide role, as 指导
    ("(区委组织部督导,区农业局负责)", [("区委组织部", "guide"), ("区农业局", "lead")]),
])
def test_more_role_words(marker, expected):
    assert task_owners(f"某区方案\n一、重点任务\n1.发展特色农业。{marker}\n") == expected


def test_a_label_word_with_wei_in_prose_is_no_marker():
    text = "某区方案\n一、重点任务\n1.发展特色农业。明确牵头单位为区农业局的职责范围,加强考核。\n"
    assert task_owners(text) == []


@pytest.mark.parametrize("marker, expected", [
    # a bare level of government before one that names it: one unit, as written
    ("(省交通厅、有关市、县政府负责)", [("省交通厅", "lead"), ("有关市、县政府", "support")]),
    # bare place names before a named city government share it
    ("(省民航局、甲城、乙河、丙山市政府负责)", [("省民航局", "lead"), ("甲城、乙河、丙山市政府", "support")]),
    # a zone is a unit of its own, not a part of the government after it
    ("(市发改委、高新区、南城区政府负责)", [("市发改委", "lead"), ("高新区", "support"), ("南城区政府", "support")]),
    ("(市发改委、经开区、各县政府负责)", [("市发改委", "lead"), ("经开区", "support"), ("各县政府", "support")]),
])
def test_places_sharing_a_government_and_zones_as_units(marker, expected):
    assert task_owners(f"某省措施\n一、重点任务\n1.建设机场。{marker}\n") == expected


def test_a_table_copied_with_tabs_between_its_cells():
    table = ("重点任务分工表\n序号\t重点任务\t牵头单位\t配合单位\t完成时限\n1\t建设孵化平台\t区科委\t区财政局、区商务局\t2024年底\n"
             "2\t培育企业\t\t区工信局\t区科技局\t2025年\n")
    doc = parse_text(table)
    assert [(r.item.number, r.duty.unit, r.duty.role) for r in doc.responsibilities()] == [
        (1, "区科委", "lead"), (1, "区财政局", "support"), (1, "区商务局", "support"), (2, "区工信局", "lead"),
        (2, "区科技局", "support")]


def test_tabs_that_indent_a_line_or_stand_once_stay_whitespace():
    text = "一、重点任务\n\t\t1.建设平台。(责任单位:区科委)\n2.\t培育企业。(区工信局负责)\n"
    doc = parse_text(text)
    assert [(t.number, t.title) for t in doc.tasks] == [(1, "建设平台"), (2, "培育企业")]
    assert [(r.duty.unit, r.duty.role) for r in doc.responsibilities()] == [("区科委", "lead"), ("区工信局", "lead")]


def test_roles_that_open_a_paragraph_before_its_action():
    # 由<person>负责,X牵头,Y配合,<action>…: the person is the task's leader, the units own it
    text = ("某市事项分工\n1、建设物流园区\n由王某副市长负责,市商务局牵头,相关部门配合,加快完成园区规划,争取列入省级计划。\n"
            "2、申报试点城市\n市工信局牵头,市财政局配合,按程序组织申报。\n")
    doc = parse_text(text)
    assert [(t.number, t.title) for t in doc.tasks] == [(1, "建设物流园区"), (2, "申报试点城市")]
    assert [(r.item.number, r.duty.unit, r.duty.role) for r in doc.responsibilities()] == [
        (1, "市商务局", "lead"), (1, "相关部门", "support"), (2, "市工信局", "lead"), (2, "市财政局", "support")]
    assert doc.tasks[0].leader == "王某副市长"


def test_one_role_clause_opening_a_report_is_no_marker():
    text = "某市方案\n一、工作进展\n1、起草方案\n市卫健委牵头,会同市教体局起草了实施方案,并征求了意见。\n"
    assert task_owners(text) == []


def test_a_sentence_naming_units_after_a_label_and_wei():
    assert task_owners("某区方案\n一、重点任务\n1.发展特色农业。加快推进。责任单位为区农业局、区水务局。\n") == [
        ("区农业局", "lead"), ("区水务局", "support")]
    assert task_owners("某区方案\n一、重点任务\n1.发展特色农业。责任单位为区农业局的项目要加快推进。\n") == []


def test_a_rule_that_duty_units_lead_where_no_lead_is_named():
    # 无牵头单位的,责任单位即为牵头单位: a duty label's or column's units all lead, unless a lead label is given
    rule = "某县分解方案\n各牵头单位(无牵头单位的,责任单位即为牵头单位,下同)要制定细化方案。\n"
    text = rule + "一、重点任务\n1.建设平台。(责任单位:县发改局、县财政局)\n2.培育企业。(牵头单位:县工信局;责任单位:县科技局)\n"
    assert task_owners(text) == [("县发改局", "lead"), ("县财政局", "lead"), ("县工信局", "lead"), ("县科技局", "support")]
    table = rule + "| 序号 | 工作任务 | 责任单位 |\n|---|---|---|\n| 1 | 建设平台 | 县发改局、县财政局 |\n"
    assert [(r.duty.unit, r.duty.role) for r in parse_text(table).responsibilities()] == [
        ("县发改局", "lead"), ("县财政局", "lead")]


def test_zhuban_leads_and_xieban_supports():
    # 主办 as a role word (X主办,Y协办) leads like 牵头, covering every unit before it; 板块 (zones) are units
    assert task_owners("某区分解方案\n一、发展经济\n1.建成服务中心。(区商务局、区科技局主办,各街道板块协办)\n") == [
        ("区商务局", "lead"), ("区科技局", "lead"), ("各街道板块", "support")]
    assert task_owners("某区分解方案\n一、发展经济\n1.建成服务中心。区文旅局主办,相关板块协办\n") == [
        ("区文旅局", "lead"), ("相关板块", "support")]


def test_an_item_whose_copy_lost_the_closing_bracket():
    # (X主办,Y协办 with no closer ends item 2: it is still item 2's marker, and item 3 is a task of its own
    text = ("某区分解方案\n一、发展经济\n1.建设园区。(区发改委主办)\n\n2.培育企业。(区工信局主办,区财政局协办\n\n"
            "3.引进人才。(区人社局主办)\n")
    doc = parse_text(text)
    assert [t.number for t in doc.tasks] == [1, 2, 3]
    assert [(r.item.number, r.duty.unit, r.duty.role) for r in doc.responsibilities()] == [
        (1, "区发改委", "lead"), (2, "区工信局", "lead"), (2, "区财政局", "support"), (3, "区人社局", "lead")]


def test_a_lead_rule_that_names_the_rest_of_the_list():
    # 列第一位的为牵头部门,其他部门和单位按职责分工负责,下同: the rule's 其他部门和单位 are no units
    text = ("某省分工意见\n一、重点工作\n(一)推进园区建设。落实扶持政策(分管副省长负责,省工信厅、省财政厅、省商务厅等负责。"
            "列第一位的为牵头部门,其他部门和单位按职责分工负责,下同)。\n")
    assert task_owners(text) == [("省工信厅", "lead"), ("省财政厅", "support"), ("省商务厅", "support")]


def test_collectives_each_a_unit_and_places_before_a_government():
    # 各地、各部门: two collectives, not one; 各县、市、区政府 after a mid-list hedge (…等,) is one; 市人行 is a unit
    assert task_owners("某省方案\n一、目标\n1.外贸稳定增长。\n部门分工:省商务厅牵头,各地、各部门配合。\n") == [
        ("省商务厅", "lead"), ("各地", "support"), ("各部门", "support")]
    text = ("某市方案\n一、目标\n1.财政收入稳定增长。\n牵头责任单位:市财政局。\n"
            "协同责任单位:市税务局、市人行、某某经开区管委会等,各县、市、区政府。\n")
    assert task_owners(text) == [("市财政局", "lead"), ("市税务局", "support"), ("市人行", "support"),
                                 ("某某经开区管委会", "support"), ("各县、市、区政府", "support")]


def test_places_of_the_governments_own_level_share_it_as_written():
    # 甲区、乙区政府 / 丙市、丁市人民政府: places of the government's level before it form one unit, as written
    assert split_units("市财政局,甲山区、乙水区政府", 0) == [("市财政局", 0, 4), ("甲山区、乙水区政府", 5, 14)]
    assert task_owners("某区方案\n一、任务\n1.修建道路。(区交通局牵头,丙城市、丁城市人民政府、区国资委、区属各重点国企配合)\n") == [
        ("区交通局", "lead"), ("丙城市、丁城市人民政府", "support"), ("区国资委", "support"), ("区属各重点国企", "support")]
    assert split_units("甲山区、市财政局", 0) == [("甲山区", 0, 3), ("市财政局", 4, 8)]


def test_role_clauses_joined_by_a_dunhao():
    # X主办、Y协办 / X牵头、A、B配合: a 、 right after the lead's role word ends its clause
    assert task_owners("某区方案\n一、发展经济\n1.建成服务中心。(区文旅局主办、区科技局协办)\n") == [
        ("区文旅局", "lead"), ("区科技局", "support")]
    assert task_owners("某区方案\n一、发展经济\n1.建成服务中心。(区文旅局牵头、区科技局、区财政局配合)\n") == [
        ("区文旅局", "lead"), ("区科技局", "support"), ("区财政局", "support")]
    assert task_owners("某區方案\n一、發展經濟\n1.建成服務中心。(區文旅局主辦,各街道板塊協辦)\n") == [
        ("區文旅局", "lead"), ("各街道板塊", "support")]


def test_collectives_of_bare_places_and_schools_airports_are_units():
    # 各区 / 各县(市、区) / 各区县 stand for every place's government; 大学, 高校, 机场 end unit names
    def owners(marker):
        return task_owners("某市方案\n一、任务\n1.推进工作。" + marker + "\n")
    assert owners("(市教育局牵头,某某大学、各高校配合)") == [("市教育局", "lead"), ("某某大学", "support"), ("各高校", "support")]
    assert owners("(市发改委牵头,各县(市、区)配合)") == [("市发改委", "lead"), ("各县(市、区)", "support")]
    assert owners("(市交通局负责,某某机场、各区县抓好落实)") == [
        ("市交通局", "lead"), ("某某机场", "support"), ("各区县", "support")]
    # a bare place before a government still shares it
    assert owners("(市发改委牵头,各区、县(市)政府配合)") == [("市发改委", "lead"), ("各区、县(市)政府", "support")]


def test_a_deadline_or_leader_line_between_label_lines_stays_in_the_run():
    # 牵头单位:X / 完成时限:… / 配合单位:Y under one item: the aside is no task of its own
    text = ("某市方案\n一、任务\n1.推进工作。\n牵头单位:市发改委\n完成时限:2023年底\n配合单位:市财政局\n"
            "2.建设平台。\n牵头单位:市科技局\n责任领导:王五\n配合单位:市工信局\n")
    doc = parse_text(text, "snippet.txt", require_tasks=False)
    assert [t.number for t in doc.tasks] == [1, 2]
    assert [(r.item.number, r.duty.unit, r.duty.role) for r in doc.responsibilities()] == [
        (1, "市发改委", "lead"), (1, "市财政局", "support"), (2, "市科技局", "lead"), (2, "市工信局", "support")]
    assert doc.tasks[1].leader == "王五"


def test_zhuban_with_a_qualifier_covers_every_unit_before_it():
    assert task_owners("某区方案\n一、任务\n1.建设平台。(区科技局、区财政局共同主办,各街道协办)\n") == [
        ("区科技局", "lead"), ("区财政局", "lead"), ("各街道", "support")]


def test_the_youth_league_centre_is_a_unit():
    assert task_owners("某部方案\n一、任务\n1.推进工作。(教育部、共青团中央、全国妇联按职责分工负责)\n") == [
        ("教育部", "support"), ("共青团中央", "support"), ("全国妇联", "support")]


def test_baozhua_leader_is_a_person_kept_on_the_task():
    doc = parse_text("某县方案\n一、任务\n1.建设平台。\n包抓领导:李四\n牵头单位:县科技局\n责任单位:县财政局\n", "snippet.txt",
                     require_tasks=False)
    assert [(r.duty.unit, r.duty.role) for r in doc.responsibilities()] == [("县科技局", "lead"), ("县财政局", "support")]
    assert doc.tasks[0].leader == "李四"


def test_a_leader_line_opening_a_label_run_names_the_tasks_leader():
    # 牵头负责领导:X。 / 分管省领导:Y before the label lines: people kept on the task, never units
    doc = parse_text("某省通知\n一、目标\n1.投资增长10%。\n牵头负责领导:张三。\n牵头责任单位:省发展改革委。\n"
                     "协同责任单位:省财政厅。\n2.外贸增长。\n分管省领导:李四\n部门分工:省商务厅牵头,各地配合。\n",
                     "snippet.txt", require_tasks=False)
    assert [(r.item.number, r.duty.unit, r.duty.role) for r in doc.responsibilities()] == [
        (1, "省发展改革委", "lead"), (1, "省财政厅", "support"), (2, "省商务厅", "lead"), (2, "各地", "support")]
    assert [t.leader for t in doc.tasks] == ["张三", "李四"]


def test_role_clauses_opening_a_later_sentence_of_the_task():
    # 1.打造精品线路。由X牵头,A、B配合,推出…: the owners open the task's second sentence, after its title
    doc = parse_text("某市方案\n一、任务\n1.建设景观步道。由市园林局牵头,市水务局、市交通局配合,建成步道20公里。\n"
                     "2.开展节会活动。每年举办3场。\n", "snippet.txt", require_tasks=False)
    assert [(r.item.number, r.duty.unit, r.duty.role) for r in doc.responsibilities()] == [
        (1, "市园林局", "lead"), (1, "市水务局", "support"), (1, "市交通局", "support")]
    # one role clause alone in prose reports who did something
    doc = parse_text("某市方案\n一、任务\n1.建设步道。去年市园林局牵头,建成步道20公里。\n", "snippet.txt", require_tasks=False)
    assert doc.responsibilities() == []


def test_a_dash_sets_the_title_off_its_owners():
    doc = parse_text("某县方案\n一、任务\n1.壮大特色种植——县农业局牵头,县林业局、县供销社配合。\n"
                     "2.修缮村级道路——县交通局负责。\n", "snippet.txt", require_tasks=False)
    assert [(r.item.number, r.duty.unit, r.duty.role) for r in doc.responsibilities()] == [
        (1, "县农业局", "lead"), (1, "县林业局", "support"), (1, "县供销社", "support"), (2, "县交通局", "lead")]
    assert [t.title for t in doc.tasks] == ["壮大特色种植", "修缮村级道路"]


def test_a_lead_listed_again_among_the_units_is_one_lead():
    assert facts("(区卫健委、区医保局按职责分工负责,区卫健委牵头)") == [("区医保局", "support"), ("区卫健委", "lead")]
    assert facts("(牵头单位:区数据局;责任单位:区数据局、区财政局)") == [("区数据局", "lead"), ("区财政局", "support")]


def test_labels_in_tortoise_shell_brackets():
    assert facts("1.建设走廊。〔牵头单位〕区科技局〔配合单位〕区规划局、区财政局\n") == [
        ("区科技局", "lead"), ("区规划局", "support"), ("区财政局", "support")]


def test_bare_role_words_as_labels_outside_brackets_and_in_square_brackets():
    want = [("市发改委", "lead"), ("市通信管理局", "support"), ("市财政局", "support")]
    assert facts("2.建设数据中心。\n牵头:市发改委 配合:市通信管理局、市财政局\n") == want
    assert facts("2.建设数据中心。【牵头】市发改委【配合】市通信管理局、市财政局\n") == want
    assert facts("(主办:市发改委;协办:市通信管理局、市财政局)") == want
    # running prose with a role word before a colon assigns nothing
    assert facts("会议由市发改委牵头:各单位要高度重视。\n") == []
    assert facts("参与:全市各类企业均可申报。\n") == []


def test_units_before_the_first_label_are_listed_like_a_duty_label():
    assert facts("(市住建局;配合单位:市规划局、市财政局)") == [
        ("市住建局", "lead"), ("市规划局", "support"), ("市财政局", "support")]
    # what is not a unit before the label gives nothing
    assert facts("(2024年底前完成;责任单位:市住建局)") == [("市住建局", "lead")]


def test_a_unit_name_wrapped_over_two_lines_is_one_name():
    text = "某区方案\n一、任务\n1.推进改革。(责任单位:区发展改\n革委、区财政局(牵头))\n"
    doc = parse_text(text, "snippet.txt", require_tasks=False)
    got = [(r.duty.unit, r.duty.role, text[r.duty.start:r.duty.end]) for r in doc.responsibilities()]
    assert got == [("区发展改革委", "support", "区发展改\n革委"), ("区财政局", "lead", "区财政局")]


def test_a_single_dash_inside_a_name_is_part_of_it():
    assert facts("(中国—东盟中心、区商务局负责)") == [("中国—东盟中心", "lead"), ("区商务局", "support")]


def test_a_level_before_a_duty_label_qualifies_it_and_later_lists_support():
    # 省直责任单位 / 市县责任单位: the level names no unit; the first list's first unit leads, the next list supports
    assert facts("(省直责任单位:省工信厅、省科技厅;市县责任单位:各市县人民政府)") == [
        ("省工信厅", "lead"), ("省科技厅", "support"), ("各市县人民政府", "support")]
    # a unit written right before a label is still a unit of the list before it
    assert facts("(牵头单位:市发改委;配合单位:市财政局、市商务局配合单位:市税务局)") == [
        ("市发改委", "lead"), ("市财政局", "support"), ("市商务局", "support"), ("市税务局", "support")]


def test_first_responsible_unit_noted_after_a_name_leads():
    assert facts("(责任单位:省人社厅(第一责任单位)、省教育厅)") == [("省人社厅", "lead"), ("省教育厅", "support")]
    assert facts("(责任单位:市财政局、市城管局(牵头责任单位))") == [("市财政局", "support"), ("市城管局", "lead")]


@pytest.mark.parametrize("bullet", ["★", "◆", "●", "■", "▲"])
def test_a_bullet_before_a_label_sets_it_off(bullet):
    text = f"某市实施方案\n一、重点任务\n1.优化纳税服务。{bullet}牵头单位:市税务局 {bullet}配合单位:市财政局\n"
    assert task_owners(text) == [("市税务局", "lead"), ("市财政局", "support")]
    text = f"某市实施方案\n一、重点任务\n1.优化纳税服务。\n{bullet}责任单位:市税务局、市财政局\n"
    assert task_owners(text) == [("市税务局", "lead"), ("市财政局", "support")]


def test_a_second_table_right_after_the_first_starts_with_its_own_header():
    text = ("某区改革任务清单\n| 序号 | 改革事项 | 牵头单位 | 完成时限 |\n|---|---|---|---|\n| 1 | 企业开办一日办结 | 区市场监管局 | 2024年6月 |\n"
            "\n| 序号 | 任务 | 牵头单位/配合单位 | 时限 |\n|---|---|---|---|\n| 2 | 优化水电气报装 | 区城管委/区供电公司、区水务局 | 2024年9月 |\n")
    doc = parse_text(text, require_tasks=False)
    assert [(t.number, t.title) for t in doc.tasks] == [(1, "企业开办一日办结"), (2, "优化水电气报装")]
    # a column of two labels gives the units before its cell's slash the first role, those after it the second
    assert owners(text) == [(1, "区市场监管局", "lead"), (2, "区城管委", "lead"), (2, "区供电公司", "support"),
                            (2, "区水务局", "support")]


def test_collectives_that_carry_the_task_out_support():
    assert facts("(省金融局牵头,省财政厅配合,各市人民政府具体落实)") == [
        ("省金融局", "lead"), ("省财政厅", "support"), ("各市人民政府", "support")]
    assert facts("(省教育厅牵头,省人社厅等配合,各地组织落实)") == [
        ("省教育厅", "lead"), ("省人社厅", "support"), ("各地", "support")]


def test_provinces_autonomous_regions_and_municipalities_are_one_collective():
    assert facts("(各省、自治区、直辖市人民政府负责)") == [("各省、自治区、直辖市人民政府", "lead")]
    assert facts("(国家发展改革委牵头,各省、自治区、直辖市人民政府按职责分工负责)") == [
        ("国家发展改革委", "lead"), ("各省、自治区、直辖市人民政府", "support")]


def test_owners_in_brackets_right_after_the_items_number():
    text = "某区实施方案\n四、工作任务\n1.【区发改委】编制专项规划,明确发展目标。\n2、【区科技局、区财政局】设立专项资金。\n"
    doc = parse_text(text, require_tasks=False)
    assert [t.title for t in doc.tasks] == ["编制专项规划,明确发展目标", "设立专项资金"]
    assert owners(text) == [(1, "区发改委", "lead"), (2, "区科技局", "lead"), (2, "区财政局", "support")]
    # a person's workplace in brackets is still no marker
    assert facts("张三(区科委)主持会议。") == []


def test_a_bare_responsible_label_lists_the_lead_first():
    assert facts("(负责:县政务服务中心、县司法局)") == [("县政务服务中心", "lead"), ("县司法局", "support")]
    assert facts("(牵头:县发改局;负责:县财政局)") == [("县发改局", "lead"), ("县财政局", "support")]


def test_lines_of_a_division_of_duties_opened_by_their_units():
    text = ("某区专项整治任务分工\n四、职责分工\n区应急管理局:负责统筹协调专项整治工作,组织开展督导检查。\n"
            "区住房和城乡建设局、区城管委:负责城镇燃气领域专项整治。\n区消防救援大队:配合开展消防安全检查。\n"
            "区科委:指导园区开展安全培训。\n联系人:张三,电话:12345678。\n")
    doc = parse_text(text, require_tasks=False)
    assert owners(text) == [(1, "区应急管理局", "lead"), (2, "区住房和城乡建设局", "lead"), (2, "区城管委", "support"),
                            (3, "区消防救援大队", "support"), (4, "区科委", "guide")]
    assert doc.tasks[0].title.startswith("统筹协调专项整治工作")
    # a contact list names people, and 指导意见 is a document: no role
    assert owners("某区工作方案\n一、工作任务\n(一)加强督导。\n市财政局:指导意见已印发。\n市教育局:负责人张三,电话12345678。\n") == []
    # a progress report on what a unit is in charge of is no assignment
    assert owners("某区工作方案\n一、工作任务\n(一)推进项目。\n区发改委:负责的3个重点项目已开工。\n") == []
    # a unit that only says what it did, with no colon, is prose
    assert owners("某区工作方案\n一、工作任务\n区应急管理局负责统筹协调,已召开会议三次,督促整改隐患。\n") == []


def test_a_body_named_by_its_kind_alone_belongs_to_the_collective_before_it():
    assert facts("(市委组织部、市人社局,各县市区党委、政府)") == [
        ("市委组织部", "lead"), ("市人社局", "support"), ("各县市区党委、政府", "support")]
    assert facts("(责任单位:各盟市行政公署、人民政府,自治区农牧厅)") == [
        ("各盟市行政公署、人民政府", "lead"), ("自治区农牧厅", "support")]
    # a named unit before a bare 政府 is no collective: the two stay apart
    assert facts("(市政府办公室、市人社局负责)") == [("市政府办公室", "lead"), ("市人社局", "support")]


def test_a_collective_place_with_its_levels_in_angle_brackets():
    assert facts("(市委宣传部牵头,市网信办等配合,各县〈市、区〉负责落实)") == [
        ("市委宣传部", "lead"), ("市网信办", "support"), ("各县〈市、区〉", "support")]


@pytest.mark.parametrize("label", ["承担单位", "主管部门", "实施主体"])
def test_more_duty_labels_list_the_lead_first(label):
    assert facts(f"({label}:市科技局、市财政局)") == [("市科技局", "lead"), ("市财政局", "support")]
    # after a lead label they list support units, like 责任单位
    assert facts(f"(牵头单位:市发展改革委;{label}:市科技局)") == [("市发展改革委", "lead"), ("市科技局", "support")]


def test_a_cooperating_units_label_lists_support():
    assert facts("(主责部门:市科技局;协作单位:市财政局、市税务局)") == [
        ("市科技局", "lead"), ("市财政局", "support"), ("市税务局", "support")]


def test_districts_counties_and_cities_in_any_order_are_a_collective():
    assert facts("(市发改委牵头,统计局和市直相关单位、各区县市、各园区配合)") == [
        ("市发改委", "lead"), ("统计局", "support"), ("市直相关单位", "support"), ("各区县市", "support"),
        ("各园区", "support")]
    assert facts("(各县区市负责)") == [("各县区市", "lead")]


def test_a_line_that_owns_the_items_above_it():
    text = ("某区工作方案\n一、重点任务\n(一)建设创新平台\n1.新建孵化器3家。\n2.建设中试基地2个。\n以上任务由区科委牵头,区财政局配合。\n"
            "(二)优化营商环境\n1.压减审批时限。\n上述两项工作均由区政务服务局负责。\n")
    assert owners(text) == [(2, "区科委", "lead"), (2, "区财政局", "support"), (3, "区政务服务局", "lead")]
    assert facts("(以上任务区科委牵头)") == [("区科委", "lead")]
