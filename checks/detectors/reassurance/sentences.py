"""Cutting a text into sentences around an offset, for reading one promise at a time.

>>> text = "Hours: Mon.–Fri. 9–5. Call Dr. Jones on 020 7946 0958. Bye."
>>> s, e = sentence(text, text.index("Call"))
>>> text[s:e].strip()
'Call Dr. Jones on 020 7946 0958.'
"""

from __future__ import annotations

import re

__all__ = ["MAX_SENTENCE", "sentence"]

MAX_SENTENCE = 400  # longer "sentences" are text without punctuation: keep a window

# A sentence ends at ., ! or ? (and closing quotes) before a space, or at a line break
# (see _start/_end for the exceptions).
_LAST_WORD = re.compile(r"[^\W\d_]+\Z")
_STOP = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)")
# Abbreviations whose dot does not end a sentence (days, titles, 'approx.', 'Tel.'...).
_ABBREV = frozenset({
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "mo", "di", "mi", "do", "fr", "sa", "so", "lun", "mar", "mer", "jeu", "ven", "sam", "dim",
    "mié", "jue", "vie", "sáb", "dom", "mr", "mrs", "ms", "dr", "prof", "st", "no", "nr",
    "tel", "tél", "tlf", "fax", "approx", "ca", "ct", "max", "min", "mind", "inkl", "zzgl",
    "bzw", "usw", "evtl", "ggf", "vs", "av", "avda", "bd", "mme", "sr", "sra", "dra", "núm",
    "env", "str", "hr", "fa", "kl", "klo",
})  # fmt: skip


# A day written as an ordinal after a short word ("vom 1. bis 15. August", "am 3. Mai", "den
# 4. juli", "od 2. do 9. sierpnia"): the dot after its digits ends no sentence.
_ORDINAL_DAY = re.compile(r"(?:^|\s)[^\W\d_]{1,15}\s\d{1,2}\Z")


def _stop(text: str, start: int, end: int) -> bool:
    """Whether the ``_STOP`` match ``text[start:end]`` really ends a sentence."""
    if text[start] == "." and (_abbreviation(text, start) or _ordinal_day(text, start)):
        return False
    nxt = text[end : end + 3].lstrip(" \t")
    return not nxt[:1].islower()  # "e.g. our", "approx. two"


def _soft_break(text: str, nl: int) -> bool:
    # A line broken inside a sentence (a <br> in running text) reads on in lower case.
    before = text[max(0, nl - 3) : nl].rstrip(" \t")
    after = text[nl + 1 : nl + 4].lstrip(" \t")
    return bool(before) and (before[-1].islower() or before[-1] == ",") and after[:1].islower()


def _ordinal_day(text: str, dot: int) -> bool:
    m = _ORDINAL_DAY.search(text, max(0, dot - 20), dot)
    return m is not None and m.group().split()[0].islower()


def _abbreviation(text: str, dot: int) -> bool:
    m = _LAST_WORD.search(text, max(0, dot - 12), dot)
    word = m.group() if m else ""
    # "J. Smith", "Mo.-Fr.", "approx."; a lower-case letter is a unit ("24 h.") and ends it.
    return (len(word) == 1 and word.isupper()) or word.lower() in _ABBREV


def _start(text: str, pos: int, lo: int) -> int:
    """Where the sentence holding ``pos`` starts, not before ``lo``."""
    nl = text.rfind("\n", lo, pos)
    for m in reversed(list(_STOP.finditer(text, nl + 1 if nl >= 0 else lo, pos))):
        if _stop(text, m.start(), m.end()):  # the last real stop before pos
            return m.end()
    if nl >= 0:
        if text[nl - 1 : nl] != "\n" and _soft_break(text, nl):
            return _start(text, nl, lo)
        return nl + 1
    return 0 if lo == 0 else (text.find(" ", lo, pos) + 1 or lo)


def _end(text: str, pos: int, hi: int) -> int:
    """Where the sentence holding ``pos`` ends, not after ``hi``."""
    k = pos
    while True:
        nl = text.find("\n", k, hi)
        stop_hi = nl if nl >= 0 else hi
        for m in _STOP.finditer(text, k, stop_hi):
            if _stop(text, m.start(), m.end()):
                return m.end()
        if nl < 0:
            break
        if text[nl + 1 : nl + 2] == "\n" or not _soft_break(text, nl):
            return nl
        k = nl + 1
    if hi >= len(text):
        return hi
    cut = text.rfind(" ", pos, hi)
    return cut if cut > pos else hi


def sentence(text: str, pos: int) -> tuple[int, int]:
    """The span of the sentence around ``pos``; long unpunctuated text gives a window."""
    start = _start(text, pos, max(0, pos - MAX_SENTENCE))
    end = _end(text, pos, min(len(text), pos + MAX_SENTENCE))
    if end - start > MAX_SENTENCE:
        half = MAX_SENTENCE // 2
        lo, hi = max(start, pos - half), min(end, pos + half)
        if lo > start:
            lo = text.find(" ", lo, pos) + 1 or lo
        if hi < end:
            cut = text.rfind(" ", pos, hi)
            hi = cut if cut > pos else hi
        start, end = lo, hi
    return start, end
