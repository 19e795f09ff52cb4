"""The batch's portfolio index: two real batch runs over fixture folders (served on 127.0.0.1)
into one history, one site changed in between; the index's trend and change, its order, its
CSV, JUnit and SARIF exports, ``contactable diff`` on the history, and the index in Chromium at
a desktop and a phone width."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from lxml import etree

from contactable.history import audits
from contactable.portfolio import SORTS, sort_sites
from reports.html_report import SORT_CAPTIONS
from reports.view import QUESTIONS, answers
from tests.test_formats import parse_sarif, sarif_validator  # noqa: F401 (a fixture)

ROOT = Path(__file__).resolve().parents[1]
SITES = ROOT / "tests" / "sites"
DEMO = ROOT / "contactable" / "demo_site"
# A line of the list that a spreadsheet would take for a formula (and that is no site).
FORMULA = '=HYPERLINK("http://127.0.0.1:9/","x")'


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "contactable", *args], capture_output=True,
                          text=True, timeout=600, cwd=cwd, check=False)


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``bikes`` and ``bakery`` audited twice into one history; between the runs the bikes
    site loses its sales address and moves its phone number a page away."""
    root = tmp_path_factory.mktemp("portfolio")
    shutil.copytree(SITES / "diff-before", root / "bikes")
    shutil.copytree(DEMO, root / "bakery")
    # An order that is none of --sort's (change: bikes, bakery, FORMULA; name: FORMULA,
    # bakery, bikes; score: the two sites, then FORMULA), so that each sort shows.
    (root / "clients.txt").write_text(f"bakery\n{FORMULA}\nbikes\n", "utf-8")
    args = ["batch", "clients.txt", "--out", "audits", "--history", "h.sqlite", "--jobs", "2",
            "--max-pages", "30", "--format", "html,junit,sarif", "--quiet"]
    first = _run(*args, cwd=root)
    assert first.returncode == 3, first.stderr  # the formula is no site
    shutil.rmtree(root / "bikes")
    shutil.copytree(SITES / "diff-after", root / "bikes")
    second = _run(*args, "--sort", "change", cwd=root)
    assert second.returncode == 3, second.stderr
    return root


def _sites(batch: Path) -> dict[str, dict[str, Any]]:
    index = json.loads((batch / "audits" / "index.json").read_text("utf-8"))
    return {s["name"]: s for s in index["sites"]}


def test_every_sort_has_a_caption_and_every_question_its_answer() -> None:
    assert set(SORT_CAPTIONS) == set(SORTS)
    assert [key for key, _label in QUESTIONS] == [a["key"] for a in answers({})]


def test_sort_sites_orders_by_score_name_and_change() -> None:
    """A list whose order is none of the sorts', so that each one must reorder it."""
    sites = [
        {"name": "b", "score": 60, "change": {"lost": 0, "worse": 0, "score": 2.0}},
        {"name": "c", "score": None, "change": None},  # not audited
        {"name": "a", "score": 90, "change": {"lost": 2, "worse": 0, "score": 0.0}},
        {"name": "D", "score": 40, "change": {"lost": 0, "worse": 1, "score": 1.0}},
        {"name": "e", "score": 70, "change": {"lost": 0, "worse": 0, "score": -5.0}},
    ]

    def names(how: str) -> str:
        return "".join(s["name"] for s in sort_sites(sites, how))

    assert names("list") == "bcaDe"
    assert names("score") == "Dbeac"  # lowest first, no score last
    assert names("name") == "abcDe"  # regardless of case
    assert names("change") == "aDebc"  # most lost, then most worse, then the score's fall


def test_the_index_shows_each_sites_trend_and_what_changed(batch: Path) -> None:
    sites = _sites(batch)
    bikes, bakery = sites["bikes"], sites["bakery"]
    # The history holds both runs of each site, and the index draws them.
    for site, folder in ((bikes, "bikes"), (bakery, "bakery")):
        stored = audits(batch / "h.sqlite", str(batch / folder))
        assert len(stored) == 2
        assert site["trend"] == [a.score for a in stored]
        assert site["trend"][-1] == site["score"]
    assert bikes["change"]["lost"] >= 1 and bikes["change"]["regression"]
    assert any(i["text"].startswith("Email lost: sales@quayside-bikes.co.uk")
               for i in bikes["change"]["items"])
    assert bakery["change"] == {"score": 0.0, "lost": 0, "gained": 0, "worse": 0, "better": 0,
                                "regression": False, "items": []}
    index = json.loads((batch / "audits" / "index.json").read_text("utf-8"))
    assert [s["name"] for s in index["sites"]] == ["bakery", FORMULA, "bikes"]  # FILE's order
    page = lxml.html.fromstring((batch / "audits" / "index.html").read_text("utf-8"))
    rows = page.findall(".//tbody/tr")
    # --sort change: the site that lost something first, the one not audited last.
    assert [r.find("th").text.strip() for r in rows] == ["bikes", "bakery", FORMULA]
    spark = rows[0].find(".//svg")
    assert spark is not None and spark.find("polyline").get("points").count(",") == 2
    assert "Scores of the last 2 runs" in spark.findtext("title")
    change = rows[0].find(".//td[@class='change']").text_content()
    assert "1 lost" in change and "Email lost: sales@quayside-bikes.co.uk" in change


