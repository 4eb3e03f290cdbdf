"""The tracker's one pint unit registry and the unit look-ups built on it.

The registry is declared in ``units.txt`` (package data beside this module) and built once at
import. Counting units each have their own dimension there, so pint itself refuses
``48 tanks + 300,000 shells``.

pint costs tens of microseconds per call, too slow for parsing text or converting a million
rows, so this module keeps two fast paths in front of it: a plain dict from every unit word
(names, symbols, aliases, regular plurals, in any letter case for words) to its canonical
name, used by the parser; and cached conversion factors as :class:`~decimal.Decimal`, used by
bulk code that multiplies whole arrays. pint stays the authority on what a unit means and which
units are compatible.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from difflib import get_close_matches
from functools import cache
from pathlib import Path

import numpy as np
import pint
from pint.facets.plain import UnitDefinition

from tracker.domain.numbers import ParseError, plain

DEFINITIONS = Path(__file__).with_name("units.txt")

ureg = pint.UnitRegistry(str(DEFINITIONS), non_int_type=Decimal)

# Words that name two different amounts; refusing them is safer than picking one.
AMBIGUOUS_UNITS = {
    "ton": "a US short ton (907 kg) or a metric tonne (1,000 kg)? write 'tonnes' or 't'",
    "tons": "a US short ton (907 kg) or a metric tonne (1,000 kg)? write 'tonnes' or 't'",
    "gallon": "US or imperial gallons? give litres",
    "gallons": "US or imperial gallons? give litres",
}

# Plurals that are not "name + s" (display only; parsing reads aliases from units.txt).
_INVARIANT_PLURALS = frozenset({"aircraft"})


# The dimensions physical units are built from; every other base dimension counts things.
_PHYSICAL_DIMENSIONS = frozenset({"[mass]", "[length]", "[time]"})


def _is_counting(definition: UnitDefinition) -> bool:
    return definition.is_base and not set(definition.reference) & _PHYSICAL_DIMENSIONS


def _build_lookups() -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    """(exact-case words, case-folded words, counting units) from the registry's definitions.

    Symbols are kept case-sensitive (``MW`` is a megawatt, ``mW`` a milliwatt); names and
    aliases of three letters or more also match in any case, so "Tanks" and "tanks" agree.
    """
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    counting: set[str] = set()
    # pint has no public listing of aliases; _units maps every name, symbol and alias to its
    # definition, so keep each definition once, under its own name.
    for name, definition in ureg._units.items():
        if name != definition.name:
            continue
        words = [name, *definition.aliases]
        if definition.has_symbol:
            exact[definition.symbol] = name
        if _is_counting(definition):
            counting.add(name)
        for word in words:
            exact.setdefault(word, name)
            if len(word) >= 3:
                exact.setdefault(word + "s", name)
                folded.setdefault(word.casefold(), name)
                folded.setdefault(word.casefold() + "s", name)
    return exact, folded, frozenset(counting)


_EXACT, _FOLDED, COUNTING_UNITS = _build_lookups()


def lookup_unit(word: str) -> str | None:
    """The canonical unit a single word names, or None; fast (two dict look-ups, then a cache).

    Prefixed physical units ("kWh", "MW", "kg") are resolved through pint once and cached.
    """
    found = _EXACT.get(word) or _FOLDED.get(word.casefold())
    if found is not None:
        return found
    return _prefixed_unit(word)


@cache
def _prefixed_unit(word: str) -> str | None:
    if not word.replace("_", "").isalpha() or word.casefold() in AMBIGUOUS_UNITS:
        return None
    candidates = ureg.parse_unit_name(word)
    if len(candidates) != 1:
        return None
    prefix, name, _suffix = candidates[0]
    if prefix and name in COUNTING_UNITS:
        return None  # "ktanks" is not a thing anyone writes; refuse rather than scale
    return str(ureg.Unit(prefix + name))


@cache
def canonical_unit(name: str) -> str:
    """The registry's canonical name for ``name``: "tanks" -> "tank", "t" -> "tonne".

    Raises :class:`ParseError` for an unknown or ambiguous unit, naming it.
    """
    word = name.strip() if isinstance(name, str) else name
    if not isinstance(word, str) or not word:
        raise ParseError("no unit given", field="unit", value=name)
    if word.casefold() in AMBIGUOUS_UNITS:
        raise ParseError(
            "ambiguous unit", field="unit", value=name, hint=AMBIGUOUS_UNITS[word.casefold()]
        )
    found = lookup_unit(word)
    if found is None:
        raise ParseError("unknown unit", field="unit", value=name, hint=unit_hint(word))
    return found


def suggest_unit(word: str) -> str | None:
    """The unit word closest to a misspelt or unknown ``word`` ("sytems" -> "systems"), or None.

    Matches case-folded against every name, alias and regular plural the parser accepts, so
    the suggestion is itself a word the form will read; None when nothing is close, because a
    far-fetched guess ("widgets" -> "wagons") would mislead more than it helps.
    """
    close = get_close_matches(word.casefold(), _FOLDED, n=1, cutoff=0.8)
    return close[0] if close else None


def unit_hint(word: str) -> str:
    """What to tell someone who typed the unknown unit ``word``: the nearest unit, or examples."""
    suggestion = suggest_unit(word)
    if suggestion is not None:
        return f"did you mean {suggestion}?"
    return "use a unit such as tank, shell, vehicle, system, tonne or litre"


def is_counting_unit(unit: str) -> bool:
    """True for units that count things (tank, shell ...), False for physical ones (tonne)."""
    return canonical_unit(unit) in COUNTING_UNITS


@cache
def conversion_factor(from_unit: str, to_unit: str) -> Decimal:
    """The exact factor that turns a magnitude in ``from_unit`` into ``to_unit`` (cached).

    Raises :class:`ParseError` when the units measure different things (tank -> shell,
    tonne -> litre), so bulk code can multiply arrays by the factor with no per-row pint call.
    """
    source, target = canonical_unit(from_unit), canonical_unit(to_unit)
    try:
        factor = ureg.Quantity(Decimal(1), source).to(target).magnitude
    except pint.errors.DimensionalityError as exc:
        raise ParseError(
            f"cannot convert {source} to {target}: they measure different things",
            field="unit",
            value=to_unit,
        ) from exc
    return plain(Decimal(factor))


def convert_array(
    values: np.ndarray, unit_codes: np.ndarray, unit_names: Sequence[str], to_unit: str
) -> np.ndarray:
    """Bulk conversion: ``values[i]`` in ``unit_names[unit_codes[i]]`` expressed in ``to_unit``.

    Units come as integer codes into a short list of names (as a database column or a pandas
    Categorical holds them), so pint runs once per distinct unit and the million rows are one
    numpy gather and multiply. Raises :class:`ParseError` if any unit measures something else.
    """
    factors = np.array([float(conversion_factor(name, to_unit)) for name in unit_names])
    return values * factors[unit_codes]


def add_quantities(a: pint.Quantity, b: pint.Quantity) -> pint.Quantity:
    """``a + b`` in ``a``'s unit; raises :class:`ParseError` for different kinds (tank + shell).

    A thin wrapper so callers get the project's own error with both units named instead of
    pint's exception type.
    """
    try:
        return a + b
    except pint.errors.DimensionalityError as exc:
        raise ParseError(
            f"cannot add {b.units} to {a.units}: they count or measure different things",
            field="unit",
            value=str(b.units),
        ) from exc


def quantity(value: Decimal | int | str, unit: str) -> pint.Quantity:
    """A pint quantity with an exact Decimal magnitude in the canonical ``unit``."""
    return ureg.Quantity(Decimal(value), canonical_unit(unit))


def unit_label(unit: str, value: Decimal | int = 2) -> str:
    """The English word or symbol to show after a number: "tanks", "batteries", "t", "MW".

    Physical units show their symbol (localised number + "t" reads in every language);
    counting units show the English word, plural unless ``value`` is exactly one.
    """
    name = canonical_unit(unit)
    if name not in COUNTING_UNITS:
        return f"{ureg.Unit(name):~}"
    if value == 1 or name in _INVARIANT_PLURALS:
        return name
    if name.endswith("y") and name[-2] not in "aeiou":
        return name[:-1] + "ies"
    return name + "s"
