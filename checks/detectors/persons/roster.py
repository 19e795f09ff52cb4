"""Persons told by structure rather than by a role word next to them: lists of staff lines
(``Claire DUPONT (CD) : claire.dupont@...`` under a "Notaire" heading, ``Huisarts Marc De
Jaeger``, ``Dra. Juliana Prado – CRM/SP 12345``, the addressee over the street in a legal
notice), cards of photo + name + role repeated side by side, a sole trader who introduces
themself ("Hi, I'm Sam", "Ich bin Anna Weber"), a person whose name is the business's name
("Law Office of Jane Roe") and the person a page title names ("Anna Weber – Heilpraktikerin").

Every name here opens with a known given name (or a title), or the structure vouches for it
(its own address or registration number, known names around it under a role heading), so that
a list of services or a row of product cards names nobody.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import lxml.etree as etree

from checks.detectors.persons.contacts import EMAIL_TEXT, text_of
from checks.detectors.persons.evidence import own_address
from checks.detectors.persons.layout import card_of, has_photo
from checks.detectors.persons.lexicon import BUSINESS_OF, FIRST_PERSON, REGISTRATION
from checks.detectors.persons.lexicon import char_pattern as _char
from checks.detectors.persons.names import (
    GAP,
    LO,
    TITLE_RUN,
    UP,
    bad_token,
    clean_name,
    first_name,
    fold,
    known_name,
    titled,
)
from checks.detectors.persons.prose import LEGAL_WORDS, ROLE_ANY, role_text, sentence_around
from checks.detectors.persons.reader import Candidate
from checks.patterns import trie
from crawler.page import Page, TextBlock

# A surname may be written in capitals ("DUPONT"), a particle may stand before it.
_WORD = rf"(?:[{UP}][{LO}]+(?:-[{UP}][{LO}]+)?|[{UP}]{{2,}}(?:-[{UP}]{{2,}})?)"
_PARTICLE = r"(?:van|von|der|den|de|De|Van|Von|del|della|di|da|du|des|la|le|ten|ter|zu|dos)"
_FULL = (rf"(?P<name>[{UP}][{LO}]+(?:-[{UP}][{LO}]+)?"
         rf"(?:{GAP}(?:{_PARTICLE}{GAP}){{0,2}}(?:{_WORD}|[{UP}]\.)){{1,5}})")
# A staff line: a few words of role, the name, then nothing, initials in brackets, or a
# separator before a channel or a qualifier ("Marc De Jaeger - in opleiding").
_STAFF_LINE = re.compile(
    rf"^\s*(?:[-–—•·*]\s*)?(?P<pre>(?:[{UP}][\w’'.-]*{GAP}){{0,2}}?)(?:{TITLE_RUN})?{_FULL}"
    rf"(?P<post>\s*(?:\([A-Z]{{2,4}}\))?\s*(?:$|[:,;|–—-]\s*.*$|\(.*$))"
)
# "Dr. Figueiredo – Ortopedia": after a title, a surname alone is a name.
_TITLED_LINE = re.compile(
    rf"^\s*(?:[-–—•·*]\s*)?(?P<pre>){TITLE_RUN}(?P<name>{_WORD})"
    rf"(?P<post>\s*(?:$|[:,;|–—-]\s*.*$|\(.*$))"
)
_INITIALS = re.compile(r"^\s*\([A-Z]{2,4}\)")
# A practitioner's register and number: "CRM/SP 123.456", "CRO-RS 23118", "BIG-nummer 1234567".
_LICENCE = re.compile(
    rf"(?<![\w])(?:{'|'.join(map(re.escape, REGISTRATION))})(?:[-\s]?(?i:nummer|nr\.?|n[º°o]\.?))?"
    r"\.?\s*[-/:]?\s*(?:[A-Z]{2}\s*[-/:]?\s*)?\d[\d. /-]{2,}\d"
)
# A phone number: a leading + or 0 and eight digits or more, with a label maybe.
_PHONE = re.compile(r"\s*(?:[^\W\d]{1,12}\.?\s*:?\s*)?(?:\+|\b0)\d[\d \t./()-]{6,}\d")
# A street line ends with its house number: "Rua das Flores, 56", "Hauptstr. 61"; a year
# ends other lines ("Praxis seit 2004").
_STREET_END = re.compile(r"[^\W\d]{3,}\.?(?:,\s*\d{1,5}|\s+\d{1,3})[a-zA-Z]?\s*$")
_LIST_MAX = 100  # characters of a staff line: longer lines are prose
_ROLE_WORDS = 5  # a role line or a role heading is a few words
_CARD_TEXT = 300  # characters of a card's first line where its role is looked for

_CAP = rf"[{UP}][{LO}]+(?:-[{UP}][{LO}]+)?"  # a capitalised word, maybe hyphenated
_FIRST_PERSON = re.compile(
    rf"(?<!\w)(?i:{trie(FIRST_PERSON, _char)}),?{GAP}(?:{TITLE_RUN})?"
    rf"(?P<name>{_CAP}(?:{GAP}{_CAP}){{0,2}})(?=\s*(?:$|[.,;:!)–—-]|\s[a-z]))"
)
_BUSINESS_NAME = rf"{_CAP}(?:{GAP}(?:[{UP}]\.|{_PARTICLE}|{_CAP})){{1,3}}"
# "Praxis Dr. Anna Weber", "Gabinet Logopedyczny mgr Anna Nowak": a title lets a word or two
# of the business stand between.
_BUSINESS = re.compile(
    rf"(?<!\w)(?i:{trie(BUSINESS_OF, _char)})(?:(?:{GAP}{_CAP}){{1,2}}{GAP}"
    rf"(?P<traw>{TITLE_RUN}{_BUSINESS_NAME})|{GAP}(?P<raw>(?:{TITLE_RUN})?{_BUSINESS_NAME}))"
)
_NAME_TAGS = ("h2", "h3", "h4", "h5", "h6", "strong", "b", "dt")


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
    """Names on lines of their own: in a list of two or more, beside their own email, phone
    number or registration number, or (in a legal notice) over the street of the address."""
    legal = LEGAL_WORDS.search(page.url.rsplit("/", 1)[-1] + " " + page.title) is not None
    for block in page.blocks:
        if block.region == "nav":
            continue
        lines = block.text.split("\n")
        rows = _rows(lines)
        if not rows:
            continue
        sure = {i for i, row in rows.items() if row.sure}
        taken = {i for i, row in rows.items()
                 if not row.sure and _vouched(i, row, rows, sure, lines)}
        offsets = [0]
        for line in lines:
            offsets.append(offsets[-1] + len(line) + 1)
        for i, row in rows.items():
            addressee = legal and row.sure and _over_street(lines, i)
            if not (i in taken or (row.sure and (addressee or _listed(i, row, sure | taken,
                                                                       lines)))):
                continue
            role = row.licence or _role(row.pre, row.post, lines, i, set(rows))
            at = lines[i].find(row.raw)
            yield Candidate(row.name, row.raw, role, "impressum" if addressee else "team_card",
                            block, lines[i], offsets[i] + at, at, 0, row.emails,
                            vouched=not known_name(row.name))


def _listed(i: int, row: _Row, rows: set[int], lines: list[str]) -> bool:
    """Whether a known name is a person's by its line: in a list of names (a known given name
    on the next row: "Våra Tjänster" over "Medicinsk Fotbehandling" is a heading over
    services), or beside its own channel, registration number or initials."""
    return bool(_neighbour(i, rows, lines) or row.emails or row.phone or row.licence
                or _INITIALS.match(row.post))


def _over_street(lines: list[str], i: int) -> bool:
    """Whether the next line is a street with its number: the name is the addressee's."""
    nxt = next((line for line in lines[i + 1:i + 3] if line.strip()), "")
    return _STREET_END.search(nxt) is not None


