"""Specification of tracker.extract.figures: where the figures of a sentence are, and what
they count, before anyone asks who gave them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tracker.extract import extract_facts
from tracker.extract.figures import FigureReader
from tracker.extract.sentence_figures import merge_values
from tracker.extract.tokens import tokenize


def figures(text: str) -> list[tuple]:
    """(figure text, quantity, unit, item, money text, qualifier) per figure found."""
    reader = FigureReader(text, "en")
    return [
        (text[f.start : f.end], f.quantity, f.unit, f.item, f.currency_text, f.qualifier)
        for f in merge_values(reader, reader.find())
    ]


def test_numbers_glued_to_letters_stay_words():
    kinds = {t.text: t.kind for t in tokenize("14 Leopard 2A6 tanks, F-16s, 155mm shells, $725m")}
    assert kinds["2A6"] == kinds["F-16s"] == "word"
    assert kinds["155mm"] == "measure"
    assert (kinds["14"], kinds["725"], kinds["m"], kinds["$"]) == ("num", "num", "scale", "cur")


def test_space_grouped_digits_are_one_number_but_a_calibre_after_a_count_is_not():
    assert [t.text for t in tokenize("20 000 rounds and 60,000 155-mm shells")] == [
        "20 000",
        "rounds",
        "and",
        "60,000",
        "155-mm",
        "shells",
    ]


def test_a_count_takes_the_item_phrase_after_it_up_to_its_head_noun():
    assert figures("Germany will send 14 Leopard 2A6 tanks from its stocks.") == [
        ("14 Leopard 2A6 tanks", 14, "tank", "Leopard 2A6 tanks", None, None)
    ]


@pytest.mark.parametrize(
    ("text", "unit", "item"),
    [
        ("send 75,000 rounds of 155mm ammunition", "round", "rounds of 155mm ammunition"),
        ("send 10,000 pieces of artillery ammunition", "round", "pieces of artillery ammunition"),
        ("send three batteries of AS90 guns", "battery", "batteries of AS90 guns"),
        ("send 12 self-propelled artillery units", "howitzer", "self-propelled artillery units"),
        ("send 200 unmanned aerial vehicles", "drone", "unmanned aerial vehicles"),
        ("send 30 Leopard 1, and more", "tank", "Leopard 1"),
        ("send 100 Humvees", "vehicle", "Humvees"),
        ("send 50 tracked and armoured vehicles", "vehicle", "tracked and armoured vehicles"),
    ],
)
def test_the_unit_comes_from_the_head_noun_its_container_or_the_model(text, unit, item):
    ((_, _, found_unit, found_item, _, _),) = figures(text)
    assert (found_unit, found_item) == (unit, item)


@pytest.mark.parametrize(
    "text",
    [
        "40 wounded and 12 killed",
        "more than 20 settlements",
        "15 domestic drone makers",
        "the Leopard 2 and the Challenger 2",
        "a range of 80 km over 24 hours",
        "on Feb 24 and 3 December",
        "a five-year plan and a 1,340-km border",
        "grew 3.6% in 2023",
    ],
)
def test_numbers_that_count_no_aid_item_are_not_figures(text):
    assert figures(text) == []


def test_money_with_its_hedge_and_a_stated_conversion_is_one_figure():
    assert figures("worth some 11 billion euros ($11.8 bln) in total") == [
        ("some 11 billion euros", None, None, None, "11 billion euros", "about")
    ]


def test_money_rewrites_marks_the_parser_reads():
    assert [f[4] for f in figures("a $CAN406 million system, 4.3 billion Danish crowns")] == [
        "C$406 million",
        "4.3 billion DKK",
    ]


def test_a_count_and_the_money_that_values_it_merge():
    assert figures("send 200 armoured vehicles worth $90 million") == [
        (
            "200 armoured vehicles worth $90 million",
            200,
            "vehicle",
            "armoured vehicles",
            "$90 million",
            None,
        )
    ]


def test_spelled_out_and_scaled_numbers_are_read_by_the_parser():
    assert [f[1] for f in figures("send two dozen tanks, a dozen jets and 1.5 million shells")] == [
        Decimal(24),
        Decimal(12),
        Decimal(1_500_000),
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("send thirty eight generators", Decimal(38)),
        ("send one hundred twenty generators", Decimal(120)),
        ("send two hundred and fifty generators", Decimal(250)),
        ("send three hundred generators", Decimal(300)),
        ("send a hundred and twenty generators", Decimal(120)),
        ("send one and a half million shells", Decimal(1_500_000)),
    ],
)
def test_a_number_written_in_several_words_is_read_whole(text, value):
    assert [f[1] for f in figures(text)] == [value]


@pytest.mark.parametrize(
    ("text", "money"),
    [
        ("give twenty five million dollars", "25 million dollars"),
        ("give two hundred and fifty million euros", "250 million euros"),
        ("give one and a half billion euros", "1.5 billion euros"),
        ("give NOK 1,5 mrd", "NOK 1.5 mrd"),
    ],
)
def test_a_sum_written_in_words_or_foreign_abbreviations_is_read_whole(text, money):
    assert [f[4] for f in figures(text)] == [money]


def test_vague_and_undisclosed_counts_have_no_quantity():
    assert figures("hundreds of thousands of rounds and an undisclosed number of tanks") == [
        ("hundreds of thousands of rounds", None, "round", "rounds", None, None),
        ("an undisclosed number of tanks", None, "tank", "tanks", None, "undisclosed"),
    ]


def test_a_share_of_a_whole_points_at_the_whole():
    reader = FigureReader("the first six of 12 Caesar howitzers promised", "en")
    (six,) = reader.find()
    assert (six.quantity, six.share_of.quantity, six.share_of.forced_kind) == (6, 12, "pledge")
    assert six.share_of.item == "Caesar howitzers"


def test_a_pair_of_hedges_that_contradict_each_other_keeps_the_nearer_one():
    reader = FigureReader("Ministers from around 40 countries will send 12 tanks to Ukraine.", "en")
    counts = [(f.quantity, f.unit, f.qualifier) for f in reader.find() if f.quantity is not None]
    assert counts == [(12, "tank", None)]


@pytest.mark.parametrize(
    "text", ["give zł 1.5 billion", "give 1.5 billion zł", "give 1,500 million złotys"]
)
def test_the_zloty_sign_and_plural_mark_money(text):
    (fact,) = extract_facts(f"Poland will {text} to Ukraine.")
    assert (fact.amount, fact.currency) == (Decimal(1_500_000_000), "PLN")


@pytest.mark.parametrize(
    "text",
    [
        "in one of Norway's largest aid commitments, it sent tents",
        "the goods were aboard a Canadian transport aircraft",
    ],
)
def test_a_rank_a_second_lot_and_a_carrier_count_nothing(text):
    assert figures(text) == []


def test_a_second_package_after_a_count_is_no_second_item():
    found = figures("it sent six tanks, and there will be a second package with more tanks")
    assert [f[1:3] for f in found] == [(Decimal(6), "tank")]


def test_one_of_the_most_advanced_systems_is_one():
    assert [f[1:3] for f in figures("send one of the most advanced missile batteries")] == [
        (Decimal(1), "battery")
    ]


@pytest.mark.parametrize(
    ("text", "money"),
    [
        ("Estonia gave €5 m to Ukraine.", (5_000_000, "EUR")),
        ("India's aid includes 33 lakh litres of fuel for Ukraine.", None),
    ],
)
def test_a_spaced_m_after_a_currency_and_a_lakh_are_scales(text, money):
    (fact,) = extract_facts(text)
    if money is None:
        assert (fact.quantity, fact.unit) == (Decimal(3_300_000), "litre")
    else:
        assert (fact.amount, fact.currency) == (Decimal(money[0]), money[1])


@pytest.mark.parametrize(
    "text",
    [
        "Latvia approved a package for Ukraine worth €15 (about $16 million).",
        "The EU has allocated a total €2 of billion to support Ukraine.",
    ],
)
def test_a_sum_that_lost_its_scale_word_is_never_read_as_a_few_euros(text):
    assert all(f.amount is None or f.amount > 1000 for f in extract_facts(text))


@pytest.mark.parametrize("quoted", ["“around 10”", '"around 10"', "“10”"])
def test_a_quoted_count_still_counts_the_item_after_it(quoted):
    (fact,) = extract_facts(f"Sweden will provide Ukraine with {quoted} Leopard 2 tanks.")
    assert (fact.donor, fact.quantity, fact.unit) == ("SE", Decimal(10), "tank")


def test_a_verb_after_the_counts_noun_ends_the_item():
    found = figures("The cargo weighing 18 tonnes contains heaters and food.")
    assert [f[1:3] for f in found] == [(Decimal(18), "tonne")]


def test_power_plants_are_given_things_and_drone_plants_are_factories():
    assert [f[1] for f in figures("sent 40 cogeneration power plants to Kyiv")] == [Decimal(40)]
    assert figures("will fund 3 drone plants in Ukraine") == []


def test_a_hedge_on_the_whole_keeps_the_part_and_the_whole():
    (part,) = FigureReader("The first 12 of around 60 generators arrived.", "en").find()
    assert (part.quantity, part.unit) == (Decimal(12), "generator")
    assert part.share_of is not None and part.share_of.quantity == Decimal(60)


def test_a_hyphened_measure_after_a_count_describes_the_thing_counted():
    kinds = {t.text: t.kind for t in tokenize("60 1,000-pound bombs and 8 40-tonne cranes")}
    assert kinds["1,000-pound"] == kinds["40-tonne"] == "measure"
    assert [f[1:3] for f in figures("Canada will provide 60 1,000-pound aircraft bombs.")] == [
        (60, "bomb")
    ]


def test_a_count_in_brackets_after_its_item_counts_it():
    text = "The list includes M113 carriers (36 units) and Patriot launchers (two units)."
    assert [f[1:3] for f in figures(text)] == [(36, "vehicle"), (2, "launcher")]


def test_a_transformer_or_a_boat_counts_one():
    assert [f[1:3] for f in figures("A 40-kilowatt transformer and a patrol boat")] == [
        (1, "transformer"),
        (1, "boat"),
    ]


def test_a_sum_between_two_numbers_is_a_range_from_the_lower():
    (fact,) = extract_facts("Rome has sent arms worth between 2 and 2.5 billion euros to Kyiv.")
    assert (fact.amount, fact.currency, fact.qualifier) == (Decimal("2e9"), "EUR", "range")
    # "between" two years is no range of money: the sum after it stands alone.
    (fact,) = extract_facts("Between 2023 and 2025 Rome sent arms worth 2 billion euros to Kyiv.")
    assert (fact.amount, fact.qualifier) == (Decimal("2e9"), None)


def test_a_scale_joined_to_worth_by_a_hyphen_keeps_its_scale():
    (fact,) = extract_facts("Denmark has sent DKK 700 million-worth of shells to Ukraine.")
    assert (fact.amount, fact.currency) == (Decimal("7e8"), "DKK")
    # Any other word joined to the scale leaves the sum unreadable: never DKK 700.
    assert extract_facts("Denmark has sent DKK 700 million-plus of aid to Ukraine.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Spain has sent 40 ambulances to Ukraine, helping save thousands of lives.",
        "The two sides agreed that Spain will send 40 ambulances to Ukraine.",
        "Spain will send 40 ambulances to Ukraine, and demining is one of its commitments.",
    ],
)
def test_lives_sides_and_commitments_are_no_aid_counted(text):
    assert [(f.quantity, f.unit) for f in extract_facts(text)] == [(Decimal(40), "vehicle")]


def test_a_number_broken_by_a_stray_space_is_refused_never_read_as_zero():
    # "1,300 .000" read its ".000" as a sum of 0 dollars: a wrong number on the ledger.
    assert extract_facts("Romania will give 2,500 .000 dollars to Ukraine.") == []
