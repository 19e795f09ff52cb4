"""Crawl progress on stderr: a rich progress bar on a terminal, plain lines elsewhere.

On a terminal (and without ``NO_COLOR`` or ``TERM=dumb``) a live line shows pages done,
pages queued, errors and the time elapsed. In CI logs, pipes or with ``NO_COLOR``, a plain line
is printed every few seconds instead, so logs stay readable. ``--quiet`` prints nothing.

>>> import io
>>> out = io.StringIO()
>>> p = Progress(quiet=False, stream=out, interactive=False, every_s=0)
>>> p.start("http://127.0.0.1:8000/")
>>> p.update(CrawlProgress(pages=3, queued=7, errors=1, elapsed_s=1.5))
>>> p.stop()
>>> print(out.getvalue(), end="")
contactable: 3 pages, 7 queued, 1 error, 1.5 s
contactable: crawled 3 pages, 1 error, in 1.5 s
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any, TextIO

from crawler.records import CrawlProgress


def interactive_terminal(stream: TextIO) -> bool:
    """Whether a live, coloured display suits ``stream``."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return hasattr(stream, "isatty") and stream.isatty()


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


class Progress:
    """Shows a crawl's progress; see the module docstring."""

    def __init__(self, quiet: bool, stream: TextIO | None = None,
                 interactive: bool | None = None, every_s: float = 5.0) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.interactive = interactive_terminal(self.stream) if interactive is None \
            else interactive
        self.every_s = every_s
        self.last = CrawlProgress()
        self._printed_at = 0.0
        self._bar: Any = None
        self._task: Any = None

    def start(self, url: str) -> None:
        if self.quiet:
            return
        if not self.interactive:
            # A plain line only once the crawl has lasted: a quick audit or an error prints
            # nothing more than its result.
            self._printed_at = time.monotonic()
            return
        from rich.console import Console
        from rich.progress import (
            Progress as Bar,
        )
        from rich.progress import (
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        self._bar = Bar(SpinnerColumn(), TextColumn("Crawling [bold]{task.fields[host]}[/]"),
                        TextColumn("{task.fields[pages]} pages, {task.fields[queued]} queued, "
                                   "{task.fields[errors]} errors"),
                        TimeElapsedColumn(), console=Console(file=self.stream), transient=True)
        from rich.markup import escape

        self._task = self._bar.add_task("crawl", host=escape(url), pages=0, queued=0, errors=0)
        self._bar.start()

    def update(self, status: CrawlProgress) -> None:
        self.last = status
        if self.quiet:
            return
        if self._bar is not None:
            self._bar.update(self._task, pages=status.pages, queued=status.queued,
                             errors=status.errors)
            return
        now = time.monotonic()
        if not self.interactive and now - self._printed_at >= self.every_s:
            self._printed_at = now
            print(f"contactable: {_plural(status.pages, 'page')}, {status.queued} queued, "
                  f"{_plural(status.errors, 'error')}, {status.elapsed_s:.1f} s",
                  file=self.stream, flush=True)

    def stopping(self, in_flight: int) -> None:
        """Say that Ctrl-C (or SIGTERM) was heard: shown even with ``--quiet``, since the
        user asked for it."""
        line = (f"contactable: stopping: finishing {_plural(in_flight, 'page')} in flight; "
                "press Ctrl-C again to stop now")
        if self._bar is not None:
            self._bar.console.print(line, markup=False, highlight=False)
        else:
            print(line, file=self.stream, flush=True)

    def stop(self, total: bool = True) -> None:
        """End the display; ``total`` prints the plain closing line (not after an error)."""
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
        elif total and not self.quiet and not self.interactive and self.last.pages:
            s = self.last
            print(f"contactable: crawled {_plural(s.pages, 'page')}, "
                  f"{_plural(s.errors, 'error')}, in {s.elapsed_s:.1f} s",
                  file=self.stream, flush=True)
