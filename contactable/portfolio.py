"""What a batch's index adds to each site's own report: its trend and its change since the
last run (from the history), the order of the rows (``--sort``), and the exports beside
``index.html``: ``index.csv``, and one JUnit and one SARIF file for every site together.

>>> csv_cell("=HYPERLINK(\\"http://x\\")"), csv_cell("-1"), csv_cell(-1.5), csv_cell("Acme")
('\\'=HYPERLINK("http://x")', "'-1", -1.5, 'Acme')
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
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


def csv_cell(value: object) -> object:
    """A cell a spreadsheet will not run: text starting with ``= + - @`` (or a tab or carriage
    return) is prefixed with a quote, as OWASP advises; numbers stay numbers."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def index_csv(sites: Sequence[Mapping[str, Any]]) -> str:
    """``index.csv``: one row a site, in the index's order."""
    from reports.view import QUESTIONS, clicks, shown_score

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(["position", "site", "target", "score", "grade", "score_change", "lost",
                     "gained", *(label for _key, label in QUESTIONS), "fix_first_1",
                     "fix_first_2", "fix_first_3", "outcome", "report"])
    for s in sites:
        found = s.get("found") or {}
        answers = []
        for key, _label in QUESTIONS:
            a = found.get(key)
            answers.append("" if not a else clicks(a.get("clicks")) if a.get("found")
                           else "not found")
        change = s.get("change") or {}
        fixes = [*(s.get("weakest") or [])[:3], "", "", ""][:3]
        outcome = str(s.get("status") or "") + (f": {s['error']}" if s.get("error") else "")
        score = s.get("score")
        row = [s.get("position"), s.get("name"), s.get("target"),
               shown_score(score) if isinstance(score, (int, float)) else "", s.get("grade"),
               change.get("score", ""), change.get("lost", ""), change.get("gained", ""),
               *answers, *fixes, outcome, s.get("report") or ""]
        writer.writerow([csv_cell("" if v is None else v) for v in row])
    return buf.getvalue()


def combined_junit(reports: Sequence[tuple[Mapping[str, Any], Mapping[str, Any]]]) -> str:
    """One JUnit file for the batch: each site's suites, named after the site, and a site
    that could not be audited as one errored test."""
    from reports.junit_report import build_tree, xml_text

    root = ET.Element("testsuites", name="contactable batch")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for site, report in reports:
        name = str(site.get("name") or site.get("target"))
        if not report:
            suite = ET.SubElement(root, "testsuite", name=xml_text(name, 200), tests="1",
                                  failures="0", errors="1", skipped="0", time="0.000")
            case = ET.SubElement(suite, "testcase", name="audit", classname=xml_text(name, 200))
            ET.SubElement(case, "error", message=xml_text(
                f"{site.get('status')}: {site.get('error') or ''}".rstrip(": "), 1000))
            totals["tests"] += 1
            totals["errors"] += 1
            continue
        for suite in build_tree(report).findall("testsuite"):
            suite.set("name", xml_text(f"{name} {suite.get('name')}", 300))
            for key in totals:
                totals[key] += int(suite.get(key) or 0)
            root.append(suite)
    for key, n in totals.items():
        root.set(key, str(n))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def combined_sarif(reports: Sequence[Mapping[str, Any]]) -> str:
    """One SARIF log for the batch: one run a site (SARIF's own way to hold several)."""
    from reports.sarif_report import SCHEMA_URI, build_log

    runs = [run for r in reports for run in build_log(r)["runs"]]
    return json.dumps({"$schema": SCHEMA_URI, "version": "2.1.0", "runs": runs}, indent=2,
                      ensure_ascii=False) + "\n"
