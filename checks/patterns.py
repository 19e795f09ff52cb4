"""Regex sources built from word lists: the lexicons become patterns here, once.

>>> alternation(["fax", "tel", "telephone"])
'telephone|fax|tel'
>>> trie(["ab", "ac", "a"])
'a(?:b|c)?'
>>> bounded("24/7")
'(?<!\\\\w)(?:24/7)(?!\\\\w)'
>>> trie(["mon", "monday"], whole={"mon"})
'mon(?:day|(?!\\\\w))'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from typing import Any


def alternation(words: Iterable[str]) -> str:
    """The words escaped, longest first (so 'telephone' wins over 'tel'), without repeats."""
    # Ties are sorted too: a set's order changes with PYTHONHASHSEED, the pattern must not.
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def bounded(pattern: str) -> str:
    """``pattern`` as whole words: no word character just before or after a match."""
    return rf"(?<!\w)(?:{pattern})(?!\w)"


def trie(words: Iterable[str], char: Callable[[str], str] = re.escape,
         whole: Collection[str] = ()) -> str:
    """One alternation of ``words`` factored by common prefixes.

    Python's ``re`` tries alternatives one by one: a flat list of 300 phrases costs many times
    more per character of text than the factored form. ``char`` writes one character (a
    space may become ``\\s+``); words in ``whole`` must end a word where they end.
    """
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = node.get("", False) or word in whole

    def emit(node: dict[str, Any]) -> str:
        alts = [char(ch) + emit(node[ch]) for ch in sorted(k for k in node if k)]
        end = r"(?!\w)" if node.get("") else ""
        if not alts:
            return end
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" not in node:
            return body
        if end:  # a whole word ends here and longer ones go on: try the longer first
            return f"(?:{body}|{end})"
        return body + "?" if len(alts) > 1 else f"(?:{body})?"

    return emit(root)
