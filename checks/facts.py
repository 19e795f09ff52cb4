"""Facts: what a detector found on one page, small enough to keep for every page.

>>> Fact("email", "info@acme.test", "mailto", "footer").visible
True
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

METHODS = ("mailto", "tel", "text", "obfuscated", "cloudflare", "structured_data", "js")
"""How a contact (email, phone) was found; the report contract's ``method``."""
OTHER_METHODS = ("link", "script", "form", "microformat", "dom")
"""How other facts were found: a link, a script, a form element, an h-card, the page's
element order."""


@dataclass(slots=True)
class Fact:
    """One finding on one page.

    ``kind`` names what it is (``email``, ``phone``, ``contact_link``, ``form`` ...),
    ``value`` its normalised value (an address, an E.164 number, a URL), ``method`` how it was
    found, ``region`` where on the page (header, nav, main, footer, aside). ``visible`` is False
    for values a visitor cannot see (only in a script). ``data`` holds kind-specific details
    (a phone's ``kind`` and ``display``, an email's ``noreply`` flag ...).
    """

    kind: str
    value: str
    method: str
    region: str
    selector: str = ""
    snippet: str = ""
    visible: bool = True
    data: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Fact:
        return cls(**d)


def snippet_around(text: str, start: int, end: int, width: int = 60) -> str:
    """The match with up to ``width`` characters either side, on one line.

    >>> snippet_around("Call us on 020 7946 0958 today", 11, 24, width=5)
    '…s on 020 7946 0958 toda…'
    """
    lo, hi = max(0, start - width), min(len(text), end + width)
    s = " ".join(text[lo:hi].split())
    return ("…" if lo > 0 else "") + s + ("…" if hi < len(text) else "")
