"""Corpus-level subcommands: score against annotations, alias merges across documents, diff two plan versions."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from loaders.errors import KgError

EXAMPLES = {
    "score": "python -m graph score --corpus ../shared/corpus --min-role-f1 0.95 --min-mention-f1 0.97\n"
             "  python -m graph score GOLD_DIR DOCS_DIR --json",
    "aliases": "python -m graph aliases seeds/ ../shared/corpus/docs/\n"
               "  (confirm a near-match by adding a row canonical,alias,jurisdiction to loaders/data/aliases.csv)",
    "diff": "python -m graph diff plan-2023.txt plan-2024.txt\n  python -m graph diff old.docx new.pdf --json",
}


class ThresholdNotMet(KgError):
    """A score is below the minimum asked for."""


def register(subparsers, commands: dict) -> None:
    def cmd(name, help_):
        return subparsers.add_parser(name, help=help_, description=help_,
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="example:\n  " + EXAMPLES[name])

    p = cmd("score", "score extracted responsibilities against hand annotations (role F1 and mention F1, micro)")
    p.add_argument("gold", nargs="?", metavar="GOLD_DIR", help="folder of <stem>.json annotations")
    p.add_argument("docs", nargs="?", metavar="DOCS_DIR", help="folder of the annotated documents")
    p.add_argument("--corpus", metavar="DIR", help="a folder holding docs/ and gold/ (instead of GOLD_DIR DOCS_DIR)")
    p.add_argument("--min-role-f1", type=float, metavar="F", help="exit 1 when the micro role F1 is below F")
    p.add_argument("--min-mention-f1", type=float, metavar="F", help="exit 1 when the micro mention F1 is below F")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--verbose", "-v", action="store_true", help="list the missing and extra (unit, role) pairs")
    commands["score"] = cmd_score

    p = cmd("aliases", "list the unit names merged across documents and the near-matches left unmerged")
    p.add_argument("paths", nargs="*", metavar="PATH", help="documents or folders (default: seeds/)")
    p.add_argument("--json", action="store_true")
    commands["aliases"] = cmd_aliases

    p = cmd("diff", "compare two versions of a plan: tasks added, removed, reworded; owners and leads changed")
    p.add_argument("old", metavar="OLD")
    p.add_argument("new", metavar="NEW")
    p.add_argument("--json", action="store_true")
    commands["diff"] = cmd_diff


def _print(text: str) -> None:
    sys.stdout.write(text + "\n")


def cmd_score(args) -> int:
    from graph.score import ScoreError, score_corpus

    if args.corpus:
        if args.gold or args.docs:
            raise ScoreError("give either --corpus DIR or GOLD_DIR DOCS_DIR, not both.")
        gold, docs = Path(args.corpus) / "gold", Path(args.corpus) / "docs"
    elif args.gold and args.docs:
        gold, docs = Path(args.gold), Path(args.docs)
    else:
        raise ScoreError("give GOLD_DIR DOCS_DIR, or --corpus DIR (a folder holding docs/ and gold/).")
    result = score_corpus(gold, docs)
    if args.json:
        _print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        _print(f"{'document':<60} {'found':>5} {'gold':>5} {'role F1':>8} {'mention F1':>10}")
        for d in result.documents:
            flag = " (negative)" if d.negative else ""
            _print(f"{(d.name + flag)[:60]:<60} {d.found:>5} {d.expected:>5} {d.role.f1:>8.3f} {d.mention.f1:>10.3f}")
            if d.error:
                _print(f"    error: {d.error}")
            if args.verbose:
                for unit, role in d.missing:
                    _print(f"    missing {unit} ({role})")
                for unit, role in d.extra:
                    _print(f"    extra   {unit} ({role})")
        r, m = result.role, result.mention
        _print(f"micro role F1 {r.f1:.4f} (P {r.precision:.4f} R {r.recall:.4f}; tp {r.tp} fp {r.fp} fn {r.fn})")
        _print(f"micro mention F1 {m.f1:.4f} (P {m.precision:.4f} R {m.recall:.4f}; tp {m.tp} fp {m.fp} fn {m.fn})")
    failed = []
    if args.min_role_f1 is not None and result.role.f1 < args.min_role_f1:
        failed.append(f"role F1 {result.role.f1:.4f} < {args.min_role_f1}")
    if args.min_mention_f1 is not None and result.mention.f1 < args.min_mention_f1:
        failed.append(f"mention F1 {result.mention.f1:.4f} < {args.min_mention_f1}")
    if failed:
        sys.stderr.write("below the minimum: " + "; ".join(failed) + " (rerun with -v to see the differences)\n")
        return 1
    return 0


def _parse_all(paths: list[str]):
    from graph.loading import parse_paths
    from graph.settings import Settings

    report = parse_paths([Path(p) for p in paths], Settings.from_env().alias_table(), require_tasks=False)
    return report.loaded, report.skipped


def cmd_aliases(args) -> int:
    from graph.settings import Settings
    from loaders.aliases import DEFAULT_TABLE, alias_report

    paths = args.paths or ["seeds"]
    docs, skipped = _parse_all(paths)
    if not docs:
        raise KgError(f"no documents found in {', '.join(paths)}; give files or folders of plans.")
    names = []
    for doc in docs:
        for r in doc.responsibilities(kinds=("Task", "Measure")):
            pair = (r.duty.unit, doc.jurisdiction)
            if pair not in names:
                names.append(pair)
    merges, near = alias_report(names, docs[0].aliases)
    if args.json:
        _print(json.dumps({"merges": [m.__dict__ for m in merges], "near_matches": [n.__dict__ for n in near],
                           "skipped": skipped}, ensure_ascii=False, indent=2))
        return 0
    _print(f"{len(names)} unit names in {len(docs)} documents; alias table: {Settings.from_env().aliases or DEFAULT_TABLE}")
    _print(f"merged ({len(merges)}):")
    for m in merges:
        _print(f"  {m.canonical} <- {'、'.join(m.names)}  [{m.how}]")
    _print(f"near-matches NOT merged ({len(near)}); to merge one, add a row canonical,alias,jurisdiction to the "
           "alias table:")
    for n in near:
        _print(f"  {n.a} ~ {n.b}  ({n.why})")
    for path, reason in skipped:
        _print(f"skipped {path}: {reason}")
    return 0


def cmd_diff(args) -> int:
    from graph.diff import diff_documents, render
    from graph.settings import Settings
    from loaders.parse import parse_document

    aliases = Settings.from_env().alias_table()
    old = parse_document(args.old, aliases=aliases, require_tasks=False)
    new = parse_document(args.new, aliases=aliases, require_tasks=False)
    d = diff_documents(old, new)
    _print(json.dumps(d.as_dict(), ensure_ascii=False, indent=2) if args.json else render(d))
    return 0
