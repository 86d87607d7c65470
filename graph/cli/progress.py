"""Progress of long commands on stderr: a rich bar on a terminal, one summary line otherwise, nothing when quiet."""
from __future__ import annotations

import sys
import time

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

STAGES = {"parse": "parsing", "write": "writing"}


class CommandProgress:
    """The callback graph.loading calls with (stage, done, total), shown as a bar while stderr is a terminal (the bar
    is removed when the command ends); `finish(line)` prints the summary line unless quiet. Use as a context manager
    around the work, so an error ends the bar before its `error:` line is printed."""

    def __init__(self, console: Console | None = None, *, quiet: bool = False, what: str = "documents"):
        self.console = console or Console(stderr=True, soft_wrap=True, highlight=False)
        console = self.console
        self.parsed = ""  # what the parse gave, for a command's summary line (export)
        self.quiet = quiet
        self.what = what
        self.started = time.perf_counter()
        self._bar: Progress | None = None
        self._task = None
        if not quiet and console.is_terminal:
            self._bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TextColumn(what), TimeElapsedColumn(), TimeRemainingColumn(), console=console,
                                 transient=True, refresh_per_second=5,
                                 # JSON on a terminal stdout goes above the bar; piped stdout is left alone
                                 redirect_stdout=sys.stdout.isatty(), redirect_stderr=True)

    def __enter__(self) -> "CommandProgress":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self._bar is None:
            return
        if self._task is None:  # started with the first document, after the parse workers were forked: the bar
            # runs a refresh thread, which a fork would copy in whatever state it holds
            self._bar.start()
            self._task = self._bar.add_task(STAGES.get(stage, stage), total=total)
        description = STAGES.get(stage, stage)
        if stage == "write":
            description = f"writing {done:,} {self.what} to the store"
        self._bar.update(self._task, completed=done, total=total, description=description)

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
