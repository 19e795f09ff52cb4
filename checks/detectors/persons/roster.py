"""Persons told by structure rather than by a role word next to them: lists of staff lines
(``Claire DUPONT (CD) : claire.dupont@...`` under a "Notaire" heading, ``Huisarts Marc De
Jaeger``), cards of photo + name + role repeated side by side, a sole trader who introduces
themself ("Hi, I'm Sam", "Ich bin Anna Weber"), and a person whose name is the business's name
("Law Office of Jane Roe").

Every name here opens with a known given name (or a title), so that a list of services or a
row of product cards names nobody.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import lxml.etree as etree

from checks.detectors.persons.contacts import EMAIL_TEXT
from checks.detectors.persons.evidence import own_address
from checks.detectors.persons.layout import card_of, has_photo
from checks.detectors.persons.lexicon import BUSINESS_OF, FIRST_PERSON, NAMING, STREETS
from checks.detectors.persons.lexicon import char_pattern as _char
from checks.detectors.persons.names import (
    GAP,
    LO,
    TITLE_RUN,
    UP,
    clean_name,
    first_name,
    known_name,
    titled,
)
from checks.detectors.persons.prose import ROLE_ANY, sentence_around
from checks.detectors.persons.reader import Candidate
from checks.patterns import trie
from checks.wordscan import WordScan
from crawler.page import Page, TextBlock, derived

# A surname may be written in capitals ("DUPONT"), a particle may stand before it.
_WORD = rf"(?:[{UP}][{LO}]+(?:-[{UP}][{LO}]+)?|[{UP}]{{2,}}(?:-[{UP}]{{2,}})?)"
_PARTICLE = r"(?:van|von|der|den|de|De|Van|Von|del|della|di|da|du|des|la|le|ten|ter|zu|dos)"
_FULL = (rf"(?P<name>[{UP}][{LO}]+(?:-[{UP}][{LO}]+)?"
         rf"(?:{GAP}(?:{_PARTICLE}{GAP}){{0,2}}(?:{_WORD}|[{UP}]\.)){{1,3}})")
# A staff line: a few words of role, the name, then nothing, initials in brackets, or a
# separator before a channel or a qualifier ("Marc De Jaeger - in opleiding").
_STAFF_LINE = re.compile(
    rf"^\s*(?:[-–—•·*]\s*)?(?P<pre>(?:[{UP}][\w’'.-]*{GAP}){{0,2}}?)(?:{TITLE_RUN})?{_FULL}"
    rf"(?P<post>\s*(?:\([A-Z]{{2,4}}\))?\s*(?:$|[:,;|–—-]\s*.*$|\(.*$))"
)
_INITIALS = re.compile(r"^\s*\([A-Z]{2,4}\)")
_LIST_MAX = 100  # characters of a staff line: longer lines are prose
_ROLE_WORDS = 5  # a role line or a role heading is a few words

_FIRST_PERSON = re.compile(
    rf"(?<!\w)(?i:{trie(FIRST_PERSON, _char)}),?{GAP}(?:{TITLE_RUN})?"
    rf"(?P<name>[{UP}][{LO}]+(?:{GAP}(?:{_PARTICLE}{GAP}){{0,2}}[{UP}][{LO}]+){{0,2}})"
    # The name ends its sentence, its clause or its line (a heading: "Hi, I'm Sam Porter").
    rf"(?=\s*(?:$|[.,;:!)–—-])|\s[a-z]|[ \t]*\n)"
)
_BUSINESS = re.compile(
    rf"(?<!\w)(?i:{trie(BUSINESS_OF, _char)}){GAP}(?P<raw>(?:{TITLE_RUN})?"
    rf"[{UP}][{LO}]+(?:{GAP}(?:[{UP}]\.|{_PARTICLE}|[{UP}][{LO}]+)){{1,3}})"
)
_NAME_TAGS = ("h2", "h3", "h4", "h5", "h6", "strong", "b", "dt")
# Where the first person's and the business's phrases may start, found in one pass for both:
# on a page of prices and dates, trying their patterns at every character took most of this
# module's time (bench/throughput.py's number-dense pages).
_PHRASE_SCAN = WordScan([*FIRST_PERSON, *BUSINESS_OF])
# A staff line opens with a capital (a name, a role word or a title), after a bullet.
_CAPITALS = frozenset(UP)
_BULLETS = "-–—•·*"


@derived
def _phrase_starts(page: Page) -> list[tuple[int, ...]]:
    """``_PHRASE_SCAN``'s offsets in each of the page's blocks (none in its menus)."""
    return [() if b.region == "nav" else _PHRASE_SCAN.starts(b.text) for b in page.blocks]


def _matches(pattern: re.Pattern[str], starts: tuple[int, ...],
             text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern that opens with one of ``_PHRASE_SCAN``'s
    words, tried only at ``starts``."""
    end = 0
    for at in starts:
        if at >= end and (m := pattern.match(text, at)) is not None:
            end = m.end()
            yield m


