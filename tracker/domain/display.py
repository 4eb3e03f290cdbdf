"""Every number, amount and date a person sees, formatted through babel (CLDR) for a locale.

Why one module: dashboards, exports and the CLI must print the same figure the same way, and
what they print must read back through :mod:`tracker.domain.parsing` in the same locale (the tests
check that round trip). CLDR output uses no-break (U+00A0) and narrow no-break (U+202F)
spaces; they are kept, because they are what the locale prescribes and the parser accepts them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal, localcontext

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.numbers import (
    format_compact_currency,
    format_compact_decimal,
    format_currency,
    format_decimal,
    format_percent,
    get_currency_name,
)

from tracker.domain.money import Money
from tracker.domain.numbers import plain
from tracker.domain.parsing import ParsedMoney, ParsedQuantity
from tracker.domain.units import canonical_unit, unit_label
from tracker.i18n import N_, gettext, ngettext

# How a hedge is shown next to a figure; symbols need no translation.
_HEDGE_MARKS = {"exact": "", "about": "≈\u00a0", "at least": "≥\u00a0", "up to": "≤\u00a0"}
_UNDISCLOSED = {
    "en": "undisclosed",
    "de": "nicht bekannt gegeben",
    "fr": "non divulgué",
    "uk": "не розголошено",
}


@contextmanager
def _wide_precision() -> Iterator[None]:
    """babel rounds in the current decimal context (28 digits); figures may be longer."""
    with localcontext() as context:
        context.prec = 80
        yield


def format_number(
    value: Decimal | int, locale: str = "en", fraction_digits: int | None = None
) -> str:
    """A number with the locale's digit grouping; all its digits unless ``fraction_digits``."""
    with _wide_precision():
        if fraction_digits is None:
            return format_decimal(plain(Decimal(value)), locale=locale, decimal_quantization=False)
        pattern = "#,##0" + ("." + "0" * fraction_digits if fraction_digits else "")
        return format_decimal(Decimal(value), format=pattern, locale=locale)


def format_money(money: Money, locale: str = "en") -> str:
    """An amount with its sign as the locale writes it: "€1,400.00" (en), "1.400,00 €" (de)."""
    with _wide_precision():
        return format_currency(money.amount, money.currency, locale=locale)


def format_compact_money(money: Money, locale: str = "en", fraction_digits: int = 1) -> str:
    """Short form for headlines and charts: "€1.5B" (en), "1,5 Mrd. €" (de), "1,5 Md €" (fr)."""
    return format_compact_currency(
        money.amount, money.currency, locale=locale, fraction_digits=fraction_digits
    )


def format_compact_number(
    value: Decimal | int, locale: str = "en", fraction_digits: int = 1
) -> str:
    """Short form of a count: "1.5M" (en), "1,5 Mio." (de), "1,5 млн" (uk)."""
    return format_compact_decimal(Decimal(value), locale=locale, fraction_digits=fraction_digits)


def format_share(value: Decimal | float, locale: str = "en", fraction_digits: int = 1) -> str:
    """A share (0.3 -> "30.0%" in en, "30,0 %" in de) for delivered-of-pledged ratios.

    The locale's own percent pattern (sign placement, spacing) with ``fraction_digits``.
    """
    pattern = Locale.parse(locale).percent_formats[None].pattern
    last_zero = pattern.rindex("0") + 1
    if fraction_digits:
        pattern = pattern[:last_zero] + "." + "0" * fraction_digits + pattern[last_zero:]
    return format_percent(value, format=pattern, locale=locale)


def format_day(day: date, locale: str = "en", style: str = "medium") -> str:
    """A date as the locale writes it ("2 Dec 2024", "02.12.2024", "2 déc. 2024")."""
    return babel_format_date(day, format=style, locale=locale)


def format_quantity(value: Decimal | int, unit: str | None, locale: str = "en") -> str:
    """A count or amount with its unit: "48 tanks", "1.000.000 shells" (de), "2,5 t" (fr)."""
    number = format_number(value, locale)
    return number if unit is None else f"{number}\u00a0{unit_word(unit, value, locale)}"


