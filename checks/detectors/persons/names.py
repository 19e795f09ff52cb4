"""The name gate: whether a string is a person's name, and the patterns of names in text.

Every name passes :func:`clean_name`: capitalised tokens, none of them a generic word, company
form, place, month or day; ``nameparser`` then drops titles and letters after the name.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from nameparser import HumanName

from checks.detectors.persons.lexicon import (
    BAD_TOKENS,
    FIRST_NAMES,
    LEAD_TOKENS,
    TITLES,
    TRAIL_TOKENS,
)

# Letters of the Latin scripts, split by case, for capitalised name tokens.
UP = "".join(c for c in map(chr, range(0x41, 0x250)) if c.isalpha() and c.isupper())
LO = "".join(c for c in map(chr, range(0x61, 0x250)) if c.isalpha() and c.islower())
_TOKEN = rf"(?:(?:Mc|Mac|O['’]|D['’]|d['’])?[{UP}][{LO}]+(?:-[{UP}][{LO}]+)?)"
_PARTICLE = r"(?:van|von|der|den|de|del|della|di|da|du|des|la|le|ten|ter|zu|dos|das|bin|ibn)"
GAP = r"[ \t\xa0]+"
_NAME = rf"{_TOKEN}(?:{GAP}(?:{_PARTICLE}{GAP}){{0,2}}(?:{_TOKEN}|[{UP}]\.(?={GAP}))){{0,3}}"


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


TITLE = _title_alt()
TITLE_RUN = rf"(?:{TITLE}{GAP}){{1,3}}"
PERSON = rf"(?:{TITLE_RUN})?{_NAME}"
AND = r"(?:\s+(?:&|and|und|et|y|e)\s+|\s*&\s*)"
_JOIN = rf"(?:\s*,\s*|{AND})"
PERSONS = rf"{PERSON}(?:{_JOIN}{PERSON})*"
# Post-nominal letters after a name: "O.D.", "Reg.Mem.BACP", "PhD", "MSc".
_CRED = r"(?:[A-Z][A-Za-z]*\.(?:[A-Za-z]+\.?)*|[A-Z][a-z]*[A-Z][A-Za-z]*)"
CREDS = rf"(?P<creds>(?:,?{GAP}{_CRED}){{0,3}})"
NAME_LINE = re.compile(
    rf"^\s*(?:[-–—•·*]\s*)?(?P<names>{PERSON}){CREDS}\s*:?\s*$"
)
NAME_START = re.compile(rf"\s*(?P<names>{PERSON})")
# After a title, the given names may be initials, with or without their dots ("Dr J Edward
# Perkins", "Dr. J. R. Hartley"): the title vouches for a name.
_INITIALS = rf"(?:[{UP}]\.?{GAP}){{0,2}}"
TITLED = re.compile(rf"(?P<names>{TITLE_RUN}{_INITIALS}{_NAME})")
# A line that is a title and a name: the title vouches for a longer name, Iberian names running
# to five words and an initial ("Dra. Maria Cristina Melo Barbosa Silva").
TITLED_LINE = re.compile(
    rf"^\s*(?P<names>{TITLE_RUN}{_INITIALS}{_TOKEN}(?:{GAP}(?:{_PARTICLE}{GAP}){{0,2}}"
    rf"(?:{_TOKEN}|[{UP}]\.(?={GAP}))){{0,5}}){CREDS}\s*:?\s*$"
)
_TITLE_STRIP = re.compile(rf"^{TITLE_RUN}")
UPPER = re.compile(f"[{UP}]")
_INITIAL = re.compile(rf"[{UP}]\.")
_COMBINING = dict.fromkeys(c for c in range(0x300, 0x370))


def fold(s: str) -> str:
    """Case- and accent-free form, for comparing names."""
    return unicodedata.normalize("NFKD", s.casefold()).translate(_COMBINING)


@lru_cache(maxsize=4096)
def clean_name(raw: str, allow_single: bool = False, lead: bool = True,
               most: int = 4) -> str | None:
    """The normalised name in ``raw`` (titles and letters after it dropped), or None.

    >>> clean_name("Dr. Bruce Brockman, O.D."), clean_name("Frau Dr. Anna Schmidt")
    ('Bruce Brockman', 'Anna Schmidt')
    >>> clean_name("Customer Service"), clean_name("Jane"), clean_name("Jane", allow_single=True)
    (None, None, 'Jane')

    ``lead=False`` keeps generic words at the start: after "contact" the name must start at
    once ("Contact Form Submission" names nobody). ``most`` words make a name.
    """
    text = _TITLE_STRIP.sub("", raw.strip()).split(",", 1)[0]
    tokens = text.split()
    if len(text) < len(raw.strip()):
        # After a title, leading initials are dropped as a middle one is ("Dr J Edward
        # Perkins" is Edward Perkins).
        while len(tokens) > 1 and re.fullmatch(rf"[{UP}]\.?", tokens[0]):
            tokens.pop(0)
    # A verb or a role may lead ("Meet Jane Smith"), a role or a channel may trail ("Jane Smith
    # Tel"); any other generic word makes it a company or a phrase ("Call Deep Creek Plumbing").
    while lead and tokens and (_bad(tokens[0], LEAD_TOKENS)
                               or re.fullmatch(_PARTICLE, tokens[0])):
        tokens.pop(0)
    while tokens and (_bad(tokens[-1], TRAIL_TOKENS) or re.fullmatch(_CRED, tokens[-1])):
        tokens.pop()
    words = [t for t in tokens if not re.fullmatch(_PARTICLE, t) and not t.endswith(".")]
    # A capital and a dot after the first word is an initial ("Ana Paula M. Leite"), not the
    # title or unit the same letter is on its own.
    inner = [t for i, t in enumerate(tokens) if not (i and _INITIAL.fullmatch(t))]
    if not words or len(words) > most or any(_bad(t) for t in inner):
        return None
    if len(words) == 1 and not allow_single:
        return None
    if any(len(w) < 2 for w in words) or not re.fullmatch(_TOKEN, tokens[0]):
        return None
    name = HumanName(" ".join(tokens))
    # A middle initial is dropped, so that "Nancy L. Choate" and "Nancy Choate" are one.
    middle = " ".join(t for t in name.middle.split() if len(t.strip(".")) > 1)
    parts = [p for p in (name.first, middle, name.last) if p]
    return " ".join(" ".join(parts).split()) or None


def first_name(token: str) -> bool:
    """Whether ``token`` is a known given name ("Jean-Pierre" by its first part too)."""
    low = fold(token.strip(".,"))
    return low in FIRST_NAMES or low.split("-", 1)[0] in FIRST_NAMES


def known_name(name: str) -> bool:
    """Whether a cleaned name opens with a known given name: "Marta Kowalska", not "Estate
    Planning" or "Why Choose Us"."""
    return bool(name) and first_name(name.split()[0])


