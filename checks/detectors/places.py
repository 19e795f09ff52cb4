"""Opening hours and postal addresses: schema.org first, then visible text in EN/DE/FR/ES.

>>> from checks.api import SiteContext
>>> from crawler.page import Page
>>> det = PlaceDetector.from_context(SiteContext("https://acme.co.uk/"))
>>> page = Page.from_html("https://acme.co.uk/", "<footer><p>Unit 4, 12 Mill Lane<br>"
...     "Leeds LS1 4AB</p><p>Mon–Fri 9am–5pm, Sat 9am–noon</p></footer>")
>>> [(f.kind, f.value, f.method) for f in det.detect(page)]
[('opening_hours', 'Mo-Fr 09:00-17:00; Sa 09:00-12:00', 'text'), \
('address', 'Unit 4, 12 Mill Lane, Leeds, LS1 4AB', 'text')]

Hours are normalised the way schema.org ``openingHours`` writes them (``Mo-Fr 09:00-17:00``),
so the same hours found in JSON-LD and in the footer merge into one value. An address needs a
postcode in the site's country format *and* a street line above it (or a PO box, flagged
``po_box``): a wrong address is worse than none, so a town with a postcode is not one.
Day, time and street words are data (``checks/lexicons/places.json``).

Facts: ``opening_hours`` (``data``: ``spec`` [{days, opens, closes}], ``raw`` as written,
``always`` for "24/7" and "open 7 days") and ``address`` (``data``: ``street``, ``postcode``,
``locality``, ``region``, ``country``, ``po_box``; ``street`` is empty for a PO box alone),
each with method ``structured_data`` (schema.org items of the page; not visible when in
JSON-LD) or ``text``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from checks.api import SiteContext
from checks.facts import Fact, snippet_around
from checks.lexicons import load
from checks.patterns import alternation
from checks.reading import window
from checks.region import lang_region, tld_region
from checks.structured import dicts, organizations, texts
from checks.wordscan import Phrases, fold, scan_text
from crawler.page import Page, css_path

__all__ = ["PlaceDetector", "format_address", "item_address", "item_hours", "parse_hours"]

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
_LEX = load("places")


def _all(section: str) -> list[str]:
    """Every phrase of a lexicon section, whatever its language."""
    node = _LEX[section]
    if isinstance(node, list):
        return list(node)
    out: list[str] = []
    for words in node.values():
        out.extend(words if isinstance(words, list) else words.keys())
    return out


def _alt(words: Iterable[str]) -> str:
    """One alternation, longest first; a space in a phrase matches any run of spaces."""
    return alternation(words).replace(r"\ ", r"\s+")


def _day_table(section: str, fold: bool) -> dict[str, str]:
    table: dict[str, str] = {}
    for days in _LEX[section].values():
        for code, words in days.items():
            for w in words:
                table[w.lower() if fold else w] = code
    return table


_DAY_OF = _day_table("days", fold=True)
_DAY_EXACT = _day_table("days_exact", fold=False)
_TIME_WORDS = {w.lower(): t for words in _LEX["time_words"].values() for w, t in words.items()}
_AM, _PM = set(_LEX["am"]), set(_LEX["pm"])

# -- opening hours ------------------------------------------------------------------------------

_DASH = r"[-‐‑‒–—−~]"
_DAY = (rf"(?:(?<!\w)(?:{_alt(_DAY_OF)})(?!\w)|(?<!\w)(?-i:{_alt(_DAY_EXACT)})(?!\w))\.?")
_EVERY_STRONG = _alt(_all("every_day"))
_EVERY = _alt(_all("every_day") + _all("every_day_weak"))
_DAY_SPAN = (rf"(?:(?:{_alt(_all('day_from'))})\s+)?{_DAY}"
             rf"(?:(?:\s*{_DASH}\s*|\s+(?:{_alt(_all('day_range'))})\s+){_DAY})?")
_JOIN = _alt(_all("joiners"))
_DAYS = (rf"(?:{_DAY_SPAN}(?:(?:\s*[,/&+]\s*|\s+(?:{_JOIN})\s+){_DAY_SPAN})*"
         rf"|(?<![\w/])(?:{_EVERY})(?![\w/]))")
_SUFFIX = _alt(_all("am") + _all("pm") + _all("hour_suffix"))
_TIME = (rf"(?:(?<![\d:.,/])(?:[01]?\d|2[0-4])(?:(?:[:.]|h(?=\d))[0-5]\d)?"
         rf"(?:\s*(?:{_SUFFIX})(?!\w))?(?![\w:/]|\.\d)"
         rf"|(?<!\w)(?:{_alt(_TIME_WORDS)})(?!\w))")
_TRANGE = (rf"(?:(?:{_alt(_all('time_from'))})\s+)?{_TIME}"
           rf"(?:\s*{_DASH}\s*|\s+(?:{_alt(_all('time_range'))})\s+){_TIME}")
_TIMES = rf"{_TRANGE}(?:(?:\s*[,·/&;|+]\s*|\s+(?:{_JOIN})\s+){_TRANGE})*"
_GAP = r"[ \t]*[:,]?[ \t]*(?:\n[ \t]*)?"
_HOURS = re.compile(
    rf"(?P<days>{_DAYS}){_GAP}(?:(?P<times>{_TIMES})"
    rf"|(?P<closed>(?<!\w)(?:{_alt(_all('closed'))})(?!\w)))"
    rf"|(?P<times2>{_TIMES})[ \t]*,?[ \t]*(?P<days2>{_DAYS})"
    rf"|(?<![\w/])(?P<always>{_alt(_all('round_the_clock'))})(?![\w/])"
    rf"|(?<![\w/])(?P<every>{_EVERY_STRONG})(?![\w/])",
    re.IGNORECASE,
)
_DAYS_ONLY = re.compile(rf"\s*(?:{_DAYS})\s*", re.IGNORECASE)
_DAY_TOKEN = re.compile(
    rf"(?P<every>(?<![\w/])(?:{_EVERY})(?![\w/]))|(?P<day>{_DAY})"
    rf"|(?P<range>{_DASH}|(?<!\w)(?:{_alt(_all('day_range'))})(?!\w))",
    re.IGNORECASE,
)
_TIME_TOKEN = re.compile(
    rf"(?<![\d:.,/])(?P<h>[01]?\d|2[0-4])(?:(?:[:.]|h(?=\d))(?P<m>[0-5]\d))?"
    rf"(?:\s*(?P<sfx>{_SUFFIX})(?!\w))?(?![\w:/]|\.\d)"
    rf"|(?<!\w)(?P<word>{_alt(_TIME_WORDS)})(?!\w)",
    re.IGNORECASE,
)
_GROUP_GAP = 40  # characters between two entries of one timetable ("Hours\n", " · ")
# Cheap gates: a time ("9:00", "9am", "8-17", "17 Uhr") or an always-open phrase must be there
# before the (slow) grammar runs, and then only on the lines around it.
# A leading lookbehind makes re several times slower: the hour's own digits are checked in
# Python, on the few hits.
# Both read the folded, lower-cased text the prose detectors share (wordscan.scan_text):
# matching it case-sensitively is a quarter faster.
_SUFFIX_LOW = _alt(w.lower() for w in _all("am") + _all("pm") + _all("hour_suffix"))
_TIME_GATE = re.compile(rf"\d(?:\s*{_DASH}\s*\d|[:.h][0-5]\d|\s*(?:{_SUFFIX_LOW})(?!\w))")
_ALWAYS = sorted({fold(w.lower()) for w in _all("round_the_clock") + _all("every_day")})
# Found at the starts of one word scan (checks.wordscan.Phrases), not by a pass per phrase.
_ALWAYS_PHRASES = Phrases(_ALWAYS)
_REACH = 120
_WORD = re.compile(r"[^\W\d_]+")
_NUMBER = re.compile(r"\d+")
_DAYISH = frozenset([*_DAY_OF, *(p.split()[0].lower() for p in _all("every_day_weak"))])
# Words a match can start with; numbers are the other starts.
_STARTERS = _DAYISH | frozenset(
    w.lower() for w in [*_all("day_from"), *_all("time_from"), *_TIME_WORDS,
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
            _merge(spec, found[0])
    if not spec and _DAYS_ONLY.fullmatch(text):
        # schema.org: days without times mean open all day ("Mo-Su").
        spec = {d: [("00:00", "24:00")] for d in _days(text)}
    if not spec:
        return None
    return Hours(normalise(spec), _spec_list(spec), " ".join(text.split()))


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


def _merge(spec: Spec, more: Spec) -> None:
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
        if tok.group("range"):
            pending = bool(out)
            continue
        code = _day_code(tok.group("day"))
        if pending and out:
            i, j = DAYS.index(out[-1]), DAYS.index(code)
            span = range(i + 1, j + 1) if j > i else [*range(i + 1, 7), *range(0, j + 1)]
            out.extend(DAYS[k] for k in span)
        elif code not in out:
            out.append(code)
        pending = False
    return list(dict.fromkeys(out))


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
    bare = True
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


def _text_hours(text: str) -> Iterator[tuple[Hours, int, int]]:
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
        _merge(spec, more)
    if spec:
        start, end = group[0][0], group[-1][1]
        raw = " ".join(text[start:end].split())
        yield Hours(normalise(spec), _spec_list(spec), raw, always), start, end


def item_hours(item: dict[str, Any]) -> Hours | None:
    """Opening hours of a schema.org item: ``openingHours`` strings, then
    ``openingHoursSpecification`` (or a ContactPoint's ``hoursAvailable``).

    >>> item_hours({"openingHoursSpecification": [{"dayOfWeek": ["https://schema.org/Monday",
    ...     "Tuesday"], "opens": "09:00:00", "closes": "17:00"}]}).value
    'Mo,Tu 09:00-17:00'
    """
    # Sites repeat their JSON-LD on every page: the item's hours are parsed once.
    key = repr([item.get(k) for k in _HOURS_KEYS])
    if key in _hours_cache:
        return _hours_cache[key]
    found = _item_hours(item)
    if len(_hours_cache) >= _CACHE_SIZE:
        del _hours_cache[next(iter(_hours_cache))]
    _hours_cache[key] = found
    return found


_HOURS_KEYS = ("openingHours", "openingHoursSpecification", "hoursAvailable")
_hours_cache: dict[str, Hours | None] = {}
_CACHE_SIZE = 1024


def _item_hours(item: dict[str, Any]) -> Hours | None:
    spec: Spec = {}
    raws: list[str] = []
    for raw in texts(item.get("openingHours")):
        found = parse_hours(raw)
        if found is not None:
            raws.append(raw)
            for row in found.spec:
                _merge(spec, {d: [(row["opens"], row["closes"])] if row["opens"] else []
                              for d in row["days"]})
    for key in ("openingHoursSpecification", "hoursAvailable"):
        for row in dicts(item.get(key)):
            days = [_DAY_OF.get(d.rsplit("/", 1)[-1].lower()) for d in texts(row.get("dayOfWeek"))]
            opens, closes = _hhmm(row.get("opens")), _hhmm(row.get("closes"))
            if not opens or not closes or opens == closes:
                continue  # schema.org writes a closed day as 00:00-00:00
            known = [d for d in days if d]
            _merge(spec, {d: [(opens, "24:00" if closes == "23:59" else closes)] for d in known})
            if known:
                raws.append(f"{','.join(texts(row.get('dayOfWeek')))} {opens}-{closes}")
    if not spec:
        return None
    return Hours(normalise(spec), _spec_list(spec), "; ".join(raws))


def _hhmm(value: Any) -> str:
    m = re.match(r"\s*(\d{1,2}):(\d\d)", value) if isinstance(value, str) else None
    return f"{int(m.group(1)):02d}:{m.group(2)}" if m and int(m.group(1)) <= 24 else ""


# -- addresses ----------------------------------------------------------------------------------

_UPPER = "A-ZÄÖÜÁÉÍÓÚÑÀÈÇÂÊÎÔ"
_TOWN = (rf"[{_UPPER}][\w'’.-]*(?:[ \t]+(?:[{_UPPER}][\w'’.-]*|(?:am|an|der|im|bei|sur|sous|en"
         rf"|de|del|la|le|les)(?=[ \t]+[{_UPPER}])))*")
# No leading lookbehind: re scans several times faster without one, and _left_edge checks the
# character before a hit in Python.
_POSTCODES: dict[str, re.Pattern[str]] = {
    "GB": re.compile(r"(?P<pc>[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})(?![\w-])"),
    "US": re.compile(rf"(?P<state>{_alt(_LEX['us_states'])})\.?,?[ \t]+"
                     rf"(?P<pc>\d{{5}}(?:-\d{{4}})?)(?![\w-])"),
    "AU": re.compile(rf"(?P<state>{_alt(_LEX['au_states'])}),?[ \t]+(?P<pc>\d{{4}})(?![\w-])"),
    "IN": re.compile(r"(?P<pc>[1-9]\d{2} ?\d{3})(?![\d-])"),
    "5": re.compile(rf"(?P<pc>\d{{5}})[ \t]+(?P<town>{_TOWN})"),
    "4": re.compile(rf"(?P<pc>\d{{4}})[ \t]+(?P<town>{_TOWN})"),
}
_COUNTRY_PREFIX = re.compile(r"(?<![\w-])[A-Z]{1,2}-$")  # "D-79098 Freiburg"
# Which postcode formats a site's country writes; countries not listed get no text addresses.
_FORMATS = {
    "GB": "GB", "US": "US", "AU": "AU", "IN": "IN", "DE": "5", "FR": "5", "ES": "5", "IT": "5",
    "AT": "4", "CH": "4", "BE": "4",
}  # fmt: skip
_UNKNOWN_REGION = ("GB", "US", "AU")  # formats distinctive enough to need no region
POSTCODE_FIRST = frozenset({"DE", "AT", "CH", "FR", "ES", "IT", "BE", "NL", "LU", "PT", "DK",
                            "NO", "SE", "FI", "PL", "CZ"})
STATE_ZIP = frozenset({"US", "AU", "CA"})

_SEPARATORS = re.compile(r"\n|[ \t]*[|·•;][ \t]*|[ \t]+[–—-][ \t]+|,(?![ \t]*\d)[ \t]*")
_WINDOW_LINES = 6
_SUFFIX_WORD = re.compile(rf"(?<![\w'’])(?:{_alt(_LEX['street_suffix']['en'])})(?![\w'’])\.?",
                          re.IGNORECASE)
_PREFIX_WORD = re.compile(
    rf"(?<![\w'’])(?:{_alt(w for k, v in _LEX['street_prefix'].items() if k != 'de' for w in v)})"
    rf"(?![\w'’])\.?", re.IGNORECASE)
_NUMBERLESS = re.compile(
    rf"^(?:[{_UPPER}][\w.'’-]*\s+){{1,4}}(?i:{_alt(_LEX['street_suffix']['en'])})\.?$"
    rf"|^(?i:{_alt(w for k, v in _LEX['street_prefix'].items() if k != 'de' for w in v)})\.?"
    rf"\s+(?:[\w.'’-]+\s+){{0,4}}[{_UPPER}][\w.'’-]*$")
_DE_STREET = re.compile(
    rf"[{_UPPER}][\w-]*(?i:{_alt(_LEX['street_suffix']['de'])})\.?\s+\d"
    rf"|(?<!\w)(?:{_alt(_LEX['street_prefix']['de'])})\s+[{_UPPER}][\w.-]*(?:\s+[\w.-]+)?\s+\d",
    re.IGNORECASE)
_PARTICLES = _alt(_LEX["name_particles"])
_NAME_NUMBER = re.compile(
    rf"(?:^|(?<=\s))((?:(?:[{_UPPER}][\w.'’-]*|(?i:{_PARTICLES}))\s+){{0,4}}"
    rf"[{_UPPER}][\w.'’-]*,?\s+(?!(?:19|20)\d\d\b)\d{{1,4}}\s?[a-zA-Z]?"
    rf"(?:\s*[-/]\s*\d{{1,4}}[a-zA-Z]?)?(?:,?\s+[a-zäöüßéèáíóúñ\dºª][\wºª.]*){{0,2}})$")
_UNIT = re.compile(rf"^(?:{_alt(_all('unit_words'))})(?![\w'’])", re.IGNORECASE)
_PO_BOX = re.compile(rf"^(?:{_alt(_all('po_box'))})\.?\s*(?:n[o°º]\.?\s*)?\d", re.IGNORECASE)
_LABELS = frozenset(w.lower() for w in _all("address_labels"))
_PC_LABEL = re.compile(rf"(?:^|\s)(?:{_alt(_all('postcode_labels'))})\s*[:.-]?\s*$",
                       re.IGNORECASE)
_LABEL_PREFIX = re.compile(r"^([^\W\d][^\d:]{0,30}?)\s*:\s*(\S.*)$")
_NOT_ADDRESS = re.compile(
    rf"@|https?:|www\.|©|\(c\)|(?<!\w)(?:{_alt(_all('not_address'))})(?!\w)"
    r"|\d(?:[ .\-/]?\d){6}", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_LOWER_WORD = re.compile(r"(?<!\S)[a-zäöüßéèáíóúñ][^\s,]*")
_PARTICLE_SET = frozenset(_LEX["name_particles"])
_PARENS = re.compile(r"^\s*\(([^()]{2,40})\)")


def format_address(street: str, postcode: str, locality: str, region: str,
                   country: str) -> str:
    """One line, in the order the country writes it.

    >>> format_address("Hauptstraße 5", "10115", "Berlin", "", "DE")
    'Hauptstraße 5, 10115 Berlin'
    >>> format_address("1211 Maricopa Highway", "93023", "Ojai", "CA", "US")
    '1211 Maricopa Highway, Ojai, CA 93023'
    >>> format_address("Stadium Close", "DY10 1NB", "Kidderminster", "", "GB")
    'Stadium Close, Kidderminster, DY10 1NB'
    """
    if country in POSTCODE_FIRST:
        parts = [street, f"{postcode} {locality}".strip()]
    elif country in STATE_ZIP:
        parts = [street, locality, f"{region} {postcode}".strip()]
    else:
        parts = [street, locality, region, postcode]
    return " ".join(", ".join(p for p in parts if p).split())


def item_address(item: dict[str, Any], region: str | None = None) -> dict[str, Any] | None:
    """The postal address of a schema.org item: street, postcode, locality, region, country,
    po_box and the one-line ``value``; None without one.

    >>> item_address({"address": {"streetAddress": "PO Box 42", "postalCode": "2000",
    ...     "addressLocality": "Sydney", "addressRegion": "NSW", "addressCountry": "AU"}})["value"]
    'PO Box 42, Sydney, NSW 2000'
    """
    nodes = dicts(item.get("address"))
    if not nodes:
        line = next(iter(texts(item.get("address"))), "")
        if not line:
            return None
        found = [a for a, _, _ in _text_addresses(line, region)]
        if found:
            return found[0]
        return {"street": line, "postcode": "", "locality": "", "region": "", "country": "",
                "po_box": False, "value": line}
    node = nodes[0]
    street = ", ".join(texts(node.get("streetAddress")))
    box = ", ".join(texts(node.get("postOfficeBoxNumber")))
    country = next(iter(texts(node.get("addressCountry"))), "")
    if len(country) == 2:
        country = "GB" if country.upper() == "UK" else country.upper()
    parts = {
        "postcode": next(iter(texts(node.get("postalCode"))), ""),
        "locality": next(iter(texts(node.get("addressLocality"))), ""),
        "region": next(iter(texts(node.get("addressRegion"))), ""),
        "country": country,
    }
    po_box = bool(box) or bool(_PO_BOX.match(street))
    if po_box and _PO_BOX.match(street):
        box, street = street, ""
    if not any((street, box, *parts.values())):
        return None
    line = ", ".join(p for p in (box if box and not box[0].isdigit() else
                                 f"PO Box {box}" if box else "", street) if p)
    value = format_address(line, parts["postcode"], parts["locality"], parts["region"],
                           parts["country"])
    return {"street": street, **parts, "po_box": po_box and not street, "value": value}


def _formats(region: str | None) -> list[tuple[str, str]]:
    """(postcode format, country) pairs to look for on a site of ``region``."""
    if region is None:
        return [(f, f) for f in _UNKNOWN_REGION]
    fmt = _FORMATS.get(region)
    return [(fmt, region)] if fmt else []


def _text_addresses(text: str, region: str | None) -> Iterator[tuple[dict[str, Any], int, int]]:
    """Addresses in ``text``: (parts with ``value``, start, end)."""
    for fmt, country in _formats(region):
        pattern = _POSTCODES[fmt]
        for m in pattern.finditer(text):
            if not _left_edge(text, m.start(), fmt):
                continue
            found = _address_at(text, m, fmt, country)
            if found is not None:
                yield found


def _left_edge(text: str, at: int, fmt: str) -> bool:
    """Whether a postcode hit starts a token: "123456 Town" holds no "23456 Town"."""
    if at == 0:
        return True
    before = text[at - 1]
    if fmt == "IN":
        return not before.isdigit()
    if fmt in ("4", "5"):
        if before == "-":
            return bool(_COUNTRY_PREFIX.search(text, max(0, at - 4), at))
        return not (before.isalnum() or before in "_.,/")
    return not (before.isalnum() or before in "_-")


def _address_at(text: str, m: re.Match[str], fmt: str,
                country: str) -> tuple[dict[str, Any], int, int] | None:
    start = m.start()
    prefix = _COUNTRY_PREFIX.search(text, max(0, start - 4), start) if fmt in ("4", "5") else None
    if prefix:
        start = prefix.start()
    lo = start
    for _ in range(_WINDOW_LINES):
        lo = text.rfind("\n", 0, max(lo - 1, 0)) + 1
        if lo == 0:
            break
    segments = [s.strip(" \t,;:-–") for s in _SEPARATORS.split(text[lo:start])]
    pre = _PC_LABEL.sub("", segments[-1]).strip(" \t,;:-–")
    lines = _address_lines([s for s in segments[:-1] if s] + ([pre] if pre else []),
                           _POSTCODES[fmt], fmt in ("4", "5"))
    if lines is None:
        return None
    street_lines, middle, has_street = lines
    post = text[m.end():m.end() + 60].split("\n", 1)[0]
    locality, area = "", ""
    if fmt in ("4", "5"):
        locality = m.group("town")
        paren = _PARENS.match(post)
        area = paren.group(1) if paren else ""
        street_lines, middle = street_lines + middle, []
    elif fmt in ("US", "AU"):
        locality, area = (middle[-1] if middle else ""), m.group("state")
        street_lines += middle[:-1]
    elif middle:
        locality, area = middle[0], ", ".join(middle[1:])
    street = ", ".join(street_lines)
    parts = {"street": street if has_street else "", "postcode": m.group("pc"),
             "locality": locality, "region": area, "country": country,
             "po_box": not has_street}
    value = format_address(street, m.group("pc"), locality, area, country)
    first = text.find(street_lines[0], lo)
    return {**parts, "value": value}, first if first >= 0 else start, m.end()


def _address_lines(candidates: list[str], pattern: re.Pattern[str],
                   name_number: bool) -> tuple[list[str], list[str], bool] | None:
    """(street lines, locality lines after them, has a street) from the segments before a
    postcode, nearest last; None when no street or PO box leads the way to it."""
    lines: list[str] = []
    kinds: list[str] = []
    for i, seg in enumerate(reversed(candidates[-_WINDOW_LINES:])):
        if seg.lower().rstrip(" :") in _LABELS or seg.endswith(":"):
            break
        labelled = _LABEL_PREFIX.match(seg)
        if labelled:
            seg = labelled.group(2)
        seg = _trim_prose(seg)
        if len(seg) > 80 or len(seg.split()) > 12 or _NOT_ADDRESS.search(seg) \
                or pattern.search(seg):
            break
        if i == 0 and name_number:
            # "Schlossgarten 4", "San Pedro, 24 bajo": a name and a number right before the
            # postcode is a street where postcodes come first.
            nm = _NAME_NUMBER.search(seg)
            if nm and not _street_kind(seg):
                lines.insert(0, nm.group(1))
                kinds.insert(0, "street")
                continue
        lines.insert(0, seg)
        kinds.insert(0, _street_kind(seg))
        if labelled:
            break
    if "street" not in kinds and "po" not in kinds:
        return None
    first = min(i for i, k in enumerate(kinds) if k)
    last = max(i for i, k in enumerate(kinds) if k in ("street", "po", "unit"))
    street_lines, middle = lines[first:last + 1], lines[last + 1:]
    if not middle and kinds[last] == "street":
        head, rest = _split_locality(street_lines[-1])
        if rest:
            street_lines[-1], middle = head, [rest]
    if any(any(c.isdigit() for c in s) for s in middle):
        return None  # a number between street and postcode: not a locality, not sure
    return street_lines, middle, "street" in kinds


def _trim_prose(seg: str) -> str:
    """"Visit us at 12 Mill Lane" -> "12 Mill Lane": lower-case words before the house number
    that are no street word ("calle", "rue") or particle ("de") are prose."""
    digit = _DIGIT.search(seg)
    if digit is None or _UNIT.match(seg) or _PO_BOX.match(seg):
        return seg
    cut = 0
    for w in _LOWER_WORD.finditer(seg, 0, digit.start()):
        if not (_PREFIX_WORD.fullmatch(w.group()) or w.group() in _PARTICLE_SET):
            cut = w.end()
    return seg[cut:].lstrip(" ,:") if cut else seg


def _street_kind(seg: str) -> str:
    if _PO_BOX.match(seg):
        return "po"
    digit = any(c.isdigit() for c in seg)
    if (digit and (_SUFFIX_WORD.search(seg) or _PREFIX_WORD.search(seg)
                   or _DE_STREET.search(seg))) or _NUMBERLESS.match(seg):
        return "street"
    return "unit" if _UNIT.match(seg) else ""


def _split_locality(line: str) -> tuple[str, str]:
    """"23 E. Timber Dr. Rhinelander" -> ("23 E. Timber Dr.", "Rhinelander")."""
    if not line[:1].isdigit():
        return line, ""
    words = list(_SUFFIX_WORD.finditer(line))
    if not words:
        return line, ""
    last = words[-1]
    rest = line[last.end():].strip(" ,")
    if rest and rest[0].isupper() and not any(c.isdigit() for c in rest) \
            and len(rest.split()) <= 3:
        return line[:last.end()].rstrip(" ,"), rest
    return line, ""


# -- the detector -------------------------------------------------------------------------------


class PlaceDetector:
    """Opening hours and postal addresses of a page; see the module docstring."""

    id: ClassVar[str] = "places"

    def __init__(self, site_region: str | None = None) -> None:
        self.site_region = site_region

    @classmethod
    def from_context(cls, ctx: SiteContext) -> PlaceDetector:
        return cls((ctx.region or "").upper() or tld_region(ctx.start_url))

    def detect(self, page: Page) -> Iterator[Fact]:
        region = self.site_region or lang_region(page.lang)
        seen: set[tuple[str, str, str]] = set()
        for fact in [*self._structured(page, region), *self._text(page, region)]:
            key = (fact.kind, fact.value.lower(), fact.method)
            if key not in seen:
                seen.add(key)
                yield fact

    def _structured(self, page: Page, region: str | None) -> Iterator[Fact]:
        for syntax, item in organizations(page):
            visible = syntax != "json-ld"  # microdata and microformats mark up visible text
            hours = item_hours(item)
            if hours is not None:
                yield Fact("opening_hours", hours.value, "structured_data", "", "", hours.raw,
                           visible, {"spec": hours.spec, "raw": hours.raw, "always": False})
            addr = item_address(item, region)
            if addr is not None and (addr["street"] or addr["po_box"]):
                value = addr.pop("value")
                yield Fact("address", value, "structured_data", "", "", value, visible, addr)

    def _text(self, page: Page, region: str | None) -> Iterator[Fact]:
        elements: list[tuple[str, str, str]] | None = None
        for block in page.blocks:
            text = window(block.text)
            found_hours, found_addresses = _scan(text, region)
            for hours, start, end in found_hours:
                yield Fact("opening_hours", hours.value, "text", block.region, block.selector,
                           snippet_around(text, start, end), True,
                           {"spec": [dict(s) for s in hours.spec], "raw": hours.raw,
                            "always": hours.always})
            for found, start, end in found_addresses:
                addr = dict(found)
                value = addr.pop("value")
                where, selector = block.region, block.selector
                if elements is None:
                    elements = _address_elements(page)
                for el_text, el_selector, el_region in elements:
                    if addr["postcode"] in el_text:
                        where, selector = el_region, el_selector
                        break
                yield Fact("address", value, "text", where, selector,
                           snippet_around(text, start, end), True, addr)


_Scan = tuple[tuple[tuple[Hours, int, int], ...], tuple[tuple[dict[str, Any], int, int], ...]]
_cache: dict[tuple[str, str | None], _Scan] = {}
_CACHE_TEXT = 4000  # headers and footers repeat on every page; main texts rarely do


def _scan(text: str, region: str | None) -> _Scan:
    """Hours and addresses of one block's text, cached for short texts."""
    key = (text, region)
    found = _cache.get(key)
    if found is None:
        found = (tuple(_text_hours(text)), tuple(_text_addresses(text, region)))
        if len(text) <= _CACHE_TEXT:
            if len(_cache) >= _CACHE_SIZE:
                del _cache[next(iter(_cache))]  # oldest first
            _cache[key] = found
    return found


_ADDRESS_TAG = re.compile(r"<address[\s>]", re.IGNORECASE)


def _address_elements(page: Page) -> list[tuple[str, str, str]]:
    """(text, selector, region) of each ``<address>`` element: a better selector."""
    if page.html is not None and not _ADDRESS_TAG.search(page.html):
        return []
    root = page.selector.root
    return [(el.text_content(), css_path(el), page.region_of(el))
            for el in root.iter("address")] if hasattr(root, "iter") else []
