"""What every page shares: the cached engine, cached query results, the sidebar settings and
the page filters kept in the URL, and links from a figure to the ledger entries behind it.

State lives in the URL so a copied link reproduces a view. The rule for each setting or
filter (see :func:`bind`): the link decides when the widget has no state yet in this
session (a fresh tab, a page just opened) or when the link itself changed; otherwise the
widget decides and the URL is rewritten to match it. Streamlit clears the query string when
the reader switches pages in the menu; the sidebar settings keep their widget state and write
themselves back, so the locale or as-of date survives a page switch. A page's own filters lose
their widget state when another page runs, so every choice is also remembered by parameter
name for the session: a page opened from the menu (no query string) starts from the
remembered donors, aid type, category, search..., whichever page they were chosen on, while a
link with parameters still shows exactly the view it names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import partial
from itertools import islice
from typing import Any, TypeVar
from urllib.parse import urlencode

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine
from sqlmodel import Session

from dashboards.widgets import charts
from dashboards.widgets import url_params as up
from dashboards.widgets.formatting import Col, Formatter
from tracker import db, queries
from tracker.domain.vocab import SUPPORTED_LOCALES
from tracker.i18n import gettext as _
from tracker.i18n import pgettext, set_locale
from tracker.ledger import View
from tracker.services.maintenance import ensure_derived
from tracker.settings import get_settings

T = TypeVar("T")

# Query parameter names: the settings every page shares, then the page filters.
CURRENCY, LOCALE, AS_OF, REVIEWED = "currency", "locale", "as_of", "reviewed"
DONOR, AID_TYPE, CATEGORY, EQUIPMENT = "donor", "aid_type", "category", "equipment"
INITIATIVE, PACKAGE, CLAIMS = "initiative", "package", "claims"
ALL = ""  # a select box's "no filter" choice (None would show as an empty box)
_CONTEXT_KEY = "_dashboard_context"
_REMEMBERED = "_remembered_params"  # parameter name -> the text last chosen, on any page
_FROM_MENU = "_opened_without_link"  # this run began with an empty query string
_DATE_INPUT_FORMATS = {
    "en": "YYYY-MM-DD",
    "de": "DD.MM.YYYY",
    "fr": "DD/MM/YYYY",
    "uk": "DD.MM.YYYY",
}


# --- database -------------------------------------------------------------------------------


@st.cache_resource
def engine() -> Engine:
    """One engine per server process (a Session is never cached); migrated on first use, and
    the derived balances rebuilt if a migration left them empty."""
    eng = db.get_engine()
    db.upgrade(eng)
    ensure_derived(eng)
    return eng


@contextmanager
def engine_and_migrate() -> Iterator[Session]:
    """A short-lived read session on the cached engine."""
    with Session(engine(), expire_on_commit=False) as session:
        yield session


def _marker() -> tuple[int, ...]:
    """The database's change marker, read on every run (a handful of primary-key lookups)."""
    with engine_and_migrate() as session:
        return queries.change_marker(session)


@st.cache_data(max_entries=512, show_spinner=False)
def _cached_call(
    name: str, marker: tuple[int, ...], args: tuple, kwargs: tuple, _fn: Callable[..., T]
) -> T:
    """Run ``_fn(session, *args, **kwargs)``; the result is shared by every session until the
    data change (``marker``) or the arguments do. ``name`` identifies ``_fn``, which itself is
    not hashed."""
    with engine_and_migrate() as session:
        return _fn(session, *args, **dict(kwargs))


