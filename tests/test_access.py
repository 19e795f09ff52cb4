"""Protected previews and preview deploys: ``--header``, ``--cookie``, ``--wait-for``.

A fixture site on 127.0.0.1 answers 401 unless the request carries the right header and
cookie; a second server on another port (another host:port is another site) is linked, redirected
to and named in the first one's robots.txt as a sitemap, and records every request's headers.
The secrets reach the first server, never the second, and never any output of the audit.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from scrapy.http import Request

from crawler.access import SiteAccessMiddleware
from crawler.waiting import probe, wait_until_up
from tests.servers import Routes as Recorder
from tests.servers import page as _page

HEADER_SECRET = "hdr-s3cret-7f3a9c"
COOKIE_SECRET = "ck-s3cret-91bd04"
SECRETS = (HEADER_SECRET, COOKIE_SECRET)


def _authorised(h: Any) -> bool:
    cookies = [c.strip() for c in (h.headers.get("Cookie") or "").split(";")]
    return (h.headers.get("X-Preview-Token") == HEADER_SECRET
            and f"preview={COOKIE_SECRET}" in cookies)


@pytest.fixture
def sites() -> Iterator[tuple[Recorder, Recorder]]:
    other = Recorder({
        "/elsewhere.html": _page("<p>another site</p>"),
        "/moved.html": _page("<p>moved here</p>"),
        "/robots.txt": (200, {"Content-Type": "text/plain"}, "User-agent: *\nAllow: /\n"),
        "/sitemap.xml": (404, {}, "none"),
    })
    preview = Recorder({}, guard=_authorised)
    preview.pages.update({
        "/": _page('<h1>Preview bakery</h1><p>Write to hello@preview-bakery.co.uk</p>'
                   '<a href="/contact.html">Contact</a>'
                   f'<a href="{other.url}/elsewhere.html">partner</a>'
                   '<a href="/out">moved</a>'),
        "/contact.html": _page("<p>Call us on +44 20 7946 0958</p>"),
        "/out": (302, {"Location": f"{other.url}/moved.html"}, ""),
        "/robots.txt": (200, {"Content-Type": "text/plain"},
                        f"User-agent: *\nAllow: /\nSitemap: {other.url}/sitemap.xml\n"),
    })
    yield preview, other
    preview.close()
    other.close()


def _all_output(run: Any, *extra: Path) -> str:
    texts = [run.stdout, run.stderr]
    for path in [*run.out.rglob("*"), *extra]:
        if path.is_file():
            texts.append(path.read_text("utf-8", errors="replace"))
    return "\n".join(texts)


def _leaked(recorder: Recorder) -> list[str]:
    return [path for path, headers in recorder.seen
            if any(s in f"{k}: {v}" for k, v in headers.items() for s in SECRETS)]


def test_headers_and_cookies_open_a_protected_preview_and_go_nowhere_else(
        sites: tuple[Recorder, Recorder], cli: Callable[..., Any], tmp_path: Path) -> None:
    preview, other = sites
    saved = tmp_path / "crawl.json"
    summary = tmp_path / "summary.md"
    run = cli(preview.url + "/", "--header", f"X-Preview-Token: {HEADER_SECRET}",
              "--cookie", f"preview={COOKIE_SECRET}", "--format", "json,html,md,junit,sarif",
              "--save-crawl", str(saved), "--verbose",
              env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert run.code == 0, run.stderr[-2000:]
    urls = {p["url"] for p in run.report["pages"]}
    assert preview.url + "/contact.html" in urls
    assert [e["value"] for e in run.report["contacts"]["emails"]] == [
        "hello@preview-bakery.co.uk"]
    # Every request to the preview was let in, robots.txt included.
    assert preview.seen and all(_authorised(SimpleNamespace(headers=h)) for _p, h in preview.seen)
    assert "/robots.txt" in [p for p, _h in preview.seen]
    # The other port was linked, redirected to and named as a sitemap: another server, never
    # asked anything (issue 14), so never given the secrets either; the redirect is reported.
    assert other.seen == []
    assert {"url": preview.url + "/out", "reason": "off_site",
            "detail": f"redirected to another site: {other.url}/moved.html"} \
        in run.report["unread"]
    out = _all_output(run, saved, summary)
    assert "hello@preview-bakery.co.uk" in out  # the reports are there to be searched
    for secret in SECRETS:
        assert secret not in out


def test_the_config_file_gives_headers_and_cookies_too(
        sites: tuple[Recorder, Recorder], cli: Callable[..., Any], tmp_path: Path) -> None:
    preview, other = sites
    config = tmp_path / "contactable.toml"
    config.write_text(f'[headers]\n"X-Preview-Token" = "{HEADER_SECRET}"\n'
                      f'[cookies]\npreview = "{COOKIE_SECRET}"\n')
    run = cli(preview.url + "/", "--config", str(config), "--format", "json")
    assert run.code == 0, run.stderr[-2000:]
    assert run.report["site"]["pages_crawled"] >= 2
    assert _leaked(other) == []
    assert not any(s in _all_output(run) for s in SECRETS)


def test_without_them_the_preview_is_not_audited(
        sites: tuple[Recorder, Recorder], cli: Callable[..., Any]) -> None:
    preview, _other = sites
    run = cli(preview.url + "/", "--format", "json", "--cookie", f"preview={COOKIE_SECRET}")
    assert run.code == 3
    assert "401" in run.stderr and len(run.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("args, says", [
    (["--header", f"X-Preview-Token {HEADER_SECRET}"], "a header is 'Name: value'"),
    (["--header", f"X-Preview-Token: {HEADER_SECRET}\nX-Other: 1"], "line break"),
    (["--header", f"Cookie: preview={COOKIE_SECRET}"], "--cookie"),
    (["--cookie", COOKIE_SECRET], "a cookie is name=value"),
    (["--cookie", f"preview={COOKIE_SECRET}; other=1"], "';'"),
    (["--wait-for", "soon"], "not a number of seconds"),
    (["--wait-for", "-1"], "between 0 and"),
])
def test_bad_headers_cookies_and_waits_are_one_line_exit_2(
        cli: Callable[..., Any], args: list[str], says: str) -> None:
    run = cli("https://preview.invalid/", *args)
    assert run.code == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and says in lines[0], run.stderr
    assert not any(s in run.stderr for s in SECRETS)  # an error never repeats the secret


@pytest.mark.parametrize("table", [
    '[headers]\n"X Token" = "a"\n',
    '[headers]\n"X-Token" = "a\\nb"\n',
    '[cookies]\npreview = 3\n',
    'headers = "X-Token: a"\n',
])
def test_bad_config_headers_and_cookies_are_one_line_exit_2(
        cli: Callable[..., Any], tmp_path: Path, table: str) -> None:
    config = tmp_path / "contactable.toml"
    config.write_text(table)
    run = cli("https://preview.invalid/", "--config", str(config))
    assert run.code == 2
    assert len(run.stderr.strip().splitlines()) == 1
    assert "contactable.toml" in run.stderr and ("headers" in run.stderr
                                                  or "cookies" in run.stderr)


# -- the middleware itself -----------------------------------------------------------------------

def _middleware(start_url: str) -> SiteAccessMiddleware:
    mw = SiteAccessMiddleware()
    mw.spider_opened(SimpleNamespace(start_url=start_url, site_headers=(("X-Token", "s"),),
                                     site_cookies=(("preview", "c"),)))
    return mw


@pytest.mark.parametrize("url, gets", [
    ("http://acme.test/contact", True),
    ("http://www.acme.test/", True),
    ("https://acme.test/", True),           # the site moving to TLS is the same site
    ("http://acme.test:8080/", False),      # another port is another site
    ("http://shop.acme.test/", False),
    ("http://evil.test/?acme.test", False),
])
def test_the_middleware_sends_them_to_the_site_origins_only(url: str, gets: bool) -> None:
    mw = _middleware("http://acme.test/")
    request = Request(url)
    mw.process_request(request)
    assert (request.headers.get("X-Token") == b"s") is gets
    assert (request.headers.get("Cookie") == b"preview=c") is gets


def test_a_redirect_elsewhere_loses_them_and_keeps_the_rest() -> None:
    mw = _middleware("https://acme.test/")
    # What Scrapy's redirect middleware builds from a request to the site: its headers copied.
    moved = Request("http://acme.test/", headers={"X-Token": "s", "Accept": "text/html",
                                                  "Cookie": "site=1; preview=c"})
    mw.process_request(moved)  # https -> http: not the site's origin
    assert "X-Token" not in moved.headers
    assert moved.headers.get("Accept") == b"text/html"
    assert moved.headers.get("Cookie") == b"site=1"


def test_the_sites_own_cookies_stay_beside_the_users() -> None:
    mw = _middleware("https://acme.test/")
    request = Request("https://www.acme.test/", headers={"Cookie": "site=1; preview=old"})
    mw.process_request(request)
    assert request.headers.get("Cookie") == b"site=1; preview=c"


# -- --wait-for ----------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_wait_for_audits_a_site_that_comes_up_late(cli: Callable[..., Any]) -> None:
    port = _free_port()
    started: list[Recorder] = []

    def late() -> None:
        time.sleep(1.5)
        started.append(Recorder({"/": _page("<p>Mail hello@late-bakery.co.uk</p>")}, port=port))

    thread = threading.Thread(target=late, daemon=True)
    thread.start()
    try:
        run = cli(f"http://127.0.0.1:{port}/", "--wait-for", "30", "--format", "json")
        assert run.code == 0, run.stderr[-2000:]
        assert "waiting up to 30 s" in run.stderr
        assert [e["value"] for e in run.report["contacts"]["emails"]] == [
            "hello@late-bakery.co.uk"]
    finally:
        thread.join()
        for s in started:
            s.close()


def test_wait_for_gives_up_with_exit_3_within_the_time(cli: Callable[..., Any]) -> None:
    port = _free_port()
    began = time.monotonic()
    run = cli(f"http://127.0.0.1:{port}/", "--wait-for", "2", "--format", "json")
    took = time.monotonic() - began
    assert run.code == 3
    last = run.stderr.strip().splitlines()[-1]
    assert last.startswith("contactable: error: 127.0.0.1 did not answer within --wait-for 2 s")
    assert "connection refused" in last
    assert 2 <= took < 30  # the wait, plus starting Python and Scrapy on a busy machine
    assert not (run.out / "report.json").exists()


def test_wait_for_needs_a_url(cli: Callable[..., Any], tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<p>hi</p>")
    run = cli(str(tmp_path / "site"), "--wait-for", "5")
    assert run.code == 2 and "--wait-for waits for a URL" in run.stderr


def test_a_5xx_is_not_up_yet_and_a_401_is() -> None:
    answers = [502, 401]
    server = Recorder({})
    server.pages["/"] = (503, {}, "building")

    def next_answer() -> None:
        status = answers.pop(0) if answers else 200
        server.pages["/"] = (status, {}, "x")

    try:
        assert probe(server.url + "/", 2) == "HTTP 503"
        sleeps: list[float] = []

        def sleep(s: float) -> None:
            sleeps.append(s)
            next_answer()

        assert wait_until_up(server.url + "/", 60, sleep=sleep) is None
        assert sleeps == [0.5, 0.75]  # 503, 502, then the 401 of a protected preview is up
        assert len(server.seen) == 4
    finally:
        server.close()
