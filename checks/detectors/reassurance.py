"""Reassurance: sentences that tell a visitor a human will answer, and how soon (RUBRIC D5).

>>> from checks.api import SiteContext
>>> from crawler.page import Page
>>> detector = ReassuranceDetector.from_context(SiteContext("https://acme.co.uk/"))
>>> page = Page.from_html("https://acme.co.uk/contact", "<main><h1>Contact</h1>"
...     "<p>Speak to a real person. We reply within 24 hours, Mon–Fri.</p></main>")
>>> [(f.value, f.data["kind"]) for f in detector.detect(page)]
[('Speak to a real person.', 'human'), ('We reply within 24 hours, Mon–Fri.', 'response_time'), \
('We reply within 24 hours, Mon–Fri.', 'availability')]
>>> [f.data["promise"] for f in detector.detect(page) if "promise" in f.data]
[{'hours': 24.0, 'business_days': None, 'same_day': False, 'label': 'within 24 hours'}]

Families (``response_time``, ``human``, ``availability``, ``guarantee``, ``invitation``) and
anti-patterns (``anti_pattern`` with ``data["anti"]``: ``noreply``, ``no_phone_support``,
``ticket_only``, ``slow_response``, ``high_volume``, ``phone_menu``, ``premium_rate``,
``bot_only``) come from the lexicons ``checks/lexicons/reassurance_<lang>.json``. All four
languages are tried on every page, so an English page quoting a German customer still counts;
``data["language"]`` says which language the sentence is in. One fact per sentence and kind; a
sentence offering a bot ("Our AI assistant is here 24/7") gives only its anti-pattern, and the
check decides whether a human fallback exists elsewhere. Navigation, cookie and data-protection
sentences and privacy/legal pages are left out.

Speed: the lexicons hold some 290 regexes; running them all over a page would take tens of
milliseconds. Instead the literals that every match of a pattern must contain (found by walking
the parsed regex, :func:`triggers_of`) go into one trie-shaped regex; one pass over the
lower-cased text finds them (~0.1 ms for 5 KB), and only the sentences around its hits are cut
out and tried, with only the patterns of the literals hit. Block texts are cached, so a footer
repeated on every page of a site is read once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, ClassVar
from urllib.parse import unquote, urlsplit

from checks.api import SiteContext
from checks.facts import Fact, snippet_around
from checks.language import LANGUAGES, page_language, text_language
from checks.lexicons import load
from checks.patterns import alternation, trie
from checks.reading import window
from checks.wordscan import WordScan, fold, scan_text
from crawler.page import Page

try:  # Python >= 3.11
    from re import _constants as _sre_c  # type: ignore[attr-defined]
    from re import _parser as _sre_p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _sre_c
    import sre_parse as _sre_p

__all__ = ["FAMILIES", "ReassuranceDetector", "parse_promise"]

FAMILIES = ("response_time", "human", "availability", "guarantee", "invitation")
_KIND_ORDER = {k: i for i, k in enumerate((*FAMILIES, "anti_pattern"))}

_MACRO = re.compile(r"<<(\w+)>>")
_SHORT = 3  # triggers this short must be whole words


_MAX_SENTENCE = 400  # longer "sentences" are text without punctuation: keep a window
_TIMING_REACH = 80  # how far from a reply word a duration or speed word may stand
_SNIPPET = 200

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
    "env", "str", "hr", "fa",
})  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Entry:
    kind: str  # a family, "anti_pattern", or "exclude" (a sentence to drop)
    anti: str
    lang: str
    pattern: str
    needs_timing: bool
    example: str
    source: str

    @property
    def rx(self) -> re.Pattern[str]:
        # Compiled on first use: most entries never fire on a site, and compiling all of
        # them would add most of a second to every audit.
        return _compiled(self.pattern)


@dataclass(frozen=True, slots=True)
class _Durations:
    rx: re.Pattern[str]
    numbers: dict[str, float]
    units: tuple[str, ...]
    fixed: tuple[dict[str, Any], ...]


@dataclass(frozen=True, slots=True)
class _Language:
    code: str
    durations: _Durations
    timing: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class _Lexicon:
    entries: tuple[_Entry, ...]
    languages: dict[str, _Language]
    at_word_start: re.Pattern[str]
    words: WordScan
    """Where a trigger may start: ``at_word_start`` is tried there."""
    anywhere: tuple[str, ...]
    by_trigger: dict[str, tuple[int, ...]]
    starting: dict[str, tuple[tuple[int, ...], tuple[int, ...], int]]
    """Per trigger, its entries split in two: those whose every match starts with the
    trigger (tried right at a hit, before any sentence is cut), and the rest; then how many
    characters from the hit the first may need."""
    exclusive: frozenset[str]
    skip_path: re.Pattern[str]
    skip_title: re.Pattern[str]


# -- building the lexicon ---------------------------------------------------------------------


def _bounded(pattern: str) -> str:
    return rf"(?<!\w)(?:{pattern})(?!\w)"


def _durations(spec: dict[str, Any]) -> _Durations:
    numbers = {str(k).lower(): float(v) for k, v in spec["numbers"].items()}
    num = r"\d+(?:[.,]\d+)?|" + alternation(numbers)
    units = tuple(spec["units"])
    unit_alt = "|".join(f"(?P<u_{u}>{spec['units'][u]})" for u in units)
    fixed = tuple(spec["fixed"])
    fixed_alt = "".join(f"|(?P<f{i}>{f['pattern']})" for i, f in enumerate(fixed))
    body = (
        rf"(?:(?:{spec['prefix']}) )?(?:(?P<n1>{num})(?: ?(?:{spec['range']}) ?(?P<n2>{num}))?"
        rf" ?(?:{unit_alt}){fixed_alt})"
    )
    return _Durations(re.compile(_bounded(body), re.IGNORECASE), numbers, units, fixed)


def _expand(pattern: str, macros: dict[str, str]) -> str:
    return _MACRO.sub(lambda m: f"(?:{macros[m.group(1)]})", pattern)


# A trigger: a literal every match of a pattern contains, lower case, and whether it always
# starts a word and always ends one in that pattern (so "avis" does not fire on "aviso").
_Trigger = tuple[str, bool, bool]
_Cand = frozenset[_Trigger]
_EXPAND_CAP = 256  # most strings one trigger set may list
_SELECTIVE = 8  # a literal this long is rare enough: stop growing it
_GOOD = 5  # ... and one this long too, rather than multiply the strings by an alternation
_SMALL_CLASS = 4  # a character class such as [ée] expands to its characters up to this size


@cache
def _frequent() -> frozenset[str]:
    """Words too frequent on contact pages to make a trigger on their own."""
    words: set[str] = set()
    for lang in LANGUAGES:
        data = load(f"reassurance_{lang}")
        words.update(data["stopwords"], data["frequent_words"])
    return frozenset(words)


def _weak(literal: str) -> bool:
    return all(w.strip(".,:'") in _frequent() for w in literal.split())


def _expansion(op: Any, av: Any) -> set[str] | None:
    """Every string a literal-only regex item can match ('(?:per |a )?min' ...), or None."""
    if op is _sre_c.LITERAL:
        return {chr(av).lower()}
    if op is _sre_c.IN:
        chars = set()
        for iop, iav in av:
            if iop is not _sre_c.LITERAL:
                return None
            chars.add(chr(iav).lower())
        return chars if len(chars) <= _SMALL_CLASS else None
    if op is _sre_c.SUBPATTERN:
        return _seq_expansion(av[-1])
    if op is _sre_c.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            sub = _seq_expansion(alt)
            if sub is None:
                return None
            out |= sub
        return out if len(out) <= _EXPAND_CAP else None
    if op in (_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT) and av[0] == 0 and av[1] == 1:
        sub = _seq_expansion(av[2])
        return None if sub is None else sub | {""}
    return None


def _seq_expansion(seq: Any) -> set[str] | None:
    out = {""}
    for op, av in seq:
        sub = _expansion(op, av)
        if sub is None:
            return None
        out = {a + b for a in out for b in sub}
        if len(out) > _EXPAND_CAP:
            return None
    return out


def _candidate(strings: set[str], at_start: bool, at_end: bool) -> _Cand | None:
    found: dict[str, tuple[bool, bool]] = {}
    for s in strings:
        word = s.strip()
        if len(word) < 3:
            return None
        start = at_start or s[:1].isspace()
        end = at_end or s[-1:].isspace()
        old = found.get(word, (True, True))
        found[word] = (old[0] and start, old[1] and end)
    return frozenset((w, start, end) for w, (start, end) in found.items())


def _score(c: _Cand) -> tuple[bool, bool, int, int]:
    # Word-start literals first (the scan for them is several times cheaper), then ones not
    # made of frequent words only, then the longest, then the fewest.
    return (
        all(start for _, start, _ in c),
        not any(_weak(w) for w, _, _ in c),
        min(min(len(w) for w, _, _ in c), _SELECTIVE),
        -len(c),
    )


def _required(seq: Any, at_start: bool, at_end: bool) -> _Cand | None:
    r"""Literals one of which every match of ``seq`` contains.

    Runs of literal items, with their small alternations and optional parts, are expanded
    into all the strings they can match ('(?:do not|don't) hesitate' gives two); other
    items (``\w+``, ``\d``, repeats) end a run. ``at_start``/``at_end``: whether ``seq``
    begins/ends at a word boundary. The best candidate of the sequence wins (:func:`_score`).
    """
    items = list(seq)
    cands: list[_Cand] = []
    seg: set[str] | None = None
    seg_start = boundary = at_start

    def close(end: bool) -> None:
        if seg is not None:
            cand = _candidate(seg, seg_start, end)
            if cand is not None:
                cands.append(cand)

    expansions = [_expansion(op, av) for op, av in items]
    for k, (op, av) in enumerate(items):
        last = k == len(items) - 1
        sub_strings = expansions[k]
        if sub_strings is not None:
            if seg is not None and not seg_start and boundary:
                close(True)  # a word starts here: offer the literal from here on as well
                seg = None
            if seg is None:
                seg, seg_start = {""}, boundary
            product = {a + b for a in seg for b in sub_strings}
            if len(product) > _EXPAND_CAP:
                close(False)
                seg, seg_start = sub_strings, False
            elif _long_enough(product, None if last else expansions[k + 1]):
                seg = product
                close(last and at_end)
                seg = None
            else:
                seg = product
            boundary = all(x[-1:].isspace() if x else boundary for x in sub_strings)
            continue
        close(False)
        seg = None
        sub: _Cand | None = None
        end = last and at_end
        if op is _sre_c.SUBPATTERN:
            sub = _required(av[-1], boundary, end)
        elif op is _sre_c.BRANCH:
            alts = [_required(b, boundary, end) for b in av[1]]
            if all(a is not None for a in alts):
                sub = frozenset().union(*alts)  # type: ignore[arg-type]
        elif op in (_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT) or op is getattr(
            _sre_c, "POSSESSIVE_REPEAT", None
        ):
            if av[0] >= 1:
                sub = _required(av[2], boundary, False)
        elif op is getattr(_sre_c, "ATOMIC_GROUP", None):
            sub = _required(av, boundary, end)
        if sub is not None:
            cands.append(sub)
        if op in (_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT):
            # "(?:\w+ ){0,2}?": whatever it matched ends with a space, so a word starts next.
            boundary = _ends_with_space(av[2]) and (av[0] >= 1 or boundary)
        elif op not in (_sre_c.ASSERT, _sre_c.ASSERT_NOT, _sre_c.AT):
            boundary = False
    close(at_end)
    return max(cands, key=_score) if cands else None


def _long_enough(strings: set[str], following: set[str] | None) -> bool:
    """Whether a growing literal should stop: longer would only multiply the strings."""
    shortest = min(len(x.strip()) for x in strings)
    if shortest < _GOOD or any(_weak(x) for x in strings):
        return False
    return shortest >= _SELECTIVE or following is None or len(following) > 1


def _ends_with_space(seq: Any) -> bool:
    items = list(seq)
    if not items:
        return False
    op, av = items[-1]
    if op is _sre_c.LITERAL:
        return chr(av).isspace()
    if op is _sre_c.SUBPATTERN:
        return _ends_with_space(av[-1])
    return False


def _leading(pattern: str) -> set[str]:
    """The strings every match of ``pattern`` starts with: its leading literal items expanded
    (lower case); empty when it may start otherwise.

    >>> sorted(_leading("(?:friendly|helpful) (?:local )?team"))
    ['friendly local team', 'friendly team', 'helpful local team', 'helpful team']
    >>> _leading(r"\\d+ hours")
    set()
    """
    return _leading_of(_sre_p.parse(pattern, re.IGNORECASE))


def _leading_of(tree: Any) -> set[str]:
    out = {""}
    for op, av in tree:
        sub = _expansion(op, av)
        if sub is None:
            break
        product = {a + b for a in out for b in sub}
        if len(product) > _EXPAND_CAP:
            break
        out = product
    return set() if "" in out else out


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def triggers_of(pattern: str) -> _Cand | None:
    r"""The literals one of which every match of ``pattern`` contains (lower case).

    Each comes with two flags: it always starts a word, it always ends one.

    >>> sorted(triggers_of("(?:don't|do not) hesitate"))
    [('do not he', True, False), ("don't he", True, False)]
    >>> sorted(triggers_of("(?:avis|devis)"))
    [('avis', True, True), ('devis', True, True)]
    """
    return _required(_sre_p.parse(pattern, re.IGNORECASE), True, True)


def _inside(word: str, owners: dict[str, list[int]], whole: dict[str, bool]) -> set[int]:
    """The entries of every trigger that ``word`` contains at a word start, itself included;
    one that must end a word only where a word ends ("fri" is not in "friendly").

    (Triggers that may start inside a word are looked for on their own.)
    """
    found: set[int] = set()
    for i in range(len(word)):
        if i and word[i - 1].isalnum():
            continue
        for j in range(i + 2, len(word) + 1):
            part = word[i:j]
            if part in owners and not (whole.get(part) and word[j : j + 1].isalnum()):
                found.update(owners[part])
    return found


@dataclass(frozen=True, slots=True)
class _Index:
    """What the lexicons' patterns tell about their triggers, worked out once an audit."""

    at_start: dict[str, bool]
    """Triggers that start a word, and whether each must end one too."""
    by_trigger: dict[str, tuple[int, ...]]
    anywhere: tuple[str, ...]
    starting: dict[str, tuple[tuple[int, ...], tuple[int, ...], int]]
    exclusive: tuple[str, ...]
    scan: str
    """The source of the regex that finds the triggers at word starts."""


