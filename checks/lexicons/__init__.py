"""Phrase lexicons per language, kept as data (JSON) so they can grow without code changes."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any


@cache
def load(name: str) -> dict[str, Any]:
    """The lexicon ``name`` (``contact_links`` ...), keyed by language code.

    >>> "kontakt" in load("contact_links")["de"]
    True
    """
    text = files("checks.lexicons").joinpath(f"{name}.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data
