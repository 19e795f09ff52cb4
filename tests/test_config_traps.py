"""Issue 13: configuration that cannot silently lie. Each test here failed on the code before
the fix: an unwritable ``--out`` found only after the crawl, an empty folder that "answered
HTTP 404", ``[detectors] legal = "off"`` failing the legal checks, and ``region = "GB"`` on a
French site finding no phone number."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema

from reports.json_report import schema as report_schema
from tests.conftest import Served

Cli = Callable[..., Any]
DEMO = Path(__file__).resolve().parents[1] / "contactable" / "demo_site"


def test_an_unwritable_out_stops_before_the_crawl(cli: Cli, serve: Callable[..., Served],
                                                   tmp_path: Path) -> None:
    site = serve(DEMO)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    run = cli(site.url, "--out", str(blocker / "reports"), "--quiet")
    assert run.code == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(
        f"contactable: error: cannot write the reports to {blocker / 'reports'}: "), lines
    assert "give --out a folder you can write to" in lines[0]
    # Not one request: the crawl never started.
    assert site.requests == []


def test_a_batch_with_an_unwritable_out_stops_before_any_audit(
        cli: Cli, serve: Callable[..., Served], tmp_path: Path) -> None:
    site = serve(DEMO)
    sites = tmp_path / "sites.txt"
    sites.write_text(site.url + "\n")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    run = cli("batch", str(sites), "--out", str(blocker / "audits"), "--quiet")
    assert run.code == 2
    [line] = run.stderr.strip().splitlines()
    assert line.startswith(f"contactable: error: cannot write the reports to {blocker}"), line
    assert site.requests == []


def test_an_empty_folder_says_it_has_no_index_html(cli: Cli, tmp_path: Path) -> None:
    empty = tmp_path / "_site"
    empty.mkdir()
    (empty / "about.html").write_text("<p>About</p>")
    run = cli(str(empty), "--quiet")
    assert run.code == 2
    assert run.stderr.strip().splitlines() == [
        f"contactable: error: {empty} has no index.html: give the folder your site is built "
        "into (the one that holds index.html)"]
    assert "404" not in run.stderr


FRENCH = Path(__file__).parent / "sites" / "boulangerie"


def _phones(start_url: str, region: str | None, html: str) -> list[str]:
    from checks.api import SiteContext
    from checks.detectors.phones import PhoneDetector
    from crawler.page import Page

    detector = PhoneDetector.from_context(SiteContext(start_url, region=region,
                                                      region_configured=region is not None))
    return sorted({f.value for f in detector.detect(Page.from_html(start_url, html))
                   if f.kind == "phone"})


def test_a_configured_region_is_a_default_not_a_filter() -> None:
    # region = "GB" on a .fr site: "04 78 42 10 30" is no British number, but it is a French
    # one, the country of the page's language and of its address. It was dropped.
    html = (FRENCH / "contact.html").read_text(encoding="utf-8")
    assert _phones("https://boulangerie-dupont.fr/contact.html", "GB", html) == ["+33478421030"]
    # An English page of a .com site, set to GB, with a French address: found through it.
    english = html.replace('lang="fr"', 'lang="en"')
    assert _phones("https://dupont-bakery.com/contact.html", "GB", english) == ["+33478421030"]
    # A number valid in the configured region is read there, as before.
    british = html.replace("04 78 42 10 30", "020 7946 0958")
    assert _phones("https://boulangerie-dupont.fr/contact.html", "GB", british) == [
        "+442079460958"]


def readme_config() -> str:
    """The example configuration of README's "Configuration" section, as a user copies it."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Configuration"):]
    block = section[section.index("```toml\n") + len("```toml\n"):]
    return block[:block.index("```")]


