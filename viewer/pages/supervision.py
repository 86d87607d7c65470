"""督办 Supervision: tasks by status and deadline, overdue in red, by bureau and plan; reporting progress (password)."""
from __future__ import annotations

from datetime import date

import streamlit as st

from graph import ledger
from graph.edit_access import check_password, editing_enabled
from graph.questions.catalogue import run_lookup
from graph.store import open_store
from loaders.errors import KgError
from viewer import state
from viewer.supervision import TABLE_CSS, ledger_table_html, overdue_by_owner, sort_rows, status_counts

ALL = ""


def _as_of() -> date:
    try:
        return date.fromisoformat(state.url_get("as_of"))
    except ValueError:
        return date.today()


def render() -> None:
    store = state.get_store()
    present = state.presentation()
    docs = {d["id"]: d["title"] for d in run_lookup(store, "documents")}
    state.init("sv_plan", state.url_get("plan") if state.url_get("plan") in docs else ALL)
    state.init("sv_as_of", _as_of())
    if not present:
        st.header("督办 · Supervision ledger")
        c = st.columns([3, 2, 2, 3])
        with c[0]:
            st.selectbox("方案 plan", [ALL, *docs], key="sv_plan", format_func=lambda d: docs.get(d, "(全部 all)"),
                         placeholder="请选择 · choose")
    plan = st.session_state.sv_plan if st.session_state.sv_plan in docs else ALL
    tasks, records = ledger.read_tasks(store, plan), ledger.read_records(store, plan)
    owners = sorted({o.short_name or o.name for t in tasks.values() for o in t.owners})
    state.init("sv_bureau", state.url_get("bureau") if state.url_get("bureau") in owners else ALL)
    state.init("sv_status", [s for s in state.url_list("status") if s in ledger.STATUSES])
    if not present:
        with c[1]:
            st.selectbox("单位 bureau", [ALL, *owners], key="sv_bureau", format_func=lambda b: b or "(全部 all)", placeholder="请选择 · choose")
        with c[2]:
            st.date_input("截至 as of", key="sv_as_of")
        with c[3]:
            st.multiselect("状态 status", list(ledger.STATUSES), key="sv_status",
                           format_func=lambda s: f"{s} {ledger.STATUS_EN[s]}", placeholder="请选择 · choose")
    ss = st.session_state
    as_of = ss.sv_as_of
    state.write_url({"page": "supervision", "plan": plan, "bureau": ss.sv_bureau,
                     "as_of": as_of.isoformat() if as_of != date.today() else "", "status": ss.sv_status,
                     "present": "1" if present else ""})
    st.markdown(TABLE_CSS, unsafe_allow_html=True)
    rows = sort_rows(ledger.task_rows(tasks, records, as_of))
    if present:
        _presentation(rows, as_of)
        return
    if ss.sv_bureau:
        rows = sort_rows(ledger.duty_rows(tasks, records, as_of, bureau=ss.sv_bureau))
        columns = ["number", "title", "bureau", "deadline", "status", "late_by", "note", "reported_on"]
    else:
        columns = ["number", "title", "lead", "support", "deadline", "status", "late_by", "note", "reported_on",
                   "reported_by"]
    counts = status_counts(rows)
    m = st.columns(len(counts) + 1)
    m[0].metric("逾期 · overdue", sum(1 for r in rows if r["overdue"]))
    for col, (s, n) in zip(m[1:], counts.items()):
        col.metric(f"{s} · {ledger.STATUS_EN[s]}", n)
    shown = [r for r in rows if not ss.sv_status or r["status"] in ss.sv_status]
    if not shown:
        st.info("没有任务 · no task matches")
    else:
        st.markdown(ledger_table_html(shown, columns, as_of), unsafe_allow_html=True)
    unplaced = ledger.unplaced_records(tasks, records)
    if unplaced:
        st.warning(f"{len(unplaced)} 条记录的任务已不在库中 · records whose task is no longer in the store: "
                   + "; ".join(f"{r['task_number']} {r['task_title']}" for r in unplaced[:10]))
    _edit_form(tasks)


def _presentation(rows: list[dict], as_of: date) -> None:
    late = [r for r in rows if r["overdue"]]
    st.header(f"逾期任务及责任单位 · Overdue, and who owns them ({as_of.isoformat()})")
    c = st.columns(3)
    c[0].metric("逾期任务 · overdue tasks", len(late))
    c[1].metric("任务总数 · tasks", len(rows))
    c[2].metric("已完成 · done", sum(1 for r in rows if r["status"] == ledger.DONE))
    if not late:
        st.success("没有逾期任务 · nothing is overdue")
        return
    for lead, items in overdue_by_owner(rows):
        st.subheader(f"{lead} · {len(items)}")
        st.markdown(ledger_table_html(items, ["number", "title", "support", "deadline", "status", "late_by", "note"],
                                      as_of), unsafe_allow_html=True)


def _edit_form(tasks: dict[str, ledger.LedgerTask]) -> None:
    settings = state.settings()
    flash = st.session_state.pop("sv_flash", None)
    if flash:
        st.success(flash)
    st.subheader("填报进展 · Report progress")
    if not editing_enabled(settings.edit_password):
        st.info("编辑已关闭 · editing is off: set KG_EDIT_PASSWORD to the hash printed by "
                "`python -m graph ledger hash-password`, then restart the viewer.")
        return
    if not tasks:
        return
    task_id = st.selectbox("任务 task", list(tasks), key="sv_edit_task",
                           format_func=lambda t: f"{tasks[t].number} · {tasks[t].title}", placeholder="请选择 · choose")
    task = tasks[task_id]
    names = [o.short_name or o.name for o in task.owners]
    with st.form("sv_edit", clear_on_submit=False):
        c = st.columns(3)
        duty = c[0].selectbox("职责 duty", [ALL, *names], format_func=lambda b: b or "整项任务 whole task", placeholder="请选择 · choose")
        reporter = c[1].selectbox("填报单位 reporting bureau", names, placeholder="请选择 · choose")
        status = c[2].selectbox("状态 status", list(ledger.STATUSES), index=1,
                                format_func=lambda s: f"{s} {ledger.STATUS_EN[s]}", placeholder="请选择 · choose")
        note = st.text_area("进展情况 report", height=80)
        c = st.columns(2)
        day = c[0].date_input("填报日期 report date", value=date.today(), max_value=date.today())
        password = c[1].text_input("编辑密码 edit password", type="password")
        submitted = st.form_submit_button("保存 · Save")
    if not submitted:
        return
    if not check_password(password, settings.edit_password):
        st.error("密码不对 · wrong edit password: nothing was saved.")
        return
    try:
        with open_store(settings) as writable:
            record = ledger.set_status(writable, task.plan, task.task, status, bureau=duty, reported_by=reporter,
                                       note=note, reported_on=day, source="viewer")
    except KgError as exc:  # a bad report, or the store busy with a load in another process
        st.error(f"没有保存 · not saved: {exc}")
        return
    st.session_state["sv_flash"] = (f"已保存 · saved: 第{task.number}项 {status} ({reporter})" if record else
                                    "与当前记录相同,未重复保存 · the same as the current report: nothing new to save")
    st.rerun()
