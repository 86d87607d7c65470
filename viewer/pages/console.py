"""查询台 Console: read-only ad-hoc Cypher with examples, a timeout and a row cap; a table and a graph."""
from __future__ import annotations

import re

import streamlit as st

from graph.errors import ConsoleRefused
from viewer import data, state
from viewer.examples import CONSOLE_EXAMPLES
from viewer.subgraph import graph_from_rows
from viewer.widgets import rows_frame, show_network, show_table


def render() -> None:
    st.header("查询台 · Cypher console")
    s = state.settings()
    if not s.console_enabled:
        st.info("查询台已关闭(KG_CONSOLE=0)· The console is turned off on this deployment.")
        return
    st.caption(f"只读:写入、读文件和改库的语句会被拒绝;最多 {s.console_max_rows} 行,{s.console_timeout} 秒 · "
               "read-only, limited rows and time")
    first = list(CONSOLE_EXAMPLES)[0]
    state.init("console_example", first)
    state.init("console_q", state.url_get("cypher", CONSOLE_EXAMPLES[first]))

    def use_example():
        st.session_state["console_q"] = CONSOLE_EXAMPLES[st.session_state["console_example"]]
    st.selectbox("示例 · examples", list(CONSOLE_EXAMPLES), key="console_example", on_change=use_example,
                 placeholder="请选择 · choose")
    cypher = st.text_area("Cypher 语句 · statement", key="console_q", height=140)
    run = st.button("运行 Run", key="console_run", type="primary")
    # the statement is kept in the URL, so a link reopens it; a link with ?run=1 also runs it
    state.write_url({"page": "console", "cypher": cypher if cypher != CONSOLE_EXAMPLES[first] else "",
                     "run": state.url_get("run") if not run else "", "present": "1" if state.presentation() else ""})
    if not (run or state.url_get("run") == "1"):
        return
    try:
        rows, truncated = state.get_store().run_readonly(cypher, {}, timeout_s=s.console_timeout,
                                                         max_rows=s.console_max_rows)
    except ConsoleRefused as exc:
        message = re.sub(r"^(Refused:\s*)+", "", str(exc))
        st.error(f"已拒绝 · Refused: {message}")
        return
    st.markdown(f"**{len(rows)}** 行 rows" + (" (已截断 truncated)" if truncated else ""))
    if rows:
        show_table(rows_frame(rows), key="console_table")
        sub = graph_from_rows(data.graph(), rows)
        if sub.number_of_nodes():
            st.caption(f"图 · graph: {sub.number_of_nodes()} 个节点 nodes, {sub.number_of_edges()} 条关系 edges")
            show_network(sub, height=480)
