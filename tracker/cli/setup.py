"""`tracker init`, `status`, `serve` and `db ...`: setting a database up and serving it."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import sqlalchemy as sa
import typer
from sqlmodel import SQLModel

from tracker import db
from tracker.cli.app import UserError, _echo_json, _engine, app, db_app, fail, require_current
from tracker.i18n import gettext as _
from tracker.i18n import ngettext
from tracker.settings import get_settings

# --- setup and status ------------------------------------------------------------------------


@app.command()
def init(
    no_sample: Annotated[
        bool,
        typer.Option(
            "--no-sample",
            help="Reference data only (donors, catalogue, rates, GDP, initiatives): no sample "
            "ledger entries.",
        ),
    ] = False,
) -> None:
    """Migrate the database to the latest schema and load the seed data (idempotent)."""
    from tracker.services.seed import SeedError, seed_database

    engine = _engine()
    db.upgrade(engine)
    try:
        report = seed_database(engine, samples=not no_sample)
    except SeedError as exc:
        raise fail(_("seed data refused, nothing written: {problem}").format(problem=exc)) from exc
    added = ", ".join(f"{n} {t}" for t, n in sorted(report.added.items()) if n)
    typer.echo(
        _("database {url} at revision {revision}; added {added}").format(
            url=db.mask_url(str(engine.url)),
            revision=db.head_revision(),
            added=added or _("nothing new"),
        )
    )


@app.command()
def status(as_json: Annotated[bool, typer.Option("--json", help="Machine-readable.")] = False):
    """Database URL (password masked), schema revision and row counts."""
    url = get_settings().database_url
    if (missing := db.missing_database(url)) is not None:
        raise fail(f"no database at {db.mask_url(url)}: {missing}; `tracker init` creates it")
    engine = _engine()
    revision = db.current_revision(engine)
    counts: dict[str, int] = {}
    if revision is not None:
        existing = set(sa.inspect(engine).get_table_names())
        with engine.connect() as conn:
            for table in SQLModel.metadata.sorted_tables:
                if table.name not in existing:
                    continue  # an older revision: `tracker db upgrade` creates it
                counts[table.name] = conn.execute(
                    sa.select(sa.func.count()).select_from(table)
                ).scalar_one()
    payload = {
        "database_url": db.mask_url(str(engine.url)),
        "revision": revision,
        "head": db.head_revision(),
        "up_to_date": revision == db.head_revision(),
        "tables": counts,
    }
    if as_json:
        _echo_json(payload)
        return
    typer.echo(_("database: {url}").format(url=payload["database_url"]))
    typer.echo(
        _("revision: {revision} (head {head})").format(
            revision=revision or _("(empty database)"), head=payload["head"]
        )
    )
    for name, n in counts.items():
        typer.echo(f"  {name:24} {n:>10}")


def dashboards_dir() -> Path:
    """The ``dashboards`` package's folder (installed beside ``tracker``; in a checkout, the
    editable install points at it)."""
    spec = importlib.util.find_spec("dashboards")
    if spec is None or spec.origin is None:
        raise UserError(_("the dashboards package is missing from this installation"))
    return Path(spec.origin).parent


@app.command()
def serve(
    port: Annotated[int, typer.Option(help="TCP port to listen on.")] = 8501,
    address: Annotated[str, typer.Option(help="Address to bind.")] = "127.0.0.1",
) -> None:
    """Migrate, then serve the Streamlit dashboards (no usage statistics, no remote calls)."""
    from tracker.ledger import ensure_effects

    engine = _engine()
    db.upgrade(engine)
    with db.session_scope(engine) as session:
        ensure_effects(session)  # a database migrated from before entry_effect existed
    app_path = dashboards_dir() / "app.py"
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app_path),
        "--server.port",
        str(port),
        "--server.address",
        address,
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--global.developmentMode",
        "false",
        "--client.toolbarMode",
        "minimal",
        "--server.fileWatcherType",
        "none",
    ]
    env = {**os.environ, "TRACKER_DATABASE_URL": str(engine.url.render_as_string(False))}
    typer.echo(
        _("serving on {address} (database {url})").format(
            address=f"http://{address}:{port}", url=db.mask_url(str(engine.url))
        )
    )
    raise typer.Exit(subprocess.call(cmd, env=env))


# --- migrations ------------------------------------------------------------------------------


@db_app.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument()] = "head") -> None:
    """Migrate up to REVISION (default: head)."""
    from tracker.services.maintenance import ensure_derived

    engine = _engine()
    db.upgrade(engine, revision)
    rebuilt = ensure_derived(engine) if db.current_revision(engine) == db.head_revision() else False
    at = _("at revision {revision}").format(revision=db.current_revision(engine))
    typer.echo(_("{at}; derived balances rebuilt from the ledger").format(at=at) if rebuilt else at)


@db_app.command("downgrade")
def db_downgrade(
    revision: Annotated[str, typer.Argument(help="Target, e.g. base or -1.")],
    yes: Annotated[
        bool, typer.Option("--yes", help="Drop the tables listed, with their data.")
    ] = False,
):
    """Migrate down to REVISION. Steps that drop tables holding rows say which, with their
    row counts, and run only with --yes."""
    engine = _engine()
    try:
        dropped = db.tables_dropped_by_downgrade(engine, revision)
    except db.DatabaseError as exc:
        raise fail(str(exc)) from exc
    counts = _row_counts(engine, dropped)
    if any(counts.values()) and not yes:
        lost = ", ".join(
            ngettext("{table} ({n} row)", "{table} ({n} rows)", n).format(table=name, n=n)
            for name, n in ((name, counts.get(name, 0)) for name in dropped)
            if n
        )
        raise fail(
            _(
                "downgrading to {revision} drops {tables}; back up first "
                "(tracker export --all DIR) and add --yes to go ahead"
            ).format(revision=revision, tables=lost)
        )
    db.downgrade(engine, revision)
    typer.echo(_("at revision {revision}").format(revision=db.current_revision(engine) or "base"))


def _row_counts(engine, tables: list[str]) -> dict[str, int]:
    existing = set(sa.inspect(engine).get_table_names())
    with engine.connect() as conn:
        return {
            name: conn.execute(sa.select(sa.func.count()).select_from(sa.table(name))).scalar_one()
            for name in tables
            if name in existing
        }


@db_app.command("check")
def db_check() -> None:
    """Recompute the derived balances from the ledger and compare them with the stored ones;
    exit 1 if any differ."""
    from tracker.services.maintenance import check_derived

    engine = _engine()
    require_current(engine)
    with db.session_scope(engine) as session:
        found = check_derived(session)
    if not found.ok:
        raise fail(
            _(
                "derived balances disagree with the ledger: {stored} rows stored, {expected} "
                "expected, {differing} entries differ (first: {first}); `tracker db upgrade` "
                "rebuilds them when they are empty"
            ).format(
                stored=found.stored,
                expected=found.expected,
                differing=len(found.differing),
                first=", ".join(map(str, found.differing[:5])),
            )
        )
    typer.echo(
        _("derived balances agree with the ledger: {rows} rows for {entries} entries").format(
            rows=found.stored, entries=found.entries
        )
    )


@db_app.command("current")
def db_current() -> None:
    """Print the database's revision."""
    typer.echo(db.current_revision(_engine()) or "base")
