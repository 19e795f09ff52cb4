"""A table of hours ("Monday 9–5 / Tuesday 9–5 / ...") read as one availability finding.

Sites lay out office, opening and consultation hours as one line per day (a table row, a
``<div>`` per day, or the day and its hours on two lines). Read a line at a time, each row
would be a finding of its own, and none of them is what a reader sees: one block of hours.
So consecutive day-and-time lines are joined into one block; a short heading right above it
that names hours or contact ("Office Hours", "Sprechzeiten", "Horaires") opens the block.

>>> text = "Hours\\n\\nMonday\\n9:00 AM – 5:00 PM\\nTuesday: 9am-1pm\\nSunday: closed\\n\\nBye."
>>> [(text[r.start:r.end], r.value) for r in hour_runs(text, "en")]
[('Hours\\n\\nMonday\\n9:00 AM – 5:00 PM\\nTuesday: 9am-1pm\\nSunday: closed', \
'Hours Monday 9:00 AM – 5:00 PM Tuesday: 9am-1pm Sunday: closed')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from checks.language import LANGUAGES
from checks.lexicons import load
from checks.patterns import bounded

__all__ = ["HourRun", "hour_runs"]

_MIN_DAYS = 2  # one day with its hours is a sentence the lexicon entries already read
_MAX_REST = 80  # what follows the day on a row: hours and a note, not a paragraph
_MAX_HEADING = 60
_MAX_VALUE = 600
# A time ("9", "9:00", "9.30", "9h", "9am") then a dash, a word or a second time: a span of
# hours; or one clock time with minutes ("10:00").
_T = r"\d{1,2}(?:[:.h]\d{2})?\s*(?:[ap]\.?m\.?|uhr|h)?"
_TIME = re.compile(
    rf"(?<!\d){_T}\s*(?:[-–—]|\w{{1,5}})\s*{_T}(?!\d)|(?<!\d)\d{{1,2}}[:.]\d{{2}}(?!\d)",
    re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?]\s+\w|[.!?]$")


@dataclass(frozen=True, slots=True)
class HourRun:
    start: int  # offsets of the block in the text, its heading included
    end: int
    value: str  # heading and rows on one line
    language: str


@dataclass(frozen=True, slots=True)
class _Vocab:
    days: dict[str, re.Pattern[str]]  # per language: a day (or a range of days) opening a row
    heading: re.Pattern[str]
    closed: re.Pattern[str]


@cache
def _vocab() -> _Vocab:
    days: dict[str, re.Pattern[str]] = {}
    headings: list[str] = []
    closed: list[str] = []
    for lang in LANGUAGES:
        data = load(f"reassurance_{lang}")
        day = data["macros"]["day"]
        # "Mon – Fri", "Montag bis Freitag": a range of days opens a row too.
        days[lang] = re.compile(rf"(?:{day})(?:\s*(?:[-–—/&,]|\w{{1,5}})\s*(?:{day}))?(?!\w)",
                                re.IGNORECASE)
        headings.extend(data["hours"]["headings"])
        closed.extend(data["hours"]["closed"])
    return _Vocab(
        days,
        re.compile(bounded("|".join(map(re.escape, headings))), re.IGNORECASE),
        re.compile(bounded("|".join(map(re.escape, closed))), re.IGNORECASE),
    )


def hour_runs(text: str, page_lang: str = "") -> list[HourRun]:
    """The blocks of two or more day rows in ``text``, with their heading when it has one."""
    if not any(c.isdigit() for c in text):
        return []
    vocab = _vocab()
    lines = _lines(text)
    runs: list[HourRun] = []
    i = 0
    while i < len(lines):
        rows, lang, j = _rows(text, lines, i, vocab, page_lang)
        if rows < _MIN_DAYS:
            i += 1
            continue
        start, end = lines[i][0], lines[j - 1][1]
        parts = [" ".join(text[s:e].split()) for s, e in lines[i:j]]
        heading = _heading(text, lines, i, vocab)
        if heading:
            parts.insert(0, heading)
            start = lines[i - 1][0]
        value = " ".join(parts)
        if len(value) <= _MAX_VALUE:
            runs.append(HourRun(start, end, value, lang))
        i = j
    return runs


def _lines(text: str) -> list[tuple[int, int]]:
    """The non-blank lines of ``text`` as (start, end) offsets."""
    out = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _rows(text: str, lines: list[tuple[int, int]], i: int, vocab: _Vocab, page_lang: str,
          ) -> tuple[int, str, int]:
    """How many day rows with hours follow from line ``i``, their language, and the line
    after them. A row is a day with its hours (or 'closed') on one line, or a day alone
    followed by a line of hours; a row that is a sentence ends the block."""
    rows = timed = 0
    lang = ""
    j = i
    while j < len(lines):
        line = text[lines[j][0] : lines[j][1]].strip()
        day_lang, rest = _day(line, vocab, page_lang)
        if day_lang is None or _SENTENCE_END.search(rest):
            break
        if not rest.strip(" :-–—") and j + 1 < len(lines):
            # The day alone, its hours on the next line.
            nxt = text[lines[j + 1][0] : lines[j + 1][1]].strip()
            if _day(nxt, vocab, page_lang)[0] is None and len(nxt) <= _MAX_REST and (
                    _TIME.search(nxt) or vocab.closed.search(nxt)):
                rest, j = nxt, j + 1
        if len(rest) > _MAX_REST:
            break
        if _TIME.search(rest):
            timed += 1
        elif not (vocab.closed.search(rest) or not rest.strip(" :-–—")):
            break
        elif not rest.strip(" :-–—") and not timed:
            break  # a list of days ("Monday / Tuesday"), not hours
        rows += 1
        lang = lang or day_lang
        j += 1
    return (rows if timed >= _MIN_DAYS else 0), lang, j


def _day(line: str, vocab: _Vocab, page_lang: str) -> tuple[str | None, str]:
    """The language of the day (or days) opening ``line``, and the rest of the line."""
    best: tuple[str | None, str] = (None, line)
    best_len = 0
    for lang, rx in vocab.days.items():
        m = rx.match(line)
        if m and (len(m.group()) > best_len or (len(m.group()) == best_len and lang == page_lang)):
            best, best_len = (lang, line[m.end() :]), len(m.group())
    return best


def _heading(text: str, lines: list[tuple[int, int]], i: int, vocab: _Vocab) -> str:
    """The line above the rows when it is a short hours or contact heading."""
    if i == 0:
        return ""
    line = " ".join(text[lines[i - 1][0] : lines[i - 1][1]].split())
    if len(line) > _MAX_HEADING or _SENTENCE_END.search(line) or not vocab.heading.search(line):
        return ""
    return line
