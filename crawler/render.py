"""Rendering pages that need JavaScript, on demand, in the system Chromium.

Most pages are fetched plainly. A page whose raw HTML looks like it needs a browser (an empty
app root, a ``<noscript>`` asking for JavaScript, little text and many scripts, parts loaded
by script) is fetched again through scrapy-playwright (``meta={"playwright": True}``), which
is the optional ``render`` extra; Playwright never downloads a browser: the system Chromium
is launched by path.

>>> shell_reason(Page.from_html("https://a.test/", "<div id='root'></div>"
...                              "<script src='/app.js'></script>"))
'empty app root <div id="root">'
>>> shell_reason(Page.from_html("https://a.test/", "<h1>Acme</h1><p>Call 020 7946 0958</p>"))
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from dataclasses import dataclass, field
from importlib.util import find_spec
from typing import Any

from lxml import etree

from crawler.access import origin_of
from crawler.page import Page, Script
from crawler.reading import PageReading

RENDER_MODES = ("auto", "always", "never")
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Flags for a browser that talks to nothing but the audited site: no updates, no sync, no
# first-run pings (tests/test_browser.py launches its Chromium with them too).
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
# Addresses the report names as blocked: distinct ones only (a polling script asks for the
# same one every second), and a few suffice to show what a page tried.
BLOCKED_SHOWN = 20
# Pages rendered at a time: each is a Chromium tab of 50-100 MB.
PAGES_AT_ONCE = 4
NAVIGATION_TIMEOUT_S = 15.0
# What a visitor's browser fetches that tells nothing about contacts: never downloaded.
_SKIPPED_RESOURCES = frozenset({"image", "media", "font"})

# Ids and attributes frameworks mount an app on: React, Vue, Next, Nuxt, Gatsby, Angular, Svelte.
_APP_IDS = frozenset({"root", "app", "__next", "__nuxt", "___gatsby", "svelte"})
_APP_ATTRS = ("data-reactroot", "ng-app")
# Empty placeholders that a script fills with the site's header or footer (where its contact
# block usually is). Not menus: an empty <nav id="menu"> is mostly a mobile menu a theme's
# script copies from the real one.
# An id is read as words ("header-placeholder", "site_footer", "footerInclude"): one of
# these on an empty element.
_PLACEHOLDER_WORDS = frozenset({"header", "footer", "placeholder", "include"})
_ID_WORD = re.compile(r"[A-Z]?[a-z]+")


def _placeholder_id(ident: str) -> bool:
    return any(w.lower() in _PLACEHOLDER_WORDS for w in _ID_WORD.findall(ident))

_INCLUDE_ATTRS = ("include-html", "w3-include-html", "data-include")
# The few elements these tests read: those with an id (libxml2 finds them in 0.3 ms on a
# number-dense bench page), and those with a framework's or an include's attribute, looked
# for only when the page's HTML names one. A predicate comparing every element's id with many
# strings cost 3.5 + 6.9 ms a page there (about 14% of the audit's CPU on bench/throughput.py).
_WITH_ID = etree.XPath("descendant::*[@id]")
_MARK_ATTRS = (*_APP_ATTRS, *_INCLUDE_ATTRS)
_WITH_MARK = etree.XPath("descendant::*[" + " or ".join(f"@{a}" for a in _MARK_ATTRS) + "]")


def _marked(body: etree._Element, html: str) -> list[etree._Element]:
    found = list(_WITH_ID(body))
    if any(a in html for a in _MARK_ATTRS):
        found += [el for el in _WITH_MARK(body) if el.get("id") is None]
    return found


_NOSCRIPT = re.compile(r"<noscript[^>]*>(.*?)</noscript>", re.IGNORECASE | re.DOTALL)
_ASKS_FOR_JS = re.compile(
    r"(enable|turn on|activate|requires?|need|aktivieren|activer|activez|attivare|habilitar)"
    r"[^<]{0,60}javascript|javascript[^<]{0,60}(enable|required|aktivieren|activ|necesari)",
    re.IGNORECASE)
# A script that pulls part of the page in: fetch()/XHR of a partial, jQuery's .load(),
# document.write.
_LOADS_PARTS = re.compile(
    r"\bfetch\s*\(|XMLHttpRequest|\.load\s*\(\s*['\"][^'\"]+\.html?|document\.write(ln)?\s*\(")
_LITTLE_TEXT, _MANY_SCRIPTS = 200, 3


def shell_reason(page: Page) -> str | None:
    """Why ``page``'s raw HTML probably needs a browser to show its content, or None.

    ``page`` is as parsed from the raw HTML, before :meth:`Page.release`."""
    root = page.selector.root
    if not isinstance(root, etree._Element) or page.oversized:
        return None
    scripts = running_scripts(page)
    if not scripts:
        return None  # nothing would run: a browser shows what the HTML says
    body = root.find("body")
    marked = _marked(body, page.html or "") if body is not None else []
    for el in marked:
        if (el.get("id") in _APP_IDS or any(el.get(a) is not None for a in _APP_ATTRS)) \
                and not _has_content(el):
            ident = (el.get("id") or "")[:40]  # the site's own text: kept short
            return f'empty app root <{el.tag} id="{ident}">' if ident else \
                f"empty app root <{el.tag}>"
    for el in body.iter("app-root") if body is not None else ():
        if not _has_content(el):
            return "empty app root <app-root>"
    text = len(page.text)
    if text < _LITTLE_TEXT:
        # Only on a page with little text: a long article's comment widget says so too.
        for match in _NOSCRIPT.finditer(page.html or ""):
            if _ASKS_FOR_JS.search(match.group(1)):
                return "<noscript> asks visitors to enable JavaScript"
    for s in scripts:
        found = _LOADS_PARTS.search(s.text)
        if found:
            call = found.group(0).split("(")[0].strip()
            return f"a script loads part of the page ({call})"
    placeholders = [el for el in marked if _placeholder_id(el.get("id") or "")
                    or any(el.get(a) is not None for a in _INCLUDE_ATTRS)]
    if body is not None:
        placeholders += body.iter("header", "footer")
    for el in placeholders:
        if not _has_content(el):
            ident = (el.get("id") or "")[:40]
            return f'empty <{el.tag}{f" id={ident!r}" if ident else ""}> filled by script'
    if text < _LITTLE_TEXT and len(scripts) >= _MANY_SCRIPTS:
        return f"little text ({text} characters) and {len(scripts)} scripts"
    return None


def _has_content(el: etree._Element) -> bool:
    return len(el) > 0 or bool((el.text or "").strip())


NO_CONTACTS_REASON = "the home page shows no contact link or contact detail without JavaScript"


def running_scripts(page: Page) -> list[Script]:
    """The page's scripts a browser runs (not JSON-LD, templates or other data blocks)."""
    return [s for s in page.scripts if s.type in ("", "module") or "javascript" in s.type]


