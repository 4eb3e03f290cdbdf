"""Packages: a searchable, sortable list; ``?package=ID`` opens one package with its items,
its declared value (or that it is undisclosed), its secrecy, and every ledger entry with its
source, superseded entries and corrections included.

Initiative-wide statements (a coalition's own total) are listed too, marked as aggregate
claims: each row is one package, so nothing is counted twice within the table.
"""

import streamlit as st

from dashboards.widgets import exports_ui, ui_common
from dashboards.widgets import url_params as up
from dashboards.widgets.formatting import Col
from tracker import queries
from tracker.i18n import gettext as _
from tracker.i18n import ngettext

SHOWN = 500  # rows drawn at once; the sort and search decide which
# key -> (label of the descending order, label of the ascending one), in words that fit the key
SORTS = {
    "package_date": (_("Date, newest first"), _("Date, oldest first")),
    "pledged_value": (_("Pledged value, largest first"), _("Pledged value, smallest first")),
    "delivered_value": (_("Delivered value, largest first"), _("Delivered value, smallest first")),
    "donor": (_("Donor, Z to A"), _("Donor, A to Z")),
    "package": (_("Title, Z to A"), _("Title, A to Z")),
}
ENTRY_COLUMNS = [
    Col("entry_id", label=_("Entry")),
    Col("item", label=_("Item")),
    Col("event", "term", label=_("Event")),
    Col("event_date", "date", label=_("Date")),
    Col("quantity", "quantity", label=_("Quantity"), unit="unit", hedge="qualifier"),
    Col("amount", "amount", label=_("Amount (as stated)"), unit="currency", hedge="qualifier"),
    Col("cumulative", "bool", label=_("Running total")),
    Col("corrects", label=_("Corrects")),
    Col("stated", label=_("As stated")),
    Col("source_title", label=_("Source")),
    Col("source_outlet", label=_("Outlet")),
    Col("source_url", label=_("Link")),
    Col("review_status", "term", label=_("Review")),
]

ctx = ui_common.context()
fmt = ctx.fmt


def show_package(package_id: int) -> bool:
    """The package page; False when there is no such package (the caller shows the list)."""
    header = ctx.query(queries.package_header, package_id)
    if header is None:
        ui_common.link_warning(
            _(
                "The link's package={id} is not a package in the database; showing all packages."
            ).format(id=package_id)
        )
        return False
    view = ctx.view(package_ids=(package_id,), include_aggregate_claims=True)
    st.page_link(
        "app_pages/packages.py",
        label=_("All packages"),
        icon=":material/arrow_back:",
        query_params=ctx.params(),
    )
    st.title(ui_common.md(header["title"]))
    facts = [
        (_("Donor"), f"{fmt.donor(header['donor'], header['donor_name'])} ({header['donor']})"),
        (_("Announced"), fmt.day(header["announced_on"]) or _("date not given")),
        (_("Aid type"), fmt.term(header["aid_type"])),
        (_("Instrument"), fmt.term(header["instrument"]) or _("not given")),
        (_("Secrecy"), fmt.term(header["secrecy"])),
    ]
    if header["ordinal"]:
        facts.append((_("Number"), fmt.number(header["ordinal"])))
    if header["initiative"]:
        facts.append((_("Initiative"), f"{header['initiative_name']} ({header['initiative']})"))
    ui_common.say(" · ".join(f"**{name}:** {value}" for name, value in facts))
    if header["aggregate_claim"]:
        st.info(
            _(
                "This package is an initiative-wide statement: it restates figures the members "
                "report in their own packages, so it is shown but never added to totals."
            )
        )
    if header["notes"]:
        ui_common.note(header["notes"])
    ui_common.basis_caption(ctx, view)

    entries = ctx.query(ui_common.first_ledger_rows, view, limit=SHOWN)
    declared = [e for e in entries if not e["item"] and e["event"] in ("pledge", "correction")]
    packages = list(ctx.query(queries.package_table, view, currency=ctx.currency).rows)
    total = packages[0] if packages else None
    st.subheader(_("Declared value"))
    stated = [e for e in declared if e["amount"] is not None]
    if stated:
        for entry in stated:
            text = fmt.cell(entry, Col("amount", "amount", unit="currency", hedge="qualifier"))
            ui_common.say(
                _("**{amount}** as stated on {date} ({source})").format(
                    amount=text, date=fmt.day(entry["event_date"]), source=entry["source_title"]
                )
            )
        if total is not None:
            ui_common.note(
                _("In {currency} at the event's date: {amount}").format(
                    currency=ctx.currency, amount=fmt.money(total["pledged_value"])
                )
            )
    elif header["secrecy"] in ("value_undisclosed", "undisclosed") or (
        total and total["undisclosed_count"]
    ):
        st.markdown(
            _(
                "**{undisclosed}**: the value of this package is not public. It is counted "
                "among undisclosed packages, never as zero."
            ).format(undisclosed=fmt.hedged(None, "undisclosed"))
        )
    else:
        st.markdown(_("No value was stated for the package as a whole; see its items."))
    if total is not None and total["pledged_estimated_value"]:
        ui_common.note(
            _("In-kind estimate from catalogue reference prices (kept apart): {amount}").format(
                amount=fmt.money(total["pledged_estimated_value"])
            )
        )

    st.subheader(_("Items"))
    items = ui_common.balance_lines(
        list(ctx.query(queries.balance_table, view, currency=ctx.currency).rows)
    )
    ui_common.show_table(
        ctx,
        fmt.frame(
            items,
            [
                *ui_common.BALANCE_COLUMNS,
                Col("has_undisclosed", "bool", label=_("Undisclosed figures")),
            ],
        ),
        view,
        link_label=_("See the entries behind these items"),
    )

    st.subheader(_("Every ledger entry"))
    st.caption(_("Superseded entries and the corrections that replace them are both listed."))
    st.dataframe(
        fmt.frame(entries, ENTRY_COLUMNS),
        hide_index=True,
        column_config={_("Link"): st.column_config.LinkColumn(display_text=_("Open source"))},
    )
    return True


