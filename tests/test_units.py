"""The unit registry: one definitions file, a dimension per kind of thing, exact factors."""

from __future__ import annotations

from decimal import Decimal

import pint
import pytest

from tracker.domain import units
from tracker.domain.numbers import ParseError

# Names other modules and the seed data rely on; they must stay canonical.
CONTRACT_COUNTING_UNITS = (
    "tank",
    "vehicle",
    "howitzer",
    "launcher",
    "system",
    "battery",
    "radar",
    "aircraft",
    "helicopter",
    "drone",
    "missile",
    "rocket",
    "shell",
    "round",
    "mine",
    "weapon",
    "boat",
    "kit",
    "detector",
    "generator",
    "item",
    # the extractor's units for aid beyond weapons (see units.txt for why not `item`)
    "bomb",
    "grenade",
    "camera",
    "terminal",
    "transformer",
    "hospital",
    "package",
    "shipment",
)
CONTRACT_PHYSICAL_UNITS = ("tonne", "kilogram", "litre", "kilowatt_hour", "megawatt")


def test_the_registry_is_declared_in_the_packaged_definitions_file() -> None:
    assert units.DEFINITIONS.name == "units.txt"
    assert units.DEFINITIONS.parent.parts[-2:] == ("tracker", "domain")  # shipped as package data
    declared = units.DEFINITIONS.read_text(encoding="utf-8")
    for name in CONTRACT_COUNTING_UNITS:
        assert f"\n{name} = [{name}]" in declared


@pytest.mark.parametrize("name", CONTRACT_COUNTING_UNITS + CONTRACT_PHYSICAL_UNITS)
def test_contract_names_are_canonical(name: str) -> None:
    assert units.canonical_unit(name) == name


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("tanks", "tank"),
        ("Tanks", "tank"),
        ("MBTs", "tank"),
        ("Panzer", "tank"),
        ("chars", "tank"),
        ("танків", "tank"),
        ("batteries", "battery"),
        ("aircraft", "aircraft"),
        ("jets", "aircraft"),
        ("trucks", "vehicle"),
        ("shells", "shell"),
        ("Granaten", "shell"),
        ("obus", "shell"),
        ("снарядів", "shell"),
        ("UAVs", "drone"),
        ("landmines", "mine"),
        ("pieces", "item"),
        ("t", "tonne"),
        ("tonnes", "tonne"),
        ("kg", "kilogram"),
        ("l", "litre"),
        ("litres", "litre"),
        ("kWh", "kilowatt_hour"),
        ("MW", "megawatt"),
        ("MWh", "megawatt_hour"),
        ("GWh", "gigawatt_hour"),
        ("Handgranaten", "grenade"),
        ("hôpitaux", "hospital"),
        ("parcels", "package"),
        ("трансформаторів", "transformer"),
        ("consignments", "shipment"),
    ],
)
def test_plurals_aliases_symbols_and_other_languages_resolve(written: str, canonical: str):
    assert units.canonical_unit(written) == canonical


def test_symbols_keep_their_case_because_case_changes_the_unit() -> None:
    assert units.canonical_unit("MW") == "megawatt"
    assert units.canonical_unit("mW") == "milliwatt"
    assert units.conversion_factor("MW", "mW") == Decimal(10) ** 9


@pytest.mark.parametrize("word", ["ton", "tons", "gallons"])
def test_ambiguous_units_are_refused_with_a_hint(word: str) -> None:
    with pytest.raises(ParseError) as caught:
        units.canonical_unit(word)
    assert (caught.value.field, caught.value.value) == ("unit", word)
    assert caught.value.hint


@pytest.mark.parametrize("word", ["Leopard", "ktanks", "", "widgets"])
def test_unknown_units_are_refused(word: str) -> None:
    with pytest.raises(ParseError) as caught:
        units.canonical_unit(word)
    assert caught.value.field == "unit"


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("sytems", "systems"),
        ("tnaks", "tanks"),
        ("launchrs", "launchers"),
        ("Vehicels", "vehicles"),
    ],
)
def test_a_misspelt_unit_is_refused_with_the_nearest_unit_suggested(typed, suggested) -> None:
    assert units.suggest_unit(typed) == suggested
    with pytest.raises(ParseError) as caught:
        units.canonical_unit(typed)
    assert caught.value.hint == f"did you mean {suggested}?"


