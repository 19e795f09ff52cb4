"""Pages that need JavaScript: which ones are rendered, and what the report says about them.

The fixture sites (tests/sites/js_*) are served on 127.0.0.1: a parish whose menu comes from
``header.html`` by ``fetch()``, a single-page app shell, a dentist whose footer is written by
``document.write``. Audits that render need the ``render`` extra and a system Chromium
(``tox -e render``); without them those tests skip, saying why. The rest run everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import pytest

from crawler.page import Page
from crawler.reading import PageReading
from crawler.render import find_chromium, merge_rendered, shell_reason, unavailable
from tests.conftest import SITES, Run

_WHY_NOT = unavailable(find_chromium())
needs_browser = pytest.mark.skipif(_WHY_NOT is not None, reason=f"cannot render: {_WHY_NOT}")


def _reason(body: str, head: str = "") -> str | None:
    return shell_reason(Page.from_html("https://a.test/",
                                       f"<html><head>{head}</head><body>{body}</body></html>"))


_TEXT = "<p>" + "We bake bread every morning and sell it in our shop on the corner. " * 5 + "</p>"


@pytest.mark.parametrize(("body", "expected"), [
    ("<div id='root'></div><script src='/main.js'></script>", 'empty app root <div id="root">'),
    ("<div id='__next'> </div><script src='/_next/app.js'></script>", "empty app root"),
    ("<noscript>Please enable JavaScript to view this site.</noscript><h1>Shop</h1>"
     "<script src='/a.js'></script>", "<noscript> asks visitors to enable JavaScript"),
    (_TEXT + "<script>fetch('/header.html').then(r => r.text())</script>",
     "a script loads part of the page (fetch)"),
    (_TEXT + "<footer><script>document.write('<p>Call 01632 960000</p>')</script></footer>",
     "a script loads part of the page (document.write)"),
    (_TEXT + "<div id='header'></div><script src='/include.js'></script>",
     "empty <div id='header'> filled by script"),
    # An external script fills them (fetch() in script.js, not in the page): the ids say so.
    (_TEXT + "<div id='header-placeholder'></div><script src='/script.js'></script>",
     "empty <div id='header-placeholder'> filled by script"),
    (_TEXT + "<div id='siteFooter'></div><script src='/script.js'></script>",
     "empty <div id='siteFooter'> filled by script"),
    ("<h1>Hi</h1><script src='/1.js'></script><script src='/2.js'></script>"
     "<script src='/3.js'></script>", "little text (2 characters) and 3 scripts"),
])
def test_shells_are_told_from_their_raw_html(body: str, expected: str) -> None:
    reason = _reason(body)
    assert reason is not None and reason.startswith(expected)


@pytest.mark.parametrize("body", [
    _TEXT + "<header><a href='/contact'>Contact</a></header><script src='/analytics.js'></script>",
    # Nothing would run: a browser shows exactly what the HTML says.
    "<div id='root'></div><noscript>Please enable JavaScript</noscript>",
    _TEXT + "<script type='application/ld+json'>{\"fetch(\": 1}</script>",
    # Empty, but no header or footer by its id's words ("headers" is another word).
    _TEXT + "<div id='headers-spacer'></div><div id='modal'></div><script src='/a.js'></script>",
])
def test_ordinary_pages_are_not_rendered(body: str) -> None:
    assert _reason(body) is None


def _fact(kind: str, value: str, visible: bool = True) -> Any:
    from checks.facts import Fact

    return Fact(kind, value, "mailto", "footer", visible=visible)


def test_only_what_the_raw_html_did_not_show_is_marked_rendered() -> None:
    raw = PageReading("T", "en", ["https://a.test/about"],
                      [_fact("email", "A@a.test"), _fact("email", "code@a.test", visible=False),
                       _fact("phone", "+441632960000")])
    shown = PageReading("T", "en", ["https://a.test/about", "https://a.test/contact"],
                        [_fact("email", "a@a.test"), _fact("email", "code@a.test"),
                         _fact("email", "new@a.test")])
    only = merge_rendered(raw, shown)
    assert only == {"https://a.test/contact"}
    marked = {f.value: bool(f.data.get("rendered")) for f in shown.facts}
    # Seen in the HTML (any case) -> not marked; in code only, or new -> marked; a raw fact
    # the browser no longer shows is kept, since a visitor without JavaScript sees it.
    assert marked == {"a@a.test": False, "code@a.test": True, "new@a.test": True,
                      "+441632960000": False}


def test_a_merge_keeps_each_raw_link_once_in_order() -> None:
    a, b, c, d = (f"https://a.test/{n}" for n in "abcd")
    raw = PageReading("T", "en", [a, b, a, c, b], [])
    shown = PageReading("T", "en", [c, d], [])
    assert merge_rendered(raw, shown) == {d}
    # The browser's links first, then the raw links it no longer shows, each once.
    assert shown.links == [c, d, a, b]


def test_blocked_addresses_are_distinct_and_few() -> None:
    from types import SimpleNamespace

    from crawler.onsite import crawl_origins
    from crawler.render import BLOCKED_SHOWN, BrowserGate

    spider = SimpleNamespace(origins=crawl_origins("https://a.test/"))
    gate = BrowserGate(crawler=SimpleNamespace(spider=spider))

    def asks(url: str) -> bool:
        return gate(SimpleNamespace(resource_type="fetch", url=url))

    assert asks("https://a.test/poll") is False  # the site's own: allowed, not listed
    for _ in range(50):  # a script polling another origin
        assert asks("https://track.test/poll") is True
    for n in range(40):
        asks(f"https://track.test/{n}")
    assert gate.blocked[:2] == ["https://track.test/poll", "https://track.test/0"]
    assert len(gate.blocked) == len(set(gate.blocked)) == BLOCKED_SHOWN


_NO_EXTRA = "the render extra is not installed (pip install 'contactable[render]')"
_HAS_EXTRA = find_spec("scrapy_playwright") is not None


def _why(given: str | None = None) -> str | None:
    return unavailable(find_chromium(given), given)


def test_no_chromium_at_the_given_path_is_said(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONTACTABLE_CHROMIUM", raising=False)
    assert _why("/nonexistent/chromium") == (
        "no Chromium at /nonexistent/chromium: give the path or name of a chromium executable"
        if _HAS_EXTRA else _NO_EXTRA)


def test_a_wrong_chromium_variable_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    # Not "no Chromium found on PATH": PATH was never searched, the variable was wrong.
    monkeypatch.setenv("CONTACTABLE_CHROMIUM", "/nonexistent/chromium")
    assert _why() == ("no Chromium at /nonexistent/chromium (from $CONTACTABLE_CHROMIUM): "
                      "give the path or name of a chromium executable"
                      if _HAS_EXTRA else _NO_EXTRA)


def test_no_chromium_on_path_is_said(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CONTACTABLE_CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert _why() == ("no Chromium found on PATH (install chromium, or give --chromium PATH)"
                      if _HAS_EXTRA else _NO_EXTRA)


def test_chromium_may_be_named_rather_than_given_by_path(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    exe = tmp_path / "my-chromium"
    exe.write_text("#!/bin/sh\n", "utf-8")
    exe.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("CONTACTABLE_CHROMIUM", raising=False)
    assert find_chromium("my-chromium") == str(exe)
    assert find_chromium(str(exe)) == str(exe)
    monkeypatch.setenv("CONTACTABLE_CHROMIUM", "my-chromium")
    assert find_chromium() == str(exe)
    assert find_chromium("missing-chromium") is None


# -- audits ---------------------------------------------------------------------------------------


def _by_path(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {p["path"]: p for p in report["pages"]}


def _check(report: dict[str, Any], ident: str) -> dict[str, Any]:
    return next(c for c in report["checks"] if c["id"] == ident)


def _audit(cli: Callable[..., Run], site: str, *args: str) -> dict[str, Any]:
    if "--format" not in args:
        args = ("--format", "json", *args)
    run = cli(str(SITES / site), "--quiet", *args)
    assert run.code == 0, run.stderr
    return run.report


@needs_browser
def test_a_menu_fetched_from_header_html_is_followed(cli: Callable[..., Run]) -> None:
    report = _audit(cli, "js_fetch_header")
    pages = _by_path(report)
    assert pages["index.html"]["rendered"] is True
    assert pages["index.html"]["render_reason"] == "empty <div id='header'> filled by script"
    # The contact page is linked only from the fetched menu: one click, by a rendered link.
    assert pages["contact.html"]["depth"] == 1
    assert pages["contact.html"]["via_rendered_link"] is True
    assert report["contacts"]["contact_pages"][0]["via_rendered_link"] is True
    email = report["contacts"]["emails"][0]
    # The address itself is in the contact page's HTML: not marked.
    assert email["value"] == "office@staidans-fixture.org.uk" and "rendered" not in email
    assert report["site"]["render"]["rendered"] == 2
    assert report["site"]["render"]["needs_rendering"] == []
    check = _check(report, "findability.without_javascript")
    assert check["status"] == "warn"  # the Contact link itself exists only after rendering
    assert "Contact" in check["summary"] or "contact" in check["summary"]


@needs_browser
def test_a_single_page_app_shell_is_rendered_and_its_contacts_marked(
        cli: Callable[..., Run], tmp_path: Path) -> None:
    run = cli(str(SITES / "js_spa"), "--quiet", "--format", "json,html,md", out=tmp_path / "o")
    assert run.code == 0, run.stderr
    report = run.report
    # Every format says which items only JavaScript shows, and which pages were rendered.
    html = (run.out / "report.html").read_text("utf-8")
    assert "shown only by JavaScript" in html and "rendered in a browser" in html
    assert "shown only by JavaScript" in (run.out / "report.md").read_text("utf-8")
    pages = _by_path(report)
    assert {p: v["rendered"] for p, v in pages.items()} == {"index.html": True,
                                                            "contact/index.html": True}
    assert pages["index.html"]["render_reason"] == 'empty app root <div id="root">'
    contacts = report["contacts"]
    assert [(e["value"], e.get("rendered")) for e in contacts["emails"]] == [
        ("hello@stitchstudio-fixture.co.uk", True)]
    assert [(p["value"], p.get("rendered")) for p in contacts["phones"]] == [
        ("+442079460123", True)]
    assert contacts["emails"][0]["pages"][0]["rendered"] is True
    assert contacts["emails"][0]["min_depth"] == 1
    check = _check(report, "findability.without_javascript")
    assert check["status"] == "warn"
    assert {e["value"] for e in check["evidence"]} >= {"hello@stitchstudio-fixture.co.uk"}
    assert "JavaScript" in check["summary"] and check["source"]


@needs_browser
def test_a_footer_written_by_document_write_is_read(cli: Callable[..., Run]) -> None:
    report = _audit(cli, "js_docwrite")
    pages = _by_path(report)
    assert pages["index.html"]["rendered"] is True
    assert pages["index.html"]["render_reason"] == \
        "a script loads part of the page (document.write)"
    # Ordinary pages are fetched once, plainly.
    assert pages["treatments.html"]["rendered"] is False
    assert pages["treatments.html"]["render_reason"] is None
    assert pages["contact.html"]["via_rendered_link"] is True
    phones = report["contacts"]["phones"]
    assert [(p["value"], p.get("rendered"), p["min_depth"]) for p in phones] == [
        ("+442079460777", True, 0)]
    assert _check(report, "findability.clicks_to_contact")["status"] == "pass"


@pytest.mark.parametrize("args", [("--render", "never"),
                                  ("--chromium", "/nonexistent/chromium")])
def test_without_rendering_the_report_names_pages_that_need_it(
        cli: Callable[..., Run], args: tuple[str, ...]) -> None:
    report = _audit(cli, "js_spa", *args)
    render = report["site"]["render"]
    assert render["rendered"] == 0 and render["available"] is False
    assert render["mode"] == ("never" if args[0] == "--render" else "auto")
    if args[0] == "--chromium":
        assert render["unavailable"]  # why: no Chromium there, or no render extra
    assert [(n["url"].rsplit("/", 1)[-1], n["reason"]) for n in render["needs_rendering"]] == [
        ("", 'empty app root <div id="root">')]
    assert _by_path(report)["index.html"]["rendered"] is False
    assert any("probably need JavaScript" in w for w in report["warnings"])
    check = _check(report, "findability.without_javascript")
    assert check["status"] == "needs_review"
    assert check["evidence"][0]["snippet"] == 'empty app root <div id="root">'


def test_render_always_without_a_browser_is_one_line(cli: Callable[..., Run]) -> None:
    run = cli(str(SITES / "js_spa"), "--render", "always", "--chromium", "/nonexistent/chromium")
    assert run.code == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("contactable: error: --render always")
    assert "Traceback" not in run.stderr


def test_render_mode_is_checked(cli: Callable[..., Run]) -> None:
    run = cli(str(SITES / "js_spa"), "--render", "sometimes")
    assert run.code == 2 and "--render" in run.stderr and len(run.stderr.splitlines()) == 1


def test_ordinary_site_is_never_rendered(cli: Callable[..., Run]) -> None:
    """The demo site's pages have no scripts that change them: none is rendered or named."""
    report = _audit(cli, "../../contactable/demo_site")
    assert report["site"]["render"]["rendered"] == 0
    assert report["site"]["render"]["needs_rendering"] == []
    assert _check(report, "findability.without_javascript")["status"] == "not_applicable"


