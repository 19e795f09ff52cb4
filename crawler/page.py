"""The Page: one fetched HTML document, parsed once, split into regions.

A :class:`Page` is what every detector receives. It is built from the lxml tree
that Scrapy (via parsel) already parsed, so nothing is parsed twice:

>>> page = Page.from_html("https://acme.test/", "<header><a href='/contact'>Contact</a></header>"
...                       "<main><p>Call 020 7946 0958</p></main>")
>>> [(a.url, a.region) for a in page.anchors]
[('https://acme.test/contact', 'header')]
>>> [(b.region, b.text) for b in page.blocks]
[('header', 'Contact'), ('main', 'Call 020 7946 0958')]

Building a page strips what a visitor never sees (scripts, styles, comments,
inline-hidden elements) from the tree and keeps script text aside, because
detectors need to tell "visible" from "only in JavaScript". After the detectors
ran, :meth:`Page.release` drops the tree and the HTML so memory grows with
facts, not with pages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any, Generic, TypeVar
from urllib.parse import urljoin

import lxml.etree as etree
import parsel
from w3lib.url import safe_url_string

from crawler.text import tree_text
from crawler.visibility import drop_keep_tail, hidden_elements, outermost

if TYPE_CHECKING:
    from bs4 import BeautifulSoup

REGIONS = ("header", "nav", "main", "footer", "aside")

_TAG_REGION = {"header": "header", "nav": "nav", "footer": "footer", "aside": "aside"}
_ROLE_REGION = {
    "banner": "header",
    "navigation": "nav",
    "contentinfo": "footer",
    "complementary": "aside",
    "main": "main",
}
# Class/id tokens used by sites that predate HTML5 landmarks (and by many that do not).
_CLASS_REGION = re.compile(
    r"(?:^|[\s_-])(?:(?P<footer>footer|site-?footer|colophon|bottom)"
    r"|(?P<header>header|masthead|site-?header|top-?bar|topbar)"
    # "navtron", "navlist", "navmenu": menus named by their own prefix; not "navy" (a colour)
    r"|(?P<nav>nav(?!y(?:$|[\s_-]))[a-z]*|menu|main-?menu)"
    r"|(?P<aside>sidebar|aside))(?:$|[\s_-])",
    re.IGNORECASE,
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_RTL_STYLE = re.compile(r"direction\s*:\s*rtl", re.IGNORECASE)
_BIDI_OVERRIDE = re.compile(r"unicode-bidi\s*:\s*bidi-override", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
# Elements inside these are not page chrome even when tagged <header>/<footer>.
_SECTIONING = {"article", "main"}
_NON_VISIBLE = ("script", "style", "noscript", "template", "head")
_MAIN = etree.XPath("descendant::main[1] | descendant::*[@role='main'][1]")
# A hostile page can hold 650,000 links (about 70 us each to read): past this many, a page is
# not a small business's, and the rest are left unread (the crawl says so).
MAX_ANCHORS = 5_000
# Reading a tree costs memory per element (text pieces, proxies): a hostile page of 600,000
# elements took an audit past 300 MB. No small business's page comes near this many.
MAX_ELEMENTS = 150_000
_ELEMENTS = etree.XPath("count(//*)")
# Parsing costs about 500 bytes an element: a 9 MB page of 300,000 links took an audit to
# 299 MiB before its elements could be counted. Its start tags are counted in the raw bytes
# first, which costs nothing like it (a "<b" in a script counts too: that errs towards not
# parsing a page that is huge anyway).
_START_TAG = re.compile(rb"<[A-Za-z]")
# libxml2's HTML parser stops at 2,048 open elements (whatever huge_tree says) and drops the
# rest of the document, with an error parsel keeps to itself. A page cut there ends in its
# deepest element, so the chain of last children from the root is that long; no real page's
# structure comes near it.
MAX_DEPTH = 2_000
# The few elements a step reads, found by libxml2 in document order, where a walk over every
# element in Python made a proxy for each: 133.6M -> 124.2M instructions (-7%) of per-page work
# on bench/throughput.py's number-dense pages (callgrind, 21 pages; about 5% of the audit's CPU).
# Tried and left out, each under 5%: lxml.html's element classes looked up in C instead of by
# its Python lookup method (a further -3%), XPath for the region roots' walk (0.15 ms a page),
# a first-letter class before WordScan's trie (nothing).
_STYLED = etree.XPath("descendant-or-self::*[@hidden or @style]")
_ARIA_HIDDEN = etree.XPath("descendant-or-self::*[@aria-hidden]")
# A page's hidden text is read for its promises; past this many characters it is a store of
# templates or translations, not dialogs a visitor opens.
_MAX_HIDDEN_TEXT = 20_000


@dataclass(slots=True)
class Anchor:
    """A link (``<a href>`` or ``<area href>``) as written on the page."""

    href: str
    """The attribute as written (stripped)."""
    url: str
    """Absolute URL for http(s) links, else the raw href (``mailto:``, ``tel:`` ...)."""
    text: str
    region: str
    element: Any = field(repr=False, compare=False)
    """The lxml element; only valid until :meth:`Page.release`."""
    hidden: bool = False
    """Inside an element the page's CSS hides (a menu opened by a script, a form's success
    message): followed for the link graph, not read as what a visitor sees."""


@dataclass(slots=True)
class TextBlock:
    """The visible text of one region root (a header, a footer, the main content...)."""

    region: str
    text: str
    selector: str


@dataclass(slots=True)
class Script:
    """A ``<script>`` as found, kept aside so detectors can tell code from visible text."""

    src: str
    type: str
    text: str


@dataclass
class Page:
    """A parsed HTML page; see the module docstring."""

    url: str
    status: int
    selector: parsel.Selector
    html: str | None = field(default=None, repr=False)
    headers: dict[str, str] = field(default_factory=dict)
    title: str = ""
    lang: str = ""
    anchors: list[Anchor] = field(default_factory=list)
    blocks: list[TextBlock] = field(default_factory=list)
    scripts: list[Script] = field(default_factory=list)
    reversed_texts: list[str] = field(default_factory=list)
    """Texts shown right-to-left by CSS bidi-override: a visitor reads them reversed back."""
    hidden_blocks: list[TextBlock] = field(default_factory=list)
    """The text of what the page hides until a visitor opens it, or for good (a dialog, an
    accordion's answer, a form's reply; the ``hidden`` attribute, a hiding style, the page's
    own CSS, ``aria-hidden``): evidence the site wrote, never what a visitor reads at once."""
    anchors_capped: bool = False
    """The page has more than :data:`MAX_ANCHORS` links; the rest were not read."""
    oversized: bool = False
    """The page has more than :data:`MAX_ELEMENTS` elements and was not read."""
    cut_at_depth: bool = False
    """The parser stopped at its nesting limit (:data:`MAX_DEPTH`): only what came before
    the cut was read."""
    canonical: str = ""
    """The page's canonical URL (``link rel=canonical``, else ``og:url``), absolute."""
    derived: dict[Derived[Any], Any] = field(default_factory=dict, repr=False)
    """The values of :class:`Derived` entries worked out for this page so far."""
    _region_roots: dict[Any, str] = field(default_factory=dict, repr=False)
    _elements: list[Any] = field(default_factory=list, repr=False)
    _hidden: list[tuple[Any, str, str]] = field(default_factory=list, repr=False)

    # -- construction ---------------------------------------------------------------------------

    @classmethod
    def from_html(
        cls,
        url: str,
        html: str | bytes,
        status: int = 200,
        headers: dict[str, str] | None = None,
        encoding: str | None = None,
    ) -> Page:
        """Parse ``html`` as the crawl would (for tests and tools that have HTML but no
        response).

        ``html`` is the page's text, or its bytes as served. Bytes are decoded as Scrapy decodes
        a response's body: a BOM first, then ``encoding`` (the charset the server declared, as
        in a ``Content-Type`` header, which ``headers`` may also carry), then the page's own
        ``<meta charset>`` or XML declaration, then a guess. Either way the text is parsed as
        HTML, as Scrapy parses an HTML response, even when it starts with ``<?xml ...?>``
        (parsel alone would take such a text for XML, and XML parsing stops at the first
        error: an XHTML page with a stray ``<`` would come out empty).

        >>> xhtml = '<?xml version="1.0" encoding="windows-1252"?><p>M\xfcller: 5 \x80, a < b</p>'
        >>> Page.from_html("https://a.test/", xhtml.encode("latin-1")).text
        'Müller: 5 €, a < b'
        """
        # Scrapy is imported here, not at the top: checks and tools that only read saved
        # facts import this module without needing it.
        from scrapy.http import HtmlResponse
        from scrapy.selector import Selector

        head = {k.lower(): v for k, v in (headers or {}).items()}
        if isinstance(html, str):
            # Already decoded: whatever the page declares, its text is this one.
            response = HtmlResponse(url, body=html.encode("utf-8"), encoding="utf-8")
        else:
            ctype = head.get("content-type") or "text/html"
            if encoding:
                ctype = f"{ctype.split(';', 1)[0]}; charset={encoding}"
            response = HtmlResponse(url, body=html, headers={"Content-Type": ctype})
        # What ``response.selector`` builds, without caching it on the response (a cycle).
        selector = Selector(response)
        return cls.from_selector(url, selector, status, response.text, headers)

    @classmethod
    def from_selector(
        cls,
        url: str,
        selector: parsel.Selector,
        status: int = 200,
        html: str | None = None,
        headers: dict[str, str] | None = None,
        stylesheets: Sequence[str] = (),
    ) -> Page:
        """Build a page from an already parsed selector (Scrapy's ``response.selector``);
        ``stylesheets`` are the texts of the site's own style sheets the page links to."""
        page = cls(url=url, status=status, selector=selector, html=html, headers=headers or {})
        page._prepare(stylesheets)
        return page

    def _prepare(self, stylesheets: Sequence[str] = ()) -> None:
        root = self.selector.root
        if not isinstance(root, etree._Element):
            return
        if _ELEMENTS(root) > MAX_ELEMENTS:
            self.oversized = True  # read nothing: the crawl lists it as too large
            return
        # lxml.html makes each element's Python object through a Python class lookup, again
        # each time a walk meets an element no object is kept for; keeping them all while
        # the page is read makes one per element instead of one per element and walk
        # (bench/throughput.py number-dense, 2,000 pages: audit CPU 79.8 -> 73.5 s, 8%).
        self._elements = list(root.iter())
        self.cut_at_depth = _last_descendant_depth(root) >= MAX_DEPTH
        self.lang = (root.get("lang") or root.get("xml:lang") or "").strip().lower()
        base = self._base_url(root)
        for el in root.iter("title"):
            self.title = _SPACE.sub(" ", el.text_content()).strip()
            break
        self._read_canonical(root, base)
        self._collect_scripts(root)
        # Linked sheets come first in most heads; the page's own <style> then wins ties.
        sheets = [*stylesheets, *(el.text for el in root.iter("style") if el.text)]
        self._strip_invisible(root)
        self._find_region_roots(root)
        self._collect_anchors(root, base)
        self._drop_styled_hidden(root, sheets)
        self._collect_blocks(root)

    def _base_url(self, root: etree._Element) -> str:
        for el in root.iter("base"):
            href = el.get("href")
            if href:
                return urljoin(self.url, href.strip())
        return self.url

    def _read_canonical(self, root: etree._Element, base: str) -> None:
        for el in root.iter("link", "meta"):
            if el.tag == "link" and (el.get("rel") or "").strip().lower() == "canonical":
                href = (el.get("href") or "").strip()
            elif el.tag == "meta" and (el.get("property") or "").strip().lower() == "og:url":
                href = (el.get("content") or "").strip()
            else:
                continue
            if href:
                self.canonical = urljoin(base, href)
                if el.tag == "link":
                    return

    def _collect_scripts(self, root: etree._Element) -> None:
        for el in root.iter("script"):
            self.scripts.append(Script(src=(el.get("src") or "").strip(),
                                       type=(el.get("type") or "").strip().lower(),
                                       text=el.text or ""))

    def _strip_invisible(self, root: etree._Element) -> None:
        hidden, rtl = [], []
        for el in _STYLED(root):
            if el.get("hidden") is not None:
                hidden.append(el)
                continue
            style = el.get("style")
            if style:
                if _HIDDEN_STYLE.search(style):
                    hidden.append(el)
                elif _BIDI_OVERRIDE.search(style) and _RTL_STYLE.search(style):
                    rtl.append(el)
        for el in rtl:
            text = el.text_content()[::-1]
            for child in list(el):
                el.remove(child)
            el.text = text
            self.reversed_texts.append(text)
        etree.strip_elements(root, *_NON_VISIBLE, etree.Comment, etree.PI, with_tail=False)
        # Read once the scripts are out; the region is known once the regions are found.
        for el in outermost(hidden):
            parent = el.getparent()
            if parent is not None:
                self._hidden.append((parent, tree_text(el), css_path(el)))
            drop_keep_tail(el)

    def _drop_styled_hidden(self, root: etree._Element, sheets: list[str]) -> None:
        """Take out of the tree what the page's style sheets hide, and text that is hidden
        from assistive technology (``aria-hidden``; its empty icons stay: they label what
        follows them). Links inside stay in :attr:`anchors`, marked hidden: a visitor opens
        such menus by hovering or with a button."""
        hidden = hidden_elements(root, sheets) if sheets else set()
        hidden.update(el for el in _ARIA_HIDDEN(root)
                      if (el.get("aria-hidden") or "").strip().lower() == "true"
                      and el.text_content().strip())
        if not hidden:
            self._read_hidden()
            return
        hidden = set(outermost(hidden))
        for anchor in self.anchors:
            el = anchor.element
            if el in hidden or any(a in hidden for a in el.iterancestors()):
                anchor.hidden = True
        for el in hidden:
            self._region_roots.pop(el, None)
        for el in [r for r in self._region_roots if any(a in hidden for a in r.iterancestors())]:
            del self._region_roots[el]
        for el in hidden:
            self._hidden.append((el, tree_text(el), css_path(el)))
        self._read_hidden()
        for el in hidden:
            drop_keep_tail(el)

    def _read_hidden(self) -> None:
        """Each hidden element's text as a block of the region it is in (found by an element
        still in the tree: its parent when it was taken out before the regions were found)."""
        read = sum(len(b.text) for b in self.hidden_blocks)
        for el, text, selector in self._hidden:
            if text and read < _MAX_HIDDEN_TEXT:
                self.hidden_blocks.append(TextBlock(self.region_of(el), text, selector))
                read += len(text)
        self._hidden = []

    def _find_region_roots(self, root: etree._Element) -> None:
        roots: dict[Any, str] = {}
        for el in root.iter():
            tag = el.tag
            if not isinstance(tag, str) or tag in ("html", "body"):
                continue
            region = _TAG_REGION.get(tag)
            if region is None:
                role = el.get("role")
                if role:
                    region = _ROLE_REGION.get(role.strip().lower())
            if region is None and tag in ("div", "section", "ul", "table", "td"):
                tokens = (el.get("id") or "") + " " + (el.get("class") or "")
                m = _CLASS_REGION.search(tokens) if tokens.strip() else None
                # A class name only guesses; a box holding the page's <main> (a template's
                # "page-navbar" wrapper around everything) is the page, not its chrome.
                if m and _MAIN(el) == []:
                    region = m.lastgroup
            if region is None or region == "main":
                continue
            if tag in ("header", "footer") and any(
                a.tag in _SECTIONING for a in el.iterancestors()
            ):
                continue
            if any(a in roots for a in el.iterancestors()):
                continue  # only outermost region roots: a nav inside a header stays "header"
            roots[el] = region
        self._region_roots = roots

    @property
    def region_roots(self) -> list[tuple[etree._Element, str]]:
        """Outermost header/nav/footer/aside elements with their region, in DOM order."""
        return list(self._region_roots.items())

    def region_of(self, el: etree._Element) -> str:
        """The region (header, nav, main, footer, aside) an element of this page is in.

        >>> p = Page.from_html("https://a.test/", "<footer><p><a href='/x'>x</a></p></footer>")
        >>> p.region_of(p.anchors[0].element)
        'footer'
        """
        roots = self._region_roots
        if el in roots:
            return roots[el]
        for anc in el.iterancestors():
            if anc in roots:
                return roots[anc]
        return "main"

    def _collect_anchors(self, root: etree._Element, base: str) -> None:
        for el in root.iter("a", "area"):
            if len(self.anchors) >= MAX_ANCHORS:
                self.anchors_capped = True
                return
            href = el.get("href")
            if href is None:
                continue
            href = href.strip()
            if not href:
                continue
            scheme = href.split(":", 1)[0].lower() if ":" in href[:12] else ""
            if scheme in ("", "http", "https"):
                url = absolute_url(base, href)
                if url is None:
                    continue
            else:
                url = href
            text = _SPACE.sub(" ", el.text_content()).strip() if el.tag == "a" else ""
            if not text:
                text = (el.get("aria-label") or el.get("title") or el.get("alt") or "").strip()
            self.anchors.append(Anchor(href, url, text, self.region_of(el), el))

    def _collect_blocks(self, root: etree._Element) -> None:
        body = root.find("body")
        if body is None:
            body = root
        placeholders = []
        # Each region root's text is read on its own, then the root is swapped for an empty
        # placeholder so the rest of the body reads as "main"; the tree is restored after.
        for el, region in self._region_roots.items():
            text = tree_text(el)
            if text:
                self.blocks.append(TextBlock(region, text, css_path(el)))
        for el in self._region_roots:
            parent = el.getparent()
            if parent is None:
                continue
            ph = etree.Element("span")
            ph.tail = el.tail
            parent.replace(el, ph)
            placeholders.append((parent, ph, el))
        try:
            text = tree_text(body)
            if text:
                self.blocks.insert(
                    self._main_position(), TextBlock("main", text, "main" if body.find(".//main")
                                                     is not None else "body")
                )
        finally:
            for parent, ph, el in reversed(placeholders):
                el.tail = ph.tail
                parent.replace(ph, el)

    def _main_position(self) -> int:
        # Keep blocks in reading order: header/nav first, then main, then footer/aside.
        for i, b in enumerate(self.blocks):
            if b.region in ("footer", "aside"):
                return i
        return len(self.blocks)

    # -- conveniences ---------------------------------------------------------------------------

    @property
    def text(self) -> str:
        """All visible text, blocks joined by blank lines."""
        return "\n\n".join(b.text for b in self.blocks)

    @cached_property
    def soup(self) -> BeautifulSoup:
        """A BeautifulSoup of the raw HTML, built on first use (for plugin authors)."""
        from bs4 import BeautifulSoup

        if self.html is None:
            raise RuntimeError("page released: use page.soup inside a detector")
        return BeautifulSoup(self.html, "lxml")

    def release(self) -> None:
        """Drop the tree and the HTML; keep only small metadata."""
        self.html = None
        self.selector = _released()
        self.anchors = []
        self.blocks = []
        self.scripts = []
        self._region_roots = {}
        self._elements = []
        self.hidden_blocks = []
        self.derived = {}
        self.__dict__.pop("soup", None)


