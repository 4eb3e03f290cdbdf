"""Candidate aid facts from news text: who gave what, how much, and whether it arrived.

A researcher pastes an article; every sentence is read for figures (money and counted items),
and each figure that is aid becomes a :class:`CandidateFact` with its sentence, offsets and
fields, ready to be checked and accepted. The reading is rule-based on purpose: it runs
offline, explains itself, and a wrong rule is fixed by editing a word list
(:mod:`tracker.extract_lexicon`), not by retraining anything.

How a sentence is read:

1. Figures are found on a token stream: money (``€1.4bn``, ``NOK 75 billion``), counts with
   the item they count (``14 Leopard 2A6 tanks``), counts without a figure (``hundreds of
   thousands of rounds``, ``an undisclosed number of howitzers``). Numbers become values
   through :mod:`tracker.parsing`; this module only decides *where* a figure is.
2. Traps are dropped: model numbers and calibres never start a figure (they are parts of
   words), a count needs an aid item noun after it (so troops, casualties and villages never
   qualify), and clauses about attacks, needs, own production or stocks, sanctions, damage or
   frozen assets propose nothing.
3. Each figure gets its donor (the subject of its clause, or the "from"/"by" party), its
   kind from the nearest verb (pledge, delivery, cancellation, estimate), its hedge, and
   whether it is a running total ("so far", "bringing the total to").
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from functools import cache

from babel import Locale

from tracker import extract_lexicon as lex
from tracker.extract_text import MONTHS, WEEKDAYS, Sentence, event_date, split_sentences
from tracker.numbers import SUPPORTED_LOCALES, ParseError, parse_decimal, plain
from tracker.parsing import parse_money, parse_number, parse_qualifier
from tracker.seed import seed_dir

KINDS = ("pledge", "delivery", "cancellation", "estimate")


@dataclass(frozen=True)
class CandidateFact:
    """One proposed ledger fact and where it was read.

    ``start``/``end`` are the sentence's offsets in the text, ``figure_start``/``figure_end``
    the figure's (for highlighting). ``equipment`` is the catalogue name the item matched.
    ``note`` says what the reader assumed (a bare "$" read as the donor's dollar, ...).
    """

    sentence: str
    start: int
    end: int
    donor: str | None
    kind: str
    item: str | None
    quantity: Decimal | None
    unit: str | None
    amount: Decimal | None
    currency: str | None
    qualifier: str | None
    cumulative: bool
    date: date | None
    equipment: str | None = None
    figure_start: int | None = None
    figure_end: int | None = None
    note: str = ""

    def as_json(self) -> dict[str, object]:
        """The object ``tracker extract --json`` prints: plain numbers, ISO date, nulls."""
        return {
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "donor": self.donor,
            "kind": self.kind,
            "item": self.item,
            "quantity": _plain_number(self.quantity),
            "unit": self.unit,
            "amount": _plain_number(self.amount),
            "currency": self.currency,
            "qualifier": self.qualifier,
            "cumulative": self.cumulative,
            "date": self.date.isoformat() if self.date else None,
        }


def _plain_number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


# --- tokens ------------------------------------------------------------------------------------

_SCALE_SUFFIX = r"(?:bn|mln|bln|mn|tn|trn|m|b|k)"
_TOKEN_RE = re.compile(
    r"(?P<cur>(?:US|U\.S\.|CAN|CA|C|AU|A|NZ)\$|\$(?:CAN|CA|US|AU)|[€£¥₴$])"
    r"|(?P<code>(?:USD|EUR|GBP|NOK|SEK|DKK|CHF|PLN|CZK|JPY|CAD|AUD|NZD|HUF|RON|BGN|ISK|UAH)"
    r"(?=\d))"
    r"|(?P<calibre>\d+(?:[.,]\d+)?[ -]?(?:mm|millimetres?|millimeters?)(?!\w))"
    r"|(?P<num>\d{1,3}(?:[ \u00a0\u202f]\d{3}(?![\w.,-]))+(?:[.,]\d+)?|\d+(?:[.,]\d+)*)"
    rf"(?=(?:{_SCALE_SUFFIX})\b|[^\w]|$)"
    rf"|(?P<scale>(?<=\d){_SCALE_SUFFIX}\b)"
    r"|(?P<word>(?:[A-Z]\.){2,}|[^\W_][\w'’]*(?:[-/][\w'’]+)*)"
    r"|(?P<punct>\S)"
)


@dataclass(frozen=True)
class Token:
    """A word, number, currency mark or punctuation mark with its offsets in the sentence."""

    text: str
    start: int
    end: int
    kind: str

    @property
    def low(self) -> str:
        return self.text.lower().replace("’", "'")

    @property
    def bare(self) -> str:
        """Lower case without a possessive "'s"."""
        return self.low.removesuffix("'s")


def tokenize(text: str) -> list[Token]:
    """Split a sentence into tokens; numbers glued to letters ("2A6", "F-16") stay words."""
    tokens = []
    for match in _TOKEN_RE.finditer(text):
        kind = match.lastgroup or "punct"
        tokens.append(Token(match.group(), match.start(), match.end(), kind))
    return tokens


# --- gazetteer ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    """A donor name found in a sentence."""

    start: int
    end: int
    code: str
    kind: str  # country, demonym, metonym, official, organisation


# CLDR region codes that are groupings, not countries.
_NOT_COUNTRY_CODES = frozenset({"EU", "EZ", "UN", "QO", "ZZ"})


def _catalogued_organisations() -> dict[str, str]:
    """Organisation and fund names from seed_data/donors.csv ("UMO (Polish ...)" -> "umo"),
    so a donor added there is recognised in text without touching the lexicon."""
    with (seed_dir() / "donors.csv").open(encoding="utf-8") as handle:
        return {
            row["name"].split(" (")[0].lower(): row["code"]
            for row in csv.DictReader(handle)
            if row["kind"] != "country"
        }


@cache
def _gazetteer() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, tuple[str, str]]]:
    """(case-insensitive pattern, case-sensitive pattern, name -> (code, kind)).

    Country names come from babel's CLDR territory names; the lexicon adds what CLDR lacks.
    """
    names: dict[str, tuple[str, str]] = {}
    for code, name in Locale("en").territories.items():
        is_country = len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRY_CODES
        if is_country and name not in lex.SKIPPED_TERRITORY_NAMES:
            names[name.lower()] = (code, "country")
    for name, code in lex.COUNTRY_ALIASES.items():
        names[name] = (code, "country")
    for name, code in lex.METONYMS.items():
        names.setdefault(name, (code, "metonym"))
    for name, code in lex.ORGANISATIONS.items():
        names[name] = (code, "organisation")
    for name, code in _catalogued_organisations().items():
        names.setdefault(name, (code, "organisation"))
    for name, code in lex.DEMONYMS.items():
        names.setdefault(name, (code, "demonym"))
    folded = [n for n in names if n not in {c.lower() for c in lex.CASED_NAMES}]
    cased = {n: names[n.lower()] for n in lex.CASED_NAMES}
    cased.update({n: (code, "official") for n, code in lex.OFFICIALS.items()})
    for name, value in cased.items():
        names[name] = value

    def alternation(words: Iterable[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    boundary_l, boundary_r = r"(?<![\w.-])", r"(?![\w-]|\.\w)"
    insensitive = re.compile(f"{boundary_l}(?i:{alternation(folded)}){boundary_r}")
    sensitive = re.compile(f"{boundary_l}(?:{alternation(cased)}){boundary_r}")
    return insensitive, sensitive, names


def find_mentions(text: str) -> list[Mention]:
    """Every donor name in ``text`` (longest match wins), minus names inside other names."""
    insensitive, sensitive, names = _gazetteer()
    found: list[Mention] = []
    for pattern in (sensitive, insensitive):
        for match in pattern.finditer(text):
            name = match.group()
            code, kind = names.get(name) or names[name.lower()]
            after = text[match.end() : match.end() + 30].lower()
            if after.startswith(lex.NAME_COMPOUND_SUFFIXES):
                continue
            continued = any(after.startswith(" " + word) for word in lex.NAME_CONTINUATIONS)
            if continued and (code == "UA" or kind == "demonym"):
                continue  # "Ukraine Facility", "Ukrainian officials"
            if any(m.start <= match.start() < m.end for m in found):
                continue
            found.append(Mention(match.start(), match.end(), code, kind))
    return sorted(found, key=lambda m: m.start)


@cache
def _donor_currencies() -> dict[str, str]:
    """Donor code -> its currency, from seed_data/donors.csv (for reading a bare "$")."""
    with (seed_dir() / "donors.csv").open(encoding="utf-8") as handle:
        return {row["code"]: row["currency"] for row in csv.DictReader(handle)}


@cache
def _currency_owners() -> dict[str, str]:
    """Currency -> the one country in donors.csv that uses it (the euro and dollar have
    many users and are left out, so they never name a donor)."""
    owners: dict[str, list[str]] = {}
    with (seed_dir() / "donors.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["kind"] == "country":
                owners.setdefault(row["currency"], []).append(row["code"])
    return {cur: codes[0] for cur, codes in owners.items() if len(codes) == 1 and cur != "USD"}


@dataclass(frozen=True)
class CatalogueEntry:
    """One equipment type's name, its tokens and its counting unit."""

    name: str
    tokens: frozenset[str]
    unit: str
    family: bool


def _name_tokens(name: str) -> frozenset[str]:
    return frozenset(re.sub(r"[-\s]+", " ", name.lower()).replace("mm", " mm").split())


@cache
def _catalogue() -> tuple[CatalogueEntry, ...]:
    """seed_data/equipment_types.csv as name and family token sets (names first)."""
    entries: list[CatalogueEntry] = []
    families: list[CatalogueEntry] = []
    with (seed_dir() / "equipment_types.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name, family, unit = row["name"], row["family"], row["unit"]
            bare = re.sub(r"\s*\d+mm$", "", name)
            entries.append(CatalogueEntry(name, _name_tokens(bare), unit, False))
            families.append(CatalogueEntry(name, _name_tokens(family), unit, True))
    return tuple(entries + families)


def match_equipment(item: str) -> CatalogueEntry | None:
    """The catalogue entry whose name (or failing that, family) words all occur in ``item``."""
    words = set(re.sub(r"[-\s]+", " ", item.lower()).split())
    words |= {w.removesuffix("s") for w in words}
    best: CatalogueEntry | None = None
    for entry in _catalogue():
        if entry.tokens and entry.tokens <= words:
            better = best is None or (entry.family, -len(entry.tokens)) < (
                best.family,
                -len(best.tokens),
            )
            if better:
                best = entry
    return best


# --- cue matching ------------------------------------------------------------------------------


@cache
def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    words = "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{words})(?![\w-])")


def cue_spans(text: str, cues: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where any of ``cues`` occurs in ``text`` as whole words (case-insensitive)."""
    return [(m.start(), m.end()) for m in _cue_pattern(cues).finditer(text.lower())]


def has_cue(text: str, cues: tuple[str, ...]) -> bool:
    return bool(_cue_pattern(cues).search(text.lower()))


# --- figures -----------------------------------------------------------------------------------

_SCALE_WORDS = frozenset(
    {"thousand", "million", "billion", "trillion", "mln", "bln", "bn", "mn", "tn", "trn"}
)
_CURRENCY_WORDS = {
    "euros": "euros",
    "euro": "euros",
    "dollars": "dollars",
    "dollar": "dollars",
    "pounds": "pounds",
    "sterling": "pounds",
    "yen": "yen",
    "kronor": "kronor",
    "kroner": "kr",
    "krona": "kronor",
    "krone": "kr",
    "crowns": "kr",
    "zlotys": "zlotys",
    "zloty": "zlotys",
    "hryvnias": "hryvnias",
    "hryvnia": "hryvnias",
    "francs": "CHF",
    "roubles": "roubles",
    "rubles": "roubles",
}
# Adjectives that settle which crown, dollar or franc a currency word means.
_CURRENCY_ADJECTIVES = {
    ("danish", "kr"): "DKK",
    ("norwegian", "kr"): "NOK",
    ("swedish", "kr"): "SEK",
    ("swedish", "kronor"): "SEK",
    ("czech", "kr"): "CZK",
    ("swiss", "CHF"): "CHF",
    ("canadian", "dollars"): "CAD",
    ("australian", "dollars"): "AUD",
    ("u.s.", "dollars"): "USD",
    ("us", "dollars"): "USD",
    ("american", "dollars"): "USD",
}
_ISO_WORDS = frozenset(
    {"USD", "EUR", "GBP", "NOK", "SEK", "DKK", "CHF", "PLN", "CZK", "JPY", "CAD", "AUD", "NZD"}
    | {"HUF", "RON", "BGN", "ISK", "UAH"}
)
_CURRENCY_MARKS = {"$CAN": "C$", "CAN$": "C$", "$CA": "C$", "CA$": "C$", "U.S.$": "US$"}
_OVER_VERBS = frozenset({"handed", "hand", "hands", "handing", "turned", "signed", "took"})
_ARTICLE_SCALES = frozenset({"dozen", "hundred", "thousand"})
_EXTRA_HEDGES = {
    "as much as": "up to",
    "a maximum of": "up to",
    "approaching": "about",
    "exceeding": "at least",
    "exceeds": "at least",
    "exceeded": "at least",
    "surpassed": "at least",
    "just over": "at least",
    "well over": "at least",
    "abouts": "about",
}
# Words allowed before the money of a stated conversion: "(about EUR 6.8 billion)".
_CONVERSION_WORDS = frozenset(
    {"about", "around", "approximately", "approx.", "roughly", "some", "or", "nearly", "abouts"}
)
_VALUE_LINKS = ("worth", "valued at", "at a cost of", "costing", "at a price of", "for a total of")
_MONTH_WORDS = frozenset(MONTHS) | {m.capitalize() for m in MONTHS}
_SPECIFIC_SINGLE_HEADS = frozenset(
    {"system", "battery", "hospital", "radar", "launcher", "vehicle", "aircraft", "helicopter"}
)


def _currency_mark(money_text: str) -> str:
    """The currency part of a money text ("€", "NOK", "euros"), reused for a bare figure."""
    words = money_text.split()
    if words[-1].lower() in _CURRENCY_WORDS.values() or words[-1] in _ISO_WORDS:
        return words[-1]
    mark = re.match(r"[^\d\s]+", words[0])
    if mark is not None and mark.group().lower() not in _HEDGE_WORDS:
        return mark.group()
    return words[-1]


_HEDGE_WORDS = frozenset(
    {"about", "around", "some", "over", "nearly", "almost", "up", "more", "than", "least"}
)


def _only_reading(digits: str) -> Decimal | None:
    """The value of ``digits`` when all supported locales that read them agree."""
    readings = set()
    for locale in SUPPORTED_LOCALES:
        try:
            readings.add(parse_decimal(digits, locale))
        except ParseError:
            continue
    return readings.pop() if len(readings) == 1 else None


@cache
def _spelled_number(word: str, locale: str) -> bool:
    """Whether one word is a number the parser reads ("six", "twenty-four"), not "a"."""
    if word in ("a", "an") or (not word.isalpha() and "-" not in word):
        return False
    try:
        parse_number(word, locale)
    except ParseError:
        return False
    return True


@dataclass
class Figure:
    """A figure found in a sentence, before donor and kind are settled."""

    start: int
    end: int
    quantity: Decimal | None = None
    amount: Decimal | None = None
    currency_text: str | None = None  # the money span, parsed once the donor is known
    unit: str | None = None
    item: str | None = None
    qualifier: str | None = None
    forced_kind: str | None = None
    forced_cumulative: bool | None = None
    share_of: Figure | None = None  # "six of the 12": the 12
    attached: list[tuple[int, int]] = field(default_factory=list)  # spans of "promised by X"


@dataclass(frozen=True)
class ItemPhrase:
    """The item a count counts: its text, unit and token span."""

    text: str
    unit: str
    start: int  # token index
    end: int  # token index after the phrase


class _Reader:
    """Finds the figures of one sentence body (offsets are within ``body``)."""

    def __init__(self, body: str, locale: str) -> None:
        self.body = body
        self.locale = locale
        self.tokens = tokenize(body)
        self.used: set[int] = set()
        self.mention_spans = [(m.start, m.end) for m in find_mentions(body)]

    # token helpers ------------------------------------------------------------------------

    def tok(self, i: int) -> Token | None:
        return self.tokens[i] if 0 <= i < len(self.tokens) else None

    def low(self, i: int) -> str:
        token = self.tok(i)
        return token.low if token else ""

    def words_at(self, i: int, phrase: str) -> int | None:
        """Index after ``phrase`` if the tokens from ``i`` spell it, else None."""
        parts = phrase.split()
        for k, part in enumerate(parts):
            if self.low(i + k) != part:
                return None
        return i + len(parts)

    def is_number(self, i: int) -> bool:
        token = self.tok(i)
        return token is not None and token.kind == "num"

    def in_mention(self, token: Token) -> bool:
        return any(a <= token.start < b for a, b in self.mention_spans)

    # hedges ---------------------------------------------------------------------------------

    def hedge_before(self, i: int) -> tuple[str | None, int]:
        """(qualifier, index where the hedge starts) for the words just before token ``i``."""
        for extra, qualifier in _EXTRA_HEDGES.items():
            n = len(extra.split())
            if i - n >= 0 and self.words_at(i - n, extra) == i:
                return qualifier, i - n
        for n in (3, 2, 1):
            if i - n < 0 or any(self.tokens[k].kind == "punct" for k in range(i - n, i)):
                continue
            if self.low(i - n) == "over" and self.low(i - n - 1) in _OVER_VERBS:
                continue  # "handed over 40": a verb particle, not "more than"
            text = self.body[self.tokens[i - n].start : self.tokens[i].end]
            qualifier, rest = parse_qualifier(text)
            if qualifier not in ("exact", "undisclosed", "range") and rest == self.tokens[i].text:
                return qualifier, i - n
        return None, i

    # numbers --------------------------------------------------------------------------------

    def number_at(self, i: int) -> tuple[Decimal, int] | None:
        """(value, index after) for a number starting at token ``i``: digits with scale
        words, or spelled-out numbers ("two dozen", "a dozen", "twenty-four")."""
        token = self.tok(i)
        if token is None:
            return None
        if token.low == "million" and self.low(i - 1) in ("promised", "pledged", "the"):
            return Decimal(10**6), i + 1  # "its promised million shells"
        spelled = token.kind == "word" and _spelled_number(token.low, self.locale)
        scaled_article = token.low in ("a", "an") and self.low(i + 1) in _ARTICLE_SCALES
        if not (token.kind == "num" or spelled or scaled_article):
            return None
        j = i + 1
        while self.low(j) in _SCALE_WORDS | {"dozen", "hundred"} or (
            self.tok(j) is not None and self.tokens[j].kind == "scale"
        ):
            j += 1
        text = self.body[token.start : self.tokens[j - 1].end]
        value = self.parse_value(text)
        return (value, j) if value is not None else None

    def parse_value(self, text: str) -> Decimal | None:
        """A number in the reader's locale, else the one reading every locale that can read
        its digits agrees on ("20 000" or "4,5" in English copy); None when unreadable or
        truly ambiguous ("1.000" is a thousand in de and one in en: refused)."""
        try:
            return parse_number(text, self.locale)
        except ParseError:
            pass
        digits = re.match(r"[\d.,\u00a0\u202f ]+", text)
        value = _only_reading(digits.group().strip()) if digits else None
        if value is None:
            return None
        rest = text[digits.end() :].strip()  # type: ignore[union-attr]
        try:
            return plain(value * (parse_number("1 " + rest, self.locale) if rest else 1))
        except ParseError:
            return None

    def looks_like_model_number(self, i: int) -> bool:
        """A number that names a model ("Leopard 2", "Type 90"), a date or a time."""
        prev, nxt = self.tok(i - 1), self.tok(i + 1)
        if prev is not None and (prev.text in _MONTH_WORDS or prev.low in ("no", "no.", "#")):
            return True
        if nxt is not None and (nxt.text in _MONTH_WORDS or nxt.text in (":", "=")):
            return True
        if prev is not None and prev.text in ("=", "-", "/"):
            return True
        if nxt is not None and nxt.text == "-" and self.tok(i + 2) is not None:
            after = self.tokens[i + 2]
            if after.start == nxt.end and after.kind == "word":
                return True  # "five-year", "1,340-km"
        first_word = next((k for k, t in enumerate(self.tokens) if t.kind == "word"), None)
        return (  # "Leopard 2", "Stridsvagn 122", "Type 90"
            prev is not None
            and prev.kind == "word"
            and prev.text[:1].isupper()
            and i - 1 != first_word
            and not self.in_mention(prev)
            and prev.low not in WEEKDAYS
            and prev.low not in _HEDGE_WORDS
            and "." not in prev.text
        )

    # items ----------------------------------------------------------------------------------

    def item_after(self, j: int) -> ItemPhrase | None:
        """The item phrase starting at token ``j`` ("Leopard 2A6 tanks"), if it names aid."""
        while self.low(j) in ("more", "additional", "further", "new", "extra", "other"):
            j += 1
        run: list[int] = []
        k = j
        while len(run) < 9 and (token := self.tok(k)) is not None:
            prev = self.tok(k - 1)
            stop = token.kind in ("punct", "cur", "code") or token.low in lex.ITEM_STOP_WORDS
            if stop and not self.joins_item(k, run):
                break
            if token.kind == "num" and not (prev and prev.text[:1].isupper()):
                break
            run.append(k)
            k += 1
        head = None
        for index in reversed(run):
            low = self.tokens[index].low
            if low in lex.HEAD_UNITS or low in lex.WEAK_HEADS or self.model_unit(index):
                head = index
                break
        if head is None:
            return None
        following = run[run.index(head) + 1 :]
        if following and self.tokens[following[0]].low in lex.NOUN_CONTINUATIONS:
            return None
        unit = self.unit_of(run[: run.index(head) + 1], head)
        end = head + 1
        if self.tokens[head].low in lex.CONTAINER_HEADS and self.low(end) == "of":
            inner = self.item_after(end + 1)
            if inner is not None:
                if unit is None:
                    unit = inner.unit
                end = inner.end
        if unit is None:
            return None
        text = self.body[self.tokens[j].start : self.tokens[end - 1].end]
        return ItemPhrase(text, unit, j, end)

    def joins_item(self, k: int, run: list[int]) -> bool:
        """A stop word that still belongs to the item: "Surface to Air Missile",
        "tracked and armoured vehicles" (an "and" before the head joins two modifiers)."""
        token, prev, nxt = self.tokens[k], self.tok(k - 1), self.tok(k + 1)
        if prev is None or nxt is None or not run:
            return False
        if token.low == "to":
            return prev.text[:1].isupper() and nxt.text[:1].isupper()
        if token.low == "and":
            has_head = any(self.tokens[x].low in lex.HEAD_UNITS or self.model_unit(x) for x in run)
            return not has_head and nxt.kind == "word" and nxt.low not in lex.ITEM_STOP_WORDS
        return False

    def model_unit(self, index: int) -> str | None:
        token = self.tokens[index]
        key = token.bare
        found = lex.MODEL_UNITS.get(key) or lex.MODEL_UNITS.get(key.split("-")[0])
        if found:
            return found
        if token.text[:1].isupper() or token.text[:1].isdigit():
            entry = match_equipment(token.text)
            if entry is not None and not entry.family and len(entry.tokens) == 1:
                return entry.unit
        return None

    def unit_of(self, phrase: list[int], head: int) -> str | None:
        """The counting unit of an item phrase ending at ``head``."""
        low = self.tokens[head].low
        tail = " ".join(self.tokens[i].low for i in phrase[-3:])
        for words, unit in lex.PHRASE_HEADS.items():
            if tail.endswith(words):
                return unit
        if low in lex.HEAD_UNITS:
            return lex.HEAD_UNITS[low]
        if low in lex.WEAK_HEADS:
            for index in reversed(phrase[:-1]):
                unit = lex.WEAK_HEAD_MODIFIERS.get(self.tokens[index].low)
                if unit:
                    return unit
            return "weapon" if low in ("gun", "guns") else None
        text = " ".join(self.tokens[i].text for i in phrase)
        entry = match_equipment(text)
        return entry.unit if entry is not None else self.model_unit(head)

    # figures --------------------------------------------------------------------------------

    def money_at(self, i: int) -> tuple[int, int, int] | None:
        """(first token, token after, token of the number) of a money figure at ``i``."""
        j = i
        mark_before = False
        if self.tokens[j].kind in ("cur", "code") or self.tokens[j].text in _ISO_WORDS:
            mark_before = True
            j += 1
        if not self.is_number(j):
            return None
        number = j
        j += 1
        if self.low(j) in ("-", "–", "to") and self.is_number(j + 1):
            j += 2
        while self.tok(j) is not None and (
            self.tokens[j].kind == "scale" or self.low(j) in _SCALE_WORDS
        ):
            j += 1
        adjective = self.low(j) in {a for a, _ in _CURRENCY_ADJECTIVES}
        word = self.low(j + 1) if adjective else self.low(j)
        if word in _CURRENCY_WORDS or (self.tok(j) and self.tokens[j].text in _ISO_WORDS):
            j += 2 if adjective else 1
        elif not mark_before:
            return None
        return i, j, number

    def money_text(self, first: int, after: int, number: int) -> str:
        """The money span rewritten into words :func:`tracker.parsing.parse_money` reads:
        canonical currency marks, and digits in the reader's notation ("€4,5 bln")."""
        digits = self.tokens[number]
        written = digits.text
        try:
            parse_decimal(written, self.locale)
        except ParseError:
            value = _only_reading(written)
            written = format(value, "f") if value is not None and self.locale == "en" else written
        text = (
            self.body[self.tokens[first].start : digits.start]
            + written
            + self.body[digits.end : self.tokens[after - 1].end]
        )
        for mark, canonical in _CURRENCY_MARKS.items():
            text = text.replace(mark, canonical)
        words = text.split()
        if len(words) >= 2:
            key = (words[-2].lower(), _CURRENCY_WORDS.get(words[-1].lower(), words[-1]))
            if key in _CURRENCY_ADJECTIVES:
                return " ".join([*words[:-2], _CURRENCY_ADJECTIVES[key]])
        if words and words[-1].lower() in _CURRENCY_WORDS:
            words[-1] = _CURRENCY_WORDS[words[-1].lower()]
        return " ".join(words)

    def conversion_after(self, j: int) -> int:
        """Index after a stated conversion ("($11.8 bln)", "(about EUR 6.8 billion)",
        "($578m/£500m)"), or ``j`` when none follows."""
        if self.low(j) != "(":
            return j
        k = j + 1
        while self.low(k) in _CONVERSION_WORDS:
            k += 1
        end = j
        while (span := self.money_at(k)) is not None:
            end = span[1]
            k = end + 1 if self.low(end) == "/" else end
        return end + 1 if end > j and self.low(end) == ")" else j

    def money_figure(self, first: int, after: int, text: str) -> Figure:
        """A money figure over tokens ``first``..``after`` (hedge included); marks them used."""
        qualifier, hedge = self.hedge_before(first)
        figure = Figure(
            start=self.tokens[hedge].start,
            end=self.tokens[after - 1].end,
            currency_text=text,
            qualifier=qualifier,
        )
        self.used.update(range(hedge, self.conversion_after(after)))
        return figure

    def find(self) -> list[Figure]:
        """Money first (its tokens are then off limits), then counts, then vague counts."""
        figures = self.find_money()
        figures += self.find_counts()
        figures += self.find_vague()
        return sorted(figures, key=lambda f: f.start)

    def find_money(self) -> list[Figure]:
        figures: list[Figure] = []
        last_mark: str | None = None
        i = 0
        while i < len(self.tokens):
            span = self.money_at(i)
            if span is not None and "=" not in (self.low(i - 1), self.low(span[1])):
                first, after, number = span
                text = self.money_text(first, after, number)
                last_mark = _currency_mark(text)
                if not self.toward_other_fund(first):
                    figures.append(self.money_figure(first, after, text))
                i = max(self.conversion_after(after), after)
                continue
            after = self.bare_scaled_number(i) if last_mark and i not in self.used else None
            if after is not None:
                number = self.body[self.tokens[i].start : self.tokens[after - 1].end]
                figures.append(self.money_figure(i, after, f"{number} {last_mark}"))
                i = after
                continue
            i += 1
        return figures

    def bare_scaled_number(self, i: int) -> int | None:
        """Index after "1.2 billion" standing alone (no currency, no item), or None.

        In "5.4 billion crowns to military aid, 1.2 billion to civilian aid" the second
        figure is money in the currency of the first.
        """
        if not self.is_number(i):
            return None
        j = i + 1
        while self.tok(j) is not None and (
            self.tokens[j].kind == "scale" or self.low(j) in _SCALE_WORDS
        ):
            j += 1
        if j == i + 1 or self.low(j - 1) == "thousand":
            return None
        nxt = self.tok(j)
        if nxt is None or nxt.kind == "punct" or nxt.low in ("to", "in", "for", "and"):
            return j
        return None

    def toward_other_fund(self, first: int) -> bool:
        """ "a $275m contribution toward a broader $500m package": the $500m is not theirs."""
        k = first - 1
        while self.low(k) in ("a", "an", "the", "broader", "wider", "larger", "joint", "common"):
            k -= 1
        return self.low(k) in ("toward", "towards") and k < first - 1

    def find_counts(self) -> list[Figure]:
        figures: list[Figure] = []
        for i in range(len(self.tokens)):
            if i in self.used:
                continue
            token = self.tokens[i]
            if token.low in ("a", "an", "one") and not self.number_at(i):
                figure = self.single_item(i)
            elif token.kind == "num" and self.looks_like_model_number(i):
                continue
            elif (found := self.number_at(i)) is not None:
                figure = self.count_from(i, *found) or self.same_item_count(i, *found, figures)
            else:
                continue
            if figure is not None:
                figures.append(figure)
        return figures

    def same_item_count(
        self, i: int, value: Decimal, j: int, earlier: list[Figure]
    ) -> Figure | None:
        """A count that refers back to the item before it: "18 Caesar howitzers and will send
        six more", "20 vehicles, with the first three leaving", "the 18 already in service"."""
        if not earlier or earlier[-1].unit is None:
            return None
        lead = self.body[: self.tokens[i].start].lower()
        total = self.low(i - 1) == "to" and re.search(r"\b(?:total|bringing|brings)\b", lead)
        back = (
            self.low(i - 1) in ("first", "another", "last")
            or self.low(j) in ("more", "already")
            or bool(total)
        )
        if not back:
            return None
        previous = earlier[-1]
        qualifier, hedge = self.hedge_before(i)
        end = j + 1 if self.low(j) in ("more", "already") else j
        self.used.update(range(hedge, end))
        already = self.low(j) == "already"
        return Figure(
            start=self.tokens[hedge].start,
            end=self.tokens[end - 1].end,
            quantity=value,
            unit=previous.unit,
            item=previous.item,
            qualifier=qualifier,
            forced_kind="delivery" if already or self.low(i - 1) == "first" else None,
            forced_cumulative=True if already else None,
        )

    def count_from(self, i: int, value: Decimal, j: int) -> Figure | None:
        qualifier, hedge = self.hedge_before(i)
        if self.low(i - 1) == "between" and self.low(j) == "and":
            qualifier, hedge = "range", i - 1
            high = self.number_at(j + 1)
            if high is None:
                return None
            j = high[1]
        elif self.low(j) in ("-", "–", "to", "or") and self.number_at(j + 1):
            high_value, after = self.number_at(j + 1)  # type: ignore[misc]
            if high_value <= value:
                return None
            qualifier, j = "range", after
        share: Figure | None = None
        forced_kind = forced_cumulative = None
        item_start = j
        if self.low(j) == "of":
            k = j + 1
            k = self.words_at(k, "a total of") or k
            if self.low(k) in lex.OF_DETERMINERS or self.low(k).endswith(("'s", "’s")):
                k += 1
            if self.low(k) in ("promised", "pledged"):
                k += 1
            whole = self.number_at(k)
            if whole is not None:
                share = self.count_from(k, *whole)
                if share is None:
                    return None
                share.forced_kind, share.forced_cumulative = "pledge", False
                item = ItemPhrase(share.item or "", share.unit or "", 0, 0)
                self.used.update(range(k, whole[1]))
            else:
                item = self.item_after(k)
                item_start = k
        else:
            item = self.item_after(j)
        if item is None:
            return None
        if self.low(j) == "already" or self.low(item.end) == "already":
            forced_kind, forced_cumulative = "delivery", True
        if self.low(i - 1) == "all":
            forced_cumulative = True
        qualifier = qualifier or self.trailing_hedge(item.end)
        end_token = item.end if item.end > item.start else j
        figure = Figure(
            start=self.tokens[hedge].start,
            end=self.tokens[end_token - 1].end,
            quantity=value,
            unit=item.unit,
            item=item.text or None,
            qualifier=qualifier,
            forced_kind=forced_kind,
            forced_cumulative=forced_cumulative,
            share_of=share,
        )
        for x in [*range(item_start, item.end), item.end]:
            if self.low(x) in ("promised", "pledged"):
                figure.attached.append((self.tokens[x].start, self.tokens[x].end))
        self.used.update(range(hedge, end_token))
        return figure

    def trailing_hedge(self, j: int) -> str | None:
        if self.words_at(j, "or more"):
            return "at least"
        return None

    def single_item(self, i: int) -> Figure | None:
        """ "a Patriot air defence system", "an armoured recovery vehicle": one of it."""
        j = i + 1
        while j in self.used or self.low(j) in ("additional", "further", "new", "second"):
            j += 1
        item = self.item_after(j)
        if item is None or item.unit not in _SPECIFIC_SINGLE_HEADS:
            return None
        if any(self.tokens[k].kind == "num" for k in range(item.start, item.end)):
            return None
        self.used.update(range(i, item.end))
        return Figure(
            start=self.tokens[i].start,
            end=self.tokens[item.end - 1].end,
            quantity=Decimal(1),
            unit=item.unit,
            item=item.text,
        )

    def find_vague(self) -> list[Figure]:
        """Counts without a figure: "hundreds of rounds", "an undisclosed number of tanks"."""
        figures: list[Figure] = []
        phrases = [(p, None) for p in lex.VAGUE_AMOUNTS]
        phrases += [(p, "undisclosed") for p in lex.UNDISCLOSED_LEADS]
        phrases.sort(key=lambda p: len(p[0]), reverse=True)
        i = 0
        while i < len(self.tokens):
            for phrase, qualifier in phrases:
                after = self.words_at(i, phrase)
                if after is None or i in self.used:
                    continue
                item = self.item_after(after)
                if item is None:
                    continue
                figures.append(
                    Figure(
                        start=self.tokens[i].start,
                        end=self.tokens[item.end - 1].end,
                        unit=item.unit,
                        item=item.text,
                        qualifier=qualifier,
                    )
                )
                self.used.update(range(i, item.end))
                i = item.end - 1
                break
            i += 1
        return figures


# --- clauses -----------------------------------------------------------------------------------

# Where one statement ends and the next begins inside a sentence ("... and will send ...").
_CLAUSE_BREAK_RE = re.compile(
    r";|\s?—\s?|\s–\s|,\s+(?:while|but|whereas|bringing|taking|after|and)\b|\s(?:after|while)\s"
    r"|\s+and\s+(?=(?:has|have|had|will|would|is|are|was|were|can|could|plans?|says?|"
    r"said)\b)|\s+and\s+(?=(?:\w+\s+){0,4}(?:will|would|has|have|pledged|promised)\b)"
)
# Narrower pieces for trap words: clauses split again at commas.
_SEGMENT_BREAK_RE = re.compile(r",|;|\s?—\s?|\s[–-]\s")


def _pieces(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in pattern.finditer(text):
        spans.append((start, match.start()))
        start = match.start() if match.group().strip(" ,") else match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if b > a]


def _span_of(spans: list[tuple[int, int]], position: int) -> tuple[int, int]:
    for a, b in spans:
        if a <= position < b:
            return a, b
    return spans[-1]


# --- donors, kinds, totals -----------------------------------------------------------------------

# Words before a name that make it a receiver, a place or a channel, not the giver.
_NOT_DONOR_BEFORE = frozenset(
    {
        "to",
        "for",
        "through",
        "via",
        "into",
        "at",
        "against",
        "toward",
        "towards",
        "with",
        "than",
        "like",
        "in",
        "under",
        "on",
        "of",
        "over",
        "about",
        "across",
        "near",
        "within",
        "visit",
        "between",
        "exchange",
        "replace",
        "replaced",
    }
)
# "X military aid" after "of": X gave it.
_AID_NOUN_AFTER = r"(?:'s)?\s+(?:\w+\s+)?(?:aid|assistance|support|contributions?)\b"
# Participles after which "by X" names the giver.
_GIVING_PARTICIPLES = frozenset(
    {
        "promised",
        "pledged",
        "provided",
        "donated",
        "supplied",
        "delivered",
        "sent",
        "given",
        "funded",
        "financed",
        "offered",
        "committed",
        "transferred",
        "paid",
        "gifted",
        "made",
    }
)
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "new"})
_INSTITUTIONS = frozenset(
    {
        "government",
        "ministry",
        "defence",
        "defense",
        "foreign",
        "prime",
        "president",
        "chancellor",
        "minister",
        "parliament",
        "cabinet",
        "authorities",
        "officials",
        "military",
        "army",
        "armed",
        "navy",
        "embassy",
        "state",
        "finance",
        "treasury",
        "leader",
        "leaders",
        "ministers",
        "ambassadors",
        "diplomats",
        "members",
        "allies",
        "countries",
        "nations",
        "executive",
        "council",
        "senate",
        "congress",
        "people",
        "republic",
    }
)