def has_scripts(page: Page) -> bool:
    return bool(running_scripts(page))


def find_chromium(given: str | None = None) -> str | None:
    """The Chromium to launch: ``given`` (``--chromium``), ``$CONTACTABLE_CHROMIUM``, else the
    first of :data:`CHROMIUM_NAMES` on PATH. ``given`` and the variable may be a path or a
    name looked up on PATH (``--chromium chromium-browser``); None when it is neither."""
    for candidate in (given, os.environ.get("CONTACTABLE_CHROMIUM")):
        if candidate:
            # which() takes a path as is (if executable) and looks a bare name up on PATH.
            return shutil.which(candidate)
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def unavailable(chromium: str | None, given: str | None = None) -> str | None:
    """Why pages cannot be rendered here, or None when they can."""
    if find_spec("scrapy_playwright") is None:
        return "the render extra is not installed (pip install 'contactable[render]')"
    if chromium is None:
        if given:
            return f"no Chromium at {given}: give the path or name of a chromium executable"
        env = os.environ.get("CONTACTABLE_CHROMIUM")
        if env:  # find_chromium() looked only there: PATH was never searched
            return (f"no Chromium at {env} (from $CONTACTABLE_CHROMIUM): give the path or "
                    "name of a chromium executable")
        return "no Chromium found on PATH (install chromium, or give --chromium PATH)"
    return None


@dataclass
class BrowserGate:
    """Playwright's abort hook (``PLAYWRIGHT_ABORT_REQUEST``): every request the browser would
    make, the page's own scripts' included, is allowed only to the audited site's origins and
    never for images, media or fonts. The origins are the spider's, read at each request, so a
    home page's redirect that moved the site counts here too."""

    crawler: Any = None
    blocked: list[str] = field(default_factory=list)

    def __call__(self, request: Any) -> bool:
        if request.resource_type in _SKIPPED_RESOURCES:
            return True
        url = str(request.url)
        if url.startswith(("data:", "blob:")):
            return False  # already in the page: nothing is fetched
        spider = getattr(self.crawler, "spider", None)
        origins = getattr(spider, "origins", None)
        if not url.startswith(("http://", "https://")) or not origins \
                or origin_of(url) not in origins:
            shown = url[:200]
            if len(self.blocked) < BLOCKED_SHOWN and shown not in self.blocked:
                self.blocked.append(shown)
            return True
        return False


def render_settings(chromium: str, gate: BrowserGate, timeout: float) -> dict[str, Any]:
    """Scrapy settings that let requests marked ``meta={"playwright": True}`` be rendered;
    every other request still goes through Scrapy's own download handler."""
    handler = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"
    return {
        "DOWNLOAD_HANDLERS": {"http": handler, "https": handler},
        "PLAYWRIGHT_BROWSER_TYPE": "chromium",
        "PLAYWRIGHT_LAUNCH_OPTIONS": {"executable_path": chromium, "headless": True,
                                      "args": CHROMIUM_ARGS,
                                      "timeout": int(NAVIGATION_TIMEOUT_S * 1000)},
        # One browser, one context, a few tabs: the memory of a whole crawl stays bounded.
        "PLAYWRIGHT_MAX_CONTEXTS": 1,
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": PAGES_AT_ONCE,
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": int(min(timeout, NAVIGATION_TIMEOUT_S) * 1000),
        "PLAYWRIGHT_ABORT_REQUEST": gate,
    }


