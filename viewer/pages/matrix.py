"""责任矩阵 Matrix: tasks × bureaus (牵头 / 配合 / 指导), grouped by programme, downloadable as XLSX and CSV."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from viewer import data, state
from graph import fengong
from viewer.matrix import build_matrix, matrix_html, to_csv, to_xlsx
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
        st.multiselect("工程 programme", progs, key="mx_prog", placeholder="请选择 · choose")
    with c[1]:
        st.multiselect("角色 role", list(ROLE_ZH), key="mx_role", format_func=lambda r: f"{ROLE_ZH[r]} {r}", placeholder="请选择 · choose")
    with c[2]:
        st.radio("列排序 · sort columns", ["workload", "name"], key="mx_sort", horizontal=True,
                 format_func={"workload": "按工作量 workload", "name": "按名称 name"}.get)
    ss = st.session_state
    sheet_open = state.url_get("sheet") == "1"  # read before the URL is rewritten below
    state.write_url({"page": "matrix", "programme": ss.mx_prog, "role": ss.mx_role,
                     "sort": ss.mx_sort if ss.mx_sort != "workload" else "", "present": "1" if present else ""})
    m = build_matrix(rows, sort=ss.mx_sort, programmes=set(ss.mx_prog) or None, roles=set(ss.mx_role) or None)
    counts = pd.DataFrame([{"单位 bureau": b["label"], "牵头 lead": b["lead"], "配合 support": b["support"],
                            "指导 guide": b["guide"], "合计 total": b["total"]} for b in m.bureaus])
    st.caption(f"{len(m.rows)} 项任务 tasks × {len(m.bureaus)} 个单位 bureaus")
    d = st.columns(4)
    d[0].download_button("下载 XLSX · download", to_xlsx(m), file_name="responsibility-matrix.xlsx",
                         mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="dl_xlsx")
    d[1].download_button("下载 CSV · download", to_csv(m), file_name="responsibility-matrix.csv",
                         mime="text/csv", key="dl_csv")
    sheet_data = data.sheet_rows()
    sheet = [r for r in fengong.build_sheet(sheet_data) if r.task_id in {x["id"] for x in m.rows}]
    d[2].download_button("分工表 XLSX", fengong.to_xlsx(sheet, fengong.sheet_title(sheet_data)),
                         file_name="fengong.xlsx", key="dl_fengong_xlsx",
                         mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    d[3].download_button("分工表 CSV", fengong.to_csv(sheet), file_name="fengong.csv", mime="text/csv",
                         key="dl_fengong_csv")
    # one HTML table: vertical short names keep every bureau column on a 1920-px screen
    st.html(matrix_html(m, present=present))
    with st.expander("分工表 · division of work (one row per task)", expanded=sheet_open):
        st.dataframe(pd.DataFrame([r.cells() for r in sheet], columns=fengong.COLUMNS), hide_index=True,
                     key="fengong_table", height=min(900, 38 * len(sheet) + 40))
    st.subheader("各单位任务数 · tasks per bureau")
    st.dataframe(counts, hide_index=True, key="matrix_counts")

