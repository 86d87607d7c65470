"""`python -m graph bench`: parse, load and query speed from one plan to a thousand (bench/run.py)."""
from __future__ import annotations

import argparse

DESCRIPTION = ("benchmark parse throughput, load time and peak memory into the embedded store, and stored-question "
               "latency on synthetic plans, each against its baseline; --neo4j adds a Neo4j load (batched vs naive). "
               "Results go to bench/results/<timestamp>.json.")


def cmd_bench(args) -> int:
    from bench.run import run

    return run(args)


def register(subparsers, commands: dict) -> None:
    from bench.run import add_arguments

    p = subparsers.add_parser("bench", help="benchmark parse, load and query speed on synthetic plans",
                              description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter,
                              epilog="example:\n  python -m graph bench --plans 1,100,1000")
    add_arguments(p)
    commands["bench"] = cmd_bench
