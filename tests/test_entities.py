"""Entities in text the gazetteer has never seen, found by suffix patterns kept as data."""
from loaders.entities import find_mentions
from loaders.parse import parse_text

NEW_PARAGRAPH = ("依托中关村科学城产业园,设立北京人工智能产业投资基金,建设城市大脑开放平台,"
                 "举办长三角医疗器械博览会,支持区内重点孵化器发展。")


def test_suffix_patterns_find_unseen_names():
    found = {(m.type, m.name, m.source) for m in find_mentions(NEW_PARAGRAPH)}
    assert ("Park", "中关村科学城产业园", "pattern") in found
    assert ("Initiative", "北京人工智能产业投资基金", "pattern") in found
    assert ("Initiative", "城市大脑开放平台", "pattern") in found
    assert ("Initiative", "长三角医疗器械博览会", "pattern") in found
    assert ("Track", "人工智能", "gazetteer") in found
    # a category with generic modifiers is not an entity
    assert not any("重点孵化器" in name for _, name, _ in found)


def test_gazetteer_prefers_the_longest_name_within_a_type():
    found = {(m.type, m.name) for m in find_mentions("推动建设通用人工智能大模型孵化器")}
    assert ("Incubator", "通用人工智能大模型孵化器") in found
    assert ("Track", "通用人工智能") in found and ("Track", "人工智能") not in found


def test_a_new_plan_links_unseen_entities_to_its_tasks():
    doc = parse_text("某区产业发展工作方案\n一、重点任务\n(一)空间工程\n1.建设园区。" + NEW_PARAGRAPH +
                     "(责任单位:区发展改革委、区财政局)\n")
    names = {(m.host, m.mention.name) for m in doc.mentions}
    assert ("Task", "中关村科学城产业园") in names
    assert ("Task", "北京人工智能产业投资基金") in names
