"""Files and folders to the store, in batches: each batch of documents lands in one transaction or not at all."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from graph.build import build_graph
from graph.settings import Settings
from graph.store import open_store
from loaders.errors import DocumentError, KgError
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


def _parse_found(found: list[Path], report: LoadReport, aliases=None, require_tasks: bool = True):
    for f in found:
        try:
            yield parse_document(f, aliases=aliases, require_tasks=require_tasks)
        except DocumentError as exc:
            report.skipped.append((str(f), str(exc).split(": ", 1)[-1]))


def parse_paths(paths: list[Path], aliases=None, *, require_tasks: bool = True) -> LoadReport:
    """Parse everything, keeping the parsed documents (for export, extraction and reports)."""
    report = LoadReport()
    direct, found = expand_paths(paths)
    report.loaded = [parse_document(f, aliases=aliases, require_tasks=require_tasks) for f in direct]
    report.loaded.extend(_parse_found(found, report, aliases, require_tasks))
    return report


def load_paths(settings: Settings, paths: list[Path], store=None, batch: int = BATCH) -> LoadReport:
    """Parse and write. Every file named directly must parse before anything is written; files found in folders
    that cannot be read are skipped and named in the report."""
    report = LoadReport()
    direct, found = expand_paths(paths)
    aliases = settings.alias_table()
    named = [parse_document(f, aliases=aliases) for f in direct]  # raises: the user named it, so stop before writing
    if store is None:
        with open_store(settings) as own:
            return _load(own, named, found, report, batch, aliases)
    return _load(store, named, found, report, batch, aliases)


def _load(store, named: list[ParsedDocument], found: list[Path], report: LoadReport, batch: int,
          aliases) -> LoadReport:
    pending: list[ParsedDocument] = []
    for doc in [*named, *_parse_found(found, report, aliases)]:
        pending.append(doc)
        if len(pending) >= batch:
            _write(store, pending, report)
    _write(store, pending, report)
    report.counts = store.counts() if report.loaded else {}
    return report


def _write(store, docs: list[ParsedDocument], report: LoadReport) -> None:
    if docs:
        store.write(build_graph(docs), [d.doc_id for d in docs])
        report.loaded.extend(Loaded.of(d) for d in docs)
        docs.clear()


def load_if_empty(settings: Settings, folder: Path) -> bool:
    """Load `folder` into an embedded store that is missing or holds no document (the viewer's first start);
    True when it loaded. A Neo4j store is never written to here."""
    if settings.backend != "ladybug":
        return False
    path = Path(settings.store)
    if path.is_file() and path.stat().st_size == 0:
        path.unlink()
    if path.exists():
        with open_store(settings, read_only=True) as store:
            if store.counts().get("Document"):
                return False
    load_paths(settings, [folder])
    return True
