"""D6 contact-form friction: every status of every check, on hand-built site models."""

from __future__ import annotations

from typing import Any

import pytest

from checks.api import Check, Result
from checks.facts import Fact
from checks.model import SiteModel
from checks.rules.forms import (
    autocomplete,
    captcha_login,
    confirm_email,
    contact_form,
    required_fields,
)
from tests.sitemodels import fact, site

ACTION = "https://a.test/send"
FORM_CHECKS = [required_fields, captcha_login, autocomplete, confirm_email]


def form(required: int = 3, fields: int | None = None, **data: Any) -> Fact:
    inputs = [{"name": f"f{n}", "type": "text", "required": n < required, "autocomplete": None,
               "label": f"Field {n}"} for n in range(fields if fields is not None else required)]
    base: dict[str, Any] = {
        "fields": len(inputs), "required": required, "textarea": True, "email_field": True,
        "message": True, "inputs": inputs, "captcha": None, "login_required": False,
        "autocomplete": {"name": True, "email": True, "tel": None}, "confirm_email": False,
        "action": ACTION, "method": "post",
    }
    base.update(data)
    # Built by hand: the data keys "method" and "action" clash with fact()'s arguments.
    return Fact("form", ACTION, "form", "main", "main form", "3 fields", True, base)


def one_form(f: Fact, page: str = "/contact") -> SiteModel:
    return site({"/": [page], page: []}, {page: [f]})


def run(chk: Check, s: SiteModel) -> Result:
    res = chk(s)
    assert res.score is not None
    return res


# -- which form is judged ---------------------------------------------------------------------

def test_the_nearest_message_form_is_the_contact_form() -> None:
    newsletter = fact("form", "https://a.test/subscribe", "form", message=False, required=1)
    near, far = form(2), form(9)
    s = site({"/": ["/contact"], "/contact": ["/deep"], "/deep": []},
             {"/": [newsletter], "/contact": [near], "/deep": [far]})
    assert contact_form(s) == ("https://a.test/contact", near)


def test_a_form_on_a_contact_page_wins_a_tie() -> None:
    other, on_contact = form(6), form(2)
    s = site({"/": ["/about", "/contact"], "/about": [], "/contact": []},
             {"/": [fact("contact_link", "https://a.test/contact", "link", "nav")],
              "/about": [other], "/contact": [on_contact]})
    assert contact_form(s) == ("https://a.test/contact", on_contact)


@pytest.mark.parametrize("chk", FORM_CHECKS)
def test_not_applicable_without_a_message_form(chk: Check) -> None:
    search = fact("form", "https://a.test/search", "form", message=False, required=0)
    res = run(chk, site({"/": []}, {"/": [search]}))
    assert res.status == "not_applicable" and res.evidence == []


# -- forms.required_fields --------------------------------------------------------------------

@pytest.mark.parametrize(("required", "status", "score"), [
    (0, "pass", 1.0), (4, "pass", 1.0), (5, "warn", 0.5), (7, "warn", 0.5), (8, "fail", 0.0),
    (12, "fail", 0.0),
])
def test_required_fields_thresholds(required: int, status: str, score: float) -> None:
    res = run(required_fields, one_form(form(required)))
    assert (res.status, res.score) == (status, score)
    [ev] = res.evidence
    assert ev.url == "https://a.test/contact" and ev.value == ACTION and ev.selector
    assert (f"{required} required" if required else "none marked required") in res.summary


def test_required_fields_are_named_and_the_advice_is_concrete() -> None:
    res = run(required_fields, one_form(form(6)))
    assert "Field 0, Field 1" in res.summary
    assert "6 required fields" in res.recommendation
    assert "https://a.test/contact" in res.recommendation
    assert res.recommendation.endswith("make the others optional or drop them.")


def test_the_advice_names_the_required_fields_beyond_name_email_and_message() -> None:
    inputs = [{"name": n, "type": t, "required": True, "autocomplete": "", "label": lab}
              for n, t, lab in [("vorname", "text", "Vorname"), ("nachname", "text", "Nachname"),
                                ("tel", "tel", "Telefon"), ("mail", "email", "E-Mail"),
                                ("firma", "text", "Firma"), ("msg", "textarea", "Nachricht")]]
    res = run(required_fields, one_form(form(6, inputs=inputs)))
    assert res.status == "warn"
    assert res.summary.endswith("(Vorname, Nachname, Telefon, E-Mail, Firma, Nachricht).")
    assert res.recommendation.endswith(
        "make 'Nachname', 'Telefon' and 'Firma' optional or drop them.")


def test_many_fields_none_marked_required_needs_review() -> None:
    res = run(required_fields, one_form(form(0, fields=9)))
    assert (res.status, res.score) == ("needs_review", 0.5)
    assert "9 fields" in res.summary and res.evidence[0].value == ACTION
    assert "required attribute" in res.recommendation


def test_few_fields_none_marked_required_passes() -> None:
    res = run(required_fields, one_form(form(0, fields=3)))
    assert res.status == "pass" and res.evidence
    assert res.summary.endswith("has 3 field(s), none marked required.")


def test_an_embedded_form_needs_review() -> None:
    f = form(0, fields=0, embed="typeform", inputs=[], autocomplete={})
    res = run(required_fields, one_form(f))
    assert res.status == "needs_review" and "typeform" in res.summary
    assert res.evidence[0].url == "https://a.test/contact"


