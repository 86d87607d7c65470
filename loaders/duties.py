"""Duty clauses like (责任单位:A、B) or (X牵头,A、B参与) to (unit, role) facts; every markup variant lives here."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from bisect import bisect_right
from functools import lru_cache
from operator import attrgetter
from pathlib import Path

from loaders.script import fold, reading_view

LEAD, SUPPORT, GUIDE = "lead", "support", "guide"

# label -> role it gives; "duty" means "first listed leads unless a lead label is also present"; the family is
# built from a role word and a suffix, so 协同单位, 承办部门 and 牵头责任单位 read like 牵头单位
_LABEL_ROLES = {"牵头": LEAD, "主责": LEAD, "主办": LEAD, "牵头责任": LEAD, "主要责任": LEAD, "配合": SUPPORT, "协同": SUPPORT,
                "参与": SUPPORT, "协办": SUPPORT, "协助": SUPPORT, "协同责任": SUPPORT, "配合责任": SUPPORT,
                "协作": SUPPORT, "责任": "duty", "负责": "duty", "承办": "duty", "承担": "duty", "主管": "duty",
                "实施": "duty", "落实": "duty", "指导": GUIDE}
LABELS = {word + suffix: role for word, role in _LABEL_ROLES.items() for suffix in ("单位", "部门", "处室", "科室")}
LABELS.update({"责任主体": "duty", "实施主体": "duty"})
# labels that name people, not units: kept as the task's leader
LEADER_LABELS = ("牵头负责领导", "牵头领导", "责任领导", "分管领导", "联系领导", "包抓领导", "包联领导", "责任人", "牵头负责人",
                 "分管省领导", "分管市领导", "分管区领导", "分管县领导")
# a 分工 line holds role-word sentences (分工:X牵头,A、B配合)
ROLE_LINE_LABELS = ("分工", "任务分工", "职责分工", "部门分工")
# a role noted after a unit: 责任单位:市发展改革委(牵头)、市财政局
_ROLE_NOTE = re.compile(r"[(（](牵头(?:责任)?(?:单位|部门)?|主责(?:单位|部门)?|第一责任(?:单位|部门)|配合(?:单位|部门)?|参与|协办|"
                        r"指导|按职责分工负责|负责)[)）]$")
# collective units that do not end like an organisation name (各区政府 does; 各地 does not)
_COLLECTIVE = re.compile(r"^各[\u4e00-\u9fff]{0,12}(?:政府|部门|单位|机构|委|办|局|街道|乡镇|专班|村|社区)$|^各地(?:区|方)?$")


def _alternation(words) -> str:
    """A regex alternation of `words`, longest first; factored by shared prefixes (牵头单位|牵头部门 -> 牵头(?:单位|
    部门)) when no word starts another, so the engine tries one branch per character instead of every word. In such
    a set at most one word matches at a place, so the order of the branches changes nothing."""
    words = sorted(set(words), key=len, reverse=True)
    if "" in words or any(a != b and b.startswith(a) for a in words for b in words):
        return "|".join(map(re.escape, words))
    return _prefix_tree(words)


def _prefix_tree(words) -> str:
    by_first: dict[str, list[str]] = {}
    for w in words:
        by_first.setdefault(w[0], []).append(w[1:])
    return "|".join(re.escape(ch) if rests == [""] else re.escape(ch) + "(?:" + _prefix_tree(rests) + ")"
                    for ch, rests in by_first.items())


_LABEL_ALT = _alternation([*LABELS, *ROLE_LINE_LABELS])
# 牵头单位为X,配合单位为Y: 为 stands for the colon after a known label at the start of a list
_LABEL_WEI = re.compile(rf"(?:^|(?<=[;；,，\s]))({_LABEL_ALT})为(?=[\u4e00-\u9fff])")
# bare role words used as labels inside a marker: (牵头:X;配合:Y), (负责:A、B) where the first leads
_BARE_LABELS = {"牵头": LEAD, "主责": LEAD, "主办": LEAD, "配合": SUPPORT, "协办": SUPPORT, "参与": SUPPORT,
                "协助": SUPPORT, "负责": "duty"}
_BARE_LABEL_RE = re.compile(r"(?:^|(?<=[;；,，\s]))(?:" + "|".join(_BARE_LABELS) + r")\s*[:：]")
# words before a label that qualify it and name no unit (其他责任单位:Y after 主要责任单位:X)
_LABEL_QUALIFIERS = ("其他", "其余", "其它", "相关", "有关", "次要", "一般")
# 牵头单位:X, or 【牵头单位】X where the brackets stand for the colon; a bare role word as a label too (牵头:X;配合:Y,
# 【牵头】X【配合】Y), tried after the labels (a word that starts another would undo _LABEL_ALT's prefix tree)
_BARE_ALT = "|".join(_BARE_LABELS)
_LABEL_RE = re.compile(rf"(?:[【\[〔](?P<b>{_LABEL_ALT}|{_BARE_ALT})[】\]〕]\s*[:：]?|(?P<c>{_LABEL_ALT}|{_BARE_ALT})\s*[:：])\s*")
# any label inside a marker: a known one starts a group, any other (时限要求:, 责任领导:) ends the one before it
_ANY_LABEL = re.compile(r"[【\[〔]?([\u4e00-\u9fff]{2,8})(?:[】\]〕]\s*[:：]?|\s*[:：])\s*")
# role words that end a segment: "A、B负责", "X牵头", "A、B参与", "A、B指导", "A配合"
_ROLE_TAIL = re.compile(r"(按(?:照)?(?:各自)?职责(?:分工)?(?:负责|抓好落实|抓落实|落实)|分工负责|分工落实|负责落实|共同负责|具体负责|"
                        r"分别牵头负责|分别牵头|共同牵头|总牵头|共同主办|分别主办|联合主办|牵头负责|牵头落实|牵头抓总|牵头推进|统筹推进|统筹协调|统筹|"
                        r"牵头主抓|主抓|抓总|主责|为主|督导|(?:配合|协助|协同|参与)(?:落实|推进|实施)|"
                        r"抓好落实|具体落实|组织落实|推动落实|推进落实|具体实施|组织实施|负责实施|落实|负总责|"
                        r"为(?:牵头|配合|责任|参与|协办|指导)(?:单位|部门)|负责|牵头|主办|参与|配合|协助|协同|协办|指导)$")
_ROLE_KIND = {"参与": SUPPORT, "配合": SUPPORT, "协助": SUPPORT, "协同": SUPPORT, "协办": SUPPORT, "指导": GUIDE,
              "分工负责": SUPPORT, "分工落实": SUPPORT, "主办": LEAD, "共同主办": LEAD, "分别主办": LEAD, "联合主办": LEAD, "统筹": LEAD, "统筹推进": LEAD, "统筹协调": LEAD,
              "主抓": LEAD, "抓总": LEAD, "主责": LEAD, "为主": LEAD, "督导": GUIDE}
_ROLE_KIND.update({f"{a}{b}": SUPPORT for a in ("配合", "协助", "协同", "参与") for b in ("落实", "推进", "实施")})
_ROLE_KIND.update({f"按{a}{b}职责{c}{d}": SUPPORT for a in ("", "照") for b in ("", "各自") for c in ("", "分工")
                   for d in ("负责", "落实", "抓好落实", "抓落实")})
# a group that carries out what the units named before it own: 各县区政府具体实施 / 各街道抓好落实 after X牵头
_CARRY_OUT = ("落实", "实施")
_ROLE_KIND.update({f"为{w}{s}": k for w, k in (("配合", SUPPORT), ("参与", SUPPORT), ("协办", SUPPORT), ("指导", GUIDE),
                                               ("责任", "duty")) for s in ("单位", "部门")})
# rules inside a marker assign nothing themselves: 列第一位者为牵头单位,下同 / 以下各项工作均需…落实,不再列出
_RULE_TEXT = re.compile(
    r"[(\[【〔]?(?:除[^()\[\]【】〔〕。;；]{0,16}?外[,，]?\s*)?(?:排在|排名|列|排)?(?:第一位|第一|首位)[^()\[\]【】〔〕,，。;；]{0,12}?"
    r"(?:为|是|作为)牵头(?:或[\u4e00-\u9fff]{1,4}?)?(?:单位|部门)"
    # …的为牵头部门,其他部门和单位按职责分工负责: the rest of the list, named by the rule, is no unit
    r"(?:[,，]\s*其[他余它](?:部门|单位)(?:[和及、](?:部门|单位))?"
    r"(?:为配合(?:单位|部门)|按(?:照)?职责(?:分工)?(?:负责|配合)|配合|协同|参与))?"
    r"(?:[,，]?\s*下同)?[)\]】〕]?"
    r"|[(\[【〔]?以下[^\n]{0,80}?不再(?:一一)?列出[)\]】〕]?|[,，]?\s*下同")
# a standing rule that names who carries out every task (具体任务均涉及各市政府,不再做分工,下同 / 以下各项工作均需各区
# 政府落实,不再列出): assigns nothing itself, but the units it names support, once, on the marker that states it
_STANDING = re.compile(
    r"(?:具体|各项|以上|以下|上述|所有)[^。;；,，()\[\]【】〔〕]{0,8}?均(?:需要|涉及|需|由|要|须)(?P<u>[^。;；]{2,40}?)"
    r"(?:负责)?(?:落实|实施|参与|配合)?[,，]\s*不再(?:做|作|进行|一一)?(?:分工|列出)(?:[,，]\s*下同)?")
# what a label's list may end with that only repeats the label's duty (责任单位:A、B按职责分工负责)
_DUTY_TAIL = re.compile(r"(?:按(?:照)?(?:各自)?职责(?:分工)?(?:负责|落实)|分工负责|共同负责|具体负责|负责落实|负责)$")
_COHEAD = re.compile(r"^会同")
# a word before the units of a role segment that names none: 由X牵头, 以X为主, 其中X牵头
_OPENER = re.compile(r"^(?:其中[由以]?|由|以)")
_ADVERBS = ("分别", "共同", "各自", "联合", "统一", "一并", "协同", "积极", "密切", "主动", "全力")  # two characters each
# words of prose that no unit name holds; a line with them before its role word is no marker line
_PROSE_WORDS = re.compile(r"[的了将要由在已对把]|工作|任务|项目|方案|会议")
_HEDGE = re.compile(r"(等有关单位|等有关部门|等相关单位|等相关部门|等部门|等单位|等)$")
_OPEN, _CLOSE = "([【〔", ")]】〕"
_NAME_OPEN, _NAME_CLOSE = _OPEN + "〈《", _CLOSE + "〉》"
_ALIAS_TAIL = re.compile(r"[(〈][^()〈〉]{1,20}[)〉]$")
_BRACKET_RE = re.compile("[" + re.escape(_OPEN + _CLOSE) + "]")
# a unit name ends like an organisation; used to tell bare unit lists from other bracketed text
UNIT_SUFFIX = re.compile(
    r"(委员会|管委会|管理委员会|办公室|政府|人民政府|局|委|办|厅|部|署|院|会|中心|总社|集团|公司|银行|所|站|处|科|室|"
    r"单位|部门|机构|街道|乡镇|专班|组|社|队|党校|片区|园区|开发区|高新区|经开区|新区|保税区|示范区|试验区|合作区|功能区|板块|分中心|馆|台|团|联|党委|法院|检察院|分行|支行|人行|国企|海关|大学|高校|学校|机场|团中央|科协|协会)$"
)
SEPARATORS = re.compile(r"[、,，;；/]|(?:等和|等及|以及|及|和|与)")
_LIST_SEP = re.compile(r"[、,，;；]")
_RULE_NO_LEAD = re.compile(r"(排名|排序)不分先后")
# 无牵头单位的,责任单位即为牵头单位: where no lead label is given, every unit a duty label or column names leads
_RULE_ALL_LEAD = re.compile(r"(?:无|没有|未(?:明确|标明|列明|注明|列)?)牵头单位的[,，]?\s*(?:其)?责任单位(?:即|均|都|即均)?(?:为|是|作为)牵头单位")
ALL_LEAD = "all"  # the lead rule that makes every unit of a duty label lead


def pickled_by_fields(cls):
    """Pickle instances of a dataclass as the class called with its fields in order: a parsed document crosses
    from a worker process in a few thousand such objects, and rebuilding each from a pickled attribute dict cost
    the parent about half a parse again (the objects hold nothing but their fields)."""
    get = attrgetter(*(f.name for f in fields(cls)))
    cls.__reduce__ = lambda self: (cls, get(self))
    return cls


@pickled_by_fields
@dataclass
class Duty:
    unit: str
    role: str
    start: int  # offsets of the unit as written, in the text the clause was found in
    end: int
    noted: bool = False  # the role came from a note after the unit (市发展改革委(牵头))


@pickled_by_fields
@dataclass
class DutyClause:
    text: str
    start: int
    end: int
    duties: list[Duty] = field(default_factory=list)
    leaders: list[str] = field(default_factory=list)  # people a leader label names (责任领导:X)


# a collective of bare places, the governments of every one: 各区 / 各县(市、区) / 各区县 / 各街镇
_PLACE_COLLECTIVE = re.compile(r"各(?:[省市县区州盟旗镇乡]|县区|区县|市县|县市|县市区|市区县|街镇|镇街|乡镇街道|地市|市州|州市|盟市|旗县|"
                               r"旗县市|市县区|区县市|县区市)(?:[(〈][^()〈〉]{1,8}[)〉])?")


# a series of them, the first a collective, the rest bare levels (各区、县 / 各地(州、市)、县(市、区)): one collective
_PLACE_SERIES = re.compile(rf"(?:{_PLACE_COLLECTIVE.pattern}|各地(?:[(〈][^()〈〉]{{1,8}}[)〉])?)"
                           r"(?:、[省市县区州盟旗镇乡](?:[(〈][^()〈〉]{1,8}[)〉])?)+")


@lru_cache(maxsize=16384)  # the same few unit names are tested thousands of times in a load
def looks_like_unit(name: str) -> bool:
    if _named_unit(name):
        return True
    bare = _HEDGE.sub("", fold(name)).strip()
    return bool(_PLACE_COLLECTIVE.fullmatch(bare) or "、" in bare and _PLACE_SERIES.fullmatch(bare))


@lru_cache(maxsize=16384)
def _named_unit(name: str) -> bool:
    """A name that ends like an organisation (or a collective of them); bare places (各区) are not, though
    looks_like_unit takes them as collectives."""
    name = _HEDGE.sub("", fold(name)).strip()
    if not 2 <= len(name) <= 40 or re.search(r"[。!?！？:：]{2,}|\d[\d.]*\s*[年月日号个项家万亿%条所次人元天]|^\d|号$|[。:：“”\"]|——",
                                              name):
        return False
    if name in LABELS or name.endswith(tuple(LEADER_LABELS)) or re.search(r"(?:牵头|配合|责任|参与)(?:单位|部门)$", name):
        return False  # a label word (牵头单位) names no unit
    bare = _ALIAS_TAIL.sub("", name)  # 各县、区人民政府(管委会): the name before its bracketed alias
    name = bare if len(bare) >= 2 else name
    return bool(UNIT_SUFFIX.search(name) or _COLLECTIVE.match(name))


def split_units(segment: str, base: int) -> list[tuple[str, int, int]]:
    """Split a list of units on 、,;和及, keeping names that contain 和 (区经济和信息化局) or brackets whole."""
    units = _split_units(segment) if len(segment) <= 256 else _split_units.__wrapped__(segment)
    if not base:
        return list(units)
    return [(name, base + s, base + e) for name, s, e in units]


@lru_cache(maxsize=8192)  # a clause is split again by each reading that tries it (marker line, label run, bracket)
def _split_units(segment: str) -> tuple[tuple[str, int, int], ...]:
    base = 0
    cuts: list[tuple[int, int]] = []  # (separator start, separator end)
    depth = 0
    i = 0
    while True:
        # only a bracket, a space or a separator's first character changes anything: jump to the next one
        at = _SPLIT_POINT.search(segment, i)
        if at is None:
            break
        i = at.start()
        ch = segment[i]
        if ch in _NAME_OPEN:
            depth += 1
        elif ch in _NAME_CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and ch == " ":
            j = i
            while j < len(segment) and segment[j] == " ":
                j += 1
            left = segment[cuts[-1][1] if cuts else 0:i].strip()
            # units listed with only spaces between them (市财政局  市科技局): a space ends a whole unit name
            if left and j < len(segment) and looks_like_unit(left) and _unit_follows(segment, j):
                cuts.append((i, j))
            i = j
            continue
        elif depth == 0 and ch in "、,，;；/":  # a list separator always cuts
            cuts.append((i, i + 1))
            i += 1
            continue
        elif depth == 0:
            m = SEPARATORS.match(segment, i)
            if m and m.group(0) not in "、,，;；/" and i - (cuts[-1][1] if cuts else 0) > 41:
                m = None  # 和 after more than a name's length: the left part is no unit, do not even look
            if m:
                word = m.group(0)
                # 和/及/与 separate only two whole units; inside 区文化和旅游局 the left part is no unit
                if word in "、,，;；/" or _whole_unit_left(segment, cuts, i) and (
                        word in ("等和", "等及") or _unit_follows(segment, m.end())):
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
            item = _drop_hedge(name, at) if "等" in name else (name, at, at + len(name))  # hedges hold 等
            items.append(_drop_person(*item[:2]) if item[0].endswith((")", "）")) else item)
    items = [item for item in items if item[0]]
    # 各区、县(市)政府: a bare collective place (各区) belongs to the unit after it
    merged: list[tuple[str, int, int]] = []
    for item in items:
        prev = merged[-1] if merged else None
        # 市直有关部门、单位: a bare 单位 shares the qualifier of the collective before it
        # (folding keeps lengths: a name of another length cannot be 各区 or 单位)
        if prev and (len(prev[0]) <= 12 and _BARE_PLACE.fullmatch(fold(prev[0])) and not _named_unit(prev[0])
                     and not fold(item[0]).startswith("各")  # 各区、各部门: two collectives
                     or len(item[0]) == 2 and fold(item[0]) in ("单位", "部门", "机构")
                     and _QUALIFIED.search(fold(prev[0]))):
            s0 = prev[1] - base
            merged[-1] = (segment[s0:item[2] - base], prev[1], item[2])
        elif prev and _PLACE_LEVEL.fullmatch(fold(item[0])) and fold(prev[0]).startswith("各") and \
                looks_like_unit(prev[0]):
            # 各地(州、市)、县(市、区): a bare level of places after a collective of them is the same collective
            merged[-1] = (segment[prev[1] - base:item[2] - base], prev[1], item[2])
        elif prev and fold(item[0]) in _BARE_BODIES and fold(prev[0]).startswith("各"):
            # 各县市区党委、政府 / 各盟市行政公署、人民政府: a body named by its kind alone belongs to the collective
            # before it, one unit as written
            merged[-1] = (segment[prev[1] - base:item[2] - base], prev[1], item[2])
        elif _GOVERNMENT.search(fold(item[0])) and merged and _place_fragment(merged[-1][0], item[0]):
            # 相关市、县政府 / 甲、乙、丙市政府: bare places before a government share its name, as written
            k = len(merged) - 1
            while k > 0 and _place_fragment(merged[k - 1][0], item[0]):
                k -= 1
            s0 = merged[k][1] - base
            merged[k:] = [(segment[s0:item[2] - base], merged[k][1], item[2])]
        else:
            merged.append(item)
    return tuple(merged)


_GOVERNMENT = re.compile(r"(?:政府|管委会)$")
_PLACE_LEVEL = re.compile(r"[省市县区州盟旗镇乡](?:[(〈][^()〈〉]{1,8}[)〉])?")
_BARE_BODIES = ("政府", "人民政府", "行政公署", "管委会", "党委", "党工委", "办事处")
# a level of government without its organisation (相关市、县政府: 相关市 before a bare 县政府), or a bare place name
# before a named government of the same kind (甲、乙、丙市政府: 甲 and 乙 are 市政府 too)
_PLACE_WORD = re.compile(r"(?:相关|有关|沿线|所在|涉及)[省市县区州盟旗镇乡]")
_BARE_GOVERNMENT = re.compile(r"[省市县区州盟旗镇乡](?:人民)?政府")
_PARALLEL_GOVERNMENT = re.compile(r"[\u4e00-\u9fff]{2,4}[市县区州盟旗](?:人民)?政府")
_LEVEL_GOVERNMENT = re.compile(r"[\u4e00-\u9fff]{2,4}([市县区州盟旗])(?:人民)?政府")


def _place_fragment(name: str, government: str) -> bool:
    name, government = fold(name), fold(government)
    if not 2 <= len(name) <= 4 or looks_like_unit(name) or not re.fullmatch(r"[\u4e00-\u9fff]+", name):
        return False
    if _PLACE_WORD.fullmatch(name):
        return bool(_BARE_GOVERNMENT.fullmatch(government))
    if name[-1] in "市县区州盟旗" and len(name) >= 3:  # 黄埔区、南沙区政府: a place of the government's own level
        level = _LEVEL_GOVERNMENT.fullmatch(government)
        return bool(level) and level.group(1) == name[-1]
    return name[-1] not in "省市县区州盟旗镇乡" and not government.startswith("各") and bool(
        _PARALLEL_GOVERNMENT.fullmatch(government))


_SPLIT_POINT = re.compile("[" + re.escape(_NAME_OPEN + _NAME_CLOSE) + " 、,，;；/等以及和与]")
# 各区 / 各县、市 / 各市(州) / 各省、自治区 (before 区政府, 县(市、区)人民政府, 直辖市人民政府)
_BARE_PLACE = re.compile(r"各[\u4e00-\u9fff]{1,2}(?:[(〈][^()〈〉]{1,8}[)〉])?"
                         r"(?:、(?:[\u4e00-\u9fff]{1,2}|自治[区州县旗]|直辖市|计划单列市|特别行政区)(?:[(〈][^()〈〉]{1,8}[)〉])?)*")
_QUALIFIED = re.compile(r"(?:有关|相关)")


def _whole_unit_left(segment: str, cuts: list[tuple[int, int]], at: int) -> bool:
    return looks_like_unit(segment[cuts[-1][1] if cuts else 0:at].strip())


def _unit_follows(segment: str, at: int) -> bool:
    m = _LIST_SEP.search(segment, at, at + 60)  # a unit name is short: look no further than one name ahead
    return looks_like_unit(segment[at:m.start() if m else min(len(segment), at + 60)])


def _surnames() -> frozenset[str]:
    lines = (Path(__file__).parent / "data" / "surnames.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w for line in lines if not line.startswith("#") for w in line.split())


_SURNAMES = _surnames()
# a person after a unit: 区经信局(张明), 区财政局(李强副局长); a bracket naming a unit or a role note is no person
_PERSON_TAIL = re.compile(r"[(（]([\u4e00-\u9fff]{2,4}?)((?:副)?(?:局长|主任|书记|区长|县长|市长|镇长|部长|处长|科长|所长|院长|"
                          r"同志))?[)）]$")


def _drop_person(name: str, start: int) -> tuple[str, int, int]:
    """区经信局(张明) -> 区经信局: the person a task table names beside the unit answers for it but is no unit."""
    m = _PERSON_TAIL.search(name)
    if not m or not looks_like_unit(name[:m.start()]):
        return name, start, start + len(name)
    person, title = m.group(1), m.group(2)
    surname = person[:2] if person[:2] in _SURNAMES else person[:1]
    if looks_like_unit(person) or surname not in _SURNAMES or not (title or 2 <= len(person) <= 3):
        return name, start, start + len(name)
    return name[:m.start()], start, start + m.start()


def _drop_hedge(name: str, start: int) -> tuple[str, int, int]:
    bare = _HEDGE.sub("", name)
    name = bare if len(bare) >= 2 else name
    return name, start, start + len(name)


def _bracket_spans(text: str, start: int, end: int):
    """Top-level bracket groups in text[start:end], nested brackets kept inside."""
    stack: list[tuple[int, list]] = []  # open brackets: (position, complete groups inside it)
    out: list[tuple[int, int]] = []

    def abandon():
        # an opener that never closes (within 400 characters) hands its complete inner groups up
        _, inner = stack.pop(0) if len(stack) == 1 else stack.pop()
        (stack[-1][1] if stack else out).extend(inner)

    for m in _BRACKET_RE.finditer(text, start, end):
        while stack and m.start() - stack[0][0] >= 400:
            stack[0][1].sort()
            _, inner = stack.pop(0)
            (stack[0][1] if stack else out).extend(inner)
        if m.group() in _OPEN:
            stack.append((m.start(), []))
        elif stack:
            pos, _ = stack.pop()
            (stack[-1][1] if stack else out).append((pos, m.end()))
    while stack:
        abandon()
    yield from sorted(out)


def is_rule(text: str) -> bool:
    """Whether `text` is only a rule phrase ((排名第一的为牵头单位), 下同), which assigns nothing itself."""
    return bool(_RULE_TEXT.fullmatch(text))


def blank_rules(content: str) -> str:
    """`content` with its rule phrases (列第一位者为牵头单位,下同; 以下…不再列出) replaced by spaces, same length."""
    if "牵头" not in content and "下同" not in content and "不再" not in content:
        return content
    content = _STANDING.sub(lambda m: " " * len(m.group()), content) if "不再" in content else content
    return _RULE_TEXT.sub(lambda m: " " * len(m.group()), content)


def add_standing_units(content: str, base: int, duties: list[Duty] | None) -> list[Duty] | None:
    """Units a standing rule in `content` names (…均涉及各市政府,不再做分工) as support, unless the marker that
    states the rule already names them (X负责落实。以下各项工作均需X落实,不再列出 gives X once)."""
    if not duties or "不再" not in content:
        return duties
    named = {fold(d.unit) for d in duties}
    for m in _STANDING.finditer(content):
        for name, s, e in split_units(m.group("u"), base + m.start("u")):
            if looks_like_unit(name) and fold(name) not in named:
                duties.append(Duty(name, SUPPORT, s, e))
                named.add(fold(name))
    return duties


# A clause reads the same wherever it stands: the readings below depend only on the characters given, their offsets
# only on where those start. Each is cached with offsets from 0 (the same clause is tried by several readings, and
# recurs plan after plan) and handed out as fresh Duty objects shifted into place, which callers may change.
_MEMO_MAX = 512  # longer strings are read uncached: they rarely recur, and would hold memory


def _frozen(duties: list[Duty] | None) -> tuple | None:
    return None if duties is None else tuple((d.unit, d.role, d.start, d.end, d.noted) for d in duties)


def _fresh(frozen: tuple | None, base: int) -> list[Duty] | None:
    if frozen is None:
        return None
    return [Duty(unit, role, base + s, base + e, noted) for unit, role, s, e, noted in frozen]


def _memo(read, content: str, *args) -> list[Duty] | None:
    """`read(content, *args)` (offsets from 0), from its cache unless `content` is long."""
    return read(content, *args) if len(content) <= _MEMO_MAX else read.__wrapped__(content, *args)


def parse_clause(content: str, base: int, *, first_leads: bool = True) -> list[Duty] | None:
    """Facts in one clause's content (brackets removed); None when the content assigns nothing."""
    return _fresh(_memo(_clause_read, content, first_leads), base)


