"""Streamlit viewer helpers for the responsibility knowledge graph."""
