"""时限 Timeline: the tasks that have deadlines, by date, grouped by lead bureau."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from graph import fengong
from viewer import data, state
from viewer.timeline import by_lead, deadline_items


def render() -> None:
    st.header("完成时限 · Deadlines")
    state.write_url({"page": "timeline", "present": "1" if state.presentation() else ""})
    rows = fengong.build_sheet(data.sheet_rows())
    items = deadline_items(rows)
    if not items:
        st.info(f"{len(rows)} 项任务都没有写明完成时限 · none of the {len(rows)} tasks states a deadline "
                "(完成时限 columns and phrases such as 2024年底前 are read when a plan has them)")
        return
    dated = [d for d in items if d.dated]
    st.caption(f"{len({(d.number, d.task) for d in items})} 项任务有完成时限 · tasks with a deadline, "
               f"of {len(rows)}; {len(dated)} with a date")
    if dated:
        frame = pd.DataFrame([{"lead": d.lead, "date": d.deadline, "task": f"{d.number}. {d.task}",
                               "supports": d.supports} for d in dated])
        st.vega_lite_chart(frame, {
            "mark": {"type": "point", "filled": True, "size": 160},
            "encoding": {
                # dates written as plans write them (2025-06), not as English month names
                "x": {"field": "date", "type": "temporal", "title": "完成时限 deadline",
                      "axis": {"format": "%Y-%m", "labelExpr": "timeFormat(datum.value, '%Y年%m月')"}},
                "y": {"field": "lead", "type": "nominal", "title": "牵头单位 lead", "sort": None},
                "tooltip": [{"field": "task", "title": "任务"}, {"field": "date", "title": "时限"},
                            {"field": "supports", "title": "配合单位"}],
            },
            "height": max(160, 34 * frame["lead"].nunique()),
        }, use_container_width=True)
    for lead, group in by_lead(items).items():
        st.subheader(f"{lead} · {len(group)}")
        st.dataframe(pd.DataFrame([{"完成时限": d.deadline, "序号": d.number, "任务": d.task, "配合单位": d.supports}
                                   for d in group]), hide_index=True, key=f"tl_{lead}")
