"""One sentence, one service call (tracker.services.forms.record_sentence): a donor's pledge
or delivery with its package, line, entry and source, checked as a whole before anything is
written."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sqlmodel import Session, select

from tests.conftest import count
from tracker import services as svc
from tracker.domain import models as m

EDITOR = "olena"
RELEASE = svc.SourceInput(url="https://example.org/de/leopard-delivery", title="Leopards")


SENTENCE = svc.SentenceInput(
    donor="DE",
    event="delivery",
    event_date=date(2024, 2, 20),
    aid_type="military",
    what="Leopard 2A6",
    quantity="18 tanks",
    value="",
    package_id=None,
    package_title="Leopards for the 33rd brigade",
    source=RELEASE,
)


def test_a_sentence_records_its_package_line_entry_and_source_together(ready: Session) -> None:
    package, item, entry = svc.record_sentence(ready, SENTENCE, actor=EDITOR)
    assert (package.title, package.announced_on) == ("Leopards for the 33rd brigade", None)
    assert (item.label, item.unit, item.equipment_type_id is not None) == (
        "Leopard 2A6",
        "tank",
        True,
    )
    assert (entry.event, entry.quantity, entry.stated, entry.review_status) == (
        "delivery",
        Decimal(18),
        "18 tanks",
        "draft",
    )
    assert ready.get(m.Source, entry.source_id).title == "Leopards"
    created = {row.table_name for row in ready.exec(select(m.AuditLog))}
    assert created == {"package", "item", "source", "ledger_entry"}


def test_a_later_sentence_joins_the_donors_package_picked_by_id(ready: Session) -> None:
    package, _item, _entry = svc.record_sentence(ready, SENTENCE, actor=EDITOR)
    later = replace(
        SENTENCE,
        event_date=date(2024, 3, 5),
        quantity="4 tanks",
        package_id=package.id,
        package_title=None,
    )
    again, item, entry = svc.record_sentence(ready, later, actor=EDITOR)
    assert (again.id, count(ready, m.Package), count(ready, m.Item)) == (package.id, 1, 1)
    assert entry.item_id == item.id


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"donor": "XX"}, "donor", "is not a known donor code"),
        ({"event": "correction"}, "event", "must be one of pledge, allocation, delivery"),
        ({"event_date": None}, "event_date", "is required"),
        ({"quantity": "18 shells"}, "quantity", "this line counts tanks, not shells"),
        ({"quantity": "", "value": ""}, "quantity", "give a quantity, a value or both"),
        ({"what": None}, "what", "a quantity needs what was given"),
        ({"package_title": " "}, "package", "is required"),
        ({"source": None}, "source", "every fact needs a source: pick one or add one"),
        ({"value": "about €100m", "quantity": "up to 18 tanks"}, "value", "is hedged differently"),
    ],
)
def test_a_refused_sentence_names_its_field_and_writes_nothing(ready, change, field, message):
    with pytest.raises(svc.ValidationError) as caught:
        svc.record_sentence(ready, replace(SENTENCE, **change), actor=EDITOR)
    assert caught.value.field == field
    assert caught.value.message.startswith(message)
    assert (count(ready, m.Package), count(ready, m.Source), count(ready, m.AuditLog)) == (0, 0, 0)


def test_a_package_of_another_donor_is_refused(ready: Session) -> None:
    package, _item, _entry = svc.record_sentence(ready, SENTENCE, actor=EDITOR)
    american = replace(SENTENCE, donor="US", package_id=package.id, package_title=None)
    with pytest.raises(svc.ValidationError) as caught:
        svc.check_sentence(ready, american)
    assert (caught.value.field, caught.value.message) == ("package", "is not a package of US")


def test_a_value_and_a_quantity_make_one_entry_in_the_donors_currency(ready: Session) -> None:
    worth = replace(SENTENCE, event="pledge", quantity="18 tanks", value="$500m", donor="US")
    package, _item, entry = svc.record_sentence(ready, worth, actor=EDITOR)
    assert (entry.quantity, entry.amount, entry.currency, entry.stated) == (
        Decimal(18),
        Decimal(500_000_000),
        "USD",
        "18 tanks; $500m",
    )
    assert package.announced_on == date(2024, 2, 20)  # a pledge announces its package
