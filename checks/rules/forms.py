"""D6 Contact-form friction: how much a visitor must do before a message is sent.

Every check judges *the* contact form: the message form nearest the start page (on a tie, the
one on a contact page). Search boxes, sign-ups and logins are not message forms; a site
without a message form makes the whole dimension not applicable.

>>> from checks.facts import Fact
>>> form = Fact("form", "https://a.test/send", "form", "main",
...             data={"message": True, "fields": 5, "required": 5})
>>> s = SiteModel.build("https://a.test/", "https://a.test/",
...                     [{"url": "https://a.test/", "status": 200, "facts": [form]}])
>>> required_fields(s).status
'warn'
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from checks.api import Check, Evidence, Result
from checks.facts import Fact
from checks.lexicons import load
from checks.model import SiteModel
from checks.rules.meta import rule

# Baymard-style thresholds (Baymard Institute form-field research, see rules.json): required
# fields <= PASS pass, <= WARN warn.
PASS_FIELDS, WARN_FIELDS = 4, 7
_VISIBLE_CAPTCHA = ("checkbox", "puzzle")
_PURPOSES = ("name", "email", "tel")
_PURPOSE_WORDS = {"name": "name", "email": "email", "tel": "phone"}
_NAME_WORDS = ("name", "nom", "naam")  # EN/DE (Vorname, Nachname), FR/ES (nom, nombre), NL


def contact_form(site: SiteModel) -> tuple[str, Fact] | None:
    """``(page url, fact)`` of the message form nearest the start page, or None."""
    forms = [(u, f) for u, f in site.facts_of("form") if f.data.get("message", True)]
    if not forms:
        return None
    contact = {p.url for p in site.contact_pages()}

    def key(uf: tuple[str, Fact]) -> tuple[bool, int, bool, str]:
        d = site.depth(uf[0])
        return (d is None, d or 0, uf[0] not in contact, uf[0])

    return min(forms, key=key)


def _evidence(url: str, f: Fact) -> list[Evidence]:
    return [Evidence(url, f.selector, f.snippet, f.value)]


def _opaque(f: Fact) -> bool:
    """A third-party form (Typeform, Google Forms ...) whose fields live in an iframe."""
    return bool(f.data.get("embed")) and not f.data.get("inputs") and not f.data.get("fields")


def _label(inp: dict[str, Any]) -> str:
    return str(inp.get("label") or inp.get("name") or inp.get("type") or "field").strip()


def _and(words: list[str]) -> str:
    return " and ".join(words) if len(words) < 3 else f"{', '.join(words[:-1])} and {words[-1]}"


def _none_form() -> Result:
    return Result.not_applicable("The site has no contact form.")


def _on_contact_form(
    judge: Callable[[str, Fact, list[Evidence]], Result],
) -> Callable[[SiteModel], Result]:
    """A check of the site's contact form (its page, its fact, evidence pointing at it);
    without a contact form it does not apply."""

    def check(site: SiteModel) -> Result:
        found = contact_form(site)
        if found is None:
            return _none_form()
        url, f = found
        return judge(url, f, _evidence(url, f))

    check.__name__, check.__doc__ = judge.__name__, judge.__doc__
    return check


@rule("forms.required_fields")
@_on_contact_form
def required_fields(url: str, f: Fact, ev: list[Evidence]) -> Result:
    if _opaque(f):
        return Result("needs_review", f"The contact form on {url} is embedded from "
                      f"{f.data['embed']}, so its required fields cannot be counted.",
                      evidence=ev, recommendation="Open the embedded form and check that it "
                      "requires no more than name, email and message.")
    required = int(f.data.get("required") or 0)
    fields = int(f.data.get("fields") or 0)
    if required == 0 and fields > PASS_FIELDS:
        # Nothing is marked required: the server may still insist on every field.
        return Result("needs_review", f"The contact form on {url} has {fields} fields and "
                      "marks none as required.", evidence=ev,
                      recommendation="Mark the fields you need with the required attribute, "
                      f"and keep them to {PASS_FIELDS} or fewer: name, email and message.")
    names = [_label(i) for i in f.data.get("inputs") or () if i.get("required")]
    which = f" ({', '.join(names)})" if names and len(names) == required else ""
    summary = (f"The contact form on {url} has {required} required field(s){which}."
               if required else
               f"The contact form on {url} has {fields} field(s), none marked required.")
    if required <= PASS_FIELDS:
        return Result.passed(summary, evidence=ev)
    extra = _beyond_essentials(list(f.data.get("inputs") or ()))
    # When no field is recognisably a name, email or message, naming "extras" would be noise.
    others = (f"make {_and([repr(e) for e in extra])} optional or drop them"
              if extra and len(extra) < required else "make the others optional or drop them")
    advice = (f"Cut the {required} required fields of the form on {url} to name, email and "
              f"message: {others}.")
    status = "warn" if required <= WARN_FIELDS else "fail"
    return Result(status, summary, evidence=ev, recommendation=advice)


@rule("forms.captcha_login")
@_on_contact_form
def captcha_login(url: str, f: Fact, ev: list[Evidence]) -> Result:
    if f.data.get("login_required"):
        return Result.failed(f"Visitors must log in before they can use the contact form on "
                             f"{url}.", evidence=ev,
                             recommendation=f"Let visitors send the form on {url} without an "
                             "account; offer the login only to prefill their details.")
    captcha = f.data.get("captcha") or None
    if captcha is None:
        if _opaque(f):
            return Result.not_applicable(f"The contact form on {url} is embedded from "
                                         f"{f.data['embed']}; its spam check cannot be seen.",
                                         evidence=ev)
        return Result.passed("The contact form needs no CAPTCHA and no login.", evidence=ev)
    provider = _captcha_name(str(captcha.get("provider") or ""))
    kind = str(captcha.get("kind") or "")
    if kind in _VISIBLE_CAPTCHA:
        what = "puzzle" if kind == "puzzle" else "checkbox challenge"
        return Result.warned(
            f"The contact form on {url} shows a visible {provider} {what}.", evidence=ev,
            recommendation=f"Replace the visible {provider} {what} on {url} with an invisible "
            "check (a honeypot field, or the provider's invisible or score-based mode).")
    return Result.passed(f"The contact form's spam check ({provider}) is invisible to "
                         "visitors.", evidence=ev)


def _purpose(inp: dict[str, Any]) -> str | None:
    """What an input most likely collects: name, email, tel, message, or None."""
    ac = str(inp.get("autocomplete") or "").lower().split()
    typ = str(inp.get("type") or "").lower()
    hay = f"{inp.get('name') or ''} {inp.get('label') or ''}".lower()
    if typ == "textarea":
        return "message"
    if typ == "email" or "email" in ac or "mail" in hay:
        return "email"
    if typ == "tel" or any(t.startswith("tel") for t in ac) or "phone" in hay or "tel" in hay:
        return "tel"
    if any(t.endswith("name") for t in ac) or (any(w in hay for w in _NAME_WORDS)
                                                and "user" not in hay):
        return "name"
    return None


@cache
def _captcha_names() -> dict[str, str]:
    return {str(r["provider"]): str(r.get("name") or r["provider"])
            for r in load("forms").get("captcha", ())}


def _captcha_name(provider: str) -> str:
    """A CAPTCHA's display name ("image" is the detector's word for a home-made one)."""
    if provider in ("", "image"):
        return "image CAPTCHA" if provider else "CAPTCHA"
    return _captcha_names().get(provider, provider)


def _input_for(purpose: str, inputs: list[dict[str, Any]]) -> dict[str, Any] | None:
    return next((i for i in inputs if _purpose(i) == purpose), None)


def _beyond_essentials(inputs: list[dict[str, Any]]) -> list[str]:
    """Labels of required inputs other than one name, one email and one message field."""
    kept: set[str] = set()
    extra = []
    for inp in inputs:
        if not inp.get("required"):
            continue
        p = _purpose(inp)
        if p in ("name", "email", "message") and p not in kept:
            kept.add(p)
        else:
            extra.append(_label(inp))
    return extra


@rule("forms.autocomplete")
@_on_contact_form
def autocomplete(url: str, f: Fact, ev: list[Evidence]) -> Result:
    ac: dict[str, bool | None] = f.data.get("autocomplete") or {}
    present = [p for p in _PURPOSES if ac.get(p) is not None]
    if not present:
        if _opaque(f):
            return Result.not_applicable(f"The contact form on {url} is embedded from "
                                         f"{f.data['embed']}; its fields cannot be seen.",
                                         evidence=ev)
        return Result.not_applicable("The contact form asks for no name, email or phone.",
                                     evidence=ev)
    missing = [p for p in present if not ac.get(p)]
    if not missing:
        return Result.passed("The name, email and phone fields of the contact form tell the "
                             "browser what they are for (autocomplete).", evidence=ev)
    inputs = list(f.data.get("inputs") or ())
    fixes = []
    for p in missing:
        inp = _input_for(p, inputs)
        field = f"the '{_label(inp)}' field" if inp else f"the {_PURPOSE_WORDS[p]} field"
        fixes.append(f'autocomplete="{p}" to {field}')
    advice = f"In the form on {url}, add {_and(fixes)} so browsers can fill them in."
    words = ", ".join(_PURPOSE_WORDS[p] for p in missing)
    if len(missing) < len(present):
        return Result.warned(f"Some contact form fields lack autocomplete ({words}).",
                             evidence=ev, recommendation=advice)
    return Result.failed(f"No field of the contact form says what it collects ({words}): "
                         "browsers and assistive tools cannot fill them in.",
                         evidence=ev, recommendation=advice)


@rule("forms.confirm_email")
@_on_contact_form
def confirm_email(url: str, f: Fact, ev: list[Evidence]) -> Result:
    if f.data.get("confirm_email"):
        return Result.warned(f"The contact form on {url} asks for the email address twice.",
                             evidence=ev,
                             recommendation=f"Remove the 'confirm email' field from the form on "
                             f"{url}; show the address back before sending instead.")
    if _opaque(f):
        return Result.not_applicable(f"The contact form on {url} is embedded from "
                                     f"{f.data['embed']}; its fields cannot be seen.",
                                     evidence=ev)
    return Result.passed("The contact form asks for the email address once.", evidence=ev)


CHECKS: list[Check] = [required_fields, captcha_login, autocomplete, confirm_email]
