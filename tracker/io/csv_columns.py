"""Reading a ledger CSV into columns: the header checked, blank rows dropped, every row's line.

A column is held as its distinct cells plus, for each row, the index of its cell among them:
a ledger file repeats most cells from row to row (a package's lines, an article's figures, a
few dates, units and statuses), so whoever checks the cells checks each distinct one once.

Well-formed files are read by Arrow's CSV reader (C++, the same quoting rules as Python's
``csv`` module: double quotes, doubled to escape, newlines allowed inside quotes) and
dictionary-encoded there; reading and encoding 100,000 rows takes a tenth of what the
``csv`` module alone does. Anything it refuses, a row with the wrong number of cells above
all, is read again by the ``csv`` module, whose errors name the line.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from tracker.domain.numbers import shown
from tracker.domain.vocab import LEDGER_COLUMNS

REQUIRED_COLUMNS = ("entry_id", "donor", "package", "aid_type", "event", "event_date")


@dataclass(frozen=True)
class RowError:
    line: int
    field: str
    value: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line else "file"
        given = f" {shown(self.value)}" if self.value else ""
        return f"{where}, {self.field}{given}: {self.message}"


class ImportFailed(Exception):
    """The file was refused; nothing was written. ``errors`` lists every problem found."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        shown = "\n".join(f"  {e}" for e in errors[:50])
        more = f"\n  ... and {len(errors) - 50} more" if len(errors) > 50 else ""
        super().__init__(f"{len(errors)} problem(s); nothing was imported:\n{shown}{more}")


def decode(data: bytes) -> str:
    """UTF-8 text (a byte order mark is dropped); other encodings are refused with the line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFailed(
            [
                RowError(
                    line,
                    "encoding",
                    repr(data[exc.start : exc.start + 4]),
                    "the file is not UTF-8; save it as UTF-8 and try again",
                )
            ]
        ) from exc


@dataclass
class Column:
    """One column: its distinct raw cells, and each row's index into them."""

    distinct: list[str]
    codes: list[int]


@dataclass
class Table:
    """The well-formed, non-blank rows of a file, by column; ``lines[i]`` is row i's line
    number (the header is line 1). A row with the wrong number of cells is in ``errors``."""

    header: list[str]
    lines: list[int]
    columns: dict[str, Column]
    errors: list[RowError]

    def column(self, name: str) -> Column:
        """A column of the header, or an empty cell in every row for one it lacks."""
        return self.columns.get(name) or Column([""], [0] * len(self.lines))


def _header(text: str) -> tuple[list[str], int]:
    """The checked header (cells trimmed) and the number of physical lines it spans."""
    if not text.strip():
        raise ImportFailed([RowError(0, "file", "", "the file is empty")])
    end = text.find("\n") + 1
    # The first line alone unless it holds a quote (a quoted name may span lines).
    first = text[:end] if end and '"' not in text[:end] else text
    reader = csv.reader(io.StringIO(first, newline=""))
    header = [h.strip() for h in next(reader)]
    problems = []
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        problems.append(
            RowError(
                1,
                "header",
                ",".join(header)[:200],
                f"missing column(s) {', '.join(missing)}; see docs/ledger-csv.md",
            )
        )
    extra = [c for c in header if c not in LEDGER_COLUMNS]
    if extra:
        problems.append(RowError(1, "header", ", ".join(extra), "unknown column(s)"))
    dupes = sorted({c for c in header if header.count(c) > 1})
    if dupes:
        problems.append(RowError(1, "header", ", ".join(dupes), "repeated column(s)"))
    if problems:
        raise ImportFailed(problems)
    return header, reader.line_num


def _rows(text: str, width: int) -> Iterator[tuple[int, list[str] | RowError]]:
    """(line, cells) of each non-blank row after the header, or (line, RowError) for a row
    with the wrong number of cells."""
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader)
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # the csv module's own refusal, e.g. a cell over its limit
            yield reader.line_num, RowError(reader.line_num, "row", "", f"unreadable: {exc}")
            return
        if not "".join(cells).strip():
            continue
        if len(cells) != width:
            message = f"has {len(cells)} cells, the header has {width}"
            yield reader.line_num, RowError(reader.line_num, "row", ",".join(cells)[:80], message)
            continue
        yield reader.line_num, cells


def read_rows(text: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row with trimmed cells) of the well-formed rows, lazily (a preview)."""
    header, _ = _header(text)
    for line, cells in _rows(text, len(header)):
        if not isinstance(cells, RowError):
            yield line, dict(zip(header, map(str.strip, cells), strict=True))


def _python_table(text: str, header: list[str]) -> Table:
    """The table as the ``csv`` module reads it (every file, slower)."""
    table = Table(header, [], {}, [])
    rows = []
    for line, cells in _rows(text, len(header)):
        if isinstance(cells, RowError):
            table.errors.append(cells)
        else:
            table.lines.append(line)
            rows.append(cells)
    for name, cells in zip(header, zip(*rows, strict=True), strict=False):
        index: dict[str, int] = {}
        codes = [index.setdefault(cell, len(index)) for cell in cells]
        table.columns[name] = Column(list(index), codes)
    return table


def _arrow_table(data: bytes, header: list[str], header_lines: int) -> Table | None:
    """The table as Arrow reads it, or None when Arrow refuses the file or its rows cannot
    be matched to physical lines one to one (a quoted newline, a stray carriage return):
    then the ``csv`` module reads it and reports line by line."""
    body = data.removeprefix(codecs.BOM_UTF8)
    try:
        arrow = pa_csv.read_csv(
            io.BytesIO(body),
            read_options=pa_csv.ReadOptions(
                column_names=header, skip_rows=header_lines, use_threads=False
            ),
            parse_options=pa_csv.ParseOptions(newlines_in_values=True),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(header, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid:
        return None
    physical = body.split(b"\n")
    lines = [n for n, raw in enumerate(physical, start=1) if n > header_lines and raw.strip(b"\r")]
    if len(lines) != arrow.num_rows or body.count(b"\r") != body.count(b"\r\n"):
        return None
    # A blank row has a blank entry_id; only if some entry_id is blank are all cells looked at.
    blank = pc.equal(pc.utf8_trim_whitespace(arrow.column("entry_id")), "")
    if pc.any(blank).as_py():
        for name in header:
            blank = pc.and_(blank, pc.equal(pc.utf8_trim_whitespace(arrow.column(name)), ""))
        keep = pc.invert(blank)
        lines = [line for line, kept in zip(lines, keep.to_pylist(), strict=True) if kept]
        arrow = arrow.filter(keep)
    columns = {}
    for name in header:
        encoded = arrow.column(name).combine_chunks().dictionary_encode()
        columns[name] = Column(encoded.dictionary.to_pylist(), encoded.indices.to_pylist())
    return Table(header, lines, columns, [])


def load_table(data: bytes) -> Table:
    """The file's table; refuses (ImportFailed) a file that is not UTF-8, is empty or has a
    bad header. Rows with the wrong number of cells are listed in ``Table.errors``."""
    text = decode(data)
    header, header_lines = _header(text)
    return _arrow_table(data, header, header_lines) or _python_table(text, header)
