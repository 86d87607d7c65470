"""问答 Ask: a question in Chinese or English → a stored question and its parameters → the answer in words, a table
and a subgraph, within the plans picked in the sidebar."""
from __future__ import annotations

import hashlib
import json

import pandas as pd
import streamlit as st

from graph.questions.catalogue import DEFAULT_PAGE, fetch_page, page_line
from graph.questions.router import answer_line, answer_node_ids, choose_bureau, count_answer, route
from viewer import data, state
from viewer.examples import EXAMPLES
from viewer.subgraph import scope_graph
from viewer.widgets import answer_table, param_picker, show_network, show_table


def render() -> None:
    st.header("问答 · Ask")
    qs = data.questions()
    vocab = data.vocabulary()
    plans = state.selected_plans()
    present = state.presentation()
    left, right = st.columns([3, 2], gap="large")

    with right:
        st.subheader("存储的问题 · Stored questions")
        names = list(qs)
        state.init("list_q", names[0])
        pick = st.selectbox("问题 · question", names, key="list_q", format_func=lambda n: qs[n].zh,
                            placeholder="请选择 · choose")
        q = qs[pick]
        st.caption(f"英文 · {q.en}")
        for p in q.params:
            if p.name != "document":  # the plan comes from the sidebar's plan picker
                param_picker(p, p.example.strip('"'), vocab, key=f"list_{pick}_{p.name}")
        st.button("运行 Run", key="list_run", on_click=_choose_listed, args=(pick,))
        with st.expander("全部问题 · all questions", expanded=False):
            show_table(pd.DataFrame([{"问题": x.zh, "question": x.en} for x in qs.values()]), key="all_questions")

    with left:
        state.init("ask_q", state.url_get("q"))
        text = st.text_input("用中文或英文提问 · Ask in Chinese or English", key="ask_q",
                             placeholder="例如:区科委牵头哪些任务? / who supports task 12")
        st.caption("示例 · examples: " + " · ".join(EXAMPLES))
        state.write_url({"page": "ask", "q": text, "present": "1" if present else ""})
        if text != st.session_state.get("_asked"):
            st.session_state["_asked"] = text
            st.session_state.pop("ask_choice", None)
        choice = st.session_state.get("ask_choice")
        if choice:
            name, params = choice
            r = None
            why = "从右侧问题列表选择 · picked from the stored questions"
        else:
            r = route(text, vocab, plans)
            if r.choices:
                st.warning(r.why)
                labels = dict(r.choices)
                picked = st.selectbox("请选择单位 · choose the bureau", [""] + list(labels.values()),
                                      key=f"which_{text}", format_func=lambda i: next(
                                          (lb for lb, x in r.choices if x == i), "请选择 · choose"),
                                      placeholder="请选择 · choose")
                if not picked:
                    return
                r = route(choose_bureau(text, r.subject, picked, vocab), vocab, plans)
            name, params, why = r.question, r.params, r.why
        if not name:
            if text.strip():
                st.warning(why)
            return
        sig = hashlib.md5(json.dumps([text, name, params, bool(choice), plans],
                                     ensure_ascii=False).encode()).hexdigest()[:8]
        name = st.selectbox("问题 · question (可更正 · correct it here)", list(qs), index=list(qs).index(name),
                            key=f"fix_q_{sig}", format_func=lambda n: qs[n].zh,
                            placeholder="请选择 · choose")
        q = qs[name]
        st.caption(f"理解为 · understood: {why}")
        given = {}
        shown = [p for p in q.params if p.name != "document"]
        if shown:
            cols = st.columns(len(shown))
            for col, p in zip(cols, shown):
                with col:
                    default = params.get(p.name, "" if p.default is not None else p.example)
                    given[p.name] = param_picker(p, default, vocab, key=f"fix_{sig}_{name}_{p.name}")
        if any(p.name == "document" for p in q.params):
            given["document"] = params.get("document") or "|".join(plans)
        bound = q.bind({k: v for k, v in given.items() if v is not None})
        store = state.get_store()
        # one page of the answer; its total is counted once and kept while the pager moves through it
        answer_key = hashlib.md5(json.dumps([name, bound], ensure_ascii=False, default=str).encode()).hexdigest()[:8]
        totals = st.session_state.setdefault("_answer_totals", {})
        number = int(st.session_state.get(f"answer_page_{answer_key}", 1))
        page = fetch_page(store, q, bound, limit=DEFAULT_PAGE, offset=(number - 1) * DEFAULT_PAGE,
                          total=totals.get(answer_key))
        totals[answer_key] = page.total
        rows = page.rows
        as_routed = r is not None and name == r.question and all(
            str(given.get(k, "")) == str(params.get(k, "")) for k in set(given) | set(params))
        if as_routed:
            first = rows if number == 1 else fetch_page(store, q, bound, limit=DEFAULT_PAGE, total=page.total).rows
            whole = page.total <= DEFAULT_PAGE
            line = answer_line(r, first, None if whole else count_answer(store, r, page))
        else:
            line = f"{q.zh} · {page.total:,} 行 rows" if page.total else f"没有结果:{q.zh} · none found"
        st.markdown("**答案 · Answer**")
        if page.total:
            st.success(line)
        else:
            st.info(line)
            return
        if page.total > DEFAULT_PAGE:
            _pager(page, answer_key)
        table, caption = answer_table([{k: v for k, v in r.items() if k not in q.ids} for r in rows], vocab)
        if caption:
            st.caption(caption)
        show_table(table, key="answer_table")
        g = scope_graph(data.graph(), plans)
        ids = answer_node_ids(g, name, bound, rows)
        if ids:
            sub = g.subgraph(ids).copy()
            st.caption(f"子图 · subgraph: {sub.number_of_nodes()} 个节点 nodes, {sub.number_of_edges()} 条关系 edges")
            show_network(sub, height=460)


def _pager(page, answer_key: str) -> None:
    """Page number and next: the answer is read a page at a time, never all of its rows at once."""
    pages = -(-page.total // DEFAULT_PAGE)
    key = f"answer_page_{answer_key}"
    number_col, next_col, where_col = st.columns([1, 1, 3])
    st.session_state.setdefault(key, 1)
    with number_col:
        st.number_input(f"页 page (共 {pages:,} 页)", min_value=1, max_value=pages, step=1, key=key)
    with next_col:
        st.button("下一页 next", key=f"next_{answer_key}", disabled=page.next_offset is None,
                  on_click=_next_page, args=(key, pages))
    with where_col:
        st.caption(page_line(page, hint=False))


def _next_page(key: str, pages: int) -> None:
    st.session_state[key] = min(int(st.session_state.get(key, 1)) + 1, pages)


def _choose_listed(name: str) -> None:
    q = data.questions()[name]
    params = {p.name: str(st.session_state.get(f"list_{name}_{p.name}", "")) for p in q.params
              if p.name != "document"}
    st.session_state["ask_choice"] = (name, params)
