"""Issue 13: configuration that cannot silently lie. Each test here failed on the code before
the fix: an unwritable ``--out`` found only after the crawl, an empty folder that "answered
HTTP 404", ``[detectors] legal = "off"`` failing the legal checks, and ``region = "GB"`` on a
French site finding no phone number."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

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
