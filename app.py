"""责任知识图谱 · Responsibility knowledge graph viewer (Streamlit, fully offline).

Pages: 问答 Ask · 图谱 Map · 责任矩阵 Matrix · 档案 Profiles · 查询台 Console. The view (page, filters, focus …)
lives in the URL so a link reopens it; ?present=1 is the presentation mode.
"""
from __future__ import annotations

import hashlib
import html
import json
import sys
from urllib.parse import urlencode
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pandas as pd  # noqa: E402
import streamlit as st  # noqa: E402

from graph.model import ROLE_ZH  # noqa: E402
from graph.questions.catalogue import load_questions  # noqa: E402
from loaders.errors import KgError
from graph.errors import ConsoleRefused  # noqa: E402
from viewer import state  # noqa: E402
from viewer.examples import CONSOLE_EXAMPLES, EXAMPLES  # noqa: E402
from graph.questions.router import answer_node_ids, fetch_vocabulary, match_question  # noqa: E402
from viewer.matrix import ROLE_CSS, build_matrix, fetch_matrix_rows, to_csv, to_xlsx  # noqa: E402
from viewer.profiles import bureau_profile, highlight, task_profile  # noqa: E402
from viewer.subgraph import display_name, fetch_graph, filter_graph, focus_graph, graph_from_rows, options  # noqa: E402

PRESENT = state.presentation()
st.set_page_config(page_title="责任知识图谱 · Responsibility graph", layout="wide",
                   initial_sidebar_state="collapsed" if PRESENT else "expanded")

BASE_CSS = """
<style>
mark.duty { background:#FFE699; padding:0 2px; }
.kg-text { font-size:1.05rem; line-height:1.9; }
</style>
"""
PRESENT_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], header { display:none !important; }
.block-container, [data-testid="stMainBlockContainer"] { padding:0.75rem 1rem 1rem 1rem !important;
  max-width:100% !important; }
