"""The review table of the "From an article" page: candidates become editable rows in the
reader's locale, ticked rows become facts to accept (unreadable cells named by row and column),
and sentences show their figures marked, with the article's own text always escaped."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pandas as pd
import pytest

from dashboards.widgets import candidate_table as ct
from tracker.extract import CandidateFact, extract_facts

# Written for these tests: a money pledge, a running total, an expectation, a range.
TEXT = (
    "Finland will provide EUR 1.25 billion in military aid, the president said on Monday.\n"
    "Poland has sent 250 tanks so far.\n"
    "Canada is expected to deliver about 40 armoured vehicles.\n"
    "Spain pledged between 6 and 10 howitzers.\n"
)
PUBLISHED = date(2024, 6, 12)  # a Wednesday: "on Monday" is 10 June


@pytest.fixture(scope="module")
def facts():
    return extract_facts(TEXT, published=PUBLISHED)


def stated(facts) -> list[str | None]:
    return [ct.figure_text(fact, TEXT) for fact in facts]


def test_rows_show_each_candidates_fields_with_figures_in_the_readers_locale(facts) -> None:
    table = ct.candidate_rows(facts, TEXT, locale="de")
    assert list(table.columns) == list(ct.COLUMNS)
    assert table[[ct.ROW, ct.DONOR, ct.EVENT, ct.QUANTITY, ct.UNIT, ct.AMOUNT, ct.CURRENCY]].fillna(
        ""
    ).values.tolist() == [
        [1, "FI", "pledge", "", "", "1.250.000.000", "EUR"],
        [2, "PL", "delivery", "250", "tank", "", ""],
        [3, "CA", "estimate", "40", "vehicle", "", ""],
        [4, "ES", "pledge", "6", "howitzer", "", ""],
    ]
    assert table[ct.DATE].tolist()[0] == date(2024, 6, 10)
    assert table[ct.CUMULATIVE].tolist() == [False, True, False, False]
    assert table[ct.QUALIFIER].tolist() == ["exact", "exact", "about", "range"]


def test_a_range_gets_its_high_end_from_the_figure_as_written(facts) -> None:
    table = ct.candidate_rows(facts, TEXT, locale="en")
    assert stated(facts)[3] == "between 6 and 10 howitzers"
    assert table[ct.QUANTITY_HIGH].tolist()[3] == "10"
    assert "A range" not in table[ct.CHECK].tolist()[3]


def test_estimates_start_unticked_and_say_what_to_choose(facts) -> None:
    table = ct.candidate_rows(facts, TEXT, locale="en")
    assert table[ct.ACCEPT].tolist() == [True, True, False, True]
    assert table[ct.CHECK].tolist()[2].startswith("An estimate or plan, not an event")


def test_the_sentence_cell_marks_the_figure(facts) -> None:
    table = ct.candidate_rows(facts, TEXT, locale="en")
    assert table[ct.SENTENCE].tolist()[1] == "Poland has sent ⟦250 tanks⟧ so far."


def test_ticked_rows_read_back_as_facts_with_the_figure_as_stated(facts) -> None:
    table = ct.candidate_rows(facts, TEXT, locale="de")
    table.loc[0, ct.AMOUNT] = "1,3 Milliarden"  # a researcher's correction, typed in German
    table.loc[3, ct.ACCEPT] = False
    read, unreadable = ct.reviewed_facts(table, stated(facts), locale="de")
    assert unreadable == []
    assert [(f.row, f.donor, f.event, f.quantity, f.amount, f.stated) for f in read] == [
        (1, "FI", "pledge", None, Decimal("1300000000"), "EUR 1.25 billion"),
        (2, "PL", "delivery", Decimal(250), None, "250 tanks"),
    ]
    assert read[1].cumulative is True and read[1].event_date == PUBLISHED


def test_a_figure_written_for_another_locale_is_refused_not_misread(facts) -> None:
    table = ct.candidate_rows(facts, TEXT, locale="en")
    table.loc[1, ct.QUANTITY] = "250,5"
    table.loc[3, ct.QUANTITY_HIGH] = "ten-ish"
    read, unreadable = ct.reviewed_facts(table, stated(facts), locale="en")
    assert [f.row for f in read] == [1]
    assert [(p.row, p.field, p.value) for p in unreadable] == [
        (2, "quantity", "250,5"),
        (4, "quantity_high", "ten-ish"),
    ]
    assert "not a well-formed number in locale en" in unreadable[0].message


@pytest.mark.parametrize(
    ("cell", "day"),
    [
        (date(2024, 5, 1), date(2024, 5, 1)),
        (pd.Timestamp("2024-05-01"), date(2024, 5, 1)),
        ("2024-05-01", date(2024, 5, 1)),
        (None, None),
        (pd.NaT, None),
    ],
)
def test_date_cells_of_every_shape_the_editor_returns_are_read(facts, cell, day) -> None:
    table = ct.candidate_rows(facts[:1], TEXT, locale="en")
    table[ct.DATE] = [cell]
    (read,), _ = ct.reviewed_facts(table, stated(facts)[:1], locale="en")
    assert read.event_date == day


def test_sentences_show_every_figure_marked_with_its_row_numbers(facts) -> None:
    marked = ct.marked_sentences_html(facts, TEXT)
    assert (
        marked.splitlines()[1]
        == "<p>Poland has sent <mark>250 tanks</mark><sup>2</sup> so far.</p>"
    )
    assert marked.count("<p>") == 4


def test_what_to_check_is_shown_under_the_sentence_of_its_row(facts) -> None:
    notes = ct.candidate_rows(facts, TEXT, locale="en")[ct.CHECK].tolist()
    marked = ct.marked_sentences_html(facts, TEXT, notes).splitlines()
    canada = marked.index(next(line for line in marked if "Canada" in line))
    assert marked[canada + 1].startswith(
        "<p><small><b>Row 3:</b> An estimate or plan, not an event: choose pledge"
    )
    assert sum("<small>" in line for line in marked) == 1  # the other rows need nothing


def test_the_articles_own_markup_is_escaped_and_only_the_marks_are_html() -> None:
    text = "Italy sent <b>5</b> radars & 20 trucks, and pledged €2m ($2.2m)."
    marked = ct.marked_sentences_html(extract_facts(text, published=PUBLISHED), text)
    assert marked == (
        "<p>Italy sent &lt;b&gt;5&lt;/b&gt; radars &amp; <mark>20 trucks</mark><sup>1</sup>, "
        "and pledged <mark>€2m</mark><sup>2</sup> ($2.2m).</p>"
    )


def test_facts_sharing_a_figure_share_one_mark_and_unplaced_ones_are_numbered_at_the_end():
    text = "Japan gave 5 boats."
    one = CandidateFact(
        sentence=text,
        start=0,
        end=19,
        donor="JP",
        kind="delivery",
        item="boats",
        quantity=Decimal(5),
        unit="boat",
        amount=None,
        currency=None,
        qualifier=None,
        cumulative=False,
        date=None,
        figure_start=11,
        figure_end=18,
    )
    wider = replace(one, figure_start=11, figure_end=19)
    unplaced = replace(one, figure_start=None, figure_end=None)
    marked = ct.marked_sentences_html([one, wider, unplaced], text)
    assert marked == "<p>Japan gave <mark>5 boats.</mark><sup>1, 2</sup><sup>3</sup></p>"
