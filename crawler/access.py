"""Getting into a protected preview: the user's headers and cookies, for the audited site only.

A preview deploy behind a password or a bypass token (``--header "x-vercel-protection-bypass:
..."``, ``--cookie preview=...``) is audited by sending those to the site's own origin and to
no other: not to a host a page links to, not to a host a redirect leads to, not to a sitemap on
another host. The same host on another port is another site (``127.0.0.1:8001`` is not
``127.0.0.1:8000``), and plain ``http`` only gets them if the start URL was plain ``http``.

They travel as spider arguments, not as Scrapy settings, because Scrapy logs its overridden
settings (``--verbose``); nothing here writes them anywhere.

>>> parse_header("X-Token:  abc ")
('X-Token', 'abc')
>>> parse_cookie("preview=abc")
('preview', 'abc')
>>> sorted(site_origins("http://acme.test/"))[:2]
[('http', 'acme.test', 80), ('http', 'www.acme.test', 80)]
>>> origin_of("https://www.acme.test/contact") in site_origins("http://acme.test/")
True
>>> origin_of("http://127.0.0.1:8001/") in site_origins("http://127.0.0.1:8000/")
False
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.http import Request

from crawler.urls import site_hosts

_TOKEN = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")  # RFC 9110 field name / cookie name
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_DEFAULT_PORTS = {"http": 80, "https": 443}

Pairs = tuple[tuple[str, str], ...]


def parse_header(text: str) -> tuple[str, str]:
    """``"Name: value"`` -> ``(name, value)``; ``ValueError`` says what is wrong without
    repeating the value (it is often a secret, and errors end up in CI logs)."""
    name, sep, value = text.partition(":")
    return check_header(name.strip(), value.strip()) if sep else _bad(
        "a header is 'Name: value', with a colon")


def check_header(name: str, value: str) -> tuple[str, str]:
    if not _TOKEN.match(name):
        _bad(f"header name {name!r} is not a valid name (letters, digits, '-')")
    if name.lower() == "cookie":
        _bad("give cookies with --cookie name=value (or [cookies] in the config)")
    if _CONTROL.search(value.replace("\t", " ")):
        _bad(f"the value of header {name} holds a line break or control character")
    return name, value.strip()


def parse_cookie(text: str) -> tuple[str, str]:
    """``"name=value"`` -> ``(name, value)``; ``ValueError`` as for :func:`parse_header`."""
    name, sep, value = text.partition("=")
    return check_cookie(name.strip(), value.strip()) if sep else _bad(
        "a cookie is name=value, with an equals sign")


def check_cookie(name: str, value: str) -> tuple[str, str]:
    if not _TOKEN.match(name):
        _bad(f"cookie name {name!r} is not a valid name (letters, digits, '-', '_')")
    if ";" in value or _CONTROL.search(value):
        _bad(f"the value of cookie {name} holds ';', a line break or a control character")
    return name, value


def _bad(message: str) -> Any:
    raise ValueError(message)


def origin_of(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port or _DEFAULT_PORTS.get(scheme)
    except ValueError:  # a port out of range: no origin of ours
        port = None
    return scheme, (parts.hostname or "").lower(), port


def site_origins(start_url: str) -> frozenset[tuple[str, str, int | None]]:
    """The origins that get the user's headers: the start URL's scheme and port on the site's
    hosts (apex and ``www.``), and ``https`` on 443 too when the start URL is ``http`` on 80
    (a site that upgrades to TLS is the same site; the reverse would send them in clear)."""
    scheme, _host, port = origin_of(start_url)
    out = {(scheme, h, port) for h in site_hosts(start_url)}
    if (scheme, port) == ("http", 80):
        out |= {("https", h, 443) for h in site_hosts(start_url)}
    return frozenset(out)


class SiteAccessMiddleware:
    """A downloader middleware that adds the user's headers and cookies to requests for the
    site's origins, and takes them off any other request (a redirect copies the headers of
    the request it answers). It runs after Scrapy's cookie middleware, so the site's own
    cookies and the user's go together in one ``Cookie`` header."""

    def __init__(self) -> None:
        self.headers: Pairs = ()
        self.cookies: Pairs = ()
        self.origins: frozenset[tuple[str, str, int | None]] = frozenset()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SiteAccessMiddleware:
        mw = cls()
        crawler.signals.connect(mw.spider_opened, signal=signals.spider_opened)
        return mw

    def spider_opened(self, spider: Any) -> None:
        self.headers = tuple(getattr(spider, "site_headers", ()) or ())
        self.cookies = tuple(getattr(spider, "site_cookies", ()) or ())
        start_url = getattr(spider, "start_url", "")
        self.origins = site_origins(start_url) if start_url else frozenset()

    def process_request(self, request: Request, spider: Any = None) -> None:
        if not self.headers and not self.cookies:
            return
        ours = origin_of(request.url) in self.origins
        for name, value in self.headers:
            if ours:
                request.headers[name] = value
            elif request.headers.get(name) == value.encode("utf-8"):
                del request.headers[name]
        if self.cookies:
            self._cookies(request, ours)

    def _cookies(self, request: Request, ours: bool) -> None:
        raw = request.headers.get(b"Cookie")
        text = raw.decode("utf-8", "surrogateescape") if raw else ""
        pairs = [p.strip() for p in text.split(";")]
        names = {n for n, _v in self.cookies}
        mine = {f"{n}={v}" for n, v in self.cookies}
        if ours:  # the user's value wins over one the site set earlier
            kept = [p for p in pairs if p and p.split("=", 1)[0].strip() not in names]
            kept += [f"{n}={v}" for n, v in self.cookies]
        else:
            kept = [p for p in pairs if p and p not in mine]
        if kept:
            request.headers[b"Cookie"] = "; ".join(kept).encode("utf-8", "surrogateescape")
        elif raw is not None:
            del request.headers[b"Cookie"]
