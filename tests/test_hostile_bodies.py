"""Hostile bodies (issue 14): bombs in every encoding Scrapy decodes, pages too big, too deep,
too slow, and a Ctrl-C while one is in flight.

As in ``test_hostile.py``, each test serves its trap on 127.0.0.1 and runs the real CLI.
"""

from __future__ import annotations

import gzip
import importlib
import json
import signal
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from crawler.page import MAX_DEPTH, MAX_ELEMENTS, Page
from tests.servers import ROBOTS, Answer, Routes, one_line_error, page

CONTACT = page("<p>hello@bakery-leeds.co.uk</p>")
SCHEMA = json.loads((Path(__file__).parents[1] / "reports" / "report.schema.json")
                    .read_text("utf-8"))
_BLANK = b"<html><body>" + b" " * (40 * 2**20)  # 40 MiB once decompressed: four times the cap


def _compress(encoding: str) -> bytes:
    if encoding == "gzip":
        return gzip.compress(_BLANK, 9)
    if encoding == "deflate":
        return zlib.compress(_BLANK, 9)
    if encoding == "br":
        brotli = pytest.importorskip("brotli", reason="Scrapy decodes br only with brotli")
        return bytes(brotli.compress(_BLANK, quality=5))
    zstd = _zstd()
    return bytes(zstd.compress(_BLANK))


def _zstd() -> Any:
    # Where Scrapy finds zstd (Python 3.14's own module, else the backport it depends on).
    for name in ("compression.zstd", "backports.zstd"):
        try:
            return importlib.import_module(name)
        except ImportError:
            continue
    pytest.skip("no zstd module: this Scrapy does not decode zstd")


ENCODINGS = ["gzip", "deflate", "br", "zstd"]



# --- bombs and big pages ----------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_a_compression_bomb_home_page_is_too_large_not_robots(
    encoding: str, cli: Callable[..., Any]
) -> None:
    with Routes({"/": (200, {"Content-Encoding": encoding}, _compress(encoding)),
                 "/robots.txt": ROBOTS}) as site:
        run = cli(site.url + "/", "--ignore-robots", "--quiet")
    assert run.code == 3
    line = one_line_error(run)
    assert "larger than the size cap" in line and "robots" not in line


def test_compression_bombs_on_subpages_are_listed_as_too_large(cli: Callable[..., Any]) -> None:
    bombs: dict[str, Answer] = {}
    for encoding in ENCODINGS:
        try:
            bombs[f"/{encoding}.html"] = (200, {"Content-Encoding": encoding},
                                          _compress(encoding))
        except pytest.skip.Exception:
            continue  # that decoder is not installed: the others still make the point
    links = "".join(f'<a href="{path}">x</a>' for path in bombs)
    with Routes({"/": page('<a href="/contact.html">Contact</a>' + links),
                 "/contact.html": CONTACT, "/robots.txt": ROBOTS, **bombs}) as site:
        run = cli(site.url + "/", "--quiet")
    assert run.code == 0, run.stderr[-2000:]
    reasons = {u["url"].removeprefix(site.url): u["reason"] for u in run.report["unread"]}
    assert reasons == {path: "too_large" for path in bombs}
    assert run.report["site"]["pages_unread"] == len(bombs)


def _megabytes(n: int) -> Callable[[], Iterator[bytes]]:
    def pieces() -> Iterator[bytes]:
        yield b"<html><body><p>"
        for _ in range(n):
            yield b"x" * 2**20
        yield b"</p></body></html>"
    return pieces


@pytest.mark.parametrize(
    "answer",
    [(200, {}, _megabytes(20)),
     # Announced, never sent: the size is known from the header, and nothing more is read.
     (200, {"Content-Length": str(200 * 2**20)}, _megabytes(1))],
    ids=["20-MB-sent", "200-MB-announced"],
)
def test_a_home_page_over_the_size_cap_says_so(answer: Answer, cli: Callable[..., Any]) -> None:
    with Routes({"/": answer, "/robots.txt": ROBOTS}) as site:
        run = cli(site.url + "/", "--quiet")
    assert run.code == 3
    assert "larger than the size cap (10 MB" in one_line_error(run)


def test_a_page_of_too_many_elements_is_listed_unread_not_parsed(
    cli: Callable[..., Any],
) -> None:
    huge = page("".join(f'<a href="/p{i}.html">{i}</a>' for i in range(MAX_ELEMENTS + 10)))
    with Routes({"/": page('<a href="/contact.html">Contact</a><a href="/huge.html">h</a>'),
                 "/contact.html": CONTACT, "/huge.html": huge, "/robots.txt": ROBOTS}) as site:
        run = cli(site.url + "/", "--quiet")
    assert run.code == 0, run.stderr[-2000:]
    assert run.report["unread"] == [{"url": site.url + "/huge.html", "reason": "too_large",
                                     "detail": f"more than {MAX_ELEMENTS:,} elements: not read"}]
    assert not [p for p in site.asked() if p.startswith("/p")]  # none of its links followed


