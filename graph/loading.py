"""Files and folders to the store: parse everything first, then write in one transaction."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from graph.build import build_graph
from graph.store import Settings, open_store
from loaders.errors import DocumentError, KgError
from loaders.formats import SUPPORTED
from loaders.parse import ParsedDocument, parse_document


@dataclass
class LoadReport:
    loaded: list[ParsedDocument] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def expand_paths(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """(files named directly, files found in folders): a bad named file stops the load, a bad found one is skipped."""
    direct, found = [], []
    for p in paths:
        if p.is_dir():
            found.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED))
        else:
            direct.append(p)
    return direct, found


def parse_paths(paths: list[Path]) -> LoadReport:
    report = LoadReport()
    direct, found = expand_paths(paths)
    for f in direct:
        report.loaded.append(parse_document(f))  # raises: the user named this file, so stop before writing
    for f in found:
        try:
            report.loaded.append(parse_document(f))
        except DocumentError as exc:
            report.skipped.append((str(f), str(exc).split(": ", 1)[-1]))
    if not report.loaded and not report.skipped:
        raise KgError(f"No documents found in {', '.join(map(str, paths))}; supported: {', '.join(SUPPORTED)}.")
    return report


def load_paths(settings: Settings, paths: list[Path], store=None) -> LoadReport:
    report = parse_paths(paths)
    if not report.loaded:
        return report
    graph = build_graph(report.loaded)
    own = store is None
    store = store or open_store(settings)
    try:
        store.write(graph, [d.doc_id for d in report.loaded])
        report.counts = store.counts()
    finally:
        if own:
            store.close()
    return report
