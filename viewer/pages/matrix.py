"""责任矩阵 Matrix: tasks × bureaus (牵头 / 配合 / 指导), grouped by programme, downloadable as XLSX and CSV."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from viewer import data, state
from viewer.matrix import ROLE_CSS, build_matrix, to_csv, to_xlsx
from viewer.vocabulary import ROLE_ZH


def render() -> None:
    st.header("责任矩阵 · Responsibility matrix")
    from viewer.subgraph import scope_matrix_rows  # plan scope (the sidebar's plan picker)
    rows = scope_matrix_rows(data.matrix_rows(), state.selected_plans())
    present = state.presentation()
    progs = list(dict.fromkeys(t["programme"] for t in rows["tasks"] if t.get("programme")))
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
                     "sort": ss.mx_sort if ss.mx_sort != "workload" else "", "present": "1" if present else ""})
    m = build_matrix(rows, sort=ss.mx_sort, programmes=set(ss.mx_prog) or None, roles=set(ss.mx_role) or None)
    counts = pd.DataFrame([{"单位 bureau": b["label"], "牵头 lead": b["lead"], "配合 support": b["support"],
                            "指导 guide": b["guide"], "合计 total": b["total"]} for b in m.bureaus])
    st.caption(f"{len(m.rows)} 项任务 tasks × {len(m.bureaus)} 个单位 bureaus")
    d = st.columns(2)
    d[0].download_button("下载 XLSX · download", to_xlsx(m), file_name="responsibility-matrix.xlsx",
                         mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="dl_xlsx")
    d[1].download_button("下载 CSV · download", to_csv(m), file_name="responsibility-matrix.csv",
                         mime="text/csv", key="dl_csv")
    df = m.dataframe()
    if present or len(m.documents) <= 1:  # one plan: its title on every row says nothing
        df = df.drop(columns=[df.columns[0]])
    bureau_cols = [b["label"] for b in m.bureaus]
    st.dataframe(df.style.map(_colour, subset=bureau_cols), hide_index=True, height=min(900, 38 * len(df) + 40),
                 key="matrix_table")
    st.subheader("各单位任务数 · tasks per bureau")
    st.dataframe(counts, hide_index=True, key="matrix_counts")


def _colour(v) -> str:
    first = str(v).split("/")[0]
    for role, zh in ROLE_ZH.items():
        if first == zh:
            return f"background-color:{ROLE_CSS[role]}; color:#000; font-weight:{700 if role == 'lead' else 400}"
    return ""
