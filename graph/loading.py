"""Files and folders to the store, in batches: each batch of documents lands in one transaction or not at all."""
from __future__ import annotations

import gc
import multiprocessing
import os
import resource
import shutil
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path

from graph.build import build_graph
from graph.errors import StoreError
from graph.memory import release_free_memory
from graph.settings import Settings
from graph.store import open_store
from loaders.errors import DocumentError, KgError, NoTasks
from loaders.formats import SUPPORTED
from loaders.parse import ParsedDocument, parse_document

# a store grows by about 13 bytes per byte of plan text, and a checkpoint needs the write-ahead log and shadow
# pages beside it: measured on the synthetic corpus, 4.7 MB of plans took the store from 6 to 66 MB
GROWTH_PER_BYTE = 15
CHECKPOINT_FACTOR = 2
# documents per transaction: bounds memory on a folder of a thousand plans (fewer is slower). A batch's peak is
# its commit: the checkpoint, on top of the fixed buffer each table's COPY holds until then (~16 MB a node table,
# ~8 MB a relationship pair, whatever the rows); the batch's graph is handed back before it (write(consume=True)).
# Measured on 1,000 of the bench's plans (ru_maxrss): 500 a batch peaked at 1,674 MB, 250 at 1,048 MB, 200 at
# 1,012 MB (README, Performance)
BATCH = 200
# and at most this much text (characters) per transaction: ~150 of the bench's synthetic plans (7,900 characters
# each); a folder of long plans gets smaller batches, so the peak follows the text, not the plan count. On an AMD
# EPYC machine 1.6 million characters (~200 plans) peaked at 1,037-1,079 MB, 1.4 million at 1,012-1,021, 1.2 million
# at 976-996 MB, ~13% slower (seven commits for 1,000 plans instead of five)
BATCH_CHARS = 1_200_000
# documents parsed ahead of the one the load is at, at most: the next batch's parse overlaps the write of this
# one, but a whole batch of parsed documents (~0.3 MB each) waiting in memory would add to the write's peak
AHEAD = 64


@dataclass
class Loaded:
    """What a load report says of one document (the parsed document itself is dropped after writing)."""

    path: str
    doc_id: str
    title: str
    doc_number: str
    tasks: int
    responsibilities: int
    under_heading: int = 0  # tasks without a marker of their own whose owners their heading's marker names

    @classmethod
    def of(cls, doc: ParsedDocument) -> "Loaded":
        return cls(doc.path, doc.doc_id, doc.facts.title, doc.facts.doc_number, len(doc.tasks),
                   len(doc.responsibilities()), sum(t.under is not None for t in doc.tasks))


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


def count_workers(requested: int = 0) -> int:
    """Processes to parse with: `requested`, or (0) one per core this process may run on."""
    if requested > 0:
        return requested
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


# A pool costs its start (a fork per worker, about 30 ms with both) and a pickle of every parsed document on the way
# back (about 13% of its parse time in the worker, 11% to unpickle here, its objects pickled as their fields); on 2
# cores with synthetic 20 KB plans (27 ms each) two documents gain nothing from it, four gain about a quarter: below
# this count the parse stays in this process (the seed, a plan or two named on the command line)
MIN_PARALLEL = 4
IN_FLIGHT_PER_WORKER = 4  # chunks submitted ahead per worker at least: keeps every core busy between results

# called with ("parse", documents parsed so far, documents in all) after each document, and ("write", documents in
# the batch, documents in all) before a batch is written, ("written", …) after
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Job:
    """One document to parse; `budget_s` None: no time budget (a file named directly)."""

    path: Path
    budget_s: float | None = None


