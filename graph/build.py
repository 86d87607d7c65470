"""Parsed documents to a networkx MultiDiGraph; pure and deterministic."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import networkx as nx

from graph.model import REL_TYPES, bureau_id, entity_id, item_id, node_props, policy_id, rel_props
from loaders.parse import ParsedDocument


def build_graph(docs: Iterable[ParsedDocument], graph: nx.MultiDiGraph | None = None) -> nx.MultiDiGraph:
    g = graph if graph is not None else nx.MultiDiGraph()
    for doc in docs:
        _add_document(g, doc)
    return g


def _prov(doc: ParsedDocument, path, start: int, end: int, sentence: str | None = None) -> dict:
    raw_start, raw_end = doc.text.raw_span(start, end)
    return {"document": doc.doc_id, "section": " / ".join(path), "span_start": raw_start, "span_end": raw_end,
            "sentence": sentence if sentence is not None else doc.sentence(start, end)}


def _node(g: nx.MultiDiGraph, node_id: str, label: str, props: dict, shared: bool = False,
          kind: str | None = None) -> None:
    """Add a node; a shared node (bureau, entity) keeps the provenance of its first mention. `kind` is the label
    unless given (an Entity's: Track, Park, …)."""
    if shared and node_id in g:
        return
    allowed = _node_props(label)
    if not allowed.keys() >= props.keys():  # only the schema's properties
        props = {k: v for k, v in props.items() if k in allowed}
    g.add_node(node_id, label=label, id=node_id, kind=kind or label, **props)


def _edge(g: nx.MultiDiGraph, src: str, dst: str, rel_type: str, props: dict) -> None:
    key_prop, allowed = _rel_schema(rel_type)
    key = f"{rel_type}:{props[key_prop]}" if key_prop else rel_type
    if not allowed.keys() >= props.keys():  # only the schema's properties (the common case passes as it is)
        props = {k: v for k, v in props.items() if k in allowed}
    g.add_edge(src, dst, key=key, type=rel_type, **props)


# the schema's property lists, built once per label and type rather than once per node and edge (a 1,000-plan
# graph has half a million edges)
_node_props = lru_cache(maxsize=None)(node_props)


@lru_cache(maxsize=None)
def _rel_schema(rel_type: str) -> tuple[str | None, dict]:
    return REL_TYPES[rel_type].get("key"), rel_props(rel_type)


def _add_document(g: nx.MultiDiGraph, doc: ParsedDocument) -> None:
    f = doc.facts
    d = doc.doc_id
    t0, t1 = f.title_span
    _node(g, d, "Document", {"name": f.title, "title": f.title, "notice_title": f.notice_title,
                             "doc_number": f.doc_number, "signed_on": f.signed_on, "published_on": f.published_on,
                             "disclosure": f.disclosure, "parent_policy": f.parent_policy,
                             "jurisdiction": doc.jurisdiction, "path": doc.path, "sha256": doc.sha256,
                             **_prov(doc, (), t0, t1, f.title)})
    if f.parent_policy:
        pid = policy_id(f.parent_policy)
        at = doc.text.text.find(f.parent_policy)
        prov = _prov(doc, (), at, at + len(f.parent_policy))
        _node(g, pid, "Policy", {"name": f.parent_policy, **prov}, shared=True)
        _edge(g, d, pid, "IMPLEMENTS", prov)
    for rel, units in (("ISSUED", f.issuers), ("DRAFTED", f.drafters)):
        for unit, s, e in units:
            bid = _bureau(g, doc, unit, s, e, ())
            _edge(g, bid, d, rel, {"name_as_written": unit, **_prov(doc, (), s, e, doc.text.text[s:e])})
    for p in doc.programmes:
        pid = item_id(d, "Programme", p.seq)
        prov = _prov(doc, p.path, p.start, p.start + len(p.title) + 4, p.title)
        _node(g, pid, "Programme", {"name": p.title, "number": p.number, "seq": p.seq, **prov})
        _edge(g, pid, d, "PART_OF", prov)
    for t in doc.tasks:
        tid = item_id(d, "Task", t.seq)
        prog = doc.programmes[t.programme] if t.programme is not None else None
        # the full text is in `text`; the source sentence is the one that names the task
        prov = _prov(doc, t.path + (str(t.number),), t.start, t.end, t.sentence)
        _node(g, tid, "Task", {"name": t.title, "title": t.title, "number": t.number, "seq": t.seq,
                               "text": t.text, "programme": prog.title if prog else "",
                               "deadline": getattr(t, "deadline", "") or "", "leader": getattr(t, "leader", ""),
                               **prov})
        _edge(g, tid, item_id(d, "Programme", prog.seq) if prog else d, "PART_OF", prov)
    for kind, items in (("Principle", doc.principles), ("Measure", doc.measures)):
        for it in items:
            iid = item_id(d, kind, it.seq)
            prov = _prov(doc, it.path, it.start, it.end, it.sentence)
            _node(g, iid, kind, {"name": it.title, "number": it.number, "text": it.text, **prov})
            _edge(g, iid, d, "PART_OF", prov)
    for n, tg in enumerate(doc.targets, 1):
        tid = item_id(d, "Target", n)
        prov = _prov(doc, (), tg.start, tg.end, tg.text)
        _node(g, tid, "Target", {"name": tg.metric, "metric": tg.metric, "comparator": tg.comparator,
                                 "value": tg.value, "unit": tg.unit, "year": tg.year, "text": tg.text, **prov})
        _edge(g, tid, d, "PART_OF", prov)
    heads: dict[int, list] = {}  # heading task seq -> the tasks below it that its marker answers for
    for t in doc.tasks:
        if t.under is not None:
            heads.setdefault(t.under, []).append(t)
    owners: dict[str, set[str]] = {}  # task id -> its bureaus
    tallies: dict[str, _RoleTally] = {}  # bureau id -> its task responsibilities in the document
    for r in doc.responsibilities(kinds=("Task", "Measure")):
        item = r.item
        host = item_id(d, item.kind, item.seq)
        path = item.path + ((str(item.number),) if item.kind == "Task" else ())
        bid = _bureau(g, doc, r.duty.unit, r.duty.start, r.duty.end, path)
        prov = _prov(doc, path, r.duty.start, r.duty.end, r.clause.text)
        _edge(g, bid, host, "RESPONSIBLE_FOR", {"role": r.duty.role, "unit_as_written": r.duty.unit,
                                                 "clause": r.clause.text, **prov})
        if item.kind == "Task":
            owners.setdefault(host, set()).add(bid)
            if bid not in tallies:
                tallies[bid] = _RoleTally(provenance=prov)
            tallies[bid].counts[r.duty.role] += 1
        for below in heads.get(item.seq, ()) if item.kind == "Task" else ():
            # a task without a marker of its own under this heading: the heading's units answer for it, each fact
            # traced to the heading's marker and marked as inherited from the heading
            task = item_id(d, "Task", below.seq)
            _edge(g, bid, task, "RESPONSIBLE_FOR", {"role": r.duty.role, "unit_as_written": r.duty.unit,
                                                     "clause": r.clause.text, "inherited_from": host, **prov})
            owners.setdefault(task, set()).add(bid)
            tallies[bid].counts[r.duty.role] += 1
    _add_co_ownership(g, owners)
    _add_carried(g, d, tallies)
    for mf in doc.mentions:
        m = mf.mention
        host = d if mf.host == "Document" else item_id(d, mf.host, mf.host_seq)
        eid = entity_id(m.type, m.name)
        s, e = mf.sentence
        prov = _prov(doc, (), m.start, m.end, doc.text.text[s:e])
        _node(g, eid, "Entity", {"name": m.name, "source": m.source, **prov}, shared=True, kind=m.type)
        key = "MENTIONS"
        if g.has_edge(host, eid, key):
            g.edges[host, eid, key]["mentions"] += 1
        else:
            _edge(g, host, eid, "MENTIONS", {"text": m.text, "mentions": 1, **prov})


def _add_co_ownership(g: nx.MultiDiGraph, owners: dict[str, set[str]]) -> None:
    """One CO_OWNS edge per task and pair of bureaus sharing it (`owners`: task id -> bureau ids), holding the
    task's id and number; its provenance is the task's."""
    for task, bureaus in owners.items():
        if len(bureaus) < 2:
            continue
        node = g.nodes[task]
        props = {"task": task, "task_number": node["number"], **{k: node.get(k) for k in _CO_PROVENANCE}}
        ordered = sorted(bureaus)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:]:
                _edge(g, a, b, "CO_OWNS", props)


