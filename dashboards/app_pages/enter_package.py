"""Research: a donor's package as announced, and edits to it.

A new package may come with its declared value ("€1.4bn", "value undisclosed"), typed as text
and read live; the value is recorded as the package's pledge, as a draft, with its source.
Editing a package is refused if someone else saved it since the form was filled (optimistic
locking): the second editor's input stays in the form, and nothing is overwritten.
"""

import streamlit as st
from sqlmodel import Session

from dashboards.widgets import entry_widgets as ew
from dashboards.widgets import ui_common
from tracker import queries
from tracker import services as svc
from tracker.domain import models as m
from tracker.i18n import gettext as _

NEW, EDIT = "package_form", "package_edit"

account, ctx = ew.research_page(_("Add or edit a package"))
initiatives = dict(ctx.choices.initiatives)
SECRECY_LABELS = {
    "public": _("Public"),
    "contents_undisclosed": _("Contents undisclosed"),
    "value_undisclosed": _("Value undisclosed"),
    "undisclosed": _("Contents and value undisclosed"),
}
LABELS = {"package": _("Title"), "package_date": _("Announced on")}


def package_fields(scope: str, *, with_notes: bool) -> svc.PackageInput:
    """The announcement's fields (checked when saved)."""
    donor = ew.donor_picker(scope, ctx)
    title = st.text_input(
        _("Title"),
        key=f"{scope}:title",
        placeholder=_("10th military aid package"),
        help=_("Unique per donor: the same title names the same package."),
    )
    left, right = st.columns(2)
    ordinal = left.number_input(
        _("Ordinal (10 for the 10th)"), min_value=1, step=1, value=None, key=f"{scope}:ordinal"
    )
    announced = right.date_input(
        _("Announced on"), value=None, max_value=ew.today(), key=f"{scope}:announced"
    )
    left, middle, right = st.columns(3)
    instrument = left.selectbox(
        _("Instrument"),
        [None, *m.INSTRUMENTS],
        key=f"{scope}:instrument",
        format_func=lambda v: _("(not stated)") if v is None else v,
    )
    aid_type = middle.selectbox(_("Aid type"), m.AID_TYPES, key=f"{scope}:aid_type")
    secrecy = right.selectbox(
        _("Secrecy"), m.SECRECY_LEVELS, format_func=SECRECY_LABELS.get, key=f"{scope}:secrecy"
    )
    initiative = st.selectbox(
        _("Part of a multi-donor initiative"),
        [None, *initiatives],
        key=f"{scope}:initiative",
        format_func=lambda c: _("(none)") if c is None else f"{initiatives[c]} ({c})",
    )
    notes = st.text_area(_("Notes"), key=f"{scope}:notes", height=80) if with_notes else None
    return svc.PackageInput(
        donor=donor or "",
        title=title,
        aid_type=aid_type,
        announced_on=announced,
        ordinal=int(ordinal) if ordinal is not None else None,
        instrument=instrument,
        secrecy=secrecy,
        initiative=initiative,
        notes=notes,
    )


def declared_pledge(text: str, data: svc.PackageInput, figures: ew.Figures) -> svc.EntryInput:
    """The declared value as the package's pledge on its announcement date."""
    figure = figures.read("declared_value", text, "money")
    if data.announced_on is None:
        raise svc.ValidationError(
            "package_date", None, "a declared value needs the date it was announced"
        )
    return svc.EntryInput(event="pledge", event_date=data.announced_on, **svc.figure_fields(figure))


new_tab, edit_tab = st.tabs([_("New package"), _("Edit a package")])

with new_tab, ui_common.engine_and_migrate() as session:
    data = package_fields(NEW, with_notes=False)
    currency = queries.donor_currency(session, data.donor)
    figures = ew.Figures(NEW, ctx, session, data.announced_on or ew.today(), currency)
    value_text = figures.input(
        "value",
        _("Declared value (optional)"),
        "money",
        _("€1.4bn, $725m, value undisclosed"),
        field="declared_value",
    )
    source = ew.source_picker(f"{NEW}", session, label=_("Source of the announcement"))

    def save_new(write: Session) -> str:
        declared = declared_pledge(value_text, data, figures) if value_text.strip() else None
        known = {p["id"] for p in queries.package_choices(write, data.donor or None)}
        package, entry = svc.enter_package(
            write, data, declared=declared, source=source, actor=account.name
        )
        if package.id in known:
            message = _("Package “{title}” was recorded already; nothing new was added to it.")
            if entry is not None:
                message = _(
                    "Package “{title}” was recorded already; its declared value {value} "
                    "is saved as a draft."
                )
        elif entry is not None:
            message = _("Package “{title}” saved; its declared value {value} is saved as a draft.")
        else:
            message = _("Package “{title}” saved.")
        return message.format(title=package.title, value=entry.stated if entry else "")

    ew.save_button(NEW, _("Save package"), save_new, LABELS)


def load_for_edit(package_id: int) -> None:
    """Fill the edit form from the package as stored now, and remember its version."""
    with ui_common.engine_and_migrate() as session:
        header = queries.package_header(session, package_id)
        version = queries.package_version(session, package_id)
    if header is None:
        return
    values = {
        "donor": header["donor"],
        "title": header["title"],
        "ordinal": header["ordinal"],
        "announced": header["announced_on"],
        "instrument": header["instrument"],
        "aid_type": header["aid_type"],
        "secrecy": header["secrecy"],
        "initiative": header["initiative"],
        "notes": header["notes"] or "",
    }
    for name, value in values.items():
        st.session_state[f"{EDIT}:{name}"] = value
    st.session_state[f"{EDIT}:loaded"] = (package_id, version)


with edit_tab, ui_common.engine_and_migrate() as session:
    chosen = ew.package_picker(f"{EDIT}:pick", session, ctx)
    if chosen is None:
        st.caption(
            _(
                "Pick the package to edit. Its figures are ledger entries: change them by "
                "recording an event (a correction) instead."
            )
        )
    else:
        loaded = st.session_state.get(f"{EDIT}:loaded")
        if loaded is None or loaded[0] != chosen["id"]:
            load_for_edit(chosen["id"])
            loaded = st.session_state[f"{EDIT}:loaded"]
        package_id, version = loaded
        edited = package_fields(EDIT, with_notes=True)
        st.caption(_("Editing version {version} of this package.").format(version=version))

        saved_versions: list[int] = []

        def save_edit(write: Session) -> str:
            package = svc.update_package(
                write, package_id, edited, expected_version=version, actor=account.name
            )
            saved_versions.append(package.version)
            return _("Package “{title}” saved (version {version}).").format(
                title=package.title, version=package.version
            )

        if st.button(_("Save changes"), type="primary", key=f"{EDIT}:save"):
            if ew.save(save_edit, LABELS):
                st.session_state[f"{EDIT}:loaded"] = (package_id, saved_versions[-1])
            else:
                st.button(
                    _("Discard my changes and load the saved package"),
                    key=f"{EDIT}:reload",
                    on_click=load_for_edit,
                    args=(package_id,),
                )
