"""A question in Chinese or English to a stored question, its parameters and a plain answer line, by rules and names."""
# No external AI: the names (bureaus in every variant, tracks, parks, programmes, task titles and texts, plans) are
# read from the store with the lookups in queries/lookups/; the word lists are data in graph/questions/data/.
from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from graph.questions.catalogue import DEFAULT_PAGE, count_distinct, get_question, run_lookup, run_page
from loaders.structure import cn_to_int

DATA = Path(__file__).parent / "data"
ROLE_ZH = {"lead": "牵头", "support": "配合", "guide": "指导"}


def _read_csv(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


ENGLISH_NAMES = {r["english"]: r["chinese"] for r in _read_csv("english_names.csv")}
ROLE_WORDS = [(r["word"], r["role"]) for r in _read_csv("role_words.csv")]  # role "" means every role
INTENT_WORDS: dict[str, tuple[str, ...]] = {}
for _r in _read_csv("question_words.csv"):
    INTENT_WORDS[_r["intent"]] = INTENT_WORDS.get(_r["intent"], ()) + (_r["word"],)
FILLER_WORDS = sorted((r["word"] for r in _read_csv("filler_words.csv")), key=len, reverse=True)

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}
_CN_NUM = "[零〇一二两三四五六七八九十百]+"
_TASK_NUM = [
    re.compile(rf"第\s*(\d+|{_CN_NUM})\s*(?:项|条|个|号)?\s*(?:重点)?任务"),
    re.compile(rf"(?:任务|task)\s*(?:no\.?|number|#|第)?\s*(\d+|{_CN_NUM})(?!\d*\s*年)", re.I),
    re.compile(rf"(\d+|{_CN_NUM})\s*号\s*任务"),
    re.compile(rf"第\s*(\d+|{_CN_NUM})\s*(?:项|条)"),
    re.compile(r"#\s*(\d+)"),
]
_YEAR = re.compile(r"(20\d\d)\s*年?")
_PLACE_SUFFIX = re.compile(r"^(.{2,}?(?:省|自治区|市|区|县|旗))")  # 北京市, 石景山区 … at the start of a name


@dataclass
class Vocabulary:
    bureaus: list[dict] = field(default_factory=list)  # {id, name, short_name, aliases, jurisdiction, documents}
    tracks: list[str] = field(default_factory=list)
    parks: list[str] = field(default_factory=list)
    programmes: list[str] = field(default_factory=list)
    entities: list[tuple[str, str]] = field(default_factory=list)  # (kind, name): incubators, initiatives …
    tasks: list[dict] = field(default_factory=list)  # {id, number, title, text, document}
    documents: list[dict] = field(default_factory=list)  # {id, title, doc_number}

    def bureau_names(self) -> dict[str, str]:
        """Every way a bureau is written → its short name, for names that mean one bureau only."""
        out = {}
        for written, ids in self.bureau_variants().items():
            if len(ids) == 1:
                b = self.bureau(next(iter(ids)))
                out[written] = b.get("short_name") or b.get("name")
        return out

    def bureau(self, bid: str) -> dict:
        return next(b for b in self.bureaus if b["id"] == bid)

    def bureau_variants(self) -> dict[str, set[str]]:
        """Every variant of every bureau's names (short, full, alias; with or without 和, 区/市 or the place) →
        the ids of the bureaus it may mean."""
        if getattr(self, "_variants", None) is None:
            out: dict[str, set[str]] = defaultdict(set)
            for b in self.bureaus:
                for v in name_variants(b):
                    out[v].add(b["id"])
            self._variants = dict(out)
        return self._variants

    def plan_label(self, doc_id_or_title: str) -> str:
        """A short label for a plan: its number, else its title."""
        for d in self.documents:
            if doc_id_or_title in (d.get("id"), d.get("title")):
                return d.get("doc_number") or d.get("title") or d["id"]
        return doc_id_or_title


