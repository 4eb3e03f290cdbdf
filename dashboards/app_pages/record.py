"""Research: one sentence of a source, one form. "Norway pledges two NASAMS systems worth
NOK 1.5 billion" is a donor, a kind of event, a date, what was given with its quantity and
value, the package it belongs to and the source that says so; this page takes all of that at
once and records the package (if new), the line, the entry and the source (if new) in one
service call and one transaction.

The preview below the form is the service's own check, so what it refuses is what the save
would refuse. Corrections, cancellations, running totals and package details stay on the
detailed forms.
"""

import streamlit as st
from sqlmodel import Session

from dashboards.widgets import entry_widgets as ew
from dashboards.widgets import ui_common
from tracker import queries
from tracker import services as svc
from tracker.i18n import gettext as _

SCOPE = "record"
NEW_PACKAGE = 0  # the package choice that means "a new package" (package ids start at 1)

account, ctx = ew.research_page(
    _("Record a pledge or delivery"),
    _(
        "One sentence of a source, one form: the package, the item, the entry and the source "
        "are recorded together. For a correction, a cancellation, a running total or a "
        "package's details, use the detailed forms (Add a package, Add an item, Record an "
        "event)."
    ),
)
LABELS = {
    "what": _("What was given"),
    "quantity": _("Quantity"),
    "value": _("Value"),
    "package": _("Package"),
    "event_date": _("Date"),
}
EVENTS = {key: ew.event_labels()[key] for key in svc.SENTENCE_EVENTS}
AID_TYPES = {
    "military": _("Military"),
    "financial": _("Financial"),
    "humanitarian": _("Humanitarian"),
}

with ui_common.engine_and_migrate() as session:
    donor = ew.donor_picker(SCOPE, ctx)
    left, right = st.columns(2)
    event = left.selectbox(_("Event"), list(EVENTS), format_func=EVENTS.get, key=f"{SCOPE}:event")
    event_date = right.date_input(_("Date"), value=None, max_value=ew.today(), key=f"{SCOPE}:date")
    catalogue = {row["name"]: row for row in queries.equipment_choices(session)}
    left, right = st.columns(2)
    aid_type = left.selectbox(
        _("Aid type"), list(AID_TYPES), format_func=AID_TYPES.get, key=f"{SCOPE}:aid_type"
    )
    what = right.selectbox(
        _("What was given"),
        list(catalogue),
        index=None,
        accept_new_options=True,
        key=f"{SCOPE}:what",
        placeholder=_("Search the catalogue, or type the item as the source words it"),
        help=_("Leave it empty when the figure is the package's money."),
    )
    unit = catalogue[what]["unit"] if what in catalogue else None
    currency = queries.donor_currency(session, donor) if donor else None
    figures = ew.Figures(SCOPE, ctx, session, event_date or ew.today(), currency, unit)
    left, right = st.columns(2)
    with left:
        quantity = figures.input(
            "quantity", _("Quantity"), "quantity", _("2 systems, about 300,000 shells")
        )
    with right:
        value = figures.input("value", _("Value (optional)"), "money", _("NOK 1.5bn, €300m"))
    packages = {p["id"]: p for p in queries.package_choices(session, donor)} if donor else {}
    package_id = st.selectbox(
        _("Package"),
        [NEW_PACKAGE, *packages],
        key=f"{SCOPE}:package",
        format_func=lambda i: (
            _("A new package") if i == NEW_PACKAGE else ew.package_label(packages[i])
        ),
        help=_("The donor's packages, newest first; type to search them."),
    )
    title = None
    if package_id == NEW_PACKAGE:
        title = st.text_input(
            _("Title of the new package"),
            key=f"{SCOPE}:title",
            placeholder=_("NASAMS for Ukraine, October 2022"),
        )
    source = ew.source_picker(SCOPE, session, label=_("Source"))
    sentence = svc.SentenceInput(
        donor=donor or "",
        event=event,
        event_date=event_date,
        aid_type=aid_type,
        what=what,
        quantity=quantity,
        value=value,
        package_id=None if package_id == NEW_PACKAGE else package_id,
        package_title=title,
        source=source,
        locale=ctx.locale,
    )

    st.subheader(_("Preview"))
    if not donor:
        st.caption(_("Pick the donor to begin."))
    else:
        try:
            plan = svc.check_sentence(session, sentence)
        except svc.ValidationError as exc:
            st.info(ew.refusal(exc, LABELS), icon=":material/edit_note:")
        else:
            entry = plan.entry
            figure = ew.figure_text(ctx.fmt, {**entry.__dict__, "cumulative": False})
            if entry.quantity is not None and entry.amount is not None:
                money = {**entry.__dict__, "quantity": None, "cumulative": False}
                figure = _("{quantity}, worth {value}").format(
                    quantity=figure, value=ew.figure_text(ctx.fmt, money)
                )
            package = (
                _("the existing package “{title}”")
                if plan.package
                else _("a new package “{title}”")
            ).format(title=plan.package_title)
            line = plan.item_label or _("the package's money")
            st.markdown(
                _(
                    "Will record a draft **{event}** of **{figure}** ({line}) for {donor} on "
                    "{day}, in {package}."
                ).format(
                    event=EVENTS[entry.event],
                    figure=figure,
                    line=line,
                    donor=ctx.donor_names.get(plan.donor.code, plan.donor.code),
                    day=ctx.fmt.day(entry.event_date),
                    package=package,
                )
            )


def save(write: Session) -> str:
    package, _item, entry = svc.record_sentence(write, sentence, actor=account.name)
    return _("{event} recorded as a draft: {figure}, {day}, in “{package}”.").format(
        event=EVENTS[entry.event],
        figure=entry.stated or "",
        day=ctx.fmt.day(entry.event_date),
        package=package.title,
    )


ew.save_button(SCOPE, _("Save"), save, LABELS)
