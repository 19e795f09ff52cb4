"""Email detector: the rows 1-19 of DETECTION_CASES.md, mailto parsing, flags and properties."""

from __future__ import annotations

import html
import string

import pytest
import tldextract
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks.api import SiteContext
from checks.detectors.emails import EmailDetector
from checks.facts import Fact
from crawler.page import Page

# The bundled public-suffix list, as the detector's own gate uses (never a download).
_TLD_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

DETECTOR = EmailDetector.from_context(SiteContext("https://acme.test/"))


def facts(body: str, url: str = "https://acme.test/") -> list[Fact]:
    return list(DETECTOR.detect(Page.from_html(url, f"<html><body>{body}</body></html>")))


def emails(body: str) -> dict[str, set[tuple[str, bool]]]:
    """value -> {(method, visible)} for the email facts of ``body``."""
    out: dict[str, set[tuple[str, bool]]] = {}
    for f in facts(body):
        if f.kind == "email":
            out.setdefault(f.value, set()).add((f.method, f.visible))
    return out


# (row, html body, {value: {(method, visible), ...}})
ROWS = [
    (
        1,
        '<a href="mailto:info@acme-bakery.co.uk">Email us</a><p>Write to sales@acme.co.uk.</p>',
        {"info@acme-bakery.co.uk": {("mailto", True)}, "sales@acme.co.uk": {("text", True)}},
    ),
    (
        2,
        '<a href="MAILTO:Sales@Acme.com?subject=Hi%20there&cc=ops@acme.com">Mail</a>',
        {"Sales@acme.com": {("mailto", True)}, "ops@acme.com": {("mailto", True)}},
    ),
    (
        3,
        '<a href="mailto:%6a%61ne@acme.de">Jane</a><a href="mailto:%20estimate@acme.de">Quote</a>',
        {"jane@acme.de": {("mailto", True)}, "estimate@acme.de": {("mailto", True)}},
    ),
    (
        4,
        '<a href="mailto:a@acme.fr,b@acme.fr">Write</a>',
        {"a@acme.fr": {("mailto", True)}, "b@acme.fr": {("mailto", True)}},
    ),
    (5, '<img src="logo@2x.png"><p>hero@3x.webp and lodash@4.17.21 and logo@2x.png</p>', {}),
    (
        6,
        "<p>https://ab12@o4504.ingest.sentry.io/7 https://f00d@sentry.wixpress.com/3 "
        "abc@sentry-next.wixpress.com "
        '<a href="https://www.google.com/maps/place/Acme+Inc./@27.4,-82.5,17z">map</a> '
        "https://www.google.com/maps/place/Acme+Inc./@27.4,-82.5</p>"
        '<script>Sentry.init({dsn:"https://0123abcd@o4504.ingest.sentry.io/7"})</script>',
        {},
    ),
    (
        7,
        '<script>var t = "\\u003cb\\u003einfo@acme.com\\u003c/b\\u003e";</script>',
        {"info@acme.com": {("js", False)}},
    ),
    (
        8,
        "<p>info&#64;acme&#46;com.au</p><p>info&commat;acme.in</p>",
        {"info@acme.com.au": {("text", True)}, "info@acme.in": {("text", True)}},
    ),
    (
        9,
        "<p>jane [at] acme [dot] co [dot] uk</p><p>kontakt(at)firma.de</p>",
        {"jane@acme.co.uk": {("obfuscated", True)}, "kontakt@firma.de": {("obfuscated", True)}},
    ),
    (10, "<p>Find us at acme.com, stand at ExCeL.London</p>", {}),
    (
        11,
        '<a href="/cdn-cgi/l/email-protection#422a272e2e2d0223212f276c212d2f6c2337">'
        "[email&#160;protected]</a>",
        {"hello@acme.com.au": {("cloudflare", True)}},
    ),
    (
        12,
        '<span class="__cf_email__" data-cfemail="7a0e1f1b173a1b19171f54131f">'
        "[email&#160;protected]</span>",
        {"team@acme.ie": {("cloudflare", True)}},
    ),
    (13, '<span class="__cf_email__" data-cfemail="337a777c7f7e7360677661">x</span>', {}),
    (
        14,
        '<p><span style="unicode-bidi:bidi-override;direction:rtl">moc.emca@ofni</span></p>',
        {"info@acme.com": {("obfuscated", True)}},
    ),
    (
        15,
        '<p>info<span style="display:none">.nospam</span>@acme.com</p>',
        {"info@acme.com": {("text", True)}},
    ),
    (
        16,
        """<script>document.write('<a href="mailto:'+'office'+'@'+'acme.ie">'"""
        """+'Email'+'</a>')</script>""",
        {"office@acme.ie": {("js", False)}},
    ),
    (
        17,
        '<!-- old: jobs@acme.com --><input placeholder="you@example.com">'
        "<p>e.g. you@example.com or name@yourdomain.com</p>",
        {},
    ),
    (
        18,
        "<table><tr><td>020 7946 0958</td><td>info@acme.co.uk</td></tr></table>",
        {"info@acme.co.uk": {("text", True)}},
    ),
    (19, "<p>info@müller-bäckerei.de</p>", {"info@müller-bäckerei.de": {("text", True)}}),
]


