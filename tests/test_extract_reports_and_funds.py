"""Specification of extraction rules for reported figures, funds and restated sums (issue #18).

Every sentence is made up for the test. A figure others report, or a statement still to be
made, is an estimate; aid "on its way" or "actively" being delivered is a delivery; a sum
after "i.e." restates the sums before it; a purchase that replaces what was given is the
buyer's own; money "in commitments" and a fund's total are pledged; a figure in a relative
clause about a led initiative is the initiative's. What a giver pays into a pooled fund
or a coalition ("a $50 million contribution to PURL", "AUD 2 million for the Drone
Coalition") stays that giver's, also when the fund's full name follows in brackets or a
lead describes it ("a NATO-led mechanism"). A currency code before a dollar sign ("USD $500
million") says which dollar.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.fact_tuples import facts
from tracker.extract import extract_facts


def kinds(text: str) -> list[str]:
    return [f.kind for f in extract_facts(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Sweden said a new package worth SEK 900 million for Ukraine is “on its way”.",
        "Sweden said a new package worth SEK 900 million for Ukraine is on its way.",
        "The Swedish army is actively delivering SEK 900 million of equipment to Ukraine.",
    ],
)
def test_aid_in_transit_or_actively_being_delivered_is_a_delivery(text):
    assert kinds(text) == ["delivery"]


@pytest.mark.parametrize(
    "text",
    [
        "Norway will send 300 drones to Ukraine, the minister is expected to say on Friday.",
        "Norway is poised to unveil a package of 300 drones for Ukraine this week.",
        "Reuters reported, citing its sources, that Norway would send 300 drones to Ukraine.",
        "Norway has reportedly sent 300 drones to Ukraine.",
        "Norway has given 300 drones to Ukraine, according to IfW.",
    ],
)
def test_figures_others_report_or_statements_still_to_come_are_estimates(text):
    assert kinds(text) == ["estimate"]


def test_a_need_in_a_clause_of_its_own_does_not_make_the_aid_a_trap():
    text = "Finland said €80 million of aid is on its way to Ukraine as the need remains great."
    assert facts(text) == [("FI", "delivery", None, None, Decimal("8E7"), "EUR")]


def test_a_sum_after_ie_restates_the_sums_before_it():
    text = (
        "Germany approved another EUR 2 billion this year and EUR 4 billion until 2028, "
        "i.e. an additional EUR 6 billion for Ukraine."
    )
    assert facts(text) == [
        ("DE", "pledge", None, None, Decimal("2E9"), "EUR"),
        ("DE", "pledge", None, None, Decimal("4E9"), "EUR"),
    ]


def test_a_parliament_speaks_for_its_country():
    assert facts("The Storting approved NOK 15 billion for Ukraine's energy grid.") == [
        ("NO", "pledge", None, None, Decimal("1.5E10"), "NOK")
    ]


def test_buying_to_replace_what_was_given_is_the_buyers_own_procurement():
    text = (
        "Austria's parliament approved plans to buy 20 trucks to replace vehicles sent to Ukraine."
    )
    assert facts(text) == []


def test_buying_for_ukraine_to_replace_its_worn_guns_is_aid():
    text = "Belgium will buy 12 howitzers for Ukraine to replace worn-out guns at the front."
    assert facts(text) == [("BE", "pledge", Decimal(12), "howitzer", None, None)]


def test_money_in_commitments_is_pledged_whatever_the_verb():
    assert kinds("Over $9 billion in new commitments have been provided by allies.") == ["pledge"]


def test_a_funds_total_is_pledged_and_a_payers_part_of_it_paid():
    text = "The Nordic fund now stands at €400 million, of which Iceland has paid €10 million."
    assert kinds(text) == ["pledge", "delivery"]


def test_a_figure_about_a_led_initiative_in_a_relative_clause_is_the_initiatives():
    text = (
        "Belgium and Spain gave €60 million to the Czech initiative, which has delivered "
        "400,000 shells this year."
    )
    found = facts(text)
    assert ("CZ", "delivery", Decimal(400000), "shell", None, None) in found
    assert all(f[0] != "CZ" for f in found if f[4] is not None)  # the payers' money stays theirs


def test_things_that_will_reach_ukraine_are_aid():
    found = extract_facts("Finland said its first 2,000 mortar rounds would reach Ukraine in May.")
    assert [(f.donor, f.kind, f.quantity, f.unit) for f in found] == [
        ("FI", "pledge", Decimal(2000), "round")
    ]


def test_money_that_has_been_channelled_was_paid():
    assert kinds("Austria has channelled €10 million to Ukraine through a UN fund.") == ["delivery"]


def test_what_a_giver_pays_into_a_pooled_fund_stays_the_givers():
    text = (
        "New Zealand's latest aid comes to NZD 20 million.\n\n"
        "It includes NZD 8 million for the PURL mechanism and NZD 3 million for the"
        " maritime coalition."
    )
    assert [(f[0], f[4]) for f in facts(text)] == [
        ("NZ", 20_000_000),
        ("NZ", 8_000_000),
        ("NZ", 3_000_000),
    ]
    led = (
        "Ireland announced a further €30 million for Ukraine.\n\n"
        "Of this, €10 million is a contribution to the Prioritised Ukraine Requirements List"
        " (PURL), a NATO-led mechanism."
    )
    assert [(f[0], f[4]) for f in facts(led)] == [("IE", 30_000_000), ("IE", 10_000_000)]


def test_a_payer_named_after_a_fund_restated_in_brackets_pays():
    text = (
        "A new €12 million contribution will go to the “PURL” (Prioritized Ukraine"
        " Requirements List) scheme, bringing Malta’s total contribution to €20 million."
    )
    assert [(f[0], f[4]) for f in facts(text)] == [("MT", 12_000_000), ("MT", 20_000_000)]
    owner = "Norway’s contribution to the PURL package will be NOK 1 billion."
    assert [(f[0], f[4], f[5]) for f in facts(owner)] == [("NO", 1_000_000_000, "NOK")]


def test_a_currency_code_before_a_dollar_sign_says_which_dollar():
    text = "Canada will give approximately $680 million (USD $500 million) for drones."
    assert [(f[0], f[4], f[5]) for f in facts(text)] == [("CA", 680_000_000, "CAD")]
    assert [(f[0], f[4], f[5]) for f in facts("Canada will give USD $500 million.")] == [
        ("CA", 500_000_000, "USD")
    ]


def test_a_list_after_a_contribution_to_a_fund_keeps_the_givers_name():
    text = (
        "Canberra - Australia has announced a new $60 million package for Ukraine.\n\n"
        "Alongside the PURL contribution, the package includes:\n\n"
        "• $3 million for the Drone Capability Coalition."
    )
    assert [(f[0], f[4], f[5]) for f in facts(text)][-1] == ("AU", 3_000_000, "AUD")


def test_a_plan_reported_with_an_adverb_is_still_an_estimate():
    text = "It was also reported that Portugal would send three Leopard 2A6 tanks to Ukraine."
    assert [(f[0], f[1], f[2]) for f in facts(text)] == [("PT", "estimate", 3)]


def test_a_ministers_word_a_paper_passes_on_keeps_its_kind():
    text = (
        'Italy is going to supply 8 additional howitzers to Ukraine "in the coming weeks," '
        "according to the Italian Minister of Defence Guido Crosetto, Corriere della Sera "
        "reports."
    )
    assert [(f[0], f[1], f[2]) for f in facts(text)] == [("IT", "pledge", 8)]


def test_a_fund_package_a_country_finances_is_that_countrys():
    text = "Norway has taken on the financing of a PURL package worth $250 million for Ukraine."
    assert [(f[0], f[4]) for f in facts(text)] == [("NO", 250_000_000)]
    text = "A new PURL package worth $500 million has been approved for Ukraine."
    assert [(f[0], f[4]) for f in facts(text)] == [("PURL", 500_000_000)]
