"""The data-entry forms' writes: parse what a researcher typed, then record it.

The refusals written here are said to a researcher at a form, so they are in the reader's
language (``tracker.i18n``); the field names stay the services' own, for the form to label."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, select

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
from tracker.i18n import gettext as _
from tracker.services.core import (
    ValidationError,
    existing_row,
    find_donor,
    optional_text,
    require_choice,
    require_text,
)
from tracker.services.entries import EntryInput, check_entry_figures, record_entry
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
            message = _("this line counts {line}, not {typed}").format(
                line=unit_label(default_unit), typed=unit_label(figure.unit)
            )
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


def _stated_entry(
    session: Session,
    package: m.Package,
    item: m.Item | None,
    data: EntryInput | None,
    cited: m.Source | None,
    actor: str,
) -> m.LedgerEntry | None:
    """The entry a package or item form states with it (a declared value, a pledged
    quantity), or None when the form stated no figure."""
    if data is None or cited is None:
        return None
    return record_entry(
        session, package=package, item=item, data=data, source=cited, recorded_by=actor
    )


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
    return package, _stated_entry(session, package, None, declared, cited, actor)


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
    return item, _stated_entry(session, package, item, pledge, cited, actor)


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
        raise ValidationError(
            "item",
            item.label,
            _("is not a line of package “{package}”").format(package=package.title),
        )
    cited = resolve_source(session, source, actor=actor)
    return record_entry(
        session, package=package, item=item, data=data, source=cited, recorded_by=actor
    )


# --- one sentence, one form ------------------------------------------------------------------

# What one sentence of a release can announce; a cancellation or a correction points at what
# was recorded before, which the detailed event form picks.
SENTENCE_EVENTS = ("pledge", "allocation", "delivery")


@dataclass(frozen=True)
class SentenceInput:
    """A pledge or delivery as one sentence of a source says it ("Norway pledges two NASAMS
    systems worth NOK 1.5 billion"), with the figures as typed.

    ``what`` is a catalogue equipment name or an item as the source words it; empty, the
    figure is the package's money. ``package_id`` picks one of the donor's packages, else
    ``package_title`` names the package (a new one, or the donor's package of that title)."""

    donor: str
    event: str
    event_date: date | None
    aid_type: str
    what: str | None
    quantity: str
    value: str
    package_id: int | None
    package_title: str | None
    source: int | SourceInput | None
    locale: str = "en"


@dataclass(frozen=True)
class SentencePlan:
    """What saving a :class:`SentenceInput` will write, checked: the preview shows it and
    :func:`record_sentence` writes exactly it."""

    donor: m.Donor
    package: m.Package | None  # an existing package, or None for a new one titled below
    package_title: str
    aid_type: str
    equipment: m.EquipmentType | None
    item_label: str | None
    entry: EntryInput
    source: int | SourceInput


def _one_qualifier(quantity: ParsedQuantity | None, money: ParsedMoney | None, text: str) -> str:
    """One entry has one hedge for both figures: the one that is not "exact"."""
    hedges = {figure.qualifier for figure in (quantity, money) if figure is not None} - {"exact"}
    if len(hedges) > 1:
        raise ValidationError(
            "value",
            text,
            _("is hedged differently from the quantity; record them on the detailed forms"),
        )
    return hedges.pop() if hedges else "exact"


def check_sentence(session: Session, data: SentenceInput) -> SentencePlan:
    """Everything :func:`record_sentence` would refuse, refused without writing: the donor,
    the event and its date, the figures read strictly (the same reading and refusals as the
    detailed forms), the package (one of this donor's), the source's fields."""
    require_choice("event", data.event, SENTENCE_EVENTS)
    require_choice("aid_type", data.aid_type, m.AID_TYPES)
    donor = find_donor(session, data.donor)
    if data.event_date is None:
        raise ValidationError("event_date", None, "is required")
    what = optional_text(data.what, field="what")
    equipment = (
        session.exec(select(m.EquipmentType).where(m.EquipmentType.name == what)).first()
        if what
        else None
    )
    quantity = money = None
    if (data.quantity or "").strip():
        if what is None:
            raise ValidationError("what", None, _("a quantity needs what was given"))
        quantity = read_figure(
            "quantity",
            data.quantity,
            kind="quantity",
            locale=data.locale,
            default_unit=equipment.unit if equipment else None,
        )
    if (data.value or "").strip():
        money = read_figure(
            "value", data.value, kind="money", locale=data.locale, donor_currency=donor.currency
        )
    if quantity is None and money is None:
        raise ValidationError("quantity", None, _("give a quantity, a value or both"))
    package = None
    if data.package_id is not None:
        package = existing_row(session, m.Package, data.package_id, "package")
        if package.donor_id != donor.id:
            raise ValidationError(
                "package", package.title, _("is not a package of {donor}").format(donor=donor.code)
            )
        title = package.title
    else:
        title = require_text("package", data.package_title, 300)
    if data.source is None:
        raise ValidationError("source", None, "every fact needs a source: pick one or add one")
    if isinstance(data.source, SourceInput):
        data.source.validated()
    stated = "; ".join(figure.stated for figure in (quantity, money) if figure is not None)
    fields = figure_fields(quantity) if quantity else {}
    if money is not None:
        fields |= {
            k: v for k, v in figure_fields(money).items() if k not in ("qualifier", "stated")
        }
    entry = EntryInput(
        event=data.event,
        event_date=data.event_date,
        **{**fields, "qualifier": _one_qualifier(quantity, money, data.value), "stated": stated},
    )
    check_entry_figures(entry)
    return SentencePlan(
        donor=donor,
        package=package,
        package_title=title,
        aid_type=package.aid_type if package else data.aid_type,
        equipment=equipment,
        item_label=what,
        entry=entry,
        source=data.source,
    )


def record_sentence(
    session: Session, data: SentenceInput, *, actor: str
) -> tuple[m.Package, m.Item | None, m.LedgerEntry]:
    """Record a sentence's pledge or delivery with everything it needs, in the caller's one
    transaction: its package (new or existing), its line, the entry (a draft) and its source
    (picked or new), each audited. Refused as a whole (nothing written) with the field at
    fault."""
    plan = check_sentence(session, data)
    package = plan.package or get_or_create_package(
        session,
        PackageInput(
            donor=plan.donor.code,
            title=plan.package_title,
            aid_type=plan.aid_type,
            announced_on=plan.entry.event_date if plan.entry.event == "pledge" else None,
        ),
        actor=actor,
    )
    cited = resolve_source(session, plan.source, actor=actor)
    item = None
    if plan.item_label is not None:
        item = get_or_create_item(
            session,
            package,
            plan.item_label,
            equipment=plan.equipment,
            unit=plan.entry.unit,
            actor=actor,
        )
    entry = record_entry(
        session, package=package, item=item, data=plan.entry, source=cited, recorded_by=actor
    )
    return package, item, entry
