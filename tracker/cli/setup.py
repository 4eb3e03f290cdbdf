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
from tracker.cli.app import UserError, _echo_json, _engine, app, db_app, fail

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
        raise fail(f"seed data refused, nothing written: {exc}") from exc
    added = ", ".join(f"{n} {t}" for t, n in sorted(report.added.items()) if n) or "nothing new"
    typer.echo(
        f"database {db.mask_url(str(engine.url))} at revision {db.head_revision()}; added {added}"
    )


@app.command()
def status(as_json: Annotated[bool, typer.Option("--json", help="Machine-readable.")] = False):
    """Database URL (password masked), schema revision and row counts."""
    engine = _engine()
    revision = db.current_revision(engine)
    counts: dict[str, int] = {}
    if revision is not None:
        with engine.connect() as conn:
            for table in SQLModel.metadata.sorted_tables:
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
    typer.echo(f"database: {payload['database_url']}")
    typer.echo(f"revision: {revision or '(empty database)'} (head {payload['head']})")
    for name, n in counts.items():
        typer.echo(f"  {name:24} {n:>10}")


def dashboards_dir() -> Path:
    """The ``dashboards`` package's folder (installed beside ``tracker``; in a checkout, the
    editable install points at it)."""
    spec = importlib.util.find_spec("dashboards")
    if spec is None or spec.origin is None:
        raise UserError("the dashboards package is missing from this installation")
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
    typer.echo(f"serving on http://{address}:{port} (database {db.mask_url(str(engine.url))})")
    raise typer.Exit(subprocess.call(cmd, env=env))


# --- migrations ------------------------------------------------------------------------------


@db_app.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument()] = "head") -> None:
    """Migrate up to REVISION (default: head)."""
    engine = _engine()
    db.upgrade(engine, revision)
    typer.echo(f"at revision {db.current_revision(engine)}")


@db_app.command("downgrade")
def db_downgrade(revision: Annotated[str, typer.Argument(help="Target, e.g. base or -1.")]):
    """Migrate down to REVISION."""
    engine = _engine()
    db.downgrade(engine, revision)
    typer.echo(f"at revision {db.current_revision(engine) or 'base'}")


@db_app.command("current")
def db_current() -> None:
    """Print the database's revision."""
    typer.echo(db.current_revision(_engine()) or "base")
