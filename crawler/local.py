"""Serve a local folder (a static build such as ``./_site``) on 127.0.0.1 for auditing.

The server runs in the crawl's own Twisted reactor: no thread, no second process. It serves
the folder the way static hosts (GitHub Pages, Netlify, Cloudflare Pages) do: ``index.html``
for a folder, and the site's own ``404.html``, with status 404, for a missing page, so a
dead link shows what a visitor would see.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, cast
from urllib.parse import unquote, urlsplit

from twisted.web.resource import Resource
from twisted.web.server import Site
from twisted.web.static import File

INDEX_NAMES = ["index.html", "index.htm"]
NOT_FOUND = "404.html"


class _NotFound(Resource):
    isLeaf = True

    def __init__(self, body: bytes) -> None:
        super().__init__()
        self.body = body

    def render_GET(self, request: Any) -> bytes:
        request.setResponseCode(404)
        request.setHeader(b"content-type", b"text/html; charset=utf-8")
        return self.body


class _Folder(File):
    root = ""
    """The folder's real path: a symlink to anything outside it is a missing page."""

    # A folder without index.html would be listed; a listing is not a page of the site.
    def directoryListing(self) -> Resource:
        return self.childNotFound

    def createSimilarFile(self, path: str) -> File:
        # Sub-folders answer missing paths with the site's own 404 page too.
        similar = super().createSimilarFile(path)
        similar.childNotFound = self.childNotFound
        similar.root = self.root
        return similar

    def render_GET(self, request: Any) -> Any:
        # Every file served, an index.html included, is rendered here: one check covers
        # symlinks to /etc/passwd or ../../secret.html in a folder the user was handed.
        if not inside(self.path, self.root):
            return self.childNotFound.render(request)
        return super().render_GET(request)


def inside(path: str | Path, root: str | Path) -> bool:
    """Whether ``path``, symlinks resolved, is ``root`` or within it."""
    real, top = os.path.realpath(path), os.path.realpath(root)
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def serve_folder(folder: Path) -> tuple[Any, str]:
    """Listen on a free loopback port; return the listening port and the site's root URL.

    Call after the reactor is installed (after creating the ``CrawlerProcess``).
    """
    from twisted.internet import reactor as _reactor

    reactor: Any = _reactor
    root = _Folder(str(folder.resolve()))
    root.root = str(folder.resolve())
    root.indexNames = list(INDEX_NAMES)
    custom = folder / NOT_FOUND
    if custom.is_file() and inside(custom, folder):
        root.childNotFound = cast(Any, _NotFound(custom.read_bytes()))
    port = reactor.listenTCP(0, Site(root), interface="127.0.0.1")
    return port, f"http://127.0.0.1:{port.getHost().port}/"


def served_file(folder: Path, root_url: str, url: str) -> str | None:
    """The file of ``folder`` that :func:`serve_folder` answers ``url`` with, as a POSIX path
    relative to the folder (``about/index.html``); the site's ``404.html`` for a missing page;
    None for a URL of another origin or when no file answers.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     (Path(d) / "about").mkdir()
    ...     _ = (Path(d) / "about" / "index.html").write_text("hi")
    ...     [served_file(Path(d), "http://127.0.0.1:8/", u) for u in (
    ...         "http://127.0.0.1:8/about/?x=1", "http://127.0.0.1:8/gone", "https://a.test/")]
    ['about/index.html', None, None]
    """
    root, target = urlsplit(root_url), urlsplit(url)
    if (target.scheme, target.netloc) != (root.scheme, root.netloc):
        return None
    # The server decodes the path the same way; "..", "." and empty segments never leave it.
    path = folder.joinpath(*(p for p in unquote(target.path).split("/")
                             if p not in ("", ".", "..")))
    if path.is_dir():
        path = next((path / n for n in INDEX_NAMES if (path / n).is_file()), path)
    if path.is_file() and inside(path, folder):
        return path.relative_to(folder).as_posix()
    return NOT_FOUND if (folder / NOT_FOUND).is_file() else None
