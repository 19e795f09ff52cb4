"""Check metadata as data: ``rules.json`` holds every built-in check's title, description,
source, weight and default recommendation (as axe-core keeps its rules), and :func:`rule`
attaches it to the check function by id.

>>> from checks.api import Result
>>> @rule("email.visible")
... def visible(site):
...     return Result.passed("yes")
>>> visible.meta.category, visible.meta.title
('email', 'An email address is visible')
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from checks.api import Check, CheckMeta, Result

if TYPE_CHECKING:
    from checks.model import SiteModel


@cache
def rules() -> dict[str, dict[str, Any]]:
    """Every rule's metadata by check id."""
    text = files("checks.rules").joinpath("rules.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return {k: v for k, v in data.items() if not k.startswith("_")}


def meta_of(check_id: str) -> CheckMeta:
    r = rules()[check_id]
    return CheckMeta(check_id, r["title"], r["description"], r["category"],
                     float(r.get("weight", 1.0)), r.get("help_url", ""),
                     r.get("source", ""), r.get("recommendation", ""),
                     tuple(r.get("detectors", ())))


def rule(check_id: str) -> Callable[[Callable[[SiteModel], Result]], Check]:
    """Attach the metadata of ``check_id`` from ``rules.json`` to a check function.

    A result that does not pass and gives no recommendation gets the rule's default one.
    """
    meta = meta_of(check_id)

    def wrap(fn: Callable[[SiteModel], Result]) -> Check:
        def run(site: SiteModel) -> Result:
            res = fn(site)
            if res.status in ("warn", "fail", "needs_review") and not res.recommendation:
                res.recommendation = meta.recommendation
            return res

        run.__name__ = fn.__name__
        run.__doc__ = fn.__doc__
        run.__wrapped__ = fn  # type: ignore[attr-defined]
        run.meta = meta  # type: ignore[attr-defined]
        return run  # type: ignore[return-value]

    return wrap

