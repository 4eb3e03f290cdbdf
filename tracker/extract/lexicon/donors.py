"""Who gives: country names CLDR lacks, demonyms, metonyms, officials and organisations.

Country names come from babel's CLDR territory names (all of them, in English); only what
CLDR does not hold is written here: short and informal names ("Britain", "U.S."), adjectives
("Dutch"), capitals and institutions used as metonyms ("Ottawa", "the Pentagon") and the
officials whose names stand for their government in wire copy.
"""

from __future__ import annotations

# Codes that are never the donor of aid to Ukraine: the recipient and the states at war with
# it or arming Russia. A figure whose actor is one of these is not aid.
NOT_DONORS = frozenset({"UA", "RU", "BY", "KP", "IR"})

# CLDR territory names that are also ordinary words or first names in English news.
SKIPPED_TERRITORY_NAMES = frozenset({"Jersey", "Jordan", "Chad", "Guernsey", "Niger"})

# Names CLDR lacks, lower case (matched case-insensitively unless listed in CASED_NAMES).
COUNTRY_ALIASES = {
    "britain": "GB",
    "great britain": "GB",
    "the uk": "GB",
    "uk": "GB",
    "u.k.": "GB",
    "england": "GB",
    "united kingdom": "GB",
    "us": "US",
    "u.s.": "US",
    "u.s": "US",
    "usa": "US",
    "u.s.a.": "US",
    "america": "US",
    "united states of america": "US",
    "czech republic": "CZ",
    "turkey": "TR",
    "holland": "NL",
    "the netherlands": "NL",
    "republic of korea": "KR",
    # "Korea" alone is the South, as "Korean" is: the North is always named "North Korea".
    "korea": "KR",
    "macedonia": "MK",
    "mod": "GB",
    "russian federation": "RU",
    # A people named for its government in wire copy: "the Czechs said the shells would ...".
    "americans": "US",
    "brits": "GB",
    "czechs": "CZ",
    "danes": "DK",
    "finns": "FI",
    "germans": "DE",
    "norwegians": "NO",
    "poles": "PL",
    "swedes": "SE",
}
# Aliases that are ordinary words in lower case ("us"): matched only as written here.
CASED_NAMES = frozenset(
    {"US", "U.S.", "U.S", "UK", "U.K.", "USA", "U.S.A.", "MoD", "ERA", "DoD", "USAI"}
)

# Adjectives and demonyms: "the Norwegian government", "Dutch F-16s".
DEMONYMS = {
    "albanian": "AL",
    "american": "US",
    "australian": "AU",
    "austrian": "AT",
    "azerbaijani": "AZ",
    "belgian": "BE",
    "british": "GB",
    "bulgarian": "BG",
    "canadian": "CA",
    "croatian": "HR",
    "cypriot": "CY",
    "czech": "CZ",
    "danish": "DK",
    "dutch": "NL",
    "estonian": "EE",
    "finnish": "FI",
    "french": "FR",
    "german": "DE",
    "greek": "GR",
    "hungarian": "HU",
    "icelandic": "IS",
    "irish": "IE",
    "italian": "IT",
    "japanese": "JP",
    # "Korean" alone is the South: the North is always named so ("North Korean").
    "korean": "KR",
    "latvian": "LV",
    "lithuanian": "LT",
    "luxembourgish": "LU",
    "macedonian": "MK",
    "maltese": "MT",
    "montenegrin": "ME",
    "norwegian": "NO",
    "polish": "PL",
    "portuguese": "PT",
    "romanian": "RO",
    "slovak": "SK",
    "slovenian": "SI",
    "spanish": "ES",
    "swedish": "SE",
    "swiss": "CH",
    "turkish": "TR",
    "taiwanese": "TW",
    "south korean": "KR",
    "new zealand": "NZ",
    "russian": "RU",
    "belarusian": "BY",
    "north korean": "KP",
    "iranian": "IR",
    "ukrainian": "UA",
}

