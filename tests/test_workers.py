"""Pages read in worker processes: the same facts as in the crawl's process, real children."""

from __future__ import annotations

import asyncio
import re
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from contactable.pipeline import PageFacts
from crawler.page import Page
from crawler.workers import PageReaders, PageReading, WorkerError, can_fork, read_page
from plugins.registry import load_registry

DEMO = Path(__file__).resolve().parents[1] / "contactable" / "demo_site"
URL = "https://bakery.example.co.uk/"


def _pages() -> list[tuple[str, str]]:
    return [(URL + p.relative_to(DEMO).as_posix(), p.read_text("utf-8"))
            for p in sorted(DEMO.rglob("*.html"))]


def _handler() -> PageFacts:
    handler = PageFacts(load_registry(), start_url=URL, region="GB")
    read_page(Page.from_html(URL, _pages()[0][1]), handler)  # as the crawl does: home first
    return handler


async def _ready(readers: PageReaders, timeout: float = 60) -> None:
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not readers.wanted():
        assert readers.failed is None, readers.failed
        assert loop.time() < end, "no worker became ready"
        await asyncio.sleep(0.05)


def _run(coro: Callable[[], Any]) -> Any:
    return asyncio.run(coro())


# Forked workers where the platform allows (Linux), fresh interpreters everywhere.
METHODS = [pytest.param(True, id="fork", marks=pytest.mark.skipif(
    not can_fork(), reason="workers are forked on Linux only")),
    pytest.param(False, id="spawn")]


@pytest.mark.parametrize("fork", METHODS)
def test_a_worker_reads_pages_as_the_crawl_would(fork: bool) -> None:
    handler = _handler()
    local = [read_page(Page.from_html(u, h), handler) for u, h in _pages()]

    async def go() -> list[PageReading]:
        readers = PageReaders(1, backlog=100, fork=fork)
        readers.start(handler)
        try:
            await _ready(readers)
            return list(await asyncio.gather(
                *(readers.read(u, h, 200, {"content-type": "text/html"}) for u, h in _pages())))
        finally:
            readers.close()

    remote = _run(go)
    assert len(remote) == len(local) >= 6
    assert sum(len(r.facts) for r in remote) > 20
    for mine, theirs in zip(local, remote, strict=True):
        assert (theirs.title, theirs.lang, theirs.links) == (mine.title, mine.lang, mine.links)
        assert theirs.facts == mine.facts


class Exploding:
    id = "exploding"

    def detect(self, page: Page) -> list[Any]:
        raise ValueError(f"cannot read {page.url}")


@pytest.mark.parametrize("fork", METHODS)
def test_a_detector_error_in_a_worker_comes_back_with_its_page(fork: bool) -> None:
    registry = load_registry()
    registry.detectors = {"exploding": Exploding}
    handler = PageFacts(registry, start_url=URL, region="GB")

    async def go() -> PageReading:
        readers = PageReaders(1, fork=fork)
        readers.start(handler)
        try:
            await _ready(readers)
            return await readers.read(URL + "contact", "<p>Hi</p>", 200, {})
        finally:
            readers.close()

    reading = _run(go)
    assert reading.facts == []
    assert reading.errors == [
        f"detector 'exploding' failed on {URL}contact: ValueError: cannot read {URL}contact"]


def test_a_handler_that_cannot_travel_keeps_the_reading_in_process() -> None:
    async def go() -> PageReaders:
        readers = PageReaders(1, fork=False)
        readers.start(lambda page: [])  # a lambda does not pickle
        readers.close()
        return readers

    readers = _run(go)
    assert not readers.wanted()
    assert readers.failed is not None and "cannot go to a worker" in readers.failed


@pytest.mark.skipif(not can_fork(), reason="workers are forked on Linux only")
def test_a_forked_worker_needs_no_pickle_and_keeps_none_of_the_crawls_sockets() -> None:
    # A socket the crawl holds when the worker forks, as a served folder's port is.
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]

    async def go() -> PageReading:
        readers = PageReaders(1, fork=True)
        readers.start(lambda page: [page.title.upper()])  # a lambda: no pickle needed
        try:
            await _ready(readers)
            server.close()  # the crawl lets go of it: nobody may still be listening
            with pytest.raises(ConnectionRefusedError):
                socket.create_connection(("127.0.0.1", port), timeout=5).close()
            return await readers.read(URL, "<title>Forked</title>", 200, {})
        finally:
            readers.close()

    assert _run(go).facts == ["FORKED"]


