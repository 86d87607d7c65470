"""Targets in any year and target section, from invented snippets of the common phrasings."""
import pytest

from loaders.targets import find_targets, in_target_section, states_targets


def targets(text, **kw):
    return [(t.metric, t.comparator, t.value, t.unit, t.year) for t in find_targets(text, 0, len(text), **kw)]


def test_year_led_targets():
    assert targets("到2027年,全市研发投入强度达到6.5%,新增专精特新企业300家以上。") == [
        ("研发投入强度", "=", 6.5, "%", 2027), ("专精特新企业", ">=", 300.0, "家", 2027)]


def test_each_clause_takes_the_year_stated_last_before_it():
    text = "到2025年,建成示范园区5个;到2030年,建成示范园区12个以上。"
    assert [(t[2], t[4]) for t in targets(text)] == [(5.0, 2025), (12.0, 2030)]


def test_year_with_qian_and_magnitudes():
    assert targets("2026年前,风电装机容量稳定在1.5亿千瓦左右,其中海上风电达到3000万千瓦。") == [
        ("风电装机容量", "=", 150_000_000.0, "千瓦", 2026), ("海上风电", "=", 30_000_000.0, "千瓦", 2026)]


def test_percentage_points_and_upper_bounds():
    assert targets("到2028年,单位产值能耗下降3个百分点,空置率控制在5%以内。") == [
        ("单位产值能耗下降", "=", 3.0, "个百分点", 2028), ("空置率", "<=", 5.0, "%", 2028)]


def test_year_from_an_earlier_paragraph_of_the_same_part():
    text = "一、主要目标\n到2027年,产业规模明显扩大。\n培育龙头企业10家,建设公共服务平台4个。\n二、重点任务\n"
    start = text.index("培育")
    got = find_targets(text, start, text.index("\n二"))
    assert [(t.metric, t.value, t.year) for t in got] == [("龙头企业", 10.0, 2027), ("公共服务平台", 4.0, 2027)]


def test_year_does_not_leak_from_another_part():
    text = "一、总体要求\n到2025年,基本建成。\n二、发展目标\n培育龙头企业10家。\n"
    start = text.index("培育")
    assert [t.year for t in find_targets(text, start, len(text), default_year=2030)] == [2030]


def test_digit_runs_and_years_are_no_targets():
    assert targets("2024年以来,编号20240001。") == []


@pytest.mark.parametrize("path, expected", [
    (("一、总体要求", "(三)发展目标"), True),
    (("一、主要目标",), True),
    (("二、工作目标",), True),
    (("附件", "主要指标"), True),
    (("二、目标任务",), False),
    (("三、重点任务", "(一)强化创新"), False),
    (("四、保障措施",), False),
])
def test_target_sections(path, expected):
    assert in_target_section(path) is expected


@pytest.mark.parametrize("text, expected", [
    ("到2027年,建成孵化器20家以上。", True),
    ("(一)到2030年,实现产值1000亿元。", True),
    ("到2027年,营商环境持续优化。", False),  # a year and no quantity
    ("加快建设孵化器20家。", False),  # a quantity and no year phrase opening the paragraph: a task's wording
])
def test_paragraphs_that_state_targets_outside_a_target_section(text, expected):
    assert states_targets(text) is expected


@pytest.mark.parametrize("path, text, expected", [
    (("一、主要目标",), "培育龙头企业10家。", True),
    (("一、总体要求",), "到2027年,培育龙头企业10家。", True),
    (("一、总体要求",), "坚持创新驱动,培育龙头企业。", False),
])
def test_target_blocks(path, text, expected):
    from loaders.targets import is_target_block

    assert is_target_block(path, text) is expected
