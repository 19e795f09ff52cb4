"""Reading a page: run the page handler on it and keep only what the crawl needs.

The spider builds each page from the tree Scrapy parsed (``response.selector``), hands it to
the page handler (contactable's detectors), and keeps a small :class:`PageReading`: title,
language, links and facts. The page's tree and HTML are released at once, so memory grows
with facts, not with pages.

>>> reading = read_page(Page.from_html("https://acme.test/", "<title>Acme</title>"
...     "<a href='/contact'>Contact</a> <a href='mailto:hi@acme.test'>Mail</a>"),
...     lambda page: [len(page.anchors)])
>>> reading.title, reading.links, reading.facts
('Acme', ['https://acme.test/contact'], [2])
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from crawler.page import Page

PageHandler = Callable[[Page], list[Any]]
"""Reads one page and returns its facts (contactable's ``PageFacts`` runs the detectors)."""


@dataclass(slots=True)
class PageReading:
    """What the crawl keeps of a page: no HTML, no tree."""

    title: str
    lang: str
    links: list[str]
    """Absolute http(s) URLs of the page's links, in document order."""
    facts: list[Any]
    links_capped: bool = False
    """More links than :data:`crawler.page.MAX_ANCHORS`: only the first ones were read."""
    oversized: bool = False
    """More elements than :data:`crawler.page.MAX_ELEMENTS`: the page was not read."""
    cut_at_depth: bool = False
    """Nested past :data:`crawler.page.MAX_DEPTH`: only what came before the cut was read."""
    scripted: bool = False
    """The page has scripts that a browser would run (:mod:`crawler.render`)."""


def read_page(page: Page, handler: PageHandler) -> PageReading:
    """Run ``handler`` on ``page`` and keep what the crawl needs; the page is released."""
    try:
        facts = handler(page)
        links = [a.url for a in page.anchors if a.url.startswith(("http://", "https://"))]
        return PageReading(page.title, page.lang, links, facts, page.anchors_capped,
                           page.oversized, page.cut_at_depth)
    finally:
        page.release()
