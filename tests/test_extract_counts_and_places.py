"""Specification of extraction rules for counts, places and sums named before (issue #18).

Every sentence is made up for the test. Each names one rule: a number that counts time or
people counts no aid, "the first" item that has arrived is one item, a demonym inside a
count names its giver, a place is never a giver, a sum that opens a sentence as its topic
was stated before, and a trap word's phrase that "has climbed to" a sum makes it no aid.
"The Estonians" give like Estonia; "one fire engine" counts one vehicle; "its first"
launcher shipped is one; aid being transported is under way; "Finland's own stocks" name
the giver. Counts of places, people, carriers ("aboard two aircraft", "wagons, transporting"),
rates ("two meals per ration") and the giver's stock ("the 30 F-16s it owns") are no aid, and a
scale word run into the next word gives no figure. What "there were" in an aid package is aid,
not a stock, and aid handed over "as soon as it is produced" is no production figure.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.fact_tuples import facts
from tracker.extract import extract_facts


def test_a_number_of_months_after_a_count_is_no_second_count():
    assert facts("Norway has delivered 4,000 drones to Ukraine over the last 5 months.") == [
        ("NO", "delivery", Decimal(4000), "drone", None, None)
    ]


def test_one_of_a_countrys_backers_counts_nothing():
    found = facts("As one of Ukraine's biggest backers, Finland will give €50 million in aid.")
    assert found == [("FI", "pledge", None, None, Decimal(50_000_000), "EUR")]


def test_machines_are_counted_like_any_other_aid_noun():
    assert facts("Japan has handed over twelve mine-clearing machines to Ukraine.") == [
        ("JP", "delivery", Decimal(12), "item", None, None)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The first Spanish Leopard 2 tank that Madrid promised has now arrived in Poland.",
        "Spain says the first Leopard 2 tank has arrived in Ukraine.",
    ],
)
def test_the_first_item_that_has_arrived_is_one_delivered(text):
    assert facts(text) == [("ES", "delivery", Decimal(1), "tank", None, None)]


def test_the_first_of_several_that_have_arrived_counts_nothing_certain():
    assert facts("Spain says the first Leopard 2 tanks have arrived in Ukraine.") == []


def test_a_think_tank_is_no_tank():
    assert facts("Canada pledged $20 million, a minister told a think tank in Ottawa.") == [
        ("CA", "pledge", None, None, Decimal(20_000_000), "CAD")
    ]


def test_a_demonym_inside_a_count_names_its_giver_when_no_giver_is_named():
    text = (
        "More help is coming: Slovak fuel expected Monday, 300 Estonian generators heading to Kyiv."
    )
    assert [(f[0], f[2]) for f in facts(text)] == [("EE", Decimal(300))]


@pytest.mark.parametrize(
    "text",
    [
        "Denmark has sent Ukraine 20 Swedish CV90 vehicles.",
        "Denmark has sent Ukraine 20 German-made trucks.",
    ],
)
def test_a_demonym_of_make_or_a_named_giver_keeps_the_giver(text):
    assert [f[0] for f in facts(text)] == ["DK"]


def test_a_place_something_arrived_in_is_no_giver():
    assert facts("The first Leopard 2 tank has now arrived in Poland.") == []


def test_another_countrys_forces_that_receive_give_nothing():
    assert facts("Czech forces have received another Leopard 2A4 tank in Germany.") == []


def test_a_sum_opening_the_sentence_as_its_topic_was_named_before():
    text = "Of the SEK 9 billion, SEK 2 billion will go to air defence for Ukraine, Sweden says."
    assert facts(text) == [("SE", "pledge", None, None, Decimal(2_000_000_000), "SEK")]


@pytest.mark.parametrize(
    "text",
    [
        "The cost of rebuilding Ukraine after four years of fighting has climbed to $600 billion, "
        "the European Commission says.",
        "The EU and Canada froze the central bank's foreign exchange reserves worth about "
        "€200 billion.",
    ],
)
def test_money_that_a_trap_phrase_amounts_to_is_no_aid(text):
    assert facts(text) == []


def test_the_cost_of_an_aid_package_is_still_its_value():
    assert facts("The cost of the new Dutch aid package is €300 million.") == [
        ("NL", "pledge", None, None, Decimal(300_000_000), "EUR")
    ]


@pytest.mark.parametrize("bullet", ["-", "--", "–", "•"])
def test_a_count_after_a_dash_bullet_is_read_under_the_list_header(bullet):
    text = (
        "Belgium announced a new package of military aid. It includes:\n\n"
        f"{bullet} 12 air defence systems;\n{bullet} 40 trucks."
    )
    assert [(f[0], f[2], f[3]) for f in facts(text)] == [
        ("BE", Decimal(12), "system"),
        ("BE", Decimal(40), "vehicle"),
    ]


def test_a_dash_glued_to_a_number_is_still_a_model_name():
    assert facts("Slovakia has delivered 13 MiG-29 jets to Ukraine.") == [
        ("SK", "delivery", Decimal(13), "aircraft", None, None)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Italy and Spain will each contribute €3 billion of the €10 billion for Ukraine.",
            [("IT", Decimal(3_000_000_000)), ("ES", Decimal(3_000_000_000))],
        ),
        (
            "In addition to this €400 million package, Austria announced €20 million in aid.",
            [("AT", Decimal(20_000_000))],
        ),
        (
            "The €400 million also includes €50 million from Austria for Ukraine.",
            [("AT", Decimal(50_000_000))],
        ),
    ],
)
def test_a_sum_referring_to_one_stated_before_is_no_new_fact(text, expected):
    assert [(f[0], f[4]) for f in facts(text)] == expected


def test_a_sum_in_addition_to_the_one_already_promised_is_still_read():
    found = facts("Austria adds €20 million, in addition to the €100 million already promised.")
    assert [f[4] for f in found] == [Decimal(20_000_000), Decimal(100_000_000)]


def test_a_conversion_into_pounds_sterling_is_the_same_fact():
    assert facts(
        "Canada gives Ukraine 9 million Canadian dollars (5 million pounds sterling)."
    ) == [("CA", "pledge", None, None, Decimal(9_000_000), "CAD")]


def test_the_capacity_of_given_generators_is_no_second_fact():
    text = "Ukraine received 30 generators from Latvia, providing a capacity of 12 megawatts."
    assert [(f[0], f[2], f[3]) for f in facts(text)] == [("LV", Decimal(30), "generator")]


def test_a_request_opening_a_sentence_governs_a_distant_sum():
    text = "It is necessary for the partners of Ukraine to fund the new initiative at $1 billion."
    assert facts(text) == []


def test_hryvnias_name_no_giver():
    assert facts("The authorities expect grants of 80 billion hryvnias this year.") == []


def test_payments_are_events_not_items():
    text = "The EU has already disbursed €6 billion in bridge financing and three regular payments."
    assert [(f[2], f[4]) for f in facts(text)] == [(None, Decimal(6_000_000_000))]


def test_a_tranche_of_profit_from_frozen_assets_is_aid():
    text = (
        "Kallas will announce the second tranche of 2 billion euros of profit from Russian assets."
    )
    assert [(f[0], f[4]) for f in facts(text)] == [("EU", Decimal(2_000_000_000))]


@pytest.mark.parametrize(
    "text",
    [
        "Portugal will send six 2A4 ‘Leopard’ battle tanks to Ukraine.",
        "Portugal will send six “Leopard” tanks to Ukraine.",
    ],
)
def test_a_quoted_model_name_stays_inside_its_count(text):
    assert facts(text) == [("PT", "pledge", Decimal(6), "tank", None, None)]


def test_a_model_number_opening_the_sentence_counts_nothing():
    text = "Leopard 2 tanks from Spain are expected to arrive in Ukraine in March, officials said."
    assert [f[2] for f in facts(text)] == []


def test_a_battery_of_howitzers_counts_the_howitzers_not_the_battery():
    assert facts("Spain will send a battery of six light howitzers to Ukraine.") == [
        ("ES", "pledge", Decimal(6), "howitzer", None, None)
    ]


def test_a_bare_sum_after_money_is_in_its_currency_whatever_verb_follows():
    text = "Sweden gives SEK 5.4 billion to military aid, and 1.2 billion will go to civilian aid."
    assert [(f[4], f[5]) for f in facts(text)] == [
        (Decimal(5_400_000_000), "SEK"),
        (Decimal(1_200_000_000), "SEK"),
    ]


def test_a_bare_sum_before_any_currency_is_refused_not_guessed():
    text = "Of the first 300 million, Japan signed a loan of 13 billion yen with Ukraine."
    assert [f[5] for f in facts(text)] == ["JPY"]


def test_giving_from_ones_own_arsenal_is_no_own_use():
    text = (
        "Germany has pledged to give Ukraine two Patriot systems from its own arsenal, which "
        "it will replace with a new order from the US."
    )
    assert facts(text) == [("DE", "pledge", Decimal(2), "system", None, None)]


def test_a_or_an_before_a_plural_counts_no_single_item():
    assert facts("Belgium will make a major contribution toward sending US-built systems.") == []
    assert [f[2] for f in facts("Belgium will send a NASAMS to Ukraine.")] == [Decimal(1)]


def test_a_round_of_a_programme_is_no_ammunition():
    text = "The US announced $400 million for Ukraine as part of the 30th round of drawdowns."
    assert [(f[2], f[3], f[4]) for f in facts(text)] == [(None, None, Decimal(400_000_000))]


def test_ukraines_own_equipment_counted_in_a_gift_is_not_the_gift():
    text = "Britain will send Ukraine spares to refurbish up to 80 Ukrainian tanks."
    assert facts(text) == []


def test_a_countrys_shortage_of_tanks_is_no_aid():
    text = "Poland has a deficit of more than 100 tanks, to be covered by deliveries from Korea."
    assert facts(text) == []


def test_a_year_after_a_word_of_time_counts_nothing():
    assert facts("Germany's aid for 2025 amounts to around four billion euros.") == [
        ("DE", "pledge", None, None, Decimal("4E9"), "EUR")
    ]
    # The same digits as a count, with no word of time before them, still count.
    assert facts("Norway will deliver 2030 drones to Ukraine by 2026.") == [
        ("NO", "pledge", Decimal(2030), "drone", None, None)
    ]


def test_a_number_word_ending_a_groups_name_counts_nothing():
    assert facts("The Nordic-Baltic Eight pledged 40 million euros for demining in Ukraine.") == []


def test_a_number_word_in_a_title_case_headline_still_counts():
    assert facts("Germany Sends Ukraine Two Hundred Generators") == [
        ("DE", "pledge", Decimal(200), "generator", None, None)
    ]


def test_loans_backed_by_frozen_assets_are_aid():
    text = "The G7 agreed to lend Ukraine $50 billion in loans backed by frozen Russian assets."
    assert facts(text) == [("G7", "pledge", None, None, Decimal("5E10"), "USD")]


def test_water_tanks_are_containers_not_battle_tanks():
    assert facts("Greece donated 5 water tanks and 5 Leopard tanks to Ukraine.") == [
        ("GR", "delivery", Decimal(5), "item", None, None),
        ("GR", "delivery", Decimal(5), "tank", None, None),
    ]


def test_a_people_named_for_their_state_gives_like_the_state():
    assert facts("The Estonians handed over 9 more armoured vehicles.") == [
        ("EE", "delivery", 9, "vehicle", None, None)
    ]
    assert facts("The Russians fired 40 missiles at Kyiv.") == []


def test_a_head_of_several_words_counts_one_too():
    assert facts("Austria donated three ambulances and one fire engine.") == [
        ("AT", "delivery", 3, "vehicle", None, None),
        ("AT", "delivery", 1, "vehicle", None, None),
    ]
    assert facts("Canada will send 300 unmanned aerial systems.") == [
        ("CA", "pledge", 300, "drone", None, None)
    ]


def test_its_first_item_after_a_verb_of_sending_is_one():
    assert facts("Norway has shipped its first NASAMS launcher to Ukraine.") == [
        ("NO", "delivery", 1, "launcher", None, None)
    ]


def test_aid_being_transported_is_under_way():
    assert facts("Ottawa is transporting six armoured ambulances to Kyiv.") == [
        ("CA", "delivery", 6, "vehicle", None, None)
    ]


def test_a_givers_own_stocks_name_the_giver():
    assert facts("The delivery includes 5,000 rounds from Finland’s own stocks.") == [
        ("FI", "delivery", 5000, "round", None, None)
    ]


def test_the_first_dozen_is_twelve():
    assert facts("The first dozen Leopard tanks were delivered to Ukraine by Denmark.") == [
        ("DK", "delivery", 12, "tank", None, None)
    ]


def test_the_treasury_department_speaks_for_the_us():
    assert [f[0] for f in facts("The Treasury Department announced $2 billion for Ukraine.")] == [
        "US"
    ]


def test_a_headlines_capitals_are_no_models_name():
    assert facts("POLAND WILL DONATE 10 warplanes to Ukraine.") == [
        ("PL", "pledge", 10, "aircraft", None, None)
    ]


def test_acronyms_of_vehicles_and_the_kuna_and_the_grand_duchy_are_read():
    assert facts("To date, Ukraine has received 12 ACVs from Canada.") == [
        ("CA", "delivery", 12, "vehicle", None, None)
    ]
    assert [f[4:] for f in facts("Croatia sent aid worth 50 million kuna.")] == [
        (50_000_000, "HRK")
    ]
    assert [
        f[0] for f in facts("The Grand Duchy has invested €100 million in Ukraine's defence.")
    ] == ["LU"]


def test_a_count_after_a_month_that_cannot_be_a_day_is_a_count():
    assert facts("By October 45 vehicles had been delivered by Sweden.") == [
        ("SE", "delivery", 45, "vehicle", None, None)
    ]
    assert facts("Sweden delivered vehicles on October 12.") == []


def test_what_there_was_in_a_package_is_aid_not_a_stock():
    text = (
        "Latvia sent its 20th package in May. In the 19th aid package, which the country"
        " handed over in April, there were four Bandvagn vehicles."
    )
    assert facts(text)[-1][:3] == ("LV", "delivery", 4)


def test_aid_to_be_handed_over_as_soon_as_it_is_produced_is_no_production_figure():
    text = "Germany will hand over 3 more IRIS-T systems as soon as they are produced."
    assert [f[:3] for f in facts(text)] == [("DE", "pledge", 3)]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Norway will give €50 million to Ukraine, split into two tracks.", [50_000_000]),
        ("Ireland sent 6 fire engines from four counties to Ukraine.", [6]),
        ("The US is buying 40 generators for 12 Ukrainian cities and two universities.", [40]),
        ("Britain will send 20 AS90 guns, operated by five gunners each.", [20]),
        ("Over 90 Polish wagons, transporting 900 tons of food, arrived in Lviv.", [900]),
        ("France sent eight tons of medicine to Ukraine aboard two French aircraft.", [8]),
        ("France will send 9,000 rations (two meals per ration) to Ukraine.", [9000]),
        ("Czechia will supply 50,000 rounds per month to Ukraine.", [50000]),
        ("Norway gives 6 F-16s, and Denmark some of the 30 F-16s it owns.", [6]),
    ],
)
def test_counts_of_places_people_carriers_rates_and_stocks_are_no_aid(text, kept):
    assert [f[2] if f[2] is not None else f[4] for f in facts(text)] == kept


def test_a_scale_word_run_into_the_next_word_gives_no_figure():
    assert facts("Sweden's package includes SEK 850 milliondrawn from its reserves.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Norway's aid has three elements: NOK 5 billion for arms and NOK 1 billion for energy.",
        "Congress has passed five spending bills for Ukraine, totaling $174 billion.",
        "The G7 loan is financed by profits on €210 billion in frozen Russian assets.",
    ],
)
def test_counts_of_parts_and_bills_and_the_size_of_frozen_assets_are_no_aid(text):
    assert all(f[2] is None and f[4] not in (210_000_000_000,) for f in facts(text))


@pytest.mark.parametrize(
    "text",
    [
        "The first batch delivered to the Belgians consists of four aircraft.",
        "In the first three quarters of the year, the government approved exports to Kyiv.",
        "According to the US Ambassador, the turbine will power up to 100,000 consumers.",
    ],
)
def test_receivers_quarters_and_consumers_count_no_aid(text):
    assert facts(text) == []


def test_according_to_a_giver_still_names_it():
    text = "According to USAID, the agency has already donated 9,000 generators to Ukraine."
    assert [f[:3] for f in facts(text)] == [("US", "delivery", 9000)]


def test_a_fact_sheets_bracketed_counts_and_multiples_are_counts():
    text = "The package includes: (12,000) 120mm mortar rounds; (4) counter-battery radars."
    assert [(f.quantity, f.unit) for f in extract_facts(text, donor="US")] == [
        (12_000, "round"),
        (4, "radar"),
    ]
    text = "Canada announced that it would send Ukraine 8x Leopard 2 main battle tanks."
    assert [(f.donor, f.quantity, f.unit) for f in extract_facts(text)] == [("CA", 8, "tank")]


def test_a_bracketed_number_inside_a_reference_is_no_count():
    text = "Under Article 5(3) of the regulation, Austria will send 20 generators."
    assert [(f.quantity, f.unit) for f in extract_facts(text)] == [(20, "generator")]


def test_tens_of_things_is_a_vague_count():
    text = "Latvia will send tens of machine guns and tens of drones to Ukraine."
    assert [(f.quantity, f.unit) for f in extract_facts(text)] == [
        (None, "weapon"),
        (None, "drone"),
    ]