def name_variants(b: dict) -> set[str]:
    """The ways a plan or a person writes one bureau: 区人力资源和社会保障局 → 区人力资源社会保障局, 人力资源社会保障局,
    石景山区人力资源社会保障局 …; forms shorter than 2 characters and bare generic words are left out."""
    names = {n for n in [b.get("short_name"), b.get("name"), *(b.get("aliases") or [])] if n}
    jurisdiction = b.get("jurisdiction") or ""
    places = _places(jurisdiction)
    local = places[:1] + places[2:3]  # 上海市浦江区, 浦江区: not 上海市 alone, which names the city's own bureau
    level = jurisdiction[-1:] if jurisdiction[-1:] in "区市县旗" else ""
    out = set()
    for n in names:
        for form in {n, n.replace("和", "")}:
            out.add(form)
            if form.startswith("中共"):
                continue
            stem = _strip_place(form, places)
            if stem[:2] in ("区委", "市委", "县委") and len(stem) >= 5:
                out.add(stem[2:])  # 区委宣传部 → 宣传部, 石景山区委宣传部; 委宣传部 alone would be no name
                out.update(p + stem[1:] for p in local)
                continue
            elif stem[:1] in "区市县" and len(stem) >= 3:
                stem = stem[1:]
            if len(stem) < 2:
                continue
            out.add(stem)
            if level:
                out.add(level + stem)
            for p in local:
                out.add(p + stem)
    return {v for v in out if len(v) >= 2 and v not in _GENERIC}


_GENERIC = {"管委会", "区委", "区政府", "政府", "办公室", "委员会"}


def _places(jurisdiction: str) -> list[str]:
    """北京市石景山区 → [北京市石景山区, 北京市, 石景山区, 石景山]."""
    out = [jurisdiction] if jurisdiction else []
    m = _PLACE_SUFFIX.match(jurisdiction)
    if m and m.group(1) != jurisdiction:
        rest = jurisdiction[len(m.group(1)):]
        out += [m.group(1), rest]
        if len(rest) > 2:
            out.append(rest[:-1])
    return out


def _strip_place(name: str, places: list[str]) -> str:
    for p in sorted(places, key=len, reverse=True):
        if p and name.startswith(p):
            return name[len(p):]
    return name


def fetch_vocabulary(store) -> Vocabulary:
    """Names the router recognises, read from the store (plain Cypher, works on every backend)."""
    r = {k: run_lookup(store, k) for k in ("router_bureaus", "tracks", "parks", "programmes", "entities",
                                           "router_tasks", "documents")}
    return Vocabulary(
        bureaus=[{**b, "aliases": list(b.get("aliases") or []), "documents": [d for d in b.get("documents") or [] if d]}
                 for b in r["router_bureaus"]],
        tracks=[x["name"] for x in r["tracks"] if x["name"]],
        parks=[x["name"] for x in r["parks"] if x["name"]],
        programmes=list(dict.fromkeys(x["name"] for x in r["programmes"] if x["name"])),
        entities=[(x["kind"] or "", x["name"]) for x in r["entities"] if x["name"]],
        tasks=r["router_tasks"], documents=r["documents"])


# -- what the question says ---------------------------------------------------------------------------------
MAX_QUESTION = 200  # characters of a typed question: the rules scan it several times, a bound keeps answers instant


def cn_number(s: str) -> int | None:
    """'7' → 7, '十二' → 12, '二十' → 20, '一百零五' → 105 (the loaders' numeral reader); None for what no plan
    numbers a task with."""
    if s.isdigit():
        return int(s) if len(s) <= 6 else None
    if not s or any(ch not in _CN_DIGITS and ch not in "十百零〇" for ch in s):
        return None
    try:
        return cn_to_int(s) or None
    except KeyError:  # 十十: no numeral
        return None


def _normalise(text: str) -> str:
    text = text.replace("（", "(").replace("）", ")").replace("？", "?").replace("，", ",").replace("　", " ")
    return " " + re.sub(r"\s+", " ", text).strip() + " "


def _word(low: str, intent: str) -> str | None:
    return next((w for w in INTENT_WORDS[intent] if w in low), None)


