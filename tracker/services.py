"""Every write goes through here: validation, natural keys, the audit log, optimistic locking.

Pages, the CLI, the importers and the seed loader all call these functions; none of them
writes rows on its own. A function either writes everything it was asked to or raises
:class:`ValidationError` (naming the field and the value) before anything is flushed.

Ledger entries are append-only: there is deliberately no function here that edits or deletes
one. Figures change by recording a new entry (a correction points at what it supersedes);
only an entry's review status can change, through :func:`review_entry`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from tracker import models as m
from tracker.models import utcnow
from tracker.parsing import (
    ParsedMoney,
    ParsedQuantity,
    ParseError,
    parse,
    parse_money,
    parse_quantity,
)


class ValidationError(ValueError):
    """Input refused. ``field`` and ``value`` say exactly what was wrong."""

    def __init__(self, field: str, value: Any, message: str) -> None:
        self.field = field
        self.value = value
        self.message = message
        super().__init__(f"{field}: {message} (got {value!r})")


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
    session: Session, model: type, rows: list[dict[str, Any]], *, actor: str,
    row_keys: list[str | None],
) -> list[int]:  # fmt: skip
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
            {"at": now, "actor": actor, "action": "create", "table_name": table.name,
             "row_id": row_id, "row_key": key, "before": None,
             "after": json.dumps(values_snapshot(table, {**row, "id": row_id}), sort_keys=True)}
            for row_id, row, key in zip(ids, complete, row_keys, strict=True)
        ],
    )  # fmt: skip
    return ids


# --- field checks shared by forms, importers and the seed loader ------------------------


def require_choice(field: str, value: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise ValidationError(field, value, f"must be one of {', '.join(choices)}")
    return value


def require_text(field: str, value: str | None, max_length: int | None = None) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(field, value, "is required")
    if max_length and len(text) > max_length:
        raise ValidationError(field, value, f"is longer than {max_length} characters")
    return text


def optional_text(value: str | None) -> str | None:
    if not value:  # the usual case, and a bulk import asks for it per row
        return None
    return value.strip() or None


def require_currency(field: str, code: str) -> str:
    """An ISO 4217 code that babel's CLDR data knows (so it can also be displayed)."""
    from babel.numbers import list_currencies

    normalized = (code or "").strip().upper()
    if normalized not in _known_currencies(list_currencies):
        raise ValidationError(field, code, "is not an ISO 4217 currency code")
    return normalized


_CURRENCY_CACHE: set[str] = set()


def _known_currencies(lister) -> set[str]:
    if not _CURRENCY_CACHE:
        _CURRENCY_CACHE.update(lister())
    return _CURRENCY_CACHE


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

DONOR_ALIASES = {"UK": "GB", "EL": "GR"}


def find_donor(session: Session, code: str) -> m.Donor:
    """The donor with ``code`` (``UK`` is read as ``GB``)."""
    normalized = (code or "").strip()
    normalized = DONOR_ALIASES.get(normalized.upper(), normalized)
    donor = session.exec(select(m.Donor).where(m.Donor.code == normalized)).first()
    if donor is None and normalized.upper() != normalized:
        donor = session.exec(select(m.Donor).where(m.Donor.code == normalized.upper())).first()
    if donor is None:
        raise ValidationError("donor", code, "is not a known donor code")
    return donor


def source_key(
    url: str | None, outlet: str | None, title: str | None, published: date | None
) -> str:
    """The natural key of a source: its URL without scheme/fragment/trailing slash, else
    outlet + title + date. Two rows citing the same article thus share one Source."""
    if url:
        key = re.sub(r"^https?://(www\.)?", "", url.strip(), flags=re.IGNORECASE)
        key = key.split("#", 1)[0].rstrip("/")
        return "url:" + key
    parts = [outlet or "", title or "", published.isoformat() if published else ""]
    return "doc:" + "|".join(p.strip().lower() for p in parts)


