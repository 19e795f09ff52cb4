"""The site model: facts merged across pages, plus the link graph and click depth.

Checks are pure functions of this model; it can be saved after a crawl and re-scored later
without the network (``--save-crawl`` / ``--from-crawl``).

>>> from checks.facts import Fact
>>> rec = lambda url, links, facts=(): {"url": url, "status": 200, "links": links,
...                                      "facts": list(facts)}
>>> site = SiteModel.build("https://a.test/", "https://a.test/", [
...     rec("https://a.test/", ["https://a.test/about"]),
...     rec("https://a.test/about", ["https://a.test/contact"]),
...     rec("https://a.test/contact", [], [Fact("email", "Hi@A.test", "mailto", "main")]),
... ])
>>> site.pages["https://a.test/contact"].depth
2
>>> [(e.value, e.min_depth) for e in site.contacts("email")]
[('Hi@A.test', 2)]
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from checks.facts import Fact

# When the same contact is found several ways, the report says the most usable one.
METHOD_RANK = {
    "mailto": 0, "tel": 0, "cloudflare": 1, "text": 2, "obfuscated": 3,
    "structured_data": 4, "js": 5,
}


@dataclass(slots=True)
class PageInfo:
    url: str
    status: int
    title: str = ""
    lang: str = ""
    depth: int | None = None
    """Clicks from the start page by the shortest path; None when no link leads here."""
    from_sitemap: bool = False
    is_html: bool = True
    via: str | None = None
    """The page linking here on a shortest path from the start page (None for the start)."""
    rendered: bool = False
    """Read as a browser showed it, after its scripts ran."""
    render_reason: str = ""
    """Why it was rendered; or, when it was not, why it probably needed to be."""
    rendered_links: list[str] = field(default_factory=list)
    """Links that exist only once the page's scripts ran."""


@dataclass(slots=True)
class Occurrence:
    """One page where a contact item was found."""

    url: str
    depth: int | None
    fact: Fact


@dataclass
class ContactItem:
    """One contact value (an address, a number) merged across every page it appears on."""

    kind: str
    value: str
    occurrences: list[Occurrence] = field(default_factory=list)

    @property
    def method(self) -> str:
        return min((o.fact.method for o in self.occurrences),
                   key=lambda m: METHOD_RANK.get(m, 9))

    @property
    def visible_occurrences(self) -> list[Occurrence]:
        return [o for o in self.occurrences if o.fact.visible]

    @property
    def min_depth(self) -> int | None:
        depths = [o.depth for o in self.visible_occurrences if o.depth is not None]
        return min(depths) if depths else None

    @property
    def visible(self) -> bool:
        return bool(self.visible_occurrences)

    def pages(self) -> list[Occurrence]:
        """One occurrence per page (the most usable one), in order of depth."""
        best: dict[str, Occurrence] = {}
        for o in self.occurrences:
            cur = best.get(o.url)
            if cur is None or _rank(o) < _rank(cur):
                best[o.url] = o
        return sorted(best.values(), key=lambda o: (o.depth is None, o.depth or 0, o.url))

    def data(self, key: str, default: Any = None) -> Any:
        """A detail from the first occurrence that has it (``kind``, ``display`` ...)."""
        for o in sorted(self.occurrences, key=_rank):
            if key in o.fact.data:
                return o.fact.data[key]
        return default


def _rank(o: Occurrence) -> tuple[int, int]:
    return (0 if o.fact.visible else 1, METHOD_RANK.get(o.fact.method, 9))


