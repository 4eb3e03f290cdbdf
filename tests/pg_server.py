"""A throwaway PostgreSQL server for tests and benchmarks.

The PostgreSQL tests must run against a real server, but nobody should have to install and
configure one by hand, and a test run must never touch a server that holds real data. So this
module creates a private cluster in a temporary folder, listening only on 127.0.0.1 on a free
port with trust authentication, and deletes it again when stopped.

PostgreSQL refuses to run as root. When this process is root, ``initdb`` and ``pg_ctl`` run as
the ``postgres`` system user (created by Debian's ``postgresql`` package) and the folder is
handed over to that user; otherwise they run as the current user.

It is plain Python (no pytest) so the test fixtures and the ``bench/`` scripts share it.
``python -m tests.pg_server`` starts a server, prints the URL of an empty ``tracker`` database
on it and keeps it running until Ctrl-C, for poking at by hand.
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

import psycopg
from psycopg import sql

SUPERUSER = "postgres"
HOST = "127.0.0.1"
# A zone far from UTC on purpose: code that forgets timezones shows up as a failing test here
# instead of as shifted dates on a team server that does not run in UTC.
SERVER_TIMEZONE = "Europe/Kyiv"
# Durability is pointless for a cluster that is deleted after the run; turning it off makes
# CREATE DATABASE and the many small commits of the tests several times faster.
FAST_UNSAFE_SETTINGS = ("fsync=off", "synchronous_commit=off", "full_page_writes=off")
START_ATTEMPTS = 3  # another process may grab the free port between probing and binding it


class PgServerError(RuntimeError):
    """The throwaway server could not be started; the message says why (with the server log)."""


def find_bindir() -> Path:
    """The folder holding ``initdb`` and ``pg_ctl``: ``pg_config --bindir``, else Debian's layout.

    Debian keeps the server binaries out of PATH (``/usr/lib/postgresql/<major>/bin``); the
    newest installed major version wins.
    """
    candidates: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        result = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
        if result.returncode == 0 and result.stdout.strip():
            candidates.append(Path(result.stdout.strip()))
    debian = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0,
        reverse=True,
    )
    candidates.extend(Path(p) for p in debian)
    for bindir in candidates:
        if (bindir / "initdb").is_file() and (bindir / "pg_ctl").is_file():
            return bindir
    raise PgServerError(
        "PostgreSQL server binaries (initdb, pg_ctl) not found via pg_config --bindir or in "
        "/usr/lib/postgresql/*/bin; install Debian's postgresql package "
        "(bash scripts/setup.sh --system-deps does this as root)"
    )


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _as_server_user(argv: list[str]) -> list[str]:
    """``argv`` wrapped to run as the postgres user when we are root (PostgreSQL refuses root)."""
    if os.geteuid() != 0:
        return argv
    if shutil.which("runuser"):
        return ["runuser", "-u", SUPERUSER, "--", *argv]
    return ["su", SUPERUSER, "-s", "/bin/sh", "-c", shlex.join(argv)]


def _hand_over(path: Path) -> None:
    """Give ``path`` to the postgres user when we are root, so the server may write into it."""
    if os.geteuid() != 0:
        return
    try:
        account = pwd.getpwnam(SUPERUSER)
    except KeyError as exc:
        raise PgServerError(
            f"running as root but there is no {SUPERUSER!r} system user to run PostgreSQL as; "
            "install Debian's postgresql package, which creates it"
        ) from exc
    os.chown(path, account.pw_uid, account.pw_gid)


def _tail(path: Path, lines: int = 20) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no server log)"


@dataclass
class PgServer:
    """A running throwaway cluster; :meth:`stop` shuts it down and deletes every file of it."""

    root: Path
    bindir: Path
    port: int
    _stopped: bool = field(default=False, repr=False)

    @property
    def datadir(self) -> Path:
        return self.root / "data"

    @property
    def logfile(self) -> Path:
        return self.root / "server.log"

    @classmethod
    def start(cls, timeout: float = 60.0) -> PgServer:
        """Create a cluster in a new temporary folder, start it, wait until it takes queries."""
        bindir = find_bindir()
        root = Path(tempfile.mkdtemp(prefix="tracker-pg-"))
        server = cls(root=root, bindir=bindir, port=0)
        try:
            _hand_over(root)
            server._initdb()
            for attempt in range(1, START_ATTEMPTS + 1):
                server.port = free_port()
                try:
                    server._pg_ctl_start(timeout)
                    break
                except PgServerError:
                    if attempt == START_ATTEMPTS:
                        raise
            server._wait_until_ready(timeout)
        except BaseException:
            server.stop()
            raise
        atexit.register(server.stop)  # a crashed test run must not leave a server behind
        return server

    def _run(self, argv: list[str], what: str) -> None:
        result = subprocess.run(
            _as_server_user(argv),
            cwd=self.root,  # the server user cannot enter root's working directory
            capture_output=True,
            text=True,
            env={**os.environ, "LC_ALL": "C"},
        )
        if result.returncode != 0:
            output = (result.stdout + result.stderr).strip()
            raise PgServerError(
                f"{what} failed (exit {result.returncode}): {output}\n"
                f"server log {self.logfile}:\n{_tail(self.logfile)}"
            )

    def _initdb(self) -> None:
        self._run(
            [
                str(self.bindir / "initdb"),
                f"--pgdata={self.datadir}",
                f"--username={SUPERUSER}",
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync",
            ],
            "initdb",
        )

    def _pg_ctl_start(self, timeout: float) -> None:
        options = [
            f"-c port={self.port}",
            f"-c listen_addresses={HOST}",
            f"-c unix_socket_directories={self.root}",
            f"-c timezone={SERVER_TIMEZONE}",
            *(f"-c {setting}" for setting in FAST_UNSAFE_SETTINGS),
        ]
        self._run(
            [
                str(self.bindir / "pg_ctl"),
                f"--pgdata={self.datadir}",
                f"--log={self.logfile}",
                f"--timeout={int(timeout)}",
                "--wait",
                "-o",
                " ".join(options),
                "start",
            ],
            f"pg_ctl start on port {self.port}",
        )

    def _wait_until_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with self.connect():
                    return
            except psycopg.OperationalError as exc:
                if time.monotonic() > deadline:
                    raise PgServerError(
                        f"server on port {self.port} did not accept connections within "
                        f"{timeout:.0f} s: {exc}\nserver log:\n{_tail(self.logfile)}"
                    ) from exc
                time.sleep(0.2)

    def url(self, dbname: str = "postgres") -> str:
        """The SQLAlchemy URL of database ``dbname`` on this server."""
        return f"postgresql+psycopg://{SUPERUSER}@{HOST}:{self.port}/{dbname}"

    def connect(self, dbname: str = "postgres") -> psycopg.Connection:
        """A plain autocommit psycopg connection, for administration (CREATE/DROP DATABASE)."""
        return psycopg.connect(
            host=HOST, port=self.port, user=SUPERUSER, dbname=dbname, autocommit=True
        )

    def create_database(self, name: str) -> str:
        """Create an empty database ``name`` and return its URL."""
        with self.connect() as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drop database ``name``, cutting off any connection a test forgot to close."""
        with self.connect() as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )

    def stop(self) -> None:
        """Shut the server down (if it runs) and delete its folder; safe to call twice."""
        if self._stopped:
            return
        self._stopped = True
        if (self.datadir / "postmaster.pid").exists():
            for mode in ("fast", "immediate"):
                result = subprocess.run(
                    _as_server_user(
                        [
                            str(self.bindir / "pg_ctl"),
                            f"--pgdata={self.datadir}",
                            "--wait",
                            "-m",
                            mode,
                            "stop",
                        ]
                    ),
                    cwd=self.root,
                    capture_output=True,
                )
                if result.returncode == 0:
                    break
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> PgServer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def main() -> int:
    """Start a server, print the URL of an empty ``tracker`` database, run until Ctrl-C."""
    try:
        server = PgServer.start()
    except PgServerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    with server:
        print(server.create_database("tracker"), flush=True)
        print("PostgreSQL is running; Ctrl-C stops it and deletes its data.", file=sys.stderr)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
