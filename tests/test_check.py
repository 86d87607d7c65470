"""`check` says what every marker gave and names marker-like text that gave nothing; extract and load warn."""
import json
import re

from loaders.check import check_document, format_check
from tests.conftest import run_cli

PLAN = ("关于印发某区创新工作方案的通知\n"
        "一、重点任务\n"
        "1.建设创新平台。(牵头单位:区科委;配合单位:区财政局)\n"
        "2.培育科技企业。\n"
        "3.优化营商环境。(区政务服务局牵头,统筹推进)\n"
        "4.引育人才。\n"
        "责任单位:区人社局、区教委\n")


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_check_lists_markers_facts_ownerless_tasks_and_unread_text(tmp_path):
    result = check_document(write(tmp_path, "plan.txt", PLAN))
    assert [(m.line, m.facts) for m in result.markers] == [
        (3, [("区科委", "lead"), ("区财政局", "support")]),
        (5, [("区政务服务局", "lead")]),
        (7, [("区人社局", "lead"), ("区教委", "support")])]
    assert [line for line, _ in result.ownerless] == [4]
    assert result.unread == []
    assert result.facts == 5


def test_check_tells_tasks_under_a_heading_that_names_owners_from_ownerless_ones(tmp_path):
    text = ("某市数字经济工作方案\n一、加快数字基础设施建设(牵头单位:市通信管理办;配合单位:市住房城乡建设局)\n"
            "1.加快5G网络建设。\n2.推进千兆光网进小区。\n二、推动产业数字化转型\n1.实施智能化改造。\n")
    result = check_document(write(tmp_path, "plan.txt", text))
    assert [(line, title) for line, title, _ in result.under_owner] == [
        (3, "Task 2 加快5G网络建设"), (4, "Task 3 推进千兆光网进小区")]
    assert {heading for _, _, heading in result.under_owner} == {"Task 1 加快数字基础设施建设"}
    assert result.ownerless == [(6, "Task 4 实施智能化改造")]  # its heading names no owner
    report = format_check(result)
    assert "1 tasks without an owner (2 more under a heading that names owners)" in report[0]
    assert ("  line 3: no marker of its own: Task 2 加快5G网络建设 (under Task 1 加快数字基础设施建设, whose heading names "
            "its owners)") in report


def test_check_does_not_report_a_lead_rule_in_a_table_header(tmp_path):
    text = ("某市任务分工表\n| 序号 | 重点任务 | 责任单位(排名第一的为牵头单位) | 完成时限 |\n|---|---|---|---|\n"
            "| 1 | 建设平台 | 市科技局、市财政局 | 2024年 |\n")
    result = check_document(write(tmp_path, "table.txt", text))
    assert result.unread == []
    assert [m.facts for m in result.markers] == [[("市科技局", "lead"), ("市财政局", "support")]]


def test_check_reports_a_marker_it_could_not_read_with_its_line(tmp_path):
    text = PLAN + "5.完善机制。(具体分工由牵头单位另行明确)\n"
    result = check_document(write(tmp_path, "plan.txt", text))
    assert result.unread == [(8, "(具体分工由牵头单位另行明确)")]
    report = format_check(result)
    assert report[0].endswith("1 marker-like texts gave nothing")
    assert "  line 8: not read: (具体分工由牵头单位另行明确)" in report


def test_check_command_prints_every_document(tmp_path):
    a = write(tmp_path, "a.txt", PLAN)
    b = write(tmp_path, "b.txt", "据悉,该区印发分工方案,明确牵头单位和责任单位。\n")
    res = run_cli("check", str(a), str(b))
    assert res.returncode == 0, res.stderr
    assert f"{a}: 3 markers, 5 facts on tasks, 1 tasks without an owner" in res.stdout
    assert f"{b}: 0 markers, 0 facts on tasks" in res.stdout
    assert "line 3: marker (牵头单位:区科委;配合单位:区财政局) -> Task 1" in res.stdout


def test_check_command_on_a_missing_file(tmp_path):
    res = run_cli("check", str(tmp_path / "missing.txt"))
    assert res.returncode == 1
    assert "error:" in res.stdout and "no such file" in res.stdout


