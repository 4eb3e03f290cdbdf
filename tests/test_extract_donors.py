"""Specification of tracker.extract.donors: which name in a sentence is the giver of a figure.
Sentences here are written for these tests."""

from __future__ import annotations

from tracker.extract import extract_facts


def givers(text: str) -> list[tuple]:
    """(donor, amount or quantity, unit or currency) per fact."""
    return [
        (f.donor, f.amount if f.amount is not None else f.quantity, f.currency or f.unit)
        for f in extract_facts(text)
    ]


def test_the_country_sold_from_is_not_the_giver():
    assert givers(
        "Belgium said it would spend €90 million to purchase a radar from Sweden to donate to "
        "Ukraine."
    ) == [("BE", 90_000_000, "EUR")]  # one fact: the radar the money buys
    # The giver named in the sentence before pays; the country procured from sells.
    assert givers(
        "Ottawa unveiled a new package for Kyiv. About €70 million of it will be used to "
        "procure radars from Sweden."
    ) == [("CA", 70_000_000, "EUR")]


def test_an_absolute_clause_with_a_giving_verb_names_the_giver_of_its_figure():
    assert givers(
        "The drone fund holds pledges from Estonia and Finland, with Ireland contributing "
        "€12 million to it this spring."
    ) == [("IE", 12_000_000, "EUR")]


def test_a_people_named_for_its_government_is_the_giver():
    assert givers("The Danes said that 20,000 shells would be sent to Ukraine in May.") == [
        ("DK", 20_000, "shell")
    ]


def test_the_us_defence_department_by_its_initials_is_the_us():
    assert givers("The DoD will deliver $150 million in drones to Ukraine next month.") == [
        ("US", 150_000_000, "USD")
    ]


def test_money_the_alliance_pools_into_a_shared_fund_is_the_funds():
    assert givers(
        "A group of NATO members announced they would jointly commit $300 million to the "
        "PURL scheme for Ukraine."
    ) == [("PURL", 300_000_000, "USD")]


def test_money_unnamed_allies_pay_through_a_shared_fund_is_the_funds():
    assert givers(
        "Allies have so far committed over $2 billion to buy American arms for Ukraine "
        "through PURL."
    ) == [("PURL", 2_000_000_000, "USD")]


def test_one_country_paying_into_a_shared_fund_stays_the_giver():
    assert givers("Canada will pay $80 million into PURL to arm Ukraine.") == [
        ("CA", 80_000_000, "CAD")
    ]


def test_a_follow_up_naming_only_channels_and_a_make_keeps_the_giver_named_before():
    text = (
        "Norway has announced a new aid package for Ukraine worth 2 billion kroner. "
        "It includes 500 million kroner for the Prioritized Ukraine Requirements List (PURL), "
        "which buys high-demand US weapons, and 300 million for fuel bought through NATO’s "
        "procurement agency."
    )
    assert givers(text) == [
        ("NO", 2_000_000_000, "NOK"),
        ("NO", 500_000_000, "NOK"),
        ("NO", 300_000_000, "NOK"),
    ]


def test_raising_the_ceiling_of_a_facility_is_the_facilitys_pledge():
    assert givers(
        "The EU Council raised the ceiling of the European Peace Facility (EPF) by €4 billion "
        "for Ukraine."
    ) == [("EPF", 4_000_000_000, "EUR")]


def test_countries_listed_with_ukraine_receive_and_give_nothing():
    assert (
        givers(
            "The Alpine country has already sent 300 tonnes of aid to Ukraine, Romania and Moldova."
        )
        == []
    )


def test_a_maker_is_no_giver_even_as_a_last_resort():
    text = "Lithuania's new package is ready. It includes 12 US-made M577 command vehicles."
    assert givers(text) == [("LT", 12, "vehicle")]


def test_the_leads_of_a_coalition_are_not_the_givers_of_its_members_money():
    assert givers(
        "Western nations in the coalition, spearheaded by France and Estonia, had allocated "
        "€30 million to Kyiv."
    ) == [("NATO", 30_000_000, "EUR")]


def test_the_united_nations_in_a_follow_up_is_no_group_of_other_givers():
    text = (
        "Finland will send a 20 million euro aid package to Ukraine. Four million euros of "
        "it goes through a fund of the United Nations."
    )
    assert givers(text) == [("FI", 20_000_000, "EUR"), ("FI", 4_000_000, "EUR")]


def test_the_ec_is_the_european_union():
    assert givers("The EC has allocated €70 million to humanitarian aid in Ukraine.") == [
        ("EU", 70_000_000, "EUR")
    ]


def test_a_fact_sheet_line_that_lost_its_bullet_is_read_under_its_header():
    text = (
        "What Malta’s aid to Ukraine contains\n\nThe first package includes:\n\n"
        "Medicines worth 400,000 euros\n\nBlankets worth 90,000 euros"
    )
    assert givers(text) == [("MT", 400_000, "EUR"), ("MT", 90_000, "EUR")]


def test_what_a_giver_gets_in_exchange_is_nobodys_aid():
    assert givers(
        "Croatia promised Ukraine 30 M-84 tanks, in exchange for equipment from Germany – "
        "40 trucks and six cranes."
    ) == [("HR", 30, "tank")]


def test_aid_to_another_country_in_a_sentence_without_ukraine_is_no_fact():
    assert givers("Over CHF 400 million have been used for humanitarian aid to Syria.") == []


