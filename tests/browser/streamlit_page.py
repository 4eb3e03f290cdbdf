"""Driving a Streamlit page: assert only after the script run is over.

Streamlit renders a page while its script is still running, so an assertion made right after
``page.goto`` can pass or fail depending on timing (an error may not be on screen yet). The app
root carries ``data-test-script-state``: ``initial``, ``running``, then ``notRunning``.
"""

from __future__ import annotations

from playwright.sync_api import Page

RUN_FINISHED = '[data-testid="stApp"][data-test-script-state="notRunning"]'
DEFAULT_TIMEOUT_MS = 30_000


def wait_for_app_run(page: Page, timeout_ms: float = DEFAULT_TIMEOUT_MS) -> None:
    """Wait until the page's script has finished its current run."""
    page.locator(RUN_FINISHED).wait_for(timeout=timeout_ms)


def open_app(page: Page, url: str, timeout_ms: float = DEFAULT_TIMEOUT_MS) -> None:
    """Load ``url`` and wait for the first script run to finish."""
    page.goto(url)
    wait_for_app_run(page, timeout_ms)
