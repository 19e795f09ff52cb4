"""D10 channels, hours and address: every status of every check, on hand-built site models."""

from __future__ import annotations

from typing import Any

import pytest

from checks.facts import Fact
from checks.rules.channels import CALL_BACK, address, bot_fallback, diversity, opening_hours
from tests.sitemodels import fact, site

HOME = "https://a.test/"
LINKS = {"/": ["/contact"], "/contact": []}


def phone(value: str = "+441132460958", kind: str = "phone") -> Fact:
    data = {"kind": kind, "display": "0113 246 0958", "intl": False, "premium": False}
    return Fact("phone", value, "tel", "footer", "footer a", "0113 246 0958", True, data)


def email(value: str = "hello@acme.test", noreply: bool = False) -> Fact:
    return fact("email", value, "mailto", "footer", noreply=noreply)


def form() -> Fact:
    return fact("form", "https://a.test/send", "form", message=True, fields=3, required=3)


def chat(provider: str = "intercom", confirmed: bool = True) -> Fact:
    return fact("channel", f"chat:{provider}", "script", "", visible=False, type="chat",
                provider=provider, confirmed=confirmed)


def link(kind: str, url: str, provider: str) -> Fact:
    return fact("channel", url, "link", "footer", type=kind, provider=provider, handle="acme")


def reassurance(text: str, kind: str, **data: Any) -> Fact:
    return fact("reassurance", text, "text", "main", kind=kind, language="en", phrase=text,
                **data)


def addr(value: str, **data: Any) -> Fact:
    base = {"street": None, "postcode": None, "locality": None, "country": None,
            "po_box": None}
    base.update(data)
    visible = base.pop("visible", True)
    return fact("address", value, "text", "footer", visible=visible, **base)


STREET = dict(street="12 Market Street", postcode="LS1 6DT", locality="Leeds", country="GB")


# -- channels.diversity -----------------------------------------------------------------------

def test_three_channels_with_a_phone_pass() -> None:
    s = site(LINKS, {"/": [phone(), email()], "/contact": [form()]})
    res = diversity(s)
    assert (res.status, res.score) == ("pass", 1.0)
    assert "phone, email, contact form" in res.summary
    assert [e.url for e in res.evidence] == [HOME, HOME, "https://a.test/contact"]
    assert [e.value for e in res.evidence][:2] == ["+441132460958", "hello@acme.test"]


def test_messaging_social_and_post_count_and_whatsapp_is_real_time() -> None:
    s = site(LINKS, {"/": [link("messaging", "https://wa.me/447400123456", "whatsapp"),
                           link("social", "https://x.com/acme", "x"),
                           addr("12 Market Street, Leeds LS1 6DT", **STREET)]})
    res = diversity(s)
    assert res.status == "pass" and "the messaging app reaches a person" in res.summary
    assert {e.value for e in res.evidence} == {"https://wa.me/447400123456",
                                               "https://x.com/acme",
                                               "12 Market Street, Leeds LS1 6DT"}


def test_three_channels_none_real_time_warn() -> None:
    s = site(LINKS, {"/": [email(), link("social", "https://x.com/acme", "x")],
                     "/contact": [form()]})
    res = diversity(s)
    assert (res.status, res.score) == ("warn", 0.5)
    assert "none reaches a person in real time" in res.summary and len(res.evidence) == 3
    assert "phone number or a staffed live chat" in res.recommendation


def test_a_bot_chat_is_a_channel_but_not_real_time() -> None:
    s = site(LINKS, {"/": [chat("ada"), email()], "/contact": [form()]})
    res = diversity(s)
    assert res.status == "warn" and "chat" in res.summary and "none reaches" in res.summary


def test_a_confirmed_live_chat_is_real_time() -> None:
    s = site(LINKS, {"/": [chat("intercom"), email()], "/contact": [form()]})
    res = diversity(s)
    assert res.status == "pass" and "the chat reaches a person" in res.summary
    assert "chat:intercom" in [e.value for e in res.evidence]


def test_an_unconfirmed_chat_script_does_not_count() -> None:
    s = site(LINKS, {"/": [chat("hubspot", confirmed=False), email(), phone()]})
    res = diversity(s)
    assert res.status == "warn" and "chat" not in res.summary


