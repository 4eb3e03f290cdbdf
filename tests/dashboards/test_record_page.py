"""The one-form page: a sentence's pledge or delivery with its package, line, entry and
source, previewed by the service's own check and saved in one call."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from sqlmodel import Session, select

from tests.dashboards import test_entry_pages as pages
from tests.dashboards.test_entry_pages import (
    EDITOR,
    OpenAs,
    click,
    count,
    errors,
    set_values,
    successes,
    texts,
)
from tracker import i18n
from tracker.domain import models as m

# The entry pages' fixtures: a copy of the seeded database with an editor, signed in.
with_accounts, stored, open_as = pages.with_accounts, pages.stored, pages.open_as

NASAMS_RELEASE = "https://example.org/no/nasams-two-systems"


def fill_norwegian_pledge(at, **extra: object):
    at = set_values(at, record__donor="NO")
    values = {
        "record__event": "pledge",
        "record__date": date(2024, 5, 14),
        "record__what": "NASAMS",
        "record__quantity": "two systems",
        "record__value": "NOK 1.5 billion",
        "record__title": "Air defence for Kharkiv",
    }
    at = set_values(at, **{**values, **extra})
    at = set_values(at, record__source__mode="new")
    return set_values(
        at, record__source__url=NASAMS_RELEASE, record__source__title="Oslo pledges NASAMS"
    )


def test_one_sentence_becomes_a_package_a_line_an_entry_and_a_source(
    open_as: OpenAs, stored: Session
) -> None:
    before = {model: count(stored, model) for model in (m.Package, m.Item, m.Source)}
    entries = count(stored, m.LedgerEntry)
    at = fill_norwegian_pledge(open_as("record.py", EDITOR))
    assert (
        "Will record a draft **Pledge (promised)** of **2\u00a0systems, worth "
        "NOK1,500,000,000.00** (NASAMS) for Norway on May 14, 2024, in a new package "
        "“Air defence for Kharkiv”." in texts(at)
    )
    at = click(at, "record:save")
    assert successes(at) == [
        "Pledge (promised) recorded as a draft: two systems; NOK 1.5 billion, May 14, 2024, "
        "in “Air defence for Kharkiv”."
    ]
    after = {model: count(stored, model) for model in (m.Package, m.Item, m.Source)}
    assert {model: after[model] - before[model] for model in after} == {
        m.Package: 1,
        m.Item: 1,
        m.Source: 1,
    }
    assert count(stored, m.LedgerEntry) == entries + 1
    entry = stored.exec(select(m.LedgerEntry).order_by(m.LedgerEntry.id.desc())).first()
    assert (entry.event, entry.quantity, entry.unit, entry.amount, entry.currency) == (
        "pledge",
        Decimal(2),
        "system",
        Decimal(1_500_000_000),
        "NOK",
    )
    package = stored.get(m.Package, entry.package_id)
    assert (package.title, package.announced_on, package.aid_type) == (
        "Air defence for Kharkiv",
        date(2024, 5, 14),
        "military",
    )
    assert stored.get(m.Source, entry.source_id).url == NASAMS_RELEASE


def test_a_unit_that_does_not_fit_the_equipment_is_refused_in_the_preview_and_on_save(
    open_as: OpenAs, stored: Session
) -> None:
    entries = count(stored, m.LedgerEntry)
    at = fill_norwegian_pledge(open_as("record.py", EDITOR), record__quantity="2 tanks")
    refusal = "Quantity: this line counts systems, not tanks. You typed “2 tanks”."
    assert refusal in [info.value for info in at.info]
    at = click(at, "record:save")
    assert errors(at) == [f"Not saved. {refusal}"]
    assert count(stored, m.LedgerEntry) == entries
    assert count(stored, m.Package, m.Package.title == "Air defence for Kharkiv") == 0


@pytest.fixture
def ukrainian_here() -> Iterator[None]:
    """The test's own thread reads the page in Ukrainian too: AppTest formats the options of
    a select box in the test's thread when it sends the widgets' state back."""
    i18n.set_locale("uk")
    yield
    i18n.set_locale("en")


def test_in_ukrainian_the_form_and_its_refusals_are_ukrainian(
    open_as: OpenAs, ukrainian_here: None
) -> None:
    at = open_as("record.py", EDITOR, locale="uk")
    assert [t.value for t in at.title] == ["Записати зобов'язання чи постачання"]
    at = set_values(at, record__donor="NO", record__date=date(2024, 5, 14))
    at = set_values(at, record__what="NASAMS", record__quantity="2 танки")
    [refusal] = [info.value for info in at.info]
    assert refusal.startswith("Кількість: ") and refusal.endswith("Ви ввели «2 танки».")
    at = set_values(at, record__quantity="2")
    assert [info.value for info in at.info] == ["Пакет: обов'язкове поле."]
