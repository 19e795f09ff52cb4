"""A heading that is a title and a name and nothing else ("Dra. Maria Helena Castro Lima",
"Dr. Vasconcellos", "mgr Joanna Wiśniewska"): a practitioner's card, in any language.

The title vouches for the person, so the given name need not be a known one and the surname
alone is enough after it; a heading holding anything else (a sentence, a product) is no card.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import lxml.etree as etree

from checks.detectors.persons.names import TITLE_RUN, TITLED_LINE, clean_name, titled
from checks.detectors.persons.prose import ROLE_ANY
from checks.detectors.persons.reader import Candidate
from crawler.page import Page, TextBlock

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_NAME_TAGS = (*_HEADINGS, "strong", "b", "dt")
_TITLE_AT = re.compile(rf"\s*(?P<title>{TITLE_RUN})")
_MAX = 80  # characters of a titled name heading
_ROLE_LINE = 6  # words of a role line under the name ("Cardiologista", "Fachärztin für ...")


def titled_headings(page: Page) -> Iterator[Candidate]:
    """Each heading (or bold line) of the page that is a titled name."""
    root = page.selector.root
    if not isinstance(root, etree._Element):
        return
    for el in root.iter(*_NAME_TAGS):
        text = " ".join(el.text_content().split())
        if not 3 < len(text) <= _MAX or not titled(text):
            continue
        nm = TITLED_LINE.match(text)
        region = page.region_of(el)
        if nm is None or region == "nav":
            continue
        name = clean_name(nm.group("names"), allow_single=True, most=5)
        if name is None:
            continue
        block = TextBlock(region, text, "")
        yield Candidate(name, nm.group("names"), _role(el, text), "team_card", block, text, 0,
                        el=el)


def _role(el: etree._Element, text: str) -> str:
    """The role line after the name ("Cardiologista"), else the title ("Dra.")."""
    nxt = el.getnext()
    while nxt is not None and not isinstance(nxt.tag, str):
        nxt = nxt.getnext()
    if nxt is not None and nxt.tag not in _HEADINGS:
        line = " ".join(nxt.text_content().split())
        if len(line.split()) <= _ROLE_LINE and ROLE_ANY.search(line) is not None:
            return line
    title = _TITLE_AT.match(text)
    return " ".join(title.group("title").split()) if title else ""