def test_a_word_far_from_every_unit_gets_examples_rather_than_a_wild_guess() -> None:
    assert units.suggest_unit("widgets") is None
    assert units.unit_hint("widgets").startswith("use a unit such as tank")


def test_counting_units_are_told_apart_from_physical_ones() -> None:
    assert all(units.is_counting_unit(u) for u in CONTRACT_COUNTING_UNITS)
    assert not any(units.is_counting_unit(u) for u in CONTRACT_PHYSICAL_UNITS)


def test_each_counting_unit_is_its_own_dimension() -> None:
    dimensions = {str(units.ureg.get_dimensionality(u)) for u in CONTRACT_COUNTING_UNITS}
    assert len(dimensions) == len(CONTRACT_COUNTING_UNITS)


def test_every_unit_the_extractor_can_propose_is_a_registry_unit() -> None:
    from tracker.extract import lexicon as lex

    proposed = {
        *lex.HEAD_UNITS.values(),
        *lex.PHRASE_HEADS.values(),
        *lex.WEAK_HEAD_MODIFIERS.values(),
        *lex.MODEL_UNITS.values(),
    }
    not_canonical = sorted(u for u in proposed if units.lookup_unit(u) != u)
    assert not_canonical == []
    assert all(units.is_counting_unit(u) for u in proposed)


def test_shipments_are_not_pieces_so_they_do_not_add_up() -> None:
    with pytest.raises(ParseError, match="measure different things"):
        units.conversion_factor("shipments", "pieces")
    with pytest.raises(ParseError, match="measure different things"):
        units.conversion_factor("packages", "item")


def test_tanks_and_shells_cannot_be_added() -> None:
    with pytest.raises(ParseError) as caught:
        units.add_quantities(units.quantity(48, "tanks"), units.quantity(300_000, "shells"))
    assert "shell" in str(caught.value) and "tank" in str(caught.value)
    with pytest.raises(pint.DimensionalityError):  # pint itself refuses too
        units.quantity(48, "tank") + units.quantity(300_000, "shell")


def test_compatible_amounts_add_exactly_in_the_first_unit() -> None:
    total = units.add_quantities(units.quantity("2.5", "t"), units.quantity(500, "kg"))
    assert total.magnitude == Decimal(3)
    assert str(total.units) == "tonne"


@pytest.mark.parametrize(
    ("source", "target", "factor"),
    [
        ("tonne", "kilogram", "1000"),
        ("kilogram", "tonne", "0.001"),
        ("megawatt_hour", "kilowatt_hour", "1000"),
        ("litre", "litre", "1"),
        ("tanks", "tank", "1"),
    ],
)
def test_conversion_factors_are_exact_decimals(source: str, target: str, factor: str) -> None:
    result = units.conversion_factor(source, target)
    assert isinstance(result, Decimal)
    assert result == Decimal(factor)


@pytest.mark.parametrize(("source", "target"), [("tank", "shell"), ("tonne", "litre")])
def test_conversion_between_different_kinds_is_refused(source: str, target: str) -> None:
    with pytest.raises(ParseError, match="measure different things"):
        units.conversion_factor(source, target)


@pytest.mark.parametrize(
    ("unit", "value", "label"),
    [
        ("tank", 48, "tanks"),
        ("tank", 1, "tank"),
        ("battery", 3, "batteries"),
        ("aircraft", 6, "aircraft"),
        ("tonne", 10, "t"),
        ("kilowatt_hour", 5, "kWh"),
        ("megawatt", 2, "MW"),
    ],
)
def test_labels_pluralise_counts_and_abbreviate_physical_units(unit: str, value: int, label: str):
    assert units.unit_label(unit, value) == label


def test_bulk_conversion_applies_one_cached_factor_per_unit() -> None:
    import numpy as np

    values = np.array([2.5, 500.0, 1.0, 40.0])
    codes = np.array([0, 1, 0, 2])
    result = units.convert_array(values, codes, ["t", "kg", "tonnes"], "kilogram")
    assert result.tolist() == [2500.0, 500.0, 1000.0, 40000.0]
    with pytest.raises(ParseError, match="measure different things"):
        units.convert_array(values, codes, ["t", "litre", "kg"], "kilogram")
