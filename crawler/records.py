"""What a crawl leaves behind: one small record per page, and the crawl's outcome."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class PageRecord:
    """One fetched URL: its links and the facts detectors found, but not its HTML."""

    url: str
    status: int
    title: str = ""
    lang: str = ""
    content_type: str = ""
    links: list[str] = field(default_factory=list)
    """Internal page URLs linked from this page, in document order, fragments removed."""
    facts: list[Any] = field(default_factory=list)
    requested_as: list[str] = field(default_factory=list)
    """URLs that redirected to this one: links to them are links to this page."""
    from_sitemap: bool = False
    is_html: bool = True
    rendered: bool = False
    """Read as a browser showed it (:mod:`crawler.render`), not from the raw HTML."""
    render_reason: str = ""
    """Why the page was rendered; or, when it was not, why it probably needed to be."""
    rendered_links: list[str] = field(default_factory=list)
    """Those of ``links`` that exist only once the page's scripts ran."""


@dataclass(slots=True)
class Unread:
    """A page the crawl wanted and could not read, and why (:data:`crawler.failures.REASONS`)."""

    url: str
    reason: str
    detail: str = ""
    partial: bool = False
    """Read in part: the page is among the crawled pages with what came before the cut."""


@dataclass
class CrawlResult:
    """The outcome of one crawl."""

    start_url: str
    final_url: str = ""
    records: list[PageRecord] = field(default_factory=list)
    complete: bool = True
    stop_reason: str = "finished"
    duration_s: float = 0.0
    fatal: str | None = None
    """Why the site could not be audited at all (unreachable, not HTML, robots.txt)."""
    warnings: list[str] = field(default_factory=list)
    unread: list[Unread] = field(default_factory=list)
    render: dict[str, Any] = field(default_factory=dict)
    """How pages were rendered: ``mode``, ``available``, ``unavailable`` (why not), ``failed``
    (pages whose render failed: the spider warned of each, with its cause), ``blocked``
    (browser requests refused off the site)."""


@dataclass(slots=True)
class CrawlProgress:
    """How far a crawl has got: pages recorded, requests waiting, error pages, seconds."""

    pages: int = 0
    queued: int = 0
    errors: int = 0
    elapsed_s: float = 0.0
