"""Reading pages beside the crawl: parse and detect in worker processes.

Scrapy runs in one thread, so every millisecond spent parsing a page and running detectors
on it is a millisecond the crawl stops fetching. On a machine with a spare core,
:class:`PageReaders` hands each page's text to worker processes and the crawl goes on; a
worker parses it (once), runs the page handler and sends back a small :class:`PageReading`:
title, language, links and facts. The HTML never comes back.

The spider starts the workers once the crawl knows of enough pages to repay them (by then
the handler has read the home page and knows the site's region); they start in the
background, and until one is ready, and whenever they fall behind, pages are read in the
crawl's own process. So a small site never waits for a worker, and a worker that fails costs
nothing but speed. Reading in-process and in a worker give the same result:

>>> reading = read_page(Page.from_html("https://acme.test/", "<title>Acme</title>"
...     "<a href='/contact'>Contact</a> <a href='mailto:hi@acme.test'>Mail</a>"),
...     lambda page: [len(page.anchors)])
>>> reading.title, reading.links, reading.facts
('Acme', ['https://acme.test/contact'], [2])

On Linux a worker is a fork of the crawl's process, made once the handler has read the home
page: its detectors are built and its lexicons compiled already, so it is ready at once and
costs no start-up. It keeps only its two pipes open (not the crawl's sockets) and speaks
length-prefixed pickles on them. Elsewhere (macOS, Windows) a worker is a plain ``python``
child speaking the same frames on its stdin and stdout (multiprocessing's spawn would run the
user's ``__main__`` script again in it); it builds the handler from a pickle, so the
handler's classes must live in importable modules, or the reading stays in-process.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import os
import pickle
import queue
import signal
import struct
import subprocess
import sys
import threading
import traceback
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from crawler.page import Page

PageHandler = Callable[[Page], list[Any]]
log = logging.getLogger(__name__)

_HEADER = struct.Struct("!I")
_READY = -1  # the id of the frame a worker sends once its handler is built


@dataclass(slots=True)
class PageReading:
    """What the crawl keeps of a page: no HTML, no tree."""

    title: str
    lang: str
    links: list[str]
    """Absolute http(s) URLs of the page's links, in document order."""
    facts: list[Any]
    errors: list[str] = field(default_factory=list)
    """What the handler reported going wrong on this page (a detector that raised)."""


class WorkerError(Exception):
    """A worker could not read a page (it died, or its result would not pickle)."""


def read_page(page: Page, handler: PageHandler) -> PageReading:
    """Run ``handler`` on ``page`` and keep what the crawl needs; the page is released."""
    try:
        facts = handler(page)
        links = [a.url for a in page.anchors if a.url.startswith(("http://", "https://"))]
        return PageReading(page.title, page.lang, links, facts)
    finally:
        page.release()


def default_workers(local: bool) -> int:
    """Worker processes for a crawl: the spare cores (up to 4) for a site on loopback or a
    folder, where reading pages is what limits the crawl; none for a remote site, where the
    network does.

    >>> default_workers(False)
    0
    """
    if not local:
        return 0
    return max(0, min(4, (os.cpu_count() or 1) - 1))


# -- the frames both sides speak ----------------------------------------------------------------


def _send(stream: IO[bytes], obj: Any) -> None:
    blob = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(blob)) + blob)
    stream.flush()


def _receive(stream: IO[bytes]) -> Any:
    head = stream.read(_HEADER.size)
    if len(head) < _HEADER.size:
        raise EOFError
    (size,) = _HEADER.unpack(head)
    blob = stream.read(size)
    if len(blob) < size:
        raise EOFError
    return pickle.loads(blob)


# -- in the worker ------------------------------------------------------------------------------


def serve() -> None:
    """A worker's main loop: the parent's ``sys.path`` and handler, then page after page."""
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # what a detector prints must not land in the frames
    sys.stdout = sys.stderr
    inp = sys.stdin.buffer
    # Ctrl-C is the crawl's to handle: it stops the crawl and still writes the report.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.set_threshold(20_000, 10, 10)
    try:
        path, blob = _receive(inp)
        sys.path[:] = path
        handler: PageHandler = pickle.loads(blob)
        _warm(handler)
    except EOFError:
        return
    except Exception as exc:
        _send(out, (_READY, None, f"{type(exc).__name__}: {exc}"))
        return
    _send(out, (_READY, True, None))
    _read_pages(handler, inp, out)