@pytest.mark.parametrize(("row", "body", "expected"), ROWS, ids=[f"row{r[0]}" for r in ROWS])
def test_detection_cases(row: int, body: str, expected: dict[str, set[tuple[str, bool]]]) -> None:
    assert emails(body) == expected


def test_row11_decodes_to_the_address_shown() -> None:
    [f] = facts(
        '<footer><a href="/cdn-cgi/l/email-protection#422a272e2e2d0223212f276c212d2f'
        '6c2337">x</a></footer>'
    )
    assert (f.value, f.method, f.region) == ("hello@acme.com.au", "cloudflare", "footer")


def test_row19_idn_ascii_form() -> None:
    [f] = facts("<p>info@müller-bäckerei.de</p>")
    assert f.data["ascii"] == "info@xn--mller-bckerei-hfb76a.de"


def test_row16_unjoinable_script_says_js_only() -> None:
    out = facts(
        "<script>var u='office', d='acme.ie';"
        "document.write('<a href=\"mailto:'+u+'@'+d+'\">Mail</a>')</script>"
    )
    assert [(f.kind, f.value, f.method, f.visible) for f in out] == [
        ("email_js_only", "", "js", False)
    ]


def test_library_code_mentioning_mailto_is_not_js_only() -> None:
    assert facts("<script>if (h.indexOf('mailto:') === 0) { track(h) }</script>") == []


def test_json_ld_is_left_to_structured_data() -> None:
    body = '<script type="application/ld+json">{"email": "info@acme.com"}</script>'
    assert facts(body) == []


def test_scripts_option_off() -> None:
    det = EmailDetector.from_context(SiteContext("https://a.test/", options={"scripts": False}))
    page = Page.from_html("https://a.test/", "<script>x='info@acme.com'</script>")
    assert list(det.detect(page)) == []


def test_domain_lower_cased_local_part_kept() -> None:
    [f] = facts("<p>Mail John.Smith@ACME.Co.UK today</p>")
    assert f.value == "John.Smith@acme.co.uk"
    assert f.data == {"ascii": "John.Smith@acme.co.uk", "noreply": False}


