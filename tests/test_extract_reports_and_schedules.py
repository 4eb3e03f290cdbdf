"""Specification of extraction rules for what a report passes on and what a giver has
scheduled (issue #18, from the misses of held-out set 11).

Every sentence is made up for the test. "As the agency previously reported, ..." points back
to an earlier story and leaves the fact as stated; "said the sources", "was reported to be"
and an analyst's "according to our assessment" make an estimate; counts "included in" a
package are promised; a delivery "expected to arrive" or "scheduled for delivery" after the
giver's own account, and a count that is the subject of "will be sent" or "will follow", are
still to come: pledges, whatever an earlier clause handed over. A plan a named outlet
reports ("Le Figaro reported that", "according to the Bild newspaper", "the publication
said") is an estimate (set 16); the giver's own government website is no outlet. So is a
list under an outlet's report of a plan ("According to the newspaper, Norway will transfer:").
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
            "As Interfax earlier reported, Sweden intends to give Ukraine SEK 900 million.",
            [("SE", "pledge", None, None, Decimal("9e8"), "SEK")],
        ),
        (
            "As the agency previously reported, the Ukrainian budget received about USD 400 "
            "million from Norway.",
            [("NO", "delivery", None, None, Decimal("4e8"), "USD")],
        ),
    ],
)
def test_an_outlet_pointing_back_to_its_own_story_is_no_hearsay(text, expected):
    assert facts(text) == expected


def test_a_story_reported_earlier_by_others_is_still_an_estimate():
    assert facts("It was earlier reported that Spain plans to raise its aid to €2 billion.") == [
        ("ES", "estimate", None, None, Decimal("2e9"), "EUR")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Belgian package will be worth about €900 million, said the sources.",
            [("BE", "estimate", None, None, Decimal("9e8"), "EUR")],
        ),
        (
            "The total of Dutch aid sent to Ukraine was reported to be €5 billion.",
            [("NL", "estimate", None, None, Decimal("5e9"), "EUR")],
        ),
        (
            "According to our preliminary assessment, the new French package contains about "
            "EUR 3 billion in military aid.",
            [("FR", "estimate", None, None, Decimal("3e9"), "EUR")],
        ),
    ],
)
def test_hearsay_and_an_analysts_own_count_are_estimates(text, expected):
    assert facts(text) == expected


def test_counts_included_in_a_package_are_promised_whatever_the_tense():
    assert facts(
        "More than 300 Canadian drones and 40 armoured vehicles have been included in the aid."
    ) == [
        ("CA", "pledge", Decimal(300), "drone", None, None),
        ("CA", "pledge", Decimal(40), "vehicle", None, None),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Norway has sent Ukraine 60 missiles this month, with another 15 expected to arrive "
            "by July.",
            [
                ("NO", "delivery", Decimal(60), "missile", None, None),
                ("NO", "pledge", Decimal(15), "missile", None, None),
            ],
        ),
        (
            "Spain handed over two Hawk launchers, and the delivery of four more is expected "
            "in spring.",
            [
                ("ES", "delivery", Decimal(2), "launcher", None, None),
                ("ES", "pledge", Decimal(4), "launcher", None, None),
            ],
        ),
    ],
)
def test_a_delivery_the_giver_has_scheduled_is_still_a_pledge(text, expected):
    assert facts(text) == expected


def test_a_count_that_is_the_subject_of_will_be_sent_is_promised():
    assert facts(
        "Italy supplied 500 mortar rounds in May, and a further 700 will now be sent."
    ) == [
        ("IT", "delivery", Decimal(500), "round", None, None),
        ("IT", "pledge", Decimal(700), "round", None, None),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Two Dutch Patriot launchers have already been delivered, and a third will follow "
        "next month.",
        "The Netherlands has delivered two Patriot launchers, with a third scheduled for "
        "delivery in autumn.",
    ],
)
def test_a_and_an_ordinal_with_no_noun_is_one_more_of_the_item_before(text):
    assert facts(text) == [
        ("NL", "delivery", Decimal(2), "launcher", None, None),
        ("NL", "pledge", Decimal(1), "launcher", None, None),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Denmark sent 30 trucks in June and a third of the funds in March.",
        "Denmark sent 30 trucks, for a second time this year.",
    ],
)
def test_a_fraction_or_a_second_time_counts_no_item(text):
    assert facts(text) == [("DK", "delivery", Decimal(30), "vehicle", None, None)]


def test_the_main_verb_speaks_over_a_relative_clause_that_promised_the_count():
    assert facts("Finland said it had delivered the 12 howitzers it had promised.") == [
        ("FI", "delivery", Decimal(12), "howitzer", None, None)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Healey unveiled a £40 million support package during a visit to Denmark.",
            [("GB", "pledge", None, None, Decimal("4e7"), "GBP")],
        ),
        (
            "The new package includes $90 million in mortar rounds, the DOD statement said.",
            [("US", "pledge", None, None, Decimal("9e7"), "USD")],
        ),
        (
            "The MOD confirmed that a further £25 million of aid will go to Ukraine.",
            [("GB", "pledge", None, None, Decimal("2.5e7"), "GBP")],
        ),
    ],
)
def test_a_visit_is_a_place_and_initials_in_capitals_name_their_ministry(text, expected):
    assert facts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "G7 nations, including Italy, France and Canada, agreed to lend Ukraine $20 billion.",
            [("G7", "pledge", None, None, Decimal("2e10"), "USD")],
        ),
        (
            "The Chancellor of Austria welcomed the support, including a €10 billion EU loan.",
            [("EU", "pledge", None, None, Decimal("1e10"), "EUR")],
        ),
        (
            "EU leaders overcame objections from Slovakia and agreed to give Ukraine €5 billion.",
            [("EU", "pledge", None, None, Decimal("5e9"), "EUR")],
        ),
    ],
)
def test_a_group_gives_what_its_listed_members_or_its_opponents_do_not(text, expected):
    assert facts(text) == expected


def test_a_power_rating_counts_no_machines():
    assert facts("Sweden handed over 15 generators of 200 kW each and 60 kW pumps.") == [
        ("SE", "delivery", Decimal(15), "generator", None, None)
    ]


def test_money_from_frozen_assets_is_still_aid():
    assert facts("Ukraine received €2 billion from the EU at the expense of Russian assets.") == [
        ("EU", "delivery", None, None, Decimal("2e9"), "EUR")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The US will provide $9 billion to replace these stocks.",
        "Canada will deliver 200 armoured vehicles for the Canadian armed forces.",
        "There is $3.1 billion remaining of the presidential drawdown authority for Ukraine.",
    ],
)
def test_refilling_stores_own_forces_and_an_unspent_balance_are_no_aid(text):
    assert facts(text) == []


def test_money_to_replace_what_ukraine_lost_is_aid():
    assert facts("The US will give Ukraine $50 million to replace destroyed equipment.") == [
        ("US", "pledge", None, None, Decimal("5e7"), "USD")
    ]


def test_the_country_whose_attacks_aid_answers_is_not_its_giver():
    assert facts(
        "Worth $80 million, the package holds munitions meant to counter Russian military "
        "action, the Pentagon said."
    ) == [("US", "pledge", None, None, Decimal("8e7"), "USD")]


@pytest.mark.parametrize(
    "text",
    [
        "The secretary of state has been given the authority to order a drawdown of $100 "
        "million in defence articles for Ukraine, the White House said.",
        "The president has given DOD authorization for a drawdown of up to $100 million for "
        "Ukraine.",
    ],
)
def test_authority_given_to_order_a_drawdown_is_no_delivery(text):
    assert [(f.donor, f.kind, f.amount) for f in extract_facts(text)] == [
        ("US", "pledge", Decimal("1e8"))
    ]


def test_the_administration_is_the_american_one():
    assert facts("The administration has sent Ukraine 12 Mi-17 helicopters.") == [
        ("US", "delivery", Decimal(12), "helicopter", None, None)
    ]


def test_a_vague_count_that_is_one_item_of_a_list_counts_only_its_own_noun():
    got = extract_facts(
        "Sweden said the package would include thousands of shells, dozens of trucks and "
        "long-range missiles."
    )
    assert [(f.unit, f.qualifier, f.quantity) for f in got] == [
        ("shell", None, None),
        ("vehicle", None, None),
    ]


def test_a_vague_count_that_opens_its_list_covers_the_nouns_coordinated_with_it():
    assert [f.unit for f in extract_facts("Estonia sent dozens of trucks and ambulances.")] == [
        "vehicle",
        "vehicle",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "On 3 May, Le Figaro reported that Belgium was preparing to send 8 more howitzers.",
        "According to the Bild newspaper, Austria will supply 30 armoured vehicles.",
        '"Six Leopard tanks will be handed over next week," the publication said of Norway.',
        "Japan is close to giving Ukraine $2 billion, Kyodo news agency reported, citing "
        "diplomatic sources.",
        "Latvia will send a package worth 20 million euros, the LSM website has reported.",
        "Lisbon is preparing three more tanks for transfer to Kyiv, the news agency added.",
        "Sweden is going to send five more howitzers to Ukraine, the paper wrote.",
    ],
)
def test_a_plan_an_outlet_reports_is_an_estimate(text):
    assert [kind for _, kind, *_ in facts(text)] == ["estimate"]


def test_the_givers_own_website_is_no_outlet():
    text = "Poland will give €200 million to Ukraine, the Polish government website reports."
    assert [kind for _, kind, *_ in facts(text)] == ["pledge"]


@pytest.mark.parametrize(
    "text",
    [
        "Austria will allocate EUR3 million to Ukraine for demining, Die Presse reports.",
        "Norway is preparing to send 40 boats to Ukraine, writes the Financial Times.",
    ],
)
def test_a_plan_any_named_outlet_closes_is_an_estimate(text):
    assert [kind for _, kind, *_ in facts(text)] == ["estimate"]


def test_a_transfer_announced_for_the_coming_days_is_still_to_come():
    text = (
        "The Slovak president announced the transfer of six MiG-29s to Ukraine in the coming days."
    )
    assert facts(text) == [("SK", "pledge", Decimal("6"), "aircraft", None, None)]


def test_a_decision_a_named_outlet_closes_stays_promised():
    text = "The Icelandic government has agreed to give Ukraine ISK 2 billion, RUV reported."
    assert [kind for _, kind, *_ in facts(text)] == ["pledge"]


def test_a_list_under_an_outlets_report_of_a_plan_is_an_estimate():
    text = (
        "According to the newspaper, Norway will transfer to Ukraine:\n\n"
        "• 12 patrol boats,\n\n• 30 trucks."
    )
    assert [(f.donor, f.kind, f.quantity) for f in extract_facts(text)] == [
        ("NO", "estimate", 12),
        ("NO", "estimate", 30),
    ]


def test_a_plan_unnamed_government_sources_tell_an_outlet_is_an_estimate():
    text = (
        "Spain is preparing to give Ukraine six tanks, El Pais reported, citing unnamed"
        " government sources."
    )
    assert [f.kind for f in extract_facts(text)] == ["estimate"]


def test_an_expectation_about_deliveries_leaves_the_sum_a_giver_signed():
    text = (
        "More shipments are expected after Trudeau signed C$500 million in new military aid "
        "for Ukraine on Friday."
    )
    assert [(f.donor, f.kind) for f in extract_facts(text)] == [("CA", "pledge")]


def test_a_package_according_to_counted_officials_is_their_estimate():
    text = "The US will send a $400 million package to Ukraine, according to three U.S. officials."
    assert [(f.donor, f.kind) for f in extract_facts(text)] == [("US", "estimate")]


def test_aid_financed_from_a_budget_on_a_condition_is_promised():
    text = (
        "Around 300 million euros for Ukraine were to be financed from the defence budget, "
        "provided that parliament gave its approval next week."
    )
    assert [(f.kind, f.amount) for f in extract_facts(text, donor="AT")] == [
        ("pledge", 300_000_000)
    ]


def test_a_delivery_set_for_a_date_is_the_givers_schedule():
    text = (
        "Twelve patrol boats committed in March are set to be delivered this October, Anand added."
    )
    assert [(f.donor, f.kind, f.quantity) for f in extract_facts(text)] == [("CA", "pledge", 12)]


def test_a_total_since_the_invasion_months_ago_is_no_past_giving():
    text = (
        "The new grant brings New Zealand's total support to Ukraine to NZ$130 million since "
        "Russia invaded the country 20 months ago."
    )
    assert [(f.donor, f.kind, f.amount) for f in extract_facts(text)] == [
        ("NZ", "pledge", 130_000_000)
    ]


def test_what_insiders_say_a_ministry_set_aside_is_an_estimate():
    text = "According to insiders, the Dutch defence ministry has set aside €3 billion for Ukraine."
    assert [(f.donor, f.kind) for f in extract_facts(text)] == [("NL", "estimate")]


def test_a_confirmation_the_receiver_got_is_a_promise():
    text = "Zelensky said he has received firm confirmation for three IRIS-T systems from Berlin."
    assert [(f.donor, f.kind, f.quantity) for f in extract_facts(text)] == [("DE", "pledge", 3)]


def test_what_the_media_claim_a_giver_will_send_is_an_estimate():
    text = "Spain will send 10 more Leopard 2A4 tanks, Spanish media claim."
    assert [(f.donor, f.kind, f.quantity) for f in extract_facts(text)] == [("ES", "estimate", 10)]


def test_the_rest_of_a_count_still_to_be_delivered_is_promised():
    text = (
        "Ukraine has so far received 12 IRIS-T systems from Germany, with 6 more to be "
        "delivered over the next two years."
    )
    assert [(f.kind, f.quantity) for f in extract_facts(text)] == [("delivery", 12), ("pledge", 6)]


def test_tanks_coming_to_ukraine_this_month_are_promised_aid():
    text = "Pistorius said the 14 German Leopard 2A6 tanks are coming to Ukraine this month."
    assert [(f.donor, f.kind, f.quantity) for f in extract_facts(text)] == [("DE", "pledge", 14)]


def test_a_giver_set_to_contribute_is_a_plan_reported_by_others():
    text = "Malta is set to contribute another €5 million in non-lethal aid to Ukraine."
    assert [(f.donor, f.kind) for f in extract_facts(text)] == [("MT", "estimate")]


def test_what_the_receiver_says_it_will_receive_is_its_expectation():
    text = (
        "The next tranche of EUR 400 million from the EIB will arrive in Ukraine in the near "
        "future, Prime Minister Denys Shmyhal said."
    )
    assert [(f.donor, f.kind) for f in extract_facts(text)] == [("EIB", "estimate")]
    text = "Zelensky said Ukraine would receive a fourth Patriot system from Germany by spring."
    assert [(f.donor, f.kind, f.quantity) for f in extract_facts(text)] == [("DE", "estimate", 1)]


def test_what_ukraine_will_receive_by_the_givers_word_stays_promised():
    text = "Ukraine will receive 10 F-16 jets from Norway, the Norwegian government said."
    assert [(f.donor, f.kind) for f in extract_facts(text)] == [("NO", "pledge")]


def test_a_package_in_the_making_is_an_estimate_but_preparing_to_send_is_promised():
    text = "The United States is preparing a $6 billion aid package for Ukraine."
    assert [(f.donor, f.kind) for f in extract_facts(text)] == [("US", "estimate")]
    text = "Officials are thinking about transferring 20 more tanks to Ukraine, Berlin said."
    assert [f.kind for f in extract_facts(text)] == ["estimate"]
    text = "Portugal is preparing to send 6 M113 troop carriers to Ukraine."
    assert [f.kind for f in extract_facts(text)] == ["pledge"]


def test_an_order_a_maker_received_for_ukraine_is_promised_aid():
    text = (
        "Nammo said it had received an order from the Norwegian government for 50,000 "
        "155 mm artillery shells for the Ukrainian Armed Forces."
    )
    assert [(f.donor, f.kind, f.quantity) for f in extract_facts(text)] == [
        ("NO", "pledge", 50_000)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Sources told Le Soir that the next package will include 40 drones from Belgium.",
        "Slovenia will send 12 trucks to Ukraine, the daily Delo reported, referring to its"
        " sources in the cabinet.",
    ],
)
def test_what_sources_tell_an_outlet_is_an_estimate(text):
    assert [f.kind for f in extract_facts(text)] == ["estimate"]


def test_bullets_are_rounds_and_aid_now_in_ukrainian_hands_was_delivered():
    text = "Italy provided 3 million bullets, now in the hands of Ukrainian units."
    assert facts(text) == [("IT", "delivery", 3_000_000, "round", None, None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Sweden announced the delivery of 40 boats to Ukraine by the end of 2026.",
            [("SE", "pledge", 40, "boat", None, None)],
        ),
        (
            "EU ministers approved a €3.1 billion payment to Ukraine as the first payment from a"
            " €40 billion fund.",
            [
                ("EU", "pledge", None, None, 3_100_000_000, "EUR"),
                ("EU", "pledge", None, None, 40_000_000_000, "EUR"),
            ],
        ),
        (
            "Estonia says 300 helmets have been delivered and 200 more are in the pipeline.",
            [
                ("EE", "delivery", 300, "helmet", None, None),
                ("EE", "pledge", 200, "helmet", None, None),
            ],
        ),
    ],
)
def test_a_delivery_due_by_a_date_the_whole_of_a_payment_and_more_in_the_pipeline_are_to_come(
    text, expected
):
    assert facts(text) == expected


def test_what_an_outlet_has_learnt_is_an_estimate():
    text = "The Irish Times has learnt that 40 generators from Ireland are ready for shipment."
    assert [(f.donor, f.kind, f.quantity) for f in extract_facts(text)] == [("IE", "estimate", 40)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Overall, Ukraine expects about 60 Marder vehicles from Berlin.",
            [("DE", "estimate", 60)],
        ),
        (
            "In May there were media reports that Rome was preparing a batch of 12 howitzers"
            " for Kyiv.",
            [("IT", "estimate", 12)],
        ),
    ],
)
def test_what_ukraine_expects_or_a_giver_is_reported_to_prepare_is_an_estimate(text, expected):
    assert [(f.donor, f.kind, f.quantity) for f in extract_facts(text)] == expected


def test_an_outlet_pointing_to_what_it_wrote_earlier_passes_on_a_decision_as_it_is():
    text = "Earlier we wrote that the cabinet approved a package from Norway of 30 million euros."
    assert [(f.donor, f.kind) for f in extract_facts(text)] == [("NO", "pledge")]


@pytest.mark.parametrize(
    "text",
    [
        "Sweden will double its aid to €6 billion next year, the agency's interlocutors said.",
        "The daily, citing a source in the ministry, reported Austria's plans to give €9 million.",
        "Reports from Bild suggested that Spain will give €9 million to Ukraine.",
        "Spain's next package is worth €90 million, three sources briefed on it said.",
        "Spain will give Ukraine €90 million, people familiar with the plans told a newspaper.",
        "According to preliminary reports, Spain's next package will include 12 howitzers.",
    ],
)
def test_unnamed_interlocutors_and_a_single_source_are_hearsay(text):
    assert [f.kind for f in extract_facts(text)] == ["estimate"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ('"Delivery begins of 60 drones to Ukraine from Latvia," the ministry said.', "delivery"),
        ("The EU expects to transfer €4 billion to Ukraine by April.", "pledge"),
        ("Norway said the next payment of NOK 2 billion is planned for this month.", "pledge"),
    ],
)
def test_a_delivery_begun_and_a_givers_own_schedule(text, kind):
    assert [f.kind for f in extract_facts(text)] == [kind]


def test_an_aid_bill_on_its_way_to_a_presidents_desk_is_promised_not_under_way():
    text = "A $12 billion aid package for Ukraine is on its way to President Biden's desk."
    assert [(f.donor, f.kind) for f in extract_facts(text)] == [("US", "pledge")]


@pytest.mark.parametrize(
    "text",
    [
        "Belgium is considering sending 12 more trucks to Ukraine.",
        "Belgium is preparing to announce a new €90 million package for Ukraine.",
        "Belgium's parliament is on the verge of approving €90 million more for Ukraine.",
    ],
)
def test_a_gift_weighed_or_about_to_be_announced_is_an_estimate(text):
    assert [(f.donor, f.kind) for f in extract_facts(text)] == [("BE", "estimate")]


def test_giving_that_has_been_going_on_has_happened():
    text = "Belgium has been funding Ukraine's field hospitals for two years, some €40 million."
    assert [(f.donor, f.kind, f.amount) for f in extract_facts(text)] == [
        ("BE", "delivery", 40_000_000)
    ]


def test_allocating_promises_also_in_thanks_for_it():
    text = "Kyiv thanked Lisbon for allocating €5 million in aid at the end of last year."
    assert [(f.donor, f.kind) for f in extract_facts(text)] == [("PT", "pledge")]
