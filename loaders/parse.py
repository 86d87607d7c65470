"""Normalised text to a ParsedDocument: items, duties, targets, mentions and document facts, all with spans."""
from __future__ import annotations

import hashlib
from bisect import bisect_right
from functools import lru_cache, partial
import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import NamedTuple

from loaders.aliases import AliasTable, jurisdiction_of, load_alias_table, unit_identity
from loaders.deadlines import find_deadline
from loaders.duties import (Duty, DutyClause, column_role, find_duty_clauses, find_leaders, find_role_sentences,
                            label_kind, label_line, lead_rule, looks_like_unit, marker_line, parse_cells, parse_marker_line,
                            pickled_by_fields)
from loaders.entities import Mention, find_mentions
from loaders.errors import NoTasks
from loaders.formats import read_document
from loaders.metadata import DocumentFacts, extract_facts
from loaders.read import Text, read_text
from loaders.script import fold, reading_view
from loaders.structure import Block, find_tables, heading_span, sentence_at, sentences_at, split_structure, walk
from loaders.targets import Target, find_targets, is_target_block

_PRINCIPLES = re.compile(r"原则")
_MEASURES = re.compile(r"保障|组织实施|工作要求|有关要求")
_PROSE_LEAD = re.compile(r"([\u4e00-\u9fff()]{2,30}?)(?:为|是|作为)[\u4e00-\u9fff]{0,12}?(?:牵头单位|牵头部门)")
_FOOTER = re.compile(r"^(?:发布时间|发布日期|来源|责任编辑|【打印】|打印本页|关闭窗口)")


@pickled_by_fields
@dataclass
class Item:
    """A task, principle or safeguard measure: a span of the text with a title."""

    kind: str  # Task | Principle | Measure
    seq: int  # 1-based order within its kind in the document
    number: int  # as numbered in the text, else seq
    title: str
    text: str
    start: int
    end: int
    path: tuple[str, ...]
    programme: int | None = None  # index into ParsedDocument.programmes
    clauses: list[DutyClause] = field(default_factory=list)
    deadline: str = ""  # ISO date (2024-12-31) where the text states one, else the phrase (持续推进), else ''
    sentence: str = ""  # the sentence that names the item (its title sentence), for provenance
    heading: bool = False  # a heading that carries a marker (一、强化科技创新(区科技局牵头)), a task of its own
    # the seq of the heading task above whose marker answers for this task, when it has none of its own
    # (一、…(X牵头) over 1. 2.); the text states those facts once, on the heading, and counts them there
    under: int | None = None

    @property
    def leader(self) -> str:
        """People a leader label names (责任领导:X), never units; '' when none."""
        if not any(c.leaders for c in self.clauses):  # most items name no leader
            return ""
        return "、".join(dict.fromkeys(p for c in self.clauses for p in c.leaders))


@dataclass
class Programme:
    seq: int
    number: int
    title: str
    start: int
    end: int
    path: tuple[str, ...]


@dataclass(frozen=True)
class Bureau:
    """A unit's resolved identity, the same that `python -m graph aliases` reports: one bureau per key."""

    key: str  # the canonical name for a unit the alias table knows, else a jurisdiction-scoped normalised key
    name: str  # canonical (official) name, else as written
    short_name: str
    aliases: tuple[str, ...]
    jurisdiction: str
    in_alias_table: bool


@dataclass
class Responsibility:
    item: Item
    duty: Duty
    clause: DutyClause
    bureau: Bureau

    @property
    def canonical(self) -> str:
        return self.bureau.name


class MentionFact(NamedTuple):
    """Where a mention stands (a tuple, like the mention: a document holds hundreds)."""

    host: str  # Task | Principle | Measure | Target | Document
    host_seq: int
    mention: Mention
    sentence: tuple[int, int]


