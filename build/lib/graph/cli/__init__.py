"""`python -m graph …` and `policy-graph …`: the command line, thin over loaders, graph, stores and questions."""
import sys

from graph.cli.main import build_parser, main

__all__ = ["build_parser", "main", "main_exit"]


def main_exit() -> None:
    """The console command: the exit status of main()."""
    sys.exit(main())