T = TypeVar("T")


class Derived(Generic[T]):
    """Per-page data that several detectors need, worked out on first request and kept on the
    page until it is released (as Lighthouse's computed artifacts are): the structured data,
    the page's language, the text nodes holding a word.

    >>> calls = []
    >>> @derived
    ... def words(page: Page) -> int:
    ...     calls.append(page.url)
    ...     return len(page.text.split())
    >>> page = Page.from_html("https://a.test/", "<p>two words</p>")
    >>> words(page), words(page), calls
    (2, 2, ['https://a.test/'])
    >>> words
    <Derived words>
    """

    __slots__ = ("compute", "name")

    def __init__(self, name: str, compute: Callable[[Page], T]) -> None:
        self.name = name
        self.compute = compute

    def __call__(self, page: Page) -> T:
        cache = page.derived
        if self in cache:
            value: T = cache[self]
            return value
        value = cache[self] = self.compute(page)
        return value

    def __repr__(self) -> str:
        return f"<Derived {self.name}>"


def derived(compute: Callable[[Page], T]) -> Derived[T]:
    """Declare ``compute(page)`` as a :class:`Derived` entry named after the function."""
    return Derived(compute.__name__, compute)


@lru_cache(maxsize=1)
def _released() -> parsel.Selector:
    # One empty document stands in for every released page's tree.
    return parsel.Selector(text="<html></html>")