def _longest_in(text: str, names) -> str | None:
    """The longest name that occurs in the text (so 通用人工智能 beats 人工智能)."""
    hits = [n for n in names if n and n in text]
    return max(hits, key=len) if hits else None


def _task_number(text: str) -> int | None:
    for pattern in _TASK_NUM:
        for m in pattern.finditer(text):
            n = cn_number(m.group(1))
            if n and not (m.group(1).isdigit() and len(m.group(1)) == 4):
                return n
    return None


def _role(rest: str) -> tuple[str, str]:
    """(role, the word that said it); '' when the question names no role or several (牵头和配合)."""
    low = rest.lower()
    found = {}
    for word, role in ROLE_WORDS:
        if re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", low) if word.isascii() else word in low:
            found.setdefault(role, word)
    specific = {r: w for r, w in found.items() if r}
    if len(specific) == 1:
        return next(iter(specific.items()))
    return "", found.get("", "")


def _find_bureaus(text: str, vocab: Vocabulary) -> tuple[list[tuple[str, set[str]]], str]:
    """Bureau mentions, left to right, as (written form, candidate ids), longest forms first and not overlapping,
    and the text with them blanked out (so a role word inside a name is not read as a role)."""
    variants = vocab.bureau_variants()
    taken = [False] * len(text)
    hits = []
    for v in sorted(variants, key=len, reverse=True):
        start = text.find(v)
        while start >= 0:
            if not any(taken[start:start + len(v)]):
                hits.append((start, v, variants[v]))
                for i in range(start, start + len(v)):
                    taken[i] = True
            start = text.find(v, start + 1)
    hits.sort()
    blanked = "".join(" " if t else c for c, t in zip(text, taken))
    return [(v, ids) for _, v, ids in hits], blanked


# -- the route ----------------------------------------------------------------------------------------------
@dataclass
class Route:
    question: str | None
    params: dict[str, str]
    why: str
    subject: str = ""  # what was understood, in words: 区科委 · 牵头
    unit: str = "行"  # what the rows count: 项任务, 个单位, 项目标 …
    count_only: bool = False  # 多少项: the answer is the number
    choices: list[tuple[str, str]] = field(default_factory=list)  # an ambiguous name: (label, bureau id)


