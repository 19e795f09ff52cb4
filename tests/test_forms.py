"""Form detector: inputs, labels, CAPTCHA, login, autocomplete, confirm-email and embeds.

Every word and marker of lexicons/forms.json is a test.
"""

from __future__ import annotations

from typing import Any

import pytest

from checks.detectors.forms import FormDetector
from checks.facts import Fact
from checks.lexicons import load
from crawler.page import Page

LEX = load("forms")
MESSAGE = "<textarea name='message' required></textarea>"


def words(key: str) -> list[str]:
    value = LEX[key]
    return [w for ws in value.values() for w in ws] if isinstance(value, dict) else list(value)


def facts(body: str, head: str = "", url: str = "https://acme.test/contact") -> list[Fact]:
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    return list(FormDetector().detect(Page.from_html(url, html)))


def form(body: str, head: str = "") -> dict[str, Any]:
    [fact] = facts(body, head)
    return fact.data


def contact(fields: str, attrs: str = "", head: str = "") -> dict[str, Any]:
    """The data of one message form with ``fields`` and a message box."""
    return form(f"<form {attrs}>{fields}{MESSAGE}<button>Send</button></form>", head)


# -- the fact and its data ---

def test_fact_shape_and_all_data_keys() -> None:
    [fact] = facts("<main><form action='/send' method='POST' id='contact'>"
                   "<label for='n'>Your name</label><input id='n' name='name' "
                   "autocomplete='name' required>"
                   "<label>Email <input type='email' name='email' autocomplete='email' "
                   "required></label>" + MESSAGE + "<button>Send</button></form></main>")
    assert (fact.kind, fact.value, fact.method, fact.region, fact.selector) == (
        "form", "https://acme.test/send", "form", "main", "#contact")
    assert fact.snippet == "3 fields, 3 required"
    assert fact.data == {
        "fields": 3, "required": 3, "textarea": True, "email_field": True, "message": True,
        "inputs": [
            {"name": "name", "type": "text", "required": True, "autocomplete": "name",
             "label": "Your name"},
            {"name": "email", "type": "email", "required": True, "autocomplete": "email",
             "label": "Email"},
            {"name": "message", "type": "textarea", "required": True, "autocomplete": "",
             "label": ""},
        ],
        "captcha": None, "login_required": False,
        "autocomplete": {"name": True, "email": True, "tel": None},
        "confirm_email": False, "action": "https://acme.test/send", "method": "post",
        "embed": None, "formless": False,
    }


def test_form_without_action_posts_to_its_page_with_get() -> None:
    data = contact("<input type=email name=email>")
    assert (data["action"], data["method"]) == ("https://acme.test/contact", "get")


# -- labels and required ---

@pytest.mark.parametrize(("fields", "label"), [
    ("<label for='f'>Full name</label><input id='f' name='x'>", "Full name"),
    ("<label>Full name <input name='x'></label>", "Full name"),
    ("<label>Pick <select name='x'><option>Alpha</option></select></label>", "Pick"),
    ("<input name='x' aria-label='Full name'>", "Full name"),
    ("<span id='l1'>Full</span><span id='l2'>name</span><input name='x' "
     "aria-labelledby='l1 l2'>", "Full name"),
    ("<label>Full name</label><input name='x'>", "Full name"),
    ("<input name='x' placeholder='Full name'>", "Full name"),
    ("<input name='x' title='Full name'>", "Full name"),
    ("<table><tr><td>Full name</td><td><input name='x'></td></tr></table>", "Full name"),
    ("<input name='x'>", ""),
])
def test_label_sources(fields: str, label: str) -> None:
    assert contact(fields)["inputs"][0]["label"] == label


def test_label_for_wins_over_placeholder() -> None:
    data = contact("<label for='e'>Email address</label><input id='e' name='e' placeholder='you@'>")
    assert data["inputs"][0]["label"] == "Email address"


@pytest.mark.parametrize(("fields", "required"), [
    ("<input name='x' required>", True),
    ("<input name='x' aria-required='true'>", True),
    ("<label for='x'>Name *</label><input id='x' name='x'>", True),
    ("<label for='x'>*Your name :</label><input id='x' name='x'>", True),
    ("<label for='x'>Name (required)</label><input id='x' name='x'>", True),
    ("<label for='x'>Name (Pflichtfeld)</label><input id='x' name='x'>", True),
    ("<label for='x'>Phone (optional)</label><input id='x' name='x'>", False),
    ("<input name='x'>", False),
])
def test_required_marks(fields: str, required: bool) -> None:
    assert contact(fields)["inputs"][0]["required"] is required