@dataclass(slots=True)
class _Row:
    """A line that reads as a name: ``pre`` role words, the ``raw`` name, ``post`` the rest."""

    pre: str
    raw: str
    post: str
    name: str
    sure: bool
    """It opens with a known given name or a title."""
    emails: list[str]
    licence: str
    """A registration number on the line or the next ("CRM/SP 123456")."""
    phone: bool
    """A phone number on the line or the next."""


def _rows(lines: list[str]) -> dict[int, _Row]:
    out: dict[int, _Row] = {}
    for i, line in enumerate(lines):
        m = (_STAFF_LINE.match(line) or _TITLED_LINE.match(line)) if len(
            line) <= _LIST_MAX else None
        if m is None or (i and _STREET_END.search(lines[i - 1])):
            continue  # a district or a town after the street is the address's
        pre, raw = _lead(m.group("pre"), m.group("name"))
        name = _name(raw, single=" " not in raw, sure=False)
        if name is None:
            continue
        near = " ".join(lines[i:i + 2])
        emails = [e.group().lower() for e in EMAIL_TEXT.finditer(near)
                  if own_address(name, e.group())]
        licence = _LICENCE.search(m.group("post")) or (
            _LICENCE.match(lines[i + 1]) if i + 1 < len(lines) else None)
        sure = known_name(name) or titled(line.lstrip(" -–—•·*"))
        phone = _PHONE.search(m.group("post")) or (
            _PHONE.match(lines[i + 1]) if i + 1 < len(lines) else None)
        out[i] = _Row(pre, raw, m.group("post"), name, sure, emails,
                      " ".join(licence.group().split()) if licence else "", phone is not None)
    return out


