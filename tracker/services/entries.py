"""Ledger entries: checked, keyed, recorded and reviewed; never edited in place."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import cache
from typing import Any, TypedDict, Unpack

from sqlmodel import Session, select

from tracker.domain import models as m
from tracker.domain.characters import spreadsheet_twin
from tracker.domain.models import utcnow
from tracker.ledger import after_write
from tracker.services.core import (
    ValidationError,
    audit,
    check_version,
    locked_row,
    optional_text,
    require_choice,
    require_currency,
    require_past_date,
    require_text,
    row_snapshot,
)
from tracker.services.items import _unit

# --- ledger entries ------------------------------------------------------------------------


# How far ahead of this machine's clock a recording time may be (another machine's clock).
CLOCK_SKEW = timedelta(minutes=5)


@dataclass(frozen=True)
class StatedEvent:
    """An event with its figures as a source states them: what a ledger entry and a news fact
    accepted for the ledger have in common, declared once."""

    event: str
    event_date: date
    quantity: Decimal | None = None
    quantity_high: Decimal | None = None
    unit: str | None = None
    amount: Decimal | None = None
    amount_high: Decimal | None = None
    currency: str | None = None
    qualifier: str = "exact"
    cumulative: bool = False
    stated: str | None = None

    def stated_fields(self) -> dict[str, Any]:
        """The fields of :class:`StatedEvent` alone, to build an entry from a richer record."""
        return {field.name: getattr(self, field.name) for field in fields(StatedEvent)}


@dataclass(frozen=True)
class EntryInput(StatedEvent):
    """One ledger event as typed or imported, already turned into Python values."""

    corrects: str | None = None
    reason: str | None = None
    key: str | None = None
    review_status: str = "draft"
    recorded_at: datetime | None = None


def _is_revision(data: EntryInput) -> bool:
    """A downward revision of what was allocated, as Kiel records one: an allocation with a
    negative amount and a reason saying why (it reduces the allocated total)."""
    return data.event == "allocation" and bool(optional_text(data.reason))


def check_entry_figures(data: EntryInput) -> None:
    """The figures of an entry make sense on their own (before any lookup)."""
    require_choice("event", data.event, m.EVENT_KINDS)
    require_choice("qualifier", data.qualifier, m.QUALIFIERS)
    require_choice("review_status", data.review_status, m.REVIEW_STATUSES)
    require_past_date("event_date", data.event_date)
    for field, value, scale in (
        ("quantity", data.quantity, m.QUANTITY_SCALE),
        ("quantity_high", data.quantity_high, m.QUANTITY_SCALE),
        ("amount", data.amount, m.MONEY_SCALE),
        ("amount_high", data.amount_high, m.MONEY_SCALE),
    ):
        if value is None:
            continue
        if (problem := m.scaled_problem(value, scale)) is not None:
            raise ValidationError(field, value, problem)
        if value < 0 and not (field == "amount" and _is_revision(data)):
            raise ValidationError(
                field,
                str(value),
                "must be a number of zero or more (only an allocation with a reason, a "
                "downward revision, may be negative)",
            )
    if data.quantity_high is not None and (
        data.quantity is None or data.quantity_high < data.quantity
    ):
        raise ValidationError("quantity_high", str(data.quantity_high), "must be >= quantity")
    if data.amount_high is not None and (data.amount is None or data.amount_high < data.amount):
        raise ValidationError("amount_high", str(data.amount_high), "must be >= amount")
    if data.quantity is not None and not data.unit:
        raise ValidationError("unit", data.unit, "is required with a quantity")
    if (data.amount is None) != (data.currency is None):
        field = "currency" if data.amount is not None else "amount"
        raise ValidationError(field, getattr(data, field), "amount and currency go together")
    has_range = data.quantity_high is not None or data.amount_high is not None
    if data.qualifier == "range" and not has_range:
        raise ValidationError("qualifier", "range", "needs a high end (quantity_high/amount_high)")
    if has_range and data.qualifier != "range":
        raise ValidationError("qualifier", data.qualifier, "a high end needs qualifier 'range'")
    if data.quantity is None and data.amount is None and data.qualifier != "undisclosed":
        raise ValidationError(
            "quantity", None, "an entry needs a quantity, an amount or qualifier 'undisclosed'"
        )
    if (data.event == "correction") != bool(data.corrects):
        raise ValidationError(
            "corrects", data.corrects, "a correction names the entry it supersedes (and only then)"
        )
    if data.event == "correction" and not optional_text(data.reason):
        raise ValidationError("reason", data.reason, "a correction needs a reason")
    if data.recorded_at is not None and data.recorded_at.tzinfo is None:
        raise ValidationError("recorded_at", data.recorded_at.isoformat(), "needs a UTC offset")
    if data.recorded_at is not None and data.recorded_at > datetime.now(UTC) + CLOCK_SKEW:
        # A recording time in the future would make "today" and "as of today" disagree.
        raise ValidationError("recorded_at", data.recorded_at.isoformat(), "is in the future")


def entry_key(package: m.Package, item_label: str | None, data: EntryInput, source_id: int) -> str:
    """A deterministic key for entries typed in without one: the same fact entered twice
    from the same source collides instead of being counted twice."""
    import hashlib

    parts = [
        str(package.id),
        item_label or "",
        data.event,
        data.event_date.isoformat(),
        str(data.quantity),
        str(data.amount),
        data.currency or "",
        str(data.cumulative),
        data.corrects or "",
        str(source_id),
    ]
    return "auto-" + hashlib.sha256("|".join(parts).encode()).hexdigest()[:24]


def entry_values(
    session: Session,
    *,
    package: m.Package,
    item: m.Item | None,
    data: EntryInput,
    source: m.Source,
    recorded_by: str,
    corrected: m.LedgerEntry | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Validate one entry against its package, item and the entry it corrects, and return
    the column values to insert. Quantities are converted to the item's unit so a line is
    always summed in one unit (48 tanks + 300,000 shells never meet). An entry without its
    own ``recorded_at`` is stamped ``now`` (one time for a whole import), else the clock."""
    check_entry_figures(data)
    quantity, quantity_high, unit = data.quantity, data.quantity_high, None
    if data.quantity is not None:
        if item is None:
            raise ValidationError("item", "", "a quantity needs an item (what was given)")
        canonical_unit, conversion_factor = _unit_functions()
        unit = _unit("unit", data.unit, canonical_unit)
        item_unit = item.unit
        if item_unit is None:
            item.unit = unit
            session.add(item)
        elif item_unit != unit:
            try:
                factor = conversion_factor(unit, item_unit)
            except ValueError as exc:
                raise ValidationError(
                    "unit", data.unit, f"cannot be counted as {item_unit} (item {item.label!r})"
                ) from exc
            quantity = data.quantity * factor
            quantity_high = data.quantity_high * factor if data.quantity_high is not None else None
            unit = item_unit
    currency = require_currency("currency", data.currency) if data.currency else None
    effective, applies_on = data.event, data.event_date
    if data.event == "correction":
        if corrected is None:
            raise ValidationError("corrects", data.corrects, "is not a known entry")
        if corrected.package_id != package.id or corrected.item_id != (item.id if item else None):
            raise ValidationError(
                "corrects", data.corrects, "belongs to another package or item than this correction"
            )
        effective, applies_on = corrected.effective_event, corrected.applies_on
    key = optional_text(data.key, field="entry_id") or entry_key(
        package, item.label if item else None, data, source.id
    )
    return {
        "key": require_text("entry_id", key, 200),
        "package_id": package.id,
        "item_id": item.id if item else None,
        "event": data.event,
        "effective_event": effective,
        "event_date": data.event_date,
        "applies_on": applies_on,
        "quantity": quantity,
        "quantity_high": quantity_high,
        "unit": unit,
        "amount": data.amount,
        "amount_high": data.amount_high,
        "currency": currency,
        "qualifier": data.qualifier,
        "cumulative": data.cumulative,
        "corrects_id": corrected.id if corrected else None,
        "reason": optional_text(data.reason, field="reason"),
        "stated": optional_text(data.stated, field="stated"),
        "source_id": source.id,
        "recorded_at": data.recorded_at or now or utcnow(),
        "recorded_by": require_text("recorded_by", recorded_by, 100),
        "review_status": data.review_status,
    }