def render_meta(reason: str) -> dict[str, Any]:
    """A request's meta that has it rendered: wait until the network is quiet (or a third of
    the navigation timeout), so parts fetched after the load event are in the page. No
    ``playwright_include_page``: then
    scrapy-playwright closes each page itself, after reading it and when it fails, while a
    page handed to a callback must be closed by it, in an errback too (its known leak)."""
    from scrapy_playwright.page import PageMethod

    return {
        "playwright": True,
        # Created with the first page that needs it (PLAYWRIGHT_CONTEXTS would launch Chromium
        # when the crawl starts, even when no page needs rendering). Service workers' fetches
        # bypass the abort hook: none may start.
        "playwright_context": "render",
        "playwright_context_kwargs": {"service_workers": "block"},
        "playwright_page_init_callback": _no_websockets,
        "playwright_page_goto_kwargs": {"wait_until": "load"},
        "playwright_page_methods": [
            PageMethod(_network_quiet, int(NAVIGATION_TIMEOUT_S * 1000 / 3)),
        ],
        "render_reason": reason,
    }


async def _network_quiet(page: Any, timeout_ms: int) -> None:
    """Wait until the network is quiet, or ``timeout_ms``: a page that polls its origin for
    ever is never quiet, and a timeout raised here would fail the request and throw away the
    DOM it already shows (scrapy-playwright >= 0.0.42 calls a PageMethod's callable with the
    page)."""
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    # On a timeout the page is read as it is now: the load event has fired, the scripts ran.
    with contextlib.suppress(PlaywrightTimeout):
        await page.wait_for_load_state("networkidle", timeout=timeout_ms)


async def _no_websockets(page: Any, request: Any) -> None:
    """WebSockets do not pass Playwright's request routing, hence not the abort hook: every
    one is answered by a handler that never connects it to a server."""
    await page.route_web_socket(re.compile(".*"), _unconnected)


def _unconnected(ws: Any) -> None:
    return None  # a routed WebSocket that is not connect_to_server()-ed reaches no server


def merge_rendered(raw: PageReading, rendered: PageReading) -> set[str]:
    """Fold the raw reading into the rendered one, marking each fact the raw HTML did not have
    ``data["rendered"] = True``; returns the links that exist only after rendering.

    A script may also remove what the HTML had (a contact block replaced by an app): the raw
    facts and links that the browser no longer shows are kept, since a visitor without
    JavaScript sees them.
    """
    # A value only in a script's code (not visible) that a browser then shows is new to a
    # visitor: only what the raw HTML showed counts as seen.
    seen = {(f.kind, str(f.value).lower()) for f in raw.facts
            if hasattr(f, "kind") and getattr(f, "visible", True)}
    for f in rendered.facts:
        if hasattr(f, "data") and (f.kind, str(f.value).lower()) not in seen:
            f.data["rendered"] = True
    now = {(f.kind, str(f.value).lower()) for f in rendered.facts if hasattr(f, "kind")}
    rendered.facts.extend(f for f in raw.facts
                          if not hasattr(f, "kind") or (f.kind, str(f.value).lower()) not in now)
    raw_links = set(raw.links)
    only = {u for u in rendered.links if u not in raw_links}
    # One set for the whole merge: a set per link made a page of many links quadratic.
    have = set(rendered.links)
    for u in raw.links:
        if u not in have:
            have.add(u)
            rendered.links.append(u)
    rendered.title = rendered.title or raw.title
    rendered.lang = rendered.lang or raw.lang
    return only


class RenderUnavailable(Exception):
    """``--render always`` where no page can be rendered; ``str()`` is the one line to show."""


def render_setup(opts: Any) -> dict[str, Any]:
    """What rendering this crawl can do, from ``opts`` (a :class:`CrawlOptions`): ``mode``,
    ``available``, ``unavailable`` (why not), ``chromium`` (its path). ``always`` where
    nothing can render raises :class:`RenderUnavailable`."""
    mode = opts.render
    out: dict[str, Any] = {"mode": mode, "available": False, "unavailable": "",
                           "chromium": None}
    if mode == "never":
        return out
    chromium = find_chromium(opts.chromium)
    why = unavailable(chromium, opts.chromium)
    if why is not None:
        if mode == "always":
            raise RenderUnavailable(f"--render always cannot render: {why}; or use "
                                    "--render auto")
        out["unavailable"] = why
        return out
    out.update(available=True, chromium=chromium)
    return out
