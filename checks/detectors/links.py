"""Contact links: links whose text (or path) says "contact", in EN, DE, FR or ES.

>>> from crawler.page import Page
>>> page = Page.from_html("https://a.test/", "<nav><a href='/kontakt'>Kontakt</a></nav>"
...                       "<p><a href='/blog'>Read our blog</a></p>")
>>> [(f.value, f.region) for f in ContactLinkDetector().detect(page)]
[('https://a.test/kontakt', 'nav')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from checks.api import SiteContext
from checks.facts import Fact
from checks.lexicons import load
from crawler.page import Page, css_path


def _compile() -> tuple[re.Pattern[str], re.Pattern[str]]:
    phrases: set[str] = set()
    for lang, words in load("contact_links").items():
        if not lang.startswith("_"):
            phrases.update(w.casefold() for w in words)
    alternation = "|".join(sorted((re.escape(p) for p in phrases), key=len, reverse=True))
    text_re = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")
    path_re = re.compile(
        r"/(?:contact(?:[-_]?us)?|kontakt|contacto|nous-contacter|contactez-nous|impressum"
        r"|get-in-touch|support|help)(?:[./?#-]|$)",
        re.IGNORECASE,
    )
    return text_re, path_re


_TEXT_RE, _PATH_RE = _compile()
_MAX_LABEL = 40  # a contact link's label is short; longer texts are sentences that mention help


class ContactLinkDetector:
    """Finds links to a contact page; ``value`` is the link's target URL."""

    id: ClassVar[str] = "contact_links"

    @classmethod
    def from_context(cls, ctx: SiteContext) -> ContactLinkDetector:
        return cls()

    def detect(self, page: Page) -> Iterator[Fact]:
        seen: set[tuple[str, str]] = set()
        for a in page.anchors:
            if not a.url.startswith(("http://", "https://")):
                continue
            label = a.text.casefold()
            m = _TEXT_RE.search(label) if len(label) <= _MAX_LABEL else None
            by_path = m is None and not label and _PATH_RE.search(a.url) is not None
            if m is None and not by_path:
                continue
            key = (a.url, a.region)
            if key in seen:
                continue
            seen.add(key)
            yield Fact("contact_link", a.url, "link", a.region, css_path(a.element),
                       a.text[:80], data={"label": m.group(0) if m else "path"})
