"""`tracker import-kiel`: a Kiel Institute Ukraine Support Tracker release into the ledger."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from tracker import db
from tracker.cli.app import _engine, app, fail, input_file
from tracker.cli.ledger import _parse_date
from tracker.i18n import gettext as _
from tracker.i18n import ngettext

SHOWN_ERRORS = 20


@app.command("import-kiel")
def import_kiel(
    file: Annotated[
        Path, typer.Argument(help="Kiel's bilateral-aid table: the processed CSV or Kiel's XLSX.")
    ],
    release: Annotated[int, typer.Option(help="Kiel's release number.")] = 28,
    release_date: Annotated[
        str | None,
        typer.Option("--release-date", help="YYYY-MM-DD; rows count as known from that day."),
    ] = None,
    user: Annotated[str, typer.Option(help="Recorded as recorded_by.")] = "",
    all_errors: Annotated[
        bool, typer.Option("--all-errors", help="List every problem, not only the first 20.")
    ] = False,
    report: Annotated[
        Path | None, typer.Option("--report", help="Write every problem to this file.")
    ] = None,
) -> None:
    """Import Kiel's commitments (as pledges) and allocations, each citing the release; all or
    nothing, and importing the same file again adds nothing."""
    from tracker.io.csv_columns import ImportFailed
    from tracker.io.kiel import KielError, Release
    from tracker.services.kiel_import import import_kiel as run

    input_file(file)
    chosen = Release(release, _parse_date(release_date, "--release-date"))
    engine = _engine()
    db.upgrade(engine)
    actor = user or os.environ.get("USER") or "cli"
    with typer.progressbar(
        length=1000, label=_("Importing {file}").format(file=file.name), file=None
    ) as bar:
        done = 0

        def progress(fraction: float, _message: str) -> None:
            nonlocal done
            step = int(fraction * 1000) - done
            if step > 0:
                bar.update(step)
                done += step

        try:
            with db.session_scope(engine) as session:
                result = run(session, file, release=chosen, actor=actor, progress=progress)
        except KielError as exc:
            raise fail(f"{file.name}: {exc}") from exc
        except ImportFailed as exc:
            problems = [str(e) for e in exc.errors]
            if report is not None:
                report.write_text("\n".join(problems) + "\n", encoding="utf-8")
            shown = problems if all_errors else problems[:SHOWN_ERRORS]
            more = len(problems) - len(shown)
            head = ngettext(
                "{file}: {n} problem; nothing was imported:",
                "{file}: {n} problems; nothing was imported:",
                len(problems),
            )
            lines = [head.format(file=file.name, n=len(problems))]
            lines += [f"  {p}" for p in shown]
            if more:
                where = (
                    _("all in {file}").format(file=report)
                    if report
                    else _("--all-errors or --report FILE")
                )
                lines.append(_("  ... and {n} more ({where})").format(n=more, where=where))
            raise fail("\n".join(lines)) from exc
    typer.echo(
        _(
            "{file}: {rows} Kiel rows, {inserted} entries imported, {unchanged} already present"
        ).format(
            file=file.name, rows=result.rows, inserted=result.inserted, unchanged=result.unchanged
        )
    )
