"""Duty clauses like (责任单位:A、B) or (X牵头,A、B参与) to (unit, role) facts; every markup variant lives here."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

LEAD, SUPPORT, GUIDE = "lead", "support", "guide"

# label -> role it gives; "duty" means "first listed leads unless a lead label is also present"
LABELS = {
    "责任单位": "duty", "责任部门": "duty", "负责单位": "duty", "负责部门": "duty", "实施单位": "duty",
    "主责单位": LEAD, "主责部门": LEAD, "牵头单位": LEAD, "牵头部门": LEAD,
    "配合单位": SUPPORT, "配合部门": SUPPORT, "参与单位": SUPPORT, "协办单位": SUPPORT, "协同单位": SUPPORT,
    "指导单位": GUIDE, "指导部门": GUIDE,
}
_LABEL_RE = re.compile("(" + "|".join(sorted(LABELS, key=len, reverse=True)) + r")\s*[:：]\s*")
# role words that end a segment: "A、B负责", "X牵头", "A、B参与", "A、B指导", "A配合"
_ROLE_TAIL = re.compile(r"(按职责分工负责|分工负责|负责落实|共同负责|负责|牵头|参与|配合|指导)$")
_COHEAD = re.compile(r"^会同")
_HEDGE = re.compile(r"(等有关单位|等有关部门|等相关单位|等相关部门|等部门|等单位|等)$")
_OPEN, _CLOSE = "([【〔", ")]】〕"
_PAIR = dict(zip(_OPEN, _CLOSE))
# a unit name ends like an organisation; used to tell bare unit lists from other bracketed text
UNIT_SUFFIX = re.compile(
    r"(委员会|管委会|管理委员会|办公室|政府|人民政府|局|委|办|厅|部|署|院|会|中心|总社|集团|公司|银行|行|所|站|处|科|室|"
    r"单位|部门|机构|街道|乡镇|专班|组|社|队|园区|开发区|分中心|馆|台|团|联|党委|法院|检察院)$"
)
SEPARATORS = re.compile(r"[、,，;；/]|(?:以及|及|和|与)")
_RULE_NO_LEAD = re.compile(r"(排名|排序)不分先后")


@dataclass
class Duty:
    unit: str
    role: str
    start: int  # offsets of the unit as written, in the text the clause was found in
    end: int


@dataclass
class DutyClause:
    text: str
    start: int
    end: int
    duties: list[Duty] = field(default_factory=list)


def looks_like_unit(name: str) -> bool:
    name = _HEDGE.sub("", name)
    return 2 <= len(name) <= 40 and bool(UNIT_SUFFIX.search(name)) and not re.search(r"[。!?\d]{2,}|号$", name)


def split_units(segment: str, base: int) -> list[tuple[str, int, int]]:
    """Split a list of units on 、,;和及, keeping names that contain 和 (区经济和信息化局) or brackets whole."""
    cuts: list[tuple[int, int]] = []  # (separator start, separator end)
    depth = 0
    i = 0
    while i < len(segment):
        ch = segment[i]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0:
            m = SEPARATORS.match(segment, i)
            if m:
                word = m.group(0)
                left = segment[cuts[-1][1] if cuts else 0:i].strip()
                # 和/及/与 separate only two whole units; inside 区文化和旅游局 the left part is no unit
                if word in "、,，;；/" or (looks_like_unit(left) and _unit_follows(segment, m.end())):
                    cuts.append((i, m.end()))
                    i = m.end()
                    continue
        i += 1
    items = []
    bounds = [0] + [e for _, e in cuts]
    stops = [s for s, _ in cuts] + [len(segment)]
    for a, b in zip(bounds, stops):
        piece = segment[a:b]
        name = piece.strip()
        if name:
            at = base + a + len(piece) - len(piece.lstrip())
            items.append(_drop_hedge(name, at))
    return [item for item in items if item[0]]


def _unit_follows(segment: str, at: int) -> bool:
    rest = re.split(r"[、,，;；]", segment[at:], maxsplit=1)[0]
    return looks_like_unit(rest)


def _drop_hedge(name: str, start: int) -> tuple[str, int, int]:
    bare = _HEDGE.sub("", name)
    name = bare if len(bare) >= 2 else name
    return name, start, start + len(name)


def _bracket_spans(text: str, start: int, end: int):
    """Top-level bracket groups in text[start:end], nested brackets kept inside."""
    i = start
    while i < end:
        ch = text[i]
        if ch in _PAIR:
            depth = 0
            for j in range(i, min(end, i + 400)):
                if text[j] in _OPEN:
                    depth += 1
                elif text[j] in _CLOSE:
                    depth -= 1
                    if depth == 0:
                        yield i, j + 1
                        i = j
                        break
        i += 1


def parse_clause(content: str, base: int, *, first_leads: bool = True) -> list[Duty] | None:
    """Facts in one clause's content (brackets removed); None when the content assigns nothing."""
    labelled = list(_LABEL_RE.finditer(content))
    if labelled:
        return _parse_labelled(content, base, labelled, first_leads)
    return _parse_role_words(content, base, first_leads)


