"""The export file formats, byte for byte: data and briefing, every locale, hostile text.

A small table with one of each column kind is written with a fixed provenance, so the expected
files can be spelled out in full: header, column order, quoting, byte order mark, separators,
decimal marks and the provenance block.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from tracker.io import exports as io_csv
from tracker.io.exports import CsvExport, Provenance, neutralise
from tracker.ledger import View
from tracker.queries import Column, DataVersion, PriceBasis, RatesUsed, Table

COLUMNS = (
    Column("donor"),
    Column("equipment"),
    Column("outstanding", "number"),
    Column("delivered_share", "share"),
    Column("pledged_value", "money"),
    Column("entry_count", "integer"),
    Column("package_date", "date"),
    Column("aggregate_claim", "boolean"),
    Column("recorded_at", "timestamp"),
    Column("sources"),
)


def rows() -> list[dict[str, object]]:
    return [
        {
            "donor": "DE",
            "equipment": "Leopard 2A6",
            "outstanding": Decimal("18.000"),
            "delivered_share": Decimal("1.0000"),
            "pledged_value": Decimal("1234567.50"),
            "entry_count": 2,
            "package_date": date(2023, 1, 25),
            "aggregate_claim": False,
            "recorded_at": datetime(2023, 1, 26, 9, 30, tzinfo=UTC),
            "sources": 'https://example.org/a | Chancellor\'s statement, "Leopard"',
        },
        {
            "donor": "UA",
            "equipment": "Гепард; ППО",
            "outstanding": Decimal("-2.5"),
            "delivered_share": None,
            "pledged_value": Decimal("0.00"),
            "entry_count": 1,
            "package_date": None,
            "aggregate_claim": True,
            "recorded_at": datetime(2024, 3, 1, tzinfo=UTC),
            "sources": "",
        },
    ]


PROVENANCE = Provenance(
    table="balance",
    view=View(as_of=date(2024, 12, 31), donors=("DE", "UA")),
    currency="EUR",
    rates=(RatesUsed("USD", ("ECB",), (date(2024, 12, 2), date(2024, 12, 30)), ()),),
    version=DataVersion(
        42, datetime(2024, 12, 30, 8, tzinfo=UTC), datetime(2024, 12, 31, 17, 5, tzinfo=UTC)
    ),
)


def render(fmt: str, locale: str = "en", table_rows=None, prov: Provenance = PROVENANCE) -> bytes:
    table = Table("balance", COLUMNS, rows() if table_rows is None else table_rows)
    return io_csv.export_bytes(CsvExport(table, prov, fmt, locale))


# --- exact files -----------------------------------------------------------------------------


def test_data_format_is_plain_utf8_comma_separated_with_keys_as_headers():
    expected = (
        "donor,equipment,outstanding,delivered_share,pledged_value,entry_count,package_date,"
        "aggregate_claim,recorded_at,sources\r\n"
        "DE,Leopard 2A6,18,1.0000,1234567.50,2,2023-01-25,false,2023-01-26T09:30:00+00:00,"
        '"https://example.org/a | Chancellor\'s statement, ""Leopard"""\r\n'
        "UA,Гепард; ППО,-2.5,,0.00,1,,true,2024-03-01T00:00:00+00:00,\r\n"
    )
    assert render("data") == expected.encode("utf-8")


def test_the_data_format_is_the_same_whatever_the_locale():
    assert render("data", "uk") == render("data", "en")


