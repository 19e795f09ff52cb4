"""Named contact persons: staff and legal representatives a visitor could address, with a role.

>>> from checks.api import SiteContext
>>> from crawler.page import Page
>>> detector = PersonDetector.from_context(SiteContext("https://acme.co.uk/"))
>>> page = Page.from_html("https://acme.co.uk/team", "<main><div><h3>Dr Priya Sharma</h3>"
...     "<p>Head of Customer Care</p><a href='mailto:Priya@Acme.co.uk'>Email Priya</a></div>"
...     "<blockquote>“Great service!” — John, Leeds</blockquote></main>")
>>> [(f.value, f.data["role"], f.data["source"], f.data["emails"]) for f in detector.detect(page)]
[('Priya Sharma', 'Head of Customer Care', 'team_card', ['priya@acme.co.uk'])]

Three ways in: schema.org ``Person`` items (also ``employee``, ``founder``, ``member`` and a
``contactPoint`` named after a person; an ``author`` only when also staff), h-cards, and visible
text. Text is read line by line (``page.blocks``: one line per HTML block or ``<br>``): a role
next to a name ("Owner: Jane Smith", "Jane Smith – Managing Director"), a role line above or
below a name line (team cards, imprints), "founded by ...", "ask for Jane", a name heading over
a bio or over a contact line with an address made of the name, and a staff signature
("— Holly, <the business>"). Every name passes one gate (:func:`clean_name`): capitalised
tokens, none of them a generic word, company form, place, month or day; ``nameparser`` then
drops titles and letters after the name. Only then is the name looked up in the tree, to drop
testimonials, reviews, quotes and bylines, and to collect the email addresses, phone numbers
and photo of its card.

Speed: the lexicons are one trie-shaped alternation, run once over each block's lower-cased
text; each hit is then checked with short patterns anchored at it, and the tree is touched
only for names that passed. A page without role words, honorifics, addresses or ``Person``
data costs that one regex pass.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, ClassVar

import lxml.etree as etree
import phonenumbers
from nameparser import HumanName

from checks.api import SiteContext
from checks.facts import Fact, snippet_around
from checks.lexicons import load
from checks.parsers import default_region, parse_mailto
from checks.patterns import trie
from checks.reading import windowed
from checks.region import lang_region
from checks.structured import structured_items, types_of
from checks.wordscan import WordScan, scan_text
from crawler.page import Page, TextBlock, css_path, derived

__all__ = ["PersonDetector", "clean_name"]

_LEX = load("roles")
_LANGS = [v for k, v in _LEX.items() if not k.startswith("_")]


def _words(key: str) -> list[str]:
    return sorted({" ".join(w.lower().split()) for lang in _LANGS for w in lang.get(key, [])})


def _set(key: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _LEX[key])


ROLES, IMPRESSUM, BY = _words("roles"), _words("impressum"), _words("by")
ASK_FOR, WRITE_TO, TITLES = _words("ask_for"), _words("write_to"), _words("titles")
ARTICLES, COPULAS, BYLINES = _words("articles"), _words("copulas"), _words("bylines")
LEGAL_PAGES, TESTIMONIALS = _words("legal_pages"), _words("testimonials")
TEAM_PAGES = _words("team_pages")
NOT_NAMES, COMPANY, PLACES = _set("_not_names"), _set("_company"), _set("_places")
CHANNEL_WORDS, DECEASED = _set("_channel_words"), sorted(_set("_deceased"))

_IMPRESSUM_FOLDED = [unicodedata.normalize("NFKD", w).encode("ascii", "ignore").decode()
                     for w in IMPRESSUM]
# One-word roles, and the last word of longer ones, are never part of a name ("John Wrench
# President", "Welfare Officer").
_ROLE_TOKENS = frozenset(w.split()[-1] for w in (*ROLES, *IMPRESSUM) if w.split()[-1] != "of")
_BAD_TOKENS = NOT_NAMES | COMPANY | PLACES | _ROLE_TOKENS | CHANNEL_WORDS | frozenset(TITLES)
# What may stand before a name ("Meet Jane Smith") or after it ("Jane Smith Tel") on a line.
_LEAD_TOKENS = NOT_NAMES | _ROLE_TOKENS
_TRAIL_TOKENS = _ROLE_TOKENS | CHANNEL_WORDS
# "founded by" -> "founded": the verb alone also opens "founded in 1993 by".
_BY_VERBS = sorted({p.split()[0] for p in BY if len(p.split()) == 2 and len(p.split()[0]) > 4})

# A hit's kind, by its phrase; the first kind listed wins.
_KIND: dict[str, str] = {}
for _kind, _phrases in (("impressum", IMPRESSUM), ("role", ROLES), ("by", BY), ("ask", ASK_FOR),
                        ("write", WRITE_TO), ("verb", _BY_VERBS),
                        ("title", [t if len(t) > 1 else t + "." for t in TITLES])):
    for _p in _phrases:
        _KIND.setdefault(_p, _kind)


def _char(ch: str) -> str:
    if ch == " ":
        return r"\s+"
    if ch == "-":
        return r"[-‐‑]"
    return re.escape(ch)


# Letters of the Latin scripts, split by case, for capitalised name tokens.
_UP = "".join(c for c in map(chr, range(0x41, 0x250)) if c.isalpha() and c.isupper())
_LO = "".join(c for c in map(chr, range(0x61, 0x250)) if c.isalpha() and c.islower())
_TOKEN = rf"(?:(?:Mc|Mac|O['’]|D['’]|d['’])?[{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)?)"
_PARTICLE = r"(?:van|von|der|den|de|del|della|di|da|du|des|la|le|ten|ter|zu|dos|das|bin|ibn)"
_GAP = r"[ \t\xa0]+"
_NAME = rf"{_TOKEN}(?:{_GAP}(?:{_PARTICLE}{_GAP}){{0,2}}(?:{_TOKEN}|[{_UP}]\.(?={_GAP}))){{0,3}}"


def _upper(m: re.Match[str]) -> str:
    return m.group(1) + m.group(2).upper()


def _title_alt() -> str:
    forms = set()
    for t in TITLES:
        # A single letter is a title only with its dot ("M. Dupont", "D. Juan").
        dot = r"\." if len(t) == 1 else r"\.?"
        for cap in (t[:1].upper() + t[1:], re.sub(r"(^|[.-])(\w)", _upper, t)):
            forms.add(re.escape(cap) + dot)
    # Ties sorted too: the pattern must not change with PYTHONHASHSEED.
    return "(?:" + "|".join(sorted(forms, key=lambda f: (-len(f), f))) + ")"


_TITLE = _title_alt()
_TITLES = rf"(?:{_TITLE}{_GAP}){{1,3}}"
_PERSON = rf"(?:{_TITLES})?{_NAME}"
_AND = r"(?:\s+(?:&|and|und|et|y|e)\s+|\s*&\s*)"
_JOIN = rf"(?:\s*,\s*|{_AND})"
_PERSONS = rf"{_PERSON}(?:{_JOIN}{_PERSON})*"
# Post-nominal letters after a name: "O.D.", "Reg.Mem.BACP", "PhD", "MSc".
_CRED = r"(?:[A-Z][A-Za-z]*\.(?:[A-Za-z]+\.?)*|[A-Z][a-z]*[A-Z][A-Za-z]*)"
_CREDS = rf"(?P<creds>(?:,?{_GAP}{_CRED}){{0,3}})"
_ROLE = trie([*ROLES, *IMPRESSUM], _char)
_ART = trie(ARTICLES, _char)
_COP = trie(COPULAS, _char)

# The one pass over a page's text: roles, "by" phrases, invitations and titles ("m." for M.).
_KEYWORDS = re.compile(r"(?<!\w)(?:" + trie(_KIND, _char) + r")(?:e?s)?(?!\w)")
_KIND_SCAN = WordScan(_KIND)

# After a role: "Owner: Jane Smith", "president, John Wrench", "Pastor Mark Ring",
# "titular de este sitio web es Marcos ..." (a short clause and a copula).
_AFTER_ROLE = re.compile(
    rf"(?:(?i:\s+(?:[^\W\d][\w'’-]*\s+){{0,5}}?{_COP}\s*:?)\s+|\s*[:：]\s*|\s*[,–—-]\s*|{_GAP})"
    rf"(?P<names>{_PERSONS})"
)
# Before a role, up to the role: "Jane Smith, Owner", "Léo Bonnet – Avocat", "Jane Smith
# (Director)", "Jane Smith is the owner", and, at the start of a line only, "Regina Kranz
# Gründerin" (in prose "a Person Centred Counsellor" is no name).
_BEFORE_ROLE = re.compile(
    rf"(?P<names>{_PERSON}(?:{_AND}{_PERSON})*){_CREDS}"
    rf"(?P<sep>\s*[,–—|(]\s*|{_GAP}-{_GAP}|{_GAP}(?i:{_COP}){_GAP}|{_GAP})"
    rf"(?:(?i:{_ART}){_GAP})?\Z"
)
_NAMES_AFTER = re.compile(rf"\s*:?\s*(?P<names>{_PERSONS})")
# "founded in 1993, by Mark Daniels": a year between the verb and "by".
_YEAR_BY = re.compile(
    rf"(?i:\s+(?:in|im|en)\s+\d{{4}},?\s+(?:by|von|par|por))\s+(?P<names>{_PERSONS})")
_NAME_LINE = re.compile(
    rf"^\s*(?:[-–—•·*]\s*)?(?P<names>{_PERSON}){_CREDS}\s*:?\s*$"
)
_NAME_START = re.compile(rf"\s*(?P<names>{_PERSON})")
_TITLED = re.compile(rf"(?P<names>{_TITLES}{_NAME})")
_SIGNATURE = re.compile(
    rf"^\s*[-–—]\s*(?P<names>{_PERSONS})\s*,\s*(?P<org>[^,]{{3,60}}?)\s*$"
)
_ROLE_OBJECT = re.compile(rf"(?:{_GAP}(?:&|and|[{_UP}][\w-]*)){{1,4}}(?=\s*[:,–—(|])")
_ROLE_ANY = re.compile(rf"(?<!\w)(?i:{_ROLE})(?:e?s)?(?![\w-])")
# A role line: the role first, maybe after an article or qualifiers ("Café Manager").
_ROLE_LINE = re.compile(
    rf"^\s*(?:(?i:{_ART}){_GAP})?(?:[{_UP}][{_LO}]+{_GAP}){{0,2}}(?i:{_ROLE})(?:e?s)?(?![\w-])")
_BY_BEFORE = re.compile(rf"(?<!\w)(?i:{trie(BY, _char)})\s*\Z")
_BYLINE_HEAD = re.compile(rf"(?i:{trie(BYLINES, _char)})\s*:?\s")
_BYLINE_BEFORE = re.compile(rf"(?<!\w)(?i:{trie(BYLINES, _char)})\s*:?\s*\Z")
_COMPANY_AFTER = re.compile(
    r"\s*(?:&\s*(?:Co|Sons|Söhne|Cie|Partners?)\b|(?i:" + trie(sorted(COMPANY), _char) + r")\b)"
)
_TITLE_STRIP = re.compile(rf"^{_TITLES}")
# A full stop ends a sentence, but not after an initial or a short title ("Mr.", "Dr.").
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})[.!?;](?:\s|$)")
_DECEASED = re.compile(r"(?<!\w)(?i:" + trie(DECEASED, _char) + r")(?!\w)")
_LIFESPAN = re.compile(r"\s*[(,]?\s*[*†]?\s*\d{4}\s*[-–—]\s*†?\s*\d{4}\b")
_SINGLE_OK = re.compile(
    r"\s*(?:$|[.!:]|(?i:on|at|via|here|directly|personally|unter|au|al|en)\b)")
_TESTIMONIAL_WORDS = re.compile(r"(?<!\w)(?i:" + trie(TESTIMONIALS, _char) + r")(?!\w)")
_TEAM_WORDS = re.compile(r"(?<![^\W_])(?i:" + trie(TEAM_PAGES, _char) + r")(?![^\W_])")
_LEGAL_WORDS = re.compile(r"(?<!\w)(?i:" + trie(LEGAL_PAGES, _char) + r")(?!\w)")
_UPPER = re.compile(f"[{_UP}]")
_DIGITS = re.compile(r"\d[\d\s().+/-]{5,}\d")
_ROLES_END = re.compile(rf"(?:\s*(?:[&,/|]|and|und|et|y)\s*(?:[{_UP}]?[{_LO}]+\s*){{1,3}})?\s*$")
_OPEN_QUOTES = "“„«\"'‘‹"
_CLOSE_QUOTES = "”»\"'’›"
_ATTRIBUTION_SPLIT = re.compile(r",|\s[–—|-]\s")
_CONTROLS = frozenset({"a", "button", "label", "summary"})
_INLINE = frozenset({"strong", "b", "em", "i", "span", "u", "mark", "small", "font"})
_EMAIL_TEXT = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

# The role as written: a short tail ("Head of Customer Care", "Avocat fiscaliste"), a left
# partner ("Owner and Managing Director") or capitalised qualifiers ("Mechanical Engineer").
_ROLE_TAIL = re.compile(r"[^,;(|.·•\n–—:]{0,40}")
_ROLE_TAIL_STOP = re.compile(rf"\s(?:{_TITLE}\s)?[{_UP}][{_LO}]+\s[{_UP}][{_LO}]+"
                             r"|\s(?:is|ist|est|es|was|war|with|who|since|in|at|for|bei|mit"
                             r"|seit|für|avec|depuis|en|con|desde|que|qui)\s")
_ROLE_TAIL_WORDS = re.compile(r"\s+[^\W\d]+\s*")
_ROLE_LEFT = re.compile(
    rf"(?:(?i:{_ROLE})\s+(?:and|&|und|et|y)\s+|(?:[{_UP}][{_LO}]+{_GAP}){{1,2}})\Z")

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
_PHONE_SCHEMES = ("tel:", "callto:")
_TEXT_NODES = etree.XPath("//text()[contains(., $t)]")

_WORK_TYPES = frozenset({
    "Review", "Comment", "BlogPosting", "Article", "NewsArticle", "CreativeWork", "Rating",
    "AggregateRating", "Question", "Answer", "WebPage", "Recipe", "Book", "Movie", "Event",
})  # fmt: skip
_AUTHOR_KEYS = frozenset({"author", "creator", "reviewer", "editor", "contributor", "review",
                          "itemReviewed", "comment"})
_STAFF_KEYS = frozenset({"employee", "employees", "founder", "founders", "member", "members",
                         "contactPoint", "owner"})
_SOURCE_RANK = {"schema": 0, "hcard": 1, "impressum": 2, "team_card": 3, "role_pattern": 4,
                "by": 5, "ask_for": 6}


# -- names -----------------------------------------------------------------------------------


_COMBINING = dict.fromkeys(c for c in range(0x300, 0x370))


def _fold(s: str) -> str:
    """Case- and accent-free form, for comparing names."""
    return unicodedata.normalize("NFKD", s.casefold()).translate(_COMBINING)


@lru_cache(maxsize=4096)
def clean_name(raw: str, allow_single: bool = False, lead: bool = True) -> str | None:
    """The normalised name in ``raw`` (titles and letters after it dropped), or None.

    >>> clean_name("Dr. Bruce Brockman, O.D."), clean_name("Frau Dr. Anna Schmidt")
    ('Bruce Brockman', 'Anna Schmidt')
    >>> clean_name("Customer Service"), clean_name("Jane"), clean_name("Jane", allow_single=True)
    (None, None, 'Jane')

    ``lead=False`` keeps generic words at the start: after "contact" the name must start at
    once ("Contact Form Submission" names nobody).
    """
    text = _TITLE_STRIP.sub("", raw.strip()).split(",", 1)[0]
    tokens = text.split()
    # A verb or a role may lead ("Meet Jane Smith"), a role or a channel may trail ("Jane Smith
    # Tel"); any other generic word makes it a company or a phrase ("Call Deep Creek Plumbing").
    while lead and tokens and (_bad(tokens[0], _LEAD_TOKENS)
                               or re.fullmatch(_PARTICLE, tokens[0])):
        tokens.pop(0)
    while tokens and (_bad(tokens[-1], _TRAIL_TOKENS) or re.fullmatch(_CRED, tokens[-1])):
        tokens.pop()
    words = [t for t in tokens if not re.fullmatch(_PARTICLE, t) and not t.endswith(".")]
    if not words or len(words) > 4 or any(_bad(t) for t in tokens):
        return None
    if len(words) == 1 and not allow_single:
        return None
    if any(len(w) < 2 for w in words) or not re.fullmatch(_TOKEN, tokens[0]):
        return None
    name = HumanName(" ".join(tokens))
    parts = [p for p in (name.first, name.middle, name.last) if p]
    return " ".join(" ".join(parts).split()) or None


def _bad(token: str, words: frozenset[str] = _BAD_TOKENS) -> bool:
    low = token.lower().strip(".").replace("’", "'")
    return low in words


def _split_names(text: str) -> list[tuple[str, int]]:
    """The names of a list ("Bryce & Holly", "Dr. A B, C D und E F") with their offsets."""
    out, pos = [], 0
    for part in re.split(rf"({_JOIN})", text):
        if part and not re.fullmatch(_JOIN, part):
            out.append((part, pos))
        pos += len(part)
    return out


# -- candidates from text --------------------------------------------------------------------


@dataclass(slots=True)
class _Cand:
    """A name found in a line of a block, before the tree is consulted."""

    name: str
    raw: str
    role: str
    source: str
    block: TextBlock
    line: str
    offset: int
    """Where the name starts in the block's text."""
    at: int = 0
    """Where the name starts in ``line``."""
    weak: int = 0
    """Needs evidence from the tree: 1 a heading, a photo or a channel in its card; 2 a photo
    or a channel."""
    emails: list[str] = field(default_factory=list)
    el: Any = None
    """The element, when the candidate was found in the tree."""
    cue: str = ""
    """The words that introduced the name ("ask for"): they must share its element."""
    cta: bool = False
    """A first name after "call" or "send to": only on a button or a link."""


