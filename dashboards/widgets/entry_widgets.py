"""What the data-entry pages share: pickers (package, line, source), a new source's fields,
typed figures read live with a preview, and one way to save.

Every widget has a key, so what a researcher typed stays in the form across reruns and after
a refused save: nothing is lost, and nothing is written until the whole form is valid.
Saving runs the page's write in one transaction (all of it or none of it) and reports a
refusal with the field and the value the services named.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import sqlalchemy as sa
import streamlit as st
from sqlmodel import Session

from dashboards.widgets import signin, ui_common
from dashboards.widgets.formatting import Col, Formatter
from tracker import db, queries
from tracker import services as svc
from tracker.domain import models as m
from tracker.domain.parsing import ParsedMoney, ParsedQuantity
from tracker.i18n import gettext as _

NEW, EXISTING = "new", "existing"
_QUANTITY = Col("quantity", kind="quantity", unit="unit", hedge="qualifier")
_AMOUNT = Col("amount", kind="amount", unit="currency", hedge="qualifier")


def research_page(title: str, intro: str | None = None) -> tuple[svc.Account, ui_common.Context]:
    """The head of a data-entry page: its title, the editor's sign-in (without one the page
    stops there, saying how to sign in) and the line saying what the page is for."""
    st.title(title)
    account = signin.require("editor")
    ctx = ui_common.context()
    if intro:
        st.caption(intro)
    return account, ctx


def reliability_labels() -> dict[str, str]:
    """How sure a source is, in the reader's language."""
    return {
        "official": _("Official release"),
        "media": _("Media report"),
        "unverified": _("Unverified claim"),
        "disputed": _("Disputed"),
    }


def event_labels() -> dict[str, str]:
    """The kinds of ledger event, in the reader's language."""
    return {
        "pledge": _("Pledge (promised)"),
        "allocation": _("Allocation (earmarked, specified)"),
        "delivery": _("Delivery (arrived)"),
        "cancellation": _("Cancellation (withdrawn)"),
        "correction": _("Correction of an earlier entry"),
    }


def today() -> date:
    return ui_common.today()


def source_label(row: dict) -> str:
    """How a source is named in a picker: title (outlet, date) and its address."""
    title = row["title"] or row["url"]
    details = ", ".join(str(v) for v in (row["outlet"], row["published"]) if v)
    return f"{title} ({details})" if details else title


def new_source_fields(scope: str) -> svc.SourceInput:
    """The fields of a source as a researcher describes it (checked when saved)."""
    url = st.text_input(_("Address (URL)"), key=f"{scope}:url", placeholder="https://...")
    left, right = st.columns(2)
    outlet = left.text_input(_("Outlet"), key=f"{scope}:outlet", placeholder="Reuters")
    published = right.date_input(
        _("Published"), value=None, max_value=today(), key=f"{scope}:published"
    )
    title = st.text_input(
        _("Title"), key=f"{scope}:title", help=_("Needed when the source has no address.")
    )
    left, right = st.columns(2)
    claimant = left.text_input(
        _("Who made the claim"),
        key=f"{scope}:claimant",
        placeholder=_("Ukraine's foreign minister"),
    )
    reliability = right.selectbox(
        _("Reliability"),
        m.RELIABILITY_GRADES,
        index=1,
        format_func=reliability_labels().get,
        key=f"{scope}:reliability",
    )
    quote = st.text_area(
        _("Short quote"),
        key=f"{scope}:quote",
        height=80,
        help=_("The words the figure comes from."),
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
    scope: str, session: Session, *, label: str | None = None
) -> int | svc.SourceInput | None:
    """An existing source (searchable) or a new one described here; every fact needs one."""
    label = label or _("Source")
    st.markdown(f"**{label}**")
    modes = {EXISTING: _("A source already recorded"), NEW: _("A new source")}
    mode = st.radio(
        label,
        (EXISTING, NEW),
        horizontal=True,
        label_visibility="collapsed",
        format_func=modes.get,
        key=f"{scope}:source:mode",
    )
    if mode == NEW:
        return new_source_fields(f"{scope}:source")
    search = st.text_input(
        _("Find a source"),
        key=f"{scope}:source:search",
        placeholder=_("Words from its address, outlet, title or claimant"),
    )
    found = {row["id"]: row for row in queries.find_sources(session, search)}
    if not found:
        st.caption(_("No recorded source matches; choose “A new source” to add it."))
        return None
    return st.selectbox(
        _("Recorded source"),
        list(found),
        index=None,
        placeholder=_("Pick the source"),
        format_func=lambda i: source_label(found[i]),
        key=f"{scope}:source:id",
    )


def donor_picker(scope: str, ctx: ui_common.Context, *, label: str | None = None) -> str | None:
    names = ctx.donor_names
    return st.selectbox(
        label or _("Donor"),
        list(names),
        index=None,
        placeholder=_("Type to search donors"),
        format_func=lambda code: f"{names[code]} ({code})",
        key=f"{scope}:donor",
    )