@cache
def _lexicon() -> _Lexicon:
    entries, expanded, languages, skip_paths, skip_titles = _read()
    index = _analyse(entries, expanded)
    return _Lexicon(
        tuple(entries),
        languages,
        re.compile(index.scan),
        WordScan(index.at_start),
        index.anywhere,
        index.by_trigger,
        index.starting,
        frozenset(index.exclusive),
        re.compile(rf"(?:^|[/_.-])(?:{'|'.join(skip_paths)})(?:$|[/_.-])", re.IGNORECASE),
        re.compile(_bounded("|".join(skip_titles)), re.IGNORECASE),
    )


def _read() -> tuple[list[_Entry], list[str], dict[str, _Language], list[str], list[str]]:
    """The entries of every language's lexicon (with each pattern's macros expanded), the
    languages' duration grammars, and the pages to skip."""
    entries: list[_Entry] = []
    expanded: list[str] = []
    languages: dict[str, _Language] = {}
    skip_paths: list[str] = []
    skip_titles: list[str] = []
    for lang in LANGUAGES:
        data = load(f"reassurance_{lang}")
        macros = dict(data.get("macros", {}))
        durations = _durations(data["durations"])
        macros["num"] = r"\d+|" + alternation(durations.numbers)
        timing = durations.rx.pattern + "|" + _bounded("|".join(data["speed"]))
        languages[lang] = _Language(lang, durations, re.compile(timing, re.IGNORECASE))
        skip_paths.extend(data["skip_pages"]["paths"])
        skip_titles.extend(data["skip_pages"]["titles"])
        groups: list[tuple[str, str, list[dict[str, str]]]] = [
            (kind, "", data.get(kind, [])) for kind in FAMILIES
        ]
        groups += [("anti_pattern", anti, items) for anti, items in data["anti_pattern"].items()]
        # Cookie, privacy and data-protection sentences: found like the rest, then dropped.
        groups.append(("exclude", "", data.get("exclude", [])))
        for kind, anti, items in groups:
            for item in items:
                pattern = _expand(item["pattern"], macros)
                expanded.append(pattern)
                entries.append(_Entry(kind, anti, lang, _bounded(pattern),
                                      item.get("needs") == "timing", item.get("example", ""),
                                      item["pattern"]))
    return entries, expanded, languages, skip_paths, skip_titles


