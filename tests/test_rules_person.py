"""person.named_contact on hand-built site models, one test per status."""

from __future__ import annotations

from checks.rules.person import named_contact
from tests.sitemodels import fact, site

LINKS = {"/": ["/about", "/contact"], "/about": [], "/contact": []}


def person(name: str, **data: object) -> object:
    return fact("person", name, "text", "main", **data)


def test_a_named_person_with_role_and_email_passes() -> None:
    s = site(LINKS, {"/about": [person("Jane Smith", role="Owner", emails=["jane@a.test"],
                                       phones=[], photo=False)]})
    res = named_contact(s)
    assert res.status == "pass" and res.score == 1.0
    assert "Jane Smith (Owner)" in res.summary and "jane@a.test" in res.summary
    assert res.evidence[0].url == "https://a.test/about"


def test_a_photo_counts_as_being_presented_as_a_person() -> None:
    s = site(LINKS, {"/about": [person("Jane Smith", role="Owner", emails=[], phones=[],
                                       photo=True)]})
    assert named_contact(s).status == "pass"


def test_a_name_without_a_channel_warns_with_advice_naming_the_person() -> None:
    s = site(LINKS, {"/about": [person("Jane Smith", role="Founder", emails=[], phones=[])]})
    res = named_contact(s)
    assert res.status == "warn" and res.score == 0.5
    assert "Jane Smith" in res.recommendation


def test_the_best_person_is_chosen() -> None:
    s = site(LINKS, {
        "/": [person("Tom Brown", role="", emails=[], phones=[])],
        "/contact": [person("Ana Ruiz", role="Office manager", emails=[],
                            phones=["+442079460958"])],
    })
    res = named_contact(s)
    assert res.status == "pass" and "Ana Ruiz" in res.summary


def test_persons_only_in_structured_data_do_not_count() -> None:
    s = site(LINKS, {"/": [person("Jane Smith", role="Owner", emails=["j@a.test"],
                                  visible=False)]})
    res = named_contact(s)
    assert res.status == "fail" and res.score == 0.0 and res.recommendation


def test_no_person_fails() -> None:
    assert named_contact(site(LINKS)).status == "fail"
