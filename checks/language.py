"""Which of the supported languages a page or a sentence is written in.

>>> from crawler.page import Page
>>> page_language(Page.from_html("https://a.test/", "<html lang='de-AT'><p>Hallo</p></html>"))
'de'
>>> text_language("Nous vous répondons dans la journée, du lundi au vendredi.")
'fr'
>>> text_language("24/7")
''

>>> text_language("Neem gerust contact met ons op, wij helpen u graag verder.")
'nl'

A page's ``<html lang>`` is trusted when it names one of ours and its text does not clearly
speak another; without one, a vote of common function words over the first few KB of visible
text decides. The function words are data
(``checks/lexicons/language.json``): short, frequent words that the other languages do not
use, so one ``split`` and a few set lookups do the job in microseconds; a real language
identifier would be slower and is not needed for a dozen Latin-script languages.
"""

from __future__ import annotations

import re
from functools import cache

from checks.lexicons import load
from crawler.page import Page, derived

__all__ = ["LANGUAGES", "page_language", "page_locale", "text_language"]

LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pt", "pl", "sv", "no", "da", "fi", "ca", "cs")
# Norwegian pages say lang="nb" (bokmål), "nn" (nynorsk) or "no": one language here.
_ALIASES = {"nb": "no", "nn": "no"}
_PAGE_SAMPLE = 4000  # characters of visible text read for the page vote
# Function words it takes (and twice as many as any other language has) for the text to
# overrule <html lang>: a sentence or two of another
# language (a quote, a legal line) must not.
_OVERRULE_VOTES = 5
_WORD = re.compile(r"[^\W\d_]+")


@cache
def _stopwords() -> dict[str, str]:
    """word -> language, for the words that name exactly one language."""
    owner: dict[str, str] = {}
    clash: set[str] = set()
    words = load("language")
    for lang in LANGUAGES:
        for word in words[lang]:
            if word in owner and owner[word] != lang:
                clash.add(word)
            owner[word] = lang
    return {w: lang for w, lang in owner.items() if w not in clash}


def _vote(text: str, min_votes: int) -> str:
    words = _stopwords()
    counts = dict.fromkeys(LANGUAGES, 0)
    for token in _WORD.findall(text.lower()):
        lang = words.get(token)
        if lang is not None:
            counts[lang] += 1
    ranked = sorted(counts.items(), key=lambda kv: kv[1], reverse=True)
    (best, n), (_, second) = ranked[0], ranked[1]
    # A clear majority only: mixed or function-word-free text (a badge, a list of
    # services) says nothing about its language.
    return best if n >= min_votes and n >= 2 * second else ""


def _primary(lang: str) -> str:
    primary = lang.replace("_", "-").split("-", 1)[0].strip().lower()
    return _ALIASES.get(primary, primary)


def text_language(text: str, *, min_votes: int = 2) -> str:
    """The language of one sentence, or '' when its few function words do not decide."""
    return _vote(text, min_votes)


@derived
def page_language(page: Page) -> str:
    """The page's language: its text's, when the text clearly speaks another of ours than
    ``<html lang>`` says (site templates ship with ``lang="en"`` whatever they are filled
    with), else ``<html lang>``'s, else the text's; worked out once a page.

    >>> page_language(Page.from_html("https://a.test/", "<html lang='en'><body><p>Wij zijn "
    ...     "een praktijk in Gent. Neem contact met ons op, wij helpen u graag met uw vragen "
    ...     "en het is voor ons een plezier.</p></body></html>"))
    'nl'
    """
    primary = _primary(page.lang)
    sample, size = [], 0
    for block in page.blocks:
        sample.append(block.text)
        size += len(block.text)
        if size >= _PAGE_SAMPLE:
            break
    text = "\n".join(sample)[:_PAGE_SAMPLE]
    if primary not in LANGUAGES:
        return _vote(text, 3)
    voted = _vote(text, _OVERRULE_VOTES)
    return voted or primary


def page_locale(page: Page) -> str:
    """``<html lang>`` (with its country, ``de-AT``) when the text does not contradict it,
    else the language the page is written in: what a region is guessed from.

    >>> page_locale(Page.from_html("https://a.test/", "<html lang='de-AT'><p>Hallo</p></html>"))
    'de-at'
    """
    declared = _primary(page.lang)
    if declared not in LANGUAGES:
        return page.lang or page_language(page)
    language = page_language(page)
    return page.lang if language == declared else language