@dataclass
class ParsedDocument:
    path: str
    doc_id: str
    text: Text
    facts: DocumentFacts
    jurisdiction: str
    programmes: list[Programme]
    tasks: list[Item]
    principles: list[Item]
    measures: list[Item]
    targets: list[Target]
    mentions: list[MentionFact]
    sha256: str
    aliases: AliasTable
    bureaus: dict[str, Bureau] = field(default_factory=dict)  # every unit as written → its resolved bureau

    def canonical(self, unit: str) -> str:
        """A unit's canonical name: from the alias table, else as written."""
        return self.bureau(unit).name

    def bureau(self, unit: str) -> Bureau:
        """The resolved bureau of a unit as written (resolved once per document, at parse time)."""
        if unit not in self.bureaus:
            self.bureaus[unit] = _identify(unit, self.jurisdiction, self.aliases)
        return self.bureaus[unit]

    def responsibilities(self, kinds=("Task",)) -> list[Responsibility]:
        items = [i for kind in kinds for i in {"Task": self.tasks, "Measure": self.measures}[kind]]
        return [Responsibility(item, d, c, self.bureau(d.unit)) for item in items for c in item.clauses
                for d in c.duties]

    def sentence(self, start: int, end: int) -> str:
        s, e = sentence_at(self.text.text, start, end)
        return self.text.text[s:e]

    def __reduce__(self):
        """Pickled (by a worker process) with its mentions as plain tuples, put back as tuples of their class by
        tuple.__new__: hundreds per document, which pickled one by one (each a call to its __getnewargs__ and its
        class's __new__) cost twice the rest of the document."""
        values = [getattr(self, name) for name in _DOCUMENT_FIELDS]
        values[_MENTIONS_AT] = (tuple(tuple(f.mention) for f in self.mentions),
                                tuple((f.host, f.host_seq, f.sentence) for f in self.mentions))
        return _unpickle_document, tuple(values)


def _unpickle_document(*values) -> ParsedDocument:
    values = list(values)
    mentions, hosts = values[_MENTIONS_AT]
    new = tuple.__new__
    values[_MENTIONS_AT] = [new(MentionFact, (host, seq, m, sentence))
                            for (host, seq, sentence), m in zip(hosts, map(partial(new, Mention), mentions))]
    return ParsedDocument(*values)


_DOCUMENT_FIELDS = [f.name for f in fields(ParsedDocument)]
_MENTIONS_AT = _DOCUMENT_FIELDS.index("mentions")


