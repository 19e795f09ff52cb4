"""The site spider: breadth-first, records every page and every internal link.

It knows nothing of contact details: each HTML response is parsed once, by Scrapy, and its
``response.selector`` becomes a :class:`~crawler.page.Page`, handed to ``page_handler`` (which
runs the detectors and returns small facts), released, and recorded as a
:class:`~crawler.records.PageRecord` item (:mod:`crawler.reading`). All in this one process.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import scrapy
from lxml import etree
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, StopDownload
from scrapy.http import HtmlResponse, Request, Response, TextResponse
from scrapy.selector import Selector
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots
from twisted.python.failure import Failure

from crawler.access import origin_of
from crawler.failures import reason_of
from crawler.onsite import ROBOTS_TIMEOUT, Origin, crawl_origins
from crawler.page import MAX_ANCHORS, MAX_DEPTH, MAX_ELEMENTS, Page, too_many_elements
from crawler.reading import PageHandler, PageReading, read_page
from crawler.records import CrawlResult, PageRecord, Unread
from crawler.render import (
    NO_CONTACTS_REASON,
    has_scripts,
    merge_rendered,
    render_meta,
    shell_reason,
)
from crawler.urls import (
    canonical_link,
    directory_index_alias,
    has_ignored_extension,
    host_of,
)
from crawler.visibility import linked_stylesheets

_PAGE_TYPES = (b"text/html", b"application/xhtml")
# A site's own style sheets, read for what they hide: a few per page, a few dozen per site,
# and no more of each than a framework's full sheet.
_SHEETS_PER_PAGE, _SHEETS_PER_SITE, _SHEET_BYTES = 8, 40, 512 * 1024
_SITEMAP_PRIORITY = -10_000  # after every linked page: sitemap-only pages are the exception
# A hostile page can hold 650,000 links and a sitemap index can fan out a thousand ways: the
# crawl schedules no more requests than the page cap can use (a few over, for redirects and
# failures), reads at most this many sitemaps, and follows a sitemap index one level down, as
# the protocol allows (https://www.sitemaps.org/protocol.html#index).
_SITEMAPS_PER_SITE = 50
_SITEMAP_BYTES = 50 * 1024 * 1024  # the protocol's own limit, uncompressed


def _request_budget(max_pages: int) -> int:
    return 2 * max_pages + 50


def _no_facts(page: Page) -> list[Any]:
    return []


class SiteSpider(scrapy.Spider):
    """Walks one site from ``start_url``. Build it with ``crawler.crawl(SiteSpider, ...)``."""

    name = "contactable"

    def __init__(
        self,
        start_url: str,
        page_handler: PageHandler | None = None,
        max_pages: int = 300,
        max_depth: int | None = None,
        use_sitemaps: bool = True,
        sitemap_origin_rewrite: bool = False,
        result: CrawlResult | None = None,
        site_headers: tuple[tuple[str, str], ...] = (),
        site_cookies: tuple[tuple[str, str], ...] = (),
        render_mode: str = "never",
        can_render: bool = False,
        lacks_contacts: Callable[[list[Any]], bool] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.render_mode = render_mode
        self.can_render = can_render
        """scrapy-playwright's handler is installed: ``meta={"playwright": True}`` renders."""
        self.lacks_contacts = lacks_contacts
        """Whether a page's facts hold no contact link and no contact detail (the home page
        is then rendered): contactable knows which facts those are, the crawler does not."""
        # Read by crawler.access.SiteAccessMiddleware, for requests to the site only.
        self.site_headers = site_headers
        self.site_cookies = site_cookies
        self.start_url = start_url
        self.page_handler = page_handler or _no_facts
        self.max_pages = max_pages
        self.max_depth = max_depth
        self.depth_capped = False
        self.use_sitemaps = use_sitemaps
        # A local build folder carries production URLs in its sitemap; point them at the
        # loopback server that serves the folder.
        self.sitemap_origin_rewrite = sitemap_origin_rewrite
        self.result = result or CrawlResult(start_url=start_url)
        self.origins: frozenset[Origin] = crawl_origins(start_url)
        """The site's origins (scheme, host, port): :mod:`crawler.onsite` refuses the rest."""
        self.requests_left = _request_budget(max_pages)
        self.links_capped = False
        self.sitemaps_left = _SITEMAPS_PER_SITE
        self.robots_txt: dict[str, bytes] = {}
        """robots.txt by origin, as Scrapy's robots.txt middleware fetched it."""
        self.seen: set[str] = {start_url}
        self.sheets: dict[str, str] = {}
        """The site's style sheets by URL: the text of those that can hide anything, else ''."""
        self.pages_recorded = 0
        self.capped = False
        self.stopping = False
        """Set on Ctrl-C or SIGTERM (:mod:`crawler.stopping`): no more requests."""

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> SiteSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._on_dropped, signal=signals.request_dropped)
        crawler.signals.connect(spider._on_response, signal=signals.response_received)
        crawler.signals.connect(spider._on_headers, signal=signals.headers_received)
        crawler.signals.connect(spider._on_spider_error, signal=signals.spider_error)
        return spider

    # -- start: the home page once, then the site is fixed -------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        yield Request(
            self.start_url,
            callback=self.parse_home,
            errback=self.home_failed,
            dont_filter=True,
            priority=1000,
            meta={"home": True},
        )

    async def parse_home(self, response: Response) -> AsyncIterator[Any]:
        self.result.final_url = response.url
        if not self._is_html(response):
            ctype = (response.headers.get(b"Content-Type") or b"").decode("latin-1") or "unknown"
            self._fatal(f"the start page {response.url} is not HTML (Content-Type: {ctype})")
            return
        if response.status >= 400:
            self._fatal(f"the start page {response.url} answered HTTP {response.status}")
            return
        # Fix the site only now: a redirect from acme.com to www.acme.co.uk moves the site.
        self.origins = crawl_origins(response.url) | crawl_origins(self.start_url)
        self.seen.add(canonical_link(response.url))
        async for out in self.parse_page(response):
            yield out
        if self.use_sitemaps:
            origin = _origin(response.url)
            # Obeying robots.txt, Scrapy fetched it for each origin the home page passed
            # through before letting the home page go: answered, refused, redirected off the
            # site or timed out, it is not asked for again (a silent one cost 3 x 15 s).
            if origin in self.robots_txt or self.crawler.settings.getbool("ROBOTSTXT_OBEY"):
                for request in self._sitemaps_from_robots(self.robots_txt.get(origin, b"")):
                    yield request
            else:
                yield Request(origin + "/robots.txt", callback=self.parse_robots,
                              dont_filter=True, errback=self._ignore,
                              priority=_SITEMAP_PRIORITY,
                              meta={"dont_redirect": False, "sitemap": True,
                                    "download_timeout": ROBOTS_TIMEOUT, "dont_retry": True})

    def home_failed(self, failure: Failure) -> None:
        host = host_of(self.start_url)
        reason, detail = reason_of(failure)
        messages = {
            "dns": f"cannot resolve host {host!r}: check the spelling of the URL",
            "refused": f"{host} refused the connection: is the site up, and is the port right?",
            "timeout": f"{host} did not answer in time: try again, or check your network",
            "tls": f"no secure connection could be made to {host}: if the site has no TLS "
                   "certificate, give its address with http://",
            "robots": f"robots.txt of {host} forbids crawling {self.start_url}; "
                      "for your own site, pass --ignore-robots",
            "too_many_redirects": f"the start page {self.start_url} redirects in a loop or "
                                  "through too long a chain: give the address it should end at",
            "too_large": f"the start page {self.start_url} is larger than the size cap "
                         "(10 MB once decompressed)",
            "off_site": f"the start page {self.start_url} leads to an address that is not a "
                        f"web page ({detail})",
            "reset": f"{host} broke off the connection: try again, or check the server",
        }
        self._fatal(messages.get(reason, f"cannot fetch {self.start_url}: {detail}"))

    def _fatal(self, message: str) -> None:
        self.result.fatal = message
        self.result.complete = False
        self.result.stop_reason = "unreachable"

    # -- every page -----------------------------------------------------------------------------

    async def parse_page(self, response: Response) -> AsyncIterator[Any]:
        if self.capped:
            return
        # A rendered page keeps the URL it was fetched at: its scripts may have moved the
        # browser's address (pushState) since.
        url = response.meta.get("raw_url") or canonical_link(response.url)
        redirects = [canonical_link(u) for u in response.meta.get("redirect_urls", [])]
        if "raw_url" in response.meta:  # the browser's redirects are the raw fetch's
            redirects = []
        self.seen.update(redirects)
        from_sitemap = bool(response.meta.get("from_sitemap"))
        if not self._is_html(response):
            ctype = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
            yield PageRecord(url=url, status=response.status, content_type=ctype,
                             requested_as=redirects, from_sitemap=from_sitemap, is_html=False)
            return
        assert isinstance(response, TextResponse)
        if too_many_elements(response.body):
            reading, hint = PageReading("", "", [], [], oversized=True), None  # never parsed
        else:
            reading, hint = self._read(url, response, await self._stylesheets(response))
        rendered = bool(response.meta.get("playwright"))
        only_rendered: set[str] = set()
        if rendered:
            reason = str(response.meta.get("render_reason") or "")
            raw: PageReading | None = response.meta.get("raw_reading")
            if raw is not None:
                only_rendered = merge_rendered(raw, reading)
        else:
            reason = self._render_reason(url, reading, hint)
            if reason and self.can_render and self.render_mode != "never" \
                    and not self.stopping:
                # Read again as a browser shows it; the raw reading tells what only the
                # browser shows, and stands in if the browser fails.
                yield Request(response.url, callback=self.parse_page,
                              errback=self._render_failed, dont_filter=True,
                              meta={**render_meta(reason), "raw_reading": reading,
                                    "raw_url": url,
                                    "raw_status": response.status,
                                    "raw_ctype": _ctype(response),
                                    "click_depth": response.meta.get("click_depth", 0),
                                    "from_sitemap": from_sitemap,
                                    "raw_redirects": redirects})
                return
        redirects = redirects or list(response.meta.get("raw_redirects", ()))
        for out in self._record(url, response.status, _ctype(response), reading, redirects,
                                from_sitemap, response.meta.get("click_depth", 0),
                                rendered, reason, only_rendered):
            yield out

    def _render_reason(self, url: str, reading: PageReading, hint: str | None) -> str:
        """Why this raw page should be rendered, or ''; named in the report even when it is
        not rendered (``--render never``, or no browser here)."""
        if hint:
            return hint
        if (reading.scripted and self.lacks_contacts is not None and self._is_home(url)
                and self.lacks_contacts(reading.facts)):
            return NO_CONTACTS_REASON
        return "--render always" if self.render_mode == "always" else ""

    def _is_home(self, url: str) -> bool:
        return url == canonical_link(self.result.final_url or self.start_url)

    def _render_failed(self, failure: Failure) -> Iterator[Any]:
        """The browser failed (a timeout, a crash): the page is read as its raw HTML was."""
        if self.capped:
            return  # as in parse_page: past --max-pages no page is recorded
        request = failure.request  # type: ignore[attr-defined]
        meta = request.meta
        reading: PageReading = meta["raw_reading"]
        # The URL the raw fetch recorded (after its redirects), as parse_page uses.
        url = meta.get("raw_url") or canonical_link(request.url)
        _reason, detail = reason_of(failure)
        # Warned of here, with its cause: the audit's own warning about pages read raw
        # leaves these out.
        self.result.render.setdefault("failed", []).append(url)
        self.result.warnings.append(f"{url} could not be rendered "
                                    f"({detail}): read as its HTML stands"[:300])
        yield from self._record(url, meta["raw_status"],
                                meta["raw_ctype"], reading, list(meta["raw_redirects"]),
                                bool(meta.get("from_sitemap")), meta.get("click_depth", 0),
                                False, str(meta.get("render_reason") or ""), set())

    def _record(self, url: str, status: int, ctype: str, reading: PageReading,
                redirects: list[str], from_sitemap: bool, click_depth: int, rendered: bool,
                reason: str, only_rendered: set[str]) -> Iterator[Any]:
        """The page's record, then requests for the links it leads to."""
        if reading.oversized:
            self.result.unread.append(Unread(url, "too_large",
                                             f"more than {MAX_ELEMENTS:,} elements: not read"))
        if reading.cut_at_depth:
            self.result.unread.append(Unread(
                url, "too_deep", f"nested more than {MAX_DEPTH:,} elements deep: what follows "
                "the cut was not read", partial=True))
        if reading.links_capped:
            self.result.warnings.append(f"{url} has more than {MAX_ANCHORS:,} links: only the "
                                        "first were read"[:300])
        links = self._internal_links(reading.links)
        record = PageRecord(url=url, status=status, title=reading.title,
                            lang=reading.lang, content_type=ctype, links=links,
                            facts=reading.facts, requested_as=redirects,
                            from_sitemap=from_sitemap, rendered=rendered,
                            render_reason=reason,
                            rendered_links=[u for u in links if u in only_rendered])
        self.pages_recorded += 1
        yield record
        if self.pages_recorded >= self.max_pages:
            self.capped = True
            raise CloseSpider("max_pages")
        depth = click_depth + 1
        if self.max_depth is not None and depth > self.max_depth:
            if any(link not in self.seen for link in links):
                self.depth_capped = True
            return
        for link in links:
            if self.stopping:
                return
            if link not in self.seen:
                self.seen.add(link)
                if not self._may_request():
                    return  # still recorded above as this page's links, for click depth
                yield Request(link, callback=self.parse_page, errback=self._page_failed,
                              meta={"click_depth": depth})

    def _may_request(self) -> bool:
        if self.requests_left <= 0:
            self.links_capped = True
            return False
        self.requests_left -= 1
        return True

    async def _stylesheets(self, response: TextResponse) -> list[str]:
        """The texts of the site's own style sheets the page links to (what they hide is not
        visible text), each fetched once a crawl; another site's sheets are never fetched."""
        root = response.selector.root
        if not isinstance(root, etree._Element):
            return []
        texts = []
        for url in linked_stylesheets(root, response.url)[:_SHEETS_PER_PAGE]:
            if not self.on_site(url):
                continue
            if url not in self.sheets:
                self.sheets[url] = ""  # a second page asking meanwhile does not fetch it again
                self.sheets[url] = await self._fetch_sheet(url)
            if self.sheets[url]:
                texts.append(self.sheets[url])
        return texts

    async def _fetch_sheet(self, url: str) -> str:
        if len(self.sheets) > _SHEETS_PER_SITE:
            return ""
        try:
            response = await self.crawler.engine.download_async(
                Request(url, dont_filter=True, meta={"stylesheet": True}))
        except Exception:  # a sheet that cannot be had only means nothing is known hidden
            return ""
        if response.status != 200:
            return ""
        text = response.body[:_SHEET_BYTES].decode("utf-8", errors="replace")
        # Only sheets that can hide anything are worth keeping for every page.
        return text if ("none" in text or "hidden" in text) else ""

    def _read(self, url: str, response: TextResponse,
              stylesheets: list[str]) -> tuple[PageReading, str | None]:
        """The page's reading, and why its raw HTML probably needs a browser (or None)."""
        # The tree Scrapy parsed, as Scrapy parsed it (the body decoded by its declared or
        # sniffed encoding, then parsed as HTML): never parsed again from text.
        headers = {"content-type": _ctype(response)}
        selector = response.selector
        if not isinstance(response, HtmlResponse):
            # Served without a Content-Type, Scrapy guesses the response's type from its body,
            # and an XHTML page that starts with <?xml may pass for XML; parsed as XML it comes
            # out empty at the first stray "<". The spider reads it as HTML, as a browser would.
            selector = Selector(response, type="html")
        page = Page.from_selector(url, selector, response.status, response.text, headers,
                                  stylesheets)
        rendered = bool(response.meta.get("playwright"))
        hint = None if rendered else shell_reason(page)
        scripted = has_scripts(page)
        try:
            reading = read_page(page, self.page_handler)
            reading.scripted = scripted
            return reading, hint
        finally:
            # The response and its cached selector point at each other: left as a cycle, each
            # page's tree waits for the garbage collector; cut, it is freed right away.
            response._cached_selector = None

    def on_site(self, url: str) -> bool:
        return origin_of(url) in self.origins

    def _internal_links(self, urls: list[str]) -> list[str]:
        links: list[str] = []
        for url in urls:
            if not self.on_site(url) or has_ignored_extension(url):
                continue
            alias = directory_index_alias(url)
            if alias is not None and alias in self.seen:
                url = alias  # /index.html of a folder already crawled as /
            links.append(url)
        return links

    def _page_failed(self, failure: Failure) -> None:
        request = getattr(failure, "request", None)
        url = canonical_link(request.url) if request is not None else "?"
        reason, detail = reason_of(failure)
        first = request.meta.get("redirect_urls", [url])[0] if request is not None else url
        self.result.unread.append(Unread(canonical_link(first), reason, detail))

    def _ignore(self, failure: Failure) -> None:
        reason, detail = reason_of(failure)
        request = getattr(failure, "request", None)
        if request is not None and request.meta.get("sitemap") and reason != "robots":
            self.result.warnings.append(f"sitemap or robots.txt not read ({detail}): "
                                        f"{request.url}"[:300])

    # -- sitemaps as extra seeds ------------------------------------------------------------------

    def parse_robots(self, response: Response) -> Iterator[Request]:
        ok = response.status == 200 and isinstance(response, TextResponse)
        return self._sitemaps_from_robots(response.body if ok else b"")

    def _on_response(self, response: Response, request: Request, spider: Any) -> None:
        # Scrapy's robots.txt middleware fetches robots.txt for its rules; its sitemaps are
        # read from that same response rather than fetched a second time.
        if request.meta.get("dont_obey_robotstxt") and request.url.endswith("/robots.txt"):
            ok = response.status == 200 and isinstance(response, TextResponse)
            self.robots_txt[_origin(request.url)] = response.body if ok else b""

    def _sitemaps_from_robots(self, body: bytes) -> Iterator[Request]:
        origin = _origin(self.result.final_url or self.start_url)
        urls = []
        if body:
            urls = list(sitemap_urls_from_robots(body, base_url=origin + "/"))
        if not urls:
            urls = [origin + "/sitemap.xml"]
        for url in urls:
            request = self._sitemap_request(self._rewrite(url), level=0, dont_filter=True)
            if request is None:
                return
            yield request

    def _sitemap_request(self, url: str, level: int, dont_filter: bool = False) -> Request | None:
        if self.sitemaps_left <= 0:
            self.result.warnings.append(f"more than {_SITEMAPS_PER_SITE} sitemaps: the rest "
                                        "were not read")
            return None
        self.sitemaps_left -= 1
        return Request(url, callback=self.parse_sitemap, errback=self._ignore,
                       priority=_SITEMAP_PRIORITY, dont_filter=dont_filter,
                       meta={"sitemap": True, "sitemap_level": level})

    def parse_sitemap(self, response: Response) -> Iterator[Request]:
        if response.status != 200 or not response.body:
            return
        try:
            sitemap = Sitemap(_sitemap_body(response.body))
        except Exception:  # a broken sitemap is the site's problem, not a crash of ours
            self.result.warnings.append(f"unreadable sitemap {response.url}")
            return
        level = response.meta.get("sitemap_level", 0)
        if sitemap.type == "sitemapindex" and level > 0:
            self.result.warnings.append(f"sitemap index inside a sitemap index, not followed: "
                                        f"{response.url}"[:300])
            return
        for entry in sitemap:
            if self.stopping:
                return
            loc = entry.get("loc")
            if not loc:
                continue
            url = canonical_link(self._rewrite(loc))
            if sitemap.type == "sitemapindex":
                request = self._sitemap_request(url, level + 1)
                if request is None:
                    return
                yield request
            elif self.on_site(url) and url not in self.seen and not has_ignored_extension(url):
                self.seen.add(url)
                if not self._may_request():
                    return
                yield Request(url, callback=self.parse_page, errback=self._page_failed,
                              priority=_SITEMAP_PRIORITY, meta={"from_sitemap": True})

    def _rewrite(self, url: str) -> str:
        if not self.sitemap_origin_rewrite or not url.startswith(("http://", "https://")):
            return url
        origin = _origin(self.result.final_url or self.start_url)
        rest = url.split("://", 1)[1]
        path = "/" + rest.split("/", 1)[1] if "/" in rest else "/"
        return origin + path

    # -- signals ----------------------------------------------------------------------------------

    def _on_headers(self, headers: Any, body_length: int, request: Request, spider: Any) -> None:
        if (request.meta.get("sitemap") or request.meta.get("stylesheet")
                or request.url.endswith("/robots.txt")):
            return
        ctype = headers.get(b"Content-Type") or b""
        # Skip the body of PDFs, images and the like: we only read pages.
        if ctype and not ctype.lower().startswith(_PAGE_TYPES) and b"xml" not in ctype.lower():
            raise StopDownload(fail=False)

    def _on_dropped(self, request: Request, spider: Any) -> None:
        # The scheduler drops a request it has seen: a subpage's redirect back into its own
        # chain is a loop, which would otherwise vanish without a word.
        chain = [canonical_link(u) for u in request.meta.get("redirect_urls", ())]
        if chain and canonical_link(request.url) in chain:
            self.result.unread.append(Unread(chain[0], "too_many_redirects", "a redirect loop"))

    def _on_spider_error(self, failure: Failure, response: Response, spider: Any) -> None:
        if failure.check(CloseSpider):
            return
        self.result.warnings.append(
            f"error while reading {response.url}: {getattr(failure.type, '__name__', 'error')}: "
            f"{failure.getErrorMessage()}"
        )

    @staticmethod
    def _is_html(response: Response) -> bool:
        if not isinstance(response, TextResponse):
            return False
        ctype = response.headers.get(b"Content-Type")
        if not ctype:
            return True  # servers that omit it usually serve HTML; the parser copes
        low = ctype.lower()
        return low.startswith(_PAGE_TYPES)


def _sitemap_body(body: bytes) -> bytes:
    """A sitemap's XML: ``sitemap.xml.gz`` files are gzip, decompressed up to the protocol's
    50 MB (a bomb stops there)."""
    if body[:2] == b"\x1f\x8b":
        return gunzip(body, max_size=_SITEMAP_BYTES)
    return body


def _ctype(response: Response) -> str:
    return str((response.headers.get(b"Content-Type") or b"").decode("latin-1"))


def _origin(url: str) -> str:
    scheme, rest = url.split("://", 1)
    return scheme + "://" + rest.split("/", 1)[0]
