"""One validator per option value, shared by the flags (:mod:`contactable.options`) and the
configuration file (:mod:`contactable.config`), so a value is refused in the same words
wherever it is written: ``region = "XX"`` in ``contactable.toml`` fails exactly as
``--region XX`` does.

Each validator takes what the user wrote (a flag's text, or a TOML value, which may already be
a number or a boolean) and returns the clean value, or raises :class:`BadValue` with the
message; the callers only add where it was written (``argument --region`` or
``contactable.toml: region``).

>>> positive("3"), positive(3), score("80"), region("uk"), level("Error")
(3, 3, 80.0, 'GB', 'error')
>>> region("XX")
Traceback (most recent call last):
...
contactable.values.BadValue: 'XX' is not a two-letter country code such as GB, US, DE
"""

from __future__ import annotations

from typing import Any

from crawler.render import RENDER_MODES

LEVELS = ("error", "error:fail", "warn", "off")
"""``error`` exits 1 when a check warns or fails, ``error:fail`` only when it fails."""
PRESETS = ("recommended", "strict")
FAIL_ON = ("regression",)
"""``--fail-on`` (with ``--baseline``): what in the diff fails the run."""
LEGAL_PROFILES = ("auto", "EU", "DE", "UK", "none")
SWITCHES = ("on", "off")
MAX_WAIT_S = 86_400


class BadValue(ValueError):
    """A value no option takes; ``str()`` says what is wrong with it, in one line."""


def _whole(v: Any) -> int:
    # A TOML integer, or a flag's text; never a boolean (True is an int in Python).
    if isinstance(v, int) and not isinstance(v, bool):
        return v
    if isinstance(v, str):
        try:
            return int(v.strip())
        except ValueError:
            pass
    raise BadValue(f"{v!r} is not a whole number")


def _number(v: Any, what: str = "a number") -> float:
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return float(v)
    if isinstance(v, str):
        try:
            return float(v.strip())
        except ValueError:
            pass
    raise BadValue(f"{v!r} is not {what}")


def positive(v: Any) -> int:
    """A whole number, at least 1 (``max_pages``, ``concurrency``, ``--jobs``)."""
    n = _whole(v)
    if n < 1:
        raise BadValue(f"{v!r} must be at least 1")
    return n


def non_negative(v: Any) -> int:
    """A whole number, 0 or more (``max_depth``)."""
    n = _whole(v)
    if n < 0:
        raise BadValue(f"{v!r} must be 0 or more")
    return n


def score(v: Any) -> float:
    """A score, 0 to 100 (``fail_under``, ``category_min``)."""
    n = _number(v)
    if not 0 <= n <= 100:
        raise BadValue(f"{v!r} is not a score between 0 and 100")
    return n


def seconds(v: Any) -> float:
    """A number of seconds, 0 to a day (``wait_for``)."""
    n = _number(v, "a number of seconds")
    if not 0 <= n <= MAX_WAIT_S:
        raise BadValue(f"{v!r} must be between 0 and {MAX_WAIT_S} seconds")
    return n


def delay(v: Any) -> float:
    """A pause between requests in seconds, 0 or more (``delay``)."""
    n = _number(v, "a number of seconds")
    if n < 0:
        raise BadValue(f"{v!r} must be 0 seconds or more")
    return n


def region(v: Any) -> str:
    """A country code that phonenumbers knows; ``UK`` is taken for ``GB``."""
    import phonenumbers

    code = v.strip().upper() if isinstance(v, str) else ""
    code = "GB" if code == "UK" else code
    if code not in phonenumbers.SUPPORTED_REGIONS:
        raise BadValue(f"{v!r} is not a two-letter country code such as GB, US, DE")
    return code


def _one_of(v: Any, choices: tuple[str, ...]) -> str:
    for c in choices:
        if isinstance(v, str) and c.lower() == v.strip().lower():
            return c
    raise BadValue(f"{v!r} is not one of {', '.join(choices)}")


def legal_profile(v: Any) -> str:
    """One of :data:`LEGAL_PROFILES`, in any case."""
    return _one_of(v, LEGAL_PROFILES)


def preset(v: Any) -> str:
    return _one_of(v, PRESETS)


def fail_on(v: Any) -> str:
    return _one_of(v, FAIL_ON)


def level(v: Any) -> str:
    """A check's level: one of :data:`LEVELS`."""
    return _one_of(v, LEVELS)


def switch(v: Any) -> str:
    """A detector's switch: ``on`` or ``off``."""
    return _one_of(v, SWITCHES)


def weight(v: Any) -> float:
    n = _number(v)
    if n < 0:
        raise BadValue(f"{v!r} is not a weight (a number, 0 or more)")
    return n


def boolean(v: Any) -> bool:
    """``true`` or ``false`` (a flag such as ``--ignore-robots`` is the file's ``true``)."""
    if isinstance(v, bool):
        return v
    raise BadValue(f"{v!r} is not true or false")


def folder(v: Any) -> str:
    """A folder name (``out``); ``-`` is stdout."""
    if isinstance(v, str) and v.strip():
        return v
    raise BadValue(f"{v!r} is not a folder name")


def names(v: Any, lower: bool = False) -> list[str]:
    """A list of names, or one comma-separated string of them (``format``, ``plugins``)."""
    items = v.split(",") if isinstance(v, str) else v
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise BadValue(f"{v!r} is not a list of names")
    out = [i.strip().lower() if lower else i.strip() for i in items]
    return [i for i in out if i]


def formats(v: Any) -> list[str]:
    """Report formats (``format``); names are checked against the registry by the audit,
    because plugins may add formats."""
    out = names(v, lower=True)
    if not out:
        raise BadValue("give at least one format, e.g. json,html")
    return out


def check_level(text: str) -> tuple[str, str]:
    """``ID=LEVEL`` (``--check``): a check id or category and one of :data:`LEVELS`."""
    ident, sep, lvl = text.partition("=")
    if not sep or not ident.strip() or lvl.strip().lower() not in LEVELS:
        raise BadValue(f"{text!r} is not ID=LEVEL, e.g. phone.tel_link=error (levels: "
                       f"{', '.join(LEVELS)})")
    return ident.strip(), lvl.strip().lower()


def category_min(text: str) -> tuple[str, float]:
    """``CATEGORY=SCORE`` (``--category-min``): a category and a score, 0 to 100."""
    ident, sep, value = text.partition("=")
    try:
        minimum = score(value) if sep and ident.strip() else None
    except BadValue:
        minimum = None
    if minimum is None:
        raise BadValue(f"{text!r} is not CATEGORY=SCORE, e.g. findability=80 (a score is 0 "
                       "to 100)")
    return ident.strip(), minimum


def history(v: Any) -> str:
    """An SQLite file name for the history (``.contactable/history.sqlite``)."""
    if isinstance(v, str) and v.strip():
        return v
    raise BadValue(f"{v!r} is not a file name, e.g. \".contactable/history.sqlite\"")


def render(v: Any) -> str:
    """When pages are rendered in Chromium (``--render``)."""
    return _one_of(v, RENDER_MODES)
