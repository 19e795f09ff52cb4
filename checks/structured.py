"""Structured data of a page (JSON-LD, microdata, microformats), parsed once per page.

extruct does the parsing, one syntax at a time, each only when the page has that syntax.
JSON-LD goes block by block with a fallback, because extruct loses every block of a page
when one is broken, and misses CDATA-wrapped blocks and upper-case ``type`` attributes.

>>> from crawler.page import Page
>>> page = Page.from_html("https://a.test/", '<script type="application/LD+JSON">'
...     '<![CDATA[{"@type": "Organization", "telephone": "tel:+442079460958"}]]></script>'
...     '<script type="application/ld+json">{"broken": </script>')
>>> structured_items(page)
[{'@type': 'Organization', 'telephone': 'tel:+442079460958'}]
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import lxml.etree as etree
from extruct.jsonld import JsonLdExtractor
from extruct.microformat import MicroformatExtractor
from extruct.w3cmicrodata import MicrodataExtractor

from crawler.page import Page, derived

_CDATA = re.compile(r"^\s*(?:<!--)?\s*(?://\s*)?<!\[CDATA\[(.*?)(?://\s*)?\]\]>\s*(?:-->)?\s*$",
                    re.DOTALL)
_JSONLD = JsonLdExtractor()
_MICRODATA = MicrodataExtractor()
_MICROFORMAT = MicroformatExtractor()
# One search with a literal prefix: re skips to each "h-" as fast as str.find, where four
# substring tests would read the whole page four times.
_HROOTS = re.compile("h-(?:card|entry|event|review)")
_HCARD = re.compile(r"""class\s*=\s*["'][^"']*\bh-(?:card|entry|event|review)\b""")


@derived
def structured_items(page: Page) -> list[dict[str, Any]]:
    """Top-level items of every syntax, as JSON-LD-like dicts with ``@type``."""
    return [i for items in items_by_syntax(page).values() for i in items]


@derived
def items_by_syntax(page: Page) -> dict[str, list[dict[str, Any]]]:
    """The top-level items of each syntax (``json-ld``, ``microdata``, ``microformat``).

    >>> from crawler.page import Page
    >>> page = Page.from_html("https://a.test/", '<p itemscope itemtype="https://schema.org/'
    ...                       'Store"><span itemprop="name">Acme</span></p>')
    >>> items_by_syntax(page)
    {'json-ld': [], 'microdata': [{'@type': 'Store', 'name': 'Acme'}], 'microformat': []}
    """
    return {"json-ld": _jsonld(page), "microdata": _microdata(page),
            "microformat": _microformats(page)}


def _jsonld(page: Page) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for script in page.scripts:
        if script.type != "application/ld+json" or not script.text.strip():
            continue
        out.extend(_parse_block(script.text))
    return out


def _parse_block(text: str) -> list[dict[str, Any]]:
    m = _CDATA.match(text)
    if m:
        text = m.group(1)
    node = etree.Element("script", type="application/ld+json")
    node.text = text
    try:
        items = _JSONLD.extract_items(node)
    except Exception:  # extruct raises on broken blocks; try to salvage this one
        items = _salvage(text)
    return [_flatten_graph(i) for i in items if isinstance(i, dict)] if items else []


def _salvage(text: str) -> list[Any]:
    # Typical breakage: a trailing ';' or a stray character after the closing brace.
    start = min((i for i in (text.find("{"), text.find("[")) if i >= 0), default=-1)
    end = max(text.rfind("}"), text.rfind("]"))
    if start < 0 or end <= start:
        return []
    try:
        data = json.loads(text[start:end + 1], strict=False)
    except ValueError:
        return []
    return data if isinstance(data, list) else [data]


def _flatten_graph(item: dict[str, Any]) -> dict[str, Any]:
    graph = item.get("@graph")
    if isinstance(graph, list) and len(item) <= 2:
        return {"@type": "@graph", "@graph": [g for g in graph if isinstance(g, dict)]}
    return item


def _microdata(page: Page) -> list[dict[str, Any]]:
    root = page.selector.root
    # A substring test on the HTML is ten times cheaper than a walk of the tree.
    html = page.html
    if html is not None and "temscope" not in html and "TEMSCOPE" not in html:
        return []
    if not isinstance(root, etree._Element) or root.find(".//*[@itemscope]") is None:
        return []
    try:
        items = _MICRODATA.extract_items(root, page.url)
    except Exception:
        return []
    return [_from_microdata(i) for i in items if isinstance(i, dict)]


def _from_microdata(item: dict[str, Any]) -> dict[str, Any]:
    typ = item.get("type")
    types = typ if isinstance(typ, list) else [typ] if typ else []
    out: dict[str, Any] = {"@type": [str(t).rsplit("/", 1)[-1] for t in types]}
    for key, value in (item.get("properties") or {}).items():
        out[key] = ([_from_microdata(v) if isinstance(v, dict) else v for v in value]
                    if isinstance(value, list)
                    else _from_microdata(value) if isinstance(value, dict) else value)
    if len(out["@type"]) == 1:
        out["@type"] = out["@type"][0]
    return out


def _microformats(page: Page) -> list[dict[str, Any]]:
    html = page.html
    if not html or not _HROOTS.search(html) or not _HCARD.search(html):
        return []
    try:
        items = _MICROFORMAT.extract(page.html, base_url=page.url)
    except Exception:
        return []
    return [{"@type": (i.get("type") or ["h-?"])[0], **(i.get("properties") or {})}
            for i in items if isinstance(i, dict)]


def iter_items(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every item and nested item (``@graph``, ``employee``, ``contactPoint`` ...), flat.

    >>> [i["@type"] for i in iter_items([{"@type": "Organization",
    ...   "contactPoint": {"@type": "ContactPoint", "telephone": "+1"}}])]
    ['Organization', 'ContactPoint']
    """
    return [n for n in iter_nodes(items) if "@type" in n and n["@type"] != "@graph"]


def iter_nodes(items: list[Any]) -> Iterator[dict[str, Any]]:
    """Every object of JSON-LD-like data, typed or not, depth first in document order.

    >>> [sorted(n) for n in iter_nodes([{"@type": "Organization", "contactPoint":
    ...     [{"email": "hi@a.test"}]}])]
    [['@type', 'contactPoint'], ['email']]
    """
    stack: list[Any] = list(reversed(items))
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, dict):
            yield node
            stack.extend(reversed([v for v in node.values() if isinstance(v, (dict, list))]))


def types_of(item: dict[str, Any]) -> set[str]:
    """The item's types, without a schema.org prefix.

    >>> sorted(types_of({"@type": ["http://schema.org/Dentist", "LocalBusiness"]}))
    ['Dentist', 'LocalBusiness']
    """
    typ = item.get("@type")
    types = typ if isinstance(typ, list) else [typ]
    return {str(t).rsplit("/", 1)[-1] for t in types if t}


# schema.org types that are organisations even when they give no contact details; subtypes
# not listed here (Dentist, Plumber, Church ...) are recognised by their contact properties.
ORG_TYPES = frozenset({
    "Organization", "LocalBusiness", "Corporation", "NGO", "OnlineBusiness", "OnlineStore",
    "EducationalOrganization", "GovernmentOrganization", "MedicalOrganization",
    "NewsMediaOrganization", "PerformingGroup", "ProfessionalService", "SportsOrganization",
    "SportsClub", "SportsTeam", "Store", "Restaurant", "FoodEstablishment", "LegalService",
    "Attorney", "Notary", "FinancialService", "HomeAndConstructionBusiness", "MedicalBusiness",
    "HealthAndBeautyBusiness", "Dentist", "Physician", "Plumber", "Electrician",
    "GeneralContractor", "RoofingContractor", "HVACBusiness", "Locksmith", "HousePainter",
    "AutomotiveBusiness", "LodgingBusiness", "Hotel", "TravelAgency", "RealEstateAgent",
    "EmploymentAgency", "InsuranceAgency", "AccountingService", "Library", "Church",
    "PlaceOfWorship", "Airline", "Consortium", "Cooperative", "ResearchOrganization",
    "WorkersUnion", "PoliticalParty", "FundingScheme", "LibrarySystem", "Project",
    "MusicGroup", "TheaterGroup", "DanceGroup", "CollegeOrUniversity", "School",
    "Preschool", "ElementarySchool", "HighSchool", "MiddleSchool", "Optician",
    "ChildCare", "AnimalShelter", "ArchiveOrganization", "Campground", "AutoRepair",
    "Bakery", "CafeOrCoffeeShop", "BarOrPub", "Winery", "Brewery", "HairSalon",
    "BeautySalon", "DaySpa", "NailSalon", "Florist", "Pharmacy", "VeterinaryCare",
})  # fmt: skip
# Types that carry an address or a telephone without being the site's organisation.
NOT_ORG_TYPES = frozenset({
    "Person", "WebSite", "WebPage", "ContactPage", "AboutPage", "FAQPage", "QAPage",
    "ItemPage", "CollectionPage", "ProfilePage", "SearchResultsPage", "CheckoutPage",
    "MedicalWebPage", "RealEstateListing", "BreadcrumbList", "ListItem", "ItemList",
    "SiteNavigationElement", "WPHeader", "WPFooter", "WPSideBar", "Article", "NewsArticle",
    "BlogPosting", "Blog", "Report", "Product", "Offer", "AggregateOffer", "Review",
    "AggregateRating", "Rating", "ImageObject", "VideoObject", "Event", "Place", "City",
    "Country", "State", "AdministrativeArea", "PostalAddress", "ContactPoint",
    "GeoCoordinates", "GeoShape", "OpeningHoursSpecification", "Question", "Answer",
    "Service", "JobPosting", "Invoice", "Order", "ParcelDelivery", "Trip", "Reservation",
})  # fmt: skip
_ORG_SUFFIXES = ("Organization", "Business", "Store", "Service", "Club", "Agency")
_CONTACT_PROPS = ("address", "telephone", "email", "contactPoint", "faxNumber")


def is_organization(item: dict[str, Any]) -> bool:
    """Whether a schema.org item is an organisation (any subtype) the site may speak for.

    >>> is_organization({"@type": "Plumber", "telephone": "+61427708434"})
    True
    >>> is_organization({"@type": "Person", "telephone": "+61427708434"})
    False
    """
    types = types_of(item)
    if types & ORG_TYPES or any(t.endswith(_ORG_SUFFIXES) and t not in _ORG_SUFFIXES
                                for t in types):
        return True
    if types & NOT_ORG_TYPES:
        return False
    return any(k in item for k in _CONTACT_PROPS)


def dicts(value: Any) -> list[dict[str, Any]]:
    """The objects of a value that may be one object or a list of them.

    >>> dicts([{"a": 1}, "x"]), dicts({"b": 2}), dicts(None)
    ([{'a': 1}], [{'b': 2}], [])
    """
    return [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, dict)]


def texts(value: Any) -> list[str]:
    """The non-empty strings of a property: a string, a list, or a ``name``/``@value`` node.

    >>> texts([" Acme ", {"@type": "City", "name": "Leeds"}, {"value": "x"}, 3, ""])
    ['Acme', 'Leeds', 'x', '3']
    """
    out: list[str] = []
    for v in value if isinstance(value, list) else [value]:
        if isinstance(v, dict):
            v = v.get("name") or v.get("@value") or v.get("value") or v.get("@id")
            if isinstance(v, list):
                out.extend(texts(v))
                continue
        if isinstance(v, (str, int, float)) and not isinstance(v, bool):
            s = " ".join(str(v).split())
            if s:
                out.append(s)
    return out


@derived
def organizations(page: Page) -> list[tuple[str, dict[str, Any]]]:
    """(syntax, item) for every organisation item of the page, nested ones included; memoised.

    h-cards of organisations (an ``org`` that is also the card's name, no job title) come
    back as schema.org-like dicts, so callers read one vocabulary.

    >>> from crawler.page import Page
    >>> page = Page.from_html("https://a.test/", '<script type="application/ld+json">'
    ...     '{"@type": "Blog", "publisher": {"@type": "Dentist", "name": "Smile"}}</script>')
    >>> [(s, i["name"]) for s, i in organizations(page)]
    [('json-ld', 'Smile')]
    """
    orgs: list[tuple[str, dict[str, Any]]] = []
    for syntax, items in items_by_syntax(page).items():
        if syntax == "microformat":
            orgs.extend((syntax, c) for c in map(_hcard_org, items) if c is not None)
            continue
        seen: set[int] = set()
        for item in iter_items(items):
            if id(item) not in seen and is_organization(item):
                seen.add(id(item))
                orgs.append((syntax, item))
    return orgs


def _mf_first(value: Any) -> str:
    found = texts(value.get("properties", {}).get("name") if isinstance(value, dict)
                  and "properties" in value and not value.get("value") else value)
    return found[0] if found else ""


def _hcard_org(item: dict[str, Any]) -> dict[str, Any] | None:
    if item.get("@type") != "h-card":
        return None
    org, name = _mf_first(item.get("org")), _mf_first(item.get("name"))
    if not org or (name and name != org) or item.get("job-title") or item.get("role"):
        return None  # a person's card, perhaps naming their employer
    props: dict[str, Any] = dict(item)
    for adr in item.get("adr") or []:
        if isinstance(adr, dict) and isinstance(adr.get("properties"), dict):
            props = {**adr["properties"], **props}
            break
    out: dict[str, Any] = {"@type": "h-card", "name": org}
    for key, prop in (("telephone", "tel"), ("email", "email"), ("url", "url")):
        if item.get(prop):
            out[key] = texts(item[prop])
    address = {key: _mf_first(props.get(prop)) for key, prop in (
        ("streetAddress", "street-address"), ("postOfficeBoxNumber", "post-office-box"),
        ("postalCode", "postal-code"), ("addressLocality", "locality"),
        ("addressRegion", "region"), ("addressCountry", "country-name"))}
    if any(address.values()):
        out["address"] = {"@type": "PostalAddress", **{k: v for k, v in address.items() if v}}
    return out
