"""An article's dateline, read from the top of the pasted text in the forms news prints it."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.domain.parsing import find_dateline


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("20 January 2026\nNorway will send two more NASAMS systems.", date(2026, 1, 20)),
        ("Kyiv, 3 March 2024 — The first F-16s have arrived.", date(2024, 3, 3)),
        ("OSLO, Jan. 20, 2026 (Reuters) - Norway pledged", date(2026, 1, 20)),
        ("Published 2025-11-04T09:00. Denmark's 27th package", date(2025, 11, 4)),
        ("Sept. 4, 2023 — Washington announced", date(2023, 9, 4)),
        ("Berlin, 3. März 2024 – Deutschland liefert", date(2024, 3, 3)),
        ("Paris, le 5 févr. 2025 — La France livre", date(2025, 2, 5)),
        ("Київ, 3 березня 2024 р. — Норвегія передала", date(2024, 3, 3)),
    ],
)
def test_the_dateline_is_read_in_the_forms_news_prints_it(text: str, day: date) -> None:
    assert find_dateline(text) == day


def test_a_day_that_does_not_exist_is_skipped_for_the_next_date() -> None:
    assert find_dateline("31 April 2024 (sic). Updated May 2, 2024.") == date(2024, 5, 2)


@pytest.mark.parametrize(
    "text",
    [
        "Norway pledged 48 tanks in 2023 and 12 more this spring.",
        "",
        "x" * 500 + " 20 January 2026",  # too far down to be the dateline
    ],
)
def test_a_text_without_a_dateline_gives_none(text: str) -> None:
    assert find_dateline(text) is None
