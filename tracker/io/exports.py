"""CSV exports of dashboard tables: the ``data`` and ``briefing`` formats and their provenance.

Both formats write the rows and columns of a :class:`tracker.queries.Table` exactly as given,
so what a page shows and what its download holds come from one call (docs/exports.md):

* ``data`` - for programs: UTF-8 without byte order mark, comma separated, the column keys as
  headers, ISO dates, plain numbers with a dot decimal mark. ``pandas.read_csv(path)`` reads it
  with no options, so the provenance cannot sit in the file: it goes in a companion
  ``<file>.provenance.json``.
* ``briefing`` - for Excel in the reader's language: UTF-8 with a byte order mark (Excel
  otherwise guesses a legacy code page and garbles Cyrillic and accents), the separator Excel
  expects in the locale (``;`` where the decimal mark is a comma), headers in the locale and
  numbers with its decimal mark. Numbers are written without digit grouping: Excel then reads
  them as numbers in every locale (a CLDR group separator such as the narrow no-break space of
  fr would turn them into text). The file opens with a provenance block, then an empty line,
  then the table.

Text cells of a briefing are neutralised: one that starts (after any spaces) with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return (or their full-width forms) gets a leading
``'``, so no spreadsheet evaluates it as a formula. Only text is touched: the column's kind says
what a cell is, so a negative number stays a number. The data format is not neutralised: it is
the ledger CSV interchange format, which must give back every key and text byte for byte (an
``=1+1`` read back as ``'=1+1`` would be another entry). Writers stream: rows are formatted as
they are read, a thousand at a time.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_EVEN, Decimal
from itertools import islice
from operator import itemgetter
from pathlib import Path
from types import NoneType

from sqlmodel import Session

from tracker.db import each_distinct
from tracker.domain.characters import FORMULA_BLANKS, FORMULA_TRIGGERS, neutralise
from tracker.domain.money import check_currency
from tracker.domain.numbers import ParseError, number_format
from tracker.domain.vocab import ENTRY_SOURCES, SUPPORTED_LOCALES
from tracker.io import export_labels as labels
from tracker.ledger import View
from tracker.queries import (
    Column,
    DataVersion,
    PriceBasis,
    RatesUsed,
    Table,
    balance_table,
    data_version,
    filter_problems,
    ledger_rates_used,
    ledger_table,
    make_view,
    package_table,
    price_basis,
    rates_used,
)

FORMATS = ("data", "briefing")
_BOM = "\ufeff".encode()
CHUNK_ROWS = 1000

# --- provenance -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Provenance:
    """What an export is: the view (its as-of date set), base currency (None for the ledger,
    whose amounts stay in their stated currencies), the rate days its conversions used, and
    the state of the data it was built from."""

    table: str
    view: View
    currency: str | None
    rates: tuple[RatesUsed, ...]
    version: DataVersion
    # The catalogue reference prices behind the estimated columns (balance and packages).
    prices: tuple[PriceBasis, ...] = ()

    @property
    def as_of(self) -> date:
        assert self.view.as_of is not None  # set by provenance()
        return self.view.as_of


def pinned(view: View) -> View:
    """``view`` with its as-of date set: a view "as known today" is pinned to today (UTC),
    the date to pass to rebuild the same figures later."""
    return view if view.as_of else replace(view, as_of=datetime.now(UTC).date())


# The views with in-kind estimates, whose provenance names the reference prices used.
ESTIMATED_TABLES = ("balance", "packages")


def provenance(session: Session, table: str, view: View, *, currency: str | None) -> Provenance:
    """The provenance of exporting ``table`` for ``view`` (pinned to its as-of date)."""
    pinned_view = pinned(view)
    # The ledger converts every listed entry, superseded ones too; the other tables convert
    # the entries that count.
    used = ledger_rates_used if table == "ledger" else rates_used
    rates = tuple(used(session, pinned_view, currency=currency)) if currency else ()
    version = data_version(session, pinned_view.as_of)
    prices = tuple(price_basis(session, pinned_view)) if table in ESTIMATED_TABLES else ()
    return Provenance(table, pinned_view, currency, rates, version, prices)


def filters_of(view: View) -> dict[str, object]:
    """The view's filters as JSON-ready values (all of them, set or not)."""
    return {
        "donors": list(view.donors),
        "reviewed_only": view.reviewed_only,
        "include_aggregate_claims": view.include_aggregate_claims,
        "initiative": view.initiative,
        "category": view.category,
        "equipment": view.equipment,
        "aid_type": view.aid_type,
        "package_ids": list(view.package_ids),
        "source": view.source,
    }


