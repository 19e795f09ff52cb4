"""Start-URL and same-site handling.

>>> normalize_start_url("acme.test")
'https://acme.test/'
>>> sorted(site_hosts("https://www.acme.test/shop"))
['acme.test', 'www.acme.test']
>>> is_internal("http://acme.test/contact", site_hosts("https://www.acme.test/"))
True
>>> canonical_link("https://acme.test/a/index.html#top")
'https://acme.test/a/index.html'
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import urlsplit, urlunsplit

from scrapy.linkextractors import IGNORED_EXTENSIONS

_IGNORED_EXT = frozenset("." + e for e in IGNORED_EXTENSIONS) | {".xml", ".json", ".txt", ".csv"}
_HOST = re.compile(r"^[A-Za-z0-9.\-\[\]:]+$")


class BadURL(ValueError):
    """The start URL cannot be crawled; the message says what to do."""


def normalize_start_url(url: str) -> str:
    """Add a scheme when missing and check the URL is one we can crawl."""
    raw = url.strip()
    if not raw:
        raise BadURL("empty URL: give a URL such as https://example.com or a folder")
    if "://" not in raw:
        raw = "https://" + raw
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError:  # "http://[::1", "http://acme.test:99999/", "http://acme.test:abc/"
        raise BadURL(f"{url!r} is not a valid URL: check its host and port (1-65535)") \
            from None
    if parts.scheme not in ("http", "https"):
        raise BadURL(f"unsupported scheme {parts.scheme!r}: give an http(s) URL or a folder")
    if port == 0:
        raise BadURL(f"{url!r} is not a valid URL: a port is a number from 1 to 65535")
    host = parts.hostname or ""
    if not host or not _HOST.match(host) or ("." not in host and host != "localhost"
                                             and ":" not in host):
        raise BadURL(f"{url!r} is not a valid URL or an existing folder")
    path = parts.path or "/"
    return urlunsplit((parts.scheme, parts.netloc.lower(), path, parts.query, ""))


def site_hosts(url: str) -> frozenset[str]:
    """The hosts treated as the same site: the URL's host with and without ``www.``."""
    host = (urlsplit(url).hostname or "").lower()
    bare = host[4:] if host.startswith("www.") else host
    if re.fullmatch(r"[\d.]+|\[?[0-9a-f:]+\]?|localhost", bare):
        return frozenset({host})
    return frozenset({bare, "www." + bare})


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def is_internal(url: str, hosts: frozenset[str]) -> bool:
    """True for http(s) URLs on one of ``hosts``."""
    if not url.startswith(("http://", "https://")):
        return False
    return host_of(url) in hosts


def canonical_link(url: str) -> str:
    """Drop the fragment: ``/page#a`` and ``/page#b`` are one page."""
    return url.split("#", 1)[0]


def has_ignored_extension(url: str) -> bool:
    """True for links to files that are not pages (PDFs, images, archives, feeds)."""
    path = urlsplit(url).path
    ext = posixpath.splitext(path)[1].lower()
    return ext in _IGNORED_EXT


def directory_index_alias(url: str) -> str | None:
    """``/a/index.html`` -> ``/a/``: most servers serve both as the same page."""
    parts = urlsplit(url)
    head, tail = posixpath.split(parts.path)
    if tail.lower() in ("index.html", "index.htm", "index.php") and not parts.query:
        return urlunsplit((parts.scheme, parts.netloc, head.rstrip("/") + "/", "", ""))
    return None
