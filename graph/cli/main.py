"""`python -m graph …`: a thin layer over loaders, build, stores and stored questions."""
from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from graph.cli.progress import parse_options, workers_of
from graph.settings import SETTINGS, Settings
from graph.store import open_store
from loaders.errors import KgError

out = Console(soft_wrap=True, highlight=False)
err = Console(stderr=True, soft_wrap=True, highlight=False)

EXAMPLES = {
    "load": "python -m graph load seeds/\n  python -m graph load plan.txt --store /tmp/g.lbug",
    "ask": "python -m graph ask tasks_of_bureau --param bureau=区科委\n  python -m graph ask shared_tasks --offset 50\n"
           "  python -m graph ask shared_tasks --all --format csv > pairs.csv\n"
           "  python -m graph ask --text \"区科委牵头哪些任务\"\n  python -m graph ask --list",
    "cypher": "python -m graph cypher \"$(cat queries/console/1_leads_per_bureau.cypher)\"",
    "stats": "python -m graph stats",
    "upgrade": "python -m graph upgrade --store data/graph.lbug",
    "extract": "python -m graph extract seeds/shijingshan-incubator-work-plan-2023.txt > facts.jsonl",
    "summary": "python -m graph summary",
    "schema": "python -m graph schema",
    "analyse": "python -m graph analyse",
    "check": "python -m graph check plan.txt other-plan.docx",
}


def _store_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("store (default: the embedded store; environment variables in brackets)")
    g.add_argument("--store", help="embedded store file [KG_STORE, default data/graph.lbug]")
    g.add_argument("--neo4j", metavar="URI", help="use a Neo4j 5 server instead, e.g. bolt://localhost:7687 [NEO4J_URI]")
    g.add_argument("--neo4j-user", help="[NEO4J_USER, default neo4j]")
    g.add_argument("--neo4j-database", help="[NEO4J_DATABASE, default neo4j]")
    g.add_argument("--neo4j-password-env", metavar="VAR",
                   help="name of an environment variable holding the password [default NEO4J_PASSWORD]")


def _settings(args) -> Settings:
    password = os.environ.get(args.neo4j_password_env) if getattr(args, "neo4j_password_env", None) else None
    return Settings.from_env(store=getattr(args, "store", None), neo4j_uri=getattr(args, "neo4j", None),
                             neo4j_user=getattr(args, "neo4j_user", None),
                             neo4j_database=getattr(args, "neo4j_database", None), neo4j_password=password,
                             workers=getattr(args, "workers", None))


def build_parser() -> argparse.ArgumentParser:
    settings_help = "\n".join(f"  {s.env:<20} {s.help} (default: {s.default if s.default != '' else '-'})"
                              for s in SETTINGS)
    parser = argparse.ArgumentParser(
        prog="python -m graph", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Responsibility knowledge graph for government work plans: who owns what.",
        epilog=f"settings (environment):\n{settings_help}\n\nexample:\n  {EXAMPLES['load']}")
    sub = parser.add_subparsers(dest="command", required=True)

    def cmd(name, help_):
        p = sub.add_parser(name, help=help_, description=help_, formatter_class=argparse.RawDescriptionHelpFormatter,
                           epilog="example:\n  " + EXAMPLES[name])
        return p

    p = cmd("load", "parse documents (files or folders) and write them to the store")
    p.add_argument("paths", nargs="+", metavar="PATH")
    parse_options(p)
    _store_options(p)

    p = cmd("ask", "answer a stored question (queries/*.cypher) by name")
    p.add_argument("name", nargs="?")
    p.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE")
    p.add_argument("--list", action="store_true", help="list the stored questions and their parameters")
    p.add_argument("--text", "-t", action="append", default=[], metavar="QUESTION",
                   help="a question in Chinese or English, routed as the viewer's Ask box does (repeatable)")
    p.add_argument("--plan", action="append", default=[], metavar="PLAN",
                   help="with --text: limit to a plan (its id, number or part of its title; repeatable)")
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    p.add_argument("--limit", metavar="N", help="rows on the page (default 50)")
    p.add_argument("--offset", metavar="N", help="rows to skip: the page starting after them (default 0)")
    p.add_argument("--all", action="store_true", help="every row, for csv or json dumps")
    _store_options(p)

    p = cmd("cypher", "run ad-hoc read-only Cypher (writes, file access and schema changes are refused)")
    p.add_argument("query")
    p.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE")
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    _store_options(p)

    p = cmd("stats", "count nodes per label and relationships per type")
    _store_options(p)

    p = cmd("upgrade", "bring a store written by an earlier version up to the current schema, in place "
                       "(loads and writes do it too)")
    _store_options(p)

    p = cmd("summary", "print the who-owns-what summary: plans, workload, tasks and their owners")
    _store_options(p)

    cmd("schema", "print the graph schema (labels, relationship types, properties) as Markdown")

    p = cmd("analyse", "rank bureaus by centrality in the co-ownership network (networkx): who holds the map together")
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    _store_options(p)

    p = cmd("extract", "parse documents without a store; print one JSON line per (task, unit) responsibility")
    p.add_argument("paths", nargs="+", metavar="FILE")
    parse_options(p)

    p = cmd("check", "say what each document's markers gave: facts per marker, tasks without an owner, and every "
                     "bracket or line that looks like a marker but gave nothing (with its line number)")
    p.add_argument("paths", nargs="+", metavar="FILE")
    from graph.cli import corpus as cli_corpus
    cli_corpus.register(sub, COMMANDS)
    from graph.cli import export as cli_export
    cli_export.register(sub, COMMANDS)
    from graph.cli import ledger as cli_ledger
    cli_ledger.register(sub, COMMANDS, _store_options, _settings, print_rows)
    return parser