def _sources_columns(columns: Iterable[Column]) -> list[str]:
    return [c.key for c in columns if c.key == "sources" or c.key.startswith("source_")]


def _iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat() if moment else None


def provenance_record(
    prov: Provenance,
    columns: tuple[Column, ...],
    *,
    fmt: str,
    locale: str,
    file: str,
    rows: int,
    sha256: str,
) -> dict[str, object]:
    """The companion ``.provenance.json`` of an export file."""
    return {
        "file": file,
        "sha256": sha256,
        "rows": rows,
        "format": fmt,
        "encoding": "utf-8-sig" if fmt == "briefing" else "utf-8",
        "delimiter": delimiter(fmt, locale),
        "locale": locale if fmt == "briefing" else None,
        "table": prov.table,
        "as_of": prov.as_of.isoformat(),
        "basis": prov.view.basis,
        "base_currency": prov.currency,
        "filters": filters_of(prov.view),
        "exchange_rates": [
            {
                "currency": r.currency,
                "providers": list(r.providers),
                "days": [d.isoformat() for d in r.days],
                "missing": [d.isoformat() for d in r.missing],
            }
            for r in prov.rates
        ],
        "data_version": {
            "ledger_entries": prov.version.entries,
            "latest_recorded_at": _iso(prov.version.latest_recorded_at),
            "latest_change_at": _iso(prov.version.latest_change_at),
        },
        "reference_prices": [
            {
                "equipment": b.equipment,
                "unit": b.unit,
                "price": str(b.price),
                "currency": b.currency,
                "year": b.year,
                "source": b.source,
                "entries": b.entries,
            }
            for b in prov.prices
        ],
        "sources_columns": _sources_columns(columns),
        "columns": [
            {"key": c.key, "kind": c.kind, "header": _header(c, fmt, locale, prov.currency)}
            for c in columns
        ],
    }


def _basis(view: View, locale: str) -> str:
    parts = [
        labels.phrase("basis:all" if view.include_aggregate_claims else "basis:own", locale),
        labels.phrase("basis:known", locale, date=view.as_of.isoformat() if view.as_of else ""),
        labels.phrase("basis:reviewed" if view.reviewed_only else "basis:drafts", locale),
    ]
    return "; ".join(parts)


def _filters_text(view: View, locale: str) -> str:
    shown = []
    for key, value in filters_of(view).items():
        if value in (None, False, []):
            continue
        if isinstance(value, bool):
            text = labels.phrase("yes", locale)
        elif isinstance(value, list):
            text = ", ".join(str(v) for v in value)
        else:
            text = str(value)
        shown.append(f"{labels.phrase('filter:' + key, locale)}: {text}")
    return "; ".join(shown) or labels.phrase("none", locale)


def _rates_text(prov: Provenance, locale: str) -> str:
    if prov.currency is None:
        return labels.phrase("not_converted", locale)
    parts = []
    for used in prov.rates:
        head = used.currency + (f" ({', '.join(used.providers)})" if used.providers else "")
        detail = ", ".join(d.isoformat() for d in used.days)
        if used.missing:
            gap = labels.phrase("no_rate", locale) + " "
            gap += ", ".join(d.isoformat() for d in used.missing)
            detail = f"{detail} ({gap})" if detail else gap
        parts.append(f"{head}: {detail}")
    return "; ".join(parts) or labels.phrase("none", locale)


def provenance_block(prov: Provenance, columns: tuple[Column, ...], locale: str) -> list[list[str]]:
    """The label/value rows that open a briefing file, in ``locale``."""
    version = prov.version
    sources = ", ".join(labels.header(k, locale) for k in _sources_columns(columns))
    block = [
        [labels.phrase("export", locale), labels.view_title(prov.table, locale)],
        [labels.phrase("as_of", locale), prov.as_of.isoformat()],
        [labels.phrase("basis", locale), _basis(prov.view, locale)],
        [
            labels.phrase("base_currency", locale),
            prov.currency or labels.phrase("not_converted", locale),
        ],
        [labels.phrase("rates", locale), _rates_text(prov, locale)],
        [labels.phrase("filters", locale), _filters_text(prov.view, locale)],
        [
            labels.phrase("data_version", locale),
            labels.phrase(
                "version_text",
                locale,
                entries=version.entries,
                recorded=_iso(version.latest_recorded_at) or "-",
                changed=_iso(version.latest_change_at) or "-",
            ),
        ],
        [labels.phrase("sources", locale), labels.phrase("sources_in", locale, columns=sources)],
    ]
    if prov.prices:
        block.append([labels.phrase("prices", locale), _prices_text(prov.prices)])
    return block


