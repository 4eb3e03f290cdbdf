"""AppTest harness: the real dashboard app run in-process against the seeded SQLite database.

Pages are named by their file under ``dashboards/app_pages/`` (``page_file("donors.py")``).
Streamlit's caches live in
the process: each test starts with them empty, so no test sees another's results or engine.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tracker import db

DASHBOARDS = Path(__file__).resolve().parents[2] / "dashboards"


def page_file(page: str) -> str:
    """The page's path as AppTest.switch_page takes it (relative to app.py)."""
    return page if page.startswith("app_pages/") else f"app_pages/{page}"


RUN_TIMEOUT = 60  # seconds for one script run (the first one migrates-checks the database)

OpenPage = Callable[..., AppTest]


def _clear_caches() -> None:
    st.cache_data.clear()
    st.cache_resource.clear()
    db._engine_for.cache_clear()


@pytest.fixture
def app_url(seeded_sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The database the app under test reads (the shared seeded one: tests only read it)."""
    monkeypatch.setenv("TRACKER_DATABASE_URL", seeded_sqlite_url)
    monkeypatch.delenv("TRACKER_LOCALE", raising=False)
    monkeypatch.delenv("TRACKER_BASE_CURRENCY", raising=False)
    _clear_caches()
    yield seeded_sqlite_url
    _clear_caches()


@pytest.fixture
def open_page(app_url: str) -> OpenPage:
    """``open_page("donors.py", donor="DE")`` runs the app on that page with those query
    parameters, as opening such a link would, and returns the finished AppTest."""

    def run(page: str | None = None, **params: str) -> AppTest:
        at = AppTest.from_file(str(DASHBOARDS / "app.py"), default_timeout=RUN_TIMEOUT)
        if page is not None:  # page files are named like their URL paths, so no run is needed
            at.switch_page(page_file(page))
        at.query_params.update(params)
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return run


@pytest.fixture
def package_id(app_url: str) -> Callable[[str, str], int]:
    """``package_id("US", "PDA tranche 2024-12-02")``: the seeded package's id, as a link
    to its page would carry it."""
    import sqlalchemy as sa

    from tracker.domain import models as m

    engine = db.make_engine(app_url)

    def find(donor: str, title: str) -> int:
        P, D = m.Package.__table__, m.Donor.__table__
        with engine.connect() as conn:
            return conn.execute(
                sa.select(P.c.id)
                .join(D, D.c.id == P.c.donor_id)
                .where(D.c.code == donor, P.c.title == title)
            ).scalar_one()

    return find


@pytest.fixture
def writable_url(seeded_sqlite_url: str, tmp_path: Path, monkeypatch) -> str:
    """A private copy of the seeded database, for a test that writes."""
    source = Path(seeded_sqlite_url.removeprefix("sqlite:///"))
    target = tmp_path / "tracker.db"
    shutil.copy(source, target)
    url = f"sqlite:///{target}"
    monkeypatch.setenv("TRACKER_DATABASE_URL", url)
    _clear_caches()
    yield url
    _clear_caches()
