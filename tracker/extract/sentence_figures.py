"""Figures read from a sentence as a whole rather than token by token: a count joined to the
money it is worth, aid halted without a figure, and a package whose contents are secret.

Why apart from :class:`~tracker.extract.figures.FigureReader`: these rules look at the figures
the reader found (or at the whole sentence) after it is done, so they never change what the
reader sees while it walks the tokens.
"""

from __future__ import annotations

import re

from tracker.extract import lexicon as lex
from tracker.extract.figures import Figure, FigureReader
from tracker.extract.names import Mention
from tracker.extract.tokens import has_cue


def merge_values(reader: FigureReader, figures: list[Figure]) -> list[Figure]:
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
                    for link in lex.VALUE_LINKS
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
