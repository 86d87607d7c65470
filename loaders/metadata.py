"""Document facts from the notice around a plan: title, number, dates, disclosure, parent policy, drafters, issuers."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.duties import looks_like_unit, split_units
from loaders.structure import Line

_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[(]\d{4}[〕\])]\s*\d{1,4}\s*号")
_DATE_LINE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_PUBLISHED = re.compile(r"(?:发布时间|发布日期|发文日期)\s*[:：]?\s*(\d{4})[-年/.](\d{1,2})[-月/.](\d{1,2})")
_DISCLOSURE = re.compile(r"\((?:此件)?(主动公开|依申请公开|不予公开|删减后公开)\)")
_PARENT = re.compile(r"贯彻落实[^《。]{0,20}《([^》]{2,80})》")
_NOTICE_TITLE = re.compile(r"关于印发\s*《([^》]{1,200})》\s*的通知")  # bounded: no rescan to the line end per 《
# the plan a notice issues: 现将《X》印发 / 《X》已经…同意
_ISSUED_PLAN = re.compile(r"(?:现将|印发)\s*《([^》]{4,80})》|《([^》]{4,80})》\s*(?:已经|经)")
_TITLE_END = re.compile(r"(?:方案|计划|意见|办法|规划|清单|要点|措施|细则|通知|决定|批复|报告|纲要|规定)$")
_CHROME = re.compile(r"^(?:网站首页|首页|主页|当前位置|无障碍|长者模式|发布日期|发布时间|来源|字号|打印|分享)")
_PLAN_TITLE = re.compile(r"^[^,，。:]{4,60}(?:方案|计划|意见|办法|规划|清单|要点|措施|细则|通知)$")
# the drafting units end at 等…部门制定; they start after the last , 。 : before it (found by rfind, not by a lazy
# group, which rescans the rest of the preamble from every position: quadratic on a preamble without punctuation)
_DRAFTED_TAIL = re.compile(r"等(?:有关|相关)?(?:部门|单位)(?:共同|联合)?(?:研究)?(?:制定|起草|编制)")
_PLACE_START = re.compile(r"^(?:中共)?[\u4e00-\u9fff]{1,6}?(?:省|自治区|市|区|县)|^中关村|^国家|^国务院|^中国")


@dataclass
class DocumentFacts:
    title: str = ""
    notice_title: str = ""
    doc_number: str = ""
    signed_on: str = ""
    published_on: str = ""
    disclosure: str = ""
    parent_policy: str = ""
    drafters: list[tuple[str, int, int]] = field(default_factory=list)
    issuers: list[tuple[str, int, int]] = field(default_factory=list)
    title_span: tuple[int, int] = (0, 0)


def _date(y, m, d) -> str:
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"


def extract_facts(text: str, preamble: list[Line]) -> DocumentFacts:
    facts = DocumentFacts()
    head = "\n".join(line.text for line in preamble)
    facts.doc_number = _own_number(head) or _own_number(text[:3000])
    _find_titles(facts, preamble)
    dates = [(i, _DATE_LINE.match(line.text)) for i, line in enumerate(preamble)]
    dates = [(i, d) for i, d in dates if d]
    if dates:
        facts.signed_on = _date(*dates[0][1].groups())
    m = _PUBLISHED.search(text)
    facts.published_on = _date(*m.groups()) if m else ""
    m = _DISCLOSURE.search(head)
    facts.disclosure = m.group(1) if m else ""
    m = _PARENT.search(text[:5000])
    facts.parent_policy = m.group(1) if m else ""
    drafted = _drafting_units(head)
    if drafted:
        base = _offset_in(preamble, drafted[0], head)
        facts.drafters = [u for u in split_units(head[drafted[0]:drafted[1]], base) if looks_like_unit(u[0])]
    if dates:
        facts.issuers = _signature_block(preamble[: dates[0][0]])
    return facts


_CITED = re.compile(r"[》>]\s*[(（]\s*$")


def _own_number(text: str) -> str:
    """The document's own number: the first one in `text` that does not cite another document by its title
    (《…的通知》(粤府〔2018〕128号) names the policy the plan carries out, and would give it that policy's id)."""
    for m in _DOC_NUMBER.finditer(text):
        if not _CITED.search(text, max(0, m.start() - 3), m.start()):
            return re.sub(r"\s+", "", m.group(0))
    return ""


def _drafting_units(head: str) -> tuple[int, int] | None:
    """The span of the units named before the first 等有关部门制定 in `head`, from the last , 。 : before it."""
    m = _DRAFTED_TAIL.search(head)
    if not m:
        return None
    return max(head.rfind(c, 0, m.start()) for c in ",，。:") + 1, m.start()


def _find_titles(facts: DocumentFacts, preamble: list[Line]) -> None:
    """The plan's title: the 《…》 its notice issues, else its own title line, else the (wrapped) heading lines."""
    joined = _joined_heading(preamble)
    if joined and "关于" in joined[0]:
        facts.notice_title = joined[0]
    for line in preamble:
        m = _NOTICE_TITLE.search(line.text) or _ISSUED_PLAN.search(line.text)
        if m:
            group = next(g for g in range(1, (m.lastindex or 1) + 1) if m.group(g))
            facts.title = re.sub(r"\s+", "", m.group(group))
            facts.title_span = (line.start + m.start(group), line.start + m.end(group))
            if not facts.notice_title and "关于" in line.text:
                facts.notice_title = line.text[line.text.find("关于"):]
            return
    for line in reversed(preamble[-3:]):  # the plan's own title just before its first heading
        inside_heading = joined and joined[1][0] <= line.start < joined[1][1]
        if _PLAN_TITLE.match(line.text) and "关于" not in line.text and not inside_heading:
            facts.title, facts.title_span = line.text, (line.start, line.end)
            return
    if joined:
        facts.title, facts.title_span = joined
        return
    first = next((ln for ln in preamble if _title_like(ln.text)), None)
    if first:
        facts.title, facts.title_span = first.text, (first.start, first.end)


def _title_like(line: str) -> bool:
    """A line that can stand as a title when no line ends like one: not page chrome or a breadcrumb (>>), not the
    addressee line (各区人民政府,市政府各部门:), not a paragraph of prose."""
    line = line.strip()
    longest = 150 if _TITLE_END.search(line.strip("《》")) else 60  # a long title still ends like one (…的通知》)
    return 6 <= len(line) <= longest and not _CHROME.match(line) and ">>" not in line \
        and not line.endswith((":", "：")) and "。" not in line.rstrip("。") and not re.search(r"〔\d{4}〕\s*\d+\s*号$", line)


def _joined_heading(preamble: list[Line]) -> tuple[str, tuple[int, int]] | None:
    """A title wrapped over the first lines: join them until one ends like a title (…的若干意见, …的通知)."""
    lines = [ln for ln in preamble if not _CHROME.match(ln.text)][:4]
    text, start = "", None
    for ln in lines:
        if re.search(r"[。,,:;!?]", ln.text) or _DOC_NUMBER.fullmatch(ln.text.strip("()")):
            return None
        start = ln.start if start is None else start
        text += re.sub(r"\s+", "", ln.text)
        if _TITLE_END.search(text) and len(text) >= 8:
            return text, (start, ln.end)
    return None


def _offset_in(preamble: list[Line], index: int, head: str) -> int:
    """Map an index in the joined preamble back to a text offset."""
    pos = 0
    for line in preamble:
        if index <= pos + len(line.text):
            return line.start + index - pos
        pos += len(line.text) + 1
    return preamble[-1].end if preamble else 0


def _cells(line: Line) -> list[tuple[str, int, int]]:
    out = []
    for m in re.finditer(r"\S+", line.text):
        out.append((m.group(0), line.start + m.start(), line.start + m.end()))
    return out


def _signature_block(lines: list[Line]) -> list[tuple[str, int, int]]:
    """Issuing bodies above the date; columns of a two-column block that wrapped are joined again.

    "北京市石景山区人民政府 北京市石景山区" over "国有资产监督管理委员会 人力资源和社会保障局": the second row's cells
    start without a place name, so each continues the cell above it.
    """
    block: list[Line] = []
    for line in reversed(lines):
        cells = _cells(line)
        if not cells or not all(_is_name_part(c[0]) for c in cells):
            break
        block.insert(0, line)
    issuers: list[tuple[str, int, int]] = []
    pending: list[tuple[str, int, int]] = []
    for line in block:
        cells = _cells(line)
        continues = pending and len(cells) == len(pending) and not any(_PLACE_START.match(c[0]) for c in cells)
        if continues:
            joined = [(a[0] + b[0], a[1], b[2]) for a, b in zip(pending, cells)]
            issuers.extend(joined)
            pending = []
            continue
        issuers.extend(c for c in pending if looks_like_unit(c[0]))
        pending = cells
    issuers.extend(c for c in pending if looks_like_unit(c[0]))
    return issuers


def _is_name_part(cell: str) -> bool:
    return 3 <= len(cell) <= 30 and re.fullmatch(r"[\u4e00-\u9fff()]+", cell) is not None and not cell.endswith("通知")
