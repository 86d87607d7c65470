"""Deadlines a task states (2024年底前, 2025年上半年, 第三季度末, 到2027年) as ISO dates, or as written."""
from __future__ import annotations

import calendar
import re

from loaders.script import fold

# One date expression: an optional year, then at most one of half-year / quarter / month(+day), then how it ends.
# The lookahead makes each match hold something to date; _deadline_of decides which combinations are deadlines.
_DATE = re.compile(
    r"(?P<pre>截至|截止到|截止|到|至|自|从|于)?\s*"
    r"(?=20\d{2}\s*年|[上下]半年|第?[一二三四1-4]\s*季度|\d{1,2}\s*月|年年?[底末内])"  # something to date
    r"(?:(?P<y>20\d{2})\s*年)?"
    r"(?:(?P<half>上半年|下半年)"
    r"|第?(?P<q>[一二三四1-4])\s*季度"
    r"|(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*[日号])?(?P<part>上旬|中旬|下旬)?)?"
    r"(?P<end>年年底|年年末|年底|年末|年内|底|末|内)?"
    r"(?P<until>前|以前|之前)?"
    r"(?P<start>起|开始|以来|以后)?")
# what _DATE's lookahead needs, on its own: no match starts before the first place it holds, save for the 截至/到/…
# and spaces just before it (none of whose characters can start it), so the scan starts there (see _date_matches)
_DATED_AT = re.compile(r"20\d{2}\s*年|[上下]半年|第?[一二三四1-4]\s*季度|\d{1,2}\s*月|年年?[底末内]")
_LONGEST_PRE = 3  # 截止到
# no date, yet a way of working that is the task's timing: kept as written
_ONGOING = re.compile(r"持续推进|长期坚持|长期推进|持续开展|常态化推进|长期(?=[,，;；。\s]|$)"
                      r"|(?:每年|每半年|每季度|每月)(?:\d{1,2}月)?(?:年底|年末|底|末)前?")
_RANGE_ON = re.compile(r"\s*[—–\-~～至到]+\s*20\d{2}")  # 2024年—2026年: the first year opens a range
_ANY_YEAR = re.compile(r"(20\d{2})\s*年")
_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def find_deadline(text: str, *, cell: bool = False, year: int | None = None) -> str:
    """The first deadline `text` states, as an ISO date: 2024年底前 -> 2024-12-31, 2025年6月底前 -> 2025-06-30,
    到2027年 -> 2027-12-31, 2025年上半年 -> 2025-06-30, 第三季度末 -> 09-30 of the year stated before it (or `year`);
    a phrase without a date (持续推进, or 年底前 with no year anywhere) as written; '' when none. A date followed by
    起/开始 is when something starts, not a deadline. `cell`: the text is a 完成时限 cell, so a bare 2025年 is a
    deadline too and a cell with no date is kept as written."""
    folded = fold(text)
    ongoing = _ONGOING.search(folded)
    limit = ongoing.start() if ongoing else len(folded)
    # every date the pattern reads holds 年, 月 or 季度 (its lookahead): text without them needs no scan
    dated = "年" in folded or "月" in folded or "季度" in folded
    # a bare year in a cell counts only when the cell states no explicit deadline (2024年启动,三季度末完成)
    passes = ((False, True) if cell else (False,)) if dated else ()
    for bare_year in passes:
        for m in _date_matches(folded, limit):
            found = _deadline_of(m, folded, bare_year, year)
            if found:
                return found
    if ongoing:
        return ongoing.group(0)
    return text.strip() if cell else ""


def _date_matches(text: str, limit: int):
    """_DATE.finditer(text, 0, limit), without trying every position of a long task before its first date."""
    first = _DATED_AT.search(text, 0, limit)
    if first is None:
        return iter(())
    at = first.start()
    while at > 0 and text[at - 1].isspace():
        at -= 1
    return _DATE.finditer(text, max(0, at - _LONGEST_PRE), limit)


def _deadline_of(m: re.Match, text: str, bare_year: bool, default_year: int | None) -> str:
    g = m.groupdict()
    if g["start"] or (g["pre"] in ("自", "从") and not g["until"]) or _RANGE_ON.match(text, m.end()):
        return ""
    states_deadline = (g["until"] or g["end"] or g["half"] or g["q"] or (g["pre"] in ("到", "至", "截至", "截止",
                                                                                    "截止到") and g["y"]))
    if not states_deadline and not (bare_year and g["y"]):
        return ""
    if g["half"]:
        month, day = (6, None) if g["half"] == "上半年" else (12, None)
    elif g["q"]:
        month, day = 3 * _QUARTER[g["q"]], None
    elif g["m"]:
        month, day = int(g["m"]), int(g["d"]) if g["d"] else {"上旬": 10, "中旬": 20}.get(g["part"] or "")
        if not 1 <= month <= 12:
            return ""
    else:
        month, day = 12, None
    # looked up last: a match that fails above must not scan the text before it (quadratic over many matches)
    year = int(g["y"]) if g["y"] else _year_before(text, m.start(), default_year)
    if year is None:  # 年底前 with no year anywhere before it: the phrase is all there is
        return m.group(0).strip()
    last = calendar.monthrange(year, month)[1]
    return f"{year:04d}-{month:02d}-{min(day or last, last):02d}"


def _year_before(text: str, pos: int, default: int | None) -> int | None:
    """The year a yearless phrase (第三季度末) belongs to: the last one stated before it, else the caller's."""
    years = _ANY_YEAR.findall(text, 0, pos)
    return int(years[-1]) if years else default