def format_hedged(
    low: str | None, qualifier: str, high: str | None = None, locale: str = "en"
) -> str:
    """An already formatted figure with its hedge: "≈ 300,000", "≥ €1.4B", "10–12".

    ``low``/``high`` come from the other formatters; undisclosed figures show the locale's
    word for it instead of a number, because undisclosed is a state, not zero.
    """
    if qualifier == "undisclosed" or low is None:
        return _UNDISCLOSED.get(locale.split("_")[0], _UNDISCLOSED["en"])
    if qualifier == "range":
        return f"{low}–{high}"
    return _HEDGE_MARKS[qualifier] + low


def describe(figure: ParsedMoney | ParsedQuantity, locale: str = "en") -> str:
    """One line for a person: the figure as read, formatted for ``locale``, and the notes."""
    if isinstance(figure, ParsedMoney):
        low = None if figure.amount is None else _money_text(figure.amount, figure.currency, locale)
        high = None if figure.high is None else _money_text(figure.high, figure.currency, locale)
        text = "money: " + format_hedged(low, figure.qualifier, high, locale)
    else:
        low = None if figure.value is None else format_number(figure.value, locale)
        high = None if figure.high is None else format_number(figure.high, locale)
        text = "quantity: " + format_hedged(low, figure.qualifier, high, locale)
        if figure.unit is not None:
            text += "\u00a0" + unit_label(figure.unit, figure.high or figure.value or 0)
    return f"{text} ({figure.note})" if figure.note else text


def _money_text(amount: Decimal, currency: str | None, locale: str) -> str:
    if currency is None:
        return format_number(amount, locale)
    return format_money(Money(amount, currency), locale)


# --- names and words ----------------------------------------------------------------------

# Donor codes that are no country: CLDR has no name for most of them, and reads EC as
# Ecuador; their names are in the gettext catalogs.
ORGANISATION_NAMES = {
    "EU": N_("European Union"),
    "EC": N_("European Commission"),
    "COUNCIL": N_("Council of the European Union"),
    "EIB": N_("European Investment Bank"),
    "EPF": N_("European Peace Facility"),
    "NATO": N_("NATO"),
    "IFU": N_("International Fund for Ukraine"),
}


def donor_name(code: str, locale: str = "en", fallback: str | None = None) -> str:
    """A donor's name in ``locale``: an organisation's from the catalogs, a country's from
    CLDR ("Deutschland", "Allemagne", "Німеччина"), else ``fallback`` (the name the data
    gives, e.g. a company's) or the code itself."""
    if code in ORGANISATION_NAMES:
        return gettext(ORGANISATION_NAMES[code], locale)
    territory = Locale.parse(locale).territories.get(code) if len(code) == 2 else None
    return territory or fallback or code


def currency_name(code: str, locale: str = "en") -> str:
    """A currency's name in ``locale`` from CLDR ("US-Dollar", "dollar des États-Unis")."""
    return get_currency_name(code, locale=locale)