def _role(body: str, mention: Mention) -> str:
    """subject, source ("from X", "by X"), or other (a receiver, a place, a channel)."""
    before = re.findall(r"[\w'’.-]+", body[: mention.start].lower())
    while before and before[-1] in _DETERMINERS:
        before.pop()
    previous = before[-1] if before else ""
    earlier = before[-2] if len(before) > 1 else ""
    if previous == "from" or (previous == "by" and earlier in _GIVING_PARTICIPLES):
        return "source"  # "aid from Norway", "promised by France"
    if previous == "by":
        return "other"  # "announced by the presidency", "replaced by U.S. Black Hawks"
    if previous == "under" and body[mention.start : mention.end + 2].endswith(("'s", "’s")):
        # "under the EU's assistance programme"; but "under the Alliance's PURL initiative"
        # names the programme itself, which is then the giver.
        named = any(
            0 < m.start - mention.end < 30 and m.kind == "organisation" for m in find_mentions(body)
        )
        return "other" if named else "source"
    if previous == "of" and earlier in _INSTITUTIONS:
        return "subject"  # "the Government of Norway"
    if previous == "of" and re.match(_AID_NOUN_AFTER, body[mention.end :], re.IGNORECASE):
        return "source"  # "64.1 billion euros of U.S. military aid"
    if previous == "in" and earlier in _INSTITUTIONS:
        return "subject"  # "the defence ministry in Madrid"
    if previous in _NOT_DONOR_BEFORE:
        return "other"
    if mention.kind == "demonym":
        nxt = re.match(r"\s*([\w'’-]+)", body[mention.end :])
        word = nxt.group(1).lower() if nxt else ""
        return "subject" if word in _INSTITUTIONS else "other"
    return "subject"


