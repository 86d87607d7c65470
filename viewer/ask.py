"""A question in Chinese or English to a stored question and its parameters, by rules and by names in the graph.

No external AI: the vocabulary (bureau short names, full names and aliases; track, park, programme and other
entity names; task numbers and titles; document titles) is read from the store with plain Cypher, and a few
keyword rules pick the stored question.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

# English words for names that appear in Chinese in the plans; used only when the Chinese name is in the store
def _english_names() -> dict[str, str]:
    """English words for names written in Chinese (viewer/data/english_names.csv: english,chinese); a name is used
    only when the Chinese form is in the store, and users extend the table to add more."""
    with open(Path(__file__).parent / "data" / "english_names.csv", encoding="utf-8", newline="") as fh:
        return {row["english"]: row["chinese"] for row in csv.DictReader(fh)}


ENGLISH_NAMES = _english_names()

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}
_CN_NUM = "[零〇一二两三四五六七八九十百]+"
_TASK_NUM = [
    re.compile(rf"第\s*(\d+|{_CN_NUM})\s*(?:项|条|个|号)?\s*(?:重点)?任务"),
    re.compile(rf"(?:任务|task)\s*(?:no\.?|number|#|第)?\s*(\d+|{_CN_NUM})", re.I),
    re.compile(rf"(\d+|{_CN_NUM})\s*号\s*任务"),
    re.compile(rf"第\s*(\d+|{_CN_NUM})\s*(?:项|条)"),
    re.compile(r"#\s*(\d+)"),
]

RULES = {  # question: keywords (Chinese and English, lower case)
    "workload_ranking": ("最多", "最少", "排名", "排行", "工作量", "任务量", "负担", "最忙", "most tasks",
                         "most work", "busiest", "workload", "ranking", "rank ", "fewest", "most"),
    "gap_check": ("没有牵头", "无牵头", "缺少牵头", "缺牵头", "多个牵头", "多头", "只有一个", "单一责任", "缺口",
                  "漏洞", "空白", "gap", "no lead", "without a lead", "single owner", "several leads",
                  "multiple leads", "only one owner", "missing lead"),
    "shared_tasks": ("共同", "两两", "协同", "共担", "合作", "一起", "shared", "share", "pairs", "together",
                     "co-own", "jointly"),
    "targets": ("目标", "指标", "量化", "到2025", "2025年", "target", "goal", "kpi", "metric", "indicator"),
    "neighbourhood": ("一切", "全部关系", "相关的一切", "关系网", "概况", "画像", "周边", "everything",
                      "neighbourhood", "neighborhood", "profile", "overview", "connected", "co-owner", "co-owners"),
    "concerning": ("所有内容", "一切", "提到", "提及", "涉及的内容", "concern", "mention", "everything", "anything"),
    "programme": ("工程", "板块", "programme", "program"),
}


@dataclass
class Vocabulary:
    bureaus: list[dict] = field(default_factory=list)  # {id, name, short_name, aliases}
    tracks: list[str] = field(default_factory=list)
    parks: list[str] = field(default_factory=list)
    programmes: list[str] = field(default_factory=list)
    entities: list[tuple[str, str]] = field(default_factory=list)  # (kind, name): incubators, initiatives …
    tasks: list[dict] = field(default_factory=list)  # {number, title, document}
    documents: list[dict] = field(default_factory=list)  # {id, title, doc_number}

    def bureau_names(self) -> dict[str, str]:
        """Every way a bureau is written → its short name (the stored questions accept any of them)."""
        out: dict[str, str] = {}
        for b in self.bureaus:
            short = b.get("short_name") or b.get("name")
            for n in [b.get("short_name"), b.get("name"), *(b.get("aliases") or [])]:
                if n:
                    out.setdefault(n, short)
        # 科委 for 区科委, 财政局 for 区财政局: only when unambiguous and at least 2 characters remain
        derived: dict[str, set[str]] = {}
        for n, short in list(out.items()):
            for prefix in ("区委", "区政府", "区", "石景山区"):
                if n.startswith(prefix) and len(n) - len(prefix) >= 2 and prefix != "区委":
                    derived.setdefault(n[len(prefix):], set()).add(short)
        for n, shorts in derived.items():
            if len(shorts) == 1 and n not in out and n not in ("管委会",):
                out[n] = shorts.pop()
        return out


VOCABULARY_QUERIES = {
    "bureaus": "MATCH (b:Bureau) RETURN b.id AS id, b.name AS name, b.short_name AS short_name, "
               "b.aliases AS aliases ORDER BY b.short_name",
    "tracks": "MATCH (x:Track) RETURN x.name AS name ORDER BY x.name",
    "parks": "MATCH (x:Park) RETURN x.name AS name ORDER BY x.name",
    "programmes": "MATCH (x:Programme) RETURN x.name AS name, x.document AS document, x.number AS number "
                  "ORDER BY document, number",
    "incubators": "MATCH (x:Incubator) RETURN x.name AS name, x.kind AS kind",
    "initiatives": "MATCH (x:Initiative) RETURN x.name AS name, x.kind AS kind",
    "stakeholders": "MATCH (x:Stakeholder) RETURN x.name AS name, x.kind AS kind",
    "tasks": "MATCH (t:Task) RETURN t.number AS number, t.title AS title, t.document AS document "
             "ORDER BY document, number",
    "documents": "MATCH (d:Document) RETURN d.id AS id, d.title AS title, d.doc_number AS doc_number "
                 "ORDER BY d.title",
}


def fetch_vocabulary(store) -> Vocabulary:
    """Names the matcher recognises, read from the store (plain Cypher, works on every backend)."""
    r = {k: store.run(q) for k, q in VOCABULARY_QUERIES.items()}
    programmes = list(dict.fromkeys(x["name"] for x in r["programmes"] if x["name"]))
    entities = [(x["kind"] or "", x["name"]) for k in ("incubators", "initiatives", "stakeholders")
                for x in r[k] if x["name"]]
    return Vocabulary(
        bureaus=[{**b, "aliases": list(b.get("aliases") or [])} for b in r["bureaus"]],
        tracks=[x["name"] for x in r["tracks"] if x["name"]],
        parks=[x["name"] for x in r["parks"] if x["name"]],
        programmes=programmes, entities=entities, tasks=r["tasks"], documents=r["documents"])


MAX_QUESTION = 200  # characters of a typed question

# -- matching -----------------------------------------------------------------------------------------------
def cn_number(s: str) -> int | None:
    """'7' → 7, '十二' → 12, '二十' → 20, '一百零五' → 105; None for what no plan numbers a task with."""
    if s.isdigit():
        return int(s) if len(s) <= 6 else None
    total, cur = 0, 0
    for ch in s:
        if ch in _CN_DIGITS:
            cur = _CN_DIGITS[ch]
        elif ch == "十":
            total += (cur or 1) * 10
            cur = 0
        elif ch == "百":
            total += (cur or 1) * 100
            cur = 0
        else:
            return None
    return total + cur or None


def _normalise(text: str) -> str:
    text = text.replace("（", "(").replace("）", ")").replace("？", "?").replace("，", ",").replace("　", " ")
    return " " + re.sub(r"\s+", " ", text).strip() + " "


def _has(text_lower: str, rule: str) -> str | None:
    return next((w for w in RULES[rule] if w in text_lower), None)


def _longest_in(text: str, names) -> str | None:
    """The longest name that occurs in the text (so 通用人工智能 beats 人工智能)."""
    hits = [n for n in names if n and n in text]
    return max(hits, key=len) if hits else None


def _english(text_lower: str, known: set[str]) -> list[tuple[str, str]]:
    """(english phrase, Chinese name) pairs found, longest phrase first, only for names the store knows."""
    hits = [(en, zh) for en, zh in ENGLISH_NAMES.items() if en in text_lower and zh in known]
    return sorted(hits, key=lambda h: -len(h[0]))


def _task_number(text: str) -> int | None:
    for pattern in _TASK_NUM:
        m = pattern.search(text)
        if m:
            n = cn_number(m.group(1))
            if n:
                return n
    return None


def _document_param(text: str, vocab: Vocabulary) -> str:
    """A plan named in the question (by title or number); '' for all plans."""
    for d in vocab.documents:
        for key in (d.get("doc_number"), d.get("title")):
            if key and key in text:
                return key
    return ""


def match_question(text: str, vocabulary: Vocabulary) -> tuple[str | None, dict, str]:
    """(stored question name, parameters as strings, explanation in Chinese and English).

    The question name is None when nothing matched; the explanation then says what can be asked.
    """
    raw = (text or "").strip()
    if not raw:
        return None, {}, "请输入问题 · Type a question"
    if len(raw) > MAX_QUESTION:  # the rules scan the text several times: a bound keeps each answer instant
        return None, {}, (f"问题太长,请少于 {MAX_QUESTION} 字 · The question is too long: keep it under "
                          f"{MAX_QUESTION} characters")
    t = _normalise(raw)
    low = t.lower()
    bureau_names = vocabulary.bureau_names()
    known_names = set(bureau_names.values()) | set(vocabulary.tracks) | set(vocabulary.parks)

    # English names → Chinese names the store knows (bureaus, tracks, parks)
    en_hits = _english(low, known_names)

    # 1. a task by number: 第7项任务, 任务七, task 12, who supports task #3
    number = _task_number(t)
    if number is not None and not _has(low, "workload_ranking"):
        params = {"task": str(number)}
        doc = _document_param(t, vocabulary)
        if doc:
            params["document"] = doc
        return ("owners_of_task", params,
                f"识别到任务编号 {number} → 查询该任务的责任单位 · task number {number} → who is responsible")

    # 1b. a task by its title
    title_hit = _longest_in(t, [x["title"] for x in vocabulary.tasks if x.get("title") and len(x["title"]) >= 4])
    if title_hit:
        task = next(x for x in vocabulary.tasks if x.get("title") == title_hit)
        return ("owners_of_task", {"task": str(task["number"])},
                f"识别到任务「{title_hit}」(第{task['number']}项) → 责任单位 · task title → owners")

    # 2. a bureau
    bureau_written = _longest_in(t, bureau_names)
    bureau = bureau_names[bureau_written] if bureau_written else None
    if not bureau:
        en_bureau = next(((en, zh) for en, zh in en_hits if zh in set(bureau_names.values())), None)
        if en_bureau:
            bureau_written, bureau = en_bureau
    if bureau:
        why = f"识别到单位「{bureau_written}」→ {bureau}"
        if _has(low, "neighbourhood") or _has(low, "shared_tasks"):
            return ("bureau_neighbourhood", {"bureau": bureau},
                    f"{why};问的是关系/共同负责 → 单位关系网 · bureau + relations → bureau_neighbourhood")
        return ("tasks_of_bureau", {"bureau": bureau},
                f"{why} → 该单位牵头或配合的任务 · bureau → tasks it leads or supports")

    # 3. keyword-only questions that name no entity
    for rule in ("workload_ranking", "gap_check"):
        word = _has(low, rule)
        if word:
            return rule, {}, f"关键词「{word.strip()}」→ {rule}"

    # 4. a park (首钢园), a track (虚拟现实), a programme, another entity
    park = _longest_in(t, vocabulary.parks)
    track = _longest_in(t, vocabulary.tracks)
    if not park and not track:
        for en, zh in en_hits:
            if zh in vocabulary.parks:
                park = zh
                break
            if zh in vocabulary.tracks:
                track = zh
                break
    # a park name also counts when written without its suffix (首钢 → 首钢园)
    if not park and not track:
        for p in vocabulary.parks:
            stem = re.sub(r"(产业园|园区|集聚区|园|沿线|交通枢纽)$", "", p)
            if len(stem) >= 2 and stem in t and stem not in vocabulary.tracks:
                park = p
                break
    if park and (not track or len(park) >= len(track)):
        if _has(low, "concerning"):
            return "concerning", {"term": park}, f"识别到园区「{park}」,问涉及内容 → concerning"
        return "tasks_of_park", {"park": park}, f"识别到园区/地点「{park}」→ 涉及该园区的任务 · park → tasks"
    if track:
        if _has(low, "concerning"):
            return "concerning", {"term": track}, f"识别到赛道「{track}」,问涉及内容 → concerning"
        return "tasks_of_track", {"track": track}, f"识别到产业赛道「{track}」→ 涉及该赛道的任务 · track → tasks"

    programme = _programme(t, low, vocabulary)
    if programme:
        return ("tasks_of_programme", {"programme": programme},
                f"识别到工程「{programme}」→ 该工程的任务及牵头单位 · programme → tasks")

    entity = _longest_in(t, [n for _, n in vocabulary.entities])
    if entity:
        return "concerning", {"term": entity}, f"识别到「{entity}」→ 与之相关的内容 · entity → everything concerning it"

    for rule in ("targets", "shared_tasks"):
        word = _has(low, rule)
        if word:
            return rule, {}, f"关键词「{word.strip()}」→ {rule}"
    if re.search(r"20\d\d", t):
        return "targets", {}, "提到年份 → 量化目标 · a year → targets"

    return None, {}, ("没有识别出问题。可以问:某单位的任务(区科委牵头哪些任务?)、第几项任务由谁负责、某赛道或园区的任务、"
                      "哪个单位任务最多、2025年目标 · Could not match; try a bureau, a task number, a track or park.")


def _programme(t: str, low: str, vocab: Vocabulary) -> str | None:
    """A programme named in full, without 工程, or by a distinctive part when the question says 工程/programme."""
    for p in sorted(vocab.programmes, key=len, reverse=True):
        if p in t or (p.endswith("工程") and len(p) > 4 and p[:-2] in t):
            return p
    if not _has(low, "programme"):
        return None
    common = {"孵化", "工程", "机构", "提升", "优化"}
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
    for en, zh in ENGLISH_NAMES.items():
        if en in low:
            hit = next((p for p in vocab.programmes if zh in p), None)
            if hit:
                return hit
    return None


# -- answer subgraph ----------------------------------------------------------------------------------------
NAME_COLUMNS = ("bureau", "lead", "bureau_a", "bureau_b", "park", "entity", "programme", "name", "item")


def answer_node_ids(graph, question: str, params: dict, rows: list[dict]) -> set[str]:
    """Nodes of `graph` (built from the store) that an answer talks about, to draw it as a subgraph."""
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
        for col in ("tasks",):
            for num in row.get(col) or []:
                if isinstance(num, int):
                    ids |= tasks_by_number.get(num, set())
    return ids
