"""Reading a ledger CSV into columns: the fast reader (Arrow) and the careful one (the csv
module) must see the same rows on the same lines, and every file either can read must give
the table the csv module gives."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.io.csv_columns import (
    ImportFailed,
    Table,
    _arrow_table,
    _header,
    _python_table,
    decode,
    load_table,
    read_rows,
)

HEADER = ("entry_id", "donor", "package", "aid_type", "event", "event_date", "reason")


def as_rows(table: Table) -> list[tuple[int, dict[str, str]]]:
    """(line, cells) of every row of a table, decoded from its columns."""
    return [
        (line, {name: column.distinct[column.codes[i]] for name, column in table.columns.items()})
        for i, line in enumerate(table.lines)
    ]


def both_readers(data: bytes) -> tuple[Table | None, Table]:
    text = decode(data)
    header, lines = _header(text)
    return _arrow_table(data, header, lines), _python_table(text, header)


def left_to_the_csv_module(data: bytes) -> Table:
    """The table of a file the fast reader declines (it returns None), as the import reads it."""
    fast, _ = both_readers(data)
    assert fast is None
    return load_table(data)


def test_a_plain_file_is_read_by_arrow_with_each_row_on_its_line() -> None:
    data = (
        b"entry_id,donor,package,aid_type,event,event_date\n"
        b"a-1,DE,Tanks,military,pledge,2023-01-25\n"
        b"\n"
        b"a-2,DE,Tanks,military,delivery,2023-03-27\n"
    )
    fast, careful = both_readers(data)
    assert fast is not None
    assert fast.lines == [2, 4]
    assert as_rows(fast) == as_rows(careful)
    assert fast.column("entry_id").distinct == ["a-1", "a-2"]
    assert fast.column("donor").codes == [0, 0]  # one distinct donor, read once


def test_rows_of_empty_cells_are_skipped_by_both_readers() -> None:
    data = (
        b"entry_id,donor,package,aid_type,event,event_date\n"
        b" , ,,,,\n"
        b"a-1,DE,Tanks,military,pledge,2023-01-25\n"
        b",,,,,\n"
    )
    fast, careful = both_readers(data)
    assert fast is not None
    assert fast.lines == careful.lines == [3]


def test_a_quoted_newline_is_read_by_the_csv_module_with_true_line_numbers() -> None:
    data = (
        b"entry_id,donor,package,aid_type,event,event_date,reason\n"
        b'a-1,DE,Tanks,military,pledge,2023-01-25,"first line\nsecond line"\n'
        b"a-2,DE,Tanks,military,pledge,2023-01-26,\n"
    )
    table = left_to_the_csv_module(data)  # rows and lines do not match one to one
    assert table.lines == [3, 4]  # the csv module counts the line a row ends on
    assert table.column("reason").distinct[table.column("reason").codes[0]] == (
        "first line\nsecond line"
    )


def test_a_row_with_too_few_cells_falls_back_and_is_named_by_line() -> None:
    data = (
        b"entry_id,donor,package,aid_type,event,event_date\n"
        b"a-1,DE,Tanks,military,pledge,2023-01-25\n"
        b"a-2,DE,Tanks,military\n"
    )
    table = left_to_the_csv_module(data)
    assert table.lines == [2]
    assert [(e.line, e.field) for e in table.errors] == [(3, "row")]
    assert "has 4 cells, the header has 6" in table.errors[0].message


def test_a_cell_beyond_the_csv_modules_own_limit_is_read_not_a_traceback() -> None:
    # The short last row sends the file to the csv module, which stops at 131,072 characters
    # unless told otherwise; the long cell is read whole and left to the cell checks.
    long = "x" * 200_000
    data = (
        b"entry_id,donor,package,aid_type,event,event_date\n"
        + f"a-1,DE,{long},military,pledge,2023-01-25\n".encode()
        + b"a-2,DE\n"
    )
    table = load_table(data)
    assert table.lines == [2]
    assert table.column("package").distinct == [long]
    assert [(e.line, e.field) for e in table.errors] == [(3, "row")]


# Row a-1 of the files below as a reader yields it: its line and its trimmed cells.
TANK_PLEDGE = (
    2,
    {
        "entry_id": "a-1",
        "donor": "DE",
        "package": "Tanks",
        "aid_type": "military",
        "event": "pledge",
        "event_date": "2023-01-25",
    },
)


def test_crlf_files_and_a_byte_order_mark_are_read_by_arrow() -> None:
    data = (
        b"\xef\xbb\xbfentry_id,donor,package,aid_type,event,event_date\r\n"
        b"a-1,DE,Tanks,military,pledge,2023-01-25\r\n"
    )
    fast, careful = both_readers(data)
    assert fast is not None
    assert as_rows(fast) == as_rows(careful) == [TANK_PLEDGE]


def test_a_lone_carriage_return_is_left_to_the_csv_module() -> None:
    data = b"entry_id,donor,package,aid_type,event,event_date\ra-1,DE,Tanks,military,pledge,x\n"
    fast, careful = both_readers(data)
    assert fast is None
    assert careful.lines == [2]


def test_a_header_lacking_required_columns_is_refused_before_any_row() -> None:
    with pytest.raises(ImportFailed) as refused:
        load_table(b"entry_id,donor\na,b\n")
    assert refused.value.errors[0].field == "header"
    assert "missing column(s) package, aid_type, event, event_date" in str(refused.value)


def test_the_preview_yields_trimmed_rows_and_skips_malformed_ones() -> None:
    text = (
        "entry_id,donor,package,aid_type,event,event_date\n"
        " a-1 ,DE,Tanks,military,pledge,2023-01-25\n"
        "short,row\n"
    )
    assert list(read_rows(text)) == [TANK_PLEDGE]


cell = st.text(alphabet=' ab,"\n\r\t-é', max_size=6)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(cell, min_size=len(HEADER), max_size=len(HEADER)), max_size=8),
    st.sampled_from(["\n", "\r\n"]),
)
def test_whatever_the_cells_hold_the_table_is_the_one_the_csv_module_reads(rows, ending) -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=ending)
    writer.writerow(HEADER)
    writer.writerows(rows)
    data = out.getvalue().encode()
    fast, careful = both_readers(data)
    table = load_table(data)
    assert as_rows(table) == as_rows(careful)
    assert table.errors == careful.errors
    if fast is not None:
        assert as_rows(fast) == as_rows(careful)
