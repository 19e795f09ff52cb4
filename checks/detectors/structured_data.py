"""Organisations, phones and emails in schema.org markup: JSON-LD, microdata, microformats.

>>> from checks.api import SiteContext
>>> from crawler.page import Page
>>> det = StructuredDataDetector.from_context(SiteContext("https://acme.com.au/"))
>>> page = Page.from_html("https://acme.com.au/", '<script type="application/ld+json">'
...     '{"@type": "Plumber", "name": "Acme", "contactPoint": {"@type": "ContactPoint", '
...     '"telephone": "+61-2-9876-5432", "contactType": "customer service"}}</script>')
>>> [(f.kind, f.value, f.data.get("contact_type")) for f in det.detect(page)]
[('organization', 'Acme', None), ('phone', '+61298765432', 'customer service')]

Every fact is the structured copy of a contact (``method="structured_data"``,
``visible=False``): a number a visitor also sees is reported by the phone detector too, and
the site model merges the two by value. The ``data`` of phone and email facts uses the keys of
the phone and email detectors (``kind``, ``display``, ``premium``; ``ascii``, ``noreply``),
plus ``contact_type`` when a ContactPoint names one. Numbers are read in the site's region,
then in the item's ``addressCountry``, then in the page language's country.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

import lxml.etree as etree

from checks.api import SiteContext
from checks.facts import Fact
from checks.language import page_locale
from checks.parsers import (
    default_region,
    is_noreply,
    item_address,
    item_hours,
    parse_mailto,
    read_tel,
)
from checks.region import lang_region
from checks.structured import (
    dicts,
    items_by_syntax,
    iter_items,
    iter_nodes,
    organizations,
    texts,
    types_of,
)
from crawler.page import Page, css_path

__all__ = ["StructuredDataDetector"]

_ADDRESS_KEYS = ("street", "postcode", "locality", "region", "country")
# One property sometimes holds several numbers: "0427 708 434 / 0432 863 654".
_SPLIT = re.compile(r"\s*(?:[,;/|]|\bor\b|\boder\b|\bou\b|\bo\b)\s*", re.IGNORECASE)
_PROPS = {"telephone": "phone", "faxNumber": "fax", "email": "email"}
_ITEMPROPS = etree.XPath(
    "//*[contains(@itemprop, 'telephone') or contains(@itemprop, 'email')"
    " or contains(@itemprop, 'faxNumber')]")
# Microdata values come from an attribute on these elements, from the text on the others.
_VALUE_ATTR = {"meta": "content", "a": "href", "link": "href", "area": "href", "data": "value",
               "time": "datetime", "img": "src", "object": "data"}


class StructuredDataDetector:
    """Organisation, phone and email facts from structured data; see the module docstring."""

    id: ClassVar[str] = "structured_data"

    def __init__(self, site_region: str | None = None) -> None:
        self.site_region = site_region

    @classmethod
    def from_context(cls, ctx: SiteContext) -> StructuredDataDetector:
        return cls(default_region(ctx.start_url, ctx.region))

    def detect(self, page: Page) -> Iterator[Fact]:
        by_syntax = items_by_syntax(page)
        microdata = page.html is None or "itemprop" in page.html
        if not any(by_syntax.values()) and not microdata:
            return
        regions = _Regions(self.site_region, by_syntax, page_locale(page))
        for syntax, item in organizations(page):
            yield _organization(syntax, item, regions)
        found = _Found()
        for item in iter_nodes(by_syntax["json-ld"]):
            for kind, raw, contact_type in _contacts(item):
                found.add(kind, raw, contact_type, regions.of(item), "", "")
        if microdata:
            for el, kind, raw in _microdata_contacts(page):
                shown = " ".join(el.text_content().split())
                found.add(kind, raw, _scope_contact_type(el), regions.of({}), page.region_of(el),
                          css_path(el), shown if any(c.isdigit() for c in shown) else "")
        for card in by_syntax["microformat"]:
            for kind, prop in (("phone", "tel"), ("email", "email")):
                for raw in texts(card.get(prop)):
                    found.add(kind, raw, "", regions.of({}), "", "")
        yield from found.facts()


class _Regions:
    """Where national numbers are read: the site's region, the item's country, the page's."""

    def __init__(self, site: str | None, by_syntax: dict[str, list[dict[str, Any]]],
                 lang: str) -> None:
        self.site = site
        self.page = next((c for items in by_syntax.values() for i in iter_items(items)
                          if (c := _country(i))), None)
        self.lang = lang_region(lang)

    def of(self, item: dict[str, Any]) -> list[str | None]:
        order = [self.site, _country(item), self.page, self.lang, None]
        return list(dict.fromkeys(order))


def _country(item: dict[str, Any]) -> str | None:
    node = item.get("address") if "address" in item else item
    if not isinstance(node, dict):
        return None
    code = next(iter(texts(node.get("addressCountry"))), "").upper()
    code = "GB" if code == "UK" else code
    return code if len(code) == 2 and code.isalpha() else None


