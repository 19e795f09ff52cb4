"""Notes on the audit's own setup: a setting that disagrees with the site it audited.

A configuration copied from another client (``region = "GB"`` on a French site) does not fail
the audit, but it must not pass silently either: the report's ``notes`` say what disagrees and
what to do, and every format shows them.

>>> phones = [{"value": "+33478421030"}, {"value": "+33612345678"}]
>>> [n["text"] for n in region_notes("GB", ("FR", "page language"), phones)]  # doctest: +ELLIPSIS
['region is set to GB, but this site looks French (FR, from its page language)...']
>>> region_notes("JP", ("DE", "domain"), [])[0]["text"]  # doctest: +ELLIPSIS
'region is set to JP, but this site looks German (DE, from its domain)...'
>>> region_notes("GB", ("GB", "domain"), [{"value": "+442079460958"}])
[]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import phonenumbers

# Adjectives for the countries most sites name; "from JP" (and "JP numbers") for the rest.
_ADJECTIVES = {
    "GB": "British", "US": "American", "FR": "French", "DE": "German", "ES": "Spanish",
    "IT": "Italian", "NL": "Dutch", "BE": "Belgian", "CH": "Swiss", "AT": "Austrian",
    "IE": "Irish", "PT": "Portuguese", "SE": "Swedish", "DK": "Danish", "NO": "Norwegian",
    "FI": "Finnish", "PL": "Polish", "CA": "Canadian", "AU": "Australian", "LU": "Luxembourgish",
}  # fmt: skip


def _country(code: str) -> str:
    """What follows "this site looks" or "this site is": an adjective, else "to be from JP"
    ("looks from JP" is not English)."""
    return _ADJECTIVES.get(code, f"to be from {code}")


def region_notes(configured: str, detected: Sequence[Any] | None,
                 phones: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A note when the configured region is not the site's: the home page points elsewhere
    (``detected``: country and reason), or most phone numbers found belong to another
    country."""
    site, reason = (detected[0], str(detected[1])) if detected and len(detected) == 2 \
        else (None, "")
    countries = [phonenumbers.region_code_for_number(n) for n in _numbers(phones)]
    other = [c for c in countries if c and c != configured]
    if site is None and other and len(other) * 2 > len(countries):
        site, reason = max(set(other), key=other.count), "phone numbers it shows"
    if not isinstance(site, str) or site == configured:
        return []
    text = (f"region is set to {configured}, but this site looks {_country(site)} ({site}, "
            f"from its {reason})")
    if other:
        text += (f"; {len(other)} of its {len(countries)} phone numbers are not "
                 f"{_ADJECTIVES.get(configured, configured)} numbers")
    is_site = _ADJECTIVES.get(site, f"from {site}")
    text += (f". Numbers written without +code are read in {configured} first, then in the "
             f"site's own country; if this site is {is_site}, set region = \"{site}\" "
             "(or remove the setting)")
    return [{"id": "config.region", "setting": "region", "configured": configured,
             "found": site, "reason": reason, "text": text}]


def _numbers(phones: list[dict[str, Any]]) -> list[phonenumbers.PhoneNumber]:
    out = []
    for item in phones:
        value = str(item.get("value", "")).split(";")[0]
        try:
            out.append(phonenumbers.parse(value, None))
        except phonenumbers.NumberParseException:
            continue
    return out


def add_notes(report: dict[str, Any], options: dict[str, Any]) -> None:
    """Add the report's ``notes`` (only when there is one) from what the audit recorded in the
    site model's options."""
    configured = options.get("region_configured")
    notes: list[dict[str, Any]] = []
    if isinstance(configured, str):
        phones = report.get("contacts", {}).get("phones") or []
        notes += region_notes(configured, options.get("region_detected"), phones)
    if notes:
        report["notes"] = notes
