"""Research: the audit trail. Who changed what and when, with each record's before and after.

Every write of the services leaves a record here (an import leaves one for the whole file, the
entries themselves carry who recorded them). Records are never edited or deleted. Reading the
trail needs no account, like every other view.
"""

import json

import pandas as pd
import streamlit as st

from dashboards.widgets import ui_common
from tracker import queries
from tracker.i18n import gettext as _
from tracker.i18n import ngettext

SCOPE = "audit"
LIMIT = 500

st.title(_("Audit trail"))
# What an audit record says was done (services.core.audit), in the reader's words.
ACTIONS = {
    "create": _("created"),
    "update": _("changed"),
    "review": _("reviewed"),
    "import": _("imported"),
}
ctx = ui_common.context()
fmt = ctx.fmt

with ui_common.engine_and_migrate() as session:
    filters = queries.audit_filters(session)
# Translated now: Streamlit may call a format_func outside this run.
EVERYONE, ALL_RECORDS = _("Everyone"), _("All records")
left, middle, right = st.columns([2, 2, 3])
actor = left.selectbox(
    _("Who"),
    [None, *filters.actors],
    key=f"{SCOPE}:actor",
    format_func=lambda a: EVERYONE if a is None else a,
)
table = middle.selectbox(
    _("What"),
    [None, *filters.tables],
    key=f"{SCOPE}:table",
    format_func=lambda t: ALL_RECORDS if t is None else t.replace("_", " "),
)
period = right.date_input(
    _("When (from, to)"),
    value=(),
    max_value=ui_common.today(),
    key=f"{SCOPE}:period",
    help=_("Empty: any day. Days are UTC."),
)
since = period[0] if len(period) >= 1 else None
until = period[1] if len(period) == 2 else since  # one day picked: that day only
with ui_common.engine_and_migrate() as session:
    records = queries.audit_trail(
        session, actor=actor, table=table, since=since, until=until, limit=LIMIT
    )


def summary(record: dict) -> str:
    """One line: the fields a change touched, or what an import brought."""
    changes = record["changes"]
    if record["action"] == "import":
        after = {name: new for name, _old, new in changes}
        inserted = int(after.get("inserted") or 0)
        return ngettext("{n} entry from {file}", "{n} entries from {file}", inserted).format(
            n=fmt.number(inserted), file=after.get("file")
        )
    if record["action"] == "create":
        return _("created")
    return "; ".join(f"{name}: {old} → {new}" for name, old, new in changes if name != "version")


if not records:
    st.info(_("No audit records match."))
    st.stop()
if len(records) == LIMIT:
    st.caption(_("The latest {n} records, newest first.").format(n=fmt.number(LIMIT)))
else:
    st.caption(
        ngettext("{n} record, newest first.", "{n} records, newest first.", len(records)).format(
            n=fmt.number(len(records))
        )
    )
st.dataframe(
    pd.DataFrame(
        [
            {
                _("Record"): r["id"],
                _("When (UTC)"): r["at"].strftime("%Y-%m-%d %H:%M:%S"),
                _("Who"): r["actor"],
                _("Did"): ACTIONS.get(r["action"], r["action"]),
                _("What"): r["table_name"],
                _("Which"): r["row_key"] or (f"#{r['row_id']}" if r["row_id"] else ""),
                _("Change"): summary(r),
            }
            for r in records
        ]
    ),
    hide_index=True,
)

by_id = {r["id"]: r for r in records}
chosen = st.selectbox(
    _("Record to look at"),
    list(by_id),
    key=f"{SCOPE}:record",
    format_func=lambda i: (
        f"#{i} {by_id[i]['actor']} {by_id[i]['action']} {by_id[i]['table_name']}"
        f" {by_id[i]['row_key'] or ''}"
    ),
)
record = by_id[chosen]
st.caption(f"{fmt.day(record['at'].date())}, {record['at'].strftime('%H:%M:%S')} UTC")
before, after = st.columns(2)
before.markdown(f"**{_('Before')}**")
before.json(json.loads(record["before"]) if record["before"] else {})
after.markdown(f"**{_('After')}**")
after.json(json.loads(record["after"]) if record["after"] else {})
