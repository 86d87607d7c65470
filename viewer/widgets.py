"""Pieces several pages share: the network frame, a table of answer rows, a picker for a question's parameter."""
from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from viewer import state
from viewer.vocabulary import VALUE_ZH, column_header


def show_network(graph, *, height: int = 560, focus: str | None = None, hierarchical: bool = False,
                 **page_options) -> str | None:
    """Draw `graph` in a frame; returns the page (self-contained HTML) or None when there is nothing to draw.

    page_options go to render_network_html (show_types, title, filters); `css_height` sets the frame's CSS
    height instead of `height` (e.g. "100vh" in presentation mode)."""
    from viewer.network import render_network_html

    if graph.number_of_nodes() == 0:
        st.info("没有可显示的节点 · nothing to draw")
        return None
    present = state.presentation()
    if present:
        height = max(height, 900)
    css_height = page_options.pop("css_height", None)
    page = render_network_html(graph, height=css_height or f"{height}px", presentation=present,
                               hierarchical=hierarchical, focus=focus if focus in graph else None, **page_options)
    st.iframe(page, height=height + 20)
    return page


def rows_frame(rows: list[dict], plan_labels: dict[str, str] | None = None) -> pd.DataFrame:
    """Answer rows as a table people read: Chinese headers, Chinese values (English beside), nodes by name;
    a `document` column holding plan titles shows each plan's short label instead."""
    def cell(v):
        if isinstance(v, dict) and "_nodes" in v:
            return " → ".join(str(n.get("name") or n.get("id")) for n in v["_nodes"])
        if isinstance(v, dict):
            return str(v.get("short_name") or v.get("name") or v.get("id") or json.dumps(v, ensure_ascii=False))
        if isinstance(v, list):
            return "、".join(str(cell(x)) for x in v)
        if isinstance(v, float) and v.is_integer():
            return int(v)
        if isinstance(v, str) and v in VALUE_ZH:
            return VALUE_ZH[v]
        return v

    def value(k, v):
        if k in ("document", "plan_a", "plan_b") and plan_labels and v in plan_labels:
            return plan_labels[v]
        return cell(v)
    return pd.DataFrame([{column_header(k): value(k, v) for k, v in r.items()} for r in rows])


def answer_table(rows: list[dict], vocab) -> tuple[pd.DataFrame, str]:
    """(table, caption): the plan named once in the caption when every row is of one plan, else a short plan label
    on each row, so that task 7 of one plan is told from task 7 of another."""
    titles = {r.get("document") for r in rows if "document" in r}
    labels = {d.get("title"): d.get("doc_number") or d.get("title") for d in vocab.documents}
    if len(titles) == 1 and next(iter(titles)):
        title = next(iter(titles))
        number = labels.get(title, "")
        trimmed = [{k: v for k, v in r.items() if k not in ("document", "doc_number")} for r in rows]
        return rows_frame(trimmed), f"方案 plan:《{title}》{number if number != title else ''}"
    return rows_frame([{k: v for k, v in r.items() if k != "doc_number"} for r in rows], labels), ""


def show_table(df: pd.DataFrame, *, key: str | None = None) -> None:
    """A table; in presentation mode an HTML table, whose text the presentation style makes as large as the map's
    labels (the interactive grid draws on a canvas that page styles cannot reach)."""
    if state.presentation():
        st.table(df)
    else:
        st.dataframe(df, hide_index=True, key=key)


PARAM_ZH = {"bureau": "单位 bureau", "bureau_a": "单位甲 bureau A", "bureau_b": "单位乙 bureau B",
            "bureau_c": "单位丙 bureau C", "role": "角色 role", "task": "任务序号 task no.", "document": "方案 plan",
            "track": "赛道 track", "park": "园区 park", "programme": "工程 programme", "term": "主题 topic",
            "year": "年份 year", "words": "词 words", "jurisdiction": "辖区 jurisdiction"}
ROLE_CHOICES = ["", "lead", "support", "guide"]


def param_picker(p, default, vocab, *, key: str):
    """A picker fitting the parameter: bureaus, roles, tracks, parks, programmes, task numbers, plans, free text."""
    default = "" if default is None else str(default)
    bureaus = [""] if p.name == "bureau_c" else []
    bureaus += [b["short_name"] or b["name"] for b in vocab.bureaus]
    labels = {b["id"]: f"{b['short_name'] or b['name']}({b.get('jurisdiction') or ''})" for b in vocab.bureaus}
    plan_names = {d["id"]: d.get("doc_number") or d.get("title") for d in vocab.documents}
    choices = {
        "bureau": bureaus, "bureau_a": bureaus, "bureau_b": bureaus, "bureau_c": bureaus,
        "role": ROLE_CHOICES,
        "track": vocab.tracks, "park": vocab.parks, "programme": vocab.programmes,
        "task": sorted({str(t["number"]) for t in vocab.tasks if t.get("number") is not None}, key=int),
        "document": [""] + [d["id"] for d in vocab.documents],
        "jurisdiction": [""] + sorted({b.get("jurisdiction") or "" for b in vocab.bureaus} - {""}),
    }.get(p.name)
    label = PARAM_ZH.get(p.name, p.name)
    if choices is None:
        return st.text_input(label, value=default, key=key, placeholder="请输入 · type")
    choices = list(dict.fromkeys(choices))
    if default and default not in choices:
        choices = [default] + choices

    def show(v):
        if v == "":
            return "(全部 all)"
        return VALUE_ZH.get(v, labels.get(v, plan_names.get(v, v))) if p.name in ("role", "document") or v in labels \
            else v
    index = choices.index(default) if default in choices else 0
    return st.selectbox(label, choices, index=index, key=key, format_func=show, placeholder="请选择 · choose")