# The whole briefing file in each language: a BOM for Excel, the provenance block, then the
# table; English separates with commas, the others with semicolons and decimal commas, and the
# Ukrainian file keeps its Cyrillic in UTF-8.
BRIEFINGS = {
    "en": (
        "\ufeffAid tracker export,Balance per donor and equipment\r\n"
        "As of,2024-12-31\r\n"
        "Basis,donors' own pledges and deliveries; as known on 2024-12-31; drafts included\r\n"
        "Base currency,EUR\r\n"
        'Exchange-rate dates,"USD (ECB): 2024-12-02, 2024-12-30"\r\n'
        'Filters,"Donors: DE, UA"\r\n'
        "Data version,ledger entries: 42; latest recorded 2024-12-30T08:00:00+00:00; "
        "latest change 2024-12-31T17:05:00+00:00\r\n"
        'Sources,"in each row, column(s) Sources"\r\n'
        "\r\n"
        "Donor,Equipment,Outstanding,Delivered share (%),Pledged value (EUR),Entries,"
        "Package date,Aggregate claim,Recorded at,Sources\r\n"
        "DE,Leopard 2A6,18,100.0,1234567.50,2,2023-01-25,no,2023-01-26T09:30:00+00:00,"
        '"https://example.org/a | Chancellor\'s statement, ""Leopard"""\r\n'
        "UA,Гепард; ППО,-2.5,,0.00,1,,yes,2024-03-01T00:00:00+00:00,\r\n"
    ),
    "de": (
        "\ufeffExport aus dem Hilfe-Tracker;Bilanz je Geber und Ausrüstung\r\n"
        "Stand;2024-12-31\r\n"
        'Grundlage;"eigene Zusagen und Lieferungen der Geber; Kenntnisstand 2024-12-31; '
        'Entwürfe eingeschlossen"\r\n'
        "Basiswährung;EUR\r\n"
        "Stichtage der Wechselkurse;USD (ECB): 2024-12-02, 2024-12-30\r\n"
        "Filter;Geber: DE, UA\r\n"
        'Datenstand;"Einträge im Buchungsjournal: 42; zuletzt erfasst 2024-12-30T08:00:00+00:00; '
        'letzte Änderung 2024-12-31T17:05:00+00:00"\r\n'
        "Quellen;in jeder Zeile, Spalte(n) Quellen\r\n"
        "\r\n"
        "Geber;Ausrüstung;Ausstehend;Gelieferter Anteil (%);Zugesagt, Wert (EUR);Einträge;"
        "Paketdatum;Sammelangabe;Erfasst am;Quellen\r\n"
        "DE;Leopard 2A6;18;100,0;1234567,50;2;2023-01-25;nein;2023-01-26T09:30:00+00:00;"
        '"https://example.org/a | Chancellor\'s statement, ""Leopard"""\r\n'
        'UA;"Гепард; ППО";-2,5;;0,00;1;;ja;2024-03-01T00:00:00+00:00;\r\n'
    ),
    "fr": (
        "\ufeffExport du suivi de l'aide;Bilan par donateur et équipement\r\n"
        "À la date du;2024-12-31\r\n"
        'Base;"promesses et livraisons propres des donateurs; selon les informations connues '
        'au 2024-12-31; brouillons inclus"\r\n'
        "Devise de référence;EUR\r\n"
        "Dates des taux de change;USD (ECB): 2024-12-02, 2024-12-30\r\n"
        "Filtres;Donateurs: DE, UA\r\n"
        'Version des données;"entrées du registre : 42 ; '
        "dernière saisie 2024-12-30T08:00:00+00:00 ; "
        'dernière modification 2024-12-31T17:05:00+00:00"\r\n'
        "Sources;dans chaque ligne, colonne(s) Sources\r\n"
        "\r\n"
        "Donateur;Équipement;Restant dû;Part livrée (%);Promis, valeur (EUR);Entrées;"
        "Date du paquet;Déclaration globale;Enregistré le;Sources\r\n"
        "DE;Leopard 2A6;18;100,0;1234567,50;2;2023-01-25;non;2023-01-26T09:30:00+00:00;"
        '"https://example.org/a | Chancellor\'s statement, ""Leopard"""\r\n'
        'UA;"Гепард; ППО";-2,5;;0,00;1;;oui;2024-03-01T00:00:00+00:00;\r\n'
    ),
    "uk": (
        "\ufeffЕкспорт із трекера допомоги;Баланс за донорами й технікою\r\n"
        "Станом на;2024-12-31\r\n"
        'Основа;"власні обіцянки й поставки донорів; за відомостями на 2024-12-31; '
        'включно з чернетками"\r\n'
        "Базова валюта;EUR\r\n"
        "Дати обмінних курсів;USD (ECB): 2024-12-02, 2024-12-30\r\n"
        "Фільтри;Донори: DE, UA\r\n"
        'Версія даних;"записи реєстру: 42; останній запис 2024-12-30T08:00:00+00:00; '
        'остання зміна 2024-12-31T17:05:00+00:00"\r\n'
        "Джерела;у кожному рядку, стовпці Джерела\r\n"
        "\r\n"
        "Донор;Техніка;Непоставлене;Частка поставленого (%);Обіцяно, вартість (EUR);Записи;"
        "Дата пакета;Сукупна заява;Час запису;Джерела\r\n"
        "DE;Leopard 2A6;18;100,0;1234567,50;2;2023-01-25;ні;2023-01-26T09:30:00+00:00;"
        '"https://example.org/a | Chancellor\'s statement, ""Leopard"""\r\n'
        'UA;"Гепард; ППО";-2,5;;0,00;1;;так;2024-03-01T00:00:00+00:00;\r\n'
    ),
}


