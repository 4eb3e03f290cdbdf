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
from decimal import Decimal

from tracker.extract import lexicon as lex
from tracker.extract.amounts import readable_money
from tracker.extract.figure import Figure
from tracker.extract.money_figures import MoneyReader
from tracker.extract.names import find_mentions
from tracker.extract.phrases import ItemPhrase
from tracker.extract.tokens import tokenize

# Determiners that make "N of <det> M" a share of the giver's own stock, unless "promised".
_POSSESSIVES = frozenset({"its", "their", "his", "her", "our"})
# Units of power and voltage after a number rate a machine; they count nothing.
_RATINGS = frozenset({"w", "kw", "mw", "gw", "kwh", "mwh", "kva", "mva", "kv", "hp", "kilowatt"})
_RATINGS |= {"kilowatts", "megawatt", "megawatts", "kilovolt", "kilovolts", "horsepower"}
_BEFORE_YEAR = frozenset(
    {"for", "in", "by", "until", "till", "since", "from", "through", "to", "before", "after"}
    | {"during", "of", "early", "late", "mid", "end", "spring", "summer", "autumn", "winter"}
)
# The words of a count in brackets after its item: "(45 units)", "(8 pcs)".
_BRACKETED_COUNT_WORDS = frozenset({"units", "unit", "pieces", "pcs", "items", "pc"})
_GIVEN_VERBS = lex.HANDED_PARTICIPLES
# Any form of a verb of giving before a bare count that closes its phrase ("has so far
# delivered six.", "to deliver eight next year"): the count is of the item before.
_GIVING_VERBS = _GIVEN_VERBS | frozenset(
    {"deliver", "send", "supply", "transfer", "donate", "provide", "hand"}
    | {"pledged", "promised", "committed", "pledging", "promising", "committing"}
)
# What may follow "the eighth" standing for one more of the item counted before it.
_ORDINAL_VERBS = frozenset(
    {"is", "was", "will", "has", "had", "would", "arrived", "arrives", "followed", "follows"}
    | {"scheduled", "expected", "due", "came", "left", "departed", "remains"}
)
# "deliver eight next year": a time word after a bare count closes it like a full stop.
_TIME_AFTER_COUNT = ("next", "this", "later", "before", "by", "within", "in", "over", "during")
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
        "howitzer",
        "transformer",
        "boat",
    }
)
# Words that open a description of an item in apposition, not a further item of a list.
_DESCRIBING_WORDS = frozenset(
    {"mounted", "capable", "designed", "built", "based", "developed", "which", "that"}
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
# Words after "a second", "a third" that make the ordinal count no item: a share, a time, or
# a lot of several things ("there will be a second package with four more tanks").
_NO_ITEM_AFTER_ORDINAL = frozenset(
    {"of", "time", "round", "year", "day", "week", "month", "package", "batch", "tranche"}
    | {"shipment", "consignment", "instalment", "installment", "phase", "stage", "part", "wave"}
)
# A hedge on the whole a part comes out of.
_WHOLE_HEDGES = frozenset({"around", "about", "some", "nearly", "almost", "approximately"})
# The words that make a whole one still to come ("of a promised 50", "out of an anticipated
# 1,800").
_WHOLE_TO_COME = frozenset({"promised", "pledged", "anticipated", "expected", "planned"})
# Words after "one of the" that rank the things, not count them: "one of the most".
_RANKINGS = frozenset({"most", "few", "many", "main", "key", "leading", "first", "top"})
_HANDED_OVER_RE = re.compile(
    r"(?:of\s+(?:which|them|these)\s+|which\s+|that\s+)?(?:have\s+|has\s+|had\s+|were\s+|was\s+)?"
    r"(?:already\s+)?(?:been\s+)?(?:delivered|supplied|transferred|handed\s+over|shipped|provided"
    r"|donated|sent)\b",
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


def _vague_leads() -> dict[str, list[tuple[str, str | None]]]:
    """Phrases that stand for a count without a figure, by first word, longest first."""
    phrases = [(p, None) for p in lex.VAGUE_AMOUNTS]
    phrases += [(p, "undisclosed") for p in lex.UNDISCLOSED_LEADS]
    leads: dict[str, list[tuple[str, str | None]]] = {}
    for phrase, qualifier in sorted(phrases, key=lambda p: len(p[0]), reverse=True):
        leads.setdefault(phrase.split()[0], []).append((phrase, qualifier))
    return leads


_VAGUE_LEADS = _vague_leads()
# The words a running total's figure follows: "... to 90", "... has reached 20 units".
_TOTAL_REACHED = frozenset({"to", "reached", "reaches", "reach", "at", "is", "was", "stands"})


# A count written as a multiple before the item, as inventories do: "31x M1 Abrams tanks".
_TIMES_COUNT_RE = re.compile(r"[1-9]\d{0,4}[x×]")
# What may come before a bracketed count of a list: "includes: (25,000) 155mm rounds; (3)
# radars", also at the start of a bullet ("" before the first token).
_LIST_OPENERS = frozenset({":", ";", ",", "", "•", "-", "–", "and"})


class FigureReader(MoneyReader):
    """Finds the figures of one sentence body (offsets are within ``body``)."""

    def __init__(
        self, body: str, locale: str, previous: Figure | None = None, money: str | None = None
    ) -> None:
        """``previous``: the last count of the sentences before, which a count with no noun
        of its own may refer back to ("We sent 20 tanks. Another 10 will follow.");
        ``money``: the currency of the last sum before, for a bare "15 billion" that opens
        no money of its own."""
        self.body = readable_money(body)
        self.locale = locale
        self.previous = previous
        self.money_before = money
        self.tokens = tokenize(self.body)
        self.used: set[int] = set()
        self.mention_spans = [(m.start, m.end) for m in find_mentions(body)]

    # figures --------------------------------------------------------------------------------

    def find(self) -> list[Figure]:
        """Money first (its tokens are then off limits), then counts, then vague counts."""
        figures = self.find_money()
        figures += self.find_counts()
        figures += self.find_vague()
        return sorted(figures, key=lambda f: f.start)

    def find_counts(self) -> list[Figure]:
        figures: list[Figure] = []
        for i in range(len(self.tokens)):
            if i in self.used:
                continue
            token = self.tokens[i]
            one = (
                token.low in ("a", "an", "one", "another")
                or (
                    token.low in ("its", "their")  # "delivered its third Patriot system"
                    and self.low(i + 1) in lex.ORDINALS | self.given_first(i)
                )
                or (
                    token.low == "the"
                    and (
                        self.low(i + 1) in lex.ORDINALS | self.given_first(i)
                        or (self.low(i + 1) == "first" and self.low(i + 2) in ("of", "out"))
                    )
                )
            )
            if (same := self.same_number(i, figures)) is not None:
                figure = same
            elif one and (share := self.ordinal_share(i)) is not None:
                figure = share
                if self.low(i - 1) in ("are", "were") and figures and share.quantity == 1:
                    # "these four vehicles are the first of 14": the four arrived; the 14
                    # are the promise they come out of.
                    figures[-1].forced_kind = figures[-1].forced_kind or "delivery"
                    figure = share.share_of
            elif one and not self.number_at(i):
                figure = self.single_item(i) or self.ordinal_of_earlier(i, figures)
            elif token.kind == "num" and self.looks_like_model_number(i):
                continue
            elif token.kind == "word" and self.names_a_group(i):
                continue  # "the Nordic-Baltic Eight", "the Group of Seven": a name
            elif token.kind == "num" and self.is_year(i):
                continue  # "Germany's aid for 2025 amounts to": a year, not 2,025 things
            elif token.kind == "word" and _TIMES_COUNT_RE.fullmatch(token.text):
                figure = self.count_from(i, Decimal(token.text[:-1]), i + 1)  # "31x M1 Abrams"
            elif (found := self.number_at(i)) is not None:
                figure = (
                    self.bracketed_count(i, *found)
                    or self.count_from(i, *found)
                    or self.total_number(i, *found)
                    or self.same_item_count(i, *found, figures)
                )
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

    def total_number(self, i: int, value: Decimal, j: int) -> Figure | None:
        """ "brings the total number of gifted Bushmasters to 90", "the total number of tanks
        transferred from Spain has reached 20 units": a running total of the item named
        after "number of" earlier in the clause."""
        qualifier, hedge = self.hedge_before(i)
        if self.low(hedge - 1) not in _TOTAL_REACHED:
            return None
        k = hedge - 2
        while k > 0 and hedge - k <= 20 and self.low(k) not in (",", ";", "(", "."):
            if self.low(k) == "number" and self.low(k + 1) == "of":
                start = k + 3 if self.low(k + 2).endswith("ed") else k + 2  # "of gifted ..."
                item = self.item_after(start, counted=True)
                if item is None or item.end > hedge:
                    return None
                end = j + 1 if self.low(j) in ("units", "pieces") else j
                return self.bare_count(hedge, end, value, item, qualifier, cumulative=True)
            k -= 1
        return None

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
        before = self.hedge_before(i)[1] - 1  # "bringing the total number to more than 1,300"
        total = self.low(before) == "to" and re.search(r"\b(?:total|bringing|brings)\b", lead)
        # "Spain pledged 10 tanks and has so far delivered six.": a bare count closing its
        # clause right after a verb of giving counts the item before.
        closing = self.tok(j) is None or self.low(j) in (".", ",", ";", *_TIME_AFTER_COUNT)
        # "they have delivered 71 to Ukraine": the receiver closes the clause too
        closing = closing or (
            self.low(j) == "to" and self.low(j + 1) in ("ukraine", "kyiv", "kiev")
        )
        # "2,000 missiles ..., and a further 1,615 will now be sent": a count with no noun
        # after "a further" counts the item before.
        further = self.low(i - 1) in ("further", "additional") and self.item_after(j) is None
        # "eight systems, three of which have been delivered", "up from 30,000 delivered since
        # the war began", "the three which were supplied earlier": the handed-over part.
        handed = _HANDED_OVER_RE.match(self.body, self.tokens[j].start) if self.tok(j) else None
        # "26 jets in service, with six pledged for delivery", "10 tanks, with six to arrive in
        # the next two weeks": the promised part.
        promised = _PROMISED_PART_RE.match(self.body, self.tokens[j].start) if self.tok(j) else None
        # "purchased 480 generators and has delivered 196 of them": a part of the count before
        of_them = self.low(j) == "of" and self.low(j + 1) in ("them", "these", "those")
        back = (
            further
            or of_them
            or self.listed_giver(i, j, earlier)
            or self.low(i - 1) in ("first", "another", "last")
            or self.low(j) in ("more", "already")
            or bool(total)
            or (closing and self.low(i - 1) in _GIVING_VERBS)
            or handed is not None
            or promised is not None
        )
        if not back:
            return None
        previous = earlier[-1]
        qualifier, hedge = self.hedge_before(i)
        end = j + 1 if self.low(j) in ("more", "already") else j + 2 if of_them else j
        already = self.low(j) == "already" or handed is not None
        if of_them and previous is not self.previous:
            # the whole the part comes out of, as "N of the M promised" (the guide)
            previous.forced_kind, previous.forced_cumulative = "pledge", False
        item = ItemPhrase(previous.item or "", previous.unit or "", 0, 0)
        figure = self.bare_count(hedge, end, value, item, qualifier, True if already else None)
        figure.item = previous.item
        handed_first = already or self.low(i - 1) == "first"
        figure.forced_kind = "delivery" if handed_first else ("pledge" if promised else None)
        return figure

    def bare_count(
        self,
        hedge: int,
        end: int,
        value: Decimal,
        item: ItemPhrase,
        qualifier: str | None,
        cumulative: bool | None,
    ) -> Figure:
        """A count over tokens ``hedge``..``end`` of ``item`` (read there or named before);
        marks the tokens used."""
        self.used.update(range(hedge, end))
        return Figure(
            start=self.tokens[hedge].start,
            end=self.tokens[end - 1].end,
            quantity=value,
            unit=item.unit,
            item=item.text,
            qualifier=qualifier,
            forced_cumulative=cumulative,
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
        dash = i > 1 and self.low(i - 1) in ("-", "–", "—", ":")  # "and Poland - 10"
        named = self.tokens[i - 2 if dash else i - 1].end if i > 0 else -1
        named_before = any(m.end == named for m in names if m.kind == "country")
        ends = self.tok(j) is None or self.low(j) in (",", ".", ";", "and")
        if named_before and ends:
            return True
        if self.low(j) == "from" and any(
            m.kind == "country" and 0 < m.start - after <= len("from the ") for m in names
        ):
            return True
        return _PART_ARRIVED_RE.match(self.body, after) is not None

    def count_from(self, i: int, value: Decimal, j: int) -> Figure | None:
        if self.low(j) in _RATINGS:
            return None  # "292 kW and 24 kW generators": the power of each, not how many
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
            elif self.low(k) in ("a", "an") and self.low(k + 1) in _WHOLE_TO_COME:
                k += 1  # "the first four of a promised 50 tanks", "320 out of an anticipated"
            if self.low(k) in _WHOLE_HEDGES and self.number_at(k + 1) is not None:
                k += 1  # "the first 17 of around 70 diesel generators"
            promised = self.low(k) in _WHOLE_TO_COME
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
                ranked = self.low(k) in _RANKINGS or self.low(k).endswith("est")
                if ranked and (item is None or item.unit == "item" or self.low(i - 1) == ","):
                    # "one of Switzerland's largest aid commitments", "Storm Shadow
                    # missiles, one of the most powerful weapons": a rank, no count
                    return None
        elif self.low(j) == ")" and self.low(i - 1) == "(" and self.low(i - 2) in _LIST_OPENERS:
            # A fact sheet's list: "includes: (25,000) 155mm rounds; (3) counter-battery radars"
            item_start = j + 1
            item = self.item_after(item_start, counted=True)
        else:
            item = self.item_after(j, counted=True) or self.shared_head(j)
        if item is None:
            return None
        if self.low(j) == "already" or self.low(item.end) == "already":
            forced_kind, forced_cumulative = "delivery", True
        elif (
            self.low(item.end) in ("promised", "pledged")
            and self.low(item.end + 1) == "by"
            and self.low(i - 1) in ("the", "of", "those", "these")
        ):
            # "most of the 49 tanks promised by Australia have arrived": the 49 are the pledge
            # ("all 31 tanks promised by Washington have arrived", "Ukraine received 31 tanks
            # promised by the US" deliver them all: the verb decides).
            forced_kind = "pledge"
        if self.low(i - 1) == "all":
            forced_cumulative = True
        share = share or self.promised_whole_after(item)
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

    def bracketed_count(self, i: int, value: Decimal, j: int) -> Figure | None:
        """ "T-72 tanks (45 units)", "Patriot launchers (two units)": a fact sheet's count in
        brackets after the item it counts."""
        if self.low(i - 1) != "(" or self.low(j) not in _BRACKETED_COUNT_WORDS:
            return None
        if self.low(j + 1) != ")":
            return None
        for start in range(max(0, i - 9), i - 1):
            item = self.item_after(start)
            if item is not None and item.end == i - 1 and not self.used & set(range(start, j)):
                self.used.update(range(start, j + 2))
                end = self.tokens[j + 1].end
                start_at = self.tokens[start].start
                return Figure(
                    start=start_at, end=end, quantity=value, unit=item.unit, item=item.text
                )
        return None

    def promised_whole_after(self, item: ItemPhrase) -> Figure | None:
        """ "980,000 shells out of the promised million": the whole, of the same item, after
        the counted part; pledged."""
        k = self.words_at(item.end, "out of the") or self.words_at(item.end, "of the")
        if not k or self.low(k) not in ("promised", "pledged"):
            return None
        whole = self.number_at(k + 1)
        if whole is None or self.item_after(whole[1]) is not None:
            return None
        self.used.update(range(item.end, whole[1]))
        return Figure(
            start=self.tokens[k].start,
            end=self.tokens[whole[1] - 1].end,
            quantity=whole[0],
            unit=item.unit,
            item=item.text or None,
            forced_kind="pledge",
            forced_cumulative=False,
        )

    def trailing_hedge(self, j: int) -> str | None:
        if self.words_at(j, "or more"):
            return "at least"
        return None

    def model_number(self, k: int) -> bool:
        """Whether the number at ``k`` belongs to a model name ("Leopard 2", "Patriot 3")."""
        return k > 0 and self.tokens[k - 1].text[:1].isupper() and "." not in self.tokens[k].text

    def given_first(self, i: int) -> frozenset[str]:
        """{"first"} when a verb of handing over stands right before "the first" ("delivered
        the first IRIS-T system", "handed over the first", "received the first": one handed
        over); elsewhere "the first" is too often no
        count ("the first package", "for the first time"). "The first Leopard 2 tank has
        arrived" hands one over too: an arrival is the predicate of "the first" item."""
        arrived = _FIRST_ARRIVED_RE.match(self.body, self.tokens[i].start)
        handed = self.low(i - 1) == "over" and self.low(i - 2) == "handed"
        # "will transfer the first IRIS-T system", "to deliver the first": one promised
        promised = self.low(i - 1) in _GIVING_VERBS and self.low(i - 2) in ("will", "to")
        given = self.low(i - 1) in _GIVEN_VERBS | {"received"} or handed or arrived is not None
        given = given or promised
        return frozenset({"first"}) if given else frozenset()

    def ordinal_share(self, i: int) -> Figure | None:
        """ "the second out of four systems", "the third of five batteries": one of a whole
        that was pledged (the whole is its ``share_of``)."""
        if self.low(i) != "the" or self.low(i + 1) not in lex.ORDINALS | {"first"}:
            return None
        j = i + 2
        j = self.words_at(j, "out of") or self.words_at(j, "of") or 0
        whole = self.number_at(j) if j else None
        if whole is None and j:
            return self.one_of_promised(i, j)
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

    def same_number(self, i: int, earlier: list[Figure]) -> Figure | None:
        """ "ten military trucks and the same number of off-road vehicles": the count before,
        of another item."""
        after = self.words_at(i, "the same number of")
        counted = [f for f in earlier if f.quantity is not None]
        if not after or not counted or (item := self.item_after(after, counted=True)) is None:
            return None
        return self.bare_count(i, item.end, counted[-1].quantity, item, None, None)

    def one_of_promised(self, i: int, j: int) -> Figure | None:
        """ "the first of its promised Leopard 2 tanks": one of them, the whole uncounted."""
        k = j + 1 if self.low(j) in _POSSESSIVES | {"the"} else j
        if self.low(k) not in ("promised", "pledged"):
            return None
        item = self.item_after(k + 1, counted=True)
        if item is None:
            return None
        return self.bare_count(i, item.end, Decimal(1), item, None, None)

    def ordinal_of_earlier(self, i: int, earlier: list[Figure]) -> Figure | None:
        """ "Three IRIS-T systems have been delivered, and a fourth will follow": "a" and an
        ordinal with no noun of its own are one more of the item counted before."""
        if self.low(i) not in ("a", "an", "the") or self.low(i + 1) not in lex.ORDINALS:
            return None
        if self.low(i) == "the" and (not earlier or self.low(i + 2) not in _ORDINAL_VERBS):
            return None  # "the eighth is on its way" after a count, not "the second this year"
        earlier = earlier or ([self.previous] if self.previous is not None else [])
        if not earlier or earlier[-1].unit is None or self.item_after(i + 2) is not None:
            return None
        if self.low(i + 2) in _NO_ITEM_AFTER_ORDINAL:
            return None  # "a third of the funds", "for a second time", "a second package"
        self.used.update((i, i + 1))
        previous = earlier[-1]
        return Figure(
            start=self.tokens[i].start,
            end=self.tokens[i + 1].end,
            quantity=Decimal(1),
            unit=previous.unit,
            item=previous.item,
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
        if self.low(i - 1) == "," and self.low(item.end) in _DESCRIBING_WORDS:
            return None  # "18 Caesar units, a 155-mm howitzer mounted on a truck": what they are
        if self.low(i - 1) in ("aboard", "onboard", "via", "on"):
            return None  # "aboard a Canadian military transport aircraft": the carrier
        head = self.tokens[item.end - 1].low
        if head.endswith("s") and not head.endswith(("ss", "us")) and head not in _SAME_PLURALS:
            return None  # "the first batteries", "a contribution to US-built systems": not one
        if any(
            self.tokens[k].kind == "num" and not self.model_number(k)
            for k in range(item.start, item.end)
        ):
            return None  # "a 2 billion package": a number of its own, not one item
        return self.bare_count(i, item.end, Decimal(1), item, None, None)

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
                # "millions of shells, hundreds of vehicles and Storm Shadow missiles": a vague
                # count that is itself one item of a list counts only its own noun.
                listed = self.low(i - 1) in (",", "and")
                self.used.update(range(i, item.end))
                i = item.end - 1
                # "dozens of T-72 tanks and armoured vehicles": the vague count covers the
                # nouns coordinated with the first ("several vehicles, trucks and ambulances").
                while qualifier is None and not listed and self.low(i + 1) in (",", "and"):
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
