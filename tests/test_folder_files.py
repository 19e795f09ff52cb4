"""Folder audits speak of files (issue 12): every report of a folder audit names and opens the
folder's files, never the loopback URL that served them; a remote audit stays as it was."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest
from lxml import html as lxml_html

from contactable.folder_files import locate, repository_folder
from crawler.local import served_file
from reports.json_report import schema
from tests.conftest import SITES, Run, Served
from tests.test_formats import parse_sarif, sarif_validator  # noqa: F401 (its fixture)

# plaintext: a phone as plain text (phone.tel_link warns) on contact/index.html, a folder page.
SITE = "plaintext"


def _holds(text: str, ev: dict[str, Any]) -> bool:
    """The evidence's value starts ``text`` (its line from the region's column): as written,
    or a link by its target, a phone by its digits, the page itself (a form) by its tag."""
    value = str(ev.get("value") or "")
    if value == ev["url"]:
        return text.startswith("<")
    if value.startswith("http"):
        return urlsplit(value).path in text
    if re.fullmatch(r"\+\d+", value):
        return value[-6:] in re.sub(r"\D", "", text)
    return text.lower().startswith(value.lower().split("(")[0].strip()[:20])


@pytest.fixture
def folder_run(cli: Callable[..., Run], tmp_path: Path) -> tuple[Path, Run]:
    """A folder audit of a copy of the fixture in a fresh git work tree, the report written
    away from the folder (``out/report``)."""
    repo = tmp_path / "repo"
    shutil.copytree(SITES / SITE, repo / "public")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    run = cli(str(repo / "public"), "--format", "json,html,md,sarif",
              out=tmp_path / "out" / "report")
    assert run.code == 0, run.stderr
    return repo, run


def test_a_folder_audit_names_files_in_every_format(
        folder_run: tuple[Path, Run], request: pytest.FixtureRequest) -> None:
    validator = request.getfixturevalue("sarif_validator")
    repo, run = folder_run
    report = run.report
    jsonschema.validate(report, schema())
    # JSON keeps the served URL and adds the file beside it.
    pages = {p["path"]: p for p in report["pages"]}
    assert {"index.html", "contact/index.html"} <= set(pages)
    assert pages["contact/index.html"]["url"].startswith("http://127.0.0.1:")
    assert report["site"]["folder_in_repo"] == "public"
    for email in report["contacts"]["emails"]:
        assert all(p["path"] for p in email["pages"])
    # Advice names the file, not the temporary URL; so do the HTML and the Markdown.
    texts = json.dumps([[c["summary"], c.get("recommendation")] for c in report["checks"]])
    assert "127.0.0.1" not in texts
    [org] = [c for c in report["checks"] if c["id"] == "structured_data.organization"]
    assert "JSON-LD to index.html with" in org["recommendation"]
    md = (run.out / "report.md").read_text("utf-8")
    assert "127.0.0.1" not in md and md.startswith("## contactable: ")
    page = (run.out / "report.html").read_text("utf-8")
    assert "127.0.0.1" not in page
    hrefs = [a.get("href") for a in lxml_html.fromstring(page).iter("a")]
    files = [h for h in hrefs if h and not h.startswith(("#", "http://", "https://"))]
    assert len(files) > 10
    for h in files:  # each link opens an existing file from where the report is
        assert (run.out / unquote(h)).resolve().is_file(), h
    assert {(run.out / unquote(h)).resolve() for h in files} >= {
        (repo / "public" / "contact" / "index.html").resolve()}
    # SARIF: files relative to the repository's root, each region on the evidence's line.
    run_ = parse_sarif((run.out / "report.sarif").read_text("utf-8"), validator)["runs"][0]
    assert run_["results"]
    evidence = {(e["path"], e.get("line")): e for c in report["checks"]
                for e in c["evidence"] if e.get("path")}
    located = 0
    for result in run_["results"]:
        for loc in result["locations"]:
            phys = loc["physicalLocation"]
            uri = phys["artifactLocation"]["uri"]
            assert uri.startswith("public/") and "://" not in uri, uri
            assert (repo / unquote(uri)).is_file()
            assert "region" in phys, result  # every result points somewhere in its file
            line = phys["region"]["startLine"]
            if "message" not in loc:  # nothing on a page to point at: the start page's top
                assert line == 1, result
                continue
            text = (repo / unquote(uri)).read_text("utf-8").splitlines()[line - 1]
            ev = evidence[(uri.removeprefix("public/"), line)]
            # The evidence itself, or, for a value that is not page text, its element.
            assert _holds(text[phys["region"]["startColumn"] - 1:], ev) or \
                text[phys["region"]["startColumn"] - 1:].startswith("<"), (uri, line, ev)
            located += 1
    assert located
    # The check the fixture exists for: the plain-text phone, found in its file.
    [tel] = [r for r in run_["results"] if r["ruleId"] == "phone.tel_link"]
    region = tel["locations"][0]["physicalLocation"]["region"]
    assert tel["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "public/contact/index.html"
    line = (repo / "public/contact/index.html").read_text("utf-8").splitlines()[
        region["startLine"] - 1]
    assert line[region["startColumn"] - 1:].startswith("+44 117 496 0123")


def test_outside_a_repository_sarif_paths_are_the_folders_own(
        cli: Callable[..., Run], tmp_path: Path, request: pytest.FixtureRequest) -> None:
    validator = request.getfixturevalue("sarif_validator")
    folder = tmp_path / "site"
    shutil.copytree(SITES / SITE, folder)
    if repository_folder(folder) is not None:
        pytest.skip("the temporary folder is inside a git work tree")
    run = cli(str(folder), "--format", "json,sarif")
    assert run.code == 0, run.stderr
    assert "folder_in_repo" not in run.report["site"]
    log = parse_sarif((run.out / "report.sarif").read_text("utf-8"), validator)
    run_ = log["runs"][0]
    assert run_["originalUriBaseIds"]["SITEROOT"]["uri"] == folder.as_uri() + "/"
    for result in run_["results"]:
        for loc in result["locations"]:
            art = loc["physicalLocation"]["artifactLocation"]
            assert art["uriBaseId"] == "SITEROOT" and (folder / unquote(art["uri"])).is_file()


def test_a_remote_audit_is_unchanged(serve: Callable[..., Served],
                                     cli: Callable[..., Run]) -> None:
    served = serve(SITES / SITE)
    run = cli(served.url, "--format", "json,html,sarif")
    assert run.code == 0, run.stderr
    text = (run.out / "report.json").read_text("utf-8")
    assert '"path"' not in text and '"line"' not in text
    page = (run.out / "report.html").read_text("utf-8")
    assert f'href="{served.url}contact/"' in page
    sarif = json.loads((run.out / "report.sarif").read_text("utf-8"))
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"]
            for r in sarif["runs"][0]["results"] for loc in r["locations"]}
    assert uris and all(u.startswith(served.url) for u in uris)
    assert all("region" not in loc["physicalLocation"]
               for r in sarif["runs"][0]["results"] for loc in r["locations"])


def test_served_file_follows_the_server(tmp_path: Path) -> None:
    (tmp_path / "about").mkdir()
    (tmp_path / "about" / "index.html").write_text("x")
    (tmp_path / "a b.html").write_text("x")
    root = "http://127.0.0.1:9/"
    assert served_file(tmp_path, root, root) is None  # no index.html, no 404.html
    assert served_file(tmp_path, root, root + "about/") == "about/index.html"
    assert served_file(tmp_path, root, root + "a%20b.html") == "a b.html"
    assert served_file(tmp_path, root, root + "../../etc/passwd") is None
    (tmp_path / "404.html").write_text("lost")
    assert served_file(tmp_path, root, root + "gone.html") == "404.html"


def test_evidence_is_located_or_not_at_all() -> None:
    source = ('<html><head><script type="application/ld+json">{"telephone": "+441132460958"}'
              '</script></head>\n<body><p>Ann Lee.\n<a href="tel:+441132460958">0113 246 0958'
              '</a></p>\n<p>We&nbsp;reply within\n <b>one</b> day.</p></body></html>')
    assert locate(source, "Ann Lee") == (2, 10)
    assert locate(source, "We reply within one day.") == (4, 4)
    # After the element (line 3), not in the JSON-LD above it.
    assert locate(source, "+441132460958", element_line=3) == (3, 14)
    assert locate(source, "Anne Lee") is None and locate(source, "nn Lee") is None
    # A value that is not the page's text is placed at its element, and nowhere without one.
    assert locate(source, "+441132460959", element_line=3) == (3, 1)
    assert locate(source, "+441132460959") is None