def choose_donor(
    body: str, mentions: list[Mention], figure: Figure, clause: tuple[int, int]
) -> tuple[str | None, bool]:
    """(donor code, whether the actor is at war with Ukraine) for one figure.

    In order: a "from X"/"by X" party in the figure's clause; a fund the money was
    channelled through ("via a fund, with an initial package of"); the nearest subject before
    the figure in its clause, else in the sentence; else the first subject after it.
    """
    roles = [(m, _role(body, m)) for m in mentions]
    sources = [
        m
        for m, r in roles
        if r == "source" and clause[0] <= m.start < clause[1] and m.code not in lex.NOT_DONORS
    ]
    if sources:
        return min(sources, key=lambda m: abs(m.start - figure.start)).code, False
    channel = _channel_before(body, roles, figure)
    if channel is not None:
        return channel, False
    subjects = [m for m, r in roles if r == "subject" and m.code != "UA"]
    in_clause = [m for m in subjects if clause[0] <= m.start < clause[1]]
    for pool in (in_clause, subjects):
        before = [m for m in pool if m.end <= figure.start]
        chosen = before[-1] if before else (pool[0] if pool else None)
        if chosen is not None:
            if chosen.code in lex.NOT_DONORS:
                return None, True
            return chosen.code, False
    return None, False


