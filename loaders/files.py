"""Opening a document file safely: regular files only, reads bounded by the bytes actually read."""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from loaders.errors import DocumentError, TooLarge

MAX_BYTES = 50 * 1024 * 1024
_KINDS = [(stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")]


def _special(mode: int) -> str:
    return next((what for test, what in _KINDS if test(mode)), "not a regular file")


def _unreadable(path: str | Path, exc: OSError) -> DocumentError:
    if exc.errno == errno.ENAMETOOLONG:
        return DocumentError(f"{str(path)[:80]}…: the file name is too long for this system "
                             f"({len(os.fsencode(str(path)))} bytes); rename the file.")
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return DocumentError(f"{path}: no such file; check the path (folders load every document inside).")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return DocumentError(f"{path}: cannot be read (permission denied); make it readable (chmod +r) or "
                             "leave it out.")
    return DocumentError(f"{path}: cannot be read ({exc.strerror or exc}); check the file.")


def check_regular(path: str | Path) -> os.stat_result:
    """Stat `path` and refuse anything but a regular file, before it is opened (a FIFO would block the read)."""
    try:
        st = os.stat(path)
    except OSError as exc:
        raise _unreadable(path, exc) from exc
    if stat.S_ISDIR(st.st_mode):
        raise DocumentError(f"{path}: is a folder; pass the files in it, or use `python -m graph load {path}`.")
    if not stat.S_ISREG(st.st_mode):
        raise DocumentError(f"{path}: is {_special(st.st_mode)}, not a document file; give a regular file.")
    return st


def open_bounded(path: str | Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file, at most `max_bytes`: TooLarge as soon as one more byte could be read, whatever
    the file's size claims to be (/proc files say 0, a device says nothing)."""
    check_regular(path)
    try:
        # O_NONBLOCK: if a FIFO replaced the file since the stat, opening it does not wait for a writer
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _unreadable(path, exc) from exc
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise DocumentError(f"{path}: is {_special(os.fstat(fd).st_mode)}, not a document file; give a "
                                "regular file.")
        chunks, total = [], 0
        while total <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise _unreadable(path, exc) from exc
    finally:
        os.close(fd)
    if total > max_bytes:
        raise TooLarge(f"{path}: is over the {max_bytes // 1_000_000} MB limit for one policy document; split it "
                       "or check that it is the right file.")
    return b"".join(chunks)