def _analyse(entries: list[_Entry], expanded: list[str]) -> _Index:
    """Work out the triggers of every entry and how a hit on each is read."""
    trig: dict[str, tuple[bool, bool]] = {}  # literal -> (starts, ends a word)
    owners: dict[str, list[int]] = {}
    heads: dict[int, set[str]] = {}  # entry -> its triggers, one of which starts every match
    widths: dict[int, int] = {}  # entry -> the longest text a match spans
    for idx, (entry, pattern) in enumerate(zip(entries, expanded, strict=True)):
        tree = _sre_p.parse(pattern, re.IGNORECASE)
        found = _required(tree, True, True)
        if found is None:
            raise ValueError(f"reassurance_{entry.lang}: no required literal in {pattern!r}")
        for word, starts, ends in found:
            old = trig.get(word, (True, True))
            trig[word] = (old[0] and starts, old[1] and ends)
            owners.setdefault(word, []).append(idx)
        # Short triggers are only seen as whole words ("mon" not in "monday"): an
        # entry with one may match where no hit is, so it is not tried at hits.
        words = {w for w, starts, ends in found
                 if starts and (ends or len(w) > _SHORT)}
        lead = _leading_of(tree)
        if (len(words) == len(found) and lead
                and all(any(h.startswith(w) for w in words) for h in lead)):
            heads[idx] = words
            widths[idx] = min(_MAX_SENTENCE, tree.getwidth()[1])
    # A short abbreviation is a word of its own ("Wed", "Sat"), never the start of a longer one:
    # as a prefix it would fire on every "wedding", "Saturday" and "money" of a page.
    at_start = {t: ends or (len(t) <= _SHORT and t.isalpha())
                for t, (starts, ends) in trig.items() if starts}
    # A hit on a trigger also stands for every trigger inside it ("callback" holds "call").
    by_trigger = {t: tuple(sorted(_inside(t, owners, at_start))) for t in trig}
    # The few literals that may start inside a word ("Zufriedenheitsgarantie", "7p/min") are
    # looked for with str.find, the shortest only: "/min" stands for "/minute" too.
    inner = sorted((t for t, (starts, _) in trig.items() if not starts), key=len)
    anywhere: list[str] = []
    for t in inner:
        if not any(a in t for a in anywhere):
            anywhere.append(t)
    for a in anywhere:
        by_trigger[a] = tuple(sorted({i for t in inner if a in t for i in by_trigger[t]}))
    excluded = {i for i, e in enumerate(entries) if e.kind == "exclude"}
    # An entry whose matches all start with one of its word-start triggers can be tried at the
    # hit itself: the scan reports a hit wherever such a match could start.
    starting = {}
    for t, members in by_trigger.items():
        here = {i for i in members if i in heads and t not in anywhere
                and any(t.startswith(w) for w in heads[i])}
        # Twice the width and a character to look past: the page's text may hold runs of
        # spaces that _facts folds into one.
        reach = min(_MAX_SENTENCE, 2 * max((widths[i] for i in here), default=0) + 1)
        starting[t] = (tuple(sorted(here)), tuple(i for i in members if i not in here), reach)
    return _Index(
        at_start,
        by_trigger,
        tuple(anywhere),
        starting,
        tuple(sorted(t for t, idx in by_trigger.items() if excluded.issuperset(idx))),
        # After a non-word character (the text gets a leading newline), a lookahead: it finds
        # overlapping triggers too ("we are here to help" holds "here to"), and the leading
        # character class lets the engine skip through words fast.
        # The text is folded first (’ to ', – to -), so the literals are plain.
        rf"[^\w](?=({trie(at_start, whole={t for t, w in at_start.items() if w})}))",
    )


