"""Where the figures of one sentence are: money, counts of items, and counts without a figure.

A :class:`FigureReader` walks the sentence's tokens and finds each figure's span, its value
(read by :mod:`tracker.domain.parsing`, never by a second number parser), the item a count counts
and its unit, and the hedge before it. It does not decide who gave or whether it is aid:
that is :mod:`tracker.extract`'s job. The rules that keep traps out at this level are
about form: a number glued to letters ("2A6", "F-16", "155mm") is part of a word, a number
after a capitalised model name ("Leopard 2") or beside a month is not a count, and a count
only stands when an aid item noun follows it (so "40 wounded" or "20 villages" never do).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from tracker.domain.numbers import ParseError, parse_decimal
from tracker.extract import lexicon as lex
from tracker.extract.amounts import (
    currency_mark,
    only_reading,
    readable_money,
    two_scale_sum,
)
from tracker.extract.names import find_mentions
from tracker.extract.phrases import ItemPhrase, PhraseReader
from tracker.extract.tokens import tokenize

# "as part of a larger", "under the overall": what leads to the whole a part belongs to.
_PART_OF_RE = re.compile(
    r"\b(?:as\s+(?:a\s+)?part\s+of|within|under)\s+(?:a|an|the|its|their)\s+"
    r"(?:(?:larger|large|wider|broader|overall|total|new|planned|multi-year)\s+)?$",
    re.IGNORECASE,
)
_OWN_GIVER_AFTER_RE = re.compile(r"[^,;.()]*?\b(?:from|by)\s+(?:the\s+)?[A-Z]")
# Determiners that make "N of <det> M" a share of the giver's own stock, unless "promised".
_POSSESSIVES = frozenset({"its", "their", "his", "her", "our"})
_EQUALS = frozenset({"is", "equals", "amounts", "means", "was"})
_BEFORE_YEAR = frozenset(
    {"for", "in", "by", "until", "till", "since", "from", "through", "to", "before", "after"}
    | {"during", "of", "early", "late", "mid", "end", "spring", "summer", "autumn", "winter"}
)
_GIVEN_VERBS = frozenset({"delivered", "sent", "supplied", "transferred", "donated", "provided"})
_SPECIFIC_SINGLE_HEADS = frozenset(
    {
        "system",
        "battery",
        "hospital",
        "radar",
        "launcher",
        "vehicle",
        "aircraft",
        "helicopter",
        "tank",
    }
)
# Heads whose plural is their singular: "an aircraft", "a series".
_SAME_PLURALS = frozenset({"aircraft", "series", "himars", "nasams"})
# After a bare count: the verb that says it was handed over ("of which have been delivered").
# "..., 60 have already reached Ukraine": the part of a count before that has arrived.
_PART_ARRIVED_RE = re.compile(
    r"(?:have|has|had)\s+(?:already\s+|now\s+|so\s+far\s+)?(?:been\s+(?:delivered|"
    r"handed\s+over|transferred|sent|supplied)|arrived|reached|been\s+received)\b"
    # "..., and at least three are expected to be sent to Ukraine": what becomes of a part.
    r"|(?:are|is|were|was|will)\s+(?:also\s+)?(?:expected\s+to\s+|set\s+to\s+|due\s+to\s+|to\s+)?"
    r"(?:be\s+)?(?:delivered|handed\s+over|transferred|sent|supplied|donated|given)\b",
    re.IGNORECASE,
)
_HANDED_OVER_RE = re.compile(
    r"(?:of\s+(?:which|them|these)\s+|which\s+|that\s+)?(?:have\s+|has\s+|had\s+|were\s+|was\s+)?"
    r"(?:already\s+)?(?:been\s+)?(?:delivered|supplied|transferred|handed\s+over|shipped)\b",
    re.IGNORECASE,
)
_PROMISED_PART_RE = re.compile(
    r"(?:pledged|promised|earmarked)\b|to\s+(?:arrive|be\s+(?:delivered|sent|handed\s+over)"
    r"|follow)\b",
    re.IGNORECASE,
)
# "The first Canadian Leopard 2 tank that we donated has now arrived in Poland": the first
# of an item whose arrival the sentence reports.
_FIRST_ARRIVED_RE = re.compile(
    r"the\s+first\s+[^,.;:]{1,90}?\b(?:has|have|had)?\s*(?:now\s+|already\s+|just\s+)?"
    r"(?:arrived|been\s+(?:delivered|handed\s+over|transferred))\b",
    re.IGNORECASE,
)


# Words after "1.2 billion" standing alone that leave it a sum in the money's currency.
_BARE_SUM_FOLLOWERS = frozenset(
    {"to", "in", "for", "and", "that", "annually", "per", "each", "a", "every"}
    | {"will", "is", "was", "has", "have", "would", "of", "military", "aid", "package"}
)


def _vague_leads() -> dict[str, list[tuple[str, str | None]]]:
    """Phrases that stand for a count without a figure, by first word, longest first."""
    phrases = [(p, None) for p in lex.VAGUE_AMOUNTS]
    phrases += [(p, "undisclosed") for p in lex.UNDISCLOSED_LEADS]
    leads: dict[str, list[tuple[str, str | None]]] = {}
    for phrase, qualifier in sorted(phrases, key=lambda p: len(p[0]), reverse=True):
        leads.setdefault(phrase.split()[0], []).append((phrase, qualifier))
    return leads


_VAGUE_LEADS = _vague_leads()


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


class FigureReader(PhraseReader):
    """Finds the figures of one sentence body (offsets are within ``body``)."""

    def __init__(self, body: str, locale: str, previous: Figure | None = None) -> None:
        """``previous``: the last count of the sentences before, which a count with no noun
        of its own may refer back to ("We sent 20 tanks. Another 10 will follow.")."""
        self.body = readable_money(body)
        self.locale = locale
        self.previous = previous
        self.tokens = tokenize(self.body)
        self.used: set[int] = set()
        self.mention_spans = [(m.start, m.end) for m in find_mentions(body)]

    # figures --------------------------------------------------------------------------------

    def money_at(self, i: int) -> tuple[int, int, int] | None:
        """(first token, token after, token of the number) of a money figure at ``i``."""
        j = i
        mark_before = False
        if self.tokens[j].kind in ("cur", "code") or self.tokens[j].text in lex.ISO_WORDS:
            mark_before = True
            j += 1
        if not (self.is_number(j) or self.spelled_scale(j)):
            return None
        number = j
        j += 1
        if self.low(j) in ("-", "–", "to") and self.is_number(j + 1) and self.rises(number):
            j += 2
        while self.tok(j) is not None and (
            self.tokens[j].kind == "scale" or self.low(j) in lex.SCALE_WORDS
        ):
            j += 1
        if self.low(j) == "new" and self.low(j + 1) == "zealand":
            j += 1  # "4.5 million New Zealand dollars"
        adjective = self.low(j) in lex.CURRENCY_ADJECTIVE_WORDS
        word = self.low(j + 1) if adjective else self.low(j)
        after = self.tok(j)
        mark_after = after is not None and (after.text in lex.ISO_WORDS or after.kind == "cur")
        if word in lex.CURRENCY_WORDS or mark_after:
            j += 2 if adjective and not mark_after else 1
        elif not mark_before:
            return None
        return i, j, number

    def rises(self, number: int) -> bool:
        """Whether the numbers at ``number`` and two tokens on are a range: a range runs
        upward ("5 to 7 billion"); "in 2025 to 1.7 billion euros" is a year, then a sum."""
        low = self.parse_value(self.tokens[number].text)
        high = self.parse_value(self.tokens[number + 2].text)
        return low is None or high is None or low < high

    def money_text(self, first: int, after: int, number: int) -> str:
        """The money span rewritten into words :func:`tracker.domain.parsing.parse_money` reads:
        canonical currency marks, and digits in the reader's notation ("€4,5 bln")."""
        digits = self.tokens[number]
        written = digits.text
        try:
            parse_decimal(written, self.locale)
        except ParseError:
            value = only_reading(written)
            written = format(value, "f") if value is not None and self.locale == "en" else written
        text = (
            self.body[self.tokens[first].start : digits.start]
            + written
            + self.body[digits.end : self.tokens[after - 1].end]
        )
        for mark, canonical in lex.CURRENCY_MARKS.items():
            text = text.replace(mark, canonical)
        before = self.tok(first - 1)
        if text.startswith("$") and before is not None and before.text in ("US", "U.S."):
            text = "US" + text  # "US $20 million" (not "gave us $20 million"): a spaced mark
        words = [lex.SCALE_SLIPS.get(word.lower(), word) for word in text.split()]
        if len(words) >= 2:
            key = (words[-2].lower(), lex.CURRENCY_WORDS.get(words[-1].lower(), words[-1]))
            if key in lex.CURRENCY_ADJECTIVES:
                kept = (
                    words[:-3]
                    if [w.lower() for w in words[-3:-1]] == ["new", "zealand"]
                    else words[:-2]
                )
                return " ".join([*kept, lex.CURRENCY_ADJECTIVES[key]])
        if words and words[-1].lower() in lex.CURRENCY_WORDS:
            words[-1] = lex.CURRENCY_WORDS[words[-1].lower()]
        return " ".join(words)

    def conversion_after(self, j: int) -> int:
        """Index after a stated conversion ("($11.8 bln)", "(about EUR 6.8 billion)",
        "($578m/£500m)", ", which is about $13.7 million"), or ``j`` when none follows."""
        if self.low(j) == "," and self.low(j + 1) == "which" and self.low(j + 2) in _EQUALS:
            k = j + 3
            while self.low(k) in lex.CONVERSION_WORDS:
                k += 1
            span = self.money_at(k)
            return span[1] if span is not None else j
        if self.low(j) != "(":
            return j
        k = j + 1
        while self.low(k) in lex.CONVERSION_WORDS:
            k += 1
        end = j
        while (span := self.money_at(k)) is not None:
            end = k = span[1]
            while self.low(k) in lex.CONVERSION_JOINS | lex.CONVERSION_WORDS:
                k += 1  # "(€45 million or approximately £38.5 million)"
        if end > j:
            while self.low(end) in lex.CONVERSION_TAIL:
                end += 1
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
                if last_mark is not None and self.restates(first, figures):
                    self.used.update(range(first, after))  # the same money in another currency
                    i = after
                    continue
                text, after = self.compound_money(text, after)
                last_mark = currency_mark(text)
                if (
                    self.earlier_level(first, after)
                    or self.level_after_new(first, figures)
                    or self.whole_of_part(first, after, figures)
                ):
                    self.used.update(range(first, after))
                elif not self.toward_other_fund(first):
                    figures.append(self.money_figure(first, after, text))
                i = max(self.conversion_after(after), after)
                continue
            after = self.bare_scaled_number(i) if last_mark and i not in self.used else None
            if after is not None:
                number = self.body[self.tokens[i].start : self.tokens[after - 1].end]
                figures.append(self.money_figure(i, after, f"{number} {last_mark}"))
                i = max(self.conversion_after(after), after)  # "1,200 million (161 million euros)"
                continue
            i += 1
        return figures

    def restates(self, first: int, figures: list[Figure]) -> bool:
        """Whether the money at ``first`` restates the money before it in another currency:
        right after it with nothing between ("26 million Swiss francs 30 million dollars"), or
        after ", which is (about)" however far back the first stands, or after a comma and a
        rounding word right behind it."""
        if figures and figures[-1].end == self.tokens[first - 1].end:
            return True
        k = first - 1
        while self.low(k) in ("a", "an", "additional", "total", "of", "overall", "in"):
            k -= 1
        spelled = [self.low(k - 3), self.low(k - 2), self.low(k - 1), self.low(k)]
        if figures and (self.low(k) in ("i.e.", "ie") or spelled == ["i", ".", "e", "."]):
            return True  # "€3 billion this year and €8 billion until 2029, i.e. €11 billion"
        k = first - 1
        while self.low(k) in lex.CONVERSION_WORDS:
            k -= 1
        if self.low(k) in (",", "–", "—", "-") and k < first - 1 and figures:
            return figures[-1].end == self.tokens[k - 1].end  # "JPY 8.8 billion, roughly $58m"
        return self.low(k) in _EQUALS and self.low(k - 1) == "which"

    def whole_of_part(self, first: int, after: int, figures: list[Figure]) -> bool:
        """ "a €1.5 billion tranche as part of a larger €50 billion package": the whole the
        sum before belongs to was counted when it was given; only the part is news. A whole
        with its own giver ("as part of a €50 million loan from the EU") is that giver's."""
        lead = self.body[: self.tokens[first].start]
        rest = self.body[self.tokens[after - 1].end :]
        return (
            bool(figures)
            and _PART_OF_RE.search(lead) is not None
            and _OWN_GIVER_AFTER_RE.match(rest) is None
        )

    def earlier_level(self, first: int, after: int) -> bool:
        """ "increase its support from $100 million to $300 million": the sum after "from" is
        the level before the change, already counted when it was given; only the new one is
        news."""
        return (
            self.low(first - 1) == "from"
            and self.low(after) == "to"
            and self.money_at(after + 1) is not None
        )

    def level_after_new(self, first: int, figures: list[Figure]) -> bool:
        """ "increase the loans to $300 million from $100 million": the same, new level first."""
        if self.low(first - 1) != "from" or not figures or first < 2:
            return False
        previous = figures[-1]
        return (
            previous.end == self.tokens[first - 2].end
            and re.search(r"\bto\s+$", self.body[: previous.start]) is not None
        )

    def compound_money(self, text: str, after: int) -> tuple[str, int]:
        """ "$1 billion 230 million": one sum written in two scales, read as one figure."""
        if not self.is_number(after) or (tail := self.parse_value(self.tokens[after].text)) is None:
            return text, after
        total = two_scale_sum(text, tail, self.low(after + 1), self.parse_value)
        return (text, after) if total is None else (total, after + 2)

    def bare_scaled_number(self, i: int) -> int | None:
        """Index after "1.2 billion" standing alone (no currency, no item), or None.

        In "5.4 billion crowns to military aid, 1.2 billion to civilian aid" the second
        figure is money in the currency of the first.
        """
        if not self.is_number(i):
            return None
        j = i + 1
        while self.tok(j) is not None and (
            self.tokens[j].kind == "scale" or self.low(j) in lex.SCALE_WORDS
        ):
            j += 1
        if j == i + 1 or self.low(j - 1) == "thousand":
            return None
        nxt = self.tok(j)
        if nxt is None or nxt.kind == "punct" or nxt.low in _BARE_SUM_FOLLOWERS:
            return j
        if (self.low(i - 2), self.low(i - 1)) == ("of", "which"):
            return j  # "500 million euros, of which 350 million will go to ...": a share of it
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
            one = token.low in ("a", "an", "one", "another") or (
                token.low == "the"
                and (
                    self.low(i + 1) in lex.ORDINALS | self.given_first(i)
                    or (self.low(i + 1) == "first" and self.low(i + 2) in ("of", "out"))
                )
            )
            if one and (share := self.ordinal_share(i)) is not None:
                figure = share
            elif one and not self.number_at(i):
                figure = self.single_item(i)
            elif token.kind == "num" and self.looks_like_model_number(i):
                continue
            elif token.kind == "word" and self.names_a_group(i):
                continue  # "the Nordic-Baltic Eight", "the Group of Seven": a name
            elif token.kind == "num" and self.is_year(i):
                continue  # "Germany's aid for 2025 amounts to": a year, not 2,025 things
            elif (found := self.number_at(i)) is not None:
                figure = self.count_from(i, *found) or self.same_item_count(i, *found, figures)
            else:
                continue
            if figure is not None:
                figures.append(figure)
        return figures

    def names_a_group(self, i: int) -> bool:
        """A capitalised number word ending a proper name: after a capitalised word or "of"
        in one ("Nordic-Baltic Eight", "Group of Seven"), never at the sentence's start or
        in a title-case headline."""
        text = self.tokens[i].text
        if i == 0 or not text[:1].isupper() or not text[1:].islower():
            return False
        after = self.tok(i + 1)
        if after is not None and after.text[:1].isupper():
            return False  # a headline in title case: "Germany Sends Ukraine Two Hundred ..."
        before = self.tokens[i - 1].text
        named_of = before == "of" and i > 1 and self.tokens[i - 2].text[:1].isupper()
        return before[:1].isupper() or named_of

    def is_year(self, i: int) -> bool:
        """A four-digit number from 1990 to 2039 after a word of time ("for 2025", "in
        2024", "until 2029"): a year, never a count."""
        text = self.tokens[i].text
        return (
            len(text) == 4
            and text.isdigit()
            and 1990 <= int(text) <= 2039
            and self.low(i - 1) in _BEFORE_YEAR
        )

    def same_item_count(
        self, i: int, value: Decimal, j: int, earlier: list[Figure]
    ) -> Figure | None:
        """A count that refers back to the item before it: "18 Caesar howitzers and will send
        six more", "20 vehicles, with the first three leaving", "the 18 already in service",
        "pledged 10 tanks and has delivered six"."""
        earlier = earlier or ([self.previous] if self.previous is not None else [])
        if not earlier or earlier[-1].unit is None or self.low(j) in lex.NON_AID_HEADS:
            return None  # "in the last 6 months": the number counts no aid
        lead = self.body[: self.tokens[i].start].lower()
        total = self.low(i - 1) == "to" and re.search(r"\b(?:total|bringing|brings)\b", lead)
        # "Spain pledged 10 tanks and has so far delivered six.": a bare count closing its
        # clause right after a verb of giving counts the item before.
        closing = self.tok(j) is None or self.low(j) in (".", ",", ";")
        # "2,000 missiles ..., and a further 1,615 will now be sent": a count with no noun
        # after "a further" counts the item before.
        further = self.low(i - 1) in ("further", "additional") and self.item_after(j) is None
        # "eight systems, three of which have been delivered", "up from 30,000 delivered since
        # the war began", "the three which were supplied earlier": the handed-over part.
        handed = _HANDED_OVER_RE.match(self.body, self.tokens[j].start) if self.tok(j) else None
        # "26 jets in service, with six pledged for delivery", "10 tanks, with six to arrive in
        # the next two weeks": the promised part.
        promised = _PROMISED_PART_RE.match(self.body, self.tokens[j].start) if self.tok(j) else None
        back = (
            further
            or self.listed_giver(i, j, earlier)
            or self.low(i - 1) in ("first", "another", "last")
            or self.low(j) in ("more", "already")
            or bool(total)
            or (closing and self.low(i - 1) in _GIVEN_VERBS)
            or handed is not None
            or promised is not None
        )
        if not back:
            return None
        previous = earlier[-1]
        qualifier, hedge = self.hedge_before(i)
        end = j + 1 if self.low(j) in ("more", "already") else j
        self.used.update(range(hedge, end))
        already = self.low(j) == "already" or handed is not None
        return Figure(
            start=self.tokens[hedge].start,
            end=self.tokens[end - 1].end,
            quantity=value,
            unit=previous.unit,
            item=previous.item,
            qualifier=qualifier,
            forced_kind="delivery"
            if already or self.low(i - 1) == "first"
            else ("pledge" if promised else None),
            forced_cumulative=True if already else None,
        )

    def listed_giver(self, i: int, j: int, earlier: list[Figure]) -> bool:
        """A bare count that a list of givers shares the item of the count before it with
        ("18 howitzers, Belgium 12 and Luxembourg two"; "2,000 generators from Lithuania, 500
        from Latvia"), or the part of it the sentence goes on to say arrived ("Of the 80
        tanks promised, 60 have already reached Ukraine"). Only after a count of this
        sentence: a sentence's first count refers to no earlier item."""
        if not earlier or earlier[-1] is self.previous:
            return False
        names = find_mentions(self.body)
        after = self.tokens[j].start if self.tok(j) else len(self.body)
        named_before = any(
            m.end == self.tokens[i - 1].end for m in names if i > 0 and m.kind == "country"
        )
        ends = self.tok(j) is None or self.low(j) in (",", ".", ";", "and")
        if named_before and ends:
            return True
        if self.low(j) == "from" and any(
            m.kind == "country" and 0 < m.start - after <= len("from the ") for m in names
        ):
            return True
        return _PART_ARRIVED_RE.match(self.body, after) is not None

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
        of_end = self.words_at(j, "of") or self.words_at(j, "out of")  # "three out of 15"
        if of_end:
            k = of_end
            k = self.words_at(k, "a total of") or k
            possessive = self.low(k) in _POSSESSIVES or self.low(k).endswith(("'s", "’s"))
            if self.low(k) in lex.OF_DETERMINERS or possessive:
                k += 1
            promised = self.low(k) in ("promised", "pledged")
            if promised:
                k += 1
            whole = self.number_at(k)
            if whole is not None:
                promised = promised or self.low(whole[1]) in ("promised", "pledged")
                share = self.count_from(k, *whole)
                if share is None:
                    return None
                share.forced_kind, share.forced_cumulative = "pledge", False
                item = ItemPhrase(share.item or "", share.unit or "", 0, 0)
                self.used.update(range(k, whole[1]))
                if possessive and not promised:
                    share = None  # "one of its two operational systems": its stock, no pledge
            else:
                item = self.item_after(k, counted=True)
                item_start = k
        else:
            item = self.item_after(j, counted=True) or self.shared_head(j)
        if item is None:
            return None
        if self.low(j) == "already" or self.low(item.end) == "already":
            forced_kind, forced_cumulative = "delivery", True
        elif (
            self.low(item.end) in ("promised", "pledged")
            and self.low(item.end + 1) == "by"
            and self.low(i - 1) != "all"
        ):
            # "most of the 49 tanks promised by Australia have arrived": the 49 are the pledge
            # ("all 31 tanks promised by Washington have arrived" delivers them all).
            forced_kind = "pledge"
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

    def model_number(self, k: int) -> bool:
        """Whether the number at ``k`` belongs to a model name ("Leopard 2", "Patriot 3")."""
        return k > 0 and self.tokens[k - 1].text[:1].isupper() and "." not in self.tokens[k].text

    def given_first(self, i: int) -> frozenset[str]:
        """{"first"} when a verb of handing over stands right before "the first" ("delivered
        the first IRIS-T system": one handed over); elsewhere "the first" is too often no
        count ("the first package", "for the first time"). "The first Leopard 2 tank has
        arrived" hands one over too: an arrival is the predicate of "the first" item."""
        arrived = _FIRST_ARRIVED_RE.match(self.body, self.tokens[i].start)
        given = self.low(i - 1) in _GIVEN_VERBS or arrived is not None
        return frozenset({"first"}) if given else frozenset()

    def ordinal_share(self, i: int) -> Figure | None:
        """ "the second out of four systems", "the third of five batteries": one of a whole
        that was pledged (the whole is its ``share_of``)."""
        if self.low(i) != "the" or self.low(i + 1) not in lex.ORDINALS | {"first"}:
            return None
        j = i + 2
        j = self.words_at(j, "out of") or self.words_at(j, "of") or 0
        whole = self.number_at(j) if j else None
        if whole is None:
            return None
        share = self.count_from(j, *whole)
        if share is None:
            return None
        share.forced_kind, share.forced_cumulative = "pledge", False
        self.used.update(range(i, j))
        return Figure(
            start=self.tokens[i].start,
            end=share.end,
            quantity=Decimal(1),
            unit=share.unit,
            item=share.item,
            share_of=share,
        )

    def single_item(self, i: int) -> Figure | None:
        """ "a Patriot air defence system", "an armoured recovery vehicle", "the second IRIS-T
        system", "another IRIS-T system": one of it ("the first" is too often no count)."""
        j = i + 1
        while j in self.used or self.low(j) in lex.ORDINALS | {"additional", "further", "new"}:
            j += 1
        if self.number_at(j) is not None:
            return None  # "another four MiG-29 jets": the number after it counts, not "another"
        item = self.item_after(j)
        if item is None or item.unit not in _SPECIFIC_SINGLE_HEADS:
            return None
        if self.low(item.end) == "of" and self.number_at(item.end + 1) is not None:
            return None  # "a battery of six light howitzers": the six are the count
        head = self.tokens[item.end - 1].low
        if head.endswith("s") and not head.endswith(("ss", "us")) and head not in _SAME_PLURALS:
            return None  # "the first batteries", "a contribution to US-built systems": not one
        if any(
            self.tokens[k].kind == "num" and not self.model_number(k)
            for k in range(item.start, item.end)
        ):
            return None  # "a 2 billion package": a number of its own, not one item
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
        i = 0
        while i < len(self.tokens):
            for phrase, qualifier in _VAGUE_LEADS.get(self.low(i), ()):
                after = self.words_at(i, phrase)
                if after is None or i in self.used:
                    continue
                item = self.item_after(after, counted=qualifier is None)
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
                # "dozens of T-72 tanks and armoured vehicles": the vague count covers the
                # nouns coordinated with the first ("several vehicles, trucks and ambulances").
                while qualifier is None and self.low(i + 1) in (",", "and"):
                    start = i + 3 if self.low(i + 2) == "and" else i + 2
                    if self.number_at(start) is not None or start in self.used:
                        break  # "..., three batteries of guns": a count of its own
                    nxt = self.item_after(start)
                    if nxt is None:
                        break
                    figures.append(
                        Figure(
                            start=self.tokens[nxt.start].start,
                            end=self.tokens[nxt.end - 1].end,
                            unit=nxt.unit,
                            item=nxt.text,
                            qualifier=qualifier,
                        )
                    )
                    self.used.update(range(i + 1, nxt.end))
                    i = nxt.end - 1
                break
            i += 1
        return figures