@lru_cache(maxsize=8192)
def _clause_read(content: str, first_leads: bool) -> tuple | None:
    return _frozen(_parse_clause(content, 0, first_leads))


def _label_colons(content: str) -> str:
    """`content` with a 为 that stands for a label's colon (牵头单位为X) written as one, same length."""
    return _LABEL_WEI.sub(lambda m: m.group(1) + ":", content) if "为" in content else content


def _parse_clause(content: str, base: int, first_leads: bool) -> list[Duty] | None:
    raw, content = content, blank_rules(_label_colons(content))
    if _LABEL_RE.search(content) or _BARE_LABEL_RE.search(content):
        return add_standing_units(raw, base, apply_role_notes(_parse_labelled(content, base, first_leads)))
    return add_standing_units(raw, base, apply_role_notes(_parse_role_words(content, base, first_leads)))


def apply_role_notes(duties: list[Duty] | None) -> list[Duty] | None:
    """市发展改革委(牵头): the note gives the unit its role and is no part of its name; a noted lead makes the units
    that led only by standing first support."""
    if not duties:
        return duties
    noted_lead = False
    for d in duties:
        m = _ROLE_NOTE.search(fold(d.unit))
        if m and m.start() >= 2:
            note = m.group(1)
            whole, d.unit = d.unit, d.unit[: m.start()].rstrip()
            d.end -= len(whole) - len(d.unit)
            if note != "负责":  # (负责) repeats the label's role
                d.role = LEAD if note.startswith(("牵头", "主责", "第一")) else GUIDE if note == "指导" else SUPPORT
            d.noted = True
            noted_lead |= d.role == LEAD
    if noted_lead:
        for d in duties:
            if d.role == LEAD and not d.noted:
                d.role = SUPPORT
    return duties


