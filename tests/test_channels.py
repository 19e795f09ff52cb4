"""Channel detector: rows 44-48 of DETECTION_CASES.md and every rule of channels.json."""

from __future__ import annotations

import pytest

from checks.api import SiteContext
from checks.detectors.channels import ChannelDetector
from checks.facts import Fact
from checks.lexicons import load
from checks.parsers import match_link
from crawler.page import Page

DATA = load("channels")
DETECTOR = ChannelDetector.from_context(SiteContext("https://acme.test/"))


def facts(body: str, head: str = "") -> list[Fact]:
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    return list(DETECTOR.detect(Page.from_html("https://acme.test/", html)))


def values(body: str, head: str = "") -> list[str]:
    return [f.value for f in facts(body, head)]


def chats(body: str, head: str = "") -> dict[str, bool]:
    """provider -> confirmed, for the chat facts of a page."""
    return {f.data["provider"]: f.data["confirmed"] for f in facts(body, head)
            if f.data["type"] == "chat"}


# -- rows 44-48 --

def test_row44_inline_intercom_snippet_is_a_chat() -> None:
    snippet = ("<script>(function(){var w=window;var d=document;var s=d.createElement('script');"
               "s.async=true;s.src='https://widget.intercom.io/widget/abc123';"
               "d.body.appendChild(s)})();</script>")
    [fact] = facts("<main><p>Hello</p></main>" + snippet)
    assert (fact.kind, fact.value, fact.method, fact.region, fact.selector, fact.visible) == (
        "channel", "chat:intercom", "script", "", "", False)
    assert fact.data == {"type": "chat", "provider": "intercom", "confirmed": True,
                         "handle": None}
    assert "widget.intercom.io/widget/abc123" in fact.snippet


def test_row45_drift_loader_inside_a_comment_is_no_chat() -> None:
    body = ("<main><p>Hi</p></main><!-- <script src='https://js.driftt.com/include/1700000/"
            "k9x2.js'></script> <script>drift.load('k9x2');</script> -->")
    assert facts(body, head="<!-- <script src='https://js.driftt.com/include/1/a.js'></script> -->"
                 ) == []


def test_row46_hubspot_tracking_script_alone_is_an_unconfirmed_chat() -> None:
    [fact] = facts("<p>Hi</p>", head="<script src='//js.hs-scripts.com/123.js' async></script>")
    assert (fact.value, fact.data["provider"], fact.data["confirmed"]) == (
        "chat:hubspot", "hubspot", False)
    assert fact.snippet == "//js.hs-scripts.com/123.js"


def test_hubspot_conversations_confirm_the_chat_once() -> None:
    head = ("<script src='https://js-eu1.hs-scripts.com/123.js'></script>"
            "<script>window.hsConversationsSettings = {loadImmediately: true};</script>")
    assert [(f.value, f.data["confirmed"]) for f in facts("", head)] == [("chat:hubspot", True)]


def test_row47_messaging_links() -> None:
    body = ("<footer><a href='https://wa.me/447400123456?text=Hi'>WhatsApp us</a>"
            "<a href='https://api.whatsapp.com/send?phone=919876543210'>India desk</a>"
            "<a href='https://t.me/acme_help'>Telegram</a><a href='https://m.me/acme'>Messenger</a>"
            "</footer>")
    got = [(f.value, f.data["provider"], f.data["handle"]) for f in facts(body)]
    assert got == [
        ("https://wa.me/447400123456", "whatsapp", "+447400123456"),
        ("https://wa.me/919876543210", "whatsapp", "+919876543210"),
        ("https://t.me/acme_help", "telegram", "acme_help"),
        ("https://m.me/acme", "messenger", "acme"),
    ]


def test_row48_share_intent_and_post_links_are_not_profiles() -> None:
    body = ("<a href='https://t.me/share/url?url=https%3A%2F%2Facme.test&text=Bread'>Share</a>"
            "<a href='https://twitter.com/intent/tweet?text=Bread&url=https%3A%2F%2Facme.test'>"
            "Tweet</a><a href='https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Facme"
            ".test'>Share</a><a href='https://www.instagram.com/p/Cx/'>Post</a>"
            "<a href='https://x.com/acme'>Follow us</a>")
    assert values(body) == ["https://x.com/acme"]


# -- fact shape, dedupe --

