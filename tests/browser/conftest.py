"""Browser-test harness: the real app served from a seeded database, driven by headless Chromium.

Playwright cannot download browsers here, so it drives Debian's ``chromium`` package. Every
test in this folder gets the ``browser`` marker; without Chromium they are skipped locally and
fail in CI (see :mod:`tests.ci`). Screenshots go to ``$TRACKER_TEST_ARTIFACTS/screenshots``
(``scripts/test.sh`` prints that folder), including one of every failed test's page.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Error, Page, sync_playwright

from tests.ci import unavailable
from tests.pg_server import free_port

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",  # the sandbox needs user namespaces, which containers and root runs lack
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
STARTUP_TIMEOUT = 60.0  # seconds for Streamlit to answer its health check
REPO_ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent

Screenshot = Callable[..., Path]


def artifacts_dir() -> Path:
    """``$TRACKER_TEST_ARTIFACTS``, or ``artifacts/`` in the checkout when pytest runs directly."""
    return Path(os.environ.get("TRACKER_TEST_ARTIFACTS") or REPO_ROOT / "artifacts").resolve()


def screenshot_path(name: str) -> Path:
    """Where the screenshot called ``name`` goes (unsafe file-name characters replaced)."""
    folder = artifacts_dir() / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / (re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_") + ".png")


# --- hooks -------------------------------------------------------------------------------


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder is a browser test (the hook sees the whole session's items)."""
    for item in items:
        if HERE in item.path.parents and not item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> pytest.TestReport:
    """Keep a screenshot of the page as it was when a browser test failed."""
    report: pytest.TestReport = yield
    page = getattr(item, "funcargs", {}).get("page")
    if report.when == "call" and report.failed and page is not None:
        try:
            page.screenshot(path=screenshot_path(f"{item.name}-failed"), full_page=True)
        except Error as exc:  # the page may have crashed; the failure report matters more
            report.sections.append(("failure screenshot", f"not saved: {exc}"))
    return report


# --- the served app ----------------------------------------------------------------------


def _serve_command(port: int) -> list[str]:
    """``tracker serve`` from the venv running the tests."""
    return [str(Path(sys.executable).with_name("tracker")), "serve", "--port", str(port)]


def _log_tail(path: Path, lines: int = 40) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def _wait_until_healthy(base_url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(
                f"the app exited with code {process.returncode} before serving; "
                f"its output:\n{_log_tail(log)}",
                pytrace=False,
            )
        try:
            with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    pytest.fail(
        f"the app did not report healthy within {STARTUP_TIMEOUT:.0f} s; "
        f"its output:\n{_log_tail(log)}",
        pytrace=False,
    )


def _stop(process: subprocess.Popen) -> None:
    """Stop the server and anything it started (it runs in its own process group)."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@contextmanager
def serving(database_url: str, folder: Path) -> Iterator[str]:
    """``tracker serve`` on ``database_url`` until the block ends (its output goes to
    ``folder/server.log``); yields the base URL. Tests that write use a database of their own."""
    port = free_port()
    log = folder / "server.log"
    env = {
        **os.environ,
        "TRACKER_DATABASE_URL": database_url,
        "STREAMLIT_SERVER_HEADLESS": "true",
        "STREAMLIT_SERVER_ADDRESS": "127.0.0.1",
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
    }
    with log.open("wb") as out:
        process = subprocess.Popen(
            _serve_command(port),
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(base_url, process, log)
        yield base_url
    finally:
        _stop(process)


@pytest.fixture(scope="session")
def served_app(seeded_sqlite_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard served from the seeded SQLite database (read only); yields its base URL."""
    with serving(seeded_sqlite_url, tmp_path_factory.mktemp("served-app")) as base_url:
        yield base_url


# --- the browser -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, driven by Playwright (never a downloaded browser)."""
    if not Path(CHROMIUM).is_file():
        unavailable(f"{CHROMIUM} not found; install Debian's chromium package")
    playwright = sync_playwright().start()
    try:
        try:
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
        except Error as exc:
            unavailable(f"Chromium at {CHROMIUM} did not start: {exc}")
        yield chromium
        chromium.close()
    finally:
        playwright.stop()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A page in a fresh browser context (no cookies or storage shared between tests)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def screenshot(request: pytest.FixtureRequest) -> Screenshot:
    """``screenshot(page, label="")`` saves ``screenshots/<test>[-label].png``, returns the path."""

    def save(page: Page, label: str = "") -> Path:
        path = screenshot_path(f"{request.node.name}-{label}" if label else request.node.name)
        page.screenshot(path=path, full_page=True)
        return path

    return save
