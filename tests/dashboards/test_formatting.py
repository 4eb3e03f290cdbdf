"""On-screen figures: every number in the reader's locale, hedges kept, undisclosed figures
shown as undisclosed rather than as zero or blank."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from dashboards.widgets.formatting import Col, Formatter


def test_quantities_keep_their_hedge_and_unit_in_the_locale():
    row = {"q": Decimal(300000), "unit": "shell", "qualifier": "about"}
    col = Col("q", "quantity", unit="unit", hedge="qualifier")
    assert Formatter("de", "EUR").cell(row, col) == "≈\u00a0300.000\u00a0Granaten"
    assert Formatter("en", "EUR").cell(row, col) == "≈\u00a0300,000\u00a0shells"


def test_amounts_are_written_in_the_currency_their_source_stated():
    row = {"amount": Decimal(725000000), "currency": "USD", "qualifier": "exact"}
    col = Col("amount", "amount", unit="currency", hedge="qualifier")
    assert Formatter("en", "EUR").cell(row, col) == "$725,000,000.00"
    assert Formatter("fr", "EUR").cell(row, col) == "725\u202f000\u202f000,00\u00a0$US"


def test_values_are_in_the_base_currency():
    assert Formatter("de", "EUR").cell({"v": Decimal("1.5")}, Col("v", "money")) == "1,50\u00a0€"


def test_an_undisclosed_figure_says_so_in_the_locale():
    row = {"amount": None, "currency": None, "qualifier": "undisclosed"}
    col = Col("amount", "amount", unit="currency", hedge="qualifier")
    assert Formatter("en", "EUR").cell(row, col) == "undisclosed"
    assert Formatter("de", "EUR").cell(row, col) == "nicht bekannt gegeben"


def test_a_range_shows_both_bounds():
    row = {
        "quantity": Decimal(10),
        "quantity_high": Decimal(12),
        "unit": "tank",
        "qualifier": "range",
    }
    col = Col("quantity", "quantity", unit="unit", hedge="qualifier")
    assert Formatter("en", "EUR").cell(row, col) == "10–12\u00a0tanks"


def test_dates_shares_and_flags():
    fmt = Formatter("de", "EUR")
    assert fmt.cell({"d": date(2024, 12, 2)}, Col("d", "date")) == "02.12.2024"
    assert fmt.cell({"d": datetime(2024, 12, 2, 10, 30)}, Col("d", "date")) == "02.12.2024"
    assert fmt.cell({"s": Decimal("0.3")}, Col("s", "share")) == "30,0\u00a0%"
    assert fmt.cell({"s": None}, Col("s", "share")) == "—"
    assert fmt.cell({"b": True}, Col("b", "bool")) == "ja"


def test_a_frame_has_translated_headers_and_names_the_base_currency():
    frame = Formatter("de", "USD").frame(
        [{"pledged_value": Decimal(1000000), "donor": "US"}],
        [Col("donor"), Col("pledged_value", "money"), Col("donor", label="Code")],
    )
    assert list(frame.columns) == ["Geber", "Zugesagt, Wert (USD)", "Code"]
    assert frame.iloc[0].tolist() == ["US", "1.000.000,00\u00a0$", "US"]


def test_an_unknown_column_kind_is_refused():
    with pytest.raises(ValueError, match="'x': unknown kind 'chart'"):
        Col("x", "chart")


def test_vocabulary_and_donor_columns_read_in_the_locale():
    fmt = Formatter("uk", "EUR")
    row = {"aid_type": "military", "donor": "DE", "donor_name": "Germany"}
    assert fmt.cell(row, Col("aid_type", "term")) == "військова"
    assert fmt.cell(row, Col("donor_name", "donor")) == "Німеччина"
    company = {"donor": "UMO", "donor_name": "UMO (supplier)"}
    assert fmt.cell(company, Col("donor_name", "donor")) == "UMO (supplier)"


def test_a_range_of_tanks_agrees_with_its_upper_bound_in_ukrainian():
    row = {"q": Decimal(3), "q_high": Decimal(5), "unit": "tank", "qualifier": "range"}
    col = Col("q", "quantity", unit="unit", hedge="qualifier")
    assert Formatter("uk", "EUR").cell(row, col) == "3–5\u00a0танків"


def test_page_headers_are_translated_and_name_the_base_currency():
    fmt = Formatter("fr", "USD")
    assert fmt.header("gdp_year") == "Année du PIB"
    assert fmt.header("outstanding_total_value", money=True) == (
        "Valeur restant due, estimations comprises (USD)"
    )
