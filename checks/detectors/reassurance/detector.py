"""The reassurance detector: the sentences of a page that hold a lexicon entry, as facts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any, ClassVar
from urllib.parse import unquote, urlsplit

from checks.api import SiteContext
from checks.facts import Fact, snippet_around
from checks.language import page_language, text_language
from checks.reading import window
from checks.wordscan import fold
from crawler.page import Page

from .ctas import ctas
from .hours import hour_runs
from .lexicon import FAMILIES, Entry, Language, Lexicon, lexicon
from .sentences import sentence

__all__ = ["ReassuranceDetector", "parse_promise"]

_KIND_ORDER = {k: i for i, k in enumerate((*FAMILIES, "anti_pattern"))}
_TIMING_REACH = 80  # how far from a reply word a duration or speed word may stand
_SNIPPET = 200
_ENDS = frozenset(".!?…")  # a sentence that ends so is prose, not a row of buttons
# One-page sites put their contact section in the middle of one long <main> (8-10 KB of
# text): the shared reading window (3,000 + 1,500 characters) cuts it out. This detector
# reads a text in one trigger scan and only cuts out the sentences around its words, so
# a wider window costs little; it still bounds a 30 KB article.
_HEAD, _TAIL = 12_000, 3_000

_Found = tuple[str, str, dict[str, Any]]  # value, snippet, data


def parse_promise(text: str, language: str = "en", near: int = 0) -> dict[str, Any] | None:
    """The response duration stated in ``text`` (the one nearest offset ``near``), normalised.

    >>> parse_promise("We answer within one business day.")
    {'hours': None, 'business_days': 1.0, 'same_day': False, 'label': 'within one business day'}
    >>> parse_promise("Réponse sous 24–48h", "fr")["hours"]
    48.0
    >>> parse_promise("We will reply as soon as possible.") is None
    True
    """
    return lexicon().languages[language].durations.parse(text, near)


class ReassuranceDetector:
    """Reassuring sentences (and anti-patterns) by family; see the package docstring."""

    id: ClassVar[str] = "reassurance"

    @classmethod
    def from_context(cls, ctx: SiteContext) -> ReassuranceDetector:
        lexicon()  # read once, before the crawl starts
        return cls()

    def detect(self, page: Page) -> Iterator[Fact]:
        if _skipped(page, lexicon()):
            return
        page_lang = page_language(page)
        seen: set[tuple[str, str, str]] = set()
        links: _Links | None = None
        # What the page hides until a visitor opens it (a dialog, an FAQ answer, the reply a
        # form shows) is read too, as hidden: evidence of what the site says, which the
        # checks leave aside.
        for block, visible in [*((b, True) for b in page.blocks),
                               *((b, False) for b in page.hidden_blocks)]:
            if block.region == "nav":
                continue
            found = list(_block_facts(window(block.text, _HEAD, _TAIL), page_lang))
            while found:
                value, snippet, data = found.pop(0)
                key = (value.lower(), data["kind"], data.get("anti", ""))
                if key in seen:
                    continue
                if value[-1] not in _ENDS and links is None:
                    links = _Links(page)
                first = None if value[-1] in _ENDS or links is None else links.first_of_row(value)
                if first is not None:
                    # Only the first button can hold what was found; it is read on its own.
                    found[:0] = _block_facts(first, page_lang)
                    continue
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
                        visible=visible,
                    )
        for cta in ctas(page, page_lang):
            key = (cta.text.lower(), "invitation", "")
            if key in seen:
                continue
            seen.add(key)
            yield Fact("reassurance", value=cta.text, method="text", region=cta.region,
                       selector=cta.selector, snippet=cta.text,
                       data={"kind": "invitation", "language": cta.language,
                             "phrase": cta.phrase, "cta": True})


class _Links:
    """The page's link texts, to tell a row of buttons from a sentence."""

    __slots__ = ("texts",)

    def __init__(self, page: Page) -> None:
        self.texts = {_label(a.text): " ".join(a.text.split()) for a in page.anchors
                      if len(a.text.strip()) > 2}

    def first_of_row(self, value: str) -> str | None:
        """The first button of buttons side by side that read as one line ("Call us on
        WhatsApp Request a quote"), None when ``value`` is not such a row."""
        text = _label(value)
        for first, shown in self.texts.items():
            if len(first) < len(text) and text.startswith(first):
                rest = text[len(first):].lstrip()
                if any(rest.startswith(t) for t in self.texts):
                    return shown
        return None


def _label(text: str) -> str:
    return " ".join(text.split()).casefold().strip(" .!:›»→>")


def _skipped(page: Page, lex: Lexicon) -> bool:
    """Privacy, cookie and legal pages: their 'we reply within 30 days' is not a promise."""
    try:
        path = unquote(urlsplit(page.url).path)
    except ValueError:
        path = ""
    return bool(lex.skip_path.search(path) or (page.title and lex.skip_title.search(page.title)))


