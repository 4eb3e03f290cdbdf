"""The migrations: one linear history, reversible, in step with the models, and the storage
guarantees the schema promises (append-only ledger, exact money, UTC timestamps) on both backends.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

from tracker.db import (
    current_revision,
    downgrade,
    head_revision,
    make_engine,
    migrations_dir,
    upgrade,
)
from tracker.domain.models import AuditLog, Donor, FxRate, LedgerEntry, Package, Source
from tracker.ledger import rebuild_effects


def _scripts() -> ScriptDirectory:
    return ScriptDirectory(str(migrations_dir()))


def _current_heads(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        return set(MigrationContext.configure(conn).get_current_heads())


def _table_names(engine: Engine) -> set[str]:
    return set(sa.inspect(engine).get_table_names()) - {"alembic_version"}


@pytest.fixture
def bare_engine(db_url: str):
    """An engine on an empty, unmigrated database of each backend."""
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


# --- history -----------------------------------------------------------------------------


def test_the_migration_history_has_exactly_one_head() -> None:
    heads = _scripts().get_heads()
    assert len(heads) == 1, f"migration heads: {heads}; merge them into one"
    assert head_revision() == heads[0]


def test_every_revision_goes_up_down_and_up_again(bare_engine: Engine) -> None:
    revisions = list(reversed(list(_scripts().walk_revisions())))  # oldest first
    assert revisions, "no migration scripts found"
    for script in revisions:
        before = (
            {script.down_revision}
            if isinstance(script.down_revision, str)
            else set(script.down_revision or ())
        )
        upgrade(bare_engine, script.revision)
        assert _current_heads(bare_engine) == {script.revision}
        downgrade(bare_engine, "-1")
        assert _current_heads(bare_engine) == before, f"downgrade of {script.revision}"
        upgrade(bare_engine, script.revision)
        assert _current_heads(bare_engine) == {script.revision}, f"re-upgrade of {script.revision}"

    downgrade(bare_engine, "base")
    assert current_revision(bare_engine) is None
    assert _table_names(bare_engine) == set()

    upgrade(bare_engine)
    assert current_revision(bare_engine) == head_revision()
    assert _table_names(bare_engine) == set(SQLModel.metadata.tables)


# --- models and migrations agree ---------------------------------------------------------


def _differences(engine: Engine, metadata: sa.MetaData) -> list:
    """What autogenerate would write to turn the migrated schema into ``metadata``."""
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return compare_metadata(context, metadata)


@pytest.mark.postgres
def test_autogenerate_finds_no_difference_between_models_and_migrations(pg_url: str) -> None:
    engine = make_engine(pg_url)
    try:
        upgrade(engine)
        assert _differences(engine, SQLModel.metadata) == []
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_the_model_comparison_notices_a_changed_column_type(pg_url: str) -> None:
    """Guards the test above: a type change in the models must show up as a difference."""
    engine = make_engine(pg_url)
    try:
        upgrade(engine)
        altered = sa.MetaData()
        for table in SQLModel.metadata.tables.values():
            table.to_metadata(altered)
        altered.tables["ledger_entry"].c.amount.type = sa.Numeric(20, 2)
        changes = [
            (change[0], change[2], change[3])
            for diff in _differences(engine, altered)
            if isinstance(diff, list)
            for change in diff
        ]
        assert changes == [("modify_type", "ledger_entry", "amount")]
    finally:
        engine.dispose()


# --- append-only guards ------------------------------------------------------------------


def _add_pledge(session: Session, **entry_fields) -> LedgerEntry:
    """A donor, a source, a package and one pledge entry, inserted through the ORM."""
    donor = Donor(code="TEST-ORG", kind="organisation", name="Test organisation")
    source = Source(key="test:release-1", title="A made-up release", reliability="official")
    session.add_all([donor, source])
    session.flush()
    package = Package(donor_id=donor.id, title="First test package", aid_type="military")
    session.add(package)
    session.flush()
    fields = {
        "key": "test-entry-1",
        "event": "pledge",
        "effective_event": "pledge",
        "event_date": date(2024, 12, 2),
        "applies_on": date(2024, 12, 2),
        "quantity": Decimal("48"),
        "unit": "tank",
        "recorded_by": "tester",
        **entry_fields,
    }
    entry = LedgerEntry(package_id=package.id, source_id=source.id, **fields)
    session.add(entry)
    session.commit()
    session.refresh(entry)
    return entry


def _refused(engine: Engine, statement: str, **params) -> str:
    """Run ``statement`` and return the database's refusal message (fails if it was allowed)."""
    with pytest.raises(sa.exc.DBAPIError) as caught, engine.begin() as conn:
        conn.execute(sa.text(statement), params)
    return str(caught.value.orig)


