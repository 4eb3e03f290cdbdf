"""Specification of how a count's own phrase decides its kind (issue #18).

Every sentence is made up for the test: the part of a pledge said to be handed over ("three
of which have been delivered"), a count "promised by" a giver inside a sentence about
arrivals, a running total of what was supplied that a figure after "to" states, and a
counted thing "donated by" someone, which says where it came from, not what happens to it.
Money a giver "has lent" and aid "being transported" to Ukraine are delivered; a payment
"expected to take place" and the whole of "none of the 6 jets it promised back in 2023" are
promised. A giving denied ("has not yet transferred") is still a promise; things "departing" have
been handed over, while "another 10 will go to Ukraine" are still to come; "a radar system"
counts radars.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tracker.extract import extract_facts


def counts(text: str) -> list[tuple]:
    """(donor, kind, quantity, unit, cumulative) per fact."""
    return [(f.donor, f.kind, f.quantity, f.unit, f.cumulative) for f in extract_facts(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Italy has promised Ukraine six SAMP/T systems, two of which have been delivered.",
        "Italy will send four more SAMP/T systems, in addition to the two which were supplied "
        "earlier.",
        "Italy plans to send 4 SAMP/T systems this year, up from 2 delivered since 2023.",
    ],
)
def test_the_handed_over_part_of_a_count_is_a_delivered_total(text):
    delivered = [c for c in counts(text) if c[1] == "delivery"]
    assert delivered == [("IT", "delivery", Decimal(2), "system", True)]


def test_a_count_promised_by_a_giver_is_its_pledge_though_some_arrived():
    text = "Ukraine has already received most of the 30 Leopard 1 tanks promised by Denmark."
    assert counts(text) == [("DK", "pledge", Decimal(30), "tank", False)]


def test_all_of_a_count_promised_by_a_giver_that_arrived_is_delivered():
    text = "All 30 Leopard 1 tanks promised by Denmark have arrived in Ukraine."
    assert counts(text) == [("DK", "delivery", Decimal(30), "tank", True)]


@pytest.mark.parametrize(
    "text",
    [
        "Greece will send 10 more trucks to Ukraine, raising to 300 tonnes the total of "
        "equipment supplied to the country.",
        "The total volume of equipment which Greece transferred to Ukraine will amount to "
        "300 tonnes.",
    ],
)
def test_a_figure_stating_the_total_supplied_is_a_delivered_total(text):
    assert counts(text)[-1] == ("GR", "delivery", Decimal(300), "tonne", True)


def test_a_sum_already_provided_is_a_delivered_total_beside_a_new_pledge():
    text = (
        "South Korea will give this aid in addition to $200 million already provided along with "
        "medical supplies."
    )
    assert [(f.donor, f.kind, f.amount, f.cumulative) for f in extract_facts(text)] == [
        ("KR", "delivery", Decimal(200_000_000), True)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The EU Council approved the sixth payment, disbursing €2 billion to Ukraine.",
        "By June the value of the realised Belgian military support stood at €2 billion.",
    ],
)
def test_money_disbursed_or_realised_is_delivered(text):
    assert [f.kind for f in extract_facts(text)] == ["delivery"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Greece has 30 Mirage-2000 jets in service, with four pledged for delivery to Ukraine.",
            [("GR", "pledge", Decimal(4), "aircraft", False)],
        ),
        (
            "Greece will supply Ukraine with 12 trucks, with five to arrive next month.",
            [
                ("GR", "pledge", Decimal(12), "vehicle", False),
                ("GR", "pledge", Decimal(5), "vehicle", False),
            ],
        ),
    ],
)
def test_the_promised_part_of_a_count_is_a_pledge_of_that_item(text, expected):
    assert counts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Over 30 tons of humanitarian aid came to Lviv from Austria last week.",
        "A batch of 400 drones from Austria is starting its way to Ukraine.",
    ],
)
def test_aid_that_came_or_is_starting_its_way_is_delivered(text):
    assert [(f.donor, f.kind) for f in extract_facts(text)] == [("AT", "delivery")]


def test_a_figure_only_a_newspaper_or_media_reports_give_is_an_estimate():
    text = "According to Bloomberg, Finland has provided around €3 billion in aid to Ukraine."
    assert [(f.donor, f.kind) for f in extract_facts(text)] == [("FI", "estimate")]


def test_a_counted_thing_given_by_someone_earlier_takes_the_sentence_verb_not_that_origin():
    text = (
        "Portugal will ship relief goods to Ukraine. They comprise 12 ambulances, including"
        " 4 ambulances donated by local hospitals, and 30 tonnes of medicine."
    )
    assert [(f.kind, f.quantity) for f in extract_facts(text)] == [
        ("pledge", 12),
        ("pledge", 4),
        ("pledge", 30),
    ]
    later = "Spain said the third NASAMS launcher supplied by its army will reach Ukraine in May."
    assert [(f.donor, f.kind) for f in extract_facts(later)] == [("ES", "pledge")]


def test_a_total_of_what_a_giver_supplied_stays_delivered():
    text = "The total value of the arms supplied by Norway to Ukraine is now 20 billion kroner."
    assert [(f.donor, f.kind) for f in extract_facts(text)] == [("NO", "delivery")]


@pytest.mark.parametrize(
    "text",
    [
        "With this loan, Tokyo has lent Ukraine a total of $2.3 billion this year.",
        "Eight tanks from Norway are being transported by rail to Ukraine.",
    ],
)
def test_money_lent_and_aid_being_transported_are_delivered(text):
    assert [f.kind for f in extract_facts(text)] == ["delivery"]


def test_a_payment_expected_to_take_place_is_still_to_come():
    text = (
        "The EU paid Ukraine €1 billion in May. A further disbursement of 200 million euros is"
        " expected to take place next week."
    )
    assert [(f.donor, f.kind, f.amount) for f in extract_facts(text)] == [
        ("EU", "delivery", 1_000_000_000),
        ("EU", "pledge", 200_000_000),
    ]


def test_none_of_the_jets_a_giver_promised_years_ago_is_the_promise():
    text = "Norway has given Ukraine none of the 6 F-16 jets it promised back in 2023."
    assert counts(text) == [("NO", "pledge", 6, "aircraft", False)]


def test_giving_a_step_will_enable_is_still_to_come():
    text = (
        "The EU paid Ukraine €2 billion in May. The review will also enable the disbursement of"
        " a further payment of €1 billion in July."
    )
    assert [f.kind for f in extract_facts(text)] == ["delivery", "pledge"]


def test_an_origin_participle_in_a_list_speaks_for_no_later_item():
    text = (
        "Belgium will send relief goods. They include 12 ambulances, including 4 ambulances"
        " donated by its hospitals; 6 boats; and 30 tonnes of medicine."
    )
    assert [f.kind for f in extract_facts(text)] == ["pledge"] * 4


def test_engineering_vehicles_with_a_purpose_are_vehicles_given():
    text = "Britain will send 40 bulldozers to help build defensive lines."
    assert counts(text) == [("GB", "pledge", 40, "vehicle", False)]


def test_aid_a_giver_has_brought_was_delivered():
    assert [f.kind for f in extract_facts("Austria has brought 90 aid shipments to Ukraine.")] == [
        "delivery"
    ]


def test_what_arms_supplies_included_was_delivered():
    text = "Slovak arms supplies for Kyiv also included 12 howitzers and 40,000 shells."
    assert [f.kind for f in extract_facts(text)] == ["delivery", "delivery"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The US Treasury announced the final $2.1 billion disbursement to Ukraine.", "delivery"),
        ("The Commission made a €900 million payment to Ukraine.", "delivery"),
        ("The EU will make a €900 million payment to Ukraine next month.", "pledge"),
    ],
)
def test_a_payment_announced_or_made_was_paid(text, kind):
    assert [f.kind for f in extract_facts(text)] == [kind]


@pytest.mark.parametrize(
    "text",
    [
        "On May 4, a ceremony was held in Lviv to hand over 12 ambulances from Japan.",
        "Norway's 30 generators have been passed to the city councils at a handover ceremony.",
    ],
)
def test_a_handover_ceremony_held_and_things_passed_on_were_delivered(text):
    assert [f.kind for f in extract_facts(text)] == ["delivery"]


@pytest.mark.parametrize(
    "text",
    [
        "Another aid shipment from Latvia, weighing some 15 tonnes, included four generators.",
        "The Ministry of Finance has made public its receipt of CAD 500 million from Canada.",
    ],
)
def test_what_a_described_shipment_included_and_money_whose_receipt_is_public_was_delivered(
    text,
):
    assert {f.kind for f in extract_facts(text)} == {"delivery"}


def test_a_handover_that_completes_a_shipment_delivers_it():
    text = (
        "The handover completes a shipment of Estonian assistance worth 4 million euros, "
        "the Estonian army said on Friday."
    )
    assert [(f.donor, f.kind, f.amount) for f in extract_facts(text)] == [
        ("EE", "delivery", 4_000_000)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Finland has not yet transferred the 12 generators it offered in May.",
            [("FI", "pledge", 12, "generator", False)],
        ),
        (
            "The 30 ambulances have never been delivered by Slovakia.",
            [("SK", "pledge", 30, "vehicle", False)],
        ),
        (
            "The first eight trucks from Estonia are departing for Kyiv this week.",
            [("EE", "delivery", 8, "vehicle", False)],
        ),
        (
            '"Three Greek tanks are already in Ukraine, another 12 will go to Ukraine in June,"'
            " the minister said.",
            [("GR", "delivery", 3, "tank", False), ("GR", "pledge", 12, "tank", False)],
        ),
        (
            "Norway has handed over a radar system.",
            [("NO", "delivery", 1, "radar", True)],
        ),
    ],
)
def test_denied_arrived_departing_and_coming_counts(text, expected):
    assert counts(text) == expected


def test_a_place_after_to_leaves_the_verb_of_arrival_its_kind():
    text = "The four Leopard tanks sent by Spain to Kyiv's forces are already in Ukraine."
    assert counts(text) == [("ES", "delivery", 4, "tank", False)]


def test_minivans_are_vehicles_and_packets_are_parcels():
    assert counts("Malta handed over three minivans and 200 packets.") == [
        ("MT", "delivery", 3, "vehicle", False),
        ("MT", "delivery", 200, "package", False),
    ]


def test_what_was_given_after_giving_and_what_a_contract_provides_for():
    text = "After giving $40 million in May, Canada pledged $10 million more."
    assert [(f.kind, f.amount) for f in extract_facts(text)] == [
        ("delivery", 40_000_000),
        ("pledge", 10_000_000),
    ]
    text = (
        "Italy handed over shells in May. At that time, a contract was concluded, which"
        " provides for the supply of 5,000 shells."
    )
    assert counts(text) == [("IT", "pledge", 5_000, "shell", False)]


def test_a_headline_count_with_its_participle_and_more_to_follow():
    text = "Greece sent aid. 40 generators delivered in the first batch; 60 more to follow."
    assert counts(text) == [
        ("GR", "delivery", 40, "generator", False),
        ("GR", "pledge", 60, "generator", False),
    ]
    assert counts("Latvia sent aid. 12 industrial boilers delivered in May.") == [
        ("LV", "delivery", 12, "item", False)
    ]


def test_a_participle_set_off_by_commas_says_where_a_thing_came_from_not_its_kind():
    text = (
        "Norway will deliver 40 pallets of medicines, donated by Norwegian citizens, along with"
        " three pallets of water filters."
    )
    assert [(f.kind, f.quantity) for f in extract_facts(text)] == [("pledge", 40), ("pledge", 3)]