_LABELS_LONGEST_FIRST = sorted(LABELS, key=len, reverse=True)
_LEADERS_LONGEST_FIRST = sorted(LEADER_LABELS, key=len, reverse=True)


@lru_cache(maxsize=4096)
def label_kind(name: str) -> tuple[str, int]:
    """What a label before a colon is: a unit label's role, 'leader', 'roles' (a 分工 line) or 'stop'; and where in
    `name` the label starts (名单位牵头单位: the known label at its end)."""
    for label in _LEADERS_LONGEST_FIRST:
        if name.endswith(label):
            return "leader", len(name) - len(label)
    for label in _LABELS_LONGEST_FIRST:
        if name.endswith(label):
            return LABELS[label], len(name) - len(label)
    if name in ROLE_LINE_LABELS:
        return "roles", 0
    if name in _BARE_LABELS:
        return _BARE_LABELS[name], 0
    return "stop", 0


def _label_groups(content: str):
    """(kind, label start, content start) of every label in `content`."""
    for m in _ANY_LABEL.finditer(content):
        kind, at = label_kind(m.group(1))
        if at and (m.group(1)[:at] in _LABEL_QUALIFIERS or kind != "stop" and not looks_like_unit(m.group(1)[:at])):
            at = 0  # 其他责任单位 / 省直责任单位 / 市县责任单位: the words before the label qualify it, name no unit
        yield kind, m.start(1) + at if at else m.start(), m.end()