def test_the_readme_config_on_a_french_site_finds_its_number_and_warns(
        cli: Cli, tmp_path: Path) -> None:
    config = readme_config()
    assert 'region = "GB"' in config and 'legal = "off"' in config  # the traps of issue 13
    (tmp_path / "contactable.toml").write_text(config, encoding="utf-8")
    run = cli(str(FRENCH), "--format", "json,html,md,junit,sarif", cwd=tmp_path)
    assert run.code in (0, 1), run.stderr  # fail_under = 80 may fail it: that is an answer
    report = run.report
    jsonschema.validate(report, report_schema())
    assert [p["value"] for p in report["contacts"]["phones"]] == ["+33478421030"]
    status = {c["id"]: c["status"] for c in report["checks"]}
    assert status["phone.found"] == "pass"
    # [detectors] legal = "off": the legal checks cannot judge, so they are not applicable.
    legal = {i: s for i, s in status.items() if i.startswith("legal.")}
    assert legal and set(legal.values()) == {"not_applicable"}, legal
    summary = next(c["summary"] for c in report["checks"] if c["id"] == "legal.imprint_link")
    assert "'legal' detector" in summary and "[detectors]" in summary
    # region = "GB" on a French site: said in the report, in every format and the terminal.
    [note] = report["notes"]
    assert (note["id"], note["configured"], note["found"]) == ("config.region", "GB", "FR")
    assert 'set region = "FR"' in note["text"]
    start = "region is set to GB, but this site looks French (FR"
    for name in ("report.html", "report.md", "report.junit.xml", "report.sarif"):
        assert start in (run.out / name).read_text(encoding="utf-8"), name
    assert start in " ".join(run.stdout.split())
    sarif = json.loads((run.out / "report.sarif").read_text(encoding="utf-8"))
    [told] = sarif["runs"][0]["invocations"][0]["toolConfigurationNotifications"]
    assert told["level"] == "warning" and start in told["message"]["text"]


def test_a_region_that_matches_the_site_says_nothing(cli: Cli, tmp_path: Path) -> None:
    run = cli(str(FRENCH), "--region", "FR", "--format", "json", "--quiet")
    assert run.code == 0, run.stderr
    assert "notes" not in run.report
    assert [p["value"] for p in run.report["contacts"]["phones"]] == ["+33478421030"]


def test_every_check_names_the_detectors_it_reads() -> None:
    from checks.rules.meta import rules
    from plugins.registry import GROUPS, load_registry

    registry = load_registry([], GROUPS)
    for ident, rule in rules().items():
        assert rule["detectors"], ident
        assert set(rule["detectors"]) <= set(registry.detectors), ident
        assert registry.checks[ident].meta.detectors == tuple(rule["detectors"])


def test_a_detector_off_makes_its_checks_not_applicable_never_failed() -> None:
    from checks.model import SiteModel
    from contactable.pipeline import run_checks
    from plugins.registry import GROUPS, load_registry

    registry = load_registry([], GROUPS)
    site = SiteModel.build("https://a.test/", "https://a.test/", [])  # nothing found
    on = {m.id: r.status for m, r in run_checks(site, registry)}
    off = {m.id: r for m, r in run_checks(site, registry, detectors_off=["phones"])}
    assert on["phone.found"] == "fail"
    for ident in ("phone.found", "phone.tel_link", "findability.clicks_to_contact",
                  "channels.diversity"):
        assert off[ident].status == "not_applicable", ident
        assert "'phones' detector" in off[ident].summary
    assert off["email.visible"].status == on["email.visible"] == "fail"  # emails still judged


def test_only_a_region_the_user_set_is_read_as_a_mere_default() -> None:
    # The home page's inferred country is the site's; only --region may be wrong for it (and
    # only then are the countries the page names tried for each number).
    from contactable.pipeline import PageFacts
    from crawler.page import Page
    from plugins.registry import GROUPS, load_registry

    home = Page.from_html("https://boulangerie-dupont.fr/",
                          (FRENCH / "contact.html").read_text(encoding="utf-8"))
    for region, configured in ((None, False), ("GB", True)):
        facts = PageFacts(load_registry([], GROUPS), start_url=home.url, region=region)
        facts(home)
        phones = next(d for d in facts.detectors if d.id == "phones")
        assert phones.configured is configured
