"""Specification of extraction rules for conversions into US dollars, the party a sum comes
from, the whole a part belongs to, requests in another clause and aid on its way (issue #18).

Every sentence is made up for the test. "($2.2 billion US)" says which dollar the sum before
it is not; "a grant from the Government of Finland" names that grant's giver however the
sentence began; "as part of a larger €50 billion package" repeats a whole counted before;
"and called on its allies to give more" asks for other aid than the figure; drones "heading
to Ukraine" and money Ukraine "will have received" have been given.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.fact_tuples import facts
from tracker.extract import extract_facts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ottawa has given Ukraine $2 billion ($1.5 billion US) in military aid.",
            [("CA", "delivery", None, None, Decimal("2e9"), "CAD")],
        ),
        (
            "Ukraine has received $6.2 billion (almost $4.5 billion US) in Canadian aid so far.",
            [("CA", "delivery", None, None, Decimal("6.2e9"), "CAD")],
        ),
        (
            "Canada will lend a $3.1 billion Canadian dollars ($2.2 billion US) loan to Ukraine.",
            [("CA", "pledge", None, None, Decimal("3.1e9"), "CAD")],
        ),
    ],
)
def test_a_conversion_into_us_dollars_is_no_second_fact_and_no_american_giver(text, expected):
    assert facts(text) == expected


def test_a_us_aid_package_after_the_sum_still_names_its_giver():
    assert facts("Washington unveiled a $400 million US aid package for Ukraine.") == [
        ("US", "pledge", None, None, Decimal("4e8"), "USD")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Norway gives a USD 300 million grant, and a USD 12 million grant comes from the "
        "Government of Finland.",
        "Norway pledged USD 300 million and added USD 12 million in aid from Finland.",
    ],
)
def test_a_sum_followed_by_its_own_from_party_is_that_partys(text):
    assert [(f.donor, f.amount) for f in extract_facts(text)] == [
        ("NO", Decimal("3e8")),
        ("FI", Decimal("1.2e7")),
    ]


def test_the_whole_a_tranche_belongs_to_is_promised_not_given():
    text = (
        "On Monday the Commission announced the disbursement of a €2.1 billion tranche as part "
        "of a larger €50 billion support package."
    )
    assert facts(text) == [
        ("EU", "delivery", None, None, Decimal("2.1e9"), "EUR"),
        ("EU", "pledge", None, None, Decimal("5e10"), "EUR"),
    ]


def test_a_whole_with_its_own_giver_is_that_givers():
    text = "Latvia will give Ukraine €2 million as part of a €30 million fund from Sweden."
    assert [(f.donor, f.amount) for f in extract_facts(text)] == [
        ("LV", Decimal("2e6")),
        ("SE", Decimal("3e7")),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Denmark announced aid worth 1.7 billion kroner and called on its allies to give more.",
        "Denmark announced aid worth 1.7 billion kroner and urged other states to follow suit.",
    ],
)
def test_a_request_in_a_later_clause_leaves_the_figure_aid(text):
    assert facts(text) == [("DK", "pledge", None, None, Decimal("1.7e9"), "DKK")]


def test_a_request_for_the_figure_itself_is_still_no_aid():
    assert facts("Kyiv called on Denmark to send 1.7 billion kroner more.") == []


def test_a_giver_named_only_in_a_relative_clause_is_the_last_resort():
    text = "A further 1.1 billion kroner goes to other aid, which the Danish ministry kept secret."
    assert facts(text) == [("DK", "pledge", None, None, Decimal("1.1e9"), "DKK")]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Another 900 combat drones are heading from Estonia to Ukraine.", "delivery"),
        ("Estonia reported on the transfer of a batch of 900 drones to Ukraine.", "delivery"),
        ("Estonia is in the process of sending 900 drones to Ukraine.", "delivery"),
        ("The delivery of 900 Estonian drones was completed in May.", "delivery"),
        ("On Monday Estonia reported sending 900 drones to Ukraine.", "delivery"),
        ("Estonia confirmed sending 900 drones to Ukraine next spring.", "pledge"),
        ("Estonia will send 900 drones to Ukraine next spring.", "pledge"),
    ],
)
def test_aid_on_its_way_or_reported_transferred_is_delivered(text, kind):
    assert [(f.donor, f.kind, f.quantity) for f in extract_facts(text)] == [
        ("EE", kind, Decimal(900))
    ]


def test_what_ukraine_will_have_received_has_been_delivered():
    text = "With this payment, Ukraine will have received close to €18 billion from the EU."
    assert [(f.donor, f.kind) for f in extract_facts(text)] == [("EU", "delivery")]


@pytest.mark.parametrize(
    ("text", "donor"),
    [
        ("Foreign Minister Espen Barth Eide announced 4 billion kroner for Ukraine.", "NO"),
        ("Finance minister Lindner said €3 billion more would go to Ukraine.", "DE"),
        ("Prime Minister Siliņa announced €20 million in drones for Ukraine.", "LV"),
    ],
)
def test_more_ministers_speak_for_their_state(text, donor):
    assert [f.donor for f in extract_facts(text)] == [donor]


@pytest.mark.parametrize(
    "text",
    [
        "Earlier, Spanish media reported that Spain would send Ukraine 12 howitzers.",
        "Spain will send Ukraine 12 howitzers, a military source said.",
        "Spain will send Ukraine 12 howitzers, El Mundo reported.",
        "It is believed that Spain will send Ukraine 12 howitzers.",
    ],
)
def test_a_plan_reported_by_others_is_an_estimate(text):
    assert [(f.donor, f.kind) for f in extract_facts(text)] == [("ES", "estimate")]


@pytest.mark.parametrize(
    "text",
    [
        "Spain has handed over 12 howitzers to Ukraine, Spanish media reported.",
        "Spain will send Ukraine 12 howitzers, a government source said.",
        "As the agency reported, Robles confirmed that Spain would send Ukraine 12 howitzers.",
    ],
)
def test_a_reported_delivery_or_the_givers_own_word_keeps_its_kind(text):
    assert [f.kind for f in extract_facts(text)] != ["estimate"]


def test_ammunition_supplied_by_companies_does_not_make_the_grant_a_delivery():
    text = (
        "The package includes CAD 20 million for armoured vehicles, with ammunition supplied "
        "by Canadian companies."
    )
    assert [(f.donor, f.kind, f.amount) for f in extract_facts(text)] == [
        ("CA", "pledge", Decimal("2e7"))
    ]


def test_a_calibre_after_a_space_grouped_count_is_not_part_of_it():
    text = "Seoul will lend Ukraine 300 000 155 mm shells."
    assert [(f.quantity, f.unit) for f in extract_facts(text)] == [(Decimal(300000), "shell")]


@pytest.mark.parametrize(
    "text",
    [
        "South Korea has announced aid to Ukraine of 400 billion won ($300 million) for 2025.",
        "Seoul has earmarked 400 billion won, or some 300 million U.S. dollars, for Ukraine.",
    ],
)
def test_the_won_is_koreas_and_its_dollar_conversion_no_second_fact(text):
    assert [(f.donor, f.amount, f.currency) for f in extract_facts(text)] == [
        ("KR", Decimal("4e11"), "KRW")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The IT Coalition for Ukraine has raised a combined 40 million euros.",
        "The Demining Coalition has raised a combined 40 million euros for Ukraine.",
    ],
)
def test_a_named_capability_coalitions_total_is_recorded_under_nato(text):
    assert [(f.donor, f.amount) for f in extract_facts(text)] == [("NATO", Decimal("4e7"))]


def test_us_dollars_in_a_conversion_name_no_american_giver():
    text = "Tokyo has earmarked 50 billion yen, or some 330 million U.S. dollars, for Ukraine."
    assert [(f.donor, f.currency) for f in extract_facts(text)] == [("JP", "JPY")]


def test_an_undisclosed_number_of_the_named_vehicles_is_an_undisclosed_count():
    text = "Estonia delivered an undisclosed number of the M113 carriers to Ukraine."
    assert [(f.donor, f.kind, f.unit, f.qualifier) for f in extract_facts(text)] == [
        ("EE", "delivery", "vehicle", "undisclosed")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The Irish government is set to allocate about €30 million to Ukraine.",
        "In a year it will be possible to deliver about 30 tanks to Ukraine, Ireland said.",
    ],
)
def test_a_plan_not_yet_made_or_a_possibility_is_an_estimate(text):
    assert [(f.donor, f.kind) for f in extract_facts(text)] == [("IE", "estimate")]


@pytest.mark.parametrize(
    "text",
    [
        "The Irish government has reported an urgent transfer to Ukraine of 30 generators.",
        "Ireland also made a €200,000 contribution to the NATO trust fund for Ukraine.",
    ],
)
def test_a_reported_transfer_or_a_contribution_made_is_delivered(text):
    assert [(f.donor, f.kind) for f in extract_facts(text)] == [("IE", "delivery")]


def test_a_from_party_after_a_bracketed_conversion_gives_that_sum():
    text = (
        "The fund has since received 2 million euros from Germany and 900,000 Czech korun "
        "($40,000) from the Czech Republic."
    )
    assert [(f.donor, f.currency) for f in extract_facts(text)] == [("DE", "EUR"), ("CZ", "CZK")]


@pytest.mark.parametrize(
    "text",
    [
        "The Icelandic government will send ISK 150 million [just over $1 million; €1,000,000] "
        "in aid to Ukraine.",
        "So far Iceland has given roughly half a billion Icelandic kronas to relief efforts in "
        "Ukraine, equivalent to 3,5 million euros.",
    ],
)
def test_a_conversion_in_square_brackets_or_after_equivalent_to_is_the_same_sum(text):
    assert [(f.donor, f.currency) for f in extract_facts(text)] == [("IS", "ISK")]


def test_a_bracketed_conversion_after_the_giver_is_the_same_sum():
    text = (
        "Ukraine's drone fund has received 12 million pounds from the United Kingdom (over 15 "
        "million dollars)."
    )
    assert [(f.donor, f.currency) for f in extract_facts(text)] == [("GB", "GBP")]


def test_minehunters_and_raiding_craft_are_boats():
    text = "The UK will transfer two Sandown class minehunters to Ukraine and 23 raiding craft."
    assert [(f.quantity, f.unit) for f in extract_facts(text)] == [
        (Decimal(2), "boat"),
        (Decimal(23), "boat"),
    ]


def test_a_counted_line_under_a_list_header_is_an_item_though_it_ends_with_a_stop():
    text = (
        "Under USAI, the Pentagon will buy Ukraine new capabilities. Included in this package "
        "are:\n\nFour additional counter-artillery radars.\n\nTwo HIMARS launchers.\n"
    )
    assert [(f.donor, f.quantity, f.unit) for f in extract_facts(text)] == [
        ("US", Decimal(4), "radar"),
        ("US", Decimal(2), "launcher"),
    ]


@pytest.mark.parametrize(
    ("text", "quantity", "amount"),
    [
        ("Norway will send a quarter-million rounds of ammunition to Ukraine.", 250000, None),
        ("Norway will send a quarter million rounds of ammunition to Ukraine.", 250000, None),
        ("Norway will give a half-billion euros to Ukraine.", None, 500000000),
    ],
)
def test_a_fraction_glued_to_its_scale_is_a_number(text, quantity, amount):
    [fact] = extract_facts(text)
    assert (fact.quantity, fact.amount) == (
        None if quantity is None else Decimal(quantity),
        None if amount is None else Decimal(amount),
    )


def test_tank_battalions_are_formations_not_tanks():
    text = "The goal is to form two tank battalions, and Norway will provide eight Leopard tanks."
    assert [(f.quantity, f.unit) for f in extract_facts(text)] == [(Decimal(8), "tank")]


@pytest.mark.parametrize(
    ("text", "donor"),
    [
        ("Thanks to a Danish-funded programme, Ukraine received 18 Caesar howitzers.", "DK"),
        ("The Ambassador of Japan handed over 20 generators to the city of Kharkiv.", "JP"),
    ],
)
def test_a_payer_or_an_envoy_names_the_giver_over_the_sentence_before(text, donor):
    page = "Norway has sent Ukraine 40 trucks.\n\n" + text
    assert [f.donor for f in extract_facts(page)] == ["NO", donor]


def test_a_tracker_that_shows_a_total_makes_it_an_estimate():
    text = "Denmark has allocated €8 billion in military aid to Ukraine, the tracker shows."
    assert [(f.donor, f.kind) for f in extract_facts(text)] == [("DK", "estimate")]


def test_a_name_bound_to_another_sum_is_no_last_resort_for_the_first():
    text = (
        "European countries have together allocated €132 billion to Ukraine, against €115 "
        "billion from the United States."
    )
    assert [(f.donor, f.amount) for f in extract_facts(text)] == [("US", Decimal("1.15e11"))]


def test_a_superlative_to_date_compares_and_leaves_the_figure_promised():
    text = (
        "The $900 million package is the largest tranche of US security assistance"
        " for Ukraine to date."
    )
    assert [(f.donor, f.kind) for f in extract_facts(text)] == [("US", "pledge")]


def test_what_follows_on_top_of_has_its_own_verb():
    text = "The package includes 60 Brimstone missiles on top of £3 billion of aid sent since 2022."
    assert [(f.quantity, f.kind) for f in extract_facts(text, donor="GB")] == [
        (60, "pledge"),
        (None, "delivery"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Washington authorized $60 million in military aid to Ukraine last fall.",
        "US military aid to Ukraine since the full-scale invasion began in 2022 amounts"
        " to $40 billion.",
    ],
)
def test_an_authorisation_and_a_total_since_the_war_began_are_promised(text):
    assert [(f.donor, f.kind) for f in extract_facts(text)] == [("US", "pledge")]
