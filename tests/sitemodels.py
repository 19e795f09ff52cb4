"""Hand-built site models for check tests: no crawl, no server.

>>> s = site({"/": ["/contact"], "/contact": []},
...          {"/contact": [Fact("email", "hi@a.test", "mailto", "main")]})
>>> [(e.value, e.min_depth) for e in s.contacts("email")]
[('hi@a.test', 1)]
"""

from __future__ import annotations

from typing import Any

from checks.facts import Fact
from checks.model import SiteModel

BASE = "https://a.test"


def url(path: str) -> str:
    return path if "://" in path else BASE + path


def site(
    links: dict[str, list[str]],
    facts: dict[str, list[Fact]] | None = None,
    *,
    titles: dict[str, str] | None = None,
    status: dict[str, int] | None = None,
    start: str = "/",
    **kw: Any,
) -> SiteModel:
    """A site whose pages are the keys of ``links`` (paths or URLs), start page ``start``.

    ``facts`` maps a page to the facts found on it; ``kw`` goes to :meth:`SiteModel.build`
    (``region``, ``options``, ``complete`` ...).
    """
    facts = facts or {}
    records = [
        {"url": url(p), "status": (status or {}).get(p, 200), "title": (titles or {}).get(p, ""),
         "links": [url(t) for t in targets], "facts": list(facts.get(p, []))}
        for p, targets in links.items()
    ]
    return SiteModel.build(url(start), url(start), records, **kw)


def fact(kind: str, value: str, /, method: str = "text", region: str = "main",
         **data: Any) -> Fact:
    """A fact with a selector and snippet filled in, ``data`` from keyword arguments
    (``kind=`` among them: ``kind`` and ``value`` are positional only)."""
    visible = data.pop("visible", True)
    return Fact(kind, value, method, region, f"{region} p", value[:60], visible, data)