def _pairs(items: list[str]) -> dict[str, str]:
    out_ = {}
    for item in items:
        if "=" not in item:
            raise KgError(f"--param needs NAME=VALUE, got '{item}'")
        k, v = item.split("=", 1)
        out_[k.strip()] = v
    return out_


def print_rows(rows: list[dict], fmt: str = "table", title: str | None = None, columns: list[str] | None = None,
               footer: str | None = None):
    cols = columns or (list(rows[0]) if rows else [])
    if fmt == "json":
        for r in rows:
            out.print(json.dumps(r, ensure_ascii=False, default=str), markup=False)
        return
    if fmt == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(cols)
        w.writerows([[_cell(r.get(c)) for c in cols] for r in rows])
        return
    table = Table(title=title, show_lines=False, header_style="bold")
    for c in cols:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*[_cell(r.get(c)) for c in cols])
    out.print(table)
    out.print(footer or f"{len(rows)} row{'s' if len(rows) != 1 else ''}", markup=False)


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, list):
        return ", ".join(_cell(x) for x in v)
    if isinstance(v, dict):
        if "_label" in v:
            return f"({v['_label']} {v.get('name', v.get('id', ''))})"
        return json.dumps(v, ensure_ascii=False, default=str)
    return str(v)


def cmd_load(args) -> int:
    from graph.cli.progress import CommandProgress, count
    from graph.loading import load_paths

    settings = _settings(args)
    with CommandProgress(err, quiet=args.quiet) as progress:
        report = load_paths(settings, [Path(p) for p in args.paths], progress=progress)
    for path, reason in report.skipped:
        if path in report.no_facts:
            err.print(f"warning: {path}: gives no facts, skipped; run `python -m graph check {path}` to see what was "
                      "read", markup=False)
        else:
            err.print(f"[yellow]skipped[/] {path}: {reason}", markup=True)
    for doc in report.loaded[:20]:
        under = (f"; {count(doc.under_heading, 'task')} with no marker of their own take the owners of the heading "
                 "above them" if doc.under_heading else "")
        out.print(f"loaded {doc.path}: 《{doc.title}》 {doc.doc_number} — {doc.tasks} tasks, "
                  f"{doc.responsibilities} responsibilities{under}", markup=False)
    if len(report.loaded) > 20:
        out.print(f"… and {len(report.loaded) - 20} more documents ({len(report.loaded)} in all)", markup=False)
    out.print(f"into {settings.describe()}", markup=False)
    if report.counts:
        out.print("store now holds: " + ", ".join(f"{k} {v}" for k, v in report.counts.items() if v), markup=False)
    progress.finish(f"loaded {count(len(report.loaded), 'document')} ({count(sum(d.tasks for d in report.loaded), 'task')}, "
                    f"{count(sum(d.responsibilities for d in report.loaded), 'responsibility', 'responsibilities')}) "
                    f"in {progress.elapsed:.1f} s" + (f"; {len(report.skipped):,} skipped" if report.skipped else ""))
    return 0 if report.loaded and not report.skipped else (3 if report.loaded else 1)


def cmd_ask(args) -> int:
    from graph.questions.catalogue import get_question, load_questions, page_line, run_page

    if args.text:
        return _ask_text(args)
    if args.list or not args.name:
        rows = [{"name": q.name, "question": f"{q.zh}\n{q.en}", "params": q.usage()} for q in load_questions().values()]
        print_rows(rows, "table", "stored questions (queries/*.cypher)")
        return 0
    given = _pairs(args.param)
    get_question(args.name).bind(given)  # a wrong name or parameter is said before the store is opened
    limit, offset = _page_options(args)
    with open_store(_settings(args), read_only=True) as store:
        q, page = run_page(store, args.name, given, limit=limit, offset=offset)
    line = page_line(page)
    if args.format == "table":
        print_rows(page.rows, args.format, f"{q.zh}  {q.en}", q.returns, footer=line)
    else:  # the dump stays rows only; where it is in the answer goes to stderr
        print_rows(page.rows, args.format, f"{q.zh}  {q.en}", q.returns)
        err.print(line, markup=False)
    return 0