@dataclass(frozen=True)
class SourceInput:
    """What a researcher says about where a figure comes from."""

    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: date | None = None
    accessed: date | None = None
    quote: str | None = None
    claimant: str | None = None
    reliability: str = "media"

    def validated(self) -> SourceInput:
        url = optional_text(self.url)
        if url and not re.match(r"^https?://\S+$", url):
            raise ValidationError("source_url", self.url, "must be an http(s) address")
        title = optional_text(self.title)
        if not url and not title:
            raise ValidationError("source", "", "needs a URL or a title")
        require_choice("source_reliability", self.reliability, m.RELIABILITY_GRADES)
        if self.quote and len(self.quote) > 1000:
            raise ValidationError("source_quote", self.quote[:40] + "...", "keep quotes short")
        return SourceInput(
            url=url,
            outlet=optional_text(self.outlet),
            title=title,
            published=self.published,
            accessed=self.accessed,
            quote=optional_text(self.quote),
            claimant=optional_text(self.claimant),
            reliability=self.reliability,
        )


def find_source(session: Session, data: SourceInput) -> m.Source | None:
    """The stored source with the natural key of ``data`` (checked first), if any."""
    data = data.validated()
    key = source_key(data.url, data.outlet, data.title, data.published)
    return session.exec(select(m.Source).where(m.Source.key == key)).first()


def get_or_create_source(session: Session, data: SourceInput, *, actor: str) -> m.Source:
    """The existing source with the same natural key, or a new one (audited)."""
    existing = find_source(session, data)
    if existing is not None:
        return existing
    data = data.validated()
    key = source_key(data.url, data.outlet, data.title, data.published)
    source = m.Source(key=key, created_by=actor, **data.__dict__)
    session.add(source)
    audit(session, actor=actor, action="create", row=source)
    return source


@dataclass(frozen=True)
class PackageInput:
    donor: str
    title: str
    aid_type: str
    announced_on: date | None = None
    ordinal: int | None = None
    instrument: str | None = None
    secrecy: str = "public"
    initiative: str | None = None
    aggregate_claim: bool = False
    notes: str | None = None


def _find_initiative(session: Session, code: str | None) -> m.Initiative | None:
    if not code:
        return None
    initiative = session.exec(select(m.Initiative).where(m.Initiative.code == code)).first()
    if initiative is None:
        raise ValidationError("initiative", code, "is not a known initiative code")
    return initiative


def package_values(
    session: Session, data: PackageInput, *, donor: m.Donor | None = None
) -> dict[str, Any]:
    """The checked column values of a package; ``donor`` when already looked up (an importer
    looks each donor code up once, not once per package)."""
    donor = donor or find_donor(session, data.donor)
    title = require_text("package", data.title, 300)
    require_choice("aid_type", data.aid_type, m.AID_TYPES)
    require_choice("secrecy", data.secrecy, m.SECRECY_LEVELS)
    if data.instrument is not None:
        require_choice("instrument", data.instrument, m.INSTRUMENTS)
    if data.ordinal is not None and data.ordinal <= 0:
        raise ValidationError("package_ordinal", data.ordinal, "must be a positive whole number")
    if data.announced_on is not None:
        require_past_date("package_date", data.announced_on)
    initiative = _find_initiative(session, data.initiative)
    return {
        "donor_id": donor.id,
        "title": title,
        "aid_type": data.aid_type,
        "announced_on": data.announced_on,
        "ordinal": data.ordinal,
        "instrument": data.instrument,
        "secrecy": data.secrecy,
        "initiative_id": initiative.id if initiative else None,
        "aggregate_claim": data.aggregate_claim,
        "notes": optional_text(data.notes),
    }


def get_or_create_package(session: Session, data: PackageInput, *, actor: str) -> m.Package:
    """The donor's package with this title, or a new one.

    An existing package is returned only if the given attributes agree with it: a second
    description of the same package that contradicts the first is an error to resolve by
    editing the package, never silently ignored.
    """
    values = package_values(session, data)
    existing = session.exec(
        select(m.Package).where(
            m.Package.donor_id == values["donor_id"], m.Package.title == values["title"]
        )
    ).first()
    if existing is None:
        package = m.Package(**values)
        session.add(package)
        audit(session, actor=actor, action="create", row=package, row_key=package_key(data))
        return package
    check_package_agrees(row_snapshot(existing), values)
    return existing