def absolute_url(base: str, href: str) -> str | None:
    """``href`` resolved against ``base``, made safe, without its fragment; None if invalid.

    Menus and footers repeat the same links on every page of a folder, so results are
    memoised by the base's folder whenever the base's query cannot change the answer.

    >>> absolute_url("https://a.test/shop/cart?x=1", "../contact#form")
    'https://a.test/contact'
    >>> absolute_url("https://a.test/", "/caf\u00e9 menu.html")
    'https://a.test/caf%C3%A9%20menu.html'
    """
    host_at = base.find("://")
    if href[:1] in ("?", "#", "") or host_at < 0 or base.find("/", host_at + 3) < 0:
        return _absolute(base, href)
    return _absolute(base[: base.rfind("/") + 1], href)


@lru_cache(maxsize=8192)
def _absolute(base: str, href: str) -> str | None:
    try:
        return safe_url_string(urljoin(base, href)).split("#", 1)[0]
    except ValueError:
        return None


def too_many_elements(body: bytes) -> bool:
    """Whether the HTML in ``body`` has more start tags than :data:`MAX_ELEMENTS`, counted
    without parsing it (each element but the few a parser adds has one).

    >>> too_many_elements(b"<p>1 < 2</p>" * 10), too_many_elements(b"<br>" * (MAX_ELEMENTS + 1))
    (False, True)
    """
    if body.count(b"<") <= MAX_ELEMENTS:  # the usual page, at memchr's speed
        return False
    return any(n >= MAX_ELEMENTS for n, _ in enumerate(_START_TAG.finditer(body)))


def _last_descendant_depth(root: etree._Element) -> int:
    """How deep the document's last element lies: ``MAX_DEPTH`` steps at most."""
    depth, el = 0, root
    while depth < MAX_DEPTH and len(el):
        el = el[-1]
        depth += 1
    return depth


def css_path(el: etree._Element) -> str:
    """A short CSS selector that locates ``el``: nearest id, then tags with :nth-of-type.

    >>> p = Page.from_html("https://a.test/", "<div id='c'><p>a</p><p><b>x</b></p></div>")
    >>> css_path(p.selector.root.find(".//b"))
    '#c > p:nth-of-type(2) > b'
    """
    parts: list[str] = []
    node: etree._Element | None = el
    while node is not None and isinstance(node.tag, str) and node.tag not in ("html", "body"):
        ident = node.get("id")
        if ident and re.fullmatch(r"[A-Za-z][\w-]*", ident):
            parts.append(f"#{ident}")
            break
        parent = node.getparent()
        tag = node.tag
        if parent is not None:
            same = [c for c in parent if c.tag == tag]
            if len(same) > 1:
                tag = f"{tag}:nth-of-type({same.index(node) + 1})"
        parts.append(tag)
        node = parent
    return " > ".join(reversed(parts)) or "body"