@pytest.mark.parametrize(
    "local",
    ["noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "mailer-daemon", "NoReply"],
)
def test_noreply_flagged(local: str) -> None:
    [f] = facts(f"<p>From {local}@acme.com</p>")
    assert f.data["noreply"] is True


def test_ordinary_address_not_noreply() -> None:
    [f] = facts("<p>reply@acme.com</p>")
    assert f.data["noreply"] is False


def test_dedupe_per_value_method_region_case_insensitive() -> None:
    out = facts(
        "<header><p>info@acme.com</p></header><main><p>INFO@acme.com and info@Acme.com"
        '</p><a href="mailto:info@acme.com">info@acme.com</a></main>'
        "<footer>info@acme.com · info@acme.com</footer>"
    )
    keys = [(f.value.lower(), f.method, f.region) for f in out]
    assert sorted(keys) == sorted(
        [
            ("info@acme.com", "mailto", "main"),
            ("info@acme.com", "text", "header"),
            ("info@acme.com", "text", "main"),
            ("info@acme.com", "text", "footer"),
        ]
    )


def test_evidence_fields() -> None:
    [f] = facts('<footer id="f"><p>Questions? Write to help@acme.com any time.</p></footer>')
    assert (f.region, f.selector, f.visible) == ("footer", "#f", True)
    assert "help@acme.com" in f.snippet
    [m] = facts('<div id="c"><a href="mailto:help@acme.com">Write</a></div>')
    assert (m.selector, m.snippet) == ("#c > a", "Write")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Email: kontakt@firma.de, Fax: 0221 987", {"kontakt@firma.de"}),
        ("(info@acme.com)", {"info@acme.com"}),
        ("<info@acme.com>;", {"info@acme.com"}),
        ("E-Mail:info@acme.de", {"info@acme.de"}),
        ("Write sales@acme.co.uk.Next we go", {"sales@acme.co.uk"}),
        ("info [at] acme.com", {"info@acme.com"}),
        ("info {at} acme {dot} com", {"info@acme.com"}),
        ("info (at) acme (dot) com", {"info@acme.com"}),
        ("jane at acme [dot] co [dot] uk", {"jane@acme.co.uk"}),
        ("look at this dot com", set()),
        ("meet us at acme.com at noon", set()),
        ("@acmebakery on Instagram", set()),
        ("Preise ab 5 € @ Markt.de", set()),
        ("<b>x</b> a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6@o1.ingest.us.sentry.io", set()),
        ("npm i react@18.2.0 and jquery@3.5.1.min.js", set()),
        ("see www.acme.com/@ops@acme.com", set()),
        ("メールinfo@acme.co.jpまで", {"info@acme.co.jp"}),
        ("a@b.test and c@d.invalid", set()),
    ],
)
def test_text_edge_cases(text: str, expected: set[str]) -> None:
    assert set(emails(f"<p>{html.escape(text)}</p>")) == expected


# --- properties -----------------------------------------------------------------------------

_ATOM = st.from_regex(r"[a-z0-9]{1,12}", fullmatch=True)
_LOCALS = st.builds(
    lambda head, tail: head + tail,
    _ATOM,
    st.lists(st.tuples(st.sampled_from("._+-"), _ATOM), max_size=2).map(
        lambda parts: "".join(a + b for a, b in parts)
    ),
).filter(lambda s: s not in {"you", "your", "name", "yourname", "username"})
# "cn.in" or "gov.in" is a public suffix itself, with no domain to write to: not an address.
_DOMAINS = st.builds(
    lambda label, suffix: f"{label}.{suffix}",
    st.from_regex(r"[a-z][a-z0-9]{0,14}", fullmatch=True).filter(
        lambda s: s not in {"example", "domain", "mydomain", "yourdomain", "yoursite"}
    ),
    st.sampled_from(["com", "de", "co.uk", "com.au", "fr", "org", "ie", "in", "io"]),
).filter(lambda d: bool(_TLD_EXTRACT(d).domain))


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(
    local=_LOCALS,
    domain=_DOMAINS,
    before=st.sampled_from(["", "Email: ", "Mail us at "]),
    after=st.sampled_from(["", ".", ",", " today", "!"]),
)
def test_any_valid_address_in_a_paragraph_is_found_exactly(
    local: str, domain: str, before: str, after: str
) -> None:
    addr = f"{local}@{domain}"
    out = facts(f"<main><p>{before}{addr}{after}</p></main>")
    assert [(f.value, f.method, f.region, f.visible) for f in out] == [(addr, "text", "main", True)]


_NO_AT = st.text(
    alphabet=st.characters(exclude_characters="@[](){}<>&\\", codec="utf-8"),
    max_size=300,
)


