"""What the pages read, cached per version of the store: the graph, the names for pickers, matrix rows, questions."""
from __future__ import annotations

import streamlit as st

from graph.questions.catalogue import load_questions
from graph.questions.router import fetch_vocabulary
from graph.fengong import fetch_sheet_rows
from viewer import state
from viewer.matrix import fetch_matrix_rows
from viewer.subgraph import fetch_graph


@st.cache_resource(show_spinner="读取图谱 · reading the graph …")
def _graph(key: tuple):
    return fetch_graph(state.get_store())


@st.cache_resource(show_spinner=False)
def _vocabulary(key: tuple):
    return fetch_vocabulary(state.get_store())


@st.cache_resource(show_spinner=False)
def _matrix_rows(key: tuple):
    return fetch_matrix_rows(state.get_store())


@st.cache_resource(show_spinner=False)
def _sheet_rows(key: tuple):
    return fetch_sheet_rows(state.get_store())


def sheet_rows():
    return _sheet_rows(state.store_key())


@st.cache_resource(show_spinner=False)
def questions():
    return load_questions()


def graph():
    return _graph(state.store_key())


def vocabulary():
    return _vocabulary(state.store_key())


def matrix_rows():
    return _matrix_rows(state.store_key())
