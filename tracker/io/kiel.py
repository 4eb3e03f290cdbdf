"""Reading the Kiel Institute's Ukraine Support Tracker into ledger rows.

Two layouts, one path: the processed Release 28 CSV (Norwegian column names, as the public
``ukrainastotte`` project publishes it) and Kiel's own workbook (sheet "Bilateral Assistance,
MAIN DATA", English column names). Each layout is only a mapping of its headers onto the
fields below; every row then goes through :func:`ledger_rows`, which turns it into a row of
the ledger CSV (docs/ledger-csv.md), so the import itself is the ledger import: all or
nothing, idempotent, audited.

How Kiel's figures become ledger entries:

* "Commitment" rows are pledges, "Allocation" rows allocations (aid delivered or earmarked
  for delivery), both money in EUR. In the processed file a commitment's own value column is
  0; its value is the activity's (``verdi_eur_activity``), which is what is imported.
* A negative allocation is one of Kiel's downward revisions: it is kept negative, with the
  reason saying so, and reduces the allocated total exactly as Kiel subtracts it.
* Values carry more digits than cents: each is rounded once to the cent (half to even) and
  the value as Kiel gives it is kept verbatim in the entry's ``stated`` text.
* A row without a day is dated to the last day of the month Kiel gives (``maaned_nr``: 1 is
  January 2022), so an as-of view never counts it before it could have happened; the reason
  says the day is not known. A row with neither day nor month is refused.
* One package per donor, aid type and release ("Kiel Institute Ukraine Support Tracker:
  military aid (Release 28)"), citing the release as its source, or the row's own link where
  the workbook gives one. Entry ids hash the row's content, with a counter for identical
  rows, so importing the same file again adds nothing.
"""

from __future__ import annotations

import calendar
import csv
import hashlib
import io
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from pathlib import Path

from tracker.domain.vocab import AID_TYPES, KIEL_OUTLET, LEDGER_COLUMNS
from tracker.io.csv_columns import RowError

RELEASE_URL = "https://www.ifw-kiel.de/topics/war-against-ukraine/ukraine-support-tracker/"
XLSX_SHEET = "Bilateral Assistance, MAIN DATA"
CENT = Decimal("0.01")
FIRST_MONTH = date(2022, 1, 1)  # Kiel's month 1

# Kiel's donor names that are not babel's English country names, and the codes the tracker
# uses for them; every other name is looked up among CLDR's English territory names.
DONOR_ALIASES = {
    "EU (Commission and Council)": "EU",
    "European Union": "EU",
    "European Commission": "EC",
    "European Investment Bank": "EIB",
    "European Peace Facility": "EPF",
    "Turkiye": "TR",
    "Turkey": "TR",
    "Czech Republic": "CZ",
    "South Korea": "KR",
    "Korea": "KR",
    "United States": "US",
    "United Kingdom": "GB",
    "Taiwan": "TW",
}

# Each field and the headers that name it: the processed CSV's first, then the workbook's
# English ones (matched without regard to case, spaces or punctuation).
HEADERS = {
    "donor": ("giver", "country", "countries", "donor"),
    "day": ("dato", "announcement date", "date"),
    "category": ("kategori", "type of aid general", "aid type general", "aid type", "category"),
    "measure": ("maal", "measure", "commitment or allocation", "commitment allocation"),
    "value": ("verdi_eur", "total value in eur", "value in eur", "value eur", "eur value"),
    "activity_value": ("verdi_eur_activity", "total activity value in eur"),
    "month": ("maaned_nr", "month"),
    "link": ("source", "link", "source link", "url"),
    "item": ("item", "item description", "explanation"),
}
REQUIRED = ("donor", "category", "measure", "value")
MEASURES = {"commitment": "pledge", "allocation": "allocation"}


class KielError(ValueError):
    """The file is not a Kiel release in a layout this reader knows; one line for a person."""