# Headers, footers and sidebars repeat on every page of a site: their text is read once.
@lru_cache(maxsize=256)
def _block_facts(text: str, page_lang: str) -> tuple[_Found, ...]:
    lex = lexicon()
    found: list[_Found] = []
    runs = hour_runs(text, page_lang)
    spans = [(run.start, run.end) for run in runs]
    pending = [(run.start, _hours_fact(run.value, run.language or page_lang)) for run in runs]
    for s, e, entries in _sentences(text, lex):
        while pending and pending[0][0] < e:
            found.append(pending.pop(0)[1])
        e = _with_value(text, s, e, lex.languages.get(page_lang))
        facts = _facts(text[s:e], entries, lex, page_lang)
        if any(lo <= s and e <= hi for lo, hi in spans):
            # A row of a table of hours: the table is the finding, not each row.
            facts = [f for f in facts if f[2]["kind"] != "availability"]
        found.extend(facts)
    found.extend(fact for _, fact in pending)
    return tuple(found)


def _with_value(text: str, s: int, e: int, lang: Language | None) -> int:
    """The end of a label and its value on the next line ("Response time" / "Usually within
    one working day", a definition list's term and description), else ``e``: the label alone
    says nothing, its value alone is no sentence."""
    label = text[s:e].strip()
    if lang is None or len(label.split()) > _LABEL_WORDS or label[-1:] in ".!?" \
            or text[e:e + 1] != "\n":
        return e
    start = e + 2 if text[e + 1:e + 2] == "\n" else e + 1  # a paragraph's blank line
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    value = text[start:end]
    if len(value) <= _VALUE_CHARS and value.rstrip()[-1:] not in ".!?" \
            and lang.timing.search(value):
        return end
    return e


_LABEL_WORDS = 4
_VALUE_CHARS = 80


def _sentences(text: str, lex: Lexicon) -> Iterator[tuple[int, int, list[int]]]:
    """The sentences holding an entry's word, with the entries to try on each."""
    triggers = lex.triggers
    hits = triggers.hits(text)
    pending: list[tuple[int, str]] = []  # exclusion words seen, no sentence yet
    i = 0
    while i < len(hits):
        at, word = hits[i]
        if word in triggers.exclusive:
            # "Cookies" in every footer: not worth a sentence unless something else is there.
            pending.append((at, word))
            i += 1
            continue
        s, e = sentence(text, at)
        found = set(triggers.entries_of[word])
        found.update(idx for pos, w in pending if pos >= s for idx in triggers.entries_of[w])
        pending.clear()
        i += 1
        while i < len(hits) and hits[i][0] < e:
            found.update(triggers.entries_of[hits[i][1]])
            i += 1
        yield s, e, sorted(found)


_Best = dict[tuple[str, str], tuple[re.Match[str], Entry]]


def _best(text: str, candidates: list[int], lex: Lexicon, page_lang: str) -> _Best | None:
    """Per kind and anti-pattern, the entry that matches first in ``text`` (the page's
    language's on a tie: Norwegian and Danish share their days); None when the sentence is
    one to drop (cookies, data protection)."""
    best: _Best = {}
    for idx in candidates:
        entry = lex.entries[idx]
        m = entry.rx.search(text)
        if m is None:
            continue
        if entry.kind == "exclude":
            return None
        if entry.needs_timing and not _timed(text, m, lex.languages[entry.lang]):
            continue
        key = (entry.kind, entry.anti)
        if key not in best or m.start() < best[key][0].start() or (
                m.start() == best[key][0].start() and entry.lang == page_lang):
            best[key] = (m, entry)
    if text.endswith("?"):
        # "Do you offer free quotes?" asks and promises nothing; "Prefer a call back?" and
        # "Why not give us a call?" still offer.
        best = {k: v for k, v in best.items() if k[0] not in ("guarantee", "response_time")}
    if ("anti_pattern", "bot_only") in best:
        # "Our AI assistant is here 24/7" promises a bot, not a person: only the anti-pattern.
        best = {k: v for k, v in best.items() if k[0] == "anti_pattern"}
    return best


def _facts(raw: str, candidates: list[int], lex: Lexicon, page_lang: str) -> list[_Found]:
    value = " ".join(raw.split())
    if len(value) < 4:
        return []
    best = _best(fold(value), candidates, lex, page_lang)
    if not best:
        return []
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


def _hours_fact(value: str, language: str) -> _Found:
    return value, _snippet(value, 0, 0), {"kind": "availability", "language": language,
                                          "phrase": value}


def _timed(text: str, m: re.Match[str], lang: Language) -> bool:
    lo, hi = max(0, m.start() - _TIMING_REACH), m.end() + _TIMING_REACH
    return lang.timing.search(text, lo, hi) is not None


def _snippet(value: str, start: int, end: int) -> str:
    if len(value) <= _SNIPPET:
        return value
    return snippet_around(value, start, end, width=max(20, (_SNIPPET - (end - start)) // 2))
