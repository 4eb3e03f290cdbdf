"""Engines, sessions and migrations.

The schema is owned by Alembic: ``upgrade`` runs the migrations programmatically (the app and
``tracker init`` call it on start), so a database is never created from the models directly
and the migrations are exercised on every start.
"""

from __future__ import annotations

import inspect
import logging
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session

from tracker.resources import resource_dir
from tracker.settings import get_settings

log = logging.getLogger(__name__)


class DatabaseError(RuntimeError):
    """The database cannot be reached or used; the message is one line meant for a person."""


def migrations_dir() -> Path:
    """The Alembic folder: ``migrations/`` in a checkout, ``tracker/_migrations`` in a wheel."""
    try:
        return resource_dir("migrations", "env.py")
    except FileNotFoundError as exc:
        raise DatabaseError(str(exc)) from None


# The password of a URL SQLAlchemy cannot parse: after "scheme://user:", up to the last "@".
_PASSWORD = re.compile(r"(://[^/@:]*:)[^/]*@")


def mask_url(url: str) -> str:
    """The URL with any password replaced by ``***``, safe to print or log: the one helper
    every message that shows a database URL goes through (a URL SQLAlchemy cannot parse
    included)."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (sa.exc.ArgumentError, ValueError):
        return _PASSWORD.sub(r"\1***@", url)


def missing_database(url: str) -> str | None:
    """Why the SQLite file of ``url`` cannot hold a database yet (its folder or the file
    itself does not exist), or None: reading commands say so instead of reporting an empty
    database (and creating the file and its folders as a side effect)."""
    try:
        parsed = make_url(url)
    except (sa.exc.ArgumentError, ValueError):
        return None  # make_engine names the bad URL
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    path = Path(parsed.database).expanduser()
    if not path.parent.is_dir():
        return f"its folder {path.parent} does not exist"
    if not path.exists():
        return f"the file {path} does not exist"
    return None


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """Foreign keys on (SQLite ignores them otherwise); WAL and a busy timeout so several
    dashboard sessions can read while one writes."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str) -> Engine:
    """A new engine for ``url``; SQLite files get their folder created and sane pragmas."""
    try:
        parsed = make_url(url)
    except (sa.exc.ArgumentError, ValueError) as exc:  # ValueError: a port that is no number
        raise DatabaseError(f"TRACKER_DATABASE_URL is not a database URL: {mask_url(url)}") from exc
    kwargs: dict = {}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
    else:
        kwargs["pool_pre_ping"] = True
        # No JIT compilation: the balance views' estimated cost (per-row rate look-ups, the
        # recomputed lines of a past date) passes PostgreSQL's JIT thresholds, and LLVM then
        # spent two seconds compiling a reviewed-only balance that runs in a third of one
        # (and ~0.6 s on every chunk of a derived-row refresh).
        kwargs["connect_args"] = {"options": "-c jit=off"}
    try:
        engine = sa.create_engine(parsed, **kwargs)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ImportError) as exc:
        raise DatabaseError(f"cannot use database URL {mask_url(url)}: {exc}") from exc
    if parsed.get_backend_name() == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    return engine


@cache
def _engine_for(url: str) -> Engine:
    return make_engine(url)


def get_engine() -> Engine:
    """The process-wide engine for the configured URL (one pool per process)."""
    return _engine_for(get_settings().database_url)


def check_connection(engine: Engine) -> None:
    """Connect once, turning driver errors into a one-line :class:`DatabaseError`."""
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise DatabaseError(
            f"cannot connect to the database at {mask_url(str(engine.url))}: {reason}"
        ) from exc


def refusal(exc: sa.exc.OperationalError) -> str:
    """One line for a statement the database would not run (a read-only file, a lock held
    too long, a lost connection): the database, its reason, and that the transaction was
    rolled back (every write runs in :func:`session_scope`)."""
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
    url = mask_url(get_settings().database_url)
    return f"the database {url} refused the command: {reason}; nothing was written"