def _parse_labelled(content, base, labels, first_leads) -> list[Duty]:
    groups = []
    for k, m in enumerate(labels):
        stop = labels[k + 1].start() if k + 1 < len(labels) else len(content)
        seg = content[m.end():stop].rstrip(";；,，。 ")
        groups.append((LABELS[m.group(1)], split_units(seg, base + m.end())))
    has_lead = any(kind == LEAD for kind, _ in groups)
    duties: list[Duty] = []
    for kind, units in groups:
        for n, (name, s, e) in enumerate(units):
            if kind == "duty":
                role = SUPPORT if has_lead or n > 0 or not first_leads else LEAD
            else:
                role = kind
            duties.append(Duty(name, role, s, e))
    return duties


def _parse_role_words(content, base, first_leads) -> list[Duty] | None:
    segments = []
    pos = 0
    for piece in re.split(r"([,，;；。])", content):
        if piece and piece not in ",，;；。":
            segments.append((piece, pos))
        pos += len(piece)
    parsed: list[tuple[str, list[tuple[str, int, int]]]] = []
    for seg, at in segments:
        stripped = seg.strip()
        lead_ws = len(seg) - len(seg.lstrip())
        m = _ROLE_TAIL.search(stripped)
        if not m:
            continue
        word = m.group(1)
        names = stripped[: m.start()]
        offset = at + lead_ws
        cohead = _COHEAD.match(names)
        if cohead:
            names, offset = names[cohead.end():], offset + cohead.end()
        units = [u for u in split_units(names, base + offset) if looks_like_unit(u[0])]
        if not units:
            continue
        kind = {"牵头": LEAD, "参与": SUPPORT, "配合": SUPPORT, "指导": GUIDE,
                "按职责分工负责": SUPPORT, "分工负责": SUPPORT}.get(word, "duty")
        if cohead:
            kind = SUPPORT
        parsed.append((kind, units))
    if not parsed:
        return _parse_bare_list(content, base, first_leads)
    has_lead = any(kind == LEAD for kind, _ in parsed)
    duties = []
    for kind, units in parsed:
        for n, (name, s, e) in enumerate(units):
            role = kind if kind != "duty" else (LEAD if first_leads and not has_lead and n == 0 else SUPPORT)
            if kind == "duty" and role == LEAD:
                has_lead = True
            duties.append(Duty(name, role, s, e))
    return duties


def _parse_bare_list(content, base, first_leads) -> list[Duty] | None:
    units = split_units(content, base)
    if not units or not all(looks_like_unit(name) for name, _, _ in units):
        return None
    return [Duty(name, LEAD if first_leads and n == 0 else SUPPORT, s, e) for n, (name, s, e) in enumerate(units)]


def find_duty_clauses(text: str, start: int = 0, end: int | None = None, *, first_leads: bool = True) -> list[DutyClause]:
    """Every bracketed duty clause in text[start:end]."""
    end = len(text) if end is None else end
    clauses = []
    for s, e in _bracket_spans(text, start, end):
        duties = parse_clause(text[s + 1:e - 1], s + 1, first_leads=first_leads)
        if duties:
            clauses.append(DutyClause(text[s:e], s, e, duties))
    return clauses


def lead_rule(text: str) -> bool:
    """Whether the document's rule is that the first listed unit leads (the default unless it says otherwise)."""
    return not _RULE_NO_LEAD.search(text)
