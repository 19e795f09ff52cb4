"""The reading window: how much of a long block of text the costlier text detectors read.

People read the top of a page and its closing call to action; they do not read the middle of
a 30 KB article for a phone promise. The detectors for persons, reassurance, places and legal
notices read the first 3,000 and the last 1,500 characters of a block (about 500 and 250
words), cut at whitespace, so that long prose cannot slow an audit down: in the corpus of
small-business sites the median page has 1,250 characters of text and nine in ten under
4,000. (Emails and phones are found everywhere: their detectors are cheap, and an address
is an address wherever it sits.)

>>> window("short text")
'short text'
>>> w = window("a " * 10_000)
>>> len(w) < 4_600, w.startswith("a a"), "\\n\\n" in w
(True, True, True)
"""

from __future__ import annotations

from functools import lru_cache

from crawler.page import TextBlock

HEAD = 3_000
TAIL = 1_500


@lru_cache(maxsize=64)
def window(text: str, head: int = HEAD, tail: int = TAIL) -> str:
    """``text`` itself when short, else its head and tail joined by a paragraph break.

    Four detectors ask for the same block's window: it is cut once (a string's hash is kept
    on the string, so a repeat lookup costs no pass over the text).
    """
    if len(text) <= head + tail:
        return text
    cut = text.rfind(" ", 0, head)
    start = text.find(" ", len(text) - tail)
    head_part = text[: cut if cut > 0 else head]
    tail_part = text[start + 1 if start >= 0 else len(text) - tail :]
    return f"{head_part}\n\n{tail_part}"


def windowed(block: TextBlock) -> TextBlock:
    """The block with its text cut to the reading window (the block itself when short)."""
    if len(block.text) <= HEAD + TAIL:
        return block
    return TextBlock(block.region, window(block.text), block.selector)