def test_radio_and_checkbox_groups_are_one_field() -> None:
    data = contact("<input type=radio name=topic value=a><input type=radio name=topic value=b "
                   "required><input type=checkbox name='svc[]' value=1>"
                   "<input type=checkbox name='svc[]' value=2><input type=checkbox name=gdpr "
                   "required>")
    assert [(i["name"], i["required"]) for i in data["inputs"]][:3] == [
        ("topic", True), ("svc[]", False), ("gdpr", True)]
    assert (data["fields"], data["required"]) == (4, 3)


# -- honeypots ---

@pytest.mark.parametrize("name", words("honeypot_names"))
def test_honeypot_names_are_not_fields(name: str) -> None:
    data = contact(f"<input type=email name=email><input name='{name}'>")
    assert [i["name"] for i in data["inputs"]] == ["email", "message"]


@pytest.mark.parametrize("cls", words("honeypot_classes"))
def test_fields_in_hidden_containers_are_not_fields(cls: str) -> None:
    data = contact(f"<input type=email name=email><p class='x {cls.upper()}'>"
                   "<label>Leave blank <input name='website'></label></p>")
    assert data["fields"] == 2


@pytest.mark.parametrize("trap", [
    "<form netlify-honeypot='trap-me'>",
    "<form data-netlify-honeypot='trap-me'>",
])
def test_declared_honeypot_and_other_traps(trap: str) -> None:
    data = form(trap + "<input type=email name=email><input name='trap-me'>"
                "<div aria-hidden='true'><input name='b_123_456'></div>"
                "<input name='url2' tabindex='-1' autocomplete='off'>" + MESSAGE + "</form>")
    assert data["fields"] == 2


# -- which forms are message forms ---

@pytest.mark.parametrize("html", [
    "<form role=search><input name=q></form>",
    "<form action='/find'><input type=search name=term><input type=email name=e></form>",
    "<form><input type=email name=newsletter><button>Subscribe</button></form>",
    "<form><input name=name><input type=email name=email><button>Join</button></form>",
    "<form><input name=user><input type=password name=pw><textarea name=bio></textarea></form>",
    "<form><input type=hidden name=a><button>Go</button></form>",
    "<form><input name=subject><button>Go</button></form>",
])
def test_not_message_forms(html: str) -> None:
    assert facts(html) == []


@pytest.mark.parametrize("word", words("search_words"))
def test_search_words_make_a_search_box(word: str) -> None:
    assert facts(f"<form><input name='{word}'><textarea name=q2></textarea></form>") != []
    assert facts(f"<form><input name='{word}'></form>") == []
    assert facts(f"<form><input name='{word}'><input name='{word}' type=search>"
                 "<button>Find</button></form>") == []


@pytest.mark.parametrize("token", words("not_contact_tokens"))
def test_comment_checkout_and_signup_forms_are_not_contact_forms(token: str) -> None:
    fields = "<input name=author><input type=email name=email><textarea name=comment></textarea>"
    assert facts(f"<form id='{token}'>{fields}</form>") == []
    assert facts(f"<form class='site-{token}-form'>{fields}</form>") == []
    assert facts(f"<form action='/{token}/post.php'>{fields}</form>") == []


def test_wordpress_comment_form_is_not_a_contact_form() -> None:
    assert facts("<form action='https://acme.test/wp-comments-post.php' method='post' "
                 "id='commentform'><textarea name='comment'></textarea><input name='author'>"
                 "<input name='email'></form>") == []


@pytest.mark.parametrize("word", words("message_words"))
def test_one_line_message_field_with_email_is_a_message_form(word: str) -> None:
    [fact] = facts(f"<form><input name=name><input type=email name=email>"
                   f"<input name='{word}'><button>Send</button></form>")
    assert fact.data["textarea"] is False


def test_one_line_message_field_needs_a_way_to_answer() -> None:
    assert facts("<form><input name=name><input name=subject><button>Go</button></form>") == []


# -- field purposes and autocomplete ---

