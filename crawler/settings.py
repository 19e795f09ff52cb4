"""Scrapy settings for an audit, built from a few user-facing options.

>>> s = crawl_settings(CrawlOptions(local=True))
>>> s["CONCURRENT_REQUESTS_PER_DOMAIN"], s["AUTOTHROTTLE_ENABLED"]
(16, False)
>>> crawl_settings(CrawlOptions())["AUTOTHROTTLE_ENABLED"]
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def user_agent(version: str = "") -> str:
    """An honest User-Agent. The crawler does not import ``contactable``, which knows the
    version: ``contactable`` passes ``CrawlOptions(user_agent=user_agent(__version__))``.

    >>> user_agent("1.2")
    'contactable/1.2 (+https://github.com/contactable/contactable)'
    """
    tool = f"contactable/{version}" if version else "contactable"
    return f"{tool} (+https://github.com/contactable/contactable)"


USER_AGENT = user_agent()


@dataclass(frozen=True, slots=True)
class CrawlOptions:
    """What a user can set about the crawl itself."""

    max_pages: int = 300
    max_depth: int | None = None
    concurrency: int | None = None
    """Requests at a time; default 4 for remote sites, 16 for loopback."""
    delay: float | None = None
    """Seconds between requests; default 0 with AutoThrottle for remote sites."""
    obey_robots: bool = True
    use_sitemaps: bool = True
    local: bool = False
    """The site is on loopback (a served folder, a dev server): crawl at full speed."""
    timeout: float = 15.0
    """Seconds to wait for a response. With robots.txt's own 5 s (:mod:`crawler.onsite`) and
    one retry, a server that never answers is given up on in about 35 s."""
    user_agent: str = USER_AGENT
    verbose: bool = False
    headers: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    """``(name, value)`` headers sent to the site's own origin only (:mod:`crawler.access`)."""
    cookies: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    """``(name, value)`` cookies sent to the site's own origin only."""
    render: str = "auto"
    """``auto``: render the pages that need JavaScript; ``always``; ``never``
    (:mod:`crawler.render`)."""
    chromium: str | None = None
    """The Chromium to render with (``--chromium``); default: found on PATH."""


def crawl_settings(opts: CrawlOptions) -> dict[str, Any]:
    """Scrapy settings for ``opts``; see the comments for why each one matters."""
    concurrency = opts.concurrency or (16 if opts.local else 4)
    polite = not opts.local
    return {
        "BOT_NAME": "contactable",
        "USER_AGENT": opts.user_agent,
        "ROBOTSTXT_OBEY": opts.obey_robots,
        # Breadth-first: pages near the home page first, so a capped crawl keeps the ones that
        # matter for click depth. https://docs.scrapy.org/en/latest/faq.html#does-scrapy-crawl-in-breadth-first-or-depth-first-order
        "DEPTH_PRIORITY": 1,
        "SCHEDULER_DISK_QUEUE": "scrapy.squeues.PickleFifoDiskQueue",
        "SCHEDULER_MEMORY_QUEUE": "scrapy.squeues.FifoMemoryQueue",
        # 404s and 500s are findings (a broken contact link), not noise.
        "HTTPERROR_ALLOW_ALL": True,
        "DOWNLOAD_MAXSIZE": 10 * 1024 * 1024,
        "DOWNLOAD_WARNSIZE": 0,
        "DOWNLOAD_TIMEOUT": opts.timeout,
        "DNS_TIMEOUT": min(opts.timeout, 10),
        "RETRY_TIMES": 1,
        "CONCURRENT_REQUESTS": concurrency,
        "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency,
        "DOWNLOAD_DELAY": opts.delay if opts.delay is not None else 0,
        "AUTOTHROTTLE_ENABLED": polite and opts.delay is None,
        "AUTOTHROTTLE_START_DELAY": 0.25,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": max(1.0, concurrency / 2),
        "COOKIES_ENABLED": True,
        "TELNETCONSOLE_ENABLED": False,
        # Scrapy 2.19's remote control runs Python sent to a local port: never in an audit.
        "REMOTE_CONTROL_ENABLED": False,
        # The user's headers and cookies, for the site's own origin only; after the cookie
        # middleware (700), so its Cookie header is merged, not replaced. The values are not
        # settings (Scrapy logs those): the spider carries them.
        # Before robots.txt's (100): a request off the site is refused before anything is
        # fetched for it, robots.txt of another host included.
        "DOWNLOADER_MIDDLEWARES": {"crawler.onsite.OnSiteMiddleware": 50,
                                   "crawler.access.SiteAccessMiddleware": 750},
        "EXTENSIONS": {
            "scrapy.extensions.telnet.TelnetConsole": None,
            "scrapy.extensions.logstats.LogStats": None,
            "scrapy.extensions.memusage.MemoryUsage": None,
        },
        "LOG_ENABLED": opts.verbose,
        "LOG_INSTALL_ROOT_HANDLER": opts.verbose,
        "LOG_LEVEL": "DEBUG" if opts.verbose else "ERROR",
        "STATS_DUMP": False,
        "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
        "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
    }
