"""Download buttons for a dashboard table: the data and the briefing file of exactly the rows
the page shows, with the page's view, base currency and locale (docs/exports.md).

A page calls :func:`page_buttons` under each table with the rows and columns it displayed
(from one ``tracker.queries`` table function), so the screen and the file cannot drift apart.
The files are built only when a button is clicked (Streamlit runs the callable then), so an
unclicked button costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypedDict, Unpack

import streamlit as st
from sqlalchemy.engine import Engine
from sqlmodel import Session

from dashboards.widgets import ui_common
from dashboards.widgets.formatting import Col
from tracker.i18n import gettext as _
from tracker.io import exports as io_csv
from tracker.ledger import View
from tracker.queries import Column, Table


class Options(TypedDict):
    """What a download is of, beside its rows: the page's view, base currency (None for
    tables whose amounts stay in their stated currencies) and locale, and the table's name."""

    view: View
    currency: str | None
    locale: str
    name: str


@dataclass(frozen=True)
class Download:
    """One download button: what it says, the file it saves, and how to build the bytes."""

    label: str
    file_name: str
    mime: str
    build: Callable[[], bytes]


def downloads(
    engine: Engine,
    rows: Iterable[dict[str, object]],
    columns: Sequence[Column],
    **options: Unpack[Options],
) -> list[Download]:
    """The data download (a zip: the CSV and its provenance JSON) and the briefing download
    (one CSV for Excel, provenance block first) of ``rows``."""
    locale, name = options["locale"], options["name"]
    io_csv.check_options("briefing", locale)
    shown = list(rows)
    pinned = io_csv.pinned(options["view"])
    stem = f"{name}-{pinned.as_of}"

    def export(fmt: str) -> io_csv.CsvExport:
        with Session(engine) as session:
            prov = io_csv.provenance(session, name, pinned, currency=options["currency"])
        return io_csv.CsvExport(Table(name, tuple(columns), shown), prov, fmt, locale)

    return [
        Download(
            _("Download data (CSV + provenance, zip)"),
            f"{stem}.zip",
            "application/zip",
            lambda: io_csv.export_zip(export("data"), stem),
        ),
        Download(
            _("Download briefing (Excel, {language})").format(language=locale),
            f"{stem}-{locale}.csv",
            "text/csv",
            lambda: io_csv.export_bytes(export("briefing")),
        ),
    ]


def on_screen(columns: Sequence[Column], shown: Sequence[Col]) -> tuple[Column, ...]:
    """The export columns of what a page displays, in screen order, so the file holds the
    columns on screen: a displayed figure brings the keys that qualify it (its unit or
    currency and its hedge, and the upper bound a range shows), a formatted ``*_text`` column
    stands for its raw value, links (screen-only) are left out, and ``sources`` stays so every
    row keeps its provenance."""
    by_key = {c.key: c for c in columns}
    keys: list[str] = []
    for col in shown:
        base = col.key.removesuffix("_text")
        for key in (base, f"{base}_high", col.unit, col.hedge):
            if key and key in by_key and key not in keys:
                keys.append(key)
    if "sources" in by_key and "sources" not in keys:
        keys.append("sources")
    return tuple(by_key[k] for k in keys)


def download_buttons(
    rows: Iterable[dict[str, object]],
    columns: Sequence[Column],
    **options: Unpack[Options],
) -> None:
    """Render the two download buttons of a table side by side."""
    for slot, item in zip(
        st.columns(2), downloads(ui_common.engine(), rows, columns, **options), strict=True
    ):
        slot.download_button(
            item.label,
            data=item.build,
            file_name=item.file_name,
            mime=item.mime,
            key=f"download-{item.file_name}",
            on_click="ignore",
        )


def page_buttons(
    ctx: ui_common.Context,
    rows: Sequence[dict[str, object]],
    columns: Sequence[Column],
    shown: Sequence[Col],
    *,
    view: View,
    name: str,
) -> None:
    """The download buttons under a page's table: the columns on screen, in the page's base
    currency and language (every browse page exports its tables the same way)."""
    download_buttons(
        rows,
        on_screen(columns, shown),
        view=view,
        currency=ctx.currency,
        locale=ctx.locale,
        name=name,
    )
