"""``--wait-for``: poll a start URL until it answers, before the crawl starts.

A preview deploy is often still building when CI starts the audit. This waits with plain
``urllib`` in the audit's own process, before any Twisted reactor exists (a reactor cannot be
started twice). Any answer below 500 means the site is up, a 401 or 403 of a protected preview
and a redirect included: the crawl then says what it finds there. A 5xx, a refused connection,
a timeout or an unresolvable host mean "not yet". Redirects are not followed, and the user's
headers and cookies are not sent: the poll only asks whether the server is there.
"""

from __future__ import annotations

import socket
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a 3xx is an answer: the server is up


def _opener(url: str) -> urllib.request.OpenerDirector:
    host = (urlsplit(url).hostname or "").lower()
    handlers: list[Any] = [_NoRedirect()]
    if host in ("localhost", "::1") or host.startswith("127."):
        handlers.append(urllib.request.ProxyHandler({}))  # loopback never goes via a proxy
    # Scrapy does not verify certificates either: a preview's certificate is not our question.
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    handlers.append(urllib.request.HTTPSHandler(context=ctx))
    return urllib.request.build_opener(*handlers)


def probe(url: str, timeout: float, user_agent: str = "contactable",
          opener: urllib.request.OpenerDirector | None = None) -> str | None:
    """``None`` when ``url`` answers (any status below 500), else why not, in a few words."""
    opener = opener or _opener(url)
    request = urllib.request.Request(url, headers={"User-Agent": user_agent})
    try:
        with opener.open(request, timeout=timeout) as response:
            response.read(1024)
        return None
    except urllib.error.HTTPError as exc:
        exc.close()
        return None if exc.code < 500 else f"HTTP {exc.code}"
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, ConnectionRefusedError):
            return "connection refused"
        if isinstance(reason, socket.gaierror):
            return "cannot resolve the host"
        if isinstance(reason, TimeoutError):
            return "timed out"
        return str(reason) or type(reason).__name__
    except TimeoutError:
        return "timed out"
    except (OSError, ValueError) as exc:  # reset connections, broken status lines
        return str(exc) or type(exc).__name__


def wait_until_up(url: str, seconds: float, user_agent: str = "contactable",
                  clock: Callable[[], float] = time.monotonic,
                  sleep: Callable[[float], None] = time.sleep) -> str | None:
    """Poll ``url`` until it answers or ``seconds`` have passed: ``None`` once it answers,
    else the last reason it did not. Polls at once, then after 0.5 s, growing by half each
    time up to 5 s, never past the deadline; each try waits at most 5 s for an answer."""
    deadline = clock() + seconds
    opener = _opener(url)
    pause = 0.5
    while True:
        left = deadline - clock()
        why = probe(url, max(0.2, min(5.0, left)), user_agent, opener)
        if why is None:
            return None
        left = deadline - clock()
        if left <= 0:
            return why
        sleep(min(pause, left))
        pause = min(pause * 1.5, 5.0)