def _read_pages(handler: PageHandler, inp: IO[bytes], out: IO[bytes]) -> None:
    """Page after page until the crawl closes the pipe."""
    while True:
        try:
            ident, url, html, status, headers = _receive(inp)
        except EOFError:
            return
        try:
            reading = read_page(Page.from_html(url, html, status, headers), handler)
            reading.errors = _drain_errors(handler)
            _send(out, (ident, reading, None))
        except Exception as exc:
            _send(out, (ident, None, f"{type(exc).__name__}: {exc}"))


def _forked_child(handler: PageHandler, inp_fd: int, out_fd: int, quiet: bool,
                  mask: set[int | signal.Signals]) -> None:
    """A forked worker: the crawl's own handler, detectors built and warm, reads pages."""
    with contextlib.suppress(ValueError):  # only the main thread may; fork is called there
        signal.set_wakeup_fd(-1)  # the crawl's event loop is not ours to wake
    # Ctrl-C is the crawl's to handle: it stops the crawl and still writes the report.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    # Only the pipes and the standard streams stay open: a copy of the crawl's sockets here
    # would keep its connections (and a served folder's port) open after the crawl closes them.
    _close_fds_but(0, 1, 2, inp_fd, out_fd)
    quiet_fd = os.open(os.devnull, os.O_WRONLY) if quiet else 2
    os.dup2(quiet_fd, 1)  # what a detector prints must not reach the user's report on stdout
    os.dup2(quiet_fd, 2)
    # The crawl's sys.stdout may write to a descriptor closed above (a capture, a pipe).
    sys.stdout = sys.stderr = open(2, "w", buffering=1, closefd=False)  # noqa: SIM115
    # The crawl's objects are the child's to read, not to collect (the crawl froze them too,
    # so neither side's collector writes to pages they share).
    gc.freeze()
    gc.set_threshold(20_000, 10, 10)
    # Errors the handler noted before the fork are the crawl's to report, not this worker's.
    _drain_errors(handler)
    out = os.fdopen(out_fd, "wb")
    _send(out, (_READY, True, None))
    _read_pages(handler, os.fdopen(inp_fd, "rb"), out)


def _close_fds_but(*keep: int) -> None:
    try:  # the descriptors actually open: the limit may be a billion in a container
        fds = sorted(int(name) for name in os.listdir("/proc/self/fd"))
    except OSError:
        fds = list(range(_max_fd()))
    for fd in fds:
        if fd not in keep:
            with contextlib.suppress(OSError):
                os.close(fd)


def _max_fd() -> int:
    try:
        return min(int(os.sysconf("SC_OPEN_MAX")), 65536)
    except (AttributeError, ValueError, OSError):
        return 65536


def _warm(handler: PageHandler) -> None:
    # Build what the handler builds on its first page (detectors, lexicons) before saying
    # ready, so the first real page is not slow.
    read_page(Page.from_html("http://127.0.0.1/", "<p>contactable</p>"), handler)
    _drain_errors(handler)


def _drain_errors(handler: PageHandler) -> list[str]:
    # A handler may keep a list of errors (contactable's PageFacts does): in a worker they
    # travel back with the page that caused them.
    errors = getattr(handler, "errors", None)
    if not isinstance(errors, list) or not errors:
        return []
    out = list(errors)
    errors.clear()
    return out


# -- in the crawl -------------------------------------------------------------------------------