# -- promises ---------------------------------------------------------------------------------


def _number(text: str, numbers: dict[str, float]) -> float:
    text = text.lower()
    if text in numbers:
        return numbers[text]
    return float(text.replace(",", "."))


def _promise_of(m: re.Match[str], d: _Durations) -> dict[str, Any]:
    hours: float | None = None
    business_days: float | None = None
    same_day = False
    for i, fixed in enumerate(d.fixed):
        if m.group(f"f{i}") is not None:
            hours = fixed.get("hours")
            business_days = fixed.get("business_days")
            same_day = bool(fixed.get("same_day", False))
            break
    else:
        # A range ("24-48 h", "5 à 7 jours") promises its upper end.
        n = max(_number(g, d.numbers) for g in (m.group("n1"), m.group("n2")) if g)
        unit = next(u for u in d.units if m.group(f"u_{u}") is not None)
        if unit == "business_days":
            business_days = n
        else:
            hours = n * {"minutes": 1 / 60, "hours": 1, "days": 24, "weeks": 168}[unit]
    return {
        "hours": None if hours is None else float(hours),
        "business_days": None if business_days is None else float(business_days),
        "same_day": same_day,
        "label": " ".join(m.group(0).split()),
    }


def parse_promise(text: str, language: str = "en", near: int = 0) -> dict[str, Any] | None:
    """The response duration stated in ``text`` (the one nearest offset ``near``), normalised.

    >>> parse_promise("We answer within one business day.")
    {'hours': None, 'business_days': 1.0, 'same_day': False, 'label': 'within one business day'}
    >>> parse_promise("Réponse sous 24–48h", "fr")["hours"]
    48.0
    >>> parse_promise("We will reply as soon as possible.") is None
    True
    """
    d = _lexicon().languages[language].durations
    best: re.Match[str] | None = None
    for m in d.rx.finditer(fold(text)):
        if best is None or abs(m.start() - near) < abs(best.start() - near):
            best = m
    if best is None:
        return None
    found = _promise_of(best, d)
    found["label"] = " ".join(text[best.start() : best.end()].split())
    return found


