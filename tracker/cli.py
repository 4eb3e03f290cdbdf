"""The ``tracker`` command.

Each command is a thin wrapper: parse arguments, call the library, print. Errors a person can
fix (a bad file, an unreachable database, a wrong argument) end in one clear line on stderr and
a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import sqlalchemy as sa
import typer
from sqlmodel import SQLModel

from tracker import db

app = typer.Typer(
    help="Aid-pledge and military-support tracker.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
db_app = typer.Typer(help="Database migrations.", no_args_is_help=True)
app.add_typer(db_app, name="db")
rates_app = typer.Typer(help="Exchange rates (ECB rates load at init).", no_args_is_help=True)
app.add_typer(rates_app, name="rates")
user_app = typer.Typer(help="Accounts that may write (viewing needs none).", no_args_is_help=True)
app.add_typer(user_app, name="user")


class UserError(Exception):
    """An error the user can fix; printed as one line, exit status ``code``."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print ``message`` to stderr and return the Exit to raise."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def _engine():
    return db.get_engine()


def _echo_json(payload: object) -> None:
    typer.echo(json.dumps(payload, ensure_ascii=False, default=str))


# --- setup and status ------------------------------------------------------------------------


@app.command()
def init() -> None:
    """Migrate the database to the latest schema and load the seed data (idempotent)."""
    from tracker.seed import SeedError, seed_database

    engine = _engine()
    db.upgrade(engine)
    try:
        report = seed_database(engine)
    except SeedError as exc:
        raise fail(f"seed data refused, nothing written: {exc}") from exc
    added = ", ".join(f"{n} {t}" for t, n in sorted(report.added.items()) if n) or "nothing new"
    typer.echo(f"database {db.mask_url(str(engine.url))} at revision {db.head_revision()}; "
               f"added {added}")  # fmt: skip


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
    """``dashboards/`` in a checkout, ``tracker/_dashboards`` in an installed wheel."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "dashboards", here / "_dashboards"):
        if (candidate / "app.py").exists():
            return candidate
    raise UserError("the dashboards folder is missing from this installation")


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
        sys.executable, "-m", "streamlit", "run", str(app_path),
        "--server.port", str(port), "--server.address", address,
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
        "--global.developmentMode", "false", "--client.toolbarMode", "minimal",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
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
    from tracker.ledger_csv import ImportFailed, import_file

    if all_ is not None:
        _restore(all_, file)
        return
    if file is None:
        raise fail("give a ledger CSV to import, or --all DIR to restore a backup", 2)
    if not file.is_file():
        raise fail(f"no such file: {file}")
    actor = user or os.environ.get("USER") or "cli"
    engine = _engine()
    db.upgrade(engine)
    try:
        with db.session_scope(engine) as session:
            report = import_file(session, file, actor=actor)
    except ImportFailed as exc:
        raise fail(f"{file.name}: {exc}") from exc
    typer.echo(
        f"{file.name}: {report.rows} rows, {report.inserted} entries imported, "
        f"{report.unchanged} already present, {report.new_warnings} new warnings"
    )


def _restore(folder: Path, file: Path | None) -> None:
    """``tracker import --all DIR``: a backup back into an empty database."""
    from tracker.backup import BackupError, restore

    if file is not None:
        raise fail("give either a ledger CSV or --all DIR, not both", 2)
    if not folder.is_dir():
        raise fail(f"--all: no such folder: {folder}", 2)
    try:
        counts = restore(_engine(), folder)
    except BackupError as exc:
        raise fail(f"{folder}: {exc}; nothing was restored") from exc
    typer.echo(f"restored {sum(counts.values())} rows into {len(counts)} tables from {folder}; "
               "derived totals rebuilt")  # fmt: skip


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
        str | None, typer.Option(help="Base currency of values (balance, packages).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="data or briefing.")] = "data",
    locale: Annotated[str | None, typer.Option(help="Briefing language: en, de, fr, uk.")] = None,
    reviewed_only: Annotated[bool, typer.Option("--reviewed-only")] = False,
) -> None:
    """Export a view as CSV (data or briefing, docs/exports.md), or --all tables as a backup."""
    from tracker import io_csv

    if all_ is not None:
        _backup(all_, file)
        return
    if file is None:
        raise fail("give a FILE to write, or --all DIR for a full backup", 2)
    from tracker.settings import get_settings

    settings = get_settings()
    _require_schema()
    try:
        request = io_csv.ExportRequest(
            view=view, donors=tuple(donor or ()), as_of=_parse_date(as_of, "--as-of"),
            currency=currency, fmt=fmt, locale=locale or settings.locale,
            reviewed_only=reviewed_only, default_currency=settings.base_currency,
        )  # fmt: skip
        with db.session_scope() as session:
            written = io_csv.export_view(session, request, file)
    except io_csv.ExportError as exc:
        raise fail(str(exc), 2) from exc
    typer.echo(f"{file}: {written.rows} rows ({fmt}); provenance in {written.provenance.name}")


def _require_schema() -> None:
    """Reading commands do not migrate: an empty database gets a hint instead of a traceback."""
    if db.current_revision(_engine()) is None:
        raise fail(f"the database {db.mask_url(str(_engine().url))} is empty; run `tracker init`")


def _backup(folder: Path, file: Path | None) -> None:
    """``tracker export --all DIR``: every table into a new folder."""
    from tracker.backup import BackupError, backup

    if file is not None:
        raise fail("give either a FILE or --all DIR, not both", 2)
    _require_schema()
    try:
        written = backup(_engine(), folder)
    except BackupError as exc:
        raise fail(str(exc), 2) from exc
    rows = sum(t.rows for t in written)
    typer.echo(f"{folder}: {rows} rows from {len(written)} tables, and the ledger as ledger.csv")


def _parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise fail(f"{option} must be a date as YYYY-MM-DD (got {value!r})", 2) from None


@app.command()
def balance(
    donor: Annotated[list[str] | None, typer.Option(help="Donor code(s).")] = None,
    equipment: Annotated[str | None, typer.Option(help="Equipment name/family text.")] = None,
    category: Annotated[str | None, typer.Option(help="Equipment category.")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="YYYY-MM-DD")] = None,
    currency: Annotated[str, typer.Option(help="Base currency.")] = "EUR",
    reviewed_only: Annotated[bool, typer.Option("--reviewed-only")] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Pledged, allocated, delivered, cancelled and outstanding per donor and equipment."""
    from tracker import queries

    view = queries.make_view(
        donors=donor or (), equipment=equipment, category=category,
        as_of=_parse_date(as_of, "--as-of"), reviewed_only=reviewed_only,
    )  # fmt: skip
    with db.session_scope() as session:
        rows = queries.balance_rows(session, view, currency=currency.upper())
    if as_json:
        for row in rows:
            _echo_json(row)
        return
    typer.echo(f"# {view.basis}; values in {currency.upper()}")
    for row in rows:
        typer.echo(
            f"{row['donor']:>6}  {(row['equipment'] or '(money)')[:32]:32} "
            f"{row['pledged']:>12} {row['delivered']:>12} {row['outstanding']:>12} "
            f"{row['unit'] or '':10} {row['pledged_value']:>18} {row['delivered_value']:>18}"
        )


