"""档案 Profiles: one bureau (tasks led and supported, co-owners, tracks, parks) or one task (text, owners, links)."""
from __future__ import annotations

from collections import Counter

import pandas as pd
import streamlit as st

from viewer import data, state
from viewer.profiles import bureau_profile, find_profile, highlight, task_profile
from viewer.subgraph import display_name, focus_graph, options, scope_graph
from viewer.task_history import show_task_history
from viewer.vocabulary import KIND_ZH
from viewer.widgets import show_network, show_table


def render() -> None:
    st.header("档案 · Profiles")
    g = scope_graph(data.graph(), state.selected_plans())
    bureaus, tasks = options(g, "Bureau"), options(g, "Task")
    names = {n: display_name(a) for n, a in g.nodes(data=True)}
    shorts = Counter(names[n] for n, _ in bureaus)
    for n, _ in bureaus:  # two bureaus with one short name: their jurisdiction tells them apart
        if shorts[names[n]] > 1:
            names[n] = f"{names[n]}({g.nodes[n].get('jurisdiction') or n})"
    url_id = state.url_get("id")
    state.init("pf_kind", "task" if state.url_get("kind") == "task" else "bureau")
    kind = st.radio("类型 · kind", ["bureau", "task"], key="pf_kind", horizontal=True,
                    format_func={"bureau": "单位 · bureau", "task": "任务 · task"}.get)
    opts = [o for o, _ in (bureaus if kind == "bureau" else tasks)]
    if not opts:
        st.info("没有数据 · nothing to show")
        return
    state.init(f"pf_{kind}", find_profile(g, url_id, opts) or opts[0])
    nid = st.selectbox("选择 · choose", opts, key=f"pf_{kind}", format_func=names.get, placeholder="请选择 · choose")
    state.write_url({"page": "profiles", "kind": kind, "id": nid, "present": "1" if state.presentation() else ""})
    if kind == "bureau":
        _bureau(g, nid)
    else:
        _task(g, nid)
    show_network(focus_graph(g, nid, 1), height=480)


def _bureau(g, nid: str) -> None:
    p = bureau_profile(g, nid)
    st.subheader(f"{p['short_name']} · {p['name']}")
    st.markdown(f"**别名 · aliases:** {'、'.join(p['aliases']) or '—'}" +
                (f" · **辖区 · jurisdiction:** {p['jurisdiction']}" if p.get("jurisdiction") else ""))
    c = st.columns(3)
    c[0].metric("牵头任务 · leads", p["leads"])
    c[1].metric("配合任务 · supports", p["supports"])
    c[2].metric("共同负责单位 · co-owners", len(p["co_owners"]))
    st.markdown("**负责的任务和措施 · tasks and measures**")
    show_table(pd.DataFrame([{"类型 kind": KIND_ZH.get(i["kind"], i["kind"]), "方案 plan": i.get("plan", ""),
                              "序号 No.": i["number"], "标题 title": i["title"], "角色 role": i["角色"],
                              "工程 programme": i["programme"]} for i in p["items"]]).pipe(_drop_empty),
               key="pf_items")
    c = st.columns(3)
    with c[0]:
        st.markdown("**共同负责 · co-owners**")
        show_table(pd.DataFrame(p["co_owners"], columns=["单位 bureau", "共同任务 shared"]))
    with c[1]:
        st.markdown("**赛道 · tracks**")
        show_table(pd.DataFrame(p["tracks"], columns=["赛道 track", "任务数 tasks"]))
    with c[2]:
        st.markdown("**园区 · parks**")
        show_table(pd.DataFrame(p["parks"], columns=["园区 park", "任务数 tasks"]))
    if p["documents"]:
        st.markdown("**文件 · documents:** " + "; ".join(
            f"{'签发' if t == 'ISSUED' else '起草'} {n}" for n, t in p["documents"]))


def _task(g, nid: str) -> None:
    p = task_profile(g, nid)
    st.subheader(f"{p['plan'] + ' · ' if p.get('plan') else ''}第{p['number']}项 · {p['title']}")
    st.caption(f"工程 · programme: {p['programme'] or '—'}" + (f" · 完成时限 · deadline: {p['deadline']}"
                                                              if p["deadline"] else ""))
    owner_names = [o["原文 as written"] for o in p["owners"]] + [o["单位 bureau"] for o in p["owners"]]
    st.markdown(f'<div class="kg-text">{highlight(p["text"], p["clauses"], owner_names)}</div>',
                unsafe_allow_html=True)
    st.markdown("**责任单位 · owners**")
    show_table(pd.DataFrame(p["owners"]).drop(columns=["role", "id"], errors="ignore"), key="pf_owners")
    c = st.columns(2)
    with c[0]:
        st.markdown("**关联实体 · linked entities**")
        show_table(pd.DataFrame(p["linked"], columns=["类型 kind", "名称 name", "次数 mentions"]))
    with c[1]:
        st.markdown("**方案目标 · targets of the plan**")
        show_table(pd.DataFrame(p["targets"], columns=["年份 year", "指标 metric", "原文 text"]))
    show_task_history(nid)


def _drop_empty(df: pd.DataFrame) -> pd.DataFrame:
    """Leave out the plan column when it says nothing (one plan shown)."""
    return df.drop(columns=["方案 plan"]) if "方案 plan" in df and not df["方案 plan"].astype(bool).any() else df
