"""End to end: a real Scrapy crawl (in a subprocess) of fixture sites served on 127.0.0.1."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from reports.json_report import schema
from reports.markdown_report import md_escape
from tests.conftest import SITES, Run, Served, redirect, respond


def _sitemap(served_url: str, paths: list[str]) -> Callable[[Any], None]:
    urls = "".join(f"<url><loc>{served_url}{p}</loc></url>" for p in paths)
    body = ('<?xml version="1.0" encoding="UTF-8"?><urlset '
            f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>').encode()
    return respond(body, "application/xml")


@pytest.fixture
def shop(serve: Callable[..., Served]) -> Served:
    routes: dict[str, Callable[[Any], None]] = {"/old-page": redirect("/about.html")}
    served = serve(SITES / "shop", routes)
    routes["/sitemap.xml"] = _sitemap(served.url, ["hidden-offer.html", "about.html"])
    return served


@pytest.fixture
def shop_run(shop: Served, cli: Callable[..., Run]) -> tuple[Served, Run]:
    return shop, cli(shop.url, "--region", "GB")


def _by_path(report: dict[str, Any], base: str) -> dict[str, dict[str, Any]]:
    return {p["url"].removeprefix(base): p for p in report["pages"]}


def test_report_matches_the_published_schema(shop_run: tuple[Served, Run]) -> None:
    _, run = shop_run
    assert run.code == 0, run.stderr
    jsonschema.validate(run.report, schema())
    assert (run.out / "report.html").exists()


def test_click_depth_is_the_shortest_path_in_the_link_graph(
        shop_run: tuple[Served, Run]) -> None:
    shop, run = shop_run
    pages = _by_path(run.report, shop.url)
    # contact.html is reached first via services > deep1 > deep2 only if Scrapy's order says so;
    # the BFS over recorded links must give the shortest path: home > about > contact.
    assert pages["contact.html"]["depth"] == 2
    assert pages["deep2.html"]["depth"] == 3
    assert pages[""]["depth"] == 0
    emails = {e["value"]: e for e in run.report["contacts"]["emails"]}
    assert emails["hello@shop-fixture.co.uk"]["min_depth"] == 2
    assert emails["hello@shop-fixture.co.uk"]["method"] == "mailto"
    assert emails["jo@shop-fixture.co.uk"]["method"] == "text"
    phones = {p["value"]: p for p in run.report["contacts"]["phones"]}
    assert phones["+442079460958"]["method"] == "tel"
    assert phones["+442079460958"]["min_depth"] == 2


def test_crawl_records_errors_redirects_and_respects_robots(
        shop_run: tuple[Served, Run]) -> None:
    shop, run = shop_run
    pages = _by_path(run.report, shop.url)
    assert pages["missing.html"]["status"] == 404
    assert "old-page" not in pages  # the redirect target is recorded instead
    assert "about.html" in pages
    assert not any(p.startswith("private/") for p in pages)
    assert "/private/secret.html" not in shop.requests
    assert "brochure.pdf" not in pages
    assert not any("secret@" in e["value"] for e in run.report["contacts"]["emails"])


def test_sitemap_only_pages_are_crawled_and_marked_not_linked(
        shop_run: tuple[Served, Run]) -> None:
    shop, run = shop_run
    pages = _by_path(run.report, shop.url)
    assert pages["hidden-offer.html"]["depth"] is None
    assert pages["hidden-offer.html"]["linked"] is False
    offer = [p for p in run.report["contacts"]["phones"] if p["value"] == "+442079460123"]
    assert offer and offer[0]["min_depth"] is None


def test_home_page_fetched_once(shop_run: tuple[Served, Run]) -> None:
    shop, _ = shop_run
    assert shop.requests.count("/") == 1


def test_max_pages_caps_the_crawl_and_still_writes_the_report(
        shop: Served, cli: Callable[..., Run]) -> None:
    run = cli(shop.url, "--max-pages", "2")
    assert run.code == 0, run.stderr
    site = run.report["site"]
    assert site["complete"] is False
    assert site["stop_reason"] == "max_pages"
    assert site["pages_crawled"] == 2
    assert "stopped early" in (run.out / "report.html").read_text("utf-8")


def test_max_depth_marks_the_report_incomplete(shop: Served, cli: Callable[..., Run]) -> None:
    run = cli(shop.url, "--max-depth", "1")
    assert run.code == 0, run.stderr
    depths = [p["depth"] for p in run.report["pages"] if p["depth"] is not None]
    assert max(depths) == 1
    assert run.report["site"]["stop_reason"] == "max_depth"


def test_a_local_folder_is_served_and_audited(cli: Callable[..., Run]) -> None:
    run = cli(str(SITES / "shop"), "--format", "json,html,md,junit")
    assert run.code == 0, run.stderr
    assert run.report["site"]["start_url"].startswith("http://127.0.0.1:")
    values = {e["value"] for e in run.report["contacts"]["emails"]}
    assert "hello@shop-fixture.co.uk" in values
    # Named by its folder, not by the random port it was served on.
    assert run.report["site"]["folder"] == str(SITES / "shop")
    jsonschema.validate(run.report, schema())
    html = (run.out / "report.html").read_text("utf-8")
    assert "<title>Contact audit: shop (" in html and "Audit of the folder" in html
    assert (run.out / "report.md").read_text("utf-8").startswith(
        f"## contactable: {md_escape(str(SITES / 'shop'), 200)}")
    assert f'name="contactable {SITES / "shop"}"' in (run.out / "report.junit.xml").read_text()
    assert f"{SITES / 'shop'}: score" in " ".join(run.stdout.split())


def test_fail_under_and_baseline_exit_1_with_a_reason(
        shop: Served, cli: Callable[..., Run], tmp_path: Path) -> None:
    run = cli(shop.url, "--fail-under", "100")
    assert run.code == 1
    assert "below --fail-under 100" in run.stderr
    # A real report of the site as baseline (a bare {"score": ...} is no report: exit 2).
    base = tmp_path / "base.json"
    base.write_text(json.dumps({**run.report, "score": 100.0}))
    run = cli(shop.url, "--baseline", str(base))
    assert run.code == 1 and "lower than the baseline" in run.stderr


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["http://127.0.0.1:9/"], 3, "refused the connection"),
        (["ftp://acme.test/"], 2, "unsupported scheme"),
        (["not a url"], 2, "not a valid URL"),
        (["./no/such/folder"], 2, "no such folder"),
        (["https://acme.test/", "--max-pages", "0"], 2, "at least 1"),
        (["https://acme.test/", "--region", "XX"], 2, "two-letter country code"),
        (["https://acme.test/", "--format", "pdf"], 2, "unknown format"),
        (["https://acme.test/", "--plugin", "nope"], 2, "module:Name"),
    ],
)
def test_bad_input_is_one_line_and_an_exit_code(
        cli: Callable[..., Run], args: list[str], code: int, message: str) -> None:
    run = cli(*args, timeout=60)
    assert run.code == code, run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert message in lines[0]
    assert "Traceback" not in run.stderr


def test_non_html_start_page_cannot_be_audited(
        serve: Callable[..., Served], cli: Callable[..., Run], tmp_path: Path) -> None:
    served = serve(tmp_path, {"/": respond(b"%PDF-1.4", "application/pdf")})
    run = cli(served.url)
    assert run.code == 3
    assert "not HTML" in run.stderr and "Traceback" not in run.stderr


def test_robots_forbidding_everything(
        serve: Callable[..., Served], cli: Callable[..., Run]) -> None:
    served = serve(SITES / "shop", {
        "/robots.txt": respond(b"User-agent: *\nDisallow: /\n", "text/plain")})
    run = cli(served.url)
    assert run.code == 3
    assert "robots.txt" in run.stderr and "--ignore-robots" in run.stderr
    run = cli(served.url, "--ignore-robots")
    assert run.code == 0, run.stderr


def test_the_user_agent_names_the_tool_and_its_version(
        serve: Callable[..., Served], cli: Callable[..., Run]) -> None:
    from contactable import __version__

    agents: list[str] = []

    def robots(h: Any) -> None:
        agents.append(h.headers.get("User-Agent", ""))
        respond(b"", "text/plain", 404)(h)

    served = serve(SITES / "shop", {"/robots.txt": robots})
    run = cli(served.url, "--max-pages", "1", "--format", "json")
    assert run.code == 0, run.stderr
    assert agents and agents[0].startswith(f"contactable/{__version__} (+https://")


def test_interrupted_crawl_writes_an_incomplete_report(
        serve: Callable[..., Served], tmp_path: Path) -> None:
    site = tmp_path / "slow"
    site.mkdir()
    for i in range(40):
        nxt = "".join(f'<a href="p{j}.html">p{j}</a>' for j in range(i + 1, min(i + 3, 40)))
        (site / f"p{i}.html").write_text(f"<html><body>{nxt}</body></html>")
    (site / "index.html").write_text('<html><body><a href="p0.html">start</a>'
                                     '<p>hello@slow-fixture.co.uk</p></body></html>')
    served = serve(site, delay=0.15)
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "contactable", served.url, "--out", str(out), "--quiet",
         "--concurrency", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ))
    deadline = time.monotonic() + 30
    while len(served.requests) < 5 and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err  # a CI job must not take it for a pass
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert report["site"]["complete"] is False
    assert report["site"]["stop_reason"] == "interrupted"
    assert 1 <= report["site"]["pages_crawled"] < 41
    assert "Traceback" not in err


def test_hostile_site_content_is_escaped_in_the_html_report(
        serve: Callable[..., Served], cli: Callable[..., Run]) -> None:
    served = serve(SITES / "hostile")
    run = cli(served.url)
    assert run.code == 0, run.stderr
    html = (run.out / "report.html").read_text("utf-8")
    for payload in ("<script>alert", "<svg onload", "<img src=x onerror", "javascript:alert"):
        assert payload not in html
    assert "&lt;/script&gt;&lt;script&gt;alert(5)" in html
    assert "Content-Security-Policy" in html


def test_demo_writes_both_reports(cli: Callable[..., Run], tmp_path: Path) -> None:
    out = tmp_path / "demo"
    run = cli("demo", "--out", str(out))
    assert run.code == 0, run.stderr
    report = json.loads((out / "report.json").read_text("utf-8"))
    jsonschema.validate(report, schema())
    assert report["contacts"]["emails"] and report["contacts"]["phones"]
    assert (out / "report.html").exists()
    assert str(out / "report.html") in run.stdout


def test_out_dash_writes_json_to_stdout(shop: Served, cli: Callable[..., Run]) -> None:
    run = cli(shop.url, "--format", "json", "--out", "-")
    assert run.code == 0, run.stderr
    assert json.loads(run.stdout)["schema_version"] == "1"


def test_a_folder_answers_dead_links_with_its_own_404_page(
        cli: Callable[..., Run], tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text('<html lang="en-GB"><a href="gone.html">old</a></html>')
    (site / "404.html").write_text("<html><p>Lost? Write to webmaster@fixture-404.co.uk</p></html>")
    run = cli(str(site))
    assert run.code == 0, run.stderr
    [page] = [p for p in run.report["pages"] if p["url"].endswith("/gone.html")]
    assert page["status"] == 404
    assert [e["value"] for e in run.report["contacts"]["emails"]] == ["webmaster@fixture-404.co.uk"]
    assert run.report["site"]["region"] == "GB"


def test_https_to_a_plain_http_site_says_to_use_http(
        serve: Callable[..., Served], cli: Callable[..., Run]) -> None:
    served = serve(SITES / "shop")
    run = cli(served.url.replace("http://", "https://"))
    assert run.code == 3
    assert "no secure connection could be made to 127.0.0.1" in run.stderr
    assert "give its address with http://" in run.stderr and "Failure" not in run.stderr


@pytest.mark.parametrize("how", ["served", "folder"])
def test_every_email_of_an_xhtml_page_with_an_xml_declaration_is_reported(
        how: str, serve: Callable[..., Served], cli: Callable[..., Run], tmp_path: Path) -> None:
    # kontakt.html: windows-1252 XHTML that starts with <?xml ...?> and still carries merge-
    # conflict lines (issue 10). Read again from its text by parsel, it lost every address.
    # A page per service, each linking to it, makes it one of many pages of the crawl.
    folder = tmp_path / "notary"
    shutil.copytree(SITES / "notary", folder)
    services = [f"leistung-{i}.html" for i in range(40)]
    for name in services:
        (folder / name).write_text(
            f"<!DOCTYPE html><html lang='de'><title>{name}</title><main><h1>{name}</h1>"
            "<p>Termine nach Vereinbarung: <a href='kontakt.html'>Kontakt</a></p></main></html>",
            encoding="utf-8")
    index = folder / "index.html"
    links = "".join(f"<li><a href='{name}'>{name}</a></li>" for name in services)
    index.write_text(index.read_text("utf-8").replace("</main>", f"<ul>{links}</ul></main>"),
                     encoding="utf-8")
    run = cli(serve(folder).url if how == "served" else str(folder), "--format", "json")
    assert run.code == 0, run.stderr
    assert run.report["site"]["pages_crawled"] == 44
    staff = ["mueller", "baecker", "gross", "weiss", "lefevre", "schaefer", "info"]
    emails = {e["value"].lower(): e for e in run.report["contacts"]["emails"]}
    assert set(emails) == {f"{who}@notariat-fixture.de" for who in staff}
    assert all(e["min_depth"] == 2 for e in emails.values())


def test_an_xhtml_page_served_without_a_content_type_is_read_as_html(
        serve: Callable[..., Served], cli: Callable[..., Run], tmp_path: Path) -> None:
    # With no Content-Type and no extension, Scrapy guesses the type from the body: an XHTML
    # page that starts with <?xml passes for XML.
    folder = tmp_path / "notary"
    shutil.copytree(SITES / "notary", folder)
    body = (folder / "kontakt.html").read_bytes()
    (folder / "kontakt.html").unlink()
    for page in folder.glob("*.html"):
        page.write_text(page.read_text("utf-8").replace("kontakt.html", "kontakt"), "utf-8")

    def untyped(h: Any) -> None:
        h.send_response(200)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    served = serve(folder, {"/kontakt": untyped})
    run = cli(served.url, "--format", "json")
    assert run.code == 0, run.stderr
    emails = {e["value"].lower(): e for e in run.report["contacts"]["emails"]}
    assert len(emails) == 7 and "lefevre@notariat-fixture.de" in emails
    assert {p["url"] for e in emails.values() for p in e["pages"]} == {served.url + "kontakt"}