def test_a_ledger_entry_figure_cannot_be_updated(engine: Engine, session: Session) -> None:
    entry = _add_pledge(session)
    message = _refused(
        engine, "UPDATE ledger_entry SET quantity = quantity + 1000 WHERE id = :id", id=entry.id
    )
    assert "append-only" in message
    session.expire_all()
    assert session.get(LedgerEntry, entry.id).quantity == Decimal("48")


def test_a_ledger_entry_cannot_be_deleted(engine: Engine, session: Session) -> None:
    entry = _add_pledge(session)
    assert "append-only" in _refused(engine, "DELETE FROM ledger_entry WHERE id = :id", id=entry.id)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM ledger_entry")).scalar_one() == 1


def test_a_ledger_entry_review_status_can_be_updated(engine: Engine, session: Session) -> None:
    entry = _add_pledge(session)
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "UPDATE ledger_entry SET review_status = 'reviewed', reviewed_by = 'checker' "
                "WHERE id = :id"
            ),
            {"id": entry.id},
        )
    session.expire_all()
    reloaded = session.get(LedgerEntry, entry.id)
    assert (reloaded.review_status, reloaded.reviewed_by) == ("reviewed", "checker")


def test_audit_rows_cannot_be_changed_or_deleted(engine: Engine, session: Session) -> None:
    row = AuditLog(actor="tester", action="create", table_name="ledger_entry", row_id=1)
    session.add(row)
    session.commit()
    assert "append-only" in _refused(engine, "DELETE FROM audit_log WHERE id = :id", id=row.id)
    assert "append-only" in _refused(
        engine, "UPDATE audit_log SET actor = 'someone else' WHERE id = :id", id=row.id
    )
    session.expire_all()
    assert session.get(AuditLog, row.id).actor == "tester"


# --- exact money and UTC timestamps ------------------------------------------------------


def test_an_18_digit_amount_round_trips_exactly(session: Session) -> None:
    amount = Decimal("1234567890123456.78")
    entry = _add_pledge(session, quantity=None, unit=None, amount=amount, currency="EUR")
    session.expire_all()
    stored = session.get(LedgerEntry, entry.id).amount
    assert isinstance(stored, Decimal)
    assert stored == amount
    assert str(stored) == "1234567890123456.78"


def test_a_thousand_cents_sum_to_exactly_ten_in_sql(session: Session) -> None:
    first = _add_pledge(session, quantity=None, unit=None, amount=Decimal("0.01"), currency="EUR")
    copied = first.model_dump(exclude={"id", "key"})
    session.add_all(LedgerEntry(key=f"test-cent-{n}", **copied) for n in range(999))
    session.commit()
    amount = LedgerEntry.__table__.c.amount
    total = session.exec(select(sa.type_coerce(sa.func.sum(amount), amount.type))).one()
    assert isinstance(total, Decimal)
    assert str(total) == "10.00"


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2024, 12, 2, 21, 30, 5, 123456, tzinfo=UTC),
        datetime(2024, 12, 3, 0, 30, 5, tzinfo=timezone(timedelta(hours=2))),  # Kyiv in winter
    ],
    ids=["utc", "utc+2"],
)
def test_timestamps_come_back_timezone_aware_in_utc(session: Session, moment: datetime) -> None:
    entry = _add_pledge(session, recorded_at=moment)
    session.expire_all()
    stored = session.get(LedgerEntry, entry.id).recorded_at
    assert stored == moment
    assert stored.utcoffset() == timedelta(0)


# --- derived rows ------------------------------------------------------------------------


def _effect_values(engine: Engine) -> list[tuple]:
    with engine.connect() as conn:
        return conn.execute(sa.text("SELECT entry_id, eur, est_eur FROM entry_effect")).all()