def parse_document(source: str | Path | Text, *, aliases: AliasTable | None = None,
                   require_tasks: bool = True) -> ParsedDocument:
    text = source if isinstance(source, Text) else read_document(source)
    body = text.text
    # structure, labels, table headers, targets and metadata are read in Simplified characters; units are sliced
    # from the original text at the same offsets, so they stay as written
    view = reading_view(body)
    preamble, parts = split_structure(view)
    rows = find_tables(view, column_role)
    if rows:  # a plan that is only a task table: its rows are no preamble
        preamble = [line for line in preamble if line.start < rows[0].start]
    facts = extract_facts(view, preamble)
    table = aliases or load_alias_table()
    jurisdiction = _jurisdiction(facts, table)
    first_leads = lead_rule(view)

    programmes: list[Programme] = []
    tasks: list[Item] = []
    principles: list[Item] = []
    measures: list[Item] = []
    targets: list[Target] = []
    row_starts = [r.start for r in rows]

    def tabled(block: Block) -> bool:
        i = bisect_right(row_starts, block.start) - 1
        return i >= 0 and rows[i].start <= block.start < rows[i].end

    for part in parts:
        in_measures = bool(_MEASURES.search(part.title))
        every = [part, *walk(part.children)]  # walked once: the programmes and the blocks below read the same list
        for block in every:
            if block.kind == "section" and any(c.kind == "item" and not tabled(c) for c in block.children) \
                    and not in_measures:
                programmes.append(Programme(len(programmes) + 1, block.number or 0, block.title, block.start,
                                            max(c.end for c in block.children), block.path))
        programme_of = {p.path: p.seq - 1 for p in programmes}
        # clause first, host second: every marker in the part, then the smallest block it stands in, or the block
        # before it when it stands on its own line
        blocks = [b for b in every if not tabled(b) and b.text]
        # a paragraph's clauses, read once: the marker lines below a paragraph look at it first
        read_clauses = lru_cache(maxsize=None)(partial(find_duty_clauses, body, first_leads=first_leads))
        label_runs = _label_runs(blocks, body, first_leads, read_clauses)
        for n, block in enumerate(blocks):
            if _is_footer(block) or n in label_runs["member"]:
                continue
            section_title = block.path[-1] if len(block.path) > 1 else ""
            own_start, own_end = heading_span(block)
            clauses = list(read_clauses(own_start, own_end)) + label_runs["host"].get(n, [])
            if not clauses and not in_measures and block.kind in ("item", "para"):
                clauses = find_role_sentences(body, own_start, own_end, first_leads=first_leads)
            if block.kind in ("part", "section") and clauses:
                # a heading that carries a marker (一、强化科技创新(区科技局牵头)) is a task of its own, listed once
                tasks.append(replace(_task(block, clauses, programme_of.get(block.path), body), heading=True))
            elif block.kind == "part":
                continue
            elif block.kind == "section" and in_measures:
                measures.append(_measure(block, len(measures) + 1, body))
            elif in_measures and clauses:
                # an explicit marker makes a task whatever the part is called (保障, 组织实施)
                tasks.append(_task(block, clauses, None, body))
            elif block.kind in ("item", "para") and in_measures and len(block.path) == 1:
                measures.append(Item("Measure", len(measures) + 1, len(measures) + 1, block.title, block.text,
                                     block.start, block.end, block.path))
            elif block.kind == "para" and _PRINCIPLES.search(section_title) and not clauses:
                principles.append(Item("Principle", len(principles) + 1, len(principles) + 1, block.title,
                                       block.text, block.start, block.end, block.path))
            elif block.kind == "para" and is_target_block(block.path, block.text) and not clauses:
                targets.extend(find_targets(view, block.start, block.end))
            elif (block.kind == "item" and not in_measures) or (block.kind == "para" and clauses and not in_measures):
                if block.kind == "para" and n and _title_only(blocks[n - 1], tasks):
                    # 1、建设平台 / 加快建设…(区科委负责): the paragraph under a title-only item is its body, one task
                    item = blocks[n - 1]
                    whole = replace(item, end=block.end, text=body[item.start:block.end])
                    tasks[-1] = _task(whole, clauses, programme_of.get(item.path), body)
                    continue
                head = _heading_body(blocks, n, tasks) if block.kind == "para" else None
                if head:
                    # (一)推进一网通办。2025年底前实现…(牵头单位:X): the heading names the task its body carries
                    block = replace(block, title=head.title, start=head.start, text=body[head.start:block.end])
                tasks.append(_task(block, clauses, programme_of.get(block.path), body))
    path_at = _path_finder(parts)
    heading = None  # the programme a table's category row opened, for the rows below it in the same table
    category = None  # the programme a category column's cell opened (任务类别 | 具体任务), for rows until it changes
    for n, row in enumerate(rows):
        if n and body[rows[n - 1].end:row.start].strip():
            heading = category = None
        if row.heading:
            programmes.append(Programme(len(programmes) + 1, row.number or 0, row.title, row.start, row.end,
                                        path_at(row.start)))
            heading = len(programmes) - 1
            category = None
            continue
        if heading is not None:
            programmes[heading] = replace(programmes[heading], end=row.end)
        if row.category and (category is None or programmes[category].title != row.category):
            programmes.append(Programme(len(programmes) + 1, 0, row.category, row.start, row.end, path_at(row.start)))
            category = len(programmes) - 1
        elif category is not None:
            programmes[category] = replace(programmes[category], end=row.end)
        clauses = []
        unit_cells = [(column_role(h), s, e) for h, s, e in row.cells if column_role(h)]
        duties = parse_cells(body, unit_cells, first_leads=first_leads)
        if duties:
            cs, ce = min(s for _, s, _ in unit_cells), max(e for _, _, e in unit_cells)
            leaders = [body[s:e].strip() for h, s, e in row.cells if label_kind(re.sub(r"\s", "", h))[0] == "leader"]
            clauses.append(DutyClause(body[cs:ce], cs, ce, duties, [p for p in leaders if p]))
        text_ = body[row.start:row.end]
        deadline = find_deadline(row.deadline, cell=True) if row.deadline else find_deadline(
            body[row.task_span[0]:row.task_span[1]])
        tasks.append(Item("Task", 0, row.number or 0, row.title, text_, row.start, row.end, path_at(row.start),
                          heading if category is None else category, clauses, deadline))
    tasks.sort(key=lambda t: t.start)
    for n, t in enumerate(tasks, 1):
        t.seq = n
    _number_tasks(tasks)
    _owning_headings(tasks)
    for m in measures:
        m.clauses = _prose_leads(view, m, body)
    if require_tasks and not any(t.clauses for t in tasks):
        raise NoTasks(f"{text.path}: no task with a responsibility clause such as (责任单位:A、B) was found; "
                      "check that this is a work plan, or see README 'Supported markup'.")
    sha = hashlib.sha256(text.raw.encode("utf-8")).hexdigest()
    key = facts.doc_number or facts.title or Path(text.path).stem
    doc_id = "doc-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
    doc = ParsedDocument(text.path, doc_id, text, facts, jurisdiction, programmes, tasks, principles, measures,
                         targets, [], sha, table)
    doc.mentions = _mentions(doc, parts)
    items = [*tasks, *principles, *measures]
    for item, (s, e) in zip(items, sentences_at(body, [(i.start, i.start + 1) for i in items])):  # one pass
        item.sentence = body[s:min(e, item.end)]
    for unit in [d.unit for item in [*tasks, *measures] for c in item.clauses for d in c.duties] + [
            name for name, _, _ in [*facts.issuers, *facts.drafters]]:
        doc.bureau(unit)
    return doc


