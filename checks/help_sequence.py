"""The ``help_order`` fact's sequence: its vocabulary and readable form.

Shared by the per-page detector that writes a sequence (:mod:`checks.detectors.help`) and the
D7 checks that compare sequences across pages (:mod:`checks.rules.help`), so that neither
imports the other. A sequence is a list of items ``{"mechanism", "region", "label",
"selector"}`` in DOM order: a help mechanism (:data:`MECHANISMS`) or the marker of a repeated
block (:data:`MARKERS`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["MARKERS", "MARKER_BLOCK", "MECHANISMS", "signature"]

MECHANISMS = ("phone", "email", "contact_link", "self_help", "chat", "form")
"""Help mechanisms, by WCAG's four kinds: human contact details (phone, email), human contact
mechanisms (contact_link, form, chat with a person), self-help (self_help) and automated
contact (chat widgets, which may be bots)."""
MARKERS = {
    "header": "header_start",
    "nav": "nav_start",
    "main": "main",
    "footer": "footer_start",
    "aside": "aside_start",
}
"""The repeated blocks' markers in a sequence, by region."""
MARKER_BLOCK = {v: k for k, v in MARKERS.items()}
"""A marker's block: ``footer_start`` -> ``footer``."""


def signature(sequence: Sequence[Mapping[str, Any]]) -> str:
    """Readable form of a sequence: ``header|contact_link|main|footer|phone``.

    >>> signature([{"mechanism": "main"}, {"mechanism": "footer_start"},
    ...            {"mechanism": "phone", "region": "footer"}])
    'main|footer|phone'
    """
    parts = []
    for item in sequence:
        mech = str(item.get("mechanism", ""))
        parts.append(MARKER_BLOCK.get(mech, mech))
    return "|".join(parts)