def test_render_is_a_configuration_key(cli: Callable[..., Run], tmp_path: Path) -> None:
    (tmp_path / "contactable.toml").write_text('render = "never"\n', "utf-8")
    run = cli(str(SITES / "js_spa"), "--format", "json", "--quiet", cwd=tmp_path)
    assert run.code == 0, run.stderr
    assert run.report["site"]["render"]["mode"] == "never"
    (tmp_path / "contactable.toml").write_text('render = "sometimes"\n', "utf-8")
    run = cli(str(SITES / "js_spa"), "--format", "json", "--quiet", cwd=tmp_path)
    assert run.code == 2 and "render: 'sometimes' is not one of auto, always, never" in run.stderr


@needs_browser
def test_a_home_page_with_no_contact_in_its_html_is_rendered(
        cli: Callable[..., Run], tmp_path: Path) -> None:
    """No shell signs (text, no placeholders), but a script adds the only contact block."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        "<!doctype html><html lang='en'><head><title>Dentist</title></head><body><main>"
        "<h1>Bright Smile Dentistry</h1><p>" + "Gentle care for the whole family. " * 12 +
        "</p></main><script src='/footer.js'></script></body></html>", "utf-8")
    (site / "footer.js").write_text(
        "var f = document.createElement('footer');"
        "f.innerHTML = '<a href=\"tel:+442079460321\">020 7946 0321</a>';"
        "document.body.appendChild(f);", "utf-8")
    report = _audit(cli, str(site))
    page = report["pages"][0]
    assert page["rendered"] is True
    assert page["render_reason"] == ("the home page shows no contact link or contact detail "
                                     "without JavaScript")
    assert [(p["value"], p.get("rendered")) for p in report["contacts"]["phones"]] == [
        ("+442079460321", True)]


def _crawl(render: dict[str, Any]) -> Any:
    from crawler.records import CrawlResult, PageRecord

    home, app = "https://a.test/", "https://a.test/app"
    return CrawlResult(home, home, [
        PageRecord(home, 200, links=[app], render_reason='empty app root <div id="root">'),
        PageRecord(app, 200, render_reason='empty app root <div id="app">'),
    ], render={"mode": "auto", "available": True, **render})


def test_pages_read_raw_are_warned_of_once_with_their_reason() -> None:
    from contactable.pipeline import site_model

    # A render that failed was warned of by the spider, with its cause: not again here.
    site = site_model(_crawl({"failed": ["https://a.test/app"]}))
    assert site.warnings == [
        "1 page(s) probably need JavaScript to show their content and were read as raw HTML "
        "(the crawl was stopped before they were rendered): https://a.test/"]
    # Both still need rendering, for the check and the report alike.
    assert [p.url for p in site.not_rendered] == ["https://a.test/", "https://a.test/app"]
    site = site_model(_crawl({"available": False, "unavailable": "no Chromium found on PATH"}))
    assert len(site.warnings) == 1
    assert "read as raw HTML (no Chromium found on PATH): https://a.test/, https://a.test/app" \
        in site.warnings[0]
