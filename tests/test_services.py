"""The service layer as the data-entry forms use it: sources, packages, items, events, review,
typed figures, the audit trail, and optimistic locking (no edit is ever lost).

Most tests run on SQLite and PostgreSQL (the ``session``/``engine`` fixtures); the test of two
saves racing each other runs on PostgreSQL, where the row lock makes the second one wait.
"""

from __future__ import annotations

import json
import threading
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from tests.conftest import count, setup_reference
from tracker import services as svc
from tracker.db import make_engine, upgrade
from tracker.domain import models as m

EDITOR = "olena"
REVIEWER = "taras"
PAGE = "https://www.example.org/news/germany-tanks"


def audit_actions(session: Session) -> list[tuple[str, str, str]]:
    rows = session.exec(select(m.AuditLog).order_by(m.AuditLog.id)).all()
    return [(r.actor, r.action, r.table_name) for r in rows]


def a_source(**overrides) -> svc.SourceInput:
    fields = {
        "url": PAGE,
        "outlet": "Example News",
        "title": "Germany sends tanks",
        "published": date(2023, 1, 25),
        "claimant": "German government",
        "reliability": "official",
        "quote": "14 Leopard 2A6 tanks",
    }
    return svc.SourceInput(**{**fields, **overrides})


def a_package(**overrides) -> svc.PackageInput:
    fields = {
        "donor": "DE",
        "title": "Leopard 2 delivery 2023",
        "aid_type": "military",
        "announced_on": date(2023, 1, 25),
        "instrument": "bilateral",
    }
    return svc.PackageInput(**{**fields, **overrides})


# --- sources -------------------------------------------------------------------------------


def test_the_same_article_cited_twice_is_one_source(ready: Session) -> None:
    first = svc.get_or_create_source(ready, a_source(), actor=EDITOR)
    again = svc.get_or_create_source(
        ready, a_source(url="http://example.org/news/germany-tanks/#update"), actor=EDITOR
    )
    assert again.id == first.id
    assert first.key == "url:example.org/news/germany-tanks"
    assert count(ready, m.Source) == 1


@pytest.mark.parametrize(
    ("overrides", "field", "value"),
    [
        ({"url": "example.org/page"}, "source_url", "example.org/page"),
        ({"url": None, "title": "  "}, "source", ""),
        ({"reliability": "rumour"}, "source_reliability", "rumour"),
    ],
)
def test_a_bad_source_is_refused_naming_the_field(ready, overrides, field, value) -> None:
    with pytest.raises(svc.ValidationError) as caught:
        svc.get_or_create_source(ready, a_source(**overrides), actor=EDITOR)
    assert (caught.value.field, caught.value.value) == (field, value)


def test_every_fact_needs_a_source(ready: Session) -> None:
    with pytest.raises(svc.ValidationError) as caught:
        svc.resolve_source(ready, None, actor=EDITOR)
    assert caught.value.field == "source"
    with pytest.raises(svc.ValidationError) as caught:
        svc.resolve_source(ready, 999, actor=EDITOR)
    assert (caught.value.field, caught.value.value) == ("source", 999)


# --- typed figures -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "fields"),
    [
        (
            "€1.4bn",
            "money",
            {"amount": Decimal("1400000000"), "currency": "EUR", "qualifier": "exact"},
        ),
        ("$725m", "any", {"amount": Decimal("725000000"), "currency": "USD"}),
        (
            "about 300,000 shells",
            "any",
            {"quantity": Decimal("300000"), "unit": "shell", "qualifier": "about"},
        ),
        (
            "between 10 and 14 tanks",
            "quantity",
            {"quantity": Decimal("10"), "quantity_high": Decimal("14"), "qualifier": "range"},
        ),
        ("undisclosed", "money", {"amount": None, "qualifier": "undisclosed"}),
    ],
)
def test_typed_figures_become_entry_fields(text, kind, fields) -> None:
    read = svc.figure_fields(svc.read_figure("figure", text, kind=kind))
    assert {k: read[k] for k in fields} == fields
    assert read["stated"] == text