# Capitals, seats of government and institutions that stand for the state in news copy.
METONYMS = {
    "washington": "US",
    "the pentagon": "US",
    "pentagon": "US",
    "white house": "US",
    "presidential drawdown": "US",
    "state department": "US",
    "congress": "US",
    # Parliaments that vote the money, named as their country's decision.
    "bundestag": "DE",
    "storting": "NO",
    "riksdag": "SE",
    "folketing": "DK",
    "eduskunta": "FI",
    "sejm": "PL",
    "usaid": "US",
    # Development agencies give in their state's name.
    "jica": "JP",
    "japan international cooperation agency": "JP",
    "koica": "KR",
    "korea international cooperation agency": "KR",
    "sdc": "CH",
    "swiss agency for development and cooperation": "CH",
    "giz": "DE",
    "norad": "NO",
    "sida": "SE",
    "danida": "DK",
    "fcdo": "GB",
    "department of defense": "US",
    "dod": "US",
    "ukraine security assistance initiative": "US",
    "usai": "US",
    "berlin": "DE",
    "bundeswehr": "DE",
    "london": "GB",
    "downing street": "GB",
    "whitehall": "GB",
    "paris": "FR",
    "elysee": "FR",
    "élysée": "FR",
    "warsaw": "PL",
    "ottawa": "CA",
    "canberra": "AU",
    "tokyo": "JP",
    "rome": "IT",
    "madrid": "ES",
    "lisbon": "PT",
    "the hague": "NL",
    "amsterdam": "NL",
    "oslo": "NO",
    "stockholm": "SE",
    "copenhagen": "DK",
    "helsinki": "FI",
    "prague": "CZ",
    "bratislava": "SK",
    "tallinn": "EE",
    "riga": "LV",
    "vilnius": "LT",
    "bucharest": "RO",
    "sofia": "BG",
    "athens": "GR",
    "zagreb": "HR",
    "ljubljana": "SI",
    "vienna": "AT",
    "bern": "CH",
    "dublin": "IE",
    "reykjavik": "IS",
    "seoul": "KR",
    "ankara": "TR",
    "wellington": "NZ",
    "kyiv": "UA",
    "kiev": "UA",
    "moscow": "RU",
    "kremlin": "RU",
    "minsk": "BY",
    "pyongyang": "KP",
    "tehran": "IR",
}

# Heads of government, defence and foreign ministers 2022-2025 whose surname stands for the
# donor in wire copy ("Pistorius said Germany would ..."). Matched case-sensitively.
OFFICIALS = {
    "Biden": "US",
    "Trump": "US",
    "Blinken": "US",
    "Lloyd Austin": "US",
    "Sullivan": "US",
    "Hegseth": "US",
    "Rubio": "US",
    "Scholz": "DE",
    "Merz": "DE",
    "Pistorius": "DE",
    "Baerbock": "DE",
    "Lambrecht": "DE",
    "Macron": "FR",
    "Lecornu": "FR",
    "Sunak": "GB",
    "Starmer": "GB",
    "Ben Wallace": "GB",
    "Shapps": "GB",
    "Healey": "GB",
    "Lammy": "GB",
    "Trudeau": "CA",
    "Carney": "CA",
    "Anand": "CA",
    "Bill Blair": "CA",
    "Albanese": "AU",
    "Marles": "AU",
    "Morrison": "AU",
    "Kishida": "JP",
    "Ishiba": "JP",
    "Meloni": "IT",
    "Crosetto": "IT",
    "Sánchez": "ES",
    "Sanchez": "ES",
    "Robles": "ES",
    "Ollongren": "NL",
    "Brekelmans": "NL",
    "Schoof": "NL",
    "Støre": "NO",
    "Store": "NO",
    "Gram": "NO",
    "Kristersson": "SE",
    "Pål Jonson": "SE",
    "Frederiksen": "DK",
    "Poulsen": "DK",
    "Tusk": "PL",
    "Duda": "PL",
    "Blaszczak": "PL",
    "Błaszczak": "PL",
    "Kosiniak-Kamysz": "PL",
    "Fiala": "CZ",
    "Petr Pavel": "CZ",
    "Nauseda": "LT",
    "Nausėda": "LT",
    "Zelensky": "UA",
    "Zelenskyy": "UA",
    "Zelenskiy": "UA",
    "Kuleba": "UA",
    "Reznikov": "UA",
    "Umerov": "UA",
    "Sybiha": "UA",
    "Putin": "RU",
    "Peskov": "RU",
    "Lavrov": "RU",
    "Shoigu": "RU",
    "Belousov": "RU",
    "Lukashenko": "BY",
    "Stoltenberg": "NATO",
    "Rutte": "NATO",
    "von der Leyen": "EU",
    "Von der Leyen": "EU",
    "Luxon": "NZ",
    "Hipkins": "NZ",
    "Ardern": "NZ",
    "Yoon Suk Yeol": "KR",
    "Yoon Suk-yeol": "KR",
    "Orpo": "FI",
    "Häkkinen": "FI",
    "Sprūds": "LV",
    "Spruds": "LV",
    "Rinkēvičs": "LV",
    "Anušauskas": "LT",
    "Anusauskas": "LT",
    "Landsbergis": "LT",
    "Pevkur": "EE",
    "De Croo": "BE",
    "Francken": "BE",
    "Černochová": "CZ",
    "Cernochova": "CZ",
    "Lipavský": "CZ",
    "Lipavsky": "CZ",
    "Penny Wong": "AU",
    "Sajjan": "CA",
    "Mélanie Joly": "CA",
    "Freeland": "CA",
    "Cassis": "CH",
    "Amherd": "CH",
    "Nehammer": "AT",
    "Varadkar": "IE",
    "Borrell": "EU",
    "Kallas": "EU",
}