def route(text: str, vocab: Vocabulary, plans: list[str] | tuple[str, ...] = ()) -> Route:
    """The stored question a free-text question asks, with its parameters, within the plans given (ids; none for
    every plan). A name that means bureaus of several jurisdictions returns no question but the choices."""
    raw = (text or "").strip()
    if not raw:
        return Route(None, {}, "请输入问题 · type a question")
    if len(raw) > MAX_QUESTION:
        return Route(None, {}, f"问题太长,请少于 {MAX_QUESTION} 字 · the question is too long: keep it under "
                               f"{MAX_QUESTION} characters")
    t = _normalise(raw)
    low = t.lower()
    scope = list(plans)
    named_plan = _named_plan(t, vocab)
    if named_plan:
        scope = [named_plan]
    scoped = {"document": "|".join(scope)} if scope else {}
    in_scope = (lambda doc: doc in scope) if scope else (lambda doc: True)
    mentions, rest = _find_bureaus(t, vocab)
    role, role_word = _role(rest)
    role_zh = ROLE_ZH.get(role, "")
    count_only = bool(_word(low, "count"))
    year_m = _YEAR.search(t)
    year = year_m.group(1) if year_m else ""
    english = [(en, zh) for en, zh in sorted(ENGLISH_NAMES.items(), key=lambda x: -len(x[0])) if en in low]

    # bureaus: each mention narrowed to the plans in scope, then to one jurisdiction
    bureaus: list[dict] = []
    for written, ids in mentions + [(en, vocab.bureau_variants().get(zh, set())) for en, zh in english
                                    if zh in vocab.bureau_variants() and not mentions]:
        cands = [vocab.bureau(i) for i in sorted(ids)]
        inside = [b for b in cands if any(in_scope(d) for d in b["documents"])] or cands
        if len({b.get("jurisdiction") for b in inside}) > 1 or len(inside) > 1:
            choices = [(f"{b.get('jurisdiction') or ''} {b.get('name')}".strip(), b["id"]) for b in inside]
            return Route(None, {}, f"「{written.strip()}」可能是 {len(inside)} 个单位,请选择或写出全称 · "
                         f"'{written.strip()}' may mean {len(inside)} bureaus: which one?",
                         subject=written.strip(), choices=choices)
        if inside[0] not in bureaus:
            bureaus.append(inside[0])

    def bparam(b: dict) -> str:
        """The bureau's short name when no other bureau has it, else its id."""
        short = b.get("short_name") or b.get("name")
        same = [x for x in vocab.bureaus if short in (x.get("short_name"), x.get("name"), *x["aliases"])]
        return short if len(same) == 1 else b["id"]

    def label(b: dict) -> str:
        short = b.get("short_name") or b.get("name")
        twins = [x for x in vocab.bureaus if (x.get("short_name") or x.get("name")) == short]
        return f"{short}({b.get('jurisdiction')})" if len(twins) > 1 and b.get("jurisdiction") else short

    def done(question, params, why, subject, unit):
        return Route(question, {**params, **scoped}, why, subject, unit, count_only)

    # a task by number: 第7项任务, 任务七, who supports task 12
    number = _task_number(t)
    if number is not None and not _word(low, "ranking"):
        subject = " · ".join(x for x in (f"第{number}项任务", role_zh) if x)
        return done("owners_of_task", {"task": str(number), **({"role": role} if role else {})},
                    f"任务编号 {number}{' · 角色 ' + role_zh if role else ''} → 责任单位 · task {number} → owners",
                    subject, "个单位")

    # two or more bureaus: the tasks they share
    if len(bureaus) >= 2:
        names = [label(b) for b in bureaus[:3]]
        params = {"bureau_a": bparam(bureaus[0]), "bureau_b": bparam(bureaus[1])}
        if len(bureaus) > 2:
            params["bureau_c"] = bparam(bureaus[2])
        return done("tasks_shared_by", params, f"{len(names)} 个单位 → 共同负责的任务 · bureaus → tasks they share",
                    " + ".join(names) + " · 共同", "项任务")

    if bureaus:
        b = bureaus[0]
        if _word(low, "neighbourhood") or (_word(low, "shared") and not role):
            return done("bureau_neighbourhood", {"bureau": bparam(b)},
                        f"单位「{label(b)}」+ 关系 → 单位关系网 · bureau → everything connected to it",
                        f"{label(b)} · 关系", "条关系")
        if _word(low, "measure"):
            return done("owners_of_measure", {"term": _measure_term(low)},
                        "保障措施/工作专班 → 牵头单位 · measure → its owners", "保障措施 · 责任单位", "条")
        subject = " · ".join(x for x in (label(b), role_zh or "负责") if x)
        return done("tasks_of_bureau", {"bureau": bparam(b), **({"role": role} if role else {})},
                    f"单位「{label(b)}」· 角色 {role_zh or '全部'} → 该单位的任务 · bureau"
                    f"{' + role ' + role if role else ''} → its tasks", subject, "项任务")

    # a task by its title
    title_hit = _longest_in(t, [x["title"] for x in vocab.tasks if x.get("title") and len(x["title"]) >= 4
                                and in_scope(x["document"])])
    if title_hit:
        task = next(x for x in vocab.tasks if x.get("title") == title_hit and in_scope(x["document"]))
        return Route("owners_of_task", {"task": str(task["number"]), **({"role": role} if role else {}),
                                        "document": task["document"]},
                     f"任务标题「{title_hit}」→ 第{task['number']}项 → 责任单位 · task title → owners",
                     " · ".join(x for x in (f"第{task['number']}项任务 {title_hit}", role_zh) if x), "个单位",
                     count_only)

    if _word(low, "ranking"):
        what = f"按{role_zh}次数" if role else "按任务总数"
        return done("workload_ranking", {"role": role} if role else {},
                    f"排名 · {what} → 单位排名 · ranking by {role or 'total'}", f"单位排名 · {what}", "个单位")
    word = _word(low, "gap")
    if word:
        return done("gap_check", {}, f"「{word}」→ 缺口检查 · gap check", "责任缺口", "项任务")
    if _word(low, "measure"):
        return done("owners_of_measure", {"term": _measure_term(low)},
                    "保障措施/工作专班 → 牵头单位 · measure → its owners", "保障措施 · 责任单位", "条")
    if _word(low, "deadline"):
        return done("deadlines", {"year": year} if year else {},
                    f"完成时限{' · ' + year + '年' if year else ''} → 有期限的任务 · deadlines",
                    f"{year + '年 · ' if year else ''}完成时限", "项任务")

    found = _topic(t, low, vocab, english)
    if found:
        return done(*found[:2], found[2], found[3], found[4])

    if _word(low, "targets") or year:
        if year:
            return done("targets_of_year", {"year": year}, f"{year}年 → 当年的量化目标 · targets for {year}",
                        f"{year}年 · 目标", "项目标")
        return done("targets", {}, "目标 → 量化目标 · targets", "量化目标", "项目标")
    if _word(low, "shared"):
        return done("shared_tasks", {}, "共同 → 两两共同承担的单位 · pairs of bureaus sharing tasks",
                    "共同承担任务的单位", "对单位")

    words = _text_words(rest, vocab, in_scope)
    if words:
        return done("tasks_matching", {"words": words}, f"任务正文含「{words}」→ 全文查找 · full text",
                    f"含「{words}」", "项任务")
    return Route(None, {}, "没有识别出问题。可以问:区科委牵头哪些任务?第7项任务谁配合?哪个单位牵头最多?2025年目标?"
                 "虚拟现实相关的任务 · Could not match; try a bureau, a task number, a track, a park or a year.")