@pytest.mark.parametrize("locale", BRIEFINGS)
def test_the_briefing_has_a_bom_a_provenance_block_and_headers_in_the_language(locale):
    data = render("briefing", locale)
    assert data.startswith(b"\xef\xbb\xbf")
    assert data == BRIEFINGS[locale].encode("utf-8")


def test_the_ledger_briefing_says_nothing_was_converted():
    prov = Provenance("ledger", View(as_of=date(2024, 12, 31)), None, (), PROVENANCE.version)
    text = render("briefing", "de", prov=prov).decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[0] == "Export aus dem Hilfe-Tracker;Einträge im Buchungsjournal"
    assert lines[3] == "Basiswährung;keine: Beträge in der Währung der Quelle"
    assert lines[4] == "Stichtage der Wechselkurse;keine: Beträge in der Währung der Quelle"
    assert lines[5] == "Filter;keine"


def test_a_date_without_a_rate_is_named_in_the_block():
    prov = Provenance(
        "balance",
        View(as_of=date(2024, 12, 31)),
        "EUR",
        (RatesUsed("UAH", (), (), (date(2022, 3, 1),)),),
        PROVENANCE.version,
    )
    lines = render("briefing", "en", prov=prov).decode("utf-8-sig").split("\r\n")
    assert lines[4] == "Exchange-rate dates,UAH: no rate for 2022-03-01"


# --- loading the files back ----------------------------------------------------------------------


def test_pandas_reads_the_data_format_with_no_options(tmp_path: Path):
    path = tmp_path / "balance.csv"
    path.write_bytes(render("data"))
    frame = pd.read_csv(path)
    assert list(frame.columns) == [c.key for c in COLUMNS]
    assert frame["outstanding"].tolist() == [18.0, -2.5]
    assert frame["pledged_value"].tolist() == [1234567.5, 0.0]
    assert frame["entry_count"].tolist() == [2, 1]
    assert frame["equipment"].tolist() == ["Leopard 2A6", "Гепард; ППО"]


def table_of_briefing(data: bytes, delimiter: str) -> list[list[str]]:
    """The table part of a briefing file: what follows the first empty line."""
    text = data.decode("utf-8-sig")
    table = text.split("\r\n\r\n", 1)[1]
    return list(csv.reader(io.StringIO(table, newline=""), delimiter=delimiter))


@pytest.mark.parametrize("locale, delimiter", [("en", ","), ("de", ";"), ("fr", ";"), ("uk", ";")])
def test_excel_separator_follows_the_decimal_mark(locale, delimiter):
    assert io_csv.delimiter("briefing", locale) == delimiter
    assert io_csv.delimiter("data", locale) == ","
    table = table_of_briefing(render("briefing", locale), delimiter)
    assert [len(r) for r in table] == [len(COLUMNS)] * 3


# --- formula injection -------------------------------------------------------------------------

