"""Folder audits speak of files: a folder's report names each page by its file.

A folder is crawled through a loopback server (:mod:`crawler.local`) whose port is gone after
the run, so its URLs point nowhere. :func:`name_files` adds, beside every served ``url`` of the
report dict, the ``path`` of the file that answered it (``about/index.html``, relative to the
folder); gives each check's evidence the ``line`` and ``column`` where it stands in that file,
when it can be found there; and names files, not served URLs, in the checks' summaries and
advice. URLs stay (the contract never renames), and a remote audit never comes here.

>>> locate('<p>Write to\\n  <a href="mailto:jo@a.test">Jo@a.test</a></p>', "jo@a.test")
(2, 19)
>>> locate("<p>We reply within\\n<b>one</b> day.</p>", "We reply within one day.")
(1, 4)
>>> locate("<p>Call 0113 246 0958</p>", "+441132460958"), locate("<p>x</p>", "y@z.test")
((1, 9), None)
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
from cssselect import SelectorError
from lxml import etree

from crawler.local import served_file

# What the visible text leaves out or spells differently: comments, tags, character references,
# whitespace (ignored altogether, so a sentence wrapped over lines or around <br> still matches).
_MARKUP = re.compile(r"<!--.*?-->|<[^>]*>|&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?"
                     r"|\s+", re.S)
_BREAK = re.compile(r"\r\n|\r|\n")  # SARIF's line terminators
_NUMBERISH = re.compile(r"\+?\(?\d[\d\s().\-/]{4,}\d")
# A served URL ends where prose or markup goes on.
_URL_END = ".,;:!?"


def _visible(source: str) -> tuple[str, list[int]]:
    """The text of ``source`` without markup or whitespace, lower-cased, and for each of its
    characters the offset in ``source`` it comes from."""
    chars: list[str] = []
    where: list[int] = []

    def add(text: str, start: int, spans: bool) -> None:
        # ``spans``: the text stands in the source as it is, else it is one reference there.
        for i, c in enumerate(text):
            for lc in c.lower():  # "İ".lower() is two characters: both map back to one
                if lc.isalnum():
                    chars.append(lc)
                    where.append(start + i if spans else start)

    pos = 0
    for m in _MARKUP.finditer(source):
        add(source[pos:m.start()], pos, True)
        if m.group().startswith("&"):
            add(html.unescape(m.group()), m.start(), False)
        pos = m.end()
    add(source[pos:], pos, True)
    return "".join(chars), where


def _squeeze(text: str) -> str:
    # Letters and digits only: "14 Brudenell Road, Leeds, LS6 1BD" is written without the
    # second comma, and a dash may be written &ndash;.
    return "".join(c for c in text.lower() if c.isalnum())


def _line_column(source: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in code points, SARIF's ``unicodeCodePoints``) of ``offset``."""
    line, start = 1, 0
    for m in _BREAK.finditer(source, 0, offset):
        line, start = line + 1, m.end()
    return line, offset - start + 1


def _offsets(source: str, value: str, snippet: str = "", page_url: str = "") -> Iterator[int]:
    """Candidate offsets of the evidence in ``source``, the surest first. The snippet is
    looked for only when there is no value: a snippet's start may be lines away from it."""
    value = value.strip()
    if len(value) >= 3:
        # Whole words only: the name "Ann" is not in "Announcement".
        bounded = (r"(?<!\w)" if value[0].isalnum() else "") + re.escape(value) + (
            r"(?!\w)" if value[-1].isalnum() else "")
        yield from (m.start() for m in re.finditer(bounded, source, re.I))
    if value.lower().startswith(("http://", "https://")):
        # A link's target as the page writes it: relative to the page, or from the root.
        folder = urljoin(page_url, ".")
        for form in (value.removeprefix(folder) if folder else "", urlsplit(value).path):
            if form and form != value:
                yield from (m.start() + 1 for m in re.finditer(
                    f"[\"']{re.escape(form)}[\"'#?]", source))
    if re.fullmatch(r"\+\d{6,15}", value):
        # A phone's value is E.164 and the page writes it nationally: "+441132460958" shows
        # as "0113 246 0958", whose digits (less the trunk 0) end the value's.
        for m in _NUMBERISH.finditer(source):
            digits = re.sub(r"\D", "", m.group()).lstrip("0")
            if len(digits) >= 6 and value[1:].endswith(digits):
                yield m.start()
    # "Jane Roe (Owner)": the name as written, without the role the detector added.
    for v in dict.fromkeys((value, re.sub(r"\s*\([^()]*\)$", "", value))):
        needle = _squeeze(v or snippet.strip().strip("…"))
        # Short needles lose their word boundaries here: "tom" is in "bottom".
        if len(needle) >= 8:
            text, where = _visible(source)
            yield from (where[m.start()] for m in re.finditer(re.escape(needle), text))


