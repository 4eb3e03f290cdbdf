"""Every page of the navigation in every language, on a desktop and on a phone: no interface
string is left in English where the catalog has a translation, and no headline card cuts its
figure off ("65,2 млрд…").

The app runs on a copy of the seeded database with an admin account, so the research pages
show their forms instead of the sign-in box. Text is collected from the page's text nodes and
input placeholders; data (donor, package, source, equipment and initiative names as the
database holds them) is left out, because it is never translated. A screenshot of each page
in each language and width goes to ``screenshots/<locale>/<page>-<width>.png`` below the
test artifacts folder.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
import sqlalchemy as sa
from babel.messages.pofile import read_po
from playwright.sync_api import Browser, Page

from tests.browser.conftest import REPO_ROOT, artifacts_dir, serving
from tests.browser.streamlit_page import wait_for_app_run
from tests.conftest import copy_with_accounts
from tracker import db, i18n
from tracker.domain import vocab
from tracker.domain.tables import INIT, A, D, G, I, P, S, T

LOAD_TIMEOUT = 60_000  # ms for a page's script to finish (the first one warms the caches)
ADMIN, PASSWORD = "lena", "a long enough test passphrase"
WIDTHS = (1400, 390)
PAGES = re.findall(r'url_path="(\w+)"', (REPO_ROOT / "dashboards" / "app.py").read_text())

HEADINGS = {
    "en": ("Pledged versus delivered", "Outstanding"),
    "de": ("Zugesagt und geliefert", "Ausstehend"),
    "fr": ("Promis et livré", "Restant dû"),
    "uk": ("Обіцяно і поставлено", "Непоставлене"),
}

# Visible text: every non-blank text node, and the placeholders of inputs.
TEXTS = """() => {
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (parent && parent.closest('script, style, noscript')) continue;
        const text = node.textContent.trim();
        if (text) found.push(text);
    }
    for (const input of document.querySelectorAll('input[placeholder], textarea[placeholder]')) {
        if (input.placeholder.trim()) found.push(input.placeholder.trim());
    }
    return found;
}"""

# A card's value or label is cut off when its text is wider than the box that shows it.
CUT_OFF_CARDS = """() => [...document.querySelectorAll(
        '[data-testid="stMetricValue"] *, [data-testid="stMetricLabel"] *')]
    .filter(e => e.children.length === 0 && e.scrollWidth > e.clientWidth + 1)
    .map(e => e.textContent)"""


@cache
def translated_away(locale: str) -> frozenset[str]:
    """The English strings of the template that read differently in ``locale``: seeing one
    there means a string was not translated (plural forms are checked for 1, 2 and 5)."""
    with (i18n.CATALOGS / f"{i18n.DOMAIN}.pot").open("rb") as handle:
        template = read_po(handle)
    found: set[str] = set()
    for message in template:
        if not message.id or locale == "en":
            continue
        if isinstance(message.id, tuple):
            singular, plural = message.id[:2]
            shown = {i18n.ngettext(singular, plural, n, locale) for n in (1, 2, 5)}
            found.update(text for text in (singular, plural) if text not in shown)
        elif i18n.gettext(message.id, locale) != message.id:
            found.add(message.id)
    return frozenset(found)


@pytest.fixture(scope="module")
def database(seeded_sqlite_url: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A copy of the seeded database with an admin account (it may open every page)."""
    target = tmp_path_factory.mktemp("languages") / "app.db"
    return copy_with_accounts(seeded_sqlite_url, target, {ADMIN: "admin"}, PASSWORD)


@pytest.fixture(scope="module")
def data_words(database: str) -> set[str]:
    """Names and titles as the data holds them (never translated), vocabulary values apart."""
    terms = {
        *vocab.AID_TYPES,
        *vocab.EVENT_KINDS,
        *vocab.REVIEW_STATUSES,
        *vocab.SECRECY_LEVELS,
        *vocab.RELIABILITY_GRADES,
        *vocab.INSTRUMENTS,
        *vocab.WARNING_KINDS,
        *vocab.DONOR_KINDS,
    }
    engine = db.make_engine(database)
    words: set[str] = set()
    with engine.connect() as conn:
        for table in (D, P, S, T, I, INIT, G):
            for row in conn.execute(sa.select(table)):
                words.update(v.strip() for v in row if isinstance(v, str) and v not in terms)
        # the audit trail shows who acted and the stored values of a record ("admin" there
        # is a stored role or an account's name, data rather than interface)
        for actor, before, after in conn.execute(sa.select(A.c.actor, A.c.before, A.c.after)):
            words.add(actor)
            for stored in (before, after):
                if stored:
                    values = json.loads(stored)
                    if isinstance(values, dict):
                        words.update(v for v in values.values() if isinstance(v, str))
    engine.dispose()
    return words


@pytest.fixture(scope="module")
def app(database: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving(database, tmp_path_factory.mktemp("languages-app")) as base_url:
        yield base_url


def open_signed_in(page: Page, url: str) -> None:
    """Open ``url``; where the page asks for an account, sign in with the admin's."""
    page.goto(url)
    page.locator('[data-testid="stMain"] h1').first.wait_for(timeout=LOAD_TIMEOUT)
    settle(page)
    password = page.locator('[data-testid="stForm"] input[type="password"]')
    if password.count() == 0:
        return
    page.locator('[data-testid="stForm"] input[type="text"]').first.fill(ADMIN)
    password.fill(PASSWORD)
    page.locator('[data-testid="stFormSubmitButton"] button').first.click()
    password.wait_for(state="detached", timeout=LOAD_TIMEOUT)
    settle(page)


def settle(page: Page) -> None:
    """Wait until the script has finished and stays finished: the navigation's run and the
    page's own run can follow each other, with a moment of "not running" between them."""
    for _ in range(2):
        wait_for_app_run(page, LOAD_TIMEOUT)
        page.wait_for_timeout(1000)
    wait_for_app_run(page, LOAD_TIMEOUT)


def save_screenshot(page: Page, locale: str, name: str) -> Path:
    folder = artifacts_dir() / "screenshots" / locale
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    return path


CASES = [pytest.param(locale, name, id=f"{locale}-{name}") for locale in HEADINGS for name in PAGES]


@pytest.mark.parametrize(("locale", "name"), CASES)
def test_every_page_is_in_the_language_and_its_cards_fit(
    browser: Browser, app: str, data_words: set[str], locale: str, name: str
):
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 900})
    try:
        page = context.new_page()
        path = "" if name == PAGES[0] else name  # the default page lives at the root
        open_signed_in(page, f"{app}/{path}?locale={locale}")
        assert page.get_by_text("Page not found").count() == 0
        assert page.get_by_test_id("stException").count() == 0
        if name == "overview":
            page.wait_for_function(
                "texts => texts.every(t => document.body.textContent.includes(t))",
                arg=list(HEADINGS[locale]),
                timeout=LOAD_TIMEOUT,
            )
        shown = set(page.evaluate(TEXTS)) - data_words
        assert sorted(shown & translated_away(locale)) == []
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            page.wait_for_timeout(500)  # let the layout settle at the new width
            assert page.evaluate(CUT_OFF_CARDS) == [], width
            save_screenshot(page, locale, f"{name}-{width}")
    finally:
        context.close()