def _identify(unit: str, jurisdiction: str, table: AliasTable) -> Bureau:
    """A relative name the table does not know (区金融办) is scoped to the plan's jurisdiction, so two districts'
    区金融办 stay two bureaus; Traditional characters match the table folded (市財政局 is 市财政局)."""
    # kept on the table (a load resolves the same units plan after plan); Bureau is frozen, so it can be shared
    known = table.__dict__.setdefault("_bureaus", {})
    bureau = known.get((unit, jurisdiction))
    if bureau is None:
        if len(known) >= 65536:
            known.clear()
        bureau = known[(unit, jurisdiction)] = _resolve_bureau(unit, jurisdiction, table)
    return bureau


def _resolve_bureau(unit: str, jurisdiction: str, table: AliasTable) -> Bureau:
    key, canonical, _ = unit_identity(fold(unit), jurisdiction, table)
    if canonical:
        return Bureau(canonical, canonical, table.short_name(canonical), tuple(table.aliases_of(canonical)),
                      table.scope_of(canonical) or jurisdiction_of(canonical), True)
    return Bureau(key[2:], unit, unit, (), jurisdiction, False)


def parse_text(data: str | bytes, path: str = "<text>", **kw) -> ParsedDocument:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return parse_document(read_text(raw, path), **kw)


def _heading_body(blocks: list[Block], n: int, tasks: list[Item]) -> Block | None:
    """The heading whose body `blocks[n]` ends, when all it holds is paragraphs (so no numbered items: it is no
    programme) and no task began under it before (一、完善评价机制。建立…(责任单位:X), or (一)推进一网通办。… /
    2025年底前…(牵头单位:X)); the heading is no task of its own (a marker on its title)."""
    block = blocks[n]
    k = n - 1
    while k >= 0 and blocks[k].kind == "para":
        k -= 1
    head = blocks[k] if k >= 0 else None
    if head is None or head.kind not in ("part", "section") or not head.children or head.children[-1] is not block:
        return None
    if any(c.kind != "para" for c in head.children) or (tasks and tasks[-1].start >= head.start):
        return None
    return head