def test_diff_names_the_change_from_the_history(batch: Path) -> None:
    run = _run("diff", "history:bikes@-2", "history:bikes", "--history", "h.sqlite",
               cwd=batch)
    assert run.returncode == 0, run.stderr
    assert "Email sales@quayside-bikes.co.uk: 1 click away → lost" in run.stdout
    same = _run("diff", "history:bakery@1", "history:bakery@2", "--history", "h.sqlite",
                cwd=batch)
    assert "nothing else changed" in same.stdout.splitlines()[0]


def test_index_csv_is_the_table_and_runs_no_formula(batch: Path) -> None:
    text = (batch / "audits" / "index.csv").read_text("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["site"] for r in rows] == ["bikes", "bakery", "'" + FORMULA]
    assert rows[2]["target"] == "'" + FORMULA
    assert all(not v.startswith(("=", "+", "@")) for r in rows for v in r.values())
    bikes = rows[0]
    assert int(bikes["lost"]) >= 1 and bikes["Email"] == "1 click away"
    assert bikes["score"] == str(int(_sites(batch)["bikes"]["score"]))
    assert bikes["report"] == "03-bikes/report.html"


def test_one_junit_and_one_sarif_for_the_batch(
        batch: Path, sarif_validator: Any) -> None:  # noqa: F811 (the fixture)
    schema = etree.XMLSchema(etree.parse(str(ROOT / "tests" / "schemas" / "junit-10.xsd")))
    root = etree.fromstring((batch / "audits" / "index.junit.xml").read_bytes())
    schema.assertValid(root)
    names = [s.get("name") for s in root.findall("testsuite")]
    assert any(n.startswith("bikes ") for n in names)
    assert any(n.startswith("bakery ") for n in names)
    assert names[-1] == FORMULA and root.find("testsuite[last()]/testcase/error") is not None
    own = [etree.fromstring((batch / "audits" / f / "report.junit.xml").read_bytes())
           for f in ("03-bikes", "01-bakery")]
    assert int(root.get("tests")) == sum(int(r.get("tests")) for r in own) + 1
    log = parse_sarif((batch / "audits" / "index.sarif").read_text("utf-8"), sarif_validator)
    assert len(log["runs"]) == 2


def test_the_index_fits_a_desktop_and_a_phone(batch: Path, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    from crawler.render import CHROMIUM_ARGS, find_chromium

    chromium = find_chromium()
    if chromium is None:
        pytest.skip("no system Chromium (apt-get install chromium)")
    url = (batch / "audits" / "index.html").as_uri()
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            for width in (1280, 390):
                page = browser.new_page(viewport={"width": width, "height": 800})
                requests: list[str] = []
                page.on("request", lambda r, seen=requests: seen.append(r.url))
                page.goto(url)
                page.screenshot(path=str(tmp_path / f"index-{width}.png"), full_page=True)
                scroll, client = page.evaluate(
                    "[document.documentElement.scrollWidth, "
                    "document.documentElement.clientWidth]")
                assert scroll <= client, f"horizontal scroll at {width} px"
                # Every answer is labelled where a reader sees it: its own label beside it.
                answers = page.evaluate("""() => [...document.querySelectorAll('dd')].map(dd => {
                    const dt = dd.previousElementSibling, a = dt.getBoundingClientRect(),
                          b = dd.getBoundingClientRect();
                    return [dt.textContent, dd.textContent.trim(), a.width > 0 && a.height > 0,
                            Math.abs(a.top - b.top) < 30];
                })""")
                assert len(answers) == 8
                assert all(shown and beside for _l, _a, shown, beside in answers), answers
                assert {a[0] for a in answers} == {"Email", "Phone", "Named person",
                                                   "Told someone answers"}
                if width == 390:
                    # The table is stacked: each cell says what it is.
                    labels = page.evaluate("""() => [...document.querySelectorAll(
                        'tbody td')].filter(td => getComputedStyle(td).display !== 'none')
                        .map(td => getComputedStyle(td, '::before').content)""")
                    assert labels and all(lbl not in ("none", "normal", '""')
                                          for lbl in labels), labels
                assert all(r.startswith("file:") for r in requests), requests
                page.close()
        finally:
            browser.close()
