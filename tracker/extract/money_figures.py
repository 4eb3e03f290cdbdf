"""The money figures of a sentence: sums with their currency, and the restatements of a sum
(a conversion into another currency, the level before a change) that are not figures of their
own; the whole a part belongs to is one (its kind: tracker.extract.kinds).

:class:`MoneyReader` is the money half of :class:`tracker.extract.figures.FigureReader`; it
reads sums before counts, so that the tokens of a sum are off limits to a count."""

from __future__ import annotations

import re

from tracker.domain.numbers import ParseError, parse_decimal
from tracker.extract import lexicon as lex
from tracker.extract.amounts import currency_mark, only_reading, two_scale_sum
from tracker.extract.figure import Figure
from tracker.extract.phrases import PhraseReader

# Words after "1.2 billion" standing alone that leave it a sum in the money's currency.
_BARE_SUM_FOLLOWERS = frozenset(
    {"to", "in", "for", "and", "that", "annually", "per", "each", "a", "every"}
    | {"will", "is", "was", "has", "have", "would", "of", "military", "aid", "package"}
    | {"towards", "toward", "through", "from", "on"}
)
# A bare sum before the sentence's money is one only as a subject: "10.4 billion will be".
_SUBJECT_VERBS = frozenset({"will", "is", "was", "has", "have", "would", "are", "were"})
_POINTING = frozenset({"this", "that", "these", "those", "the"})
_EQUALS = frozenset({"is", "equals", "amounts", "means", "was"})
# Brackets a conversion stands in: "($1.5 billion)", "[just over $1 million; €929,000]".
_OPENERS = {"(": ")", "[": "]"}


# A scale word run into the word after it by a missing space ("SEK 850 milliondrawn") or by a
# hyphen that readable_money does not take apart ("£520 million-strong"): unreadable, never
# the bare number.
_GLUED_SCALE_RE = re.compile(r"(?:thousand|million|billion|trillion)-?[a-z]+$")


_CLOSING_QUOTES = frozenset({"”", '"', "’", "'"})
# What a misspelt million, billion or trillion looks like ("bilhon", "milloin", "trillon").
_MISSPELT_SCALE_RE = re.compile(r"(?:m|b|tr)i[a-z]{0,2}l[a-z]{0,3}(?:on|n|o)s?")


