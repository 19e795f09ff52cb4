"""Configuration: ``[tool.contactable]`` in pyproject.toml, or ``contactable.toml``, or
``--config FILE``. Command-line flags win over the file; the file wins over the defaults.

An unknown key is an error that names it, so a typo never silently does nothing:

>>> parse({"max_pages": 50, "checks": {"phone.tel_link": "error"}}, "contactable.toml").max_pages
50
>>> parse({"max_page": 50}, "contactable.toml")
Traceback (most recent call last):
...
contactable.config.ConfigError: contactable.toml: unknown key 'max_page' (known: ...)

The same keys sit at the top level of ``contactable.toml`` and under ``[tool.contactable]``
in ``pyproject.toml``::

    region = "GB"               # country for numbers without +code
    legal_profile = "auto"      # auto | EU | DE | UK | none
    max_pages = 300
    max_depth = 4
    concurrency = 8
    delay = 0.5
    ignore_robots = false
    sitemaps = true
    format = ["json", "html"]
    out = "contactable-report"
    history = ".contactable/history.sqlite"   # keep every audit (trends, diff); off unless set
    fail_under = 80
    plugins = ["my_checks:CHECKS"]
    wait_for = 120              # seconds to wait for the URL to answer (a preview deploy)
    render = "auto"             # auto | always | never: pages that need JavaScript

    [headers]                   # sent to the audited site only, never written in a report
    "x-vercel-protection-bypass" = "..."

    [cookies]                   # the same, as cookies
    preview = "..."

    preset = "recommended"      # recommended | strict (assertions; [checks] wins)
    report_only = false         # true: print what would fail, never exit 1
    fail_on = "regression"      # with --baseline: exit 1 when a contact or check got worse

    [checks]                    # per check id or per category: error | error:fail | warn | off
    "phone.tel_link" = "error"  # exit 1 when this check warns or fails
    legal = "off"               # do not run the legal checks

    [category_min]              # exit 1 when a category's score (0..100) is below
    findability = 80

    [[suppress]]                # a known finding that does not fail the run (still shown)
    check = "phone.tel_link"    # a check id (or a category)
    url = "/blog/*"             # optional: only where all its evidence is on matching paths
    reason = "the blog is a third-party widget"   # required
    expires = 2025-12-31        # optional: it counts again after this day

    [[assert_matrix]]           # levels for findings on some pages (Lighthouse CI's assertMatrix)
    url = ["/blog/*", "/news/*"]  # fnmatch on the path; a string or a list
    preset = "recommended"      # optional, as the top-level preset
    [assert_matrix.checks]      # as [checks]; "off" here: no assertion, the check still runs
    phone = "off"

    [weights]                   # category or check weights (0 drops it from the score)
    structured_data = 0
    "phone.tel_link" = 2

    [detectors]                 # per detector id: on | off (its checks: not applicable)
    persons = "off"

    [branding]                  # white-label HTML reports and batch index
    name = "Acme Digital"
    logo = "acme-logo.svg"      # png, jpeg or svg, at most 100 KB, beside this file
    accent = "#0b5fff"          # must reach 4.5:1 against the report's background
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from difflib import get_close_matches
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from contactable import values
from contactable.branding import Branding, BrandingError, parse_branding
from contactable.values import FAIL_ON, LEGAL_PROFILES, LEVELS, PRESETS, BadValue

__all__ = ["FAIL_ON", "LEGAL_PROFILES", "LEVELS", "PRESETS", "Config", "ConfigError", "load",
           "parse"]


class ConfigError(ValueError):
    """A configuration file is unreadable or holds a wrong key or value; one line."""


@dataclass(frozen=True)
class Suppression:
    """A ``[[suppress]]`` entry: a finding of ``check`` (id or category) that does not fail
    the run, on pages whose path matches ``url`` (fnmatch; every page when empty), until
    ``expires`` (inclusive; forever when None). It is always shown, with its ``reason``."""

    check: str
    reason: str
    url: str = ""
    expires: date | None = None


@dataclass(frozen=True)
class MatrixEntry:
    """An ``[[assert_matrix]]`` entry: on pages whose path matches one of ``urls`` (fnmatch),
    a finding is judged by these ``checks`` levels, else this ``preset``, else the top-level
    ones (:func:`contactable.assertions.level_on`)."""

    urls: tuple[str, ...]
    checks: dict[str, str] = field(default_factory=dict, hash=False)
    preset: str | None = None


@dataclass
class Config:
    """Settings from a configuration file; ``None`` means "not set there"."""

    source: str = ""
    region: str | None = None
    legal_profile: str | None = None
    max_pages: int | None = None
    max_depth: int | None = None
    concurrency: int | None = None
    delay: float | None = None
    ignore_robots: bool | None = None
    sitemaps: bool | None = None
    format: list[str] | None = None
    out: str | None = None
    history: str | None = None
    """The SQLite file every audit is added to (:mod:`contactable.history`); off when None."""
    fail_under: float | None = None
    plugins: list[str] = field(default_factory=list)
    checks: dict[str, str] = field(default_factory=dict)
    """Level per check id or category: ``error``, ``warn`` or ``off``."""
    weights: dict[str, float] = field(default_factory=dict)
    detectors: dict[str, str] = field(default_factory=dict)
    """Per detector id: ``off`` to skip it (turn off the checks that use its facts too)."""
    wait_for: float | None = None
    render: str | None = None
    headers: dict[str, str] = field(default_factory=dict, repr=False)
    """Sent to the audited site's origin only (:mod:`crawler.access`)."""
    cookies: dict[str, str] = field(default_factory=dict, repr=False)
    preset: str | None = None
    report_only: bool | None = None
    fail_on: str | None = None
    category_min: dict[str, float] = field(default_factory=dict)
    suppress: list[Suppression] = field(default_factory=list)
    assert_matrix: list[MatrixEntry] = field(default_factory=list)
    branding: Branding | None = None
    """``[branding]``: the agency's name, logo and accent colour in the HTML reports."""


