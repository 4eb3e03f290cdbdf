"""Reading a shared link's query parameters: good text gives its value, bad text gives the
default view and a message naming the parameter and the text; writing gives text that reads
back to the same value."""

from datetime import date

import pytest

from dashboards.widgets import url_params as up

TODAY = date(2025, 6, 30)


def test_a_supported_choice_is_read_whatever_its_case():
    assert up.read_choice("locale", "DE", ("en", "de", "fr", "uk"), "en") == up.Reading("de")


def test_an_unsupported_locale_falls_back_to_the_default_and_says_which_text_was_wrong():
    reading = up.read_choice("locale", "xx", ("en", "de", "fr", "uk"), "en")
    assert reading.value == "en"
    assert "locale='xx'" in reading.problem
    assert "en, de, fr, uk" in reading.problem


def test_a_missing_choice_is_the_default_without_a_message():
    assert up.read_choice("currency", None, ("EUR", "USD"), "EUR") == up.Reading("EUR")


def test_an_optional_choice_that_matches_nothing_means_no_filter():
    reading = up.read_optional_choice("category", "spaceships", ("main battle tank",))
    assert reading.value is None
    assert "category='spaceships'" in reading.problem


def test_an_iso_date_is_read_as_the_as_of_date():
    assert up.read_as_of("as_of", "2023-12-01", TODAY) == up.Reading(date(2023, 12, 1))


@pytest.mark.parametrize("text", ["2023-13-45", "01.12.2023", "yesterday"])
def test_a_malformed_date_means_as_known_today_with_a_message(text):
    reading = up.read_as_of("as_of", text, TODAY)
    assert reading.value is None
    assert f"as_of={text!r}" in reading.problem and "YYYY-MM-DD" in reading.problem


@pytest.mark.parametrize("text", ["2013-12-31", "2025-07-01"])
def test_a_date_outside_the_records_or_in_the_future_is_refused(text):
    reading = up.read_as_of("as_of", text, TODAY)
    assert reading.value is None
    assert "2014-01-01 to 2025-06-30" in reading.problem


def test_a_written_date_reads_back_to_the_same_date():
    day = date(2024, 2, 29)
    assert up.read_as_of("as_of", up.write_as_of(day), TODAY).value == day
    assert up.write_as_of(None) is None


@pytest.mark.parametrize(("text", "value"), [("true", True), ("1", True), ("off", False)])
def test_flags_accept_the_usual_words(text, value):
    assert up.read_flag("reviewed", text) == up.Reading(value)


def test_a_flag_that_is_neither_true_nor_false_keeps_the_default():
    reading = up.read_flag("reviewed", "maybe")
    assert reading.value is False and "reviewed='maybe'" in reading.problem


def test_a_false_flag_is_left_out_of_the_url():
    assert up.write_flag(False) is None
    assert up.read_flag("reviewed", up.write_flag(True)).value is True


def test_known_codes_are_kept_in_order_and_unknown_ones_are_named_and_dropped():
    known = {"DE": "Germany", "FR": "France"}
    reading = up.read_codes("donor", "fr,XX,de,FR", known)
    assert reading.value == ("FR", "DE")
    assert "XX" in reading.problem and "showing the others" in reading.problem


def test_a_link_naming_only_unknown_donors_shows_all_donors():
    reading = up.read_codes("donor", "ZZ", {"DE": "Germany"})
    assert reading.value == ()
    assert "donor='ZZ'" in reading.problem and "showing all" in reading.problem


def test_codes_can_be_normalised_before_they_are_looked_up():
    reading = up.read_codes(
        "donor", "uk", {"GB": "United Kingdom"}, lambda c: {"UK": "GB"}.get(c.upper(), c.upper())
    )
    assert reading == up.Reading(("GB",))


def test_package_numbers_must_be_positive_whole_numbers():
    assert up.read_package_id("package", "42") == up.Reading(42)
    for text in ("0", "-3", "4.5", "abc"):
        reading = up.read_package_id("package", text)
        assert reading.value is None and f"package={text!r}" in reading.problem


def test_lists_of_package_numbers_keep_the_good_ones():
    reading = up.read_ids("package", "3, 7,x,3")
    assert reading.value == (3, 7)
    assert "x" in reading.problem
    assert up.write_list(str(i) for i in reading.value) == "3,7"


def test_blank_text_is_left_out_of_the_url():
    assert up.write_text("  ") is None and up.write_text(" Leopard ") == "Leopard"
    assert up.write_list([]) is None
