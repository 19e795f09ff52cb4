"""Opening hours as written on pages and in schema.org, normalised the way schema.org's
``openingHours`` writes them (``Mo-Fr 09:00-17:00``), so that the same hours found in JSON-LD and
in a footer are one value.

>>> parse_hours("Mon–Fri 9am–5pm, Sat 9am–noon").value
'Mo-Fr 09:00-17:00; Sa 09:00-12:00'

Day, time and "closed" words are data (``checks/lexicons/places.json``). The grammar is one
regex (:data:`_HOURS`); :func:`text_hours` runs it only on the lines around a cheap gate hit (a
time or an always-open phrase), and only where a match can start.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from checks.place_words import LEX, alt, phrases
from checks.wordscan import Phrases, fold, scan_text

__all__ = ["DAYS", "Hours", "Spec", "hours_of", "merge", "normalise", "parse_hours",
           "text_hours", "weekday"]

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")


def _day_table(section: str, fold: bool) -> dict[str, str]:
    table: dict[str, str] = {}
    for lang, days in LEX[section].items():
        if lang.startswith("_"):
            continue
        for code, words in days.items():
            for w in words:
                table[w.lower() if fold else w] = code
    return table


_DAY_OF = _day_table("days", fold=True)
_DAY_EXACT = _day_table("days_exact", fold=False)
# Words elsewhere ("di", "do"): a day only where a day range ends ("ma - do").
_DAY_WEAK = _day_table("days_weak", fold=True)
_TIME_WORDS = {w.lower(): t for words in LEX["time_words"].values() for w, t in words.items()}
_AM, _PM = set(LEX["am"]), set(LEX["pm"])

_DASH = r"[-‐‑‒–—−~]"
_DAY = (rf"(?:(?<!\w)(?:{alt(_DAY_OF)})(?!\w)|(?<!\w)(?-i:{alt(_DAY_EXACT)})(?!\w))\.?")
_EVERY_STRONG = alt(phrases("every_day"))
_EVERY = alt(phrases("every_day") + phrases("every_day_weak"))
_WEAK = rf"(?<!\w)(?:{alt(_DAY_WEAK)})(?!\w)\.?"
_DAY_SPAN = (rf"(?:(?:{alt(phrases('day_from'))})\s+)?{_DAY}"
             rf"(?:(?:\s*{_DASH}\s*|\s+(?:{alt(phrases('day_range'))})\s+)(?:{_DAY}|{_WEAK}))?")
_JOIN = alt(phrases("joiners"))
_DAYS = (rf"(?:{_DAY_SPAN}(?:(?:\s*[,/&+]\s*|\s+(?:{_JOIN})\s+){_DAY_SPAN})*"
         rf"|(?<![\w/])(?:{_EVERY})(?![\w/]))")
_SUFFIX = alt(phrases("am") + phrases("pm") + phrases("hour_suffix"))
# Hours and minutes: "9:30", "9.30", "9h30" (fr), "9u30" (nl-BE).
_TIME = (rf"(?:(?<![\d:.,/])(?:[01]?\d|2[0-4])(?:(?:[:.]|[hu](?=\d))[0-5]\d)?"
         rf"(?:\s*(?:{_SUFFIX})(?!\w))?(?![\w:/]|\.\d)"
         rf"|(?<!\w)(?:{alt(_TIME_WORDS)})(?!\w))")
_HOUR_PREFIX = alt(w for lang, ws in LEX["hour_prefix"].items() if not lang.startswith("_")
                   for w in ws)
_HOUR_MARK = re.compile(rf"(?<!\w)(?:{_HOUR_PREFIX})", re.IGNORECASE)
_TRANGE = (rf"(?:(?:{alt(phrases('time_from'))}|{_HOUR_PREFIX})\s+)?{_TIME}"
           rf"(?:\s*{_DASH}\s*|\s+(?:{alt(phrases('time_range'))})\s+){_TIME}")
_TIMES = rf"{_TRANGE}(?:(?:\s*[,·/&;|+]\s*|\s+(?:{_JOIN})\s+){_TRANGE})*"
# Between days and their times: a colon or comma, a line break, or a bracket ("Pon - Pt (9:00
# - 15:00)").
_GAP = r"[ \t]*[:,(]?[ \t]*(?:\n[ \t]*)?"
_HOURS = re.compile(
    rf"(?P<days>{_DAYS}){_GAP}(?:(?P<times>{_TIMES})"
    rf"|(?P<closed>(?<!\w)(?:{alt(phrases('closed'))})(?!\w)))"
    rf"|(?P<times2>{_TIMES})[ \t]*,?[ \t]*(?P<days2>{_DAYS})"
    rf"|(?<![\w/])(?P<always>{alt(phrases('round_the_clock'))})(?![\w/])"
    rf"|(?<![\w/])(?P<every>{_EVERY_STRONG})(?![\w/])",
    re.IGNORECASE,
)
_DAYS_ONLY = re.compile(rf"\s*(?:{_DAYS})\s*", re.IGNORECASE)
_DAY_TOKEN = re.compile(
    rf"(?P<every>(?<![\w/])(?:{_EVERY})(?![\w/]))|(?P<day>{_DAY})"
    rf"|(?P<range>{_DASH}|(?<!\w)(?:{alt(phrases('day_range'))})(?!\w))|(?P<weak>{_WEAK})",
    re.IGNORECASE,
)
_TIME_TOKEN = re.compile(
    rf"(?<![\d:.,/])(?P<h>[01]?\d|2[0-4])(?:(?:[:.]|[hu](?=\d))(?P<m>[0-5]\d))?"
    rf"(?:\s*(?P<sfx>{_SUFFIX})(?!\w))?(?![\w:/]|\.\d)"
    rf"|(?<!\w)(?P<word>{alt(_TIME_WORDS)})(?!\w)",
    re.IGNORECASE,
)
_GROUP_GAP = 40  # characters between two entries of one timetable ("Hours\n", " · ")
# Cheap gates: a time ("9:00", "9am", "8-17", "17 Uhr", "9 alle 18") or an always-open phrase
# must be there before the (slow) grammar runs, and then only on the lines around it.
# A leading lookbehind makes re several times slower: the hour's own digits are checked in
# Python, on the few hits.
# Both read the folded, lower-cased text the prose detectors share (wordscan.scan_text):
# matching it case-sensitively is a quarter faster.
_SUFFIX_LOW = alt(w.lower() for w in phrases("am") + phrases("pm") + phrases("hour_suffix"))
_RANGE_LOW = alt(w.lower() for w in phrases("time_range"))
_TIME_GATE = re.compile(rf"\d(?:\s*{_DASH}\s*\d|[:.hu][0-5]\d|\s*(?:{_SUFFIX_LOW})(?!\w)"
                        rf"|\s+(?:{_RANGE_LOW})\s+\d)")
_ALWAYS = sorted({fold(w.lower()) for w in phrases("round_the_clock") + phrases("every_day")})
# Found at the starts of one word scan (checks.wordscan.Phrases), not by a pass per phrase.
_ALWAYS_PHRASES = Phrases(_ALWAYS)
_REACH = 120
_WORD = re.compile(r"[^\W\d_]+")
_NUMBER = re.compile(r"\d+")
_DAYISH = frozenset([*_DAY_OF, *(p.split()[0].lower() for p in phrases("every_day_weak"))])
# Words a match can start with; numbers are the other starts.
_STARTERS = _DAYISH | frozenset(
    w.lower() for w in [*phrases("day_from"), *phrases("time_from"), *_TIME_WORDS,
                        *(p.split()[0] for p in _ALWAYS)] if w.isalpha())
_STARTERS_EXACT = frozenset(_DAY_EXACT)

Spec = dict[str, list[tuple[str, str]]]
"""Day code -> (opens, closes) intervals; a day with no interval is open, hours unknown."""


@dataclass(frozen=True, slots=True)
class Hours:
    """Opening hours: normalised value, schema.org-like spec, and the text as written."""

    value: str
    spec: list[dict[str, Any]]
    raw: str
    always: bool = False
    """Said as "24/7" or "open 7 days", not as a timetable."""


def parse_hours(text: str) -> Hours | None:
    """The opening hours in ``text`` (one timetable), normalised.

    >>> parse_hours("du lundi au vendredi de 9h à 12h et de 14h à 18h").value
    'Mo-Fr 09:00-12:00,14:00-18:00'
    >>> parse_hours("Mo-Sa").value, parse_hours("Termin 05.10.2023") is None
    ('Mo-Sa 00:00-24:00', True)
    """
    spec: Spec = {}
    for m in _HOURS.finditer(text):
        found = _entry(m)
        if found is not None:
            merge(spec, found[0])
    if not spec and _DAYS_ONLY.fullmatch(text):
        # schema.org: days without times mean open all day ("Mo-Su").
        spec = {d: [("00:00", "24:00")] for d in _days(text)}
    if not spec:
        return None
    return hours_of(spec, " ".join(text.split()))


def hours_of(spec: Spec, raw: str) -> Hours:
    """The hours a spec describes, with ``raw``, the text they were read from."""
    return Hours(normalise(spec), _spec_list(spec), raw)


def weekday(name: str) -> str | None:
    """The day code (``Mo``) of a day's name in any lexicon language, or None.

    >>> weekday("Monday"), weekday("dienstag"), weekday("Someday")
    ('Mo', 'Tu', None)
    """
    return _DAY_OF.get(name.lower())


def normalise(spec: Spec) -> str:
    """``Mo-Fr 09:00-17:00; Sa 09:00-12:00``: days with equal hours grouped, in week order.

    >>> normalise({"Mo": [("09:00", "13:00"), ("16:00", "20:00")], "We": [("09:00", "13:00"),
    ...            ("16:00", "20:00")], "Tu": [("12:00", "20:00")], "Su": []})
    'Mo,We 09:00-13:00,16:00-20:00; Tu 12:00-20:00; Su'
    """
    return "; ".join(f"{_day_list(days)} {','.join(f'{o}-{c}' for o, c in times)}".rstrip()
                     for times, days in _by_times(spec).items())


def _by_times(spec: Spec) -> dict[tuple[tuple[str, str], ...], list[str]]:
    groups: dict[tuple[tuple[str, str], ...], list[str]] = {}
    for d in DAYS:
        if d in spec:
            groups.setdefault(tuple(sorted(set(spec[d]))), []).append(d)
    return groups


def _spec_list(spec: Spec) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for times, days in _by_times(spec).items():
        out.extend({"days": days, "opens": o, "closes": c} for o, c in times or [("", "")])
    return out


def _day_list(days: list[str]) -> str:
    """``Mo-We,Fr``: runs of three or more days as ranges (OSM and schema.org style)."""
    idx = [DAYS.index(d) for d in days]
    parts: list[str] = []
    start = prev = idx[0]
    for i in [*idx[1:], -9]:
        if i == prev + 1:
            prev = i
            continue
        run = [DAYS[j] for j in range(start, prev + 1)]
        parts.append(f"{run[0]}-{run[-1]}" if len(run) >= 3 else ",".join(run))
        start = prev = i
    return ",".join(parts)


def merge(spec: Spec, more: Spec) -> None:
    for day, times in more.items():
        have = spec.setdefault(day, [])
        have.extend(t for t in times if t not in have)


def _days(text: str) -> list[str]:
    """The days a day expression names, ranges expanded ("Fr-Mo" wraps round the week)."""
    out: list[str] = []
    pending = False
    for tok in _DAY_TOKEN.finditer(text):
        if tok.group("every"):
            return list(DAYS)
        code = _token_day(tok, pending)
        if code is None:
            if tok.group("range"):
                pending = bool(out)
            continue
        if pending and out:
            i, j = DAYS.index(out[-1]), DAYS.index(code)
            span = range(i + 1, j + 1) if j > i else [*range(i + 1, 7), *range(0, j + 1)]
            out.extend(DAYS[k] for k in span)
        elif code not in out:
            out.append(code)
        pending = False
    return list(dict.fromkeys(out))


def _token_day(tok: re.Match[str], after_range: bool) -> str | None:
    """The day a token names, if any: a weak day ("do") only where a range ends, since
    elsewhere it is a range word (Polish "pon do pt") or not a day at all."""
    if tok.group("day"):
        return _day_code(tok.group("day"))
    word = tok.group("range") or tok.group("weak")
    return _DAY_WEAK.get(word.rstrip(".").lower()) if after_range else None


def _day_code(token: str) -> str:
    word = token.rstrip(".")
    return _DAY_EXACT.get(word) or _DAY_OF[word.lower()]


def _entry(m: re.Match[str]) -> tuple[Spec, str] | None:
    """(spec, class) of one match; class "hours", or "always" for 24/7 and "open 7 days"."""
    if m.group("always"):
        return {d: [("00:00", "24:00")] for d in DAYS}, "always"
    if m.group("every"):
        return {d: [] for d in DAYS}, "always"
    if m.group("closed"):
        return {}, "hours"
    days_text = m.group("days") or m.group("days2")
    days = _days(days_text)
    times = _times(m.group("times") or m.group("times2"))
    if not days or not times:
        return None
    if times[0] == ("bare", "bare"):
        # "Mar 12-14" is a date in March, "ages 5-11 Saturday" no timetable: numbers without
        # a unit need a day range, or a full day name written first.
        full = m.group("days") and any(len(t.group("day").rstrip(".")) >= 5
                                       for t in _DAY_TOKEN.finditer(days_text) if t.group("day"))
        if len(days) < 2 and not full:
            return None
        times = times[1:]
    return {d: list(times) for d in days}, "hours"


def _times(text: str) -> list[tuple[str, str]]:
    """(opens, closes) pairs, "HH:MM"; a leading ("bare", "bare") when no number had a unit."""
    toks = list(_TIME_TOKEN.finditer(text))
    out: list[tuple[str, str]] = []
    bare = _HOUR_MARK.search(text) is None  # "kl. 8-17" has its unit in front
    for a, b in zip(toks[::2], toks[1::2], strict=False):
        if any(t.group("m") or t.group("sfx") or t.group("word") for t in (a, b)):
            bare = False
        pair = _interval(a, b)
        if pair is None:
            return []
        out.append(pair)
    return [("bare", "bare"), *out] if out and bare else out


def _interval(a: re.Match[str], b: re.Match[str]) -> tuple[str, str] | None:
    opens, closes = _clock(a), _clock(b)
    if opens is None or closes is None:
        return None
    (oh, om, o_mark), (ch, cm, c_mark) = opens, closes
    if c_mark == "pm" and not o_mark and oh < 12 and oh + 12 < ch:
        oh += 12  # "1-5pm"
    if not o_mark and not c_mark and ch <= oh < ch + 12 and ch < 12:
        ch += 12  # "8:00 - 5:00": nobody opens from eight in the morning to five at dawn
    if c_mark == "am" and ch == 0:
        ch = 24
    if (oh, om) == (ch, cm) or oh > 24 or ch > 24 or (ch == 24 and cm):
        return None
    return f"{oh:02d}:{om:02d}", f"{ch:02d}:{cm:02d}"


def _clock(t: re.Match[str]) -> tuple[int, int, str] | None:
    if t.group("word"):
        h, m = _TIME_WORDS[t.group("word").lower()].split(":")
        return int(h), int(m), "word"
    h, m = int(t.group("h")), int(t.group("m") or 0)
    sfx = (t.group("sfx") or "").lower()
    if sfx in _PM:
        return (h + 12 if h < 12 else h), m, "pm"
    if sfx in _AM:
        return (0 if h == 12 else h), m, "am"
    return h, m, "24h" if sfx else ""


def text_hours(text: str) -> Iterator[tuple[Hours, int, int]]:
    """Each timetable in ``text``: entries close together form one, 24/7 stands alone."""
    group: list[tuple[int, int, Spec]] = []
    cls = ""
    for m in _matches(text):
        found = _entry(m)
        if found is None:
            continue
        spec, kind = found
        if group and (kind != cls or m.start() - group[-1][1] > _GROUP_GAP):
            yield from _timetable(text, group, cls == "always")
            group = []
        group.append((m.start(), m.end(), spec))
        cls = kind
    yield from _timetable(text, group, cls == "always")


def _matches(text: str) -> Iterator[re.Match[str]]:
    """Grammar matches in the windows around gate hits: the line of a hit and the one above
    ("Monday to Friday" over "9:00 - 17:30")."""
    low = scan_text(text)  # offset i + 1 here is offset i in ``text``
    hits = [(m.start() - 1, False) for m in _TIME_GATE.finditer(low)
            if _hour_before(text, m.start() - 1)]
    hits += [(at, True) for at, _ in _ALWAYS_PHRASES.find(text)]
    windows: list[list[Any]] = []
    for at, sure in sorted(hits):
        line = text.rfind("\n", 0, at) + 1
        lo = max(text.rfind("\n", 0, max(line - 1, 0)) + 1, at - _REACH)
        end = text.find("\n", at)
        hi = min(len(text) if end < 0 else end, at + _REACH)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(hi, windows[-1][1])
            windows[-1][2] = windows[-1][2] or sure
        else:
            windows.append([lo, hi, sure])
    for lo, hi, sure in windows:
        # A time with no day word near it is no timetable ("call 9-5", "10:45 A.M.").
        if not sure and not any(w in _DAY_EXACT or w.lower() in _DAYISH
                                for w in _WORD.findall(text, lo, hi)):
            continue
        words = [w for w in _WORD.finditer(text, lo, hi)
                 if w.group() in _STARTERS_EXACT or w.group().lower() in _STARTERS]
        # The grammar is tried only where a match can start (a day, "from", a number ...):
        # scanning every position of the window costs several times more.
        starts = sorted([w.start() for w in words]
                        + [n.start() for n in _NUMBER.finditer(text, lo, hi)])
        pos = lo
        for at in starts:
            if at >= pos:
                m = _HOURS.match(text, at, hi)
                if m:
                    yield m
                    pos = m.end()


def _hour_before(text: str, at: int) -> bool:
    """Whether the digit at ``at`` ends a number that can be an hour (not "362-3523")."""
    lo = at
    while lo > 0 and text[lo - 1].isdigit():
        lo -= 1
    return at - lo <= 1 and int(text[lo:at + 1]) <= 24


def _timetable(text: str, group: list[tuple[int, int, Spec]],
               always: bool) -> Iterator[tuple[Hours, int, int]]:
    spec: Spec = {}
    for _, _, more in group:
        merge(spec, more)
    if spec:
        start, end = group[0][0], group[-1][1]
        if text.startswith(")", end) and text.count("(", start, end) > text.count(")", start, end):
            end += 1  # "Pon - Pt (9:00 - 15:00)": the times' closing bracket
        raw = " ".join(text[start:end].split())
        yield Hours(normalise(spec), _spec_list(spec), raw, always), start, end