@dataclass
class SiteModel:
    """Everything checks may look at. Built once per audit by :meth:`build`."""

    start_url: str
    final_url: str
    pages: dict[str, PageInfo]
    links: dict[str, list[str]]
    facts: list[tuple[str, Fact]]
    complete: bool = True
    stop_reason: str = "finished"
    duration_s: float = 0.0
    warnings: list[str] = field(default_factory=list)
    unread: list[dict[str, Any]] = field(default_factory=list)
    """Pages the crawl wanted and could not read: ``url``, ``reason``, ``detail``, and
    ``partial`` for a page read only up to a point."""
    region: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    """Settings checks may read, from configuration (e.g. ``legal_profile``)."""
    render: dict[str, Any] = field(default_factory=dict)
    """How pages were rendered: ``mode``, ``available``, ``unavailable`` (why not)."""
    _contacts: dict[str, list[ContactItem]] = field(default_factory=dict, repr=False)
    _by_page: dict[str, list[Fact]] | None = field(default=None, repr=False)
    _by_kind: dict[str, list[tuple[str, Fact]]] | None = field(default=None, repr=False)

    @classmethod
    def build(
        cls,
        start_url: str,
        final_url: str,
        records: Iterable[Any],
        **kw: Any,
    ) -> SiteModel:
        """Merge page records (objects or dicts with url, status, links, facts ...)."""
        pages: dict[str, PageInfo] = {}
        links: dict[str, list[str]] = {}
        facts: list[tuple[str, Fact]] = []
        alias: dict[str, str] = {}
        for rec in records:
            get = rec.get if isinstance(rec, dict) else lambda k, d=None, r=rec: getattr(r, k, d)
            url = str(get("url"))
            for old in get("requested_as", None) or ():
                if old != url:
                    alias[old] = url
            if url in pages:
                continue
            pages[url] = PageInfo(url, int(get("status", 0)), get("title", "") or "",
                                  get("lang", "") or "", None, bool(get("from_sitemap", False)),
                                  bool(get("is_html", True)), None,
                                  bool(get("rendered", False)),
                                  str(get("render_reason", "") or ""),
                                  list(get("rendered_links", None) or ()))
            links[url] = list(get("links", None) or ())
            for f in get("facts", None) or ():
                facts.append((url, f if isinstance(f, Fact) else Fact.from_dict(f)))
        if alias:
            links = {u: [alias.get(t, t) for t in ts] for u, ts in links.items()}
        home = alias.get(final_url, final_url)
        if home not in pages:
            home = alias.get(start_url, start_url)
        _bfs(home, pages, links)
        return cls(start_url, final_url or start_url, pages, links, facts, **kw)

    # -- queries ----------------------------------------------------------------------------------

    def depth(self, url: str) -> int | None:
        info = self.pages.get(url)
        return info.depth if info else None

    def facts_of(self, kind: str) -> Iterator[tuple[str, Fact]]:
        """Every ``(page URL, fact)`` of one kind, in crawl order."""
        if self._by_kind is None:
            # Checks ask by kind dozens of times: index once instead of scanning every fact.
            self._by_kind = {}
            for u, f in self.facts:
                self._by_kind.setdefault(f.kind, []).append((u, f))
        return iter(self._by_kind.get(kind, ()))

    def facts_on(self, url: str) -> list[Fact]:
        """Every fact found on one page."""
        if self._by_page is None:
            self._by_page = {}
            for u, f in self.facts:
                self._by_page.setdefault(u, []).append(f)
        return self._by_page.get(url, [])

    def contacts(self, kind: str) -> list[ContactItem]:
        """Facts of ``kind`` merged by value (case-insensitively), nearest first."""
        if kind not in self._contacts:
            merged: dict[str, ContactItem] = {}
            for url, f in self.facts_of(kind):
                key = f.value.lower()
                item = merged.get(key)
                if item is None:
                    item = merged[key] = ContactItem(kind, f.value)
                item.occurrences.append(Occurrence(url, self.depth(url), f))
            self._contacts[kind] = sorted(
                merged.values(),
                key=lambda i: (i.min_depth is None, i.min_depth or 0, -len(i.occurrences)),
            )
        return self._contacts[kind]

    def rendered_only(self, item: ContactItem) -> bool:
        """Every occurrence of ``item`` was found only after a page's scripts ran."""
        return bool(item.occurrences) and all(o.fact.data.get("rendered")
                                              for o in item.occurrences)

    @property
    def html_pages(self) -> list[PageInfo]:
        return [p for p in self.pages.values() if p.is_html]

    @property
    def not_rendered(self) -> list[PageInfo]:
        """HTML pages that probably needed JavaScript to show their content and were read as
        their raw HTML (no browser, ``--render never``, a failed render, a stopped crawl)."""
        return [p for p in self.html_pages if p.render_reason and not p.rendered]

    def contact_pages(self) -> list[PageInfo]:
        """Pages that contact links point to, nearest first."""
        targets = {f.value for _, f in self.facts_of("contact_link")}
        found = [p for u, p in self.pages.items() if u in targets and p.is_html and p.status < 400]
        return sorted(found, key=lambda p: (p.depth is None, p.depth or 0, p.url))

    # -- persistence ------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "start_url": self.start_url,
            "final_url": self.final_url,
            "complete": self.complete,
            "stop_reason": self.stop_reason,
            "duration_s": self.duration_s,
            "warnings": self.warnings,
            "unread": self.unread,
            "region": self.region,
            "options": self.options,
            "render": self.render,
            "pages": [asdict(p) for p in self.pages.values()],
            "links": self.links,
            "facts": [[u, f.to_dict()] for u, f in self.facts],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SiteModel:
        pages = {p["url"]: PageInfo(**p) for p in d["pages"]}
        return cls(
            d["start_url"], d["final_url"], pages, d["links"],
            [(u, Fact.from_dict(f)) for u, f in d["facts"]],
            complete=d["complete"], stop_reason=d["stop_reason"],
            duration_s=d["duration_s"], warnings=d["warnings"], region=d.get("region"),
            unread=list(d.get("unread") or []),
            options=d.get("options") or {},
            render=d.get("render") or {},
        )


def _bfs(home: str, pages: dict[str, PageInfo], links: dict[str, list[str]]) -> None:
    # Shortest paths from the recorded graph: Scrapy's own depth is the first path found.
    if home not in pages:
        return
    pages[home].depth = 0
    queue = deque([home])
    while queue:
        url = queue.popleft()
        d = pages[url].depth
        assert d is not None
        for target in links.get(url, ()):
            info = pages.get(target)
            if info is not None and info.depth is None:
                info.depth = d + 1
                info.via = url
                queue.append(target)