# -- forms.captcha_login ----------------------------------------------------------------------

def test_no_captcha_passes() -> None:
    res = run(captcha_login, one_form(form()))
    assert (res.status, res.score) == ("pass", 1.0) and res.evidence[0].value == ACTION


def test_invisible_captcha_passes() -> None:
    f = form(captcha={"provider": "reCAPTCHA v3", "kind": "invisible"})
    res = run(captcha_login, one_form(f))
    assert res.status == "pass" and "reCAPTCHA v3" in res.summary


@pytest.mark.parametrize("kind", ["checkbox", "puzzle"])
def test_visible_captcha_warns(kind: str) -> None:
    f = form(captcha={"provider": "hCaptcha", "kind": kind})
    res = run(captcha_login, one_form(f))
    assert (res.status, res.score) == ("warn", 0.5)
    assert "hCaptcha" in res.summary and res.evidence[0].url == "https://a.test/contact"
    assert "invisible" in res.recommendation and "https://a.test/contact" in res.recommendation


def test_login_before_contact_fails_even_with_a_captcha() -> None:
    f = form(login_required=True, captcha={"provider": "hCaptcha", "kind": "puzzle"})
    res = run(captcha_login, one_form(f))
    assert (res.status, res.score) == ("fail", 0.0)
    assert "log in" in res.summary and res.evidence[0].value == ACTION


def test_captcha_of_an_embedded_form_cannot_be_seen() -> None:
    res = run(captcha_login, one_form(form(0, fields=0, embed="google_forms", inputs=[])))
    assert res.status == "not_applicable" and res.evidence


# -- forms.autocomplete -----------------------------------------------------------------------

def _inputs() -> list[dict[str, Any]]:
    return [
        {"name": "your-name", "type": "text", "required": True, "autocomplete": None,
         "label": "Your name"},
        {"name": "your-email", "type": "email", "required": True, "autocomplete": None,
         "label": "Email"},
        {"name": "phone", "type": "tel", "required": False, "autocomplete": None,
         "label": "Phone"},
    ]


def test_autocomplete_on_every_personal_field_passes() -> None:
    f = form(autocomplete={"name": True, "email": True, "tel": True})
    res = run(autocomplete, one_form(f))
    assert (res.status, res.score) == ("pass", 1.0) and res.evidence[0].value == ACTION


def test_autocomplete_on_some_fields_warns_and_names_the_missing_field() -> None:
    f = form(inputs=_inputs(), autocomplete={"name": True, "email": False, "tel": None})
    res = run(autocomplete, one_form(f))
    assert (res.status, res.score) == ("warn", 0.5)
    assert "email" in res.summary and "name" not in res.summary.split("(")[1]
    assert """autocomplete="email" to the 'Email' field""" in res.recommendation
    assert res.evidence[0].url == "https://a.test/contact"


def test_no_autocomplete_at_all_fails() -> None:
    f = form(inputs=_inputs(), autocomplete={"name": False, "email": False, "tel": False})
    res = run(autocomplete, one_form(f))
    assert (res.status, res.score) == ("fail", 0.0)
    for hint in ('autocomplete="name" to the \'Your name\' field',
                 'autocomplete="email" to the \'Email\' field',
                 'autocomplete="tel" to the \'Phone\' field'):
        assert hint in res.recommendation
    assert res.evidence[0].value == ACTION


def test_missing_field_without_inputs_gets_a_generic_name() -> None:
    f = form(inputs=[], autocomplete={"name": True, "tel": False})
    res = run(autocomplete, one_form(f))
    assert res.status == "warn" and "the phone field" in res.recommendation


def test_a_form_without_personal_fields_is_not_applicable() -> None:
    f = form(autocomplete={"name": None, "email": None, "tel": None})
    res = run(autocomplete, one_form(f))
    assert res.status == "not_applicable" and res.evidence


def test_autocomplete_of_an_embedded_form_cannot_be_seen() -> None:
    f = form(0, fields=0, embed="typeform", inputs=[], autocomplete={})
    res = run(autocomplete, one_form(f))
    assert res.status == "not_applicable" and "typeform" in res.summary


# -- forms.confirm_email ----------------------------------------------------------------------

def test_a_single_email_field_passes() -> None:
    res = run(confirm_email, one_form(form()))
    assert (res.status, res.score) == ("pass", 1.0) and res.evidence[0].value == ACTION


def test_confirm_email_field_warns() -> None:
    res = run(confirm_email, one_form(form(confirm_email=True)))
    assert (res.status, res.score) == ("warn", 0.5)
    assert res.evidence[0].url == "https://a.test/contact"
    assert "Remove the 'confirm email' field" in res.recommendation


def test_confirm_email_of_an_embedded_form_cannot_be_seen() -> None:
    res = run(confirm_email, one_form(form(0, fields=0, embed="jotform", inputs=[])))
    assert res.status == "not_applicable" and res.evidence


def test_a_home_made_image_captcha_is_named_as_such() -> None:
    res = run(captcha_login, one_form(form(captcha={"provider": "image", "kind": "puzzle"})))
    assert res.status == "warn" and res.evidence[0].value == ACTION
    assert "shows a visible image CAPTCHA puzzle" in res.summary