def _parse_labelled(content, base, first_leads) -> list[Duty]:
    labels = list(_label_groups(content))
    groups = []
    # (市住建局;配合单位:A、B): units before the first label, set off by a semicolon, are listed like a 责任单位's
    head = content[:labels[0][1]] if labels else ""
    if head.rstrip(" ").endswith((";", "；")) and (units := split_units(head.rstrip(";； "), base)) and all(
            looks_like_unit(u[0]) for u in units):
        groups.append(("duty", units))
    for k, (kind, _, at) in enumerate(labels):
        stop = labels[k + 1][1] if k + 1 < len(labels) else len(content)
        seg = content[at:stop].rstrip(";；,，。 \n")
        if kind in ("leader", "stop"):
            continue
        if kind == "roles":  # 分工:X牵头,A、B配合; a plain list after it reads like 责任单位
            own = _parse_role_words(seg, base + at, first_leads, bare=False)
            groups.append(("own", own) if own else ("duty", split_units(seg, base + at)))
            continue
        tail = _DUTY_TAIL.search(seg) if kind != "roles" else None
        if tail and looks_like_unit(seg[:tail.start()].rsplit("、", 1)[-1]):
            seg = seg[:tail.start()]
        elif kind != "roles" and any(_explicit_role(seg)):  # 责任单位:A、B分别牵头: the role words decide
            own = _parse_role_words(seg, base + at, first_leads, bare=False)
            if own:
                groups.append(("own", own))
                continue
        groups.append((kind, split_units(seg, base + at)))
    has_lead = any(kind == LEAD for kind, _ in groups) or any(
        d.role == LEAD for kind, g in groups if kind == "own" for d in g)
    return _lead_once(_assign_roles(groups, has_lead, first_leads))


