"""Research: a line of a package (what is given) and the quantity pledged.

The equipment comes from the catalogue (type to search it) or is added to it here; the
quantity is typed as the source prints it ("48 tanks", "about 300,000 shells") and read live.
The pledge is recorded as a draft, with its source.
"""

import streamlit as st
from sqlmodel import Session

from dashboards.widgets import entry_widgets as ew
from dashboards.widgets import ui_common
from tracker import queries
from tracker import services as svc
from tracker.i18n import gettext as _

SCOPE = "item_form"
NEW_TYPE = "(new type)"  # the choice's value; its label is translated

account, ctx = ew.research_page(_("Add an item to a package"))
LABELS = {
    "quantity": _("Quantity pledged"),
    "unit": _("Counted in"),
    "equipment": _("Name of the type"),
}

with ui_common.engine_and_migrate() as session:
    package = ew.package_picker(SCOPE, session, ctx)
    catalogue = {row["name"]: row for row in queries.equipment_choices(session)}
    equipment = st.selectbox(
        _("Equipment type"),
        [NEW_TYPE, *catalogue],
        index=None,
        key=f"{SCOPE}:equipment",
        placeholder=_("Type to search the catalogue"),
        format_func=lambda n: (
            _("(a type not in the catalogue yet)")
            if n == NEW_TYPE
            else f"{n} ({catalogue[n]['category']})"
        ),
    )
    new_type: svc.EquipmentInput | None = None
    unit = catalogue[equipment]["unit"] if equipment in catalogue else None
    if equipment == NEW_TYPE:
        left, middle, right = st.columns(3)
        name = left.text_input(
            _("Name of the type"), key=f"{SCOPE}:new:name", placeholder="Marder 1A3"
        )
        categories = sorted({row["category"] for row in catalogue.values()})
        category = middle.selectbox(
            _("Category"),
            categories,
            index=None,
            accept_new_options=True,
            key=f"{SCOPE}:new:category",
            placeholder=_("Pick or type a category"),
        )
        unit = right.text_input(_("Counted in"), key=f"{SCOPE}:new:unit", placeholder="vehicle")
        family = st.text_input(
            _("Family (optional)"), key=f"{SCOPE}:new:family", placeholder="Marder"
        )
        new_type = svc.EquipmentInput(name=name, category=category or "", unit=unit, family=family)
    label = st.text_input(
        _("Item as the source names it (optional)"),
        key=f"{SCOPE}:label",
        placeholder=equipment if equipment in catalogue else "Leopard 2A6 tanks",
    )
    pledged_on = st.date_input(
        _("Pledged on"),
        value=None,
        max_value=ew.today(),
        key=f"{SCOPE}:date",
        help=_("Empty: the package's announcement date."),
    )
    on = pledged_on or (package["announced_on"] if package else None) or ew.today()
    figures = ew.Figures(SCOPE, ctx, session, on, default_unit=unit or None)
    quantity_text = figures.input(
        "quantity",
        _("Quantity pledged (optional)"),
        "quantity",
        _("48 tanks, about 300,000 shells, an undisclosed number"),
    )
    source = ew.source_picker(SCOPE, session, label=_("Source of the figure"))


def save_item(write: Session) -> str:
    if package is None:
        raise svc.ValidationError("package", None, "pick the package this item belongs to")
    pledge = None
    if quantity_text.strip():
        figure = figures.read("quantity", quantity_text, "quantity")
        pledge = svc.EntryInput(event="pledge", event_date=on, **svc.figure_fields(figure))
    kind = new_type if new_type is not None else equipment
    item, entry = svc.enter_item(
        write,
        package["id"],
        label,
        equipment=kind,
        pledge=pledge,
        source=source,
        actor=account.name,
    )
    if entry is not None:
        message = _("Item “{item}” saved in {package}, with its pledge as a draft: {figure}.")
    else:
        message = _("Item “{item}” saved in {package}.")
    return message.format(
        item=item.label, package=package["title"], figure=entry.stated if entry else ""
    )


ew.save_button(SCOPE, _("Save item"), save_item, LABELS)
