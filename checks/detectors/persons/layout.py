"""Page structure: where a name stands in the tree (a card with its photo and channels, a
heading over a bio, a labelled table cell), and the containers whose names are customers or
authors (quotations, reviews, testimonials, bylines)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import lxml.etree as etree

from checks.detectors.persons.contacts import channels, text_of
from checks.detectors.persons.names import NAME_LINE, NAME_START, about, clean_name, fold
from checks.detectors.persons.prose import DECEASED_RE, ROLE_ANY, TEAM_WORDS, TESTIMONIAL_WORDS
from checks.detectors.persons.reader import Candidate
from crawler.page import Page, TextBlock, css_path, derived

_CONTROLS = frozenset({"a", "button", "label", "summary"})
_INLINE = frozenset({"strong", "b", "em", "i", "span", "u", "mark", "small", "font"})

# Containers whose names are customers or authors, never contacts.
_EXCLUDED_TAGS = frozenset({"blockquote", "q", "cite"})
_EXCLUDED_CLASS = re.compile(
    r"review|testimonial|quote|comment|byline|author|post-?meta|entry-?meta|rating",
    re.IGNORECASE,
)
_SECTION_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_HEADINGS = _SECTION_HEADINGS | {"strong", "b", "dt", "th"}
_CARD_MAX = 400  # characters of text a person's card may hold
_NEXT_MAX = 200  # ... and a sibling block after it that still belongs to the card
_LINE_MAX = 80  # a card this short is one line: its channels may follow in the next blocks
_TEXT_NODES = etree.XPath("//text()[contains(., $t)]")


def heading_cards(page: Page) -> Iterator[Candidate]:
    """A heading that is a name over a bio about the same person ("Mel Briggs" / "Mel has
    counselled children for ..."): team pages without role words."""
    root = page.selector.root
    if not isinstance(root, etree._Element):
        return
    if not TEAM_WORDS.search(page.url.rsplit("/", 1)[-1] + " " + page.title):
        return
    for el in root.iter("h1", "h2", "h3", "h4", "h5"):
        text = " ".join(el.text_content().split())
        nm = NAME_LINE.match(text) if 3 < len(text) <= 60 else None
        name = clean_name(nm.group("names")) if nm is not None else None
        if nm is None or name is None:
            continue
        nxt = el.getnext()
        while nxt is not None and not isinstance(nxt.tag, str):
            nxt = nxt.getnext()
        region = page.region_of(el)
        if nxt is None or region == "nav":
            continue
        bio = " ".join(nxt.text_content()[:400].split())
        if about(name, bio) and not DECEASED_RE.search(bio):
            role = ROLE_ANY.search(bio)
            block = TextBlock(region, text, "")
            yield Candidate(name, nm.group("names"), role.group() if role else "", "team_card",
                        block, text, 0, el=el)


@derived
def _text_nodes(page: Page) -> dict[str, list[Any]]:
    """The text nodes holding a word, by word, as :func:`locate` asks for them."""
    return {}


def locate(page: Page, cand: Candidate) -> etree._Element | None:
    """The element holding the candidate's name, in the candidate's region."""
    root = page.selector.root
    if not isinstance(root, etree._Element):
        return None
    token = max(cand.raw.split(), key=len)
    cache = _text_nodes(page)
    nodes = cache.get(token)
    if nodes is None:
        nodes = cache[token] = _TEXT_NODES(root, t=token)
    before = cand.block.text.count(token, 0, cand.offset)
    seen, best = 0, None
    for node in nodes:
        el = node.getparent()
        if el is None:
            continue
        if node.is_tail and el.getparent() is not None:
            el = el.getparent()
        if page.region_of(el) != cand.block.region:
            continue
        best = best if best is not None else el
        seen += str(node).count(token)
        if seen > before:
            return el
    return best


def shares_element(el: etree._Element, cue: str) -> bool:
    """Whether ``cue`` is written in the element of the name (or around its bold or italic
    wrapper), so that a verb in one menu link never introduces the label of the next."""
    box = el
    while box.tag in _INLINE and box.getparent() is not None:
        box = box.getparent()
    return cue.lower() in text_of(box).lower()


def labelled_cell(el: etree._Element, role: str) -> bool:
    """A table cell (or a definition) whose label cell says the role: "Chair | Jane Smith"."""
    box = el
    while box.tag in _INLINE and box.getparent() is not None:
        box = box.getparent()
    if box.tag not in ("td", "dd", "th"):
        return False
    label = box.getprevious()
    return label is not None and role.lower() in text_of(label).lower()


def in_control(el: etree._Element) -> bool:
    """On a button or a link: "Send to Holly"."""
    return any(n.tag in _CONTROLS for n in (el, *el.iterancestors()))


def _excluded(el: etree._Element) -> bool:
    """Inside a quotation, a review, a testimonial, a comment or a byline."""
    for node in (el, *el.iterancestors()):
        tag = node.tag
        if tag in ("body", "html"):
            return False
        if tag in _EXCLUDED_TAGS:
            return True
        if tag == "form":  # "quoteForm" asks for a price quote
            continue
        attrs = " ".join(filter(None, (node.get("class"), node.get("id"), node.get("itemprop"),
                                       node.get("itemtype"))))
        if attrs and _EXCLUDED_CLASS.search(attrs):
            return True
    return False


def _testimonial_section(el: etree._Element) -> bool:
    """Under a "Testimonials" / "Kundenstimmen" heading: the nearest heading before the
    element, at the closest level that has one, names reviews."""
    node = el
    for _ in range(12):
        for sib in node.itersiblings(preceding=True):
            tag = sib.tag
            if isinstance(tag, str) and (tag in _SECTION_HEADINGS or tag == "header"):
                return TESTIMONIAL_WORDS.search(sib.text_content()[:200]) is not None
        parent = node.getparent()
        if parent is None or parent.tag in ("body", "html"):
            return False
        node = parent
    return False


def card_of(el: etree._Element) -> etree._Element:
    """The largest ancestor of ``el`` that is still small and holds one card only: climbing
    stops below a parent that repeats the child's tag (a list of team cards, of paragraphs)."""
    card = el
    for anc in el.iterancestors():
        if anc.tag in ("body", "html", "main") or _longer(anc, _CARD_MAX):
            break
        if card is not el and _repeats(anc, card):
            break
        card = anc
    return card


def _repeats(parent: etree._Element, child: etree._Element) -> bool:
    tag = child.tag
    return any(c is not child and c.tag == tag for c in parent)


def _longer(el: etree._Element, limit: int) -> bool:
    """Whether ``el`` holds more than ``limit`` characters of text, reading no further."""
    n = 0
    for chunk in el.itertext():
        n += len(chunk)
        if n > limit:
            return True
    return False


def _next_blocks(card: etree._Element) -> list[etree._Element]:
    """Short sibling blocks right after a card that has no channel of its own ("the next
    lines"), up to the next heading."""
    out: list[etree._Element] = []
    sib = card.getnext()
    while sib is not None and len(out) < 2:
        if isinstance(sib.tag, str):
            if sib.tag in _SECTION_HEADINGS or _longer(sib, _NEXT_MAX) or _names_someone(sib):
                break
            out.append(sib)
        sib = sib.getnext()
    return out


def _names_someone(el: etree._Element) -> bool:
    """Whether a block opens with a person's name: the next card, not this card's lines."""
    first = next((t for t in el.itertext() if t.strip()), "")
    m = NAME_START.match(first)
    return m is not None and clean_name(m.group("names")) is not None


def has_photo(card: etree._Element, name: str) -> bool:
    """An image in the card, or one near it whose alt text or file name is the name (an
    inline SVG portrait counts by its label)."""
    return next(card.iter("img"), None) is not None or named_portrait(card, name)


def named_portrait(card: etree._Element, name: str) -> bool:
    """An image in or near the card whose alt text, label or file name is the name."""
    tokens = [fold(t) for t in name.split() if len(t) >= 3]
    box: etree._Element | None = card
    for level in range(4):
        if level:
            box = box.getparent() if box is not None else None
        if box is None or box.tag in ("body", "html", "main"):
            break
        for img in box.iter("img", "svg"):
            label = fold(" ".join(filter(None, (img.get("alt"), img.get("src"),
                                                 img.get("aria-label"), img.get("title")))))
            if tokens and all(t in label for t in tokens):
                return True
    return False


@dataclass(slots=True)
class Where:
    """What the tree says about one occurrence of a name."""

    selector: str
    emails: list[str]
    phones: list[str]
    photo: bool
    heading: bool


def where_is(el: etree._Element, name: str, region: str | None) -> Where | None:
    """The card of the name at ``el``: its channels and photo; None in a testimonial."""
    if _excluded(el) or _testimonial_section(el):
        return None
    card = card_of(el)
    emails, phones = channels(card, region)
    # A name or role line alone borrows the lines after it; a whole card (heading, role, bio)
    # does not borrow its neighbour's address.
    if not (emails or phones) and not _longer(card, _LINE_MAX):
        for box in _next_blocks(card):
            more_e, more_p = channels(box, region)
            emails += more_e
            phones += more_p
    return Where(css_path(el), emails, phones, has_photo(card, name), el.tag in _HEADINGS)

