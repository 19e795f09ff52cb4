"""Where a detector's words may start in a text, found in one pass.

Detectors that read prose (persons, reassurance, legal, places) each look for hundreds of
words and phrases at word starts. Python's ``re`` costs about the same per character of text
however many words it looks for, so each detector builds one :class:`WordScan` of all its
words (once, with the detector) and tries its own patterns only at the offsets it gives.
Every detector reads the same folded, lower-cased copy of a text (:func:`scan_text`).

>>> scan = WordScan(["call us", "team"])
>>> text = "Our Team is here. Call\\nus today."
>>> [text[i:i + 4] for i in scan.starts(text)]
['Team', 'Call']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from checks.patterns import trie

__all__ = ["FOLD", "Phrases", "WordScan", "fold", "lower", "scan_text"]

# One-to-one character folds, so offsets in the folded text are offsets in the page text.
FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ", "\u202f": " ",
})  # fmt: skip
_NEEDS_FOLD = re.compile(
    "[\u2018\u2019\u02bc\u00b4`\u201c\u201d\u00ab\u00bb\u2010-\u2014\u2212\u00a0\u202f]"
)


def _fold_one(m: re.Match[str]) -> str:
    return m.group().translate(FOLD)


def fold(text: str) -> str:
    """``text`` with typographic quotes, dashes and spaces made plain, one for one.

    >>> fold("We’re here – 24\\u00a0h")
    "We're here - 24 h"
    """
    # str.translate is slow on non-ASCII text, and most texts have nothing to fold.
    if text.isascii() and "`" not in text:
        return text
    return _NEEDS_FOLD.sub(_fold_one, text)


def lower(text: str) -> str:
    """``text`` lower-cased, offsets kept: the few letters that lower-case to two ('İ') stay.

    >>> lower("Ärzte İstanbul")
    'ärzte İstanbul'
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _char(ch: str) -> str:
    return r"\s+" if ch == " " else re.escape(ch)


# Words are cut to this many characters for the scan: the offsets found are a superset all
# the same, and the pattern compiles in half the time (with 1% more offsets on real pages).
_SCAN_CHARS = 12


def _scan_words(words: Iterable[str]) -> list[str]:
    """The fewest words that start wherever one of ``words`` starts: cut to
    ``_SCAN_CHARS``, and none that another one begins ('call' stands for 'call us').

    >>> _scan_words(["call us", "call", "callback", "a human who picks up"])
    ['a human who', 'call']
    """
    kept: list[str] = []
    for word in sorted({w[:_SCAN_CHARS].rstrip() for w in words} - {""}):
        if not (kept and word.startswith(kept[-1])):
            kept.append(word)
    return kept


@lru_cache(maxsize=64)
def scan_text(text: str) -> str:
    """``text`` folded and lower-cased after a newline: offset ``i + 1`` here is ``i`` there.

    The detectors that read prose match on this, so it is made once per text.

    >>> scan_text("Call Us’")
    "\\ncall us'"
    """
    return "\n" + lower(fold(text))


class WordScan:
    """The offsets in a text where one of ``words`` may start (lower case; a space stands for
    any run of white space): a superset, since words are cut for the scan, so check each."""

    def __init__(self, words: Iterable[str]) -> None:
        kept = _scan_words(fold(w.lower()) for w in words if w.strip())  # blank: no word
        # After a non-word character (the text gets a leading newline), a lookahead: every
        # start is found, also where one word begins inside another's phrase.
        self._pattern = re.compile(
            rf"[^\w](?=(?:{trie(kept, _char)}))" if kept else r"(?!)")

    def starts(self, text: str) -> tuple[int, ...]:
        """Offsets in ``text`` where a word may start, matched on :func:`scan_text`."""
        return tuple(m.start() for m in self._pattern.finditer(scan_text(text)))


class Phrases:
    """A few fixed phrases, and where each starts a word in a text.

    >>> gates = Phrases(["vat no", "registered in"])
    >>> list(gates.find("Acme Ltd, registered in England. VAT No 123"))
    [(10, 'registered in'), (33, 'vat no')]
    """

    def __init__(self, phrases: Iterable[str]) -> None:
        folded = sorted({fold(p.lower()) for p in phrases if p.strip()})
        # Under their first two characters, longest first: one lookup at each start.
        self._by_head: dict[str, tuple[str, ...]] = {}
        for p in sorted(folded, key=lambda p: (-len(p), p)):
            self._by_head[p[:2]] = (*self._by_head.get(p[:2], ()), p)
        self._scan = WordScan(folded)

    def find(self, text: str) -> Iterator[tuple[int, str]]:
        """Each offset in ``text`` where a phrase starts a word, with the longest there."""
        low = scan_text(text)
        for at in self._scan.starts(text):
            for phrase in self._by_head.get(low[at + 1 : at + 3], ()):
                if low.startswith(phrase, at + 1):
                    yield at, phrase
                    break
