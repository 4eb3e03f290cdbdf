"""Reading one sentence's tokens: numbers, hedges and the item phrase a count counts.

:class:`PhraseReader` is the part of :class:`tracker.extract.figures.FigureReader` that reads
words rather than figures: where a number starts and what it is worth, which hedge stands
before it, whether a number is part of a model name, and which noun phrase after a count is
the thing counted and in which unit. Kept apart so the figure rules (money, counts, vague
counts) read on one page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from tracker.domain.numbers import SUPPORTED_LOCALES, ParseError, number_format, plain
from tracker.domain.parsing import parse_number, parse_qualifier
from tracker.domain.units import AMBIGUOUS_UNITS, lookup_unit
from tracker.extract import lexicon as lex
from tracker.extract.amounts import HEDGE_WORDS, only_reading
from tracker.extract.names import match_equipment
from tracker.extract.text import MONTHS, WEEKDAYS
from tracker.extract.tokens import Token

_OVER_VERBS = frozenset({"handed", "hand", "hands", "handing", "turned", "signed", "took"})
_ARTICLE_SCALES = frozenset({"dozen", "hundred", "thousand", "million", "billion"})
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
# Weak heads that are a unit of their own when nothing settles them ("97 units of heavy
# equipment"); a "package" of unknown contents is no count of things.
# Words that make a "tank" a container.
_CONTAINER_TANKS = frozenset({"water", "fuel", "storage", "oxygen", "septic", "gas", "diesel"})
_COUNTING_WEAK_HEADS = frozenset({"unit", "units", "piece", "pieces", "sets"})
# Modifiers that make "packages" a donor's aid packages (counted in the ledger, not as
# things) rather than parcels of food or hygiene goods.
_LEDGER_PACKAGE_MODIFIERS = frozenset(
    {"military", "defence", "defense", "assistance", "support", "security", "sanctions"}
    | {"aid", "humanitarian", "financial"}
)
# Words that end an item as a modifier's continuation ("tank parts") but are things when
# they are the head themselves ("20,000 spare parts").
_THING_CONTINUATIONS = frozenset({"parts", "engines"})
# "57 gas piston cogeneration power plants": plants that are the gift, not its makers' works.
_PLANTS_GIVEN = frozenset({"power", "cogeneration", "heating", "solar", "thermal", "treatment"})
_MONTH_WORDS = frozenset(MONTHS) | {m.capitalize() for m in MONTHS}


# Head nouns loose enough that a catalogued model before them says the unit better.
_GENERIC_HEADS = frozenset({"system", "systems", "tank", "tanks", "unit", "units"})


def registry_unit(word: str) -> str:
    """The unit the tracker can record for a head noun no extraction lexicon lists: the
    registry's own name when it knows the word ("parcels" -> package, "units" -> item), the
    word itself when the registry refuses it as ambiguous ("tons": short or metric? the
    researcher decides), else ``item`` (tents, blankets, rations: counted things with no
    dimension of their own; the item text keeps the noun)."""
    if word in AMBIGUOUS_UNITS:
        return singular(word)
    found = lookup_unit(word)
    for cut in range(3, len(word) - 4):
        if found is not None:
            break
        found = lookup_unit(word[cut:])  # "autotransformers", "microdrones": the registry's noun
    return found or "item"


def singular(word: str) -> str:
    """The singular of a regular English plural: "tents" -> "tent", "batteries" ->
    "battery", "boxes" -> "box", "tonnes" -> "tonne"."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses", "zes", "uses")):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


@cache
def doubtful(digits: str, locale: str) -> bool:
    """Whether a number reads two ways: "2.500 tents" is 2.5 in English but 2,500 where a dot
    groups thousands (as the European writers of much English aid news do). Such a figure is
    refused, not guessed: no fact is better than a wrong one."""
    mark = number_format(locale).decimal
    if not re.fullmatch(rf"[1-9][0-9]{{0,2}}{re.escape(mark)}[0-9]{{3}}", digits):
        return False
    return any(number_format(other).group == mark for other in SUPPORTED_LOCALES)


# Participles that close a counted noun's phrase as a headline's verb ("300 generators
# delivered", "20 vehicles sent to Kharkiv", "12 tanks promised").
_HEADLINE_PARTICIPLES = lex.HANDED_PARTICIPLES | frozenset(
    {"handed", "pledged", "promised", "committed", "received", "arrived", "dispatched"}
)
_CLOSING_QUOTES = frozenset({"”", '"', "’", "»"})


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