def test_a_bare_count_takes_the_items_unit_and_otherwise_is_refused() -> None:
    assert svc.read_figure("quantity", "14", default_unit="tank").unit == "tank"
    with pytest.raises(svc.ValidationError) as caught:
        svc.read_figure("quantity", "14")
    assert (caught.value.field, caught.value.value) == ("quantity", "14")
    assert "say what is counted" in caught.value.message


@pytest.mark.parametrize(
    ("typed", "refusal"),
    [
        ("2 sytems", "unit 'sytems': unknown unit (hint: did you mean systems?)"),
        ("2 widgets", "unit 'widgets': unknown unit (hint: use a unit such as tank"),
        ("2 tanks", "this line counts launchers, not tanks"),
    ],
)
def test_a_figure_whose_unit_does_not_fit_the_line_is_refused_before_saving(typed, refusal):
    with pytest.raises(svc.ValidationError) as caught:
        svc.read_figure("quantity", typed, kind="quantity", default_unit="launcher")
    assert caught.value.field == "quantity"
    assert caught.value.message.startswith(refusal)


def test_a_figure_in_the_lines_unit_or_a_model_name_still_reads() -> None:
    read = svc.read_figure("quantity", "2 launchers", kind="quantity", default_unit="launcher")
    assert (read.value, read.unit) == (Decimal(2), "launcher")
    read = svc.read_figure("quantity", "3 Leopard 2 tanks", kind="quantity", default_unit="tank")
    assert (read.value, read.unit) == (Decimal(3), "tank")


@pytest.mark.parametrize(
    ("text", "locale", "hint"),
    [
        ("1,5 Mrd. €", "en", "reads as 1.5 in locale de"),
        ("lots of tanks", "en", "no number found"),
        ("", "en", "is required"),
    ],
)
def test_an_unreadable_figure_is_refused_naming_field_and_text(text, locale, hint) -> None:
    with pytest.raises(svc.ValidationError) as caught:
        svc.read_figure("declared_value", text, kind="money", locale=locale)
    assert (caught.value.field, caught.value.value) == ("declared_value", text)
    assert hint in caught.value.message


def test_german_figures_read_in_the_german_locale() -> None:
    read = svc.read_figure("declared_value", "1,5 Mrd. €", kind="money", locale="de")
    assert (read.amount, read.currency) == (Decimal("1500000000"), "EUR")


# --- what the forms write ------------------------------------------------------------------


def test_a_package_with_a_declared_value_records_it_as_a_draft_pledge(ready: Session) -> None:
    declared = svc.EntryInput(
        event="pledge",
        event_date=date(2023, 1, 25),
        **svc.figure_fields(svc.read_figure("v", "€1.4bn", kind="money")),
    )
    package, entry = svc.enter_package(
        ready, a_package(), declared=declared, source=a_source(), actor=EDITOR
    )
    ready.commit()
    assert entry is not None
    assert (entry.package_id, entry.item_id, entry.event) == (package.id, None, "pledge")
    assert (entry.amount, entry.currency, entry.stated) == (Decimal("1400000000"), "EUR", "€1.4bn")
    assert (entry.review_status, entry.recorded_by) == ("draft", EDITOR)
    assert entry.source_id == svc.resolve_source(ready, a_source(), actor=EDITOR).id
    assert audit_actions(ready) == [
        (EDITOR, "create", "source"),
        (EDITOR, "create", "package"),
        (EDITOR, "create", "ledger_entry"),
    ]


def test_a_package_without_a_value_needs_no_source(ready: Session) -> None:
    package, entry = svc.enter_package(ready, a_package(), declared=None, source=None, actor=EDITOR)
    assert entry is None and package.id is not None
    assert count(ready, m.Source) == 0


