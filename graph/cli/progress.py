"""Progress of long commands on stderr (a rich bar on a terminal, one summary line otherwise), --workers, --quiet."""
from __future__ import annotations

import argparse
import os
import sys
import time

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from graph.settings import SETTINGS


def _count_of_workers(text: str) -> int:
    if not text.strip().isdigit():
        raise argparse.ArgumentTypeError(f"{text!r}: give a whole number, 0 for one process per core, 1 to parse in "
                                         "this process")
    return int(text)


def parse_options(p: argparse.ArgumentParser) -> None:
    """--workers and --quiet, for the commands that parse documents."""
    p.add_argument("--workers", type=_count_of_workers, metavar="N",
                   help="processes that parse the documents [KG_WORKERS, default 0: one per core; 1: this process]")
    p.add_argument("--quiet", "-q", action="store_true",
                   help="no progress bar and no summary line on stderr (warnings and errors are still printed)")


def workers_of(args) -> int:
    """--workers, else KG_WORKERS (a wrong value names it), else 0: one process per core."""
    setting = next(s for s in SETTINGS if s.name == "workers")
    if args.workers is not None:
        return args.workers
    raw = os.environ.get(setting.env, "")
    return setting.parse(raw) if raw.strip() else setting.default


class CommandProgress:
    """The callback graph.loading calls with (stage, count, total), shown while stderr is a terminal: a bar of the
    documents parsed, and below it, while a batch is written, a pulsing line with its own clock (both removed when
    the command ends); `finish(line)` prints the summary line unless quiet. Use as a context manager around the
    work, so an error ends the bar before its `error:` line is printed."""

    def __init__(self, console: Console | None = None, *, quiet: bool = False, what: str = "documents"):
        self.console = console or Console(stderr=True, soft_wrap=True, highlight=False)
        self.quiet = quiet
        self.what = what
        self.parsed = ""  # what the parse gave, for a command's summary line (export)
        self.started = time.perf_counter()
        self._bar: Progress | None = None
        self._parse = self._write = None
        if not quiet and self.console.is_terminal:
            self._bar = Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[counted]}"),
                                 TimeElapsedColumn(), TimeRemainingColumn(), console=self.console,
                                 transient=True, refresh_per_second=5,
                                 # JSON on a terminal stdout goes above the bar; piped stdout is left alone
                                 redirect_stdout=sys.stdout.isatty(), redirect_stderr=True)

    def __enter__(self) -> "CommandProgress":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def __call__(self, stage: str, count: int, total: int) -> None:
        bar = self._bar
        if bar is None:
            return
        if self._parse is None:  # started with the first document, after the parse workers were forked: the bar
            # runs a refresh thread, which a fork would copy in whatever state it holds
            bar.start()
            self._parse = bar.add_task("parsing", total=total, counted="")
        if stage == "parse":
            bar.update(self._parse, completed=count, counted=f"{count:,}/{total:,} {self.what}")
        elif stage == "write":
            description = f"writing {count:,} {self.what} to the store"
            if self._write is None:
                self._write = bar.add_task(description, total=None, counted="")
            else:
                bar.reset(self._write, total=None, description=description, visible=True)
        elif stage == "written" and self._write is not None:
            bar.update(self._write, visible=False)

    def stop(self) -> None:
        bar, self._bar = self._bar, None
        if bar is not None:
            bar.stop()

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def finish(self, line: str) -> None:
        """End the bar and print the summary line (not when quiet)."""
        self.stop()
        if not self.quiet:
            self.console.print(line, markup=False, highlight=False)


def count(n: int, one: str, many: str | None = None) -> str:
    """`1 document`, `1,000 documents`."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


class PhaseProgress:
    """The phases of a long run (the bench) while stderr is a terminal: one line with the phase under way, a pulsing
    bar and the time it has taken so far; elsewhere nothing (the run prints its own lines). Call it with each
    phase's name; stop() before printing the results."""

    def __init__(self, console: Console | None = None, *, quiet: bool = False):
        self.console = console or Console(stderr=True, soft_wrap=True, highlight=False)
        self._bar: Progress | None = None
        self._task = None
        if not quiet and self.console.is_terminal:
            self._bar = Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                                 console=self.console, transient=True, refresh_per_second=4,
                                 redirect_stdout=sys.stdout.isatty(), redirect_stderr=True)

    def __call__(self, name: str) -> None:
        if self._bar is None:
            return
        if self._task is None:
            self._bar.start()
            self._task = self._bar.add_task(name, total=None)
        else:
            self._bar.reset(self._task, total=None, description=name)

    def stop(self) -> None:
        bar, self._bar = self._bar, None
        if bar is not None:
            bar.stop()
