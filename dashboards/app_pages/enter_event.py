"""Research: one ledger event against a package's line: a pledge, an allocation, a delivery
(also "300,000 delivered so far", a running total as of a date), a cancellation, or a
correction of an earlier entry.

Entries are never edited: a figure that was wrong is superseded by a correction that names
it and says why. Every entry starts as a draft until a reviewer checks it.
"""

import streamlit as st
from sqlmodel import Session

from dashboards.widgets import entry_widgets as ew
from dashboards.widgets import ui_common
from tracker import queries
from tracker import services as svc
from tracker.domain import models as m
from tracker.i18n import gettext as _

SCOPE = "event_form"


def _line_label(row: dict) -> str:
    if row["unit"]:
        return _("{item}, counted in {unit}").format(item=row["label"], unit=row["unit"])
    return row["label"]


def _entry_label(row: dict) -> str:
    figure = ew.figure_text(ctx.fmt, row)
    event = ew.event_labels()[row["event"]]
    return f"{row['event_date'].isoformat()} {event}: {figure} [{row['review_status']}]"


account, ctx = ew.research_page(
    _("Record a pledge, delivery or other event"),
    _(
        "For an event on a package and line already recorded. A new pledge or delivery with "
        "its package, item and source is quicker on “Record a pledge or delivery”."
    ),
)
WHOLE = _("(the package as a whole: money only)")
LABELS = {"figure": _("Figure as stated"), "event_date": _("Date of the event")}

with ui_common.engine_and_migrate() as session:
    package = ew.package_picker(SCOPE, session, ctx)
    lines = (
        {row["id"]: row for row in queries.item_choices(session, package["id"])} if package else {}
    )
    line = st.selectbox(
        _("Line"),
        [None, *lines],
        key=f"{SCOPE}:line",
        format_func=lambda i: WHOLE if i is None else _line_label(lines[i]),
    )
    item = lines.get(line)
    left, right = st.columns(2)
    event = left.selectbox(
        _("Event"),
        m.EVENT_KINDS,
        format_func=ew.event_labels().get,
        key=f"{SCOPE}:event",
        index=2,
    )
    event_date = right.date_input(
        _("Date of the event"), value=None, max_value=ew.today(), key=f"{SCOPE}:date"
    )
    currency = queries.donor_currency(session, package["donor"]) if package else None
    figures = ew.Figures(
        SCOPE, ctx, session, event_date or ew.today(), currency, item["unit"] if item else None
    )
    kind = "any" if item else "money"
    figure_text = figures.input(
        "figure",
        _("Figure as stated"),
        kind,
        _("14 tanks, about 300,000 shells, $725m, undisclosed"),
    )
    cumulative = st.checkbox(
        _("The figure is a running total as of this date (“300,000 delivered so far”)"),
        key=f"{SCOPE}:cumulative",
    )
    corrects = None
    if event == "correction" and package is not None:
        earlier = {row["key"]: row for row in queries.line_entries(session, package["id"], line)}
        corrects = st.selectbox(
            _("Entry this corrects"),
            list(earlier),
            index=None,
            key=f"{SCOPE}:corrects",
            format_func=lambda key: _entry_label(earlier[key]),
            placeholder=_("Pick the entry"),
        )
    reason = st.text_input(
        _("Reason (required for a correction)")
        if event == "correction"
        else _("Reason (optional)"),
        key=f"{SCOPE}:reason",
    )
    source = ew.source_picker(SCOPE, session, label=_("Source of the figure"))


def save_event(write: Session) -> str:
    if package is None:
        raise svc.ValidationError("package", None, "pick the package the event belongs to")
    if event_date is None:
        raise svc.ValidationError("event_date", None, "is required")
    figure = figures.read("figure", figure_text, kind)
    data = svc.EntryInput(
        event=event,
        event_date=event_date,
        cumulative=cumulative,
        corrects=corrects,
        reason=reason,
        **svc.figure_fields(figure),
    )
    svc.enter_event(write, package["id"], line, data, source=source, actor=account.name)
    return _("{event} recorded as a draft: {figure}, {day}.").format(
        event=ew.event_labels()[event], figure=data.stated or "", day=ctx.fmt.day(event_date)
    )


ew.save_button(SCOPE, _("Save event"), save_event, LABELS)