html, body, .stApp { font-size:22px !important; color:#000 !important; background:#FFF !important; }
.stApp p, .stApp li, .stApp label, .stApp td, .stApp th { font-size:1.15rem !important; color:#000 !important; }
.stApp h1 { font-size:2.4rem !important; } .stApp h2 { font-size:2rem !important; }
</style>
"""
KIND_ZH = {"Document": "文件", "Policy": "政策", "Programme": "工程", "Task": "任务", "Principle": "原则",
           "Measure": "措施", "Target": "目标", "Bureau": "单位", "Track": "赛道", "Park": "园区",
           "Incubator": "孵化器", "Initiative": "举措", "Stakeholder": "主体"}


# -- cached data (one store per process; the graph read once) -----------------------------------------------
@st.cache_resource(show_spinner="读取图谱 · reading the graph …")
def full_graph(key: tuple):
    return fetch_graph(state.get_store())


@st.cache_resource(show_spinner=False)
def vocabulary(key: tuple):
    return fetch_vocabulary(state.get_store())


@st.cache_resource(show_spinner=False)
def matrix_rows(key: tuple):
    return fetch_matrix_rows(state.get_store())


@st.cache_resource(show_spinner=False)
def questions():
    return load_questions()


def G():
    return full_graph(state.store_key())


def show_network(graph, *, height: int = 560, focus: str | None = None, hierarchical: bool = False,
                 key: str = "net") -> None:
    from viewer.network import render_network_html

    if graph.number_of_nodes() == 0:
        st.info("没有可显示的节点 · nothing to draw")
        return
    if PRESENT:
        height = max(height, 900)
    page = render_network_html(graph, height=f"{height}px", presentation=PRESENT, hierarchical=hierarchical,
                               focus=focus if focus in graph else None)
    st.iframe(page, height=height + 20)


def rows_frame(rows: list[dict]) -> pd.DataFrame:
    def cell(v):
        if isinstance(v, dict) and "_nodes" in v:
            return " → ".join(str(n.get("name") or n.get("id")) for n in v["_nodes"])
        if isinstance(v, dict):
            return str(v.get("short_name") or v.get("name") or v.get("id") or json.dumps(v, ensure_ascii=False))
        if isinstance(v, list):
            return "、".join(str(cell(x)) for x in v)
        if v == "lead" or v == "support" or v == "guide":
            return f"{ROLE_ZH[v]} {v}"
        return v
    return pd.DataFrame([{k: cell(v) for k, v in r.items()} for r in rows])


# -- pages --------------------------------------------------------------------------------------------------
def page_ask():
    st.header("问答 · Ask")
    qs = questions()
    vocab = vocabulary(state.store_key())
    left, right = st.columns([3, 2], gap="large")

    with right:
        st.subheader("存储的问题 · Stored questions")
        names = list(qs)
        state.init("list_q", names[0])
        pick = st.selectbox("问题 question", names, key="list_q",
                            format_func=lambda n: f"{qs[n].zh} ({n})")
        q = qs[pick]
        st.caption(q.en)
        for p in q.params:
            param_picker(p, p.example.strip('"'), vocab, key=f"list_{pick}_{p.name}")
        st.button("运行 Run", key="list_run", on_click=_choose_listed, args=(pick,))
        with st.expander("全部问题 · all questions", expanded=not PRESENT):
            st.dataframe(pd.DataFrame([{"名称 name": n, "问题": x.zh, "question": x.en,
                                        "参数 params": x.usage()} for n, x in qs.items()]),
                         hide_index=True)

    with left:
        state.init("ask_q", state.url_get("q"))
        text = st.text_input("用中文或英文提问 · Ask in Chinese or English", key="ask_q",
                             placeholder="例如:区科委牵头哪些任务? / who supports task 12")
        st.caption("示例 examples: " + " · ".join(EXAMPLES))
        if text != st.session_state.get("_asked"):
            st.session_state["_asked"] = text
            st.session_state.pop("ask_choice", None)
        choice = st.session_state.get("ask_choice")
        if choice:
            name, params = choice
            why = "从右侧问题列表选择 · picked from the stored questions"
        else:
            name, params, why = match_question(text, vocab)
        if not name:
            if text.strip():
                st.warning(why)
            return
        sig = hashlib.md5(json.dumps([text, name, params, bool(choice)], ensure_ascii=False).encode()).hexdigest()[:8]
        st.success(f"运行的问题 · question run: **{name}** — {qs[name].zh}")
        st.caption(why)
        name = st.selectbox("更正问题 · correct the question", list(qs), index=list(qs).index(name),
                            key=f"fix_q_{sig}", format_func=lambda n: f"{n} — {qs[n].zh}")
        q = qs[name]
        given = {}
        if q.params:
            cols = st.columns(len(q.params))
            for col, p in zip(cols, q.params):
                with col:
                    default = params.get(p.name, "" if p.default is not None else p.example)
                    given[p.name] = param_picker(p, default, vocab, key=f"fix_{sig}_{name}_{p.name}")
        state.write_url({"page": "ask", "q": text, "present": "1" if PRESENT else ""})
        bound = q.bind({k: v for k, v in given.items() if v not in (None,)})
        rows = state.get_store().run(q.cypher, bound)
        st.markdown(f"**答案 · Answer** — {len(rows)} 行 rows")
        if rows:
            st.dataframe(rows_frame(rows), hide_index=True, key="answer_table")
            ids = answer_node_ids(G(), name, bound, rows)
            if ids:
                sub = G().subgraph(ids).copy()
                st.caption(f"子图 · subgraph: {sub.number_of_nodes()} 个节点 nodes, {sub.number_of_edges()} 条关系 edges")
                show_network(sub, height=460, key="ask_net")
        else:
            st.info("没有结果 · no rows; 请检查参数 · check the parameters")


def _choose_listed(name: str):
    q = questions()[name]
    params = {p.name: str(st.session_state.get(f"list_{name}_{p.name}", "")) for p in q.params}
    st.session_state["ask_choice"] = (name, params)


def param_picker(p, default, vocab, *, key: str):
    """A picker fitting the parameter: bureaus, tracks, parks, programmes, task numbers, documents, free text."""
    default = "" if default is None else str(default)
    choices = {
        "bureau": [b["short_name"] or b["name"] for b in vocab.bureaus],
        "track": vocab.tracks, "park": vocab.parks, "programme": vocab.programmes,
        "task": sorted({str(t["number"]) for t in vocab.tasks if t.get("number") is not None}, key=int),
        "document": [""] + [d["title"] for d in vocab.documents],
    }.get(p.name)
    label = f"{p.name} · {p.help}"
    if choices is None:
        return st.text_input(label, value=default, key=key)
    if default and default not in choices:
        choices = [default] + list(choices)
    index = choices.index(default) if default in choices else 0
    return st.selectbox(label, choices, index=index, key=key,
                        format_func=lambda v: v if v != "" else "(全部 all)")


def page_map():
    st.header("图谱 · Map")
    g = G()
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

    box = st.expander("筛选 · Filters", expanded=not PRESENT)
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
                     "present": "1" if PRESENT else ""})
    st.markdown(f"显示 **{shown.number_of_nodes()}** 个节点、**{shown.number_of_edges()}** 条关系 · "
                f"{shown.number_of_nodes()} nodes, {shown.number_of_edges()} edges shown "
                f"(全部 of {g.number_of_nodes()} / {g.number_of_edges()})")
    show_network(shown, height=1000 if PRESENT else 700, focus=focus, hierarchical=ss.map_hier, key="map_net")


def page_matrix():
    st.header("责任矩阵 · Responsibility matrix")
    data = matrix_rows(state.store_key())
    progs = list(dict.fromkeys(t["programme"] for t in data["tasks"] if t.get("programme")))
    state.init("mx_prog", [p for p in state.url_list("programme") if p in progs])
    state.init("mx_role", [r for r in state.url_list("role") if r in ROLE_ZH])
    state.init("mx_sort", "name" if state.url_get("sort") == "name" else "workload")
    c = st.columns([3, 2, 2])
    with c[0]:
        st.multiselect("工程 programme", progs, key="mx_prog")
    with c[1]:
        st.multiselect("角色 role", list(ROLE_ZH), key="mx_role", format_func=lambda r: f"{ROLE_ZH[r]} {r}")
    with c[2]:
        st.radio("列排序 · sort columns", ["workload", "name"], key="mx_sort", horizontal=True,
                 format_func={"workload": "按工作量 workload", "name": "按名称 name"}.get)
    ss = st.session_state
    state.write_url({"page": "matrix", "programme": ss.mx_prog, "role": ss.mx_role,
                     "sort": ss.mx_sort if ss.mx_sort != "workload" else "", "present": "1" if PRESENT else ""})
    m = build_matrix(data, sort=ss.mx_sort, programmes=set(ss.mx_prog) or None, roles=set(ss.mx_role) or None)
    counts = pd.DataFrame([{"单位 bureau": b["label"], "牵头 lead": b["lead"], "配合 support": b["support"],
                            "指导 guide": b["guide"], "合计 total": b["total"]} for b in m.bureaus])
    st.caption(f"{len(m.rows)} 项任务 tasks × {len(m.bureaus)} 个单位 bureaus")
    d = st.columns(2)
    d[0].download_button("下载 XLSX · download", to_xlsx(m), file_name="responsibility-matrix.xlsx",
                         mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="dl_xlsx")
    d[1].download_button("下载 CSV · download", to_csv(m), file_name="responsibility-matrix.csv",
                         mime="text/csv", key="dl_csv")
    df = m.dataframe()
    if PRESENT or len(m.documents) <= 1:  # one plan: its title on every row says nothing
        df = df.drop(columns=[df.columns[0]])

    def colour(v):
        first = str(v).split("/")[0]
        for role, zh in ROLE_ZH.items():
            if first == zh:
                return f"background-color:{ROLE_CSS[role]}; color:#000; font-weight:{700 if role == 'lead' else 400}"
        return ""
    bureau_cols = [b["label"] for b in m.bureaus]
    st.dataframe(df.style.map(colour, subset=bureau_cols), hide_index=True, height=min(900, 38 * len(df) + 40),
                 key="matrix_table")
    st.subheader("各单位任务数 · tasks per bureau")
    st.dataframe(counts, hide_index=True, key="matrix_counts")


def page_profiles():
    st.header("档案 · Profiles")
    g = G()
    bureaus, tasks = options(g, "Bureau"), options(g, "Task")
    names = {n: display_name(a) for n, a in g.nodes(data=True)}
    state.init("pf_kind", "task" if state.url_get("kind") == "task" else "bureau")
    kind = st.radio("类型 · kind", ["bureau", "task"], key="pf_kind", horizontal=True,
                    format_func={"bureau": "单位 Bureau", "task": "任务 Task"}.get)
    opts = [o for o, _ in (bureaus if kind == "bureau" else tasks)]
    if not opts:
        st.info("没有数据 · nothing to show")
        return
    url_id = state.url_get("id")
    state.init(f"pf_{kind}", url_id if url_id in opts else opts[0])
    nid = st.selectbox("选择 · choose", opts, key=f"pf_{kind}", format_func=names.get)
    state.write_url({"page": "profiles", "kind": kind, "id": nid, "present": "1" if PRESENT else ""})
    if kind == "bureau":
        p = bureau_profile(g, nid)
        st.subheader(f"{p['short_name']} · {p['name']}")
        st.markdown(f"**别名 aliases:** {'、'.join(p['aliases']) or '—'}")
        c = st.columns(3)
        c[0].metric("牵头任务 · leads", p["leads"])
        c[1].metric("配合任务 · supports", p["supports"])
        c[2].metric("共同负责单位 · co-owners", len(p["co_owners"]))
        st.markdown("**负责的任务和措施 · tasks and measures**")
        st.dataframe(pd.DataFrame([{"类型 kind": KIND_ZH.get(i["kind"], i["kind"]), "序号 no.": i["number"],
                                    "标题 title": i["title"], "角色 role": i["角色"], "工程 programme": i["programme"]}
                                   for i in p["items"]]), hide_index=True, key="pf_items")
        c = st.columns(3)
        with c[0]:
            st.markdown("**共同负责 · co-owners**")
            st.dataframe(pd.DataFrame(p["co_owners"]), hide_index=True)
        with c[1]:
            st.markdown("**赛道 · tracks**")
            st.dataframe(pd.DataFrame(p["tracks"]), hide_index=True)
        with c[2]:
            st.markdown("**园区 · parks**")
            st.dataframe(pd.DataFrame(p["parks"]), hide_index=True)
        if p["documents"]:
            st.markdown("**文件 · documents:** " + "; ".join(
                f"{'签发' if t == 'ISSUED' else '起草'} {n}" for n, t in p["documents"]))
        show_network(focus_graph(g, nid, 1), height=480, key="pf_net")
    else:
        p = task_profile(g, nid)
        st.subheader(f"第{p['number']}项 · {p['title']}")
        st.caption(f"工程 programme: {p['programme'] or '—'}" + (f" · 期限 deadline: {p['deadline']}"
                                                                  if p["deadline"] else ""))
        owner_names = [o["原文 as written"] for o in p["owners"]] + [o["单位 bureau"] for o in p["owners"]]
        st.markdown(f'<div class="kg-text">{highlight(p["text"], p["clauses"], owner_names)}</div>',
                    unsafe_allow_html=True)
        st.markdown("**责任单位 · owners**")
        st.dataframe(pd.DataFrame(p["owners"]).drop(columns=["role", "id"], errors="ignore"), hide_index=True,
                     key="pf_owners")
        c = st.columns(2)
        with c[0]:
            st.markdown("**关联实体 · linked entities**")
            st.dataframe(pd.DataFrame(p["linked"]), hide_index=True)
        with c[1]:
            st.markdown("**方案目标 · targets of the plan**")
            st.dataframe(pd.DataFrame(p["targets"]), hide_index=True)
        show_network(focus_graph(g, nid, 1), height=480, key="pf_net")


def page_console():
    st.header("查询台 · Cypher console")
    s = state.settings()
    if str(s.console_enabled).strip().lower() in ("0", "false", "no", "off"):
        st.info("查询台已关闭(KG_CONSOLE=0)· The console is turned off on this deployment.")
        return
    st.caption(f"只读:写入、读文件和改库的语句会被拒绝;最多 {s.console_max_rows} 行,{s.console_timeout} 秒 · "
               "read-only, limited rows and time")
    state.init("console_example", list(CONSOLE_EXAMPLES)[0])
    state.init("console_q", state.url_get("cypher", CONSOLE_EXAMPLES[list(CONSOLE_EXAMPLES)[0]]))

    def use_example():
        st.session_state["console_q"] = CONSOLE_EXAMPLES[st.session_state["console_example"]]
    st.selectbox("示例 · examples", list(CONSOLE_EXAMPLES), key="console_example", on_change=use_example)
    cypher = st.text_area("Cypher", key="console_q", height=140)
    run = st.button("运行 Run", key="console_run", type="primary")
    state.write_url({"page": "console", "present": "1" if PRESENT else ""})
    if not run:
        return
    try:
        rows, truncated = state.get_store().run_readonly(cypher, {}, timeout_s=float(s.console_timeout),
                                                         max_rows=int(s.console_max_rows))
    except ConsoleRefused as exc:
        st.error(f"已拒绝 · Refused: {exc}")
        return
    st.markdown(f"**{len(rows)}** 行 rows" + (" (已截断 truncated)" if truncated else ""))
    if rows:
        st.dataframe(rows_frame(rows), hide_index=True, key="console_table")
        sub = graph_from_rows(G(), rows)
        if sub.number_of_nodes():
            st.caption(f"图 · graph: {sub.number_of_nodes()} 个节点 nodes, {sub.number_of_edges()} 条关系 edges")
            show_network(sub, height=480, key="console_net")


PAGE_FUNCS = {"ask": page_ask, "map": page_map, "matrix": page_matrix, "profiles": page_profiles,
              "console": page_console}


def main():
    st.markdown(BASE_CSS, unsafe_allow_html=True)
    if PRESENT:
        st.markdown(PRESENT_CSS, unsafe_allow_html=True)
    url_page = state.url_get("page", "ask")
    state.init("page", url_page if url_page in state.PAGES else "ask")
    with st.sidebar:
        st.title("责任知识图谱")
        st.caption("Responsibility knowledge graph")
        st.radio("页面 · page", list(state.PAGES), key="page", format_func=state.PAGES.get)
        st.divider()
        st.caption(f"存储 store: {state.settings().describe()}")
        present_link = st.empty()
    exit_link = st.empty() if PRESENT else None
    try:
        state.get_store()
        PAGE_FUNCS[st.session_state.page]()
    except KgError as exc:
        st.error(f"出错了 · {exc}")
    except Exception as exc:  # never a stack trace in the page
        st.error(f"出错了 · Something went wrong: {type(exc).__name__}: {str(exc)[:300]}")
    # links to the same view (filters, focus …) with presentation mode switched on or off
    view = {k: st.query_params.get_all(k) for k in st.query_params.keys() if k != "present"}
    view.setdefault("page", [st.session_state.page])
    plain = html.escape("?" + urlencode(view, doseq=True))
    present_link.markdown(f'<a href="{plain}&amp;present=1" target="_self">演示模式 · presentation</a>',
                          unsafe_allow_html=True)
    if exit_link is not None:
        exit_link.markdown(f'<a href="{plain}" target="_self">退出演示 · exit presentation</a>',
                           unsafe_allow_html=True)


main()