def _page_options(args) -> tuple[int | None, int]:
    """--limit/--offset/--all as (limit, offset): None for every row."""
    def whole(option: str, value: str | None, default: int, least: int) -> int:
        if value is None:
            return default
        if not value.strip().isdigit() or int(value) < least:
            raise KgError(f"{option} needs a whole number ≥ {least}, got '{value}' (e.g. {option} 50)")
        return int(value)

    from graph.questions.catalogue import DEFAULT_PAGE

    if args.all and args.limit is not None:
        raise KgError("--all gives every row; leave out --limit (or --all)")
    return (None if args.all else whole("--limit", args.limit, DEFAULT_PAGE, 1)), whole("--offset", args.offset, 0, 0)



def _ask_text(args) -> int:
    """Free-text questions through the router: the stored question chosen, its parameters, the answer line, rows."""
    from graph.questions.catalogue import get_question
    from graph.questions.router import answer, fetch_vocabulary, resolve_plans

    from graph.questions.catalogue import Page, page_line

    if args.name or args.param:
        raise KgError("--text takes the question in words; leave out the question name and --param")
    limit, offset = _page_options(args)
    if offset:
        raise KgError("--text shows the first page of each answer; for later pages ask the question by name "
                      "with --offset (the question and parameters are printed)")
    failed = 0
    with open_store(_settings(args), read_only=True) as store:
        vocab = fetch_vocabulary(store)
        plans = resolve_plans(vocab, args.plan)
        for text in args.text:
            a = answer(store, text, vocab, plans, limit=limit)
            r = a.route
            if args.format == "json":
                out.print(json.dumps({"text": text, "question": r.question, "params": r.params, "answer": a.line,
                                      "choices": [c for _, c in r.choices], "rows": a.rows, "total": a.total},
                                     ensure_ascii=False, default=str), markup=False)
            elif not r.question:
                choices = "; ".join(label for label, _ in r.choices)
                err.print(f"error: {r.why}" + (f" — {choices}; write the full name or add --plan" if choices else ""),
                          markup=False)
            else:
                q = get_question(r.question)
                out.print(f"问题 question: {r.question} — {q.zh}", markup=False)
                out.print("参数 parameters: " + (", ".join(f"{k}={v}" for k, v in r.params.items()) or "—"),
                          markup=False)
                out.print(f"答案 answer: {a.line}", markup=False)
                line = page_line(Page(a.rows, a.total, limit, 0), hint=False)
                print_rows(a.rows, args.format, None, q.returns, footer=line)
                if args.format != "table":
                    err.print(line, markup=False)
            failed += r.question is None
    return 1 if failed else 0


def cmd_cypher(args) -> int:
    s = _settings(args)
    with open_store(s, read_only=True) as store:
        rows, truncated = store.run_readonly(args.query, _pairs(args.param), timeout_s=s.console_timeout,
                                             max_rows=s.console_max_rows)
    print_rows(rows, args.format)
    if truncated:
        err.print(f"only the first {s.console_max_rows} rows are shown (KG_CONSOLE_MAX_ROWS)")
    return 0


def cmd_stats(args) -> int:
    from graph.questions.catalogue import run_lookup

    s = _settings(args)
    with open_store(s, read_only=True) as store:
        counts = store.counts()
        kinds = {r["kind"]: r["c"] for r in run_lookup(store, "entity_kinds")}
    rows = []
    for k, v in counts.items():
        rows.append({"label or type": k, "count": v})
        if k == "Entity":  # one table for the five kinds: each kind's count under it
            rows += [{"label or type": f"  Entity {{kind: '{kind}'}}", "count": n} for kind, n in kinds.items()]
    print_rows(rows, "table", s.describe())
    return 0


def cmd_upgrade(args) -> int:
    from graph.store.migrations import describe

    s = _settings(args)
    with open_store(s) as store:  # opening a store for writing brings its schema up to the model's
        upgraded = store.upgraded_tables
    if upgraded:
        out.print(f"upgraded {s.describe()}: {describe(upgraded)}; nothing was lost", markup=False)
    else:
        out.print(f"{s.describe()} already has the current schema; nothing to do", markup=False)
    return 0


