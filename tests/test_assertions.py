"""Assertions users can shape, through the real CLI on a small fixture site.

``tests/sites/plaintext`` is a joinery's site whose one phone number is plain text (so
``phone.tel_link`` warns), with an email link, on ``/contact/``; the phone category scores
83.3, findability 83.3, the site 66.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from contactable.assertions import evaluate, level, level_on, suppress
from contactable.config import ConfigError, MatrixEntry, Suppression, check_ids, load, parse
from reports.html_report import HtmlReport
from reports.markdown_report import render_markdown

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "tests" / "sites" / "plaintext"
SCHEMA = json.loads((ROOT / "reports" / "report.schema.json").read_text("utf-8"))

Cli = Callable[..., Any]


def _check(report: dict[str, Any], ident: str) -> dict[str, Any]:
    return next(c for c in report["checks"] if c["id"] == ident)


def _lines(stderr: str, prefix: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if ln.startswith(prefix)]


def _readme_block(marker: str) -> str:
    text = (ROOT / "README.md").read_text("utf-8")
    found = re.search(rf"<!-- {marker}:[^>]*-->\n```\w+\n(.*?)```", text, re.S)
    assert found, f"README has no block marked {marker}"
    return found.group(1)


# What each command of the README's CI block does to the fixture site: exit code, lines that
# must be on stderr, lines that must not.
README_RUNS: dict[str, tuple[int, list[str], list[str]]] = {
    "--fail-under 80": (1, ["contactable: assertion failed: score 68.6"], []),
    "--check phone.tel_link=error": (
        1, ["contactable: assertion failed: phone.tel_link warned: Phone numbers are plain "
            "text only."], []),
    "--check phone.tel_link=error:fail": (0, [], ["phone.tel_link"]),
    "--check phone=warn": (
        0, ["contactable: warning: phone.tel_link warned: ", "contactable: warning: "
            "phone.hours_near warned: "], ["assertion failed"]),
    "--category-min phone=90 --category-min email=90": (
        1, ["contactable: assertion failed: category phone scores 83.3, below --category-min "
            "90"], ["category email"]),
    "--preset recommended": (0, [], ["assertion failed"]),
    "--preset strict": (
        1, ["contactable: assertion failed: phone.tel_link warned: ",
            "contactable: assertion failed: person.named_contact failed: ",
            "contactable: assertion failed: channels.address failed: "], []),
    "--preset strict --check channels=warn": (
        1, ["contactable: assertion failed: phone.tel_link warned: ",
            "contactable: warning: channels.address failed: "],
        ["assertion failed: channels."]),
    "--preset strict --report-only": (
        0, ["contactable: would fail (--report-only): phone.tel_link warned: ",
            "contactable: would fail (--report-only): person.named_contact failed: "],
        ["assertion failed"]),
}


def _readme_commands() -> list[str]:
    commands = []
    for line in _readme_block("ci-commands").splitlines():
        command = line.removeprefix("$ ").split("  #")[0].strip()
        assert command.startswith("contactable ./_site "), line
        commands.append(command.removeprefix("contactable ./_site "))
    return commands


def test_every_readme_ci_command_is_tested() -> None:
    assert sorted(_readme_commands()) == sorted(README_RUNS)


@pytest.mark.parametrize("flags", _readme_commands())
def test_readme_ci_commands(cli: Cli, tmp_path: Path, flags: str) -> None:
    shutil.copytree(SITE, tmp_path / "_site")
    run = cli("./_site", *shlex.split(flags), "--format", "json", "--quiet", cwd=tmp_path)
    code, present, absent = README_RUNS[flags]
    assert run.code == code, run.stderr
    for text in present:
        assert any(ln.startswith(text) for ln in run.stderr.splitlines()), (text, run.stderr)
    for text in absent:
        assert text not in run.stderr, (text, run.stderr)
    assert "Traceback" not in run.stderr
    jsonschema.validate(run.report, SCHEMA)


def test_readme_ci_config_suppresses_with_its_reason(cli: Cli, tmp_path: Path) -> None:
    shutil.copytree(SITE, tmp_path / "_site")
    (tmp_path / "contactable.toml").write_text(_readme_block("ci-config"), "utf-8")
    run = cli("./_site", "--format", "json,md,html", cwd=tmp_path)
    # recommended holds (email and phone found), findability 83.3 >= 80, and the warning of
    # phone.tel_link, at level error, is accepted: the run passes, saying so.
    assert run.code == 0, run.stderr
    reason = "the contact page is a booking widget we cannot change until spring"
    assert _lines(run.stderr, "contactable: suppressed: ") == [
        "contactable: suppressed: phone.tel_link warned: Phone numbers are plain text only. "
        f"(accepted: {reason} on /contact/* (until 2099-03-31))"]
    assert f"suppressed phone.tel_link (warn on /contact/*): {reason}, until 2099-03-31" in \
        " ".join(run.stdout.split())
    chk = _check(run.report, "phone.tel_link")
    assert chk["status"] == "warn" and chk["score"] < 1  # kept, never dropped
    assert chk["suppressed"] == {"reason": reason, "expires": "2099-03-31", "url": "/contact/*"}
    jsonschema.validate(run.report, SCHEMA)
    # Markdown (the job summary and pull-request comment) and HTML show it where it stands.
    md = (run.out / "report.md").read_text("utf-8")
    assert ("Phone numbers are plain text only. ([how to fix]" in md and
            f" — 🔕 *suppressed* on /contact/\\*: {reason}, until 2099-03-31" in md)
    html = (run.out / "report.html").read_text("utf-8")
    assert (f"<strong>Suppressed</strong> on <code>/contact/*</code>: {reason} "
            "(until 2099-03-31)</p>") in html


def test_error_catches_warnings_and_error_fail_only_failures(cli: Cli, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "index.html").write_text("<html><body><h1>Hello</h1><p>Nothing here.</p></body>"
                                      "</html>")
    run = cli(str(empty), "--check", "email.visible=error:fail", "--check",
              "phone=error:fail", "--format", "json", "--quiet")
    assert run.code == 1
    failed = _lines(run.stderr, "contactable: assertion failed: ")
    assert [ln.split(":")[2].strip() for ln in failed] == ["email.visible failed",
                                                           "phone.found failed"]


def test_recommended_fails_a_site_without_email_or_phone(cli: Cli, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "index.html").write_text("<html><body><h1>Hello</h1></body></html>")
    (tmp_path / "contactable.toml").write_text('preset = "recommended"\n')
    run = cli(str(empty), "--format", "json", "--quiet", cwd=tmp_path)
    assert run.code == 1
    assert [ln.split(":")[2].strip() for ln in _lines(run.stderr, "contactable: assertion")] \
        == ["email.visible failed", "phone.found failed"]
    # An explicit --check wins over the preset, even naming only the category.
    run = cli(str(empty), "--format", "json", "--quiet", "--check", "phone=warn",
              cwd=tmp_path, out=tmp_path / "o2")
    assert run.code == 1
    assert "contactable: warning: phone.found failed: No phone number was found." in run.stderr
    assert "assertion failed: phone.found" not in run.stderr
    # --report-only keeps the run green and still says what would fail.
    run = cli(str(empty), "--format", "json", "--quiet", "--report-only", "--fail-under", "99",
              cwd=tmp_path, out=tmp_path / "o3")
    assert run.code == 0
    assert len(_lines(run.stderr, "contactable: would fail (--report-only): ")) == 3


def test_suppressions_by_page_and_expiry(cli: Cli, tmp_path: Path) -> None:
    def audit(entry: str, name: str) -> Any:
        (tmp_path / f"{name}.toml").write_text(
            '[checks]\n"phone.tel_link" = "error"\n[[suppress]]\ncheck = "phone.tel_link"\n'
            f'reason = "widget"\n{entry}')
        return cli(str(SITE), "--config", str(tmp_path / f"{name}.toml"), "--format", "json",
                   "--quiet", out=tmp_path / name)

    # A pattern that does not cover the page holding the evidence accepts nothing.
    blog = audit('url = "/blog/*"\n', "blog")
    assert blog.code == 1 and "suppressed" not in _check(blog.report, "phone.tel_link")
    # A pattern without the leading slash works too.
    contact = audit('url = "contact/*"\n', "contact")
    assert contact.code == 0 and _check(contact.report, "phone.tel_link")["suppressed"] == {
        "reason": "widget", "url": "contact/*"}
    # An expired entry counts again, and says so in the report and on stderr.
    expired = audit("expires = 2000-01-31\n", "expired")
    assert expired.code == 1
    chk = _check(expired.report, "phone.tel_link")
    assert "suppressed" not in chk
    assert chk["suppression_expired"] == {"reason": "widget", "expires": "2000-01-31"}
    assert ("contactable: assertion failed: phone.tel_link warned: Phone numbers are plain text "
            "only. (its suppression expired: widget (until 2000-01-31))") in expired.stderr
    jsonschema.validate(expired.report, SCHEMA)
    # A date written as a string is read too.
    later = audit('expires = "2999-12-31"\n', "later")
    assert later.code == 0 and \
        _check(later.report, "phone.tel_link")["suppressed"]["expires"] == "2999-12-31"


@pytest.mark.parametrize(("config", "message"), [
    ('[[suppress]]\ncheck = "phone.tel_link"\n',
     'contactable.toml: [[suppress]] #1 (phone.tel_link): reason is required'),
    ('[[suppress]]\ncheck = "phone.tel_link"\nreason = "x"\nexpires = "2024-13-01"\n',
     "expires must be a date YYYY-MM-DD, not '2024-13-01'"),
    ('[[suppress]]\ncheck = "phone.tel_lnk"\nreason = "x"\n',
     "unknown check 'phone.tel_lnk' in [[suppress]] (did you mean phone.tel_link"),
    ('[category_min]\nfindabilty = 80\n',
     "unknown category 'findabilty' in --category-min or [category_min] (did you mean "
     "findability?)"),
])
def test_bad_assertion_config_is_one_line(cli: Cli, tmp_path: Path, config: str,
                                          message: str) -> None:
    (tmp_path / "contactable.toml").write_text(config)
    run = cli(str(SITE), "--quiet", cwd=tmp_path)
    assert run.code == 2
    assert len(run.stderr.strip().splitlines()) == 1 and message in run.stderr, run.stderr
    assert run.stderr.startswith("contactable: error: ")


@pytest.mark.parametrize(("data", "message"), [
    ({"suppress": [{"check": "phone.tel_link", "reason": "  "}]}, "reason is required"),
    ({"suppress": [{"reason": "x"}]}, "check must be a check id"),
    ({"suppress": [{"check": "p", "reason": "x", "expires": "31/12/2024"}]},
     "expires must be a date YYYY-MM-DD"),
    ({"suppress": [{"check": "p", "reason": "x",
                    "expires": datetime(2024, 12, 31, 10, 0)}]},
     "expires must be a date YYYY-MM-DD"),
    ({"suppress": [{"check": "p", "reason": "x", "page": "/a"}]}, "unknown key 'page'"),
    ({"suppress": "phone.tel_link"}, "suppress must be a list of [[suppress]] tables"),
    ({"category_min": {"findability": 180}},
     "category_min.findability: 180 is not a score between"),
    ({"preset": "lenient"}, "preset: 'lenient' is not one of recommended, strict"),
    ({"report_only": "yes"}, "report_only: 'yes' is not true or false"),
])
def test_bad_assertion_values_name_the_key(data: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError) as err:
        parse(data, "contactable.toml")
    assert message in str(err.value) and str(err.value).startswith("contactable.toml: ")


@pytest.mark.parametrize(("args", "message"), [
    (["--category-min", "findability"], "is not CATEGORY=SCORE"),
    (["--category-min", "findability=high"], "is not CATEGORY=SCORE"),
    (["--category-min", "findability=101"], "is not CATEGORY=SCORE"),
    (["--category-min", "phon=80"], "unknown category 'phon'"),
    (["--preset", "lenient"], "argument --preset: 'lenient' is not one of recommended, strict"),
    (["--check", "phone.tel_link=error:warn"], "is not ID=LEVEL"),
])
def test_bad_assertion_flags_are_one_line(cli: Cli, tmp_path: Path, args: list[str],
                                          message: str) -> None:
    run = cli(str(SITE), "--quiet", *args, cwd=tmp_path)
    assert run.code == 2
    assert len(run.stderr.strip().splitlines()) == 1 and message in run.stderr, run.stderr


def test_levels_presets_and_suppressions_without_a_crawl() -> None:
    report: dict[str, Any] = {"score": 50.0, "categories": [
        {"id": "phone", "score": None}, {"id": "email", "score": 40.0}], "checks": [
        {"id": "phone.tel_link", "category": "phone", "status": "warn", "summary": "s",
         "evidence": [{"url": "http://h/contact/"}, {"url": "http://h/blog/a"}]},
        {"id": "email.visible", "category": "email", "status": "pass", "summary": "s",
         "evidence": []}]}
    assert level({"phone.tel_link": "warn"}, "strict", "phone.tel_link") == "warn"
    # Evidence on two pages: a pattern covering one of them does not accept the finding.
    suppress(report, [Suppression("phone.tel_link", "r", "/contact/*")])
    assert "suppressed" not in report["checks"][0]
    suppress(report, [Suppression("phone", "r", "", date(2030, 1, 1))], today=date(2030, 1, 1))
    assert report["checks"][0]["suppressed"] == {"reason": "r", "expires": "2030-01-01"}
    # A passing check is no finding: nothing to accept.
    suppress(report, [Suppression("email.visible", "r")])
    assert "suppressed" not in report["checks"][1]
    out = evaluate(report, levels={}, preset="strict", category_min={"phone": 50, "email": 40})
    assert out.failures == [] and out.notes[0].startswith("suppressed: phone.tel_link warned")
    assert out.warnings == ["category phone has no score (no check applies): its minimum 50 "
                            "is not tested"]
    with pytest.raises(ConfigError, match="reason is required"):
        parse({"suppress": [{"check": "phone"}]}, "x.toml")


def test_readme_assert_matrix_judges_findings_by_their_pages(cli: Cli, tmp_path: Path) -> None:
    shutil.copytree(SITE, tmp_path / "_site")
    (tmp_path / "contactable.toml").write_text(_readme_block("ci-matrix"), "utf-8")
    run = cli("./_site", "--format", "json", "--quiet", cwd=tmp_path)
    # The one phone number is on /contact/, plain text and without hours: at error there, so
    # the run fails, saying which entry decided; recommended (the top level) holds.
    assert run.code == 1, run.stderr
    assert _lines(run.stderr, "contactable: assertion failed: ") == [
        "contactable: assertion failed: phone.tel_link warned: Phone numbers are plain text "
        "only. (at error on /contact/*, /kontakt/*, [[assert_matrix]])",
        "contactable: assertion failed: phone.hours_near warned: No page with the phone number "
        "says when it is answered. (at error on /contact/*, /kontakt/*, [[assert_matrix]])"]
    # The same finding, were it on the blog only, would be printed and not fail.
    chk = dict(_check(run.report, "phone.tel_link"))
    chk["evidence"] = [{"url": "http://127.0.0.1:1/blog/"}]
    cfg = load(tmp_path / "contactable.toml")
    assert level_on(chk, cfg.checks, cfg.preset, cfg.assert_matrix) == ("warn", "/blog/*")
    out = evaluate({**run.report, "checks": [chk]}, levels={}, preset=cfg.preset,
                   matrix=cfg.assert_matrix)
    assert out.failures == [] and out.warnings == [
        "phone.tel_link warned: Phone numbers are plain text only. (at warn on /blog/*, "
        "[[assert_matrix]])"]


def test_matrix_takes_the_strictest_page_and_the_first_matching_entry() -> None:
    def chk(status: str, *paths: str) -> dict[str, Any]:
        return {"id": "phone.tel_link", "category": "phone", "status": status, "summary": "s",
                "evidence": [{"url": f"http://h{p}"} for p in paths]}

    relaxed = [MatrixEntry(("/blog/*",), {"phone": "off"}),
               MatrixEntry(("blog/*", "/shop/*"), {"phone": "error"})]
    # The blog's own entry (the first that matches) relaxes it; the top level is error.
    assert level_on(chk("warn", "/blog/a"), {"phone": "error"}, None, relaxed) == \
        ("off", "/blog/*")
    # Also on a page no entry names: the top level's error holds there.
    assert level_on(chk("warn", "/blog/a", "/contact/"), {"phone": "error"}, None,
                    relaxed) == ("error", "")
    # The shop's entry is stricter than the top level's warn.
    assert level_on(chk("warn", "/contact/", "/shop/x"), {"phone": "warn"}, None, relaxed) == \
        ("error", "blog/*, /shop/*")
    # A finding without pages is the top level's; an entry's preset fills what it leaves.
    assert level_on(chk("fail"), {}, None, relaxed) == (None, "")
    strict = [MatrixEntry(("/contact/*",), {}, "strict")]
    assert level_on(chk("warn", "/contact/"), {}, "recommended", strict) == \
        ("error", "/contact/*")
    assert evaluate({"score": 90, "checks": [chk("warn", "/about/")]}, levels={},
                    matrix=strict).failures == []


@pytest.mark.parametrize(("data", "message"), [
    ({"assert_matrix": {"url": "/a"}}, "assert_matrix must be a list of [[assert_matrix]]"),
    ({"assert_matrix": [{"checks": {"phone": "error"}}]},
     "[[assert_matrix]] #1: url must be a path pattern"),
    ({"assert_matrix": [{"url": ["/a", 3], "checks": {"phone": "error"}}]},
     "[[assert_matrix]] #1: url must be a path pattern"),
    ({"assert_matrix": [{"url": "/a", "checks": {"phone": "fatal"}}]},
     "[[assert_matrix]] #1: checks.phone: 'fatal' is not one of error, error:fail, warn, off"),
    ({"assert_matrix": [{"url": "/a", "preset": "lenient"}]},
     "[[assert_matrix]] #1: preset: 'lenient' is not one of recommended, strict"),
    ({"assert_matrix": [{"url": "/a"}]}, "give its levels in [assert_matrix.checks] or a preset"),
    ({"assert_matrix": [{"url": "/a", "levels": {}}]}, "unknown key 'levels'"),
])
def test_bad_matrix_names_the_entry(data: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError) as err:
        parse(data, "contactable.toml")
    assert message in str(err.value) and str(err.value).startswith("contactable.toml: ")


def test_matrix_check_ids_must_exist(cli: Cli, tmp_path: Path) -> None:
    cfg = parse({"assert_matrix": [{"url": "/a", "checks": {"phone.tel_lnk": "warn"}}]}, "c")
    with pytest.raises(ConfigError, match=r"unknown check or category 'phone.tel_lnk' in "
                       r"\[\[assert_matrix\]\] for /a \(did you mean phone.tel_link"):
        check_ids(cfg, {"phone.tel_link"}, {"phone"})
    (tmp_path / "contactable.toml").write_text(
        '[[assert_matrix]]\nurl = "/a"\n[assert_matrix.checks]\nphon = "warn"\n')
    run = cli(str(SITE), "--quiet", cwd=tmp_path)
    assert run.code == 2 and len(run.stderr.strip().splitlines()) == 1, run.stderr
    assert "unknown check or category 'phon' in [[assert_matrix]] for /a" in run.stderr


def test_suppressions_show_in_markdown_and_html_with_hostile_reasons() -> None:
    hostile = "<img src=x onerror=alert(1)> [x](javascript:y) @team </details>"
    report: dict[str, Any] = {
        "site": {"final_url": "https://a.test/", "pages_crawled": 2, "complete": True},
        "score": 50.0, "grade": "C", "categories": [], "checks": [
            {"id": "phone.tel_link", "title": "Tel links", "category": "phone", "status": "warn",
             "score": 0.5, "weight": 1.0, "summary": "plain", "evidence": [],
             "suppressed": {"reason": hostile, "url": "/b<l>og/*", "expires": "2099-01-01"}},
            {"id": "email.visible", "title": "Email", "category": "email", "status": "fail",
             "score": 0.0, "weight": 1.0, "summary": "none", "evidence": [],
             "suppression_expired": {"reason": "old", "expires": "2000-01-01"}}]}
    md = render_markdown(report)
    assert ("- ⚠️ **Tel links**: plain — 🔕 *suppressed* on /b&lt;l&gt;og/\\*: &lt;img src=x "
            "onerror=alert(1)&gt; \\[x\\](javascript:y) @\u200bteam &lt;/details&gt;, until "
            "2099-01-01") in md
    assert "- ❌ **Email**: none — ⏰ *suppression expired, counts again*: old, until 2000-01-01" \
        in md
    html = HtmlReport().render(report)
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<strong>Suppressed</strong> on <code>/b&lt;l&gt;og/*</code>" in html
    assert "<strong>Suppression expired, this counts again</strong>: old (until 2000-01-01)" \
        in html
