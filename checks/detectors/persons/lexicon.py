"""The persons lexicon (``checks/lexicons/roles.json``) as word lists, and the kind of each
phrase the text reader looks for: a role, a legal-notice label, "founded by", "ask for", a
title."""

from __future__ import annotations

import re
import unicodedata
from importlib.resources import files

from checks.lexicons import load

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
FIRST_PERSON, BUSINESS_OF = _words("first_person"), _words("business_of")
NAMING = frozenset(_words("naming"))
NOT_NAMES, COMPANY, PLACES = _set("_not_names"), _set("_company"), _set("_places")
CHANNEL_WORDS, DECEASED = _set("_channel_words"), sorted(_set("_deceased"))
STREETS = _set("_streets")

IMPRESSUM_FOLDED = [unicodedata.normalize("NFKD", w).encode("ascii", "ignore").decode()
                     for w in IMPRESSUM]
# One-word roles, and the last word of longer ones, are never part of a name ("John Wrench
# President", "Welfare Officer").
_ROLE_TOKENS = frozenset(w.split()[-1] for w in (*ROLES, *IMPRESSUM) if w.split()[-1] != "of")
BAD_TOKENS = (NOT_NAMES | COMPANY | PLACES | STREETS | _ROLE_TOKENS | CHANNEL_WORDS
              | frozenset(TITLES))
# What may stand before a name ("Meet Jane Smith") or after it ("Jane Smith Tel") on a line;
# never a street word: "Rua Augusto Ferreira" is an address, not "Augusto Ferreira".
LEAD_TOKENS = NOT_NAMES | _ROLE_TOKENS
TRAIL_TOKENS = _ROLE_TOKENS | CHANNEL_WORDS
# "founded by" -> "founded": the verb alone also opens "founded in 1993 by".
_BY_VERBS = sorted({p.split()[0] for p in BY if len(p.split()) == 2 and len(p.split()[0]) > 4})

# A hit's kind, by its phrase; the first kind listed wins.
KIND: dict[str, str] = {}
for _kind, _phrases in (("impressum", IMPRESSUM), ("role", ROLES), ("by", BY), ("ask", ASK_FOR),
                        ("write", WRITE_TO), ("verb", _BY_VERBS),
                        ("title", [t if len(t) > 1 else t + "." for t in TITLES])):
    for _p in _phrases:
        KIND.setdefault(_p, _kind)


def char_pattern(ch: str) -> str:
    if ch == " ":
        return r"\s+"
    if ch == "-":
        return r"[-‐‑]"
    return re.escape(ch)



def _first_names() -> frozenset[str]:
    text = files("checks.lexicons").joinpath("first_names.txt").read_text(encoding="utf-8")
    return frozenset(w for w in text.split("\n") if w and not w.startswith("#"))


# Given names of many countries, folded: what tells "Marta Kowalska" from "Estate Planning".
FIRST_NAMES = _first_names()
