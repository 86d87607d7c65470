"""Pieces several pages share: the network frame, a table of answer rows, a picker for a question's parameter."""
from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from viewer import state
from viewer.vocabulary import ROLE_ZH


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


def rows_frame(rows: list[dict]) -> pd.DataFrame:
    def cell(v):
        if isinstance(v, dict) and "_nodes" in v:
            return " → ".join(str(n.get("name") or n.get("id")) for n in v["_nodes"])
        if isinstance(v, dict):
            return str(v.get("short_name") or v.get("name") or v.get("id") or json.dumps(v, ensure_ascii=False))
        if isinstance(v, list):
            return "、".join(str(cell(x)) for x in v)
        if v in ROLE_ZH:
            return f"{ROLE_ZH[v]} {v}"
        return v
    return pd.DataFrame([{k: cell(v) for k, v in r.items()} for r in rows])


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
