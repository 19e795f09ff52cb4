"""The plugin API: detectors (per page) and checks (per site), and their results.

Built-in detectors and checks use exactly this API. A detector is a class with an ``id`` and a
``detect(page)`` method; it may define ``from_context(ctx: SiteContext)`` to read settings, the
way Scrapy components define ``from_crawler``. A check is a pure function of the :class:`SiteModel`
decorated with :func:`check`, which attaches its metadata:

>>> @check(id="demo.has_pages", title="Pages were crawled", category="findability",
...        description="A site with no pages cannot be audited.")
... def has_pages(site):
...     return Result.passed("found pages") if site.pages else Result.failed("no pages")
>>> has_pages.meta.id
'demo.has_pages'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, runtime_checkable

from checks.facts import Fact

if TYPE_CHECKING:
    from checks.model import SiteModel
    from crawler.page import Page

STATUSES = ("pass", "warn", "fail", "needs_review", "not_applicable", "error")
STATUS_SCORE = {"pass": 1.0, "warn": 0.5, "fail": 0.0, "needs_review": 0.5}
HELP_BASE = "https://github.com/contactable/contactable/blob/main/docs/checks.md"


@dataclass(frozen=True, slots=True)
class SiteContext:
    """What a detector may know of the site before the crawl: built once per audit.

    ``region`` is the site's ISO 3166 country: set by ``--region`` (or configuration) when
    ``region_configured``, else inferred from the home page (or None); ``options`` holds the
    ``[detectors.<id>]`` configuration table, if any.
    """

    start_url: str
    region: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    region_configured: bool = False
    """The user set ``region``: it may be wrong for this site, so it is a default only."""


@runtime_checkable
class Detector(Protocol):
    """Turns one page into facts. Must not keep references to the page."""

    id: ClassVar[str]

    def detect(self, page: Page) -> Iterable[Fact]: ...


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a check's verdict comes from: the report contract's evidence entry."""

    url: str
    selector: str = ""
    snippet: str = ""
    value: str = ""


@dataclass(slots=True)
class Result:
    """What a check returns: a status, a score 0..1, a summary and evidence."""

    status: str
    summary: str
    score: float | None = None
    evidence: list[Evidence] = field(default_factory=list)
    recommendation: str = ""

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r}")
        if self.score is None:
            self.score = STATUS_SCORE.get(self.status, 0.0)

    @classmethod
    def passed(cls, summary: str, **kw: Any) -> Result:
        return cls("pass", summary, **kw)

    @classmethod
    def warned(cls, summary: str, **kw: Any) -> Result:
        return cls("warn", summary, **kw)

    @classmethod
    def failed(cls, summary: str, **kw: Any) -> Result:
        return cls("fail", summary, **kw)

    @classmethod
    def not_applicable(cls, summary: str, **kw: Any) -> Result:
        return cls("not_applicable", summary, **kw)


@dataclass(frozen=True, slots=True)
class CheckMeta:
    """A check's metadata (Lighthouse audits carry the same)."""

    id: str
    title: str
    description: str
    category: str
    weight: float = 1.0
    help_url: str = ""
    source: str = ""
    """The norm, research or survey the check rests on (shown in docs/checks.md)."""
    recommendation: str = ""
    """Default advice when the check does not pass."""
    detectors: tuple[str, ...] = ()
    """The detectors whose facts the check reads: with one of them off, it cannot judge the
    site, and the audit marks it ``not_applicable`` instead of running it."""

    def __post_init__(self) -> None:
        if not self.help_url:
            object.__setattr__(self, "help_url", f"{HELP_BASE}#{self.id.replace('.', '')}")


class Check(Protocol):
    meta: CheckMeta

    def __call__(self, site: SiteModel) -> Result: ...


def check(
    *,
    id: str,
    title: str,
    category: str,
    description: str,
    weight: float = 1.0,
    help_url: str = "",
    detectors: Iterable[str] = (),
) -> Callable[[Callable[[SiteModel], Result]], Check]:
    """Attach :class:`CheckMeta` to a check function; ``detectors`` names the detectors whose
    facts it reads."""

    def wrap(fn: Callable[[SiteModel], Result]) -> Check:
        fn.meta = CheckMeta(id, title, description, category, weight, help_url,  # type: ignore[attr-defined]
                            detectors=tuple(detectors))
        return fn  # type: ignore[return-value]

    return wrap