# Every key that has a flag is checked by the flag's own validator (contactable.values), so
# the file refuses a value exactly as the command line does, in the same words.
_SCALARS: dict[str, Callable[[Any], Any]] = {
    "region": values.region,
    "legal_profile": values.legal_profile,
    "max_pages": values.positive,
    "max_depth": values.non_negative,
    "concurrency": values.positive,
    "delay": values.delay,
    "ignore_robots": values.boolean,
    "sitemaps": values.boolean,
    "out": values.folder,
    "history": values.history,
    "wait_for": values.seconds,
    "fail_under": values.score,
    "render": values.render,
    "report_only": values.boolean,
    "preset": values.preset,
    "fail_on": values.fail_on,
    "format": values.formats,
    "plugins": values.names,
}
_REMOVED = {"workers": "contactable reads every page in one process; drop the key"}


def parse(data: dict[str, Any], source: str, base: Path | None = None) -> Config:
    """Validate a configuration table (already read from TOML); ``base`` is the folder that
    paths in it (the branding logo) are relative to: the file's own."""
    cfg = Config(source=source)
    known = [*_SCALARS, "checks", "branding", "weights", "detectors", "headers",
             "cookies", "category_min", "suppress", "assert_matrix"]
    for key, value in data.items():
        if key in _SCALARS:
            setattr(cfg, key, _valid(_SCALARS[key], value, f"{source}: {key}"))
        elif key == "checks":
            cfg.checks = _table(value, source, key, values.level)
        elif key == "weights":
            cfg.weights = _table(value, source, key, values.weight)
        elif key == "detectors":
            cfg.detectors = _table(value, source, key, values.switch)
        elif key in ("headers", "cookies"):
            setattr(cfg, key, _access(value, source, key))
        elif key == "category_min":
            cfg.category_min = _table(value, source, key, values.score)
        elif key == "suppress":
            cfg.suppress = _suppressions(value, source)
        elif key == "assert_matrix":
            cfg.assert_matrix = _matrix(value, source)
        elif key == "branding":
            try:
                cfg.branding = parse_branding(value, base or Path.cwd())
            except BrandingError as exc:
                raise ConfigError(f"{source}: {exc}") from None
        elif key in _REMOVED:
            raise ConfigError(f"{source}: {key} was removed: {_REMOVED[key]}")
        else:
            raise ConfigError(f"{source}: unknown key {key!r} (known: {', '.join(known)})")
    return cfg


