"""Which legal-information rules apply to a site: the EU's, Germany's (Impressum) or the UK's.

A question of the site's country and language, asked by the D8 checks
(:mod:`checks.rules.legal`); the legal detector reads every page the same way whatever the
answer, so this lives apart from both.
"""

from __future__ import annotations

from typing import Literal

from checks.region import lang_region

__all__ = ["EU_MEMBERS", "Profile", "legal_profile"]

EU_MEMBERS = frozenset({
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE",
    "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
})  # fmt: skip
# The E-Commerce Directive applies in the EEA through the EEA Agreement (Annex XI).
_EEA = frozenset({"IS", "LI", "NO"})
# Austria's Section 5 ECG and Section 25 MedienG ask for what Section 5 DDG asks (name,
# address, email, register number and court, UID, representatives): the DE profile fits.
_DE_PROFILE = frozenset({"DE", "AT"})

Profile = Literal["DE", "UK", "EU"]


def legal_profile(region: str | None, lang: str = "") -> Profile | None:
    """Which legal-information rules apply: ``DE`` (Impressum: DE, AT), ``UK``, ``EU``, or None.

    ``region`` (ISO 3166, e.g. from :func:`checks.region.infer_region` or ``--region``) wins;
    without it the page language decides (``de`` means Germany, ``en`` alone means nothing).
    Switzerland is not in the EEA: None.

    >>> legal_profile("AT"), legal_profile("gb"), legal_profile("FR"), legal_profile("US")
    ('DE', 'UK', 'EU', None)
    >>> legal_profile(None, "de-DE"), legal_profile(None, "en"), legal_profile(None, "es")
    ('DE', None, 'EU')
    """
    country = (region or "").strip().upper() or lang_region(lang or "")
    if not country:
        return None
    if country == "UK":
        country = "GB"
    if country in _DE_PROFILE:
        return "DE"
    if country == "GB":
        return "UK"
    if country in EU_MEMBERS or country in _EEA or country == "EL":
        return "EU"
    return None
