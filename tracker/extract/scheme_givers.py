"""The fund, scheme or group that records a sum its members or its council put up, as the
labelling guide says: the G7's loans named as the ERA scheme are the ERA's total; measures the
Council adopts under the European Peace Facility, and those a member "joined other member
states in agreeing" there, are the EPF's; what "the coalition" raised is a coalition total,
which seed_data/donors.csv records under NATO.

Why a module of its own: these rules override the giver the sentence's words chose, for
reasons of the data model rather than of grammar, and read like one table of exceptions.
"""

from __future__ import annotations

import re

from tracker.extract.names import Mention

_MILITARY_TRANCHE_RE = re.compile(
    r"\btranche\s+of\s+(?:\w+\s+)?military\s+(?:aid|assistance|support)\b", re.IGNORECASE
)
# A member acting with the others: "Ireland has joined other Member States in agreeing ...".
_JOINED_OTHERS_RE = re.compile(
    r"\bjoined\s+(?:the\s+)?other\s+(?:EU\s+)?(?:member\s+states|countries|allies|partners)\s+in\b",
    re.IGNORECASE,
)
# "the coalition has already raised almost EUR 500 million": the coalition as the subject.
_THE_COALITION_RE = re.compile(
    r"\b(?:the|this)\s+coalition\s+(?:has|have|had|will|is|was|now|already|raised|collected)\b",
    re.IGNORECASE,
)


def scheme_giver(
    body: str,
    mentions: tuple[Mention, ...],
    clause: tuple[int, int],
    start: int,
    donor: str,
    named: bool,
) -> str:
    """The code that records a figure at ``start`` given as ``donor`` (``named``: the
    sentence names a giver of its own, so "the coalition" cannot be one named before)."""
    if donor == "G7" and (member := _member_part(body, mentions, start)) is not None:
        return member  # "Canada will allocate C$5 billion as part of a loan from the G7"
    if donor == "G7" and _era_total(body, mentions):
        return "ERA"  # the G7's loans named as the ERA scheme: its total
    if _names_epf(body, mentions, clause) and (
        donor == "EU" or _JOINED_OTHERS_RE.search(body, 0, clause[1])
    ):
        return "EPF"  # the Council's EPF measures, also those a member joined in agreeing
    if not named and _THE_COALITION_RE.search(body, clause[0], clause[1]):
        return "NATO"  # "the coalition has raised ...": a coalition total, whoever leads it
    return donor


def _names_epf(body: str, mentions: tuple[Mention, ...], clause: tuple[int, int]) -> bool:
    """Whether the figure's clause names the European Peace Facility: money the Council adopts,
    tops up or allocates under it is the EPF's (the labelling guide)."""
    if _MILITARY_TRANCHE_RE.search(body, clause[0], clause[1]):
        return True  # "the third tranche of military aid to Ukraine": the EPF's measures
    return any(
        m.code == "EPF" and clause[0] <= m.start < clause[1] and body[m.end : m.end + 1] != "-"
        for m in mentions  # not "the EPF-financed ammunition pledge": the EU's own
    )


def _era_total(body: str, mentions: tuple[Mention, ...]) -> bool:
    """Whether a G7 sum is the ERA loans' total: the sentence names the scheme, and not a part
    of the G7 ("other G7 countries have disbursed €12.8 billion")."""
    named = any(m.code == "ERA" for m in mentions)
    return named and re.search(r"\bother\s+G-?7\b", body, re.IGNORECASE) is None


_PART_OF_GROUP_RE = re.compile(
    r"\bas\s+part\s+of\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,4}from\s+(?:the\s+)?[^.;]{0,30}$",
    re.IGNORECASE,
)


def _member_part(body: str, mentions: tuple[Mention, ...], start: int) -> str | None:
    """The member country that gives its part "as part of a loan from the G7", when the
    sentence opens with it; the group gives only the whole."""
    group = next((m for m in mentions if m.code == "G7" and m.start > start), None)
    if group is None or not _PART_OF_GROUP_RE.search(body, start, group.start):
        return None
    first = next((m for m in mentions if m.end <= start and m.code != "UA"), None)
    return first.code if first is not None and first.kind in ("country", "metonym") else None
