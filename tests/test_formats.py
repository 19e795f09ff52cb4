"""Markdown, JUnit and SARIF reports: schema-valid, counts right, hostile site text inert."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from collections import Counter
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from lxml import etree, html
from markdown_it import MarkdownIt

from reports.json_report import JsonReport
from reports.json_report import schema as report_schema
from reports.junit_report import JUnitReport
from reports.markdown_report import MarkdownReport, md_escape, web_url, write_step_summary
from reports.sarif_report import SarifReport, rule_name

SCHEMAS = Path(__file__).parent / "schemas"
SITE = "https://shop.example/"
HOSTILE = ('<script>alert(1)</script> | `tick` **bold** [x](javascript:alert(1)) '
           '<img src=x onerror=alert(1)> & @everyone ]]> $x$ ~~s~~ #1')
# Characters XML 1.0 forbids, a C1 control and a bidi override.
ILLEGAL = "\x00\x01\x1b\x0b\ufffe\x85\u202e"


def page(url: str, depth: int | None, region: str = "main") -> dict[str, Any]:
    return {"url": url, "depth": depth, "region": region}


def check(cid: str, status: str, summary: str, evidence: list[dict[str, str]] | None = None,
          **extra: Any) -> dict[str, Any]:
    return {
        "id": cid, "title": extra.pop("title", f"Title of {cid}"), "category": cid.split(".")[0],
        "status": status, "score": {"pass": 1.0, "warn": 0.5}.get(status, 0.0),
        "weight": extra.pop("weight", 1.0), "summary": summary,
        "help_url": extra.pop("help_url", f"https://docs.example/checks#{cid}"),
        "evidence": evidence or [], **extra,
    }


def build_report() -> dict[str, Any]:
    """A realistic report: every status, hostile text wherever a site can put it."""
    ev = {"url": SITE + "contact", "selector": "main > p:nth-of-type(2) > a",
          "snippet": HOSTILE, "value": "sales@shop.example"}
    return {
        "schema_version": "1",
        "tool": {"name": "contactable", "version": "0.1.0"},
        "generated_at": "2026-11-23T12:28:51+00:00",
        "site": {"start_url": SITE, "final_url": SITE, "pages_crawled": 300, "complete": False,
                 "stop_reason": "max_pages reached " + HOSTILE, "duration_s": 12.5,
                 "region": "GB"},
        "score": 61.4,
        "grade": "C",
        "categories": [
            {"id": "findability", "title": "Findability and click depth", "score": 50.0,
             "weight": 15},
            {"id": "email", "title": "Email", "score": 100.0, "weight": 10},
            {"id": "phone", "title": "Phone", "score": 0.0, "weight": 10},
            {"id": "person", "title": "A named contact person", "score": None, "weight": 8},
            {"id": "reassurance", "title": "Reassurance", "score": 50.0, "weight": 12},
        ],
        "checks": [
            check("findability.clicks_to_contact", "fail", "Nothing within one click: " + HOSTILE,
                  [ev, {"url": SITE + "about us?a=1|2", "selector": "footer > a",
                        "snippet": "call " + ILLEGAL + "us", "value": ""},
                   {"url": "javascript:alert(1)", "selector": "", "snippet": "", "value": ""}],
                  description="Every click loses visitors.", recommendation="Put it in the footer.",
                  weight=2.0),
            check("email.visible", "pass", "Found sales@shop.example", [ev]),
            check("email.machine_readable", "warn", "Only obfuscated: sales [at] shop " + HOSTILE,
                  [ev]),
            check("phone.found", "fail", "No phone number found.", [],
                  help_url="javascript:alert(document.cookie)"),
            check("phone.image_only", "needs_review", "A number may be in an image" + ILLEGAL,
                  [{"url": SITE + "contact", "selector": "img.phone", "snippet": "",
                    "value": ""}]),
            check("person.named", "not_applicable", "Not a business site."),
            check("reassurance.promise", "error", "Check crashed: KeyError('x') " + HOSTILE,
                  title="Response promise " + HOSTILE),
        ],
        "contacts": {
            "emails": [
                {"value": "noreply@shop.example", "method": "mailto", "pages": [page(SITE, 0)],
                 "min_depth": 0, "visible": True, "noreply": True},
                {"value": "sales@shop.example", "method": "text",
                 "pages": [page(SITE + "contact", 1)], "min_depth": 1, "visible": True,
                 "noreply": False},
            ],
            "phones": [
                {"value": "+442079460000", "display": "020 7946 0000 <b>|</b>", "kind": "fax",
                 "method": "text", "pages": [page(SITE, 0)], "min_depth": 0},
                {"value": "+442079460123", "display": "020 7946 0123", "kind": "phone",
                 "method": "tel", "pages": [page(SITE + "contact", 1)], "min_depth": 1},
            ],
            "persons": [
                {"name": "Ann <script>x</script> [Lee](javascript:alert(1))", "role": "Owner",
                 "pages": [page(SITE + "team/ann", 2)], "min_depth": 2},
            ],
            "reassurances": [
                {"text": "This mailbox is not monitored.", "kind": "anti_pattern",
                 "language": "en", "pages": [page(SITE, 0)]},
                {"text": "We reply within one day | @maintainers " + HOSTILE,
                 "kind": "response_time", "language": "en",
                 "pages": [page(SITE + "faq", 3), page(SITE + "orphan", None)]},
            ],
            "contact_pages": [{"url": SITE + "contact", "depth": 1}],
            "forms": [],
            "channels": [],
        },
        "pages": [{"url": SITE, "depth": 0, "status": 200, "title": HOSTILE}],
        "warnings": ["robots.txt disallows /private " + HOSTILE],
    }


@pytest.fixture
def report() -> dict[str, Any]:
    return build_report()


@pytest.fixture
def empty_report(report: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(report)
    out["contacts"] = {k: [] for k in out["contacts"]}
    out["site"]["complete"] = True
    out["site"]["stop_reason"] = "finished"
    return out


def test_fixture_follows_the_report_contract(report: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator(report_schema()).validate(report)


def test_formats_are_named_for_the_cli() -> None:
    assert (MarkdownReport.name, MarkdownReport.filename) == ("md", "report.md")
    assert (JUnitReport.name, JUnitReport.filename) == ("junit", "report.junit.xml")
    assert (SarifReport.name, SarifReport.filename) == ("sarif", "report.sarif")


# --- Markdown ---------------------------------------------------------------------------------

ALLOWED_TAGS = {"html", "body", "h2", "h3", "p", "strong", "em", "table", "thead", "tbody", "tr",
                "th", "td", "ul", "li", "a", "details", "summary", "sub", "blockquote"}


def rendered(md: str) -> Any:
    """The HTML GitHub-like Markdown (raw HTML allowed, tables) makes of ``md``, parsed."""
    parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    return html.fromstring(f"<html><body>{parser.render(md)}</body></html>")


def test_markdown_answers_the_four_questions(report: dict[str, Any]) -> None:
    md = MarkdownReport().render(report)
    assert md.startswith("## contactable: [https://shop.example/](https://shop.example/)")
    assert "**Score 61/100, grade C**" in md
    rows = {line.split(" | ")[0].strip("| "): line for line in md.splitlines()
            if line.startswith("| Can I") or line.startswith("| Am I")}
    # The noreply address, the fax and the anti-pattern on the home page do not count.
    assert "✅ Yes, 1 click away: sales@shop.example" in rows["Can I find an email address?"]
    assert "✅ Yes, 1 click away: 020 7946 0123" in rows["Can I find a phone number?"]
    assert "⚠️ Yes, 2 clicks away: Ann" in rows["Can I find a named person?"]
    assert rows["Can I find a named person?"].endswith("(Owner) |")
    assert "⚠️ Yes, 3 clicks away: We reply" in rows["Am I told someone will answer?"]


def test_markdown_lists_what_to_fix(report: dict[str, Any]) -> None:
    md = MarkdownReport().render(report)
    for heading in ("### Failing (2)", "### Errors (1)", "### Warnings (1)",
                    "### Needs review (1)"):
        assert heading in md
    assert md.index("### Failing") < md.index("### Errors") < md.index("### Warnings")
    # Heavier failures first; every listed check links its help page, if it is a web URL.
    failing = md.split("### Failing (2)")[1].split("###")[0].strip().splitlines()
    assert failing[0].startswith("- ❌ **Title of findability.clicks\\_to\\_contact**: Nothing")
    assert "(https://docs.example/checks#findability.clicks_to_contact)" in failing[0]
    assert "No phone number found." in failing[1] and "how to fix" not in failing[1]
    assert "<details><summary>1 check passed</summary>" in md
    assert "Not a business site" not in md  # not_applicable is not news
    assert "**The crawl was incomplete** (max\\_pages reached" in md
    assert "after 300 pages" in md


def test_markdown_escapes_hostile_site_text(report: dict[str, Any]) -> None:
    md = MarkdownReport().render(report)
    assert "<script" not in md and "<img" not in md
    assert "@everyone" not in md and "@\u200beveryone" in md
    assert "@\u200bmaintainers" in md
    assert not any(ch in md for ch in ILLEGAL)
    # Every line of the answers table keeps exactly its three cell borders.
    for line in md.splitlines():
        if line.startswith("| "):
            assert len(re.findall(r"(?<!\\)\|", line)) == 3, line
    doc = rendered(md)
    tags = {el.tag for el in doc.iter() if isinstance(el.tag, str)}
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
    hrefs = [a.get("href") for a in doc.iter("a")]
    assert hrefs and all(h.startswith(("https://", "http://")) for h in hrefs), hrefs
    assert not doc.xpath("//@*[starts-with(name(), 'on')]")
    text = doc.text_content()
    assert "<script>alert(1)</script>" in text  # shown as text, as the site wrote it
    assert "[x](javascript:alert(1))" in text


def test_markdown_of_empty_contacts_says_no(empty_report: dict[str, Any]) -> None:
    md = MarkdownReport().render(empty_report)
    assert md.count("| ❌ No |") == 4
    assert "incomplete" not in md


@pytest.mark.parametrize("raw, ok", [
    ("https://a.test/x?q=1#f", "https://a.test/x?q=1#f"),
    ("HTTP://a.test/(x)", "HTTP://a.test/%28x%29"),
    ("https://a.test/a|b c]", "https://a.test/a%7Cb%20c%5D"),
    ("javascript:alert(1)", None), (" javascript:alert(1)", None), ("data:text/html,x", None),
    ("//evil.test/x", None), ("https:evil", None), ("", None), (None, None),
])
def test_only_web_urls_become_links(raw: str | None, ok: str | None) -> None:
    assert web_url(raw) == ok


def test_md_escape_folds_lines_and_truncates() -> None:
    assert md_escape("a\n# b\r\n- c") == "a \\# b - c"
    assert md_escape("x" * 500, 10) == "x" * 9 + "…"
    assert md_escape(None) == ""


def test_step_summary_is_appended_when_github_asks(report: dict[str, Any],
                                                   tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    target.write_text("# earlier step\n", encoding="utf-8")
    env = {"GITHUB_STEP_SUMMARY": str(target)}
    assert write_step_summary(report, env) is True
    assert write_step_summary(report, env) is True
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# earlier step\n") and text.count("## contactable:") == 2
    assert write_step_summary(report, {}) is False
    assert write_step_summary(report, {"GITHUB_STEP_SUMMARY": ""}) is False
    assert write_step_summary(report, {"GITHUB_STEP_SUMMARY": str(tmp_path)}) is False


# --- JUnit ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def junit_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "junit-10.xsd")))


def parse_junit(text: str, junit_schema: etree.XMLSchema) -> Any:
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = etree.fromstring(text.encode("utf-8"))
    junit_schema.assertValid(root)
    return root


def test_junit_is_valid_and_counts_are_right(report: dict[str, Any],
                                             junit_schema: etree.XMLSchema) -> None:
    root = parse_junit(JUnitReport().render(report), junit_schema)
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("7", "2", "1")
    assert root.get("time") == "12.500"
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert list(suites) == ["findability", "email", "phone", "person", "reassurance"]
    for suite in suites.values():
        cases = suite.findall("testcase")
        assert suite.get("tests") == str(len(cases))
        assert suite.get("failures") == str(sum(len(c.findall("failure")) for c in cases))
        assert suite.get("errors") == str(sum(len(c.findall("error")) for c in cases))
        assert suite.get("skipped") == str(sum(len(c.findall("skipped")) for c in cases))
        assert suite.get("timestamp") == "2026-11-23T12:28:51"
        assert {c.get("classname") for c in cases} == {suite.get("name")}
    props = {p.get("name"): p.get("value") for p in suites["findability"].iter("property")}
    assert props["category.title"] == "Findability and click depth"
    assert props["grade"] == "C" and props["crawl_complete"] == "false"


def test_junit_maps_each_status(report: dict[str, Any], junit_schema: etree.XMLSchema) -> None:
    root = parse_junit(JUnitReport().render(report), junit_schema)
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert len(cases) == len(report["checks"])
    [failure] = cases["findability.clicks_to_contact"]
    assert failure.tag == "failure"
    assert failure.get("message").startswith("Nothing within one click: <script>")
    assert "Evidence:" in failure.text and SITE + "contact main > p" in failure.text
    assert "Fix: Put it in the footer." in failure.text
    assert "Help: https://docs.example/checks#findability.clicks_to_contact" in failure.text
    assert [e.tag for e in cases["reassurance.promise"]] == ["error"]
    [skipped] = cases["person.named"]
    assert skipped.tag == "skipped" and skipped.get("message") == "Not a business site."
    assert len(cases["email.visible"]) == 0
    [out] = cases["email.machine_readable"]
    assert out.tag == "system-out" and out.text.startswith("WARN: Only obfuscated")
    [out] = cases["phone.image_only"]
    assert out.tag == "system-out" and out.text.startswith("NEEDS_REVIEW: A number may")


def test_junit_keeps_hostile_text_as_text(report: dict[str, Any],
                                          junit_schema: etree.XMLSchema) -> None:
    text = JUnitReport().render(report)
    assert "<script>" not in text and "]]>" not in text.split("?>", 1)[1]
    root = parse_junit(text, junit_schema)
    # Round trip: what the site wrote comes back, minus only what XML 1.0 cannot hold.
    [failure] = root.xpath("//testcase[@name='findability.clicks_to_contact']/failure")
    assert HOSTILE in failure.get("message")
    assert "call us" in failure.text  # the C1 control and the bidi override are dropped too
    [out] = root.xpath("//testcase[@name='phone.image_only']/system-out")
    assert out.text.startswith("NEEDS_REVIEW: A number may be in an image\nEvidence:")


def test_junit_of_odd_reports(junit_schema: etree.XMLSchema) -> None:
    root = parse_junit(JUnitReport().render({}), junit_schema)
    assert root.get("tests") == "0" and len(root) == 0
    odd = {"checks": [{"status": "exploded"}, {"id": "x.y"}, "junk", {"id": "a.b", "status":
                                                                     "pass", "evidence": None}]}
    root = parse_junit(JUnitReport().render(odd), junit_schema)
    # Unknown or missing statuses are errors, never silent passes.
    assert (root.get("tests"), root.get("errors")) == ("3", "2")


# --- SARIF ------------------------------------------------------------------------------------

# RFC 3986 (URI and URI-reference), since jsonschema checks "uri" only with an extra package.
_URI_CHARS = r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*"
URI = re.compile(rf"[A-Za-z][A-Za-z0-9+.\-]*:{_URI_CHARS}")
URI_REFERENCE = re.compile(_URI_CHARS)


@pytest.fixture(scope="module")
def sarif_validator() -> jsonschema.Draft4Validator:
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    checker = jsonschema.FormatChecker(())
    checker.checks("uri")(lambda v: not isinstance(v, str) or bool(URI.fullmatch(v)))
    checker.checks("uri-reference")(
        lambda v: not isinstance(v, str) or bool(URI_REFERENCE.fullmatch(v)))
    checker.checks("date-time")(lambda v: not isinstance(v, str) or bool(re.fullmatch(
        r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)", v)))
    return jsonschema.Draft4Validator(schema, format_checker=checker)


def parse_sarif(text: str, validator: jsonschema.Draft4Validator) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(text)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])
    return log


def test_sarif_is_valid(report: dict[str, Any],
                        sarif_validator: jsonschema.Draft4Validator) -> None:
    log = parse_sarif(SarifReport().render(report), sarif_validator)
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1


def test_the_uri_check_itself_rejects_bad_uris(
        sarif_validator: jsonschema.Draft4Validator) -> None:
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {
        "name": "x", "informationUri": "https://a.test/a b"}}}]}
    assert not sarif_validator.is_valid(bad)


def test_sarif_rules_and_results(report: dict[str, Any],
                                 sarif_validator: jsonschema.Draft4Validator) -> None:
    run = parse_sarif(SarifReport().render(report), sarif_validator)["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "contactable" and driver["version"] == "0.1.0"
    assert driver["informationUri"].startswith("https://")
    rules = driver["rules"]
    assert [r["id"] for r in rules] == [c["id"] for c in report["checks"]]
    first = rules[0]
    assert first["name"] == "FindabilityClicksToContact"
    assert first["shortDescription"]["text"] == "Title of findability.clicks_to_contact"
    assert first["fullDescription"]["text"] == "Every click loses visitors."
    assert first["helpUri"] == "https://docs.example/checks#findability.clicks_to_contact"
    assert first["properties"]["category"] == "findability"
    assert first["properties"]["weight"] == 2.0
    assert rules[1]["fullDescription"]["text"] == rules[1]["shortDescription"]["text"]
    assert "helpUri" not in rules[3]  # javascript: help URL dropped
    results = run["results"]
    assert Counter((r["ruleId"], r["level"]) for r in results) == Counter({
        ("findability.clicks_to_contact", "error"), ("email.machine_readable", "warning"),
        ("phone.found", "error"), ("phone.image_only", "note")})
    for res in results:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
    assert {r["ruleId"]: r["kind"] for r in results}["phone.image_only"] == "review"


def test_sarif_locations(report: dict[str, Any],
                         sarif_validator: jsonschema.Draft4Validator) -> None:
    run = parse_sarif(SarifReport().render(report), sarif_validator)["runs"][0]
    results = {r["ruleId"]: r for r in run["results"]}
    locs = results["findability.clicks_to_contact"]["locations"]
    # The javascript: "page" is not a location; a URL with spaces is percent-encoded.
    assert [loc["physicalLocation"]["artifactLocation"]["uri"] for loc in locs] == [
        SITE + "contact", SITE + "about%20us?a=1%7C2"]
    assert locs[0]["logicalLocations"] == [{"name": "main > p:nth-of-type(2) > a",
                                            "fullyQualifiedName": "main > p:nth-of-type(2) > a",
                                            "kind": "element"}]
    assert locs[0]["message"]["text"] == HOSTILE  # JSON string: inert wherever it is shown
    assert locs[1]["message"]["text"] == "call us"  # controls and bidi override stripped
    [nowhere] = results["phone.found"]["locations"]
    assert nowhere == {"physicalLocation": {"artifactLocation": {"uri": SITE}}}
    fingerprints = {r["partialFingerprints"]["contactableCheck/v1"] for r in run["results"]}
    assert len(fingerprints) == len(run["results"])


def test_sarif_notifications(report: dict[str, Any],
                             sarif_validator: jsonschema.Draft4Validator) -> None:
    run = parse_sarif(SarifReport().render(report), sarif_validator)["runs"][0]
    [invocation] = run["invocations"]
    notes = invocation["toolExecutionNotifications"]
    errors = [n for n in notes if n["level"] == "error"]
    assert [n["associatedRule"]["id"] for n in errors] == ["reassurance.promise"]
    index = errors[0]["associatedRule"]["index"]
    assert run["tool"]["driver"]["rules"][index]["id"] == "reassurance.promise"
    warnings = [n["message"]["text"] for n in notes if n["level"] == "warning"]
    assert any(w.startswith("The crawl stopped early (max_pages reached") for w in warnings)
    assert any(w.startswith("robots.txt disallows") for w in warnings)
    assert run["properties"]["grade"] == "C"


def test_sarif_of_odd_reports(sarif_validator: jsonschema.Draft4Validator) -> None:
    log = parse_sarif(SarifReport().render({}), sarif_validator)
    assert log["runs"][0]["results"] == [] and log["runs"][0]["tool"]["driver"]["rules"] == []
    dup = {"site": {"start_url": "not a url"},
           "checks": [check("a.b", "fail", "one"), check("a.b", "warn", "two"),
                      {"id": "c.d", "status": "fail", "evidence": [{"url": None}, "junk"]}]}
    run = parse_sarif(SarifReport().render(dup), sarif_validator)["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["a.b", "c.d"]
    assert [r["ruleIndex"] for r in run["results"]] == [0, 0, 1]
    assert all(r["locations"] == [] for r in run["results"])  # no web URL to point at


def test_rule_names() -> None:
    assert rule_name("email.no_reply_only") == "EmailNoReplyOnly"
    assert rule_name("x") == "X"


def test_every_format_survives_junk_everywhere() -> None:
    junk: dict[str, Any] = {"site": None, "contacts": {"emails": None, "phones": "x",
                                                       "persons": [None, 3, {}]},
                            "checks": None, "categories": "x", "warnings": None, "tool": 1}
    for fmt in (MarkdownReport(), JUnitReport(), SarifReport()):
        assert fmt.render(junk)
        assert fmt.render({})


# --- end to end: the real demo audit through --plugin ---------------------------------------

@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real audit of the bundled demo site, formats loaded ad hoc with --plugin."""
    out = tmp_path_factory.mktemp("demo")
    site = Path(str(files("contactable").joinpath("demo_site")))
    cmd = [sys.executable, "-m", "contactable", str(site), "--out", str(out), "--quiet",
           "--format", "json,md,junit,sarif",
           "--plugin", "reports.markdown_report:MarkdownReport",
           "--plugin", "reports.junit_report:JUnitReport",
           "--plugin", "reports.sarif_report:SarifReport"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=180, check=False)
    assert proc.returncode == 0, proc.stderr
    return out


