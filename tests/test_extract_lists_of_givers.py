"""Specification of extraction rules for lists of givers that share one verb (issue #18).

Every sentence is made up for the test. A list names several givers and drops what they
share: "18 howitzers, Belgium 12 and Luxembourg two" gives each its own count of the same
item, "500 from Latvia" after "2,000 generators from Lithuania" too, and "Korea $100
million" after "Japan will provide $4.5 billion" gives Korea its sum. The part of a count
that has arrived ("60 have already reached Ukraine") is a delivery of that part. A sum in
brackets right after a name ("Finland (about EUR 12 million)") is that giver's, unless the
name is the recipient's. A lender's
own money (IMF, World Bank, EBRD: no donor of the registry) is no aid fact; a country that
guarantees or funds it gives it. A sum a list of givers gives "together", "jointly" or
"combined" states nobody's share and is refused.
"""

from __future__ import annotations

from decimal import Decimal

from tests.fact_tuples import facts
from tracker.extract import extract_facts


def test_givers_listed_after_a_count_share_its_item():
    text = "The Netherlands will supply 18 howitzers, Belgium 12 and Luxembourg two."
    assert facts(text) == [
        ("NL", "pledge", Decimal(18), "howitzer", None, None),
        ("BE", "pledge", Decimal(12), "howitzer", None, None),
        ("LU", "pledge", Decimal(2), "howitzer", None, None),
    ]


def test_counts_from_listed_givers_share_the_item_before_them():
    text = "Kyiv received 2,000 generators from Lithuania, 500 from Latvia and 300 from Estonia."
    assert facts(text) == [
        ("LT", "delivery", Decimal(2000), "generator", None, None),
        ("LV", "delivery", Decimal(500), "generator", None, None),
        ("EE", "delivery", Decimal(300), "generator", None, None),
    ]


def test_a_bare_number_after_a_name_that_counts_nothing_before_it_is_no_count():
    # The sentence's first figure: nothing before it to share an item with.
    assert facts("In Belgium 12 was the number of the day, the minister said.") == []


def test_a_sum_after_a_listed_giver_is_that_givers():
    text = "Japan will provide $4.5 billion, Korea $100 million and Australia A$50 million."
    assert facts(text) == [
        ("JP", "pledge", None, None, Decimal("4.5E9"), "USD"),
        ("KR", "pledge", None, None, Decimal("1E8"), "USD"),
        ("AU", "pledge", None, None, Decimal("5E7"), "AUD"),
    ]


def test_korea_alone_is_the_south_and_the_north_is_no_giver():
    assert facts("Korea pledged $2 billion in loans to Ukraine.") == [
        ("KR", "pledge", None, None, Decimal("2E9"), "USD")
    ]
    assert facts("North Korea has sent 8,000 troops and millions of shells to Russia.") == []


def test_the_us_before_a_spaced_dollar_is_the_currency_not_a_second_giver():
    assert facts("Canada will give US $20 million for Ukraine's energy grid.") == [
        ("CA", "pledge", None, None, Decimal("2E7"), "USD")
    ]


def test_the_part_of_a_promised_count_that_has_arrived_is_delivered():
    text = "Of the 80 tanks promised by Poland, 60 have already reached Ukraine."
    assert facts(text) == [
        ("PL", "pledge", Decimal(80), "tank", None, None),
        ("PL", "delivery", Decimal(60), "tank", None, None),
    ]


def test_a_model_name_in_straight_quotes_keeps_its_count():
    found = extract_facts('Spain has delivered six "Hawk" launchers to Ukraine.')
    assert [(f.donor, f.kind, f.quantity, f.unit, f.item) for f in found] == [
        ("ES", "delivery", Decimal(6), "launcher", '"Hawk" launchers')
    ]


def test_the_pronoun_us_before_a_dollar_is_no_currency_mark():
    assert facts("Canada gave us $20 million for the energy grid, Ukraine's minister said.") == [
        ("CA", "delivery", None, None, Decimal("2E7"), "CAD")
    ]


def test_a_count_pledged_by_unnamed_allies_is_their_total():
    text = "Ukraine has received 35 of the 60 F-16 fighter jets pledged by allies."
    assert facts(text) == [
        ("NATO", "delivery", Decimal(35), "aircraft", None, None),
        ("NATO", "pledge", Decimal(60), "aircraft", None, None),
    ]


def test_a_federal_body_named_by_its_demonym_speaks_for_its_state():
    text = "The Swiss Federal Council approved CHF 5 billion for Ukraine's recovery until 2036."
    assert facts(text) == [("CH", "pledge", None, None, Decimal("5E9"), "CHF")]


