"""Specification of the trap rules (tracker/extract/traps.py, money_traps.py; issue #18).

Every sentence is made up for the test. A figure is no aid when the text asks for it, says
the giver will not give it, puts it in another country's hands (also relief "to help" a
country that is not Ukraine), permits an export, states a state's own defence budget,
procurement or debt (in a sentence that never names Ukraine), is a lender's tranche, an
export, relief for the whole world or work in another country; the
aid a sentence also names is still found, also when a defence budget finances it, and "the
total cost of which" states a package's value.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.fact_tuples import facts
from tracker.extract import extract_facts


def test_a_request_under_way_proposes_nothing():
    assert facts("Kyiv is asking the Netherlands to hand over 40 more F-16 jets.") == []


def test_the_ships_a_sanctions_round_targets_are_no_shipment():
    # "ships" after a count names vessels; as a verb it would make the count a giving.
    text = (
        "Last year Canada adopted nine sanctions packages, targeting 40 firms, 12 people and "
        "31 ships."
    )
    assert facts(text) == []


def test_a_giver_that_does_not_intend_to_give_proposes_nothing():
    text = (
        "Hungary does not intend to take part in the €50 billion loan, but is ready to send "
        "humanitarian aid."
    )
    assert facts(text) == []


def test_what_another_country_has_reportedly_received_is_no_aid():
    assert facts("Romania has reportedly received 54 Abrams tanks from the United States.") == []


def test_a_states_own_defence_budget_is_no_aid_but_the_aid_beside_it_is():
    assert facts("Warsaw will spend 150 billion zlotys next year on national defence.") == []
    text = (
        "Congress approved military spending of $850 billion and allocated $300 million "
        "in aid to Ukraine."
    )
    assert [(f[0], f[4]) for f in facts(text)] == [("US", 300_000_000)]


def test_aid_in_response_to_an_invasion_is_no_sale_to_the_invader():
    text = (
        "Since March, Japan has provided $60 million in relief in response to Russia's "
        "full-scale invasion of Ukraine."
    )
    assert [(f[0], f[1], f[4]) for f in facts(text)] == [("JP", "delivery", 60_000_000)]


def test_money_to_another_countrys_own_defence_stays_no_aid():
    text = "The government proposes SEK 9 billion more to Sweden's military defence next year."
    assert facts(text) == []


def test_a_giver_compensated_for_what_it_gave_receives_no_aid():
    for text in (
        "The minister said Slovakia will seek compensation of around 150 million euros from "
        "the European Peace Facility alongside receiving an additional 600 million dollars in "
        "American equipment under a bilateral deal.",
        "The helicopters are given to Ukraine free of charge as Slovakia expects $500 million "
        "worth of military equipment from the United States and $100 million in aid from the "
        "European Union as compensation for what it has provided to Ukraine.",
    ):
        assert facts(text) == [], text


def test_compensation_in_another_clause_leaves_a_givers_sum_aid():
    text = "Germany will give €400 million to Ukraine; Slovakia, meanwhile, expects compensation."
    assert [(f[0], f[4]) for f in facts(text)] == [("DE", 400_000_000)]


def test_money_paid_to_arms_makers_is_industrial_policy_not_aid():
    text = (
        "Last month, the European Commission announced the allocation of €300 million to "
        "European companies for extending their shell production capacities under a scheme "
        "that will also increase supplies to Ukraine."
    )
    assert facts(text) == []
    text = "Denmark will give DKK 500 million to the defence industry of Ukraine."
    assert [(f[0], f[4]) for f in facts(text)] == [("DK", 500_000_000)]
    text = "Denmark will pay €30 million to Ukrainian companies for 18 howitzers."
    assert [(f[0], f[4]) for f in facts(text) if f[4]] == [("DK", 30_000_000)]


def test_a_states_own_needs_are_a_budget_not_a_purpose_of_aid():
    text = (
        "The bill contains more than 2,000 pages and provides a record $880 billion for "
        "national defense needs in fiscal year 2026, more than the White House requested."
    )
    assert facts(text) == []


def test_a_scheme_that_was_launched_is_no_missile_launch():
    text = (
        "The initiative launched last year by the Czech government provided Ukraine with "
        "1.2 million artillery rounds in 2025."
    )
    assert [(f[0], f[1], f[2]) for f in facts(text)] == [("CZ", "delivery", 1_200_000)]
    assert facts("Russia launched 40 missiles at Kyiv overnight.") == []


def test_a_book_keeping_correction_of_aid_is_no_aid():
    for text in (
        "The Pentagon said in June that it had overestimated the value of the equipment it "
        "sent to Ukraine by some $3 billion.",
        "Auditors found $1 billion worth of additional errors in the valuation of the "
        "weapons sent to Ukraine.",
    ):
        assert facts(text) == [], text


def test_export_licences_and_a_states_budget_are_no_aid():
    text = "Prague issued licenses to companies to export arms to Ukraine for 40 billion crowns."
    assert facts(text) == []
    text = "The Bundestag approved Germany's €480 billion federal budget for 2025."
    assert facts(text) == []
    text = "Germany will provide €8 billion for Ukraine in the federal budget."
    assert [(f[0], f[4]) for f in facts(text)] == [("DE", 8_000_000_000)]


def test_contracts_replenishing_a_givers_stockpiles_are_no_aid():
    text = (
        "The Pentagon has awarded $2 billion in contracts since May to begin replenishing "
        "stockpiles of weapons sent to Ukraine."
    )
    assert facts(text) == []


def test_a_ministry_of_national_defence_is_a_title_not_a_budget():
    text = (
        "Canada's Minister of National Defence announced his country's $20 million "
        "contribution to a partnership that aims to provide Ukraine with air defence."
    )
    assert [(f[0], f[4]) for f in facts(text)] == [("CA", 20_000_000)]


def test_money_to_another_states_initiative_is_no_sale_to_that_state():
    text = (
        "Canada will contribute $50 million to Germany's air defence initiative in support "
        "of Ukraine."
    )
    assert [(f[0], f[4], f[5]) for f in facts(text)] == [("CA", 50_000_000, "CAD")]


@pytest.mark.parametrize(
    "text",
    [
        "Portugal will also send EUR 40,000 of relief to help Mozambique after the floods.",
        "The German government approved the export of up to 60 Leopard 1 tanks to Ukraine.",
    ],
)
def test_relief_for_another_country_and_an_export_permit_are_no_aid(text):
    assert facts(text) == []


def test_a_giver_that_wants_to_transfer_promises_and_one_that_is_asked_gives_nothing():
    assert facts("Austria wants to transfer 15 ambulances to Ukraine.") == [
        ("AT", "pledge", 15, "vehicle", None, None)
    ]
    assert facts("Ukraine wants 15 ambulances from Austria.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Portugal allocated about 3 billion euros for defence this year.",
        "Finland has announced its largest defence procurement, committing to spend around 9"
        " billion euros on air defence systems.",
        "Finland's national debt could reach €200 billion, given that the new budget includes"
        " €12 billion in borrowing.",
        "The IMF approved the programme in March. The first tranche of USD 1.1 billion was"
        " disbursed in April.",
    ],
)
def test_a_states_own_defence_and_debt_and_a_lenders_tranche_are_no_aid(text):
    assert facts(text) == []


def test_aid_financed_from_a_defence_budget_is_still_aid():
    text = "Around 300 million euros are to be financed from the defence budget of Germany."
    assert [f[0] for f in facts(text)] == ["DE"]


def test_a_giver_that_backs_ukraine_with_a_count_gives_it():
    assert facts("Norway said it will back Ukraine with two NASAMS launchers.") == [
        ("NO", "pledge", 2, "launcher", None, None)
    ]


def test_the_total_cost_of_an_aid_package_is_its_value_not_an_expense():
    text = (
        "Spain will deliver its largest package of military assistance, the total cost of which"
        " amounts to 70 million euros, the minister said."
    )
    assert facts(text) == [("ES", "pledge", None, None, 70_000_000, "EUR")]


def test_needs_in_quotes_that_the_money_addresses_are_its_purpose():
    text = (
        "Oslo announced a NOK 2 billion aid package for Ukraine. The package includes NOK 300"
        " million which will be directed toward addressing “immediate needs,” such as grid"
        " equipment."
    )
    assert [(f.donor, f.amount) for f in extract_facts(text)] == [
        ("NO", 2_000_000_000),
        ("NO", 300_000_000),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # What a country's firms sold is trade, not aid, also when Ukraine bought it.
        "Slovakia has exported over €900 million in military equipment to Ukraine since 2022.",
        "Bulgaria's arms exports climbed to $2 billion last year.",
        # Relief for the world as a whole, in a sentence that never names Ukraine.
        "Austria spent over 80 million euros on humanitarian aid worldwide last year.",
        "Ottawa has allocated 300 million Canadian dollars this year to fight world hunger.",
        # Work in another country than Ukraine.
        "Norway is giving 3 million euros to the UN's food operation in Sudan.",
    ],
)
def test_exports_relief_for_the_world_and_work_elsewhere_are_no_aid_to_ukraine(text):
    assert facts(text) == []


def test_people_in_need_and_a_campaign_named_for_them_are_no_request():
    text = (
        "Austria will give €8 million for Ukraine. About €5 million will go to the Neighbour in "
        "Need campaign, which helps people in need with food."
    )
    assert facts(text) == [
        ("AT", "pledge", None, None, Decimal("8e6"), "EUR"),
        ("AT", "pledge", None, None, Decimal("5e6"), "EUR"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # A sale, also one to Ukraine, is trade: Ukraine buys.
        "Washington approves $120M sale of radar parts to Ukraine",
        # A state's own defence, in a sentence that never names Ukraine.
        "Simultaneously, it raises defense spending to meet NATO's target, allocating €40 billion.",
        "He pledged an extra US $2 billion for the Department of National Defence, moving Canada "
        "closer to the NATO target.",
        # What a lobby asks its government for is a request.
        "The Canadian Ukrainian Congress asked the government to supply Ukraine with 20 old "
        "helicopters.",
    ],
)
def test_sales_own_defence_spending_and_lobbies_requests_are_no_aid(text):
    assert facts(text) == []


def test_aid_paid_from_the_proceeds_of_a_sale_is_aid():
    text = "The EU will give Ukraine €1.5 billion from the proceeds of the sale of Russian assets."
    assert facts(text) == [("EU", "pledge", None, None, Decimal("1.5e9"), "EUR")]


def test_what_ukraine_asks_for_at_the_head_of_the_sentence_is_a_request():
    assert facts("Ukraine has asked Norway about a possible €200 million loan for arms.") == []
    assert (
        facts("President Zelensky has asked allies to provide Kyiv with five more systems.") == []
    )
    # What Ukraine received, though it had asked for it, is aid.
    assert facts("Ukraine received 10 tanks from Poland, which it had asked for.") == [
        ("PL", "delivery", Decimal("10"), "tank", None, None)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A refusal refuses what follows it, not the tanks promised before it.
        (
            "Spain will send 8 tanks to Ukraine - with two to arrive this week - but will not "
            "send Kiev fighter jets.",
            [
                ("ES", "pledge", Decimal("8"), "tank", None, None),
                ("ES", "pledge", Decimal("2"), "tank", None, None),
            ],
        ),
        # The occasion of the aid is no damage the figure counts.
        (
            "Malta has announced €1 million of aid to the people of Ukraine following the "
            "destruction of the dam.",
            [("MT", "pledge", None, None, Decimal("1e6"), "EUR")],
        ),
        # Gas as the kind of a thing given, or the gas a grant buys.
        (
            "Slovakia has allocated about EUR 2 million to supply the region with gas heaters "
            "and generators.",
            [("SK", "pledge", None, None, Decimal("2e6"), "EUR")],
        ),
        (
            "Norway will provide Naftogaz with a grant of EUR 90 million for the purchase of "
            "natural gas.",
            [("NO", "pledge", None, None, Decimal("9e7"), "EUR")],
        ),
        # Made at home is the make of what is given, not the giver's own production.
        (
            "Latvia will transfer 12 domestically produced armoured carriers to Ukraine.",
            [("LV", "pledge", Decimal("12"), "vehicle", None, None)],
        ),
    ],
)
def test_refusals_occasions_and_makes_beside_aid_leave_it_aid(text, expected):
    assert facts(text) == expected


def test_money_put_into_a_coalition_for_ukraine_is_aid_without_naming_ukraine():
    text = "Vilnius said it would invest around 5 million euros in the drone coalition this year."
    assert facts(text) == [("LT", "pledge", None, None, Decimal("5e6"), "EUR")]


@pytest.mark.parametrize(
    "text",
    [
        "Spain has allocated €9 million to aid in the restoration of Ukraine's damaged grid.",
        "The second part of Spain's support is €9 million to promote Ukraine's economy.",
    ],
)
def test_ukraines_damaged_grid_and_its_economy_are_what_aid_supports(text):
    assert facts(text) == [("ES", "pledge", None, None, Decimal("9e6"), "EUR")]


def test_a_count_headed_to_ukraine_is_aid_whatever_its_verb():
    text = "Next year another 6 aircraft will head from Norway to Ukraine."
    assert facts(text) == [("NO", "pledge", Decimal("6"), "aircraft", None, None)]


def test_what_aid_replaces_after_an_attack_is_no_loss_it_counts():
    text = "Ireland will donate 12 ambulances to Ukraine to replace vehicles lost to shelling."
    assert facts(text) == [("IE", "pledge", Decimal("12"), "vehicle", None, None)]
