"""What the data-entry pages share: pickers (package, line, source), a new source's fields,
typed figures read live with a preview, and one way to save.

Every widget has a key, so what a researcher typed stays in the form across reruns and after
a refused save: nothing is lost, and nothing is written until the whole form is valid.
Saving runs the page's write in one transaction (all of it or none of it) and reports a
refusal with the field and the value the services named.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import sqlalchemy as sa
import streamlit as st
from sqlmodel import Session

from dashboards.widgets import ui_common
from dashboards.widgets.formatting import Col, Formatter
from tracker import db, queries
from tracker import services as svc
from tracker.domain import models as m
from tracker.domain.parsing import ParsedMoney, ParsedQuantity
from tracker.i18n import gettext as _

RELIABILITY_LABELS = {
    "official": "Official release",
    "media": "Media report",
    "unverified": "Unverified claim",
    "disputed": "Disputed",
}
EVENT_LABELS = {
    "pledge": "Pledge (promised)",
    "allocation": "Allocation (earmarked, specified)",
    "delivery": "Delivery (arrived)",
    "cancellation": "Cancellation (withdrawn)",
    "correction": "Correction of an earlier entry",
}
NEW, EXISTING = "new", "existing"
_QUANTITY = Col("quantity", kind="quantity", unit="unit", hedge="qualifier")
_AMOUNT = Col("amount", kind="amount", unit="currency", hedge="qualifier")


def today() -> date:
    return ui_common.today()


def source_label(row: dict) -> str:
    """How a source is named in a picker: title (outlet, date) and its address."""
    title = row["title"] or row["url"]
    details = ", ".join(str(v) for v in (row["outlet"], row["published"]) if v)
    return f"{title} ({details})" if details else title


def new_source_fields(scope: str) -> svc.SourceInput:
    """The fields of a source as a researcher describes it (checked when saved)."""
    url = st.text_input("Address (URL)", key=f"{scope}:url", placeholder="https://...")
    left, right = st.columns(2)
    outlet = left.text_input("Outlet", key=f"{scope}:outlet", placeholder="Reuters")
    published = right.date_input(
        "Published", value=None, max_value=today(), key=f"{scope}:published"
    )
    title = st.text_input(
        "Title", key=f"{scope}:title", help="Needed when the source has no address."
    )
    left, right = st.columns(2)
    claimant = left.text_input(
        "Who made the claim", key=f"{scope}:claimant", placeholder="Ukraine's foreign minister"
    )
    reliability = right.selectbox(
        "Reliability",
        m.RELIABILITY_GRADES,
        index=1,
        format_func=RELIABILITY_LABELS.get,
        key=f"{scope}:reliability",
    )
    quote = st.text_area(
        "Short quote", key=f"{scope}:quote", height=80, help="The words the figure comes from."
    )
    return svc.SourceInput(
        url=url,
        outlet=outlet,
        title=title,
        published=published,
        quote=quote,
        claimant=claimant,
        reliability=reliability,
    )


def source_picker(
    scope: str, session: Session, *, label: str = "Source"
) -> int | svc.SourceInput | None:
    """An existing source (searchable) or a new one described here; every fact needs one."""
    st.markdown(f"**{label}**")
    mode = st.radio(
        label,
        (EXISTING, NEW),
        horizontal=True,
        label_visibility="collapsed",
        format_func={EXISTING: "A source already recorded", NEW: "A new source"}.get,
        key=f"{scope}:source:mode",
    )
    if mode == NEW:
        return new_source_fields(f"{scope}:source")
    search = st.text_input(
        "Find a source",
        key=f"{scope}:source:search",
        placeholder="Words from its address, outlet, title or claimant",
    )
    found = {row["id"]: row for row in queries.find_sources(session, search)}
    if not found:
        st.caption(_("No recorded source matches; choose “A new source” to add it."))
        return None
    return st.selectbox(
        "Recorded source",
        list(found),
        index=None,
        placeholder="Pick the source",
        format_func=lambda i: source_label(found[i]),
        key=f"{scope}:source:id",
    )


def donor_picker(scope: str, ctx: ui_common.Context, *, label: str = "Donor") -> str | None:
    names = ctx.donor_names
    return st.selectbox(
        label,
        list(names),
        index=None,
        placeholder="Type to search donors",
        format_func=lambda code: f"{names[code]} ({code})",
        key=f"{scope}:donor",
    )


def package_picker(scope: str, session: Session, ctx: ui_common.Context) -> dict | None:
    """A package to record against: narrowed by donor, searchable by title."""
    donor = donor_picker(scope, ctx, label="Donor (to narrow the list)")
    packages = {p["id"]: p for p in queries.package_choices(session, donor)}
    chosen = st.selectbox(
        "Package",
        list(packages),
        index=None,
        placeholder="Type to search packages",
        format_func=lambda i: _package_label(packages[i]),
        key=f"{scope}:package",
    )
    return packages.get(chosen)


def _package_label(row: dict) -> str:
    when = f", {row['announced_on'].isoformat()}" if row["announced_on"] else ""
    return f"{row['donor']}: {row['title']}{when}"


def figure_text(fmt: Formatter, entry: dict) -> str:
    """An entry's figure for the reader: "≈ 300,000 shells", "$725,000,000.00", a running
    total marked as one; undisclosed says so."""
    column = _AMOUNT if entry["quantity"] is None and entry["amount"] is not None else _QUANTITY
    shown = fmt.cell(entry, column)
    return f"{shown} (running total)" if entry["cumulative"] else shown


def figure_input(
    session: Session,
    ctx: ui_common.Context,
    *,
    key: str,
    field: str,
    label: str,
    kind: str,
    on: date,
    donor_currency: str | None = None,
    default_unit: str | None = None,
    placeholder: str = "",
) -> str:
    """A figure typed as text, read as it is typed and previewed below ("€1.4bn ->
    1,400,000,000 EUR = ... USD at the ECB rate of ..."); returns the text, which the save
    reads again (so a figure that cannot be read is refused, naming ``field``)."""
    text = st.text_input(label, key=key, placeholder=placeholder)
    if text.strip():
        try:
            figure = read_figure(
                field,
                text,
                ctx,
                kind=kind,
                donor_currency=donor_currency,
                default_unit=default_unit,
            )
        except svc.ValidationError as exc:
            st.warning(str(exc), icon=":material/help:")
        else:
            preview = queries.figure_preview(
                session, figure, on=on, currency=ctx.currency, locale=ctx.locale
            )
            st.caption(f":material/check: {preview}")
    return text


def read_figure(
    field: str,
    text: str,
    ctx: ui_common.Context,
    *,
    kind: str,
    donor_currency: str | None = None,
    default_unit: str | None = None,
) -> ParsedMoney | ParsedQuantity:
    """:func:`tracker.services.read_figure` in the reader's locale."""
    return svc.read_figure(
        field,
        text,
        kind=kind,
        locale=ctx.locale,
        donor_currency=donor_currency,
        default_unit=default_unit,
    )


def save(action: Callable[[Session], str]) -> bool:
    """Run ``action`` (a page's writes) in one transaction and say how it went: its message,
    or why nothing was saved. The form's widgets keep what was typed either way."""
    try:
        with db.session_scope(ui_common.engine()) as session:
            message = action(session)
    except svc.ValidationError as exc:
        st.error(f"Not saved: {exc}", icon=":material/error:")
        return False
    except svc.StaleEditError as exc:
        st.error(
            f"Not saved: {exc}. What you typed is still in the form.",
            icon=":material/sync_problem:",
        )
        return False
    except sa.exc.IntegrityError as exc:
        reason = str(exc.orig).splitlines()[0]
        st.error(f"Not saved: the database refused it ({reason}).", icon=":material/error:")
        return False
    except sa.exc.OperationalError as exc:
        reason = str(exc.orig).splitlines()[0]
        st.error(
            f"Not saved: the database could not take the change now ({reason}); "
            "try again in a moment. What you typed is still in the form.",
            icon=":material/error:",
        )
        return False
    st.success(message, icon=":material/check_circle:")
    return True
