"""Overview: how much was pledged, how much has arrived and since when, for all donors.

Headline money adds reported money (converted into the base currency at each event's date)
and in-kind aid valued at catalogue reference prices, with the split and the prices named;
tables keep the two apart, so an estimate is never read as a report. Undisclosed packages are
counted, never valued at zero. Every block links to the ledger entries behind it.
"""

import pandas as pd
import streamlit as st

from dashboards.widgets import charts, headline, ui_common
from dashboards.widgets.formatting import Col
from tracker import ledger, queries
from tracker.i18n import gettext as _
from tracker.i18n import ngettext

TOP_DONORS = 15

ctx = ui_common.context()
fmt = ctx.fmt
st.title(_("Pledged versus delivered"))
aid_type = ui_common.aid_type_filter(ctx, "overview")
view = ctx.view(aid_type=aid_type)
basis = ui_common.basis_text(ctx, view)
ui_common.basis_caption(ctx, view)

# --- headline ------------------------------------------------------------------------------

# every figure below but the monthly series and the warnings, from one pass over the ledger
figures = ctx.query(queries.overview_figures, view, currency=ctx.currency)
total = figures.total
if total is None:
    st.info(_("No ledger entries match this view."))
    st.stop()
headline.stage_metrics(ctx, total, figures.basis)
if total.unconverted_count:
    st.warning(
        ngettext(
            "{n} amount has no exchange rate for its date and is left out of the {currency} "
            "totals.",
            "{n} amounts have no exchange rate for their date and are left out of the "
            "{currency} totals.",
            total.unconverted_count,
        ).format(n=fmt.number(total.unconverted_count), currency=ctx.currency)
    )
ui_common.entries_link(ctx, view, _("See the entries behind these totals"))

# --- donors ranked ---------------------------------------------------------------------------

st.subheader(_("Donors ranked by pledged value"))
donors = figures.donors
donor_rows = sorted(
    (
        {
            **r.keys,
            "donor_name": fmt.donor(r.keys["donor"], r.keys["donor_name"]),
            **ui_common.total_figures(r),
            "undisclosed_count": r.undisclosed_count,
            "entry_count": r.entry_count,
            "link": ui_common.page_url("donors", ctx.params(donor=r.keys["donor"])),
            "entries_link": ctx.ledger_url(ctx.view(aid_type=aid_type, donors=(r.keys["donor"],))),
        }
        for r in donors
    ),
    key=lambda r: (-r["pledged_value"], -r["pledged_estimated_value"], r["donor"]),
)
valued = [r for r in donor_rows if r["pledged_value"]][:TOP_DONORS]
if valued:
    ui_common.show_pledged_beside_delivered(
        ctx,
        valued,
        label="donor_name",
        title=ngettext(
            "Top {n} donor by reported pledged value",
            "Top {n} donors by reported pledged value",
            len(valued),
        ).format(n=len(valued)),
        subtitle=_("{basis}; delivered beside pledged").format(basis=basis),
    )
ui_common.show_table(
    ctx,
    fmt.frame(
        donor_rows,
        [
            Col("donor_name", "donor"),
            *ui_common.TOTAL_COLUMNS,
            Col("undisclosed_count", "number"),
            Col("entry_count", "number"),
            Col("link"),
            Col("entries_link"),
        ],
    ),
    view,
    column_config={
        **ui_common.details_column(_("Donor page")),
        **ui_common.entries_column(),
    },
    link_label=_("See the entries behind the donor totals"),
)
st.caption(
    _(
        "Value columns are money reported as such; estimated columns value aid in kind at the "
        "catalogue's reference prices (named under the headline). The delivered share by value "
        "counts both."
    )
)

# --- over time -------------------------------------------------------------------------------

st.subheader(_("Since when: running totals"))
ui_common.show_running_totals(
    ctx,
    ctx.query(ledger.time_series, view, currency=ctx.currency),
    title=_("Cumulative pledged versus delivered value, by month"),
    subtitle=_("Reported money in {currency} at each event's date; {basis}").format(
        currency=ctx.currency, basis=basis
    ),
)

# --- splits ---------------------------------------------------------------------------------

left, right = st.columns(2)
with left:
    st.subheader(_("By aid type"))
    by_type = figures.aid_types
    type_rows = [
        {
            "aid_type": r.keys["aid_type"],
            "aid_type_text": fmt.term(r.keys["aid_type"]),
            "pledged_value": r.pledged_value,
            "delivered_value": r.delivered_value,
        }
        for r in by_type
    ]
    if any(r["pledged_value"] or r["delivered_value"] for r in type_rows):
        ui_common.show_pledged_beside_delivered(
            ctx, type_rows, label="aid_type_text", title=_("Reported value by aid type")
        )
    st.dataframe(
        fmt.frame(
            type_rows,
            [
                Col("aid_type", "term"),
                Col("pledged_value", "money"),
                Col("delivered_value", "money"),
            ],
        ),
        hide_index=True,
    )
with right:
    st.subheader(_("By equipment category"))
    by_category = figures.categories
    category_rows = [
        {
            "category": r.keys["category"],
            "unit": r.unit,
            "pledged": r.pledged,
            "delivered": r.delivered,
            "outstanding": r.outstanding,
            "delivered_share": r.delivered_share if r.pledged else None,
            "label": f"{r.keys['category']} ({fmt.unit(r.unit)})",
            "entries_link": ctx.ledger_url(
                ctx.view(aid_type=aid_type, category=r.keys["category"])
            ),
        }
        for r in by_category
        if r.keys["category"] and r.unit
    ]
    shares = [r for r in category_rows if r["delivered_share"] is not None]
    if shares:
        frame = pd.DataFrame(shares)
        frame["share_text"] = [fmt.share(v) for v in frame["delivered_share"]]
        st.altair_chart(
            charts.share_bars(
                frame,
                label="label",
                share="delivered_share",
                text="share_text",
                title=_("Delivered share of pledged quantities"),
                subtitle=_("per category and counting unit"),
                axis_title=_("Delivered (%)"),
                locale=ctx.locale,
            ),
            width="stretch",
        )
    st.dataframe(
        fmt.frame(
            category_rows,
            [
                Col("category"),
                Col("pledged", "quantity", unit="unit"),
                Col("delivered", "quantity", unit="unit"),
                Col("outstanding", "quantity", unit="unit"),
                Col("delivered_share", "share"),
                Col("entries_link"),
            ],
        ),
        hide_index=True,
        column_config=ui_common.entries_column(),
    )

# --- warnings ---------------------------------------------------------------------------------

st.subheader(_("Open reconciliation warnings"))
warnings = ctx.query(queries.warnings_in_view, view)
if warnings:
    for row in warnings:
        row["link"] = ui_common.page_url("packages", ctx.params(package=str(row["package_id"])))
    st.dataframe(
        fmt.frame(
            warnings,
            [
                Col("kind", "term"),
                Col("message"),
                Col("donor"),
                Col("package"),
                Col("item"),
                Col("entry"),
                Col("event_date", "date"),
                Col("link"),
            ],
        ),
        hide_index=True,
        column_config=ui_common.details_column(_("Package page")),
    )
else:
    st.success(_("No reconciliation warnings in this view."))