@dataclass(frozen=True)
class ItemPhrase:
    """The item a count counts: its text, unit and token span."""

    text: str
    unit: str
    start: int  # token index
    end: int  # token index after the phrase


class PhraseReader:
    """Token helpers, numbers and item phrases over ``tokens`` of ``body``; the subclass
    sets them up and adds the figure rules."""

    body: str
    locale: str
    tokens: list[Token]
    used: set[int]
    mention_spans: list[tuple[int, int]]

    # token helpers ------------------------------------------------------------------------

    def spelled_out_name(self, k: int) -> int | None:
        """The token after a bracket at ``k`` that spells out the abbreviation before it, when
        the item phrase goes on after it: "TOA (Armoured Caterpillar Transport) vehicles"."""
        if not self.tokens[k - 1].text.isupper():
            return None
        for close in range(k + 1, min(k + 8, len(self.tokens))):
            if self.tokens[close].text == ")":
                after = self.tok(close + 1)
                return close + 1 if after is not None and after.kind == "word" else None
        return None

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
        return token is not None and token.kind == "num" and not self.doubtful_at(i)

    def doubtful_at(self, i: int) -> bool:
        """A number that reads two ways (:func:`doubtful`), unless a scale word follows it:
        "53.072 million yen" is a decimal in any newsroom."""
        after = self.tok(i + 1)
        scaled = after is not None and (after.kind == "scale" or after.low in lex.SCALE_WORDS)
        return not scaled and doubtful(self.tokens[i].text, self.locale)

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
            try:
                qualifier, rest = parse_qualifier(text)
            except ParseError:
                continue  # "from around 50": two hedges that cannot both hold; try fewer words
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
        half = token.low == "half" and self.low(i + 1) in ("a", "an")  # "half a million"
        if token.low == "dozen" and self.low(i - 1) in ("first", "last", "next", "another"):
            return Decimal(12), i + 1  # "the first dozen Leopard 1A5 tanks"
        if half and self.low(i + 2) not in _ARTICLE_SCALES:
            return None
        if not (token.kind == "num" or spelled or scaled_article or half):
            return None
        if token.kind == "num" and self.doubtful_at(i):
            return None
        if (spelled or scaled_article) and (compound := self.spelled_compound(i)) is not None:
            base, j = compound
            first_scale = j
            while self.low(j) in lex.SCALE_WORDS:
                j += 1
            scales = " ".join(self.low(k) for k in range(first_scale, j))
            value = self.parse_value(f"{base} {scales}".strip())
            return (value, j) if value is not None else None
        j = i + 2 if half else i + 1
        while self.low(j) in lex.SCALE_WORDS | {"dozen", "hundred"} or (
            self.tok(j) is not None and self.tokens[j].kind == "scale"
        ):
            j += 1
        text = self.body[token.start : self.tokens[j - 1].end]
        value = self.parse_value(text)
        return (value, j) if value is not None else None

    def spelled_compound(self, i: int) -> tuple[Decimal, int] | None:
        """(value, index after) of a number written in several words, "thirty eight", "(a|two)
        hundred (and) fifty" or "one and a half (million)" (read word by word they were 30,
        200 and a half), or None when the word at ``i`` starts no such number."""
        article = self.low(i) in ("a", "an") and self.low(i + 1) == "hundred"
        value = Decimal(1) if article else self.spelled_value(i)
        if value is None:
            return None
        k = i + 1
        value, k = self.tens_and_ones(value, k)
        if self.low(k) == "hundred" and 1 <= value <= 9:
            value, k = value * 100, k + 1
            after_and = k + 1 if self.low(k) == "and" else k
            rest = self.spelled_value(after_and)
            if rest is not None and 1 <= rest <= 99:
                rest, k = self.tens_and_ones(rest, after_and + 1)
                value += rest
        half = self.low(k + 2) in ("half", "0.5")  # the tokenizer reads "half" as 0.5
        if self.words_at(k, "and a") and half and self.low(k + 3) in lex.SCALE_WORDS:
            value, k = value + Decimal("0.5"), k + 3  # "one and a half million shells"
        return (value, k) if k > i + 1 else None

    def tens_and_ones(self, value: Decimal, k: int) -> tuple[Decimal, int]:
        """``value`` with the ones word at ``k`` added when ``value`` is a round ten
        ("thirty" + "eight"), and the index after what was read."""
        ones = self.spelled_value(k)
        if 20 <= value <= 90 and value % 10 == 0 and ones is not None and 1 <= ones <= 9:
            return value + ones, k + 1
        return value, k

    def spelled_value(self, i: int) -> Decimal | None:
        """The value of the one spelled-out number word at ``i`` ("eight": 8), else None."""
        token = self.tok(i)
        if token is None or token.kind != "word" or not _spelled_number(token.low, self.locale):
            return None
        return self.parse_value(token.text)

    def spelled_scale(self, i: int) -> bool:
        """A number in words before a scale word: "five billion", "a billion" (of a currency)."""
        token = self.tok(i)
        if token is None or token.kind != "word" or self.low(i + 1) not in lex.SCALE_WORDS:
            return False
        return token.low in ("a", "an") or _spelled_number(token.low, self.locale)

    def parse_value(self, text: str) -> Decimal | None:
        """A number in the reader's locale, else the one reading every locale that can read
        its digits agrees on ("20 000" or "4,5" in English copy); None when unreadable or
        truly ambiguous ("1.000" is a thousand in de and one in en: refused)."""
        try:
            return parse_number(text, self.locale)
        except ParseError:
            pass
        digits = re.match(r"[\d.,\u00a0\u202f ]+", text)
        value = only_reading(digits.group().strip()) if digits else None
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
        value = self.parse_value(self.tokens[i].text)
        day = value is not None and value <= 31  # "By September 40 vehicles": no day
        if prev is not None and (
            (prev.text in _MONTH_WORDS and day) or prev.low in ("no", "no.", "#")
        ):
            return True
        if nxt is not None and (nxt.text in _MONTH_WORDS or nxt.text in (":", "=")):
            return True
        bullet = all(t.text in ("-", "–", "—", "•", "*") for t in self.tokens[:i])
        spaced = prev is not None and prev.start > 0 and self.body[prev.start - 1] == " "
        spaced = spaced and prev.end < self.tokens[i].start  # "and Poland - 10": a dash
        if prev is not None and prev.text in ("=", "-", "/") and not (bullet or spaced):
            return True  # "MiG-29", but not the "- 15 Gravehawk systems" of a bullet list
        if nxt is not None and nxt.text == "-" and self.tok(i + 2) is not None:
            after = self.tokens[i + 2]
            if after.start == nxt.end and after.kind == "word":
                return True  # "five-year", "1,340-km"
        first_word = next((k for k, t in enumerate(self.tokens) if t.kind == "word"), None)
        return (  # "Leopard 2", "Stridsvagn 122", "Type 90"
            prev is not None
            and prev.kind == "word"
            and prev.text[:1].isupper()
            # A known model family opening the sentence still names a model ("Challenger 2
            # tanks are expected ..."); another first word may be a subject ("Ukraine 5").
            and (i - 1 != first_word or prev.low in lex.MODEL_UNITS)
            and not self.in_mention(prev)
            and prev.low not in WEEKDAYS
            and prev.text not in _MONTH_WORDS  # a month with a count after it, not a day
            and prev.low not in HEDGE_WORDS
            and "." not in prev.text
            and not self.in_capitals(i - 1)  # "SLOVAKIA WILL DONATE 13 warplanes"
        )

    def in_capitals(self, k: int) -> bool:
        """Whether token ``k`` ends a run of words in capitals (a headline's or a lede's
        shouting), not a model's name."""
        run = [t for t in self.tokens[max(0, k - 2) : k + 1] if t.kind == "word"]
        return len(run) == 3 and all(t.text.isupper() and len(t.text) > 1 for t in run)

    # items ----------------------------------------------------------------------------------

    def item_after(self, j: int, counted: bool = False) -> ItemPhrase | None:
        """The item phrase starting at token ``j`` ("Leopard 2A6 tanks"), if it names aid.

        ``counted``: a number stands before it, so any plural noun may be its head (see
        :meth:`open_head`); a vague "a number of" needs a head the lexicon knows.
        """
        if self.low(j) in _CLOSING_QUOTES and self.tok(j - 1) and self.tokens[j - 1].kind == "num":
            j += 1  # 'will provide "around 10" Leopard 2 tanks': a quoted count, then the item
        while self.low(j) in ("more", "additional", "further", "new", "extra", "other", "such"):
            j += 1
        run: list[int] = []
        k = j
        while len(run) < 9 and (token := self.tok(k)) is not None:
            prev = self.tok(k - 1)
            stop = token.kind in ("punct", "cur", "code") or token.low in lex.ITEM_STOP_WORDS
            nxt = self.tok(k + 1)
            glued = nxt is not None and nxt.start == token.end and nxt.kind == "word"
            # A straight quote opens when glued to the word after it, closes when glued to
            # the word before it.
            after_word = prev is not None and prev.end == token.start and prev.kind == "word"
            opens = token.text in ("‘", "“") or (token.text == '"' and not after_word)
            closes = token.text in ("’", "”") or (token.text == '"' and after_word)
            if (opens and glued) or (closes and run):
                k += 1  # "six 2A4 ‘Leopard’ battle tanks": a quoted model name goes on
                continue
            if token.text == "(" and run and (spelled := self.spelled_out_name(k)) is not None:
                k = spelled  # "20 TOA (Armoured Caterpillar Transport) armoured vehicles"
                continue
            if stop and not self.joins_item(k, run):
                break
            if run and token.low in _HEADLINE_PARTICIPLES:
                break  # "78 industrial boilers delivered in the first batch": the verb ends it
            if token.kind == "num" and not (prev and prev.text[:1].isupper()):
                break
            run.append(k)
            k += 1
        head = None
        for index in reversed(run):
            low = self.tokens[index].low
            if (
                low in lex.HEAD_UNITS
                or low in lex.WEAK_HEADS
                or self.model_unit(index)
                or self.phrase_head_at(index)
            ):
                head = index
                break
        open_head = counted and head is None and self.open_head(run)
        if open_head:
            head = run[-1]
        if head is None or (self.low(head - 1), self.tokens[head].low) in lex.FALSE_HEADS:
            return None
        if self.tokens[head].low == "round" and self.low(head + 1) == "of":
            return None  # "the 22nd round of drawdown authority": an event, no ammunition
        following = run[run.index(head) + 1 :]
        if following and self.tokens[following[0]].low in lex.NOUN_CONTINUATIONS:
            return None
        unit = self.unit_of(run[: run.index(head) + 1], head)
        if unit == "tank" and self.low(head - 1) in _CONTAINER_TANKS:
            unit = "item"  # "5 water tanks": containers, not battle tanks
        end = head + 1
        while end in following and any(c.isdigit() for c in self.tokens[end].text):
            end += 1  # a model name's designation: "Leopard 1", "Leopard 1 A5"
        if self.tokens[head].low in lex.CONTAINER_HEADS and self.low(end) == "of":
            inner = self.item_after(end + 1, counted)
            if inner is not None:
                if unit is None:
                    unit = inner.unit
                end = inner.end
        # "97 units of heavy equipment", "four fire-direction units": the weak head counts
        # itself when an of-phrase or a modifier says what it is; a bare "19 units" is too
        # vague.
        weak_of = self.tokens[head].low in _COUNTING_WEAK_HEADS and (
            self.low(head + 1) == "of" or (run.index(head) > 0 and self.low(head) == "units")
        )
        if unit is None and counted and (open_head or weak_of):
            unit = registry_unit(self.tokens[head].low)  # "97 units of heavy equipment"
            if unit == "ton" and self.low(head - 1) == "metric":
                unit = "tonne"  # "1,445 metric tons": no doubt which ton
        if unit is None:
            return None
        text = self.body[self.tokens[j].start : self.tokens[end - 1].end]
        return ItemPhrase(text, unit, j, end)

    def phrase_head_at(self, index: int) -> bool:
        """Whether the words ending at ``index`` are a head of several words ("fire engine")."""
        return any(
            " ".join(self.low(k) for k in range(index - n + 1, index + 1)) in lex.PHRASE_HEADS
            for n in (2, 3)
        )

    def open_head(self, run: list[int]) -> bool:
        """Whether the last word of an item run is a plural common noun that can count aid
        though no lexicon lists it ("fifteen military tents", "240 family tents"): lower
        case, a regular plural, and not a word for people, time, places or the war."""
        if not run or len(run) > 5:
            return False
        token = self.tokens[run[-1]]
        word = token.text
        return (
            token.kind == "word"
            and word.isalpha()
            and word.islower()
            and len(word) > 3
            and word.endswith("s")
            and not word.endswith(("ss", "us", "is"))
            and word not in lex.NON_AID_HEADS
            and self.low(run[0]) not in lex.NON_AID_HEADS  # "five allies announced pledges"
            and (
                word not in lex.NOUN_CONTINUATIONS
                or word in _THING_CONTINUATIONS
                or (word == "plants" and self.low(run[-1] - 1) in _PLANTS_GIVEN)
            )
            and word not in lex.ITEM_STOP_WORDS
        )

    def joins_item(self, k: int, run: list[int]) -> bool:
        """A stop word that still belongs to the item: "Surface to Air Missile", "U.S.-made
        jets", "tracked and armoured vehicles" (an "and" before the head joins two modifiers)."""
        token, prev, nxt = self.tokens[k], self.tok(k - 1), self.tok(k + 1)
        if prev is None or nxt is None or not run:
            return False
        if token.low == "to":
            return prev.text[:1].isupper() and nxt.text[:1].isupper()
        if token.text == "-" and prev.end == token.start == nxt.start - 1:
            return True  # "U.S.-made": a hyphen glued to both words
        if token.low == "and":
            has_head = any(self.tokens[x].low in lex.HEAD_UNITS or self.model_unit(x) for x in run)
            spelled = self.number_at(k + 1) is not None  # "Twelve Mi-8 and two Mi-17 ..."
            plural = self.open_head(run)  # "12 tents and NOK 500 million": the tents end it
            return (
                not has_head
                and not spelled
                and not plural
                and nxt.kind == "word"
                and nxt.low not in lex.ITEM_STOP_WORDS
            )
        return False

    def model_unit(self, index: int) -> str | None:
        token = self.tokens[index]
        key = token.bare
        base = re.match(r"[a-z]+-?\d+", key)  # a variant of a model: "M113AS4", "T-72B3"
        found = (
            lex.MODEL_UNITS.get(key)
            or lex.MODEL_UNITS.get(key.split("-")[0])
            or lex.MODEL_UNITS.get(key.removesuffix("s"))  # "10 German-made Leopards"
            or (lex.MODEL_UNITS.get(base.group()) if base else None)
        )
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
            named = any(self.tokens[i].text[:1].isupper() for i in phrase[:-1])
            if low in _GENERIC_HEADS and named:
                # "Archer artillery systems", "Archer tanks": a catalogued model counts in its
                # own unit, whatever loose noun the writer put after it.
                entry = match_equipment(" ".join(self.tokens[i].text for i in phrase))
                if entry is not None:
                    return entry.unit
            return lex.HEAD_UNITS[low]
        if low in ("package", "packages") and any(
            self.tokens[i].low in _LEDGER_PACKAGE_MODIFIERS for i in phrase[:-1]
        ):
            return None  # "44 military aid packages": packages of the ledger, not parcels
        if low in lex.WEAK_HEADS:
            for index in reversed(phrase[:-1]):
                unit = lex.WEAK_HEAD_MODIFIERS.get(self.tokens[index].low) or self.model_unit(index)
                if unit:
                    return unit  # "artillery units", "IRIS-T SLM fire units"
            return "weapon" if low in ("gun", "guns") else None
        text = " ".join(self.tokens[i].text for i in phrase)
        entry = match_equipment(text)
        return entry.unit if entry is not None else self.model_unit(head)

    def shared_head(self, j: int) -> ItemPhrase | None:
        """The item of a count whose head noun comes after the next one: "Twelve Mi-8MTV-1
        and two Mi-8T helicopters" counts twelve helicopters."""
        k = j
        while k < j + 3 and self.tok(k) is not None and self.tokens[k].kind == "word":
            if self.low(k) == "and":
                break
            k += 1
        if k == j or self.low(k) != "and" or (second := self.number_at(k + 1)) is None:
            return None
        following = self.item_after(second[1], counted=True)
        if following is None:
            return None
        head = self.tokens[following.end - 1].text
        text = f"{self.body[self.tokens[j].start : self.tokens[k - 1].end]} {head}"
        return ItemPhrase(text, following.unit, j, k)