# Organisations, funds and coalitions. Codes follow seed_data/donors.csv where it has them;
# the Commission and the Council are recorded as the EU, as researchers label them.
ORGANISATIONS = {
    "european union": "EU",
    "eu": "EU",
    "the union": "EU",
    "european commission": "EU",
    "ec": "EU",
    "european commissioner": "EU",
    "eu commissioner": "EU",
    "presidency of the council": "EU",
    "council presidency": "EU",
    "the commission": "EU",
    "council of the eu": "EU",
    "council of the european union": "EU",
    "european council": "EU",
    "eu institutions": "EU",
    # The EU and its member states speaking as one in releases.
    "team europe": "EU",
    "eu member states": "EU",
    "european investment bank": "EIB",
    "eib": "EIB",
    "european peace facility": "EPF",
    # The EU's own 2024-2027 programme for Ukraine: money "under the Ukraine Facility" is EU.
    "ukraine facility": "EU",
    "epf": "EPF",
    "nato": "NATO",
    "north atlantic treaty organization": "NATO",
    "north atlantic alliance": "NATO",
    "the alliance": "NATO",
    # Coalitions' own totals are alliance statements, recorded under NATO (seed_data's note
    # on NATO); what one member pays into a coalition stays that member's.
    "drone coalition": "NATO",
    "unmanned coalition": "NATO",
    "capability coalition": "NATO",
    "contact group": "NATO",
    "ukraine defense contact group": "NATO",
    "ukraine defence contact group": "NATO",
    "ramstein group": "NATO",
    "international fund for ukraine": "IFU",
    "ifu": "IFU",
    "international fund": "IFU",
    "g7": "G7",
    "g-7": "G7",
    "group of seven": "G7",
    "imf": "IMF",
    "international monetary fund": "IMF",
    "world bank": "WB",
    "ebrd": "EBRD",
    "purl": "PURL",
    "prioritized ukraine requirements list": "PURL",
    "extraordinary revenue acceleration": "ERA",
    "era": "ERA",
}
# Organisation codes that channel other donors' money (a figure said to go "through" or "to"
# them names a recipient fund, not the donor, unless the fund is the subject).
CHANNELS = frozenset({"EPF", "IFU", "PURL", "WB", "EBRD", "IMF"})
# Funds that pool many givers' money: what the alliance or unnamed "allies" pay into one of
# them is recorded as the fund's, since no one donor can be told apart.
POOLED_FUNDS = frozenset({"PURL", "IFU"})

# Words joined to a donor name that make it describe an item or someone else, not a donor:
# "Canadian-made", "UK-led", "U.S.-provided".
NAME_COMPOUND_SUFFIXES = (
    "-made",
    "-built",
    "-led",
    "-based",
    "-designed",
    "-produced",
    "-owned",
    "-administered",
    "-managed",
)
# Ministries named by their initials: the UK's or US's alone, but "the Finnish MoD" is Finland's.
GENERIC_INSTITUTIONS = frozenset({"MoD", "DoD"})
# Compounds that name who pays or leads: "Danish-funded", "a Czech-led ammunition initiative".
# Their name is the giver ("-led" only before a word of INITIATIVE_NOUNS: a "UK-led fund" is
# the fund's, a "US-led strike" no aid).
LEADER_SUFFIXES = ("-funded", "-financed", "-backed", "-led")
# Joint efforts a state may lead, and the aid nouns that make a demonym before them a giver
# ("the Estonian initiative", "the Danish package").
INITIATIVE_NOUNS = frozenset(
    {"initiative", "coalition", "scheme", "effort", "mechanism", "programme", "program"}
)
DEMONYM_AID_NOUNS = INITIATIVE_NOUNS | {
    "package",
    "aid",
    "assistance",
    "support",
    "contribution",
    "donation",
    "grant",
    "model",
}
# A name right before these words is part of another name ("Ukraine Facility").
NAME_CONTINUATIONS = frozenset(
    {
        "facility",
        "defense contact group",
        "defence contact group",
        "school of economics",
        "institute",
        "media",
        "intelligence",
    }
)

# Plural givers that are not one donor: a sentence naming them ("Allies have pledged ...",
# "partner countries plan to send ...") does not borrow the donor of the sentence before it.
OTHER_GIVERS = (
    "allies",
    "partners",
    "partner countries",
    "countries",
    "donors",
    "nations",
    "states",
    "member states",
    "others",
)
