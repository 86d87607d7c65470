"""Files and folders to the store, in batches: each batch of documents lands in one transaction or not at all."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from graph.build import build_graph
from graph.store import Settings, open_store
from loaders.errors import DocumentError, KgError, NoTasks
from loaders.formats import SUPPORTED
from loaders.parse import ParsedDocument, parse_document

BATCH = 500  # documents per transaction: bounds memory on a folder of a thousand plans (fewer is slower)


@dataclass
class Loaded:
    """What a load report says of one document (the parsed document itself is dropped after writing)."""

    path: str
    doc_id: str
    title: str
    doc_number: str
    tasks: int
    responsibilities: int

    @classmethod
    def of(cls, doc: ParsedDocument) -> "Loaded":
        return cls(doc.path, doc.doc_id, doc.facts.title, doc.facts.doc_number, len(doc.tasks),
                   len(doc.responsibilities()))


@dataclass
class LoadReport:
    loaded: list = field(default_factory=list)  # Loaded after load_paths, ParsedDocument after parse_paths
    skipped: list[tuple[str, str]] = field(default_factory=list)
    no_facts: list[str] = field(default_factory=list)  # skipped documents that read but gave no responsibility
    counts: dict[str, int] = field(default_factory=dict)


def expand_paths(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """(files named directly, files found in folders): a bad named file stops the load, a bad found one is skipped."""
    direct, found = [], []
    for p in paths:
        if p.is_dir():
            found.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED))
        else:
            direct.append(p)
    if not direct and not found:
        raise KgError(f"No documents found in {', '.join(map(str, paths))}; supported: {', '.join(SUPPORTED)}.")
    return direct, found


def _parse_found(found: list[Path], report: LoadReport):
    for f in found:
        try:
            yield parse_document(f)
        except DocumentError as exc:
            report.skipped.append((str(f), str(exc).split(": ", 1)[-1]))
            if isinstance(exc, NoTasks):
                report.no_facts.append(str(f))


def parse_paths(paths: list[Path]) -> LoadReport:
    """Parse everything, keeping the parsed documents (for export and extraction)."""
    report = LoadReport()
    direct, found = expand_paths(paths)
    report.loaded = [parse_document(f) for f in direct]
    report.loaded.extend(_parse_found(found, report))
    return report


def load_paths(settings: Settings, paths: list[Path], store=None, batch: int = BATCH) -> LoadReport:
    """Parse and write. Every file named directly must parse before anything is written; files found in folders
    that cannot be read are skipped and named in the report."""
    report = LoadReport()
    direct, found = expand_paths(paths)
    named = [parse_document(f) for f in direct]  # raises: the user named this file, so stop before writing
    own = store is None
    store = store or open_store(settings)
    try:
        pending: list[ParsedDocument] = []
        for doc in [*named, *_parse_found(found, report)]:
            pending.append(doc)
            if len(pending) >= batch:
                _write(store, pending, report)
        _write(store, pending, report)
        report.counts = store.counts() if report.loaded else {}
    finally:
        if own:
            store.close()
    return report


def _write(store, docs: list[ParsedDocument], report: LoadReport) -> None:
    if docs:
        store.write(build_graph(docs), [d.doc_id for d in docs])
        report.loaded.extend(Loaded.of(d) for d in docs)
        docs.clear()
