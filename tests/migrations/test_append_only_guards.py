"""Revision 0003: the ways around 0001's append-only triggers are closed in the database
itself, for any client. Each bypass fails with the database's own message and leaves the
ledger, the audit log and the derived balances as they were; the ledger's maintenance still
rewrites the derived rows."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session

from tests.migrations.test_migrations import _add_pledge, _refused
from tracker.domain.models import AuditLog, LedgerEntry
from tracker.ledger.effects import rebuild_effects, refresh_effects
from tracker.services.maintenance import check_derived


def _state(engine: Engine) -> dict[str, list[tuple]]:
    """Everything a bypass could change: the entries' figures, the audit rows, the increments."""
    queries = {
        "entries": "SELECT id, key, quantity FROM ledger_entry ORDER BY id",
        "audit": "SELECT id, actor, action FROM audit_log ORDER BY id",
        "effects": "SELECT entry_id, dq FROM entry_effect ORDER BY entry_id",
        "reviewed": "SELECT entry_id, dq FROM reviewed_effect ORDER BY entry_id",
        "lines": "SELECT package_id, item_key, kind, q, n FROM line_effect ORDER BY kind",
        "permits": "SELECT id FROM derived_permit",
    }
    with engine.connect() as conn:
        return {name: [tuple(r) for r in conn.execute(sa.text(q))] for name, q in queries.items()}


@pytest.fixture
def pledged(engine: Engine, session: Session) -> LedgerEntry:
    """One pledge of 48 tanks with its derived row, and one audit row."""
    entry = _add_pledge(session)
    session.add(AuditLog(actor="tester", action="create", table_name="ledger_entry", row_id=1))
    refresh_effects(session, [entry.package_id])
    session.commit()
    return entry


def _replace_entry(dialect: str) -> str:
    """Re-insert entry :id with a new quantity, the way each backend overwrites a row."""
    columns = ", ".join(c.name for c in LedgerEntry.__table__.columns)
    copied = columns.replace("quantity_high", "QH").replace("quantity", "999000")
    copied = copied.replace("QH", "quantity_high")
    select = f"SELECT {copied} FROM ledger_entry WHERE id = :id"
    if dialect == "sqlite":
        return f"INSERT OR REPLACE INTO ledger_entry ({columns}) {select}"
    return (
        f"INSERT INTO ledger_entry ({columns}) {select} "
        "ON CONFLICT (id) DO UPDATE SET quantity = EXCLUDED.quantity"
    )


def test_an_entry_cannot_be_overwritten_by_re_inserting_it(engine: Engine, pledged) -> None:
    before = _state(engine)
    message = _refused(engine, _replace_entry(engine.dialect.name), id=pledged.id)
    assert "ledger entries are append-only" in message
    assert _state(engine) == before
    assert before["entries"] == [(pledged.id, "test-entry-1", 48000)]


def test_an_entry_keeps_its_id(engine: Engine, pledged) -> None:
    before = _state(engine)
    message = _refused(
        engine, "UPDATE ledger_entry SET id = id + 100 WHERE id = :id", id=pledged.id
    )
    assert "an entry keeps its id" in message
    assert _state(engine) == before


