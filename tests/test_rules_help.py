"""help.* checks (WCAG 2.2 SC 3.2.6) on hand-built site models, one test per status."""

from __future__ import annotations

from typing import Any

from checks.facts import Fact
from checks.rules.help import consistent_order, coverage
from tests.sitemodels import site

HEADER = {"mechanism": "header_start", "region": "header"}
MAIN = {"mechanism": "main", "region": "main"}
FOOTER = {"mechanism": "footer_start", "region": "footer"}
PHONE = {"mechanism": "phone", "region": "footer", "label": "0113 246 0958"}
LINK = {"mechanism": "contact_link", "region": "footer", "label": "Contact"}
USUAL = [HEADER, MAIN, FOOTER, PHONE, LINK]
SWAPPED = [HEADER, MAIN, FOOTER, LINK, PHONE]


def order(seq: list[dict[str, str]], any_help: bool = True) -> Fact:
    return Fact("help_order", "|".join(i["mechanism"] for i in seq), "dom", "",
                data={"sequence": seq, "any_help": any_help})


def pages(n: int) -> dict[str, list[str]]:
    return {"/": [f"/p{i}" for i in range(1, n)], **{f"/p{i}": [] for i in range(1, n)}}


def with_orders(n: int, odd: dict[str, list[dict[str, str]]] | None = None,
                **kw: Any) -> Any:
    odd = odd or {}
    facts = {p: [order(odd.get(p, USUAL))] for p in pages(n)}
    return site(pages(n), facts, **kw)


def test_same_order_everywhere_passes() -> None:
    res = consistent_order(with_orders(5))
    assert res.status == "pass" and res.score == 1.0 and "All 5 pages" in res.summary


def test_one_page_in_twelve_out_of_order_needs_review_with_the_page_listed() -> None:
    res = consistent_order(with_orders(12, {"/p7": SWAPPED}))
    assert res.status == "needs_review" and res.score == 0.5
    assert [e.url for e in res.evidence] == ["https://a.test/p7"]
    assert "the contact link (footer) comes before the phone number" in res.evidence[0].snippet
    assert "https://a.test/p7" in res.recommendation


def test_many_pages_out_of_order_fail() -> None:
    res = consistent_order(with_orders(5, {"/p1": SWAPPED, "/p2": SWAPPED}))
    assert res.status == "fail" and len(res.evidence) == 2


def test_a_phone_moved_to_the_header_is_a_disagreement() -> None:
    moved = [HEADER, {"mechanism": "phone", "region": "header"}, MAIN, FOOTER, LINK]
    res = consistent_order(with_orders(4, {"/p3": moved}))
    assert res.status == "fail" and res.evidence[0].url == "https://a.test/p3"


def test_fewer_than_two_pages_with_help_is_not_applicable() -> None:
    bare = [HEADER, MAIN, FOOTER]
    s = site(pages(3), {"/": [order(USUAL)], "/p1": [order(bare)], "/p2": [order(bare)]})
    assert consistent_order(s).status == "not_applicable"


def test_error_pages_take_no_part() -> None:
    s = with_orders(3, {"/p2": SWAPPED}, status={"/p2": 404})
    assert consistent_order(s).status == "pass"


def coverage_site(without: int, total: int) -> Any:
    facts = {p: [order(USUAL, any_help=i >= without)] for i, p in enumerate(pages(total))}
    return site(pages(total), facts)


def test_coverage_thresholds() -> None:
    assert coverage(coverage_site(0, 20)).status == "pass"
    res = coverage(coverage_site(1, 20))
    assert res.status == "pass" and "95% of 20 pages" in res.summary
    res = coverage(coverage_site(2, 20))
    assert res.status == "warn" and len(res.evidence) == 2
    assert coverage(coverage_site(9, 20)).status == "fail"
    assert coverage(site({"/": []})).status == "not_applicable"