def check_package_agrees(current: dict[str, Any], values: dict[str, Any]) -> None:
    """Refuse ``values`` (from :func:`package_values`) that contradict the package described
    by ``current``; values left empty, or at their default, agree with anything."""
    for field, value in values.items():
        stored = _jsonable(current.get(field))
        if value is not None and field != "notes" and stored != _jsonable(value):
            if (
                field in ("secrecy", "aggregate_claim")
                and value == m.Package.model_fields[field].default
            ):
                continue
            raise ValidationError(
                _PACKAGE_FIELD_NAMES.get(field, field),
                value,
                f"contradicts package {current['title']!r}, which has {current.get(field)!r}",
            )


_PACKAGE_FIELD_NAMES = {"announced_on": "package_date", "ordinal": "package_ordinal"}


def package_key(data: PackageInput) -> str:
    """How the audit log names a package: donor code / title."""
    return f"{data.donor}/{data.title}"


def update_package(
    session: Session,
    package_id: int,
    data: PackageInput,
    *,
    expected_version: int,
    actor: str,
) -> m.Package:
    """Edit a package's descriptive fields, refusing the edit if someone saved it first."""
    from tracker.ledger import refresh_effects

    package = locked_row(session, m.Package, package_id)
    if package is None:
        raise ValidationError("package", package_id, "does not exist")
    check_version(package, expected_version)
    before = row_snapshot(package)
    for field, value in package_values(session, data).items():
        setattr(package, field, value)
    package.version += 1
    session.add(package)
    audit(session, actor=actor, action="update", row=package, before=before)
    refresh_effects(session, [package.id])  # the package may now be an aggregate claim
    return package


def find_equipment(session: Session, name: str | None) -> m.EquipmentType | None:
    if not name:
        return None
    equipment = session.exec(select(m.EquipmentType).where(m.EquipmentType.name == name)).first()
    if equipment is None:
        raise ValidationError("equipment", name, "is not in the equipment catalogue")
    return equipment


@dataclass(frozen=True)
class EquipmentInput:
    name: str
    category: str
    unit: str
    family: str | None = None
    calibre_mm: Decimal | None = None
    ref_unit_price: Decimal | None = None
    ref_price_currency: str | None = None
    ref_price_year: int | None = None
    ref_price_source: str | None = None


def get_or_create_equipment(
    session: Session, data: EquipmentInput, *, actor: str
) -> m.EquipmentType:
    """A catalogue entry by name; new ones need a category and a known counting unit."""
    from tracker.units import canonical_unit

    name = require_text("equipment", data.name, 200)
    existing = session.exec(select(m.EquipmentType).where(m.EquipmentType.name == name)).first()
    if existing is not None:
        return existing
    unit = _unit("unit", data.unit, canonical_unit)
    if (data.ref_unit_price is None) != (data.ref_price_currency is None):
        raise ValidationError("ref_price_currency", data.ref_price_currency, "goes with a price")
    equipment = m.EquipmentType(
        name=name,
        family=optional_text(data.family),
        category=require_text("category", data.category, 100),
        unit=unit,
        calibre_mm=data.calibre_mm,
        ref_unit_price=data.ref_unit_price,
        ref_price_currency=(
            require_currency("ref_price_currency", data.ref_price_currency)
            if data.ref_price_currency
            else None
        ),
        ref_price_year=data.ref_price_year,
        ref_price_source=optional_text(data.ref_price_source),
    )
    session.add(equipment)
    audit(session, actor=actor, action="create", row=equipment, row_key=name)
    return equipment


def _unit(field: str, name: str, canonical) -> str:
    try:
        return canonical(name)
    except ValueError as exc:
        raise ValidationError(field, name, f"is not a known unit ({exc})") from exc


def get_or_create_item(
    session: Session,
    package: m.Package,
    label: str,
    *,
    equipment: m.EquipmentType | None,
    unit: str | None,
    actor: str,
) -> m.Item:
    """The package's line with this label, or a new one whose unit comes from the figure or
    the catalogue."""
    label = require_text("item", label, 300)
    existing = session.exec(
        select(m.Item).where(m.Item.package_id == package.id, m.Item.label == label)
    ).first()
    if existing is not None:
        if equipment is not None and existing.equipment_type_id not in (None, equipment.id):
            raise ValidationError("equipment", equipment.name, f"contradicts item {label!r}")
        return existing
    item = m.Item(
        package_id=package.id,
        label=label,
        equipment_type_id=equipment.id if equipment else None,
        unit=unit or (equipment.unit if equipment else None),
    )
    session.add(item)
    audit(session, actor=actor, action="create", row=item, row_key=f"{package.title}/{label}")
    return item


