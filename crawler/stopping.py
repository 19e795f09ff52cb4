"""Ctrl-C and SIGTERM during a crawl: the first stops it within seconds, the second at once.

Scrapy's own handlers (``CrawlerProcess._signal_shutdown`` / ``_signal_kill``, installed
through :func:`scrapy.utils.ossignal.install_shutdown_handlers`) do not suit an audit:

- the first signal stops the engine, whose ``close_spider`` then waits for every request the
  engine holds, including those waiting in the downloader's slots for ``DOWNLOAD_DELAY``, and
  for a slow page until ``DOWNLOAD_TIMEOUT`` (43 s with ``--delay 4``; 16 to 58 s with a slow
  or huge page in flight);
- the second stops the reactor before ``spider_closed`` is sent, so nothing tells the audit
  that the crawl did not finish: it was reported complete, with exit 0.

So :class:`Stopper` installs its own handlers (the process is started with
``install_signal_handlers=False``). The first signal marks the crawl interrupted at once (in
the handler: a result is never complete once a signal came), tells the spider to schedule
nothing more, and, from the reactor, stops the crawler the way Scrapy does
(``CrawlerProcess.stop``) and gives what is in flight :data:`DRAIN_S` seconds before the
reactor is stopped with it still in flight. The second signal stops the reactor at once, and
raises :class:`KeyboardInterrupt` in case the reactor is not idle; the caller still gets the
pages recorded so far.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Callable
from types import FrameType
from typing import Any

from scrapy.utils.ossignal import install_shutdown_handlers

from crawler.records import CrawlResult

DRAIN_S = 0.5
"""Seconds the pages in flight at the first signal get to arrive. With the partial report
written after it, a Ctrl-C ends the audit within 2 s (issue 14): bench/hostile.py, a huge page
in flight, on two cores at a load of 12, measured 2.0 to 2.4 s with 1 s here, 1.5 s with 0.5."""


class Stopper:
    """Signal handlers for one crawl; see the module docstring.

    ``on_stopping`` is called from the reactor with the number of requests in flight when the
    first signal came, to tell the user.
    """

    def __init__(self, process: Any, crawler: Any, result: CrawlResult,
                 on_stopping: Callable[[int], None] | None = None,
                 drain_s: float = DRAIN_S) -> None:
        self.process = process
        self.crawler = crawler
        self.result = result
        self.on_stopping = on_stopping
        self.drain_s = drain_s
        self.signals = 0
        self._previous: dict[int, Any] = {}

    def install(self) -> None:
        for sig in (signal.SIGINT, signal.SIGTERM):
            self._previous[sig] = signal.getsignal(sig)
        install_shutdown_handlers(self._first)

    def uninstall(self) -> None:
        """Put back the handlers found; once the crawl was interrupted, SIGTERM too raises
        :class:`KeyboardInterrupt` while the partial report is written (one line, exit 130)."""
        for sig, handler in self._previous.items():
            if self.signals and sig == signal.SIGTERM and handler == signal.SIG_DFL:
                handler = _raise_interrupt
            signal.signal(sig, handler)

    def abandon_reactor(self) -> None:
        """After the second signal left the reactor running: stop its thread pool, whose
        threads would otherwise keep the process from exiting."""
        reactor = _reactor()
        pool = getattr(reactor, "threadpool", None)
        if pool is not None:
            with contextlib.suppress(Exception):
                pool.stop()

    def _mark(self) -> None:
        self.result.complete = False
        self.result.stop_reason = "interrupted"
        spider = getattr(self.crawler, "spider", None)
        if spider is not None:
            spider.stopping = True  # no more requests from pages being read

    def _first(self, signum: int, _frame: FrameType | None) -> None:
        # Only flags here: the reactor does the rest (a signal handler must not log or print
        # while the interrupted code may be writing to the same stream).
        reactor = _reactor()
        self.signals += 1
        self._mark()
        install_shutdown_handlers(self._second)
        reactor.callFromThread(self._stop_gracefully)

    def _second(self, signum: int, _frame: FrameType | None) -> None:
        reactor = _reactor()
        self.signals += 1
        self._mark()
        install_shutdown_handlers(signal.SIG_IGN)
        reactor.callFromThread(_stop_reactor)
        # The reactor may be busy (a huge page being read): leave whatever runs now.
        raise KeyboardInterrupt

    def _stop_gracefully(self) -> None:
        reactor = _reactor()
        engine = getattr(self.crawler, "engine", None)
        downloader = getattr(engine, "downloader", None)
        in_flight = len(getattr(downloader, "active", ()) or ())
        if self.on_stopping is not None:
            with contextlib.suppress(Exception):
                self.on_stopping(in_flight)
        # As Scrapy's first Ctrl-C does: the engine schedules nothing more and closes the
        # spider once what it holds is done; past the drain time the reactor stops anyway.
        self.process.stop()
        reactor.callLater(self.drain_s, _stop_reactor)


def _reactor() -> Any:
    # The installed reactor (asyncio's, as crawler.settings asks); typed by interfaces that
    # mypy reads poorly.
    from twisted.internet import reactor

    return reactor


def _raise_interrupt(signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _stop_reactor() -> None:
    reactor = _reactor()
    with contextlib.suppress(RuntimeError):  # already stopped or stopping
        reactor.stop()
