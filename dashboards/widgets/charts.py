"""The dashboards' charts (Altair, rendered by Streamlit's bundled Vega: no remote scripts,
fonts or tiles), each with a title and units, in the reader's locale.

Why the locale lives in the chart config and not only in the data: axis tick labels are drawn
by Vega, which knows nothing of babel. Each chart therefore carries a Vega ``locale`` built
from babel's CLDR data (decimal mark, digit grouping, percent sign, month and day names), so
"1.000" and "Mär. 2023" appear on a German axis. Tooltips show the exact figure, already
formatted by :mod:`tracker.domain.display`. Large amounts are plotted in millions or billions, with
the scale word in the axis title taken from CLDR's compact forms ("Mrd. €", "млн EUR").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

import altair as alt
import pandas as pd
from babel import Locale
from babel.numbers import format_compact_currency, get_decimal_symbol, get_group_symbol

from tracker.i18n import gettext as _

WIDTH = "container"
BAR_HEIGHT = 16  # pixels per bar: long donor lists stay readable on a laptop
# Streamlit fits a chart into its height, title, legend and axis included: room for those.
CHROME_HEIGHT = 230
PLEDGED_COLOUR, DELIVERED_COLOUR = "#4c78a8", "#f58518"
TOP_LEGEND = alt.Legend(title=None, orient="top")
LABEL_AXIS = alt.Axis(labelLimit=280)  # long donor and category names stay whole


@cache
def vega_locale(locale: str) -> dict[str, dict[str, object]]:
    """Vega's number and time locale for ``locale``, from babel (CLDR)."""
    cldr = Locale.parse(locale)
    percent_pattern = cldr.percent_formats[None].pattern
    percent_sign = percent_pattern[percent_pattern.rindex("0") + 1 :] or "%"
    days = cldr.days["format"]["wide"]  # 0 = Monday in babel, Sunday first in Vega
    short_days = cldr.days["format"]["abbreviated"]
    months = cldr.months["stand-alone"]["wide"]
    short_months = cldr.months["stand-alone"]["abbreviated"]
    periods = cldr.day_periods["format"]["abbreviated"]
    return {
        "number": {
            "decimal": get_decimal_symbol(locale),
            "thousands": get_group_symbol(locale),
            "grouping": [3],
            "currency": ["", ""],
            "percent": percent_sign,
        },
        "time": {
            "dateTime": "%x %X",
            "date": "%Y-%m-%d",
            "time": "%H:%M:%S",
            "periods": [periods.get("am", "AM"), periods.get("pm", "PM")],
            "days": [days[(i + 6) % 7] for i in range(7)],
            "shortDays": [short_days[(i + 6) % 7] for i in range(7)],
            "months": [months[i] for i in range(1, 13)],
            "shortMonths": [short_months[i] for i in range(1, 13)],
        },
    }


@dataclass(frozen=True)
class Scale:
    """How amounts are plotted: divided by ``divisor``, labelled with ``unit``."""

    divisor: Decimal
    unit: str


def money_scale(largest: Decimal, currency: str, locale: str) -> Scale:
    """Billions, millions or plain units of ``currency``, whichever keeps the axis short; the
    unit is CLDR's compact form without its digit ("€B", "Mrd. €", "Md €", "млрд EUR")."""
    for exponent in (9, 6):
        if abs(largest) >= 10**exponent:
            compact = format_compact_currency(
                10**exponent, currency, locale=locale, fraction_digits=0
            )
            unit = compact.replace("1", "", 1).strip(" \u00a0\u202f")
            return Scale(Decimal(10) ** exponent, unit)
    return Scale(Decimal(1), currency)


def _measure_colour(names: Sequence[str]) -> alt.Color:
    """Pledged in blue, delivered in orange, on every chart."""
    palette = [PLEDGED_COLOUR, DELIVERED_COLOUR][: len(names)]
    return alt.Color(
        "measure:N",
        sort=list(names),
        legend=TOP_LEGEND,
        scale=alt.Scale(domain=list(names), range=palette),
    )


def _finish(chart: alt.Chart | alt.LayerChart, title: str, subtitle: str, locale: str):
    return chart.properties(
        title=alt.TitleParams(title, subtitle=subtitle or alt.Undefined, anchor="start"),
        width=WIDTH,
    ).configure(locale=vega_locale(locale))