# --- the view's settings ----------------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    """The settings of the current run (from the sidebar) and what the pages need with them."""

    currency: str
    locale: str
    as_of: date | None
    reviewed_only: bool
    marker: tuple[int, ...]
    choices: queries.Choices

    @property
    def fmt(self) -> Formatter:
        return Formatter(self.locale, self.currency)

    @property
    def donor_names(self) -> dict[str, str]:
        """Donor code -> name in the reader's language (CLDR or the catalogs), by name."""
        fmt = self.fmt
        names = {code: fmt.donor(code, name) for code, name in self.choices.donors}
        return dict(sorted(names.items(), key=lambda item: item[1]))

    def view(self, **filters: Any) -> View:
        """A ledger view with this run's as-of date and review filter plus ``filters``."""
        return queries.make_view(as_of=self.as_of, reviewed_only=self.reviewed_only, **filters)

    def query(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``fn(session, *args, **kwargs)`` from :mod:`tracker.queries` or :mod:`tracker.ledger`,
        cached until the data change. Arguments must be hashable values (views, codes, ids)."""
        name = f"{fn.__module__}.{fn.__qualname__}"
        return _cached_call(name, self.marker, args, tuple(sorted(kwargs.items())), fn)

    def ledger_url(self, view: View) -> str:
        """A relative link to the Ledger page listing ``view``'s entries (a table row's
        trail from its figures to their entries and sources)."""
        return page_url("ledger", self.params(view))

    def params(self, view: View | None = None, **extra: str | None) -> dict[str, str]:
        """Query parameters that open a page with these settings, ``view``'s filters and
        ``extra`` (None values left out)."""
        found: dict[str, str | None] = {
            CURRENCY: self.currency,
            LOCALE: self.locale,
            AS_OF: up.write_as_of(self.as_of),
            REVIEWED: up.write_flag(self.reviewed_only),
        }
        if view is not None:
            found.update(view_params(view))
        found.update(extra)
        return {k: v for k, v in found.items() if v is not None}


def view_params(view: View) -> dict[str, str | None]:
    """The page-filter parameters that select ``view``'s entries on the Ledger page."""
    return {
        DONOR: up.write_list(view.donors),
        AID_TYPE: view.aid_type,
        CATEGORY: view.category,
        EQUIPMENT: view.equipment,
        INITIATIVE: view.initiative,
        PACKAGE: up.write_list(str(i) for i in view.package_ids),
        CLAIMS: up.write_flag(view.include_aggregate_claims),
    }


def today() -> date:
    """Today in UTC, the calendar the ledger's as-of cut-off uses."""
    return datetime.now(UTC).date()


@st.cache_data(max_entries=8, show_spinner=False)
def _choices(marker: tuple[int, ...]) -> queries.Choices:
    with engine_and_migrate() as session:
        return queries.choices(session)


def bind(
    name: str,
    *,
    read: Callable[[str | None], up.Reading[Any]],
    write: Callable[[Any], str | None],
    render: Callable[[str], object],
    scope: str,
    warn: Callable[[str], object] | None = None,
) -> Any:
    """Draw the widget of URL parameter ``name`` and keep the two in step (module docstring).

    ``read`` parses the link's text (a bad value becomes the default plus a warning, shown by
    ``warn``, else where the widget is), ``render(key)`` draws a widget bound to
    ``st.session_state[key]`` and ``write`` gives the parameter's text for a value (None
    leaves it out of the URL)."""
    key = f"{scope}:{name}"
    seen_key, held_key = f"{key}:url", f"{key}:held"
    raw = st.query_params.get(name)
    remembered = st.session_state.setdefault(_REMEMBERED, {})
    if key not in st.session_state or (raw is not None and raw != st.session_state.get(seen_key)):
        st.session_state.pop(held_key, None)
        if raw is None and st.session_state.get(_FROM_MENU) and remembered.get(name) is not None:
            # A choice this page cannot take (a free equipment text where the page offers
            # only families) is set aside quietly: the reader made it elsewhere, not in a link,
            # and it stays remembered for the pages that can take it.
            reading = read(remembered[name])
            if reading.problem:
                reading = read(None)
                st.session_state[held_key] = write(reading.value)
        else:
            reading = read(raw)
            if reading.problem:
                (warn or link_warning)(reading.problem)
        st.session_state[key] = reading.value
    render(key)
    value = st.session_state[key]
    text = write(value)
    set_param(name, text)
    st.session_state[seen_key] = text
    if held_key not in st.session_state or st.session_state[held_key] != text:
        st.session_state.pop(held_key, None)  # the reader has chosen here: that counts now
        remembered[name] = text
    return value


def set_param(name: str, text: str | None) -> None:
    """Put ``name=text`` in the URL (None: take ``name`` out), touching it only on change."""
    if text is None:
        if name in st.query_params:
            del st.query_params[name]
    elif st.query_params.get(name) != text:
        st.query_params[name] = text


