"""The HTML report on hand-built report dicts: every status, hostile text in every field the
crawled site supplies, no way to reach the network, and an accessible structure.

The browser test (tests/test_browser.py) opens real reports in Chromium; these are the fast
checks of the template itself.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import itertools
import re
from typing import Any

import jsonschema
import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reports.html_report import CONTRAST_PAIRS, PALETTE, STATUS_LABEL, HtmlReport, safe_href
from reports.json_report import schema
from reports.view import Site, answers, clicks, marked, page_names

BASE = "https://bakery.example/"
# What a hostile site can put in its titles, text, links and structured data.
PAYLOADS = [
    "<script>window.__pwned=1</script>",
    '"><img src=x onerror=window.__pwned=2>',
    "'><svg/onload=window.__pwned=3>",
    "</style><style>body{background:url(https://evil.example/x)}</style>",
    "</title></textarea><iframe src=https://evil.example/></iframe>",
    "{{ 7*7 }}{% raw %}",
    "\u202egnp.exe",
]
HOSTILE = " ".join(PAYLOADS)


def _occ(path: str, depth: int | None, region: str = "main") -> dict[str, Any]:
    return {"url": BASE + path, "depth": depth, "region": region}


def _check(cid: str, status: str, score: float, **kw: Any) -> dict[str, Any]:
    out = {
        "id": cid, "title": f"Title of {cid}", "description": f"Why {cid} matters.",
        "category": cid.split(".")[0], "status": status, "score": score, "weight": 1.0,
        "summary": f"Summary of {cid}.", "recommendation": f"Fix {cid}.",
        "help_url": f"https://docs.example/checks#{cid}", "evidence": [],
    }
    out.update(kw)
    return out


def make_report(hostile: str = "") -> dict[str, Any]:
    """A report as the JSON contract has it, with ``hostile`` in every site-supplied field."""
    h = hostile
    pages = [
        {"url": BASE, "depth": 0, "status": 200, "title": f"Home {h}", "linked": True,
         "via": None},
        {"url": BASE + "about", "depth": 1, "status": 200, "title": f"About us {h}",
         "linked": True, "via": BASE},
        {"url": BASE + "contact", "depth": 2, "status": 200, "title": f"Contact {h}",
         "linked": True, "via": BASE + "about"},
        {"url": BASE + "gone", "depth": 1, "status": 404, "title": f"Not found {h}",
         "linked": True, "via": BASE},
        {"url": BASE + "offer", "depth": None, "status": 200, "title": f"Offer {h}",
         "linked": False, "via": None},
        {"url": "javascript:window.__pwned=9//" + h, "depth": 3, "status": 200,
         "title": h, "linked": True, "via": BASE + "contact"},
    ]
    evidence = [
        {"url": BASE + "contact", "selector": f"main > p {h}",
         "snippet": f"Mail jo@bakery.example {h}", "value": "jo@bakery.example"},
        {"url": "javascript:window.__pwned=10", "selector": "", "snippet": h, "value": h},
        *({"url": BASE + f"p{i}", "snippet": f"snippet {i}", "value": ""} for i in range(6)),
    ]
    checks = [
        _check("email.visible", "pass", 1.0, evidence=evidence[:1]),
        _check("phone.tel_link", "warn", 0.5, evidence=evidence[:2]),
        _check("person.named", "fail", 0.0, summary=f"No person {h}", evidence=evidence),
        _check("phone.image_only", "needs_review", 0.5),
        _check("legal.imprint", "not_applicable", 0.0, recommendation=""),
        _check("plugin.crashed", "error", 0.0, summary=f"Crashed: {h}"),
    ]
    return {
        "schema_version": "1",
        "tool": {"name": "contactable", "version": "0.1.0"},
        "generated_at": "2026-01-02T03:04:05+00:00",
        "site": {"start_url": BASE + h, "final_url": BASE + h, "pages_crawled": 6,
                 "complete": False, "stop_reason": f"max_pages {h}", "duration_s": 1.25,
                 "region": "GB"},
        "score": 61.4, "grade": "C",
        "categories": [
            {"id": "email", "title": "Email", "score": 100.0, "weight": 10},
            {"id": "phone", "title": "Phone", "score": 40.0, "weight": 10},
            {"id": "person", "title": "A named contact person", "score": 0.0, "weight": 8},
            {"id": "legal", "title": "Legal contact information", "score": None, "weight": 13},
        ],
        "checks": checks,
        "contacts": {
            "emails": [
                {"value": f"jo{h}@bakery.example", "method": "mailto",
                 "pages": [_occ("contact", 2)], "min_depth": 2, "visible": True,
                 "noreply": False},
                {"value": "noreply@bakery.example", "method": "text",
                 "pages": [_occ("", 0, "footer")], "min_depth": 0, "visible": True,
                 "noreply": True},
            ],
            "phones": [
                {"value": "+441132460958", "display": f"0113 246 0958 {h}", "kind": "phone",
                 "method": "tel", "pages": [_occ("about", 1), _occ("contact", 2)],
                 "min_depth": 1, "visible": True, "premium": False},
                {"value": "+441132460000", "display": "0113 246 0000", "kind": "fax",
                 "method": "text", "pages": [_occ("", 0)], "min_depth": 0},
            ],
            "persons": [
                {"name": f"Jo Baker {h}", "role": f"Owner {h}", "pages": [_occ("offer", None)],
                 "min_depth": None, "emails": [f"jo{h}@bakery.example"],
                 "phones": ["+441132460958"]},
            ],
            "reassurances": [
                {"text": f"Mailbox not monitored {h}", "kind": "anti_pattern",
                 "language": "en", "pages": [_occ("", 0)], "anti": "not_monitored"},
                {"text": f"We reply within one business day {h}", "kind": "response_time",
                 "language": "en", "pages": [_occ("contact", 2), _occ("about", 1)]},
            ],
            "contact_pages": [{"url": BASE + "contact", "depth": 2}],
            "forms": [{"url": BASE + "contact", "action": BASE + "send", "depth": 2,
                       "fields": 5, "required": 3}],
            "channels": [{"value": f"https://wa.example/44{h}", "type": "messaging",
                          "provider": f"WhatsApp {h}", "pages": [_occ("about", 1)],
                          "min_depth": 1}],
        },
        "pages": pages,
        "warnings": [f"robots.txt slow {h}"],
    }


def _tree(html: str) -> Any:
    return lxml.html.document_fromstring(html)


@pytest.fixture(scope="module")
def hostile_html() -> str:
    return HtmlReport().render(make_report(HOSTILE))


def test_the_hand_built_report_follows_the_contract() -> None:
    jsonschema.validate(make_report(HOSTILE), schema())


def test_no_markup_from_the_site_survives(hostile_html: str) -> None:
    tree = _tree(hostile_html)
    banned = ("script", "iframe", "img", "svg", "object", "embed", "base", "link", "form",
              "input", "textarea", "frame", "audio", "video", "source", "math")
    assert [el.tag for el in tree.iter(*banned)] == []
    assert len(tree.findall(".//style")) == 1
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        assert not [a for a in el.attrib if a.lower().startswith("on")], el.tag
        assert "style" not in el.attrib, el.tag  # the CSP allows only the hashed <style>
        assert "src" not in el.attrib, el.tag
    # ...yet every payload is shown to the reader as text.
    text = tree.text_content()
    for payload in PAYLOADS[:-1]:
        assert payload in text
    assert "gnp.exe" in text and "\u202e" not in hostile_html  # no bidi override survives
    assert "__pwned=1</script>" not in hostile_html
    assert "&lt;script&gt;window.__pwned=1" in hostile_html


def test_links_are_web_links_or_fragments(hostile_html: str) -> None:
    tree = _tree(hostile_html)
    hrefs = [a.get("href") for a in tree.iter("a")]
    assert hrefs
    for href in hrefs:
        assert href == "#" or href.startswith(("#", "http://", "https://")), href
    ids = {el.get("id") for el in tree.iter() if isinstance(el.tag, str) and el.get("id")}
    for href in hrefs:
        if href.startswith("#") and href != "#":
            assert href[1:] in ids, href
    external = {h for h in hrefs if h.startswith("http")}
    # Only the audited site's pages and the checks' documentation are linked.
    assert all(h.startswith((BASE, "https://docs.example/", "https://wa.example/"))
               for h in external), external
    for a in tree.iter("a"):
        if a.get("href", "").startswith("http"):
            assert set((a.get("rel") or "").split()) >= {"noreferrer", "noopener"}


def test_csp_forbids_every_fetch_and_allows_only_the_report_style(hostile_html: str) -> None:
    tree = _tree(hostile_html)
    [meta] = tree.xpath('//meta[@http-equiv="Content-Security-Policy"]')
    policy = dict(d.strip().split(" ", 1) for d in meta.get("content").split(";"))
    assert policy["default-src"] == "'none'"
    assert "unsafe" not in meta.get("content")
    [style] = tree.findall(".//style")
    digest = base64.b64encode(hashlib.sha256(style.text.encode()).digest()).decode()
    assert policy["style-src"] == f"'sha256-{digest}'"
    head = hostile_html[: hostile_html.index("<style>")]
    assert head.index("Content-Security-Policy") < head.index("<title>")
    assert not re.search(r"url\(|@import|@font-face", style.text)


def test_every_status_has_a_worded_badge_and_failures_come_first(hostile_html: str) -> None:
    tree = _tree(hostile_html)
    cards = tree.xpath('//article[contains(@class, "card")]')
    badges = [c.xpath('.//span[contains(@class, "badge")]')[0].text_content().strip()
              for c in cards]
    labels = [b.split(" ", 1)[1] for b in badges]
    assert set(labels) == set(STATUS_LABEL.values())
    assert labels.index("Fail") < labels.index("Warning") < labels.index("Pass")
    assert labels[-1] == "Not applicable"


def test_a_failing_check_shows_what_to_do_why_and_its_evidence(hostile_html: str) -> None:
    tree = _tree(hostile_html)
    [card] = tree.xpath('//article[@id="check-person.named"]')
    assert not card.xpath("ancestor::details")
    text = card.text_content()
    assert "What to do: Fix person.named." in text
    assert "Why it matters: Why person.named matters." in text
    marks = [m.text_content() for m in card.iter("mark")]
    assert "jo@bakery.example" in marks
    assert card.xpath('.//a[@href="https://bakery.example/contact"]')
    # Five pieces of evidence open, the rest folded.
    assert len(card.xpath('./ul[@class="ev"]/li')) == 5
    assert card.xpath('.//details[@class="more"]/summary')[0].text_content() == "3 more"
    [passed] = tree.xpath('//article[@id="check-email.visible"]')
    assert passed.xpath("ancestor::details")


def test_the_four_answers_with_clicks_and_click_paths(hostile_html: str) -> None:
    tree = _tree(hostile_html)
    cards = {li.get("id"): li for li in tree.xpath('//ul[@class="answers"]/li')}
    assert list(cards) == ["answer-email", "answer-phone", "answer-person",
                           "answer-reassurance"]
    email = cards["answer-email"].text_content()
    assert "Yes" in email and "2 clicks away" in email
    crumbs = [a.text_content() for a in cards["answer-email"].xpath('.//ol[@class="path"]//a')]
    assert crumbs[0] == "Home page" and len(crumbs) == 3
    assert "1 click away" in cards["answer-phone"].text_content()
    assert "Only on pages no link leads to" in cards["answer-person"].text_content()
    reassure = cards["answer-reassurance"].text_content()
    assert "We reply within one business day" in reassure  # the anti-pattern is not counted
    assert "1 click away" in reassure


def test_answers_explain_what_was_found_instead() -> None:
    report = make_report()
    c = report["contacts"]
    c["emails"] = [e for e in c["emails"] if e["noreply"]]
    c["phones"] = [p for p in c["phones"] if p["kind"] == "fax"]
    c["persons"] = []
    c["reassurances"] = c["reassurances"][:1]
    got = {a["key"]: a for a in answers(report)}
    assert got["email"]["state"] == "no" and "no-reply" in got["email"]["note"]
    assert got["phone"]["state"] == "no" and "fax" in got["phone"]["note"]
    assert got["person"]["state"] == "no"
    assert got["reassurance"]["state"] == "no"
    html = HtmlReport().render(report)
    assert "Only a no-reply address was found." in html


def test_answers_keep_the_keys_the_terminal_reads() -> None:
    got = answers(make_report())
    assert [a["key"] for a in got] == ["email", "phone", "person", "reassurance"]
    for a in got:
        assert {"question", "found", "depth", "value"} <= set(a)


def test_one_h1_headings_in_order_and_landmarks(hostile_html: str) -> None:
    tree = _tree(hostile_html)
    assert tree.get("lang") == "en"
    levels = [int(el.tag[1]) for el in tree.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), levels
    body = tree.find("body")
    assert [el.tag for el in body if isinstance(el.tag, str)] == ["a", "header", "main", "footer"]
    skip = body[0]
    assert skip.get("href") == "#main" and tree.xpath('//main[@id="main"]')
    assert tree.xpath("//header//nav[@aria-label]")
    ids = [el.get("id") for el in tree.iter() if isinstance(el.tag, str) and el.get("id")]
    assert len(ids) == len(set(ids))
    for el in tree.xpath("//*[@aria-labelledby]"):
        assert el.get("aria-labelledby") in ids
    for el in tree.xpath('//*[@role="img"]'):
        assert el.get("aria-label")
    for th in tree.iter("th"):
        assert th.get("scope") == "col"
    for d in tree.iter("details"):
        assert d[0].tag == "summary"
    assert tree.xpath('//meta[@name="viewport"]')


def test_colours_meet_wcag_contrast() -> None:
    from reports.contrast import ratio

    for fg, bg in CONTRAST_PAIRS:
        assert ratio(PALETTE[fg], PALETTE[bg]) >= 4.5, (fg, bg)


def test_prints_with_folded_parts_unfolded(hostile_html: str) -> None:
    css = _tree(hostile_html).find(".//style").text
    print_css = css[css.index("@media print"):]
    assert "details::details-content" in print_css
    assert "display:none" in print_css  # the skip link and section menu


def test_incomplete_audit_is_said_first(hostile_html: str) -> None:
    tree = _tree(hostile_html)
    notice = tree.xpath('//main/*[1]')[0]
    assert "Incomplete audit" in notice.text_content()


def test_pages_table_shows_depth_status_and_parent(hostile_html: str) -> None:
    tree = _tree(hostile_html)
    rows = tree.xpath('//section[@id="pages"]//tbody/tr')
    assert len(rows) == 6
    cells = [[td.text_content().strip() for td in r.findall("td")] for r in rows]
    assert cells[3][1:] == ["1", "Home page", "404 Not Found"]
    assert cells[4][1] == "not linked"


@pytest.mark.parametrize("report", [
    {},
    {"site": {}, "contacts": {}, "checks": [{}], "pages": [{}], "categories": [{}]},
    {"score": "high", "grade": None, "checks": [{"id": "a.b", "status": "bogus",
                                                 "evidence": [{"url": None}]}],
     "contacts": {"emails": [{"value": "a@b.c"}], "phones": None, "persons": "x"},
     "pages": [{"url": "https://a.test/", "via": "https://a.test/", "depth": 1}]},
])
def test_missing_or_odd_keys_still_render(report: dict[str, Any]) -> None:
    html = HtmlReport().render(report)
    assert html.startswith("<!doctype html>")
    assert _tree(html).findall(".//h1")


def test_one_wording_of_clicks_in_the_reports_and_the_checks_summaries() -> None:
    # The checks cannot import the reports (nor the reports the checks): the same words, kept
    # equal here.
    from checks.rules.common import clicks as check_clicks

    assert [clicks(d) for d in range(4)] == [check_clicks(d) for d in range(4)]


def test_click_path_survives_a_loop_of_via() -> None:
    site = Site({"pages": [
        {"url": "a", "depth": 1, "via": "b"}, {"url": "b", "depth": 1, "via": "a"}]})
    assert site.path("a") is None
    site = Site({"pages": [{"url": "h", "depth": 0}, {"url": "x", "depth": 1, "via": "h"}]})
    assert [s["url"] for s in site.path("x") or []] == ["h", "x"]


def test_page_names_fall_back_to_the_path() -> None:
    names = page_names({"https://a.test/": {"depth": 0, "title": "Acme"},
                        "https://a.test/c?x=1": {"title": ""}})
    assert names == {"https://a.test/": "Home page", "https://a.test/c?x=1": "/c?x=1"}


def test_matched_value_is_highlighted_in_the_snippet() -> None:
    assert marked("Tel: +44 113 246 0958", "+441132460958") == [
        ("Tel: ", False), ("+44 113 246 0958", True)]
    assert marked("", "x") == []


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JAVASCRIPT:x", "data:text/html,x",
                                 "vbscript:x", "//evil.example/", "file:///etc/passwd", None])
def test_safe_href_refuses_anything_but_web_links(url: Any) -> None:
    assert safe_href(url) == "#"


_text = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=40)


@settings(max_examples=60, deadline=None)
@given(title=_text, snippet=_text, value=_text, name=_text)
def test_any_text_from_the_site_stays_text(title: str, snippet: str, value: str,
                                           name: str) -> None:
    report = make_report()
    report["pages"][1]["title"] = title
    report["checks"][2]["evidence"][0].update(snippet=snippet, value=value)
    report["contacts"]["persons"][0]["name"] = name
    tree = _tree(HtmlReport().render(copy.deepcopy(report)))
    assert not list(tree.iter("script", "img", "iframe"))
    for el in tree.iter():
        if isinstance(el.tag, str):
            assert not [a for a in el.attrib if a.lower().startswith("on")]


def test_long_evidence_lists_are_cut_and_say_so() -> None:
    report = make_report()
    report["checks"][2]["evidence"] = [
        {"url": f"{BASE}p{i}", "snippet": f"s{i}", "value": ""} for i in range(60)]
    tree = _tree(HtmlReport().render(report))
    [card] = tree.xpath('//article[@id="check-person.named"]')
    assert len(card.xpath(".//ul[@class='ev']/li")) == 50
    assert card.xpath('.//details[@class="more"]/summary')[0].text_content() == "55 more"
    assert "and 10 more in report.json" in card.text_content()


def test_hours_addresses_and_kinds_added_later_are_listed() -> None:
    report = make_report()
    occ = [_occ("contact", 2)]
    report["contacts"]["opening_hours"] = [{"value": "Mo-Fr 09:00-17:00", "pages": occ,
                                            "min_depth": 2}]
    report["contacts"]["addresses"] = [{"value": "1 High St, Leeds LS1 1AA", "pages": occ}]
    report["contacts"]["callbacks"] = [{"text": "We call you back", "pages": occ}]
    tree = _tree(HtmlReport().render(report))
    for key, text in (("opening_hours", "Mo-Fr 09:00-17:00"),
                      ("addresses", "1 High St, Leeds LS1 1AA"),
                      ("callbacks", "We call you back")):
        [section] = tree.xpath(f'//section[@id="contacts-{key}"]')
        assert text in section.text_content()
        assert section.xpath('.//ol[@class="path"]')


def test_the_terminal_summary_prints_site_text_literally() -> None:
    import io

    from rich.console import Console

    from reports.terminal import print_summary

    report = {
        "site": {"final_url": "http://x/[/bold]", "complete": False, "stop_reason": "[/x]",
                 "pages_crawled": 1, "duration_s": 1.0},
        "score": 69.8, "grade": "C",
        "checks": [{"status": "fail", "weight": 1, "title": "t",
                    "summary": "“[/bold] [link=javascript:x]y[/link]”"}],
        "contacts": {"emails": [{"value": "[/b]@x.test", "min_depth": 0, "visible": True,
                                 "pages": []}]},
    }
    out = io.StringIO()
    print_summary(report, Console(file=out, width=200, color_system=None), ["a[/]"])
    text = out.getvalue()
    assert "score 69/100" in text and "[/b]@x.test" in text
    assert "“[/bold] [link=javascript:x]y[/link]”" in text and "Wrote a[/]" in text
