"""`tracker import` and `tracker export`: files in and out, backups included."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from tracker import db
from tracker.cli.app import _engine, app, fail, input_file, require_current, write_failure
from tracker.cli.ledger import _parse_date
from tracker.i18n import current_locale, ngettext
from tracker.i18n import gettext as _

# --- ledger ----------------------------------------------------------------------------------


@app.command("import")
def import_(
    file: Annotated[Path | None, typer.Argument(help="A ledger CSV (docs/ledger-csv.md).")] = None,
    user: Annotated[str, typer.Option(help="Recorded as recorded_by.")] = "",
    all_: Annotated[
        Path | None, typer.Option("--all", help="Restore a backup folder into an empty database.")
    ] = None,
) -> None:
    """Import a ledger CSV: every row checked first; on any error nothing is written."""
    from tracker.io.csv_columns import ImportFailed
    from tracker.services.ledger_import import import_in_transaction

    file = _file_or_all(
        file,
        all_,
        _restore,
        _("give either a ledger CSV or --all DIR, not both"),
        _("give a ledger CSV to import, or --all DIR to restore a backup"),
    )
    if file is None:
        return
    input_file(file)
    actor = user or os.environ.get("USER") or "cli"
    engine = _engine()
    db.upgrade(engine)
    try:
        report = import_in_transaction(
            engine, file.read_bytes(), write=True, actor=actor, label=file.name
        )
    except ImportFailed as exc:
        raise fail(f"{file.name}: {exc}") from exc
    typer.echo(
        _(
            "{file}: {rows} rows, {inserted} entries imported, {unchanged} already present, "
            "{warnings} new warnings"
        ).format(
            file=file.name,
            rows=report.rows,
            inserted=report.inserted,
            unchanged=report.unchanged,
            warnings=report.new_warnings,
        )
    )


def _file_or_all(
    file: Path | None, folder: Path | None, whole: Callable[[Path], None], both: str, missing: str
) -> Path | None:
    """The FILE an import or export works on, or None once ``whole`` has handled ``--all DIR``
    (the whole database); both at once, or neither, is a usage error (exit code 2)."""
    if folder is not None:
        if file is not None:
            raise fail(both, 2)
        whole(folder)
        return None
    if file is None:
        raise fail(missing, 2)
    return file


def _restore(folder: Path) -> None:
    """``tracker import --all DIR``: a backup back into an empty database."""
    from tracker.io.backup import BackupError
    from tracker.services.restore import restore

    if not folder.is_dir():
        raise fail(_("--all: no such folder: {folder}").format(folder=folder), 2)
    try:
        counts = restore(_engine(), folder)
    except BackupError as exc:
        raise fail(
            _("{folder}: {problem}; nothing was restored").format(folder=folder, problem=exc)
        ) from exc
    typer.echo(
        _("restored {rows} rows into {tables} tables from {folder}; derived totals rebuilt").format(
            rows=sum(counts.values()), tables=len(counts), folder=folder
        )
    )


@app.command("export")
def export(
    file: Annotated[Path | None, typer.Argument(help="The CSV file to write.")] = None,
    all_: Annotated[
        Path | None, typer.Option("--all", help="Back up every table into this new folder.")
    ] = None,
    view: Annotated[str, typer.Option(help="ledger, balance or packages.")] = "ledger",
    donor: Annotated[list[str] | None, typer.Option(help="Donor code(s).")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="YYYY-MM-DD; default today.")] = None,
    currency: Annotated[
        str | None,
        typer.Option(
            help="Base currency of values (balance, packages; for the ledger, adds each "
            "amount's converted value beside it)."
        ),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="data or briefing.")] = "data",
    locale: Annotated[str | None, typer.Option(help="Briefing language: en, de, fr, uk.")] = None,
    reviewed_only: Annotated[bool, typer.Option("--reviewed-only")] = False,
    source: Annotated[
        str | None,
        typer.Option(help="kiel: only Kiel Institute data; own: everything else."),
    ] = None,
) -> None:
    """Export a view as CSV (data or briefing, docs/exports.md), or --all tables as a backup."""
    from tracker.io import exports as io_csv

    file = _file_or_all(
        file,
        all_,
        _backup,
        _("give either a FILE or --all DIR, not both"),
        _("give a FILE to write, or --all DIR for a full backup"),
    )
    if file is None:
        return
    from tracker.settings import get_settings

    settings = get_settings()
    require_current(_engine())
    try:
        request = io_csv.ExportRequest(
            view=view,
            donors=tuple(donor or ()),
            as_of=_parse_date(as_of, "--as-of"),
            currency=currency,
            fmt=fmt,
            locale=locale or current_locale(),  # the command's --locale / TRACKER_LOCALE
            reviewed_only=reviewed_only,
            default_currency=settings.base_currency,
            source=source,
        )
        with db.session_scope() as session:
            written = io_csv.export_view(session, request, file)
    except io_csv.ExportError as exc:
        raise fail(str(exc), 2) from exc
    except OSError as exc:
        raise write_failure(file, exc) from exc
    typer.echo(
        ngettext(
            "{file}: {rows} row ({format}); provenance in {provenance}",
            "{file}: {rows} rows ({format}); provenance in {provenance}",
            written.rows,
        ).format(file=file, rows=written.rows, format=fmt, provenance=written.provenance.name)
    )


def _backup(folder: Path) -> None:
    """``tracker export --all DIR``: every table into a new folder."""
    from tracker.io.backup import BackupError, backup

    require_current(_engine())
    try:
        written = backup(_engine(), folder)
    except BackupError as exc:
        raise fail(str(exc), 2) from exc
    except OSError as exc:
        raise write_failure(folder, exc) from exc
    rows = sum(t.rows for t in written)
    typer.echo(
        _("{folder}: {rows} rows from {tables} tables, and the ledger as ledger.csv").format(
            folder=folder, rows=rows, tables=len(written)
        )
    )
