"""Smoke test: the served dashboard renders in a real browser without an error.

A placeholder until the dashboard pages land with their own browser tests.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.streamlit_page import open_app


def test_the_dashboard_opens_and_renders_without_an_error(
    served_app: str, page: Page, screenshot: Callable[..., Path]
) -> None:
    open_app(page, served_app)
    expect(page).to_have_title("Aid tracker")
    expect(page.get_by_role("heading", level=1).first).to_have_text(re.compile(r"\w"))
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert screenshot(page).stat().st_size > 0
