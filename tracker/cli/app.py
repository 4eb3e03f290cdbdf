"""The ``tracker`` command: the Typer apps, shared helpers, and the entry point."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import sqlalchemy as sa
import typer

from tracker import db
from tracker.domain.vocab import SUPPORTED_LOCALES
from tracker.i18n import gettext as _
from tracker.i18n import set_locale

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


@app.callback()
def _choose_locale(
    locale: str = typer.Option(
        "en",
        "--locale",
        envvar="TRACKER_LOCALE",
        help=f"Language of messages meant for researchers: {', '.join(SUPPORTED_LOCALES)}.",
    ),
) -> None:
    """Set the language of this command's messages before it runs, so every message it
    prints (including errors) reads in one language."""
    if locale not in SUPPORTED_LOCALES:
        raise typer.BadParameter(f"--locale {locale!r}: use one of {', '.join(SUPPORTED_LOCALES)}")
    set_locale(locale)


class UserError(Exception):
    """An error the user can fix; printed as one line, exit status ``code``."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print ``message`` to stderr and return the Exit to raise."""
    say_error(message)
    return typer.Exit(code)


def input_file(path: Path) -> None:
    """Refuse, in one line, a path that is not a readable regular file with something in it:
    a folder, a device such as /dev/null, a missing file or an empty one each say so."""
    if path.is_dir():
        raise fail(
            _("{path} is a folder, not a file: give the CSV file inside it").format(path=path)
        )
    if not path.exists():
        raise fail(_("no such file: {file}").format(file=path))
    if not path.is_file():
        raise fail(
            _("{path} is not a regular file (a device, pipe or socket): give a CSV file").format(
                path=path
            )
        )
    if not os.access(path, os.R_OK):
        raise fail(_("{path} cannot be read (permission denied)").format(path=path))
    if path.stat().st_size == 0:
        raise fail(
            _("{path} is empty: a ledger CSV needs at least its header row").format(path=path)
        )


def write_failure(path: Path, exc: OSError) -> typer.Exit:
    """One line saying why ``path`` could not be written (no traceback)."""
    if not path.parent.is_dir():
        return fail(
            _("cannot write {path}: its folder {folder} does not exist").format(
                path=path, folder=path.parent
            )
        )
    reason = (exc.strerror or str(exc)).lower()
    return fail(_("cannot write {path}: {reason}").format(path=path, reason=reason))


def say_error(message: object) -> None:
    """One line on stderr, headed "error:" in the reader's language."""
    typer.echo(_("error: {message}").format(message=message), err=True)


def _engine():
    return db.get_engine()


def _echo_json(payload: object) -> None:
    typer.echo(json.dumps(payload, ensure_ascii=False, default=str))


def main() -> None:
    """Console entry point: user-fixable errors become one line on stderr."""
    from tracker.services import ValidationError

    try:
        app()
    except db.DatabaseError as exc:
        say_error(exc)
        sys.exit(1)
    except sa.exc.OperationalError as exc:
        say_error(db.refusal(exc))
        sys.exit(1)
    except (UserError, ValidationError) as exc:
        say_error(exc)
        sys.exit(getattr(exc, "code", 1))


def require_current(engine) -> None:
    """Reading commands do not migrate: an empty database, or one at an older revision than
    the code (whose tables differ), gets one line saying what to run instead of a traceback."""
    url = engine.url.render_as_string(hide_password=False)
    if (missing := db.missing_database(url)) is not None:
        raise fail(
            _("no database at {url}: {problem}; `tracker init` creates it").format(
                url=db.mask_url(url), problem=missing
            )
        )
    current, head = db.current_revision(engine), db.head_revision()
    if current is None and (others := db.foreign_tables(engine)):
        raise fail(db.foreign_message(engine, others))
    if current is None:
        raise fail(
            _("the database {url} is empty; run `tracker init`").format(
                url=db.mask_url(str(engine.url))
            )
        )
    if current != head:
        raise fail(
            _(
                "the database is at revision {current} and this tracker needs {head}: "
                "run `tracker db upgrade`"
            ).format(current=current, head=head)
        )