@app.command()
def warnings(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Reconciliation warnings (kept and listed, never dropped)."""
    from tracker.ledger import list_warnings

    with db.session_scope() as session:
        found = list_warnings(session)
    for w in found:
        if as_json:
            _echo_json(w)
        else:
            typer.echo(f"{w['kind']:24} {w['donor']:>6} {w['package']}: {w['message']}")
    if not as_json:
        typer.echo(f"{len(found)} warning(s)")


# --- figures and exchange rates -------------------------------------------------------------

Locale = Annotated[str, typer.Option(help="Number notation: en, de, fr or uk.")]


@app.command()
def parse(
    text: Annotated[str, typer.Argument(help='A figure as printed, e.g. "$725m".')],
    locale: Locale = "en",
    donor_currency: Annotated[str | None, typer.Option(help="Settles '$' or 'kr'.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable.")] = False,
) -> None:
    """Read one figure (money or quantity) the way the tracker will store it."""
    from tracker.display import describe
    from tracker.parsing import ParseError
    from tracker.parsing import parse as parse_figure

    try:
        figure = parse_figure(text, locale, donor_currency)
    except ParseError as exc:
        raise fail(str(exc), 2) from exc
    if as_json:
        _echo_json(figure.as_json())
    else:
        typer.echo(describe(figure, locale))


@app.command()
def convert(
    text: Annotated[str, typer.Argument(help='An amount as printed, e.g. "$725m".')],
    to: Annotated[str, typer.Option(help="ISO 4217 code to convert into.")],
    on: Annotated[str, typer.Option(help="Date of the rate, YYYY-MM-DD.")],
    locale: Locale = "en",
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable.")] = False,
) -> None:
    """Convert an amount at the rate of a date (or the last business day before it)."""
    from tracker.fx import FxError, convert_figure
    from tracker.parsing import ParseError

    day = _parse_date(on, "--on")
    try:
        with db.session_scope() as session:
            result = convert_figure(session, text, to.upper(), day, locale)
    except (ParseError, FxError) as exc:
        raise fail(str(exc), 2) from exc
    if as_json:
        _echo_json(result)
        return
    high = f"–{result['high']}" if result["high"] else ""
    stale = " STALE: past the last known rate" if result["stale"] else ""
    typer.echo(
        f"{result['amount']}{high} {result['currency']} at {result['rate']} "
        f"({result['provider']} rate of {result['rate_date']}){stale}"
    )


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="A news article or live blog as UTF-8 text.")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per fact.")] = False,
    on: Annotated[str | None, typer.Option("--date", help="Article date, YYYY-MM-DD.")] = None,
    locale: Locale = "en",
) -> None:
    """Candidate pledges and deliveries in a news text, each with its sentence."""
    from tracker.extract import extract_facts
    from tracker.parsing import ParseError

    try:
        with file.open(encoding="utf-8", newline="") as handle:  # offsets count \r too
            text = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise fail(f"{file}: cannot read as UTF-8 text ({exc})", 2) from exc
    try:
        facts = extract_facts(text, published=_parse_date(on, "--date"), locale=locale)
    except ParseError as exc:
        raise fail(str(exc), 2) from exc
    for fact in facts:
        if as_json:
            _echo_json(fact.as_json())
            continue
        figure = " ".join(
            str(part) for part in (fact.qualifier, fact.quantity, fact.unit, fact.amount,
                                   fact.currency) if part is not None
        )  # fmt: skip
        total = " (running total)" if fact.cumulative else ""
        typer.echo(
            f"{fact.start}-{fact.end} {fact.donor} {fact.kind} {figure}{total}"
            f" {fact.item or ''} [{fact.date or 'no date'}]"
        )
    if not as_json:
        typer.echo(f"{len(facts)} candidate fact(s)")


@app.command("extract-eval")
def extract_eval(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Labelled JSONL files. Default: tests/data/extraction_eval.jsonl and, when"
            " present, ../shared/real/extraction_dev.jsonl."
        ),
    ] = None,
    mistakes: Annotated[bool, typer.Option("--mistakes", help="List every mismatch.")] = False,
) -> None:
    """Precision and recall of `tracker extract` on hand-labelled sentences."""
    from tracker.extract_eval import LabelError, evaluate_file, report

    defaults = ("tests/data/extraction_eval.jsonl", "../shared/real/extraction_dev.jsonl")
    chosen = files or [Path(p) for p in defaults if Path(p).exists()]
    if not chosen:
        raise fail("no labelled file given and none found at the default paths", 2)
    for path in chosen:
        try:
            scores = evaluate_file(path)
        except (OSError, LabelError) as exc:
            raise fail(f"{path}: {exc}", 2) from exc
        typer.echo(report(str(path), scores, show_mistakes=mistakes))


@rates_app.command("import")
def rates_import(
    file: Annotated[Path, typer.Argument(help="CSV with columns date,currency,rate_to_eur.")],
    provider: Annotated[str, typer.Option(help="Who publishes these rates, e.g. NBU.")],
) -> None:
    """Import exchange rates (units per 1 EUR) for currencies the ECB does not cover."""
    from tracker.fx import FxError, import_rates_csv
    from tracker.ledger import rebuild_effects

    engine = _engine()
    db.upgrade(engine)
    try:
        with db.session_scope(engine) as session:
            added = import_rates_csv(session, file, provider)
            rebuild_effects(session)  # entries in these currencies can now be converted
    except FxError as exc:
        raise fail(f"{file.name}: {exc}; nothing imported") from exc
    typer.echo(f"{file.name}: {added} rates added for provider {provider}")


# --- accounts --------------------------------------------------------------------------------


def _read_password(from_stdin: bool) -> str:
    """The new password from the first line of stdin (for scripts), else a hidden prompt."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True)


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="Account name; the e-mail address for OIDC.")],
    role: Annotated[str, typer.Option(help="editor, reviewer or admin.")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from stdin's first line.")
    ] = False,
    oidc_only: Annotated[
        bool, typer.Option("--oidc-only", help="No password: sign-in through OIDC only.")
    ] = False,
) -> None:
    """Create an account that may write; its password is prompted for, never an argument."""
    from tracker import auth
    from tracker.services import ValidationError

    if password_stdin and oidc_only:
        raise fail("--password-stdin and --oidc-only exclude each other", 2)
    if role not in auth.ROLES:  # before the password prompt, not after it
        raise fail(f"--role must be one of {', '.join(auth.ROLES)} (got {role!r})", 2)
    password = None if oidc_only else _read_password(password_stdin)
    engine = _engine()
    db.upgrade(engine)
    try:
        with db.session_scope(engine) as session:
            user = auth.create_user(
                session, name, role=role, password=password,
                actor=os.environ.get("USER") or "cli",
            )  # fmt: skip
    except ValidationError as exc:
        raise fail(f"{exc}; no account created") from exc
    how = "OIDC sign-in only" if oidc_only else "password set"
    typer.echo(f"account {user.name!r} created with role {user.role} ({how})")


@user_app.command("list")
def user_list() -> None:
    """Every account with its role and whether it is active."""
    from tracker import auth

    engine = _engine()
    db.upgrade(engine)
    with db.session_scope(engine) as session:
        users = auth.list_users(session)
    for user in users:
        how = "oidc-only" if user.password_hash == auth.NO_PASSWORD else "password"
        state = "active" if user.active else "disabled"
        typer.echo(f"{user.name:40} {user.role:9} {state:9} {how}")
    if not users:
        typer.echo("no accounts; create one with: tracker user add NAME --role admin")


def main() -> None:
    """Console entry point: user-fixable errors become one line on stderr."""
    from tracker.services import ValidationError

    try:
        app()
    except db.DatabaseError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except (UserError, ValidationError) as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(getattr(exc, "code", 1))
