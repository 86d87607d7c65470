"""Opening a Ladybug database file: readers wait out a writer's checkpoint, and recover one a crash left pending."""
from __future__ import annotations

import time
from pathlib import Path

import ladybug

from graph.errors import StoreError

READ_WAIT_S = 120.0  # longest a reader waits for a writer's commit and checkpoint to end (a 500-plan batch: ~30 s)
# longest a writer waits for the file's lock: a reader that finds a checkpoint pending takes it for the moment its
# recovery lasts (_recover), so a writer reopening just then must wait that out; a load holds it for minutes
LOCK_WAIT_S = 10.0
_PENDING = "checkpoint recovery is pending"


def is_locked(exc: BaseException) -> bool:
    return "lock" in str(exc).lower()


def is_pending(exc: BaseException) -> bool:
    # a checkpoint pending, or a write-ahead log a writer is creating or appending to (empty, or its last record not
    # yet whole: "WAL file is corrupted", "Reading past the end of the file ….wal"): wait and retry
    message = str(exc)
    return _PENDING in message or "WAL file" in message or ".wal " in message


def open_database(path: str | Path, *, read_only: bool, wait_s: float = READ_WAIT_S,
                  lock_wait_s: float = LOCK_WAIT_S, **options) -> ladybug.Database:
    """Open the database; a reader that finds a checkpoint pending waits (at most `wait_s`) while a writer holds
    the file, and when none does (a writer was killed) completes the recovery itself, as a writer's open would,
    then opens read-only. A writer that finds the file locked retries for at most `lock_wait_s`. Raises
    StoreError for a file still held by another writer (read_only=False) or that stays pending beyond the bound."""
    start = time.monotonic()
    deadline = start + wait_s
    # every commit syncs the log before it returns, so a log that does not replay to its end was torn by a write
    # that never committed (a full disk, a killed writer): replay up to the tear rather than refuse the store
    options.setdefault("throw_on_wal_replay_failure", False)
    pause = 0.05
    while True:
        try:
            return ladybug.Database(str(path), read_only=read_only, **options)
        except RuntimeError as exc:
            if not read_only:
                if not is_locked(exc):
                    raise
                if time.monotonic() - start > lock_wait_s:
                    raise StoreError(f"{path} is open for writing in another process (a running load or "
                                     "viewer); wait for it to finish or close it, then retry.") from exc
            elif not is_pending(exc):
                raise
            elif _recover(path):
                continue
        if read_only and time.monotonic() > deadline:
            raise StoreError(f"{path}: a load is still committing after {wait_s:g} s; retry when it has finished "
                             "(nothing needs to be deleted).")
        time.sleep(pause)
        pause = min(pause * 2, 1.0)


def _recover(path: str | Path) -> bool:
    """Open read-write once to complete a pending recovery; False if a writer holds the file (it will finish the
    checkpoint itself) or the folder cannot be written (then only a writer can recover it)."""
    try:
        db = ladybug.Database(str(path), buffer_pool_size=256 * 1024 * 1024, throw_on_wal_replay_failure=False)
    except RuntimeError:
        return False
    db.close()
    return True
