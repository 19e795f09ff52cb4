"""``report.junit.xml``: each check as a test case, for CI test-report views.

One ``<testsuite>`` per category, one ``<testcase>`` per check with ``classname`` = category and
``name`` = check id: GitLab shows ``classname`` as the suite and ignores suite names, Jenkins
groups by ``classname``, and stable ids let GitLab compare runs between branches.
``fail`` -> ``<failure>``, ``error`` -> ``<error>``, ``not_applicable`` -> ``<skipped>``;
``warn`` and ``needs_review`` pass, with their summary in ``<system-out>``. GitLab ignores the
``message`` attribute and shows the element's text, so the text repeats the summary.
Valid against Jenkins xUnit's ``junit-10.xsd`` (vendored in tests/schemas/).

>>> xml_text("ok\\x00\\x1b[31m\\ufffe")
'ok[31m'
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from typing import Any, ClassVar

from reports.view import setup_notes

# Characters XML 1.0 forbids (and lone surrogates): ElementTree would write them and every
# parser would then reject the whole file. Also dropped: the C1 controls XML discourages and
# the bidi overrides that can make a CI page show text other than what it holds.
_ILLEGAL = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
                      "|[\u202a-\u202e\u2066-\u2069]")
_MAX_TEXT = 4000

FAILED, ERRORED, SKIPPED = "fail", "error", "not_applicable"
KNOWN = {"pass", "warn", "needs_review", FAILED, ERRORED, SKIPPED}


def xml_text(value: object, limit: int = _MAX_TEXT) -> str:
    """``value`` as text that XML 1.0 can carry, at most ``limit`` characters."""
    text = _ILLEGAL.sub("", str(value if value is not None else ""))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _items(value: object) -> list[dict[str, Any]]:
    return [i for i in value if isinstance(i, dict)] if isinstance(value, list) else []


def _status(check: Mapping[str, Any]) -> str:
    status = check.get("status")
    # An unknown status must not pass silently.
    return status if isinstance(status, str) and status in KNOWN else ERRORED


def _details(check: Mapping[str, Any]) -> str:
    """Summary, recommendation, evidence and help link as plain text lines."""
    lines = [str(check.get("summary") or check.get("title") or "")]
    if check.get("recommendation"):
        lines.append(f"Fix: {check['recommendation']}")
    evidence = _items(check.get("evidence"))
    if evidence:
        lines.append("Evidence:")
        for ev in evidence[:50]:
            parts = [str(ev.get(k)) for k in ("url", "selector") if ev.get(k)]
            shown = [f'"{ev[k]}"' for k in ("snippet", "value") if ev.get(k)]
            lines.append("  - " + " ".join(parts + shown))
        if len(evidence) > 50:
            lines.append(f"  ... and {len(evidence) - 50} more")
    if check.get("help_url"):
        lines.append(f"Help: {check['help_url']}")
    return "\n".join(lines)


def _timestamp(value: object) -> str | None:
    """ISO date-time in UTC without offset, the form Ant's JUnit schema and Jenkins expect."""
    try:
        when = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is not None:
        when = when.astimezone(timezone.utc).replace(tzinfo=None)
    return when.isoformat(timespec="seconds")


def _seconds(value: object) -> str:
    return f"{float(value):.3f}" if isinstance(value, (int, float)) and value >= 0 else "0.000"


def _testcase(check: Mapping[str, Any], category: str) -> ET.Element:
    case = ET.Element("testcase", name=xml_text(check.get("id") or "unnamed", 500),
                      classname=xml_text(category, 200), time="0.000")
    status = _status(check)
    summary = xml_text(check.get("summary") or check.get("title") or "", 1000)
    if status == FAILED:
        ET.SubElement(case, "failure", message=summary, type="fail").text = xml_text(
            _details(check))
    elif status == ERRORED:
        kind = check.get("status") if check.get("status") != ERRORED else "error"
        ET.SubElement(case, "error", message=summary, type=xml_text(kind, 50)).text = xml_text(
            _details(check))
    elif status == SKIPPED:
        ET.SubElement(case, "skipped", message=summary).text = summary
    elif status in ("warn", "needs_review"):
        ET.SubElement(case, "system-out").text = xml_text(
            f"{status.upper()}: {_details(check)}")
    return case


def _properties(suite: ET.Element, values: dict[str, object]) -> None:
    props = ET.SubElement(suite, "properties")
    for name, value in values.items():
        if value is not None:
            ET.SubElement(props, "property", name=name, value=xml_text(value, 1000))


def build_tree(report: Mapping[str, Any]) -> ET.Element:
    """The ``<testsuites>`` element of ``report``."""
    site = _dict(report.get("site"))
    url = site.get("folder") or site.get("final_url") or site.get("start_url") or ""
    categories = {c.get("id"): c for c in _items(report.get("categories"))}
    by_category: dict[str, list[dict[str, Any]]] = {}
    for check in _items(report.get("checks")):
        by_category.setdefault(str(check.get("category") or "uncategorized"), []).append(check)
    root = ET.Element("testsuites", name=xml_text(f"contactable {url}".strip(), 500))
    totals = {"tests": 0, "failures": 0, "errors": 0}
    stamp = _timestamp(report.get("generated_at"))
    for cat_id, checks in by_category.items():
        statuses = [_status(c) for c in checks]
        counts = {"tests": len(checks), "failures": statuses.count(FAILED),
                  "errors": statuses.count(ERRORED)}
        for key, n in counts.items():
            totals[key] += n
        attrib = {"name": xml_text(cat_id, 200), **{k: str(v) for k, v in counts.items()},
                  "skipped": str(statuses.count(SKIPPED)), "time": "0.000"}
        suite = ET.SubElement(root, "testsuite", attrib)
        if stamp:
            suite.set("timestamp", stamp)
        cat = _dict(categories.get(cat_id))
        _properties(suite, {
            "category.title": cat.get("title"), "category.score": cat.get("score"),
            "category.weight": cat.get("weight"), "site": url or None,
            "score": report.get("score"), "grade": report.get("grade"),
            "crawl_complete": None if "complete" not in site else str(site["complete"]).lower(),
            "stop_reason": site.get("stop_reason") if site.get("complete") is False else None,
            **{f"note.{i}": note for i, note in enumerate(setup_notes(report), 1)},
        })
        for check in checks:
            suite.append(_testcase(check, cat_id))
    for key, n in totals.items():
        root.set(key, str(n))
    # Checks take no measurable time; the crawl that fed them does.
    root.set("time", _seconds(site.get("duration_s")))
    return root


def combined_junit(reports: Sequence[tuple[Mapping[str, Any], Mapping[str, Any]]]) -> str:
    """One JUnit file for the batch: each site's suites, named after the site, and a site
    that could not be audited as one errored test."""
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


class JUnitReport:
    name: ClassVar[str] = "junit"
    filename: ClassVar[str] = "report.junit.xml"

    def render(self, report: dict[str, Any]) -> str:
        root = build_tree(report)
        ET.indent(root)
        body = ET.tostring(root, encoding="unicode")
        return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'