def apply_locale() -> None:
    """Set this run's interface language before anything is drawn.

    The picker's value from the previous run (or the link's ``locale``, or the configured
    default) is used, because the navigation's titles are written before :func:`sidebar`
    draws the picker itself; an unknown code in a link falls back to the default here and is
    reported by the picker."""
    chosen = st.session_state.get(f"settings:{LOCALE}") or st.query_params.get(LOCALE)
    set_locale(chosen if chosen in SUPPORTED_LOCALES else get_settings().locale)


# Metric cards fit their words in every language: a figure scales with the width of the
# window instead of being cut off ("65,2 млрд…"; a phone stacks the cards, so there it is
# large again), and a long label ("Nicht offengelegte Pakete", "Частка поставленого") wraps
# instead of ending in an ellipsis.
FIT_CSS = """<style>
[data-testid="stMetricValue"] { font-size: clamp(1.4rem, 2.4vw, 2.25rem); }
@media (max-width: 640px) { [data-testid="stMetricValue"] { font-size: 2rem; } }
[data-testid="stMetricValue"] > div { overflow: visible; text-overflow: clip; }
[data-testid="stMetricLabel"] p { white-space: normal; overflow: visible; }
</style>"""


def sidebar() -> Context:
    """The settings every page shares, drawn in the sidebar and kept in the URL; called by
    ``app.py`` before the page runs (pages read the result with :func:`context`)."""
    st.session_state[_FROM_MENU] = not st.query_params  # before the settings write their own
    st.html(FIT_CSS)
    marker = _marker()
    choices = _choices(marker)
    defaults = get_settings()
    notices = st.container()  # above the page, where a bad link's message is seen
    default_currency = (
        defaults.base_currency if defaults.base_currency in choices.currencies else "EUR"
    )
    with st.sidebar:
        st.header(_("View settings"))
        locale = bind(
            LOCALE,
            read=lambda raw: up.read_choice(LOCALE, raw, SUPPORTED_LOCALES, defaults.locale),
            write=lambda value: value,
            render=lambda key: st.selectbox(
                _("Language"),
                SUPPORTED_LOCALES,
                key=key,
                format_func=lambda code: f"{Formatter(code, 'EUR').language_name()} ({code})",
            ),
            scope="settings",
            warn=lambda message: link_warning(message, notices),
        )
        set_locale(locale)  # a link's bad code fell back to the default above
        fmt = Formatter(locale, default_currency)
        currency = bind(
            CURRENCY,
            read=lambda raw: up.read_choice(CURRENCY, raw, choices.currencies, default_currency),
            write=lambda value: value,
            render=lambda key: st.selectbox(
                _("Base currency"),
                choices.currencies,
                key=key,
                format_func=fmt.currency_name,
                help=_("Every amount is converted at the reference rate of its event's date."),
            ),
            scope="settings",
            warn=lambda message: link_warning(message, notices),
        )
        as_of = bind(
            AS_OF,
            read=lambda raw: up.read_as_of(AS_OF, raw, today()),
            write=up.write_as_of,
            render=lambda key: st.date_input(
                _("As of"),
                key=key,
                min_value=up.MIN_AS_OF,
                max_value=today(),
                format=_DATE_INPUT_FORMATS[locale],
                help=_(
                    "Figures as they were known on this day: events up to it, recorded by its "
                    "end. Empty: as known today."
                ),
            ),
            scope="settings",
            warn=lambda message: link_warning(message, notices),
        )
        reviewed = bind(
            REVIEWED,
            read=lambda raw: up.read_flag(REVIEWED, raw),
            write=up.write_flag,
            render=lambda key: st.toggle(
                _("Reviewed entries only"),
                key=key,
                help=_("Leave out entries no reviewer has checked yet."),
            ),
            scope="settings",
            warn=lambda message: link_warning(message, notices),
        )
    found = Context(currency, locale, as_of, bool(reviewed), marker, choices)
    st.session_state[_CONTEXT_KEY] = found
    return found


