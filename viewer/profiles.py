"""Bureau and task profiles computed from the graph read from the store (pure)."""
from __future__ import annotations

import html
from collections import Counter

import networkx as nx

from viewer.vocabulary import KIND_ZH, ROLE_ZH


def bureau_profile(g: nx.MultiDiGraph, bid: str) -> dict:
    a = g.nodes[bid]
    items, co, topics = [], Counter(), Counter()
    for _, item, e in g.out_edges(bid, data=True):
        if e.get("type") != "RESPONSIBLE_FOR":
            continue
        it = g.nodes[item]
        items.append({"id": item, "kind": it.get("label"), "number": it.get("number"),
                      "title": it.get("title") or it.get("name"), "role": e.get("role"),
                      "角色": ROLE_ZH.get(e.get("role"), e.get("role")), "programme": it.get("programme", ""),
                      "plan": it.get("plan", "")})
        if it.get("label") != "Task":
            continue
        for other, _, e2 in g.in_edges(item, data=True):
            if e2.get("type") == "RESPONSIBLE_FOR" and other != bid:
                co[other] += 1
        for _, x, e3 in g.out_edges(item, data=True):
            if e3.get("type") == "MENTIONS" and g.nodes[x].get("label") in ("Track", "Park"):
                topics[x] += 1
    items.sort(key=lambda r: (r["kind"] != "Task", r["role"] != "lead", r["number"] or 0))
    # a bureau that leads and supports one task counts once per role; co-owners count distinct tasks
    co_tasks = Counter()
    for other in co:
        shared = {v for _, v, e in g.out_edges(bid, data=True) if e.get("type") == "RESPONSIBLE_FOR"} & \
                 {v for _, v, e in g.out_edges(other, data=True) if e.get("type") == "RESPONSIBLE_FOR"
                  and g.nodes[v].get("label") == "Task"}
        co_tasks[other] = len(shared)
    docs = [(g.nodes[d].get("name"), e.get("type")) for _, d, e in g.out_edges(bid, data=True)
            if e.get("type") in ("ISSUED", "DRAFTED")]
    return {
        "name": a.get("name"), "short_name": a.get("short_name"), "aliases": list(a.get("aliases") or []),
        "jurisdiction": a.get("jurisdiction", ""),
        "items": items,
        "leads": sum(1 for i in items if i["role"] == "lead" and i["kind"] == "Task"),
        "supports": sum(1 for i in items if i["role"] == "support" and i["kind"] == "Task"),
        "co_owners": [{"单位 bureau": g.nodes[o].get("short_name") or g.nodes[o].get("name"), "共同任务 shared": n}
                      for o, n in co_tasks.most_common()],
        "tracks": [{"赛道 track": g.nodes[x].get("name"), "任务数 tasks": n} for x, n in topics.most_common()
                   if g.nodes[x].get("label") == "Track"],
        "parks": [{"园区 park": g.nodes[x].get("name"), "任务数 tasks": n} for x, n in topics.most_common()
                  if g.nodes[x].get("label") == "Park"],
        "documents": docs,
    }


def task_profile(g: nx.MultiDiGraph, tid: str) -> dict:
    a = g.nodes[tid]
    owners, clauses = [], []
    for b, _, e in g.in_edges(tid, data=True):
        if e.get("type") == "RESPONSIBLE_FOR":
            owners.append({"单位 bureau": g.nodes[b].get("short_name") or g.nodes[b].get("name"),
                           "全称 full name": g.nodes[b].get("name"), "角色 role": ROLE_ZH.get(e.get("role"), ""),
                           "role": e.get("role"), "原文 as written": e.get("unit_as_written", ""), "id": b})
            if e.get("clause") and e["clause"] not in clauses:
                clauses.append(e["clause"])
    owners.sort(key=lambda o: ({"lead": 0, "support": 1, "guide": 2}.get(o["role"], 3), o["单位 bureau"]))
    linked = []
    for _, x, e in g.out_edges(tid, data=True):
        if e.get("type") == "MENTIONS":
            linked.append({"类型 kind": KIND_ZH.get(g.nodes[x].get("label"), g.nodes[x].get("label")),
                           "名称 name": g.nodes[x].get("name"), "次数 mentions": e.get("mentions", 1)})
        elif e.get("type") == "PART_OF":
            linked.append({"类型 kind": KIND_ZH.get(g.nodes[x].get("label"), g.nodes[x].get("label")),
                           "名称 name": g.nodes[x].get("name"),
                           "次数 mentions": ""})
    targets = [{"年份 year": t.get("year"), "指标 metric": t.get("metric"), "原文 text": t.get("text")}
               for n, t in g.nodes(data=True) if t.get("label") == "Target" and t.get("document") == a.get("document")]
    return {"number": a.get("number"), "title": a.get("title") or a.get("name"), "text": a.get("text") or "",
            "plan": a.get("plan", ""),
            "programme": a.get("programme", ""), "deadline": a.get("deadline", ""), "owners": owners,
            "clauses": clauses, "linked": linked, "targets": targets}


def highlight(text: str, clauses: list[str], names: list[str] = ()) -> str:
    """HTML-escaped text with the duty clauses marked and bureau names in them bold."""
    out = html.escape(text)
    for c in clauses:
        esc = html.escape(c)
        marked = esc
        for n in sorted({html.escape(x) for x in names if x}, key=len, reverse=True):
            marked = marked.replace(n, f"<b>{n}</b>")
        out = out.replace(esc, f'<mark class="duty">{marked}</mark>')
    return out


def find_profile(g: nx.MultiDiGraph, wanted: str, ids: list[str]) -> str | None:
    """The node a profile link names: its id, or a bureau by any of its names (区科委, the full name, an alias, a
    variant such as 石景山区科委); among several bureaus of that name, the first in `ids` order."""
    if not wanted:
        return None
    if wanted in ids:
        return wanted
    from graph.questions.router import name_variants

    for n in ids:
        a = g.nodes[n]
        if a.get("label") == "Bureau" and (wanted in (a.get("short_name"), a.get("name"), *(a.get("aliases") or []))):
            return n
    for n in ids:
        a = g.nodes[n]
        if a.get("label") == "Bureau" and wanted in name_variants({**a, "id": n}):
            return n
    return None
