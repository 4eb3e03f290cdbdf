"""The parser's words, in the four supported languages: hedges, number and scale words,
currency marks, model names that imply a unit, and the words that end a unit phrase.

Plain tables, kept apart from the code that compiles them into patterns
(:mod:`tracker.domain.parsing.grammar`), so adding a word never touches the scanner.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal

from babel import Locale
from babel.numbers import get_currency_symbol

from tracker.domain.money import iso_currencies
from tracker.domain.numbers import SPACES
from tracker.domain.vocab import SUPPORTED_LOCALES

# Hedges people put in front of a figure, in the four supported languages.
LEADING_HEDGES = {
    "about": (
        "about",
        "some",
        "around",
        "nearly",
        "almost",
        "close to",
        "an estimated",
        "estimated",
        "approximately",
        "approx.",
        "roughly",
        "circa",
        "ca.",
        "c.",
        "~",
        "etwa",
        "rund",
        "ungefähr",
        "fast",
        "knapp",
        "environ",
        "près de",
        "presque",
        "quelque",
        "близько",
        "приблизно",
        "майже",
        "орієнтовно",
    ),
    "at least": (
        "at least",
        "more than",
        "over",
        "not less than",
        "no less than",
        "no fewer than",
        "upwards of",
        "in excess of",
        "mindestens",
        "mehr als",
        "über",
        "au moins",
        "plus de",
        "щонайменше",
        "понад",
        "більше ніж",
        "більш ніж",
        "не менше ніж",
        "не менш ніж",
    ),
    "up to": (
        "up to",
        "less than",
        "fewer than",
        "under",
        "no more than",
        "not more than",
        "as many as",
        "bis zu",
        "weniger als",
        "jusqu'à",
        "moins de",
        "менше ніж",
        "не більше ніж",
        "до",
    ),
    "range": ("between", "from", "zwischen", "von", "entre", "de", "від"),
}
TRAILING_HEDGES = {
    "or more": "at least",
    "+": "at least",
    "or so": "about",
    "oder mehr": "at least",
    "ou plus": "at least",
    "і більше": "at least",
}
UNDISCLOSED_WORDS = (
    "undisclosed",
    "not disclosed",
    "unspecified",
    "unknown",
    "classified",
    "secret",
    "nicht genannt",
    "nicht bekannt",
    "ungenannt",
    "geheim",
    "non divulgué",
    "non communiqué",
    "inconnu",
    "confidentiel",
    "не розголошується",
)
# Ukrainian stems: the ending varies with case and gender ("таємна", "таємну", "засекречені").
UNDISCLOSED_STEMS = ("нерозкрит", "невідом", "таємн", "засекреч")
# Words that stand where a figure should be but give none ("thousands of shells").
VAGUE_WORDS = (
    "dozens",
    "hundreds",
    "thousands",
    "millions",
    "billions",
    "several",
    "many",
    "a few",
    "numerous",
    "dutzende",
    "hunderte",
    "tausende",
    "mehrere",
    "einige",
    "des dizaines",
    "des centaines",
    "des milliers",
    "plusieurs",
    "десятки",
    "сотні",
    "тисячі",
    "кілька",
    "декілька",
)

NUMBER_WORDS = {
    "en": {
        "a": 1,
        "an": 1,
        "one": 1,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
        "eleven": 11,
        "twelve": 12,
        "thirteen": 13,
        "fourteen": 14,
        "fifteen": 15,
        "sixteen": 16,
        "seventeen": 17,
        "eighteen": 18,
        "nineteen": 19,
        "twenty": 20,
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
        "half a": Decimal("0.5"),
    },
    "de": {
        "ein": 1,
        "eine": 1,
        "einen": 1,
        "eins": 1,
        "zwei": 2,
        "drei": 3,
        "vier": 4,
        "fünf": 5,
        "sechs": 6,
        "sieben": 7,
        "acht": 8,
        "neun": 9,
        "zehn": 10,
        "elf": 11,
        "zwölf": 12,
        "zwanzig": 20,
        "dreißig": 30,
        "fünfzig": 50,
        "hundert": 100,
    },
    "fr": {
        "un": 1,
        "une": 1,
        "deux": 2,
        "trois": 3,
        "quatre": 4,
        "cinq": 5,
        "six": 6,
        "sept": 7,
        "huit": 8,
        "neuf": 9,
        "dix": 10,
        "onze": 11,
        "douze": 12,
        "vingt": 20,
        "trente": 30,
        "cinquante": 50,
        "cent": 100,
    },
    "uk": {
        "один": 1,
        "одна": 1,
        "одне": 1,
        "два": 2,
        "дві": 2,
        "три": 3,
        "чотири": 4,
        "п'ять": 5,
        "шість": 6,
        "сім": 7,
        "вісім": 8,
        "дев'ять": 9,
        "десять": 10,
        "двадцять": 20,
        "сто": 100,
    },
}

_THOUSAND, _MILLION, _BILLION, _TRILLION = (Decimal(10) ** n for n in (3, 6, 9, 12))
# Spelled-out scale words, matched in any letter case. "billion" differs by language.
SCALE_WORDS = {
    "en": {
        "thousand": _THOUSAND,
        "million": _MILLION,
        "billion": _BILLION,
        "trillion": _TRILLION,
        "dozen": Decimal(12),
        "hundred": Decimal(100),
        "mn": _MILLION,
        "mln": _MILLION,
        "bn": _BILLION,
        "bln": _BILLION,
        "tn": _TRILLION,
        "trn": _TRILLION,
    },
    "de": {
        "tausend": _THOUSAND,
        "tsd.": _THOUSAND,
        "tsd": _THOUSAND,
        "mio": _MILLION,
        "million": _MILLION,
        "millionen": _MILLION,
        "mrd": _BILLION,
        "milliarde": _BILLION,
        "milliarden": _BILLION,
        "bio": _TRILLION,
        "billion": _TRILLION,
        "billionen": _TRILLION,
        "dutzend": Decimal(12),
        "hundert": Decimal(100),
    },
    "fr": {
        "mille": _THOUSAND,
        "million": _MILLION,
        "millions": _MILLION,
        "milliard": _BILLION,
        "milliards": _BILLION,
        "mds": _BILLION,
        "mrd": _BILLION,
        "billion": _TRILLION,
        "billions": _TRILLION,
        "douzaine": Decimal(12),
        "douzaines": Decimal(12),
    },
    "uk": {
        "тисяча": _THOUSAND,
        "тисячі": _THOUSAND,
        "тисяч": _THOUSAND,
        "тис": _THOUSAND,
        "tys": _THOUSAND,  # тис. in Latin letters, as transliterated wire copy prints it
        "мільйон": _MILLION,
        "мільйона": _MILLION,
        "мільйони": _MILLION,
        "мільйонів": _MILLION,
        "мільярд": _BILLION,
        "мільярда": _BILLION,
        "мільярди": _BILLION,
        "мільярдів": _BILLION,
        "трильйон": _TRILLION,
        "трильйони": _TRILLION,
        "трильйонів": _TRILLION,
        "дюжина": Decimal(12),
    },
}
# Letter abbreviations that only count in the exact case written ("T" is a trillion in
# en compact notation, "t" is a tonne). CLDR's own compact forms are added from babel below.
SCALE_ABBREVIATIONS = {
    "en": {"k": _THOUSAND, "m": _MILLION, "b": _BILLION},
    "de": {},
    "fr": {"k": _THOUSAND},
    "uk": {},
}
# English scale words and abbreviations print in every language's press ("€2bn" in a German
# article, "$725m" in a Ukrainian one), so every locale reads them; where a locale has its
# own word of the same spelling ("billion" is 10^12 in German and French), its own wins.
PRESS_SCALE_WORDS = ("thousand", "million", "billion", "trillion", "mn", "mln", "bn", "bln", "tn")
PRESS_SCALE_ABBREVIATIONS = {"k": _THOUSAND, "K": _THOUSAND, "m": _MILLION, "M": _MILLION}
AMBIGUOUS_M = "m"  # million in "$5m", metre in "5 m": read only where the context settles it
# Other languages' press abbreviations, which English copy quotes ("NOK 1,5 mrd", "CHF 5 Mio.")
# and which mean nothing else in any locale: read everywhere, a locale's own word first.
# Unread, "NOK 1,5 mrd" was 1.5 kroner.
FOREIGN_PRESS_SCALE_WORDS = {
    "mio": _MILLION,
    "mln.": _MILLION,
    "mrd": _BILLION,
    "mld": _BILLION,
    "mlrd": _BILLION,
    "млн": _MILLION,
    "млрд": _BILLION,
    # South Asian English: "33 lakh liters of high-octane fuel" is 3.3 million litres.
    "lakh": Decimal(100_000),
    "lakhs": Decimal(100_000),
    "crore": Decimal(10_000_000),
    "crores": Decimal(10_000_000),
}


def cldr_compact_scales(locale: str) -> dict[str, Decimal]:
    """The abbreviations babel prints in compact numbers ("Mrd.", "Md", "K", "млрд").

    Taken from CLDR so that whatever tracker.domain.display prints can be read back.
    """
    patterns = Locale.parse(locale).compact_decimal_formats["short"]
    scales: dict[str, Decimal] = {}
    for by_magnitude in patterns.values():
        for magnitude, pattern in by_magnitude.items():
            text = pattern.pattern
            zeros = text.count("0")
            word = text.replace("0", "").replace("'", "").replace("¤", "").strip(SPACES)
            if word and zeros:
                scales[word] = Decimal(int(magnitude)).scaleb(1 - zeros)
    return scales


def _cldr_currency_symbols() -> dict[str, str]:
    """Currency signs CLDR prints in the supported locales ("CA$", "$US", "£GB", "₴").

    Only signs with a currency character in them: letter-only ones ("F" for the old French
    franc) would match model names and words. So whatever tracker.domain.display prints reads back.
    """
    symbols: dict[str, str] = {}
    for locale in SUPPORTED_LOCALES:
        for code in iso_currencies():
            sign = get_currency_symbol(code, locale)
            if sign != code and any(unicodedata.category(ch) == "Sc" for ch in sign):
                symbols[sign] = code
    return symbols


# Currency marks. Values are ISO codes, or a key of AMBIGUOUS_CURRENCIES.
CURRENCY_SYMBOLS = _cldr_currency_symbols() | {
    "US$": "USD",
    "USD$": "USD",  # "(USD$25 million)": the code and the sign both, as some agencies write
    "$US": "USD",
    "C$": "CAD",
    "CA$": "CAD",
    "$CA": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "$AU": "AUD",
    "NZ$": "NZD",
    # The London press writes Scandinavian crowns with a country letter: "Nkr570m".
    "NKr": "NOK",
    "Nkr": "NOK",
    "DKr": "DKK",
    "Dkr": "DKK",
    "SKr": "SEK",
    "Skr": "SEK",
    "S$": "SGD",  # Singapore's press converts into its own dollar beside the US one
    "HK$": "HKD",
    "$": "$",
    "€": "EUR",
    "£": "GBP",
    "¥": "¥",
    "₴": "UAH",
    "₽": "RUB",
    "zł": "PLN",
    "kr.": "kr",
    "kr": "kr",
    "Fr.": "CHF",
    "CHF": "CHF",
}
CURRENCY_WORDS = {
    "euros": "EUR",
    "euro": "EUR",
    "d'euros": "EUR",
    "євро": "EUR",
    "us dollars": "USD",
    "us dollar": "USD",
    "u.s. dollars": "USD",
    "us-dollar": "USD",
    "dollars américains": "USD",
    "доларів сша": "USD",
    "dollars": "$",
    "dollar": "$",
    "de dollars": "$",
    "доларів": "$",
    "долари": "$",
    "долара": "$",
    "дол.": "$",
    "canadian dollars": "CAD",
    "australian dollars": "AUD",
    "new zealand dollars": "NZD",
    "pounds sterling": "GBP",
    "pounds": "GBP",
    "pound": "GBP",
    "sterling": "GBP",
    "pfund": "GBP",
    "livres sterling": "GBP",
    "фунтів": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "swiss francs": "CHF",
    "franken": "CHF",
    "francs suisses": "CHF",
    "kronor": "SEK",
    "swedish kronor": "SEK",
    "norwegian kroner": "NOK",
    "danish kroner": "DKK",
    "kroner": "kroner",
    "krone": "kroner",
    "zlotys": "PLN",
    "złotys": "PLN",
    "zloty": "PLN",
    "złotych": "PLN",
    "zlotych": "PLN",
    "hryvnias": "UAH",
    "hryvnia": "UAH",
    "hryvnya": "UAH",
    "грн": "UAH",
    "гривень": "UAH",
    "гривні": "UAH",
    "гривня": "UAH",
    "roubles": "RUB",
    "rubles": "RUB",
    "рублів": "RUB",
}
# Marks shared by several currencies: (default when no donor settles it, the candidates).
AMBIGUOUS_CURRENCIES = {
    "$": ("USD", ("USD", "CAD", "AUD", "NZD", "SGD", "HKD", "TWD", "MXN")),
    "¥": ("JPY", ("JPY", "CNY")),
    # English "crowns" (and "korun") name the Czech koruna as well as the Nordic crowns.
    "kr": (None, ("NOK", "SEK", "DKK", "ISK", "CZK")),
    "kroner": (None, ("NOK", "DKK")),
}

# Model names whose count implies the counting unit when the text names no unit word
# ("31 M1A1 Abrams" counts tanks). Lower case; a trailing plural "s" is stripped first.
MODEL_UNITS = {
    "abrams": "tank",
    "leopard": "tank",
    "challenger": "tank",
    "t-72": "tank",
    "pt-91": "tank",
    "bradley": "vehicle",
    "marder": "vehicle",
    "stryker": "vehicle",
    "cv90": "vehicle",
    "m113": "vehicle",
    "gepard": "weapon",
    "himars": "launcher",
    "m270": "launcher",
    "mars": "launcher",
    "patriot": "system",
    "iris-t": "system",
    "nasams": "system",
    "samp/t": "system",
    "stinger": "missile",
    "javelin": "missile",
    "nlaw": "weapon",
    "atacms": "missile",
    "harpoon": "missile",
    "f-16": "aircraft",
    "mig-29": "aircraft",
    "su-25": "aircraft",
    "gripen": "aircraft",
    "caesar": "howitzer",
    "m777": "howitzer",
    "pzh": "howitzer",
    "archer": "howitzer",
    "krab": "howitzer",
    "zuzana": "howitzer",
    "bayraktar": "drone",
    "switchblade": "drone",
}
# Words after which the unit phrase is over ("10 tonnes of flour for Kharkiv").
STOP_WORDS = frozenset(
    {
        "of",
        "for",
        "from",
        "to",
        "in",
        "into",
        "with",
        "worth",
        "and",
        "plus",
        "by",
        "on",
        "at",
        "as",
        "since",
        "via",
        "which",
        "that",
        "were",
        "was",
        "have",
        "has",
        "had",
        "will",
        "delivered",
        "pledged",
        "promised",
        "sent",
        "donated",
        "&",
        "für",
        "von",
        "aus",
        "mit",
        "nach",
        "und",
        "pour",
        "avec",
        "à",
        "au",
        "aux",
        "et",
        "de",
        "des",
        "du",
        "d'",
        "для",
        "з",
        "із",
        "та",
        "і",
        "й",
        "до",
    }
)
CONJUNCTIONS = frozenset({"and", "plus", "&", "und", "et", "та", "і", "й", ","})
