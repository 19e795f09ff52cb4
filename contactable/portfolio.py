"""What a batch's index adds to each site's own report: its trend and its change since the
last run (from the history) and the order of the rows (``--sort``). The exports beside
``index.html`` are output formats, in :mod:`reports`: ``index.csv`` (:mod:`reports.batch_csv`),
one JUnit and one SARIF file for every site together (:func:`reports.junit_report.combined_junit`,
:func:`reports.sarif_report.combined_sarif`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from contactable.diff import compare
from reports.view import number

SORTS = ("list", "score", "change", "name")
"""``list``: the file's order; ``score``: lowest first; ``change``: most lost first; ``name``."""
TREND_RUNS = 10
"""Runs drawn in a site's sparkline."""


def report_of(folder: Path) -> dict[str, Any] | None:
    """The ``report.json`` a site's audit wrote in ``folder`` this run, if it wrote one."""
    path = folder / "report.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def trend_and_change(history: Path, report: Mapping[str, Any]) -> tuple[
        list[float | None], dict[str, Any] | None]:
    """The site's last scores (oldest first, this run last) and what changed since the run
    before this one (None on a first run)."""
    from contactable.history import HistoryError, audits, load_report, site_key

    key = site_key(report)
    try:
        found = audits(history, key)
    except HistoryError:
        return [], None
    # This run's entry: its time; a run that failed to record leaves the older ones alone.
    mine = [a for a in found if a.generated_at == report.get("generated_at")]
    if mine:
        found = found[:found.index(mine[-1]) + 1]
    scores = [a.score for a in found[-TREND_RUNS:]]
    before = [a for a in found if not mine or a.id != mine[-1].id]
    if not mine or not before:
        return scores or [number(report.get("score"))], None
    diff = compare(load_report(history, key, before[-1].number), report)
    return scores, change_summary(diff)


def change_summary(diff: Mapping[str, Any]) -> dict[str, Any]:
    """What the index shows of a diff: the score's move, the counts, the contact items lost
    and gained (their sentence), and whether anything got worse."""
    counts = dict(diff.get("counts") or {})
    items = [r for r in diff.get("changes") or []
             if r.get("change") in ("lost", "gained") and r.get("area") != "check"]
    return {"score": (diff.get("score") or {}).get("change"),
            "lost": counts.get("lost", 0), "gained": counts.get("gained", 0),
            "worse": counts.get("worse", 0), "better": counts.get("better", 0),
            "regression": bool(diff.get("regression")),
            "items": [{"change": r["change"], "text": str(r.get("text") or "")}
                      for r in items]}


def sort_sites(sites: list[dict[str, Any]], how: str) -> list[dict[str, Any]]:
    """The index's rows in the order asked; a site without a score goes last."""
    if how == "score":
        return sorted(sites, key=lambda s: (s.get("score") is None, s.get("score") or 0))
    if how == "change":
        def worst(s: Mapping[str, Any]) -> tuple[bool, int, int, float]:
            c = s.get("change") or {}
            return (not c, -int(c.get("lost") or 0), -int(c.get("worse") or 0),
                    float(c.get("score") or 0))
        return sorted(sites, key=worst)
    if how == "name":
        return sorted(sites, key=lambda s: str(s.get("name") or s.get("target")).casefold())
    return list(sites)