HOSTILE = [
    '=HYPERLINK("http://evil.example","click")',
    "+SUM(1,2)",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
    "\u00a0=1+1",
    "＝1+1",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_text_that_a_spreadsheet_would_evaluate_gets_a_leading_apostrophe(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["Leopard 2A6", "", "1=1", "e-mail", "'quoted", " spaced"])
def test_harmless_text_is_left_alone(text):
    assert neutralise(text) == text


def hostile_rows() -> list[dict[str, object]]:
    """Hostile text in every text column (the kind of thing a pasted source title can hold)
    beside negative numbers, which must stay numbers."""
    out = []
    for n, text in enumerate(HOSTILE):
        out.append(
            {
                "donor": text,
                "equipment": "Gepard",
                "outstanding": Decimal(-n - 1),
                "delivered_share": Decimal("-0.5000"),
                "pledged_value": Decimal("-12.30"),
                "entry_count": n,
                "package_date": date(2024, 1, 1),
                "aggregate_claim": False,
                "recorded_at": datetime(2024, 1, 2, tzinfo=UTC),
                "sources": text + " | " + text,
            }
        )
    return out


@pytest.mark.parametrize("locale", ["en", "de", "fr", "uk"])
def test_hostile_cells_read_back_cell_by_cell_in_a_briefing(locale):
    table = table_of_briefing(
        render("briefing", locale, hostile_rows()), io_csv.delimiter("briefing", locale)
    )
    mark = "." if locale == "en" else ","
    for n, (text, cells) in enumerate(zip(HOSTILE, table[1:], strict=True)):
        assert cells[0] == "'" + text
        assert cells[1] == "Gepard"
        assert cells[2] == f"-{n + 1}"
        # A share is a percentage in a briefing, as on the page.
        assert cells[3] == f"-50{mark}0"
        assert cells[4] == f"-12{mark}30"
        assert cells[9] == "'" + text + " | " + text
        for cell in cells:
            assert cell[:1] not in "=+@\t\r" or cell == "", cell
            assert not cell.startswith("-") or cell.replace(mark, "").lstrip("-").isdigit()


def test_a_briefing_with_estimates_names_the_reference_prices_behind_them():
    prices = (
        PriceBasis("155mm artillery shell", "shell", Decimal("5000.00"), "EUR", 2024, "x", 3),
        PriceBasis("NASAMS", "system", Decimal("90000000.00"), "USD", None, None, 1),
    )
    prov = Provenance(
        "balance", PROVENANCE.view, "EUR", PROVENANCE.rates, PROVENANCE.version, prices
    )
    english = render("briefing", "en", prov=prov).decode("utf-8-sig").split("\r\n\r\n")[0]
    assert (
        dict(csv.reader(io.StringIO(english, newline="")))["Estimated values use reference prices"]
        == "155mm artillery shell: 5000.00 EUR/shell (2024); NASAMS: 90000000.00 USD/system"
    )
    german = render("briefing", "de", prov=prov).decode("utf-8-sig").split("\r\n\r\n")[0]
    assert "Geschätzte Werte nach Referenzpreisen" in german
    assert "Estimated values" not in render("briefing", "en").decode("utf-8-sig")  # none used


def test_a_hostile_filter_value_in_the_provenance_block_is_neutralised():
    prov = Provenance(
        "balance",
        View(as_of=date(2024, 12, 31), equipment="=cmd|' /C calc'!A0"),
        "EUR",
        (),
        PROVENANCE.version,
    )
    block = render("briefing", "en", prov=prov).decode("utf-8-sig").split("\r\n\r\n")[0]
    cells = dict(csv.reader(io.StringIO(block, newline="")))
    assert cells["Filters"] == "Equipment: =cmd|' /C calc'!A0"  # not at the start: inert
    prov = Provenance(
        "balance", View(as_of=date(2024, 12, 31), category="=1+1"), "EUR", (), PROVENANCE.version
    )
    block = render("briefing", "en", prov=prov).decode("utf-8-sig").split("\r\n\r\n")[0]
    assert dict(csv.reader(io.StringIO(block, newline="")))["Filters"] == "Category: =1+1"


def test_a_number_column_refuses_text_naming_the_column_and_value():
    bad = rows()
    bad[0]["outstanding"] = "=1+1"
    with pytest.raises(ValueError, match=r"column 'outstanding': expected a number, got '=1\+1'"):
        render("data", table_rows=bad)


@pytest.mark.parametrize(
    "column, value, message",
    [
        ("entry_count", Decimal("2.5"), "expected a whole number"),
        ("package_date", "2024-01-01", "expected a date"),
        ("recorded_at", datetime(2024, 1, 1), "expected a UTC timestamp"),
        ("pledged_value", True, "expected a number"),
    ],
)
def test_every_kind_checks_its_values(column, value, message):
    bad = rows()
    bad[1][column] = value
    with pytest.raises(ValueError, match=f"column '{column}': {message}"):
        render("briefing", "de", table_rows=bad)


@pytest.mark.parametrize(
    "fmt, locale, field", [("pdf", "en", "format 'pdf'"), ("data", "es", "locale 'es'")]
)
def test_unknown_format_or_locale_is_refused(fmt, locale, field):
    with pytest.raises(ValueError, match=field):
        CsvExport(Table("balance", COLUMNS, []), PROVENANCE, fmt, locale)


# --- streaming, companion files ------------------------------------------------------------------


def test_rows_are_written_as_they_are_read_not_collected_first():
    consumed = 0

    def endless_rows():
        nonlocal consumed
        template = rows()[0]
        while True:
            consumed += 1
            yield template

    chunks = CsvExport(Table("balance", COLUMNS, endless_rows()), PROVENANCE).chunks()
    first = next(chunks)
    assert consumed == io_csv.CHUNK_ROWS
    assert first.count("\n") == io_csv.CHUNK_ROWS + 1  # the header and one block of rows


def test_write_export_puts_the_provenance_beside_the_file(tmp_path: Path):
    path = tmp_path / "balance.csv"
    many = rows() * 1500
    written = io_csv.write_export(
        CsvExport(Table("balance", COLUMNS, iter(many)), PROVENANCE, "briefing", "uk"), path
    )
    data = path.read_bytes()
    assert written.rows == 3000
    assert written.provenance == tmp_path / "balance.csv.provenance.json"
    record = json.loads(written.provenance.read_text("utf-8"))
    assert record["sha256"] == hashlib.sha256(data).hexdigest() == written.sha256
    assert record["rows"] == 3000
    assert record["encoding"] == "utf-8-sig" and record["delimiter"] == ";"
    assert record["as_of"] == "2024-12-31" and record["base_currency"] == "EUR"
    assert record["filters"]["donors"] == ["DE", "UA"]
    assert record["exchange_rates"] == [
        {
            "currency": "USD",
            "providers": ["ECB"],
            "days": ["2024-12-02", "2024-12-30"],
            "missing": [],
        }
    ]
    assert record["data_version"] == {
        "ledger_entries": 42,
        "latest_recorded_at": "2024-12-30T08:00:00+00:00",
        "latest_change_at": "2024-12-31T17:05:00+00:00",
    }
    assert record["sources_columns"] == ["sources"]
    assert record["columns"][4] == {
        "key": "pledged_value",
        "kind": "money",
        "header": "Обіцяно, вартість (EUR)",
    }
    assert len(table_of_briefing(data, ";")) == 3001


def test_the_data_zip_holds_the_csv_and_its_provenance_and_is_reproducible():
    def build() -> bytes:
        table = Table("balance", COLUMNS, rows())
        return io_csv.export_zip(CsvExport(table, PROVENANCE, "data", "en"), "balance-2024-12-31")

    first = build()
    assert build() == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert archive.namelist() == [
            "balance-2024-12-31.csv",
            "balance-2024-12-31.csv.provenance.json",
        ]
        csv_bytes = archive.read("balance-2024-12-31.csv")
        record = json.loads(archive.read("balance-2024-12-31.csv.provenance.json"))
        assert archive.getinfo("balance-2024-12-31.csv").date_time == (2024, 12, 31, 0, 0, 0)
    assert csv_bytes == render("data")
    assert record["sha256"] == hashlib.sha256(csv_bytes).hexdigest()
    assert record["rows"] == 2 and record["format"] == "data" and record["locale"] is None


def test_a_text_column_holding_numbers_writes_them_as_text():
    odd = rows()
    odd[0]["donor"], odd[1]["donor"] = Decimal("-2"), 7
    table = list(csv.reader(io.StringIO(render("data", table_rows=odd).decode(), newline="")))
    assert [table[1][0], table[2][0]] == ["-2", "7"]
    briefing = table_of_briefing(render("briefing", table_rows=odd), ",")
    assert [briefing[1][0], briefing[2][0]] == ["'-2", "7"]


def test_the_data_format_writes_hostile_text_exactly_as_stored():
    data = render("data", "en", hostile_rows())
    table = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert [cells[0] for cells in table[1:]] == list(HOSTILE)
