"""Reading a crawl saved with ``--save-crawl``: checked field by field before any check sees it.

A saved crawl is input like any other: hand-edited, truncated, or written by someone else. A
wrong type reached the checks as a ``TypeError``, a ``NaN`` duration reached the report (which
is then not valid JSON Schema), and deep nesting ended in a ``RecursionError``. Each of these
is now one line that names the field.

>>> def why(text):
...     try:
...         load_text(text)
...     except SavedCrawlError as exc:
...         return str(exc)
>>> why('{"start_url": 1}'), why('{"duration_s": NaN}')
('start_url: expected text, found int', 'NaN is not a number JSON allows')
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

from checks.model import SiteModel
from crawler.failures import REASONS


class SavedCrawlError(ValueError):
    """The file is not a crawl saved by ``--save-crawl``; the message names the field."""


def _text(v: Any) -> bool:
    return isinstance(v, str)


def _flag(v: Any) -> bool:
    return isinstance(v, bool)


def _count(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v >= 0


def _seconds(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) and v >= 0


def _maybe(test: Callable[[Any], bool]) -> Callable[[Any], bool]:
    return lambda v: v is None or test(v)


_KINDS: dict[Callable[[Any], bool], str] = {
    _text: "text", _flag: "true or false", _count: "a whole number >= 0",
    _seconds: "a number of seconds >= 0",
}

_SITE: dict[str, Callable[[Any], bool]] = {
    "start_url": _text, "final_url": _text, "complete": _flag, "stop_reason": _text,
    "duration_s": _seconds,
}
_PAGE: dict[str, Callable[[Any], bool]] = {
    "url": _text, "status": _count, "title": _text, "lang": _text, "depth": _maybe(_count),
    "from_sitemap": _flag, "is_html": _flag, "via": _maybe(_text), "rendered": _flag,
    "render_reason": _text,
    "rendered_links": lambda v: isinstance(v, list) and all(isinstance(u, str) for u in v),
}
_UNREAD: dict[str, Callable[[Any], bool]] = {
    "url": _text, "reason": _text, "detail": _text, "partial": _flag,
}
_FACT: dict[str, Callable[[Any], bool]] = {
    "kind": _text, "value": _text, "method": _text, "region": _text, "selector": _text,
    "snippet": _text, "visible": _flag,
}


def _fail(where: str, value: Any, expected: str) -> SavedCrawlError:
    return SavedCrawlError(f"{where}: expected {expected}, found {type(value).__name__}")


def _fields(obj: Any, spec: dict[str, Callable[[Any], bool]], where: str,
            required: tuple[str, ...]) -> None:  # fmt: skip
    if not isinstance(obj, dict):
        raise _fail(where or "the file", obj, "an object")
    for key, test in spec.items():
        if key in obj and not test(obj[key]):
            raise _fail(f"{where + '.' if where else ''}{key}", obj[key],
                        _KINDS.get(test, "text or null"))
    for key in required:
        if key not in obj:
            raise SavedCrawlError(f"{where + '.' if where else ''}{key} is missing")


def _list_of(obj: Any, where: str, test: Callable[[Any], bool], expected: str) -> None:
    if not isinstance(obj, list):
        raise _fail(where, obj, "a list")
    for i, item in enumerate(obj):
        if not test(item):
            raise _fail(f"{where}[{i}]", item, expected)


def validate(data: Any) -> None:
    """Raise :class:`SavedCrawlError` unless ``data`` has the shape ``SiteModel.to_dict`` writes."""
    _fields(data, _SITE, "", ("start_url", "final_url", "complete", "stop_reason",
                              "duration_s", "warnings", "pages", "links", "facts"))
    _list_of(data["warnings"], "warnings", _text, "text")
    if not isinstance(data["pages"], list):
        raise _fail("pages", data["pages"], "a list")
    for i, page in enumerate(data["pages"]):
        _fields(page, _PAGE, f"pages[{i}]", ("url", "status"))
        unknown = set(page) - set(_PAGE)
        if unknown:
            raise SavedCrawlError(f"pages[{i}] has unknown fields: {', '.join(sorted(unknown))}")
    if not isinstance(data["links"], dict):
        raise _fail("links", data["links"], "an object")
    for url, targets in data["links"].items():
        _list_of(targets, f"links[{url[:80]!r}]", _text, "text")
    if not isinstance(data["facts"], list):
        raise _fail("facts", data["facts"], "a list")
    for i, pair in enumerate(data["facts"]):
        if not (isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str)):
            raise _fail(f"facts[{i}]", pair, "a [page URL, fact] pair")
        _fields(pair[1], _FACT, f"facts[{i}][1]", ("kind", "value", "method", "region"))
        if not isinstance(pair[1].get("data", {}), dict):
            raise _fail(f"facts[{i}][1].data", pair[1]["data"], "an object")
    if "options" in data and not isinstance(data["options"], dict):
        raise _fail("options", data["options"], "an object")
    if not isinstance(data.get("unread", []), list):
        raise _fail("unread", data["unread"], "a list")
    for i, item in enumerate(data.get("unread", [])):
        _fields(item, _UNREAD, f"unread[{i}]", ("url", "reason"))
        if item["reason"] not in REASONS:
            raise SavedCrawlError(f"unread[{i}].reason: {str(item['reason'])[:40]!r} is not "
                                  f"one of {', '.join(sorted(REASONS))}")
    if "render" in data and not isinstance(data["render"], dict):
        raise _fail("render", data["render"], "an object")


def _no_constant(name: str) -> Any:
    raise SavedCrawlError(f"{name} is not a number JSON allows")


def load_text(text: str) -> SiteModel:
    """The site model saved in ``text``; :class:`SavedCrawlError` says what is wrong."""
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except RecursionError:
        raise SavedCrawlError("nested too deeply to be a saved crawl") from None
    except json.JSONDecodeError as exc:
        raise SavedCrawlError(f"not JSON ({exc.msg}, line {exc.lineno})") from None
    validate(data)
    return SiteModel.from_dict(data)