def _valid(validate: Callable[[Any], Any], value: Any, where: str) -> Any:
    """``validate(value)``, its complaint prefixed with where the value is written."""
    try:
        return validate(value)
    except BadValue as exc:
        raise ConfigError(f"{where}: {exc}") from None


def _tables(value: Any, source: str, name: str,
            known: tuple[str, ...]) -> list[tuple[str, dict[str, Any]]]:
    """The entries of an array of tables (``[[name]]``), each with where it is written; a
    non-table or an unknown key is a one-line error."""
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ConfigError(f"{source}: {name} must be a list of [[{name}]] tables")
    out = []
    for n, entry in enumerate(value, 1):
        where = f"{source}: [[{name}]] #{n}"
        unknown = sorted(set(entry) - set(known))
        if unknown:
            raise ConfigError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(known)})")
        out.append((where, entry))
    return out


def _suppressions(value: Any, source: str) -> list[Suppression]:
    out = []
    for where, entry in _tables(value, source, "suppress", ("check", "url", "reason", "expires")):
        check, url, reason = entry.get("check"), entry.get("url", ""), entry.get("reason")
        if not isinstance(check, str) or not check.strip():
            raise ConfigError(f"{where}: check must be a check id, e.g. check = "
                              '"phone.tel_link"')
        if not isinstance(reason, str) or not reason.strip():
            raise ConfigError(f"{where} ({check}): reason is required: say why it is accepted")
        if not isinstance(url, str):
            raise ConfigError(f"{where} ({check}): url must be a path pattern such as "
                              '"/blog/*"')
        out.append(Suppression(check.strip(), reason.strip(), url.strip(),
                               _expiry(entry.get("expires"), f"{where} ({check})")))
    return out


def _matrix(value: Any, source: str) -> list[MatrixEntry]:
    out = []
    for where, entry in _tables(value, source, "assert_matrix", ("url", "checks", "preset")):
        urls = entry.get("url")
        urls = [urls] if isinstance(urls, str) else urls
        if not isinstance(urls, list) or not urls or not all(
                isinstance(u, str) and u.strip() for u in urls):
            raise ConfigError(f'{where}: url must be a path pattern such as "/blog/*", or a '
                              "list of them")
        preset = entry.get("preset")
        if preset is not None:
            preset = _valid(values.preset, preset, f"{where}: preset")
        checks = _table(entry.get("checks", {}), where, "checks", values.level)
        if not checks and preset is None:
            raise ConfigError(f"{where}: give its levels in [assert_matrix.checks] or a preset")
        out.append(MatrixEntry(tuple(u.strip() for u in urls), checks, preset))
    return out


def _expiry(v: Any, where: str) -> date | None:
    if v is None:
        return None
    if isinstance(v, date) and not hasattr(v, "hour"):  # a TOML date, not a date-time
        return v
    if isinstance(v, str) and len(v.strip()) == 10:
        try:
            return date.fromisoformat(v.strip())
        except ValueError:
            pass
    raise ConfigError(f"{where}: expires must be a date YYYY-MM-DD, not {v!r}")


