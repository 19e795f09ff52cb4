"""Small helpers the built-in checks share: evidence lists and visible contact items.

>>> from checks.model import SiteModel
>>> site = SiteModel.build("https://a.test/", "https://a.test/", [])
>>> visible(site, "email"), clicks(0), clicks(2)
([], 'on the start page', '2 clicks away')
"""

from __future__ import annotations

from collections.abc import Iterable

from checks.api import Evidence
from checks.facts import Fact
from checks.model import ContactItem, SiteModel


def item_evidence(items: Iterable[ContactItem], limit: int = 5) -> list[Evidence]:
    """One evidence entry per contact item (its nearest page), at most ``limit``."""
    out: list[Evidence] = []
    for item in items:
        # Point at a page where a visitor sees it, not at JSON-LD nobody sees.
        pages = [o for o in item.pages() if o.fact.visible] or item.pages()
        for o in pages[:1]:
            out.append(Evidence(o.url, o.fact.selector, o.fact.snippet, item.value))
        if len(out) >= limit:
            break
    return out


def fact_evidence(facts: Iterable[tuple[str, Fact]], limit: int = 5) -> list[Evidence]:
    """Evidence for ``(url, fact)`` pairs, at most ``limit``."""
    out: list[Evidence] = []
    for url, f in facts:
        out.append(Evidence(url, f.selector, f.snippet, f.value))
        if len(out) >= limit:
            break
    return out


def visible(site: SiteModel, kind: str) -> list[ContactItem]:
    """Contact items of ``kind`` that a visitor can see on at least one page."""
    return [i for i in site.contacts(kind) if i.visible]


def said(site: SiteModel) -> list[tuple[str, Fact]]:
    """The reassuring (or off-putting) sentences a visitor reads on opening a page: not the
    ones a page keeps hidden until a dialog or an answer is opened, or for good (a form's
    reply hidden by its CSS is not a promise the visitor was given)."""
    return [(u, f) for u, f in site.facts_of("reassurance") if f.visible]


def voice_phones(site: SiteModel) -> list[ContactItem]:
    """Visible phone numbers one can call (faxes excluded)."""
    return [i for i in visible(site, "phone") if i.data("kind") != "fax"]


def clicks(depth: int) -> str:
    """Human wording of a click depth, as every report words it (:func:`reports.view.clicks`;
    a test keeps the two equal, as the checks do not import the reports)."""
    if depth == 0:
        return "on the start page"
    return f"{depth} click{'s' if depth > 1 else ''} away"