# -- sentences --------------------------------------------------------------------------------


def _stop(text: str, start: int, end: int) -> bool:
    """Whether the ``_STOP`` match ``text[start:end]`` really ends a sentence."""
    if text[start] == "." and _abbreviation(text, start):
        return False
    nxt = text[end : end + 3].lstrip(" \t")
    return not nxt[:1].islower()  # "e.g. our", "approx. two"


def _soft_break(text: str, nl: int) -> bool:
    # A line broken inside a sentence (a <br> in running text) reads on in lower case.
    before = text[max(0, nl - 3) : nl].rstrip(" \t")
    after = text[nl + 1 : nl + 4].lstrip(" \t")
    return bool(before) and (before[-1].islower() or before[-1] == ",") and after[:1].islower()


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


def _sentence(text: str, pos: int) -> tuple[int, int]:
    """The span of the sentence around ``pos``; long unpunctuated text gives a window."""
    start = _start(text, pos, max(0, pos - _MAX_SENTENCE))
    end = _end(text, pos, min(len(text), pos + _MAX_SENTENCE))
    if end - start > _MAX_SENTENCE:
        half = _MAX_SENTENCE // 2
        lo, hi = max(start, pos - half), min(end, pos + half)
        if lo > start:
            lo = text.find(" ", lo, pos) + 1 or lo
        if hi < end:
            cut = text.rfind(" ", pos, hi)
            hi = cut if cut > pos else hi
        start, end = lo, hi
    return start, end


