"""Givers named as a group, not one by one: "allies", "partner countries", "member states".

Why a module of its own: a group is no donor of the registry, so what it gives is decided by
rules apart from those for named givers (:mod:`tracker.extract.donors`): a group's total is
recorded under NATO, as the labelling guide says, money it pools under the fund's name, and a
sentence about a group does not take the giver of the sentence before; and the states that
lead a coalition ("co-led by Latvia and the UK") speak for it, not as givers of their own.
"""

from __future__ import annotations

import re

from tracker.extract import lexicon as lex
from tracker.extract.figures import Figure
from tracker.extract.names import Mention
from tracker.extract.tokens import has_cue

# Names whose last word is a giver word but which name one body ("the United States").
_ONE_BODY_RE = re.compile(  # and places, not givers: "refugees in neighbouring countries"
    r"\bUnited\s+(?:Nations|States)\b|\bFederated\s+States\b"
    r"|\b(?:in|to)\s+(?:the\s+)?(?:neighbou?ring|host|transit)\s+countries\b"
    r"|\bthe\s+others\s+(?:will|would|are|were)\s+(?:be|been|being)\b"  # things handed over
)


def names_other_givers(text: str) -> bool:
    """Whether a text speaks of givers as a group ("allies", "partner countries", "member
    states"), not counting the one bodies and places of _ONE_BODY_RE."""
    return has_cue(_ONE_BODY_RE.sub(" ", text), lex.OTHER_GIVERS)


_ALLIES_RE = re.compile(
    r"\b(?:allies|allied\s+(?:countries|nations)|western\s+(?:partners|countries|nations)"
    # A coalition's members together: "the coalition member countries have announced".
    r"|coalition\s+(?:member\s+)?(?:countries|members|states|nations)"
    r"|(?:countries|members|states)\s+(?:participating\s+)?in\s+the\s+(?:\w+\s+)?coalition)\b",
    re.IGNORECASE,
)

_URGED_BY_RE = re.compile(
    r"\b(?:pressure|calls?|requests?|appeals?|demands?|urging)\s+(?:\w+\s+)?from\s+"
    r"(?:its\s+|the\s+|kyiv[’']s\s+|ukraine[’']s\s+)?$",
    re.IGNORECASE,
)
# "pledged by allies", "promised by Ukraine's Western partners": allies as the giving party.
_BY_ALLIES_RE = re.compile(
    r"\b(?:pledged|promised|committed|given|provided|supplied|delivered|donated|sent)\s+by\s+"
    r"(?:(?:its|kyiv's|ukraine's|the)\s+)?(?:allies|allied\s+(?:countries|nations)|"
    r"western\s+(?:allies|partners|countries|nations)|partners)\b",
    re.IGNORECASE,
)


def allies_give(
    body: str, subjects: list[Mention], figure: Figure, clause: tuple[int, int]
) -> bool:
    """Whether unnamed allies are the last giver named before the figure in its clause (the
    guide records allies' totals under NATO, as seed_data/donors.csv does coalition totals)."""
    found = [
        m
        for m in _ALLIES_RE.finditer(body, clause[0], figure.start)
        if not _URGED_BY_RE.search(body[: m.start()])  # "pressure from allies": they urged
    ]
    by_allies = _BY_ALLIES_RE.search(body, figure.end, clause[1])
    if by_allies is not None and not any(
        figure.end <= m.start < by_allies.start() for m in subjects
    ):
        return True  # "35 of the 60 jets pledged by allies": the allies' count
    if not found:
        return False
    last = found[-1].start()
    return not any(last < m.start < figure.start for m in subjects)


# ", co-led by Latvia and the United Kingdom," up to the name in question.
_LED_BY_RE = re.compile(
    r",?\s+(?:co-)?(?:led|headed|spearheaded|chaired)\s+by\s+(?:the\s+)?(?:[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*"
    r"(?:\s*,\s*|\s+and\s+)(?:the\s+)?)*$"
)


def led_by_coalition(body: str, mentions: tuple[Mention, ...], source: Mention) -> bool:
    """Whether ``source`` is named as the lead of a coalition or fund named just before it."""
    lead = _LED_BY_RE.search(body[: source.start])
    if lead is None:
        return False
    if re.search(r"\bcoalition\s*$", body[: lead.start()], re.IGNORECASE):
        return True  # "a coalition spearheaded by France and Estonia has allocated ..."
    return any(m.kind == "organisation" and 0 <= lead.start() - m.end <= 25 for m in mentions)
