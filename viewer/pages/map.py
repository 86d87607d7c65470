"""图谱 Map: the network with filters by programme, bureau, track, park and role, and a focus with N hops."""
from __future__ import annotations

import streamlit as st

from viewer import data, state
from viewer.subgraph import display_name, filter_graph, focus_graph, options
from viewer.vocabulary import KIND_ZH, ROLE_ZH
from viewer.widgets import show_network


def render() -> None:
    st.header("图谱 · Map")
    from viewer.subgraph import scope_graph  # plan scope (the sidebar's plan picker)
    g = scope_graph(data.graph(), state.selected_plans())
    present = state.presentation()
    prog_opts, bur_opts = options(g, "Programme"), options(g, "Bureau")
    track_opts, park_opts = options(g, "Track"), options(g, "Park")
    names = {n: display_name(a) for n, a in g.nodes(data=True)}
    filters = {"programme": prog_opts, "bureau": bur_opts, "track": track_opts, "park": park_opts}
    for f, opts in filters.items():  # the URL may name a node by id or by its (short) name
        by_name = {**{label: o for o, label in opts}, **{o: o for o, _ in opts}}
        state.init(f"map_{f}", list(dict.fromkeys(by_name[v] for v in state.url_list(f) if v in by_name)))
    state.init("map_role", [r for r in state.url_list("role") if r in ROLE_ZH])
    focus_url = state.url_get("focus")
    state.init("map_focus", focus_url if focus_url in g else "")
    hops_url = state.url_get("hops", "1")
    state.init("map_hops", int(hops_url) if hops_url.isdigit() and 1 <= int(hops_url) <= 4 else 1)
    state.init("map_hier", state.url_get("layout") == "hierarchical")

    box = st.expander("筛选 · Filters", expanded=not present)
    with box:
        c = st.columns(5)
        labels = {"programme": "工程 programme", "bureau": "单位 bureau", "track": "赛道 track", "park": "园区 park"}
        for col, (f, opts) in zip(c, filters.items()):
            with col:
                st.multiselect(labels[f], [o for o, _ in opts], key=f"map_{f}", format_func=names.get)
        with c[4]:
            st.multiselect("角色 role", list(ROLE_ZH), key="map_role", format_func=lambda r: f"{ROLE_ZH[r]} {r}")
        c2 = st.columns([3, 1, 1])
        node_ids = [""] + sorted(g.nodes, key=lambda n: (g.nodes[n].get("label", ""), names[n]))
        with c2[0]:
            st.selectbox("聚焦节点 · focus node", node_ids, key="map_focus",
                         format_func=lambda n: "(无 none)" if not n else
                         f"{KIND_ZH.get(g.nodes[n].get('label'), '')} · {names[n]}")
        with c2[1]:
            st.number_input("跳数 · hops", min_value=1, max_value=4, step=1, key="map_hops")
        with c2[2]:
            st.toggle("分层布局 · layered", key="map_hier")
    ss = st.session_state
    shown = filter_graph(g, programmes=ss.map_programme, bureaus=ss.map_bureau, tracks=ss.map_track,
                         parks=ss.map_park, roles=ss.map_role)
    focus = ss.map_focus or None
    if focus:
        shown = focus_graph(shown if focus in shown else g, focus, ss.map_hops)
    state.write_url({"page": "map", "programme": ss.map_programme, "bureau": ss.map_bureau, "track": ss.map_track,
                     "park": ss.map_park, "role": ss.map_role, "focus": focus or "",
                     "hops": ss.map_hops if focus else "", "layout": "hierarchical" if ss.map_hier else "",
                     "present": "1" if present else ""})
    st.markdown(f"显示 **{shown.number_of_nodes()}** 个节点、**{shown.number_of_edges()}** 条关系 · "
                f"{shown.number_of_nodes()} nodes, {shown.number_of_edges()} edges shown "
                f"(全部 of {g.number_of_nodes()} / {g.number_of_edges()})")
    show_network(shown, height=1000 if present else 700, focus=focus, hierarchical=ss.map_hier)
