"""Specification of tracker.extract.scheme_givers: the fund, scheme or group that records a
sum, as the labelling guide says.

Every sentence is made up for the test. A member's EPF measure, a coalition's total, a
country acting under a scheme, and a member's part of a loan from the G7.
"""

from __future__ import annotations

from decimal import Decimal

from tests.fact_tuples import facts


def test_a_member_that_joined_the_others_under_the_epf_gives_the_epf_measure():
    text = (
        "Malta has joined other member states in agreeing €2 billion in support under the "
        "European Peace Facility for Ukraine."
    )
    assert facts(text) == [("EPF", "pledge", None, None, Decimal("2e9"), "EUR")]


def test_what_the_coalition_raised_is_a_coalition_total_not_its_last_named_members():
    text = (
        "The demining coalition was set up by Lithuania in March. Besides Lithuania, the "
        "coalition now counts Iceland, Norway and Belgium. By June the coalition had raised "
        "€90 million for Ukraine."
    )
    assert facts(text)[-1] == ("NATO", "pledge", None, None, Decimal("9e7"), "EUR")


def test_a_member_that_pays_into_the_coalition_keeps_its_own_sum():
    text = "The coalition welcomed Norway, which will contribute €10 million to it for Ukraine."
    assert facts(text) == [("NO", "pledge", None, None, Decimal("1e7"), "EUR")]


def test_a_country_pledging_under_a_scheme_named_in_brackets_keeps_its_pledge():
    # The scheme's short name in brackets is what the giver acts under, not a giver.
    text = (
        "Sweden is the second NATO ally to take part in the scheme under the Priority Ukraine "
        "Requirements List (PURL) by pledging $300 million for American arms."
    )
    assert facts(text) == [("SE", "pledge", None, None, Decimal("3e8"), "USD")]


def test_a_member_allocating_its_part_of_a_loan_from_the_g7_gives_its_part():
    text = "Japan will allocate $3 billion to Ukraine as part of a joint loan from the G7 states."
    assert facts(text) == [("JP", "pledge", None, None, Decimal("3e9"), "USD")]
    # Received with no member named, the sum is the group's.
    assert facts("Ukraine received $3 billion as part of a loan from the G7.")[0][0] == "G7"


def test_a_coalition_named_by_its_capabilities_is_a_coalition():
    text = "The Maritime Capabilities Coalition has raised 40 million euros for Ukraine."
    assert facts(text) == [("NATO", "pledge", None, None, Decimal("4e7"), "EUR")]