@pytest.mark.parametrize("fork", METHODS)
def test_a_worker_that_dies_gives_its_pages_back(fork: bool) -> None:
    handler = _handler()

    async def go() -> tuple[BaseException | None, bool]:
        readers = PageReaders(1, fork=fork)
        readers.start(handler)
        try:
            await _ready(readers)
            worker = readers._pool[0]
            pending = asyncio.ensure_future(readers.read(URL, "<p>x</p>" * 200_000, 200, {}))
            await asyncio.sleep(0)
            worker.proc.kill()
            try:
                await asyncio.wait_for(pending, 30)
            except WorkerError as exc:
                return exc, readers.wanted()
            return None, readers.wanted()
        finally:
            readers.close()

    error, still_wanted = _run(go)
    assert isinstance(error, WorkerError)
    assert not still_wanted


def _site(root: Path, pages: int) -> Path:
    """The demo site plus many plain pages linked from its home page."""
    import shutil

    shutil.copytree(DEMO, root)
    home = root / "index.html"
    links = "".join(f'<li><a href="p{i}.html">Page {i}</a></li>' for i in range(pages))
    home.write_text(home.read_text("utf-8").replace("</main>", f"<ul>{links}</ul></main>"),
                    "utf-8")
    for i in range(pages):
        (root / f"p{i}.html").write_text(
            f"<html lang='en'><title>Page {i}</title><main><h1>Page {i}</h1><p>Our friendly "
            f"team replies within one business day. Call 0113 496 {i:04d}.</p></main>"
            "<footer><a href='contact.html'>Contact us</a></footer></html>", "utf-8")
    return root


def test_an_audit_with_workers_reports_what_one_without_does(
        tmp_path: Path, serve: Callable[..., Any], cli: Callable[..., Any]) -> None:
    # Slow enough that a worker is ready long before the crawl ends, even on a slow machine.
    site = serve(_site(tmp_path / "site", 150), delay=0.04)
    common = ["--concurrency", "2", "--max-pages", "500", "--format", "json"]
    with_workers = cli(site.url, *common, "--workers", "1", "--verbose",
                       out=tmp_path / "with")
    without = cli(site.url, *common, "--workers", "0", out=tmp_path / "without")
    assert with_workers.code == without.code, with_workers.stderr[-2000:]
    m = re.search(r"(\d+) pages read in 1 worker processes", with_workers.stderr)
    assert m is not None and int(m.group(1)) > 0, with_workers.stderr[-2000:]
    a, b = with_workers.report, without.report
    assert a["site"]["pages_crawled"] == b["site"]["pages_crawled"] >= 150
    assert a["contacts"] == b["contacts"]
    assert [(c["id"], c["status"], c["score"]) for c in a["checks"]] == [
        (c["id"], c["status"], c["score"]) for c in b["checks"]]


def test_workers_flag_rejects_a_negative_number(cli: Callable[..., Any]) -> None:
    run = cli("http://127.0.0.1:9/", "--workers", "-1")
    assert run.code == 2
    assert "--workers" in run.stderr and "Traceback" not in run.stderr


def test_a_handler_the_worker_cannot_import_keeps_the_reading_in_process() -> None:
    import sys
    import types

    module = types.ModuleType("contactable_test_only_here")
    exec("class Handler:\n    def __call__(self, page):\n        return []\n", module.__dict__)
    sys.modules[module.__name__] = module  # importable here, nowhere else
    try:
        handler = module.Handler()

        async def go() -> PageReaders:
            readers = PageReaders(1, fork=False)  # a forked worker has the handler already
            readers.start(handler)
            loop = asyncio.get_running_loop()
            end = loop.time() + 60
            while readers.failed is None and loop.time() < end:
                await asyncio.sleep(0.05)
            readers.close()
            return readers

        readers = _run(go)
    finally:
        del sys.modules[module.__name__]
    assert readers.failed is not None and "could not start" in readers.failed
    assert not readers.wanted()