def choose_bureau(text: str, written: str, bureau_id: str, vocab: Vocabulary) -> str:
    """The question with an ambiguous name (区科委) replaced by the longest form that means the chosen bureau only
    (上海市浦江区科委), so that routing it again answers for that bureau."""
    own = [v for v, ids in vocab.bureau_variants().items() if ids == {bureau_id}]
    return text.replace(written, max(own, key=len), 1) if own and written in text else text


def _named_plan(t: str, vocab: Vocabulary) -> str:
    """A plan named in the question by its number or title: its id; '' when none is."""
    for d in vocab.documents:
        for key in (d.get("doc_number"), d.get("title")):
            if key and key in t:
                return d["id"]
    return ""


def _measure_term(low: str) -> str:
    return next((w for w in ("工作专班", "领导小组", "联席会议", "专班") if w in low), "")


def _topic(t: str, low: str, vocab: Vocabulary, english) -> tuple | None:
    """A park (首钢园), a track (虚拟现实), a programme or another named entity; English names too."""
    park = _longest_in(t, vocab.parks)
    track = _longest_in(t, vocab.tracks)
    if not park and not track:
        for _en, zh in english:
            if zh in vocab.parks:
                park = zh
                break
            if zh in vocab.tracks:
                track = zh
                break
    if not park and not track:  # a park written without its suffix (首钢 → 首钢园)
        for p in vocab.parks:
            stem = re.sub(r"(产业园|园区|集聚区|园|沿线|交通枢纽)$", "", p)
            if len(stem) >= 2 and stem in t and stem not in vocab.tracks:
                park = p
                break
    concern = _word(low, "concerning")
    if park and (not track or len(park) >= len(track)):
        if concern:
            return "concerning", {"term": park}, f"园区「{park}」+ 涉及内容 → concerning", f"{park} · 相关内容", "条"
        return "tasks_of_park", {"park": park}, f"园区/地点「{park}」→ 涉及的任务 · park → tasks", park, "条责任"
    if track:
        if concern:
            return "concerning", {"term": track}, f"赛道「{track}」+ 涉及内容 → concerning", f"{track} · 相关内容", "条"
        return "tasks_of_track", {"track": track}, f"赛道「{track}」→ 涉及的任务 · track → tasks", track, "项任务"
    programme = _programme(t, low, vocab, english)
    if programme:
        return ("tasks_of_programme", {"programme": programme}, f"工程「{programme}」→ 任务及牵头单位 · programme",
                programme, "项任务")
    entity = _longest_in(t, [n for _, n in vocab.entities])
    if entity:
        return "concerning", {"term": entity}, f"「{entity}」→ 相关内容 · everything concerning it", entity, "条"
    return None


