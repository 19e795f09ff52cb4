"""Forms a visitor can send a message with (not search boxes, not newsletter sign-ups).

>>> from crawler.page import Page
>>> page = Page.from_html("https://a.test/c", "<form action='/send'><input name=email required>"
...                       "<textarea name=msg required></textarea></form>")
>>> [(f.value, f.data["required"]) for f in FormDetector().detect(page)]
[('https://a.test/send', 2)]

A message form's fact says what the form asks of a visitor (RUBRIC D6): its ``inputs`` (name,
type, required, autocomplete, label), a ``captcha`` and how visible it is, whether a login is
needed, whether the name, email and phone fields carry ``autocomplete`` tokens (WCAG 1.3.5) and
whether the email must be typed twice (WCAG 3.3.7). Forms built by a third party (a Typeform or
Google Forms iframe, a HubSpot script) are facts with ``embed`` set and no inputs, because their
fields are out of sight; a form posting to a hosted back end (Formspree ...) keeps its inputs.
Words, CAPTCHA markers and embed hosts are data (``lexicons/forms.json``).

Honeypot fields (hidden from people, there to catch bots) are not counted. Inputs with a
textarea and no ``<form>`` around them, wired up by a script, count when they ask for an email,
phone or name and have a submit button.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar
from urllib.parse import urljoin, urlsplit

from checks.api import SiteContext
from checks.facts import Fact
from checks.lexicons import load
from crawler.page import Page, css_path

__all__ = ["FormDetector"]

_LEX = load("forms")
_NOT_FIELDS = {"hidden", "submit", "button", "reset", "image"}
_TEXTUAL = {"text", "email", "tel", "number", "url", ""}
_SUBMITS = {"submit", "image", "button"}
_LETTER_BEFORE = r"(?<![^\W\d_])"
_LETTER_AFTER = r"(?![^\W\d_])"
_TOKENS = re.compile(r"[^\W\d_]+")
_SPACE = re.compile(r"\s+")
_REQUIRED_MARK = re.compile(
    r"^\s*\*|\*\s*:?\s*$|\((?:required|pflicht\w*|obligatoire|obligatorio)\)", re.IGNORECASE)
_HS_TARGET = re.compile(r"""target\s*:\s*["']#([A-Za-z][\w-]*)["']""")
_NAME_TOKENS = {"name", "given-name", "family-name", "additional-name", "nickname",
                "honorific-prefix", "honorific-suffix"}
_MAX_INLINE = 128_000
_EXECUTE = {"recaptcha": "grecaptcha.execute", "hcaptcha": "hcaptcha.execute"}
_MAX_NEAR_TEXT = 5_000


def _flat(key: str) -> list[str]:
    value = _LEX[key]
    words = [w for ws in value.values() for w in ws] if isinstance(value, dict) else value
    return sorted({w.casefold() for w in words}, key=len, reverse=True)


def _field_re(key: str) -> re.Pattern[str]:
    # Short words ("tel", "nom", "mail") must stand alone; long ones may start a longer word.
    alts = [re.escape(w) + ("" if len(w) >= 5 else _LETTER_AFTER) for w in _flat(key)]
    return re.compile(rf"{_LETTER_BEFORE}(?:{'|'.join(alts)})")


_MESSAGE = _field_re("message_words")
_NAME = _field_re("name_words")
_NOT_NAME = _field_re("not_name_words")
_EMAIL = _field_re("email_words")
_TEL = _field_re("tel_words")
_CONFIRM = _field_re("confirm_words")
_LOGIN_PHRASE = re.compile("|".join(re.escape(p) for p in _flat("login_phrases")))
_SEARCH = frozenset(_flat("search_words"))
_NOT_CONTACT = frozenset(_flat("not_contact_tokens"))
_HONEY_NAMES = frozenset(_flat("honeypot_names"))
_HONEY_CLASSES = frozenset(_flat("honeypot_classes"))
_LOGIN_WORDS = frozenset(_flat("login_words"))


@dataclass(frozen=True, slots=True)
class _Captcha:
    provider: str
    kind: str
    scripts: tuple[str, ...]


_CAPTCHAS = tuple(_Captcha(c["provider"], c["kind"], tuple(c["scripts"])) for c in _LEX["captcha"])
_CAPTCHA_CLASSES = {cls: cap for c, cap in zip(_LEX["captcha"], _CAPTCHAS, strict=True)
                    for cls in c["classes"]}
_CAPTCHA_TAGS = {tag: cap for c, cap in zip(_LEX["captcha"], _CAPTCHAS, strict=True)
                 for tag in c["tags"]}
_EMBEDS: dict[str, dict[str, str]] = _LEX["embeds"]


def _provider_in(url: str, table: dict[str, str]) -> str | None:
    low = url.lower()
    for marker, provider in table.items():
        if marker in low:
            return provider
    return None


def _text(el: Any) -> str:
    """Visible text of ``el`` without the options of a select or a textarea's content."""
    parts: list[str] = []

    def walk(e: Any) -> None:
        if e.text:
            parts.append(e.text)
        for child in e:
            if isinstance(child.tag, str) and child.tag not in ("select", "textarea", "option"):
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return _SPACE.sub(" ", " ".join(parts)).strip()


@dataclass
class _PageInfo:
    """What several forms of one page share, worked out once and only when needed."""

    page: Page
    _labels: dict[str, str] | None = None
    _captcha: dict[str, str] | None = None
    _captcha_done: bool = False

    def label_for(self, ident: str) -> str:
        if self._labels is None:
            self._labels = {}
            for lab in self.page.selector.root.iter("label"):
                target = lab.get("for")
                if target and target not in self._labels:
                    self._labels[target] = _text(lab)
        return self._labels.get(ident, "")

    def by_id(self, ident: str) -> Any:
        found = self.page.selector.root.xpath("//*[@id=$i]", i=ident)
        return found[0] if found else None

    def captcha(self) -> dict[str, str] | None:
        """A CAPTCHA loaded by the page's scripts, with the kind its loading implies."""
        if self._captcha_done:
            return self._captcha
        self._captcha_done = True
        for script in self.page.scripts:
            src = script.src.lower()
            if not src:
                continue
            for cap in _CAPTCHAS:
                if any(m in src for m in cap.scripts):
                    kind = cap.kind
                    render = re.search(r"[?&]render=([^&#]+)", src)
                    # reCAPTCHA v3 loads with render=<site key>: a score, no challenge.
                    if ((render and render.group(1) not in ("explicit", "onload"))
                            or self._executes(cap.provider)):
                        kind = "invisible"
                    self._captcha = {"provider": cap.provider, "kind": kind}
                    return self._captcha
        return None

    def _executes(self, provider: str) -> bool:
        # grecaptcha.execute()/hcaptcha.execute() run an invisible challenge from code.
        call = _EXECUTE.get(provider)
        if call is None:
            return False
        return any(call in s.text for s in self.page.scripts
                   if not s.src and len(s.text) <= _MAX_INLINE)


class FormDetector:
    """One fact per contact form: where it is, where it posts, what it asks of a visitor."""

    id: ClassVar[str] = "forms"

    @classmethod
    def from_context(cls, ctx: SiteContext) -> FormDetector:
        return cls()

    def detect(self, page: Page) -> Iterator[Fact]:
        root = page.selector.root
        if not hasattr(root, "iter"):
            return
        forms, frames, loose = [], [], []
        for el in root.iter("form", "iframe", "textarea"):
            if el.tag == "form":
                forms.append(el)
            elif el.tag == "iframe":
                frames.append(el)
            elif not any(a.tag == "form" for a in el.iterancestors()):
                loose.append(el)
        info = _PageInfo(page)
        found: list[tuple[Any, dict[str, Any], bool]] = []
        for form in forms:
            data = _describe(form, info)
            if data is not None:
                action = urljoin(page.url, (form.get("action") or "").strip()) or page.url
                data["action"] = action
                data["method"] = (form.get("method") or "get").strip().lower()
                data["embed"] = _provider_in(action, _EMBEDS["actions"])
                found.append((form, data, False))
        seen: set[Any] = set()
        for textarea in loose[:5]:
            box = _container(textarea)
            if box is None or box in seen:
                continue
            seen.add(box)
            data = _describe(box, info, formless=True)
            if data is not None:
                data.update(action="", method="", embed=None)
                found.append((box, data, True))
        any_widget = any(d["captcha"] for _, d, _ in found)
        for el, data, formless in found:
            if data["captcha"] is None:
                page_captcha = info.captcha()
                # A page-wide script guards every form when it is invisible (reCAPTCHA v3), or
                # when no form shows a widget of its own (rendered by code).
                if page_captcha and (page_captcha["kind"] == "invisible" or not any_widget):
                    data["captcha"] = page_captcha
            data["formless"] = formless
            value = data["action"] or page.url
            yield Fact("form", value, "form", page.region_of(el), css_path(el),
                       f"{data['fields']} fields, {data['required']} required", data=data)
        yield from _embeds(page, frames, info)


def _container(textarea: Any) -> Any:
    """The nearest ancestor holding the textarea's fellow fields and a submit button."""
    el = textarea
    for _ in range(6):
        el = el.getparent()
        if el is None or el.tag in ("body", "html"):
            return None
        fields = submit = 0
        for c in el.iter("input", "button", "select", "textarea"):
            typ = (c.get("type") or ("submit" if c.tag == "button" else "text")).lower()
            if c.tag == "button" or typ in _SUBMITS:
                submit += 1
            elif typ != "hidden":
                fields += 1
        if fields >= 2 and submit:
            return el
    return None


def _label(el: Any, form: Any, info: _PageInfo) -> str:
    """The field's label as a person (or a screen reader) gets it, best source first."""
    by = el.get("aria-labelledby")
    if by:
        texts = [_text(t) for t in map(info.by_id, by.split()) if t is not None]
        if any(texts):
            return " ".join(t for t in texts if t)
    ident = el.get("id")
    if ident:
        text = info.label_for(ident)
        if text:
            return text
    for anc in el.iterancestors():
        if anc is form:
            break
        if anc.tag == "label":
            text = _text(anc)
            if text:
                return text
            break
    text = (el.get("aria-label") or "").strip()
    if text:
        return text
    prev = el.getprevious()
    # A label left without "for" just before the field (but not one that wraps a field).
    if (prev is not None and prev.tag == "label" and not prev.get("for")
            and next(prev.iter("input", "select", "textarea"), None) is None):
        text = _text(prev)
        if text:
            return text
    for attr in ("placeholder", "title"):
        text = (el.get(attr) or "").strip()
        if text:
            return text
    parent = el.getparent()
    if parent is not None and parent.tag == "td":
        # Table layouts put the label in the cell to the left.
        cell = parent.getprevious()
        if cell is not None and cell.tag in ("td", "th"):
            text = _text(cell)
            if 0 < len(text) <= 80:
                return text
    return ""


def _honeypot(el: Any, form: Any, trap_names: set[str]) -> bool:
    name = (el.get("name") or "").lower()
    if name in trap_names or name in _HONEY_NAMES:
        return True
    if el.get("tabindex") == "-1" and (el.get("autocomplete") or "").lower() == "off":
        return True
    for anc in el.iterancestors():
        if anc is form:
            break
        if anc.get("aria-hidden") == "true":
            return True
        cls = anc.get("class")
        if cls and not _HONEY_CLASSES.isdisjoint(cls.lower().split()):
            return True
    return False


def _tokens(*texts: str) -> set[str]:
    return {t for text in texts for t in _TOKENS.findall(text.lower())}


def _autocomplete_ok(tokens: list[str], purpose: str) -> bool:
    if purpose == "name":
        return not _NAME_TOKENS.isdisjoint(tokens)
    if purpose == "email":
        return "email" in tokens
    return any(t.startswith("tel") for t in tokens)


def _describe(form: Any, info: _PageInfo, formless: bool = False) -> dict[str, Any] | None:
    """The form's data if it is a message form, else None."""
    action_path = urlsplit((form.get("action") or "").strip()).path
    if _other_purpose(form, action_path, formless):
        return None
    traps = {(form.get(a) or "").lower() for a in ("netlify-honeypot", "data-netlify-honeypot")}
    fields = _Fields()
    for el in form.iter("input", "textarea", "select"):
        kind = (el.get("type") or "text").strip().lower() if el.tag == "input" else el.tag
        if kind not in _NOT_FIELDS and not _honeypot(el, form, traps):
            fields.add(el, kind, form, info)
    if not fields.is_message(formless):
        return None
    return {
        "fields": len(fields.inputs),
        "required": sum(1 for i in fields.inputs if i["required"]),
        "textarea": fields.textarea,
        "email_field": bool(fields.purposes["email"]),
        "message": True,
        "inputs": fields.inputs,
        "captcha": _captcha_in(form),
        "login_required": fields.password or _login_action(action_path) or _login_text(form),
        "autocomplete": {p: (all(v) if v else None) for p, v in fields.purposes.items()},
        "confirm_email": len(fields.emails) >= 2
                         and any(_CONFIRM.search(h) for h in fields.emails[1:]),
    }


def _other_purpose(form: Any, action_path: str, formless: bool) -> bool:
    """Whether the form says by its role, names or action that it is no contact form
    (a search, a newsletter, a basket)."""
    if (form.get("role") or "").lower() == "search":
        return True
    return not formless and not _NOT_CONTACT.isdisjoint(_tokens(
        form.get("id") or "", form.get("class") or "", form.get("name") or "", action_path))


@dataclass
class _Fields:
    """What a form's fields say about it, read one field at a time."""

    inputs: list[dict[str, Any]] = field(default_factory=list)
    groups: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Radio and checkbox groups by type and name: a group of options is one question."""
    purposes: dict[str, list[bool]] = field(
        default_factory=lambda: {"name": [], "email": [], "tel": []})
    """Fields asking for a name, an email, a phone: whether each has its autocomplete token."""
    emails: list[str] = field(default_factory=list)
    """The words of each email field, in order (a second one may ask to confirm the first)."""
    textarea: bool = False
    message_area: bool = False  # a textarea named or labelled as a message
    message_line: bool = False  # a one-line field named or labelled as a message
    password: bool = False
    searchy: bool = True  # every field so far is a search box

    def add(self, el: Any, kind: str, form: Any, info: _PageInfo) -> None:
        name = el.get("name") or ""
        label = _label(el, form, info)
        required = (el.get("required") is not None or el.get("aria-required") == "true"
                    or bool(_REQUIRED_MARK.search(label)))
        group = kind + name if kind in ("radio", "checkbox") and name else ""
        if group in self.groups:
            self.groups[group]["required"] |= required
            return
        autocomplete = (el.get("autocomplete") or "").strip().lower()
        entry = {"name": name, "type": kind, "required": required,
                 "autocomplete": autocomplete, "label": label}
        self.inputs.append(entry)
        if group:
            self.groups[group] = entry
        hay = " ".join((name, el.get("id") or "", label, el.get("placeholder") or "",
                        el.get("aria-label") or "")).casefold()
        self.searchy &= kind == "search" or name.lower() in _SEARCH
        self.password |= kind == "password"
        if kind == "textarea":
            self.textarea = True
            self.message_area |= bool(_MESSAGE.search(hay))
        elif kind in _TEXTUAL or kind == "search":
            self._purpose(kind, hay, autocomplete.split())

    def _purpose(self, kind: str, hay: str, ac_tokens: list[str]) -> None:
        """Note what a one-line field asks for: the type, then autocomplete, then its words."""
        if kind == "email" or "email" in ac_tokens or (kind != "tel" and _EMAIL.search(hay)):
            self.purposes["email"].append(_autocomplete_ok(ac_tokens, "email"))
            self.emails.append(hay)
        elif kind == "tel" or any(t.startswith("tel") for t in ac_tokens) or _TEL.search(hay):
            self.purposes["tel"].append(_autocomplete_ok(ac_tokens, "tel"))
        elif (not _NAME_TOKENS.isdisjoint(ac_tokens)
              or (_NAME.search(hay) and not _NOT_NAME.search(hay))):
            self.purposes["name"].append(_autocomplete_ok(ac_tokens, "name"))
        elif _MESSAGE.search(hay):
            self.message_line = True

    def is_message(self, formless: bool) -> bool:
        """Whether the fields make a form to send a message with."""
        if self.searchy or not self.inputs:
            return False
        if self.password and not self.message_area:
            return False  # a login or sign-up form, even with a "bio" textarea
        if self.textarea:
            return not formless or any(self.purposes.values())
        # A one-line "message"/"subject" field next to a way to answer, not a lone email box.
        return self.message_line and bool(self.purposes["email"] or self.purposes["tel"])


def _captcha_in(form: Any) -> dict[str, str] | None:
    image = None
    for el in form.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        cap = _CAPTCHA_TAGS.get(tag)
        cls = el.get("class")
        if cap is None and cls:
            for token in cls.split():
                cap = _CAPTCHA_CLASSES.get(token)
                if cap is not None:
                    break
        if cap is not None:
            kind = cap.kind
            # data-size=invisible, or the class on the submit button: invisible reCAPTCHA v2.
            if el.get("data-size") == "invisible" or tag == "button" or (
                    tag == "input" and (el.get("type") or "").lower() in _SUBMITS):
                kind = "invisible"
            return {"provider": cap.provider, "kind": kind}
        if tag == "input":
            name = (el.get("name") or "").lower()
            if "captcha" in name:
                if "recaptcha" in name:
                    # A token field filled by reCAPTCHA v3 code: no challenge.
                    return {"provider": "recaptcha", "kind": "invisible"}
                if (el.get("type") or "text").lower() in _TEXTUAL:
                    image = image or {"provider": "image", "kind": "puzzle"}
        elif tag == "img" and "captcha" in (el.get("src") or "").lower():
            image = image or {"provider": "image", "kind": "puzzle"}
    return image


def _login_action(path: str) -> bool:
    segments = path.lower().split("/")
    return any(s.split(".")[0] in _LOGIN_WORDS for s in segments if s)


def _login_text(form: Any) -> bool:
    # "Please log in to send us a message" sits next to the form, in the same section.
    near = form
    for _ in range(2):
        parent = near.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        near = parent
    text = near.text_content()[:_MAX_NEAR_TEXT]
    return bool(_LOGIN_PHRASE.search(_SPACE.sub(" ", text).casefold()))


def _embed_data(provider: str, action: str) -> dict[str, Any]:
    return {"fields": 0, "required": 0, "textarea": False, "email_field": False,
            "message": True, "inputs": [], "captcha": None, "login_required": False,
            "autocomplete": {"name": None, "email": None, "tel": None},
            "confirm_email": False, "action": action, "method": "", "embed": provider,
            "formless": False}


def _embeds(page: Page, frames: list[Any], info: _PageInfo) -> Iterator[Fact]:
    done: set[str] = set()
    for frame in frames:
        src = (frame.get("src") or frame.get("data-src") or frame.get("data-tally-src")
               or "").strip()
        provider = _provider_in(src, _EMBEDS["frames"]) if src else None
        if provider is None:
            continue
        url = urljoin(page.url, src).split("#", 1)[0]
        done.add(provider)
        yield Fact("form", url, "form", page.region_of(frame), css_path(frame), url[:80],
                   data=_embed_data(provider, url))
    scripted: dict[str, str] = {}  # provider -> inline text that built it (may be "")
    for script in page.scripts:
        if script.src:
            provider = _provider_in(script.src, _EMBEDS["scripts"])
            if provider is not None:
                scripted.setdefault(provider, "")
        elif len(script.text) <= _MAX_INLINE and "json" not in script.type:
            for marker, provider in _EMBEDS["inline"].items():
                if marker in script.text:
                    scripted[provider] = script.text
    for provider, code in scripted.items():
        if provider in done:
            continue
        target = _target(page, info, provider, code)
        region, selector = (page.region_of(target), css_path(target)) if target is not None \
            else ("main", "")
        yield Fact("form", page.url, "form", region, selector, f"{provider} form (script)",
                   data=_embed_data(provider, ""))


def _target(page: Page, info: _PageInfo, provider: str, code: str) -> Any:
    """The element a script-built form is drawn into, if the page names one."""
    m = _HS_TARGET.search(code) if code else None
    if m:
        el = info.by_id(m.group(1))
        if el is not None:
            return el
    attrs = [a for a, p in _EMBEDS["attributes"].items() if p == provider]
    classes = [c for c, p in _EMBEDS["classes"].items() if p == provider]
    tests = [f"@{a}" for a in attrs] + [
        f"contains(concat(' ', normalize-space(@class), ' '), ' {c} ')" for c in classes]
    if not tests:
        return None
    found = page.selector.root.xpath(f"//*[{' or '.join(tests)}]")
    return found[0] if found else None