def test_a_package_whose_contents_are_secret_is_an_undisclosed_pledge():
    found = extract_facts(
        "The Italian government approved its ninth military aid package, the contents of "
        "which are secret."
    )
    assert [(f.donor, f.kind, f.qualifier, f.quantity, f.amount) for f in found] == [
        ("IT", "pledge", "undisclosed", None, None)
    ]


def test_a_serial_comma_before_the_last_count_keeps_the_lists_verb():
    text = "Sweden has delivered 20 tanks, 10 howitzers, and hundreds of drones to Ukraine."
    assert [f.kind for f in extract_facts(text)] == ["delivery", "delivery", "delivery"]


def test_a_comma_and_before_a_new_verb_still_opens_a_clause():
    text = "Poland has sent 14 tanks, and it will send 30 more next year."
    assert [(f.kind, f.quantity) for f in extract_facts(text)] == [
        ("delivery", Decimal(14)),
        ("pledge", Decimal(30)),
    ]


def test_the_first_part_of_a_count_a_named_giver_pledged_is_delivered():
    text = "The first two of six IRIS-T systems Germany pledged have been handed over."
    assert [(f.donor, f.kind, f.quantity) for f in extract_facts(text)] == [
        ("DE", "delivery", Decimal(2)),
        ("DE", "pledge", Decimal(6)),
    ]


def test_the_promised_whole_of_a_paid_share_is_a_pledge():
    text = "Belgium has so far paid €300 million of the €1 billion it promised to Ukraine."
    assert [(f.kind, f.amount) for f in extract_facts(text)] == [
        ("delivery", Decimal("3E8")),
        ("pledge", Decimal("1E9")),
    ]


def test_each_bracketed_sum_belongs_to_the_name_right_before_it():
    text = (
        "The fund has received contributions from Finland (about EUR 12 million),"
        " Ireland (EUR 3 million) and Malta (about EUR 200,000)."
    )
    assert [(f[0], f[4]) for f in facts(text)] == [
        ("FI", 12_000_000),
        ("IE", 3_000_000),
        ("MT", 200_000),
    ]


def test_a_bracketed_sum_after_the_recipient_stays_the_givers():
    text = (
        "Iceland's aid this year comes to $9 million: demining kits for Ukraine ($4 million)"
        " and winter fuel ($5 million)."
    )
    assert [(f[0], f[4]) for f in facts(text)] == [
        ("IS", 9_000_000),
        ("IS", 4_000_000),
        ("IS", 5_000_000),
    ]


def test_a_lenders_money_is_no_aid_but_a_country_guaranteeing_it_gives_it():
    assert facts("So far, Ukraine has received USD 2.1 billion from the IMF.") == []
    assert facts("Canada guaranteed a $300 million World Bank loan to Ukraine.") == [
        ("CA", "pledge", None, None, 300_000_000, "CAD")
    ]


def test_a_country_paying_under_a_fund_gives_its_own_money():
    text = "So far, Lisbon has contributed 80 million euros under the European Peace Facility."
    assert [(f[0], f[4]) for f in facts(text)] == [("PT", 80_000_000)]


def test_each_may_stand_several_words_before_the_figure_it_shares():
    text = "Spain, Italy and Greece each committed in May to delivering an additional system."
    assert [(f[0], f[2]) for f in facts(text)] == [("ES", 1), ("IT", 1), ("GR", 1)]


def test_a_sum_listed_givers_give_together_is_refused_not_given_to_the_last():
    # Nobody's share is stated: the tracker would otherwise book all of it to Lithuania.
    for text in (
        "Estonia, Latvia and Lithuania together pledged €90 million for demining.",
        "Portugal and Spain will jointly finance 20 field ambulances for Kharkiv.",
        "Finland and Norway have committed a combined €300 million to the coalition.",
        "Ireland and Austria gave €12 million between them to the energy fund.",
    ):
        assert facts(text) == [], text


def test_a_joint_word_about_another_list_leaves_the_figures_own_giver():
    text = (
        "Poland and Canada signed a joint declaration on Monday, and Poland will send "
        "30 armoured vehicles to Ukraine."
    )
    assert [(f[0], f[2]) for f in facts(text)] == [("PL", 30)]
    text = "Belgium and Sweden each pledged €40 million together with their partners."
    assert [f[0] for f in facts(text)] == ["BE", "SE"]


def test_a_fund_led_jointly_by_a_list_leaves_its_contributor_the_giver():
    text = (
        "Norway will give NOK 50 million to the demining fund run jointly by Norway and "
        "Lithuania, and another NOK 50 million to the drone fund."
    )
    assert [(f[0], f[4]) for f in facts(text)] == [("NO", 50_000_000), ("NO", 50_000_000)]