def _channel_before(body: str, roles: list[tuple[Mention, str]], figure: Figure) -> str | None:
    """ "... via an international fund, with an initial package worth $241m": the fund."""
    lead = body[: figure.start].lower()
    if not re.search(r",\s+with\s+an?\s+(?:initial\s+|first\s+)?(?:package|contribution)", lead):
        return None
    for mention, _role_name in reversed(roles):
        if mention.end <= figure.start and mention.code in lex.CHANNELS:
            prefix = body[: mention.start].lower().split()[-2:]
            if {"via", "through"} & set(prefix):
                return mention.code
    return None


def _nearest_cue(text: str, position: int, cue_sets: dict[str, tuple[str, ...]]) -> str | None:
    """The kind whose cue is nearest before ``position`` (else nearest after), or None.

    A delivery verb under a future auxiliary ("would be sent") is a pledge, and a verb whose
    object is talk ("provided details") says nothing about aid.
    """
    best_before: tuple[int, str] | None = None
    best_after: tuple[int, str] | None = None
    low = text.lower()
    for kind, cues in cue_sets.items():
        for a, b in cue_spans(text, cues):
            if re.match(r"\s+(?:details|information|an update|no details)\b", low[b:]):
                continue
            found = kind
            if kind == "delivery" and re.search(
                r"\b(?:will|would|to|shall)\s+(?:be\s+|have\s+been\s+)?$", low[:a]
            ):
                found = "pledge"
            if b <= position and (best_before is None or b > best_before[0]):
                best_before = (b, found)
            elif a >= position and (best_after is None or a < best_after[0]):
                best_after = (a, found)
    if best_before is not None:
        return best_before[1]
    return best_after[1] if best_after is not None else None


