"""图谱 Map: the responsibility network (filters, focus by id or name with N hops, type toggles) and its exports."""
from __future__ import annotations

import streamlit as st

from viewer import data, state
from viewer.network import RESPONSIBILITY_TYPES
from viewer.subgraph import display_name, filter_graph, focus_graph, options, resolve_node
from viewer.vocabulary import KIND_ZH, ROLE_ZH
from viewer.widgets import show_network

# the frame fills the screen below the collapsed filters in presentation mode
PRESENT_FRAME_CSS = """<style>
[data-testid="stIFrame"], iframe[data-testid="stIFrame"] { height: calc(100vh - 110px) !important; }
[data-testid="stElementContainer"]:has([data-testid="stHeading"]),
[data-testid="stElementContainer"]:has(style) { display: none !important; }
</style>"""


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
    state.init("map_focus", resolve_node(g, state.url_get("focus")) or "")  # ?focus=区科委 works as well as an id
    hops_url = state.url_get("hops", "1")
    state.init("map_hops", int(hops_url) if hops_url.isdigit() and 1 <= int(hops_url) <= 4 else 1)
    state.init("map_hier", state.url_get("layout") != "force")
    state.init("map_progress", state.url_get("progress") == "1")
    other_types = sorted({a.get("label") for _, a in g.nodes(data=True)} - set(RESPONSIBILITY_TYPES) - {None})
    state.init("map_show", [t for t in state.url_list("show") if t in other_types])

    if present:
        st.markdown(PRESENT_FRAME_CSS, unsafe_allow_html=True)
    # collapsed unless the URL chose something: the canvas, not the form, fills the first screen
    chosen_any = any(st.session_state.get(k) for k in ("map_programme", "map_bureau", "map_track", "map_park",
                                                       "map_role", "map_focus", "map_show"))
    box = st.expander("筛选 · Filters", expanded=bool(chosen_any) and not present)
    with box:
        c = st.columns(5)
        labels = {"programme": "工程 programme", "bureau": "单位 bureau", "track": "赛道 track", "park": "园区 park"}
        for col, (f, opts) in zip(c, filters.items()):
            with col:
                st.multiselect(labels[f], [o for o, _ in opts], key=f"map_{f}", format_func=names.get, placeholder="请选择 · choose")
        with c[4]:
            st.multiselect("角色 role", list(ROLE_ZH), key="map_role", format_func=lambda r: f"{ROLE_ZH[r]} {r}", placeholder="请选择 · choose")
        c2 = st.columns([3, 1, 1, 3])
        node_ids = [""] + sorted(g.nodes, key=lambda n: (g.nodes[n].get("label", ""), names[n]))
        with c2[0]:
            st.selectbox("聚焦节点 · focus node", node_ids, key="map_focus", placeholder="请选择 · choose",
                         format_func=lambda n: "(无 none)" if not n else
                         f"{KIND_ZH.get(g.nodes[n].get('label'), '')} · {names[n]}")
        with c2[1]:
            st.number_input("跳数 · hops", min_value=1, max_value=4, step=1, key="map_hops")
        with c2[2]:
            st.toggle("分层布局 · layered", key="map_hier")
            st.toggle("显示进度 · show progress", key="map_progress",
                      help="任务按督办台账的状态着色,逾期为红色 · tasks coloured by their ledger status, overdue red")
        with c2[3]:
            st.multiselect("另显示 · also show (或在图例中点选 or tick in the legend)", other_types, key="map_show",
                           format_func=lambda t: f"{KIND_ZH.get(t, '')} {t}", placeholder="请选择 · choose")
    ss = st.session_state
    shown = filter_graph(g, programmes=ss.map_programme, bureaus=ss.map_bureau, tracks=ss.map_track,
                         parks=ss.map_park, roles=ss.map_role)
    focus = ss.map_focus or None
    if focus:
        shown = focus_graph(shown if focus in shown else g, focus, ss.map_hops)
    if ss.map_progress:
        shown = _with_progress(shown)
    state.write_url({"page": "map", "programme": ss.map_programme, "bureau": ss.map_bureau, "track": ss.map_track,
                     "park": ss.map_park, "role": ss.map_role, "focus": focus or "",
                     "hops": ss.map_hops if focus else "", "layout": "" if ss.map_hier else "force",
                     "show": ss.map_show, "progress": "1" if ss.map_progress else "",
                     "present": "1" if present else ""})
    # a focused view is small: every type in it is drawn; otherwise the responsibility perspective first
    show_types = None if focus else list(RESPONSIBILITY_TYPES) + list(ss.map_show)
    if not present:
        st.markdown(f"显示 **{shown.number_of_nodes()}** 个节点、**{shown.number_of_edges()}** 条关系 · "
                    f"{shown.number_of_nodes()} nodes, {shown.number_of_edges()} edges shown "
                    f"(全部 of {g.number_of_nodes()} / {g.number_of_edges()})")
    chosen = {"工程": ss.map_programme, "单位": ss.map_bureau, "赛道": ss.map_track, "园区": ss.map_park}
    parts = [f"{k}：{'、'.join(names.get(v, v) for v in vs)}" for k, vs in chosen.items() if vs]
    if ss.map_role:
        parts.append("角色：" + "、".join(ROLE_ZH[r] for r in ss.map_role))
    if focus:
        parts.append(f"聚焦：{names.get(focus, focus)}（{ss.map_hops} 跳）")
    filters = "筛选 filters — " + ("；".join(parts) if parts else "无 none")
    titles = sorted({a.get("title") or a.get("name") for _, a in shown.nodes(data=True)
                     if a.get("label") == "Document"})
    title = "；".join(titles) if 0 < len(titles) <= 2 else "责任知识图谱 · Responsibility graph"
    page = show_network(shown, height=1000 if present else 760, focus=focus, hierarchical=ss.map_hier,
                        show_types=show_types, title=title, filters=filters,
                        css_height="100vh" if present else None)
    if page and not present:
        _downloads(shown, show_types, page)


