"""Patterns and helpers of the text reader: a role next to a name, "founded by", bylines,
quotations, obituaries, and the role as written.

Speed: the lexicons are one trie-shaped alternation (:data:`KEYWORDS`), run once over each
block's lower-cased text; each hit is then checked with short patterns anchored at it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from checks.detectors.persons.lexicon import (
    ARTICLES,
    BY,
    BYLINES,
    COMPANY,
    COPULAS,
    DECEASED,
    IMPRESSUM,
    KIND,
    LEGAL_PAGES,
    ROLES,
    TEAM_PAGES,
    TESTIMONIALS,
    char_pattern,
)
from checks.detectors.persons.names import (
    AND,
    CREDS,
    GAP,
    LO,
    NAME_LINE,
    PERSON,
    PERSONS,
    TITLE,
    UP,
    clean_name,
    fold,
)
from checks.parsers import parse_mailto
from checks.patterns import trie
from checks.wordscan import WordScan
from crawler.page import Page

_ROLE = trie([*ROLES, *IMPRESSUM], char_pattern)
_ART = trie(ARTICLES, char_pattern)
_COP = trie(COPULAS, char_pattern)

# The one pass over a page's text: roles, "by" phrases, invitations and titles ("m." for M.).
KEYWORDS = re.compile(r"(?<!\w)(?:" + trie(KIND, char_pattern) + r")(?:e?s)?(?!\w)")
KIND_SCAN = WordScan(KIND)

# After a role: "Owner: Jane Smith", "president, John Wrench", "Pastor Mark Ring",
# "titular de este sitio web es Marcos ..." (a short clause and a copula).
AFTER_ROLE = re.compile(
    rf"(?:(?i:\s+(?:[^\W\d][\w'’-]*\s+){{0,5}}?{_COP}\s*:?)\s+|\s*[:：]\s*|\s*[,–—-]\s*|{GAP})"
    rf"(?P<names>{PERSONS})"
)
# Before a role, up to the role: "Jane Smith, Owner", "Léo Bonnet – Avocat", "Jane Smith
# (Director)", "Jane Smith is the owner", and, at the start of a line only, "Regina Kranz
# Gründerin" (in prose "a Person Centred Counsellor" is no name). A name starts a word: "Box
# Zuera" is the end of "CrossBox Zuera".
BEFORE_ROLE = re.compile(
    rf"(?<!\w)(?P<names>{PERSON}(?:{AND}{PERSON})*){CREDS}"
    rf"(?P<sep>\s*[,–—|(]\s*|{GAP}-{GAP}|{GAP}(?i:{_COP}){GAP}|{GAP})"
    rf"(?:(?i:{_ART}){GAP})?\Z"
)
NAMES_AFTER = re.compile(rf"\s*:?\s*(?P<names>{PERSONS})")
# "founded in 1993, by Mark Daniels": a year between the verb and "by".
YEAR_BY = re.compile(
    rf"(?i:\s+(?:in|im|en)\s+\d{{4}},?\s+(?:by|von|par|por))\s+(?P<names>{PERSONS})")
SIGNATURE = re.compile(
    rf"^\s*[-–—]\s*(?P<names>{PERSONS})\s*,\s*(?P<org>[^,]{{3,60}}?)\s*$"
)
ROLE_OBJECT = re.compile(rf"(?:{GAP}(?:&|and|[{UP}][\w-]*)){{1,4}}(?=\s*[:,–—(|])")
ROLE_ANY = re.compile(rf"(?<!\w)(?i:{_ROLE})(?:e?s)?(?![\w-])")
# A role line: the role first, maybe after an article or qualifiers ("Café Manager").
ROLE_LINE = re.compile(
    rf"^\s*(?:(?i:{_ART}){GAP})?(?:[{UP}][{LO}]+{GAP}){{0,2}}(?i:{_ROLE})(?:e?s)?(?![\w-])")
BY_BEFORE = re.compile(rf"(?<!\w)(?i:{trie(BY, char_pattern)})\s*\Z")
BYLINE_HEAD = re.compile(rf"(?i:{trie(BYLINES, char_pattern)})\s*:?\s")
BYLINE_BEFORE = re.compile(rf"(?<!\w)(?i:{trie(BYLINES, char_pattern)})\s*:?\s*\Z")
COMPANY_AFTER = re.compile(
    r"\s*(?:&\s*(?:Co|Sons|Söhne|Cie|Partners?)\b|(?i:" + trie(sorted(COMPANY), char_pattern)
    + r")\b)"
)
# A full stop ends a sentence, but not after an initial or a short title ("Mr.", "Dr.").
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})[.!?;](?:\s|$)")
DECEASED_RE = re.compile(r"(?<!\w)(?i:" + trie(DECEASED, char_pattern) + r")(?!\w)")
_LIFESPAN = re.compile(r"\s*[(,]?\s*[*†]?\s*\d{4}\s*[-–—]\s*†?\s*\d{4}\b")
SINGLE_OK = re.compile(
    r"\s*(?:$|[.!:]|(?i:on|at|via|here|directly|personally|unter|au|al|en)\b)")
TESTIMONIAL_WORDS = re.compile(r"(?<!\w)(?i:" + trie(TESTIMONIALS, char_pattern) + r")(?!\w)")
TEAM_WORDS = re.compile(r"(?<![^\W_])(?i:" + trie(TEAM_PAGES, char_pattern) + r")(?![^\W_])")
LEGAL_WORDS = re.compile(r"(?<!\w)(?i:" + trie(LEGAL_PAGES, char_pattern) + r")(?!\w)")
ROLES_END = re.compile(rf"(?:\s*(?:[&,/|]|and|und|et|y)\s*(?:[{UP}]?[{LO}]+\s*){{1,3}})?\s*$")
OPEN_QUOTES = "“„«\"'‘‹"
CLOSE_QUOTES = "”»\"'’›"
ATTRIBUTION_SPLIT = re.compile(r",|\s[–—|-]\s")

# The role as written: a short tail ("Head of Customer Care", "Avocat fiscaliste"), a left
# partner ("Owner and Managing Director") or capitalised qualifiers ("Mechanical Engineer").
_ROLE_TAIL = re.compile(r"[^,;(|.·•\n–—:]{0,40}")
_ROLE_TAIL_STOP = re.compile(rf"\s(?:{TITLE}\s)?[{UP}][{LO}]+\s[{UP}][{LO}]+"
                             r"|\s(?:is|ist|est|es|was|war|with|who|since|in|at|for|bei|mit"
                             r"|seit|für|avec|depuis|en|con|desde|que|qui)\s")
_ROLE_TAIL_WORDS = re.compile(r"\s+[^\W\d]+\s*")
_ROLE_LEFT = re.compile(
    rf"(?:(?i:{_ROLE})\s+(?:and|&|und|et|y)\s+|(?:[{UP}][{LO}]+{GAP}){{1,2}})\Z")


def normal_phrase(text: str) -> str:
    return " ".join(text.lower().replace("‐", "-").replace("‑", "-").split())


def positions(text: str, needle: str) -> list[int]:
    out, k = [], text.find(needle)
    while k != -1:
        out.append(k)
        k = text.find(needle, k + 1)
    return out


def singular(phrase: str) -> str:
    if phrase.endswith("es") and phrase[:-2] in KIND:
        return phrase[:-2]
    return phrase[:-1] if phrase.endswith("s") else phrase


def mail_locals(page: Page) -> dict[str, str]:
    """Local parts of the page's mailto addresses, folded, mapped to the address."""
    out: dict[str, str] = {}
    for a in page.anchors:
        if a.href[:7].lower() == "mailto:":
            out.update(_mailto_locals(a.href))
    return out


