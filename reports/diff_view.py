"""What every format shows of a report's ``diff`` section (``--baseline``): a headline and
one row per change, in the diff's order (regressions first). Plain text: each format escapes.

>>> d = {"score": {"before": 80, "after": 74.5, "change": -5.5},
...      "grade": {"before": "B", "after": "B"}, "counts": {"lost": 1},
...      "changes": [{"area": "email", "change": "lost", "label": "a@b.test", "before": 1,
...                   "after": None, "text": "Email lost: a@b.test", "regression": True}]}
>>> headline(d)
'Score 80 → 74 (-5.5), grade B; 1 lost'
>>> [(r["what"], r["before"], r["after"], r["tone"]) for r in rows(d)]
[('Email a@b.test', '1 click away', 'lost', 'bad')]
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from reports.view import as_list, as_map, clicks

_AREA = {"email": "Email", "phone": "Phone", "person": "Named person", "promise": "Promise",
         "contact_link": "Contact link", "check": "Check", "category": "Category"}
_WORDS = ("lost", "worse", "gained", "better", "changed", "new", "removed")
MARK = {"bad": "❌", "good": "✅", "neutral": "•"}


def _shown(score: object) -> str:
    # As the reports show a score: 69.8 is not yet 70.
    return str(math.floor(score)) if isinstance(score, (int, float)) else "?"


def headline(diff: Mapping[str, Any]) -> str:
    """``Score 80 → 74 (-5.5), grade B → C; 1 lost, 2 worse, 1 gained``."""
    score, grade = as_map(diff.get("score")), as_map(diff.get("grade"))
    change = score.get("change")
    delta = f" ({change:+.1f})" if isinstance(change, (int, float)) and change else ""
    g_was, g_now = grade.get("before") or "?", grade.get("after") or "?"
    text = (f"Score {_shown(score.get('before'))} → {_shown(score.get('after'))}{delta}, "
            f"grade {g_now if g_was == g_now else f'{g_was} → {g_now}'}")
    counts = as_map(diff.get("counts"))
    said = [f"{counts[w]} {w}" for w in _WORDS
            if isinstance(counts.get(w), int) and counts[w] > 0]
    return text + ("; " + ", ".join(said) if said else "; nothing else changed")


def _state(area: str, value: object, change: str, side: str) -> str:
    if area in ("email", "phone", "person", "promise"):
        if (change == "lost" and side == "after") or (change == "gained" and side == "before"):
            return change if side == "after" else "absent"
        return clicks(value if isinstance(value, int) else None)
    if area == "check":
        v = as_map(value)
        if not v:
            return "absent"
        score = v.get("score")
        return f"{v.get('status')} ({score:.2f})" if isinstance(score, (int, float)) \
            else str(v.get("status"))
    if area == "category":
        return f"{value:.1f}" if isinstance(value, (int, float)) else "not scored"
    v = as_map(value)  # contact_link
    page = clicks(v.get("depth")) if v.get("found") else "no contact page"
    return f"{v.get('summary') or 'not checked'} (contact page {page})"


def rows(diff: Mapping[str, Any]) -> list[dict[str, str]]:
    out = []
    for r in as_list(diff.get("changes")):
        r = as_map(r)
        area, change = str(r.get("area")), str(r.get("change"))
        tone = ("bad" if r.get("regression") else
                "good" if change in ("gained", "better") else "neutral")
        label = str(r.get("label") or r.get("id") or "")
        what = f"{_AREA.get(area, area)} {label}"
        if area in ("check", "category") and r.get("id") and r.get("id") != label:
            what += f" ({r.get('id')})"
        if area == "contact_link":
            what = "Contact link"
        out.append({"tone": tone, "mark": MARK[tone], "change": change, "what": what,
                    "before": _state(area, r.get("before"), change, "before"),
                    "after": _state(area, r.get("after"), change, "after"),
                    "text": str(r.get("text") or "")})
    return out
