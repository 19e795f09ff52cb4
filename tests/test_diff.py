"""The baseline diff (``--baseline``, ``--fail-on regression``): the pure comparison of two
report dicts, then the real CLI on two builds of one fixture site.

``tests/sites/diff-before`` and ``diff-after`` are one bicycle workshop built twice: the
second build drops the sales address, moves the phone number from the contact page to a page
one click further (``/contact/phone/``) and adds a promise to answer emails within a day.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema

from contactable.diff import compare, regressions, site_host

ROOT = Path(__file__).resolve().parents[1]
BEFORE = ROOT / "tests" / "sites" / "diff-before"
AFTER = ROOT / "tests" / "sites" / "diff-after"
SCHEMA = json.loads((ROOT / "reports" / "report.schema.json").read_text("utf-8"))
LOST = "sales@quayside-bikes.co.uk"
PHONE = "0117 496 0456"
PROMISE = "We reply to every email within one working day."

Cli = Callable[..., Any]


def _report(start: str = "https://shop.example/", **contacts: list[dict[str, Any]]
            ) -> dict[str, Any]:
    return {"site": {"start_url": start, "complete": True}, "score": 50.0, "grade": "C",
            "categories": [], "checks": [],
            "contacts": {"emails": [], "phones": [], "persons": [], "reassurances": [],
                         "contact_pages": [], **contacts}}


def _check(ident: str, status: str, score: float) -> dict[str, Any]:
    return {"id": ident, "title": ident, "status": status, "score": score, "summary": "s"}


def _changes(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[str, str, str, bool]]:
    return [(c["area"], c["change"], c["id"], c["regression"])
            for c in compare(old, new)["changes"]]


def test_addresses_match_without_regard_to_case_and_unlinked_is_worse() -> None:
    old = _report(emails=[{"value": "Hello@Shop.example", "min_depth": 1}],
                  phones=[{"value": "+441174960456", "display": PHONE, "min_depth": 1}])
    new = _report("http://www.shop.example:8080/",
                  emails=[{"value": "hello@shop.example", "min_depth": 0}],
                  phones=[{"value": "+441174960456", "display": PHONE, "min_depth": None}])
    d = compare(old, new)
    assert d["same_site"] is True
    assert _changes(old, new) == [("phone", "worse", "+441174960456", True),
                                  ("email", "better", "hello@shop.example", False)]
    assert regressions(d) == [f"since the baseline: Phone {PHONE}: not linked from the start "
                              "page, was 1 click away"]


def test_a_new_site_starts_clean_and_an_unchanged_one_has_no_changes() -> None:
    full = _report(emails=[{"value": "a@shop.example", "min_depth": 1}],
                   persons=[{"name": "Ann Lee", "min_depth": 2}],
                   reassurances=[{"text": PROMISE, "min_depth": 1}])
    gained = compare(_report(), full)
    assert not gained["regression"] and gained["counts"]["gained"] == 3
    assert compare(full, full)["changes"] == [] and not compare(full, full)["regression"]


def test_checks_worse_better_and_not_applicable() -> None:
    old = _report()
    old["checks"] = [_check("phone.tel_link", "pass", 1.0), _check("email.visible", "warn", 0.5),
                     _check("person.named_contact", "pass", 1.0),
                     _check("forms.labels", "warn", 0.5), _check("gone.check", "pass", 1.0)]
    new = _report()
    new["checks"] = [_check("phone.tel_link", "pass", 1.0), _check("email.visible", "warn", 0.3),
                     _check("person.named_contact", "not_applicable", 0.0),
                     _check("forms.labels", "pass", 1.0), _check("new.check", "fail", 0.0)]
    assert _changes(old, new) == [
        ("check", "worse", "email.visible", True),       # same status, lower score
        ("check", "better", "forms.labels", False),
        ("check", "changed", "person.named_contact", False),  # shows in the contacts instead
        ("check", "new", "new.check", False),            # a new check: nothing to lose
        ("check", "removed", "gone.check", False)]


def test_a_denial_is_no_promise_and_the_host_ignores_www_and_port() -> None:
    old = _report(reassurances=[{"text": "We do not take calls.", "anti": True}])
    assert compare(old, _report())["changes"] == []
    assert site_host({"site": {"start_url": "https://WWW.Shop.example:443/a"}}) == "shop.example"
    assert not compare(_report("https://other.example/"), _report())["same_site"]


def _audit(cli: Cli, site: Path, serve: Callable[..., Any], out: Path, *flags: str) -> Any:
    # Each build is served on a new port, as a CI job serves its build folder anew.
    return cli(serve(site).url, "--format", "json,md,html", *flags, out=out,
               env={"COLUMNS": "200"})


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_a_changed_build_names_each_change_in_every_format_and_fails(
        cli: Cli, serve: Callable[..., Any], tmp_path: Path) -> None:
    base = _audit(cli, BEFORE, serve, tmp_path / "before")
    assert base.code == 0, base.stderr
    run = _audit(cli, AFTER, serve, tmp_path / "after", "--baseline",
                 str(base.out / "report.json"), "--fail-on", "regression")
    assert run.code == 1, run.stderr
    failed = [ln for ln in run.stderr.splitlines() if "assertion failed: since the baseline" in ln]
    assert failed[:2] == [
        f"contactable: assertion failed: since the baseline: Email lost: {LOST} (was 1 click "
        "away)",
        f"contactable: assertion failed: since the baseline: Phone {PHONE}: 2 clicks away, was "
        "1 click away"]
    diff = run.report["diff"]
    jsonschema.validate(run.report, SCHEMA)
    rows = {(c["area"], c["change"]): c for c in diff["changes"]}
    assert rows[("email", "lost")]["label"] == LOST
    assert (rows[("phone", "worse")]["before"], rows[("phone", "worse")]["after"]) == (1, 2)
    assert rows[("promise", "gained")]["label"] == PROMISE
    assert diff["changes"][0]["change"] == "lost"  # the worst first
    md = (run.out / "report.md").read_text("utf-8")
    section = md.split("### Since the baseline", 1)[1].split("| Question |")[0]
    assert f"| ❌ | lost | Email {LOST} | 1 click away | lost |" in section
    assert f"| ❌ | worse | Phone {PHONE} | 1 click away | 2 clicks away |" in section
    assert f"| ✅ | gained | Promise {PROMISE} | absent | 1 click away |" in section
    html = (run.out / "report.html").read_text("utf-8")
    diff_html = _flat(re.sub(r"<[^>]+>", " ", html.split('id="diff"', 1)[1].split(
        "</section>", 1)[0]))
    for text in (f"lost Email {LOST} 1 click away lost",
                 f"worse Phone {PHONE} 1 click away 2 clicks away",
                 f"gained Promise {PROMISE} absent 1 click away"):
        assert text in diff_html, diff_html
    terminal = _flat(run.stdout)
    for text in (f"lost Email {LOST}: 1 click away → lost",
                 f"worse Phone {PHONE}: 1 click away → 2 clicks away",
                 f"gained Promise {PROMISE}: absent → 1 click away"):
        assert text in terminal, run.stdout


def test_an_unchanged_rebuild_passes(cli: Cli, serve: Callable[..., Any],
                                     tmp_path: Path) -> None:
    base = _audit(cli, BEFORE, serve, tmp_path / "before")
    run = _audit(cli, BEFORE, serve, tmp_path / "again", "--baseline",
                 str(base.out / "report.json"), "--fail-on", "regression")
    assert run.code == 0, run.stderr
    assert run.report["diff"]["changes"] == [] and run.report["diff"]["regression"] is False
    assert "nothing else changed" in (run.out / "report.md").read_text("utf-8")
    jsonschema.validate(run.report, SCHEMA)


def test_a_baseline_of_another_site_or_no_report_is_one_line(
        cli: Cli, tmp_path: Path) -> None:
    other = _report("https://other.example/")
    (tmp_path / "other.json").write_text(json.dumps(other), "utf-8")
    (tmp_path / "junk.json").write_text('{"score": 1}', "utf-8")
    (tmp_path / "broken.json").write_text("{", "utf-8")
    cases = [
        (("https://shop.example/", "--baseline", "other.json"),
         "--baseline is a report of other.example, not of shop.example"),
        ((str(BEFORE), "--baseline", "other.json"),  # a folder: known once it is served
         "--baseline is a report of other.example, not of 127.0.0.1"),
        ((str(BEFORE), "--baseline", "junk.json"), "is not a report.json of contactable"),
        ((str(BEFORE), "--baseline", "broken.json"), "is not a report.json"),
        ((str(BEFORE), "--baseline", "missing.json"), "not found"),
        ((str(BEFORE), "--fail-on", "regression"), "add --baseline REPORT.json"),
    ]
    for args, message in cases:
        run = cli(*args, "--quiet", cwd=tmp_path)
        assert run.code == 2, (args, run.stderr)
        lines = run.stderr.strip().splitlines()
        assert len(lines) == 1 and message in lines[0], (args, run.stderr)
        assert not (run.out / "report.json").exists()


def test_baseline_any_site_compares_anyway(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "other.json").write_text(json.dumps(_report("https://other.example/")), "utf-8")
    run = cli(str(BEFORE), "--baseline", "other.json", "--baseline-any-site", "--fail-on",
              "regression", "--format", "json", "--quiet", cwd=tmp_path)
    assert run.code == 0, run.stderr  # everything was gained, nothing lost
    assert run.report["diff"]["same_site"] is False
    jsonschema.validate(run.report, SCHEMA)


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text("utf-8")
    found = re.search(r"<!-- ci-baseline:[^>]*-->\n```\w+\n(.*?)```", text, re.S)
    assert found, "README has no block marked ci-baseline"
    return [ln.removeprefix("$ ").split("  #")[0].strip()
            for ln in found.group(1).splitlines() if ln.startswith("$ ")]


# The README's block, in order: the build it runs on, its exit code, a line on stderr.
README_RUNS: list[tuple[Path, int, str]] = [
    (BEFORE, 0, ""),
    (AFTER, 1, f"contactable: assertion failed: since the baseline: Email lost: {LOST}"),
]


def test_readme_baseline_commands(cli: Cli, tmp_path: Path) -> None:
    commands = _readme_commands()
    assert len(commands) == len(README_RUNS)
    for command, (build, code, line) in zip(commands, README_RUNS, strict=True):
        shutil.rmtree(tmp_path / "_site", ignore_errors=True)
        shutil.copytree(build, tmp_path / "_site")
        args = shlex.split(command)
        assert args[0] == "contactable", command
        run = cli(*args[1:], cwd=tmp_path, out=tmp_path / "contactable-report")
        assert run.code == code, (command, run.stderr)
        assert line in run.stderr and "Traceback" not in run.stderr
        if "--baseline" in args:
            jsonschema.validate(run.report, SCHEMA)


def test_batch_refuses_the_baseline_options_in_one_line(cli: Cli, tmp_path: Path) -> None:
    listing = tmp_path / "sites.txt"
    listing.write_text(f"{BEFORE}\n", "utf-8")
    run = cli("batch", str(listing), "--fail-on", "regression", out=tmp_path / "b")
    assert run.code == 2 and run.stderr.count("\n") == 1, run.stderr
    assert "--fail-on and --baseline-any-site go with --baseline" in run.stderr


def test_crawled_text_in_the_diff_is_escaped_in_markdown_and_html() -> None:
    from reports.html_report import HtmlReport
    from reports.markdown_report import render_markdown

    hostile = "<img src=x onerror=alert(1)> @team | [x](javascript:y)"
    new = _report(reassurances=[{"text": hostile, "min_depth": 0}])
    new["diff"] = compare(_report(), new)
    md = render_markdown(new)
    assert "<img" not in md and "@\u200bteam" in md and "\\| \\[x\\]" in md
    html = HtmlReport().render(new)
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