class MoneyReader(PhraseReader):
    """Finds the sums of one sentence body (offsets are within ``body``)."""

    body: str
    locale: str
    money_before: str | None  # the currency of the last sum before the sentence

    def money_at(self, i: int) -> tuple[int, int, int] | None:
        """(first token, token after, token of the number) of a money figure at ``i``."""
        if self.tok(i) is None:
            return None  # past the last token ("€ 0 (": a bracket opened on nothing)
        # "between 1 and 1.5 billion euros": a range whose words the money parser reads
        between = self.low(i) == "between" and self.is_number(i + 1)
        j = i + 1 if between else i
        mark_before = False
        zloty = self.tokens[j].low == "zł" and self.tok(j + 1) is not None  # "zł 1.5 billion"
        if self.tokens[j].kind in ("cur", "code") or self.tokens[j].text in lex.ISO_WORDS or zloty:
            mark_before = True
            j += 1
            if (
                self.tokens[i].text in lex.ISO_WORDS
                and self.tok(j)
                and self.tokens[j].kind == "cur"
            ):
                j += 1  # "USD $500 million", "CAD $200 million": the code says which dollar
        compound = self.spelled_compound(j)
        if compound is not None and self.low(compound[1]) in lex.SCALE_WORDS:
            number, j = j, compound[1]  # "twenty five million dollars"
        elif self.is_number(j) or self.spelled_scale(j):
            number, j = j, j + 1
        else:
            return None
        if _GLUED_SCALE_RE.match(self.low(j)) or self.scale_lost(j):
            return None  # "SEK 850 milliondrawn", "€2 of billion": unreadable, not €2
        joins = ("and",) if between else ("-", "–", "to")
        if self.low(j) in joins and self.is_number(j + 1) and self.rises(number):
            j += 2
        elif between:
            return None  # "between 2023 and 2025": read from the number on
        if mark_before and self.low(j) in ("m", "bn"):
            j += 1  # "€765 m": after a currency mark a spaced "m" is a million, not a metre
        while self.tok(j) is not None and (
            self.tokens[j].kind == "scale" or self.low(j) in lex.SCALE_WORDS
        ):
            j += 1
        if self.low(j) == "new" and self.low(j + 1) == "zealand":
            j += 1  # "4.5 million New Zealand dollars"
        adjective = self.low(j) in lex.CURRENCY_ADJECTIVE_WORDS
        # ("1.3 billion forints’ worth": the possessive of the currency word)
        word = (self.low(j + 1) if adjective else self.low(j)).removesuffix("'")
        after = self.tok(j)
        mark_after = after is not None and (after.text in lex.ISO_WORDS or after.kind == "cur")
        if word in lex.CURRENCY_WORDS or mark_after:
            j += 2 if adjective and not mark_after else 1
        elif not mark_before:
            return None
        return i, j, number

    def scale_lost(self, j: int) -> bool:
        """Whether the sum whose number ends before token ``j`` lost its scale word: "a total €2
        of billion", "€159 (about $170 million)" where only the conversion has one, or a scale
        word misspelt beyond the known slips (read without it, the sum would be a
        millionth of itself)."""
        if self.low(j) == "of" and self.low(j + 1) in lex.SCALE_WORDS:
            return True
        if self.low(j) not in lex.SCALE_WORDS and _MISSPELT_SCALE_RE.fullmatch(self.low(j)):
            return True  # "$1.28 bilhon": some scale, but which one is a guess
        if self.low(j) not in ("(", "["):
            return False
        k = j + 1
        while self.low(k) in lex.CONVERSION_WORDS:
            k += 1
        if self.tok(k) is None or self.tokens[k].kind not in ("cur", "code"):
            return False
        scaled = self.tok(k + 2) is not None and (
            self.tokens[k + 2].kind == "scale" or self.low(k + 2) in lex.SCALE_WORDS
        )
        value = self.parse_value(self.tokens[j - 1].text)
        return scaled and value is not None and value < 10_000

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
        written, digits_end = digits.text, digits.end
        try:
            parse_decimal(written, self.locale)
        except ParseError:
            value = only_reading(written)
            written = format(value, "f") if value is not None and self.locale == "en" else written
        if (compound := self.spelled_compound(number)) is not None:
            written, digits_end = format(compound[0], "f"), self.tokens[compound[1] - 1].end
        opening = self.tokens[first].start
        if self.tokens[first].text in lex.ISO_WORDS and number == first + 2:
            opening = self.tokens[first + 1].end  # "USD $500 million": the code, not the mark
        text = (
            (self.tokens[first].text + " " if opening > self.tokens[first].start else "")
            + self.body[opening : digits.start]
            + written
            + self.body[digits_end : self.tokens[after - 1].end]
        )
        for mark, canonical in lex.CURRENCY_MARKS.items():
            text = text.replace(mark, canonical)
        before = self.tok(first - 1)
        if text.startswith("$") and before is not None and before.text in ("US", "U.S."):
            text = "US" + text  # "US $20 million" (not "gave us $20 million"): a spaced mark
        words = [lex.SCALE_SLIPS.get(word.lower(), word) for word in text.split()]
        if words and words[-1][-1:] in ("'", "’"):
            words[-1] = words[-1][:-1]  # "forints’ worth": the currency word, not its possessive
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
        if self.low(j) not in _OPENERS:
            return j
        closer = _OPENERS[self.low(j)]
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
        return end + 1 if end > j and self.low(end) == closer else j

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
                if self.earlier_level(first, after) or self.level_after_new(first, figures):
                    self.used.update(range(first, after))
                elif not self.toward_other_fund(first):
                    figure = self.money_figure(first, after, text)
                    if figures and self.whole_after_part(first, figures[-1]):
                        # "received USD 3 billion of a USD 4.5 billion grant": the promise
                        figure.forced_kind, figure.forced_cumulative = "pledge", False
                    figures.append(figure)
                i = max(self.conversion_after(after), after)
                continue
            # Before any money of its own, a bare sum counts in the sentence before's
            # currency, unless it points back at a sum ("out of this 10 million") or opens
            # the sentence (then a split inside a sum made it one: "about €7. 2 million").
            carried = i > 0 and self.low(i - 1) not in _POINTING
            mark = last_mark or (self.money_before if carried else None)
            after = self.bare_scaled_number(i) if mark and i not in self.used else None
            if after is not None:
                number = self.body[self.tokens[i].start : self.tokens[after - 1].end]
                figure = self.money_figure(i, after, f"{number} {mark}")
                if last_mark is None:
                    figure.note = f"currency of the sentence before ({mark})"
                figures.append(figure)
                i = max(self.conversion_after(after), after)  # "1,200 million (161 million euros)"
                continue
            i += 1
        return self.bare_sums_before(figures) + figures

    def bare_sums_before(self, figures: list[Figure]) -> list[Figure]:
        """Bare sums standing as a subject before the sentence's first money ("10.4 billion
        will be allocated in 2024, and one billion Danish kroner a year after"), in that
        money's currency."""
        if not figures:
            return []
        first = min(figures, key=lambda f: f.start)
        mark = currency_mark(first.currency_text or "")
        found: list[Figure] = []
        i = 0
        while i < len(self.tokens) and self.tokens[i].start < first.start:
            after = self.bare_scaled_number(i) if i not in self.used else None
            if (
                after is None
                or self.tokens[after - 1].end > first.start
                or self.low(after) not in _SUBJECT_VERBS
            ):
                i += 1
                continue
            number = self.body[self.tokens[i].start : self.tokens[after - 1].end]
            figure = self.money_figure(i, after, f"{number} {mark}")
            figure.note = f"currency of the sum after it ({mark})"
            found.append(figure)
            i = after
        return found

    def in_conversion_bracket(self, i: int, figures: list[Figure] | None = None) -> bool:
        """Whether token ``i`` stands inside brackets opened right after a sum ("€90 billion
        (£79 billion; $105 billion)"): every sum there is the same money again."""
        k = i - 1
        while k >= 0 and self.low(k) not in ("(", ")", "[", "]") and i - k <= 8:
            k -= 1
        if k < 1 or self.low(k) not in ("(", "["):
            return False
        before = self.tokens[k - 1]
        if figures is not None:
            # the sum's own noun may stand between: "a €90 billion loan (£79 billion; ...)"
            ends = {self.tokens[x].end for x in range(max(0, k - 3), k)}
            return bool(figures) and figures[-1].end in ends
        money_words = lex.SCALE_WORDS | lex.CURRENCY_WORDS.keys()
        return before.kind in ("scale", "num") or before.low in money_words

    def restates(self, first: int, figures: list[Figure]) -> bool:
        """Whether the money at ``first`` restates the money before it in another currency:
        right after it with nothing between ("26 million Swiss francs 30 million dollars"), or
        after ", which is (about)" however far back the first stands, or after a comma and a
        rounding word right behind it."""
        if figures and figures[-1].end == self.tokens[first - 1].end:
            return True
        if self.in_conversion_bracket(first, figures) and self.other_currency(first, figures[-1]):
            return True  # "€90 billion (£79 billion; $105 billion)": the second restates too
        k = first - 1
        while self.low(k) in ("a", "an", "additional", "total", "of", "overall", "in"):
            k -= 1
        spelled = [self.low(k - 3), self.low(k - 2), self.low(k - 1), self.low(k)]
        if figures and (self.low(k) in ("i.e.", "ie") or spelled == ["i", ".", "e", "."]):
            return True  # "€3 billion this year and €8 billion until 2029, i.e. €11 billion"
        k = first - 1
        while self.low(k) in lex.CONVERSION_WORDS:
            k -= 1
        while k < first - 1 and self.low(k) in _CLOSING_QUOTES:
            k -= 1  # "two million euros,” or $2.16 million, the minister said"
        if self.low(k) in (",", "–", "—", "-") and k < first - 1 and figures:
            if [self.low(k + 1), self.low(k + 2)] in (["equivalent", "to"], ["equal", "to"]):
                return True  # "kronas to humanitarian efforts, equivalent to 4.2 million euros"
            return figures[-1].end == self.tokens[k - 1].end  # "JPY 8.8 billion, roughly $58m"
        if self.low(k) in _OPENERS and figures and self.other_currency(first, figures[-1]):
            return True  # "15 million pounds from the United Kingdom (over 19 million dollars)"
        return self.low(k) in _EQUALS and self.low(k - 1) == "which"

    def other_currency(self, first: int, figure: Figure) -> bool:
        """Whether the money at ``first`` is in another currency than ``figure``."""
        span = self.money_at(first)
        if span is None or figure.currency_text is None:
            return False
        text = self.money_text(*span)
        return currency_mark(text) != currency_mark(figure.currency_text)

    def whole_after_part(self, first: int, part: Figure) -> bool:
        """Whether the money at ``first`` is the whole the sum just before is a part of:
        "USD 3 billion of a USD 4.5 billion grant", "€1 billion out of the €5 billion"."""
        between = self.body[part.end : self.tokens[first].start]
        hedge = r"(?:up\s+to|about|around|some|nearly|almost|over|more\s+than)\s+"
        whole = rf"\s+(?:out\s+)?of\s+(?:a|an|the|its|their)\s+(?:{hedge})?"  # "of the up to €18bn"
        return re.fullmatch(whole, between) is not None

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
        if not self.is_number(i) or self.in_conversion_bracket(i):
            return None  # "(USD.16 billion)" after a sum restates it, whatever its typo
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