_LEADER_RE = re.compile("(?:" + "|".join(sorted(LEADER_LABELS, key=len, reverse=True)) + r")\s*[:：]\s*"
                        r"([^;；,，。()\[\]【】〔〕\n]{2,40})")


def find_leaders(text: str) -> list[str]:
    """People named by a leader label (责任领导:X): kept on the task, never read as units."""
    if ":" not in text and "：" not in text:  # a label needs its colon, and folding changes only Han characters
        return []
    return [m.group(1).strip() for m in _LEADER_RE.finditer(fold(text)) if m.group(1).strip()]


def _assign_roles(groups, has_lead: bool, first_leads: bool) -> list[Duty]:
    """(kind, units) groups to duties: a "duty" group's first unit leads unless a lead is named elsewhere;
    an "own" group already holds Duty objects."""
    duties: list[Duty] = []
    for kind, units in groups:
        if kind == "own":
            duties.extend(units)
            continue
        for n, (name, s, e) in enumerate(units):
            if kind == "duty":
                role = LEAD if first_leads == ALL_LEAD and not has_lead else (
                    SUPPORT if has_lead or n > 0 or not first_leads else LEAD)
                # 省直责任单位:A、B;市县责任单位:C: the first unit of the first duty list leads, later lists support
                has_lead |= role == LEAD and first_leads != ALL_LEAD
            else:
                role = kind
            duties.append(Duty(name, role, s, e))
    return duties


def _parse_role_words(content, base, first_leads, bare=True, whole=False) -> list[Duty] | None:
    """Role-word segments (X牵头,A、B参与); with `whole`, None unless every segment is one (an unbracketed
    sentence is a marker only when it says nothing else)."""
    parsed = _memo(_role_groups, content, whole)
    if parsed is None:
        return None
    if not parsed:
        return _parse_bare_list(content, base, first_leads) if bare else None
    has_lead = any(kind == LEAD for kind, _ in parsed)
    duties = []
    for kind, units in parsed:
        for n, (name, s, e) in enumerate(units):
            role = kind if kind != "duty" else (LEAD if first_leads and not has_lead and n == 0 else SUPPORT)
            if kind == "duty" and role == LEAD:
                has_lead = True
            duties.append(Duty(name, role, base + s, base + e))
    return _lead_once(duties)


def _lead_once(duties: list[Duty]) -> list[Duty]:
    """A unit that leads is not also listed as support by the same clause (A、B按职责分工负责,A牵头)."""
    leads = {d.unit for d in duties if d.role == LEAD}
    if not leads or len(leads) == len(duties):
        return duties
    return [d for d in duties if d.role == LEAD or d.unit not in leads]