_WEAK_PLEDGE_CUES = ("includes", "include", "including", "contains", "package", "included")
_STRONG_CUES = {
    "delivery": lex.DELIVERY_CUES,
    "pledge": tuple(c for c in lex.PLEDGE_CUES if c not in _WEAK_PLEDGE_CUES),
}
_CANCELLATION_NOUNS = ("suspension", "cancellation")


def kind_of(body: str, figure: Figure, clause: tuple[int, int], segment: tuple[int, int]) -> str:
    """pledge / delivery / cancellation / estimate for one figure.

    A cancellation verb anywhere in the clause wins ("cancelled a planned package"); an
    estimate word in the figure's own comma-piece comes next ("could reach"); otherwise the
    nearest verb decides, weak words like "includes" only when nothing else speaks.
    """
    if figure.forced_kind:
        return figure.forced_kind
    text = body
    clause_text = text[clause[0] : clause[1]]
    if has_cue(clause_text, lex.CANCELLATION_CUES + _CANCELLATION_NOUNS):
        return "cancellation"
    if _estimate_in(text[segment[0] : segment[1]]):
        return "estimate"
    position = figure.start - clause[0]
    kind = _nearest_cue(clause_text, position, _STRONG_CUES)
    if kind is None:
        kind = _nearest_cue(text[: clause[0]], clause[0], _STRONG_CUES)
    if kind is None and has_cue(clause_text, _WEAK_PLEDGE_CUES):
        kind = "pledge"
    return kind or "pledge"