# The counting units' words, one plural-aware message each, so a translator gives every form
# a language needs (uk: 1 танк, 2 танки, 5 танків; fr: 2 chars, 1 000 000 de chars). Tonnes
# and litres are words too; other physical units keep their symbol (MW, kWh).
_UNIT_WORDS = {
    "tonne": lambda n, loc: ngettext("tonne", "tonnes", n, loc),
    "litre": lambda n, loc: ngettext("litre", "litres", n, loc),
    "tank": lambda n, loc: ngettext("tank", "tanks", n, loc),
    "vehicle": lambda n, loc: ngettext("vehicle", "vehicles", n, loc),
    "howitzer": lambda n, loc: ngettext("howitzer", "howitzers", n, loc),
    "launcher": lambda n, loc: ngettext("launcher", "launchers", n, loc),
    "system": lambda n, loc: ngettext("system", "systems", n, loc),
    "battery": lambda n, loc: ngettext("battery", "batteries", n, loc),
    "radar": lambda n, loc: ngettext("radar", "radars", n, loc),
    "aircraft": lambda n, loc: ngettext("aircraft", "aircraft", n, loc),
    "helicopter": lambda n, loc: ngettext("helicopter", "helicopters", n, loc),
    "drone": lambda n, loc: ngettext("drone", "drones", n, loc),
    "missile": lambda n, loc: ngettext("missile", "missiles", n, loc),
    "rocket": lambda n, loc: ngettext("rocket", "rockets", n, loc),
    "shell": lambda n, loc: ngettext("shell", "shells", n, loc),
    "round": lambda n, loc: ngettext("round", "rounds", n, loc),
    "mine": lambda n, loc: ngettext("mine", "mines", n, loc),
    "weapon": lambda n, loc: ngettext("weapon", "weapons", n, loc),
    "boat": lambda n, loc: ngettext("boat", "boats", n, loc),
    "kit": lambda n, loc: ngettext("kit", "kits", n, loc),
    "detector": lambda n, loc: ngettext("detector", "detectors", n, loc),
    "generator": lambda n, loc: ngettext("generator", "generators", n, loc),
    "helmet": lambda n, loc: ngettext("helmet", "helmets", n, loc),
    "vest": lambda n, loc: ngettext("vest", "vests", n, loc),
    "bomb": lambda n, loc: ngettext("bomb", "bombs", n, loc),
    "grenade": lambda n, loc: ngettext("grenade", "grenades", n, loc),
    "camera": lambda n, loc: ngettext("camera", "cameras", n, loc),
    "terminal": lambda n, loc: ngettext("terminal", "terminals", n, loc),
    "transformer": lambda n, loc: ngettext("transformer", "transformers", n, loc),
    "hospital": lambda n, loc: ngettext("hospital", "hospitals", n, loc),
    "package": lambda n, loc: ngettext("package", "packages", n, loc),
    "shipment": lambda n, loc: ngettext("shipment", "shipments", n, loc),
    "item": lambda n, loc: ngettext("item", "items", n, loc),
}


def unit_word(unit: str, value: Decimal | int | None = None, locale: str = "en") -> str:
    """The word after a count in ``locale``, agreeing with it: "48 tanks", "5 танків",
    "2,5 Tonnen"; without a ``value``, the plural a column header or axis title names
    ("Zugesagt (Panzer)"). Units without a word keep their symbol ("MW")."""
    name = canonical_unit(unit)
    words = _UNIT_WORDS.get(name)
    if words is None:
        return unit_label(name)
    return words(_plural_count(value), locale)


def _plural_count(value: Decimal | int | None) -> int:
    """The whole number that picks a plural form; a fraction or no value reads as a plural
    (2), as "2,5 tonnes" and "2,5 тонни" do."""
    if value is None or Decimal(value) != Decimal(value).to_integral_value():
        return 2
    return abs(int(value))


# The vocabulary's stored values (tracker.domain.vocab) as a reader sees them.
TERMS = {
    "military": N_("military"),
    "financial": N_("financial"),
    "humanitarian": N_("humanitarian"),
    "pledge": N_("pledge"),
    "allocation": N_("allocation"),
    "delivery": N_("delivery"),
    "cancellation": N_("cancellation"),
    "correction": N_("correction"),
    "draft": N_("draft"),
    "reviewed": N_("reviewed"),
    "returned": N_("returned"),
    "public": N_("public"),
    "contents_undisclosed": N_("contents undisclosed"),
    "value_undisclosed": N_("value undisclosed"),
    "undisclosed": N_("contents and value undisclosed"),
    "official": N_("official"),
    "media": N_("media"),
    "unverified": N_("unverified"),
    "disputed": N_("disputed"),
    "bilateral": N_("bilateral"),
    "fund": N_("fund"),
    "loan": N_("loan"),
    "grant": N_("grant"),
    "other": N_("other"),
    "running_total_down": N_("running total went down"),
    "delivered_beyond_pledge": N_("delivered beyond the pledge"),
    "delivery_before_pledge": N_("delivery before any pledge"),
    "sources_disagree": N_("sources disagree"),
    "money_overlap": N_("money counted twice?"),
}


def term(value: str | None, locale: str = "en") -> str:
    """A stored vocabulary value ("military", "delivery", "value_undisclosed") in ``locale``;
    a value outside the vocabulary (an instrument's acronym such as PDA) as it is."""
    if not value:
        return ""
    return gettext(TERMS[value], locale) if value in TERMS else value
