"""The throwaway PostgreSQL server: private, deliberately not in UTC, and gone without a trace."""

from __future__ import annotations

import psycopg
import pytest

from tests.ci import unavailable
from tests.pg_server import HOST, SERVER_TIMEZONE, SUPERUSER, PgServer, PgServerError


@pytest.mark.postgres
def test_a_stopped_server_leaves_no_files_and_no_listener() -> None:
    try:
        server = PgServer.start()
    except PgServerError as exc:
        unavailable(f"the PostgreSQL test server could not start: {exc}")
    with server:
        url = server.create_database("scratch")
        with server.connect("scratch") as conn:
            row = conn.execute("SELECT current_database(), current_setting('TimeZone')").fetchone()
        root, port = server.root, server.port
        assert root.is_dir()

    assert url == f"postgresql+psycopg://{SUPERUSER}@{HOST}:{port}/scratch"
    assert row == ("scratch", SERVER_TIMEZONE)
    assert not root.exists()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(host=HOST, port=port, user=SUPERUSER, dbname="postgres", connect_timeout=3)


def test_dropping_a_database_cuts_off_connections_left_open(pg_server: PgServer) -> None:
    pg_server.create_database("left_open")
    forgotten = pg_server.connect("left_open")
    pg_server.drop_database("left_open")
    with pg_server.connect() as conn:
        names = {name for (name,) in conn.execute("SELECT datname FROM pg_database")}
    assert "left_open" not in names
    with pytest.raises(psycopg.OperationalError), forgotten:
        forgotten.execute("SELECT 1")