def test_an_item_with_a_new_equipment_type_adds_it_to_the_catalogue(ready: Session) -> None:
    package, _ = svc.enter_package(ready, a_package(), declared=None, source=None, actor=EDITOR)
    new_kind = svc.EquipmentInput(
        name="Bergepanzer 3 Büffel", category="armoured recovery vehicle", unit="vehicles"
    )
    pledge = svc.EntryInput(
        event="pledge",
        event_date=date(2023, 1, 25),
        **svc.figure_fields(svc.read_figure("q", "2 vehicles")),
    )
    item, entry = svc.enter_item(
        ready, package.id, None, equipment=new_kind, pledge=pledge, source=a_source(), actor=EDITOR
    )
    catalogue = ready.exec(select(m.EquipmentType).where(m.EquipmentType.name == new_kind.name))
    kind = catalogue.one()
    assert (kind.unit, kind.category) == ("vehicle", "armoured recovery vehicle")
    assert (item.label, item.equipment_type_id, item.unit) == (new_kind.name, kind.id, "vehicle")
    assert entry is not None and (entry.quantity, entry.unit) == (Decimal(2), "vehicle")


def test_an_item_picked_from_the_catalogue_counts_in_its_unit(ready: Session) -> None:
    package, _ = svc.enter_package(ready, a_package(), declared=None, source=None, actor=EDITOR)
    pledge = svc.EntryInput(
        event="pledge",
        event_date=date(2023, 1, 25),
        **svc.figure_fields(svc.read_figure("q", "14", default_unit="tank")),
    )
    item, entry = svc.enter_item(
        ready,
        package.id,
        "",
        equipment="Leopard 2A6",
        pledge=pledge,
        source=a_source(),
        actor=EDITOR,
    )
    assert (item.label, item.unit) == ("Leopard 2A6", "tank")
    assert entry is not None and entry.quantity == Decimal(14)


def test_an_unknown_equipment_type_or_package_is_refused(ready: Session) -> None:
    package, _ = svc.enter_package(ready, a_package(), declared=None, source=None, actor=EDITOR)
    with pytest.raises(svc.ValidationError) as caught:
        svc.enter_item(
            ready, package.id, None, equipment="Leopard 3", pledge=None, source=None, actor=EDITOR
        )
    assert (caught.value.field, caught.value.value) == ("equipment", "Leopard 3")
    with pytest.raises(svc.ValidationError) as caught:
        svc.enter_item(ready, 12345, "x", equipment=None, pledge=None, source=None, actor=EDITOR)
    assert (caught.value.field, caught.value.value) == ("package", 12345)


def _tank_line(session: Session) -> tuple[m.Package, m.Item]:
    package, _ = svc.enter_package(session, a_package(), declared=None, source=None, actor=EDITOR)
    pledge = svc.EntryInput(
        event="pledge", event_date=date(2023, 1, 25), quantity=Decimal(14), unit="tank"
    )
    item, _ = svc.enter_item(
        session,
        package.id,
        None,
        equipment="Leopard 2A6",
        pledge=pledge,
        source=a_source(),
        actor=EDITOR,
    )
    session.commit()
    return package, item


def test_a_cumulative_delivery_is_recorded_against_the_line(ready: Session) -> None:
    package, item = _tank_line(ready)
    source = svc.resolve_source(ready, a_source(), actor=EDITOR)
    data = svc.EntryInput(
        event="delivery",
        event_date=date(2023, 3, 27),
        cumulative=True,
        **svc.figure_fields(svc.read_figure("q", "18 tanks")),
    )
    entry = svc.enter_event(ready, package.id, item.id, data, source=source.id, actor=EDITOR)
    ready.commit()
    assert (entry.event, entry.cumulative, entry.quantity) == ("delivery", True, Decimal(18))
    warnings = ready.exec(select(m.ReconciliationWarning.kind)).all()
    assert warnings == ["delivered_beyond_pledge"]  # 18 delivered of 14 pledged: kept, flagged


