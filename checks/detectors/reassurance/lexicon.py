"""The reassurance lexicons (``checks/lexicons/reassurance_<lang>.json``), read once.

Each entry is a regex fragment with the words that find it: ``words`` lists words or phrases
one of which every match of the pattern holds at a word start (lower case; a word of up to
three letters must be a whole word, a longer one may begin a longer word), ``inside`` ones
that may also start inside a word ("garantie" in "Zufriedenheitsgarantie"). A text is
scanned once for all the words of all the languages (:class:`Triggers`), and a pattern is
only tried on the sentences that hold one of its words. The tests check every entry's words
against its example.

In patterns and words, ``<<name>>`` names a part of the language: ``parts`` are word lists
(contact verbs, reply verbs, human words ...) shared by the entries, which become an
alternation in a pattern and stand for all their words in ``words``; ``macros`` are regex
fragments (a day of the week); ``<<num>>`` is built from the durations' number words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from checks.language import LANGUAGES
from checks.lexicons import load
from checks.patterns import alternation, bounded, trie
from checks.wordscan import fold, scan_text

from .promises import Durations, durations

__all__ = ["FAMILIES", "Entry", "Language", "Lexicon", "Triggers", "lexicon"]

FAMILIES = ("response_time", "human", "availability", "guarantee", "invitation")

_REF = re.compile(r"<<(\w+)>>")
_SHORT = 3  # words this short must be whole words: "mon" is not in "money"


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str  # a family, "anti_pattern", or "exclude" (a sentence to drop)
    anti: str
    lang: str
    pattern: str
    needs_timing: bool
    example: str
    source: str
    words: tuple[str, ...]
    inside: tuple[str, ...]

    @property
    def rx(self) -> re.Pattern[str]:
        # Compiled on first use: most entries never fire on a site, and compiling all of
        # them would add most of a second to every audit.
        return _compiled(self.pattern)


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Language:
    code: str
    durations: Durations
    timing: re.Pattern[str]
    """A duration or a speed word ('as soon as possible'), for entries that need one."""


class Triggers:
    """Where the entries' words start in a text, and which entries each word may find."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        at_start: dict[str, set[int]] = {}
        inside: dict[str, set[int]] = {}
        excluded: set[int] = set()
        for i, entry in enumerate(entries):
            for word in entry.words:
                at_start.setdefault(word, set()).add(i)
            for word in entry.inside:
                inside.setdefault(word, set()).add(i)
            if entry.kind == "exclude":
                excluded.add(i)
        whole = {w for w in at_start if len(w) <= _SHORT and w.isalpha()}
        # One pass finds the longest word at each word start ("call back"); the words it
        # begins with are there too ("call"), so a hit stands for their entries as well.
        self.entries_of = {w: tuple(sorted(_with_prefixes(w, at_start, whole)))
                           for w in at_start}
        for w, ix in inside.items():
            self.entries_of[w] = tuple(sorted(ix | set(self.entries_of.get(w, ()))))
        self.exclusive = frozenset(
            w for w, ix in self.entries_of.items() if excluded.issuperset(ix))
        """Words that only drop a sentence ('cookies'): not worth a sentence on their own."""
        # After a non-word character (the text gets a leading newline), a lookahead, so
        # that a word starting inside another's phrase is found too; the leading character
        # class lets the engine skip through words fast.
        self._scan = re.compile(rf"[^\w](?=({trie(at_start, whole=whole)}))")
        self._inside = tuple(sorted(inside))

    def hits(self, text: str) -> list[tuple[int, str]]:
        """Every (offset, word) in ``text``, in order of offset: the longest word at each
        start, and the words found inside others."""
        low = scan_text(text)  # offsets one more than in ``text``
        hits = [(m.start(), m.group(1)) for m in self._scan.finditer(low)]
        if self._inside:
            for word in self._inside:
                k = low.find(word)
                while k != -1:
                    hits.append((k - 1, word))
                    k = low.find(word, k + 1)
            hits.sort()
        return hits


def _with_prefixes(word: str, owners: dict[str, set[int]], whole: set[str]) -> set[int]:
    """The entries of ``word`` and of every word it begins with that a text holding it
    holds too ("call" in "call back", not "mon" in "monday")."""
    found = set(owners[word])
    for k in range(1, len(word)):
        part = word[:k]
        if part in owners and not (part in whole and word[k].isalnum()):
            found |= owners[part]
    return found


@dataclass(frozen=True, slots=True)
class Lexicon:
    entries: tuple[Entry, ...]
    languages: dict[str, Language]
    triggers: Triggers
    skip_path: re.Pattern[str]
    skip_title: re.Pattern[str]


@cache
def lexicon() -> Lexicon:
    """Every language's entries, duration grammars and pages to skip, read once."""
    entries: list[Entry] = []
    languages: dict[str, Language] = {}
    skip_paths: list[str] = []
    skip_titles: list[str] = []
    for lang in LANGUAGES:
        data = load(f"reassurance_{lang}")
        durs = durations(data["durations"])
        timing = durs.rx.pattern + "|" + bounded("|".join(data["speed"]))
        languages[lang] = Language(lang, durs, re.compile(timing, re.IGNORECASE))
        skip_paths.extend(data["skip_pages"]["paths"])
        skip_titles.extend(data["skip_pages"]["titles"])
        entries.extend(_entries(lang, data, durs))
    return Lexicon(
        tuple(entries),
        languages,
        Triggers(entries),
        re.compile(rf"(?:^|[/_.-])(?:{'|'.join(skip_paths)})(?:$|[/_.-])", re.IGNORECASE),
        re.compile(bounded("|".join(skip_titles)), re.IGNORECASE),
    )


def _entries(lang: str, data: dict[str, Any], durs: Durations) -> Iterable[Entry]:
    parts: dict[str, list[str]] = data.get("parts", {})
    macros = {name: alternation(words) for name, words in parts.items()}
    macros |= data.get("macros", {})
    macros["num"] = r"\d+|" + alternation(durs.numbers)
    groups: list[tuple[str, str, list[dict[str, Any]]]] = [
        (kind, "", data.get(kind, [])) for kind in FAMILIES
    ]
    groups += [("anti_pattern", anti, items) for anti, items in data["anti_pattern"].items()]
    # Cookie, privacy and data-protection sentences: found like the rest, then dropped.
    groups.append(("exclude", "", data.get("exclude", [])))
    for kind, anti, items in groups:
        for item in items:
            pattern = _REF.sub(lambda m: f"(?:{macros[m.group(1)]})", item["pattern"])
            yield Entry(
                kind, anti, lang, bounded(pattern), item.get("needs") == "timing",
                item.get("example", ""), item["pattern"],
                _words(item.get("words", ()), parts), _words(item.get("inside", ()), parts),
            )


def _words(words: Iterable[str], parts: dict[str, list[str]]) -> tuple[str, ...]:
    """The words as the scan reads them (folded, lower case), parts spelt out."""
    out: set[str] = set()
    for word in words:
        ref = _REF.fullmatch(word)
        for w in parts[ref.group(1)] if ref else (word,):
            out.add(fold(w.lower()))
    return tuple(sorted(out))