def link_warning(message: str, where: Any = st) -> None:
    """How every page says that part of its link could not be used (``where``: a container)."""
    where.warning(message, icon=":material/link_off:")


def context() -> Context:
    """The settings :func:`sidebar` read in this run."""
    return st.session_state[_CONTEXT_KEY]


# --- page filters -----------------------------------------------------------------------------


def donor_filter(ctx: Context, scope: str, *, label: str | None = None) -> tuple[str, ...]:
    """A multi-select of donors (``donor=DE,FR``); empty means every donor."""
    names = ctx.donor_names

    def read(raw: str | None) -> up.Reading[list[str]]:
        reading = up.read_codes(DONOR, raw, names, normalise=_donor_code)
        return up.Reading(list(reading.value), reading.problem)

    chosen = bind(
        DONOR,
        read=read,
        write=up.write_list,
        render=lambda key: st.multiselect(
            label or _("Donors"),
            list(names),
            key=key,
            format_func=lambda c: f"{names[c]} ({c})",
            placeholder=_("All donors"),
        ),
        scope=scope,
    )
    return tuple(chosen)


def _donor_code(text: str) -> str:
    """Donor codes as the ledger spells them (upper case; UK read as GB)."""
    return queries.make_view(donors=[text]).donors[0]


def choice_filter(
    scope: str,
    name: str,
    label: str,
    options: Sequence[str],
    *,
    format_func: Callable[[str], str] = str,
) -> str | None:
    """A select box with "All" first (``name=<option>``); None means no filter."""

    def read(raw: str | None) -> up.Reading[str]:
        reading = up.read_optional_choice(name, raw, options)
        return up.Reading(reading.value or ALL, reading.problem)

    everything = _("All")  # translated now: Streamlit may call format_func outside this run
    value = bind(
        name,
        read=read,
        write=lambda value: value or None,
        render=lambda key: st.selectbox(
            label,
            [ALL, *options],
            key=key,
            format_func=lambda option: everything if option == ALL else format_func(option),
        ),
        scope=scope,
    )
    return value or None


def aid_type_filter(ctx: Context, scope: str) -> str | None:
    """The aid type filter every browse page offers (``aid_type=military``), in the reader's
    words; None means every aid type."""
    return choice_filter(
        scope, AID_TYPE, _("Aid type"), ctx.choices.aid_types, format_func=ctx.fmt.term
    )


def text_filter(scope: str, name: str, label: str, *, placeholder: str = "") -> str | None:
    """A free-text filter (``name=<text>``); empty means no filter."""
    value = bind(
        name,
        read=lambda raw: up.Reading((raw or "").strip()),
        write=up.write_text,
        render=lambda key: st.text_input(label, key=key, placeholder=placeholder),
        scope=scope,
    )
    return up.write_text(value)


def sort_filter(scope: str, options: dict[str, tuple[str, str]], default: str) -> tuple[str, bool]:
    """Sort key and direction (``sort=key`` / ``sort=-key`` for descending), chosen from
    ``options`` (key -> (descending label, ascending label)): each key names its own order,
    because "largest first" fits money but not dates or names."""
    directions = {f"-{k}": labels[0] for k, labels in options.items()}
    directions.update({k: labels[1] for k, labels in options.items()})
    choice = bind(
        "sort",
        read=lambda raw: up.read_choice("sort", raw, directions, default),
        write=lambda value: None if value == default else value,
        render=lambda key: st.selectbox(
            _("Sort by"), list(directions), key=key, format_func=directions.get
        ),
        scope=scope,
    )
    return choice.lstrip("-"), choice.startswith("-")


def first_ledger_rows(
    session: Session, view: View, *, limit: int, currency: str | None = None
) -> list[dict[str, object]]:
    """The first ``limit`` rows of :func:`tracker.queries.ledger_table` (with values in
    ``currency`` when given) as dicts keyed by column: that table streams from the open
    session, and a cached result has to be a list."""
    table = queries.ledger_table(session, view, currency=currency)
    keys = [column.key for column in table.columns]
    return [
        dict(row) if isinstance(row, Mapping) else dict(zip(keys, row, strict=True))
        for row in islice(table.rows, limit)
    ]