def test_an_event_on_another_packages_item_is_refused(ready: Session) -> None:
    _, item = _tank_line(ready)
    other, _ = svc.enter_package(
        ready, a_package(title="Another package"), declared=None, source=None, actor=EDITOR
    )
    data = svc.EntryInput(
        event="delivery", event_date=date(2023, 3, 27), quantity=Decimal(1), unit="tank"
    )
    with pytest.raises(svc.ValidationError) as caught:
        svc.enter_event(ready, other.id, item.id, data, source=a_source(), actor=EDITOR)
    assert (caught.value.field, caught.value.value) == ("item", "Leopard 2A6")


def test_a_correction_supersedes_the_entry_it_names(ready: Session) -> None:
    package, item = _tank_line(ready)
    pledge = ready.exec(select(m.LedgerEntry).where(m.LedgerEntry.event == "pledge")).one()
    data = svc.EntryInput(
        event="correction",
        event_date=date(2023, 2, 1),
        quantity=Decimal(18),
        unit="tank",
        corrects=pledge.key,
        reason="four more announced",
    )
    correction = svc.enter_event(ready, package.id, item.id, data, source=a_source(), actor=EDITOR)
    assert (correction.corrects_id, correction.effective_event) == (pledge.id, "pledge")
    assert correction.applies_on == pledge.applies_on


def test_a_refused_form_writes_nothing(engine: Engine) -> None:
    with Session(engine) as session:
        setup_reference(session)
    bad_pledge = svc.EntryInput(
        event="pledge", event_date=date(2999, 1, 1), quantity=Decimal(1), unit="tank"
    )
    with Session(engine) as session, pytest.raises(svc.ValidationError) as caught:
        try:
            svc.enter_package(
                session, a_package(), declared=bad_pledge, source=a_source(), actor=EDITOR
            )
            session.commit()
        except svc.ValidationError:
            session.rollback()
            raise
    assert (caught.value.field, caught.value.value) == ("event_date", "2999-01-01")
    with Session(engine) as session:
        assert [count(session, t) for t in (m.Source, m.Package, m.LedgerEntry, m.AuditLog)] == [
            0,
            0,
            0,
            0,
        ]


# --- review --------------------------------------------------------------------------------


def test_a_reviewer_marks_an_entry_reviewed_and_the_audit_keeps_before_and_after(ready) -> None:
    _tank_line(ready)
    entry = ready.exec(select(m.LedgerEntry)).one()
    svc.review_entry(ready, entry.id, status="reviewed", reviewer=REVIEWER, expected_version=1)
    ready.commit()
    assert (entry.review_status, entry.reviewed_by, entry.version) == ("reviewed", REVIEWER, 2)
    record = ready.exec(select(m.AuditLog).where(m.AuditLog.action == "review")).one()
    before, after = json.loads(record.before), json.loads(record.after)
    assert (before["review_status"], after["review_status"]) == ("draft", "reviewed")
    assert (record.actor, record.row_id) == (REVIEWER, entry.id)


def test_sending_an_entry_back_needs_a_comment(ready: Session) -> None:
    _tank_line(ready)
    entry = ready.exec(select(m.LedgerEntry)).one()
    with pytest.raises(svc.ValidationError) as caught:
        svc.review_entry(ready, entry.id, status="returned", reviewer=REVIEWER, comment=" ")
    assert caught.value.field == "review_comment"
    svc.review_entry(
        ready, entry.id, status="returned", reviewer=REVIEWER, comment="the source says 14, not 18"
    )
    assert (entry.review_status, entry.review_comment) == ("returned", "the source says 14, not 18")


# --- optimistic locking ----------------------------------------------------------------------


def _edited(notes: str) -> svc.PackageInput:
    return a_package(notes=notes)


