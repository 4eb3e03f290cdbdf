"""Equipment types and package items."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlmodel import Session, select

from tracker.domain import models as m
from tracker.services.core import (
    ValidationError,
    audit,
    optional_text,
    require_currency,
    require_text,
)


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
    from tracker.domain.units import canonical_unit

    name = require_text("equipment", data.name, 200)
    existing = session.exec(select(m.EquipmentType).where(m.EquipmentType.name == name)).first()
    if existing is not None:
        return existing
    unit = _unit("unit", data.unit, canonical_unit)
    if (data.ref_unit_price is None) != (data.ref_price_currency is None):
        raise ValidationError("ref_price_currency", data.ref_price_currency, "goes with a price")
    equipment = m.EquipmentType(
        name=name,
        family=optional_text(data.family, field="family"),
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
        ref_price_source=optional_text(data.ref_price_source, field="ref_price_source"),
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
