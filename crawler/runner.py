"""Run one crawl in this process and return its :class:`~crawler.records.CrawlResult`.

A Twisted reactor cannot restart, so this runs once per process: the CLI calls it once per
invocation; library callers that audit several sites use a subprocess per site.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import CrawlerProcess
from scrapy.utils.reactor import install_reactor, is_reactor_installed

from crawler.local import serve_folder
from crawler.reading import PageHandler
from crawler.records import CrawlProgress, CrawlResult, PageRecord
from crawler.render import BrowserGate, render_settings, render_setup
from crawler.settings import CrawlOptions, crawl_settings
from crawler.spider import SiteSpider
from crawler.stopping import Stopper
from crawler.urls import normalize_start_url

_STOP_REASONS = {
    "finished": "finished",
    "max_pages": "max_pages",
    "shutdown": "interrupted",
    "cancelled": "interrupted",
}


def run_crawl(
    target: str | Path,
    opts: CrawlOptions,
    page_handler: PageHandler | None = None,
    on_record: Callable[[PageRecord, CrawlProgress], None] | None = None,
    start_url_ready: Callable[[str], PageHandler | None] | None = None,
    on_stopping: Callable[[int], None] | None = None,
    lacks_contacts: Callable[[list[Any]], bool] | None = None,
) -> CrawlResult:
    """Crawl ``target`` (a URL, or a folder served on loopback) and collect page records.

    ``start_url_ready`` is called with the final start URL before crawling (a served folder
    only gets its URL once the port is open); it may return the page handler to use.
    ``on_record`` is called with each page record and the crawl's progress.
    ``on_stopping`` is called once the first Ctrl-C or SIGTERM came, with the number of pages
    in flight (:mod:`crawler.stopping`). ``lacks_contacts`` tells from a page's facts that it
    has no contact link or detail: a home page without any is rendered (:mod:`crawler.render`).
    The result is complete only if the crawl finished.
    """
    folder = Path(target) if not isinstance(target, str) else None
    if folder is None:
        start_url = normalize_start_url(str(target))
        settings = settings_for(start_url, opts)
    else:
        settings = crawl_settings(_with_local(opts, True))
    render = render_setup(opts)
    gate = BrowserGate()
    if render["available"]:
        settings.update(render_settings(render["chromium"], gate, opts.timeout))
    if not is_reactor_installed():
        # Installed first so the folder server and Scrapy share the reactor Scrapy asks for.
        install_reactor(settings["TWISTED_REACTOR"])
    process = CrawlerProcess(settings)
    port = None
    if folder is not None:
        port, start_url = serve_folder(folder)
    if start_url_ready is not None:
        page_handler = start_url_ready(start_url) or page_handler
    result = CrawlResult(start_url=start_url)
    result.render = {k: v for k, v in render.items() if k != "chromium"}
    crawler = process.create_crawler(SiteSpider)
    gate.crawler = crawler
    began = time.monotonic()

    progress = CrawlProgress()
    stopper = Stopper(process, crawler, result, on_stopping)
    was_closed = False

    def scraped(item: Any, response: Any, spider: Any) -> None:
        if isinstance(item, PageRecord):
            result.records.append(item)
            progress.pages += 1
            progress.errors += item.status >= 400
            if on_record is not None:
                stats = crawler.stats
                enqueued = stats.get_value("scheduler/enqueued", 0) if stats else 0
                dequeued = stats.get_value("scheduler/dequeued", 0) if stats else 0
                progress.queued = max(0, enqueued - dequeued)
                progress.elapsed_s = round(time.monotonic() - began, 1)
                on_record(item, progress)

    def closed(spider: SiteSpider, reason: str) -> None:
        nonlocal was_closed
        was_closed = True
        if result.fatal or stopper.signals:
            return
        settle(result, spider, reason)

    crawler.signals.connect(scraped, signal=signals.item_scraped)
    crawler.signals.connect(closed, signal=signals.spider_closed)
    process.crawl(
        crawler,
        start_url=start_url,
        page_handler=page_handler,
        max_pages=opts.max_pages,
        max_depth=opts.max_depth,
        use_sitemaps=opts.use_sitemaps,
        sitemap_origin_rewrite=folder is not None,
        result=result,
        site_headers=opts.headers,
        site_cookies=opts.cookies,
        render_mode=opts.render,
        can_render=render["available"],
        lacks_contacts=lacks_contacts,
    )
    stopper.install()
    try:
        process.start(install_signal_handlers=False)
    except KeyboardInterrupt:
        if not stopper.signals:
            raise
        stopper.abandon_reactor()
    finally:
        stopper.uninstall()
        if port is not None:
            port.stopListening()
    if not was_closed and not result.fatal:
        # The reactor stopped before the spider was closed: whatever the reason, the crawl
        # did not finish.
        result.complete = False
        result.stop_reason = "interrupted"
    result.duration_s = round(time.monotonic() - began, 3)
    if gate.blocked:
        result.render["blocked"] = list(gate.blocked)
    return result


def settle(result: CrawlResult, spider: SiteSpider, reason: str) -> None:
    """Say in ``result`` why the crawl stopped, from Scrapy's close ``reason`` and the spider's
    caps (also called by the Scrapyd job's spider, :mod:`contactable.scrapyd.spider`)."""
    if result.fatal:
        return
    result.stop_reason = _STOP_REASONS.get(reason, reason)
    if not result.records:
        # The home page always gives a record or a fatal error: none means the crawl was
        # stopped (Ctrl-C) before it got there.
        result.stop_reason = "interrupted"
    if result.stop_reason == "finished" and spider.depth_capped:
        result.stop_reason = "max_depth"
    if result.stop_reason == "finished" and spider.links_capped:
        result.stop_reason = "max_pages"  # more links than the page cap could ever use
    result.complete = result.stop_reason == "finished"


def settings_for(start_url: str, opts: CrawlOptions) -> dict[str, Any]:
    """Scrapy settings to crawl ``start_url``: a loopback site is crawled at full speed."""
    return crawl_settings(_with_local(opts, opts.local or _is_loopback(start_url)))


def _is_loopback(url: str) -> bool:
    from crawler.urls import host_of

    host = host_of(url)
    return host in ("localhost", "::1") or host.startswith("127.")


def _with_local(opts: CrawlOptions, local: bool) -> CrawlOptions:
    from dataclasses import replace

    return replace(opts, local=local)
