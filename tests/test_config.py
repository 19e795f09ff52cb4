"""Configuration files, flags winning over them, per-check levels and re-scoring a saved crawl."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from contactable.config import Config, ConfigError, level_of, load, parse

DEMO = Path(__file__).resolve().parents[1] / "contactable" / "demo_site"


def test_parse_reads_every_key() -> None:
    cfg = parse({
        "region": "gb", "legal_profile": "de", "max_pages": 40, "max_depth": 2,
        "concurrency": 3, "delay": 0.5, "ignore_robots": True, "sitemaps": False,
        "format": "json, MD", "out": "r", "fail_under": 70, "plugins": ["m:C"],
        "checks": {"phone.tel_link": "ERROR", "legal": "off"},
        "weights": {"structured_data": 0, "phone.tel_link": 2},
    }, "x.toml")
    assert (cfg.region, cfg.legal_profile, cfg.max_pages, cfg.max_depth) == ("GB", "DE", 40, 2)
    assert (cfg.concurrency, cfg.delay, cfg.ignore_robots, cfg.sitemaps) == (3, 0.5, True, False)
    assert (cfg.format, cfg.out, cfg.fail_under, cfg.plugins) == (["json", "md"], "r", 70, ["m:C"])
    assert cfg.checks == {"phone.tel_link": "error", "legal": "off"}
    assert cfg.weights == {"structured_data": 0, "phone.tel_link": 2}


@pytest.mark.parametrize(("data", "message"), [
    ({"max_page": 5}, "unknown key 'max_page'"),
    ({"max_pages": 0}, "max_pages: 0 must be at least 1"),
    ({"max_pages": True}, "max_pages: True is not a whole number"),
    ({"workers": 2}, "workers was removed: contactable reads every page in one process; "
                     "drop the key"),
    ({"region": "Britain"}, "region: 'Britain' is not a two-letter country code"),
    ({"region": "XX"}, "region: 'XX' is not a two-letter country code"),
    ({"legal_profile": "US"}, "legal_profile: 'US' is not one of auto, EU, DE, UK, none"),
    ({"fail_under": 101}, "fail_under: 101 is not a score between 0 and 100"),
    ({"checks": {"email.visible": "fatal"}}, "checks.email.visible: 'fatal' is not one of error"),
    ({"checks": ["email.visible"]}, "[checks] must be a table"),
    ({"weights": {"email": -1}}, "weights.email: -1 is not a weight"),
    ({"format": 3}, "format: 3 is not a list of names"),
    ({"delay": -1}, "delay: -1 must be 0 seconds or more"),
])
def test_bad_values_name_the_key(data: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError, match=None) as err:
        parse(data, "contactable.toml")
    assert message in str(err.value) and str(err.value).startswith("contactable.toml: ")


def test_contactable_toml_wins_over_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.contactable]\nmax_pages = 7\n")
    assert load(cwd=tmp_path).max_pages == 7
    (tmp_path / "contactable.toml").write_text("max_pages = 9\n")
    assert load(cwd=tmp_path).max_pages == 9
    assert load(tmp_path / "pyproject.toml").max_pages == 7


def test_no_file_and_bad_files(tmp_path: Path) -> None:
    assert load(cwd=tmp_path) == Config()
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert load(cwd=tmp_path) == Config()
    with pytest.raises(ConfigError, match="not found"):
        load(tmp_path / "missing.toml")
    bad = tmp_path / "contactable.toml"
    bad.write_text("max_pages = = 3\n")
    with pytest.raises(ConfigError, match="is not valid TOML"):
        load(cwd=tmp_path)


def test_level_of_prefers_the_check_over_its_category() -> None:
    levels = {"legal": "off", "legal.vat_id": "error"}
    assert level_of(levels, "legal.vat_id") == "error"
    assert level_of(levels, "legal.register") == "off"
    assert level_of(levels, "email.visible") is None


Cli = Callable[..., Any]


def test_config_file_in_the_working_folder_drives_the_audit(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "contactable.toml").write_text(
        'format = ["json"]\nmax_pages = 3\n[checks]\n"legal" = "off"\n'
        '"reassurance.response_promise" = "error"\n[weights]\nstructured_data = 0\n')
    run = cli(str(DEMO), cwd=tmp_path)
    report = json.loads((run.out / "report.json").read_text())
    assert report["site"]["pages_crawled"] == 3 and not report["site"]["complete"]
    assert not (run.out / "report.html").exists()
    assert not [c for c in report["checks"] if c["category"] == "legal"]
    weights = {c["id"]: c["weight"] for c in report["categories"]}
    assert weights["structured_data"] == 0
    # Three pages hold no reply promise: that check fails, and its level "error" ends in exit 1.
    promise = next(c for c in report["checks"] if c["id"] == "reassurance.response_promise")
    assert promise["status"] == "fail"
    assert run.code == 1
    assert "contactable: assertion failed: reassurance.response_promise failed" in run.stderr
    # A flag wins over the file.
    run = cli(str(DEMO), "--max-pages", "5", cwd=tmp_path, out=tmp_path / "o2")
    assert json.loads((tmp_path / "o2" / "report.json").read_text())["site"]["pages_crawled"] == 5


def test_a_check_at_level_error_fails_the_run_with_one_line_per_failure(
        cli: Cli, tmp_path: Path) -> None:
    empty = tmp_path / "site"
    empty.mkdir()
    (empty / "index.html").write_text("<html><body><h1>Hello</h1><p>Nothing here.</p></body>"
                                      "</html>")
    run = cli(str(empty), "--check", "email.visible=error", "--check", "phone.found=warn")
    assert run.code == 1
    lines = run.stderr.strip().splitlines()
    assert "contactable: assertion failed: email.visible failed: " in run.stderr
    assert "contactable: warning: phone.found failed: " in run.stderr
    assert all("Traceback" not in line for line in lines)
    run = cli(str(empty), "--check", "email.visible=off", out=tmp_path / "o")
    assert run.code == 0
    report = json.loads((tmp_path / "o" / "report.json").read_text())
    assert "email.visible" not in {c["id"] for c in report["checks"]}


@pytest.mark.parametrize(("args", "message"), [
    (["--check", "email.visibl=error"], "unknown check or category 'email.visibl'"),
    (["--check", "email.visible"], "is not ID=LEVEL"),
    (["--legal-profile", "FR"], "is not one of auto, EU, DE, UK, none"),
    (["--config", "nope.toml"], "config file nope.toml not found"),
    (["--workers", "2"], "--workers was removed: contactable reads every page in one process; "
                         "drop the option"),
    (["--workers=0"], "--workers was removed"),
    (["--workers"], "--workers was removed"),
])
def test_bad_levels_and_profiles_are_one_line_errors(cli: Cli, args: list[str],
                                                     message: str, tmp_path: Path) -> None:
    run = cli(str(DEMO), *args, cwd=tmp_path)
    assert run.code == 2
    assert message in run.stderr and len(run.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("where", ["contactable.toml", "pyproject.toml"])
def test_the_removed_workers_key_is_a_one_line_error(cli: Cli, tmp_path: Path,
                                                     where: str) -> None:
    table = "[tool.contactable]\n" if where == "pyproject.toml" else ""
    (tmp_path / where).write_text(f"{table}max_pages = 5\nworkers = 2\n")
    run = cli(str(DEMO), cwd=tmp_path)
    assert run.code == 2
    assert run.stderr.strip().splitlines() == [
        f"contactable: error: {where}{' [tool.contactable]' if table else ''}: workers was "
        "removed: contactable reads every page in one process; drop the key"]


def test_a_saved_crawl_is_rescored_without_the_network(cli: Cli, tmp_path: Path) -> None:
    saved = tmp_path / "crawl.json"
    first = cli(str(DEMO), "--save-crawl", str(saved), "--format", "json", cwd=tmp_path)
    assert first.code == 0
    before = json.loads((first.out / "report.json").read_text())
    again = cli("--from-crawl", str(saved), "--format", "json", cwd=tmp_path,
                out=tmp_path / "again")
    assert again.code == 0
    after = json.loads((tmp_path / "again" / "report.json").read_text())
    assert after["score"] == before["score"]
    assert [(c["id"], c["status"]) for c in after["checks"]] == \
        [(c["id"], c["status"]) for c in before["checks"]]
    assert after["contacts"]["emails"] == before["contacts"]["emails"]
    # Re-weighting while re-scoring changes the score, not the facts.
    tuned = cli("--from-crawl", str(saved), "--format", "json", "--check", "phone=off",
                cwd=tmp_path, out=tmp_path / "tuned")
    report = json.loads((tmp_path / "tuned" / "report.json").read_text())
    assert tuned.code == 0 and not [c for c in report["checks"] if c["category"] == "phone"]


@pytest.mark.parametrize(("content", "message"), [
    (None, "not found: make one with --save-crawl FILE"),
    ("{}", "is not a crawl saved by --save-crawl"),
    ("not json", "is not a crawl saved by --save-crawl"),
])
def test_bad_saved_crawls(cli: Cli, tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "crawl.json"
    if content is not None:
        path.write_text(content)
    run = cli("--from-crawl", str(path), cwd=tmp_path)
    assert run.code == 2 and message in run.stderr and "Traceback" not in run.stderr
    run = cli(str(DEMO), "--from-crawl", str(path), cwd=tmp_path)
    assert run.code == 2 and "not both" in run.stderr


# Issue 13: the file accepted region = "XX" while --region XX was refused. Every key that has a
# flag is now checked by the flag's own validator: the same value is refused in the same words.
@pytest.mark.parametrize(("key", "flag", "value"), [
    ("region", "--region", "XX"),
    ("region", "--region", "Britain"),
    ("legal_profile", "--legal-profile", "FR"),
    ("max_pages", "--max-pages", "0"),
    ("max_pages", "--max-pages", "lots"),
    ("max_depth", "--max-depth", "-1"),
    ("concurrency", "--concurrency", "0"),
    ("delay", "--delay", "-2"),
    ("wait_for", "--wait-for", "100000"),
    ("fail_under", "--fail-under", "101"),
    ("preset", "--preset", "lenient"),
    ("fail_on", "--fail-on", "anything"),
    ("format", "--format", ","),
])
def test_the_file_refuses_what_the_flag_refuses_in_the_same_words(
        key: str, flag: str, value: str, capsys: pytest.CaptureFixture[str]) -> None:
    from contactable.options import audit_parser

    with pytest.raises(SystemExit) as stop:
        audit_parser().parse_args(["https://example.com", flag, value])
    assert stop.value.code == 2
    said_by_flag = capsys.readouterr().err.strip()
    assert said_by_flag.startswith(f"contactable: error: argument {flag}: ")
    reason = said_by_flag.removeprefix(f"contactable: error: argument {flag}: ")
    reason = reason.removesuffix(" (see: contactable --help)")
    # The file holds the value as TOML would: a number where it reads as one.
    toml_value: Any = value
    for kind in (int, float):
        try:
            toml_value = kind(value)
            break
        except ValueError:
            continue
    with pytest.raises(ConfigError) as err:
        parse({key: toml_value}, "contactable.toml")
    said_by_file = str(err.value).removeprefix(f"contactable.toml: {key}: ")
    # repr() of a TOML number has no quotes; the words after it are the flag's.
    assert said_by_file.replace(repr(toml_value), repr(value)) == reason


def test_region_xx_in_the_file_is_refused_as_the_flag_is(cli: Cli, tmp_path: Path) -> None:
    by_flag = cli(str(DEMO), "--region", "XX", cwd=tmp_path)
    (tmp_path / "contactable.toml").write_text('region = "XX"\n')
    by_file = cli(str(DEMO), cwd=tmp_path)
    assert by_flag.code == by_file.code == 2
    assert by_file.stderr.strip().splitlines() == [
        "contactable: error: contactable.toml: region: 'XX' is not a two-letter country code "
        "such as GB, US, DE"]
    assert "argument --region: 'XX' is not a two-letter country code such as GB, US, DE" \
        in by_flag.stderr
    assert not (tmp_path / "out").exists()