@lru_cache(maxsize=1024)
def _mailto_locals(href: str) -> dict[str, str]:
    return {fold(a.value.rpartition("@")[0]): a.value.lower() for a in parse_mailto(href)}


def role_text(line: str, start: int, end: int, floor: int = 0) -> str:
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


def prefix_ok(before: str) -> bool:
    """Whether a role written right before a name (no colon, no comma) reads as a title."""
    before = before.rstrip()
    if before.endswith(("-", "–", "—", "•", "·")):
        return True
    last = before.rsplit(None, 1)[-1] if before else ""
    return last.isalpha() and last.islower()


def is_label(line: str) -> bool:
    """A line that names a role for the next line: "Inhaberin:", "Secretary",
    "Die verantwortliche Stelle ... ist:"."""
    s = line.strip()
    if not s or len(s) > 160:
        return False
    role = ROLE_ANY.search(s)
    if role is None:
        return False
    if s.endswith(":") or role.end() >= len(s.rstrip(":")):
        return True
    nm = NAME_LINE.match(s)
    return len(s) <= 60 and role.start() <= 20 and (nm is None or clean_name(nm["names"]) is None)


def sentence_around(line: str, start: int, end: int, reach: int = 300) -> tuple[int, str]:
    """The sentence around ``start:end`` (at most ``reach`` characters either side)."""
    lo = max((m.end() for m in _SENTENCE_END.finditer(line, max(0, start - reach), start)),
             default=max(0, start - reach))
    hi = _SENTENCE_END.search(line, end, end + reach)
    return lo, line[lo: hi.start() + 1 if hi else min(len(line), end + reach)]


def dead(line: str, start: int, end: int) -> bool:
    """An obituary or a memorial: "Jane Smith (1944–1991)", "Jane Smith passed away"."""
    if _LIFESPAN.match(line, end):
        return True
    return DECEASED_RE.search(sentence_around(line, start, end, 150)[1]) is not None


def in_quotes(line: str, at: int) -> bool:
    before = line[:at]
    opened = sum(before.count(q) for q in "“„«") - sum(before.count(q) for q in "”»")
    return opened > 0 or before.count('"') % 2 == 1