# The figures of a donor's totals (``tracker.ledger`` totals rows), as every page lists them:
# reported money, then in-kind estimates, then the delivered share of both.
TOTAL_COLUMNS = [
    Col("pledged_value", "money"),
    Col("allocated_value", "money"),
    Col("delivered_value", "money"),
    Col("outstanding_total_value", "money"),
    Col("pledged_estimated_value", "money"),
    Col("allocated_estimated_value", "money"),
    Col("delivered_estimated_value", "money"),
    Col("delivered_value_share", "share"),
]
# The columns of one balance line (rows of :func:`balance_lines`), as every page lists them.
BALANCE_COLUMNS = [
    Col("equipment"),
    Col("pledged", "quantity", unit="unit", hedge="pledged_qualifier"),
    Col("delivered", "quantity", unit="unit"),
    Col("outstanding", "quantity", unit="unit"),
    Col("delivered_share", "share"),
    Col("pledged_value", "money"),
    Col("delivered_value", "money"),
]


def total_figures(total: Any) -> dict[str, object]:
    """The :data:`TOTAL_COLUMNS` figures of one totals row, as a table row's cells."""
    return {col.key: getattr(total, col.key) for col in TOTAL_COLUMNS}


def balance_lines(rows: Sequence[dict[str, object]]) -> list[dict[str, object]]:
    """Rows of :func:`tracker.queries.balance_table` for display: a money-only line (no item,
    no unit) is labelled as the package as a whole and has no quantities, not zero of them; a
    line whose pledge is undisclosed says so (``pledged_qualifier``) instead of showing 0."""
    shown = []
    for row in rows:
        row = dict(row)
        if not row["unit"]:
            row["equipment"] = row["equipment"] or _("(package value, no items)")
            for key in ("pledged", "delivered", "outstanding"):
                row[key] = None
        row["has_undisclosed"] = bool(row.get("undisclosed_count"))
        if row["has_undisclosed"] and row["unit"] and not row["pledged"]:
            row["pledged_qualifier"] = "undisclosed"  # secret, not zero
            for key in ("pledged", "delivered", "outstanding"):
                row[key] = row[key] or None
        shown.append(row)
    return shown


# --- links and tables -------------------------------------------------------------------------


def page_url(page: str, params: dict[str, str]) -> str:
    """A relative link to another page with ``params`` (for table link columns)."""
    return f"{page}?{urlencode(params)}" if params else page


def entries_column() -> dict[str, Any]:
    """The column config of the "Entries behind" link column (key ``entries_link``)."""
    return {_("Entries behind"): st.column_config.LinkColumn(display_text=_("Entries"))}


def details_column(text: str) -> dict[str, Any]:
    """The column config of the "Details" link column (key ``link``), its links saying
    ``text``."""
    return {_("Details"): st.column_config.LinkColumn(display_text=text)}


def entries_link(ctx: Context, view: View, label: str | None = None):
    """A link to the Ledger page filtered to exactly ``view``'s entries, in these settings."""
    st.page_link(
        "app_pages/ledger.py",
        label=label or _("See the entries behind these figures"),
        icon=":material/receipt_long:",
        query_params=ctx.params(view),
    )


def show_table(
    ctx: Context,
    frame: pd.DataFrame,
    view: View | None,
    *,
    column_config: dict[str, Any] | None = None,
    link_label: str | None = None,
    height: int | None = None,
) -> None:
    """A table of already formatted figures, with the link to the entries behind it."""
    kwargs: dict[str, Any] = {"hide_index": True, "column_config": column_config}
    if height is not None:
        kwargs["height"] = height
    st.dataframe(frame, **kwargs)
    if view is not None:
        entries_link(ctx, view, link_label or _("See the entries behind this table"))


def md(text: str) -> str:
    """``text`` safe to show as Markdown: Streamlit reads "$...$" as LaTeX, and amounts in
    dollars are everywhere here."""
    return text.replace("$", "\\$")


def say(text: str) -> None:
    """A line of page text that may hold amounts or source titles."""
    st.markdown(md(text))


def note(text: str) -> None:
    """A caption that may hold amounts or source titles."""
    st.caption(md(text))


