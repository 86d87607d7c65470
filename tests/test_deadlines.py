"""Deadlines stated in task text and 完成时限 cells, from invented snippets of the common phrasings."""
import pytest

from loaders.deadlines import find_deadline
from loaders.parse import parse_text


@pytest.mark.parametrize("text, expected", [
    ("2024年底前完成", "2024-12-31"),
    ("2024年年底前出台实施细则", "2024-12-31"),
    ("2025年6月底前建成", "2025-06-30"),
    ("2026年3月15日前报送", "2026-03-15"),
    ("2028年2月底前", "2028-02-29"),
    ("到2027年,建成一批平台", "2027-12-31"),
    ("2025年内完成改造", "2025-12-31"),
    ("2025年上半年完成评估", "2025-06-30"),
    ("2025年下半年启用", "2025-12-31"),
    ("2025年第三季度完成验收", "2025-09-30"),
    ("2025年三季度末前上线", "2025-09-30"),
    ("2026年第一季度", "2026-03-31"),
    ("2025年启动试点,第三季度末完成", "2025-09-30"),  # the quarter belongs to the year stated before it
    ("2025年4月中旬前", "2025-04-20"),
    ("持续推进", "持续推进"),
    ("长期坚持", "长期坚持"),
    ("每年年底前报送进展", "每年年底前"),
    ("加强统筹协调", ""),
])
def test_deadline_in_text(text, expected):
    assert find_deadline(text) == expected


@pytest.mark.parametrize("text", [
    "自2025年1月1日起施行",
    "2025年起,每季度开展一次检查",
    "2024年底起全面推开",
    "从2025年6月开始试运行",
    "2023年以来,全区新增企业较多",
    "2024年,全区完成投资",  # a year that is background, not a deadline
    "推进长期护理保险试点",  # 长期 inside a name is no timing
])
def test_start_dates_and_background_years_are_not_deadlines(text):
    assert find_deadline(text) == ""


def test_start_then_deadline_gives_the_deadline():
    assert find_deadline("自2025年1月起试点,2025年底前全面推开") == "2025-12-31"


def test_yearless_phrases_take_the_callers_year_else_stay_as_written():
    assert find_deadline("上半年完成方案制定", year=2025) == "2025-06-30"
    assert find_deadline("三季度末前完成", year=2025) == "2025-09-30"
    assert find_deadline("年底前完成", year=2024) == "2024-12-31"
    assert find_deadline("上半年完成方案制定") == "上半年"
    assert find_deadline("年底前完成") == "年底前"


@pytest.mark.parametrize("cell, expected", [
    ("2025年", "2025-12-31"),
    ("2025年6月", "2025-06-30"),
    ("2024年—2026年", "2026-12-31"),  # a range ends with its last year
    ("2024-2026年", "2026-12-31"),
    ("2025年启动,三季度末完成", "2025-09-30"),
    ("长期", "长期"),
    ("根据工作进度", "根据工作进度"),
])
def test_deadline_cells(cell, expected):
    assert find_deadline(cell, cell=True) == expected


def test_task_deadline_from_text_and_table():
    doc = parse_text("一、重点任务\n1.建设平台,2025年第三季度前建成。(责任单位:区科委)\n"
                     "2.自2024年起开展评估,持续推进。(责任单位:区财政局)\n")
    assert [t.deadline for t in doc.tasks] == ["2025-09-30", "持续推进"]


def test_the_scan_from_the_first_date_finds_what_a_scan_of_every_position_finds():
    import random

    from loaders.deadlines import _DATE, _date_matches

    pieces = ["截至", "截止到", "到", "至", "自", "于", " ", "\u3000", "2024", "年", "月", "底", "前", "上半年", "第三季度",
              "末", "3", "12", "日", "起", "推进工作", "(责任单位:区科委)", "年内", "四", "第", "2", "0"]
    rng = random.Random(11)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        limit = rng.randint(0, len(text))
        want = [(m.span(), m.groupdict()) for m in _DATE.finditer(text, 0, limit)]
        assert [(m.span(), m.groupdict()) for m in _date_matches(text, limit)] == want, text