def titled(raw: str) -> bool:
    """Whether ``raw`` opens with a title ("Dr.", "Mr", "Avv."): a person, whatever the name."""
    return _TITLE_STRIP.match(raw.strip()) is not None


def _bad(token: str, words: frozenset[str] = BAD_TOKENS) -> bool:
    low = token.lower().strip(".").replace("’", "'")
    return low in words


def split_names(text: str) -> list[tuple[str, int]]:
    """The names of a list ("Bryce & Holly", "Dr. A B, C D und E F") with their offsets."""
    out, pos = [], 0
    for part in re.split(rf"({_JOIN})", text):
        if part and not re.fullmatch(_JOIN, part):
            out.append((part, pos))
        pos += len(part)
    return out


def about(name: str, bio: str) -> bool:
    """Whether ``bio`` opens by speaking of the person ("Mel qualified ...", "Dr. Ortiz grew
    up ..."), not of a business named after them ("Jane Smith Lettings is ...")."""
    first, last = name.split()[0], name.split()[-1]
    # The bio may keep the middle initial the name dropped ("Eric B. Gans has ...").
    full = rf"{re.escape(first)}(?:{GAP}[{UP}]\.)*{GAP}{re.escape(last)}"
    alts = "|".join([full, *(re.escape(x) for x in (name, first, last))])
    m = re.match(rf"\s*(?:{TITLE_RUN})?(?:{alts})\b", bio)
    if m is None:
        return False
    rest = bio[m.end():].lstrip()
    return UPPER.match(rest) is None or rest[:2] in ("I ", "I’")

