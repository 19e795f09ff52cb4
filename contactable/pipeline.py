"""The audit pipeline: detectors -> site model -> checks -> scores -> the report contract.

This is the one module that knows the crawler, the checks and the reports.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from checks.api import CheckMeta, Detector, Result, SiteContext
from checks.facts import Fact
from checks.model import SiteModel
from checks.region import infer_region
from checks.scoring import score_categories
from crawler.page import Page
from crawler.records import CrawlResult
from plugins.registry import Registry

log = logging.getLogger(__name__)


@dataclass
class PageFacts:
    """Runs every detector on a page; a detector that raises loses only that page's facts.

    The first page seen is the home page: unless the user named a region, the site's country
    is inferred from it before any detector runs, and the detectors are built for it.
    """

    registry: Registry
    start_url: str = ""
    region: str | None = None
    detectors: list[Detector] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    disabled: list[str] = field(default_factory=list)
    detected: tuple[str | None, str] | None = None
    """With a configured region: the country the home page itself points to, and why (the
    report warns when the two disagree)."""
    _ready: bool = False

    def _prepare(self, home: Page) -> None:
        if self.region is None:
            self.region, _reason = infer_region(home, self.start_url)
        else:
            self.detected = infer_region(home, self.start_url)
        ctx = SiteContext(start_url=self.start_url, region=self.region,
                          region_configured=self.detected is not None)
        self.detectors = build_detectors(self.registry, ctx, self.disabled)
        self._ready = True

    def __call__(self, page: Page) -> list[Any]:
        if not self._ready:
            self._prepare(page)
        facts: list[Fact] = []
        for det in self.detectors:
            try:
                facts.extend(det.detect(page))
            except Exception as exc:  # a plugin bug must not end the audit
                if len(self.errors) < 20:
                    self.errors.append(f"detector {det.id!r} failed on {page.url}: "
                                       f"{type(exc).__name__}: {exc}")
                    log.debug("%s", traceback.format_exc())
        return facts


def build_detectors(registry: Registry, ctx: SiteContext,
                    disabled: Iterable[str] = ()) -> list[Detector]:
    """Instantiate each registered detector class, through ``from_context`` when it has one."""
    out: list[Detector] = []
    off = set(disabled)
    for ident, cls in registry.detectors.items():
        if ident in off:
            continue
        factory: Callable[..., Detector] | None = getattr(cls, "from_context", None)
        out.append(factory(ctx) if factory is not None else cls())
    return out


CONTACT_KINDS = ("email", "phone", "contact_link")


def lacks_contacts(facts: list[Any]) -> bool:
    """No contact link and no contact detail among a page's facts: a home page like that is
    rendered, in case its scripts bring them (:mod:`crawler.render`)."""
    return not any(getattr(f, "kind", "") in CONTACT_KINDS for f in facts)


def _not_rendered(site: SiteModel) -> list[str]:
    """A warning naming the pages that probably needed JavaScript and were read raw, and why;
    a page whose render failed is left out: the spider warned of it, with the failure."""
    failed = set(site.render.get("failed") or ())
    pages = [p.url for p in site.not_rendered if p.url not in failed]
    if not pages:
        return []
    # Rendering was possible and nothing failed: the crawl was stopped (Ctrl-C, SIGTERM)
    # before these pages' renders were asked for.
    why = site.render.get("unavailable") or (
        "--render never" if site.render.get("mode") == "never"
        else "the crawl was stopped before they were rendered")
    shown = ", ".join(pages[:5]) + (f" and {len(pages) - 5} more" if len(pages) > 5 else "")
    return [f"{len(pages)} page(s) probably need JavaScript to show their content and were "
            f"read as raw HTML ({why}): {shown}"]


def site_model(crawl: CrawlResult, region: str | None = None,
               extra_warnings: Iterable[str] = ()) -> SiteModel:
    """Merge a crawl's page records into the site model."""
    site = SiteModel.build(
        crawl.start_url,
        crawl.final_url or crawl.start_url,
        crawl.records,
        complete=crawl.complete,
        stop_reason=crawl.stop_reason,
        duration_s=crawl.duration_s,
        warnings=[*crawl.warnings, *extra_warnings],
        unread=[{"url": u.url, "reason": u.reason, "detail": u.detail,
                 **({"partial": True} if u.partial else {})} for u in crawl.unread],
        region=region,
        render=dict(crawl.render),
    )
    at = len(crawl.warnings)  # after the crawl's own warnings, as before
    site.warnings[at:at] = _not_rendered(site)
    return site


def run_checks(site: SiteModel, registry: Registry, disabled: Iterable[str] = (),
               weights: dict[str, float] | None = None,
               detectors_off: Iterable[str] = ()) -> list[tuple[CheckMeta, Result]]:
    """Every enabled check; one that raises becomes ``error`` and the others go on.

    ``weights`` may override a check's weight by its id. A check that reads a detector in
    ``detectors_off`` is ``not_applicable``: without that detector's facts it would fail for
    want of evidence nobody looked for.
    """
    off = set(disabled)
    no_facts = set(detectors_off)
    weights = weights or {}
    results: list[tuple[CheckMeta, Result]] = []
    for ident, chk in registry.checks.items():
        if ident in off:
            continue
        missing = [d for d in chk.meta.detectors if d in no_facts]
        try:
            res = _detector_off(missing) if missing else chk(site)
        except Exception as exc:
            log.debug("%s", traceback.format_exc())
            res = Result("error", f"The check failed: {type(exc).__name__}: {exc}", score=0.0)
        meta = chk.meta
        if ident in weights:
            meta = replace(meta, weight=weights[ident])
        results.append((meta, res))
    return results


def _detector_off(detectors: list[str]) -> Result:
    names = " and ".join(f"'{d}'" for d in detectors)
    return Result.not_applicable(
        f"Not judged: this check reads the {names} detector{'s' if len(detectors) > 1 else ''}, "
        "turned off in [detectors] of the configuration.")


def score(results: list[tuple[CheckMeta, Result]],
          weights: dict[str, float] | None = None) -> tuple[list[Any], float | None]:
    return score_categories(results, weights)