def cmd_summary(args) -> int:
    from graph.questions.catalogue import run_lookup, run_question

    with open_store(_settings(args), read_only=True) as store:
        for d in run_lookup(store, "documents"):
            out.print(f"《{d['title']}》 {d['doc_number']} signed {d['signed_on']}", markup=False, style="bold")
        for name, title in (("workload_ranking", "谁承担最多 Which bureau carries the most"),
                            ("targets", "目标 Targets")):
            q, rows = run_question(store, name)
            print_rows(rows, "table", title, q.returns)
        owners = run_lookup(store, "task_owners")
    tasks: dict[tuple, dict] = {}
    for r in owners:
        t = tasks.setdefault((r["document"], r["number"]), {"task": r["number"], "title": r["title"], "lead": [],
                                                           "support": []})
        t["lead" if r["role"] == "lead" else "support"].append(r["short_name"])
    print_rows([{**t, "lead": "、".join(t["lead"]), "support": "、".join(t["support"])} for t in tasks.values()],
               "table", "任务分工 Who owns each task", ["task", "title", "lead", "support"])
    return 0


def cmd_extract(args) -> int:
    from graph.cli.progress import CommandProgress, count
    from graph.loading import Job, ParseStream

    status = 0
    gave = 0
    facts = 0
    with CommandProgress(err, quiet=args.quiet) as progress, \
            ParseStream([Job(p) for p in args.paths], require_tasks=False, workers=workers_of(args)) as stream:
        for done, (path, (_, doc, error)) in enumerate(zip(args.paths, stream), 1):
            progress("parse", done, len(args.paths))
            if error is not None:
                err.print(f"error: {error}", markup=False)
                status = 1
                continue
            responsibilities = doc.responsibilities()
            if not responsibilities:
                err.print(f"warning: {path}: gives no facts; run `python -m graph check {path}` to see what was "
                          "read", markup=False)
            gave += bool(responsibilities)
            facts += len(responsibilities)
            item, leader = None, ""  # an item's leader is read once per item: it scans the item's clauses
            for r in responsibilities:
                s, e = doc.text.raw_span(r.duty.start, r.duty.end)
                cs, ce = doc.text.raw_span(r.clause.start, r.clause.end)
                row = {"document": path, "task_id": f"{doc.doc_id}/task/{r.item.seq}", "task_number": r.item.number,
                       "task_title": r.item.title, "unit": r.duty.unit, "canonical": r.canonical, "role": r.duty.role,
                       "clause": r.clause.text, "start": s, "end": e, "clause_start": cs, "clause_end": ce}
                if r.item is not item:
                    item, leader = r.item, r.item.leader
                if leader:
                    row["leader"] = leader
                sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    if not status:  # an error stays the one line it is
        silent = len(args.paths) - gave
        progress.finish(f"extracted {count(facts, 'responsibility', 'responsibilities')} from "
                        f"{count(len(args.paths), 'document')} in {progress.elapsed:.1f} s"
                        + (f"; {silent:,} without facts" if silent else ""))
    return status or (0 if gave else 1)


def cmd_check(args) -> int:
    from loaders.check import check_document, format_check

    status = 0
    for path in args.paths:
        result = check_document(path)
        for line in format_check(result):
            out.print(line, markup=False)
        status = status or (1 if result.error else 0)
    return status


def cmd_analyse(args) -> int:
    from graph.analysis import bureau_centrality
    from graph.store.fetch import read_graph

    s = _settings(args)
    with open_store(s, read_only=True) as store:
        graph = read_graph(store, keep=("short_name", "name", "role"))
    print_rows(bureau_centrality(graph), args.format, "共同负责网络中的单位 Bureaus in the co-ownership network")
    return 0


def cmd_schema(args) -> int:
    from graph.model import schema_markdown

    sys.stdout.write(schema_markdown() + "\n")
    return 0


COMMANDS = {"analyse": cmd_analyse, "schema": cmd_schema, "load": cmd_load, "ask": cmd_ask, "cypher": cmd_cypher, "stats": cmd_stats, "upgrade": cmd_upgrade,
            "summary": cmd_summary,
            "extract": cmd_extract, "check": cmd_check}


def main(argv: list[str] | None = None) -> int:
    import warnings

    warnings.formatwarning = lambda message, *args, **kwargs: f"warning: {message}\n"
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except KgError as exc:
        err.print(f"error: {exc}", markup=False)
        return 2
    except OSError as exc:  # the last guard: a file the system refuses, named, never a traceback
        where = f"{exc.filename}: " if exc.filename else ""
        err.print(f"error: {where}{exc.strerror or exc}; check the path and its permissions.", markup=False)
        return 2
    except KeyboardInterrupt:
        return 130