def _title_only(block: Block, tasks: list[Item]) -> bool:
    """A numbered item that is only a title line (no sentence, no marker), the task listed last, still without an
    owner: the paragraph right under it is its body."""
    return (block.kind == "item" and bool(tasks) and tasks[-1].start == block.start and not tasks[-1].clauses
            and "\n" not in block.text.strip() and not re.search(r"[。;；!！?？]", block.text))


def _task(block: Block, clauses: list[DutyClause], programme: int | None, body: str) -> Item:
    title = block.title
    for c in clauses:  # 强化科技创新(区科技局牵头): the marker on a heading is no part of its title
        if title.endswith(c.text.strip()) and len(title) > len(c.text.strip()):
            title = title[: -len(c.text.strip())].rstrip()
        elif title.startswith(c.text.strip()) and len(title) > len(c.text.strip()):  # 1.【区发改委】编制规划
            title = title[len(c.text.strip()):].lstrip()
    return Item("Task", 0, block.number or 0, title, block.text, block.start, heading_span(block)[1],
                block.path, programme, clauses, find_deadline(block.text))


def _label_runs(blocks: list[Block], body: str, first_leads: bool, read_clauses) -> dict:
    """Lines that only assign units (牵头单位:X / 责任单位:Y、Z, or X牵头,A、B配合。) under a task: one clause for
    the block before them."""
    member: set[int] = set()
    host: dict[int, list[DutyClause]] = {}
    n = 0
    while n < len(blocks):
        if blocks[n].kind == "para" and marker_line(blocks[n].text) and n > 0:
            m = n
            while m + 1 < len(blocks) and label_line(blocks[n].text) and _joins_label_run(blocks, m + 1):
                m += 1
            first = n
            if n > 1 and n - 1 not in member and label_line(blocks[n].text) and blocks[n - 1].kind == "para" \
                    and _ASIDE_LABEL.match(fold(blocks[n - 1].text)):
                first = n - 1  # 分管领导:X / 牵头单位:Y: the leader line opens the run
            s, e = blocks[first].start, blocks[m].end
            duties = parse_marker_line(body, blocks[n].start, e, first_leads=first_leads)
            target = _host_before(blocks, first, member, read_clauses)
            if duties and target >= 0:
                host.setdefault(target, []).append(DutyClause(body[s:e], s, e, duties, find_leaders(body[s:e])))
                member.update(range(first, m + 1))
            n = m + 1
            continue
        n += 1
    return {"member": member, "host": host}


# a line between label lines that names a deadline or a person, not units (完成时限:2023年底 / 责任领导:张三)
_ASIDE_LABEL = re.compile(r"^[【\[]?(?:完成|办结)?(?:时限|时间|期限|时间节点|进度安排|进度|时限要求)[】\]]?\s*[:：]"
                          r"|^[【\[]?(?:责任|分管|牵头|联系|包抓|包联)(?:负责)?(?:市|区|县|省|旗)?(?:领导|负责人)[】\]]?\s*[:：]|^责任人\s*[:：]")


def _joins_label_run(blocks: list[Block], i: int) -> bool:
    """Block i continues a run of label lines: a label line, or an aside (完成时限:…) with a label line after it."""
    b = blocks[i]
    if b.kind != "para":
        return False
    if label_line(b.text):
        return True
    return bool(_ASIDE_LABEL.match(fold(b.text))) and i + 1 < len(blocks) and blocks[i + 1].kind == "para" \
        and label_line(blocks[i + 1].text)


def _host_before(blocks: list[Block], n: int, member: set[int], read_clauses) -> int:
    """The block a marker line belongs to: the one before it, or, when that is a paragraph continuing a numbered
    item or heading without a marker of its own (1.建设平台。/ 推进建设。/ (责任单位:X)), that item or heading."""
    target = n - 1
    while target in member:
        target -= 1
    k = target
    while k > 0 and blocks[k].kind == "para" and (k - 1) not in member \
            and not read_clauses(blocks[k].start, blocks[k].end):
        k -= 1
        if blocks[k].kind != "para":
            return k
    return target


