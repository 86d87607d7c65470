"""`python -m graph …` and `policy-graph …`: the command line, thin over loaders, graph, stores and questions."""
from graph.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