def test_link_fact_shape() -> None:
    [fact] = facts("<footer><ul><li><a href='https://WWW.Instagram.com/acme.bakery/?hl=en' "
                   "aria-label='Instagram'><svg></svg></a></li></ul></footer>")
    assert (fact.kind, fact.value, fact.method, fact.region, fact.snippet, fact.visible) == (
        "channel", "https://instagram.com/acme.bakery", "link", "footer", "Instagram", True)
    assert fact.selector == "footer > ul > li > a"
    assert fact.data == {"type": "social", "provider": "instagram", "handle": "acme.bakery"}


def test_duplicates_on_a_page_are_one_fact() -> None:
    body = ("<header><a href='https://twitter.com/Acme'>t</a></header>"
            "<footer><a href='https://x.com/acme/'>x</a>"
            "<a href='https://wa.me/447400123456'>w</a>"
            "<a href='whatsapp://send?phone=+447400123456'>w</a>"
            "<a href='https://api.whatsapp.com/send/?phone=%2B44%207400%20123456&text=x'>w</a>"
            "</footer>")
    got = [(f.value, f.region) for f in facts(body)]
    assert got == [("https://x.com/Acme", "header"), ("https://wa.me/447400123456", "footer")]


def test_chat_link_and_chat_script_are_one_chat() -> None:
    body = ("<a href='https://tawk.to/chat/5f1a2b3c4d5e6f7a8b9c0d1e/default'>Chat now</a>"
            "<script src='https://embed.tawk.to/5f1a2b3c4d5e6f7a8b9c0d1e/default'></script>")
    [fact] = facts(body)
    assert (fact.value, fact.method) == ("chat:tawk", "script")


def test_direct_chat_link_alone_is_a_visible_chat() -> None:
    [fact] = facts("<main><a href='https://direct.lc.chat/12345678/'>Chat with us</a></main>")
    assert (fact.value, fact.method, fact.visible, fact.region) == (
        "chat:livechat", "link", True, "main")
    assert fact.data == {"type": "chat", "provider": "livechat", "confirmed": True,
                         "handle": None}


def test_unparseable_number_keeps_its_digits_as_handle() -> None:
    assert match_link("https://wa.me/123456") is not None
    assert match_link("https://wa.me/123456").handle == "123456"  # type: ignore[union-attr]


def test_telegram_phone_link_handle_is_e164() -> None:
    found = match_link("https://t.me/+447400123456")
    assert found is not None and found.handle == "+447400123456"


def test_rel_me_link_to_any_mastodon_server_is_a_profile() -> None:
    body = ("<a rel='me noopener' href='https://social.example.org/@acme'>Mastodon</a>"
            "<a href='https://blog.example.org/@acme'>Blog</a>")
    assert [(f.value, f.data["provider"]) for f in facts(body)] == [
        ("https://social.example.org/@acme", "mastodon")]


def test_relative_and_own_site_links_are_ignored() -> None:
    assert values("<a href='/facebook'>fb</a><a href='acme.html'>x</a>"
                  "<a href='javascript:void(0)'>x</a><a href='mailto:a@acme.test'>m</a>") == []


# -- chat scripts --

# A provider known only by "unconfirmed" hosts (Help Scout's Beacon) may not show a chat.
CHAT_EXAMPLES = [(e["provider"], ex, bool(e.get("hosts") or e.get("settings")))
                 for e in DATA["chat"] for ex in e["examples"]]
CHAT_HOSTS = [(e["provider"], h, True) for e in DATA["chat"] for h in e.get("hosts", [])] + [
    (e["provider"], h, False) for e in DATA["chat"] for h in e.get("unconfirmed", [])]
CHAT_SETTINGS = [(e["provider"], s) for e in DATA["chat"] for s in e.get("settings", [])]


@pytest.mark.parametrize(("provider", "html", "confirmed"), CHAT_EXAMPLES)
def test_every_chat_example_is_found(provider: str, html: str, confirmed: bool) -> None:
    assert chats("<p>Hi</p>" + html) == {provider: confirmed}


def _src(host: str) -> str:
    return "https://" + host + ("" if host.endswith("/") else "/") + "loader.js?id=1"


@pytest.mark.parametrize(("provider", "host", "confirmed"), CHAT_HOSTS)
def test_every_chat_host_is_found_as_script_src(provider: str, host: str,
                                                confirmed: bool) -> None:
    assert chats(f"<script async src='{_src(host)}'></script>") == {provider: confirmed}
    assert chats(f"<script src='{_src(host).upper()}'></script>") == {provider: confirmed}