def _prices_text(prices: Sequence[PriceBasis]) -> str:
    """``name: price currency per unit (year)`` for each reference price, plain numbers."""
    return "; ".join(
        f"{b.equipment}: {b.price} {b.currency}/{b.unit}" + (f" ({b.year})" if b.year else "")
        for b in prices
    )


# --- cells ------------------------------------------------------------------------------------


def delimiter(fmt: str, locale: str) -> str:
    """``,`` for data; for a briefing, ``;`` where the locale's decimal mark is a comma."""
    if fmt == "data":
        return ","
    return ";" if number_format(locale).decimal == "," else ","


def _refuse(key: str, expected: str, value: object) -> ValueError:
    return ValueError(f"column {key!r}: expected {expected}, got {value!r}")


def _number_writer(key: str, exact: bool) -> Callable[[object], str]:
    """Quantities and amounts as plain numbers (trailing zeros dropped); money and shares
    (``exact``) keep their stated decimals (cents, four places)."""

    def write(value: object) -> str:
        if value.__class__ is Decimal:
            return format(value if exact else value.normalize(), "f")  # type: ignore[union-attr]
        if value.__class__ is int:
            return str(value)
        if value is None:
            return ""
        raise _refuse(key, "a number", value)

    return write


def _percent_writer(key: str) -> Callable[[object], str]:
    """A share as the page shows it, in percent with one decimal (``0.3`` -> ``30.0``; the
    header says "%"), still a plain number for Excel; rounded half-even as babel rounds the
    page's "30.0%"."""
    tenth = Decimal("0.1")

    def write(value: object) -> str:
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return format((Decimal(value) * 100).quantize(tenth, ROUND_HALF_EVEN), "f")
        if value is None:
            return ""
        raise _refuse(key, "a number", value)

    return write


def _integer_writer(key: str) -> Callable[[object], str]:
    def write(value: object) -> str:
        if value.__class__ is int:
            return str(value)
        if value is None:
            return ""
        raise _refuse(key, "a whole number", value)

    return write


def _date_writer(key: str) -> Callable[[object], str]:
    def write(value: object) -> str:
        if value.__class__ is date:
            return value.isoformat()  # type: ignore[union-attr]
        if value is None:
            return ""
        raise _refuse(key, "a date", value)

    return write


def _timestamp_writer(key: str) -> Callable[[object], str]:
    def write(value: object) -> str:
        if value.__class__ is datetime and value.tzinfo is not None:  # type: ignore[union-attr]
            if value.tzinfo is not UTC:  # type: ignore[union-attr]
                value = value.astimezone(UTC)  # type: ignore[union-attr]
            return value.isoformat()  # type: ignore[union-attr]
        if value is None:
            return ""
        raise _refuse(key, "a UTC timestamp", value)

    return write


def _text_writer(key: str, fmt: str) -> Callable[[object], str]:
    if fmt == "data":
        return lambda value: "" if value is None else str(value)
    return lambda value: "" if value is None else neutralise(str(value))


def _boolean_writer(yes: str, no: str) -> Callable[[object], str]:
    return lambda value: "" if value is None else (yes if value else no)


def cell_formatter(column: Column, fmt: str, locale: str) -> Callable[[object], str]:
    """How one column's values are written in ``fmt`` (empty for a missing value); a value
    of the wrong type is refused, naming the column and the value. Exact type checks, so a
    bool never passes for a number nor a datetime for a date."""
    key, kind = column.key, column.kind
    if kind == "boolean":
        if fmt == "data":
            return _boolean_writer("true", "false")
        return _boolean_writer(labels.phrase("yes", locale), labels.phrase("no", locale))
    if kind == "share" and fmt == "briefing":
        write = _percent_writer(key)
        mark = number_format(locale).decimal
        return write if mark == "." else (lambda value: write(value).replace(".", mark))
    if kind in ("number", "money", "share"):
        write = _number_writer(key, exact=kind != "number")
        mark = number_format(locale).decimal if fmt == "briefing" else "."
        return write if mark == "." else (lambda value: write(value).replace(".", mark))
    if kind == "text":
        return _text_writer(key, fmt)
    makers = {"integer": _integer_writer, "date": _date_writer, "timestamp": _timestamp_writer}
    return makers[kind](key)


# First characters that deserve a closer look: formula triggers, and blanks that may hide one.
_RISKY_FIRST = FORMULA_TRIGGERS | frozenset(FORMULA_BLANKS)


