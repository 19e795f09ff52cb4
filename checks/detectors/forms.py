"""Forms a visitor can send a message with (not search boxes, not newsletter sign-ups).

>>> from crawler.page import Page
>>> page = Page.from_html("https://a.test/c", "<form action='/send'><input name=email required>"
...                       "<textarea name=msg required></textarea></form>")
>>> [(f.value, f.data["required"]) for f in FormDetector().detect(page)]
[('https://a.test/send', 2)]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar
from urllib.parse import urljoin

from checks.api import SiteContext
from checks.facts import Fact
from crawler.page import Page, css_path

_NOT_FIELDS = {"hidden", "submit", "button", "reset", "image"}


class FormDetector:
    """One fact per contact form: where it is, where it posts, how many fields it asks."""

    id: ClassVar[str] = "forms"

    @classmethod
    def from_context(cls, ctx: SiteContext) -> FormDetector:
        return cls()

    def detect(self, page: Page) -> Iterator[Fact]:
        root = page.selector.root
        if not hasattr(root, "iter"):
            return
        for form in root.iter("form"):
            info = _describe(form)
            if not info["message"]:
                continue
            action = urljoin(page.url, (form.get("action") or "").strip()) or page.url
            yield Fact("form", action, "form", page.region_of(form), css_path(form),
                       f"{info['fields']} fields, {info['required']} required", data=info)


def _describe(form: Any) -> dict[str, Any]:
    fields = required = 0
    has_textarea = has_email = has_password = False
    for el in form.iter("input", "textarea", "select"):
        kind = (el.get("type") or "text").lower() if el.tag == "input" else el.tag
        if kind in _NOT_FIELDS:
            continue
        fields += 1
        if el.get("required") is not None or el.get("aria-required") == "true":
            required += 1
        has_textarea |= kind == "textarea"
        has_email |= kind == "email" or "mail" in (el.get("name") or "").lower()
        has_password |= kind == "password"
    role = (form.get("role") or "").lower()
    # A message form has somewhere to write a message; search and sign-up forms do not.
    message = has_textarea and role != "search" and not has_password
    return {"fields": fields, "required": required, "textarea": has_textarea,
            "email_field": has_email, "message": message}