@pytest.mark.parametrize(("key", "purpose"), [
    ("name_words", "name"), ("email_words", "email"), ("tel_words", "tel")])
def test_field_words_give_the_field_a_purpose(key: str, purpose: str) -> None:
    for word in words(key):
        ac = contact(f"<input name='your-{word}'>")["autocomplete"]
        assert ac == {p: (False if p == purpose else None) for p in ("name", "email", "tel")}, word


@pytest.mark.parametrize("word", words("not_name_words"))
def test_company_and_user_names_are_not_a_persons_name(word: str) -> None:
    assert contact(f"<input name='{word}-name'>")["autocomplete"]["name"] is None


@pytest.mark.parametrize("hay", ["hotel", "nominee", "mailbox-size", "cellar"])
def test_short_words_stand_alone(hay: str) -> None:
    ac = contact(f"<input name='{hay}'>")["autocomplete"]
    assert ac == {"name": None, "email": None, "tel": None}


@pytest.mark.parametrize(("fields", "expected"), [
    ("<input name=n autocomplete=name><input type=email name=e autocomplete=email>"
     "<input type=tel name=t autocomplete=tel>", {"name": True, "email": True, "tel": True}),
    ("<input name=first autocomplete=given-name><input name=last autocomplete=family-name>"
     "<input name=e autocomplete='section-a work email'>"
     "<input name=p autocomplete='shipping tel-national'>",
     {"name": True, "email": True, "tel": True}),
    ("<input name=name autocomplete=name><input type=email name=email>",
     {"name": True, "email": False, "tel": None}),
    ("<input name=name autocomplete=off><input type=email name=email autocomplete=off>",
     {"name": False, "email": False, "tel": None}),
    ("<input name=vorname autocomplete=given-name><input name=nachname>",
     {"name": False, "email": None, "tel": None}),
    ("<input name=contact autocomplete=email>", {"name": None, "email": True, "tel": None}),
    ("<input name=x type=tel>", {"name": None, "email": None, "tel": False}),
])
def test_autocomplete_per_purpose(fields: str, expected: dict[str, bool | None]) -> None:
    assert contact(fields)["autocomplete"] == expected


# -- confirm email ---

@pytest.mark.parametrize("word", words("confirm_words"))
def test_second_email_field_to_confirm(word: str) -> None:
    fields = ("<input type=email name=email>"
              f"<input type=email name=email2 placeholder='E-mail ({word})'>")
    assert contact(fields)["confirm_email"] is True


@pytest.mark.parametrize("fields", [
    "<input type=email name=email>",
    "<input type=email name=email placeholder='We confirm within a day'>",
    "<input type=email name=work-email><input type=email name=private-email>",
])
def test_no_confirm_email(fields: str) -> None:
    assert contact(fields)["confirm_email"] is False


# -- login ---

def test_password_with_a_message_box_needs_a_login() -> None:
    data = form("<form><input name=user><input type=password name=pw>"
                "<textarea name=message></textarea></form>")
    assert data["login_required"] is True


@pytest.mark.parametrize("word", words("login_words"))
def test_form_posting_to_a_login_url_needs_a_login(word: str) -> None:
    assert contact("<input type=email name=email>", f"action='/account/{word}'")[
        "login_required"] is True
    assert contact("<input type=email name=email>", f"action='/{word}.php?next=/contact'")[
        "login_required"] is True


@pytest.mark.parametrize("phrase", words("login_phrases"))
def test_text_near_the_form_saying_log_in_first(phrase: str) -> None:
    body = (f"<section><div><p>{phrase.upper()} …</p></div><div><form>"
            f"<input type=email name=email>{MESSAGE}</form></div></section>")
    assert form(body)["login_required"] is True


def test_a_login_link_in_the_header_is_not_a_login_wall() -> None:
    body = ("<header><a href='/login'>Log in</a> Please log in to see orders</header>"
            "<main><section><h1>Contact</h1><div><form><input type=email name=email>"
            f"{MESSAGE}</form></div></section></main>")
    assert form(body)["login_required"] is False


# -- CAPTCHA ---

CAPTCHA_EXAMPLES = [(c["provider"], c["kind"], c["example"]) for c in LEX["captcha"]
                    if c["example"]]