def _path_finder(parts: list[Block]):
    """A function giving the path of the last heading at or before an offset (headings listed once, then bisected)."""
    heads = [(b.start, b.path) for b in walk(parts) if b.kind in ("part", "section")]
    starts = [s for s, _ in heads]

    def path_at(at: int) -> tuple[str, ...]:
        i = bisect_right(starts, at) - 1
        return heads[i][1] if i >= 0 else ()
    return path_at


def _is_footer(block: Block) -> bool:
    return block.kind == "para" and bool(_FOOTER.match(block.text))


def _measure(block: Block, seq: int, body: str) -> Item:
    end = max([block.end] + [c.end for c in block.children if not _is_footer(c)])
    text = "\n".join(c.text for c in block.children if not _is_footer(c))
    return Item("Measure", seq, block.number or seq, block.title, text, block.start, end, block.path)


def _prose_leads(body: str, item: Item, original: str) -> list[DutyClause]:
    """区科委为工作专班牵头单位: a lead named in prose, kept on the safeguard measure that says it."""
    out = []
    for m in _PROSE_LEAD.finditer(body, item.start, item.end):
        unit = m.group(1)
        # the unit is the tail of the phrase before 为: cut at the last comma-free clause start
        unit = re.split(r"[,，、。]", unit)[-1]
        if looks_like_unit(unit):
            s = m.start(1) + m.group(1).rfind(unit)
            out.append(DutyClause(original[m.start():m.end()], m.start(), m.end(),
                                  [Duty(original[s:s + len(unit)], "lead", s, s + len(unit))]))
    return out


def _owning_headings(tasks: list[Item]) -> None:
    """Set `under` on every task without a marker of its own below a heading task with one: the nearest such
    heading whose path its path continues."""
    open_headings: list[Item] = []
    for t in tasks:
        while open_headings and t.path[:len(open_headings[-1].path)] != open_headings[-1].path:
            open_headings.pop()
        if t.heading:
            open_headings.append(t)
        elif not t.clauses and open_headings:
            t.under = open_headings[-1].seq


def _number_tasks(tasks: list[Item]) -> None:
    """Keep the document's numbers when they are unique, else number tasks in order."""
    numbers = [t.number for t in tasks]
    if not numbers or 0 in numbers or len(set(numbers)) != len(numbers):
        for t in tasks:
            t.number = t.seq


def _jurisdiction(facts: DocumentFacts, table: AliasTable) -> str:
    """The place the plan governs, from its issuers' official names (北京市石景山区)."""
    for name, _, _ in facts.issuers:
        place = jurisdiction_of(name)
        if place:
            return place
    for name, _, _ in facts.drafters:
        resolved = table.resolve(name)
        if resolved:
            return jurisdiction_of(resolved)
    return jurisdiction_of(facts.title)


def _mentions(doc: ParsedDocument, parts: list[Block]) -> list[MentionFact]:
    body = doc.text.text
    hosts = [(t.start, t.end, "Task", t.seq) for t in doc.tasks]
    hosts += [(p.start, p.end, "Principle", p.seq) for p in doc.principles]
    hosts += [(m.start, m.end, "Measure", m.seq) for m in doc.measures]
    hosts += [(g.start, g.end, "Target", i + 1) for i, g in enumerate(doc.targets)]
    facts = []
    if not parts:
        return facts
    hosts.sort()  # items do not nest, so the host of a mention is the last one starting before it
    starts = [h[0] for h in hosts]
    mentions = find_mentions(fold(body), parts[0].start, max(p.end for p in parts))
    for m, sentence in zip(mentions, sentences_at(body, [(m.start, m.end) for m in mentions])):
        i = bisect_right(starts, m.start) - 1
        host = hosts[i][2:] if i >= 0 and m.end <= hosts[i][1] else ("Document", 0)
        facts.append(MentionFact(host[0], host[1], m, sentence))
    return facts
