"""Specification of the rules that tell a giver's purchase or outlay from its own
procurement and budget (issue #18, from the trapped facts of the labelled sets).

Every sentence is made up for the test. A purchase the clause says is given ("will
contribute ... to buy", "the package includes the purchase of") is aid; a purchase with no
word of giving before it, and any sale, is the buyer's own. "Spending" right before a sum is
the giver's outlay, not a defence budget; a ministry of the economy is a giver's name, not
an economy; an aid package "which costs" a sum is worth that sum. Rounds of payment are not
rounds of ammunition, and lawmakers voting are not a count of aid. Money blocked, not
released or not funded is no aid; nor is a foreign military sale or a federal budget. Arms
sent "from its arsenal" are aid: the arsenal says where they come from. Procuring for one's own
forces, and the Bundeswehr receiving its tanks, are no aid; procuring for Ukrainian cities is.
What the things the sentence before gives "will cost", or are "worth" when "acquired" from
a maker, is their value.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.fact_tuples import facts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Canada will contribute $50 million to buy counter-drone systems.",
            ("CA", "pledge", None, None, 50_000_000, "CAD"),
        ),
        (
            "Estonia will spend 3 million euros so that Ukrainians can buy generators.",
            ("EE", "pledge", None, None, 3_000_000, "EUR"),
        ),
        (
            "Norway's spring package includes the purchase of 12 howitzers.",
            ("NO", "pledge", 12, "howitzer", None, None),
        ),
    ],
)
def test_a_purchase_the_clause_says_is_given_is_aid(text, expected):
    assert facts(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The Norwegian army approved the purchase of 12 howitzers.",
        "Washington approved the potential sale of engines worth $90 million.",
        "Greece signed a $2 billion deal to buy frigates in 2021.",
    ],
)
def test_a_purchase_without_a_word_of_giving_before_it_is_the_buyers_own(text):
    assert facts(text) == []


def test_spending_right_before_a_sum_is_the_givers_outlay():
    assert facts("Finland is the second contributor to the fund, spending €40 million.") == [
        ("FI", "pledge", None, None, 40_000_000, "EUR")
    ]


def test_a_defence_spending_bill_that_includes_aid_for_ukraine_counts_the_aid():
    text = (
        "The US Congress passed a $700 billion defence spending bill which includes"
        " $300 million in aid for Ukraine."
    )
    assert facts(text) == [("US", "pledge", None, None, 300_000_000, "USD")]


def test_a_ministry_of_the_economy_is_a_givers_name():
    assert facts("The Ministry of Economy of Austria transferred 2 million euros.") == [
        ("AT", "delivery", None, None, 2_000_000, "EUR")
    ]


def test_an_aid_package_which_costs_a_sum_is_worth_that_sum():
    assert facts("Slovakia's aid package, which costs 20 million euros, is ready.") == [
        ("SK", "pledge", None, None, 20_000_000, "EUR")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Poland is supporting a UN demining programme with 5 million euros.",
            ("PL", "pledge", None, None, 5_000_000, "EUR"),
        ),
        (
            "Croatia will help with 4 million euros for demining.",
            ("HR", "pledge", None, None, 4_000_000, "EUR"),
        ),
    ],
)
def test_supporting_and_helping_with_a_sum_give_it(text, expected):
    assert facts(text) == [expected]


def test_rounds_of_payment_are_no_ammunition():
    assert facts("Sweden's aid will be distributed over two rounds.") == []


def test_lawmakers_voting_are_no_count_of_aid():
    assert facts("The treaty with Ukraine was supported by 120 Slovak lawmakers.") == []


def test_the_aids_money_used_to_buy_a_count_makes_the_count_aid():
    text = (
        "Estonia will give 5 million euros to the Czech initiative. The money will be used"
        " to purchase 1,000 shells."
    )
    assert facts(text) == [
        ("EE", "pledge", None, None, 5_000_000, "EUR"),
        ("EE", "pledge", 1000, "shell", None, None),
    ]


def test_the_taoiseach_speaks_for_ireland():
    assert facts("The Taoiseach announced €20 million in assistance to Ukraine.") == [
        ("IE", "pledge", None, None, 20_000_000, "EUR")
    ]


def test_money_a_giver_allocated_used_to_buy_a_count_makes_the_count_aid():
    text = "The minister said the money allocated by Lithuania will be used to purchase 800 drones."
    assert facts(text) == [("LT", "pledge", 800, "drone", None, None)]


@pytest.mark.parametrize(
    "text",
    [
        "Hungary continues to block payments of 5 billion euros from the EPF to Ukraine.",
        "The EU has been unable to release €300 million in funding for Ukraine.",
        "Malta will not fund an entire $200 million package alone.",
        "The State Department approved a $90 million foreign military sales package for Ukraine.",
        "The Austrian parliament approved a federal budget of almost 120 billion euros.",
    ],
)
def test_money_held_back_sold_or_budgeted_is_no_aid(text):
    assert facts(text) == []


def test_arms_sent_from_a_givers_arsenal_are_aid():
    text = "Spain will send 4 Leopard tanks from its arsenal to Ukraine."
    assert [f[:3] for f in facts(text)] == [("ES", "pledge", 4)]


def test_procuring_for_ones_own_forces_is_no_aid_and_for_ukraine_is():
    own = "Under the contracts, Romania is committed to procuring 54 tanks from the company."
    assert facts(own) == []
    assert facts("The Bundeswehr is receiving the first of 80 new tanks this year.") == []
    given = "USAID is procuring 40 cogeneration units for 12 Ukrainian cities."
    assert [f[:3] for f in facts(given)] == [("US", "pledge", 40)]


@pytest.mark.parametrize(
    "follow_up",
    [
        "They will cost more than $40 million.",
        "The drones, worth over $40 million, will be acquired from a local maker.",
    ],
)
def test_the_cost_of_what_the_sentence_before_gives_is_its_value(follow_up):
    text = f"Canada will donate 300 drones to Ukraine. {follow_up}"
    assert [(f[0], f[4]) for f in facts(text)][-1] == ("CA", 40_000_000)


def test_what_a_giver_refills_another_countrys_stocks_with_is_no_aid_to_ukraine():
    text = "Germany will refill Croatia's stocks with 30 trucks, including 25 loaders, 5 tankers."
    assert facts(text) == []


def test_money_allocated_for_gas_purchases_is_aid_for_that_purpose():
    # "gas" after the sum's "for" is what the aid buys, not the giver's own energy bill.
    text = "Oslo is allocating about 250 million euros for gas purchases and power grid repair."
    assert facts(text) == [("NO", "pledge", None, None, Decimal("2.5e8"), "EUR")]