@settings(max_examples=150)
@given(text=_NO_AT)
def test_text_without_at_sign_yields_nothing(text: str) -> None:
    assert facts(f"<p>{html.escape(text)}</p>") == []


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(alphabet=st.characters(codec="utf-8"), max_size=400)
    | st.text(alphabet=string.ascii_letters + string.digits + "@.-_+[](){}<> \n'\"\\", max_size=400)
)
def test_never_raises_and_values_are_valid(text: str) -> None:
    body = f"<p>{html.escape(text)}</p><script>{text.replace('<', ' ')}</script>"
    for f in facts(body):
        if f.kind == "email":
            local, at, domain = f.value.rpartition("@")
            assert at and local and domain == domain.lower() and "." in domain
        else:
            assert (f.kind, f.value) == ("email_js_only", "")


def test_entities_decode_to_at_and_dot_only_where_meant() -> None:
    assert set(emails("<p>sales&commat;acme&period;de</p>")) == {"sales@acme.de"}
    assert emails("<p>46 &amp;#46; x</p>") == {}


def test_escaped_at_sign_in_script() -> None:
    assert emails('<script>var e = "help\\u0040acme.com";</script>') == {
        "help@acme.com": {("js", False)}
    }


def test_js_only_not_reported_when_page_shows_an_address() -> None:
    body = (
        "<p>info@acme.ie</p><script>var u='office';"
        "document.write('<a href=\"mailto:'+u+'@acme.ie\">x</a>')</script>"
    )
    assert [(f.kind, f.method) for f in facts(body)] == [("email", "text")]


def test_js_only_for_char_codes() -> None:
    body = "<script>location.href='mailto:'+String.fromCharCode(105,64,97,46,105,101)</script>"
    assert [(f.kind, f.value, f.visible) for f in facts(body)] == [("email_js_only", "", False)]


def test_cloudflare_without_raw_html() -> None:
    import parsel

    sel = parsel.Selector(
        text='<footer><span data-cfemail="7a0e1f1b173a1b19171f54131f">x</span></footer>'
    )
    page = Page.from_selector("https://acme.ie/", sel)
    assert page.html is None
    assert [(f.value, f.method, f.region) for f in DETECTOR.detect(page)] == [
        ("team@acme.ie", "cloudflare", "footer")
    ]


def test_large_script_many_at_signs() -> None:
    code = "x = [" + ",".join(f'"@scope/pkg{i}@1.{i}.0"' for i in range(3000)) + "];"
    code += ' cfg = {"support": "help@acme.com", "emoji": "\\ud83d\\ude00"};'
    out = facts(f"<script>{code}</script>")
    assert [(f.value, f.method) for f in out] == [("help@acme.com", "js")]
    out[0].snippet.encode("utf-8")  # no lone surrogates leak into evidence


# --- the web designer's credit is not the business's address (row 60, issue 11) --------------


@pytest.mark.parametrize(
    "footer",
    [
        'Website by <a href="mailto:jw@studio-north.co.uk">Jan</a>',
        'Website door <a href="mailto:jw@studio-north.co.uk">Jan Werkhoven</a> | Login',
        'Webdesign: <a href="mailto:jw@studio-north.co.uk">Studio North</a>',
        "Réalisation : jw@studio-north.co.uk",
        'Diseño web: <span>Studio North</span> <a href="mailto:jw@studio-north.co.uk">email</a>',
    ],
)
def test_row60_designer_credit_is_not_the_business_email(footer: str) -> None:
    page = Page.from_html("https://acme.co.uk/", "<main><a href='mailto:info@acme.co.uk'>Mail"
                          f"</a></main><footer><p>© Acme · {footer}</p></footer>")  # fmt: skip
    facts = list(EmailDetector().detect(page))
    assert {f.value for f in facts if f.kind == "email"} == {"info@acme.co.uk"}
    designer = [f for f in facts if f.kind == "third_party_email"]
    assert [(f.value, f.data["kind"]) for f in designer] == [("jw@studio-north.co.uk", "designer")]
    assert "credit" in designer[0].data["reason"]


def test_design_business_writing_about_design_keeps_its_address() -> None:
    page = Page.from_html("https://estudio.es/", "<p>Diseño de interiores. Escríbenos: "
                          "<a href='mailto:hola@estudio.es'>hola@estudio.es</a></p>")
    assert {f.kind for f in EmailDetector().detect(page)} == {"email"}