def _vouched(i: int, row: _Row, rows: dict[int, _Row], sure: set[int], lines: list[str]) -> bool:
    """Whether a name with a given name the list does not know is a person's: its own address
    or registration number; or, in a list of known names, a role word before it
    ("Praktijkassistente Shanty Van Zele"), known names on both sides, or a role heading over
    the list ("Unsere Zahnärzte")."""
    if row.emails or row.licence:
        return True
    if not _neighbour(i, sure, lines):
        return False
    if ROLE_ANY.search(row.pre) or (i - 1 in sure and i + 1 in sure):
        return True
    top = i
    while top - 1 in rows:
        top -= 1
    heading = next((lines[j] for j in range(top - 1, max(-1, top - 3), -1) if lines[j].strip()),
                   "")
    return _short(heading) and ROLE_ANY.search(heading) is not None


def _lead(pre: str, raw: str) -> tuple[str, str]:
    """Role words the name pattern took for a name's start: "Huisarts Omima Ahmed" is the
    role "Huisarts" and the name "Omima Ahmed"; "San Donato Milanese" stays a place."""
    tokens = raw.split()
    k = 0
    while k < 2 and len(tokens) - k > 2 and (ROLE_ANY.fullmatch(tokens[k]) or (
            k == 0 and first_name(tokens[1]) and not first_name(tokens[0])
            and not bad_token(tokens[0]) and not re.fullmatch(_PARTICLE, tokens[1]))):
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
        head = lines[j]
        return " ".join(head.split()).rstrip(":") if _short(head) and ROLE_ANY.search(
            head) else ""
    return ""


def cards(page: Page) -> Iterator[Candidate]:
    """A name heading in a card that repeats beside its siblings and has a photo: team pages
    of portraits, first name and role ("Marta" / "Empfang")."""
    root = page.selector.root
    if not isinstance(root, etree._Element):
        return
    for el in root.iter(*_NAME_TAGS):
        text = " ".join(el.text_content().split())
        if not 1 < len(text) <= 60:
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
        # Or the role opens a longer line: "terapeuta Integracji Sensorycznej, ...".
        if not role and after and (found := ROLE_ANY.search(after[0], 0, _CARD_TEXT)):
            role = role_text(after[0], found.start(), found.end())
        name = _name(text, single=bool(role))
        # A card of an activity or a service ("Yoga della Risata", "Per Adults") has a photo
        # and a heading too: a person's card also says a role, or its neighbours are people.
        if name is None or not (role or _named_peers(card)):
            continue
        block = TextBlock(region, text, "")
        yield Candidate(name, text, role, "team_card", block, text, 0, el=el)


def _peers(card: etree._Element) -> list[etree._Element]:
    """The card and the elements of its tag and class beside it."""
    parent = card.getparent()
    if parent is None:
        return [card]
    key = (card.tag, card.get("class"))
    return [c for c in parent if (c.tag, c.get("class")) == key]