def test_demo_audit_writes_valid_reports(demo_run: Path, junit_schema: etree.XMLSchema,
                                         sarif_validator: jsonschema.Draft4Validator) -> None:
    report = json.loads((demo_run / "report.json").read_text(encoding="utf-8"))
    checks = report["checks"]
    root = parse_junit((demo_run / "report.junit.xml").read_text(encoding="utf-8"),
                       junit_schema)
    assert root.get("tests") == str(len(checks))
    assert root.get("failures") == str(sum(c["status"] == "fail" for c in checks))
    log = parse_sarif((demo_run / "report.sarif").read_text(encoding="utf-8"), sarif_validator)
    run = log["runs"][0]
    assert len(run["tool"]["driver"]["rules"]) == len({c["id"] for c in checks})
    assert len(run["results"]) == sum(c["status"] in ("fail", "warn", "needs_review")
                                      for c in checks)
    md = (demo_run / "report.md").read_text(encoding="utf-8")
    assert md.startswith("## contactable: ") and "demo" in md.splitlines()[0]  # its folder
    assert "| Can I find an email address? | ✅ Yes, on the start page: hello@" in md
    assert md == MarkdownReport().render(report)


def test_the_step_summary_is_written_in_github_actions(cli: Any, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    demo = Path(__file__).resolve().parents[1] / "contactable" / "demo_site"
    run = cli(str(demo), "--format", "json", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert run.code == 0
    text = summary.read_text(encoding="utf-8")
    assert "Score " in text and "| Can I find an email address? |" in text


def test_every_format_shows_a_score_rounded_down(report: dict[str, Any]) -> None:
    # Issue 13: 85.8 was 85 in the terminal and HTML but 86 in Markdown and the batch index.
    from rich.console import Console

    from reports.html_report import HtmlReport, render_batch_index
    from reports.terminal import print_summary

    report = {**report, "score": 85.8, "grade": "B"}
    assert "**Score 85/100, grade B**" in MarkdownReport().render(report)
    assert ">85<" in HtmlReport().render(report).replace(" ", "")
    console = Console(record=True, width=200)
    print_summary(report, console, [])
    assert "score 85/100, grade B" in console.export_text()
    row = {"target": SITE, "status": "audited", "score": 85.8, "grade": "B",
           "report": None, "pages_crawled": 3, "complete": True, "found": {}, "weakest": []}
    index = render_batch_index({"tool": {"version": "1"}, "generated_at": "", "complete": True,
                                "sites": [row]}, [row])
    assert "85/100 B" in index and "86/100" not in index
    # The machine formats keep the measurement itself, unrounded.
    assert '"score": 85.8' in JsonReport().render(report)
    assert 'name="score" value="85.8"' in JUnitReport().render(report)
