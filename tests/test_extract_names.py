"""Specification of tracker.extract.names: donor names and catalogue items in text."""

from __future__ import annotations

import pytest

from tracker.extract.names import currency_owners, donor_currencies, find_mentions, match_equipment


def codes(text: str) -> list[str]:
    return [m.code for m in find_mentions(text)]


def test_cldr_names_aliases_adjectives_capitals_and_officials_are_recognised():
    text = "Czechia, the U.K., Dutch officials, Pistorius and the Pentagon agreed."
    assert codes(text) == ["CZ", "GB", "NL", "DE", "US"]


def test_organisations_come_from_the_lexicon_and_from_donors_csv():
    text = "The European Investment Bank, NATO, the G7 and UMO were named."
    assert codes(text) == ["EIB", "NATO", "G7", "UMO"]


def test_a_capital_whose_lower_case_adds_a_mark_is_still_its_name():
    # Turkish "İ" lowers to "i" plus a combining dot; the case-blind pattern matches "TİKA".
    assert codes("TİKA sent generators, and İTALY and Türkiye sent tents.") == ["TR", "IT", "TR"]


def test_the_longest_name_wins():
    assert codes("The International Fund for Ukraine paid.") == ["IFU"]
    assert codes("South Korea and North Korea.") == ["KR", "KP"]


@pytest.mark.parametrize(
    "text",
    [
        "Canadian-made armoured vehicles",  # a maker, not a giver
        "a UK-led fund",
        "Franco-Italian systems",
        "Soviet-era jets",
        "tell us about it",  # "us" and "uk" in lower case are words
    ],
)
def test_names_inside_compounds_or_written_as_ordinary_words_are_not_names(text):
    assert codes(text) == []


def test_mentions_carry_their_offsets():
    (mention,) = find_mentions("Aid from Norway.")
    assert (mention.start, mention.end, mention.code, mention.kind) == (9, 15, "NO", "country")


def test_donor_currencies_and_the_countries_a_currency_names():
    assert donor_currencies()["CA"] == "CAD"
    assert currency_owners()["DKK"] == "DK"
    assert "EUR" not in currency_owners()  # shared by many donors: names nobody
    assert "USD" not in currency_owners()


@pytest.mark.parametrize(
    ("item", "name"),
    [
        ("Abrams M1A1 tanks", "Abrams M1A1"),
        ("refurbished Leopard 2A4 tanks", "Leopard 2A4"),
        ("Caesar howitzers", "CAESAR 155mm"),
        ("Marder infantry fighting vehicles", "Marder"),
        ("thermal imaging cameras", None),
    ],
)
def test_items_match_the_equipment_catalogue_by_name_then_family(item, name):
    entry = match_equipment(item)
    assert (entry.name if entry else None) == name


def test_a_name_with_the_modifier_letter_apostrophe_is_still_found():
    (mention,) = find_mentions("Latviaʼs budget has a line for Ukraine aid.")[:1]
    assert (mention.code, mention.start, mention.end) == ("LV", 0, 6)


def test_the_republic_of_china_is_taiwan_and_the_peoples_republic_china():
    assert [m.code for m in find_mentions("aid from the Republic of China (Taiwan)")] == [
        "TW",
        "TW",
    ]
    assert [m.code for m in find_mentions("the People's Republic of China")] == ["CN"]