def _programme(t: str, low: str, vocab: Vocabulary, english) -> str | None:
    """A programme named in full, without 工程, or by a distinctive part when the question says 工程/programme."""
    for p in sorted(vocab.programmes, key=len, reverse=True):
        if p in t or (p.endswith("工程") and len(p) > 4 and p[:-2] in t):
            return p
    if not _word(low, "programme"):
        return None
    common = {"孵化", "工程", "机构", "提升", "优化", "发展", "建设"}
    best, best_len = None, 1
    for p in vocab.programmes:
        for size in range(len(p), 1, -1):
            if size <= best_len:
                break
            if any(p[i:i + size] in t and p[i:i + size] not in common for i in range(len(p) - size + 1)):
                best, best_len = p, size
                break
    if best:
        return best
    for _en, zh in english:
        hit = next((p for p in vocab.programmes if zh in p), None)
        if hit:
            return hit
    return None


def _text_words(rest: str, vocab: Vocabulary, in_scope) -> str:
    """The longest run of the question (question and role words removed) found in a task's title or text."""
    for word, _ in ROLE_WORDS:
        rest = rest.replace(word, " ")
    for w in FILLER_WORDS:
        rest = rest.replace(w, " ")
    pieces = [p for p in re.split(r"[\s,.?!、;:()“”\"'a-zA-Z0-9]+", rest) if len(p) >= 2]
    texts = [f"{x.get('title') or ''} {x.get('text') or ''}" for x in vocab.tasks if in_scope(x["document"])]
    best = ""
    for p in pieces:
        for size in range(len(p), max(1, len(best)), -1):
            sub = next((p[i:i + size] for i in range(len(p) - size + 1)
                        if any(p[i:i + size] in tx for tx in texts)), None)
            if sub:
                best = sub
                break
    return best


def match_question(text: str, vocabulary: Vocabulary, plans=()) -> tuple[str | None, dict, str]:
    """(stored question name, parameters as strings, explanation): the route without its answer line."""
    r = route(text, vocabulary, plans)
    return r.question, r.params, r.why


# -- the answer ---------------------------------------------------------------------------------------------
@dataclass
class Answer:
    route: Route
    rows: list[dict]  # the first page of the answer
    line: str
    total: int = 0  # rows in the whole answer


def count_rows(r: Route, rows: list[dict]) -> int:
    """What the answer line counts: distinct tasks (per plan), bureaus, targets … rather than raw rows."""
    if r.unit == "项任务" and rows and "task" in rows[0]:
        return len({(x.get("document"), x.get("task")) for x in rows})
    if r.unit == "个单位" and rows and "bureau" in rows[0]:
        return len({(x.get("document"), x.get("bureau")) for x in rows})
    return len(rows)


def count_answer(store, r: Route, page) -> tuple[int, int]:
    """(what the answer line counts, plans) for an answer larger than its first page: counted in the store."""
    q = get_question(r.question)
    params = q.bind(r.params)
    column = {"项任务": "task", "个单位": "bureau"}.get(r.unit)
    doc = ("document",) if "document" in q.returns else ()
    n = count_distinct(store, q, params, doc + (column,)) if column in q.returns and len(q.branches) == 1 \
        else page.total
    plans = count_distinct(store, q, params, doc) if doc and len(q.branches) == 1 else 0
    return n, plans


