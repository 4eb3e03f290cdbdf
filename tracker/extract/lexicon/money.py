"""How money is written: scale words, currency words and marks, and the words that link a
count to the money it is worth."""

from __future__ import annotations

from tracker.domain.parsing.lexicon import FOREIGN_PRESS_SCALE_WORDS

# Obvious slips in scale words that press copy prints and a reader still reads. Only the
# extractor forgives them (its candidates are reviewed before they are recorded): the parser
# of researchers' own figures refuses a misspelt scale word instead of guessing it.
SCALE_SLIPS = {
    "milion": "million",
    "millon": "million",
    "milllion": "million",
    "bilion": "billion",
    "billon": "billion",
    "billlion": "billion",
    "trilion": "trillion",
}
SCALE_WORDS = frozenset(
    {"thousand", "million", "billion", "trillion", "mln", "bln", "bn", "mn", "tn", "trn"}
    | SCALE_SLIPS.keys()
    | {word.rstrip(".") for word in FOREIGN_PRESS_SCALE_WORDS}  # "NOK 1,5 mrd", "CHF 5 Mio."
)
CURRENCY_WORDS = {
    "euros": "euros",
    "euro": "euros",
    "dollars": "dollars",
    "dollar": "dollars",
    "pounds": "pounds",
    "pound": "pounds",  # "a 350-million-pound package"
    "sterling": "pounds",
    "yen": "yen",
    # Crown words in any spelling leave the crown to the donor ("Norwegian kronor" is NOK,
    # Sweden's "kroner" SEK), unless an adjective settles it; "crowns" may be Czech too.
    "kronor": "kr",
    "kroner": "kr",
    "krona": "kr",
    "krone": "kr",
    "kronur": "kr",
    "kronas": "kr",
    "crowns": "kr",
    "korun": "kr",
    "koruna": "kr",
    "korunas": "kr",
    "koruny": "kr",  # Czech plural, also in English copy ("6 billion koruny")
    "złoty": "zlotys",
    "złotys": "zlotys",
    "zł": "zlotys",  # "1.5 billion zł"
    "zlotych": "zlotys",
    "złotych": "zlotys",
    "hryvnas": "hryvnias",
    "hryvnyas": "hryvnias",
    "zlotys": "zlotys",
    "zloty": "zlotys",
    "hryvnias": "hryvnias",
    "hryvnia": "hryvnias",
    "francs": "CHF",
    "forints": "HUF",
    "forint": "HUF",
    "lei": "RON",
    # Korea's won, only ever read after a number ("520 billion won").
    "won": "KRW",
    "leva": "BGN",
    # Croatia's currency until 2023 ("124 million kuna").
    "kuna": "HRK",
    "kunas": "HRK",
    # China's, India's and Türkiye's currencies, named by word in their aid releases.
    "yuan": "CNY",
    "renminbi": "CNY",
    "rupees": "INR",
    "lira": "TRY",
    "roubles": "roubles",
    "rubles": "roubles",
}
# Adjectives that settle which crown, dollar or franc a currency word means.
CURRENCY_ADJECTIVES = {
    ("danish", "kr"): "DKK",
    ("norwegian", "kr"): "NOK",
    ("swedish", "kr"): "SEK",
    ("czech", "kr"): "CZK",
    ("swiss", "CHF"): "CHF",
    ("canadian", "dollars"): "CAD",
    ("australian", "dollars"): "AUD",
    ("zealand", "dollars"): "NZD",  # "New Zealand dollars": "New" is dropped with it
    ("u.s.", "dollars"): "USD",
    ("us", "dollars"): "USD",
    ("american", "dollars"): "USD",
    ("japanese", "yen"): "JPY",
    ("icelandic", "kr"): "ISK",
    # Adjectives that only repeat what the word says ("seven billion Polish zlotys").
    ("polish", "zlotys"): "PLN",
    ("british", "pounds"): "GBP",
    ("hungarian", "HUF"): "HUF",
    ("ukrainian", "hryvnias"): "UAH",
}
CURRENCY_ADJECTIVE_WORDS = frozenset(a for a, _ in CURRENCY_ADJECTIVES)
ISO_WORDS = frozenset(
    {"USD", "EUR", "GBP", "NOK", "SEK", "DKK", "CHF", "PLN", "CZK", "JPY", "CAD", "AUD", "NZD"}
    | {"HUF", "RON", "BGN", "ISK", "UAH"}
)
CURRENCY_MARKS = {"$CAN": "C$", "CAN$": "C$", "$CA": "C$", "CA$": "C$", "U.S.$": "US$"}
VALUE_LINKS = (
    "worth",
    "valued at",
    "valued",
    "at a cost of",
    "costing",
    "at a price of",
    "for a total of",
    "with a total value of",
    "with a total cost of",
    "with a value of",
)

# Words allowed before the money of a stated conversion: "(about EUR 6.8 billion)".
# Hedges of a stated conversion ("(over $9 billion)", "(just under €40 million)") are the
# converter's rounding, not a second fact: they are read past like the words above.
CONVERSION_WORDS = frozenset(
    {"about", "around", "approximately", "approx.", "approx", ".", "roughly", "some", "or"}
    | {"nearly", "abouts"}
    | {"over", "more", "than", "almost", "just", "under", "less", "at", "least", "up", "to"}
    | {"well", "ca.", "c.", "equivalent", "equal", "i.e.", "ie", "circa", "u.s.", "us"}
)
# Marks between two conversions of one sum ("(52 million dollars, 47 million euros)").
CONVERSION_JOINS = frozenset({"/", ",", ";"})
# An editor's note closing a conversion ("(approximately $60 million — ed.)") is no figure.
# "sterling" closes "(5.7 million pounds sterling)".
# "US" closes "($1.7 billion US)".
CONVERSION_TAIL = frozenset({"—", "–", "-", "ed", ".", "sterling", "us", "u.s."})
