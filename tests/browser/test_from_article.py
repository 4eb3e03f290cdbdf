"""The "From an article" page in a real browser: paste an article, ask for candidates, and see
the review table and the sentences with their figures marked (the served database has no
accounts, so the page offers no way to write and says how to get one)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.streamlit_page import open_app, wait_for_app_run

# Written for this test: two aid facts and a sentence whose numbers are not aid.
ARTICLE = (
    "Belgium will send Ukraine 4 F-16 fighter jets this year, its defence minister said.\n"
    "Shelling damaged 30 homes in Kharkiv overnight.\n"
    "Portugal has delivered 14 armoured vehicles so far.\n"
)


def test_pasted_text_gives_candidates_with_their_figures_marked(
    served_app: str, page: Page, screenshot: Callable[..., Path]
) -> None:
    open_app(page, f"{served_app}/from_article")
    page.get_by_label("Article text").fill(ARTICLE)
    page.get_by_role("button", name="Find candidates").click()
    wait_for_app_run(page)

    marks = page.locator("mark")
    expect(marks).to_have_text(["4 F-16 fighter jets", "14 armoured vehicles"])
    expect(page.get_by_role("heading", name="Candidates (2)")).to_be_visible()
    editor = page.get_by_test_id("stDataFrame")
    expect(editor).to_have_count(1)
    expect(editor).to_contain_text("armoured vehicles")
    expect(page.get_by_text("Writing needs an account")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    page.set_viewport_size({"width": 1280, "height": 1800})
    assert screenshot(page).stat().st_size > 0


def test_an_uploaded_text_file_fills_the_article_box(served_app: str, page: Page) -> None:
    open_app(page, f"{served_app}/from_article")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        files=[
            {
                "name": "report.txt",
                "mimeType": "text/plain",
                "buffer": ("\ufeff" + ARTICLE).encode("utf-8"),
            }
        ]
    )
    expect(page.get_by_label("Article text")).to_have_value(ARTICLE, timeout=30_000)
