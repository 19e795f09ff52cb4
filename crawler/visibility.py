"""Which elements a page's own CSS hides from every visitor.

A form's success message (``.success-state{display:none}`` until the form is sent), a cookie
banner's second layer or a template kept for a script is in the HTML but not on the screen.
Its text is not what a visitor reads, so it must not count as the site's promise or contact.
Only rules that hide an element whatever the screen and its state count: top-level rules and
rules under ``@media all`` / ``screen``, whose selectors name no state (``:hover``,
``:target``, ``.open`` toggled by a script cannot be known here and are kept visible unless a
stateless rule hides them). A stateless rule that shows the element again wins over a hiding
one only by coming later with the same or higher weight, as the cascade says; importance and
specificity are compared as a browser does. A rule that shows it on some screens only
(``.d-none.d-lg-block``: shown on wide screens) leaves it visible: some visitors see it; so
does a rule that shows it in a state a script sets (``.carousel-item.active``: the other
slides of a carousel, the other tabs).

>>> from lxml import html
>>> root = html.fromstring("<div><p class='ok'>Sent!</p><p id='x'>Hi</p><p>Shown</p>"
...                        "<p class='wide'>Wide</p></div>")
>>> sheet = (".ok{display:none} #x{visibility:hidden} @media (max-width:400px){p{display:none}}"
...          " .wide{display:none} @media (min-width:992px){.wide{display:block}}")
>>> sorted(el.text for el in hidden_elements(root, [sheet]))
['Hi', 'Sent!']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin

import lxml.html
import tinycss2
from cssselect import HTMLTranslator, SelectorError, parse
from lxml import etree

__all__ = ["drop_keep_tail", "hidden_elements", "linked_stylesheets", "outermost"]

_TRANSLATOR = HTMLTranslator()
# Media that include an ordinary screen: rules under any other condition (a width, print)
# hide for some visitors only.
_ALL_SCREENS = {"all", "screen", "only screen"}


@dataclass(frozen=True, slots=True)
class _Rule:
    xpath: str
    hides: bool
    weight: tuple[int, int, int, int, int]
    """(important, ids, classes, types, order): what the cascade compares."""
    some_screens: bool
    """Under a media condition that only some screens meet."""


def hidden_elements(root: etree._Element, sheets: Iterable[str]) -> set[etree._Element]:
    """Elements under ``root`` that the style sheets' stateless rules hide (not their
    descendants: what is inside a hidden element is hidden with it)."""
    decided: dict[etree._Element, _Rule] = {}
    shown_somewhere: list[_Rule] = []
    for rule in _rules(sheets):
        if rule.some_screens:
            if not rule.hides:
                shown_somewhere.append(rule)
            continue
        for el in _matches(root, rule):
            best = decided.get(el)
            if best is None or rule.weight >= best.weight:
                decided[el] = rule
    hidden = {el: rule for el, rule in decided.items() if rule.hides}
    for rule in shown_somewhere:
        for el in _matches(root, rule):
            if el in hidden and rule.weight[:4] >= hidden[el].weight[:4]:
                del hidden[el]
    return set(hidden)


def linked_stylesheets(root: etree._Element, base: str) -> list[str]:
    """Absolute URLs of the style sheets a page links to for screens, in document order.

    >>> from lxml import html
    >>> linked_stylesheets(html.fromstring(
    ...     "<head><link rel='stylesheet' href='/a.css'><link rel='preload' href='b.css'>"
    ...     "<link rel='Stylesheet' media='print' href='p.css'>"
    ...     "<link rel='alternate stylesheet' href='alt.css'>"
    ...     "<link rel='stylesheet' media='screen and (min-width: 40em)' href='s.css'></head>"),
    ...     "https://a.test/x/")
    ['https://a.test/a.css', 'https://a.test/x/s.css']
    """
    out = []
    for el in root.iter("link"):
        rel = (el.get("rel") or "").lower().split()
        href = (el.get("href") or "").strip()
        media = (el.get("media") or "all").lower()
        if "stylesheet" in rel and "alternate" not in rel and href and "print" not in media:
            url = urljoin(base, href).split("#", 1)[0]
            if url.startswith(("http://", "https://")):
                out.append(url)
    return out


def _matches(root: etree._Element, rule: _Rule) -> list[etree._Element]:
    try:
        found = root.xpath(rule.xpath)
    except etree.XPathError:
        return []
    return [el for el in found if isinstance(el, etree._Element)] if isinstance(found, list) \
        else []


def _rules(sheets: Iterable[str]) -> Iterator[_Rule]:
    order = 0
    for sheet in sheets:
        if "none" not in sheet and "hidden" not in sheet and "display" not in sheet:
            continue  # nothing here can hide or show anything
        for node, some in _qualified(tinycss2.parse_stylesheet(
                sheet, skip_comments=True, skip_whitespace=True), False):
            effect = _effect(node)
            if effect is None:
                continue
            hides, important = effect
            prelude = tinycss2.serialize(node.prelude)
            for selector, spec in _selectors(prelude):
                order += 1
                yield _Rule(selector, hides, (int(important), *spec, order), some)
            if not hides:
                # ".carousel-item.active{display:block}": the other slides, tabs and panels
                # are shown when a script makes them active; a visitor sees them then.
                for selector, spec in _in_a_state(prelude):
                    yield _Rule(selector, False, (int(important), *spec, order), True)


def _qualified(nodes: list[Any], some: bool) -> Iterator[tuple[Any, bool]]:
    """Each style rule, and whether a media condition limits it to some screens; rules for
    print or other media than screens are left out."""
    for node in nodes:
        if node.type == "qualified-rule":
            yield node, some
        elif node.type == "at-rule" and node.lower_at_keyword == "media" and node.content:
            media = tinycss2.serialize(node.prelude).strip().lower()
            if "print" in media or "speech" in media:
                continue
            yield from _qualified(tinycss2.parse_rule_list(
                node.content, skip_comments=True, skip_whitespace=True),
                some or media not in _ALL_SCREENS)


def _effect(rule: Any) -> tuple[bool, bool] | None:
    """(hides, important) when the rule sets ``display`` or ``visibility``, else None."""
    effect = None
    for decl in tinycss2.parse_declaration_list(
            rule.content, skip_comments=True, skip_whitespace=True):
        if decl.type != "declaration" or decl.lower_name not in ("display", "visibility"):
            continue
        value = tinycss2.serialize(decl.value).strip().lower()
        if decl.lower_name == "display":
            effect = (value == "none", decl.important)
        elif value in ("hidden", "collapse"):
            effect = (True, decl.important)
        elif value == "visible" and effect is None:
            effect = (False, decl.important)
    return effect


# Class names scripts add to show a slide, a tab, a panel or a menu (Bootstrap, Foundation,
# Bulma and most hand-written carousels).
_STATE = re.compile(r"\.(?:active|show|in|open|current|selected|visible|expanded"
                    r"|is-active|is-open|is-visible|is-selected|is-expanded)(?![\w-])")
_LAST_COMPOUND = re.compile(r"[^\s>+~]+$")


@lru_cache(maxsize=4096)
def _in_a_state(prelude: str) -> tuple[tuple[str, tuple[int, int, int]], ...]:
    """For each selector of ``prelude`` whose last part names a state class, the selector
    without it (``.carousel-item.active`` -> ``.carousel-item``), with the full selector's
    specificity: the elements it would show once a script sets the state."""
    out = []
    for text in prelude.split(","):
        text = text.strip()
        last = _LAST_COMPOUND.search(text)
        if not last or not _STATE.search(last.group()):
            continue
        bare = _STATE.sub("", last.group())
        if not bare or bare in ("*",):
            continue
        full = _selectors(text)
        relaxed = _selectors(text[: last.start()] + bare)
        if full and relaxed:
            out.append((relaxed[0][0], full[0][1]))
    return tuple(out)


@lru_cache(maxsize=4096)
def _selectors(prelude: str) -> tuple[tuple[str, tuple[int, int, int]], ...]:
    """XPath and specificity of each stateless selector of a rule's prelude.

    The same framework rules recur on every page of a site, so each prelude is translated
    once: translating one takes about 0.25 ms, so a sheet with 50 hiding rules would cost
    12 ms a page, more than a plain Scrapy crawl spends on the page."""
    out = []
    try:
        selectors = parse(prelude)
    except SelectorError:
        return ()
    for selector in selectors:
        if selector.pseudo_element is not None or ":" in selector.canonical():
            continue  # ::before, :hover, :checked, :not(...): a state or a part, not the element
        try:
            xpath = _TRANSLATOR.selector_to_xpath(selector)
        except SelectorError:
            continue
        out.append((xpath, selector.specificity()))
    return tuple(out)


def drop_keep_tail(el: etree._Element) -> None:
    """Take ``el`` out of its tree, keeping the text that follows it."""
    if isinstance(el, lxml.html.HtmlElement):
        el.drop_tree()
        return
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    prev = el.getprevious()
    if tail:
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def outermost(els: Iterable[etree._Element]) -> list[etree._Element]:
    """The elements of ``els`` that are not inside another of them, in their order."""
    inside = set(els)
    return [el for el in els if not any(a in inside for a in el.iterancestors())]