def _estimate_in(text: str) -> bool:
    """Estimate cues; "may" only in lower case, so the month never counts."""
    return any(text[a:b] != "May" for a, b in cue_spans(text, lex.ESTIMATE_CUES))


def _blank_links(text: str) -> str:
    """``text`` with value links ("at a cost of") blanked: there "cost" prices the aid."""
    pattern = "|".join(re.escape(link) for link in _VALUE_LINKS)
    return re.sub(pattern, lambda m: " " * len(m.group()), text, flags=re.IGNORECASE)


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    for a, b in spans:
        text = text[:a] + " " * (b - a) + text[b:]
    return text


def cumulative_of(body: str, figure: Figure, kind: str, clause: tuple[int, int]) -> bool:
    """Whether a figure is a running total: stated so, or a present-perfect delivery."""
    if figure.forced_cumulative is not None:
        return figure.forced_cumulative
    clause_text = body[clause[0] : clause[1]]
    lead = body[: figure.start]
    if re.search(r"\bsince\b", clause_text, re.IGNORECASE) or has_cue(
        clause_text, lex.CUMULATIVE_CUES
    ):
        return True
    if re.search(
        r"\b(?:increased?|raised?|rise|rose|brought|brings|bringing|takes|taking)\b"
        r"[^.;]{0,80}\bto\s*$",
        lead[clause[0] :],
        re.IGNORECASE,
    ):
        return True
    if kind in ("delivery", "estimate") and re.search(r"\bby the end of\b", clause_text, re.I):
        return True
    if kind == "delivery":
        perfect = re.search(
            r"\b(?:has|have)\s+(?:(?:already|now|so far|also)\s+)?(?:been\s+)?\w+(?:ed|en|t)\b",
            clause_text[: figure.start - clause[0]].lower(),
        )
        if perfect and not has_cue(body, lex.SINGLE_EVENT_CUES):
            return True
    return False


