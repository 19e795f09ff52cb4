"""The browser stays on the audited site, downloads no images, renders only shells, and a
page it cannot render is still read, from its HTML.

Everything is served on 127.0.0.1 by the test: the site, and on another port a server that
records every request, which a page's script tries to reach. Needs the ``render`` extra and a
system Chromium (``tox -e render``); skips, saying why, without them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest

from crawler.render import find_chromium, unavailable
from tests.conftest import Run, Served
from tests.servers import Routes

_WHY_NOT = unavailable(find_chromium())
pytestmark = pytest.mark.skipif(_WHY_NOT is not None, reason=f"cannot render: {_WHY_NOT}")

_SHELL = ("<!doctype html><html lang='en'><head><title>{title}</title>"
          "<link rel='stylesheet' href='{other}/theme.css'></head><body>"
          "<div id='root'></div><script src='/app.js'></script></body></html>")
_APP = """
var other = "%s";
fetch(other + "/track?page=" + location.pathname).catch(function () {});
new Image().src = other + "/pixel.png";
var s = document.createElement("script");
s.src = other + "/widget.js";
document.head.appendChild(s);
try { new WebSocket(other.replace("http", "ws") + "/socket"); } catch (e) {}
document.getElementById("root").innerHTML =
  '<header><nav><a href="/">Home</a> <a href="/plain.html">About</a></nav></header>' +
  '<main><h1>Studio</h1><img src="/logo.png" alt="">' +
  '<p>Call <a href="tel:+442079460555">020 7946 0555</a></p></main>';
