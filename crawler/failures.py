"""Why a page could not be read, in words a site owner can act on.

Scrapy reports every refusal of its middlewares as one exception, ``IgnoreRequest``: robots.txt,
a redirect loop, a body over the size cap once decompressed, a request we refused because it
left the site. Taking every one for robots.txt told users to pass ``--ignore-robots`` for a
gzip bomb. Each failure is sorted here into a reason code and a short detail.

>>> from scrapy.exceptions import IgnoreRequest
>>> reason_of(Failure(IgnoreRequest("max redirections reached")))
('too_many_redirects', 'a redirect loop or too long a chain')
>>> reason_of(Failure(OffSite("https://other.test/", "redirected to another site")))
('off_site', 'redirected to another site: https://other.test/')
"""

from __future__ import annotations

import scrapy.exceptions
from OpenSSL import SSL
from scrapy.exceptions import IgnoreRequest
from twisted.internet.defer import CancelledError
from twisted.internet.error import (
    ConnectionLost,
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

REASONS = {
    "robots": "robots.txt forbids it",
    "off_site": "it leads off the audited site",
    "too_many_redirects": "too many redirects",
    "too_large": "larger than the size cap",
    "too_deep": "nested deeper than the HTML parser reads (read up to there)",
    "timeout": "the server did not answer in time",
    "refused": "the connection was refused",
    "dns": "the host name does not resolve",
    "tls": "no secure connection could be made",
    "reset": "the connection broke off",
    "http_status": "the server answered with an error status",
    "error": "it could not be fetched",
}
"""Every reason code, with what it means: the report's ``unread[].reason``."""


class OffSite(IgnoreRequest):
    """A request the crawl refused because it leaves the audited site."""

    def __init__(self, url: str, why: str) -> None:
        super().__init__(f"{why}: {url}")
        self.url = url
        self.why = why


def _scrapy_errors(*names: str) -> tuple[type[BaseException], ...]:
    # Scrapy 2.14 added its own download errors; older versions raise Twisted's.
    return tuple(getattr(scrapy.exceptions, n) for n in names if hasattr(scrapy.exceptions, n))


_DNS = (DNSLookupError, *_scrapy_errors("CannotResolveHostError"))
_REFUSED = (ConnectionRefusedError, *_scrapy_errors("DownloadConnectionRefusedError"))
_TIMEOUT = (TimeoutError, TCPTimedOutError, *_scrapy_errors("DownloadTimeoutError"))
_CANCELLED = (CancelledError, *_scrapy_errors("DownloadCancelledError"))
_RESET = (ConnectionLost, ResponseFailed, ResponseNeverReceived,
          *_scrapy_errors("ResponseDataLossError", "DownloadFailedError"))  # fmt: skip


def tls_failed(failure: Failure) -> bool:
    """Whether the TLS handshake failed: Twisted reports it as a list of failures (which would
    reach the user as a Python repr), and Scrapy wraps that list in an error of its own."""
    value: BaseException | None = failure.value
    while value is not None and not hasattr(value, "reasons"):
        value = value.__cause__
    reasons = getattr(value, "reasons", None) or [failure]
    return any(isinstance(r, Failure) and r.check(SSL.Error) for r in reasons)


def reason_of(failure: Failure) -> tuple[str, str]:
    """``(reason code, detail)`` for a request that failed; see :data:`REASONS`."""
    value = failure.value
    if isinstance(value, OffSite):
        return "off_site", str(value)
    if isinstance(value, IgnoreRequest):
        text = str(value)
        if "robots.txt" in text:
            return "robots", "robots.txt forbids it"
        if "redirections" in text:
            return "too_many_redirects", "a redirect loop or too long a chain"
        if "DOWNLOAD_MAXSIZE" in text:
            return "too_large", "larger than the size cap once decompressed"
        return "error", text[:200]
    if failure.check(*_DNS):
        return "dns", "the host name does not resolve"
    if failure.check(*_REFUSED):
        return "refused", "the connection was refused"
    if failure.check(*_TIMEOUT):
        return "timeout", "the server did not answer in time"
    if tls_failed(failure):
        return "tls", "no secure connection could be made"
    if failure.check(*_CANCELLED):
        # Scrapy cancels a download whose announced or received size passes the cap.
        return "too_large", "larger than the size cap"
    if failure.check(*_RESET):
        return "reset", "the connection broke off"
    return "error", (failure.getErrorMessage() or getattr(failure.type, "__name__", ""))[:200]
