"""A question that invites contact, read with the answer that follows it, as one finding.

"Any questions? Call us on 020 7946 0958." and "Still unsure? Contact us!" are one
invitation: the question says why to get in touch, what follows says how. Read a sentence at
a time, the question is often nothing on its own and the call to action too short to count.
So an invitation (or a bare call to action, or a short line holding a phone number or an
address) that comes right after a question in the same paragraph is one finding with the
question(s) before it.

>>> text = "Not sure which size fits?\\nContact us!"
>>> question_start(text, text.index("Contact"))
0
>>> bare_cta("Contact us!"), bare_cta("Contact us about your order history and more.")
('en', None)
"""

from __future__ import annotations

import re
from functools import cache

from checks.language import LANGUAGES
from checks.lexicons import load
from checks.patterns import alternation

from .sentences import sentence

__all__ = ["bare_cta", "has_channel", "next_sentence", "question_start"]

_MAX_QUESTIONS = 2  # "Stiff back? Sitting all day? Call us!": the run of questions just before
_MAX_JOINED = 400
_MAX_CTA_WORDS = 6  # "Call us today!", "Zadzwoń 515 821 662": a call to action on its own
# A line break (<br>) but not a paragraph: a question heading above a paragraph is often
# read apart from it (measured: joining across paragraphs lost 4 labelled sentences on the
# tuned sites for 1 gained).
_MAX_NEWLINES = 1
_CHANNEL = re.compile(r"\+?\d[\d ()./-]{5,}\d|[\w.+-]+@[\w-]+\.[\w.]+")


@cache
def _ctas() -> dict[str, re.Pattern[str]]:
    out = {}
    for lang in LANGUAGES:
        parts = load(f"reassurance_{lang}")["parts"]
        words = [*parts.get("cta", ()), *parts.get("contact_me", ())]
        out[lang] = re.compile(rf"\W*(?:{alternation(words)})(?!\w)", re.IGNORECASE)
    return out


def bare_cta(text: str) -> str | None:
    """The language of the call to action ``text`` is, when it is one and short."""
    if len(text.split()) > _MAX_CTA_WORDS:
        return None
    for lang, rx in _ctas().items():
        if rx.match(text):
            return lang
    return None


def has_channel(text: str) -> bool:
    """A short line holding a phone number or an e-mail address."""
    return len(text.split()) <= _MAX_CTA_WORDS and _CHANNEL.search(text) is not None


def question_start(text: str, start: int) -> int | None:
    """Where the question(s) right before the sentence at ``start`` begin, None when the
    sentence does not follow a question in the same paragraph."""
    first: int | None = None
    at = start
    for _ in range(_MAX_QUESTIONS):
        k = _before(text, at)
        if k is None or text[k] != "?":
            break
        s, _e = sentence(text, k)
        if start - s > _MAX_JOINED or s >= at:
            break
        first = at = s
    return first


def next_sentence(text: str, end: int) -> tuple[int, int] | None:
    """The sentence right after ``end``, in the same paragraph."""
    k = end
    newlines = 0
    while k < len(text) and text[k].isspace():
        newlines += text[k] == "\n"
        k += 1
    if k >= len(text) or newlines > _MAX_NEWLINES:
        return None
    return sentence(text, k)


def _before(text: str, at: int) -> int | None:
    """The last character before ``at`` that is not a space, in the same
    paragraph."""
    k = at - 1
    newlines = 0
    while k >= 0 and text[k].isspace():
        newlines += text[k] == "\n"
        k -= 1
    if k < 0 or newlines > _MAX_NEWLINES:
        return None
    return k
