"""Persons told by the page's headings and its copyright line, in any language:

- a heading that is a titled name and nothing else ("Dra. Maria Helena Castro Lima Duarte",
  "Dr. Vasconcellos", "mgr Joanna Wiśniewska"): a practitioner's card, the surname alone
  enough after the title;
- a team section ("Team", "Chi siamo", "O mnie") whose paragraph opens with a full name and
  goes on in lower case ("Lotte Verbeeck studeerde ... af als kinesitherapeute"): a sole
  practitioner's bio;
- the copyright line's holder when it is a person ("© 2024 Lotte Verbeeck & Kinepraktijk"),
  as small practices write it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import lxml.etree as etree

from checks.detectors.persons.lexicon import COPYRIGHT
from checks.detectors.persons.lexicon import char_pattern as _char
from checks.detectors.persons.names import (
    GAP,
    LO,
    NAME_LINE,
    TITLE_RUN,
    UP,
    clean_name,
    known_name,
    titled,
)
from checks.detectors.persons.prose import COMPANY_AFTER, ROLE_ANY, TEAM_WORDS, sentence_around
from checks.detectors.persons.reader import Candidate
from checks.patterns import trie
from crawler.page import Page, TextBlock

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_NAME_TAGS = (*_HEADINGS, "strong", "b", "dt")
_WORD = rf"[{UP}][{LO}]+(?:-[{UP}][{LO}]+)?"
_PARTICLE = r"(?:van|von|der|den|de|del|della|di|da|du|des|la|le|ten|ter|zu|dos|das)"
# A full name: two to four capitalised words, particles between them.
_FULL = rf"{_WORD}(?:{GAP}(?:{_PARTICLE}{GAP}){{0,2}}{_WORD}){{1,3}}"
# A bio's first words: the name, then the sentence goes on in lower case or after a comma.
_BIO_OPEN = re.compile(rf"\s*(?:{TITLE_RUN})?(?P<name>{_FULL})(?=\s*,|{GAP}[{LO}])")
_COPYRIGHT = re.compile(
    rf"(?i:{trie(COPYRIGHT, _char)})\s*(?:\d{{4}}(?:\s*[-–]\s*\d{{4}})?\s*[,.]?\s*)?"
    rf"(?P<name>{_FULL})(?=\s*(?:$|[&|,.·•–—(-]|\d{{4}}))",
    re.MULTILINE,
)
_TITLE_AT = re.compile(rf"\s*(?P<title>{TITLE_RUN})")
_SECTION_WORDS = 4  # a team section's heading is a few words
_BIO_BLOCKS = 3  # blocks after the heading that may hold the bio


def _root(page: Page) -> etree._Element | None:
    root = page.selector.root
    return root if isinstance(root, etree._Element) else None


def _text(el: etree._Element) -> str:
    return " ".join(el.text_content().split())


def titled_headings(page: Page) -> Iterator[Candidate]:
    """A heading that is a title and a name, and nothing else: a practitioner's card."""
    root = _root(page)
    if root is None:
        return
    for el in root.iter(*_NAME_TAGS):
        text = _text(el)
        if not 3 < len(text) <= 80 or not titled(text):
            continue
        nm = NAME_LINE.match(text)
        region = page.region_of(el)
        if nm is None or region == "nav":
            continue
        name = clean_name(nm.group("names"), allow_single=True)
        if name is None:
            continue
        block = TextBlock(region, text, "")
        yield Candidate(name, nm.group("names"), _card_role(el, text), "team_card", block, text,
                        0, el=el)


def _card_role(el: etree._Element, text: str) -> str:
    """The role line after a titled name ("Cardiologista"), else the title ("Dra.")."""
    nxt = el.getnext()
    while nxt is not None and not isinstance(nxt.tag, str):
        nxt = nxt.getnext()
    if nxt is not None and nxt.tag not in _HEADINGS:
        line = _text(nxt)
        role = ROLE_ANY.search(line, 0, 120)
        if role is not None and len(line.split()) <= 6:
            return line
    title = _TITLE_AT.match(text)
    return " ".join(title.group("title").split()) if title else ""


def team_bios(page: Page) -> Iterator[Candidate]:
    """A team section ("Team", "Over mij") whose paragraph opens with a person's name."""
    root = _root(page)
    if root is None:
        return
    for head in root.iter(*_HEADINGS):
        heading = _text(head)
        if not heading or len(heading.split()) > _SECTION_WORDS or not TEAM_WORDS.search(heading):
            continue
        region = page.region_of(head)
        if region == "nav":
            continue
        for box in _after(head):
            para = " ".join(box.text_content()[:400].split())
            m = _BIO_OPEN.match(para)
            name = clean_name(m.group("name")) if m is not None else None
            if name is None or not known_name(name):
                continue
            raw = m.group("name")  # type: ignore[union-attr]
            at = para.find(raw)
            # A bio says what the person is ("... af als kinesitherapeute"); a business named
            # after its founder ("Marco Polo Viaggi nasce nel 1990") says no role.
            role = ROLE_ANY.search(sentence_around(para, at, at + len(raw))[1])
            if role is None:
                continue
            block = TextBlock(region, para, "")
            yield Candidate(name, raw, role.group(), "team_card", block, para, at, at, el=box)
            break


def _after(head: etree._Element) -> Iterator[etree._Element]:
    """The paragraphs after a heading, up to the next heading; a card with a heading of its
    own is read by the card readers, not here."""
    n = 0
    for sib in head.itersiblings():
        if not isinstance(sib.tag, str):
            continue
        if sib.tag in _HEADINGS or n >= _BIO_BLOCKS:
            return
        n += 1
        if next(sib.iter(*_HEADINGS), None) is not None:
            return
        para = sib if sib.tag == "p" else next(sib.iter("p"), None)
        if para is not None:
            yield para


def copyright_holders(page: Page) -> Iterator[Candidate]:
    """The person a copyright line names ("© 2024 Lotte Verbeeck & Kinepraktijk Zoersel")."""
    for block in page.blocks:
        low = block.text.lower()
        # In the footer: a "©" beside a photo in the page's text credits the photographer.
        if block.region != "footer" or not ("©" in low or "copyright" in low or "(c)" in low):
            continue
        for m in _COPYRIGHT.finditer(block.text):
            raw = m.group("name")
            name = clean_name(raw)
            if name is None or not known_name(name) or COMPANY_AFTER.match(block.text, m.end()):
                continue
            ls = block.text.rfind("\n", 0, m.start()) + 1
            le = block.text.find("\n", m.end())
            line = block.text[ls:le if le >= 0 else len(block.text)]
            yield Candidate(name, raw, "copyright holder", "copyright", block, line,
                            m.start("name"), m.start("name") - ls)
