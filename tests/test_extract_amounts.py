"""Specification of tracker.extract.amounts: money words taken apart."""

from __future__ import annotations

from decimal import Decimal

from tracker.extract import extract_facts
from tracker.extract.amounts import currency_mark, two_scale_sum


def read(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except ArithmeticError:
        return None


def test_a_sum_in_two_scales_is_written_in_the_smaller_one():
    assert two_scale_sum("$3 billion", Decimal(40), "million", read) == "$3040 million"
    assert two_scale_sum("€1.5 million", Decimal(250), "thousand", read) == "€1750 thousand"


def test_a_second_scale_that_is_not_smaller_is_no_sum():
    assert two_scale_sum("$3 million", Decimal(40), "billion", read) is None
    assert two_scale_sum("$3 million", Decimal(40), "million", read) is None
    assert two_scale_sum("$3 million", Decimal(40), "tanks", read) is None


def test_the_currency_mark_of_a_money_text_is_its_word_code_or_sign():
    assert currency_mark("75 billion euros") == "euros"
    assert currency_mark("NOK 75 billion") == "NOK"
    assert currency_mark("$2 billion") == "$"


def test_a_currency_words_possessive_and_a_code_beside_a_dollar_read_as_the_currency():
    text = "A total of 2 billion forints’ worth of aid is being sent to Ukraine by Hungary."
    assert [(f.amount, f.currency) for f in extract_facts(text)] == [(2_000_000_000, "HUF")]
    text = "Australia’s support for Ukraine stands at about $500 million USD."
    assert [(f.donor, f.amount, f.currency) for f in extract_facts(text)] == [
        ("AU", 500_000_000, "USD")
    ]
