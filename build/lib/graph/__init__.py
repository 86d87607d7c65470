"""Responsibility graph: model, build, stores and the command line."""