# --- nested past what the parser reads --------------------------------------------------------


def _nested(levels: int, inside: str) -> str:
    return "<div>" * levels + inside + "</div>" * levels


def test_a_page_cut_at_the_parsers_nesting_limit_is_known_to_be_cut() -> None:
    cut = Page.from_html("https://acme.test/", "<p>before</p>" + _nested(3000, "<p>lost</p>"))
    whole = Page.from_html("https://acme.test/", "<p>before</p>" + _nested(1500, "<p>kept</p>")
                           + "<p>after</p>")
    assert cut.cut_at_depth and "before" in cut.text and "lost" not in cut.text
    assert not whole.cut_at_depth and "kept" in whole.text and "after" in whole.text
    assert MAX_DEPTH < 2047  # below where libxml2 cuts, above any real page's nesting


def test_a_page_nested_past_the_parsers_limit_is_listed_as_read_only_in_part(
    cli: Callable[..., Any],
) -> None:
    home = page('<a href="/contact.html">Contact</a><p>Call +44 20 7946 0958</p>'
                + _nested(3000, "<p>deep@bakery-leeds.co.uk</p>")
                + "<p>after@bakery-leeds.co.uk</p>")
    with Routes({"/": home, "/contact.html": CONTACT, "/robots.txt": ROBOTS}) as site:
        run = cli(site.url + "/")
    assert run.code == 0, run.stderr[-2000:]
    report = run.report
    jsonschema.validate(report, SCHEMA)
    assert [u for u in report["unread"] if u["reason"] == "too_deep"] == [{
        "url": site.url + "/", "reason": "too_deep", "partial": True,
        "detail": f"nested more than {MAX_DEPTH:,} elements deep: what follows the cut was "
                  "not read"}]
    assert report["site"]["pages_unread"] == 1
    # What came before the cut was read, and the page is among the crawled ones.
    assert site.url + "/" in {p["url"] for p in report["pages"]}
    assert [p["value"] for p in report["contacts"]["phones"]] == ["+442079460958"]
    assert "1 pages were read only in part (1 too deep)" in run.stdout


# --- too slow ------------------------------------------------------------------------------------


def _stalled(until: threading.Event) -> Callable[[], Iterator[bytes]]:
    def pieces() -> Iterator[bytes]:
        until.wait(120)  # headers sent, then nothing until the test is over
        yield b""
    return pieces


def test_a_subpage_that_times_out_is_listed_as_unread(cli: Callable[..., Any]) -> None:
    over = threading.Event()
    site = Routes({"/": page('<a href="/contact.html">Contact</a><a href="/slow.html">s</a>'),
                   "/contact.html": CONTACT, "/robots.txt": ROBOTS,
                   "/slow.html": (200, {}, _stalled(over))})
    try:
        run = cli(site.url + "/", timeout=150)
    finally:
        over.set()
        site.close()
    assert run.code == 0, run.stderr[-2000:]
    assert run.report["unread"] == [{"url": site.url + "/slow.html", "reason": "timeout",
                                     "detail": "the server did not answer in time"}]
    assert run.report["site"]["pages_unread"] == 1
    # The crawl itself finished: the page it could not read is counted apart, not hidden.
    assert run.report["site"]["complete"] is True
    assert "1 pages could not be read (1 timeout)" in run.stdout


def test_ctrl_c_with_a_huge_page_in_flight_stops_within_seconds(tmp_path: Path) -> None:
    over = threading.Event()

    def trickle() -> Iterator[bytes]:
        yield b"<html><body><p>"
        for _ in range(9 * 20):  # 9 MB at 50 KiB every 0.1 s: half a minute if waited for
            if over.wait(0.1):
                return
            yield b"x" * 50 * 1024

    site = Routes({"/": page('<a href="/huge.html">h</a><p>hello@bakery-leeds.co.uk</p>'),
                   "/huge.html": (200, {}, trickle), "/robots.txt": ROBOTS})
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "contactable", site.url + "/", "--out",
                             str(out), "--format", "json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while "/huge.html" not in site.asked() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert "/huge.html" in site.asked(), "the huge page was never asked for"
        time.sleep(0.5)
        began = time.monotonic()
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        took = time.monotonic() - began
    finally:
        over.set()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        site.close()
    assert proc.returncode == 130, err
    assert took < 15, f"took {took:.1f} s to stop"  # generous for a loaded CI machine
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert report["site"]["complete"] is False
    assert report["site"]["stop_reason"] == "interrupted"
    assert "Traceback" not in err