@contextmanager
def session_scope(engine: Engine | None = None) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error: all or nothing."""
    with Session(engine or get_engine(), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def alembic_config(engine: Engine) -> Config:
    """An Alembic config bound to ``engine`` without touching the logging setup of the caller."""
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    # The config is a ConfigParser: a literal % (a percent-encoded password, a SQLite URI's
    # "file%3A") must be doubled or it is read as an interpolation.
    url = engine.url.render_as_string(hide_password=False)
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate ``engine``'s database up to ``revision`` (head by default). A database that
    holds another application's tables is refused rather than given the tracker's beside
    them."""
    check_connection(engine)
    if others := foreign_tables(engine):
        raise DatabaseError(foreign_message(engine, others))
    _migrate(command.upgrade, engine, revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Migrate down to ``revision`` (``base`` empties the schema)."""
    check_connection(engine)
    _migrate(command.downgrade, engine, revision)


def _migrate(step: Callable[[Config, str], None], engine: Engine, revision: str) -> None:
    """Run an Alembic command; a revision it cannot find becomes one line naming the known
    ones (Alembic's own error would end the command in a traceback)."""
    try:
        step(alembic_config(engine), revision)
    except CommandError as exc:
        known = ", ".join(s.revision for s in reversed(list(_scripts().walk_revisions())))
        raise DatabaseError(f"revision {revision!r}: {exc}; the revisions are {known}") from None


def foreign_tables(engine: Engine) -> list[str]:
    """The tables of a database without a tracker revision (an empty ``alembic_version``
    aside): another application's, which the tracker neither reads nor migrates."""
    with engine.connect() as conn:
        if MigrationContext.configure(conn).get_current_revision() is not None:
            return []
        return sorted(set(sa.inspect(conn).get_table_names()) - {"alembic_version"})


def foreign_message(engine: Engine, tables: list[str]) -> str:
    """One line saying the database belongs to something else and what to do."""
    shown = ", ".join(tables[:5]) + (f" and {len(tables) - 5} more" if len(tables) > 5 else "")
    return (
        f"the database {mask_url(str(engine.url))} holds tables of another application "
        f"({shown}) and no tracker schema; point TRACKER_DATABASE_URL at the tracker's "
        "database or an empty one"
    )


def tables_dropped_by_downgrade(engine: Engine, revision: str) -> list[str]:
    """The tables the downgrade steps from the current revision to ``revision`` drop, read
    from each step's ``downgrade()`` (so ``db downgrade`` can say what will be lost before it
    loses it). A revision Alembic cannot resolve raises DatabaseError with its name."""
    current = current_revision(engine)
    if current is None:
        return []
    scripts = _scripts()
    target = None if revision == "base" else revision
    try:
        if target is not None and target.startswith("-"):
            steps = list(scripts.iterate_revisions(current, "base"))[: int(target[1:])]
        else:
            steps = list(scripts.iterate_revisions(current, target))
            steps = [s for s in steps if s.revision != target]
    except Exception as exc:  # alembic's own errors carry no common base type
        raise DatabaseError(f"revision {revision!r}: {exc}") from None
    dropped: list[str] = []
    for step in steps:
        source = inspect.getsource(step.module.downgrade)
        dropped += re.findall(r"drop_table\(\s*['\"](\w+)['\"]", source)
    return dropped


def _scripts() -> ScriptDirectory:
    """The migration scripts (no database needed)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    return ScriptDirectory.from_config(cfg)


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for an empty database."""
    check_connection(engine)
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str:
    """The single head of the migration scripts."""
    heads = _scripts().get_heads()
    if len(heads) != 1:
        raise DatabaseError(f"the migrations have {len(heads)} heads; expected exactly one")
    return heads[0]


def each_distinct(convert: Callable[[Any], Any], values: Sequence[Any]) -> list[Any]:
    """``[convert(v) for v in values]`` with each distinct value converted once: bulk code
    (an import, a read-back of its entries) repeats its dates and figures, and a column's
    processing per row cost more than the database's own work."""
    converted = {value: convert(value) for value in set(values)}
    return list(map(converted.__getitem__, values))
