"""The service layer's common ground: errors, the audit log, field checks, optimistic locking."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from tracker.domain import models as m
from tracker.domain.characters import LAYOUT, hidden_character
from tracker.domain.models import utcnow
from tracker.domain.money import iso_currencies
from tracker.domain.numbers import shown
from tracker.domain.vocab import donor_code


class ValidationError(ValueError):
    """Input refused. ``field`` and ``value`` say exactly what was wrong."""

    def __init__(self, field: str, value: Any, message: str) -> None:
        self.field = field
        self.value = value
        self.message = message
        super().__init__(f"{named(field, value)}: {message}")


def named(field: str, value: Any) -> str:
    """The field and the value it was given, as a sentence names them (``donor 'XX'``); the
    field alone when nothing was given (Python's ``None`` is no word for a reader)."""
    return field if value is None or value == "" else f"{field} {shown(value)}"


class StaleEditError(RuntimeError):
    """Someone else saved the record since it was read: the caller's edit is refused, not merged."""

    def __init__(self, table: str, row_id: int, expected: int, actual: int) -> None:
        self.table, self.row_id, self.expected, self.actual = table, row_id, expected, actual
        super().__init__(
            f"{table} #{row_id} was changed by someone else (version {actual}, you edited "
            f"version {expected}); reload it and apply your change again"
        )


# --- audit ---------------------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


# Columns whose values never reach the audit log (which anyone may read): only the fact
# that they changed is recorded.
SECRET_COLUMNS = frozenset({"password_hash"})


def row_snapshot(row: Any) -> dict[str, Any]:
    """A JSON-ready copy of a table row's columns (for the audit log's before/after)."""
    return values_snapshot(
        row.__table__, {c.name: getattr(row, c.name) for c in row.__table__.columns}
    )


def values_snapshot(table: sa.Table, values: dict[str, Any]) -> dict[str, Any]:
    """:func:`row_snapshot` of a row given as column values (for rows inserted in bulk)."""
    return {
        c.name: "(secret)" if c.name in SECRET_COLUMNS else _jsonable(values.get(c.name))
        for c in table.columns
    }


def audit(
    session: Session,
    *,
    actor: str,
    action: str,
    row: Any,
    before: dict[str, Any] | None = None,
    row_key: str | None = None,
) -> None:
    """Append one audit record for ``row`` (flushed so its id is known)."""
    session.flush()
    session.add(
        m.AuditLog(
            actor=actor,
            action=action,
            table_name=row.__tablename__,
            row_id=row.id,
            row_key=row_key or getattr(row, "key", None) or getattr(row, "code", None),
            before=json.dumps(before, sort_keys=True) if before is not None else None,
            after=json.dumps(row_snapshot(row), sort_keys=True),
        )
    )


def model_defaults(model: type) -> dict[str, Any]:
    """The defaults a model fills in for columns left out (``created_at``, ``version`` ...)."""
    defaults = {}
    for name, info in model.model_fields.items():
        if name == "id" or name not in model.__table__.c:
            continue
        if info.default_factory is not None:
            defaults[name] = info.default_factory()
        elif not info.is_required():
            defaults[name] = info.default
    return defaults


def insert_audited(
    session: Session,
    model: type,
    rows: list[dict[str, Any]],
    *,
    actor: str,
    row_keys: list[str | None],
) -> list[int]:
    """Insert new rows of ``model`` with one statement and audit each as created; the ids,
    in the order of ``rows``.

    The bulk twin of ``session.add(row)`` + :func:`audit`, for importers: a flush per row
    costs about a millisecond, which is most of the time of a 100,000-row file. Columns left
    out take the model's defaults, so rows and audit records match the one-by-one path's.
    Callers validate the values first (this writes what it is given).
    """
    if not rows:
        return []
    table = model.__table__
    defaults = model_defaults(model)
    complete = [{**defaults, **row} for row in rows]
    inserted = session.execute(
        sa.insert(table).returning(table.c.id, sort_by_parameter_order=True), complete
    )
    ids = list(inserted.scalars())
    now = utcnow()
    session.execute(
        sa.insert(m.AuditLog.__table__),
        [
            {
                "at": now,
                "actor": actor,
                "action": "create",
                "table_name": table.name,
                "row_id": row_id,
                "row_key": key,
                "before": None,
                "after": json.dumps(values_snapshot(table, {**row, "id": row_id}), sort_keys=True),
            }
            for row_id, row, key in zip(ids, complete, row_keys, strict=True)
        ],
    )
    return ids


# --- field checks shared by forms, importers and the seed loader ------------------------


def require_choice(field: str, value: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise ValidationError(field, value, f"must be one of {', '.join(choices)}")
    return value


def require_text(field: str, value: str | None, max_length: int | None = None) -> str:
    text = visible_text(field, value or "").strip()
    if not text:
        raise ValidationError(field, value, "is required")
    if max_length and len(text) > max_length:
        raise ValidationError(field, value, f"is longer than {max_length} characters")
    return text


def optional_text(value: str | None, *, field: str = "text") -> str | None:
    """``value`` trimmed, None when blank; refused when it holds a hidden character (pass the
    ``field`` so the refusal names it)."""
    if not value:  # the usual case, and a bulk import asks for it per row
        return None
    return visible_text(field, value).strip() or None


def visible_text(field: str, value: str) -> str:
    """``value`` unless it holds a character nobody types on purpose (a NUL, a terminal
    escape, a zero-width space): stored, it would look right on screen and not be."""
    if (hidden := hidden_character(value, allow=LAYOUT)) is not None:
        raise ValidationError(field, value, f"holds the hidden character {hidden}")
    return value


def require_currency(field: str, code: str) -> str:
    """An ISO 4217 code of money that babel's CLDR data knows (so it can also be displayed);
    written in any case. XXX, XAU and the other codes that are not money are refused."""
    normalized = (code or "").strip().upper()
    if normalized not in iso_currencies():
        raise ValidationError(field, code, "is not an ISO 4217 currency code")
    return normalized


def require_past_date(field: str, value: date, today: date | None = None) -> date:
    """Events are facts about the past: a date after today is a typo, not a forecast."""
    if value > (today or date.today()):
        raise ValidationError(field, value.isoformat(), "is in the future")
    return value


def locked_row(session: Session, model: type, row_id: int) -> Any:
    """The row as stored now, locked until the transaction ends (FOR UPDATE on PostgreSQL).

    ``populate_existing`` matters: a session that read the row earlier keeps that copy in its
    identity map, and without a refresh the version check would compare against the old read
    and let a second editor overwrite the first one's save.
    """
    return session.get(model, row_id, with_for_update=True, populate_existing=True)


def check_version(row: Any, expected_version: int | None) -> None:
    """Optimistic locking: refuse an edit based on an out-of-date read."""
    if expected_version is not None and row.version != expected_version:
        raise StaleEditError(row.__tablename__, row.id, expected_version, row.version)


# --- donors, sources, packages, items ---------------------------------------------------


def find_donor(session: Session, code: str) -> m.Donor:
    """The donor with ``code`` (read by :func:`~tracker.domain.vocab.donor_code`: ``UK`` is
    ``GB``, ``EL`` is ``GR``)."""
    donor = session.exec(select(m.Donor).where(m.Donor.code == donor_code(code))).first()
    if donor is None:
        raise ValidationError("donor", code, "is not a known donor code")
    return donor


# --- what a data-entry form writes, as one unit ----------------------------------------------


def existing_row(session: Session, model: type, row_id: int | None, field: str) -> Any:
    """The row ``row_id`` of ``model``; a ValidationError naming ``field`` if there is none."""
    row = session.get(model, row_id) if row_id is not None else None
    if row is None:
        raise ValidationError(field, row_id, "does not exist")
    return row
