"""Figures read from a sentence as a whole rather than token by token: a count joined to the
money it is worth, a sum whose scale word was lost, aid halted without a figure, and a package
whose contents are secret.

Why apart from :class:`~tracker.extract.figures.FigureReader`: these rules look at the figures
the reader found (or at the whole sentence) after it is done, so they never change what the
reader sees while it walks the tokens.
"""

from __future__ import annotations

import re
from decimal import Decimal

from tracker.domain.numbers import ParseError
from tracker.domain.parsing import parse_money
from tracker.extract import lexicon as lex
from tracker.extract.figures import Figure, FigureReader
from tracker.extract.names import Mention
from tracker.extract.tokens import has_cue

# "650 missiles in a £162 million commitment": a count inside the package its money names.
_IN_PACKAGE_BEFORE_RE = re.compile(
    r"\b(?:in|as part of|under|through|with)\s+(?:a|an|its|the)\s+"
    r"(?:(?:new|further|additional|latest)\s+)?$"
)
_PACKAGE_AFTER_RE = re.compile(
    r"^[\w\s-]{0,25}?\b(?:package|commitment|deal|contract|programme|program|grant|tranche|"
    r"donation)\b"
)
# "NOK 1 billion towards donating a complete IRIS-T battery", "€40 million for 20 trucks".
_PAYS_FOR_RE = re.compile(
    r"^\s*(?:\([^()]{1,40}\)\s*)?(?:towards?|for|(?:(?:that|which)\s+)?(?:to|will|would)\s+(?:buy|purchase|procure|fund"
    r"|finance|pay\s+for))\s+"
    r"(?:\w+ing\s+)?$"
)


# "4,500 drones to Ukraine, with a total value of €5 million": the destination is no break.
_DESTINATION_RE = re.compile(r"\s*(?:to|for)\s+(?:ukraine|kyiv|kiev)\s*")


# The price after a count: "will buy 3,000 drones for Ukraine, for two million euros".
_PRICED_AT_RE = re.compile(
    r"(?:\s+(?:to|for)\s+(?:ukraine|kyiv|kiev|the\s+ukrainian\s+[\w-]+))?,?\s+for\s+"
)


def _linked(between: str) -> bool:
    """A value link between a count and its money, with no comma between or only one right
    after the count ("rounds of ammunition, worth £1bn"; but "aircraft as part of its 15th
    package, worth ..." values the package, and "six howitzers and ammunition in the
    package worth ..." values more than the count)."""
    head, _, tail = between.rpartition(",")
    return (
        len(between) < 50
        and (not head.strip() or _DESTINATION_RE.fullmatch(head) is not None)
        and any(re.search(rf"\b{re.escape(link)}\b", tail) for link in lex.VALUE_LINKS)
        and not _MORE_THAN_THE_COUNT_RE.search(tail)
    )


# Another thing beside the count, then the whole's value: "howitzers and ammunition in the
# package worth".
_MORE_THAN_THE_COUNT_RE = re.compile(r"\band\s+[\w\s-]*\b(?:package|deal|aid)\s+worth\b")


def merge_values(reader: FigureReader, figures: list[Figure]) -> list[Figure]:
    """Join a count to the money that values it ("200 vehicles worth $90 million",
    "a $406 million ... system", "650 missiles in a £162 million commitment", "€40 million
    for 20 trucks") so that one thing is one fact. The last two only when the count is the
    sentence's only one: with several, the money is the whole package's."""
    body = reader.body.lower()
    counts = [f for f in figures if f.currency_text is None and f.quantity is not None]
    money = [f for f in figures if f.currency_text is not None]
    alone = len(counts) == 1
    merged: set[int] = set()
    for count in counts:
        for m in money:
            if id(m) in merged:
                continue
            between = body[count.end : m.start]
            packaged = (
                alone
                and len(between) < 40
                and "," not in between
                and bool(_IN_PACKAGE_BEFORE_RE.search(between))
                and bool(_PACKAGE_AFTER_RE.search(body[m.end :]))
            )
            paid_for = alone and bool(
                _PAYS_FOR_RE.match(body[m.end : count.start]) or _PRICED_AT_RE.fullmatch(between)
            )
            inside = count.start < m.start < count.end and count.quantity == 1
            if _linked(between) or packaged or paid_for or inside:
                count.currency_text = m.currency_text
                count.start = min(count.start, m.start)
                count.end = max(count.end, m.end)
                merged.add(id(m))
                break
    return [f for f in figures if id(f) not in merged]


_HALTED_AID_RE = re.compile(
    r"\b(?:"
    + "|".join(re.escape(c) for c in sorted(lex.CANCELLATION_CUES, key=len, reverse=True))
    + r")\s+(?:(?:send|sending|supply|supplying|deliver|delivering|provide|providing)\s+)?"
    r"((?:[\w.'’-]+\s+){0,5}?(?:aid|assistance|deliveries|shipments|supplies|weapons|arms))\b",
    re.IGNORECASE,
)


def halted_aid(body: str) -> Figure | None:
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


def secret_package(body: str, mentions: tuple[Mention, ...]) -> Figure | None:
    """A package whose contents or value are secret: a fact with no figure."""
    if not has_cue(body, lex.SECRET_PACKAGE_CUES) or not re.search(r"\bpackages?\b", body, re.I):
        return None
    if not mentions:
        return None
    return Figure(start=0, end=0, qualifier="undisclosed")


def without_lost_scales(figures: list[Figure], locale: str) -> list[Figure]:
    """``figures`` less a sum under a thousand in the currency of a sum of millions in the same
    sentence ("Of those £400 million, the £220 will be spent on humanitarian aid"): its scale
    word was most likely lost, and a wrong figure is worse than none."""
    amounts: list[tuple[Figure, Decimal, str]] = []
    for figure in figures:
        if figure.currency_text is None:
            continue
        try:
            money = parse_money(figure.currency_text, locale)
        except ParseError:
            continue
        if money.amount is not None and money.currency is not None:
            amounts.append((figure, money.amount, money.currency))
    large = {currency for _, amount, currency in amounts if amount >= _MILLION}
    lost = {id(f) for f, amount, currency in amounts if amount < 1000 and currency in large}
    return [f for f in figures if id(f) not in lost]


_MILLION = Decimal(10**6)