def basis_text(ctx: Context, view: View) -> str:
    """Which figures ``view`` counts, in the reader's words (:attr:`View.basis` in English)."""
    parts = [
        _("all claims, including initiative-wide statements")
        if view.include_aggregate_claims
        else _("donors' own pledges and deliveries"),
        _("as known on {date}").format(date=ctx.fmt.day(view.as_of))
        if view.as_of
        else _("as known today"),
        _("reviewed entries only") if view.reviewed_only else _("drafts included"),
    ]
    if view.source == "kiel":
        parts.append(_("Kiel Institute data only"))
    elif view.source == "own":
        parts.append(_("Kiel Institute data left out"))
    return pgettext("list separator", "; ").join(parts)  # French spaces it: " ; "


def basis_caption(ctx: Context, view: View) -> None:
    """The one line saying which figures the page shows, in which currency."""
    st.caption(
        _(
            "{basis}; values in {currency}, converted at each event's date; undisclosed "
            "figures are counted, never read as zero."
        ).format(basis=basis_text(ctx, view), currency=ctx.currency)
    )


def show_pledged_beside_delivered(
    ctx: Context,
    rows: Sequence[Mapping[str, Any]],
    *,
    label: str,
    title: str,
    subtitle: str = "",
    unit: str | None = None,
) -> None:
    """Bars of pledged beside delivered per ``label`` value: value in the base currency
    (``pledged_value``, ``delivered_value``, plotted in millions or billions as they need), or
    with ``unit`` the quantities counted in it (``pledged``, ``delivered``), which are never
    added across units."""
    frame = pd.DataFrame(rows)
    if unit is None:
        keys = ("pledged_value", "delivered_value")
        scale = charts.money_scale(frame["pledged_value"].max(), ctx.currency, ctx.locale)
        axis_title = _("Value ({unit})").format(unit=scale.unit)
        divisor = scale.divisor
        text: Callable[[Any], str] = ctx.fmt.money
    else:
        keys = ("pledged", "delivered")
        axis_title = _("Quantity ({unit})").format(unit=ctx.fmt.unit(unit))
        divisor = Decimal(1)
        text = partial(ctx.fmt.quantity, unit=unit)
    for key in keys:
        frame[f"{key}_text"] = [text(v) for v in frame[key]]
    st.altair_chart(
        charts.paired_bars(
            frame,
            label=label,
            measures=[
                (key, f"{key}_text", name)
                for key, name in zip(keys, (_("Pledged"), _("Delivered")), strict=True)
            ],
            title=title,
            subtitle=subtitle,
            axis_title=axis_title,
            locale=ctx.locale,
            divisor=divisor,
        ),
        width="stretch",
    )


def show_running_totals(
    ctx: Context,
    series: Sequence[Mapping[str, Any]],
    *,
    title: str,
    subtitle: str,
    line_labels: Mapping[str, str] | None = None,
    by: str | None = None,
) -> None:
    """The step chart of cumulative pledged and delivered value by month (rows of
    ``tracker.ledger.time_series``), one line per measure, or per ``by`` value (shown with
    ``line_labels``) with the measure as the line style. Nothing when there are no rows."""
    if not series:
        return
    frame = pd.DataFrame(series)
    if by is not None:
        labels = line_labels or {}
        frame[f"{by}_label"] = [labels.get(v, v) for v in frame[by]]
    frame["pledged_text"] = [ctx.fmt.money(v) for v in frame["cumulative_pledged_value"]]
    frame["delivered_text"] = [ctx.fmt.money(v) for v in frame["cumulative_delivered_value"]]
    scale = charts.money_scale(frame["cumulative_pledged_value"].max(), ctx.currency, ctx.locale)
    st.altair_chart(
        charts.running_totals(
            frame,
            measures=[
                ("cumulative_pledged_value", "pledged_text", _("Pledged")),
                ("cumulative_delivered_value", "delivered_text", _("Delivered")),
            ],
            title=title,
            subtitle=subtitle,
            axis_title=_("Running total ({unit})").format(unit=scale.unit),
            locale=ctx.locale,
            divisor=scale.divisor,
            series=None if by is None else f"{by}_label",
        ),
        width="stretch",
    )
