"""责任知识图谱 · Responsibility knowledge graph viewer (Streamlit, fully offline): the frame around the pages.

Pages (viewer/pages/): 问答 Ask · 图谱 Map · 责任矩阵 Matrix · 档案 Profiles · 查询台 Console. The view (page,
filters, focus …) lives in the URL so a link reopens it; ?present=1 is the presentation mode.
"""
from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import urlencode

import streamlit as st

from graph.loading import load_if_empty
from loaders.errors import KgError
from viewer import state
from viewer.pages import ask, console, map, matrix, profiles, supervision, timeline

SEEDS = Path(__file__).resolve().parent / "seeds"
RENDER = {"ask": ask.render, "map": map.render, "matrix": matrix.render, "timeline": timeline.render,
          "supervision": supervision.render, "profiles": profiles.render, "console": console.render}

BASE_CSS = """
<style>
mark.duty { background:#FFE699; padding:0 2px; }
.kg-text { font-size:1.05rem; line-height:1.9; }
</style>
"""
PRESENT_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], header { display:none !important; }
.block-container, [data-testid="stMainBlockContainer"] { padding:0.75rem 1rem 1rem 1rem !important;
  max-width:100% !important; }
html, body, .stApp { font-size:22px !important; color:#000 !important; background:#FFF !important; }
.stApp p, .stApp li, .stApp label, .stApp td, .stApp th { font-size:1.15rem !important; color:#000 !important; }
.stApp h1 { font-size:2.4rem !important; } .stApp h2 { font-size:2rem !important; }
</style>
"""


@st.cache_resource(show_spinner="首次启动:载入 seeds/ · first start: loading seeds/ …")
def _seeded(key: tuple) -> bool:
    """An embedded store that is missing or empty gets the seed plans once (./run loads them too)."""
    return load_if_empty(state.settings(), SEEDS)


def _guarded(name: str):
    """A page inside the error boundary: a clear message in the page, never a stack trace."""
    def page() -> None:
        st.session_state["page"] = name
        try:
            _seeded(state.store_key())
            state.get_store()
            _plan_picker()
            RENDER[name]()
        except KgError as exc:
            st.error(f"出错了 · {exc}")
        except Exception as exc:  # noqa: BLE001 - the boundary: whatever a page raises is shown, not thrown
            st.error(f"出错了 · Something went wrong: {type(exc).__name__}: {str(exc)[:300]}")
    page.__name__ = f"page_{name}"
    return page


def _plan_picker() -> None:
    """The plan scope every page shares: all plans, or one or several, kept in the URL (?plan=<id>)."""
    from viewer import data

    docs = {d["id"]: d for d in data.vocabulary().documents}
    state.init("plans", [p for p in state.url_list("plan") if p in docs])
    if state.presentation():
        return  # no sidebar: the scope comes from the URL
    st.sidebar.multiselect("方案 · plans", list(docs), key="plans", placeholder="全部方案 · all plans",
                           format_func=lambda i: f"{docs[i].get('doc_number') or ''} {docs[i].get('title') or i}")


def _presentation_links(present: bool) -> None:
    """Links to the same view (filters, focus …) with presentation mode switched on or off."""
    view = {k: st.query_params.get_all(k) for k in st.query_params.keys() if k != "present"}
    view.setdefault("page", [st.session_state.get("page", "ask")])
    plain = html.escape("?" + urlencode(view, doseq=True))
    if present:
        st.markdown(f'<a href="{plain}" target="_self">退出演示 · exit presentation</a>', unsafe_allow_html=True)
    else:
        st.sidebar.markdown(f'<a href="{plain}&amp;present=1" target="_self">演示模式 · presentation</a>',
                            unsafe_allow_html=True)


def main() -> None:
    present = state.presentation()
    st.set_page_config(page_title="责任知识图谱 · Responsibility graph", layout="wide",
                       initial_sidebar_state="collapsed" if present else "expanded")
    pages = {name: st.Page(_guarded(name), title=title, url_path=name, default=name == "ask")
             for name, title in state.PAGES.items()}
    current = st.navigation(list(pages.values()), position="hidden" if present else "sidebar")
    wanted = state.url_get("page")  # shared links name the page in the query: ?page=map&bureau=…
    if wanted in pages and current is pages["ask"] and pages[wanted] is not current:
        st.switch_page(pages[wanted], query_params=st.query_params.to_dict())
    st.markdown(BASE_CSS, unsafe_allow_html=True)
    if present:
        st.markdown(PRESENT_CSS, unsafe_allow_html=True)
    with st.sidebar:
        st.title("责任知识图谱")
        st.caption("谁负责什么 · Responsibility knowledge graph")
        st.caption(f"存储 store: {state.settings().describe()}")
    current.run()
    _presentation_links(present)


main()