def answer_line(r: Route, rows: list[dict], counted: tuple[int, int] | None = None) -> str:
    """What was understood and the answer in words: 区科委 · 牵头 · 13 项任务; 没有 … when the answer is empty.
    `rows` is the answer, or its first page with `counted` = count_answer(…) for the whole of it."""
    n = count_rows(r, rows) if counted is None else counted[0]
    if not rows:
        return f"没有{r.unit.lstrip('项个条对')}:{r.subject} · none found"
    if r.question == "workload_ranking":
        top = rows[0]
        key = {"lead": "leads", "support": "supports", "guide": "guides"}.get(r.params.get("role", ""), "total")
        return f"{r.subject} · 第一:{top['bureau']}({top[key]})· {n} 个单位"
    plans = len({x.get("document") for x in rows if x.get("document")}) if counted is None else counted[1]
    return f"{r.subject} · {n} {r.unit}" + (f"(分属 {plans} 个方案 · in {plans} plans)" if plans > 1 else "")


def answer(store, text: str, vocab: Vocabulary, plans=(), *, limit: int | None = DEFAULT_PAGE) -> Answer:
    """Route a question, run the stored question chosen (its first page, None for all rows) and state the whole
    answer in words (UI-free: the CLI and the Ask page both call this)."""
    r = route(text, vocab, plans)
    if not r.question:
        return Answer(r, [], r.why)
    _, page = run_page(store, r.question, r.params, limit=limit)
    counted = None if page.next_offset is None else count_answer(store, r, page)
    return Answer(r, page.rows, answer_line(r, page.rows, counted), page.total)


# -- answer subgraph ----------------------------------------------------------------------------------------
NAME_COLUMNS = ("bureau", "lead", "bureau_a", "bureau_b", "park", "entity", "programme", "name", "item")


def answer_node_ids(graph, question: str, params: dict, rows: list[dict]) -> set[str]:
    """Nodes of `graph` (built from the store) that an answer talks about, to draw it as a subgraph: the node ids
    the stored question returns (its `// ids:` columns); by names only for a question that declares none."""
    id_columns = get_question(question).ids
    if id_columns:
        return {str(r[c]) for r in rows for c in id_columns if r.get(c) not in (None, "") and str(r[c]) in graph}
    by_name: dict[str, set[str]] = {}
    tasks_by_number: dict[int, set[str]] = {}
    doc_titles = {}
    for n, a in graph.nodes(data=True):
        for key in ("name", "short_name"):
            if a.get(key):
                by_name.setdefault(str(a[key]), set()).add(n)
        if a.get("label") == "Task" and a.get("number") is not None:
            tasks_by_number.setdefault(int(a["number"]), set()).add(n)
        if a.get("label") == "Document":
            doc_titles[n] = a.get("title") or a.get("name")
    ids: set[str] = set()
    for v in params.values():
        if str(v) in graph:
            ids.add(str(v))
        ids |= by_name.get(str(v), set())
        for n, a in graph.nodes(data=True):  # aliases and full names of bureaus
            if a.get("label") == "Bureau" and (v == a.get("name") or v in (a.get("aliases") or [])):
                ids.add(n)
    for row in rows:
        for col in NAME_COLUMNS:
            if row.get(col) not in (None, ""):
                ids |= by_name.get(str(row[col]), set())
        number = row.get("task")
        if isinstance(number, int):
            hits = tasks_by_number.get(number, set())
            if row.get("document"):
                hits = {h for h in hits if doc_titles.get(graph.nodes[h].get("document")) == row["document"]} or hits
            ids |= hits
        for num in row.get("tasks") or []:
            if isinstance(num, int):
                ids |= tasks_by_number.get(num, set())
    return ids


def resolve_plans(vocab: Vocabulary, given) -> list[str]:
    """Plan ids for what a user wrote (an id, a number or part of a title); a plan that matches nothing is an error."""
    from graph.errors import QueryError

    ids = []
    for g in given or []:
        hits = [d["id"] for d in vocab.documents
                if g == d["id"] or any(g in (d.get(k) or "") for k in ("doc_number", "title"))]
        if not hits:
            raise QueryError(f"no plan '{g}' in the store; name one by its number or part of its title "
                             f"({'; '.join(d.get('doc_number') or d.get('title') for d in vocab.documents)})")
        ids += [h for h in hits if h not in ids]
    return ids
