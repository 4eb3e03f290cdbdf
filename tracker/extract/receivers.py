"""Names that receive, not give: a country listed with Ukraine, a place aid arrived in, a
maker, a name right after "to". Such a name is not even a last-resort giver of a sentence.
Kept apart from :mod:`tracker.extract.donors`, whose rules choose among the givers left.
"""

from __future__ import annotations

import re

from tracker.extract.names import Mention

# A name coordinated with Ukraine ("Ukraine and Moldova", "to Ukraine, Poland and Moldova")
# receives beside it.
_BESIDE_UKRAINE_RE = re.compile(
    r"\bukraine(?:[’']s)?(?:(?:\s*,\s*[\w .’'-]{2,30}?)+\s*,?\s*|\s+)(?:\band\b|&)\s*"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)


# The other party of an agreement with Ukraine: "Ukraine and Korea have agreed on ...".
_PARTIES_SIGN_RE = re.compile(
    r"\s+(?:have\s+|has\s+|had\s+)?(?:also\s+|today\s+|now\s+)?(?:signed|agreed|concluded"
    r"|reached|inked)\b",
    re.IGNORECASE,
)


def beside_ukraine(body: str, mention: Mention) -> bool:
    """Whether a name is listed with Ukraine ("to Ukraine, Poland and Moldova"); not when the
    two are the parties of an agreement ("Ukraine and the EU signed a loan agreement")."""
    if _BESIDE_UKRAINE_RE.search(body[max(0, mention.start - 60) : mention.start]):
        return not _PARTIES_SIGN_RE.match(body, mention.end)
    return bool(
        re.search(r"\bUkraine\s*,\s*(?:the\s+)?$", body[: mention.start])
        and re.match(r"\s*(?:,|and\b|&)", body[mention.end :])
    )


_THANKED_RE = re.compile(
    r"\b(?:grateful|gratitude|appreciation|thanks|thankful)\s+(?:\w+\s+){0,2}to\s+(?:the\s+)?$"
)


def receives(body: str, mention: Mention) -> bool:
    """Whether a country is a receiver: coordinated with Ukraine, or right after "to" ("aid
    to Syria"). Such a name is not even a last-resort giver, nor is a place ("arrived in
    Poland") or a maker ("US-made"); a channel ("under the Ukraine Facility") still may be."""
    if beside_ukraine(body, mention):
        return True
    before = body[max(0, mention.start - 40) : mention.start].lower()
    if _THANKED_RE.search(before):
        return False  # "his appreciation to Australia for its package": the giver thanked
    if _IN_PLACE_RE.search(before):
        return True  # "the first tank has now arrived in Poland": where it landed, no giver
    if re.match(r"-(?:made|built|produced|designed)\b", body[mention.end :]):
        return True  # "15 US-made M113 vehicles": the maker, no giver
    # "aid to Syria", "the first batch delivered to the Belgians"
    receiver = mention.kind in ("country", "metonym")
    return receiver and bool(re.search(r"(?<!according\s)\bto\s+(?:the\s+)?$", before))


_IN_PLACE_RE = re.compile(r"\bin\s+(?:the\s+)?$")
