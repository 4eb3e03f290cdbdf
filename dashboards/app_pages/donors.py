"""Donors: one or several donors side by side (totals, share of GDP, packages, delivery rate,
timeline, sources); without a choice, every donor with its share of GDP.

The share of GDP divides the donor's money, converted into the GDP's own currency at each
event's date, by the reference table's GDP (year and source shown beside it).
"""

import streamlit as st

from dashboards.widgets import exports_ui, headline, ui_common
from dashboards.widgets.formatting import Col
from tracker import ledger, queries
from tracker.i18n import gettext as _

SIDE_BY_SIDE = 4  # donor columns per row: readable on a laptop

ctx = ui_common.context()
fmt = ctx.fmt
st.title(_("Donors"))
chosen = ui_common.donor_filter(ctx, "donors", label=_("Donors to compare"))
view = ctx.view(donors=chosen)
basis = ui_common.basis_text(ctx, view)
ui_common.basis_caption(ctx, view)

by_donor = ctx.query(
    ledger.totals_in_currency, view, group_by=("donor", "donor_name"), currency=ctx.currency
)
totals = {r.keys["donor"]: r for r in by_donor}
gdp = {r["donor"]: r for r in ctx.query(queries.gdp_shares, view)}
names = ctx.donor_names


def _gdp_note(code: str) -> str:
    """Which GDP the share divides by, with its source, or why there is no share."""
    row = gdp.get(code)
    if row is None:
        return _("No GDP figure in the reference table.")
    return _("Of {year} GDP ({amount}), in {currency}. Source: {source}").format(
        year=row["gdp_year"],
        amount=fmt.compact(row["gdp"], row["gdp_currency"]),
        currency=row["gdp_currency"],
        source=f"[{row['source_title']}]({row['source_url']})",
    )


def beside_kiel() -> None:
    """The team's figures beside the Kiel Institute's, per donor (when Kiel data is loaded)."""
    comparison = ctx.query(queries.beside_kiel, view, currency=ctx.currency)
    if comparison:
        st.subheader(_("The tracker beside the Kiel Institute"))
        ui_common.note(
            _(
                "The team's own entries (reported money plus in-kind estimates) beside the "
                "figures imported from a Kiel Institute release (`tracker import-kiel`). Kiel's "
                "allocations are aid delivered or earmarked; a gap means the two record "
                "different amounts."
            )
        )
        figures = {
            "own_pledged_value": _("Pledged, own ({currency})"),
            "own_allocated_value": _("Allocated, own ({currency})"),
            "own_delivered_value": _("Delivered, own ({currency})"),
            "kiel_pledged_value": _("Committed, Kiel ({currency})"),
            "kiel_allocated_value": _("Allocated, Kiel ({currency})"),
            "allocated_gap_value": _("Own minus Kiel ({currency})"),
        }
        ui_common.show_table(
            ctx,
            fmt.frame(
                [
                    {
                        **row,
                        "donor_label": f"{names.get(row['donor'], row['donor'])} ({row['donor']})",
                    }
                    for row in comparison
                ],
                [
                    Col("donor_label"),
                    *(
                        Col(key, "money", label=label.format(currency=ctx.currency))
                        for key, label in figures.items()
                    ),
                ],
            ),
            view,
        )


if not chosen:
    st.info(
        _(
            "Choose one or several donors above to compare them side by side. Below: every "
            "donor with entries in this view."
        )
    )
    rows = sorted(
        (
            {
                "donor_label": f"{names.get(code, code)} ({code})",
                **ui_common.total_figures(total),
                "pledged_share_gdp": gdp[code]["pledged_share"] if code in gdp else None,
                "gdp_year": str(gdp[code]["gdp_year"]) if code in gdp else "",
                "entry_count": total.entry_count,
                "link": ui_common.page_url("donors", ctx.params(donor=code)),
            }
            for code, total in totals.items()
        ),
        key=lambda r: (-r["pledged_value"], -r["pledged_estimated_value"], r["donor_label"]),
    )
    ui_common.show_table(
        ctx,
        fmt.frame(
            rows,
            [
                Col("donor_label"),
                *ui_common.TOTAL_COLUMNS,
                Col("pledged_share_gdp", "share"),
                Col("gdp_year"),
                Col("entry_count", "number"),
                Col("link"),
            ],
        ),
        view,
        column_config=ui_common.details_column(_("Compare")),
    )
    st.caption(
        _(
            "Value columns are money reported as such; estimated columns value aid in kind at "
            "the catalogue's reference prices (quantity × price, with its year and source). "
            "The delivered share by value counts both."
        )
    )
    beside_kiel()
    st.stop()