@cache
def _unit_functions() -> tuple[Callable[[str], str], Callable[[str, str], Decimal]]:
    """The unit registry's look-ups, imported on first use: it loads pint, which commands
    that never record an entry should not wait for (and an import statement per entry of a
    large file cost more than the look-up it served)."""
    from tracker.domain.units import canonical_unit, conversion_factor

    return canonical_unit, conversion_factor


def key_spellings(key: str) -> tuple[str, ...]:
    """``key`` and its spreadsheet twin (``=1+1`` and ``'=1+1``): the spellings of one entry."""
    twin = spreadsheet_twin(key)
    return (key,) if twin is None else (key, twin)


def find_entry(session: Session, key: str) -> m.LedgerEntry | None:
    """The entry named ``key``, or by the spelling that differs from it only by a spreadsheet's
    protecting apostrophe (one fact never gets a second entry through a spreadsheet)."""
    query = select(m.LedgerEntry).where(m.LedgerEntry.key.in_(key_spellings(key)))
    return session.exec(query.order_by(m.LedgerEntry.id)).first()


class NewEntry(TypedDict):
    """What one entry is recorded against, as :func:`record_entry` and :func:`entry_values`
    take it: the package and line (``item`` None: the package's money), the figures, the
    source that states them and who recorded them."""

    package: m.Package
    item: m.Item | None
    data: EntryInput
    source: m.Source
    recorded_by: str


def record_entry(session: Session, **entry: Unpack[NewEntry]) -> m.LedgerEntry:
    """Append one ledger entry (audited) and refresh the reconciliation warnings of its line."""
    corrects = entry["data"].corrects
    corrected = find_entry(session, corrects) if corrects else None
    values = entry_values(session, corrected=corrected, **entry)
    if find_entry(session, values["key"]) is not None:
        raise ValidationError("entry_id", values["key"], "is already in the ledger")
    row = m.LedgerEntry(**values)
    session.add(row)
    audit(session, actor=entry["recorded_by"], action="create", row=row)
    after_write(session, [(row.package_id, row.item_id)])
    return row


def review_entry(
    session: Session,
    entry_id: int,
    *,
    status: str,
    reviewer: str,
    comment: str | None = None,
    expected_version: int | None = None,
) -> m.LedgerEntry:
    """Mark an entry reviewed, or send it back with a comment. The only change an entry allows."""
    from tracker.ledger import refresh_effects

    require_choice("review_status", status, m.REVIEW_STATUSES)
    entry = locked_row(session, m.LedgerEntry, entry_id)
    if entry is None:
        raise ValidationError("entry", entry_id, "does not exist")
    check_version(entry, expected_version)
    if status == "returned" and not optional_text(comment):
        raise ValidationError("review_comment", comment, "say why the entry is sent back")
    before = row_snapshot(entry)
    entry.review_status = status
    entry.reviewed_by = reviewer
    entry.review_comment = optional_text(comment, field="review_comment")
    entry.version += 1
    session.add(entry)
    audit(session, actor=reviewer, action="review", row=entry, before=before)
    refresh_effects(session, [entry.package_id])  # reviewed-only views read the flag
    return entry
