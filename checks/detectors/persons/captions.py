"""A name in an element of its own whose next element opens with a role: a brand ("<strong>Jane
Roe</strong><span>Dietitian</span>"), a photo caption ("<h5>Jane Roe</h5><p>speech therapist,
...</p>"), a card with the role under the name.

The markup says where the name ends and the role begins, so the role may run on (a list of
qualifications, a phone number on the same line) where the text reader, which sees one line,
cannot tell a card from a sentence. The given name must be a known one or a title must stand
before it, or the card must be a portrait card: a photo, the name, a line that is a role and
nothing else (a colleague whose given name no list knows, beside the others).
"""

from __future__ import annotations

from collections.abc import Iterator

import lxml.etree as etree

from checks.detectors.persons.layout import card_of, has_photo, named_portrait
from checks.detectors.persons.names import NAME_LINE, clean_name, known_name, titled
from checks.detectors.persons.prose import ROLE_LINE
from checks.detectors.persons.reader import Candidate
from crawler.page import Page, TextBlock

_NAME_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "dt")
# Wrappers a name may sit in and still be the name alone ("<span><strong>Name</strong></span>").
_WRAPPERS = frozenset({"span", "a", "div", "p", "strong", "b", "em", "i", "small"})
_MAX = 60  # characters of a name element
_ROLE_WORDS = 6  # words of the role as reported: the first clause of the next element
_ALONE = 3  # words of a role line that is nothing but the role ("Medical Secretary")


def role_captions(page: Page) -> Iterator[Candidate]:
    """Each element that is a known (or titled) name followed by an element opening with a
    role word."""
    root = page.selector.root
    if not isinstance(root, etree._Element):
        return
    for el in root.iter(*_NAME_TAGS):
        text = " ".join(el.text_content().split())
        if not 3 < len(text) <= _MAX:
            continue
        nm = NAME_LINE.match(text)
        name = clean_name(nm.group("names")) if nm is not None else None
        if nm is None or name is None:
            continue
        nxt = _next_element(el, text)
        if nxt is None:
            continue
        line = " ".join(nxt.text_content()[:300].split())
        card = card_of(el)
        if ROLE_LINE.match(line) is None and not (
                # A portrait that names a known name ("<img alt='Jane Roe'>") over a short
                # line: that line is the role, whatever it says ("Higienista dental"); a
                # service's card names its picture too ("Estate Planning").
                len(line.split()) <= _ROLE_WORDS and line[-1:] not in ".!?"
                and (known_name(name) or titled(text)) and named_portrait(card, name)):
            continue
        sure = known_name(name) or titled(text)
        if not sure and not (len(line.split()) <= _ALONE and has_photo(card, name)):
            continue
        region = page.region_of(el)
        if region == "nav":
            continue
        block = TextBlock(region, text, "")
        yield Candidate(name, nm.group("names"), _role(line), "team_card", block, text, 0, el=el,
                        vouched=not sure)


def _next_element(el: etree._Element, text: str) -> etree._Element | None:
    """The element after the name, climbing wrappers that hold the name alone."""
    box = el
    for _ in range(3):
        nxt = box.getnext()
        if nxt is not None:
            # Text between the two (" , ", "is") makes them one sentence, not a card.
            tail = (box.tail or "").strip(" \t\n\xa0|–—-")
            return nxt if not tail else None
        parent = box.getparent()
        if (parent is None or parent.tag not in _WRAPPERS
                or " ".join(parent.text_content().split()) != text):
            return None
        box = parent
    return None


def _role(line: str) -> str:
    """The role as written: the next element's first clause, a few words."""
    for stop in (",", ";", "|", " - ", " – ", "\n", "."):
        line = line.split(stop, 1)[0]
    return " ".join(line.split()[:_ROLE_WORDS])