# segments end at a comma, or at a 、 right after a lead's role word (区商务局主办、区科技局协办)
# the words that open a line owning the items above it: 以上任务由, 上述两项工作均由, 以上各项
_SCOPE = re.compile(r"(?:以上|上述)(?:各项|[一二两三四五六七八九十\d]{1,3}项)?(?:任务|工作|事项|措施)?(?:均|都|全部)?由?")
_ROLE_SEGMENTS = re.compile(r"([,，;；。]|(?<=牵头)、|(?<=主办)、)")


@lru_cache(maxsize=8192)
def _role_groups(content: str, whole: bool) -> tuple | None:
    """(kind, units) of each role-word segment, offsets from 0; () when there is none, None when `whole` and a
    segment says something else. Whatever the caller's lead rule, the groups are the same: cached once."""
    segments = []
    pos = 0
    for piece in _ROLE_SEGMENTS.split(content):
        if piece and piece not in ",，;；。、":
            segments.append((piece, pos))
        pos += len(piece)
    parsed: list[tuple[str, tuple[tuple[str, int, int], ...]]] = []
    # groups of units with no role word of their own, set off by ',' before the role word that ends the list
    # (A、B等部门,C公司、各街道配合): the role word covers every group since the last one
    pending: list[tuple[str, int, int]] = []
    for seg, at in segments:
        stripped = seg.strip()
        lead_ws = len(seg) - len(seg.lstrip())
        m = _ROLE_TAIL.search(stripped)
        if not m:
            if whole and stripped:
                return None
            bare = split_units(stripped, at + lead_ws) if stripped else ()
            if bare and all(looks_like_unit(u[0]) for u in bare):
                pending.extend(bare)
            else:
                pending = []
            continue
        before, pending = tuple(pending), []
        word = m.group(1)
        names = stripped[: m.start()]
        offset = at + lead_ws
        scope = _SCOPE.match(names) if not parsed else None
        if scope and len(names) - scope.end() > 2 and looks_like_unit(names[scope.end():]):  # not 上述单位 itself
            # 以上任务由区科委牵头 / 上述两项工作均由X负责: a line that owns the items above it
            names, offset = names[scope.end():], offset + scope.end()
        opener = _OPENER.match(names)
        if opener and looks_like_unit(names[opener.end():]):  # (由区科委牵头) / (以区科委为主) / (…,其中区科委牵头)
            names, offset = names[opener.end():], offset + opener.end()
        if names.endswith(_ADVERBS):  # A、B分别负责 / A、B共同负责: the adverb belongs to the role word, not the unit
            names = names[:-2]
        cohead = _COHEAD.match(names)
        if cohead:
            names, offset = names[cohead.end():], offset + cohead.end()
        kind = LEAD if "牵头" in word else _ROLE_KIND.get(word, "duty")
        if cohead or (word.endswith(_CARRY_OUT) and kind == "duty" and any(k != GUIDE for k, _ in parsed)):
            # 会同X; a group that carries out what units named before it own (…按职责分工负责,各市政府落实), where
            # after a guide alone (生态环境部指导,试点城市政府负责落实) it owns the task
            kind = SUPPORT
        inner = names.find("会同")
        if inner > 0:  # A、B会同有关部门负责: A、B own the task, the units after 会同 support
            left = tuple(u for u in split_units(names[:inner], offset) if looks_like_unit(u[0]))
            right = tuple(u for u in split_units(names[inner + 2:], offset + inner + 2) if looks_like_unit(u[0]))
            if left:
                parsed.append((kind if kind != SUPPORT else "duty", left))
            if right:
                parsed.append((SUPPORT, right))
            if left or right:
                continue
        if whole and _PROSE_WORDS.search(names):
            return None  # 该项工作由区科委牵头: a sentence of prose, not a marker line
        units = tuple(u for u in split_units(names, offset) if looks_like_unit(u[0]))
        if not units:
            if whole:
                return None
            continue
        parsed.append((kind, before + units))
    return tuple(parsed)


def _parse_bare_list(content, base, first_leads) -> list[Duty] | None:
    units = split_units(content, base)
    if not units or not all(looks_like_unit(name) for name, _, _ in units):
        return None
    if len(units) == 1 and len(units[0][0]) <= 2:
        return None  # (场所): one generic two-character word is no marker
    return [Duty(name, LEAD if first_leads and n == 0 else SUPPORT, s, e) for n, (name, s, e) in enumerate(units)]


def find_duty_clauses(text: str, start: int = 0, end: int | None = None, *, first_leads: bool = True) -> list[DutyClause]:
    """Every duty clause in text[start:end]: bracketed ones, and a label clause ending a line (责任单位:A、B)."""
    end = len(text) if end is None else end
    folded = reading_view(text)
    clauses = []
    spans = list(_bracket_spans(folded, start, end)) if _BRACKET_RE.search(folded, start, end) else []
    if not spans and not _may_hold_label(folded, start, end):
        return clauses  # no bracket and no label: most paragraphs of prose
    for s, e in spans:
        duties = parse_clause(folded[s + 1:e - 1], s + 1, first_leads=first_leads)
        if duties and not _bare_list_placed(folded, s, e, start, end):
            continue
        if duties:
            clauses.append(DutyClause(text[s:e], s, e, _as_written(text, duties), find_leaders(folded[s:e])))
    starts = [s for s, _ in spans]
    taken_to = start
    for m in _LABEL_RE.finditer(folded, start, end):
        i = bisect_right(starts, m.start()) - 1
        if m.start() < taken_to or i >= 0 and spans[i][0] < m.start() < spans[i][1]:
            continue  # inside a bracket, or inside the label line already read
        at = m.start()
        while at > start and folded[at - 1] == " ":
            at -= 1
        if at > start and folded[at - 1] not in "。;；\n!！?？" and at == m.start():
            continue  # 由牵头单位:… in running prose is no assignment
        stop = folded.find("\n", m.end(), end)
        stop = _broken_name_runs_on(folded, m.end(), end if stop < 0 else stop, end)
        duties = parse_label_run(folded, m.start(), stop, first_leads=first_leads)
        if duties:
            clauses.append(DutyClause(text[m.start():stop].rstrip("。 "), m.start(), stop, _as_written(text, duties),
                                      find_leaders(folded[m.start():stop])))
            taken_to = stop
    clauses.sort(key=lambda c: c.start)
    return clauses


_LIST_PIECES = re.compile(r"[、,，;；:：]")


def _broken_name_runs_on(folded: str, start: int, stop: int, end: int) -> int:
    """Where a label line ends that a page broke inside a unit's name: the end of the line that completes it."""
    while stop < end:
        after = folded.find("\n", stop + 1, end)
        after = end if after < 0 else after
        if not completes_name(folded[start:stop], folded[stop + 1:after]):
            return stop
        start, stop = stop + 1, after
    return stop


def bare_label(line: str) -> bool:
    """A line that is only a label and its colon (责任单位: / 【牵头单位】), its units on the next line."""
    if ":" not in line and "：" not in line and "】" not in line and "]" not in line and "〕" not in line:
        return False
    m = _LABEL_RE.fullmatch(reading_view(line).strip())
    return bool(m) and (m.group("b") or m.group("c")) in LABELS