def test_two_channels_warn_with_the_next_one_to_add() -> None:
    s = site(LINKS, {"/": [phone(), email()]})
    res = diversity(s)
    assert (res.status, res.score) == ("warn", 0.5)
    assert res.summary == "Only two ways to get in touch: phone, email."
    assert [e.value for e in res.evidence] == ["+441132460958", "hello@acme.test"]
    assert res.recommendation == ("Offer at least three channels: add a contact form next to "
                                  "your phone and email.")


def test_call_back_counts_as_a_channel() -> None:
    s = site(LINKS, {"/": [phone(), reassurance("Leave your number and we call you back.",
                                                "availability")]})
    res = diversity(s)
    assert res.status == "warn" and "call-back" in res.summary
    assert res.evidence[1].value == "Leave your number and we call you back."


def test_faxes_noreply_and_hidden_addresses_do_not_count() -> None:
    s = site(LINKS, {"/": [phone(kind="fax"), email("noreply@acme.test", noreply=True),
                           addr("12 Market Street, Leeds LS1 6DT", visible=False, **STREET)]})
    res = diversity(s)
    assert (res.status, res.score) == ("fail", 0.0) and res.evidence == []
    assert res.summary == "No way to get in touch was found."
    assert res.recommendation == ("Offer at least three channels: add a phone number, an email "
                                  "address and a contact form.")


def test_one_channel_fails() -> None:
    s = site(LINKS, {"/contact": [form()]})
    res = diversity(s)
    assert (res.status, res.score) == ("fail", 0.0)
    assert res.summary == "Only one way to get in touch: contact form."
    assert res.evidence[0].url == "https://a.test/contact"
    assert "add a phone number and an email address next to your contact form" in \
        res.recommendation


def test_a_po_box_is_a_postal_channel() -> None:
    s = site(LINKS, {"/": [email(), addr("PO Box 12, Leeds LS1 1AA", po_box="PO Box 12",
                                         postcode="LS1 1AA")]})
    res = diversity(s)
    assert res.status == "warn" and "post" in res.summary


@pytest.mark.parametrize("text", [
    "We call you back within the hour", "Request a callback", "Request a call-back",
    "We'll ring you back", "calling you back today", "Rückruf anfordern",
    "Wir rufen Sie zurück", "Wir werden Sie zurückrufen", "On vous rappelle",
    "Demandez à être rappelé", "Le devolvemos la llamada", "Te llamamos gratis",
])
def test_call_back_phrases(text: str) -> None:
    assert CALL_BACK.search(text)


@pytest.mark.parametrize("text", ["Mon-Fri 9-5", "Call us back office", "Mo-Fr 9-17 Uhr"])
def test_hours_are_not_a_call_back(text: str) -> None:
    assert not CALL_BACK.search(text)


# -- channels.opening_hours -------------------------------------------------------------------

def test_visible_opening_hours_pass() -> None:
    hours = fact("opening_hours", "Mo-Fr 09:00-17:00", "text", "footer",
                 spec=[], raw="Mon–Fri 9am–5pm")
    res = opening_hours(site(LINKS, {"/contact": [hours]}))
    assert (res.status, res.score) == ("pass", 1.0)
    assert (res.evidence[0].url, res.evidence[0].value) == ("https://a.test/contact",
                                                            "Mo-Fr 09:00-17:00")


def test_hours_only_in_structured_data_warn_with_them_in_the_advice() -> None:
    hours = fact("opening_hours", "Mo-Sa 08:00-18:00", "structured_data", "", visible=False)
    res = opening_hours(site(LINKS, {"/": [hours]}))
    assert (res.status, res.score) == ("warn", 0.5)
    assert res.evidence[0].value == "Mo-Sa 08:00-18:00"
    assert "(Mo-Sa 08:00-18:00)" in res.recommendation


def test_hours_in_the_organization_item_count_as_structured() -> None:
    org = fact("organization", "Acme", "structured_data", "", visible=False,
               opening_hours=["Mo-Fr 09:00-17:00", "Sa 10:00-14:00"])
    res = opening_hours(site(LINKS, {"/": [org]}))
    assert res.status == "warn"
    assert res.evidence[0].value == "Mo-Fr 09:00-17:00; Sa 10:00-14:00"