# --- ledger entries ------------------------------------------------------------------------


@dataclass(frozen=True)
class EntryInput:
    """One ledger event as typed or imported, already turned into Python values."""

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
    corrects: str | None = None
    reason: str | None = None
    stated: str | None = None
    key: str | None = None
    review_status: str = "draft"
    recorded_at: datetime | None = None


def check_entry_figures(data: EntryInput) -> None:
    """The figures of an entry make sense on their own (before any lookup)."""
    require_choice("event", data.event, m.EVENT_KINDS)
    require_choice("qualifier", data.qualifier, m.QUALIFIERS)
    require_choice("review_status", data.review_status, m.REVIEW_STATUSES)
    require_past_date("event_date", data.event_date)
    for field in ("quantity", "quantity_high", "amount", "amount_high"):
        value = getattr(data, field)
        if value is not None and (not value.is_finite() or value < 0):
            raise ValidationError(field, str(value), "must be a number of zero or more")
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
    from tracker.units import canonical_unit, conversion_factor

    check_entry_figures(data)
    quantity, quantity_high, unit = data.quantity, data.quantity_high, None
    if data.quantity is not None:
        if item is None:
            raise ValidationError("item", "", "a quantity needs an item (what was given)")
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
    key = optional_text(data.key) or entry_key(
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
        "reason": optional_text(data.reason),
        "stated": optional_text(data.stated),
        "source_id": source.id,
        "recorded_at": data.recorded_at or now or utcnow(),
        "recorded_by": require_text("recorded_by", recorded_by, 100),
        "review_status": data.review_status,
    }


def find_entry(session: Session, key: str) -> m.LedgerEntry | None:
    return session.exec(select(m.LedgerEntry).where(m.LedgerEntry.key == key)).first()


def record_entry(
    session: Session,
    *,
    package: m.Package,
    item: m.Item | None,
    data: EntryInput,
    source: m.Source,
    recorded_by: str,
) -> m.LedgerEntry:
    """Append one ledger entry (audited) and refresh the reconciliation warnings of its line."""
    from tracker.ledger import after_write

    corrected = find_entry(session, data.corrects) if data.corrects else None
    values = entry_values(
        session,
        package=package,
        item=item,
        data=data,
        source=source,
        recorded_by=recorded_by,
        corrected=corrected,
    )
    if find_entry(session, values["key"]) is not None:
        raise ValidationError("entry_id", values["key"], "is already in the ledger")
    entry = m.LedgerEntry(**values)
    session.add(entry)
    audit(session, actor=recorded_by, action="create", row=entry)
    after_write(session, [(package.id, item.id if item else None)])
    return entry


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
    entry.review_comment = optional_text(comment)
    entry.version += 1
    session.add(entry)
    audit(session, actor=reviewer, action="review", row=entry, before=before)
    refresh_effects(session, [entry.package_id])  # reviewed-only views read the flag
    return entry


# --- what a data-entry form writes, as one unit ----------------------------------------------


def existing_row(session: Session, model: type, row_id: int | None, field: str) -> Any:
    """The row ``row_id`` of ``model``; a ValidationError naming ``field`` if there is none."""
    row = session.get(model, row_id) if row_id is not None else None
    if row is None:
        raise ValidationError(field, row_id, "does not exist")
    return row


def resolve_source(session: Session, source: int | SourceInput | None, *, actor: str) -> m.Source:
    """An existing source picked by id, or the one a researcher just described (created if
    new). Every fact needs one, so ``None`` is refused."""
    if source is None:
        raise ValidationError("source", None, "every fact needs a source: pick one or add one")
    if isinstance(source, SourceInput):
        return get_or_create_source(session, source, actor=actor)
    return existing_row(session, m.Source, source, "source")


