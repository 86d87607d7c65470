"""Quantified targets (到2025年…达到20家以上) to metric, comparator, value, unit and year, in any target section."""
from __future__ import annotations

import re
from dataclasses import dataclass

# the year a target is for: 到2027年 / 至2027年 / 截至2027年 / 2027年前 / 2027年底前
_YEAR = re.compile(r"(?:到|至|截至|截止到?)\s*(20\d{2})\s*年|(20\d{2})\s*年\s*(?:底|末)?\s*(?:前|以前|之前)")
_MAG = {"万": 10_000, "亿": 100_000_000, "千": 1_000, "百": 100}
_UNITS = ("平方公里|平方米|千瓦时|万千瓦|千瓦|兆瓦|亿元|万元|元|个百分点|人次|家|个|项|人|名|支|所|座|台|件|户|次|%|倍|条|张|"
          "套|辆|床|批|款|种|吨|亩|公顷|公里|千米")
_QTY = re.compile(
    r"(?P<pre>不少于|不低于|不超过|超过|突破|达到|达|高于|低于|力争|实现|稳定在|保持在|控制在|提高到|提升到|提高至|提升至)?\s*"
    # a number starts where no digit precedes it and has at most 15 digits: inside a long digit run every start
    # position would otherwise scan the whole run again (quadratic)
    r"(?<![\d.])(?P<num>\d{1,15}(?:\.\d{1,15})?)(?!\d)\s*(?P<mag>万|亿|千|百)?\s*"
    rf"(?P<unit>{_UNITS})"
    r"(?P<post>以上|以下|左右|以内)?"
)
_VERB = re.compile(r"(达到|突破|超过|不少于|不低于|不超过|高于|低于|实现|新增|培育|引进|建成|打造|形成|达|稳定在|保持在|控制在|"
                   r"提高到|提升到|提高至|提升至)$")
_STRIP_LEAD = re.compile(r"^(?:全区|全市|全省|全县|全国|各类|累计|新增|培育|引进|建成|建设|打造|形成|实现|力争|其中|主要)+")
_UNIT_SYMBOL = {"平方米": "m²", "%": "%"}
# a section of targets: 主要目标, 发展目标, 工作目标, 主要指标 — not 目标任务 / 目标措施, which hold tasks
_TARGET_HEADING = re.compile(r"目标|指标")
_NOT_TARGET_HEADING = re.compile(r"任务|措施|举措|保障")
# where a year phrase opens a paragraph (到2027年,…) and a quantity follows, the paragraph states targets anywhere
_OPENS_WITH_YEAR = re.compile(r"^\s*(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）、.]\s*)?(?:到|至|截至)\s*20\d{2}\s*年")
# a part heading (一、…) ends the stretch of text a target's year may be stated in
_PART_HEADING = re.compile(r"\n\s*[一二三四五六七八九十]{1,3}、")


@dataclass
class Target:
    metric: str
    comparator: str  # >=, >, <=, <, =
    value: float
    unit: str
    year: int | None
    text: str
    start: int
    end: int


def _comparator(pre: str | None, post: str | None) -> str:
    if post == "以上" or pre in ("不少于", "不低于"):
        return ">="
    if pre in ("超过", "突破", "高于"):
        return ">"
    if post in ("以下", "以内") or pre in ("不超过", "控制在"):
        return "<="
    if pre == "低于":
        return "<"
    return "="


def in_target_section(path: tuple[str, ...]) -> bool:
    """Whether a block under these headings states targets: a heading names 目标 or 指标 (not 目标任务)."""
    return any(_TARGET_HEADING.search(h) and not _NOT_TARGET_HEADING.search(h) for h in path)


def states_targets(text: str) -> bool:
    """A paragraph outside a target section that states targets: it opens with 到2027年 and names a quantity."""
    return bool(_OPENS_WITH_YEAR.match(text)) and _QTY.search(text) is not None


def _year(m: re.Match) -> int:
    return int(m.group(1) or m.group(2))


def _year_before(text: str, start: int) -> int | None:
    """The last year phrase between the part heading above `start` and `start` (到2027年 in a section's first
    paragraph holds for the paragraphs after it)."""
    heading = None
    for heading in _PART_HEADING.finditer(text, max(0, start - 3000), start):
        pass
    floor = heading.end() if heading else max(0, start - 3000)
    year = None
    for year in _YEAR.finditer(text, floor, start):
        pass
    return _year(year) if year else None


def find_targets(text: str, start: int, end: int, default_year: int | None = None) -> list[Target]:
    """Targets in text[start:end], one per clause that states a quantity; each takes the year stated last before it
    (in its paragraph, else earlier in its part, else `default_year`)."""
    year = None
    targets = []
    pos = start
    for clause in re.split(r"([,，;；。])", text[start:end]):
        c_start, c_end = pos, pos + len(clause)
        pos = c_end
        for y in _YEAR.finditer(clause):
            year = _year(y)
        m = _QTY.search(clause)
        if not m or clause in ",，;；。":
            continue
        after = clause[m.end():].strip()
        before = _YEAR.sub("", clause[: m.start()]).strip()
        if after:
            metric = _STRIP_LEAD.sub("", after)
        else:
            metric = _STRIP_LEAD.sub("", _VERB.sub("", before))
        metric = re.sub(r"^(?:更加|进一步)", "", metric).strip()
        if not metric:
            continue
        if year is None:
            year = _year_before(text, start) or default_year
        value = float(m.group("num")) * _MAG.get(m.group("mag") or "", 1)
        lead_ws = len(clause) - len(clause.lstrip())
        targets.append(Target(metric, _comparator(m.group("pre"), m.group("post")), value,
                              _UNIT_SYMBOL.get(m.group("unit"), m.group("unit")), year,
                              clause.strip(), c_start + lead_ws, c_end))
    return targets


def is_target_block(path: tuple[str, ...], text: str) -> bool:
    """Whether a paragraph states targets: it stands in a target section, or opens with 到2027年 and a quantity."""
    return in_target_section(path) or states_targets(text)
