"""The calls of Scrapyd's JSON API that deploying and dispatching make, one node at a time.

https://scrapyd.readthedocs.io/en/latest/api.html: ``daemonstatus.json`` (jobs pending and
running on the node, all projects), ``listjobs.json``, ``schedule.json``, ``cancel.json`` and
``addversion.json``. scrapyd-client's ``ScrapydClient`` covers most of them, but it waits for
an answer without a time limit and cannot upload an egg: a dispatcher must never hang on one
node that stopped answering, so each call here has a timeout, through requests.

A URL may carry ``user:password@`` for a node behind Scrapyd's basic authentication.

>>> Node("http://a.test:6800/").url, Node("http://u:p@b.test:6800").auth
('http://a.test:6800', ('u', 'p'))
>>> Node("http://u:p@[::1]:6800/").url
'http://[::1]:6800'
>>> Node("ftp://x").url
Traceback (most recent call last):
...
ValueError: ftp://x is not a Scrapyd node's URL: give http://HOST:6800
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

import requests

PROJECT = "contactable"
SPIDER = "contactable-audit"
TIMEOUT_S = 10.0


class NodeError(Exception):
    """A node did not answer, or refused the call; ``str()`` says which and why."""


class Node:
    """One Scrapyd node, by its URL."""

    def __init__(self, url: str, timeout: float = TIMEOUT_S) -> None:
        parts = urlsplit(url.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"{url} is not a Scrapyd node's URL: give http://HOST:6800")
        self.auth: tuple[str, str] | None = None
        if parts.username is not None:
            self.auth = (unquote(parts.username), unquote(parts.password or ""))
        # The netloc less any credentials, not rebuilt from hostname: that drops an IPv6
        # address's brackets (http://[::1]:6800 would become http://::1:6800).
        netloc = parts.netloc.rpartition("@")[2]
        self.url = urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), "", ""))
        self.timeout = timeout

    def __repr__(self) -> str:
        return f"Node({self.url!r})"

    def daemonstatus(self) -> dict[str, Any]:
        return self._call("GET", "daemonstatus", {})

    def listjobs(self, project: str = PROJECT) -> dict[str, Any]:
        return self._call("GET", "listjobs", {"project": project})

    def schedule(self, jobid: str, args: dict[str, str], project: str = PROJECT,
                 spider: str = SPIDER) -> str:
        data = {**args, "project": project, "spider": spider, "jobid": jobid}
        # A node's first schedule.json of a version lists the egg's spiders in a new process
        # (seconds on a busy node): a longer wait than for the status calls.
        return str(self._call("POST", "schedule", data, timeout=max(self.timeout, 60))["jobid"])

    def cancel(self, jobid: str, project: str = PROJECT) -> str | None:
        """Cancel a job: pending, it is dropped; running, it gets SIGINT and writes its report
        of what it crawled. The job's state before, or None if the node did not know it."""
        prev = self._call("POST", "cancel", {"project": project, "job": jobid}).get("prevstate")
        return str(prev) if prev else None

    def addversion(self, egg: bytes, version: str, project: str = PROJECT) -> dict[str, Any]:
        return self._call("POST", "addversion", {"project": project, "version": version},
                          files={"egg": ("project.egg", egg)}, timeout=max(self.timeout, 120))

    def _call(self, method: str, name: str, data: dict[str, str], files: Any = None,
              timeout: float | None = None) -> dict[str, Any]:
        url = f"{self.url}/{name}.json"
        try:
            if method == "GET":
                resp = requests.get(url, params=data, auth=self.auth,
                                    timeout=timeout or self.timeout)
            else:
                resp = requests.post(url, data=data, files=files, auth=self.auth,
                                     timeout=timeout or self.timeout)
        except requests.RequestException as exc:
            raise NodeError(f"{self.url} did not answer {name}.json: "
                            f"{type(exc).__name__}") from None
        if resp.status_code == 401:
            raise NodeError(f"{self.url} asks for a password: give http://USER:PASSWORD@HOST")
        try:
            body = resp.json()
        except ValueError:
            raise NodeError(f"{self.url}/{name}.json answered HTTP {resp.status_code}, not "
                            "Scrapyd's JSON: is it a Scrapyd node?") from None
        if not isinstance(body, dict) or body.get("status") != "ok":
            message = body.get("message") if isinstance(body, dict) else body
            raise NodeError(f"{self.url} refused {name}.json: {str(message).strip()[:300]}")
        return body