"""
_PLAIN = ("<!doctype html><html lang='en'><head><title>About</title></head><body>"
          "<header><nav><a href='/'>Home</a></nav></header><main><h1>About us</h1>"
          "<p>" + "A small studio with a big heart, open six days a week. " * 6 + "</p>"
          "</main></body></html>")


@pytest.fixture
def other() -> Any:
    server = Routes({"/track": (200, {}, "ok")})
    yield server
    server.close()


def _site(root: Path, other_url: str) -> None:
    (root / "index.html").write_text(_SHELL.format(title="Studio", other=other_url), "utf-8")
    (root / "app.js").write_text(_APP % other_url, "utf-8")
    (root / "plain.html").write_text(_PLAIN, "utf-8")
    (root / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")


def test_no_browser_request_leaves_the_site(tmp_path: Path, serve: Callable[..., Served],
                                            cli: Callable[..., Run], other: Routes) -> None:
    root = tmp_path / "site"
    root.mkdir()
    _site(root, other.url)
    served = serve(root)
    run = cli(served.url, "--format", "json", "--quiet", "--no-sitemaps")
    assert run.code == 0, run.stderr
    report = run.report
    # The script's fetch, image, script, WebSocket and the page's style sheet on another port:
    # refused.
    assert other.asked() == []
    assert any(u.startswith(other.url) for u in report["site"]["render"]["blocked"])
    # Images are never downloaded, even from the site itself.
    assert "/logo.png" not in served.requests
    assert "/app.js" in served.requests  # the site's own script ran
    # The shell is fetched twice (raw, then in the browser), the plain page once.
    assert served.requests.count("/") == 2
    assert served.requests.count("/plain.html") == 1
    pages = {p["url"].rsplit("/", 1)[-1]: p for p in report["pages"]}
    assert pages[""]["rendered"] is True and pages["plain.html"]["rendered"] is False
    assert pages["plain.html"]["via_rendered_link"] is True
    assert [(p["value"], p.get("rendered")) for p in report["contacts"]["phones"]] == [
        ("+442079460555", True)]


def test_a_page_polling_its_own_site_for_ever_is_read_rendered(
        tmp_path: Path, serve: Callable[..., Served], cli: Callable[..., Run]) -> None:
    root = tmp_path / "site"
    root.mkdir()
    # The network never goes quiet: the wait for it gives up, and the page is read as the
    # browser shows it by then, not thrown away for its raw HTML.
    (root / "index.html").write_text(
        "<!doctype html><html><head><title>Busy</title></head><body><div id='app'></div>"
        "<p><a href='mailto:hi@busy-fixture.co.uk'>hi@busy-fixture.co.uk</a></p>"
        "<script>document.getElementById('app').innerHTML ="
        " '<a href=\"tel:+442079460444\">020 7946 0444</a>';"
        "setInterval(function () { fetch('/poll?' + Math.random()); }, 100);"
        "</script></body></html>", "utf-8")
    served = serve(root)
    run = cli(served.url, "--format", "json", "--quiet", "--no-sitemaps")
    assert run.code == 0, run.stderr
    report = run.report
    page = report["pages"][0]
    assert page["rendered"] is True and page["render_reason"] == 'empty app root <div id="app">'
    assert [e["value"] for e in report["contacts"]["emails"]] == ["hi@busy-fixture.co.uk"]
    assert [(p["value"], p.get("rendered")) for p in report["contacts"]["phones"]] == [
        ("+442079460444", True)]
    assert not any("could not be rendered" in w or "JavaScript" in w
                   for w in report["warnings"])
    assert any(u.startswith("/poll?") for u in served.requests)  # it did poll
    assert report["site"]["complete"] is True


def _failing_shell(tmp_path: Path, serve: Callable[..., Served]) -> tuple[Served, list[int]]:
    """Home links to /shell.html (a shell whose render fails after 3 s: the browser's fetch
    gets no answer) and /b.html (a plain page, answered after 1 s)."""
    root = tmp_path / "site"
    root.mkdir()
    (root / "index.html").write_text(
        "<!doctype html><html><head><title>Home</title></head><body><main><h1>Home</h1>"
        "<a href='/shell.html'>App</a> <a href='/b.html'>About</a></main></body></html>",
        "utf-8")
    (root / "shell.html").write_text(
        "<!doctype html><html><head><title>App</title></head><body><div id='root'></div>"
        "<script src='/app.js'></script></body></html>", "utf-8")
    (root / "b.html").write_text(_PLAIN, "utf-8")
    asked: list[int] = []

    def shell(handler: Any) -> None:
        asked.append(1)
        if len(asked) == 1:  # the raw fetch: the shell, at once
            SimpleHTTPRequestHandler.do_GET(handler)
            return
        time.sleep(3)
        handler.close_connection = True

    def late(handler: Any) -> None:
        time.sleep(1)
        SimpleHTTPRequestHandler.do_GET(handler)

    return serve(root, routes={"/shell.html": shell, "/b.html": late}), asked


def test_a_failed_render_is_warned_of_once(tmp_path: Path, serve: Callable[..., Served],
                                           cli: Callable[..., Run]) -> None:
    served, asked = _failing_shell(tmp_path, serve)
    run = cli(served.url, "--format", "json", "--quiet", "--no-sitemaps")
    assert run.code == 0, run.stderr
    report = run.report
    assert len(asked) >= 2
    about = [w for w in report["warnings"] if "shell.html" in w]
    assert len(about) == 1 and "could not be rendered" in about[0], report["warnings"]
    assert [n["url"].rsplit("/", 1)[-1] for n in report["site"]["render"]["needs_rendering"]] \
        == ["shell.html"]


def test_a_render_failing_past_max_pages_records_no_extra_page(
        tmp_path: Path, serve: Callable[..., Served], cli: Callable[..., Run]) -> None:
    # /b.html reaches the page cap while the shell's render is under way; then it fails.
    served, asked = _failing_shell(tmp_path, serve)
    run = cli(served.url, "--format", "json", "--quiet", "--no-sitemaps", "--max-pages", "2")
    assert run.code == 0, run.stderr
    report = run.report
    assert len(asked) >= 2  # the shell was fetched raw, then its render failed (retried)
    assert sorted(p["url"].rsplit("/", 1)[-1] for p in report["pages"]) == ["", "b.html"]
    assert report["site"]["pages_crawled"] == 2
