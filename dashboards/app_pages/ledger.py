"""Ledger: every entry that matches the filters, with its source, in id order.

Every "see the entries behind" link on the other pages opens this page with the filters of
the figure it came from, so a number can always be traced to the entries and the sources it
was computed from. Superseded entries and corrections are listed too: this is the record,
not a balance. Amounts are shown in the currency the source stated, each with its value in
the base currency beside it (at the rate of its event's date, the rate's day shown), so the
table and its download say what the totals above it add up.
"""

import streamlit as st

from dashboards.widgets import exports_ui, ui_common
from dashboards.widgets import url_params as up
from dashboards.widgets.formatting import Col
from tracker import ledger, queries
from tracker.i18n import gettext as _
from tracker.i18n import ngettext

SHOWN = 1000  # entries drawn at once, in id order; narrow the filters to see others
COLUMNS = [
    Col("entry_id", label=_("Entry")),
    Col("donor"),
    Col("package"),
    Col("item"),
    Col("event", "term"),
    Col("event_date", "date"),
    Col("quantity", "quantity", unit="unit", hedge="qualifier"),
    Col("amount", "amount", unit="currency", hedge="qualifier"),
    Col("value", "amount", unit="value_currency", hedge="qualifier"),
    Col("rate_date", "date"),
    Col("rate_provider"),
    Col("value_note"),
    Col("cumulative", "bool"),
    Col("corrects"),
    Col("stated"),
    Col("source_title"),
    Col("source_outlet"),
    Col("source_published", "date"),
    Col("source_url", label=_("Link")),
    Col("review_status", "term"),
    Col("recorded_at", "date"),
]

ctx = ui_common.context()
fmt = ctx.fmt
st.title(_("Ledger entries"))
first, second = st.columns(2), st.columns(3)
with first[0]:
    donors = ui_common.donor_filter(ctx, "ledger")
with first[1]:
    initiative = ui_common.choice_filter(
        "ledger",
        ui_common.INITIATIVE,
        _("Initiative"),
        [code for code, _ in ctx.choices.initiatives],
        format_func=dict(ctx.choices.initiatives).get,
    )
with second[0]:
    aid_type = ui_common.aid_type_filter(ctx, "ledger")
with second[1]:
    category = ui_common.choice_filter(
        "ledger", ui_common.CATEGORY, _("Equipment category"), ctx.choices.categories
    )
with second[2]:
    equipment = ui_common.text_filter(
        "ledger",
        ui_common.EQUIPMENT,
        _("Equipment name or family contains"),
        placeholder=_("e.g. Leopard 2, 155mm"),
    )
package_reading = up.read_ids(ui_common.PACKAGE, st.query_params.get(ui_common.PACKAGE))
if package_reading.problem:
    ui_common.link_warning(package_reading.problem)
claims = up.read_flag(ui_common.CLAIMS, st.query_params.get(ui_common.CLAIMS))
if claims.problem:
    ui_common.link_warning(claims.problem)
view = ctx.view(
    donors=donors,
    initiative=initiative,
    aid_type=aid_type,
    category=category,
    equipment=equipment,
    package_ids=package_reading.value,
    include_aggregate_claims=claims.value,
)
ui_common.set_param(ui_common.PACKAGE, up.write_list(str(i) for i in view.package_ids))
ui_common.set_param(ui_common.CLAIMS, up.write_flag(view.include_aggregate_claims))
if view.package_ids:
    st.info(
        _("Only packages {ids}. Open the page from the menu to see every package.").format(
            ids=", ".join(map(str, view.package_ids))
        )
    )
ui_common.basis_caption(ctx, view)

count = ctx.query(queries.ledger_count, view)
rows = ctx.query(ui_common.first_ledger_rows, view, limit=SHOWN, currency=ctx.currency)
totals = ctx.query(ledger.totals_in_currency, view, currency=ctx.currency)
summary = (
    _(
        "These entries add up to pledged {pledged} and delivered {delivered} in {currency}: "
        "reported money ({pledged_reported} pledged, {delivered_reported} delivered) plus "
        "in-kind aid at catalogue reference prices (estimates)."
    ).format(
        pledged=fmt.money(totals[0].pledged_total_value),
        delivered=fmt.money(totals[0].delivered_total_value),
        currency=ctx.currency,
        pledged_reported=fmt.money(totals[0].pledged_value),
        delivered_reported=fmt.money(totals[0].delivered_value),
    )
    if totals
    else _("No counting entries.")
)
counted = ngettext("{n} entry", "{n} entries", count).format(n=fmt.number(count))
if count > SHOWN:
    counted = _("{count}; the first {shown} are shown").format(
        count=counted, shown=fmt.number(SHOWN)
    )
ui_common.say(f"{counted}. {summary}")
st.dataframe(
    fmt.frame(rows, COLUMNS),
    hide_index=True,
    column_config={_("Link"): st.column_config.LinkColumn(display_text=_("Open source"))},
)
exports_ui.page_buttons(
    ctx, rows, queries.VALUED_LEDGER_TABLE_COLUMNS, COLUMNS, view=view, name="ledger"
)
