"""Specification of the extraction rules about who is named where, what a sum is set aside
for, and what a description is not: a dateline, an office held when speaking, a charity
that does the work, a meeting, the receiver's arsenal, a package's value beside a count.

Every sentence is made up for the test.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.fact_tuples import facts


def test_a_dateline_is_where_the_story_was_filed_when_the_sentence_names_the_giver():
    assert facts(
        "LISBON — Tanks and drones will go to Ukraine in a $300 million package, Prime "
        "Minister Mark Carney said."
    ) == [("CA", "pledge", None, None, 300_000_000, "CAD")]
    assert facts("MADRID (Reuters) - Germany will send 12 howitzers to Ukraine.") == [
        ("DE", "pledge", 12, "howitzer", None, None)
    ]


def test_a_dateline_alone_still_stands_for_its_government():
    assert facts("OTTAWA — The federal government will give $40 million to Ukraine.") == [
        ("CA", "pledge", None, None, 40_000_000, "CAD")
    ]


def test_the_office_named_before_a_person_says_which_state_they_spoke_for():
    assert facts(
        "Dutch Prime Minister Mark Rutte said his government had set aside €250 million for "
        "Ukraine's air defence."
    ) == [("NL", "pledge", None, None, 250_000_000, "EUR")]
    assert facts("Mark Rutte said allies would send 300 missiles to Ukraine.") == [
        ("NATO", "pledge", 300, "missile", None, None)
    ]


def test_number_ten_is_downing_street_only_with_its_capital():
    assert facts("No 10 said the package would add 90 armoured vehicles for Ukraine.") == [
        ("GB", "pledge", 90, "vehicle", None, None)
    ]
    assert facts("There were no 10 tanks left in the depot.") == []


@pytest.mark.parametrize("body", ["charity", "foundation", "NGO"])
def test_a_private_body_that_does_the_work_is_not_the_paying_state(body):
    text = (
        "Canada announced new humanitarian funding for Ukraine. A further $2 million will pay "
        f"for care provided by the Irish {body} Hope Ukraine."
    )
    assert facts(text)[-1] == ("CA", "pledge", None, None, 2_000_000, "CAD")


def test_a_ministerial_meeting_of_a_group_is_where_a_giver_spoke():
    text = (
        "Belgium has a new support package for Ukraine's grid. "
        '"We are giving EUR 30 million to the energy fund," the minister said after the G7+ '
        "ministerial meeting."
    )
    assert facts(text)[-1] == ("BE", "pledge", None, None, 30_000_000, "EUR")


def test_aid_loaded_for_the_journey_is_on_its_way():
    assert facts(
        "Australia said three of the Bushmaster vehicles were loaded onto a cargo ship for Ukraine."
    ) == [("AU", "delivery", 3, "vehicle", None, None)]


def test_a_share_earmarked_for_a_purpose_is_aid_whatever_the_purpose_is_called():
    text = (
        "Norway will give Ukraine NOK 5 billion this year. Of this sum, one billion NOK has "
        "been earmarked for gas procurement."
    )
    assert facts(text) == [
        ("NO", "pledge", None, None, 5_000_000_000, "NOK"),
        ("NO", "pledge", None, None, 1_000_000_000, "NOK"),
    ]


def test_a_packages_value_beside_a_count_and_other_things_is_its_own_fact():
    assert facts(
        "New Zealand said Ukraine will get four trucks and spare parts in the package worth "
        "9 million New Zealand dollars."
    ) == [
        ("NZ", "pledge", 4, "vehicle", None, None),
        ("NZ", "pledge", None, None, 9_000_000, "NZD"),
    ]


def test_the_receivers_arsenal_describes_the_gift_and_a_rank_counts_nothing():
    assert facts(
        "Britain will send 500 missiles, one of the most capable weapons in Ukraine's arsenal."
    ) == [("GB", "pledge", 500, "missile", None, None)]


def test_the_state_a_deal_lets_give_is_the_giver_not_the_minister_who_signed_it():
    assert facts(
        "Defence Minister Boris Pistorius signed an agreement with his Slovak counterpart for "
        "Bratislava to send 16 howitzers to Ukraine."
    ) == [("SK", "pledge", 16, "howitzer", None, None)]


@pytest.mark.parametrize(
    "text",
    [
        "The Irish government is now providing €12 million to aid agencies in Ukraine.",
        "Romania's defence minister announced the successful shipment of 40 trucks to Ukraine.",
        "Thirty armoured vehicles for Ukraine left Gdansk by ship on Monday, Poland said.",
    ],
)
def test_giving_now_under_way_or_shipped_is_a_delivery(text):
    assert [fact[1] for fact in facts(text)] == ["delivery"]


def test_a_period_since_last_year_does_not_date_the_giving():
    assert facts("Since May last year, total Latvian aid to Ukraine is €300 million.")[0][:2] == (
        "LV",
        "pledge",
    )


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Canada will send a second air defence system, unnamed officials told The Globe "
            "and Mail.",
            "estimate",
        ),
        (
            "The Spanish prime minister approved 300 drones for Ukraine, two officials briefed on "
            "the decision told Reuters.",
            "estimate",
        ),
        ("Spain is seemingly shipping 20 howitzers to Ukraine.", "estimate"),
        ("Spain will send 20 howitzers to Ukraine, Spanish media report.", "estimate"),
        ("Spain will send 20 howitzers to Ukraine, officials told reporters.", "pledge"),
    ],
)
def test_what_unnamed_officials_or_the_press_report_is_an_estimate(text, kind):
    assert [fact[1] for fact in facts(text)] == [kind]


def test_one_member_of_a_union_is_the_speakers_state_not_the_union():
    assert facts(
        "Slovak Prime Minister Eduard Heger said the EU member would hand over 12 jets to Ukraine."
    ) == [("SK", "pledge", 12, "aircraft", None, None)]


def test_a_governments_allocation_after_for_names_that_government():
    assert facts(
        "The agreement provides for the Finnish government to allocate €60 million to Ukraine's "
        "grid."
    ) == [("FI", "pledge", None, None, 60_000_000, "EUR")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "China sent Ukraine relief supplies worth 3 million yuan ($420,000).",
            ("CN", "delivery", None, None, 3_000_000, "CNY"),
        ),
        (
            "Indian aircraft delivered medicines worth 40 million rupees to Ukraine.",
            ("IN", "delivery", None, None, 40_000_000, "INR"),
        ),
    ],
)
def test_chinese_and_indian_aid_in_their_own_currencies(text, expected):
    assert facts(text) == [expected]


def test_a_tranche_of_the_eus_military_aid_is_the_peace_facilitys():
    assert facts(
        "The EU Council approved a fourth tranche of military aid worth €450 million."
    ) == [("EPF", "pledge", None, None, 450_000_000, "EUR")]


def test_the_defence_secretary_by_surname_speaks_for_the_united_states():
    assert facts("Austin said the package includes 8 more HIMARS launchers.") == [
        ("US", "pledge", 8, "launcher", None, None)
    ]


@pytest.mark.parametrize(
    "share",
    [
        "Another €8 million will be used to purchase gas and spare parts for power lines.",
        "Another €8 million will go to gas purchases and spare parts.",
    ],
)
def test_a_share_used_for_a_purchase_is_aid_in_a_page_about_aid(share):
    assert facts(f"Austria will give Ukraine €20 million in winter aid. {share}") == [
        ("AT", "pledge", None, None, 20_000_000, "EUR"),
        ("AT", "pledge", None, None, 8_000_000, "EUR"),
    ]


def test_the_speaker_of_a_quote_that_names_the_giver_is_not_the_giver():
    assert facts(
        "“I'm grateful to Norway, which announced today that it will provide two launchers to "
        "help Ukraine,” Austin said."
    ) == [("NO", "pledge", 2, "launcher", None, None)]
    assert facts("“We will send 12 more launchers,” Austin said.") == [
        ("US", "pledge", 12, "launcher", None, None)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The Ukrainian army used US-supplied missiles to strike nine Russian helicopters after "
        "Washington shipped the weapons.",
        "Four allies announced new spending pledges this week including Spain.",
        "The US Senate faced a deadlock as lawmakers failed to advance a crucial supplemental "
        "funding bill worth over $100 billion.",
        "Around $3.8 billion of PDA funds will remain unused, according to the Pentagon.",
    ],
)
def test_targets_givers_failed_bills_and_unused_authority_are_no_aid(text):
    assert facts(text) == []


def test_spending_pledges_are_pledges_of_aid():
    assert facts(
        "Three allies made new spending pledges for Ukraine, including Spain (€90 million)."
    ) == [("ES", "pledge", None, None, 90_000_000, "EUR")]


def test_a_coalitions_members_together_are_recorded_under_nato():
    assert facts(
        "The coalition member countries have pledged €400 million for drones for Ukraine."
    ) == [("NATO", "pledge", None, None, 400_000_000, "EUR")]


def test_operations_organised_are_no_count_of_aid():
    assert facts(
        "French teams have organised 12 operations, providing 900 tons of aid to Ukraine."
    ) == [("FR", "pledge", 900, "ton", None, None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Dutch government will provide 300 generators in order to strengthen Ukraine's "
            "position in its fight against Russian aggression.",
            ("NL", "pledge", 300, "generator", None, None),
        ),
        (
            "The Walloon government has released €3 million for Ukrainian schools.",
            ("BE", "pledge", None, None, 3_000_000, "EUR"),
        ),
        (
            "On behalf of the BMZ, KfW signed a grant agreement for EUR 40 million for Ukraine's "
            "water supply.",
            ("DE", "pledge", None, None, 40_000_000, "EUR"),
        ),
    ],
)
def test_purposes_regions_and_agencies_do_not_hide_a_gift(text, expected):
    assert facts(text) == [expected]


def test_a_seat_of_government_after_another_countrys_adjective_is_no_metonym():
    text = (
        "Ottawa approved more aid for Ukraine this week. The Canadian Congress of Ukrainians "
        "welcomed the allocation of an additional 300 million dollars for Ukraine."
    )
    assert facts(text)[-1] == ("CA", "pledge", None, None, 300_000_000, "CAD")


def test_the_giver_a_sentence_lends_is_the_one_announced_not_the_announcer():
    text = (
        "The European Commission announced on Monday that Portugal has donated ambulances to "
        "Ukraine. In total 30 ambulances have been donated."
    )
    assert facts(text) == [("PT", "delivery", 30, "vehicle", None, None)]


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        (
            "Canada will add $20 million to the Czech initiative, on top of $60 million already "
            "spent on it.",
            ["pledge", "delivery"],
        ),
        ("New Zealand said $8 million is being spent on drones for Ukraine.", ["pledge"]),
        (
            "The Irish prime minister flew to Kyiv, where he is to pledge €25 million for Ukraine.",
            ["estimate"],
        ),
    ],
)
def test_money_already_spent_is_given_and_money_being_spent_or_to_be_pledged_is_not_yet(
    text, kinds
):
    assert [fact[1] for fact in facts(text)] == kinds


def test_weapons_sales_to_ukraine_are_its_purchases_not_aid():
    assert facts("Washington approved $200 million in proposed weapons sales to Ukraine.") == []


def test_money_to_buy_a_count_is_one_fact_across_a_bracketed_conversion():
    assert facts(
        "Britain announced the allocation of £200 million (about €230 million) to purchase over "
        "5,000 drones for Ukraine."
    ) == [("GB", "pledge", 5_000, "drone", 200_000_000, "GBP")]


def test_unused_equipment_given_from_stocks_is_aid():
    # "unused" names the state of what was given, not money left unspent.
    text = "Slovakia has so far donated about €300 million in unused army materiel to Ukraine."
    assert facts(text) == [("SK", "delivery", None, None, Decimal("3e8"), "EUR")]