CAPTCHA_SCRIPTS = [(c["provider"], c["kind"], m) for c in LEX["captcha"] for m in c["scripts"]]


@pytest.mark.parametrize(("provider", "kind", "widget"), CAPTCHA_EXAMPLES)
def test_every_captcha_widget_in_the_form(provider: str, kind: str, widget: str) -> None:
    assert contact("<input type=email name=email>" + widget)["captcha"] == {
        "provider": provider, "kind": kind}


@pytest.mark.parametrize(("provider", "kind", "marker"), CAPTCHA_SCRIPTS)
def test_every_captcha_script_guards_a_form_without_widget(provider: str, kind: str,
                                                           marker: str) -> None:
    head = f"<script src='https://cdn.test/{marker}/api.js' async></script>"
    assert contact("<input type=email name=email>", head=head)["captcha"] == {
        "provider": provider, "kind": kind}


@pytest.mark.parametrize(("widget", "head", "expected"), [
    ("<div class='g-recaptcha' data-sitekey='k' data-size='invisible'></div>", "", "invisible"),
    ("<button class='g-recaptcha' data-sitekey='k' data-callback='go'>Send</button>", "",
     "invisible"),
    ("<div class='h-captcha' data-sitekey='k' data-size='invisible'></div>", "", "invisible"),
    ("", "<script src='https://www.google.com/recaptcha/api.js?render=6Lc_site_key'></script>",
     "invisible"),
    ("", "<script src='https://www.google.com/recaptcha/enterprise.js?render=6Lc_k'></script>",
     "invisible"),
    ("", "<script src='https://www.google.com/recaptcha/api.js?render=explicit'></script>",
     "checkbox"),
    ("", "<script src='https://www.google.com/recaptcha/api.js'></script><script>"
     "grecaptcha.ready(function(){grecaptcha.execute('k',{action:'contact'})})</script>",
     "invisible"),
    ("<input type=hidden name='g-recaptcha-response'>", "", "invisible"),
    ("<div class='g-recaptcha' data-sitekey='k'></div>",
     "<script src='https://www.google.com/recaptcha/api.js?render=6Lc_k'></script>", "checkbox"),
])
def test_recaptcha_and_hcaptcha_kinds(widget: str, head: str, expected: str) -> None:
    captcha = contact("<input type=email name=email>" + widget, head=head)["captcha"]
    assert captcha is not None and captcha["kind"] == expected


@pytest.mark.parametrize("widget", [
    "<img src='/captcha.php?rand=123' alt=''><input name='captcha_code'>",
    "<label>Type the code <input name='security-captcha'></label>",
])
def test_image_captcha_is_a_puzzle(widget: str) -> None:
    assert contact("<input type=email name=email>" + widget)["captcha"] == {
        "provider": "image", "kind": "puzzle"}


def test_page_script_captcha_stays_with_the_form_that_shows_it() -> None:
    head = "<script src='https://www.google.com/recaptcha/api.js'></script>"
    body = ("<form id=a><input type=email name=email><div class='g-recaptcha'></div>"
            f"{MESSAGE}</form><form id=b><input type=email name=email>{MESSAGE}</form>")
    assert [f.data["captcha"] for f in facts(body, head)] == [
        {"provider": "recaptcha", "kind": "checkbox"}, None]


def test_no_captcha() -> None:
    assert contact("<input type=email name=email>")["captcha"] is None


# -- forms without a form element ---

def test_fields_without_a_form_element_are_a_formless_message_form() -> None:
    body = ("<main><table id='enquiry'><tr><td>Name*</td><td><input name='sname'></td></tr>"
            "<tr><td>E-mail*</td><td><input name='email'></td></tr>"
            "<tr><td>Feedback</td><td><textarea name='feedback'></textarea></td></tr>"
            "<tr><td></td><td><input type='submit' value='Submit' onclick='return check()'>"
            "</td></tr></table></main>")
    [fact] = facts(body)
    assert (fact.value, fact.selector, fact.data["formless"], fact.data["action"]) == (
        "https://acme.test/contact", "#enquiry", True, "")
    assert (fact.data["fields"], fact.data["required"]) == (3, 2)