def show_list() -> None:
    """All packages matching the filters, sorted and searched, with links to each."""
    st.title(_("Packages"))
    filters = st.columns([2, 1, 2, 2])
    with filters[0]:
        donors = ui_common.donor_filter(ctx, "packages")
    with filters[1]:
        aid_type = ui_common.aid_type_filter(ctx, "packages")
    with filters[2]:
        search = ui_common.text_filter(
            "packages",
            "q",
            _("Search titles, donors, initiatives"),
            placeholder=_("e.g. PDA tranche, Leopard, secret"),
        )
    with filters[3]:
        key, descending = ui_common.sort_filter("packages", SORTS, "-package_date")
    view = ctx.view(donors=donors, aid_type=aid_type, include_aggregate_claims=True)
    ui_common.basis_caption(ctx, view)
    table = ctx.query(queries.package_table, view, currency=ctx.currency, search=search)
    rows = list(table.rows)
    present = [r for r in rows if r[key] is not None]
    present.sort(key=lambda r: r[key], reverse=descending)
    rows = present + [r for r in rows if r[key] is None]
    count = ngettext("{n} package", "{n} packages", len(rows)).format(n=fmt.number(len(rows)))
    if len(rows) > SHOWN:
        count = _("{count}; the first {shown} are shown").format(
            count=count, shown=fmt.number(SHOWN)
        )
    st.write(count)
    shown = rows[:SHOWN]
    for row in shown:
        row["link"] = ui_common.page_url("packages", ctx.params(package=str(row["package_id"])))
        row["entries_link"] = ctx.ledger_url(
            ctx.view(package_ids=(row["package_id"],), include_aggregate_claims=True)
        )
        row["has_undisclosed"] = bool(row["undisclosed_count"])
    displayed = [
        Col("link"),
        Col("donor"),
        Col("package"),
        Col("package_date", "date"),
        Col("package_ordinal", "number"),
        Col("instrument", "term"),
        Col("aid_type", "term"),
        Col("secrecy", "term"),
        Col("initiative"),
        Col("aggregate_claim", "bool"),
        Col("pledged_value", "money"),
        Col("delivered_value", "money"),
        Col("pledged_estimated_value", "money"),
        Col("has_undisclosed", "bool", label=_("Undisclosed figures")),
        Col("entry_count", "number"),
        Col("entries_link"),
    ]
    ui_common.show_table(
        ctx,
        fmt.frame(shown, displayed),
        view,
        column_config={
            **ui_common.details_column(_("Open")),
            **ui_common.entries_column(),
        },
        link_label=_("See the entries behind these packages"),
    )
    exports_ui.page_buttons(ctx, shown, table.columns, displayed, view=view, name="packages")


reading = up.read_package_id(ui_common.PACKAGE, st.query_params.get(ui_common.PACKAGE))
if reading.problem:
    ui_common.link_warning(reading.problem)
if reading.value is None or not show_package(reading.value):
    ui_common.set_param(ui_common.PACKAGE, None)
    show_list()