# --- traps -------------------------------------------------------------------------------------


def _sold_elsewhere(text: str) -> bool:
    """A sale or delivery to another country than Ukraine ("the sale of 14 guns to Great
    Britain"): trade between others, not aid."""
    if re.search(r"\b(?:to|for)\s+(?:ukraine|kyiv|kiev)\b", text, re.IGNORECASE):
        return False
    for mention in find_mentions(text):
        lead = text[: mention.start].lower().split()[-2:]
        if mention.kind == "country" and mention.code != "UA" and "to" in lead:
            return True
    return False


# How far (in characters) a trap word may stand from the figure it disqualifies.
_TRAP_REACH = 60


def is_trap(
    body: str,
    figure: Figure,
    segment: tuple[int, int],
    clause: tuple[int, int],
    aid_context: bool = False,
) -> bool:
    """Whether a figure's surroundings say it is not aid (attacks, needs, stocks, damage...).

    ``aid_context``: the sentence continues a list of aid ("This package includes:"), so it
    need not name the giving itself.
    """
    segment_text = body[segment[0] : segment[1]]
    clause_text = body[clause[0] : clause[1]]
    near = (figure.start - segment[0] - _TRAP_REACH, figure.end - segment[0] + _TRAP_REACH)
    if any(near[0] <= a <= near[1] for a, _ in cue_spans(segment_text, lex.REQUEST_CUES)):
        return True  # "Ukraine needs 25 systems", not "composed on the basis of Ukraine's needs"
    if _sold_elsewhere(segment_text):
        return True
    if figure.currency_text is not None:
        traps = cue_spans(_blank_links(segment_text), lex.MONEY_TRAP_CUES)
        frozen_aid = has_cue(body, lex.FROZEN_ASSET_AID_CUES)
        for a, b in traps:
            word = segment_text[a:b].lower()
            if frozen_aid and word in ("frozen", "assets", "immobilised", "immobilized"):
                continue
            if near[0] <= a <= near[1]:
                return True
        return not (aid_context or has_cue(body, lex.AID_CUES + lex.AID_MONEY_EXTRA_CUES))
    if has_cue(body, lex.HOSTILE_CUES + lex.SANCTION_CUES):
        return True
    own = has_cue(segment_text, lex.OWN_USE_CUES) or has_cue(clause_text, lex.OWN_USE_CUES)
    if own and not has_cue(clause_text, lex.FUNDING_CUES):
        return True
    buying = has_cue(clause_text, ("buy", "bought", "purchase", "purchased", "order", "ordered"))
    if buying and not re.search(r"\b(?:for|to)\s+(?:ukraine|kyiv|kiev)\b", body, re.IGNORECASE):
        return True
    lead = body[clause[0] : figure.start].lower()
    if re.search(r"\b(?:has|have|had|there are|there were|owns?|operates?)\s*$", lead):
        return True
    return not (aid_context or has_cue(body, lex.AID_CUES))


# --- the public entry point --------------------------------------------------------------------


def extract_facts(
    text: str, *, published: date | None = None, locale: str = "en"
) -> list[CandidateFact]:
    """Every candidate aid fact in ``text``, in reading order.

    ``published`` is the article's date (or the --date the researcher gives); live-blog
    headings, stamps and datelines refine it per sentence. ``locale`` is the language the
    numbers are written in (see :mod:`tracker.numbers`).
    """
    facts: list[CandidateFact] = []
    context: _Context | None = None
    for index, sentence in enumerate(split_sentences(text, published)):
        found = list(_sentence_facts(sentence, locale, _usable(context, sentence, index)))
        facts.extend(found)
        context = _next_context(context, sentence, index, found)
    return facts


@dataclass(frozen=True)
class _Context:
    """What the sentences before say that a following one may lean on."""

    index: int  # of the sentence that named the donor
    donor: str | None
    list_open: bool  # a header ending in ":" or a bullet line came last
    aid: bool  # that header or bullet run is about aid


_BULLET_RE = re.compile(r"^\s*[•·▪*\-–]\s*")
# Sentence openings that refer back to the one before ("It includes ...", "The package ...").
_ANAPHOR_RE = re.compile(
    r"^\s*(?:it|its|they|their|this|these|he|she|the (?:new |latest |same )?"
    r"(?:package|aid|shipment|donation|ministry|government|country|delivery|tranche))\b",
    re.IGNORECASE,
)