def completes_name(line: str, following: str) -> bool:
    """`following` opens with the rest of the unit's name that a page broke off at the end of `line`
    (责任单位:市科技局、市发展改 / 革委、市财政局)."""
    last = _LIST_PIECES.split(line)[-1].strip()
    first = _LIST_PIECES.split(following, maxsplit=1)[0].strip()
    return bool(last and first) and not looks_like_unit(last) and looks_like_unit(last + first)


_BARE_BEFORE = "。;；!！?？,，:：\n "
_ITEM_NUMBER = re.compile(r"\d{1,3}[.、．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|"
                          r"第[一二三四五六七八九十百\d]{1,4}[条项]")


def _bare_list_placed(folded: str, s: int, e: int, start: int, end: int) -> bool:
    """A bracket that holds only unit names is a marker where a marker stands (after a sentence, or ending the line),
    not right after a name, where it is an alias (区科委(区知识产权局)召开会议)."""
    content = folded[s + 1:e - 1]
    labelled = _label_colons(content)
    if _LABEL_RE.search(labelled) or _BARE_LABEL_RE.search(labelled) or _parse_role_words(
            blank_rules(content), 0, True, bare=False):
        return True
    lead_in = folded[max(start, s - 40):s]
    cut = max(lead_in.rfind(c) for c in "、,，;；。\n")
    if _ITEM_NUMBER.fullmatch(lead_in[max(lead_in.rfind("\n"), lead_in.rfind("。")) + 1:].strip(" \u3000")):
        return True  # 1.【区发改委】编制规划: the owners right after the item's number
    if 0 < len(lead_in[cut + 1:].strip(" \u3000")) <= 3:
        return False  # 张三(区科委): a person and where they work
    before = lead_in.rstrip(" \u3000")
    after = folded[e:min(end, e + 1)]
    if not before or before[-1] in _BARE_BEFORE or not after or after == "\n":
        return True
    # mid-paragraph before a sentence end: a list of units is a marker, one unit an attribution (50家(区科委)。)
    return after in "。;；,，" and len(split_units(content, 0)) > 1


def _as_written(text: str, duties: list[Duty]) -> list[Duty]:
    """Units as written in the original text (matching ran on folded characters), without the line breaks a
    narrow column or a PDF's line wrap put inside a name (区发展改\n革委)."""
    for d in duties:
        d.unit = text[d.start:d.end]
        if "\n" in d.unit:
            d.unit = _WRAP.sub("", d.unit)
    return duties


_WRAP = re.compile(r"\s*\n\s*")


def parse_label_run(text: str, start: int, end: int, *, first_leads: bool = True) -> list[Duty] | None:
    """Labelled unit lists in text[start:end] (one line or several lines such as 牵头单位:X / 责任单位:Y, Z);
    None unless every label is followed by units only."""
    if not _may_hold_label(text, start, end):
        return None
    return _fresh(_memo(_label_run_read, text[start:end], first_leads), start)


def _may_hold_label(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] has what every label needs, its colon or its 【】 (read before folding, which changes
    only Han characters: a paragraph of prose is ruled out without converting it)."""
    return text.find(":", start, end) >= 0 or text.find("：", start, end) >= 0 or text.find("【", start, end) >= 0 \
        or text.find("[", start, end) >= 0 or text.find("〔", start, end) >= 0


@lru_cache(maxsize=8192)
def _label_run_read(segment: str, first_leads: bool) -> tuple | None:
    return _frozen(_read_label_run(segment, 0, len(segment), first_leads))


def _read_label_run(text: str, start: int, end: int, first_leads: bool) -> list[Duty] | None:
    raw = reading_view(text[start:end])
    content = blank_rules(raw)
    m = _LABEL_RE.match(content, len(content) - len(content.lstrip(" ")))  # after a bullet the view blanked
    if not m:
        return None
    duties = _parse_labelled(content, start, first_leads)
    if not duties or not all(looks_like_unit(d.unit) for d in duties):
        return None
    return apply_role_notes(_as_written(text, add_standing_units(raw, start, duties)))


def parse_marker_line(text: str, start: int, end: int, *, first_leads: bool = True) -> list[Duty] | None:
    """A line (or run of label lines) that is only a marker: 牵头单位:X / 责任单位:Y, or a role-word sentence that
    says nothing else (X牵头,A、B配合。); None otherwise (市卫健委牵头,会同市教体局起草了… is a report)."""
    return _fresh(_memo(_marker_line_read, text[start:end], first_leads), start)


@lru_cache(maxsize=8192)
def _marker_line_read(segment: str, first_leads: bool) -> tuple | None:
    return _frozen(_read_marker_line(segment, 0, len(segment), first_leads))


def _read_marker_line(text: str, start: int, end: int, first_leads: bool) -> list[Duty] | None:
    duties = parse_label_run(text, start, end, first_leads=first_leads)
    if duties:
        return duties
    view = reading_view(text[start:end])
    if "为" in view and _LABEL_WEI.match(view.lstrip()):  # 责任单位为X、Y。: 为 for the label's colon
        duties = _fresh(_memo(_label_run_read, _label_colons(view), first_leads), start)
        if duties:
            return _as_written(text, duties)
    line = view.rstrip("。;； ")
    if line[:1] in _OPEN and line[-1:] in _CLOSE and _open_close_once(line):  # (责任单位:X) on a line of its own
        duties = parse_clause(line[1:-1], start + 1, first_leads=first_leads)
        return _as_written(text, duties) if duties else None
    content = blank_rules(view)
    duties = _parse_role_words(content.rstrip("。;； "), start, first_leads, bare=False, whole=True)
    return _as_written(text, duties) if duties else None


# a double dash sets a title off its owners (1.发展特色产业——X牵头); one dash joins (中国—东盟中心)
_SENTENCE = re.compile(r"(?:[^。;；!！?？\n—]|(?<!—)—(?!—))+")


def find_role_sentences(text: str, start: int, end: int, *, first_leads: bool = True) -> list[DutyClause]:
    """Unbracketed sentences inside a task's text that say only who owns it (市大数据局负责,市财政局配合。); a
    sentence with anything else in it (市卫健委牵头,会同市教体局起草了…) is prose, not a marker."""
    folded = reading_view(text)
    opener = _unit_colon_duty(text, folded, start, end, first_leads)
    if opener:
        return [opener]
    clauses = []
    for m in _SENTENCE.finditer(folded, start, end):
        s, e = m.start(), m.end()
        if _BRACKET_RE.search(folded, s, e):
            if not _unclosed_last(folded, s, e, end):
                continue
            s += 1  # (区发改委主办,区科技局协办 ending the task: a copy lost the closer; read what follows the opener
        duties = parse_marker_line(text, s, e, first_leads=first_leads)
        if duties:
            clauses.append(DutyClause(text[s:e].strip(), s, e, duties))
        elif not clauses:
            clause = _opening_roles(text, folded, s, e, first_leads)
            if clause:
                clauses.append(clause)
    return clauses


# 区应急管理局:负责统筹协调… / 区消防救援大队:配合开展…: a paragraph (a line of a 职责分工 list) opened by the units
# it binds, a colon, and the role verb of what they do
_UNIT_COLON = re.compile(r"[ \t]*([^\n:：。;；]{2,80}?)[:：][ \t]*(?P<verb>(?:负责|牵头|主责)(?!人|同志|领导|的)|配合|协助|参与|协同|"
                         r"指导(?!意见|性|思想|原则|目录|价格|标准))")


def _unit_colon_duty(text: str, folded: str, start: int, end: int, first_leads: bool) -> DutyClause | None:
    m = _UNIT_COLON.match(folded, start, end)
    if not m:
        return None
    s, e = m.span(1)
    duties = _parse_bare_list(text[s:e], s, first_leads)
    if not duties:
        return None
    verb = m.group("verb")
    if verb != "负责":  # 负责 reads like a 责任单位 list, the first leads; 牵头, 配合 and 指导 give every unit their role
        for d in duties:
            d.role = LEAD if verb in ("牵头", "主责") else _ROLE_KIND[verb]
    return DutyClause(text[s:m.end()], s, m.end(), _as_written(text, duties))


def _unclosed_last(folded: str, s: int, e: int, end: int) -> bool:
    """The sentence folded[s:e] is an opening bracket that never closes, and nothing but space follows it in the
    task's text."""
    return folded[s] in _OPEN and not _BRACKET_RE.search(folded, s + 1, e) and not folded[e:end].strip()