class _Spawned:
    """A fresh ``python`` child: it builds its own handler from the pickled one."""

    def __init__(self, first: tuple[list[str], bytes]) -> None:
        root = str(Path(__file__).resolve().parents[1])
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        # Not from the current folder: a "crawler" folder there must not stand in for ours.
        code = "import sys; del sys.path[0]; from crawler.workers import serve; serve()"
        self.proc = subprocess.Popen(
            [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            # A worker's own troubles reach the user as one line from the crawl, not as a
            # traceback; --verbose shows them.
            stderr=None if log.isEnabledFor(logging.DEBUG) else subprocess.DEVNULL, env=env,
        )
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.stdin: IO[bytes] = self.proc.stdin
        self.stdout: IO[bytes] = self.proc.stdout
        self.first: tuple[list[str], bytes] | None = first

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()


class _Forked:
    """A fork of the crawl's process, made where the handler is built: nothing to import,
    build or pickle, so it is ready at once and its memory is shared until written."""

    def __init__(self, handler: PageHandler) -> None:
        to_child, from_crawl = os.pipe()
        to_crawl, from_child = os.pipe()
        quiet = not log.isEnabledFor(logging.DEBUG)
        # Ctrl-C between the fork and the child's own handlers would run the crawl's handlers
        # in the child: both signals wait, blocked, until the child has replaced them.
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
        try:
            with warnings.catch_warnings():
                # Python 3.12+ warns of forking with other threads alive. The one there is
                # Twisted's resolver pool; the child only reads pipes and never resolves.
                warnings.simplefilter("ignore", DeprecationWarning)
                pid = os.fork()
        except OSError:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
            for fd in (to_child, from_crawl, to_crawl, from_child):
                os.close(fd)
            raise
        if pid == 0:  # the child: it never returns into the crawl's code
            code = 1
            try:
                _forked_child(handler, to_child, from_child, quiet, mask)
                code = 0
            except BaseException:
                if not quiet:
                    traceback.print_exc()
            finally:
                os._exit(code)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        os.close(to_child)
        os.close(from_child)
        self.pid = pid
        self.stdin: IO[bytes] = os.fdopen(from_crawl, "wb")
        self.stdout: IO[bytes] = os.fdopen(to_crawl, "rb")
        self.first = None
        self._reaped = False

    def kill(self) -> None:
        if self._reaped:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
        self._reaped = True


_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}


def can_fork() -> bool:
    """Whether workers are forked from the crawl (Linux) rather than started afresh.

    macOS's system libraries are not safe to use in a forked child, and Windows has no fork.
    """
    return sys.platform.startswith("linux") and hasattr(os, "fork")


class _Worker:
    """One child process, a thread that writes its frames and one that reads its answers."""

    def __init__(self, proc: _Spawned | _Forked, settle: Callable[..., None]) -> None:
        self.proc = proc
        self.settle = settle
        self.ready = False
        self.alive = True
        self.pending = 0
        self.outbox: queue.SimpleQueue[Any] = queue.SimpleQueue()
        if proc.first is not None:
            self.outbox.put(proc.first)
        for target in (self._write, self._read):
            threading.Thread(target=target, daemon=True, name="contactable-worker").start()

    def _write(self) -> None:
        stdin = self.proc.stdin
        try:
            while (item := self.outbox.get()) is not None:
                _send(stdin, item)
            stdin.close()
        except (OSError, ValueError):
            pass  # the worker is gone; the reader reports it

    def _read(self) -> None:
        stdout = self.proc.stdout
        try:
            while True:
                self.settle(self, *_receive(stdout))
        except (EOFError, OSError, ValueError, pickle.UnpicklingError):
            self.settle(self, None, None, "the worker process ended")

    def close(self) -> None:
        self.alive = False
        self.outbox.put(None)
        self.proc.kill()


