"""Hostile sites (issue 14): bounded, on-site, honest about every page it could not read.

Each test serves one trap on 127.0.0.1 and runs the real CLI against it. A second server on
another port stands for "another site": the crawl must never ask it anything.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.servers import ROBOTS, Routes, one_line_error, page, saved_crawl

HOME_LINKS = '<a href="/contact.html">Contact</a>'


@pytest.fixture
def two_sites() -> Iterator[tuple[Routes, Routes]]:
    site, other = Routes(), Routes()
    other.pages["/"] = page("<p>Write to stolen@partner-firm.co.uk</p>")
    other.pages["/moved.html"] = page("<p>Write to stolen@partner-firm.co.uk</p>")
    yield site, other
    site.close()
    other.close()


def _bomb(megabytes: int) -> bytes:
    return gzip.compress(b"<html><body>" + b" " * (megabytes * 1024 * 1024), 9)



# --- the home page's failure names the true reason ------------------------------------------


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        ({"/": (302, {"Location": "/a"}, ""), "/a": (302, {"Location": "/"}, "")},
         "redirects in a loop"),
        ({f"/{i}": (302, {"Location": f"/{i + 1}"}, "") for i in range(40)}
         | {"/": (302, {"Location": "/0"}, "")}, "redirects in a loop"),
        ({"/": (200, {}, '<html><head><meta http-equiv="refresh" content="0; url=/b">'
                         "</head><body>x</body></html>"),
          "/b": (200, {}, '<html><head><meta http-equiv="refresh" content="0; url=/">'
                          "</head><body>x</body></html>")}, "redirects in a loop"),
    ],
    ids=["redirect-loop", "redirect-chain", "meta-refresh-loop"],
)
def test_a_home_page_that_cannot_be_read_says_why_not_robots(
    pages: dict[str, Any], expected: str, cli: Callable[..., Any]
) -> None:
    with Routes({**pages, "/robots.txt": ROBOTS}) as site:
        run = cli(site.url + "/", "--ignore-robots", "--quiet")
    assert run.code == 3
    line = one_line_error(run)
    assert expected in line and "robots" not in line


@pytest.mark.parametrize("url", ["http://127.0.0.1:99999/", "http://[::1", "http://a.test:0/"])
def test_an_invalid_port_or_host_is_a_usage_error(url: str, cli: Callable[..., Any]) -> None:
    run = cli(url)
    assert run.code == 2
    assert "not a valid URL" in one_line_error(run)


# --- the site is an allow-list of origins ----------------------------------------------------


def test_redirects_and_refreshes_off_the_site_are_refused_and_reported(
    two_sites: tuple[Routes, Routes], cli: Callable[..., Any]
) -> None:
    site, other = two_sites
    site.pages.update({
        "/": page(HOME_LINKS + '<a href="/out">out</a><a href="/refresh.html">r</a>'
                  f'<a href="{other.url}/">partner</a><p>hello@bakery-leeds.co.uk</p>'),
        "/contact.html": page("<p>hello@bakery-leeds.co.uk</p>"),
        "/out": (302, {"Location": f"{other.url}/moved.html"}, ""),
        "/refresh.html": (200, {}, '<html><head><meta http-equiv="refresh" content="0; '
                                   f'url={other.url}/"></head><body>x</body></html>'),
        "/robots.txt": (200, {"Content-Type": "text/plain"},
                        f"User-agent: *\nAllow: /\nSitemap: {other.url}/sitemap.xml\n"
                        "Sitemap: file:///etc/passwd\n"),
    })
    run = cli(site.url + "/", "--quiet")
    assert run.code == 0, run.stderr[-2000:]
    assert other.seen == []  # not a page, not robots.txt, not a sitemap
    assert site.asked().count("/robots.txt") == 1  # its rules and its sitemaps: one fetch
    assert [e["value"] for e in run.report["contacts"]["emails"]] == ["hello@bakery-leeds.co.uk"]
    assert all(p["url"].startswith(site.url) for p in run.report["pages"])
    unread = {(u["url"], u["reason"]) for u in run.report["unread"]}
    assert {(site.url + "/out", "off_site"), (site.url + "/refresh.html", "off_site")} <= unread
    assert run.report["site"]["pages_unread"] == len(run.report["unread"])


def test_a_subpage_that_cannot_be_read_is_listed_with_its_reason(
    cli: Callable[..., Any],
) -> None:
    site = Routes({
        "/": page(HOME_LINKS + '<a href="/bomb.html">b</a><a href="/loop">l</a>'
                  '<a href="/gone.html">g</a>'),
        "/contact.html": page("<p>hello@bakery-leeds.co.uk</p>"),
        "/bomb.html": (200, {"Content-Encoding": "gzip"}, _bomb(40)),
        "/loop": (302, {"Location": "/loop2"}, ""),
        "/loop2": (302, {"Location": "/loop"}, ""),
        "/robots.txt": ROBOTS,
    })
    try:
        run = cli(site.url + "/", "--quiet")
    finally:
        site.close()
    assert run.code == 0, run.stderr[-2000:]
    reasons = {u["url"].removeprefix(site.url): u["reason"] for u in run.report["unread"]}
    assert reasons == {"/bomb.html": "too_large", "/loop": "too_many_redirects",
                       "/gone.html": "http_status"}


# --- bounded work ----------------------------------------------------------------------------


def test_a_page_with_a_hundred_thousand_links_schedules_only_what_the_page_cap_can_use(
    cli: Callable[..., Any],
) -> None:
    links = "".join(f'<a href="/p{i}.html">{i}</a>' for i in range(100_000))
    with Routes({"/": page(links), "/robots.txt": ROBOTS}) as site:
        run = cli(site.url + "/", "--max-pages", "10", "--no-sitemaps", "--quiet",
                  timeout=120)
    assert run.code == 0, run.stderr[-2000:]
    asked = [p for p in site.asked() if p.startswith("/p")]
    assert len(asked) <= 2 * 10 + 50
    assert run.report["site"]["complete"] is False


def test_sitemaps_are_bounded_one_index_level_and_gzip_read(cli: Callable[..., Any]) -> None:
    fan = "".join(f"<sitemap><loc>SITE/s{i}.xml</loc></sitemap>" for i in range(1000))
    nested = "<sitemap><loc>SITE/deeper.xml</loc></sitemap>"
    urlset = ("<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
              "<url><loc>SITE/only-in-sitemap.html</loc></url></urlset>")
    site = Routes()
    index = "<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{}</sitemapindex>"
    site.pages.update({
        "/": page(HOME_LINKS),
        "/contact.html": page("<p>hello@bakery-leeds.co.uk</p>"),
        "/only-in-sitemap.html": page("<p>Phone +44 20 7946 0958</p>"),
        "/robots.txt": (200, {"Content-Type": "text/plain"},
                        "User-agent: *\nAllow: /\nSitemap: SITE/sitemap.xml.gz\n"
                        "Sitemap: SITE/index.xml\n".replace("SITE", site.url)),
        "/sitemap.xml.gz": (200, {"Content-Type": "application/octet-stream"},
                            gzip.compress(urlset.replace("SITE", site.url).encode())),
        "/index.xml": (200, {"Content-Type": "application/xml"},
                       index.format(nested + fan).replace("SITE", site.url)),
        "/deeper.xml": (200, {"Content-Type": "application/xml"},
                        index.format("<sitemap><loc>SITE/deepest.xml</loc></sitemap>")
                        .replace("SITE", site.url)),
    })
    try:
        run = cli(site.url + "/", "--quiet")
    finally:
        site.close()
    assert run.code == 0, run.stderr[-2000:]
    assert site.url + "/only-in-sitemap.html" in {p["url"] for p in run.report["pages"]}
    sitemaps = [p for p in site.asked() if p.endswith(".xml") or p.endswith(".gz")]
    assert len(sitemaps) <= 50
    assert "/deepest.xml" not in sitemaps


# --- the terminal is not the site's to drive ------------------------------------------------


def test_page_text_and_headers_cannot_send_terminal_escapes(cli: Callable[..., Any]) -> None:
    site = Routes({
        "/": (200, {"Content-Type": "text/html; charset=utf-8"},
              "<html><head><title>Acme\x1b]0;pwned\x07 Ltd\x1b[2J</title></head><body>"
              '<a href="/contact.html">Contact</a><a href="/x\x1b[2J.html">x</a>'
              "<p>hello@bakery-leeds.co.uk \x1b[31mred\x1b[0m</p></body></html>"),
        "/contact.html": page("<p>hello@bakery-leeds.co.uk</p>"),
        "/pdf": (200, {"Content-Type": "text/plain\x1b[2J"}, "x"),
        "/robots.txt": ROBOTS,
    })
    try:
        run = cli(site.url + "/")
        home = cli(site.url + "/pdf")
    finally:
        site.close()
    assert run.code == 0, run.stderr[-2000:]
    assert "\x1b" not in run.stdout + run.stderr
    assert home.code == 3 and "\x1b" not in home.stdout + home.stderr
    assert "not HTML" in home.stderr


def test_batch_lines_are_targets_never_options(
    tmp_path: Any, cli: Callable[..., Any]
) -> None:
    site = Routes({"/": page(HOME_LINKS), "/contact.html": page("<p>hello@bakery-leeds.co.uk</p>"),
                   "/robots.txt": ROBOTS})
    secret = tmp_path / "secret.toml"
    secret.write_text("not = [valid toml")
    listing = tmp_path / "sites.txt"
    listing.write_text(f"-h\n--config={secret}\nhttp://a.test/\x00x\n{site.url}/\n",
                       encoding="utf-8")
    try:
        run = cli("batch", str(listing), "--max-pages", "5", out=tmp_path / "batch")
    finally:
        site.close()
    index = json.loads((tmp_path / "batch" / "index.json").read_text("utf-8"))
    status = {s["target"]: s["status"] for s in index["sites"]}
    assert status[f"{site.url}/"] == "audited", run.stderr[-2000:]
    assert [status[t] for t in ("-h", f"--config={secret}", "http://a.test/\x00x")] == \
        ["not audited"] * 3
    assert "usage:" not in run.stdout + run.stderr
    assert "\x00" not in run.stderr
    assert index["complete"] is True  # every line was dealt with (issue 13)


# --- a folder audit reads the folder and nothing else ---------------------------------------


def test_a_folder_audit_serves_no_symlink_that_leaves_the_folder(
    tmp_path: Any, cli: Callable[..., Any]
) -> None:
    secret = tmp_path / "secret.html"
    secret.write_text("<p>Write to leaked@secret-firm.co.uk</p>")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "index.html").write_text("<p>Call +44 20 7946 0000</p>")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<a href="contact.html">Contact</a><a href="leak.html">x</a><a href="passwd.html">p</a>'
        '<a href="out/">o</a><a href="same.html">s</a>')
    (site / "contact.html").write_text("<p>hello@bakery-leeds.co.uk</p>")
    (site / "leak.html").symlink_to(secret)
    (site / "passwd.html").symlink_to("/etc/passwd")
    (site / "out").symlink_to(outside, target_is_directory=True)
    (site / "same.html").symlink_to(site / "contact.html")  # inside: served
    run = cli(str(site), "--quiet")
    assert run.code == 0, run.stderr[-2000:]
    text = json.dumps(run.report)
    assert "leaked@secret-firm.co.uk" not in text and "root:" not in text
    assert "+442079460000" not in text
    assert [e["value"] for e in run.report["contacts"]["emails"]] == ["hello@bakery-leeds.co.uk"]
    statuses = {p["url"].rsplit("/", 2)[-1] or p["url"].rsplit("/", 2)[-2]: p["status"]
                for p in run.report["pages"]}
    assert statuses["same.html"] == 200
    assert {u["reason"] for u in run.report["unread"]} == {"http_status"}


# --- input files are checked before anything is built from them -----------------------------


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda d: d.update(duration_s=float("nan")), "NaN is not a number JSON allows"),
        (lambda d: d["pages"][0].update(status="200"), "pages[0].status: expected a whole"),
        (lambda d: d["facts"].append(["x", {"kind": 1}]), "facts["),
        (lambda d: d.update(links=[]), "links: expected an object"),
        (lambda d: d.update(warnings="x"), "warnings: expected a list"),
    ],
    ids=["nan", "status-text", "fact-kind", "links-list", "warnings-text"],
)
def test_a_saved_crawl_with_wrong_types_is_aone_line_error(
    edit: Callable[[dict[str, Any]], None], expected: str, tmp_path: Any, cli: Callable[..., Any]
) -> None:
    saved, data = saved_crawl(cli, tmp_path, {
        "/": page(HOME_LINKS), "/contact.html": page("<p>hello@bakery-leeds.co.uk</p>"),
        "/robots.txt": ROBOTS})
    edit(data)
    saved.write_text(json.dumps(data), "utf-8")
    run = cli("--from-crawl", str(saved), out=tmp_path / "again")
    assert run.code == 2
    assert expected in one_line_error(run)
    assert not (tmp_path / "again" / "report.json").exists()


def test_a_saved_crawl_nested_too_deeply_is_aone_line_error(
    tmp_path: Any, cli: Callable[..., Any]
) -> None:
    saved = tmp_path / "deep.json"
    saved.write_text("[" * 100_000 + "]" * 100_000)
    run = cli("--from-crawl", str(saved))
    assert run.code == 2
    assert "nested too deeply" in one_line_error(run)


def test_a_site_of_many_addresses_gives_a_bounded_report(cli: Callable[..., Any]) -> None:
    emails = "".join(f"<p>team{i}@bakery-leeds.co.uk</p>" for i in range(300))
    pages = {f"/p{i}.html": page(emails) for i in range(60)}
    links = "".join(f'<a href="/p{i}.html">{i}</a>' for i in range(60))
    with Routes({"/": page(links + emails), **pages, "/robots.txt": ROBOTS}) as site:
        run = cli(site.url + "/", "--quiet", "--format", "json,html,md")
    assert run.code == 0, run.stderr[-2000:]
    emails_found = run.report["contacts"]["emails"]
    assert len(emails_found) == 200 and run.report["contacts_more"]["emails"] == 100
    assert all(len(e["pages"]) == 50 and e["pages_more"] == 11 for e in emails_found)
    assert (run.out / "report.html").stat().st_size < 5 * 2**20


def test_a_server_that_never_answers_is_given_up_in_under_a_minute(
    cli: Callable[..., Any],
) -> None:
    import socket
    import time

    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)  # connections are accepted by the kernel and never read
        began = time.monotonic()
        run = cli(f"http://127.0.0.1:{silent.getsockname()[1]}/", timeout=90)
        took = time.monotonic() - began
    assert run.code == 3 and "did not answer in time" in one_line_error(run)
    assert took < 60
