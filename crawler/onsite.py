"""The audited site is an allow-list of origins, checked on every request the crawl makes.

Links are filtered when a page is read, but requests also come from redirects, meta refreshes,
robots.txt and sitemaps, which a hostile site controls: a subpage's 302 to another host, a
sitemap entry ``file:///etc/passwd``, a link to another port of the same host. This
downloader middleware runs before every other (robots.txt included) and refuses anything that
is not http(s) on one of the site's origins, with :class:`~crawler.failures.OffSite`, which
the spider reports as an unread page with its reason.

The home page's own redirects decide where the site is (``acme.com`` may move to
``www.acme.co.uk``): each hop of that chain adds its origins.

>>> sorted(crawl_origins("https://acme.test/"))[:2]
[('http', 'acme.test', 80), ('http', 'www.acme.test', 80)]
>>> ("http", "127.0.0.1", 8001) in crawl_origins("http://127.0.0.1:8000/")
False
"""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler
from scrapy.http import Request

from crawler.access import origin_of
from crawler.failures import OffSite
from crawler.urls import site_hosts

Origin = tuple[str, str, int | None]
_DEFAULT_PORTS = {"http": 80, "https": 443}
ROBOTS_TIMEOUT = 5.0


def crawl_origins(url: str) -> frozenset[Origin]:
    """The origins of ``url``'s site: its hosts (apex and ``www.``) on its port; on the
    default ports both http and https (sites move between them), on any other port only that
    port (another port of the same host is another server)."""
    scheme, _host, port = origin_of(url)
    hosts = site_hosts(url)
    if port == _DEFAULT_PORTS.get(scheme):
        return frozenset((s, h, p) for h in hosts for s, p in _DEFAULT_PORTS.items())
    return frozenset((scheme, h, port) for h in hosts)


class OnSiteMiddleware:
    """Refuses requests off the audited site; see the module docstring."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.origins: frozenset[Origin] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OnSiteMiddleware:
        return cls(crawler)

    def process_request(self, request: Request, spider: Any = None) -> None:
        url = request.url
        if request.meta.get("dont_obey_robotstxt") and url.endswith("/robots.txt"):
            # Scrapy's robots.txt request: a server that never answers it is given up on
            # sooner, and once, before the home page has its own timeout and retry.
            request.meta.setdefault("download_timeout", ROBOTS_TIMEOUT)
            request.meta.setdefault("dont_retry", True)
        if not url.startswith(("http://", "https://")):
            raise OffSite(url, "not a web address")
        if self.origins is None:
            start = getattr(self.crawler.spider, "start_url", "") or url
            self.origins = crawl_origins(start)
        origin = origin_of(url)
        if origin in self.origins:
            return
        if request.meta.get("home"):
            self.origins |= crawl_origins(url)  # the home page's redirect moves the site
            return
        why = "redirected to another site" if request.meta.get("redirect_urls") else \
            "on another site"
        raise OffSite(url, why)
