"""Serve a local folder (a static build such as ``./_site``) on 127.0.0.1 for auditing.

The server runs in the crawl's own Twisted reactor: no thread, no second process.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from twisted.web.resource import Resource
from twisted.web.server import Site
from twisted.web.static import File


class _Folder(File):
    # A folder without index.html would be listed; a listing is not a page of the site.
    def directoryListing(self) -> Resource:
        return self.childNotFound


def serve_folder(folder: Path) -> tuple[Any, str]:
    """Listen on a free loopback port; return the listening port and the site's root URL.

    Call after the reactor is installed (after creating the ``CrawlerProcess``).
    """
    from twisted.internet import reactor as _reactor

    reactor: Any = _reactor
    root = _Folder(str(folder.resolve()))
    root.indexNames = ["index.html", "index.htm"]
    port = reactor.listenTCP(0, Site(root), interface="127.0.0.1")
    return port, f"http://127.0.0.1:{port.getHost().port}/"
