"""WCAG 2.x contrast between two sRGB colours, and the nearest darker colour that meets a ratio.

Used for the report's own palette (a test holds every pair to 4.5:1) and for an agency's
accent colour (``[branding] accent``), which must read as well as the report's own text.

>>> round(ratio("#767676", "#ffffff"), 2), round(ratio("#000", "#fff"), 1)
(4.54, 21.0)
>>> darkened("#ffcc00", ("#ffffff",))
'#8e7200'
"""

from __future__ import annotations

import re
from collections.abc import Iterable

AA = 4.5
"""WCAG 2.2 SC 1.4.3: the minimum contrast of normal text."""
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


def is_hex(colour: str) -> bool:
    return bool(_HEX.fullmatch(colour))


def rgb(colour: str) -> tuple[int, int, int]:
    """``#rgb`` or ``#rrggbb`` as three 0..255 values."""
    if not is_hex(colour):
        raise ValueError(f"{colour!r} is not a colour such as #0b5fff")
    digits = colour[1:]
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def luminance(colour: str) -> float:
    """WCAG relative luminance."""
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
           for c in (v / 255 for v in rgb(colour))]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def ratio(fg: str, bg: str) -> float:
    """The contrast ratio of two colours, 1 to 21."""
    a, b = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def darkened(colour: str, backgrounds: Iterable[str], minimum: float = AA) -> str:
    """``colour`` made darker, keeping its hue, until it reaches ``minimum`` against every
    background (light ones: the report's are white and near-white)."""
    r, g, b = rgb(colour)
    grounds = list(backgrounds)
    for step in range(100, -1, -1):
        candidate = "#{:02x}{:02x}{:02x}".format(*(v * step // 100 for v in (r, g, b)))
        if all(ratio(candidate, bg) >= minimum for bg in grounds):
            return candidate
    return "#000000"