def test_the_exact_cents_revision_recomputes_euro_values_as_whole_cents(
    engine: Engine, session: Session
) -> None:
    session.add(
        FxRate(day=date(2024, 12, 2), currency="USD", rate=Decimal("1.0832"), provider="ECB")
    )
    session.commit()
    entry = _add_pledge(session, quantity=None, unit=None, amount=Decimal("0.05"), currency="USD")
    entry_id = entry.id
    rebuild_effects(session)
    session.commit()
    session.close()
    assert _effect_values(engine) == [(entry_id, 5, None)]

    downgrade(engine, "0002")
    # below the revision the column is FLOAT again and held what the old code stored; the
    # upgrade works the cents out anew from the rate (4.6159... rounds to 5, not down to 4)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE entry_effect SET eur = 4.61595"))
    assert _effect_values(engine) == [(entry_id, 4.61595, None)]
    upgrade(engine)
    values = _effect_values(engine)
    assert values == [(entry_id, 5, None)]
    assert isinstance(values[0][1], int)


def _selected(engine: Engine, query: str) -> list[tuple]:
    """The rows of a read-only query, as tuples."""
    with engine.connect() as conn:
        return [tuple(row) for row in conn.execute(sa.text(query))]


def _reviewed_rows(engine: Engine) -> list[tuple]:
    return _selected(engine, "SELECT entry_id, dq, da, eur, reviewed, complex FROM reviewed_effect")


def test_the_reviewed_effect_revision_computes_the_rows_the_maintenance_keeps(
    engine: Engine, session: Session
) -> None:
    session.add(
        FxRate(day=date(2024, 12, 2), currency="USD", rate=Decimal("1.0832"), provider="ECB")
    )
    money = {"quantity": None, "unit": None, "currency": "USD"}
    first = _add_pledge(session, amount=Decimal("100.00"), review_status="reviewed", **money)
    later = {"package_id": first.package_id, "source_id": first.source_id, **money}
    dates = {"event_date": date(2024, 12, 9), "applies_on": date(2024, 12, 9)}
    common = {"event": "pledge", "effective_event": "pledge", "recorded_by": "tester", **dates}
    session.add(LedgerEntry(key="test-entry-2", amount=Decimal("0.05"), **common, **later))
    total = LedgerEntry(
        key="test-entry-3",
        amount=Decimal("150.05"),
        cumulative=True,
        review_status="reviewed",
        **common,
        **later,
    )
    session.add(total)
    session.commit()
    ids = (first.id, total.id)
    rebuild_effects(session)
    session.commit()
    session.close()
    # The draft's 5 cents are not behind the running total in a reviewed view: 150.05 - 100
    # dollars, in euro cents at 1.0832 (4620.57 rounds to 4621).
    kept = sorted(_reviewed_rows(engine))
    assert kept == [(ids[0], 0, 10000, 9232, True, True), (ids[1], 0, 5005, 4621, True, True)]

    downgrade(engine, "0005_sign_in_throttle")
    assert "reviewed_effect" not in _table_names(engine)
    upgrade(engine)
    assert sorted(_reviewed_rows(engine)) == kept


def _line_rows(engine: Engine) -> list[tuple]:
    return _selected(
        engine, "SELECT package_id, item_key, kind, q, x, v, e, n, ne FROM line_effect"
    )


def test_the_line_effect_revision_sums_the_rows_the_maintenance_keeps(
    engine: Engine, session: Session
) -> None:
    session.add(
        FxRate(day=date(2024, 12, 2), currency="USD", rate=Decimal("1.0519"), provider="ECB")
    )
    tanks = _add_pledge(session)
    money = {"quantity": None, "unit": None, "currency": "USD", "package_id": tanks.package_id}
    dates = {"event_date": date(2024, 12, 2), "applies_on": date(2024, 12, 2)}
    common = {"event": "pledge", "effective_event": "pledge", "recorded_by": "tester", **dates}
    common |= {"source_id": tanks.source_id}
    for n, amount in enumerate(("500000000.00", "225000000.00"), start=2):
        session.add(LedgerEntry(key=f"test-entry-{n}", amount=Decimal(amount), **common, **money))
    session.commit()
    rebuild_effects(session)
    session.commit()
    package = tanks.package_id
    session.close()
    # one line (no item): the 48 tanks and the two dollar sums in euro cents, each rounded
    # once (47,533,035,460 + 21,389,865,957; the 725 million converted whole would give
    # 68,922,901,416)
    kept = _line_rows(engine)
    assert kept == [(package, 0, "pledge", 48_000, None, 68_922_901_417, None, 3, 0)]

    downgrade(engine, "0006_reviewed_effect")
    assert "line_effect" not in _table_names(engine)
    upgrade(engine)
    assert _line_rows(engine) == kept
