"""Equipment: pledged versus delivered by category and family (the Leopard 2 family, 155mm
shells, air defence systems), per donor, and conflicting claims side by side.

The value headline adds reported money and in-kind aid at catalogue reference prices (the
split and the prices named); quantities are never added across counting units: every
table and chart is per unit. Where
an initiative made its own aggregate statement (a coalition's "48 tanks"), that figure is
shown beside the sum of the members' own pledges, each with its sources.
"""

import streamlit as st

from dashboards.widgets import headline, ui_common
from dashboards.widgets.formatting import Col
from tracker import ledger, queries
from tracker.i18n import gettext as _

# What each side of a conflicting claim is (tracker.ledger.claims), in the reader's words.
CLAIM_BASES = {
    "initiative statement": _("initiative statement"),
    "sum of members' own pledges": _("sum of members' own pledges"),
}

ctx = ui_common.context()
fmt = ctx.fmt
st.title(_("Equipment"))
left, right = st.columns(2)
with left:
    category = ui_common.choice_filter(
        "equipment", ui_common.CATEGORY, _("Category"), ctx.choices.categories
    )
families = sorted(
    {family for cat, family in ctx.choices.families if category is None or cat == category}
)
with right:
    family = ui_common.choice_filter(
        "equipment", ui_common.EQUIPMENT, _("Family or type"), families
    )
view = ctx.view(category=category, equipment=family)
ui_common.basis_caption(ctx, view)

# --- value ---------------------------------------------------------------------------------

totals = ctx.query(ledger.totals_in_currency, view, currency=ctx.currency)
if totals:
    headline.stage_metrics(ctx, totals[0], ctx.query(queries.price_basis, view))

# --- by category and family ------------------------------------------------------------------

st.subheader(_("By category and family"))
summary = ctx.query(ledger.balances, view, group_by=("category", "family"), currency=ctx.currency)
rows = [
    {
        **r.keys,
        "unit": r.unit,
        "pledged": r.pledged,
        "allocated": r.allocated,
        "delivered": r.delivered,
        "outstanding": r.outstanding,
        "delivered_share": r.delivered_share if r.pledged else None,
        "pledged_value": r.pledged_value,
        "delivered_value": r.delivered_value,
        "pledged_estimated_value": r.pledged_estimated_value,
        "allocated_estimated_value": r.allocated_estimated_value,
        "delivered_estimated_value": r.delivered_estimated_value,
        "delivered_value_share": r.delivered_value_share,
        "entry_count": r.entry_count,
        "entries_link": ctx.ledger_url(
            ctx.view(category=r.keys["category"], equipment=r.keys["family"])
        )
        if r.keys["family"]  # lines outside the catalogue have no family to filter by
        else None,
    }
    for r in summary
    if r.unit
]
ui_common.show_table(
    ctx,
    fmt.frame(
        rows,
        [
            Col("category"),
            Col("family"),
            Col("pledged", "quantity", unit="unit"),
            Col("allocated", "quantity", unit="unit"),
            Col("delivered", "quantity", unit="unit"),
            Col("outstanding", "quantity", unit="unit"),
            Col("delivered_share", "share"),
            Col("pledged_value", "money"),
            Col("delivered_value", "money"),
            Col("pledged_estimated_value", "money"),
            Col("allocated_estimated_value", "money"),
            Col("delivered_estimated_value", "money"),
            Col("delivered_value_share", "share"),
            Col("entry_count", "number"),
            Col("entries_link"),
        ],
    ),
    view,
    column_config=ui_common.entries_column(),
)
st.caption(
    _(
        "Value columns are money reported as such; estimated columns value aid in kind at the "
        "catalogue's reference prices, named under the headline."
    )
)

# --- per donor ----------------------------------------------------------------------------

if category or family:
    for unit in sorted({r["unit"] for r in rows}):
        of_unit = [r for r in rows if r["unit"] == unit]
        pledged = sum(r["pledged"] for r in of_unit)
        delivered = sum(r["delivered"] for r in of_unit)
        cells = st.columns(4)
        words = {"unit": fmt.unit(unit)}
        cells[0].metric(
            _("Pledged ({unit})").format(**words), fmt.quantity(pledged, unit), border=True
        )
        cells[1].metric(
            _("Delivered ({unit})").format(**words), fmt.quantity(delivered, unit), border=True
        )
        cells[2].metric(
            _("Outstanding ({unit})").format(**words),
            fmt.quantity(sum(r["outstanding"] for r in of_unit), unit),
            border=True,
        )
        cells[3].metric(
            _("Delivered share ({unit})").format(**words),
            fmt.share(delivered / pledged if pledged else None),
            border=True,
        )
    st.subheader(_("Per donor: {what}").format(what=family or category))
    per_donor = ctx.query(
        ledger.balances, view, group_by=("donor", "donor_name"), currency=ctx.currency
    )
    units = sorted({r.unit for r in per_donor if r.unit})
    for unit in units:
        donor_rows = sorted(
            (
                {
                    **r.keys,
                    "donor_name": fmt.donor(r.keys["donor"], r.keys["donor_name"]),
                    "unit": unit,
                    "pledged": r.pledged,
                    "delivered": r.delivered,
                    "outstanding": r.outstanding,
                    "delivered_share": r.delivered_share if r.pledged else None,
                }
                for r in per_donor
                if r.unit == unit
            ),
            key=lambda r: (-r["pledged"], -r["delivered"], r["donor"]),
        )
        ui_common.show_pledged_beside_delivered(
            ctx,
            donor_rows,
            label="donor_name",
            title=_("{what}: pledged versus delivered per donor").format(what=family or category),
            subtitle=ui_common.basis_text(ctx, view),
            unit=unit,
        )
        st.dataframe(
            fmt.frame(
                donor_rows,
                [
                    Col("donor_name", "donor"),
                    Col("pledged", "quantity", unit="unit"),
                    Col("delivered", "quantity", unit="unit"),
                    Col("outstanding", "quantity", unit="unit"),
                    Col("delivered_share", "share"),
                ],
            ),
            hide_index=True,
        )

# --- conflicting claims ------------------------------------------------------------------------

relevant = [
    claim
    for claim in ctx.query(queries.claim_initiatives)
    if (family is None or family in claim["families"])
    and (category is None or category in claim["categories"])
]
if relevant:
    st.subheader(_("Conflicting claims"))
    st.caption(
        _(
            "An initiative's own statement and the sum of its members' own pledges, side by "
            "side. Totals on every page use the members' own figures; the statement is never "
            "added."
        )
    )
for initiative in relevant:
    claims = ctx.query(ledger.conflicting_claims, initiative["code"], view)
    st.markdown(f"**{initiative['name']}** ({initiative['code']})")
    for claim, column in zip(claims, st.columns(max(len(claims), 1)), strict=False):
        with column, st.container(border=True):
            st.caption(CLAIM_BASES.get(claim.basis, claim.basis))
            st.metric(
                _("Claimed by {donor}").format(donor=claim.donor),
                fmt.quantity(claim.quantity, claim.unit),
            )
            for source in claim.sources:
                link = f"[{source}]({source})" if source.startswith("http") else source
                ui_common.say(f"- {link}")
    ui_common.entries_link(
        ctx,
        ctx.view(initiative=initiative["code"], include_aggregate_claims=True),
        _("See every entry of this initiative"),
    )
