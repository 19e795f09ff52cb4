"""report.html in a real headless Chromium: offline, inert, readable on a phone.

Audits the demo site and the hostile fixture (tests/sites/hostile), opens each report.html
from a file:// URL and watches everything the page does: console messages, page errors,
requests, dialogs, and a ``window.__pwned`` marker that hostile content would set if any of it
ran. Screenshots land in pytest's tmp_path (look at them: the report is for people).

Needs the ``playwright`` package and a system Chromium (``tox -e browser``); browsers are never
downloaded. Without either, every test here skips with the reason.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from crawler.render import CHROMIUM_ARGS, find_chromium
from reports.html_report import HtmlReport
from tests.conftest import SITES
from tests.test_html_report import HOSTILE, make_report

_SCHEME = re.compile(r"^\s*[A-Za-z][A-Za-z0-9+.-]*:")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    path = find_chromium()
    if path is None:
        pytest.skip("no system Chromium (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _audit(target: str, out: Path) -> Path:
    args = ["demo"] if target == "demo" else [target]
    proc = subprocess.run([sys.executable, "-m", "contactable", *args, "--out", str(out),
                           "--quiet"], capture_output=True, text=True, timeout=180,
                          check=False)
    assert proc.returncode in (0, 1), proc.stderr
    return out / "report.html"


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo site, the hostile fixture, and a hand-built report with every status."""
    root = tmp_path_factory.mktemp("reports")
    made = root / "made"
    made.mkdir()
    (made / "report.html").write_text(HtmlReport().render(make_report(HOSTILE)), "utf-8")
    return {
        "demo": _audit("demo", root / "demo"),
        "hostile": _audit(str(SITES / "hostile"), root / "hostile"),
        "made": made / "report.html",
    }


@dataclass
class Opened:
    page: Any
    url: str
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        return [u for u in self.requests if u != self.url]


def _open(browser: Any, html: Path, viewport: dict[str, int] = DESKTOP,
          bypass_csp: bool = False) -> Opened:
    context = browser.new_context(viewport=viewport, bypass_csp=bypass_csp,
                                  java_script_enabled=True)
    page = context.new_page()
    opened = Opened(page, html.resolve().as_uri())
    page.on("console", lambda m: opened.console.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: opened.errors.append(str(e)))
    page.on("request", lambda r: opened.requests.append(r.url))

    def dialog(d: Any) -> None:
        opened.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    page.goto(opened.url, wait_until="load")
    page.wait_for_timeout(150)  # give any stray timer or lazy load a chance to show up
    return opened


@pytest.fixture
def opened(browser: Any) -> Iterator[list[Opened]]:
    pages: list[Opened] = []
    yield pages
    for o in pages:
        o.page.context.close()


@pytest.mark.parametrize("name", ["demo", "hostile", "made"])
def test_report_is_offline_and_quiet(browser: Any, reports: dict[str, Path], name: str,
                                     opened: list[Opened], tmp_path: Path) -> None:
    o = _open(browser, reports[name])
    opened.append(o)
    o.page.screenshot(path=str(tmp_path / f"{name}-desktop.png"), full_page=True)
    assert o.console == []
    assert o.errors == []
    assert o.foreign_requests() == []
    assert o.dialogs == []
    assert o.page.evaluate("typeof window.__pwned") == "undefined"
    assert o.page.evaluate("document.scripts.length") == 0


@pytest.mark.parametrize("name", ["hostile", "made"])
def test_hostile_content_stays_inert_even_without_the_csp(
        browser: Any, reports: dict[str, Path], name: str, opened: list[Opened]) -> None:
    # The CSP is the second line of defence; escaping alone must already hold.
    o = _open(browser, reports[name], bypass_csp=True)
    opened.append(o)
    o.page.mouse.move(200, 300)
    o.page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    o.page.wait_for_timeout(100)
    assert o.page.evaluate("typeof window.__pwned") == "undefined"
    assert o.dialogs == []
    assert o.errors == []
    assert o.foreign_requests() == []
    dangerous = o.page.evaluate("""() => [...document.querySelectorAll('*')].flatMap(el =>
        [...el.attributes]
          .filter(a => a.name.startsWith('on') || a.name === 'src' || a.name === 'style')
          .map(a => el.tagName + ' ' + a.name))""")
    assert dangerous == []
    hrefs = o.page.eval_on_selector_all("a[href]", "as => as.map(a => a.getAttribute('href'))")
    # A link is to a part of the report, a web page, or (a folder audit) a file of the folder
    # by its relative path: never a javascript:, data: or other scheme.
    assert all(h.startswith(("#", "http://", "https://")) or not _SCHEME.match(h)
               for h in hrefs), hrefs