def _stored_package(engine: Engine) -> int:
    """The reference data and one package, committed: the row two editors then open."""
    with Session(engine) as session:
        setup_reference(session)
        package = svc.enter_package(session, a_package(), declared=None, source=None, actor=EDITOR)
        session.commit()
        return package[0].id


def test_a_save_based_on_an_old_read_is_refused_and_the_first_save_kept(engine: Engine) -> None:
    """Two people open the same package; both read version 1; the second save is refused even
    though that session still holds its version-1 copy of the row in memory."""
    package_id = _stored_package(engine)
    first = Session(engine, expire_on_commit=False)
    second = Session(engine, expire_on_commit=False)
    # Each form holds the row it was filled from (held here, or the identity map would drop it).
    first_form, second_form = first.get(m.Package, package_id), second.get(m.Package, package_id)
    assert first_form.version == second_form.version == 1
    second.commit()  # the second editor's read is over; only its in-memory copy remains
    svc.update_package(
        first, package_id, _edited("from the ministry"), expected_version=1, actor=EDITOR
    )
    first.commit()
    with pytest.raises(svc.StaleEditError) as caught:
        svc.update_package(
            second, package_id, _edited("from a newspaper"), expected_version=1, actor=REVIEWER
        )
    second.rollback()
    assert (caught.value.expected, caught.value.actual) == (1, 2)
    assert "reload it and apply your change again" in str(caught.value)
    with Session(engine) as session:
        stored = session.get(m.Package, package_id)
        assert (stored.notes, stored.version) == ("from the ministry", 2)
        assert [a for a in audit_actions(session) if a[1] == "update"] == [
            (EDITOR, "update", "package")
        ]
    first.close()
    second.close()


def test_a_review_based_on_an_old_read_is_refused(ready: Session) -> None:
    _tank_line(ready)
    entry = ready.exec(select(m.LedgerEntry)).one()
    svc.review_entry(ready, entry.id, status="reviewed", reviewer=REVIEWER, expected_version=1)
    with pytest.raises(svc.StaleEditError):
        svc.review_entry(
            ready,
            entry.id,
            status="returned",
            reviewer="someone else",
            comment="too late",
            expected_version=1,
        )
    assert entry.review_status == "reviewed"


def test_two_concurrent_saves_on_postgresql_the_second_waits_then_is_refused(pg_url: str) -> None:
    """Both editors save at once: the second transaction blocks on the row lock until the first
    commits, then sees version 2 and is refused; nothing of the first save is lost."""
    engine = make_engine(pg_url)
    upgrade(engine)
    package_id = _stored_package(engine)
    first = Session(engine)
    second = Session(engine)
    first_form, second_form = first.get(m.Package, package_id), second.get(m.Package, package_id)
    assert first_form.version == second_form.version == 1
    svc.update_package(first, package_id, _edited("first"), expected_version=1, actor=EDITOR)
    first.flush()  # the first save holds the row lock, not yet committed
    outcome: list[BaseException | str] = []

    def second_save() -> None:
        try:
            svc.update_package(
                second, package_id, _edited("second"), expected_version=1, actor=REVIEWER
            )
            second.commit()
            outcome.append("saved")
        except BaseException as exc:  # handed to the test thread to assert on
            second.rollback()
            outcome.append(exc)

    racer = threading.Thread(target=second_save)
    racer.start()
    racer.join(timeout=1.0)
    assert racer.is_alive(), "the second save should wait for the first one's lock"
    first.commit()
    racer.join(timeout=30)
    assert not racer.is_alive()
    [result] = outcome
    assert isinstance(result, svc.StaleEditError), result
    assert (result.expected, result.actual) == (1, 2)
    with Session(engine) as session:
        stored = session.get(m.Package, package_id)
        assert (stored.notes, stored.version) == ("first", 2)
    first.close()
    second.close()
    engine.dispose()


# --- input that would be stored wrong or shown as Python internals -------------------------