def test_money_towards_a_fund_in_a_givers_list_is_the_givers():
    text = (
        "Ireland's support now tops €200 million. The new package includes:\n\n"
        "€5m towards the UK-administered International Fund for Ukraine to buy ammunition"
    )
    assert givers(text) == [("IE", 200_000_000, "EUR"), ("IE", 5_000_000, "EUR")]


def test_money_within_the_framework_of_a_fund_is_the_funds():
    text = "Ukraine will receive a further €2 billion within the framework of the EPF."
    assert givers(text) == [("EPF", 2_000_000_000, "EUR")]


def test_a_demonym_glued_to_a_verb_of_giving_names_the_giver():
    text = "Ukraine's army has welcomed the arrival of a second Dutch-supplied Patriot launcher."
    assert givers(text) == [("NL", 1, "launcher")]


def test_money_paid_from_the_income_frozen_assets_generate_is_aid():
    text = "The Commission has paid €4 billion to Ukraine from income generated by frozen assets."
    assert givers(text) == [("EU", 4_000_000_000, "EUR")]


def test_money_under_macro_financial_assistance_is_the_eus():
    text = "Ukraine has so far received €9 billion this year under Macro-Financial Assistance+."
    assert givers(text) == [("EU", 9_000_000_000, "EUR")]
    assert givers("Japan provided macro-financial assistance of $1 billion.")[0][0] == "JP"
    text = "The last €500 million of this macro-financial assistance operation was paid in May."
    assert givers(text) == [("EU", 500_000_000, "EUR")]


def test_a_receiver_listed_after_another_gives_nothing():
    text = (
        "Congress approved $95 billion in foreign aid. The bill includes money for Israel and"
        " Taiwan, with $61 billion going to Ukraine."
    )
    assert givers(text)[-1] == ("US", 61_000_000_000, "USD")


def test_the_ec_and_the_mfa_instrument_are_the_eus():
    assert givers("The EC disbursed €2 billion to Ukraine.") == [("EU", 2_000_000_000, "EUR")]
    text = "Payments to Ukraine under the MFA instrument will go on, with €1 billion per month."
    assert givers(text) == [("EU", 1_000_000_000, "EUR")]
    assert givers("Ukraine's MFA said Finland will give €5 million.")[0][0] == "FI"


def test_sums_listed_after_spending_are_the_givers_outlays():
    text = (
        "Sweden and Finland have committed funds to support the package, spending $90 million"
        " and $60 million, respectively."
    )
    assert givers(text) == [("SE", 90_000_000, "USD"), ("FI", 60_000_000, "USD")]


def test_a_summit_is_no_giver():
    text = (
        "The Italian government will approve a package for Ukraine before the G7 Summit,"
        " with 2 SAMP/T systems."
    )
    assert givers(text) == [("IT", 2, "system")]


def test_the_aircraft_that_flew_the_aid_out_is_no_aid():
    text = (
        "Today a Canadian Air Force aircraft took off from Halifax with the first tank for Ukraine."
    )
    assert givers(text) == []


def test_a_schemes_full_name_and_acronym_after_a_sum_make_it_the_schemes_total():
    text = (
        "Canada will lend C$5 billion as part of the Group of Seven's $50 billion "
        "Extraordinary Revenue Acceleration (ERA) Loans initiative."
    )
    assert [(f.donor, f.amount) for f in extract_facts(text)] == [
        ("CA", 5_000_000_000),
        ("ERA", 50_000_000_000),
    ]


def test_slovakian_and_slovene_name_their_states():
    assert [f.donor for f in extract_facts("The Slovakian cabinet will send 8 trucks.")] == ["SK"]
    assert [f.donor for f in extract_facts("The Slovene army handed over 5 vehicles.")] == ["SI"]


def test_a_country_named_as_the_make_of_listed_goods_is_no_giver():
    text = (
        "Norway's new package for Ukraine is worth NOK 2 billion. About NOK 700 million will"
        " fund purchases from a list of items ranked by NATO, including U.S. equipment and"
        " munitions."
    )
    assert [(f.donor, f.amount) for f in extract_facts(text)] == [
        ("NO", 2_000_000_000),
        ("NO", 700_000_000),
    ]


def test_blair_alone_is_canadas_defence_minister_in_aid_copy():
    text = "Blair also announced the donation of $12 million worth of winter gear."
    assert [(f.donor, f.currency) for f in extract_facts(text)] == [("CA", "CAD")]


def test_kamala_harris_speaks_for_the_united_states():
    text = "Vice President Kamala Harris announced $1.5 billion to support Ukraine's grid."
    assert [(f.donor, f.amount) for f in extract_facts(text)] == [("US", 1_500_000_000)]


def test_irelands_leaders_name_ireland_also_written_without_accents():
    assert givers("Micheal Martin said €20 million more would go to Ukraine's energy grid.") == [
        ("IE", 20_000_000, "EUR")
    ]
    assert givers("The Tanaiste said €20 million more would go to Ukraine's energy grid.") == [
        ("IE", 20_000_000, "EUR")
    ]


def test_whom_a_leader_talked_with_is_not_the_giver():
    text = (
        "Prime Minister Fiala, after a telephone conversation with U.S. President Joe Biden, "
        "announced €500 million in aid to Ukraine."
    )
    assert givers(text) == [("CZ", 500_000_000, "EUR")]


def test_the_eib_described_as_the_eu_bank_is_still_the_giver():
    text = "The EIB, the EU bank, has disbursed €300 million to Ukraine's grid operator."
    assert givers(text) == [("EIB", 300_000_000, "EUR")]