def _usable(context: _Context | None, sentence: Sentence, index: int) -> _Context | None:
    """The context a sentence may use: a bullet under an aid list, or an anaphoric opening
    within two sentences of the donor's name."""
    if context is None or context.donor is None:
        return None
    if _BULLET_RE.match(sentence.body) and context.list_open:
        return context
    if _ANAPHOR_RE.match(sentence.body) and index - context.index <= 2:
        return replace(context, aid=False)
    return None


def _next_context(
    context: _Context | None, sentence: Sentence, index: int, found: list[CandidateFact]
) -> _Context:
    body = sentence.body
    bullet = bool(_BULLET_RE.match(body))
    in_list = bullet and context is not None and context.list_open
    aid = has_cue(body, lex.AID_CUES) or (in_list and context is not None and context.aid)
    named = [m.code for m in find_mentions(body) if m.code not in lex.NOT_DONORS]
    donor = found[-1].donor if found else (named[0] if named else None)
    if donor is None and context is not None and (in_list or _ANAPHOR_RE.match(body)):
        return replace(context, list_open=body.rstrip().endswith(":") or in_list, aid=aid)
    return _Context(index, donor, body.rstrip().endswith(":") or in_list, aid)


@dataclass(frozen=True)
class _View:
    """One sentence as the fact builder sees it: words, names, clause and comma pieces."""

    sentence: Sentence
    body: str
    mentions: list[Mention]
    clauses: list[tuple[int, int]]
    segments: list[tuple[int, int]]
    attached: list[tuple[int, int]]  # "promised by X" words, blanked when reading the verb
    day: date | None
    locale: str


def _sentence_facts(
    sentence: Sentence, locale: str, context: _Context | None
) -> Iterator[CandidateFact]:
    body = sentence.body
    reader = _Reader(body, locale)
    figures = reader.find()
    figures += [f.share_of for f in figures if f.share_of is not None]
    figures = _merge_values(reader, figures)
    view = _View(
        sentence=sentence,
        body=body,
        mentions=find_mentions(body),
        clauses=_pieces(body, _CLAUSE_BREAK_RE),
        segments=_pieces(body, _SEGMENT_BREAK_RE),
        attached=[span for f in figures for span in f.attached],
        day=event_date(body, sentence.day),
        locale=locale,
    )
    named = any(m.code != "UA" for m in view.mentions)
    context_donor = context.donor if context is not None and not named else None
    aid_context = context is not None and context.aid
    if not figures:
        unstated = (_secret_package(body, view.mentions), _halted_aid(body))
        figures = [f for f in unstated if f is not None][:1]
    # Last resorts for a sentence naming no giver: any other name in it ("of a Presidential
    # Drawdown", "by Danish companies"), then the country whose own currency it counts in.
    others = [m.code for m in view.mentions if m.code not in lex.NOT_DONORS]
    fallback = others[0] if others else _donor_by_currency(figures, locale)
    for figure in sorted(figures, key=lambda f: f.start):
        clause = _span_of(view.clauses, figure.start)
        segment = _span_of(view.segments, figure.start)
        if is_trap(body, figure, segment, clause, aid_context):
            continue
        donor, hostile = choose_donor(body, view.mentions, figure, clause)
        if hostile:
            continue
        donor = donor or context_donor or fallback
        if donor is not None and (fact := _fact(view, figure, donor)) is not None:
            yield fact


def _donor_by_currency(figures: list[Figure], locale: str) -> str | None:
    """The country whose own currency the sentence's money is in ("DKK 4.3 billion" -> DK),
    for sentences that name no donor."""
    for figure in figures:
        if figure.currency_text is None:
            continue
        try:
            currency = parse_money(figure.currency_text, locale).currency
        except ParseError:
            continue
        if currency in _currency_owners():
            return _currency_owners()[currency]
    return None


_HALTED_AID_RE = re.compile(
    r"\b(?:"
    + "|".join(re.escape(c) for c in sorted(lex.CANCELLATION_CUES, key=len, reverse=True))
    + r")\s+(?:(?:send|sending|supply|supplying|deliver|delivering|provide|providing)\s+)?"
    r"((?:[\w.'’-]+\s+){0,5}?(?:aid|assistance|deliveries|shipments|supplies|weapons|arms))\b",
    re.IGNORECASE,
)


def _halted_aid(body: str) -> Figure | None:
    """Aid stopped without a figure ("is suspending all ongoing military assistance")."""
    match = _HALTED_AID_RE.search(body)
    if match is None:
        return None
    return Figure(
        start=match.start(1),
        end=match.end(1),
        item=match.group(1),
        forced_kind="cancellation",
    )


def _secret_package(body: str, mentions: list[Mention]) -> Figure | None:
    """A package whose contents or value are secret: a fact with no figure."""
    if not has_cue(body, lex.SECRET_PACKAGE_CUES) or not re.search(r"\bpackages?\b", body, re.I):
        return None
    if not mentions:
        return None
    return Figure(start=0, end=0, qualifier="undisclosed")


def _merge_values(reader: _Reader, figures: list[Figure]) -> list[Figure]:
    """Join a count to the money that values it ("200 vehicles worth $90 million",
    "a $406 million ... system") so that one thing is one fact."""
    body = reader.body.lower()
    counts = [f for f in figures if f.currency_text is None and f.quantity is not None]
    money = [f for f in figures if f.currency_text is not None]
    merged: set[int] = set()
    for count in counts:
        for m in money:
            if id(m) in merged:
                continue
            between = body[count.end : m.start]
            linked = (
                len(between) < 40
                and any(
                    re.search(rf"\b{re.escape(link)}\s*$", between.strip() + " ")
                    or re.search(rf"\b{re.escape(link)}\b", between)
                    for link in _VALUE_LINKS
                )
                and "," not in between
            )
            inside = count.start < m.start < count.end and count.quantity == 1
            if linked or inside:
                count.currency_text = m.currency_text
                count.end = max(count.end, m.end)
                merged.add(id(m))
                break
    return [f for f in figures if id(f) not in merged]


def _fact(view: _View, figure: Figure, donor: str) -> CandidateFact | None:
    """The candidate for one figure, or None when its money cannot be read for certain."""
    clause = _span_of(view.clauses, figure.start)
    segment = _span_of(view.segments, figure.start)
    kind = kind_of(_blank(view.body, view.attached), figure, clause, segment)
    amount = currency = None
    qualifier = figure.qualifier
    note = ""
    if figure.currency_text is not None:
        try:
            money = parse_money(
                figure.currency_text, view.locale, donor_currency=_donor_currencies().get(donor)
            )
        except ParseError:
            return None
        amount, currency, note = money.amount, money.currency, money.note
        if money.qualifier != "exact":
            qualifier = money.qualifier
    entry = match_equipment(figure.item) if figure.item else None
    offset = view.sentence.body_start
    cumulative = cumulative_of(view.body, figure, kind, clause)
    return CandidateFact(
        sentence=view.sentence.text,
        start=view.sentence.start,
        end=view.sentence.end,
        donor=donor,
        kind=kind,
        item=figure.item,
        quantity=figure.quantity,
        unit=figure.unit,
        amount=amount,
        currency=currency,
        qualifier=qualifier,
        cumulative=cumulative,
        # A running total is stated as of the sentence's day, whenever it began.
        date=view.day or (view.sentence.day if cumulative else None),
        equipment=entry.name if entry else None,
        figure_start=offset + figure.start if figure.end else None,
        figure_end=offset + figure.end if figure.end else None,
        note=note,
    )