class RowFormatter:
    """Turns a block of rows (mappings, or sequences in column order) into the cells of CSV
    lines, a column at a time.

    A million-row ledger export spends much of its time here, so the work is done per
    column of a block, where the iteration runs in C (``zip`` transposes, ``map`` applies a
    column's :func:`cell_formatter`, which writes a missing value as an empty cell, as the
    csv module writes None); a text of a briefing goes through :func:`neutralise` only when
    its first character could start a formula (a data file writes text as it is). Row by
    row, the loops over each row's cells cost a fifth of the export's time.
    """

    def __init__(self, columns: tuple[Column, ...], fmt: str, locale: str) -> None:
        keys = [c.key for c in columns]
        getter = itemgetter(*keys)
        self._get = getter if len(keys) > 1 else (lambda row: (getter(row),))
        self._width = len(columns)
        # Text is the csv module's to write in a data file; only a briefing changes it.
        self._text = [i for i, c in enumerate(columns) if c.kind == "text" and fmt == "briefing"]
        self._other = [
            (i, cell_formatter(c, fmt, locale)) for i, c in enumerate(columns) if c.kind != "text"
        ]

    def block(self, rows: Sequence[Mapping[str, object] | Sequence[object]]) -> Iterator[tuple]:
        """The cells of each row of ``rows``, in order."""
        if not rows:
            return iter(())
        if isinstance(rows[0], Mapping):
            rows = list(map(self._get, rows))
        columns: list[Sequence[object]] = list(zip(*rows, strict=True)) or [()] * self._width
        for i in self._text:
            columns[i] = list(map(_neutralised, columns[i]))
        for i, write in self._other:
            column = columns[i]
            kinds = set(map(type, column)) - {NoneType}
            if not kinds:  # a column with no value needs no writer
                continue
            # Of one (hashable) type, equal values are the same cell: each distinct one is
            # written once (a block repeats its dates, timestamps and figures). Of several, 1
            # and True or Decimal("1.0") and 1 are equal but not the same cell: each is written.
            (kind,) = kinds if len(kinds) == 1 else (None,)
            if kind is not None and kind.__hash__ is not None:
                columns[i] = each_distinct(write, column)
            else:
                columns[i] = list(map(write, column))
        return zip(*columns, strict=True)


def _neutralised(value: object) -> object:
    """A text cell of a briefing: neutralised when its first character could start a formula;
    a number or another object in a text column as its text, neutralised."""
    if value.__class__ is str:
        return neutralise(value) if value and value[0] in _RISKY_FIRST else value  # type: ignore[index]
    return None if value is None else neutralise(str(value))


def _header(column: Column, fmt: str, locale: str, currency: str | None) -> str:
    if fmt == "data":
        return column.key
    if column.kind == "share":  # written in percent, as the page shows it
        return labels.header(column.key, locale, currency="%")
    return labels.header(column.key, locale, currency=currency if column.kind == "money" else None)


def check_options(fmt: str, locale: str) -> None:
    """Refuse an unknown format or locale, naming the option and the value."""
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r}: use one of {', '.join(FORMATS)}")
    if locale not in SUPPORTED_LOCALES:
        raise ValueError(f"locale {locale!r}: use one of {', '.join(SUPPORTED_LOCALES)}")


# --- writing ----------------------------------------------------------------------------------


@dataclass
class CsvExport:
    """One export being written: :meth:`chunks` streams the text; ``rows`` counts the table
    rows written so far (complete once the stream is exhausted)."""

    table: Table
    prov: Provenance
    fmt: str = "data"
    locale: str = "en"
    rows: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        check_options(self.fmt, self.locale)

    @property
    def encoding(self) -> str:
        return "utf-8-sig" if self.fmt == "briefing" else "utf-8"

    def chunks(self) -> Iterator[str]:
        """The file's text, a block of rows at a time (the BOM is the encoding's job)."""
        buffer = io.StringIO()
        briefing = self.fmt == "briefing"
        # CRLF in both formats (RFC 4180, and what Excel writes): with a bare "\n" the csv
        # module would leave a cell holding a lone "\r" unquoted, splitting its row.
        separator = delimiter(self.fmt, self.locale)
        writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")
        columns = self.table.columns
        if briefing:
            for label, value in provenance_block(self.prov, columns, self.locale):
                writer.writerow([label, neutralise(value)])
            writer.writerow([])
        writer.writerow([_header(c, self.fmt, self.locale, self.prov.currency) for c in columns])
        cells = RowFormatter(columns, self.fmt, self.locale)
        rows = iter(self.table.rows)
        while block := list(islice(rows, CHUNK_ROWS)):
            writer.writerows(cells.block(block))
            self.rows += len(block)
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue()

    def record(self, file: str, sha256: str) -> dict[str, object]:
        """The companion provenance record, once the rows are written."""
        return provenance_record(
            self.prov,
            self.table.columns,
            fmt=self.fmt,
            locale=self.locale,
            file=file,
            rows=self.rows,
            sha256=sha256,
        )


