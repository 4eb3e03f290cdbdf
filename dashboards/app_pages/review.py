"""Research: review drafts. A reviewer checks an entry against its source and marks it
reviewed, or sends it back with a comment saying what is wrong.

Dashboards can show reviewed entries only (the sidebar's switch) or include drafts. A review
based on an out-of-date view of the entry (someone reviewed it meanwhile) is refused.
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
STATUS_LABELS = {"draft": "Drafts", "returned": "Sent back"}

st.title(_("Review entries"))
account = signin.require("reviewer")
ctx = ui_common.context()
fmt = ctx.fmt

left, right = st.columns(2)
status = (
    left.segmented_control(
        "Show",
        list(STATUS_LABELS),
        format_func=STATUS_LABELS.get,
        default="draft",
        key=f"{SCOPE}:status",
    )
    or "draft"
)
with right:
    donor = ew.donor_picker(SCOPE, ctx, label="Donor (optional)")
with ui_common.engine_and_migrate() as session:
    queue = queries.review_queue(session, statuses=(status,), donor=donor)


def figure_text(row: dict) -> str:
    return ew.figure_text(fmt, row)


if not queue:
    st.info(f"No entries in “{STATUS_LABELS[status]}”" + (f" for {donor}." if donor else "."))
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
                "Entry": row["id"],
                "Donor": row["donor"],
                "Package": row["package"],
                "Item": row["item"] or "(package value)",
                "Event": row["event"],
                "Date": fmt.day(row["event_date"]),
                "Figure": figure_text(row),
                "Stated": row["stated"] or "",
                "Source": row["source_title"] or row["source_url"],
                "Recorded by": row["recorded_by"],
                "Comment": row["review_comment"] or "",
            }
            for row in queue
        ]
    ),
    hide_index=True,
)

by_id = {row["id"]: row for row in queue}
chosen = st.selectbox(
    "Entry to review",
    list(by_id),
    key=f"{SCOPE}:entry",
    format_func=lambda i: (
        f"#{i} {by_id[i]['donor']}: {by_id[i]['package']}, "
        f"{by_id[i]['event']} of {figure_text(by_id[i])}"
    ),
)
row = by_id[chosen]
source = row["source_title"] or row["source_url"]
link = f"[{source}]({row['source_url']})" if row["source_url"] else source
st.markdown(
    f"**{figure_text(row)}** ({ew.EVENT_LABELS[row['event']]}, {fmt.day(row['event_date'])}), "
    f"stated as “{row['stated'] or '—'}”. Source: {link} "
    f"({ew.RELIABILITY_LABELS[row['source_reliability']]}). "
    f"Recorded by {row['recorded_by']}."
)
if row["recorded_by"] == account.name:
    st.warning("You recorded this entry yourself; a second pair of eyes is better.")
comment = st.text_area(
    "Comment (required to send it back)",
    key=f"{SCOPE}:comment",
    height=80,
    placeholder="The release says 14 tanks, not 18.",
)


def review(status: str):
    def write(session: Session) -> str:
        entry = svc.review_entry(
            session,
            row["id"],
            status=status,
            reviewer=account.name,
            comment=comment,
            expected_version=row["version"],
        )
        done = "marked reviewed" if status == "reviewed" else "sent back"
        return f"Entry #{entry.id} {done}."

    return write


left, right = st.columns(2)
if left.button(_("Mark reviewed"), type="primary", key=f"{SCOPE}:approve"):
    ew.save(review("reviewed"))
if right.button(_("Send back"), key=f"{SCOPE}:return"):
    ew.save(review("returned"))
