"""Console statements on the embedded store run in a child process with a memory limit and a hard wall-clock kill."""
from __future__ import annotations

import os
import pickle
import resource
import signal
import subprocess
import sys
from pathlib import Path

from graph.errors import QueryError
from loaders.errors import KgError

ROOT = Path(__file__).resolve().parents[2]
STARTUP_S = 10  # the child's interpreter start and store open, on top of the query's own time limit
_OVERHEAD_MB = 768  # address space of the interpreter, Ladybug's and pyarrow's libraries before any query
_OUT_OF_MEMORY = ("bad_alloc", "buffer pool is full", "unable to allocate", "out of memory", "memoryerror",
                  "mmap for size")


def _max_db_size(path: Path) -> int:
    """Ladybug reserves address space for the whole database; a power of two above the file, at least 1 GB."""
    size = max(path.stat().st_size * 2, 1 << 30)
    return 1 << (size - 1).bit_length()


def run_isolated(path: str | Path, statement: str, params: dict | None, *, timeout_s: float, max_rows: int,
                 memory_mb: int) -> tuple[list[dict], bool]:
    """Run a gated read-only statement on the store at `path` in a child process; returns (rows, truncated).

    The child gets `memory_mb` of working memory (RLIMIT_AS above what the store's mapping needs), the engine's
    own timeout, and is killed `STARTUP_S` after that if it is still running; a crash of the engine (a signal)
    or running out of memory ends only the child and comes back as a QueryError.
    """
    path = Path(path)
    db_size = _max_db_size(path)
    buffer_mb = max(64, memory_mb // 2)
    limit = db_size + (memory_mb + _OVERHEAD_MB) * 1024 * 1024
    job = {"path": str(path), "statement": statement, "params": params or {}, "timeout_s": timeout_s,
           "max_rows": max_rows, "buffer_mb": buffer_mb, "max_db_size": db_size}

    def limit_child():
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    proc = subprocess.Popen([sys.executable, "-m", "graph.store.console_process"], cwd=ROOT, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=limit_child,
                            start_new_session=True)
    try:
        out, errout = proc.communicate(pickle.dumps(job), timeout=timeout_s + STARTUP_S)
    except subprocess.TimeoutExpired:
        _kill(proc)
        raise QueryError(f"The query ran longer than {timeout_s:g} s and was stopped; add a LIMIT or anchor it "
                         "on a node (KG_CONSOLE_TIMEOUT).") from None
    except BaseException:
        _kill(proc)
        raise
    if proc.returncode < 0:
        name = signal.Signals(-proc.returncode).name
        raise QueryError(f"The query crashed the query engine ({name}) and was stopped; nothing else was "
                         "affected. Rewrite it without that function.")
    try:
        status, *payload = pickle.loads(out)
    except Exception:
        tail = errout.decode("utf-8", "replace").strip().splitlines()
        if any(mark in "\n".join(tail).lower() for mark in _OUT_OF_MEMORY):
            raise _memory_error(memory_mb) from None
        raise QueryError(f"The query stopped the console's worker: {tail[-1] if tail else proc.returncode}") from None
    if status == "ok":
        return payload[0], payload[1]
    kind, message = payload
    if kind == "memory":
        raise _memory_error(memory_mb)
    if kind == "timeout":
        raise QueryError(f"The query ran longer than {timeout_s:g} s and was stopped; add a LIMIT or anchor it "
                         "on a node (KG_CONSOLE_TIMEOUT).")
    raise QueryError(message)


def _memory_error(memory_mb: int) -> QueryError:
    return QueryError(f"The query needed more than the console's {memory_mb} MB (KG_CONSOLE_MEMORY_MB) and was "
                      "stopped; add a LIMIT or build smaller values.")


def _kill(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


def _serve() -> None:
    """The child: read one job on stdin, write ("ok", rows, truncated) or ("error", kind, message) on stdout."""
    job = pickle.loads(sys.stdin.buffer.read())
    try:
        result = ("ok", *_run(job))
    except MemoryError:
        result = ("error", "memory", "")
    except KgError as exc:
        result = ("error", "query", str(exc))
    except RuntimeError as exc:
        msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        low = msg.lower()
        if any(mark in low for mark in _OUT_OF_MEMORY):
            result = ("error", "memory", msg)
        elif "interrupt" in low or "timeout" in low:
            result = ("error", "timeout", msg)
        else:
            result = ("error", "query", f"Ladybug refused the query: {msg}. See README 'Cypher dialects'.")
    try:
        data = pickle.dumps(result)
    except MemoryError:
        data = pickle.dumps(("error", "memory", ""))
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def _run(job: dict) -> tuple[list[dict], bool]:
    import ladybug

    from graph.store.ladybug_open import open_database
    from graph.store.ladybug_values import plain_row as _plain

    db = open_database(job["path"], read_only=True, buffer_pool_size=job["buffer_mb"] * 1024 * 1024,
                       max_db_size=job["max_db_size"])
    conn = ladybug.Connection(db)
    conn.set_query_timeout(max(1, int(job["timeout_s"] * 1000)))
    result = conn.execute(job["statement"], job["params"])
    cols = result.get_column_names()
    rows = []
    while result.has_next() and len(rows) <= job["max_rows"]:
        rows.append(_plain(dict(zip(cols, result.get_next()))))
    truncated = len(rows) > job["max_rows"]
    return rows[:job["max_rows"]], truncated


if __name__ == "__main__":
    _serve()