# -- the detector -----------------------------------------------------------------------------


def _snippet(value: str, start: int, end: int) -> str:
    if len(value) <= _SNIPPET:
        return value
    return snippet_around(value, start, end, width=max(20, (_SNIPPET - (end - start)) // 2))


class ReassuranceDetector:
    """Reassuring sentences (and anti-patterns) by family; see the module docstring."""

    id: ClassVar[str] = "reassurance"

    @classmethod
    def from_context(cls, ctx: SiteContext) -> ReassuranceDetector:
        _lexicon()  # compile once, before the crawl starts
        return cls()

    def detect(self, page: Page) -> Iterator[Fact]:
        lex = _lexicon()
        if _skipped(page, lex):
            return
        page_lang = page_language(page)
        seen: set[tuple[str, str, str]] = set()
        for block in page.blocks:
            if block.region == "nav":
                continue
            for value, snippet, data in _block_facts(window(block.text), page_lang):
                key = (value.lower(), data["kind"], data.get("anti", ""))
                if key not in seen:
                    seen.add(key)
                    data = {k: dict(v) if isinstance(v, dict) else v for k, v in data.items()}
                    yield Fact(
                        "reassurance",
                        value=value,
                        method="text",
                        region=block.region,
                        selector=block.selector,
                        snippet=snippet,
                        data=data,
                    )


_Found = tuple[str, str, dict[str, Any]]  # value, snippet, data


# Headers, footers and sidebars repeat on every page of a site: their text is read once.
@lru_cache(maxsize=256)
def _block_facts(text: str, page_lang: str) -> tuple[_Found, ...]:
    lex = _lexicon()
    folded = fold(text)  # one character for one: offsets hold
    low = scan_text(text)  # offsets in ``low`` are one more than in ``text``
    hits = []
    for at in lex.words.starts(text):
        m = lex.at_word_start.match(low, at)
        if m:
            hits.append((at, m.group(1)))
    more = []
    for literal in lex.anywhere:
        k = low.find(literal)
        while k != -1:
            more.append((k - 1, literal))
            k = low.find(literal, k + 1)
    if more:
        hits = sorted(hits + more)
    found: list[_Found] = []
    for s, e, entries in _sentences(text, hits, lex, folded):
        found.extend(_facts(text[s:e], entries, lex, page_lang))
    return tuple(found)


def _sentences(
    text: str, hits: list[tuple[int, str]], lex: _Lexicon, folded: str
) -> Iterator[tuple[int, int, list[int]]]:
    """Sentences holding a trigger, with the entries to try on each (``folded`` is ``text``
    with :func:`~checks.wordscan.fold` applied)."""
    pending: list[tuple[int, str]] = []  # exclusion words seen, no sentence yet
    i = 0
    while i < len(hits):
        trigger = hits[i][1]
        if trigger in lex.exclusive:
            # "Cookies" in every footer: not worth a sentence unless something else is there.
            pending.append((hits[i][0], trigger))
            i += 1
            continue
        found = set(_possible(folded, hits[i][0], trigger, lex))
        if not found:
            i += 1  # "friendly" in "a friendly bakery": nothing can match here
            continue
        s, e = _sentence(text, hits[i][0])
        found.update(idx for pos, t in pending if pos >= s for idx in lex.by_trigger[t])
        pending.clear()
        i += 1
        while i < len(hits) and hits[i][0] < e:
            found.update(_possible(folded, hits[i][0], hits[i][1], lex))
            i += 1
        yield s, e, sorted(found)


def _possible(folded: str, pos: int, trigger: str, lex: _Lexicon) -> list[int]:
    """The entries of a hit that may match: those that start with the trigger are tried
    right here, on the text from the hit on (as ``_facts`` would read it)."""
    starting, others, reach = lex.starting.get(trigger, ((), (), 0))
    if not starting:
        return list(others)
    raw = folded[pos : pos + reach]
    ahead = " ".join(raw.split())
    if len(raw) - len(ahead) > reach // 2:  # mostly spaces: read on to a sentence's length
        ahead = " ".join(folded[pos : pos + _MAX_SENTENCE].split())
    return [*others, *(i for i in starting if lex.entries[i].rx.match(ahead))]


def _skipped(page: Page, lex: _Lexicon) -> bool:
    """Privacy, cookie and legal pages: their 'we reply within 30 days' is not a promise."""
    try:
        path = unquote(urlsplit(page.url).path)
    except ValueError:
        path = ""
    return bool(lex.skip_path.search(path) or (page.title and lex.skip_title.search(page.title)))


def _facts(raw: str, candidates: list[int], lex: _Lexicon, page_lang: str) -> list[_Found]:
    value = " ".join(raw.split())
    if len(value) < 4:
        return []
    text = fold(value)
    best: dict[tuple[str, str], tuple[re.Match[str], _Entry]] = {}
    for idx in candidates:
        entry = lex.entries[idx]
        m = entry.rx.search(text)
        if m is None:
            continue
        if entry.kind == "exclude":
            return []
        if entry.needs_timing and not _timed(text, m, lex.languages[entry.lang]):
            continue
        key = (entry.kind, entry.anti)
        if key not in best or m.start() < best[key][0].start():
            best[key] = (m, entry)
    if value.endswith("?"):
        # "Do you offer free quotes?" asks and promises nothing; "Prefer a call back?" and
        # "Why not give us a call?" still offer.
        best = {k: v for k, v in best.items() if k[0] not in ("guarantee", "response_time")}
    if ("anti_pattern", "bot_only") in best:
        # "Our AI assistant is here 24/7" promises a bot, not a person: only the anti-pattern.
        best = {k: v for k, v in best.items() if k[0] == "anti_pattern"}
    facts: list[_Found] = []
    voted: str | None = None
    for (kind, anti), (m, entry) in sorted(best.items(), key=lambda kv: _KIND_ORDER[kv[0][0]]):
        data: dict[str, Any] = {"kind": kind}
        if anti:
            data["anti"] = anti
        if entry.lang == page_lang:
            data["language"] = page_lang
        else:  # another language's phrase: one function word decides, else the page's
            if voted is None:
                voted = text_language(value, min_votes=1)
            data["language"] = voted or page_lang or entry.lang
        data["phrase"] = value[m.start() : m.end()]
        if kind == "response_time":
            promise = parse_promise(value, entry.lang, m.start())
            if promise is not None:
                data["promise"] = promise
        facts.append((value, _snippet(value, m.start(), m.end()), data))
    return facts


def _timed(text: str, m: re.Match[str], lang: _Language) -> bool:
    lo, hi = max(0, m.start() - _TIMING_REACH), m.end() + _TIMING_REACH
    return lang.timing.search(text, lo, hi) is not None
