"""reassurance.* checks on hand-built site models, one test per status."""

from __future__ import annotations

from typing import Any

import pytest

from checks.facts import Fact
from checks.rules.reassurance import anti_patterns, human_touch, promise_days, response_promise
from tests.sitemodels import fact, site

LINKS = {"/": ["/contact", "/about"], "/contact": [], "/about": []}
CONTACT_LINK = fact("contact_link", "https://a.test/contact", "link", "nav")
FORM = fact("form", "https://a.test/send", "form", "main", message=True, required=3)


def said(text: str, kind: str, **data: Any) -> Fact:
    return fact("reassurance", text, "text", "main", kind=kind, language="en", **data)


def promise(text: str, **p: Any) -> Fact:
    return said(text, "response_time", promise=p or None)


@pytest.mark.parametrize(("promise_", "days"), [
    ({"hours": 24}, 1.0), ({"hours": 2}, 2 / 24), ({"business_days": 2}, 2.0),
    ({"same_day": True}, 0.5), ({"hours": None, "business_days": None}, None), (None, None),
])
def test_promise_days(promise_: dict[str, Any] | None, days: float | None) -> None:
    assert promise_days(promise_) == days


def test_a_one_day_promise_on_the_contact_page_passes() -> None:
    s = site(LINKS, {"/": [CONTACT_LINK],
                     "/contact": [FORM, promise("We reply within 24 hours.", hours=24)]})
    res = response_promise(s)
    assert res.status == "pass" and "within 24 hours" in res.summary
    assert res.evidence[0].url == "https://a.test/contact"


def test_a_quick_promise_away_from_the_form_warns() -> None:
    s = site(LINKS, {"/": [CONTACT_LINK], "/contact": [FORM],
                     "/about": [promise("We answer the same day.", same_day=True)]})
    res = response_promise(s)
    assert res.status == "warn" and "contact page" in res.recommendation


@pytest.mark.parametrize(("text", "p", "status"), [
    ("We will get back to you as soon as possible.", {}, "warn"),
    ("Expect a reply within 2 working days.", {"business_days": 2}, "warn"),
    ("Please allow up to 10 business days.", {"business_days": 10}, "fail"),
])
def test_vague_slow_and_very_slow_promises(text: str, p: dict[str, Any], status: str) -> None:
    s = site(LINKS, {"/": [CONTACT_LINK], "/contact": [FORM, promise(text, **p)]})
    res = response_promise(s)
    assert res.status == status and text in res.summary and res.recommendation


def test_the_best_promise_wins() -> None:
    s = site(LINKS, {"/": [CONTACT_LINK], "/contact": [
        FORM, promise("We reply soon."), promise("We reply within 4 hours.", hours=4)]})
    assert response_promise(s).status == "pass"


def test_no_promise_fails() -> None:
    res = response_promise(site(LINKS, {"/contact": [FORM]}))
    assert res.status == "fail" and res.recommendation


def test_human_touch_passes_and_warns() -> None:
    s = site(LINKS, {"/about": [said("Speak to a real person, not a call centre.", "human")]})
    res = human_touch(s)
    assert res.status == "pass" and "real person" in res.summary
    assert res.evidence[0].url == "https://a.test/about"
    opening = site(LINKS, {"/": [said("Open Mon–Fri 9–5.", "availability")]})
    assert human_touch(opening).status == "warn"


def test_a_contact_us_button_alone_is_not_a_human_touch() -> None:
    # Every site has one: it asks the visitor to write, and says nobody will answer.
    button = site(LINKS, {"/": [said("Contact us", "invitation", cta=True)]})
    assert human_touch(button).status == "warn"
    both = site(LINKS, {"/": [said("Contact us", "invitation", cta=True),
                              said("Call us: a person picks up, not a menu.", "invitation")]})
    assert "picks up" in human_touch(both).summary


PHONE = fact("phone", "+442079460958", "tel", "footer", kind="phone", display="020 7946 0958")


def anti(text: str, kind: str) -> Fact:
    return said(text, "anti_pattern", anti=kind)


def test_anti_patterns_none_one_two() -> None:
    assert anti_patterns(site(LINKS, {"/": [PHONE]})).status == "pass"
    one = site(LINKS, {"/contact": [anti("This mailbox is not monitored.", "noreply")]})
    res = anti_patterns(one)
    assert res.status == "warn" and "not monitored" in res.summary
    two = site(LINKS, {"/contact": [anti("This mailbox is not monitored.", "noreply"),
                                    anti("Please allow 5-7 business days.", "slow_response")]})
    res = anti_patterns(two)
    assert res.status == "fail" and len(res.evidence) == 2


def test_a_bot_next_to_a_phone_number_is_not_an_anti_pattern() -> None:
    bot = anti("Our AI assistant is here 24/7.", "bot_only")
    assert anti_patterns(site(LINKS, {"/": [bot, PHONE]})).status == "pass"
    assert anti_patterns(site(LINKS, {"/": [bot]})).status == "warn"