@dataclass(frozen=True)
class Release:
    """Which Kiel release a file is, for the source every imported entry cites."""

    number: int
    published: date | None = None

    @property
    def title(self) -> str:
        return f"Ukraine Support Tracker, Release {self.number}"


def _norm(header: str) -> str:
    return re.sub(r"[^a-z0-9_]+", " ", header.strip().lower()).strip()


def _columns(header: list[str]) -> dict[str, int]:
    """Field -> column index; KielError naming what is missing."""
    positions = {_norm(name): i for i, name in enumerate(header) if name}
    found = {}
    for field, names in HEADERS.items():
        for name in names:
            if _norm(name) in positions:
                found[field] = positions[_norm(name)]
                break
    missing = [field for field in REQUIRED if field not in found]
    if missing:
        raise KielError(
            f"not a Kiel bilateral-aid table: no column for {', '.join(missing)} "
            f"(headers found: {', '.join(h for h in header if h)})"
        )
    return found


def read_table(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(line or row number, field -> cell text) for every data row of a CSV or XLSX file."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        yield from _xlsx_rows(path)
        return
    text = path.read_bytes().decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        raise KielError(f"{path.name} is empty")
    columns = _columns(header)
    for cells in reader:
        if any(cell.strip() for cell in cells):
            yield reader.line_num, _pick(columns, cells)


def _xlsx_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    if XLSX_SHEET not in book.sheetnames:
        raise KielError(f"{path.name} has no sheet {XLSX_SHEET!r} (sheets: {book.sheetnames})")
    rows = book[XLSX_SHEET].iter_rows(values_only=True)
    columns = None
    for number, values in enumerate(rows, start=1):
        cells = ["" if v is None else _cell_text(v) for v in values]
        if columns is None:
            # Kiel's sheet opens with title rows; the header is the first row naming the
            # required columns.
            try:
                columns = _columns(cells)
            except KielError:
                if number > 50:
                    raise
            continue
        if any(cell.strip() for cell in cells):
            yield number, _pick(columns, cells)
    book.close()
    if columns is None:
        raise KielError(f"{path.name}: no header row with the columns {', '.join(REQUIRED)}")


def _cell_text(value: object) -> str:
    if isinstance(value, float):
        return repr(value)
    if hasattr(value, "date") and callable(value.date):
        return value.date().isoformat()
    return str(value)


def _pick(columns: dict[str, int], cells: list[str]) -> dict[str, str]:
    return {f: (cells[i].strip() if i < len(cells) else "") for f, i in columns.items()}


def donor_code(name: str, known: set[str]) -> str | None:
    """The tracker's code for a Kiel donor name, or None if the name is unknown."""
    code = DONOR_ALIASES.get(name) or _territory_codes().get(name.lower())
    return code if code in known else None


def _territory_codes() -> dict[str, str]:
    from babel import Locale

    return {
        name.lower(): code
        for code, name in Locale("en").territories.items()
        if len(code) == 2 and code.isalpha()
    }


def month_end(month: int) -> date:
    """The last day of Kiel's month ``month`` (1 = January 2022)."""
    year, index = divmod(FIRST_MONTH.month - 1 + month - 1, 12)
    year += FIRST_MONTH.year
    return date(year, index + 1, calendar.monthrange(year, index + 1)[1])


@dataclass
class Converted:
    """Ledger rows (ready for the ledger import) and every problem found."""

    rows: list[dict[str, str]]
    errors: list[RowError]


def ledger_rows(
    table: Iterable[tuple[int, dict[str, str]]],
    *,
    release: Release,
    known_donors: set[str],
    recorded_by: str,
) -> Converted:
    """Kiel rows -> ledger CSV rows (see the module docstring); every bad row named."""
    rows: list[dict[str, str]] = []
    errors: list[RowError] = []
    seen: Counter[str] = Counter()
    for line, raw in table:
        row = _row(line, raw, release, known_donors, recorded_by, errors)
        if row is None:
            continue
        content = "|".join(raw.get(f, "") for f in ("donor", "day", "month", "category"))
        content += "|" + "|".join(raw.get(f, "") for f in ("measure", "value", "link", "item"))
        digest = hashlib.sha1(content.encode()).hexdigest()[:12]
        seen[digest] += 1
        row["entry_id"] = f"kiel-r{release.number}-{digest}-{seen[digest]}"
        rows.append(row)
    return Converted(rows, errors)


def _row(
    line: int,
    raw: dict[str, str],
    release: Release,
    known: set[str],
    recorded_by: str,
    errors: list[RowError],
) -> dict[str, str] | None:
    before = len(errors)

    def fail(field: str, message: str) -> None:
        errors.append(RowError(line, field, raw.get(field, ""), message))

    code = donor_code(raw["donor"], known)
    if code is None:
        fail("donor", f"{raw['donor']!r} is not a donor the tracker knows (add it to the aliases)")
    event = MEASURES.get(raw["measure"].lower())
    if event is None:
        fail("measure", "must be Commitment or Allocation")
    aid_type = raw["category"].lower()
    if aid_type not in AID_TYPES:
        fail("category", f"must be one of {', '.join(t.title() for t in AID_TYPES)}")
    field = "activity_value" if event == "pledge" and raw.get("activity_value") else "value"
    stated = raw.get(field, "")
    try:
        value = Decimal(stated)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        fail(field, "must be a number (EUR)")
    elif value < 0 and event != "allocation":
        fail(field, "only an allocation may be negative (a downward revision)")
    day, approximate = _day(raw, fail)
    if len(errors) > before or day is None or value is None:
        return None
    amount = value.quantize(CENT, rounding=ROUND_HALF_EVEN)
    reasons = []
    if approximate:
        reasons.append(
            f"day not given by Kiel: month {raw['month']} ({day:%B %Y}), dated to its end"
        )
    if value < 0:
        reasons.append("a downward revision of earlier allocations, as Kiel records it")
    if amount != value:
        reasons.append(f"rounded to the cent from Kiel's {stated}")
    link = raw.get("link", "")
    row = dict.fromkeys(LEDGER_COLUMNS, "")
    row.update(
        donor=code,
        package=package_title(aid_type, release),
        aid_type=aid_type,
        item="",
        event=event,
        event_date=day.isoformat(),
        amount=format(amount, "f"),
        currency="EUR",
        qualifier="exact",
        cumulative="false",
        reason="; ".join(reasons),
        stated=f"{stated} EUR" + (f": {raw['item']}" if raw.get("item") else ""),
        source_url=link if link.startswith(("http://", "https://")) else RELEASE_URL,
        source_outlet=KIEL_OUTLET,
        source_title=release.title,
        source_published=release.published.isoformat() if release.published else "",
        source_claimant="Kiel Institute for the World Economy",
        source_reliability="media",  # a research compilation, graded like a report
        recorded_by=recorded_by,
        review_status="reviewed",
    )
    return row


def package_title(aid_type: str, release: Release) -> str:
    """The package that holds one donor's rows of one aid type from one release."""
    return f"Kiel Institute Ukraine Support Tracker: {aid_type} aid (Release {release.number})"


def _day(raw: dict[str, str], fail) -> tuple[date | None, bool]:
    """The row's date, and whether it is only the month's end (the day being unknown)."""
    text = raw.get("day", "")
    if text:
        try:
            return date.fromisoformat(text[:10]), False
        except ValueError:
            fail("day", "must be a date YYYY-MM-DD")
            return None, False
    month = raw.get("month", "")
    if month:
        try:
            return month_end(int(Decimal(month))), True
        except (InvalidOperation, ValueError, OverflowError):
            fail("month", "must be Kiel's month number (1 = January 2022)")
            return None, False
    fail("day", "has neither a date nor a month: Kiel gives no time for this row")
    return None, False
