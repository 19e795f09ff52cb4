"""Persons in structured data: schema.org ``Person`` items (also ``employee``, ``founder``,
``member`` and a ``contactPoint`` named after a person; an ``author`` only when also staff) and
h-cards."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checks.detectors.persons.contacts import phones_in, unique
from checks.detectors.persons.names import clean_name, fold
from checks.facts import Fact
from checks.parsers import parse_mailto
from checks.structured import structured_items, types_of
from crawler.page import Page, derived

_WORK_TYPES = frozenset({
    "Review", "Comment", "BlogPosting", "Article", "NewsArticle", "CreativeWork", "Rating",
    "AggregateRating", "Question", "Answer", "WebPage", "Recipe", "Book", "Movie", "Event",
})  # fmt: skip
_AUTHOR_KEYS = frozenset({"author", "creator", "reviewer", "editor", "contributor", "review",
                          "itemReviewed", "comment"})
_STAFF_KEYS = frozenset({"employee", "employees", "founder", "founders", "member", "members",
                         "contactPoint", "owner"})


@derived
def _folded_text(page: Page) -> str:
    return fold(page.text)


def structured_persons(page: Page) -> Iterator[tuple[dict[str, Any], str]]:
    """(person-like item, source) for every person in the page's structured data."""
    items = structured_items(page)
    authors = _author_ids(items)
    for item in items:
        if item.get("@type") == "h-card":
            yield item, "hcard"
            continue
        for person, source in _walk(item, None, False):
            # A graph lists the blog's author once and points at it by @id from the posts.
            if person.get("@id") not in authors or _is_staff(person):
                yield person, source


def _author_ids(node: Any, key: str | None = None) -> set[str]:
    """The @ids that authors, reviewers and the like point at."""
    out: set[str] = set()
    if isinstance(node, list):
        for x in node:
            out |= _author_ids(x, key)
    elif isinstance(node, dict):
        ref = node.get("@id")
        if key in _AUTHOR_KEYS and isinstance(ref, str):
            out.add(ref)
        for k, v in node.items():
            if isinstance(v, (dict, list)):
                out |= _author_ids(v, k)
    return out


def _is_staff(node: dict[str, Any]) -> bool:
    return "jobTitle" in node or "worksFor" in node


def _walk(node: Any, key: str | None, in_work: bool) -> Iterator[tuple[dict[str, Any], str]]:
    """Persons under ``node``; authors and reviewers of works only when also staff."""
    if isinstance(node, list):
        for x in node:
            yield from _walk(x, key, in_work)
        return
    if not isinstance(node, dict):
        if isinstance(node, str) and key in _STAFF_KEYS:
            yield {"name": node}, "schema"
        return
    types = types_of(node)
    person = "Person" in types or (key in _STAFF_KEYS and "name" in node
                                   and not types - {"ContactPoint"})
    if person and (key in _STAFF_KEYS or _is_staff(node) or not (key in _AUTHOR_KEYS or in_work)):
        yield node, "schema"
    in_work = in_work or bool(types & _WORK_TYPES)
    for k, v in node.items():
        if isinstance(v, (dict, list)) or (k in _STAFF_KEYS and isinstance(v, str)):
            yield from _walk(v, k, in_work)


def _first(value: Any) -> str:
    while isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("value") or value.get("name") or ""
    return str(value).strip() if value else ""


def _values(value: Any) -> list[str]:
    out = []
    for v in value if isinstance(value, list) else [value]:
        if isinstance(v, dict):
            v = v.get("value") or v.get("url") or ""
        if isinstance(v, str) and v.strip():
            out.append(v.strip())
    return out


def person_from_item(page: Page, item: dict[str, Any], source: str,
                     region: str | None) -> Fact | None:
    """The ``person`` fact of one structured item (schema.org or h-card), or None."""
    hcard = source == "hcard"
    raw = _first(item.get("name")) or " ".join(filter(None, (
        _first(item.get("given-name" if hcard else "givenName")),
        _first(item.get("family-name" if hcard else "familyName")))))
    name = clean_name(raw) if raw else None
    if name is None or (hcard and fold(_first(item.get("org"))) == fold(raw)):
        return None  # no person, or an organisation's card
    role = _first(item.get("job-title" if hcard else "jobTitle"))
    if not role and not hcard:
        role = _first(item.get("contactType"))
    emails = [a.value.lower() for v in _values(item.get("email"))
              for a in parse_mailto(v if v[:7].lower() == "mailto:" else "mailto:" + v)]
    phones = [p for v in _values(item.get("tel" if hcard else "telephone"))
              for p in phones_in(v.split(":", 1)[1] if v[:4].lower() == "tel:" else v,
                               region, whole=True)]
    visible = hcard or fold(name) in _folded_text(page)
    return Fact(
        "person", name, "microformat" if hcard else "structured_data", "main",
        ".h-card" if hcard else 'script[type="application/ld+json"]', raw[:120], visible,
        {"role": role, "source": source, "business_name": False, "emails": unique(emails),
         "phones": unique(phones), "photo": bool(item.get("photo") or item.get("image"))},
    )