class PageReaders:
    """Worker processes that read pages for the crawl; see the module docstring."""

    def __init__(self, workers: int, backlog: int = 32, start_at: int | None = None,
                 fork: bool | None = None, deadline: float = 30.0) -> None:
        # ``backlog``: pages a worker may hold before the crawl reads the next one itself. On
        # two cores, 32 left the crawl reading a fifth of the pages, which kept both busy;
        # 8 had it read nearly half (and fall behind), 1,000 left it idle.
        self.workers = workers
        self.backlog = backlog
        self.fork = can_fork() if fork is None else fork
        """Fork the workers from the crawl (see :func:`can_fork`), or start fresh ones that
        build the handler again from its pickle."""
        # Pages known before workers start. A fresh interpreter takes a second or two to
        # import and build: below 60 pages it would be ready about when the crawl ends, its
        # start-up spent for nothing. A fork costs a few milliseconds: it starts at once.
        self.start_at = start_at if start_at is not None else 0 if self.fork else 60
        self.deadline = deadline
        """Seconds a page may wait for its worker (pages take milliseconds)."""
        self.read_in_workers = 0
        self.started = False
        self.failed: str | None = None
        """Why the workers stopped reading, if they did."""
        self._pool: list[_Worker] = []
        self._waiting: dict[int, tuple[_Worker, asyncio.Future[PageReading]]] = {}
        self._next = 0
        self._loop: asyncio.AbstractEventLoop | None = None

    def start(self, handler: PageHandler, pages_known: int | None = None) -> None:
        """Start the workers in the background, once, when the crawl knows of ``start_at``
        pages (call from the crawl's event loop, after the handler has read the home page)."""
        if self.workers <= 0 or self.started:
            return
        if pages_known is not None and pages_known < self.start_at:
            return
        self.started = True
        procs: list[_Spawned | _Forked] = []
        try:
            if self.fork:
                # The crawl's collector must not touch (and so copy) the pages it shares.
                gc.freeze()
                # Every fork before any of our threads starts: a child gets no half-held lock.
                procs.extend(_Forked(handler) for _ in range(self.workers))
            else:
                try:
                    blob = pickle.dumps(handler, protocol=pickle.HIGHEST_PROTOCOL)
                except Exception as exc:
                    self.failed = f"the page handler cannot go to a worker ({exc})"
                    return
                procs.extend(_Spawned((list(sys.path), blob)) for _ in range(self.workers))
        except (OSError, ValueError) as exc:
            self.failed = f"cannot start a worker process ({exc})"
            for proc in procs:
                proc.kill()
            return
        self._loop = asyncio.get_running_loop()
        self._pool = [_Worker(proc, self._settle_threadsafe) for proc in procs]

    def _settle_threadsafe(self, worker: _Worker, ident: int | None, reading: Any,
                           error: str | None) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            # The loop may close meanwhile: the crawl is over, nothing waits for the answer.
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._settle, worker, ident, reading, error)

    def _settle(self, worker: _Worker, ident: int | None, reading: Any,
                error: str | None) -> None:
        if ident == _READY:
            worker.ready = error is None
            if error is not None:
                self.failed = f"a worker could not start: {error}"
                worker.alive = False
            return
        if ident is None:  # the worker died: its pages go back to the crawl
            if worker.alive:
                self.failed = error
            worker.alive = False
            for key in [k for k, (w, _) in self._waiting.items() if w is worker]:
                self._fail(key, error or "the worker process ended")
            return
        if error is not None:
            self._fail(ident, error)
        else:
            fut = self._pop(ident)
            if fut is not None and not fut.done():
                fut.set_result(reading)

    def _pop(self, ident: int) -> asyncio.Future[PageReading] | None:
        waiting = self._waiting.pop(ident, None)
        if waiting is None:
            return None
        waiting[0].pending -= 1
        return waiting[1]

    def _fail(self, ident: int, error: str) -> None:
        fut = self._pop(ident)
        if fut is not None and not fut.done():
            fut.set_exception(WorkerError(error))

    def _free(self) -> _Worker | None:
        ready = [w for w in self._pool if w.ready and w.alive and w.pending < self.backlog]
        return min(ready, key=lambda w: w.pending) if ready else None

    def wanted(self) -> bool:
        """Whether the next page should go to a worker: one is ready and not behind."""
        return self._free() is not None

    async def read(self, url: str, html: str, status: int,
                   headers: dict[str, str]) -> PageReading:
        """Read a page in a worker; raises :class:`WorkerError` if none can."""
        worker = self._free()
        if worker is None:
            raise WorkerError("no worker is ready")
        self._next += 1
        ident = self._next
        fut: asyncio.Future[PageReading] = asyncio.get_running_loop().create_future()
        self._waiting[ident] = (worker, fut)
        worker.pending += 1
        worker.outbox.put((ident, url, html, status, headers))
        try:
            # A worker that stopped answering (stopped, deadlocked) must not hold the crawl,
            # nor a Ctrl-C, forever: it is killed and its pages are read in the crawl.
            reading = await asyncio.wait_for(fut, self.deadline)
        except asyncio.TimeoutError:
            if worker.alive:
                worker.alive = False
                self.failed = f"a worker gave no answer in {self.deadline:g} s"
                worker.proc.kill()
            raise WorkerError(f"no answer in {self.deadline:g} s") from None
        self.read_in_workers += 1
        return reading

    def close(self) -> None:
        """Stop the workers now: whatever they still hold belongs to a crawl that ended."""
        if self._pool or self.failed:
            log.info("%d pages read in %d worker processes%s", self.read_in_workers,
                     len(self._pool), f"; workers stopped: {self.failed}" if self.failed else "")
        for worker in self._pool:
            worker.close()
        self._pool = []
        for ident in list(self._waiting):
            with contextlib.suppress(RuntimeError):  # the crawl's loop may be closed already
                self._fail(ident, "the crawl ended")