def _contacts(item: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    """(kind, raw value, contact type) of an item's own telephone, faxNumber and email."""
    contact_type = next(iter(texts(item.get("contactType"))), "")
    for prop, kind in _PROPS.items():
        for raw in texts(item.get(prop)):
            yield kind, raw, contact_type


def _organization(syntax: str, item: dict[str, Any], regions: _Regions) -> Fact:
    region = regions.of(item)
    points = [_contact_point(cp, regions) for cp in dicts(item.get("contactPoint"))]
    addr = item_address(item, region[0])
    hours = item_hours(item)
    data: dict[str, Any] = {
        "types": sorted(types_of(item)),
        "syntax": syntax,
        "telephone": _values(_phones(texts(item.get("telephone")), region)),
        "email": [v.lower() for v in _values(_emails(texts(item.get("email"))))],
        "contact_points": points,
        "address": {k: addr[k] for k in _ADDRESS_KEYS} if addr else None,
        "opening_hours": [hours.value] if hours else [],
        "same_as": texts(item.get("sameAs")),
        "url": next(iter(texts(item.get("url"))), ""),
    }
    fax = _values(_phones(texts(item.get("faxNumber")), region))
    if fax:
        data["fax"] = fax
    name = next(iter(texts(item.get("name")) or texts(item.get("legalName"))), "")
    return Fact("organization", name, "structured_data", "", "", name, False, data)


def _contact_point(cp: dict[str, Any], regions: _Regions) -> dict[str, Any]:
    hours = item_hours(cp)
    return {
        "telephone": next(iter(_values(_phones(texts(cp.get("telephone")), regions.of(cp)))),
                          ""),
        "email": next(iter(_values(_emails(texts(cp.get("email"))))), "").lower(),
        "contact_type": next(iter(texts(cp.get("contactType"))), ""),
        "area_served": texts(cp.get("areaServed")),
        "hours": hours.value if hours else "",
    }


def _values(found: list[tuple[str, dict[str, Any]]]) -> list[str]:
    return list(dict.fromkeys(v for v, _ in found))


def _phones(raws: list[str], regions: list[str | None],
            shown: str = "") -> list[tuple[str, dict[str, Any]]]:
    """(E.164, phone data) of each valid number in ``raws``."""
    out: list[tuple[str, dict[str, Any]]] = []
    for raw in raws:
        number = raw.split(":", 1)[1] if raw[:4].lower() == "tel:" else raw
        one = _phone(number, regions, shown)
        if one is not None:
            out.append(one)
            continue
        for part in _SPLIT.split(number):
            found = _phone(part, regions, "") if sum(c.isdigit() for c in part) >= 5 else None
            if found is not None:
                out.append(found)
    return out


def _phone(number: str, regions: list[str | None],
           shown: str) -> tuple[str, dict[str, Any]] | None:
    display = shown or " ".join(number.split())
    for region in regions:
        found = read_tel(f"tel:{number}", display, region)
        if found is not None and found[0] == "phone":
            return found[1], dict(found[2])
    return None


def _emails(raws: list[str]) -> list[tuple[str, dict[str, Any]]]:
    out: list[tuple[str, dict[str, Any]]] = []
    for raw in raws:
        href = raw if raw[:7].lower() == "mailto:" else f"mailto:{raw}"
        for addr in parse_mailto(href):
            noreply = is_noreply(addr.value)
            out.append((addr.value, {"ascii": addr.ascii, "noreply": noreply}))
    return out


class _Found:
    """Phone and email facts of one page, one per value; the first seen wins, a later one
    may add the contact type."""

    def __init__(self) -> None:
        self.seen: dict[tuple[str, str], Fact] = {}

    def add(self, kind: str, raw: str, contact_type: str, regions: list[str | None],
            region: str, selector: str, shown: str = "") -> None:
        if kind == "email":
            pairs = [(v, d, v) for v, d in _emails([raw])]
            fact_kind = "email"
        else:
            pairs = [(v, d, d.get("display", "")) for v, d in _phones([raw], regions, shown)]
            fact_kind = "phone"
        for value, data, snippet in pairs:
            if kind == "fax":
                data["kind"] = "fax"
            key = (fact_kind, value.lower())
            fact = self.seen.get(key)
            if fact is None:
                if contact_type:
                    data["contact_type"] = contact_type
                self.seen[key] = Fact(fact_kind, value, "structured_data", region, selector,
                                      snippet, False, data)
            elif contact_type and "contact_type" not in fact.data:
                fact.data["contact_type"] = contact_type

    def facts(self) -> Iterator[Fact]:
        yield from (f for f in self.seen.values() if f.kind == "phone")
        yield from (f for f in self.seen.values() if f.kind == "email")


def _microdata_contacts(page: Page) -> Iterator[tuple[Any, str, str]]:
    """(element, kind, raw value) of each ``itemprop`` telephone, faxNumber and email, also
    outside any ``itemscope`` (extruct drops those)."""
    root = page.selector.root
    if not isinstance(root, etree._Element):
        return
    for el in _ITEMPROPS(root):
        props = (el.get("itemprop") or "").split()
        for prop in props:
            kind = _PROPS.get(prop)
            if kind is None:
                continue
            attr = _VALUE_ATTR.get(el.tag) if isinstance(el.tag, str) else None
            raw = (el.get(attr) or "") if attr else el.text_content()
            if raw.strip():
                yield el, kind, " ".join(raw.split())


def _scope_contact_type(el: Any) -> str:
    """The ``contactType`` of the item the element belongs to, if it says one."""
    scope = _scope(el)
    if scope is None:
        return ""
    for prop in scope.iter():
        if "contactType" in (prop.get("itemprop") or "").split() and _scope(prop) is scope:
            attr = _VALUE_ATTR.get(prop.tag)
            value = (prop.get(attr) or "") if attr else prop.text_content()
            return " ".join(value.split())
    return ""


def _scope(el: Any) -> Any:
    """The element that opens the item ``el`` is a property of (its nearest itemscope)."""
    return next((a for a in el.iterancestors() if a.get("itemscope") is not None), None)
