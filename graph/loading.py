"""Files and folders to the store, in batches: each batch of documents lands in one transaction or not at all."""
from __future__ import annotations

import resource
import shutil
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from graph.build import build_graph
from graph.errors import StoreError
from graph.settings import Settings
from graph.store import open_store
from loaders.errors import DocumentError, KgError, NoTasks
from loaders.formats import SUPPORTED
from loaders.parse import ParsedDocument, parse_document

# a store grows by about 13 bytes per byte of plan text, and a checkpoint needs the write-ahead log and shadow
# pages beside it: measured on the synthetic corpus, 4.7 MB of plans took the store from 6 to 66 MB
GROWTH_PER_BYTE = 15
CHECKPOINT_FACTOR = 2
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
        if _is_dir(p):
            found.extend(sorted(f for f in p.rglob("*") if _is_file(f) and f.suffix.lower() in SUPPORTED))
        else:
            direct.append(p)
    if not direct and not found:
        raise KgError(f"No documents found in {', '.join(map(str, paths))}; supported: {', '.join(SUPPORTED)}.")
    return direct, found


def _is_dir(p: Path) -> bool:
    try:
        return p.is_dir()
    except OSError:  # a name too long or a path the system cannot stat: read_document names the reason
        return False


def _is_file(p: Path) -> bool:
    try:
        return p.is_file()
    except OSError:
        return False


PARSE_BUDGET_S = 60  # seconds one document found in a folder may take to parse before it is skipped


class ParseBudgetExceeded(DocumentError):
    """A document took longer than PARSE_BUDGET_S to parse."""


@contextmanager
def parse_budget(path: Path, seconds: float):
    """Raise ParseBudgetExceeded in the parse when it runs past `seconds` (main thread only: SIGALRM); elsewhere
    no budget applies."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum, frame):
        raise ParseBudgetExceeded(f"{path}: took longer than {seconds:g} s to parse and was skipped; it may be "
                                  "unusually built (report it with the file).")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _parse_found(found: list[Path], report: LoadReport, aliases=None, require_tasks: bool = True,
                 budget_s: float = PARSE_BUDGET_S):
    for f in found:
        try:
            with parse_budget(f, budget_s):
                doc = parse_document(f, aliases=aliases, require_tasks=require_tasks)
        except DocumentError as exc:
            report.skipped.append((str(f), str(exc).split(": ", 1)[-1]))
            if isinstance(exc, NoTasks):
                report.no_facts.append(str(f))
            continue
        yield doc


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
    if settings.backend == "ladybug":
        check_free_space(Path(settings.store), [*direct, *found])
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


def space_needed(store: Path, files: list[Path]) -> tuple[int, int]:
    """(bytes the store file may grow to, bytes of free space the load needs in its folder)."""
    size = store.stat().st_size if store.exists() else 0
    text = sum(_size(f) for f in files)
    grown = size + GROWTH_PER_BYTE * text
    return grown, grown + CHECKPOINT_FACTOR * GROWTH_PER_BYTE * text


def check_free_space(store: Path, files: list[Path]) -> None:
    """Refuse a load the disk (or the process's file-size limit) cannot hold, before anything is written."""
    grown, needed = space_needed(store, files)
    folder = store.parent if store.parent.is_dir() else Path(".")
    free = shutil.disk_usage(folder).free
    if needed > free:
        raise StoreError(f"Not enough free space for this load: it needs about {_mb(needed)} in {folder}, which "
                         f"has {_mb(free)} free; free some space or load fewer documents at a time.")
    limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
    if limit != resource.RLIM_INFINITY and grown > limit:
        raise StoreError(f"This load needs the store file to grow to about {_mb(grown)}, over this process's "
                         f"file-size limit of {_mb(limit)} (ulimit -f); raise the limit or load fewer documents.")


def _size(f: Path) -> int:
    try:
        return f.stat().st_size
    except OSError:
        return 0


def _mb(n: int) -> str:
    return f"{n / 1e6:,.0f} MB" if n >= 1e6 else f"{n / 1e6:.1f} MB"


def _write(store, docs: list[ParsedDocument], report: LoadReport) -> None:
    if docs:
        graph, ids, loaded = build_graph(docs), [d.doc_id for d in docs], [Loaded.of(d) for d in docs]
        docs.clear()  # the parsed documents are not needed while the store writes (~0.3 MB each)
        store.write(graph, ids)
        report.loaded.extend(loaded)


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
