"""The places lexicon (``lexicons/places.json``) as regex parts, for the opening-hours and the
postal-address grammars (:mod:`checks.opening_hours`, :mod:`checks.addresses`)."""

from __future__ import annotations

from collections.abc import Iterable

from checks.lexicons import load
from checks.patterns import alternation

__all__ = ["LEX", "alt", "phrases"]

LEX = load("places")


def phrases(section: str) -> list[str]:
    """Every phrase of a lexicon section, whatever its language."""
    node = LEX[section]
    if isinstance(node, list):
        return list(node)
    out: list[str] = []
    for words in node.values():
        out.extend(words if isinstance(words, list) else words.keys())
    return out


def alt(words: Iterable[str]) -> str:
    """One alternation, longest first; a space in a phrase matches any run of spaces."""
    return alternation(words).replace(r"\ ", r"\s+")