_CO_PROVENANCE = ("document", "section", "span_start", "span_end", "sentence")


@dataclass
class _RoleTally:
    """A bureau's task responsibilities in one document: how many it holds in each role (a bureau may hold two
    roles on one task, so they add up to its responsibilities, not its tasks), and where the first one is."""
    provenance: dict
    counts: Counter = field(default_factory=Counter)  # role -> responsibilities


def _add_carried(g: nx.MultiDiGraph, d: str, tallies: dict[str, _RoleTally]) -> None:
    """One CARRIES edge per bureau with tasks in document `d` (`tallies`: bureau id -> its responsibilities),
    with its counts by role and the provenance of its first task responsibility."""
    for bid, t in sorted(tallies.items()):
        _edge(g, bid, d, "CARRIES",
              {"leads": t.counts["lead"], "supports": t.counts["support"], "guides": t.counts["guide"], **t.provenance})


def _bureau(g: nx.MultiDiGraph, doc: ParsedDocument, unit: str, start: int, end: int, path) -> str:
    b = doc.bureaus[unit]
    bid = bureau_id(b.key)
    if bid not in g:
        _node(g, bid, "Bureau", {"name": b.name, "short_name": b.short_name, "aliases": list(b.aliases),
                                 "jurisdiction": b.jurisdiction, "in_alias_table": b.in_alias_table,
                                 **_prov(doc, path, start, end)}, shared=True)
    return bid
