"""The overview in each language, on a desktop and on a phone: its words are translated and
every headline card shows its whole amount (no "65,2 млрд…")."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.browser.test_dashboards import LOAD_TIMEOUT

HEADINGS = {
    "en": ("Pledged versus delivered", "Outstanding"),
    "de": ("Zugesagt und geliefert", "Ausstehend"),
    "fr": ("Promis et livré", "Restant dû"),
    "uk": ("Обіцяно і поставлено", "Непоставлене"),
}

# A card's value is cut off when its text is wider than the box that shows it.
CUT_OFF_CARDS = """() => [...document.querySelectorAll('[data-testid="stMetricValue"] *')]
    .filter(e => e.children.length === 0 && e.scrollWidth > e.clientWidth + 1)
    .map(e => e.textContent)"""


@pytest.mark.parametrize("width", [1400, 390])
@pytest.mark.parametrize("locale", list(HEADINGS))
def test_the_overview_is_in_the_language_and_its_cards_fit(
    browser: Browser, served_app: str, screenshot, locale: str, width: int
):
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{served_app}/?locale={locale}")  # the default page is at the root
        page.wait_for_function(
            "texts => texts.every(t => document.body.textContent.includes(t))",
            arg=list(HEADINGS[locale]),
            timeout=LOAD_TIMEOUT,
        )
        page.wait_for_selector('[data-testid="stMetricValue"]', timeout=LOAD_TIMEOUT)
        assert page.evaluate(CUT_OFF_CARDS) == []
        assert page.get_by_text("Page not found").count() == 0
        screenshot(page, f"overview-{locale}-{width}")
    finally:
        context.close()