def provenance_path(path: Path) -> Path:
    """``balance.csv`` -> ``balance.csv.provenance.json``."""
    return path.with_name(path.name + ".provenance.json")


@dataclass(frozen=True)
class Written:
    path: Path
    provenance: Path
    rows: int
    sha256: str


def write_export(export: CsvExport, path: Path) -> Written:
    """Stream ``export`` to ``path`` and its provenance beside it; returns what was written."""
    digest = hashlib.sha256()
    with path.open("wb") as out:
        if export.encoding == "utf-8-sig":
            out.write(_BOM)
            digest.update(_BOM)
        for chunk in export.chunks():
            data = chunk.encode("utf-8")
            out.write(data)
            digest.update(data)
    companion = provenance_path(path)
    record = export.record(path.name, digest.hexdigest())
    companion.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return Written(path, companion, export.rows, digest.hexdigest())


def export_bytes(export: CsvExport) -> bytes:
    """The whole file in memory (for a download button: tables on a page are small)."""
    data = "".join(export.chunks()).encode("utf-8")
    return _BOM + data if export.encoding == "utf-8-sig" else data


def export_zip(export: CsvExport, name: str) -> bytes:
    """``name.csv`` and ``name.csv.provenance.json`` in one zip, so a downloaded data file
    never travels without its provenance. Entry dates are the as-of date, so the same view
    gives the same bytes."""
    data = export_bytes(export)
    record = export.record(f"{name}.csv", hashlib.sha256(data).hexdigest())
    stamp = (*export.prov.as_of.timetuple()[:3], 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in (
            (f"{name}.csv", data),
            (
                f"{name}.csv.provenance.json",
                (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode(),
            ),
        ):
            archive.writestr(
                zipfile.ZipInfo(member, date_time=stamp), content, zipfile.ZIP_DEFLATED
            )
    return out.getvalue()


# --- exporting a named view (the CLI) -----------------------------------------------------------

VIEWS = ("ledger", "balance", "packages")


class ExportError(ValueError):
    """An export that cannot be made as asked; names the option and the value."""


@dataclass(frozen=True)
class ExportRequest:
    """``tracker export FILE --view ... --format ...`` as values."""

    view: str
    donors: tuple[str, ...] = ()
    as_of: date | None = None
    currency: str | None = None
    fmt: str = "data"
    locale: str = "en"
    reviewed_only: bool = False
    default_currency: str = "EUR"
    source: str | None = None  # vocab.ENTRY_SOURCES: kiel, own, or None for all

    def base_currency(self) -> str | None:
        """The currency values are converted into. The ledger converts only when asked
        (``--currency``): its amounts stay as their source stated them, and a converted value
        is added beside each; without the option the file is the plain interchange format
        that ``tracker import`` reads back."""
        if self.view == "ledger" and self.currency is None:
            return None
        code = (self.currency or self.default_currency).upper()
        try:
            return check_currency(code, field="--currency")
        except ParseError as exc:
            raise ExportError(str(exc)) from exc


def export_view(session: Session, request: ExportRequest, path: Path) -> Written:
    """Write ``request``'s view to ``path`` (and its provenance beside it)."""
    if request.view not in VIEWS:
        raise ExportError(f"--view {request.view!r}: use one of {', '.join(VIEWS)}")
    try:
        check_options(request.fmt, request.locale)
    except ValueError as exc:
        raise ExportError(str(exc)) from exc
    currency = request.base_currency()
    if request.source is not None and request.source not in ENTRY_SOURCES:
        raise ExportError(f"--source {request.source!r}: use one of {', '.join(ENTRY_SOURCES)}")
    view = make_view(
        donors=request.donors,
        as_of=request.as_of,
        reviewed_only=request.reviewed_only,
        source=request.source,
        # The ledger view is the whole ledger: initiative-wide statements are entries too.
        include_aggregate_claims=request.view == "ledger",
    )
    problems = filter_problems(session, view)
    if problems:
        raise ExportError("; ".join(problems))
    prov = provenance(session, request.view, view, currency=currency)
    view = prov.view  # pinned to the as-of date the provenance states
    if request.view == "ledger":
        table = ledger_table(session, view, currency=currency)
    else:
        build = balance_table if request.view == "balance" else package_table
        table = build(session, view, currency=currency)
    return write_export(CsvExport(table, prov, request.fmt, request.locale), path)
