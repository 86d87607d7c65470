"""The app's store (opened read-only, once per version of its files) and the view state kept in the URL."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from graph.settings import Settings
from graph.store import open_store

PAGES = {"ask": "问答 Ask", "map": "图谱 Map", "matrix": "责任矩阵 Matrix", "timeline": "完成时限 Deadlines",
         "supervision": "督办 Supervision", "profiles": "档案 Profiles", "console": "查询台 Console"}


@st.cache_resource(show_spinner="正在打开图数据库 · opening the store …", max_entries=1)
def _cached_store(key: tuple):
    return open_store(Settings.from_env(), read_only=True)


def settings() -> Settings:
    return Settings.from_env()


def store_key(s: Settings | None = None) -> tuple:
    """Which store, and for the embedded one which version of its files: a `python -m graph load` while the app
    runs changes the key, so the next rerun reopens the store and every cached view is read again."""
    s = s or settings()
    if s.backend != "ladybug":
        return (s.backend, s.neo4j_uri, s.neo4j_database)
    path = Path(s.store).resolve()
    return (s.backend, str(path), _file_version(path), _file_version(path.with_name(path.name + ".wal")))


def _file_version(path: Path):
    try:
        st_ = path.stat()
    except FileNotFoundError:
        return None
    return st_.st_mtime_ns, st_.st_size


def get_store():
    return _cached_store(store_key())


# -- URL state ----------------------------------------------------------------------------------------------
def url_get(name: str, default: str = "") -> str:
    v = st.query_params.get(name)
    return default if v is None else str(v)


def url_list(name: str) -> list[str]:
    return [v for v in st.query_params.get_all(name) if v != ""]


def init(key: str, value) -> None:
    """Give a widget its first value (from the URL) without fighting Streamlit's own state afterwards."""
    if key not in st.session_state:
        st.session_state[key] = value


def selected_plans() -> list[str]:
    """The plan ids the sidebar's plan picker keeps (from the URL's `plan` on first load); [] means every plan."""
    if "plans" in st.session_state:
        return list(st.session_state["plans"])
    return url_list("plan")


def write_url(params: dict) -> None:
    """Replace the URL's query string with `params` (empty values left out) when it differs; the plan scope, which
    every page shares, is kept."""
    params = {**params, "plan": params.get("plan", selected_plans())}
    clean = {}
    for k, v in params.items():
        if v in (None, "", [], False):
            continue
        clean[k] = [str(x) for x in v] if isinstance(v, (list, tuple)) else str(v)
    current = {k: (st.query_params.get_all(k) if isinstance(clean.get(k), list) else st.query_params.get(k))
               for k in st.query_params.keys()}
    if current != clean:
        st.query_params.from_dict(clean)


def presentation() -> bool:
    return url_get("present") in ("1", "true", "yes")