class _Lines:
    """Lines of a block's text, found on demand around the hits; a line is known by the offset
    where it starts. "The next line" is the next text, whatever blank lines html-text put
    between paragraphs."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def start(self, offset: int) -> int:
        return self.text.rfind("\n", 0, offset) + 1

    def line(self, start: int) -> str:
        end = self.text.find("\n", start)
        return self.text[start:] if end < 0 else self.text[start:end]

    def next(self, start: int) -> int:
        """Start of the next non-blank line, -1 at the end."""
        text = self.text
        end = text.find("\n", start)
        while end != -1:
            start = end + 1
            end = text.find("\n", start)
            if (text[start:] if end < 0 else text[start:end]).strip():
                return start
        return -1

    def prev(self, start: int) -> int:
        """Start of the previous non-blank line, -1 at the top."""
        text = self.text
        while start > 0:
            end = start - 1
            start = text.rfind("\n", 0, end) + 1
            if end > start and not text[start:end].isspace():
                return start
        return -1


class _Reader:
    """Reads the candidates of one block; each check runs on a line at most once."""

    def __init__(self, block: TextBlock, legal: bool, page: Page,
                 locals_: dict[str, str]) -> None:
        self.block, self.lines, self.page, self.locals = block, _Lines(block.text), page, locals_
        self.role_kind = "impressum" if legal else "role_pattern"
        self.found: list[_Cand] = []
        self.done: set[tuple[str, int]] = set()

    def once(self, what: str, start: int) -> bool:
        key = (what, start)
        if start < 0 or key in self.done:
            return False
        self.done.add(key)
        return True

    def add(self, m: re.Match[str], ls: int, role: str, source: str,
            allow_single: bool = False, names: str | None = None, weak: int = 0,
            emails: list[str] | None = None, cue: str = "", signed: bool = False,
            cta: bool = False, strict: bool = False) -> int:
        """Candidates for the names ``m`` matched in the line starting at ``ls``; how many."""
        line = self.lines.line(ls)
        names = names or m.group("names")
        start, end = m.start("names"), m.start("names") + len(names)
        if _COMPANY_AFTER.match(line, end) or _in_quotes(line, start) or _dead(line, start, end):
            return 0
        if not signed and self.customer_attribution(ls, line):
            return 0
        # "Posted by Jane Smith, Editor" is an author ("founded by" is not a byline).
        if source not in ("by", "ask_for") and (
                _BYLINE_HEAD.match(names)
                or (_BYLINE_BEFORE.search(line, max(0, start - 30), start)
                    and not _BY_BEFORE.search(line, max(0, start - 40), start))):
            return 0
        n = 0
        parts = _split_names(names)
        lead = not strict and source not in ("ask_for", "by")
        for part, pos in parts:
            name = clean_name(part, allow_single, lead)
            if name is None:
                if pos == 0:
                    continue
                break
            single = " " not in name
            # A first name alone after "founded by" is a person in a pair ("Sam & Priya") or
            # when an address is made of it; alone after "call" only on a button or link.
            if single and source == "by" and (len(parts) < 2 or "," in names) and not any(
                    _fold(name) in local for local in self.locals):
                continue
            self.found.append(_Cand(name, part, role, source, self.block, line,
                                    ls + start + pos, start + pos, weak, emails or [], cue=cue,
                                    cta=cta and single))
            n += 1
        return n

    def customer_attribution(self, ls: int, line: str) -> bool:
        """Whether the line signs the quote above it for another business: "“Superb.”" then
        "— Sue Harper, Head of Facilities, Oak Primary School" (or those three on lines)."""
        above = self.lines.prev(ls)
        if above < 0:
            return False
        quote = self.lines.line(above).strip()
        if quote[:1] not in _OPEN_QUOTES and quote[-1:] not in _CLOSE_QUOTES:
            return False
        parts = [p for p in _ATTRIBUTION_SPLIT.split(line.strip(" \t-–—")) if p.strip()]
        nxt = ls
        for _ in range(2):
            nxt = self.lines.next(nxt)
            more = self.lines.line(nxt).strip() if nxt >= 0 else ""
            if not more or len(more) > 60 or more[:1] in _OPEN_QUOTES:
                break
            parts.append(more)
        return len(parts) >= 3 and _fold(parts[-1].strip()) not in _fold(self.page.title)

    # -- checks at a hit ---------------------------------------------------------------------

    def role_hit(self, ls: int, s: int, e: int, kind: str) -> None:
        """A role phrase at ``s:e`` of the line starting at ``ls``."""
        line = self.lines.line(ls)
        phrase = _phrase(line[s:e])
        source = "impressum" if kind == "impressum" else self.role_kind
        plural = phrase not in _KIND
        if phrase.endswith(" of"):
            # "Head of Customer Care: Jane Smith": the role's object is part of the role.
            obj = _ROLE_OBJECT.match(line, e)
            e = obj.end() if obj is not None else e
        n = 0
        m = _AFTER_ROLE.match(line, e)
        sep = line[e:m.start("names")] if m is not None else ""
        # After a plural only a colon or a verb introduces names: "Managers, Learning Mentors"
        # is a list of roles. Without any separator the role is a title in a signature
        # ("-Pastor Mark Ring") or in prose ("said club president John Wrench"), not the
        # first word of a heading ("Deacon Blue Tickets", "Director Christopher Nolan's film").
        if (m is not None and not _BYLINE_BEFORE.search(line, max(0, s - 30), s)
                and not (plural and not sep.strip(" \t\xa0,–—-"))):
            # A caption under a photo or over a phone number still reads as a title.
            weak = 0 if sep.strip(" \t\xa0") or _prefix_ok(line[:s]) else 2
            n += self.add(m, ls, _role_text(line, s, e), source, weak=weak)
        b = _BEFORE_ROLE.search(line, max(0, s - 90), s) if _UPPER.search(line, max(0, s - 90), s) \
            else None
        if b is not None and not _BYLINE_BEFORE.search(line, max(0, b.start("names") - 30),
                                                       b.start("names")):
            bare = not b.group("sep").strip(" \t\xa0")
            at_start = not line[: b.start("names")].strip(" \t\xa0-–—•·*")
            # "Regina Kranz Gründerin & Inhaberin" is a card line: the roles end it.
            if not bare or (at_start and _ROLES_END.match(line, e)):
                role = _role_text(line, s, e, b.end("names"))
                names = b.group("names")
                if bare and len(names.split()) >= 3 and not b.group("creds"):
                    # "Jane Smith Sales Manager": the word before the role qualifies it.
                    names, _, qualifier = names.rpartition(" ")
                    role = f"{qualifier} {role}"
                n += self.add(b, ls, role, self.role_kind, names=names)
        if n:
            return
        # A label line ("Inhaberin:", "Secretary") over a name line.
        below = self.lines.next(ls)
        if not plural and _is_label(line) and self.once("below", below):
            nm = _NAME_LINE.match(self.lines.line(below))
            if nm is not None:
                label = " ".join(line.split()).rstrip(":").strip()
                if len(label) > 60:
                    label = " ".join(line[s:e].split())
                folded = _fold(line)
                kind_here = "impressum" if any(w in folded for w in _IMPRESSUM_FOLDED) \
                    else self.role_kind
                if self.add(nm, below, label, kind_here, strict=True):
                    return
        # A name line over a role line ("Dr Priya Sharma" / "Head of Customer Care").
        above = self.lines.prev(ls)
        if len(line) <= 80 and _ROLE_LINE.match(line) and self.once("above", above):
            nm = _NAME_LINE.match(self.lines.line(above))
            if nm is not None and self.add(nm, above, " ".join(line.split()), "team_card",
                                           strict=True):
                return
        self.bio(above)

    def bio(self, ls: int) -> None:
        """A name heading over a bio about the same person ("Mel Briggs" / "Mel qualified as
        a counsellor ...")."""
        if not self.once("bio", ls):
            return
        line = self.lines.line(ls)
        nxt_start = self.lines.next(ls)
        nxt = self.lines.line(nxt_start) if nxt_start >= 0 else ""
        nm = _NAME_LINE.match(line)
        if nm is None or _DECEASED.search(nxt, 0, 300):
            return
        name = clean_name(nm.group("names"))
        if name is None:
            return
        if _about(name, nxt):
            role = _ROLE_ANY.search(nxt, 0, 300)
            self.add(nm, ls, role.group() if role else "", "team_card", weak=1)

    def names_hit(self, ls: int, e: int, kind: str) -> None:
        line = self.lines.line(ls)
        m = (_YEAR_BY if kind == "verb" else _NAMES_AFTER).match(line, e)
        if m is None:
            return
        cue = line[:e].split()[-1] if line[:e].split() else ""
        if kind in ("by", "verb"):
            self.add(m, ls, "", "by", allow_single=True, cue=cue)
        elif kind == "ask":
            self.add(m, ls, "", "ask_for", allow_single=True, cue=cue)
        else:
            single = _SINGLE_OK.match(line, m.end("names")) is not None
            self.add(m, ls, "", "ask_for", allow_single=single, cue=cue, cta=True)

    def title_hit(self, ls: int, s: int) -> None:
        line = self.lines.line(ls)
        m = _TITLED.match(line, s)
        if m is None:
            return
        # A titled name and a role in one sentence: "Mr. Harminder Singh ... is responsible
        # for running the unit".
        lo, sentence = _sentence(line, m.start(), m.end())
        for role in _ROLE_ANY.finditer(sentence):
            rs, r_end = lo + role.start(), lo + role.end()
            if rs >= m.end() or r_end <= m.start():
                floor = m.end() if rs >= m.end() else 0
                self.add(m, ls, _role_text(line, rs, r_end, floor), self.role_kind)
                return
        self.bio(ls)

    def signature(self, ls: int) -> None:
        """"— Holly, Deep Creek Plumbing" under a quote: staff when the business is the
        site's own (named in the title), a customer otherwise ("— John, Leeds")."""
        m = _SIGNATURE.match(self.lines.line(ls))
        if m is None:
            return
        org = _fold(m.group("org"))
        if len(org.split()) >= 2 and org in _fold(self.page.title):
            self.add(m, ls, "", "team_card", allow_single=True, signed=True)

    def mail_names(self, ls: int, locals_: dict[str, str]) -> None:
        """A name alone on its line near an address made of it ("Sarah Baker" / "sarah@...")."""
        starts = [ls]
        up = down = ls
        for _ in range(4):
            up = self.lines.prev(up) if up >= 0 else -1
            down = self.lines.next(down) if down >= 0 else -1
            starts += [x for x in (up, down) if x >= 0]
        for j in starts:
            if not self.once("mail", j):
                continue
            line = self.lines.line(j)
            nm = _NAME_LINE.match(line) if len(line) <= 80 else None
            name = clean_name(nm.group("names")) if nm is not None else None
            if nm is None or name is None:
                continue
            tokens = [_fold(t) for t in name.split() if len(t) >= 3]
            for local, addr in locals_.items():
                if any(t in local for t in tokens):
                    self.add(nm, j, "", "team_card", weak=1, emails=[addr])
                    break


def _text_candidates(page: Page) -> list[_Cand]:
    found: list[_Cand] = []
    locals_ = _mail_locals(page)
    legal = _LEGAL_WORDS.search(page.url.rsplit("/", 1)[-1] + " " + page.title) is not None
    for block in map(windowed, page.blocks):
        if block.region == "nav":
            continue
        text = block.text
        low = scan_text(text)[1:]  # the folded, lower-cased copy every prose detector reads
        hits: list[tuple[int, int]] = []
        for at in _KIND_SCAN.starts(text):
            if hits and at < hits[-1][1]:
                continue  # inside the last keyword ("account manager" holds "manager")
            m = _KEYWORDS.match(low, at)
            if m:
                hits.append((m.start(), m.end()))
        ats = _all(text, "@")
        dashes = _all(text, "—") + _all(text, "–") + _all(text, "\n-")
        if not (hits or ats or dashes):
            continue
        reader = _Reader(block, legal, page, locals_)
        lines = reader.lines
        for s, e in hits:
            ls = lines.start(s)
            phrase = _phrase(low[s:e])
            kind = _KIND.get(phrase) or _KIND.get(_singular(phrase), "")
            if kind in ("role", "impressum"):
                reader.role_hit(ls, s - ls, e - ls, kind)
            elif kind == "title":
                if text[s].isupper():
                    reader.title_hit(ls, s - ls)
            elif kind:
                reader.names_hit(ls, e - ls, kind)
        for s in dashes:
            ls = lines.start(s + 1)
            if reader.once("sign", ls):
                reader.signature(ls)
        if ats:
            more = dict(locals_)
            for s in ats:
                ls = lines.start(s)
                for m in _EMAIL_TEXT.finditer(lines.line(ls)):
                    more.setdefault(_fold(m.group().rpartition("@")[0]), m.group().lower())
                reader.mail_names(ls, more)
        found.extend(reader.found)
    return found


def _phrase(text: str) -> str:
    return " ".join(text.lower().replace("‐", "-").replace("‑", "-").split())


def _heading_cards(page: Page) -> Iterator[_Cand]:
    """A heading that is a name over a bio about the same person ("Mel Briggs" / "Mel has
    counselled children for ..."): team pages without role words."""
    root = page.selector.root
    if not isinstance(root, etree._Element):
        return
    if not _TEAM_WORDS.search(page.url.rsplit("/", 1)[-1] + " " + page.title):
        return
    for el in root.iter("h1", "h2", "h3", "h4", "h5"):
        text = " ".join(el.text_content().split())
        nm = _NAME_LINE.match(text) if 3 < len(text) <= 60 else None
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
        if _about(name, bio) and not _DECEASED.search(bio):
            role = _ROLE_ANY.search(bio)
            block = TextBlock(region, text, "")
            yield _Cand(name, nm.group("names"), role.group() if role else "", "team_card",
                        block, text, 0, el=el)


def _about(name: str, bio: str) -> bool:
    """Whether ``bio`` opens by speaking of the person ("Mel qualified ...", "Dr. Ortiz grew
    up ..."), not of a business named after them ("Jane Smith Lettings is ...")."""
    first, last = name.split()[0], name.split()[-1]
    alts = "|".join(re.escape(x) for x in (name, first, last))
    m = re.match(rf"\s*(?:{_TITLES})?(?:{alts})\b", bio)
    if m is None:
        return False
    rest = bio[m.end():].lstrip()
    return _UPPER.match(rest) is None or rest[:2] in ("I ", "I’")


def _all(text: str, needle: str) -> list[int]:
    out, k = [], text.find(needle)
    while k != -1:
        out.append(k)
        k = text.find(needle, k + 1)
    return out


def _singular(phrase: str) -> str:
    if phrase.endswith("es") and phrase[:-2] in _KIND:
        return phrase[:-2]
    return phrase[:-1] if phrase.endswith("s") else phrase


def _mail_locals(page: Page) -> dict[str, str]:
    """Local parts of the page's mailto addresses, folded, mapped to the address."""
    out: dict[str, str] = {}
    for a in page.anchors:
        if a.href[:7].lower() == "mailto:":
            out.update(_mailto_locals(a.href))
    return out


@lru_cache(maxsize=1024)
def _mailto_locals(href: str) -> dict[str, str]:
    return {_fold(a.value.rpartition("@")[0]): a.value.lower() for a in parse_mailto(href)}


def _role_text(line: str, start: int, end: int, floor: int = 0) -> str:
    """The role as written, from the phrase at ``start:end``, never left of ``floor``."""
    stop = end
    tail = _ROLE_TAIL.match(line, end)
    if tail is not None:
        ext = tail.group()
        cut = _ROLE_TAIL_STOP.search(ext)
        ext = ext[: cut.start()] if cut else ext
        if ext.strip() and (line[start:end].lower().endswith((" of", " de", " du", " des"))
                            or _ROLE_TAIL_WORDS.fullmatch(ext)):
            stop = end + len(ext.rstrip())
    left = _ROLE_LEFT.search(line, max(floor, start - 40), start)
    lo = left.start() if left is not None else start
    return " ".join(line[lo:stop].split()).strip(" :,-–—")


def _prefix_ok(before: str) -> bool:
    """Whether a role written right before a name (no colon, no comma) reads as a title."""
    before = before.rstrip()
    if before.endswith(("-", "–", "—", "•", "·")):
        return True
    last = before.rsplit(None, 1)[-1] if before else ""
    return last.isalpha() and last.islower()


def _is_label(line: str) -> bool:
    """A line that names a role for the next line: "Inhaberin:", "Secretary",
    "Die verantwortliche Stelle ... ist:"."""
    s = line.strip()
    if not s or len(s) > 160:
        return False
    role = _ROLE_ANY.search(s)
    if role is None:
        return False
    if s.endswith(":") or role.end() >= len(s.rstrip(":")):
        return True
    nm = _NAME_LINE.match(s)
    return len(s) <= 60 and role.start() <= 20 and (nm is None or clean_name(nm["names"]) is None)


def _sentence(line: str, start: int, end: int, reach: int = 300) -> tuple[int, str]:
    """The sentence around ``start:end`` (at most ``reach`` characters either side)."""
    lo = max((m.end() for m in _SENTENCE_END.finditer(line, max(0, start - reach), start)),
             default=max(0, start - reach))
    hi = _SENTENCE_END.search(line, end, end + reach)
    return lo, line[lo: hi.start() + 1 if hi else min(len(line), end + reach)]


def _dead(line: str, start: int, end: int) -> bool:
    """An obituary or a memorial: "Jane Smith (1944–1991)", "Jane Smith passed away"."""
    if _LIFESPAN.match(line, end):
        return True
    return _DECEASED.search(_sentence(line, start, end, 150)[1]) is not None


def _in_quotes(line: str, at: int) -> bool:
    before = line[:at]
    opened = sum(before.count(q) for q in "“„«") - sum(before.count(q) for q in "”»")
    return opened > 0 or before.count('"') % 2 == 1


# -- the tree --------------------------------------------------------------------------------


@derived
def _text_nodes(page: Page) -> dict[str, list[Any]]:
    """The text nodes holding a word, by word, as :func:`_locate` asks for them."""
    return {}


@derived
def _folded_text(page: Page) -> str:
    return _fold(page.text)


def _locate(page: Page, cand: _Cand) -> etree._Element | None:
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


def _shares_element(el: etree._Element, cue: str) -> bool:
    """Whether ``cue`` is written in the element of the name (or around its bold or italic
    wrapper), so that a verb in one menu link never introduces the label of the next."""
    box = el
    while box.tag in _INLINE and box.getparent() is not None:
        box = box.getparent()
    return cue.lower() in _text(box).lower()


def _labelled_cell(el: etree._Element, role: str) -> bool:
    """A table cell (or a definition) whose label cell says the role: "Chair | Jane Smith"."""
    box = el
    while box.tag in _INLINE and box.getparent() is not None:
        box = box.getparent()
    if box.tag not in ("td", "dd", "th"):
        return False
    label = box.getprevious()
    return label is not None and role.lower() in _text(label).lower()


def _in_control(el: etree._Element) -> bool:
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
                return _TESTIMONIAL_WORDS.search(sib.text_content()[:200]) is not None
        parent = node.getparent()
        if parent is None or parent.tag in ("body", "html"):
            return False
        node = parent
    return False


def _card(el: etree._Element) -> etree._Element:
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
    m = _NAME_START.match(first)
    return m is not None and clean_name(m.group("names")) is not None


def _text(el: etree._Element) -> str:
    """The text of ``el`` with its pieces kept apart ("Jane<br>Tel: 020 ..." stays two words)."""
    return " ".join(" ".join(el.itertext()).split())


def _channels(box: etree._Element, region: str | None) -> tuple[list[str], list[str]]:
    emails: list[str] = []
    phones: list[str] = []
    for a in box.iter("a"):
        href = (a.get("href") or "").strip()
        low = href[:8].lower()
        if low.startswith("mailto:"):
            emails.extend(x.value.lower() for x in parse_mailto(href))
        elif low.startswith(_PHONE_SCHEMES):
            phones.extend(_phones(href.split(":", 1)[1], region, whole=True))
    text = _text(box)
    if "@" in text:
        for m in _EMAIL_TEXT.finditer(text):
            emails.extend(x.value.lower() for x in parse_mailto("mailto:" + m.group()))
    if _DIGITS.search(text):
        phones.extend(_phones(text, region))
    return emails, phones


@lru_cache(maxsize=2048)
def _phones_cached(text: str, region: str | None, whole: bool) -> tuple[str, ...]:
    e164 = phonenumbers.PhoneNumberFormat.E164
    if not whole:
        return tuple(phonenumbers.format_number(m.number, e164)
                     for m in phonenumbers.PhoneNumberMatcher(text, region or "ZZ"))
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return ()
    return (phonenumbers.format_number(number, e164),) if phonenumbers.is_valid_number(
        number) else ()


def _phones(text: str, region: str | None, whole: bool = False) -> list[str]:
    return list(_phones_cached(text[:600], region, whole))


def _photo(card: etree._Element, name: str) -> bool:
    """An image in the card, or one near it whose alt text or file name is the name (an
    inline SVG portrait counts by its label)."""
    if next(card.iter("img"), None) is not None:
        return True
    tokens = [_fold(t) for t in name.split() if len(t) >= 3]
    box: etree._Element | None = card
    for level in range(4):
        if level:
            box = box.getparent() if box is not None else None
        if box is None or box.tag in ("body", "html", "main"):
            break
        for img in box.iter("img", "svg"):
            label = _fold(" ".join(filter(None, (img.get("alt"), img.get("src"),
                                                 img.get("aria-label"), img.get("title")))))
            if tokens and all(t in label for t in tokens):
                return True
    return False


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


# -- structured data -------------------------------------------------------------------------


def _structured(page: Page) -> Iterator[tuple[dict[str, Any], str]]:
    """(person-like item, source) for every person in the page's structured data."""
    items = structured_items(page)
    authors = _author_ids(items)
    for item in items:
        if item.get("@type") == "h-card":
            yield item, "hcard"
            continue
        for person, source in _walk(item, None, False):
            # A graph lists the blog's author once and points at it by @id from the posts.
            if person.get("@id") not in authors or _is_staff(person):
                yield person, source


def _author_ids(node: Any, key: str | None = None) -> set[str]:
    """The @ids that authors, reviewers and the like point at."""
    out: set[str] = set()
    if isinstance(node, list):
        for x in node:
            out |= _author_ids(x, key)
    elif isinstance(node, dict):
        ref = node.get("@id")
        if key in _AUTHOR_KEYS and isinstance(ref, str):
            out.add(ref)
        for k, v in node.items():
            if isinstance(v, (dict, list)):
                out |= _author_ids(v, k)
    return out


def _is_staff(node: dict[str, Any]) -> bool:
    return "jobTitle" in node or "worksFor" in node


def _walk(node: Any, key: str | None, in_work: bool) -> Iterator[tuple[dict[str, Any], str]]:
    """Persons under ``node``; authors and reviewers of works only when also staff."""
    if isinstance(node, list):
        for x in node:
            yield from _walk(x, key, in_work)
        return
    if not isinstance(node, dict):
        if isinstance(node, str) and key in _STAFF_KEYS:
            yield {"name": node}, "schema"
        return
    types = types_of(node)
    person = "Person" in types or (key in _STAFF_KEYS and "name" in node
                                   and not types - {"ContactPoint"})
    if person and (key in _STAFF_KEYS or _is_staff(node) or not (key in _AUTHOR_KEYS or in_work)):
        yield node, "schema"
    in_work = in_work or bool(types & _WORK_TYPES)
    for k, v in node.items():
        if isinstance(v, (dict, list)) or (k in _STAFF_KEYS and isinstance(v, str)):
            yield from _walk(v, k, in_work)


def _first(value: Any) -> str:
    while isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("value") or value.get("name") or ""
    return str(value).strip() if value else ""


def _values(value: Any) -> list[str]:
    out = []
    for v in value if isinstance(value, list) else [value]:
        if isinstance(v, dict):
            v = v.get("value") or v.get("url") or ""
        if isinstance(v, str) and v.strip():
            out.append(v.strip())
    return out


# -- the detector ----------------------------------------------------------------------------


class PersonDetector:
    """One ``person`` fact per named person on a page; see the module docstring.

    ``Fact("person", value=<name without title>, method="structured_data" | "microformat" |
    "text", region, selector, snippet, visible=<False only when found in JSON-LD alone>,
    data={"role": <as written, "" if none>, "source": "schema" | "hcard" | "team_card" |
    "role_pattern" | "impressum" | "ask_for" | "by", "emails": [<lower-case>], "phones":
    [<E.164>], "photo": <an image in the card>})``. Phones are read in the site's region
    (``--region``, else the start URL's ccTLD, else the page's ``lang``).
    """

    id: ClassVar[str] = "persons"

    def __init__(self, site_region: str | None = None) -> None:
        self.site_region = site_region

    @classmethod
    def from_context(cls, ctx: SiteContext) -> PersonDetector:
        return cls(default_region(ctx.start_url, ctx.region))

    def detect(self, page: Page) -> Iterator[Fact]:
        region = self.site_region or lang_region(page.lang)
        people: dict[str, tuple[Fact, int]] = {}
        # The page's structured data is parsed once for every detector that reads it.
        for item, source in _structured(page):
            _merge(people, self._from_item(page, item, source, region))
        seen: dict[Any, _Where | None] = {}
        for cand in _text_candidates(page):
            _merge(people, self._from_candidate(page, cand, region, seen))
        for cand in _heading_cards(page):
            if _fold(cand.name) not in people:
                _merge(people, self._from_candidate(page, cand, region, seen))
        _fold_first_names(people)
        for fact, _rank in people.values():
            yield fact

    def _from_item(self, page: Page, item: dict[str, Any], source: str,
                   region: str | None) -> Fact | None:
        hcard = source == "hcard"
        raw = _first(item.get("name")) or " ".join(filter(None, (
            _first(item.get("given-name" if hcard else "givenName")),
            _first(item.get("family-name" if hcard else "familyName")))))
        name = clean_name(raw) if raw else None
        if name is None or (hcard and _fold(_first(item.get("org"))) == _fold(raw)):
            return None  # no person, or an organisation's card
        role = _first(item.get("job-title" if hcard else "jobTitle"))
        if not role and not hcard:
            role = _first(item.get("contactType"))
        emails = [a.value.lower() for v in _values(item.get("email"))
                  for a in parse_mailto(v if v[:7].lower() == "mailto:" else "mailto:" + v)]
        phones = [p for v in _values(item.get("tel" if hcard else "telephone"))
                  for p in _phones(v.split(":", 1)[1] if v[:4].lower() == "tel:" else v,
                                   region, whole=True)]
        visible = hcard or _fold(name) in _folded_text(page)
        return Fact(
            "person", name, "microformat" if hcard else "structured_data", "main",
            ".h-card" if hcard else 'script[type="application/ld+json"]', raw[:120], visible,
            {"role": role, "source": source, "emails": _unique(emails),
             "phones": _unique(phones), "photo": bool(item.get("photo") or item.get("image"))},
        )

    def _from_candidate(self, page: Page, cand: _Cand, region: str | None,
                        seen: dict[Any, _Where | None]) -> Fact | None:
        el = cand.el if cand.el is not None else _locate(page, cand)
        if el is not None and cand.cue and not _shares_element(el, cand.cue):
            return None  # "Contact" and "Tabbed" in two links of a menu
        if cand.cta and (el is None or not _in_control(el)):
            return None
        if el is None:
            if cand.weak:
                return None
            where = _Where(cand.block.selector, [], [], False, False)
        else:
            key = (el, cand.name)
            # Several patterns often find the same occurrence: the tree is read once for it.
            if key not in seen:
                seen[key] = _where(el, cand.name, region)
            found = seen[key]
            if found is None:
                return None
            where = found
            card = where.photo or where.emails or where.phones or cand.emails
            if (cand.weak == 1 and not (card or where.heading)) or (
                    cand.weak == 2 and not (card or _labelled_cell(el, cand.role))):
                return None
        snippet = snippet_around(cand.line, cand.at, cand.at + len(cand.raw), 50)
        return Fact("person", cand.name, "text", cand.block.region, where.selector, snippet, True,
                    {"role": cand.role, "source": cand.source,
                     "emails": _unique([*cand.emails, *where.emails]),
                     "phones": _unique(where.phones), "photo": where.photo})


@dataclass(slots=True)
class _Where:
    """What the tree says about one occurrence of a name."""

    selector: str
    emails: list[str]
    phones: list[str]
    photo: bool
    heading: bool


def _where(el: etree._Element, name: str, region: str | None) -> _Where | None:
    """The card of the name at ``el``: its channels and photo; None in a testimonial."""
    if _excluded(el) or _testimonial_section(el):
        return None
    card = _card(el)
    emails, phones = _channels(card, region)
    # A name or role line alone borrows the lines after it; a whole card (heading, role, bio)
    # does not borrow its neighbour's address.
    if not (emails or phones) and not _longer(card, _LINE_MAX):
        for box in _next_blocks(card):
            more_e, more_p = _channels(box, region)
            emails += more_e
            phones += more_p
    return _Where(css_path(el), emails, phones, _photo(card, name), el.tag in _HEADINGS)


def _merge(people: dict[str, tuple[Fact, int]], fact: Fact | None) -> None:
    """One fact per person: the strongest source leads, the others add role and channels."""
    if fact is None:
        return
    key = _fold(fact.value)
    rank = _SOURCE_RANK.get(fact.data["source"], 9)
    old = people.get(key)
    if old is None:
        people[key] = (fact, rank)
    elif old[1] <= rank:
        _absorb(old[0], fact)
    else:
        _absorb(fact, old[0])
        people[key] = (fact, rank)


def _absorb(keep: Fact, other: Fact) -> None:
    data, more = keep.data, other.data
    if not data["role"]:
        data["role"] = more["role"]
    data["emails"] = _unique([*data["emails"], *more["emails"]])
    data["phones"] = _unique([*data["phones"], *more["phones"]])
    data["photo"] = data["photo"] or more["photo"]
    if other.visible and not keep.visible:
        keep.visible = True
        keep.region, keep.selector, keep.snippet = other.region, other.selector, other.snippet


def _fold_first_names(people: dict[str, tuple[Fact, int]]) -> None:
    """"Jane" and "Jane Smith" on one page are one person, when only one Jane is named."""
    for key in [k for k in people if " " not in k]:
        fulls = [k for k in people if " " in k and k.split()[0] == key]
        if len(fulls) == 1:
            _absorb(people[fulls[0]][0], people.pop(key)[0])