def _downloads(shown, show_types, page: str) -> None:
    """The current view as an offline HTML page and as graph files (the types drawn, without hidden ones)."""
    from graph.export import graph_file_bytes

    view = shown if show_types is None else shown.subgraph(
        [n for n, a in shown.nodes(data=True) if a.get("label") in set(show_types)]).copy()
    st.caption("导出当前视图 · export this view (PNG / SVG: the buttons on the map)")
    c = st.columns(4)
    c[0].download_button("离线 HTML · offline page", page.encode("utf-8"), file_name="map.html", mime="text/html",
                         key="dl_map_html")
    for col, (fmt, mime) in zip(c[1:], (("graphml", "application/xml"), ("gexf", "application/xml"),
                                        ("json", "application/json"))):
        col.download_button(f"图文件 {fmt.upper()} · Gephi/yEd" if fmt != "json" else "节点连线 JSON · node-link",
                            graph_file_bytes(view, fmt), file_name=f"map.{fmt}", mime=mime, key=f"dl_map_{fmt}")


def _with_progress(shown):
    """A copy of the view whose tasks are filled with their ledger status colour (overdue red), with a key."""
    from graph import ledger

    colours = ledger.fetch_task_status_colours(state.get_store())
    view = shown.copy()
    for n, attrs in view.nodes(data=True):
        if attrs.get("label") == "Task" and n in colours:
            attrs["fill"] = colours[n]
    key = [f'<span style="color:{c}">●</span> {s}' for s, c in ledger.STATUS_COLOURS.items()]
    st.markdown("进度 · progress: " + " ".join(key) + f' <span style="color:{ledger.OVERDUE_COLOUR}">●</span> 逾期 '
                "overdue", unsafe_allow_html=True)
    return view
