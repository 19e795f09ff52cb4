"""Opening hours and postal addresses: schema.org first, then visible text.

Hours are read in EN, DE, FR, ES, IT, NL, PT, PL and SV; addresses where the site's country
writes a postcode format that :mod:`checks.addresses` knows.

>>> from checks.api import SiteContext
>>> from crawler.page import Page
>>> det = PlaceDetector.from_context(SiteContext("https://acme.co.uk/"))
>>> page = Page.from_html("https://acme.co.uk/", "<footer><p>Unit 4, 12 Mill Lane<br>"
...     "Leeds LS1 4AB</p><p>Mon–Fri 9am–5pm, Sat 9am–noon</p></footer>")
>>> [(f.kind, f.value, f.method) for f in det.detect(page)]
[('opening_hours', 'Mo-Fr 09:00-17:00; Sa 09:00-12:00', 'text'), \
('address', 'Unit 4, 12 Mill Lane, Leeds, LS1 4AB', 'text')]

Hours are normalised the way schema.org ``openingHours`` writes them (``Mo-Fr 09:00-17:00``),
so the same hours found in JSON-LD and in the footer merge into one value. An address needs a
postcode in the site's country format *and* a street line above it (or a PO box, flagged
``po_box``): a wrong address is worse than none, so a town with a postcode is not one.
Day, time and street words are data (``checks/lexicons/places.json``). The grammars are
:mod:`checks.opening_hours` and :mod:`checks.addresses`; a schema.org item's hours and address
are read by :mod:`checks.parsers`, which the structured-data detector shares.

Facts: ``opening_hours`` (``data``: ``spec`` [{days, opens, closes}], ``raw`` as written,
``always`` for "24/7" and "open 7 days") and ``address`` (``data``: ``street``, ``postcode``,
``locality``, ``region``, ``country``, ``po_box``; ``street`` is empty for a PO box alone),
each with method ``structured_data`` (schema.org items of the page; not visible when in
JSON-LD) or ``text``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

from checks.addresses import text_addresses
from checks.api import SiteContext
from checks.facts import Fact, snippet_around
from checks.language import page_locale
from checks.opening_hours import Hours, text_hours
from checks.parsers import item_address, item_hours
from checks.reading import window
from checks.region import lang_region, tld_region
from checks.structured import organizations
from crawler.page import Page, css_path

__all__ = ["PlaceDetector"]


class PlaceDetector:
    """Opening hours and postal addresses of a page; see the module docstring."""

    id: ClassVar[str] = "places"

    def __init__(self, site_region: str | None = None) -> None:
        self.site_region = site_region

    @classmethod
    def from_context(cls, ctx: SiteContext) -> PlaceDetector:
        return cls((ctx.region or "").upper() or tld_region(ctx.start_url))

    def detect(self, page: Page) -> Iterator[Fact]:
        region = self.site_region or lang_region(page_locale(page))
        seen: set[tuple[str, str, str]] = set()
        for fact in [*self._structured(page, region), *self._text(page, region)]:
            key = (fact.kind, fact.value.lower(), fact.method)
            if key not in seen:
                seen.add(key)
                yield fact

    def _structured(self, page: Page, region: str | None) -> Iterator[Fact]:
        for syntax, item in organizations(page):
            visible = syntax != "json-ld"  # microdata and microformats mark up visible text
            hours = item_hours(item)
            if hours is not None:
                yield Fact("opening_hours", hours.value, "structured_data", "", "", hours.raw,
                           visible, {"spec": hours.spec, "raw": hours.raw, "always": False})
            addr = item_address(item, region)
            if addr is not None and (addr["street"] or addr["po_box"]):
                value = addr.pop("value")
                yield Fact("address", value, "structured_data", "", "", value, visible, addr)

    def _text(self, page: Page, region: str | None) -> Iterator[Fact]:
        elements: list[tuple[str, str, str]] | None = None
        for block in page.blocks:
            text = window(block.text)
            found_hours, found_addresses = _scan(text, region)
            for hours, start, end in found_hours:
                yield Fact("opening_hours", hours.value, "text", block.region, block.selector,
                           snippet_around(text, start, end), True,
                           {"spec": [dict(s) for s in hours.spec], "raw": hours.raw,
                            "always": hours.always})
            for found, start, end in found_addresses:
                addr = dict(found)
                value = addr.pop("value")
                where, selector = block.region, block.selector
                if elements is None:
                    elements = _address_elements(page)
                for el_text, el_selector, el_region in elements:
                    if addr["postcode"] in el_text:
                        where, selector = el_region, el_selector
                        break
                yield Fact("address", value, "text", where, selector,
                           snippet_around(text, start, end), True, addr)


_Scan = tuple[tuple[tuple[Hours, int, int], ...], tuple[tuple[dict[str, Any], int, int], ...]]
_cache: dict[tuple[str, str | None], _Scan] = {}
_CACHE_SIZE = 1024
_CACHE_TEXT = 4000  # headers and footers repeat on every page; main texts rarely do


def _scan(text: str, region: str | None) -> _Scan:
    """Hours and addresses of one block's text, cached for short texts."""
    key = (text, region)
    found = _cache.get(key)
    if found is None:
        found = (tuple(text_hours(text)), tuple(text_addresses(text, region)))
        if len(text) <= _CACHE_TEXT:
            if len(_cache) >= _CACHE_SIZE:
                del _cache[next(iter(_cache))]  # oldest first
            _cache[key] = found
    return found


_ADDRESS_TAG = re.compile(r"<address[\s>]", re.IGNORECASE)


def _address_elements(page: Page) -> list[tuple[str, str, str]]:
    """(text, selector, region) of each ``<address>`` element: a better selector."""
    if page.html is not None and not _ADDRESS_TAG.search(page.html):
        return []
    root = page.selector.root
    return [(el.text_content(), css_path(el), page.region_of(el))
            for el in root.iter("address")] if hasattr(root, "iter") else []
