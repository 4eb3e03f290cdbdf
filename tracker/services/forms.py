"""The data-entry forms' writes: parse what a researcher typed, then record it."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from tracker.domain import models as m
from tracker.domain.parsing import (
    ParsedMoney,
    ParsedQuantity,
    ParseError,
    parse,
    parse_money,
    parse_quantity,
)
from tracker.domain.units import conversion_factor, unit_label
from tracker.services.core import ValidationError, existing_row, optional_text, require_choice
from tracker.services.entries import EntryInput, record_entry
from tracker.services.items import (
    EquipmentInput,
    find_equipment,
    get_or_create_equipment,
    get_or_create_item,
)
from tracker.services.packages import PackageInput, get_or_create_package
from tracker.services.sources import SourceInput, resolve_source


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
    line of tanks or of shells would be a guess. ``default_unit`` is the unit of the line the
    figure goes on: a word that names no unit ("2 sytems") is refused with the nearest unit
    suggested instead of silently becoming that unit, and a unit of another kind ("2 tanks" on
    a line of launchers) is refused here, so the preview says so before the save would.
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
            figure = parse_quantity(text, locale, default_unit, strict=True)
    except ParseError as exc:
        raise ValidationError(field, text, str(exc)) from exc
    if isinstance(figure, ParsedQuantity) and figure.unit and default_unit:
        try:
            conversion_factor(figure.unit, default_unit)
        except ParseError as exc:
            message = f"this line counts {unit_label(default_unit)}, not {unit_label(figure.unit)}"
            raise ValidationError(field, text, message) from exc
    if isinstance(figure, ParsedQuantity) and figure.value is not None and figure.unit is None:
        raise ValidationError(field, text, "say what is counted, e.g. '48 tanks'")
    return figure


def figure_fields(figure: ParsedMoney | ParsedQuantity) -> dict[str, Any]:
    """The :class:`EntryInput` fields of a parsed figure (the stated text kept verbatim)."""
    common = {"qualifier": figure.qualifier, "stated": figure.stated}
    if isinstance(figure, ParsedQuantity):
        return {
            "quantity": figure.value,
            "quantity_high": figure.high,
            "unit": figure.unit,
            **common,
        }
    return {
        "amount": figure.amount,
        "amount_high": figure.high,
        "currency": figure.currency,
        **common,
    }


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
