"""Unit names merged across documents (alias table, normalisation) and near-matches left for a person."""
import subprocess
import sys
from pathlib import Path

from loaders.aliases import AliasTable, alias_report, unit_key

TABLE = AliasTable([("北京市石景山区科学技术委员会", "区科委", "北京市石景山区"),
                    ("中华人民共和国国家发展和改革委员会", "国家发展改革委", "")])


def test_unit_key_normalises_prefix_full_forms_and_he():
    assert unit_key("区经济和信息化局") == unit_key("区经济信息化局")
    assert unit_key("国家发展和改革委员会") == unit_key("国家发展改革委")
    assert unit_key("各区政府") != unit_key("区政府")


def test_merges_and_near_matches():
    merges, near = alias_report([("区科委", "北京市石景山区"), ("国家发展改革委", ""), ("国家发展和改革委员会", ""),
                                 ("区经济和信息化局", "辽宁省鞍山市立山区"), ("区经济信息化局", "辽宁省鞍山市立山区"),
                                 ("市科委", "上海市"), ("区发改局", "辽宁省鞍山市立山区"), ("区发改委", "辽宁省鞍山市立山区")],
                                TABLE)
    got = {m.canonical: (m.names, m.how) for m in merges}
    assert got["北京市石景山区科学技术委员会"] == (["区科委"], "alias table")
    assert sorted(got["中华人民共和国国家发展和改革委员会"][0]) == ["国家发展和改革委员会", "国家发展改革委"]
    assert sorted(got["区经济和信息化局"][0]) == ["区经济信息化局", "区经济和信息化局"]
    assert not any("市科委" in m.names for m in merges)  # another city's 科委 is not merged
    assert any({n.a, n.b} == {"区发改局", "区发改委"} for n in near)


def test_aliases_command(tmp_path):
    root = Path(__file__).resolve().parent.parent
    run = subprocess.run([sys.executable, "-m", "graph", "aliases", str(root / "seeds")], cwd=root,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "区科委" in run.stdout and "near-matches NOT merged" in run.stdout


def test_the_graph_merges_exactly_what_the_report_says():
    from graph.build import build_graph
    from loaders.aliases import alias_report
    from loaders.parse import parse_text

    sign = "北京市石景山区人民政府\n2024年1月2日\n"
    a = parse_text(f"甲方案\n{sign}一、重点任务\n1.任务。(责任单位:北京市石景山区金融服务办,石景山区科委)\n", "a.txt")
    b = parse_text(f"乙方案\n{sign}一、重点任务\n1.任务。(责任单位:区金融服务办、区科委)\n", "b.txt")
    other = parse_text("丙方案\n北京市海淀区人民政府\n2024年1月2日\n一、重点任务\n1.任务。(责任单位:区金融服务办)\n", "c.txt")
    g = build_graph([a, b, other])
    bureaus = {u for u, _, d in g.edges(data=True) if d["type"] == "RESPONSIBLE_FOR"}
    assert len(bureaus) == 3  # 石景山 金融服务办 (two spellings), 区科委 (two spellings), 海淀 金融服务办
    names = [(d.duty.unit, doc.jurisdiction) for doc in (a, b, other) for d in doc.responsibilities()]
    merges, _ = alias_report(names)
    merged = {frozenset(m.names) for m in merges if len(m.names) > 1}
    assert frozenset({"北京市石景山区金融服务办", "区金融服务办"}) in merged
    assert frozenset({"石景山区科委", "区科委"}) in merged
