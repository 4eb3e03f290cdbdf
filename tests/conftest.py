"""Shared fixtures: a database per test on SQLite and on a real PostgreSQL server.

* ``db_url`` / ``engine`` / ``session`` run a test once per backend (``-k sqlite`` or
  ``-k postgresql`` picks one) on a fresh, migrated, empty database.
* ``seeded_sqlite_url`` / ``seeded_pg_url`` / ``seeded_db_url`` are migrated and seeded once per
  session and shared, so tests must only read them; ``seeded_session`` opens a session on them.
* ``pg_server`` starts a throwaway cluster (see :mod:`tests.pg_server`); if it cannot start, the
  PostgreSQL tests are skipped locally and fail in CI (see :mod:`tests.ci`).

Every test that reaches the PostgreSQL server gets the ``postgres`` marker automatically, so
``-m "not postgres"`` gives a quick SQLite-only run.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from tests.ci import MUST_RUN_IN_CI, in_ci, unavailable
from tests.pg_server import PgServer, PgServerError
from tracker import services as svc
from tracker.db import make_engine, upgrade
from tracker.domain import models as m
from tracker.services.seed import seed_database

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def sqlite_file_url(path: Path) -> str:
    """The SQLAlchemy URL of the SQLite file at ``path``."""
    return f"sqlite:///{path}"


# --- hooks -------------------------------------------------------------------------------


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that uses the PostgreSQL server (directly or through a fixture)."""
    for item in items:
        if "pg_server" in getattr(item, "fixturenames", ()) and not item.get_closest_marker(
            "postgres"
        ):
            item.add_marker(pytest.mark.postgres)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> pytest.TestReport:
    """In CI, a skipped PostgreSQL or browser test is a failed test, whoever skipped it."""
    report: pytest.TestReport = yield
    if report.skipped and in_ci() and not hasattr(report, "wasxfail"):
        kinds = [name for name in MUST_RUN_IN_CI if item.get_closest_marker(name)]
        if kinds:
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
            report.outcome = "failed"
            report.longrepr = f"{'/'.join(kinds)} test skipped in CI, where it must run: {reason}"
    return report


# --- isolation ---------------------------------------------------------------------------


@pytest.fixture(scope="session", autouse=True)
def _no_real_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Point TRACKER_DATABASE_URL at a scratch file: no test may touch the user's database."""
    path = tmp_path_factory.mktemp("default-db") / "tracker.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TRACKER_DATABASE_URL", sqlite_file_url(path))
        yield


# --- backends ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """The session's throwaway PostgreSQL server."""
    try:
        server = PgServer.start()
    except PgServerError as exc:
        unavailable(f"the PostgreSQL test server could not start: {exc}")
    with server:
        yield server


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """A new, empty PostgreSQL database for this test only, dropped afterwards."""
    name = f"test_{uuid.uuid4().hex[:16]}"
    yield pg_server.create_database(name)
    pg_server.drop_database(name)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A new SQLite file for this test only."""
    return sqlite_file_url(tmp_path / "test.db")


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest) -> str:
    """An empty database on each backend in turn (test ids end in ``[sqlite]``/``[postgresql]``)."""
    return request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")


@contextmanager
def migrated_engine(url: str) -> Iterator[Engine]:
    """An engine on ``url`` with the schema migrated to head, disposed of afterwards (so no
    test leaves a connection open on a database it drops)."""
    engine = make_engine(url)
    try:
        upgrade(engine)
        yield engine
    finally:
        engine.dispose()


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """An engine on ``db_url`` with the schema migrated to head."""
    with migrated_engine(db_url) as engine:
        yield engine


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """An ORM session on ``engine``, closed after the test."""
    with Session(engine) as session:
        yield session


def setup_reference(session: Session) -> None:
    """Two donors and one catalogue entry: what the data-entry forms pick from."""
    session.add(m.Donor(code="DE", kind="country", name="Germany", currency="EUR"))
    session.add(m.Donor(code="US", kind="country", name="United States", currency="USD"))
    session.add(
        m.EquipmentType(
            name="Leopard 2A6", family="Leopard 2", category="main battle tank", unit="tank"
        )
    )
    session.commit()


@pytest.fixture
def ready(session: Session) -> Session:
    """``session`` with :func:`setup_reference`'s donors and catalogue entry (a test file with
    other reference data defines its own ``ready``)."""
    setup_reference(session)
    return session


def count(session: Session, model: type) -> int:
    """How many rows the table of ``model`` holds."""
    return session.exec(select(func.count()).select_from(model)).one()


def draft_delivery(
    session: Session, package: m.Package, *, shells: int, day: date, stated: str, actor: str
) -> m.LedgerEntry:
    """A draft delivery of ``shells`` shells on the package's first line, citing the first
    recorded source: a researcher's entry waiting for review."""
    item = session.exec(select(m.Item).where(m.Item.package_id == package.id)).first()
    source = session.exec(select(m.Source)).first()
    data = svc.EntryInput(
        event="delivery", event_date=day, quantity=Decimal(shells), unit="shell", stated=stated
    )
    return svc.record_entry(
        session, package=package, item=item, source=source, recorded_by=actor, data=data
    )