@pytest.mark.parametrize(("provider", "host", "confirmed"), CHAT_HOSTS)
def test_every_chat_host_is_found_in_an_inline_loader(provider: str, host: str,
                                                      confirmed: bool) -> None:
    loader = f"<script>var s=document.createElement('script');s.src='{_src(host)}';</script>"
    assert chats(loader) == {provider: confirmed}


@pytest.mark.parametrize(("provider", "host", "confirmed"), CHAT_HOSTS)
def test_lookalike_hosts_are_not_chats(provider: str, host: str, confirmed: bool) -> None:
    bare = host.rstrip("/").split("/")[0]
    assert chats(f"<script src='https://{bare}.cdn-mirror.test/x.js'></script>"
                 f"<script src='https://not{bare}/x.js'></script>"
                 f"<script src='/vendor/{bare}/x.js'></script>") == {}


@pytest.mark.parametrize(("provider", "marker"), CHAT_SETTINGS)
def test_every_settings_object_is_a_confirmed_chat(provider: str, marker: str) -> None:
    assert chats(f"<script>window.{marker} = window.{marker} || {{}};</script>") == {provider: True}


def test_json_scripts_and_huge_inline_scripts_are_not_loaders() -> None:
    ld = ('<script type="application/ld+json">{"url": "https://widget.intercom.io/widget/a"}'
          "</script>")
    huge = "<script>var x='" + "a" * 200_000 + "';s.src='https://embed.tawk.to/1/d'</script>"
    assert chats(ld + huge) == {}


def test_scripts_option_off_keeps_only_links() -> None:
    detector = ChannelDetector.from_context(SiteContext("https://a.test/", options={
        "scripts": False}))
    page = Page.from_html("https://a.test/", "<script src='https://embed.tawk.to/1/d'></script>"
                          "<a href='https://m.me/acme'>m</a>")
    assert [f.value for f in detector.detect(page)] == ["https://m.me/acme"]


# -- link rules --

LINK_EXAMPLES = [(e["provider"], e["type"], r["example"], r["expect"])
                 for e in DATA["links"] for r in e["rules"]]
LINK_NOT = [(e["provider"], bad) for e in DATA["links"] for bad in e.get("not", [])]


@pytest.mark.parametrize(("provider", "kind", "href", "expect"), LINK_EXAMPLES)
def test_every_link_rule_example(provider: str, kind: str, href: str, expect: str) -> None:
    [fact] = facts(f"<footer><a href='{href}'>{provider}</a></footer>")
    assert (fact.value, fact.data["type"], fact.data["provider"]) == (expect, kind, provider)
    assert (fact.method, fact.region, fact.visible) == ("link", "footer", True)


@pytest.mark.parametrize(("provider", "href"), LINK_NOT)
def test_every_non_profile_example_is_not_a_channel(provider: str, href: str) -> None:
    assert match_link(href) is None


@pytest.mark.parametrize("href", [
    "https://www.facebook.com/", "https://www.facebook.com", "https://twitter.com/",
    "https://www.linkedin.com/", "https://www.youtube.com/", "https://wa.me/",
])
def test_bare_provider_home_pages_are_not_channels(href: str) -> None:
    assert match_link(href) is None


@pytest.mark.parametrize(("provider", "word"), [
    (e["provider"], w) for e in DATA["links"] for w in e.get("reserved", [])])
def test_every_reserved_word_is_not_a_handle(provider: str, word: str) -> None:
    host = next(h for e in DATA["links"] if e["provider"] == provider for h in e["hosts"])
    href = f"https://www.{host}/{word}" if not host.endswith(":") else f"{host}//{word}"
    found = match_link(href)
    assert found is None or found.provider != provider or found.handle != word


def test_scheme_relative_and_scheme_links() -> None:
    assert match_link("//www.facebook.com/acmebakery") is not None
    found = match_link("viber://chat?number=%2B447400123456")
    assert found is not None and found.handle == "+447400123456"
    found = match_link("tg://resolve?domain=acme_help")
    assert found is not None and found.value == "https://t.me/acme_help"


def test_host_with_path_prefix_needs_the_path() -> None:
    assert chats("<script src='https://static.zdassets.com/hc/assets/x.js'></script>") == {}
    assert chats("<script src='https://static.zdassets.com/ekr/snippet.js?key=k'></script>") == {
        "zendesk": True}
