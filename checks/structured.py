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
from typing import Any

import lxml.etree as etree
from extruct.jsonld import JsonLdExtractor
from extruct.microformat import MicroformatExtractor
from extruct.w3cmicrodata import MicrodataExtractor

from crawler.page import Page

_CDATA = re.compile(r"^\s*(?:<!--)?\s*(?://\s*)?<!\[CDATA\[(.*?)(?://\s*)?\]\]>\s*(?:-->)?\s*$",
                    re.DOTALL)
_JSONLD = JsonLdExtractor()
_MICRODATA = MicrodataExtractor()
_MICROFORMAT = MicroformatExtractor()
_HCARD = re.compile(r"""class\s*=\s*["'][^"']*\bh-(?:card|entry|event|review)\b""")


def structured_items(page: Page) -> list[dict[str, Any]]:
    """Top-level items of every syntax, as JSON-LD-like dicts with ``@type``; memoised."""
    cached = page.extras.get("structured_items")
    if cached is None:
        cached = page.extras["structured_items"] = [
            *_jsonld(page), *_microdata(page), *_microformats(page)]
    items: list[dict[str, Any]] = cached
    return items


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
    if not page.html or not _HCARD.search(page.html):
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
    out: list[dict[str, Any]] = []
    stack: list[Any] = list(reversed(items))
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, dict):
            if "@type" in node and node["@type"] != "@graph":
                out.append(node)
            stack.extend(reversed([v for k, v in node.items() if isinstance(v, (dict, list))]))
    return out


def types_of(item: dict[str, Any]) -> set[str]:
    """The item's types, without a schema.org prefix.

    >>> sorted(types_of({"@type": ["http://schema.org/Dentist", "LocalBusiness"]}))
    ['Dentist', 'LocalBusiness']
    """
    typ = item.get("@type")
    types = typ if isinstance(typ, list) else [typ]
    return {str(t).rsplit("/", 1)[-1] for t in types if t}