# --- copies and generated ledgers (helpers the fixtures of several files build on) ---------


def copy_sqlite(source_url: str, target: Path) -> str:
    """A copy of a SQLite database made through the backup API (safe while it is open)."""
    with (
        sqlite3.connect(source_url.removeprefix("sqlite:///")) as src,
        sqlite3.connect(target) as dst,
    ):
        src.backup(dst)
    return f"sqlite:///{target}"


def copy_with_accounts(source_url: str, target: Path, roles: dict[str, str], password: str) -> str:
    """A copy of a SQLite database plus one account per ``name -> role`` (all with
    ``password``), for pages that need someone signed in."""
    from tracker.services import accounts

    url = copy_sqlite(source_url, target)
    engine = make_engine(url)
    with Session(engine) as session:
        for name, role in roles.items():
            accounts.create_user(session, name, role=role, password=password, actor="test")
        session.commit()
    engine.dispose()
    return url


def generated_ledger(
    request: pytest.FixtureRequest, folder: Path, name: str, **sizes: int
) -> Iterator[Session]:
    """A session on a seeded database with a synthetic ledger from ``bench.generate`` (sizes:
    entries, packages, items) and its derived rows, on the backend ``request.param`` names."""
    from bench.generate import generate
    from tracker.ledger import rebuild_effects

    if request.param == "sqlite":
        url = f"sqlite:///{folder / 'small.db'}"
    else:
        url = request.getfixturevalue("pg_server").create_database(name)
    with migrated_engine(url) as engine:
        seed_database(engine)
        generate(engine, **sizes)
        with Session(engine) as session:
            rebuild_effects(session)
            session.commit()
        with Session(engine) as session:
            yield session


# --- seeded databases (shared, read-only) -----------------------------------------------


def _migrate_and_seed(url: str) -> str:
    """Migrate ``url`` to head and load the seed data into it; returns ``url``."""
    with migrated_engine(url) as engine:
        seed_database(engine)
    return url


@pytest.fixture(scope="session")
def seeded_sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite database migrated and seeded once per session. Read-only for tests."""
    return _migrate_and_seed(sqlite_file_url(tmp_path_factory.mktemp("seeded") / "tracker.db"))


@pytest.fixture(scope="session")
def seeded_pg_url(pg_server: PgServer) -> str:
    """A PostgreSQL database migrated and seeded once per session. Read-only for tests."""
    return _migrate_and_seed(pg_server.create_database("seeded"))


@pytest.fixture(scope="session", params=BACKENDS)
def seeded_db_url(request: pytest.FixtureRequest) -> str:
    """The seeded database of each backend in turn. Read-only for tests."""
    name = "seeded_sqlite_url" if request.param == "sqlite" else "seeded_pg_url"
    return request.getfixturevalue(name)


@pytest.fixture
def seeded_session(seeded_db_url: str) -> Iterator[Session]:
    """A session on the seeded database of each backend in turn. Read-only for tests."""
    engine = make_engine(seeded_db_url)
    with Session(engine) as session:
        yield session
    engine.dispose()