def _repeated(card: etree._Element) -> bool:
    """Whether the card's parent holds another element of the card's tag and class."""
    return len(_peers(card)) > 1


def _named_peers(card: etree._Element) -> bool:
    """Whether every card of the row, two at least, is headed by a different person's name
    ("Per Nens", "Per Adults" are activities, however "Per" reads), and one of them says a
    role: a team, not a row of reviews signed by customers."""
    peers = _peers(card)
    firsts = set()
    role = False
    for peer in peers:
        head = next(peer.iter(*_NAME_TAGS), None)
        text = " ".join(head.text_content().split()) if head is not None else ""
        name = _name(text) if 0 < len(text) <= 60 else None
        if name is None:
            return False
        firsts.add(name.split()[0])
        role = role or ROLE_ANY.search(text_of(peer), 0, 2 * _CARD_TEXT) is not None
    return role and len(peers) == len(firsts) >= 2


def first_person(page: Page) -> Iterator[Candidate]:
    """A sole trader introducing themself: "Hi, I'm Sam.", "Ich bin Anna Weber, ..."."""
    for block in page.blocks:
        if block.region == "nav":
            continue
        for m in _FIRST_PERSON.finditer(block.text):
            raw = m.group("name")
            name = _name(raw, single=True)
            if name is None or not first_name(raw.split()[0]):
                continue
            ls = block.text.rfind("\n", 0, m.start()) + 1
            le = block.text.find("\n", m.end())
            line = block.text[ls:le if le >= 0 else len(block.text)]
            at = m.start("name") - ls
            role = ROLE_ANY.search(sentence_around(line, at, at + len(raw))[1])
            yield Candidate(name, raw, role.group() if role else "owner", "first_person", block,
                            line, m.start("name"), at)


def business_names(page: Page) -> Iterator[Candidate]:
    """A person named by the business's name ("Law Office of Jane Roe", "Praxis Dr. Anna
    Weber"), in the page's text or its title."""
    blocks = [b for b in page.blocks if b.region != "nav"]
    title = TextBlock("header", page.title, "title")
    for block in (*blocks, title):
        for m in _BUSINESS.finditer(block.text):
            group = "raw" if m.group("raw") else "traw"
            raw = m.group(group)
            name = _name(raw)
            if name is None:
                continue
            ls = block.text.rfind("\n", 0, m.start()) + 1
            le = block.text.find("\n", m.end())
            line = block.text[ls:le if le >= 0 else len(block.text)]
            yield Candidate(name, raw, "", "business_name", block, line, m.start(group),
                            m.start(group) - ls, business=True)


_TITLE_PARTS = re.compile(r"\s+[|–—·•:-]\s+|\s*[|·•]\s*")


def title_names(page: Page) -> Iterator[Candidate]:
    """A person the page's title names ("Anna Weber – Heilpraktikerin in Köln", "Fysioterapia
    Eeva-Maria Virtanen"): a sole practitioner's site. The title must also say a role, or the
    page's header or footer must show the name, so that a title about someone else (a concert,
    an article) names nobody."""
    title = " ".join(page.title.split())
    if not title:
        return
    parts = [p for p in _TITLE_PARTS.split(title) if p.strip()]
    for part in parts:
        m = _STAFF_LINE.match(part) if len(part) <= _LIST_MAX else None
        if m is None or m.group("post").strip():
            continue
        pre, raw = _lead(m.group("pre"), m.group("name"))
        name = _name(raw)
        if name is None:
            continue
        roles = [p for p in parts if p is not part and ROLE_ANY.search(p)]
        if not roles and not _on_every_page(page, name):
            continue
        block = TextBlock("header", title, "title")
        at = title.find(raw)
        role = " ".join(pre.split()) or (" ".join(roles[0].split()) if roles else "")
        yield Candidate(name, raw, role, "title", block, title, at, at)


def _on_every_page(page: Page, name: str) -> bool:
    """Whether the header, menu or footer (what every page of a site repeats) shows ``name``."""
    folded = fold(name)
    return any(folded in fold(b.text) for b in page.blocks
               if b.region in ("header", "nav", "footer"))
