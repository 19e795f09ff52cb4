"""``report.sarif``: SARIF 2.1.0 for code-scanning views (GitHub code scanning, IDE viewers).

One run; one rule per check (``tool.driver.rules``); one result per check whose status is
``fail`` (level ``error``), ``warn`` (``warning``) or ``needs_review`` (``note``, kind
``review``), located at the page URLs of its evidence (the CSS selector as a logical location),
else at the site's start URL. A check whose status is ``error`` broke, not the site: it becomes
a tool execution notification, as do an incomplete crawl and the report's warnings.

Evidence carries no line or offset, and a SARIF ``region`` needs one, so a snippet goes to the
location's ``message`` instead of ``region.snippet``.

>>> rule_name("findability.clicks_to_contact")
'FindabilityClicksToContact'
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from typing import Any, ClassVar
from urllib.parse import quote, urlsplit

SCHEMA_URI = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
              "sarif-schema-2.1.0.json")
INFORMATION_URI = "https://github.com/contactable/contactable"
LEVEL = {"fail": "error", "warn": "warning", "needs_review": "note"}
KIND = {"fail": "fail", "warn": "fail", "needs_review": "review"}
MAX_LOCATIONS = 100
# Lone surrogates cannot be written as UTF-8; controls and bidi overrides disguise text.
_JUNK = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069"
                   "\ufffe\uffff]")
# RFC 3986 reserved and unreserved characters, and existing %-escapes, stay as they are.
_URI_SAFE = ":/?#[]@!$&'()*+,;=%~-._"


def text(value: object, limit: int = 2000) -> str:
    """``value`` as clean text of at most ``limit`` characters."""
    out = _JUNK.sub("", str(value if value is not None else "")).strip()
    return out if len(out) <= limit else out[: limit - 1] + "…"


def web_uri(value: object) -> str | None:
    """An absolute http(s) URI, percent-encoded where needed, else None."""
    raw = _JUNK.sub("", str(value or "")).strip()
    try:
        parts = urlsplit(raw)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(raw, safe=_URI_SAFE)


def rule_name(check_id: str) -> str:
    """A readable PascalCase identifier, as SARIF suggests for ``reportingDescriptor.name``."""
    return "".join(w[:1].upper() + w[1:] for w in re.split(r"[^A-Za-z0-9]+", check_id) if w)


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _items(value: object) -> list[dict[str, Any]]:
    return [i for i in value if isinstance(i, dict)] if isinstance(value, list) else []


def _rule(check: Mapping[str, Any]) -> dict[str, Any]:
    title = text(check.get("title") or check.get("id"), 500)
    rule: dict[str, Any] = {
        "id": text(check.get("id"), 200),
        "name": rule_name(str(check.get("id"))),
        "shortDescription": {"text": title},
        "fullDescription": {"text": text(check.get("description") or title)},
    }
    help_uri = web_uri(check.get("help_url"))
    if help_uri:
        rule["helpUri"] = help_uri
    props: dict[str, Any] = {"tags": sorted({"contactable", text(check.get("category"), 100)}
                                            - {""})}
    if check.get("category"):
        props["category"] = text(check["category"], 100)
    if isinstance(check.get("weight"), (int, float)):
        props["weight"] = check["weight"]
    rule["properties"] = props
    return rule


def _location(uri: str, evidence: Mapping[str, Any] | None = None) -> dict[str, Any]:
    loc: dict[str, Any] = {"physicalLocation": {"artifactLocation": {"uri": uri}}}
    if not evidence:
        return loc
    selector = text(evidence.get("selector"), 500)
    if selector:
        loc["logicalLocations"] = [{"name": selector, "fullyQualifiedName": selector,
                                    "kind": "element"}]
    snippet = text(evidence.get("snippet"), 500)
    value = text(evidence.get("value"), 500)
    if snippet or value:
        loc["message"] = {"text": snippet or value}
        loc["properties"] = {k: v for k, v in (("snippet", snippet), ("value", value)) if v}
    return loc


def _locations(check: Mapping[str, Any], fallback: str | None) -> tuple[list[Any], int]:
    """Locations of the evidence (deduplicated), and how many were left out past the cap."""
    seen: set[tuple[str, str]] = set()
    out: list[dict[str, Any]] = []
    for ev in _items(check.get("evidence")):
        uri = web_uri(ev.get("url"))
        key = (uri or "", text(ev.get("selector")))
        if uri is None or key in seen:
            continue
        seen.add(key)
        out.append(_location(uri, ev))
    if not out and fallback:
        out.append(_location(fallback))
    return out[:MAX_LOCATIONS], max(0, len(out) - MAX_LOCATIONS)


def _result(check: Mapping[str, Any], index: int, status: str,
            fallback: str | None) -> dict[str, Any]:
    check_id = text(check.get("id"), 200)
    locations, omitted = _locations(check, fallback)
    first = locations[0]["physicalLocation"]["artifactLocation"]["uri"] if locations else ""
    result: dict[str, Any] = {
        "ruleId": check_id,
        "ruleIndex": index,
        "kind": KIND[status],
        "level": LEVEL[status],
        "message": {"text": text(check.get("summary") or check.get("title") or check_id)},
        "locations": locations,
        # Stable across runs so code scanning tracks one alert per check and page, and does
        # not try to hash source lines of a web page it cannot see.
        "partialFingerprints": {
            "contactableCheck/v1": hashlib.sha256(f"{check_id}\n{first}".encode()).hexdigest()
        },
    }
    props: dict[str, Any] = {"status": status}
    if isinstance(check.get("score"), (int, float)):
        props["score"] = check["score"]
    if check.get("recommendation"):
        props["recommendation"] = text(check["recommendation"])
    if omitted:
        props["omittedLocations"] = omitted
    result["properties"] = props
    return result


def _notification(message: str, level: str, rule: tuple[str, int] | None = None
                  ) -> dict[str, Any]:
    note: dict[str, Any] = {"message": {"text": text(message) or "(no message)"}, "level": level}
    if rule is not None:
        note["associatedRule"] = {"id": rule[0], "index": rule[1]}
    return note


def build_log(report: Mapping[str, Any]) -> dict[str, Any]:
    """The SARIF log of ``report`` as a dict."""
    site = _dict(report.get("site"))
    fallback = web_uri(site.get("start_url")) or web_uri(site.get("final_url"))
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    results: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    for check in _items(report.get("checks")):
        check_id = text(check.get("id"), 200)
        if check_id not in index:
            # A duplicated id keeps its first rule, so ruleIndex always matches ruleId.
            index[check_id] = len(rules)
            rules.append(_rule(check))
        status = check.get("status")
        if status in LEVEL:
            results.append(_result(check, index[check_id], str(status), fallback))
        elif status not in ("pass", "not_applicable"):
            notes.append(_notification(
                f"Check {check_id} could not run ({text(status, 50)}): "
                f"{text(check.get('summary'))}", "error", (check_id, index[check_id])))
    if site.get("complete") is False:
        notes.append(_notification(
            f"The crawl stopped early ({text(site.get('stop_reason'), 200) or 'unknown reason'})"
            " : pages not visited were not checked.", "warning"))
    for warning in report.get("warnings") or []:
        notes.append(_notification(str(warning), "warning"))
    tool = _dict(report.get("tool"))
    driver: dict[str, Any] = {"name": "contactable", "informationUri": INFORMATION_URI,
                              "rules": rules}
    if tool.get("version"):
        driver["version"] = text(tool["version"], 50)
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if isinstance(report.get("generated_at"), str) and report["generated_at"]:
        invocation["endTimeUtc"] = report["generated_at"]
    if notes:
        invocation["toolExecutionNotifications"] = notes
    run: dict[str, Any] = {"tool": {"driver": driver}, "invocations": [invocation],
                           "results": results, "columnKind": "unicodeCodePoints"}
    run_props = {k: report.get(k) for k in ("score", "grade") if report.get(k) is not None}
    if site:
        run_props["site"] = {k: site[k] for k in ("start_url", "final_url", "pages_crawled",
                                                  "complete", "stop_reason") if k in site}
    if run_props:
        run["properties"] = run_props
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


class SarifReport:
    name: ClassVar[str] = "sarif"
    filename: ClassVar[str] = "report.sarif"

    def render(self, report: dict[str, Any]) -> str:
        return json.dumps(build_log(report), indent=2, ensure_ascii=False) + "\n"
