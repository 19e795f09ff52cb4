"""Response promises: the duration a sentence states ("within 24 hours", "sous 48 h",
"am selben Tag"), normalised to hours, business days or the same day.

Each language's grammar of durations is data (``durations`` in its lexicon: number words, a
prefix, a range, units and fixed phrases); :func:`durations` turns it into one regex.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from checks.patterns import alternation, bounded
from checks.wordscan import fold

__all__ = ["Durations", "durations"]

_HOURS_PER = {"minutes": 1 / 60, "hours": 1, "days": 24, "weeks": 168}


@dataclass(frozen=True, slots=True)
class Durations:
    """One language's durations: the regex and what its groups mean."""

    rx: re.Pattern[str]
    numbers: dict[str, float]
    units: tuple[str, ...]
    fixed: tuple[dict[str, Any], ...]

    def parse(self, text: str, near: int = 0) -> dict[str, Any] | None:
        """The duration stated in ``text`` nearest offset ``near``, normalised, or None."""
        best: re.Match[str] | None = None
        for m in self.rx.finditer(fold(text)):
            if best is None or abs(m.start() - near) < abs(best.start() - near):
                best = m
        if best is None:
            return None
        found = self._promise(best)
        found["label"] = " ".join(text[best.start() : best.end()].split())
        return found

    def _number(self, text: str) -> float:
        text = text.lower()
        if text in self.numbers:
            return self.numbers[text]
        return float(text.replace(",", "."))

    def _promise(self, m: re.Match[str]) -> dict[str, Any]:
        hours: float | None = None
        business_days: float | None = None
        same_day = False
        for i, fixed in enumerate(self.fixed):
            if m.group(f"f{i}") is not None:
                hours = fixed.get("hours")
                business_days = fixed.get("business_days")
                same_day = bool(fixed.get("same_day", False))
                break
        else:
            # A range ("24-48 h", "5 à 7 jours") promises its upper end.
            n = max(self._number(g) for g in (m.group("n1"), m.group("n2")) if g)
            unit = next(u for u in self.units if m.group(f"u_{u}") is not None)
            if unit == "business_days":
                business_days = n
            else:
                hours = n * _HOURS_PER[unit]
        return {
            "hours": None if hours is None else float(hours),
            "business_days": None if business_days is None else float(business_days),
            "same_day": same_day,
            "label": " ".join(m.group(0).split()),
        }


def durations(spec: dict[str, Any]) -> Durations:
    """A language's ``durations`` lexicon entry as one regex with named groups.

    >>> d = durations({"numbers": {"two": 2}, "prefix": "within", "range": "-",
    ...     "units": {"hours": "hours?|h"}, "fixed": [{"pattern": "today", "same_day": True}]})
    >>> d.parse("We reply within two hours.")["hours"], d.parse("Answered today")["same_day"]
    (2.0, True)
    """
    numbers = {str(k).lower(): float(v) for k, v in spec["numbers"].items()}
    num = r"\d+(?:[.,]\d+)?|" + alternation(numbers)
    units = tuple(spec["units"])
    unit_alt = "|".join(f"(?P<u_{u}>{spec['units'][u]})" for u in units)
    fixed = tuple(spec["fixed"])
    fixed_alt = "".join(f"|(?P<f{i}>{f['pattern']})" for i, f in enumerate(fixed))
    body = (
        rf"(?:(?:{spec['prefix']}) )?(?:(?P<n1>{num})(?: ?(?:{spec['range']}) ?(?P<n2>{num}))?"
        rf" ?(?:{unit_alt}){fixed_alt})"
    )
    return Durations(re.compile(bounded(body), re.IGNORECASE), numbers, units, fixed)