def test_an_audit_row_cannot_be_overwritten_by_re_inserting_it(engine: Engine, pledged) -> None:
    before = _state(engine)
    if engine.dialect.name == "sqlite":
        statement = (
            "REPLACE INTO audit_log (id, at, actor, action, table_name) "
            "SELECT id, at, 'someone else', action, table_name FROM audit_log"
        )
    else:
        statement = (
            "INSERT INTO audit_log (id, at, actor, action, table_name) "
            "SELECT id, at, 'someone else', action, table_name FROM audit_log "
            "ON CONFLICT (id) DO UPDATE SET actor = EXCLUDED.actor"
        )
    assert "the audit log is append-only" in _refused(engine, statement)
    assert _state(engine) == before
    assert [actor for _, actor, _ in before["audit"]] == ["tester"]


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE entry_effect SET dq = dq * 5",
        "DELETE FROM entry_effect",
        "INSERT INTO entry_effect (package_id, kind, item_key, entry_id, applies_on, event_date, "
        "recorded_at, reviewed, complex, claim, undisclosed, unconverted, dq) "
        "SELECT package_id, 'delivery', item_key, entry_id + 1, applies_on, event_date, "
        "recorded_at, reviewed, complex, claim, undisclosed, unconverted, dq FROM entry_effect",
        "INSERT INTO reviewed_effect (package_id, kind, item_key, entry_id, applies_on, "
        "event_date, recorded_at, reviewed, complex, claim, undisclosed, unconverted, dq) "
        "SELECT package_id, kind, item_key, entry_id, applies_on, event_date, recorded_at, "
        "reviewed, complex, claim, undisclosed, unconverted, dq FROM entry_effect",
        "UPDATE line_effect SET q = q * 5",
        "INSERT INTO line_effect (package_id, item_key, kind, q, und, unconv, n, ne) "
        "SELECT package_id, item_key, 'delivery', q, und, unconv, n, ne FROM line_effect",
    ],
    ids=["update", "delete", "insert", "insert-reviewed", "update-lines", "insert-lines"],
)
def test_derived_balances_cannot_be_edited_by_hand(engine: Engine, pledged, statement) -> None:
    before = _state(engine)
    message = _refused(engine, statement)
    table = re.search(r"(?:UPDATE|FROM|INTO) (\w+)", statement).group(1)  # the one written
    assert f"{table} is derived from the ledger" in message
    assert _state(engine) == before
    assert before["effects"] == [(pledged.id, 48000)]


@pytest.mark.postgres
@pytest.mark.parametrize(
    "statement, refusal",
    [
        ("TRUNCATE ledger_entry CASCADE", "truncating ledger_entry is refused"),
        ("TRUNCATE audit_log", "truncating audit_log is refused"),
        ("TRUNCATE package CASCADE", "truncating ledger_entry is refused"),
        ("TRUNCATE entry_effect", "entry_effect is derived from the ledger"),
        ("TRUNCATE reviewed_effect", "reviewed_effect is derived from the ledger"),
        ("TRUNCATE line_effect", "line_effect is derived from the ledger"),
    ],
)
def test_postgresql_refuses_to_truncate_the_ledger_the_audit_log_or_derived_rows(
    pg_url: str, statement: str, refusal: str
) -> None:
    from tracker.db import make_engine, upgrade

    engine = make_engine(pg_url)
    try:
        upgrade(engine)
        with Session(engine) as session:
            entry = _add_pledge(session)
            session.add(AuditLog(actor="tester", action="create", table_name="ledger_entry"))
            refresh_effects(session, [entry.package_id])
            session.commit()
        before = _state(engine)
        assert refusal in _refused(engine, statement)
        assert _state(engine) == before
        assert len(before["entries"]) == len(before["audit"]) == len(before["effects"]) == 1
    finally:
        engine.dispose()


def test_the_ledger_maintenance_still_rewrites_derived_rows_and_leaves_no_permit(
    engine: Engine, session: Session, pledged
) -> None:
    session.refresh(pledged)
    correction = LedgerEntry(
        **pledged.model_dump(exclude={"id", "key", "event", "corrects_id", "quantity"}),
        key="test-entry-2",
        event="correction",
        corrects_id=pledged.id,
        quantity=Decimal("61"),
    )
    session.add(correction)
    session.flush()
    refresh_effects(session, [pledged.package_id])
    session.commit()
    after = _state(engine)
    assert sum(dq for _, dq in after["effects"]) == 61000
    assert after["permits"] == []
    rebuild_effects(session)
    session.commit()
    assert _state(engine) == after
    assert check_derived(session).ok