def paired_bars(
    frame: pd.DataFrame,
    *,
    label: str,
    measures: Sequence[tuple[str, str, str]],
    title: str,
    axis_title: str,
    locale: str,
    subtitle: str = "",
    divisor: Decimal = Decimal(1),
    label_title: str = "",
) -> alt.Chart:
    """Horizontal bars, one group per ``label`` value in the frame's order, one bar per
    measure. ``measures`` are (value column, tooltip text column, legend name); values are
    divided by ``divisor`` so the axis matches ``axis_title``."""
    order = list(dict.fromkeys(frame[label]))
    long = pd.concat(
        [
            pd.DataFrame(
                {
                    "label": frame[label],
                    "measure": name,
                    "value": [float(Decimal(v) / divisor) for v in frame[value]],
                    "text": frame[text],
                }
            )
            for value, text, name in measures
        ],
        ignore_index=True,
    )
    names = [name for _, _, name in measures]
    chart = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=alt.Y("label:N", sort=order, title=label_title or None, axis=LABEL_AXIS),
            yOffset=alt.YOffset("measure:N", sort=names),
            x=alt.X("value:Q", title=axis_title, axis=alt.Axis(format=",~f")),
            color=_measure_colour(names),
            tooltip=[
                alt.Tooltip("label:N", title=label_title or _("Name")),
                alt.Tooltip("measure:N", title=_("Figure")),
                alt.Tooltip("text:N", title=_("Value")),
            ],
        )
        .properties(height=CHROME_HEIGHT + len(order) * (BAR_HEIGHT * len(names) + 8))
    )
    return _finish(chart, title, subtitle, locale)


def running_totals(
    frame: pd.DataFrame,
    *,
    measures: Sequence[tuple[str, str, str]],
    title: str,
    axis_title: str,
    locale: str,
    subtitle: str = "",
    divisor: Decimal = Decimal(1),
    series: str | None = None,
) -> alt.Chart:
    """Step lines of running totals per month (``frame["month"]`` as YYYY-MM), one line per
    measure, or per ``series`` value with the measure as the line style."""
    parts = []
    for value, text, name in measures:
        part = pd.DataFrame(
            {
                "month": pd.to_datetime(frame["month"] + "-01"),
                "measure": name,
                "value": [float(Decimal(v) / divisor) for v in frame[value]],
                "text": frame[text],
                "series": frame[series] if series else name,
            }
        )
        parts.append(part)
    long = pd.concat(parts, ignore_index=True)
    names = [name for _, _, name in measures]
    colour = alt.Color("series:N", legend=TOP_LEGEND) if series else _measure_colour(names)
    encodings = {
        "x": alt.X("month:T", title=None, axis=alt.Axis(format="%b %Y", labelAngle=0)),
        "y": alt.Y("value:Q", title=axis_title, axis=alt.Axis(format=",~f")),
        "color": colour,
        "tooltip": [
            alt.Tooltip("month:T", title=_("Month"), format="%B %Y"),
            alt.Tooltip("series:N", title=_("Series")),
            alt.Tooltip("measure:N", title=_("Figure")),
            alt.Tooltip("text:N", title=_("Running total")),
        ],
    }
    if series:
        encodings["strokeDash"] = alt.StrokeDash("measure:N", sort=names, legend=TOP_LEGEND)
    chart = (
        alt.Chart(long)
        .mark_line(interpolate="step-after", point=True)
        .encode(**encodings)
        .properties(height=CHROME_HEIGHT + 300)
    )
    return _finish(chart, title, subtitle, locale)


def share_bars(
    frame: pd.DataFrame,
    *,
    label: str,
    share: str,
    text: str,
    title: str,
    axis_title: str,
    locale: str,
    subtitle: str = "",
) -> alt.Chart:
    """Horizontal bars of a 0..1 share per ``label`` (e.g. delivered of pledged), percent axis."""
    data = pd.DataFrame(
        {
            "label": frame[label],
            "share": [float(v) for v in frame[share]],
            "text": frame[text],
        }
    )
    chart = (
        alt.Chart(data)
        .mark_bar(color=DELIVERED_COLOUR)
        .encode(
            y=alt.Y("label:N", sort="-x", title=None, axis=LABEL_AXIS),
            x=alt.X(
                "share:Q",
                title=axis_title,
                axis=alt.Axis(format="~%"),
                scale=alt.Scale(domainMin=0),
            ),
            tooltip=[
                alt.Tooltip("label:N", title=_("Name")),
                alt.Tooltip("text:N", title=_("Share")),
            ],
        )
        .properties(height=CHROME_HEIGHT + (BAR_HEIGHT + 8) * len(data))
    )
    return _finish(chart, title, subtitle, locale)
