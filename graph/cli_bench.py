"""`python -m graph bench`: parse, load and query speed from one plan to a thousand (bench/run.py)."""
from __future__ import annotations

import argparse

from loaders.errors import KgError

DESCRIPTION = ("benchmark parse throughput, load time and peak memory into the embedded store, and stored-question "
               "latency on synthetic plans, each against its baseline; --neo4j adds a Neo4j load (batched vs naive). "
               "Results go to bench/results/<timestamp>.json.")


def check_bench_args(args) -> None:
    """Refuse sizes and counts the bench cannot run with, before it generates anything."""
    if not args.quick:
        parts = [x.strip() for x in str(args.plans).split(",")]
        if not all(x.isdigit() and int(x) >= 1 for x in parts):
            raise KgError(f"--plans {args.plans!r} is not valid: give corpus sizes as whole numbers of plans, at "
                          "least 1, separated by commas (e.g. --plans 1,100,1000).")
    for option in ("repeats", "parse_plans", "neo4j_rels", "naive_rels"):
        if getattr(args, option) < 1:
            raise KgError(f"--{option.replace('_', '-')} {getattr(args, option)} is not valid: give at least 1.")


def cmd_bench(args) -> int:
    from bench.run import run

    check_bench_args(args)
    return run(args)


def register(subparsers, commands: dict) -> None:
    from bench.run import add_arguments

    p = subparsers.add_parser("bench", help="benchmark parse, load and query speed on synthetic plans",
                              description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter,
                              epilog="example:\n  python -m graph bench --plans 1,100,1000")
    add_arguments(p)
    commands["bench"] = cmd_bench