def test_extract_warns_per_document_without_facts_and_fails_when_none_gave_any(tmp_path):
    plan = write(tmp_path, "plan.txt", PLAN)
    news = write(tmp_path, "news.txt", "会议指出,市卫健委牵头,会同市教体局起草了实施方案。\n")
    both = run_cli("extract", str(plan), str(news))
    assert both.returncode == 0, both.stderr
    warning, summary = both.stderr.strip().splitlines()  # the summary line: stderr is not a terminal here
    assert warning == f"warning: {news}: gives no facts; run `python -m graph check {news}` to see what was read"
    assert re.fullmatch(r"extracted 5 responsibilities from 2 documents in \d+\.\d s; 1 without facts", summary)
    assert len(both.stdout.splitlines()) == 5
    only_news = run_cli("extract", str(news))
    assert only_news.returncode == 1 and only_news.stdout == ""
    assert only_news.stderr.startswith(f"warning: {news}: gives no facts")


def test_extract_gives_the_leader_key(tmp_path):
    plan = write(tmp_path, "plan.txt", "一、重点任务\n1.建设平台。(责任领导:王副区长;牵头单位:区科委)\n")
    res = run_cli("extract", str(plan))
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert [(r["unit"], r["role"], r["leader"]) for r in rows] == [("区科委", "lead", "王副区长")]


def test_load_of_a_folder_names_documents_without_facts(tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    write(folder, "plan.txt", PLAN)
    news = write(folder, "news.txt", "会议指出,市卫健委牵头,会同市教体局起草了实施方案。\n")
    res = run_cli("load", str(folder), "--store", str(tmp_path / "g.lbug"))
    assert res.returncode == 3, res.stderr
    assert f"warning: {news}: gives no facts, skipped" in res.stderr
    assert "loaded" in res.stdout and "plan.txt" in res.stdout


def test_check_reports_a_list_of_units_cut_off_before_its_bracket_closes(tmp_path):
    text = PLAN + "5.完善机制。加快推进。(区发改委、区\n"
    result = check_document(write(tmp_path, "plan.txt", text))
    assert result.unread == [(8, "(区发改委、区")]
    aside = PLAN + "5.完善机制。要点如下(一是、二是\n"  # an opener of words that are no units is no marker
    assert check_document(write(tmp_path, "aside.txt", aside)).unread == []


def test_check_reports_the_part_of_a_marker_whose_role_word_it_does_not_know(tmp_path):
    """(县交通局主持,各乡镇配合) gives 各乡镇 alone: the unit before the unknown word is named, not dropped silently."""
    text = "某县方案\n一、重点任务\n1.完善基础设施。新改建农村公路。(县交通局主持,各乡镇配合)\n"
    result = check_document(write(tmp_path, "plan.txt", text))
    assert [m.facts for m in result.markers] == [[("各乡镇", "support")]]
    assert result.unread_parts == [(3, "县交通局主持", "(县交通局主持,各乡镇配合)")]
    assert any("part not read: 县交通局主持" in line for line in format_check(result))
    # a rule or a bracketed alias inside a marker is no unread part
    ruled = ("某市方案\n一、重点任务\n1.治理扬尘。(市生态环境局牵头,各县、区人民政府(管委会)负责落实。以下各项工作均需各县、"
             "区人民政府落实,不再列出)\n")
    assert check_document(write(tmp_path, "ruled.txt", ruled)).unread_parts == []
    # a list that lost its last member to an unknown word before the role word (区统计局逐项 is no unit)
    lost = "某区方案\n一、重点任务\n1.发展特色农业。(区农业局、区水务局、区统计局逐项负责)\n"
    assert [part for _, part, _ in check_document(write(tmp_path, "lost.txt", lost)).unread_parts] == ["区统计局逐项负责"]


def test_a_notices_addressee_line_is_no_unread_marker(tmp_path):
    text = "关于印发某区方案的通知\n各有关部门:\n现将方案印发给你们。\n一、重点任务\n1.建设平台。(区科委负责)\n督办单位:区政府督查室\n"
    result = check_document(write(tmp_path, "notice.txt", text))
    assert result.unread == [(6, "督办单位:区政府督查室")]  # an unknown label still is

