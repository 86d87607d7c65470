"""A task's supervision history (督办记录) on its profile: every report, oldest first, nothing overwritten."""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from graph import ledger
from viewer import state


def show_task_history(task_id: str) -> None:
    store = state.get_store()
    records = ledger.read_records(store)
    tasks = ledger.read_tasks(store, next((r["plan"] for r in records if r["task"] == task_id), ""))
    task = tasks.get(task_id)
    rows = ledger.history(records, task_id)
    st.markdown("**督办记录 · supervision history**")
    if not rows or task is None:
        st.caption("尚无进展记录 · no progress reported yet (督办 page)")
        return
    status, _ = ledger.task_status(task, ledger.current_records(records))
    late = ledger.is_overdue(task.deadline, status, date.today())
    st.caption(f"当前状态 current: {status} {ledger.STATUS_EN[status]}" + (" · 逾期 overdue" if late else ""))
    st.dataframe(pd.DataFrame([{"填报日期 reported": r["reported_on"], "职责 duty":
                                ledger.bureau_label(task, r["bureau"]) if r["bureau"] else "整项任务 whole task",
                                "状态 status": r["status"], "进展情况 report": r["note"],
                                "填报单位 by": ledger.bureau_label(task, r["reported_by"]),
                                "录入 entered": r["entered_at"], "来源 source": r["source"]} for r in rows]),
                 hide_index=True, key="pf_ledger_history")