def test_no_opening_hours_warn() -> None:
    res = opening_hours(site(LINKS, {"/": [phone()]}))
    assert (res.status, res.score) == ("warn", 0.5) and res.evidence == []
    assert res.recommendation == opening_hours.meta.recommendation


# -- channels.bot_fallback --------------------------------------------------------------------

def test_no_chat_is_not_applicable() -> None:
    res = bot_fallback(site(LINKS, {"/": [phone(), chat("hubspot", confirmed=False)]}))
    assert res.status == "not_applicable" and res.evidence == []


def test_a_live_chat_passes() -> None:
    res = bot_fallback(site(LINKS, {"/": [chat("tawk")]}))
    assert (res.status, res.score) == ("pass", 1.0)
    assert "(Tawk.to)" in res.summary  # the lexicon's display name
    assert res.evidence[0].value == "chat:tawk"


def test_a_bot_with_a_visible_phone_passes() -> None:
    res = bot_fallback(site(LINKS, {"/": [chat("ada")], "/contact": [phone()]}))
    assert res.status == "pass" and "ada chat bot" in res.summary
    assert [e.value for e in res.evidence] == ["chat:ada", "+441132460958"]


def test_a_bot_with_a_human_promise_passes() -> None:
    human = reassurance("Speak to a real person in our Leeds team", "human")
    res = bot_fallback(site(LINKS, {"/": [chat("landbot"), human]}))
    assert res.status == "pass" and res.evidence[1].value == human.value


def test_a_bot_without_a_human_fallback_warns() -> None:
    s = site(LINKS, {"/": [chat("dialogflow"), email("noreply@acme.test", noreply=True)]})
    res = bot_fallback(s)
    assert (res.status, res.score) == ("warn", 0.5)
    assert res.evidence[0].value == "chat:dialogflow"
    assert "dialogflow chat bot" in res.recommendation


def test_a_bot_only_message_without_fallback_warns() -> None:
    bot = reassurance("Our virtual assistant answers all questions", "anti_pattern",
                      anti="bot_only")
    res = bot_fallback(site(LINKS, {"/": [bot, phone(kind="fax")]}))
    assert res.status == "warn" and "virtual assistant" in res.summary
    assert res.evidence[0].value == bot.value


def test_a_chat_fact_flagged_bot_first_by_the_detector_is_a_bot() -> None:
    flagged = fact("channel", "chat:acmebot", "script", "", visible=False, type="chat",
                   provider="acmebot", confirmed=True, bot_first=True)
    assert bot_fallback(site(LINKS, {"/": [flagged]})).status == "warn"


# -- channels.address -------------------------------------------------------------------------

def test_street_address_with_postcode_passes() -> None:
    res = address(site(LINKS, {"/": [addr("12 Market Street, Leeds LS1 6DT", **STREET)]}))
    assert (res.status, res.score) == ("pass", 1.0)
    assert (res.evidence[0].url, res.evidence[0].value) == (HOME,
                                                            "12 Market Street, Leeds LS1 6DT")


def test_street_address_only_in_structured_data_warns() -> None:
    hidden = addr("12 Market Street, Leeds LS1 6DT", visible=False, **STREET)
    res = address(site(LINKS, {"/": [hidden]}))
    assert (res.status, res.score) == ("warn", 0.5)
    assert "(12 Market Street, Leeds LS1 6DT)" in res.recommendation


def test_street_without_postcode_warns() -> None:
    res = address(site(LINKS, {"/contact": [addr("12 Market Street, Leeds",
                                                 street="12 Market Street")]}))
    assert res.status == "warn" and "no postcode" in res.summary
    assert "https://a.test/contact" in res.recommendation
    assert res.evidence[0].value == "12 Market Street, Leeds"


def test_only_a_po_box_fails() -> None:
    res = address(site(LINKS, {"/": [addr("PO Box 12, Leeds LS1 1AA", po_box="PO Box 12",
                                          postcode="LS1 1AA")]}))
    assert (res.status, res.score) == ("fail", 0.0)
    assert res.summary.startswith("No street address found")
    assert res.evidence[0].value == "PO Box 12, Leeds LS1 1AA"


def test_no_address_fails() -> None:
    res = address(site(LINKS, {"/": [phone()]}))
    assert (res.status, res.score) == ("fail", 0.0)
    assert res.summary == "No street address found." and res.evidence == []
    assert res.recommendation == address.meta.recommendation