def locate(source: str, value: str, snippet: str = "", page_url: str = "",
           element_line: int | None = None) -> tuple[int, int] | None:
    """Line and column in ``source`` where the evidence ``value`` (else its ``snippet``)
    stands, at or after ``element_line`` (where its element starts) when that is known, else
    where that element starts; None when neither is known: no position is better than a
    wrong one."""
    if value == page_url:
        # The page itself is the evidence (a form found on it): its element says where.
        value = ""
        if element_line is not None:
            return element_line, _tag_column(source, element_line)
    for offset in _offsets(source, value, snippet, page_url):
        where = _line_column(source, offset)
        # Before its element is elsewhere: in JSON-LD, or a menu above the evidence.
        if element_line is None or where[0] >= element_line:
            return where
    if element_line is not None:
        # A value that is not text on the page (a help-order signature, hours written in
        # schema.org's form) is still in its element: code scanning points there.
        return element_line, _tag_column(source, element_line)
    return None


def _tag_column(source: str, line: int) -> int:
    text = _BREAK.split(source)[line - 1] if line <= len(_BREAK.split(source)) else ""
    return text.find("<") + 1 or 1


def element_line(doc: Any, selector: str) -> int | None:
    """The line where the element at ``selector`` (the evidence's CSS path) starts in the
    parsed page ``doc``; None when the selector finds nothing or is not CSS."""
    if doc is None or not selector:
        return None
    try:
        found = doc.cssselect(selector)
    except (SelectorError, ValueError):
        return None
    line = getattr(found[0], "sourceline", None) if found else None
    return line if isinstance(line, int) else None


def parse(source: str) -> Any:
    """The page's element tree (lxml, which records each element's line), or None."""
    try:
        return lxml.html.document_fromstring(source)
    except (etree.ParserError, ValueError):
        return None


def read_source(path: Path) -> str | None:
    """A page's text as an editor shows it: UTF-8, else Windows-1252 (what browsers assume
    for Latin-1); None if it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def repository_folder(folder: Path) -> str | None:
    """``folder`` relative to the root of the git work tree holding it (POSIX, ``""`` for the
    root itself); None outside a work tree. A work tree's root holds ``.git`` (a folder, or a
    file in a linked work tree or submodule)."""
    here = folder.resolve()
    for parent in (here, *here.parents):
        if (parent / ".git").exists():
            return here.relative_to(parent).as_posix().removeprefix(".")
    return None


def _dicts(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        yield value
        value = list(value.values())
    if isinstance(value, list):
        for v in value:
            yield from _dicts(v)


class _Files:
    """URLs served from ``folder`` at ``root`` mapped to its files, each read at most once."""

    def __init__(self, folder: Path, root: str) -> None:
        self.folder, self.root = folder, root
        self.paths: dict[str, str | None] = {}
        self.sources: dict[str, str | None] = {}
        self.trees: dict[str, Any] = {}

    def path(self, url: str) -> str | None:
        if url not in self.paths:
            self.paths[url] = (served_file(self.folder, self.root, url)
                               if url.startswith(self.root) else None)
        return self.paths[url]

    def source(self, path: str) -> str | None:
        if path not in self.sources:
            self.sources[path] = read_source(self.folder / path)
        return self.sources[path]

    def tree(self, path: str) -> Any:
        if path not in self.trees:
            source = self.source(path)
            self.trees[path] = parse(source) if source else None
        return self.trees[path]

    def name(self, url: str) -> str:
        """What prose calls the page at ``url``: its file, else its path in the folder."""
        return self.path(url) or unquote(urlsplit(url).path).lstrip("/") or "/"

    def rewrite(self, text: str) -> str:
        def one(m: re.Match[str]) -> str:
            url = m.group().rstrip(_URL_END)
            return self.name(url) + m.group()[len(url):]

        return re.sub(re.escape(self.root) + r"[^\s<>\"'()\[\]{}]*", one, text)


def name_files(report: dict[str, Any], folder: Path) -> None:
    """Name the files of a folder audit in ``report`` (in place); see the module docstring."""
    site = report.get("site") or {}
    parts = urlsplit(str(site.get("start_url") or ""))
    if not parts.netloc:
        return
    files = _Files(folder, f"{parts.scheme}://{parts.netloc}/")
    in_repo = repository_folder(folder)
    if in_repo is not None:
        site["folder_in_repo"] = in_repo
    for key, value in report.items():
        if key == "site":
            continue
        for d in _dicts(value):
            url = d.get("url")
            path = files.path(url) if isinstance(url, str) else None
            if path is not None:
                d["path"] = path
    for check in report.get("checks") or []:
        for field in ("summary", "recommendation"):
            if isinstance(check.get(field), str):
                check[field] = files.rewrite(check[field])
        for ev in check.get("evidence") or []:
            source = files.source(ev["path"]) if ev.get("path") else None
            where = source and locate(
                source, str(ev.get("value") or ""), str(ev.get("snippet") or ""),
                str(ev.get("url")), element_line(files.tree(ev["path"]),
                                                 str(ev.get("selector") or "")))
            if where:
                ev["line"], ev["column"] = where
    report["warnings"] = [files.rewrite(w) if isinstance(w, str) else w
                          for w in report.get("warnings") or []]
