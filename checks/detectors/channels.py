"""Other ways to reach a human: chat widgets, messaging deep links and social profiles.

>>> from crawler.page import Page
>>> page = Page.from_html("https://a.test/", "<footer><a href='https://wa.me/447400123456?text=Hi'>"
...     "WhatsApp</a> <a href='https://twitter.com/intent/tweet?url=x'>Tweet</a> "
...     "<a href='https://x.com/acme'>X</a></footer>"
...     "<script src='https://embed.tawk.to/5f1a/default'></script>")
>>> [(f.value, f.method, f.data["type"]) for f in ChannelDetector().detect(page)]
[('chat:tawk', 'script', 'chat'), ('https://wa.me/447400123456', 'link', 'messaging'), \
('https://x.com/acme', 'link', 'social')]

Every provider, host and URL shape is data (``lexicons/channels.json``). Chat widgets are found
by a script's ``src`` or by a widget URL or settings object inside an inline script; scripts in
HTML comments are not scripts (the page already dropped them). Links are matched by host first
(two dict look-ups per link, so pages without such links cost next to nothing), then by the
provider's path rules, which tell a profile (``x.com/acme``) from a share or post link
(``twitter.com/intent/tweet``): :func:`checks.parsers.match_link`, which the help-order
detector reads links with too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

from checks.api import SiteContext
from checks.facts import Fact, snippet_around
from checks.lexicons import load
from checks.parsers import match_link
from checks.patterns import trie
from crawler.page import Anchor, Page, css_path

__all__ = ["ChannelDetector"]


def _compile_chat() -> tuple[dict[str, tuple[str, bool]], re.Pattern[str], re.Pattern[str],
                             tuple[tuple[str, str], ...]]:
    hosts: dict[str, tuple[str, bool]] = {}
    settings: list[tuple[str, str]] = []
    for entry in load("channels")["chat"]:
        for h in entry.get("hosts", ()):
            hosts[h] = (entry["provider"], True)
        for h in entry.get("unconfirmed", ()):
            hosts[h] = (entry["provider"], False)
        settings.extend((s, entry["provider"]) for s in entry.get("settings", ()))
    # A host entry must end the host name ("hs-scripts.com" is not "hs-scripts.com.evil.test");
    # an entry ending in "/" is a host plus path prefix and needs no guard.
    alt = rf"(?P<host>{trie(hosts)})(?:(?<=/)|(?![\w.-]))"
    src_re = re.compile(rf"(?:[\w-]+\.)*{alt}", re.IGNORECASE)
    # Inline loaders write the URL as "https://host/..." or "//host/...": the literal "//" prefix
    # lets the regex engine skip ahead instead of trying the alternation at every character.
    inline_re = re.compile(rf"//(?:[\w-]+\.)*{alt}")
    return hosts, src_re, inline_re, tuple(settings)


_CHAT_HOSTS, _CHAT_SRC, _CHAT_INLINE, _CHAT_SETTINGS = _compile_chat()
_SCHEME_PREFIX = re.compile(r"(?:https?:)?//", re.IGNORECASE)
# Bigger inline scripts are data payloads (framework state, bundles), not widget loaders.
_MAX_INLINE = 128_000
# Settings objects are written in short snippets; scanning big scripts for them costs the most.
_MAX_SETTINGS = 16_000


class ChannelDetector:
    """One fact per distinct channel on a page; see the module docstring.

    ``[detectors.channels] scripts = false`` turns off the scan of scripts (links only).
    """

    id: ClassVar[str] = "channels"

    def __init__(self, scripts: bool = True) -> None:
        self.scripts = scripts

    @classmethod
    def from_context(cls, ctx: SiteContext) -> ChannelDetector:
        return cls(scripts=bool(ctx.options.get("scripts", True)))

    def detect(self, page: Page) -> Iterator[Fact]:
        seen: set[str] = set()
        if self.scripts:
            for fact in _chats(page):
                seen.add(fact.value)
                yield fact
        for a in page.anchors:
            if ":" not in a.href and not a.href.startswith("//"):
                continue  # a relative link ("/contact", "page-2.html") stays on the site
            found = match_link(a.href, _rel(a))
            if found is None or found.value.lower() in seen:
                continue
            seen.add(found.value.lower())
            data: dict[str, Any] = {"type": found.type, "provider": found.provider}
            if found.type == "chat":
                data["confirmed"] = True
            data["handle"] = found.handle
            yield Fact("channel", found.value, "link", a.region, css_path(a.element),
                       (a.text or a.href)[:80], visible=True, data=data)


def _rel(a: Anchor) -> str:
    # Only links to "/@user" on unknown hosts need rel; skip the attribute read for the rest.
    return str(a.element.get("rel") or "") if "/@" in a.href else ""


def _chats(page: Page) -> Iterator[Fact]:
    found: dict[str, list[Any]] = {}  # provider -> [confirmed, snippet], in discovery order

    def note(provider: str, confirmed: bool, snippet: str) -> None:
        if provider in found:
            found[provider][0] |= confirmed
        else:
            found[provider] = [confirmed, snippet]

    for script in page.scripts:
        if script.src:
            m = _CHAT_SRC.match(_SCHEME_PREFIX.sub("", script.src, count=1))
            if m:
                provider, confirmed = _CHAT_HOSTS[m.group("host").lower()]
                note(provider, confirmed, script.src[:80])
            continue
        text = script.text
        if not text or len(text) > _MAX_INLINE or "json" in script.type:
            continue
        for m in _CHAT_INLINE.finditer(text):
            provider, confirmed = _CHAT_HOSTS[m.group("host")]
            note(provider, confirmed, snippet_around(text, m.start(), m.end(), 20))
        if len(text) <= _MAX_SETTINGS:
            for marker, provider in _CHAT_SETTINGS:
                at = text.find(marker)
                if at >= 0:
                    note(provider, True, snippet_around(text, at, at + len(marker), 20))
    for provider, (confirmed, snippet) in found.items():
        yield Fact("channel", f"chat:{provider}", "script", "", "", snippet, visible=False,
                   data={"type": "chat", "provider": provider, "confirmed": confirmed,
                         "handle": None})