@pytest.mark.parametrize("name", ["demo", "hostile", "made"])
def test_four_answers_and_what_fails_are_visible(
        browser: Any, reports: dict[str, Path], name: str, opened: list[Opened]) -> None:
    o = _open(browser, reports[name])
    opened.append(o)
    page = o.page
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.locator(".ring").is_visible()
    for question in ("Can I find an email address?", "Can I find a phone number?",
                     "Can I find a named person?", "Am I told someone will answer?"):
        card = page.locator(".answer", has=page.get_by_role("heading", name=question))
        assert card.is_visible(), question
        assert card.locator(".verdict .badge").inner_text().strip() != ""
    saved = reports[name].with_name("report.json")
    report = json.loads(saved.read_text("utf-8")) if saved.exists() else make_report(HOSTILE)
    failing = [c for c in report["checks"] if c["status"] in ("fail", "warn")]
    assert failing, name  # every report here has something to fix: it must be shown
    for check in failing[:3]:
        card = page.locator(f'article[id="check-{check["id"]}"]')
        assert card.is_visible(), check["id"]
        assert card.get_by_text(check["title"], exact=False).first.is_visible()
        if check["evidence"]:
            assert card.locator(".ev > li").first.is_visible(), check["id"]
    if name == "made":
        mark = page.locator('article[id="check-person.named"] mark').first
        assert mark.is_visible() and mark.inner_text() == "jo@bakery.example"


def test_folded_checks_open_from_the_keyboard(browser: Any, reports: dict[str, Path],
                                              opened: list[Opened]) -> None:
    o = _open(browser, reports["made"])
    opened.append(o)
    page = o.page
    passed = page.locator('article[id="check-email.visible"]')
    assert not passed.is_visible()
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to the results")
    assert skip.evaluate("el => el === document.activeElement")
    box = skip.bounding_box()
    assert box is not None and box["y"] >= 0  # moved on screen once focused
    page.locator("#group-passed > summary").focus()
    page.keyboard.press("Enter")
    assert passed.is_visible()


@pytest.mark.parametrize("name", ["demo", "hostile", "made"])
def test_no_horizontal_scroll_on_a_phone(browser: Any, reports: dict[str, Path], name: str,
                                         opened: list[Opened], tmp_path: Path) -> None:
    o = _open(browser, reports[name], viewport=PHONE)
    opened.append(o)
    o.page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    o.page.screenshot(path=str(tmp_path / f"{name}-phone.png"), full_page=True)
    width = o.page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width
    wide = o.page.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
        .map(el => el.tagName + '.' + el.className)""")
    assert wide == []


def test_text_contrast_in_the_rendered_page(browser: Any, reports: dict[str, Path],
                                            opened: list[Opened]) -> None:
    o = _open(browser, reports["made"])
    opened.append(o)
    o.page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    low = o.page.evaluate("""() => {
      const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
      const lum = c => { const v = c.slice(0, 3).map(x => { x /= 255;
        return x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
        return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
      const bg = el => { for (; el; el = el.parentElement) {
        const c = rgb(getComputedStyle(el).backgroundColor);
        if (c.length === 3 || c[3] > 0) return c; } return [255, 255, 255]; };
      const out = [];
      for (const el of document.querySelectorAll('body *')) {
        const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
        if (!own || !el.getClientRects().length) continue;
        const a = lum(rgb(getComputedStyle(el).color)), b = lum(bg(el));
        const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        if (ratio < 4.5) out.push(el.tagName + '.' + el.className + ' ' + ratio.toFixed(2));
      }
      return out; }""")
    assert low == []


def test_print_shows_folded_checks(browser: Any, reports: dict[str, Path],
                                   opened: list[Opened], tmp_path: Path) -> None:
    o = _open(browser, reports["made"])
    opened.append(o)
    page = o.page
    page.emulate_media(media="print")
    assert page.locator('article[id="check-email.visible"]').is_visible()
    assert not page.get_by_role("link", name="Skip to the results").is_visible()
    pdf = page.pdf(path=str(tmp_path / "made.pdf"), format="A4")
    assert pdf.startswith(b"%PDF")