def _table(value: Any, source: str, key: str,
           validate: Callable[[Any], Any]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{source}: [{key}] must be a table of ids")
    return {ident: _valid(validate, v, f"{source}: {key}.{ident}") for ident, v in value.items()}


def _access(value: Any, source: str, key: str) -> dict[str, str]:
    """``[headers]`` / ``[cookies]``: names and string values, checked as the flags are."""
    from crawler.access import check_cookie, check_header

    if not isinstance(value, dict):
        raise ConfigError(f"{source}: [{key}] must be a table of names and values")
    out = {}
    for name, v in value.items():
        if not isinstance(v, str):
            raise ConfigError(f"{source}: {key}.{name} must be a string")
        try:
            name, v = (check_header if key == "headers" else check_cookie)(name.strip(), v)
        except ValueError as exc:
            raise ConfigError(f"{source}: [{key}]: {exc}") from None
        out[name] = v
    return out


def load(path: Path | None = None, cwd: Path | None = None) -> Config:
    """Read ``path``, else ``contactable.toml``, else pyproject's ``[tool.contactable]``.

    No file at all gives an empty :class:`Config`.
    """
    if path is not None:
        if not path.is_file():
            raise ConfigError(f"config file {path} not found")
        data = _read(path)
        table = data.get("tool", {}).get("contactable", {}) if path.name == "pyproject.toml" \
            else data
        return parse(table, str(path), path.parent)
    cwd = cwd or Path.cwd()
    own = cwd / "contactable.toml"
    if own.is_file():
        return parse(_read(own), own.name, cwd)
    pyproject = cwd / "pyproject.toml"
    if pyproject.is_file():
        table = _read(pyproject).get("tool", {}).get("contactable")
        if table is not None:
            if not isinstance(table, dict):
                raise ConfigError("pyproject.toml: [tool.contactable] must be a table")
            return parse(table, "pyproject.toml [tool.contactable]", cwd)
    return Config()


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None


def check_ids(cfg: Config, check_ids: set[str], categories: set[str],
              detector_ids: set[str] | None = None) -> None:
    """Every id named in ``[checks]``, ``[weights]``, ``[detectors]``, ``[category_min]``,
    ``[[assert_matrix]]`` and ``[[suppress]]`` must exist."""
    for ident in cfg.detectors:
        if detector_ids is not None and ident not in detector_ids:
            close = get_close_matches(ident, sorted(detector_ids), n=2)
            hint = f" (did you mean {' or '.join(close)}?)" if close else ""
            raise ConfigError(f"{cfg.source or 'command line'}: unknown detector {ident!r} in "
                              f"[detectors]{hint}")
    for key in ("checks", "weights"):
        for ident in getattr(cfg, key):
            if ident not in check_ids and ident not in categories:
                close = get_close_matches(ident, sorted(check_ids | categories), n=3)
                hint = f" (did you mean {' or '.join(close)}?)" if close else ""
                where = "--check or [checks]" if key == "checks" else "[weights]"
                prefix = f"{cfg.source}: " if cfg.source else ""
                hint = hint or " (docs/checks.md lists the checks)"
                raise ConfigError(f"{prefix}unknown check or category {ident!r} in {where}{hint}")
    prefix = f"{cfg.source}: " if cfg.source else ""
    for ident in cfg.category_min:
        if ident not in categories:
            close = get_close_matches(ident, sorted(categories), n=2)
            hint = f"did you mean {' or '.join(close)}?" if close else \
                f"categories: {', '.join(sorted(categories))}"
            raise ConfigError(f"{prefix}unknown category {ident!r} in --category-min or "
                              f"[category_min] ({hint})")
    known = check_ids | categories
    for entry in cfg.assert_matrix:
        for ident in entry.checks:
            _known(ident, known, f"{prefix}unknown check or category {ident!r} in "
                   f"[[assert_matrix]] for {', '.join(entry.urls)}")
    for sup in cfg.suppress:
        _known(sup.check, known, f"{prefix}unknown check {sup.check!r} in [[suppress]]")


def _known(ident: str, known: set[str], message: str) -> None:
    """Raise ``message`` with the closest known ids when ``ident`` is not one of ``known``."""
    if ident not in known:
        close = get_close_matches(ident, sorted(known), n=3)
        raise ConfigError(message + (f" (did you mean {' or '.join(close)}?)" if close else ""))


def level_of(cfg_levels: dict[str, str], check_id: str) -> str | None:
    """The configured level of a check: its own, else its category's, else None.

    >>> level_of({"legal": "off", "legal.vat_id": "warn"}, "legal.vat_id")
    'warn'
    >>> level_of({"legal": "off"}, "legal.register"), level_of({}, "email.visible")
    ('off', None)
    """
    if check_id in cfg_levels:
        return cfg_levels[check_id]
    return cfg_levels.get(check_id.split(".")[0])