# --- side by side ----------------------------------------------------------------------------

packages = ctx.query(queries.package_table, view, currency=ctx.currency)
package_rows = [{**r, "has_undisclosed": bool(r["undisclosed_count"])} for r in packages.rows]
for start in range(0, len(chosen), SIDE_BY_SIDE):
    for code, column in zip(
        chosen[start : start + SIDE_BY_SIDE], st.columns(SIDE_BY_SIDE), strict=False
    ):
        with column, st.container(border=True):
            st.subheader(f"{names.get(code, code)} ({code})")
            total = totals.get(code)
            if total is None:
                st.write(_("No entries in this view."))
                continue
            own = [p for p in package_rows if p["donor"] == code]
            for label, reported, estimated in (
                (_("Pledged"), total.pledged_value, total.pledged_estimated_value),
                (_("Allocated"), total.allocated_value, total.allocated_estimated_value),
                (_("Delivered"), total.delivered_value, total.delivered_estimated_value),
            ):
                st.metric(
                    label,
                    fmt.compact(reported + estimated),
                    help=headline.split_text(ctx, reported, estimated),
                )
            st.metric(
                _("Outstanding"),
                fmt.compact(total.outstanding_total_value),
                help=_(
                    "Pledged minus delivered minus cancelled value, in-kind estimates included."
                ),
            )
            st.metric(
                _("Delivered share"),
                fmt.share(total.delivered_value_share),
                help=_("Delivered over pledged value, in-kind estimates included on both sides."),
            )
            share = gdp[code]["pledged_share"] if code in gdp else None
            st.metric(_("Pledged, share of GDP"), fmt.share(share, 2))
            ui_common.note(_gdp_note(code))
            st.metric(_("Packages"), fmt.number(len(own)))
            ui_common.say(
                _("Undisclosed packages: {count} · in-kind estimate: {estimate}").format(
                    count=fmt.number(total.undisclosed_count),
                    estimate=fmt.compact(total.pledged_estimated_value),
                )
            )
            ui_common.entries_link(
                ctx, ctx.view(donors=(code,)), _("See the entries behind these figures")
            )

beside_kiel()

# --- timeline -------------------------------------------------------------------------------

ui_common.show_running_totals(
    ctx,
    ctx.query(ledger.time_series, view, currency=ctx.currency, group_by=("donor",)),
    title=_("Running totals of reported value, by donor"),
    subtitle=_("{currency} at each event's date; {basis}").format(
        currency=ctx.currency, basis=basis
    ),
    line_labels=names,
    by="donor",
)

# --- packages, equipment, sources -----------------------------------------------------------

st.subheader(_("Packages"))
for row in package_rows:
    row["link"] = ui_common.page_url("packages", ctx.params(package=str(row["package_id"])))
PACKAGE_COLUMNS = [
    Col("donor"),
    Col("package"),
    Col("package_date", "date"),
    Col("aid_type", "term"),
    Col("secrecy", "term"),
    Col("pledged_value", "money"),
    Col("delivered_value", "money"),
    Col("has_undisclosed", "bool", label=_("Undisclosed figures")),
    Col("link"),
]
ui_common.show_table(
    ctx,
    fmt.frame(package_rows, PACKAGE_COLUMNS),
    view,
    column_config=ui_common.details_column(_("Package page")),
    link_label=_("See the entries behind these packages"),
)
exports_ui.page_buttons(
    ctx, package_rows, packages.columns, PACKAGE_COLUMNS, view=view, name="packages"
)

st.subheader(_("What was pledged and delivered"))
balance = ctx.query(queries.balance_table, view, currency=ctx.currency)
balance_rows = ui_common.balance_lines(list(balance.rows))
BALANCE_COLUMNS = [Col("donor"), *ui_common.BALANCE_COLUMNS, Col("warnings", "number")]
st.dataframe(fmt.frame(balance_rows, BALANCE_COLUMNS), hide_index=True)
exports_ui.page_buttons(
    ctx, balance_rows, balance.columns, BALANCE_COLUMNS, view=view, name="balance"
)

st.subheader(_("Sources"))
sources = ctx.query(queries.sources_behind, view)
st.dataframe(
    fmt.frame(
        sources,
        [
            Col("title", label=_("Source")),
            Col("outlet", label=_("Outlet")),
            Col("published", "date", label=_("Published")),
            Col("reliability", "term", label=_("Reliability")),
            Col("entries", "number"),
            Col("first_event", "date"),
            Col("last_event", "date"),
            Col("url", label=_("Link")),
        ],
    ),
    hide_index=True,
    column_config={_("Link"): st.column_config.LinkColumn(display_text=_("Open source"))},
)