def package_picker(scope: str, session: Session, ctx: ui_common.Context) -> dict | None:
    """A package to record against: narrowed by donor, searchable by title."""
    donor = donor_picker(scope, ctx, label=_("Donor (to narrow the list)"))
    packages = {p["id"]: p for p in queries.package_choices(session, donor)}
    chosen = st.selectbox(
        _("Package"),
        list(packages),
        index=None,
        placeholder=_("Type to search packages"),
        format_func=lambda i: package_label(packages[i]),
        key=f"{scope}:package",
    )
    return packages.get(chosen)


def package_label(row: dict) -> str:
    when = f", {row['announced_on'].isoformat()}" if row["announced_on"] else ""
    return f"{row['donor']}: {row['title']}{when}"


def figure_text(fmt: Formatter, entry: dict) -> str:
    """An entry's figure for the reader: "≈ 300,000 shells", "$725,000,000.00", a running
    total marked as one; undisclosed says so."""
    column = _AMOUNT if entry["quantity"] is None and entry["amount"] is not None else _QUANTITY
    shown = fmt.cell(entry, column)
    return _("{figure} (running total)").format(figure=shown) if entry["cumulative"] else shown


@dataclass(frozen=True)
class Figures:
    """The typed figures of one form: its widget scope, the page context, the session the
    preview converts with, the day figures are converted on, and what every figure of the form
    is read against (the donor's currency for an amount that names none, the line's unit for a
    count). The preview and the save read a figure the same way, so what the preview refuses
    the save refuses too."""

    scope: str
    ctx: ui_common.Context
    session: Session
    on: date
    donor_currency: str | None = None
    default_unit: str | None = None

    def read(self, field: str, text: str, kind: str) -> ParsedMoney | ParsedQuantity:
        """:func:`tracker.services.read_figure` in the reader's locale, for the form ``field``."""
        return svc.read_figure(
            field,
            text,
            kind=kind,
            locale=self.ctx.locale,
            donor_currency=self.donor_currency,
            default_unit=self.default_unit,
        )

    def input(
        self, name: str, label: str, kind: str, placeholder: str, *, field: str | None = None
    ) -> str:
        """A figure typed as text (widget ``scope:name``), read as it is typed and previewed
        below ("€1.4bn -> 1,400,000,000 EUR = ... USD at the ECB rate of ..."); returns the
        text, which the save reads again (a figure that cannot be read is refused, naming
        ``field``, which defaults to ``name``)."""
        field = field or name
        text = st.text_input(label, key=f"{self.scope}:{name}", placeholder=placeholder)
        if text.strip():
            try:
                figure = self.read(field, text, kind)
            except svc.ValidationError as exc:
                st.warning(refusal(exc, {field: label}), icon=":material/help:")
            else:
                preview = queries.figure_preview(
                    self.session,
                    figure,
                    on=self.on,
                    currency=self.ctx.currency,
                    locale=self.ctx.locale,
                )
                st.caption(f":material/check: {preview}")
        return text


def field_labels() -> dict[str, str]:
    """The form labels of the fields the services name in a refusal, in the reader's language
    (a page adds or overrides its own: a package's title is "package" to the services)."""
    return {
        "source": _("Source"),
        "source_url": _("Address (URL)"),
        "source_title": _("Title"),
        "source_outlet": _("Outlet"),
        "source_quote": _("Short quote"),
        "source_claimant": _("Who made the claim"),
        "package": _("Package"),
        "item": _("Item"),
        "donor": _("Donor"),
        "equipment": _("Equipment type"),
        "category": _("Category"),
        "family": _("Family"),
        "event": _("Event"),
        "event_date": _("Date of the event"),
        "figure": _("Figure as stated"),
        "quantity": _("Quantity"),
        "quantity_high": _("Quantity"),
        "amount": _("Value"),
        "amount_high": _("Value"),
        "declared_value": _("Declared value"),
        "unit": _("Unit"),
        "currency": _("Currency"),
        "qualifier": _("Figure as stated"),
        "reason": _("Reason"),
        "corrects": _("Entry this corrects"),
        "review_comment": _("Comment"),
        "notes": _("Notes"),
        "initiative": _("Part of a multi-donor initiative"),
        "package_date": _("Announced on"),
    }


def _problems() -> dict[str, str]:
    """The services' most frequent refusals, said in the reader's language (a rarer one is
    shown as the service words it)."""
    return {
        "is required": _("is required"),
        "every fact needs a source: pick one or add one": _(
            "every figure needs a source: pick a recorded one or describe a new one"
        ),
        "must be an http(s) address": _("must be a web address starting with http:// or https://"),
        "needs a URL or a title": _("needs a web address or a title"),
        "keep quotes short": _("is too long; quote only the words the figure comes from"),
        "is in the future": _("is in the future"),
        "is not a known donor code": _("is not a donor the tracker knows"),
        "is not in the equipment catalogue": _("is not in the equipment catalogue"),
        "a correction needs a reason": _("a correction needs a reason"),
        "say why the entry is sent back": _("say why the entry is sent back"),
        "say what is counted, e.g. '48 tanks'": _("say what is counted, e.g. “48 tanks”"),
        "a quantity needs an item (what was given)": _("a quantity needs an item (what was given)"),
        "amount and currency go together": _("a value needs its currency, e.g. “NOK 1.5bn”"),
        "pick the package the event belongs to": _("pick the package the event belongs to"),
        "pick the package this item belongs to": _("pick the package this item belongs to"),
        "name the item or pick its equipment type": _("name the item or pick its equipment type"),
        "a declared value needs the date it was announced": _(
            "a declared value needs the date it was announced"
        ),
    }


