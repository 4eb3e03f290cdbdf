"""Specification of tracker.extract.text: sentences, their offsets, and the day each speaks from."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.extract.text import event_date, heading_date, split_sentences


def test_sentence_offsets_point_back_into_the_text():
    text = "Germany will send tanks. The U.S. will send $100m.\n\nPoland agreed on Dec. 2."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Germany will send tanks.",
        "The U.S. will send $100m.",
        "Poland agreed on Dec. 2.",
    ]
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text


def test_a_byte_order_mark_is_not_part_of_the_first_sentence():
    (sentence,) = split_sentences("\ufeffGermany will send tanks.")
    assert (sentence.text, sentence.start) == ("Germany will send tanks.", 1)


def test_abbreviations_and_initials_do_not_end_a_sentence():
    text = "Mr. Biden met Gen. Milley and J. Doe in Washington, D.C. on Monday."
    assert [s.text for s in split_sentences(text)] == [text]


def test_a_quote_ending_in_a_full_stop_ends_the_sentence_after_the_quote():
    text = 'He said: "We will send more." Then he left.'
    expected = ['He said: "We will send more."', "Then he left."]
    assert [s.text for s in split_sentences(text)] == expected


def test_a_live_blog_heading_dates_the_entries_under_it_and_is_not_a_sentence():
    text = (
        "Wednesday, November 29, 2023\n"
        "1249 GMT — Germany pledged 10 tanks.\n"
        "Thursday, November 30, 2023\n"
        "0900 GMT — Spain pledged 6 tanks.\n"
    )
    sentences = split_sentences(text, published=date(2023, 12, 1))
    assert [(s.body, s.day) for s in sentences] == [
        ("Germany pledged 10 tanks.", date(2023, 11, 29)),
        ("Spain pledged 6 tanks.", date(2023, 11, 30)),
    ]
    assert sentences[0].text == "1249 GMT — Germany pledged 10 tanks."


def test_a_byline_time_line_is_skipped():
    text = "Italy to approve aid\n05:05 , Arpan Rai\nItaly is preparing a package."
    assert [s.text for s in split_sentences(text)] == [
        "Italy to approve aid",
        "Italy is preparing a package.",
    ]


@pytest.mark.parametrize(
    ("line", "body", "day"),
    [
        (
            "BERLIN, Jan 25 (Reuters) - Germany will send 14 tanks.",
            "Germany will send 14 tanks.",
            date(2023, 1, 25),
        ),
        (
            "April 17 (Reuters) – Slovakia handed over 13 jets.",
            "Slovakia handed over 13 jets.",
            date(2023, 4, 17),
        ),
        ("WASHINGTON (AP) — The U.S. announced aid.", "The U.S. announced aid.", date(2023, 5, 2)),
    ],
)
def test_a_dateline_is_set_aside_and_gives_its_day(line, body, day):
    (sentence,) = split_sentences(line, published=date(2023, 5, 2))
    assert sentence.body == body
    assert sentence.day == day


def test_a_dateline_without_a_year_takes_the_latest_such_day_not_after_the_article():
    (sentence,) = split_sentences("KYIV, Dec 30 (Reuters) - Aid arrived.", date(2024, 1, 3))
    assert sentence.day == date(2023, 12, 30)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Wednesday, November 29, 2023", date(2023, 11, 29)),
        ("Tuesday 3 December 2024 23:59 , Jabed Ahmed", date(2024, 12, 3)),
        ("Friday, December 30, 2022", date(2022, 12, 30)),
        ("Germany sent 3 December 2024 shipments of aid to Kyiv, officials said.", None),
    ],
)
def test_heading_lines(line, expected):
    assert heading_date(line) == expected


REFERENCE = date(2023, 4, 19)  # a Wednesday


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Poland said on Monday it would send jets.", date(2023, 4, 17)),
        ("Poland said on Wednesday it would send jets.", date(2023, 4, 19)),
        ("Poland said yesterday it would send jets.", date(2023, 4, 18)),
        ("On May 18, Norway said it was sending radars.", date(2022, 5, 18)),
        ("On 12 April 2023 Norway sent radars.", date(2023, 4, 12)),
        ("Norway sent radars last month.", None),
        ("Norway sent radars in March.", None),
        ("Norway is sending radars.", REFERENCE),
    ],
)
def test_event_dates_resolve_against_the_sentence_day(body, expected):
    assert event_date(body, REFERENCE) == expected


def test_without_any_reference_day_only_a_full_stated_date_is_known():
    assert event_date("Norway said on Monday it was sending radars.", None) is None
    assert event_date("On 12 April 2023 Norway sent radars.", None) == date(2023, 4, 12)
