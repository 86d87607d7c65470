"""Quantified targets (到2025年…达到20家以上) to metric, comparator, value and unit."""
from __future__ import annotations

import re
from dataclasses import dataclass

_YEAR = re.compile(r"(?:到|至|截至)\s*(\d{4})\s*年")
_MAG = {"万": 10_000, "亿": 100_000_000, "千": 1_000, "百": 100}
_QTY = re.compile(
    r"(?P<pre>不少于|不低于|不超过|超过|突破|达到|达|高于|低于|力争|实现)?\s*"
    # a number starts where no digit precedes it and has at most 15 digits: inside a long digit run every start
    # position would otherwise scan the whole run again (quadratic)
    r"(?<![\d.])(?P<num>\d{1,15}(?:\.\d{1,15})?)(?!\d)\s*(?P<mag>万|亿|千|百)?\s*"
    r"(?P<unit>平方米|亿元|万元|元|家|个|项|人|名|支|所|座|台|件|户|次|%|个百分点)"
    r"(?P<post>以上|以下|左右|以内)?"
)
_VERB = re.compile(r"(达到|突破|超过|不少于|不低于|不超过|高于|低于|实现|新增|培育|引进|建成|打造|形成|达)$")
_STRIP_LEAD = re.compile(r"^(?:全区|全市|全省|各类|累计|新增|培育|引进|建成|打造|形成|实现|力争|其中)+")
_UNIT_SYMBOL = {"平方米": "m²", "%": "%"}


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
    if post in ("以下", "以内") or pre == "不超过":
        return "<="
    if pre == "低于":
        return "<"
    return "="


def find_targets(text: str, start: int, end: int, default_year: int | None = None) -> list[Target]:
    """Targets in text[start:end], one per clause that states a quantity."""
    year_m = _YEAR.search(text, start, end)
    year = int(year_m.group(1)) if year_m else default_year
    targets = []
    pos = start
    for clause in re.split(r"([,，;；。])", text[start:end]):
        c_start, c_end = pos, pos + len(clause)
        pos = c_end
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
        value = float(m.group("num")) * _MAG.get(m.group("mag") or "", 1)
        lead_ws = len(clause) - len(clause.lstrip())
        targets.append(Target(metric, _comparator(m.group("pre"), m.group("post")), value,
                              _UNIT_SYMBOL.get(m.group("unit"), m.group("unit")), year,
                              clause.strip(), c_start + lead_ws, c_end))
    return targets