def typed(value: object) -> str:
    """A refused value as the researcher typed or picked it (never a Python repr)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def refusal(exc: svc.ValidationError, labels: Mapping[str, str] | None = None) -> str:
    """A refused field as one sentence: the form's label for it, what is wrong, and the value
    as typed ("Address (URL): must be a web address ... You typed “example.org”.")."""
    if isinstance(exc, svc.RowsRefused):
        return " ".join(
            _("Row {row}: {reason}").format(
                row=problem.row,
                reason=refusal(svc.ValidationError(problem.field, problem.value, problem.message)),
            )
            for problem in exc.problems
        )
    if exc.field == "entry_id":
        return _(
            "This figure is in the ledger already: the same fact from the same source was "
            "recorded before, so nothing was added."
        )
    known = {**field_labels(), **(labels or {})}
    label = known.get(exc.field) or exc.field.replace("_", " ").capitalize()
    problem = _problems().get(exc.message, exc.message).replace("(hint: ", "(")
    if exc.value is None or exc.value == "":
        return _("{field}: {problem}.").format(field=label, problem=problem)
    return _("{field}: {problem}. You typed “{value}”.").format(
        field=label, problem=problem, value=typed(exc.value)
    )


def write(action: Callable[[Session], str], labels: Mapping[str, str] | None = None) -> Outcome:
    """Run ``action`` (a page's writes) in one transaction; what to tell the researcher.

    No Streamlit call happens between the commit and the return, so a rerun triggered by a
    second click cannot interrupt a save half-reported."""
    try:
        with db.session_scope(ui_common.engine()) as session:
            return Outcome(True, action(session))
    except svc.ValidationError as exc:
        return Outcome(False, _("Not saved. {reason}").format(reason=refusal(exc, labels)))
    except svc.StaleEditError:
        return Outcome(
            False,
            _(
                "Not saved: someone else changed this record since the page showed it. What "
                "you typed is still in the form; reload the record and apply your change again."
            ),
        )
    except sa.exc.IntegrityError:
        return Outcome(
            False,
            _("Not saved: the database refused the change; it clashes with a stored record."),
        )
    except sa.exc.OperationalError:
        return Outcome(
            False,
            _(
                "Not saved: the database could not take the change just now; try again in a "
                "moment. What you typed is still in the form."
            ),
        )


@dataclass(frozen=True)
class Outcome:
    """How a save went: whether it was written, and the sentence saying so."""

    saved: bool
    message: str


def save(action: Callable[[Session], str], labels: Mapping[str, str] | None = None) -> bool:
    """Run ``action`` in one transaction and say how it went: its message, or why nothing was
    saved. The form's widgets keep what was typed either way."""
    outcome = write(action, labels)
    if outcome.saved:
        st.success(outcome.message, icon=":material/check_circle:")
    else:
        st.error(outcome.message, icon=":material/error:")
    return outcome.saved


def _saved_key(scope: str) -> str:
    return f"{scope}:saved"


def clear_form(scope: str) -> None:
    """Empty every widget of the form ``scope`` (and forget that it was saved)."""
    for key in [k for k in st.session_state if str(k).startswith(f"{scope}:")]:
        del st.session_state[key]


def save_button(
    scope: str,
    label: str,
    action: Callable[[Session], str],
    labels: Mapping[str, str] | None = None,
) -> bool:
    """The form's save button, which saves a filled form once.

    A save marks the form saved in the session before anything is drawn again, and a form
    marked saved draws its button disabled, whose clicks Streamlit drops on the server: the
    second click of a double click (sent while the first was saving) finds the button
    disabled and writes nothing. The form then offers "Record another", which empties it.
    Returns whether the form stands saved."""
    done = _saved_key(scope)
    clicked = st.button(
        label, type="primary", key=f"{scope}:save", disabled=done in st.session_state
    )
    if clicked:
        outcome = write(action, labels)
        if outcome.saved:
            st.session_state[done] = outcome.message
            st.rerun()  # drawn again: the button disabled, the message and "Record another"
        st.error(outcome.message, icon=":material/error:")
    if done in st.session_state:
        st.success(st.session_state[done], icon=":material/check_circle:")
        st.button(_("Record another"), key=f"{scope}:another", on_click=clear_form, args=(scope,))
    return done in st.session_state