class ParseStream:
    """Parse documents and give back (path, document, error) in input order: in worker processes when there are
    at least `min_parallel` documents and more than one worker, else in this process. A KgError of a document is
    its result; a worker that dies stops the stream with a KgError. At most `ahead` documents (or a few per worker)
    are parsed or being parsed ahead of the consumer, so memory is bounded whatever the number of documents. Use as
    a context manager: leaving it early stops the workers."""

    def __init__(self, jobs: list[Job], *, aliases=None, require_tasks: bool = True, workers: int = 0,
                 ahead: int = 0, min_parallel: int = MIN_PARALLEL):
        from loaders.aliases import load_alias_table

        self.jobs = jobs
        # the table every document refers to: workers leave it out of what they send back, it is put back here,
        # so all documents share one table as a serial parse gives (and a large table is not copied per document)
        self.aliases = aliases or load_alias_table()
        self.require_tasks = require_tasks
        n = min(count_workers(workers), len(jobs))
        self.workers = n if n > 1 and len(jobs) >= min_parallel else 1
        self.ahead = ahead
        self._pool: ProcessPoolExecutor | None = None
        self._pending: deque = deque()
        self._chunks: Iterator[list[Job]] = iter(())
        self._ready: deque = deque()
        self._serial: Iterator[Job] = iter(jobs)
        if self.workers > 1:
            self._start()

    def _start(self) -> None:
        size = max(1, min(4, len(self.jobs) // (self.workers * IN_FLIGHT_PER_WORKER)))
        self._chunks = (self.jobs[i:i + size] for i in range(0, len(self.jobs), size))
        self.window = max(self.workers * IN_FLIGHT_PER_WORKER, -(-self.ahead // size))  # chunks in flight
        # fork: workers inherit the loaded modules and the alias table, so starting them costs milliseconds; they
        # are forked here, before the caller opens a store and its threads
        context = multiprocessing.get_context("fork")
        self._stop = context.Event()
        self._pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_start_worker,
                                         initargs=(self.aliases, self.require_tasks, os.getpid(), self._stop))
        for _ in range(self.window):
            if not self._submit():
                break

    def _submit(self) -> bool:
        chunk = next(self._chunks, None)
        if chunk is None:
            return False
        try:
            self._pending.append((chunk, self._pool.submit(_parse_chunk, chunk)))
        except BrokenProcessPool as exc:
            raise _worker_died(chunk) from exc
        return True

    def __iter__(self):
        return self

    def __next__(self) -> tuple[Path, ParsedDocument | None, KgError | None]:
        if self._pool is None:
            job = next(self._serial)
            return (job.path, *parse_job(job, self.aliases, self.require_tasks))
        if not self._ready:
            if not self._pending:
                raise StopIteration
            chunk, future = self._pending.popleft()
            try:
                results = future.result()
            except BrokenProcessPool as exc:
                raise _worker_died(chunk) from exc
            self._submit()
            for job, (doc, error) in zip(chunk, results):
                if doc is not None:
                    doc.aliases = self.aliases
                self._ready.append((job.path, doc, error))
        return self._ready.popleft()

    def __enter__(self) -> "ParseStream":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if self._pending:  # left early (Ctrl-C, an error, a named file that failed): what is under way is not needed
            # the workers stop after the document each is parsing (at most its budget). They are not killed: a
            # worker killed while sending a result left the pool's reader waiting for the rest of the message, and
            # Ctrl-C hung the load about one time in ten
            self._stop.set()
            for _, future in self._pending:
                future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)
        self._pending.clear()


def _worker_died(chunk: list[Job]) -> KgError:
    names = ", ".join(str(j.path) for j in chunk[:3]) + (" …" if len(chunk) > 3 else "")
    return KgError(f"A process parsing documents died (killed, or out of memory) while parsing {names}; nothing "
                   "more was written. Run again with KG_WORKERS=1 (or --workers 1) to parse in one process.")


_worker: dict = {}


def _start_worker(aliases, require_tasks: bool, parent: int, stop) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the workers
    _die_with(parent)
    _own_session()
    # what the worker inherited is never garbage here: out of the collector's sight, a collection neither walks
    # it nor copies its pages (fork shares them until written); measured: 10% less CPU in the workers
    gc.freeze()
    _worker.update(aliases=aliases, require_tasks=require_tasks, stop=stop)


def _own_session() -> None:
    """Run the worker in a session of its own. With kernel.sched_autogroup_enabled=1 the scheduler shares the CPU
    between sessions first, so two workers in the load's session got one session's share when other sessions
    were busy (measured on the shared 2-core machine: the parallel parse took 2.9-4.1 s in the load's session,
    2.1-2.9 s in their own). Ctrl-C still stops them (the parent catches it and ends the pool; they ignore it
    anyway), and they die with the parent through PR_SET_PDEATHSIG, whichever session they are in."""
    try:
        os.setsid()
    except OSError:  # already a session or group leader (not a forked worker): nothing to gain
        pass


def _die_with(parent: int) -> None:
    """End this worker when the parent process dies (a load killed with SIGKILL): an idle worker would otherwise
    wait for work for ever, holding the parent's stderr open."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG (Linux)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _parse_chunk(chunk: list[Job]) -> list[tuple[ParsedDocument | None, KgError | None]]:
    out = []
    for job in chunk:
        if _worker["stop"].is_set():  # the stream was closed early: its results would not be read
            break
        doc, error = parse_job(job, _worker["aliases"], _worker["require_tasks"])
        if doc is not None:
            doc.aliases = None  # the parent puts its own table back: not pickled once per document
        out.append((doc, error))
    return out


def parse_job(job: Job, aliases, require_tasks: bool) -> tuple[ParsedDocument | None, KgError | None]:
    """(document, None) or (None, the error that says why it could not be read); the budget applies when set."""
    try:
        if job.budget_s is None:
            return parse_document(job.path, aliases=aliases, require_tasks=require_tasks), None
        with parse_budget(job.path, job.budget_s):
            return parse_document(job.path, aliases=aliases, require_tasks=require_tasks), None
    except KgError as exc:
        return None, exc
    except MemoryError:
        return None, KgError(f"{job.path}: ran out of memory while parsing; free memory or load it on its own.")


def _skip(path: Path, error: KgError, report: LoadReport) -> None:
    """A document found in a folder that cannot be read is named in the report; any other error stops the load."""
    if not isinstance(error, DocumentError):
        raise error
    report.skipped.append((str(path), str(error).split(": ", 1)[-1]))
    if isinstance(error, NoTasks):
        report.no_facts.append(str(path))


def _parse_found(found: list[Path], report: LoadReport, aliases=None, require_tasks: bool = True,
                 budget_s: float = PARSE_BUDGET_S, workers: int = 0):
    with ParseStream([Job(f, budget_s) for f in found], aliases=aliases, require_tasks=require_tasks,
                     workers=workers) as stream:
        yield from _found_documents(stream, report)


def _found_documents(stream: Iterator, report: LoadReport, progress: Progress | None = None, done: int = 0,
                     total: int = 0):
    for path, doc, error in stream:
        done += 1
        if progress:
            progress("parse", done, total)
        if error is not None:
            _skip(path, error, report)
            continue
        yield doc


def _named_documents(stream: Iterator, count: int, progress: Progress | None = None,
                     total: int = 0) -> list[ParsedDocument]:
    """The first `count` documents of the stream, files named directly: the first that fails stops everything."""
    docs = []
    for done, (_, doc, error) in enumerate(islice(stream, count), 1):
        if error is not None:
            raise error
        docs.append(doc)
        if progress:
            progress("parse", done, total)
    return docs


def _jobs(direct: list[Path], found: list[Path]) -> list[Job]:
    """Named files first, with no budget (a long parse of a file the user named is waited for), then found ones."""
    return [Job(f) for f in direct] + [Job(f, PARSE_BUDGET_S) for f in found]


def parse_paths(paths: list[Path], aliases=None, *, require_tasks: bool = True, workers: int = 0,
                progress: Progress | None = None) -> LoadReport:
    """Parse everything, keeping the parsed documents (for export, extraction and reports)."""
    report = LoadReport()
    direct, found = expand_paths(paths)
    total = len(direct) + len(found)
    with ParseStream(_jobs(direct, found), aliases=aliases, require_tasks=require_tasks,
                     workers=workers) as stream:
        report.loaded = _named_documents(stream, len(direct), progress, total)
        report.loaded.extend(_found_documents(stream, report, progress, len(direct), total))
    return report


def load_paths(settings: Settings, paths: list[Path], store=None, batch: int = BATCH,
               progress: Progress | None = None, batch_chars: int = BATCH_CHARS) -> LoadReport:
    """Parse and write. Every file named directly must parse before anything is written; files found in folders
    that cannot be read are skipped and named in the report."""
    report = LoadReport()
    direct, found = expand_paths(paths)
    aliases = settings.alias_table()
    total = len(direct) + len(found)
    # the next batch is parsed while one is written: at most two batches of parsed documents in memory
    with ParseStream(_jobs(direct, found), aliases=aliases, workers=settings.workers, ahead=min(batch, AHEAD)) \
            as stream:
        # raises: the user named it, so stop before writing
        named = _named_documents(stream, len(direct), progress, total)
        if settings.backend == "ladybug":
            check_free_space(Path(settings.store), [*direct, *found])
        docs = chain(named, _found_documents(stream, report, progress, len(direct), total))
        if store is None:
            with open_store(settings) as own:
                return _load(own, docs, report, batch, progress, total, batch_chars)
        return _load(store, docs, report, batch, progress, total, batch_chars)


def _load(store, docs: Iterable[ParsedDocument], report: LoadReport, batch: int, progress: Progress | None,
          total: int, batch_chars: int = 0) -> LoadReport:
    pending: list[ParsedDocument] = []
    chars = 0
    for doc in docs:
        pending.append(doc)
        chars += len(doc.text.raw)
        # the graph of a batch, and the store's buffers for it, grow with its text, not with its plan count
        if len(pending) >= batch or (batch_chars and chars >= batch_chars):
            _write(store, pending, report, progress, total)
            chars = 0
    _write(store, pending, report, progress, total)
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


def _write(store, docs: list[ParsedDocument], report: LoadReport, progress: Progress | None = None,
           total: int = 0) -> None:
    if docs:
        if progress:
            progress("write", len(docs), total)
        graph, ids, loaded = build_graph(docs), [d.doc_id for d in docs], [Loaded.of(d) for d in docs]
        docs.clear()  # the parsed documents are not needed while the store writes (~0.3 MB each)
        store.write(graph, ids, consume=True)  # the graph's memory is handed back before the commit
        report.loaded.extend(loaded)
        release_free_memory()
        if progress:
            progress("written", len(loaded), total)


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
