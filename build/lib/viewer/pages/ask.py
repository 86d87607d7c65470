"""问答 Ask: a question in Chinese or English → a stored question and its parameters → a table and a subgraph."""
from __future__ import annotations

import hashlib
import json

import pandas as pd
import streamlit as st

from graph.questions.router import answer_node_ids, match_question
from viewer import data, state
from viewer.examples import EXAMPLES
from viewer.widgets import param_picker, rows_frame, show_network


def render() -> None:
    st.header("问答 · Ask")
    qs = data.questions()
    vocab = data.vocabulary()
    present = state.presentation()
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
        with st.expander("全部问题 · all questions", expanded=not present):
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
        state.write_url({"page": "ask", "q": text, "present": "1" if present else ""})
        bound = q.bind({k: v for k, v in given.items() if v is not None})
        rows = state.get_store().run(q.cypher, bound)
        st.markdown(f"**答案 · Answer** — {len(rows)} 行 rows")
        if rows:
            st.dataframe(rows_frame(rows), hide_index=True, key="answer_table")
            g = data.graph()
            ids = answer_node_ids(g, name, bound, rows)
            if ids:
                sub = g.subgraph(ids).copy()
                st.caption(f"子图 · subgraph: {sub.number_of_nodes()} 个节点 nodes, {sub.number_of_edges()} 条关系 edges")
                show_network(sub, height=460)
        else:
            st.info("没有结果 · no rows; 请检查参数 · check the parameters")


def _choose_listed(name: str) -> None:
    q = data.questions()[name]
    params = {p.name: str(st.session_state.get(f"list_{name}_{p.name}", "")) for p in q.params}
    st.session_state["ask_choice"] = (name, params)
