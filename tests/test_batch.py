"""``contactable batch``: real audits of sites served on 127.0.0.1, one process each."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import lxml.html

DEMO = Path(__file__).resolve().parents[1] / "contactable" / "demo_site"
HOSTILE = Path(__file__).resolve().parent / "sites" / "hostile"


def _index(out: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((out / "index.json").read_text("utf-8"))
    return data


def test_a_batch_audits_every_listed_site_and_compares_them(
        tmp_path: Path, serve: Callable[..., Any], cli: Callable[..., Any]) -> None:
    served = serve(DEMO)
    folder = shutil.copytree(DEMO, tmp_path / "bakery")
    listing = tmp_path / "sites.txt"
    # As a spreadsheet saves it: a byte-order mark, comments, a folder beside the list, the
    # same site twice.
    listing.write_text(f"\ufeff# our clients\n\n{served.url}   # the bakery\n  bakery  \n"
                       f"http://127.0.0.1:9/\n{served.url}\n", "utf-8")
    out = tmp_path / "batch"
    run = cli("batch", str(listing), "--max-pages", "20", "--format", "md", out=out,
              cwd=tmp_path.parent)
    assert run.code == 3, run.stderr  # one site could not be audited: the others still were
    sites = _index(out)["sites"]
    assert [s["target"] for s in sites] == [served.url, str(folder), "http://127.0.0.1:9/",
                                            served.url]
    assert [s["status"] for s in sites] == ["audited", "audited", "not audited",
                                            "listed twice: see #1"]
    assert sites[0]["folder"] == "01-127.0.0.1-" + served.url.split(":")[-1].strip("/")
    assert sites[1]["folder"] == "02-bakery"
    for s in sites[:2]:
        report = json.loads((out / s["folder"] / "report.json").read_text("utf-8"))
        assert (s["score"], s["grade"], s["pages_crawled"]) == (
            report["score"], report["grade"], report["site"]["pages_crawled"])
        assert s["weakest"] and s["exit_code"] == 0
        # What to fix first, as the site's report orders it: failures before warnings.
        status = {c["title"]: c["status"] for c in report["checks"]}
        order = ["fail", "error", "warn"]
        ranks = [order.index(status[title]) for title in s["weakest"]]
        assert ranks == sorted(ranks)
        if any(c["status"] == "fail" for c in report["checks"]):
            assert status[s["weakest"][0]] == "fail"
        # The four questions, as the site's own report answers them (the demo has them all).
        assert set(s["found"]) == {"email", "phone", "person", "reassurance"}
        assert all(a["found"] and a["clicks"] is not None for a in s["found"].values())
        assert (out / s["folder"] / "report.md").is_file()  # the asked formats, and json
    assert "refused the connection" in sites[2]["error"]
    assert sites[2]["score"] is None and not (out / sites[2]["folder"] / "report.json").exists()
    assert "[3/3] http://127.0.0.1:9/  not audited" in run.stderr
    assert "2 audited, 1 not audited, 1 listed twice; index:" in run.stderr
    page = lxml.html.fromstring((out / "index.html").read_text("utf-8"))
    links = [a.get("href") for a in page.find(".//tbody").iter("a")]
    assert links == [f"{s['folder']}/report.md" for s in sites[:2]]  # no html was asked for
    assert len(page.findall(".//tbody/tr")) == 4
    first = page.findall(".//tbody/tr")[0]
    # Every answer with its label, at every width.
    assert [(dt.text_content(), dd.text_content().strip()) for dt, dd in zip(
        first.iter("dt"), first.iter("dd"), strict=True)] == [
        ("Email", "✓ on the start page"), ("Phone", "✓ on the start page"),
        ("Named person", "✓ 1 click away"), ("Told someone answers", "✓ 1 click away")]


def test_a_batch_fails_when_a_site_fails_an_assertion(
        tmp_path: Path, serve: Callable[..., Any], cli: Callable[..., Any]) -> None:
    served = serve(DEMO)
    listing = tmp_path / "sites.txt"
    listing.write_text(f"{served.url}\n", "utf-8")
    out = tmp_path / "batch"
    run = cli("batch", str(listing), "--max-pages", "20", "--fail-under", "99", out=out)
    assert run.code == 1, run.stderr
    (site,) = _index(out)["sites"]
    assert site["status"] == "failed an assertion" and site["score"] < 99
    page = lxml.html.fromstring((out / "index.html").read_text("utf-8"))
    links = [a.get("href") for a in page.find(".//tbody").iter("a")]
    assert links == [f"{site['folder']}/report.html"]


def test_the_index_escapes_what_it_shows(
        tmp_path: Path, serve: Callable[..., Any], cli: Callable[..., Any]) -> None:
    served = serve(HOSTILE)
    listing = tmp_path / "sites.txt"
    hostile_line = "http://127.0.0.1:9/<script>alert(1)</script>"
    listing.write_text(f"{served.url}\n{hostile_line}\n", "utf-8")
    out = tmp_path / "batch"
    cli("batch", str(listing), "--max-pages", "30", "--jobs", "2", out=out)
    text = (out / "index.html").read_text("utf-8")
    page = lxml.html.fromstring(text)
    assert page.findall(".//script") == [] and "<script>" not in text
    assert hostile_line in page.text_content()  # shown, as text
    assert "script-src" not in text and "default-src 'none'" in text


def test_bad_batch_input_is_one_line(tmp_path: Path, cli: Callable[..., Any]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing yet\n\n", "utf-8")
    listing = tmp_path / "sites.txt"
    listing.write_text("http://127.0.0.1:9/\n", "utf-8")
    for args, words in [
        ((str(tmp_path / "missing.txt"),), "does not exist"),
        ((str(empty),), "lists no site"),
        ((str(listing), "--baseline", "old.json"), "--baseline names one site's file"),
        ((str(listing), "--max-pages", "0"), "--max-pages"),
        ((str(listing), "--jobs", "0"), "--jobs"),
        ((str(tmp_path),), "is a folder"),
        ((str(listing), "--out", "-"), "give batch a folder"),
        ((str(listing), "--config", str(tmp_path / "nope.toml")), "nope.toml"),
        ((str(listing), "--check", "no.such.check=error"), "no.such.check"),
    ]:
        run = cli("batch", *args, *(() if "--out" in args else ("--out", str(tmp_path / "o"))))
        assert run.code == 2, (args, run.stderr)
        assert words in run.stderr and "Traceback" not in run.stderr
        assert len(run.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "o" / "index.json").exists()


def test_each_site_writes_report_json_beside_the_formats_asked_for(tmp_path: Path) -> None:
    from contactable.batch import check_options

    config = tmp_path / "contactable.toml"
    config.write_text('format = ["md"]\n', "utf-8")
    assert check_options(["--config", str(config)]).args[-2:] == ["--format", "json,md"]
    assert check_options(["--config", str(config), "--format", "sarif"]).args[-1] == "json,sarif"
    config.write_text("max_pages = 5\n", "utf-8")
    assert check_options(["--config", str(config)]).args[-2:] == ["--format", "json,html"]
