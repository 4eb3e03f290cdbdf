"""Accepting reviewed extraction candidates: drafts citing the article, one package per donor,
article and aid type, and a batch that is written whole or not at all, naming every bad row.

Runs on SQLite and PostgreSQL (the ``session`` fixture)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlmodel import Session

from tests.conftest import count
from tracker import services as svc
from tracker.domain import models as m
from tracker.services import accept

EDITOR = "mykola"
ARTICLE = svc.SourceInput(
    url="https://news.example.net/2024/03/14/nordic-aid",
    outlet="Example Wire",
    title="Nordic neighbours step up support",
    published=date(2024, 3, 14),
)


@pytest.fixture
def ready(session: Session) -> Session:
    """Three donors and a catalogue entry, as the review table picks from."""
    for code, name, currency in (
        ("NO", "Norway", "NOK"),
        ("SE", "Sweden", "SEK"),
        ("DK", "Denmark", "DKK"),
    ):
        session.add(m.Donor(code=code, kind="country", name=name, currency=currency))
    session.add(
        m.EquipmentType(
            name="Archer", family="Archer", category="self-propelled howitzer", unit="howitzer"
        )
    )
    session.commit()
    return session


def fact(row: int, **fields) -> accept.ReviewedFact:
    defaults = {
        "donor": "SE",
        "event": "delivery",
        "aid_type": "military",
        "event_date": date(2024, 3, 14),
    }
    return accept.ReviewedFact(row=row, **{**defaults, **fields})


def test_accepted_facts_become_drafts_citing_the_article(ready: Session) -> None:
    facts = [
        fact(
            1,
            donor="NO",
            event="pledge",
            amount=Decimal("1200000000"),
            currency="NOK",
            stated="NOK 1.2 billion",
        ),
        fact(
            2,
            item="Archer howitzers",
            equipment="Archer",
            quantity=Decimal(12),
            unit="howitzers",
            cumulative=True,
            stated="12 Archer howitzers",
        ),
    ]
    entries = accept.accept_candidates(ready, facts, source=ARTICLE, actor=EDITOR)
    ready.commit()

    assert [e.review_status for e in entries] == ["draft", "draft"]
    assert {e.recorded_by for e in entries} == {EDITOR}
    sources = {ready.get(m.Source, e.source_id).url for e in entries}
    assert sources == {ARTICLE.url}
    money, howitzers = entries
    assert (money.event, money.amount, money.currency, money.item_id) == (
        "pledge",
        Decimal("1200000000"),
        "NOK",
        None,
    )
    assert (howitzers.event, howitzers.quantity, howitzers.unit, howitzers.cumulative) == (
        "delivery",
        Decimal(12),
        "howitzer",
        True,
    )
    assert howitzers.stated == "12 Archer howitzers"
    line = ready.get(m.Item, howitzers.item_id)
    assert line.label == "Archer howitzers"
    assert ready.get(m.EquipmentType, line.equipment_type_id).name == "Archer"


def test_each_donor_gets_one_package_per_article_announced_on_its_date(ready: Session) -> None:
    danish_jets = {"donor": "DK", "item": "F-16 fighter jets", "unit": "aircraft"}
    facts = [
        fact(1, event="pledge", quantity=Decimal(19), **danish_jets),
        fact(2, event="delivery", quantity=Decimal(6), **danish_jets),
        fact(3, donor="SE", item="Archer howitzers", quantity=Decimal(12), unit="howitzer"),
    ]
    entries = accept.accept_candidates(ready, facts, source=ARTICLE, actor=EDITOR)

    packages = [ready.get(m.Package, i) for i in sorted({e.package_id for e in entries})]
    assert sorted(p.title for p in packages) == [
        "Nordic neighbours step up support (DK, military)",
        "Nordic neighbours step up support (SE, military)",
    ]
    assert {p.announced_on for p in packages} == {date(2024, 3, 14)}
    assert entries[0].item_id == entries[1].item_id  # the Danish jets are one line


def test_accepting_more_of_the_same_article_later_reuses_its_package(ready: Session) -> None:
    first = accept.accept_candidates(
        ready,
        [fact(1, item="Archer howitzers", quantity=Decimal(12), unit="howitzer")],
        source=ARTICLE,
        actor=EDITOR,
    )
    later = accept.accept_candidates(
        ready,
        [fact(4, event="pledge", amount=Decimal(500_000_000), currency="SEK")],
        source=ARTICLE,
        actor=EDITOR,
    )
    assert later[0].package_id == first[0].package_id
    assert count(ready, m.Source) == 1


def test_an_undisclosed_count_keeps_the_lines_unit(ready: Session) -> None:
    (entry,) = accept.accept_candidates(
        ready,
        [fact(1, event="pledge", item="howitzers", unit="howitzer", qualifier="undisclosed")],
        source=ARTICLE,
        actor=EDITOR,
    )
    assert (entry.quantity, entry.qualifier) == (None, "undisclosed")
    assert ready.get(m.Item, entry.item_id).unit == "howitzer"


def test_a_range_keeps_both_ends(ready: Session) -> None:
    (entry,) = accept.accept_candidates(
        ready,
        [
            fact(
                1,
                event="pledge",
                item="drones",
                quantity=Decimal(40),
                quantity_high=Decimal(50),
                unit="drone",
                qualifier="range",
            )
        ],
        source=ARTICLE,
        actor=EDITOR,
    )
    assert (entry.quantity, entry.quantity_high) == (Decimal(40), Decimal(50))


def test_every_bad_row_is_named_and_nothing_is_written(ready: Session) -> None:
    facts = [
        fact(1, item="Archer howitzers", quantity=Decimal(12), unit="howitzer"),
        fact(2, event="estimate", item="drones", quantity=Decimal(40), unit="drone"),
        fact(3, donor="XX", amount=Decimal(5), currency="EUR"),
        fact(4, item="drones", quantity=Decimal(40), unit="widgets"),
        fact(5, amount=Decimal(5), currency="EUR", event_date=None),
    ]
    with pytest.raises(accept.RowsRefused) as refused:
        accept.accept_candidates(ready, facts, source=ARTICLE, actor=EDITOR)

    problems = [(p.row, p.field, p.value) for p in refused.value.problems]
    assert problems == [
        (2, "event", "estimate"),
        (3, "donor", "XX"),
        (4, "unit", "widgets"),
        (5, "event_date", None),
    ]
    assert "row 2, event 'estimate': an estimate is not an event" in str(refused.value)
    assert "row 5, event_date" in str(refused.value)
    assert isinstance(refused.value, svc.ValidationError)  # forms' error handling shows it
    assert count(ready, m.LedgerEntry) == 0
    assert count(ready, m.Package) == 0
    assert count(ready, m.Source) == 0


def test_rows_the_table_could_not_read_are_reported_with_the_others(ready: Session) -> None:
    typo = accept.RowProblem(2, "quantity", "12,0000", "not a well-formed number")
    with pytest.raises(accept.RowsRefused) as refused:
        accept.accept_candidates(
            ready,
            [
                fact(3, donor="XX", amount=Decimal(5), currency="EUR"),
                fact(1, amount=Decimal(5), currency="SEK"),
            ],
            source=ARTICLE,
            actor=EDITOR,
            unreadable=[typo],
        )
    assert [(p.row, p.field) for p in refused.value.problems] == [(2, "quantity"), (3, "donor")]
    with pytest.raises(accept.RowsRefused):  # nothing readable is still a refusal
        accept.accept_candidates(ready, [], source=ARTICLE, actor=EDITOR, unreadable=[typo])
    assert count(ready, m.LedgerEntry) == 0


def test_a_fact_accepted_twice_is_refused_for_its_row(ready: Session) -> None:
    howitzers = fact(1, item="Archer howitzers", quantity=Decimal(12), unit="howitzer")
    accept.accept_candidates(ready, [howitzers], source=ARTICLE, actor=EDITOR)
    ready.commit()
    again = [
        fact(1, donor="NO", amount=Decimal(1), currency="NOK", event="pledge"),
        fact(2, item="Archer howitzers", quantity=Decimal(12), unit="howitzer"),
    ]
    with pytest.raises(accept.RowsRefused) as refused:
        accept.accept_candidates(ready, again, source=ARTICLE, actor=EDITOR)
    ready.rollback()
    assert [(p.row, p.field) for p in refused.value.problems] == [(2, "entry_id")]
    assert count(ready, m.LedgerEntry) == 1  # the Norwegian row went with the rollback


def test_the_article_must_be_described(ready: Session) -> None:
    with pytest.raises(svc.ValidationError) as refused:
        accept.accept_candidates(
            ready,
            [fact(1, amount=Decimal(5), currency="SEK")],
            source=svc.SourceInput(),
            actor=EDITOR,
        )
    assert refused.value.field == "source"
    assert "describe the article" in str(refused.value)
    assert count(ready, m.LedgerEntry) == 0


def test_an_empty_batch_is_refused(ready: Session) -> None:
    with pytest.raises(svc.ValidationError, match="accept at least one candidate"):
        accept.accept_candidates(ready, [], source=ARTICLE, actor=EDITOR)


@pytest.mark.parametrize(
    ("source", "label"),
    [
        (ARTICLE, "Nordic neighbours step up support"),
        (
            svc.SourceInput(url="https://x.example/a", outlet="Wire", published=date(2024, 1, 2)),
            "Wire, 2024-01-02",
        ),
        (svc.SourceInput(url="https://x.example/a"), "https://x.example/a"),
        (svc.SourceInput(title="T" * 400), "T" * 239 + "…"),
    ],
)
def test_packages_name_the_article_by_title_outlet_or_address(source, label) -> None:
    assert accept.article_label(source) == label
    assert accept.package_title(source, "se", "humanitarian") == f"{label} (SE, humanitarian)"