# a person who answers for a task, named before the units (由张三副市长负责,市发改委牵头,…)
_PERSON_SEGMENT = re.compile(r"由?(?P<p>[\u4e00-\u9fff]{2,4}?(?:常务)?副?(?:省长|市长|县长|区长|州长|旗长|主席|秘书长|书记|主任|同志))"
                             r"(?:牵头负责|负责|牵头|分管|领导)")


def _opening_roles(text: str, folded: str, s: int, e: int, first_leads: bool) -> DutyClause | None:
    """The role clauses that open a task's paragraph before its action (由张三副市长负责,市发改委牵头,相关部门配合,
    尽快完成…): two role segments in a row, or one after the person who answers for it; one alone
    (市卫健委牵头,会同市教体局起草了…) reports who did something and is no marker."""
    leaders: list[str] = []
    roles = 0
    run_start = run_end = None
    pos = s
    for piece in re.split(r"([,，])", folded[s:e]):
        at, pos = pos, pos + len(piece)
        seg = piece.strip()
        if not seg or piece in ",，":
            continue
        person = _PERSON_SEGMENT.fullmatch(seg) if run_start is None else None
        if person:
            leaders.append(person.group("p"))
            continue
        if not _memo(_role_groups, blank_rules(seg), True):
            break
        roles += 1
        run_start = at + len(piece) - len(piece.lstrip()) if run_start is None else run_start
        run_end = at + len(piece.rstrip())
    if run_start is None or not (roles >= 2 or leaders):
        return None
    duties = _parse_role_words(blank_rules(folded[run_start:run_end]), run_start, first_leads, bare=False, whole=True)
    if not duties:
        return None
    return DutyClause(text[run_start:run_end], run_start, run_end, _as_written(text, duties), leaders)


def _open_close_once(line: str) -> bool:
    """The line is one bracket group: its first bracket closes at its last character."""
    spans = list(_bracket_spans(line, 0, len(line)))
    return len(spans) == 1 and spans[0] == (0, len(line))


def marker_line(line: str) -> bool:
    """A line that only assigns units, with labels or with role words."""
    return bool(parse_marker_line(line, 0, len(line)))


def label_line(line: str) -> bool:
    """A line that only assigns units: 牵头单位:X, 责任单位:Y、Z."""
    if not _may_hold_label(line, 0, len(line)):
        return False
    view = reading_view(line)
    m = _LABEL_RE.match(view, len(view) - len(view.lstrip(" ")))  # ★责任单位:X, the bullet blanked in the view
    return bool(m) and bool(parse_label_run(line, 0, len(line)))


@lru_cache(maxsize=1024)
def column_role(header: str) -> str | None:
    """The role a table column gives its units (牵头单位 -> lead, 责任单位 -> duty, 指导部门 -> guide), or None; a
    column of two labels (牵头单位/配合单位) gives both, "lead/support": its cells are written X/Y、Z."""
    two = re.split(r"\s*[/／]\s*", fold(header).strip())
    if len(two) == 2 and all(two) and (roles := [_one_column_role(x) for x in two]) and all(roles) \
            and roles[0] != roles[1]:
        return "/".join(roles)
    return _one_column_role(header)


def _one_column_role(header: str) -> str | None:
    h = re.sub(r"[\s()（）/、]", "", fold(header))
    for label in _LABELS_LONGEST_FIRST:
        if h.startswith(label) or h == label:
            return LABELS[label]
    if h.startswith(ROLE_LINE_LABELS):  # 部门分工: cells of role words or unit lists
        return "duty"
    for word, role in (("牵头", LEAD), ("主责", LEAD), ("配合", SUPPORT), ("协办", SUPPORT), ("参与", SUPPORT),
                       ("指导", GUIDE), ("责任", "duty"), ("负责", "duty")):
        if word in h and ("单位" in h or "部门" in h or "处室" in h):
            return role
    return None


def parse_cells(text: str, cells: list[tuple[str, int, int]], *, first_leads: bool = True) -> list[Duty]:
    """Units of one table row: cells as (role from the column header, start, end) in text."""
    folded = reading_view(text)
    groups = []
    for kind, s, e in _split_two_role_cells(folded, cells):
        content = folded[s:e]
        own = _parse_role_words(content, s, first_leads, bare=False)
        if own and any(_explicit_role(content)):
            groups.append(("own", own))
            continue
        units = [u for u in split_units(content.rstrip("。;；,， \n"), s) if looks_like_unit(u[0])]
        groups.append((kind, units))
    has_lead = any(kind == LEAD for kind, _ in groups) or any(
        d.role == LEAD for kind, g in groups if kind == "own" for d in g)
    return apply_role_notes(_as_written(text, _assign_roles(groups, has_lead, first_leads)))


def _split_two_role_cells(folded: str, cells: list[tuple[str, int, int]]):
    """Cells of a two-label column (牵头单位/配合单位) as two cells at their first slash (区城管委/区供电公司、区水务局);
    a cell without one lists the first label's units."""
    for kind, s, e in cells:
        if "/" not in kind:
            yield kind, s, e
            continue
        first, second = kind.split("/")
        cut = next((i for i in range(s, e) if folded[i] in "/／"), None)
        yield first, s, cut if cut is not None else e
        if cut is not None:
            yield second, cut + 1, e


def _explicit_role(content: str):
    for piece in re.split(r"[,，;；。]", content):
        yield bool(_ROLE_TAIL.search(piece.strip())) and not piece.strip().endswith("负责")


def lead_rule(text: str) -> bool | str:
    """Whether the document's rule is that the first listed unit leads (the default unless it says otherwise), or
    ALL_LEAD when it says that a duty label's units all lead where no lead label is given."""
    if _RULE_NO_LEAD.search(text):
        return False
    return ALL_LEAD if _RULE_ALL_LEAD.search(text) else True