@pytest.mark.parametrize(
    ("figures", "field", "message"),
    [
        ({"quantity": Decimal("2.0005"), "unit": "tonne"}, "quantity", "more than 3 decimal"),
        ({"quantity": Decimal(10**16), "unit": "tank"}, "quantity", "too large to store"),
        ({"amount": Decimal("9.999"), "currency": "EUR"}, "amount", "more than 2 decimal"),
        ({"amount": Decimal("1E+30"), "currency": "EUR"}, "amount", "too large to store"),
        ({"amount": Decimal(5), "currency": "XAU"}, "currency", "ISO 4217"),
        ({"amount": Decimal(5), "currency": "EUR", "reason": "typo\x00"}, "reason", "U+0000"),
    ],
)
def test_figures_that_cannot_be_stored_exactly_are_refused_by_name(
    ready, figures, field, message
) -> None:
    package, _ = _tank_line(ready)
    data = svc.EntryInput(event="pledge", event_date=date(2023, 3, 1), **figures)
    with pytest.raises(svc.ValidationError) as caught:
        svc.enter_event(ready, package.id, None, data, source=a_source(), actor=EDITOR)
    assert caught.value.field == field
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("field", ["quote", "title", "outlet", "claimant"])
def test_a_hidden_character_in_a_source_is_refused_naming_the_field(ready, field) -> None:
    with pytest.raises(svc.ValidationError) as caught:
        svc.get_or_create_source(ready, a_source(**{field: "Kyiv\u202e Independent"}), actor=EDITOR)
    assert caught.value.field == f"source_{field}"
    assert "U+202E (RIGHT-TO-LEFT OVERRIDE)" in str(caught.value)


def test_a_package_ordinal_beyond_the_column_is_refused_not_a_database_error(ready) -> None:
    with pytest.raises(svc.ValidationError) as caught:
        svc.enter_package(ready, a_package(ordinal=2**31), declared=None, source=None, actor=EDITOR)
    assert str(caught.value) == (
        "package_ordinal 2147483648: must be a whole number from 1 to 2147483647"
    )


def test_a_contradicting_package_date_is_shown_as_a_date(ready: Session) -> None:
    svc.enter_package(ready, a_package(), declared=None, source=None, actor=EDITOR)
    with pytest.raises(svc.ValidationError) as caught:
        svc.enter_package(
            ready,
            a_package(announced_on=date(2023, 1, 10)),
            declared=None,
            source=None,
            actor=EDITOR,
        )
    assert str(caught.value) == (
        "package_date 2023-01-10: contradicts package 'Leopard 2 delivery 2023', which has "
        "2023-01-25"
    )


def test_a_date_given_to_a_package_stated_without_one_says_so_plainly(ready: Session) -> None:
    undated = a_package(announced_on=None)
    svc.enter_package(ready, undated, declared=None, source=None, actor=EDITOR)
    with pytest.raises(svc.ValidationError) as caught:
        svc.enter_package(ready, a_package(), declared=None, source=None, actor=EDITOR)
    assert "package_date 2023-01-25: contradicts package" in str(caught.value)


def test_a_refusal_of_an_empty_value_shows_no_python_word_for_nothing(ready: Session) -> None:
    with pytest.raises(svc.ValidationError) as caught:
        svc.get_or_create_source(ready, a_source(url=None, title=None), actor=EDITOR)
    assert str(caught.value) == "source: needs a URL or a title"


def test_an_entry_recorded_in_the_future_is_refused():
    later = datetime.now(UTC) + timedelta(days=1)
    data = svc.EntryInput(
        event="pledge",
        event_date=date(2023, 1, 1),
        quantity=Decimal(1),
        unit="tank",
        recorded_at=later,
    )
    with pytest.raises(svc.ValidationError) as refused:
        svc.check_entry_figures(data)
    assert (refused.value.field, refused.value.message) == ("recorded_at", "is in the future")
