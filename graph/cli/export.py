"""`python -m graph export`: the graph for Neo4j (Cypher, neo4j-admin CSV), Gephi/yEd (GraphML, GEXF), JSON, or a 分工表."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from loaders.errors import KgError

DESCRIPTION = """write the graph as files Neo4j loads: parse documents (files or folders), or read an embedded store
with --store, then write either
  cypher     a cypher-shell script: id constraints, then one MERGE per node and per relationship
             (cypher-shell -u neo4j -p <password> -f seed.cypher)
  neo4j-csv  a folder of CSV files for `neo4j-admin database import full` (offline bulk import into an empty
             database), with README.txt holding the exact command
  graphml    GraphML for yEd and Gephi (list properties joined with "; ")
  gexf       GEXF for Gephi
  json       networkx node-link JSON
  fengong-xlsx, fengong-csv
             the 分工表: one row per task, 序号 | 任务 | 牵头单位 | 配合单位 | 完成时限 | 来源条款
             (CSV in UTF-8 with BOM, for Excel)"""

FILE_FORMATS = ("graphml", "gexf", "json", "fengong-xlsx", "fengong-csv")


def register(subparsers, commands: dict) -> None:
    p = subparsers.add_parser(
        "export", help="write the graph as a Cypher script or neo4j-admin import CSV files",
        description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example:\n  python -m graph export seeds/ --format cypher --output seed.cypher\n"
               "  python -m graph export --store data/graph.lbug --format neo4j-csv --output import/\n"
               "  python -m graph export seeds/ --format fengong-xlsx --output 分工表.xlsx\n"
               "  python -m graph export --store data/graph.lbug --format graphml --output graph.graphml")
    p.add_argument("paths", nargs="*", metavar="PATH", help="documents or folders to parse")
    p.add_argument("--store", metavar="FILE", help="export what this embedded (Ladybug) store holds instead")
    p.add_argument("--format", choices=["cypher", "neo4j-csv", *FILE_FORMATS], default="cypher", help="default: cypher")
    p.add_argument("--output", "-o", metavar="FILE_OR_DIR",
                   help="cypher: a file (default: standard output); neo4j-csv: a folder (required); "
                        "graphml, gexf, json, fengong-*: a file (required)")
    from graph.cli.progress import parse_options

    parse_options(p)
    commands["export"] = cmd_export


def _graph(args, progress):
    """The graph to export, from --store or parsed from the documents (then `progress.parsed` says how many)."""
    if args.paths and args.store:
        raise KgError("Give documents to parse or --store, not both.")
    if args.store:
        from graph.store.fetch import read_graph
        from graph.store.ladybug import LadybugStore

        with LadybugStore(args.store, read_only=True) as store:
            return read_graph(store)
    if not args.paths:
        raise KgError("Nothing to export: give documents or folders to parse, or --store FILE.")
    from graph.build import build_graph
    from graph.cli.progress import count, workers_of
    from graph.loading import parse_paths

    with progress:
        report = parse_paths([Path(p) for p in args.paths], workers=workers_of(args), progress=progress)
    for path, reason in report.skipped:
        print(f"skipped {path}: {reason}", file=sys.stderr)
    progress.parsed = (f"; parsed {count(len(report.loaded), 'document')} in {progress.elapsed:.1f} s"
                       + (f", {len(report.skipped):,} skipped" if report.skipped else ""))
    return build_graph(report.loaded)


def _progress(args):
    from graph.cli.progress import CommandProgress

    return CommandProgress(quiet=args.quiet)


def _write_script(graph, out: Path, export_cypher) -> int:
    """Write the script beside `out` and rename it into place: an error leaves no half-written file."""
    if out.is_dir():
        raise KgError(f"--output {out} is a folder; --format cypher writes one file: give a file name such as "
                      f"{out / 'graph.cypher'}.")
    if not out.parent.is_dir():
        raise KgError(f"--output {out}: the folder {out.parent} does not exist; create it or give another path.")
    tmp = out.with_name(f".{out.name}.partial")
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            n = export_cypher(graph, f)
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise KgError(f"--output {out}: cannot write there ({exc.strerror or exc}); give a path you can write "
                      "to.") from exc
    return n


def cmd_export(args) -> int:
    from graph.export import export_cypher, export_neo4j_csv

    if args.format == "neo4j-csv" and not args.output:
        raise KgError("--format neo4j-csv writes a folder of files: give it with --output DIR.")
    progress = _progress(args)
    if args.format in FILE_FORMATS:
        return _export_file(args, progress)
    graph = _graph(args, progress)
    if args.format == "cypher":
        if args.output:
            out = Path(args.output)
            n = _write_script(graph, out, export_cypher)
            progress.finish(f"wrote {n} statements ({graph.number_of_nodes()} nodes, {graph.number_of_edges()} "
                            f"relationships) to {out}{progress.parsed}\nload with: cypher-shell -u neo4j -p "
                            f"<password> -f {out}")
        else:
            export_cypher(graph, sys.stdout)
            if progress.parsed:
                progress.finish(progress.parsed[2:])
        return 0
    folder = Path(args.output)
    if folder.exists() and not folder.is_dir():
        raise KgError(f"--output {folder} is a file; --format neo4j-csv needs a folder.")
    try:
        result = export_neo4j_csv(graph, folder)
    except OSError as exc:
        raise KgError(f"--output {folder}: cannot write there ({exc.strerror or exc}); give a folder you can "
                      "write to.") from exc
    print(f"wrote {len(result['nodes'])} node files and {len(result['relationships'])} relationship files "
          f"({graph.number_of_nodes()} nodes, {graph.number_of_edges()} relationships) to {folder}")
    print(f"import (Neo4j stopped, database empty), from {folder.resolve()}:\n  {result['command']}")
    print(f"then create the id constraints: cypher-shell -f {folder / 'constraints.cypher'}; see {folder / 'README.txt'}")
    if progress.parsed:
        progress.finish(progress.parsed[2:])
    return 0


def _export_file(args, progress) -> int:
    """One file: the whole graph (graphml, gexf, json) or the 分工表 (fengong-*), written only once complete."""
    import os
    import tempfile

    if not args.output:
        raise KgError(f"--format {args.format} writes a file: give it with --output FILE.")
    out = Path(args.output)
    if out.is_dir():
        raise KgError(f"--output {out} is a folder; --format {args.format} needs a file name.")
    if args.format.startswith("fengong"):
        data = _sheet_data(args, progress)
        from graph import fengong

        rows = fengong.build_sheet(data)
        body = (fengong.to_xlsx(rows, fengong.sheet_title(data)) if args.format == "fengong-xlsx"
                else fengong.to_csv(rows))
        what = f"{len(rows)} tasks"
    else:
        from graph.export import graph_file_bytes

        graph = _graph(args, progress)
        body = graph_file_bytes(graph, args.format)
        what = f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} relationships"
    out.parent.mkdir(parents=True, exist_ok=True)
    # written beside the target and renamed: an interrupted export never leaves half a file
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(body)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; the export is an ordinary file
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    progress.finish(f"wrote {args.format} ({what}) to {out}{progress.parsed}")
    return 0


def _sheet_data(args, progress) -> dict:
    """The 分工表's rows from --store, or from the documents loaded into a throwaway embedded store."""
    import tempfile

    from graph.fengong import fetch_sheet_rows
    from graph.store.ladybug import LadybugStore

    if args.paths and args.store:
        raise KgError("Give documents to parse or --store, not both.")
    if args.store:
        with LadybugStore(args.store, read_only=True) as store:
            return fetch_sheet_rows(store)
    graph = _graph(args, progress)
    docs = sorted({a["id"] for _, a in graph.nodes(data=True) if a["label"] == "Document"})
    with tempfile.TemporaryDirectory() as folder:
        with LadybugStore(Path(folder) / "sheet.lbug") as store:
            store.write(graph, docs)
            return fetch_sheet_rows(store)