def read_figure(
    field: str,
    text: str,
    *,
    kind: str = "any",
    locale: str = "en",
    donor_currency: str | None = None,
    default_unit: str | None = None,
) -> ParsedMoney | ParsedQuantity:
    """A typed figure ("€1.4bn", "about 300,000 shells") read strictly, for the form field
    ``field``. ``kind`` is ``money``, ``quantity`` or ``any`` (money when a currency is named).

    A count without a unit ("12" where nothing says 12 of what) is refused: adding it to a
    line of tanks or of shells would be a guess.
    """
    require_choice("kind", kind, ("any", "money", "quantity"))
    if not (text or "").strip():
        raise ValidationError(field, text, "is required")
    figure: ParsedMoney | ParsedQuantity
    try:
        if kind == "money":
            figure = parse_money(text, locale, donor_currency)
        elif kind == "any" and isinstance(read := parse(text, locale, donor_currency), ParsedMoney):
            figure = read
        else:
            figure = parse_quantity(text, locale, default_unit)
    except ParseError as exc:
        raise ValidationError(field, text, str(exc)) from exc
    if isinstance(figure, ParsedQuantity) and figure.value is not None and figure.unit is None:
        raise ValidationError(field, text, "say what is counted, e.g. '48 tanks'")
    return figure


def figure_fields(figure: ParsedMoney | ParsedQuantity) -> dict[str, Any]:
    """The :class:`EntryInput` fields of a parsed figure (the stated text kept verbatim)."""
    common = {"qualifier": figure.qualifier, "stated": figure.stated}
    if isinstance(figure, ParsedQuantity):
        return {"quantity": figure.value, "quantity_high": figure.high, "unit": figure.unit,
                **common}  # fmt: skip
    return {"amount": figure.amount, "amount_high": figure.high, "currency": figure.currency,
            **common}  # fmt: skip


def enter_package(
    session: Session,
    data: PackageInput,
    *,
    declared: EntryInput | None,
    source: int | SourceInput | None,
    actor: str,
) -> tuple[m.Package, m.LedgerEntry | None]:
    """A package as announced and, when a value was declared, that value as its pledge."""
    cited = resolve_source(session, source, actor=actor) if declared is not None else None
    package = get_or_create_package(session, data, actor=actor)
    if declared is None or cited is None:
        return package, None
    entry = record_entry(
        session, package=package, item=None, data=declared, source=cited, recorded_by=actor
    )
    return package, entry


def enter_item(
    session: Session,
    package_id: int,
    label: str | None,
    *,
    equipment: str | EquipmentInput | None,
    pledge: EntryInput | None,
    source: int | SourceInput | None,
    actor: str,
) -> tuple[m.Item, m.LedgerEntry | None]:
    """A line of a package (catalogue equipment, or a new catalogue entry) and its pledged
    quantity. The label defaults to the equipment's name."""
    package = existing_row(session, m.Package, package_id, "package")
    cited = resolve_source(session, source, actor=actor) if pledge is not None else None
    if isinstance(equipment, EquipmentInput):
        kind: m.EquipmentType | None = get_or_create_equipment(session, equipment, actor=actor)
    else:
        kind = find_equipment(session, equipment)
    label = optional_text(label) or (kind.name if kind else None)
    if label is None:
        raise ValidationError("item", label, "name the item or pick its equipment type")
    unit = pledge.unit if pledge is not None else None
    item = get_or_create_item(session, package, label, equipment=kind, unit=unit, actor=actor)
    if pledge is None or cited is None:
        return item, None
    entry = record_entry(
        session, package=package, item=item, data=pledge, source=cited, recorded_by=actor
    )
    return item, entry


def enter_event(
    session: Session,
    package_id: int,
    item_id: int | None,
    data: EntryInput,
    *,
    source: int | SourceInput | None,
    actor: str,
) -> m.LedgerEntry:
    """One ledger event against a package's line (``item_id`` None: the package's money)."""
    package = existing_row(session, m.Package, package_id, "package")
    item = existing_row(session, m.Item, item_id, "item") if item_id is not None else None
    if item is not None and item.package_id != package.id:
        raise ValidationError("item", item.label, f"is not a line of package {package.title!r}")
    cited = resolve_source(session, source, actor=actor)
    return record_entry(
        session, package=package, item=item, data=data, source=cited, recorded_by=actor
    )
