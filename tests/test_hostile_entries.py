"""Hostile entries (issue 14): what robots.txt, sitemaps, batch lists and saved crawls hold is
input from someone else, never a place to go, an option or a command for the terminal.

As in ``test_hostile.py``: servers on 127.0.0.1 started here, the real CLI, and a second
server on another port standing for another site, which must be asked nothing.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from crawler.failures import REASONS
from tests.servers import ROBOTS, Routes, one_line_error, page, saved_crawl

HOME = page('<a href="/contact.html">Contact</a>')
CONTACT = page("<p>hello@bakery-leeds.co.uk</p>")
SCHEMA = json.loads((Path(__file__).parents[1] / "reports" / "report.schema.json")
                    .read_text("utf-8"))
_NS = "xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'"


@pytest.fixture
def two_sites() -> Iterator[tuple[Routes, Routes]]:
    site, other = Routes(), Routes()
    other.pages["/"] = page("<p>Write to stolen@partner-firm.co.uk</p>")
    yield site, other
    site.close()
    other.close()



def test_sitemap_entries_elsewhere_are_never_fetched(
    two_sites: tuple[Routes, Routes], cli: Callable[..., Any]
) -> None:
    site, other = two_sites
    urls = "".join(f"<url><loc>{u}</loc></url>" for u in (
        f"{other.url}/", f"{other.url}/page.html", "file:///etc/passwd", "file:///dev/zero",
        f"{site.url}/only-in-sitemap.html"))
    index = "".join(f"<sitemap><loc>{u}</loc></sitemap>" for u in (
        f"{other.url}/sitemap.xml", "file:///dev/zero", "ftp://127.0.0.1/s.xml",
        f"{site.url}/urls.xml"))
    site.pages.update({
        "/": HOME, "/contact.html": CONTACT,
        "/only-in-sitemap.html": page("<p>Phone +44 20 7946 0958</p>"),
        "/robots.txt": (200, {"Content-Type": "text/plain"},
                        f"User-agent: *\nAllow: /\nSitemap: {site.url}/index.xml\n"),
        "/index.xml": (200, {"Content-Type": "application/xml"},
                       f"<sitemapindex {_NS}>{index}</sitemapindex>"),
        "/urls.xml": (200, {"Content-Type": "application/xml"}, f"<urlset {_NS}>{urls}</urlset>"),
    })
    run = cli(site.url + "/", "--quiet", timeout=60)
    assert run.code == 0, run.stderr[-2000:]
    assert other.seen == []
    assert {p["url"] for p in run.report["pages"]} == {
        f"{site.url}/", f"{site.url}/contact.html", f"{site.url}/only-in-sitemap.html"}
    text = json.dumps(run.report)
    assert "root:" not in text and "stolen@" not in text


def test_a_robots_txt_redirected_to_another_site_is_not_followed(
    two_sites: tuple[Routes, Routes], cli: Callable[..., Any]
) -> None:
    site, other = two_sites
    other.pages["/robots.txt"] = (200, {"Content-Type": "text/plain"},
                                  f"User-agent: *\nDisallow: /\nSitemap: {other.url}/s.xml\n")
    site.pages.update({"/": HOME, "/contact.html": CONTACT,
                       "/robots.txt": (302, {"Location": f"{other.url}/robots.txt"}, "")})
    run = cli(site.url + "/", "--quiet")
    assert run.code == 0, run.stderr[-2000:]
    assert other.seen == []
    assert site.asked().count("/robots.txt") == 1
    assert [e["value"] for e in run.report["contacts"]["emails"]] == ["hello@bakery-leeds.co.uk"]


def test_a_robots_txt_that_never_answers_is_asked_once_and_given_up(
    cli: Callable[..., Any],
) -> None:
    over = threading.Event()

    def stalled() -> Iterator[bytes]:
        over.wait(120)
        yield b""

    site = Routes({"/": HOME, "/contact.html": CONTACT, "/robots.txt": (200, {}, stalled)})
    try:
        run = cli(site.url + "/", "--quiet", timeout=150)
    finally:
        over.set()
        site.close()
    assert run.code == 0, run.stderr[-2000:]
    assert site.asked().count("/robots.txt") == 1  # not again for its sitemaps, not retried
    assert [e["value"] for e in run.report["contacts"]["emails"]] == ["hello@bakery-leeds.co.uk"]
    assert run.report["site"]["duration_s"] < 60


def test_batch_progress_carries_no_terminal_escapes(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    site = Routes({"/": (200, {"Content-Type": "text/html\x1b[2J"},
                         "<html><head><title>Acme\x1b]0;pwned\x07</title></head><body>"
                         '<a href="/contact.html">Contact\x1b[31m</a></body></html>'),
                   "/contact.html": CONTACT, "/robots.txt": ROBOTS})
    listing = tmp_path / "sites.txt"
    listing.write_text(f"{site.url}/\nhttp://a.test/\x1b]0;pwned\x07\n"
                       f"--from-crawl={tmp_path / 'crawl.json'}\n{site.url}/x\x1b[2J\n", "utf-8")
    (tmp_path / "crawl.json").write_text("{}")
    try:
        run = cli("batch", str(listing), "--max-pages", "5", out=tmp_path / "batch")
    finally:
        site.close()
    assert "\x1b" not in run.stdout + run.stderr
    assert "\x07" not in run.stdout + run.stderr
    index = json.loads((tmp_path / "batch" / "index.json").read_text("utf-8"))
    status = [s["status"] for s in index["sites"]]
    assert status[0] == "audited" and status[1:3] == ["not audited"] * 2, run.stderr[-2000:]
    assert index["complete"] is True


# --- saved crawls ------------------------------------------------------------------------------


def test_every_reason_the_crawl_gives_is_one_the_schema_allows() -> None:
    enum = SCHEMA["properties"]["unread"]["items"]["properties"]["reason"]["enum"]
    assert sorted(REASONS) == sorted(enum)


@pytest.mark.parametrize(
    ("unread", "expected"),
    [({}, "unread: expected a list"),
     ([1], "unread[0]: expected an object"),
     ([{"url": "http://a.test/x"}], "unread[0].reason is missing"),
     ([{"url": 5, "reason": "timeout"}], "unread[0].url: expected text"),
     ([{"url": "http://a.test/x", "reason": "gremlins"}], "unread[0].reason: 'gremlins'"),
     ([{"url": "http://a.test/x", "reason": "too_deep", "partial": "yes"}],
      "unread[0].partial: expected true or false")],
    ids=["object", "number", "no-reason", "url-number", "unknown-reason", "partial-text"],
)
def test_a_saved_crawl_with_wrong_unread_entries_is_aone_line_error(
    unread: Any, expected: str, tmp_path: Path, cli: Callable[..., Any]
) -> None:
    saved, data = saved_crawl(cli, tmp_path, {"/": HOME, "/contact.html": CONTACT,
                                              "/robots.txt": ROBOTS})
    data["unread"] = unread
    saved.write_text(json.dumps(data), "utf-8")
    run = cli("--from-crawl", str(saved), out=tmp_path / "again")
    assert run.code == 2
    assert expected in one_line_error(run)
    assert not (tmp_path / "again" / "report.json").exists()


def test_a_saved_crawl_keeps_pages_read_in_part(tmp_path: Path, cli: Callable[..., Any]) -> None:
    saved, data = saved_crawl(cli, tmp_path, {"/": HOME, "/contact.html": CONTACT,
                                              "/robots.txt": ROBOTS})
    entry = {"url": data["start_url"], "reason": "too_deep", "detail": "cut", "partial": True}
    data["unread"] = [entry]
    saved.write_text(json.dumps(data), "utf-8")
    run = cli("--from-crawl", str(saved), "--quiet", out=tmp_path / "again")
    assert run.code == 0, run.stderr[-2000:]
    assert run.report["unread"] == [entry] and run.report["site"]["pages_unread"] == 1
