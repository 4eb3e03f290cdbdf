"""Research: review drafts. A reviewer checks an entry against its source and marks it
reviewed, or sends it back with a comment saying what is wrong.

Each entry is a card with its own buttons, and every button carries the id and version of
the entry on its card: a click acts on the entry the reviewer was looking at, never on
whatever a list position points to after the list changed. The action runs before the page
is drawn again, so the list shown afterwards already leaves out what was just reviewed, and
the message names the entry that changed. A review based on an out-of-date view of the entry
(someone reviewed it meanwhile) is refused.

Dashboards can show reviewed entries only (the sidebar's switch) or include drafts.
"""

import pandas as pd
import streamlit as st
from sqlmodel import Session

from dashboards.widgets import entry_widgets as ew
from dashboards.widgets import signin, ui_common
from tracker import queries
from tracker import services as svc
from tracker.i18n import gettext as _
from tracker.i18n import ngettext

SCOPE = "review"
FLASH = f"{SCOPE}:flash"
CARDS = 20  # entries shown with their buttons at once; the rest follow as these are done


def status_labels() -> dict[str, str]:
    return {"draft": _("Drafts"), "returned": _("Sent back")}


def act(entry_id: int, version: int, status: str, summary: str, reviewer: str) -> None:
    """Review the entry of the card clicked (a callback: it runs before the page is drawn, so
    the list drawn next is the list after this change)."""
    comment = st.session_state.get(f"{SCOPE}:comment:{entry_id}", "")
    now = signin.current()  # the role as it stands at the click, not when the page was drawn
    if now is None or now.name != reviewer or not now.may("reviewer"):
        st.session_state[FLASH] = ew.Outcome(
            False, _("Not saved: your account may no longer review entries.")
        )
        return

    def change(session: Session) -> str:
        svc.review_entry(
            session,
            entry_id,
            status=status,
            reviewer=reviewer,
            comment=comment,
            expected_version=version,
        )
        done = _("Approved: {entry}") if status == "reviewed" else _("Sent back: {entry}")
        return done.format(entry=summary)

    outcome = ew.write(change, {"review_comment": _("Comment")})
    st.session_state[FLASH] = outcome


def show_flash() -> None:
    outcome = st.session_state.pop(FLASH, None)
    if outcome is None:
        return
    if outcome.saved:
        st.success(outcome.message, icon=":material/check_circle:")
    else:
        st.error(outcome.message, icon=":material/error:")


st.title(_("Review entries"))
show_flash()  # before the sign-in check: a refused click says so even if the page stops there
account = signin.require("reviewer")
ctx = ui_common.context()
fmt = ctx.fmt
labels = status_labels()

left, right = st.columns(2)
status = (
    left.segmented_control(
        _("Show"),
        list(labels),
        format_func=labels.get,
        default="draft",
        key=f"{SCOPE}:status",
    )
    or "draft"
)
with right:
    donor = ew.donor_picker(SCOPE, ctx, label=_("Donor (optional)"))
with ui_common.engine_and_migrate() as session:
    queue = queries.review_queue(session, statuses=(status,), donor=donor)


def summary(row: dict) -> str:
    """The entry in a few words: donor, line, figure, date ("Germany, IRIS-T SLM: 2 systems,
    Oct 12, 2022"), so a message says which one changed."""
    donor_name = ctx.donor_names.get(row["donor"], row["donor"])
    line = row["item"] or row["package"]
    return _("{donor}, {line}: {figure}, {day}").format(
        donor=donor_name, line=line, figure=ew.figure_text(fmt, row), day=fmt.day(row["event_date"])
    )


if not queue:
    if donor:
        message = _("No entries in “{status}” for {donor}.")
    else:
        message = _("No entries in “{status}”.")
    st.info(message.format(status=labels[status], donor=donor))
    st.stop()

st.caption(
    ngettext("{n} entry, oldest first.", "{n} entries, oldest first.", len(queue)).format(
        n=len(queue)
    )
)
st.dataframe(
    pd.DataFrame(
        [
            {
                _("Entry"): row["id"],
                _("Donor"): row["donor"],
                _("Package"): row["package"],
                _("Item"): row["item"] or _("(package value)"),
                _("Event"): ew.event_labels()[row["event"]],
                _("Date"): fmt.day(row["event_date"]),
                _("Figure"): ew.figure_text(fmt, row),
                _("Stated"): row["stated"] or "",
                _("Source"): row["source_title"] or row["source_url"],
                _("Recorded by"): row["recorded_by"],
                _("Comment"): row["review_comment"] or "",
            }
            for row in queue
        ]
    ),
    hide_index=True,
)


def card(row: dict) -> None:
    """One entry with what to check it against, a comment box and its two buttons."""
    entry_id = row["id"]
    source = row["source_title"] or row["source_url"]
    link = f"[{source}]({row['source_url']})" if row["source_url"] else source
    with st.container(border=True):
        st.markdown(f"**{summary(row)}** · {row['package']}")
        st.markdown(
            _(
                "{event}, stated as “{stated}”. Source: {link} ({reliability}). Recorded by {who}."
            ).format(
                event=ew.event_labels()[row["event"]],
                stated=row["stated"] or "—",
                link=link,
                reliability=ew.reliability_labels()[row["source_reliability"]],
                who=row["recorded_by"],
            )
        )
        if row["recorded_by"] == account.name:
            st.warning(_("You recorded this entry yourself; a second pair of eyes is better."))
        st.text_area(
            _("Comment (required to send it back)"),
            key=f"{SCOPE}:comment:{entry_id}",
            height=68,
            placeholder=_("The release says 14 tanks, not 18."),
        )
        args = (entry_id, row["version"])
        left, right = st.columns(2)
        left.button(
            _("Mark reviewed"),
            type="primary",
            key=f"{SCOPE}:approve:{entry_id}",
            on_click=act,
            args=(*args, "reviewed", summary(row), account.name),
        )
        right.button(
            _("Send back"),
            key=f"{SCOPE}:return:{entry_id}",
            on_click=act,
            args=(*args, "returned", summary(row), account.name),
        )


for row in queue[:CARDS]:
    card(row)
if len(queue) > CARDS:
    st.caption(
        _("The first {shown} are shown to review; the others follow as these are done.").format(
            shown=CARDS
        )
    )