@pytest.mark.parametrize("body", [
    "<div><textarea name='notes'></textarea><input name='x'><button>Copy</button></div>",
    "<div><textarea name='message'></textarea><input type=email name='email'></div>",
    "<div><p><textarea readonly>licence text</textarea></p></div>",
])
def test_loose_textareas_without_contact_fields_or_button_are_not_forms(body: str) -> None:
    assert facts(body) == []


# -- embedded and hosted forms ---

@pytest.mark.parametrize(("marker", "provider"), list(LEX["embeds"]["frames"].items()))
def test_every_form_builder_iframe_is_an_embedded_form(marker: str, provider: str) -> None:
    src = f"https://www.{marker}{'' if marker.endswith(('/', '-')) else '/'}abc123?embed=1"
    [fact] = facts(f"<main><p>Write to us</p><iframe src='{src}' title='Contact'></iframe></main>")
    assert (fact.value, fact.region, fact.selector) == (src, "main", "main > iframe")
    assert fact.data["embed"] == provider
    assert (fact.data["inputs"], fact.data["fields"], fact.data["message"]) == ([], 0, True)


def test_lazy_iframe_and_other_iframes() -> None:
    body = ("<iframe data-src='https://docs.google.com/forms/d/e/1FAIpQL/viewform?embedded=true'>"
            "</iframe><iframe src='https://www.youtube.com/embed/x'></iframe>"
            "<iframe src='https://maps.google.com/maps?q=x&output=embed'></iframe>")
    assert [f.data["embed"] for f in facts(body)] == ["google_forms"]


@pytest.mark.parametrize(("marker", "provider"), list(LEX["embeds"]["scripts"].items()))
def test_every_form_builder_script_is_an_embedded_form(marker: str, provider: str) -> None:
    [fact] = facts("<p>Hi</p>", head=f"<script src='https://{marker}x.js'></script>")
    assert (fact.value, fact.data["embed"], fact.data["action"]) == (
        "https://acme.test/contact", provider, "")


@pytest.mark.parametrize(("marker", "provider"), list(LEX["embeds"]["inline"].items()))
def test_every_inline_form_builder_marker(marker: str, provider: str) -> None:
    [fact] = facts(f"<p>Hi</p><script>var go = '{marker}';</script>")
    assert fact.data["embed"] == provider


@pytest.mark.parametrize(("attr", "provider"), list(LEX["embeds"]["attributes"].items()))
def test_script_form_is_placed_at_its_target_attribute(attr: str, provider: str) -> None:
    script = next(m for m, p in LEX["embeds"]["scripts"].items() if p == provider)
    [fact] = facts(f"<footer><div {attr}='abc'></div></footer>",
                   head=f"<script src='https://{script}x.js'></script>")
    assert (fact.region, fact.selector, fact.data["embed"]) == ("footer", "footer > div",
                                                                provider)


@pytest.mark.parametrize(("cls", "provider"), list(LEX["embeds"]["classes"].items()))
def test_script_form_is_placed_at_its_target_class(cls: str, provider: str) -> None:
    script = next(m for m, p in LEX["embeds"]["scripts"].items() if p == provider)
    [fact] = facts(f"<aside><div class='x {cls}'></div></aside>",
                   head=f"<script src='https://{script}x.js'></script>")
    assert (fact.region, fact.selector) == ("aside", "aside > div")


def test_hubspot_form_is_drawn_into_its_target() -> None:
    body = ("<main><div id='hs-contact'></div></main><script charset='utf-8' "
            "src='//js.hsforms.net/forms/embed/v2.js'></script><script>hbspt.forms.create({"
            "region: 'eu1', portalId: '123', formId: 'abc-def', target: '#hs-contact'});</script>")
    [fact] = facts(body)
    assert (fact.selector, fact.snippet, fact.data["embed"]) == (
        "#hs-contact", "hubspot form (script)", "hubspot")


def test_iframe_and_script_of_one_builder_are_one_form() -> None:
    body = ("<iframe src='https://form.jotform.com/230000000000001'></iframe>"
            "<script src='https://form.jotform.com/jsform/230000000000001'></script>")
    assert len(facts(body)) == 1


@pytest.mark.parametrize(("host", "provider"), list(LEX["embeds"]["actions"].items()))
def test_every_hosted_form_back_end(host: str, provider: str) -> None:
    data = contact("<input type=email name=email>", f"action='https://{host}/f/abc' method=post")
    assert (data["embed"], data["fields"]) == (provider, 2)