def _name(raw: str, single: bool = False, sure: bool = True) -> str | None:
    """The name of ``raw`` with capitals surnames written as names ("Claire DUPONT"); with
    ``sure``, only when it opens with a known given name or a title."""
    words = [w.title() if w.isupper() and len(w) > 1 else w for w in raw.split()]
    name = clean_name(" ".join(words), allow_single=single)
    if name is None or not sure:
        return name
    return name if known_name(name) or titled(raw) else None


def _short(text: str) -> bool:
    s = text.strip(" :–—-")
    return 0 < len(s.split()) <= _ROLE_WORDS and not re.search(r"[.!?@\d]", s)


def staff_lines(page: Page) -> Iterator[Candidate]:
    """Names on lines of their own, in a list of two or more or beside their own email."""
    for block in page.blocks:
        if block.region == "nav":
            continue
        lines = block.text.split("\n")
        offsets, pos = [], 0
        for line in lines:
            offsets.append(pos)
            pos += len(line) + 1
        found: list[tuple[int, str, str, str, str]] = []
        sure: set[int] = set()
        for i, line in enumerate(lines):
            head = line.lstrip().lstrip(_BULLETS).lstrip()[:1]
            if len(line) > _LIST_MAX or head not in _CAPITALS:
                continue  # prose, table cells of digits: no staff line
            m = _STAFF_LINE.match(line)
            if m is None or line.split()[0].lower().strip(".,") in STREETS:
                continue  # no name, or an address ("Rua Augusto Ferreira, 120")
            pre, raw = _lead(m.group("pre"), m.group("name"))
            name = _name(raw, sure=False)
            if name is not None:
                found.append((i, pre, raw, m.group("post"), name))
                if known_name(name) or titled(raw):
                    sure.add(i)
        rows = {row[0] for row in found}
        # An unknown given name between two known ones is a colleague in the same list
        # ("Wulf Bunge", "Nilofar Baqaie-Bunge", "Dr. Günther Bunge").
        ranked = sure | {i for i in rows - sure if i - 1 in sure and i + 1 in sure}
        for i, pre, raw, post, name in found:
            # A list of staff has known given names on both rows ("Våra Tjänster" over
            # "Medicinsk Fotbehandling" is a heading over services).
            listed = _neighbour(i, ranked, lines)
            near = " ".join(lines[i:i + 2])
            emails = [e.group().lower() for e in EMAIL_TEXT.finditer(near)
                      if own_address(name, e.group())]
            if i in sure:
                if not (listed or emails or _INITIALS.match(post)):
                    continue
            # An unknown given name is taken in a list of known ones, behind a role word
            # ("Praktijkassistente Shanty Van Zele"), or beside its own address.
            elif not (emails or i in ranked or (listed and ROLE_ANY.search(pre))):
                continue
            role = _role(pre, post, lines, i, rows)
            at = lines[i].find(raw)
            yield Candidate(name, raw, role, "team_card", block, lines[i], offsets[i] + at, at,
                            0, emails, vouched=i not in sure)


def _lead(pre: str, raw: str) -> tuple[str, str]:
    """Role words the name pattern took for a name's start: "Huisarts Omima Ahmed" is the
    role "Huisarts" and the name "Omima Ahmed"."""
    tokens = raw.split()
    k = 0
    while k < 2 and len(tokens) - k > 2 and (ROLE_ANY.fullmatch(tokens[k]) or (
            k == 0 and first_name(tokens[1]) and not first_name(tokens[0])
            and not re.fullmatch(_PARTICLE, tokens[1]))):
        k += 1
    if not k:
        return pre, raw
    return f"{pre}{' '.join(tokens[:k])} ", " ".join(tokens[k:])