def test_workers_wait_until_the_crawl_knows_enough_pages() -> None:
    handler = _handler()

    async def go() -> tuple[bool, bool]:
        readers = PageReaders(1, start_at=60)
        readers.start(handler, pages_known=59)
        before = readers.started
        readers.start(handler, pages_known=60)
        after = readers.started
        readers.close()
        return before, after

    assert _run(go) == (False, True)


def test_a_fresh_interpreter_waits_for_a_big_enough_crawl_a_fork_does_not() -> None:
    assert PageReaders(1, fork=False).start_at == 60  # its start-up must pay for itself
    assert PageReaders(1, fork=True).start_at == 0  # a fork costs milliseconds


FORK_ONLY = pytest.mark.skipif(not can_fork(), reason="workers are forked on Linux only")


@FORK_ONLY
def test_errors_from_before_the_fork_are_reported_once_not_by_every_worker() -> None:
    registry = load_registry()
    registry.detectors = {"exploding": Exploding}
    handler = PageFacts(registry, start_url=URL, region="GB")
    read_page(Page.from_html(URL, "<p>home</p>"), handler)  # the crawl reads the home page
    assert len(handler.errors) == 1  # the crawl reports this one itself

    async def go() -> list[PageReading]:
        readers = PageReaders(2, fork=True, backlog=1)
        readers.start(handler)
        try:
            await _ready(readers)
            while not all(w.ready for w in readers._pool):
                await asyncio.sleep(0.05)
            return list(await asyncio.gather(*(readers.read(f"{URL}p{i}", "<p>x</p>", 200, {})
                                               for i in range(2))))
        finally:
            readers.close()

    readings = _run(go)
    assert len({r.errors[0] for r in readings}) == 2  # each worker read one page...
    assert all(len(r.errors) == 1 and "/p" in r.errors[0] for r in readings)  # ...its own


class Chatty:
    def __call__(self, page: Page) -> list[Any]:
        print("a detector that prints", page.url)
        return [page.title]


@FORK_ONLY
def test_a_forked_worker_prints_nothing_on_the_crawls_stdout_and_ignores_ctrl_c(
        capfd: pytest.CaptureFixture[str]) -> None:
    import os
    import signal

    async def go() -> list[PageReading]:
        readers = PageReaders(1, fork=True)
        readers.start(Chatty())
        try:
            await _ready(readers)
            first = await readers.read(URL, "<title>One</title>", 200, {})
            pid = readers._pool[0].proc.pid
            status = Path(f"/proc/{pid}/status").read_text()
            ignored = int(next(ln for ln in status.splitlines() if ln.startswith("SigIgn:"))
                          .split()[1], 16)
            assert ignored & (1 << (signal.SIGINT - 1)), "the worker does not ignore Ctrl-C"
            os.kill(pid, signal.SIGINT)  # Ctrl-C reaches the whole process group
            await asyncio.sleep(0.2)
            return [first, await readers.read(URL, "<title>Two</title>", 200, {})]
        finally:
            readers.close()

    assert [r.facts for r in _run(go)] == [["One"], ["Two"]]
    assert "a detector that prints" not in capfd.readouterr().out


@FORK_ONLY
def test_a_worker_that_stops_answering_is_killed_and_its_page_given_back() -> None:
    import os
    import signal

    async def go() -> tuple[BaseException | None, bool, str | None]:
        readers = PageReaders(1, fork=True, deadline=1)
        readers.start(Chatty())
        try:
            await _ready(readers)
            os.kill(readers._pool[0].proc.pid, signal.SIGSTOP)  # stopped, not dead
            try:
                await asyncio.wait_for(readers.read(URL, "<p>x</p>", 200, {}), 20)
            except WorkerError as exc:
                return exc, readers.wanted(), readers.failed
            return None, readers.wanted(), readers.failed
        finally:
            readers.close()

    error, wanted, failed = _run(go)
    assert isinstance(error, WorkerError)  # within the deadline, not the test's 20 s
    assert not wanted and failed is not None and "no answer" in failed


def test_workers_are_forked_where_the_platform_allows() -> None:
    import sys

    assert PageReaders(1).fork is sys.platform.startswith("linux")
