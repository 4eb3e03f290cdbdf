"""Packages: created, matched against what a file or form says, edited under a version lock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, select

from tracker.domain import models as m
from tracker.services.core import (
    ValidationError,
    _jsonable,
    audit,
    check_version,
    find_donor,
    locked_row,
    optional_text,
    require_choice,
    require_past_date,
    require_text,
    row_snapshot,
)


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
    if data.ordinal is not None and not 0 < data.ordinal <= m.ORDINAL_MAX:
        raise ValidationError(
            "package_ordinal", data.ordinal, f"must be a whole number from 1 to {m.ORDINAL_MAX}"
        )
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
        "notes": optional_text(data.notes, field="notes"),
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
                f"contradicts package {current['title']!r}, which has "
                + ("no value" if stored is None else str(stored)),
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
