"""Charts carry their title, units and the reader's locale, so the axes read like the rest of
the page: German ticks group digits with a dot and name months in German."""

from decimal import Decimal

import pandas as pd
from babel.numbers import format_decimal

from dashboards.widgets import charts


def test_the_vega_number_locale_comes_from_babel():
    for locale in ("en", "de", "fr", "uk"):
        number = charts.vega_locale(locale)["number"]
        sample = format_decimal(Decimal("1234567.5"), locale=locale)
        assert sample == f"1{number['thousands']}234{number['thousands']}567{number['decimal']}5"


def test_the_vega_time_locale_names_months_and_days_in_the_language():
    german = charts.vega_locale("de")["time"]
    assert german["months"][2] == "März"
    assert german["days"][0] == "Sonntag"  # Vega counts weeks from Sunday
    assert len(german["shortMonths"]) == 12 and len(german["shortDays"]) == 7
    assert charts.vega_locale("uk")["time"]["months"][0] == "січень"


def test_large_amounts_are_plotted_in_billions_with_the_locale_scale_word():
    scale = charts.money_scale(Decimal("65209006305.59"), "EUR", "de")
    assert scale.divisor == Decimal(10) ** 9
    assert scale.unit == "Mrd.\u00a0€"
    assert charts.money_scale(Decimal("241000000"), "USD", "en") == charts.Scale(
        Decimal(10) ** 6, "$M"
    )
    assert charts.money_scale(Decimal("950"), "EUR", "fr") == charts.Scale(Decimal(1), "EUR")


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "donor": ["United States", "Germany"],
            "pledged": [Decimal("2500000000"), Decimal("400000000")],
            "delivered": [Decimal("1000000000"), Decimal("0")],
            "pledged_text": ["$2,500,000,000.00", "$400,000,000.00"],
            "delivered_text": ["$1,000,000,000.00", "$0.00"],
        }
    )


def test_paired_bars_have_title_axis_units_locale_and_scaled_values():
    spec = charts.paired_bars(
        _frame(),
        label="donor",
        measures=[
            ("pledged", "pledged_text", "Pledged"),
            ("delivered", "delivered_text", "Delivered"),
        ],
        title="Top donors",
        axis_title="Value (Mrd. $)",
        locale="de",
        divisor=Decimal(10) ** 9,
    ).to_dict()
    assert spec["title"]["text"] == "Top donors"
    assert spec["encoding"]["x"]["title"] == "Value (Mrd. $)"
    assert spec["config"]["locale"] == charts.vega_locale("de")
    values = spec["datasets"][next(iter(spec["datasets"]))]
    pledged = {v["label"]: v["value"] for v in values if v["measure"] == "Pledged"}
    assert pledged == {"United States": 2.5, "Germany": 0.4}
    assert {v["text"] for v in values} >= {"$2,500,000,000.00", "$0.00"}


def test_running_totals_plot_months_as_dates_with_localised_month_labels():
    frame = pd.DataFrame(
        {
            "month": ["2023-03", "2023-11"],
            "cum": [Decimal(1000000), Decimal(1000000)],
            "text": ["1.000.000", "1.000.000"],
        }
    )
    spec = charts.running_totals(
        frame,
        measures=[("cum", "text", "Pledged")],
        title="Running",
        axis_title="Shells",
        locale="de",
    ).to_dict()
    assert spec["encoding"]["x"]["axis"]["format"] == "%b %Y"
    assert spec["encoding"]["y"]["title"] == "Shells"
    values = spec["datasets"][next(iter(spec["datasets"]))]
    assert [v["month"][:7] for v in values] == ["2023-03", "2023-11"]
    assert spec["config"]["locale"]["time"]["shortMonths"][2] == "Mär"