def _neighbour(i: int, rows: set[int], lines: list[str]) -> bool:
    """Whether a row next to line ``i`` (a blank line between them allowed) is in ``rows``."""
    return (i - 1 in rows or i + 1 in rows or (i - 2 in rows and not lines[i - 1].strip())
            or (i + 2 in rows and not lines[i + 1].strip()))


def _role(pre: str, post: str, lines: list[str], i: int, rows: set[int]) -> str:
    """The role of a staff line: words before the name ("Huisarts"), a short qualifier after
    it, or the heading over the list ("Notaire")."""
    if pre.strip():
        return " ".join(pre.split())
    tail = re.sub(r"^\s*(?:\([A-Z]{2,4}\))?\s*[:,;|–—-]?\s*", "", post)
    if tail and _short(tail) and ROLE_ANY.search(tail):
        return " ".join(tail.split())
    for j in range(i - 1, max(-1, i - 30), -1):
        if j in rows or not lines[j].strip():
            continue
        return " ".join(lines[j].split()).rstrip(":") if _short(lines[j]) else ""
    return ""


def cards(page: Page) -> Iterator[Candidate]:
    """A name heading in a card that repeats beside its siblings and has a photo: team pages
    of portraits, first name and role ("Marta" / "Empfang")."""
    root = page.selector.root
    if not isinstance(root, etree._Element):
        return
    for el in root.iter(*_NAME_TAGS):
        text = " ".join(el.text_content().split())
        # The name gate first: looking for the card is the costly part.
        if not 1 < len(text) <= 60 or _name(text, single=True) is None:
            continue
        region = page.region_of(el)
        if region == "nav":
            continue
        card = card_of(el)
        if card is el or not _repeated(card) or not has_photo(card, text):
            continue
        lines = [t for t in (" ".join(x.split()) for x in card.itertext()) if t]
        after = lines[lines.index(text) + 1:] if text in lines else []
        role = after[0] if after and _short(after[0]) else ""
        name = _name(text, single=bool(role))
        if name is None:
            continue
        block = TextBlock(region, text, "")
        yield Candidate(name, text, role, "team_card", block, text, 0, el=el)


def _repeated(card: etree._Element) -> bool:
    """Whether the card's parent holds another element of the card's tag and class."""
    parent = card.getparent()
    if parent is None:
        return False
    key = (card.tag, card.get("class"))
    return any(c is not card and (c.tag, c.get("class")) == key for c in parent)


def first_person(page: Page) -> Iterator[Candidate]:
    """A sole trader introducing themself: "Hi, I'm Sam.", "Ich bin Anna Weber, ..."."""
    for block, starts in zip(page.blocks, _phrase_starts(page), strict=True):
        for m in _matches(_FIRST_PERSON, starts, block.text):
            raw = m.group("name")
            # "Ich bin Anna" needs Anna to be a known first name ("Ich bin Heilpraktikerin" is
            # none); "my name is" can only introduce a name, of two words at least.
            phrase = " ".join(block.text[m.start():m.start("name")].lower().split()).rstrip(",")
            named = phrase in NAMING and len(raw.split()) >= 2
            name = _name(raw, single=True, sure=not named)
            if name is None or not (named or first_name(raw.split()[0])):
                continue
            ls = block.text.rfind("\n", 0, m.start()) + 1
            le = block.text.find("\n", m.end())
            line = block.text[ls:le if le >= 0 else len(block.text)]
            at = m.start("name") - ls
            role = ROLE_ANY.search(sentence_around(line, at, at + len(raw))[1])
            yield Candidate(name, raw, role.group() if role else "owner", "first_person", block,
                            line, m.start("name"), at, vouched=named)


def business_names(page: Page) -> Iterator[Candidate]:
    """A person named by the business's name ("Law Office of Jane Roe", "Praxis Dr. Anna
    Weber"), in the page's text or its title."""
    title = TextBlock("header", page.title, "title")
    scanned = [*zip(page.blocks, _phrase_starts(page), strict=True),
               (title, _PHRASE_SCAN.starts(title.text))]
    for block, starts in scanned:
        if block.region == "nav":
            continue
        for m in _matches(_BUSINESS, starts, block.text):
            raw = m.group("raw")
            name = _name(raw)
            if name is None:
                continue
            ls = block.text.rfind("\n", 0, m.start()) + 1
            le = block.text.find("\n", m.end())
            line = block.text[ls:le if le >= 0 else len(block.text)]
            yield Candidate(name, raw, "", "business_name", block, line, m.start("raw"),
                            m.start("raw") - ls, business=True)
