"""The guarantee kind's price and cancellation families (issue 11): clear, fair or fixed prices
and cancelling free of charge, in the languages whose lexicons hold them. Sentences are
written for these tests, not taken from the corpus."""

from __future__ import annotations

import pytest

from checks.api import SiteContext
from checks.detectors.reassurance import ReassuranceDetector
from crawler.page import Page

DETECTOR = ReassuranceDetector.from_context(SiteContext("https://acme.test/"))


def kinds(lang: str, text: str) -> list[str]:
    page = Page.from_html("https://acme.test/",
                          f"<html lang='{lang}'><body><main><p>{text}</p></main></body></html>")
    return [f.data["kind"] for f in DETECTOR.detect(page)]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Upfront pricing for every repair, agreed before we start."),
    ("en", "Cancel free of charge up to a day before."),
    ("de", "Transparente Preise für jede Reparatur."),
    ("nl", "Gratis annuleren tot een dag van tevoren."),
    ("fr", "Des prix transparents pour chaque chantier."),
    ("it", "Tariffe trasparenti per ogni intervento."),
    ("es", "Cancelación gratuita hasta el día anterior."),
    ("pt", "Preços claros para cada serviço."),
    ("pl", "Przejrzyste ceny każdej usługi."),
    ("sv", "Avboka kostnadsfritt fram till dagen innan."),
])  # fmt: skip
def test_price_and_cancellation_guarantees(lang: str, text: str) -> None:
    assert "guarantee" in kinds(lang, text)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The fixed rate of the loan is 3%."),
    ("de", "Die Preise für Strom sind gestiegen."),
])  # fmt: skip
def test_other_prices_are_no_guarantee(lang: str, text: str) -> None:
    assert "guarantee" not in kinds(lang, text)
