"""Figures several givers share: "grants from Japan and Norway (USD 465 million and USD 295
million, respectively)" pairs names and sums in order, "Denmark (EUR 20 million), Iceland
(EUR 460,000)" gives each bracket to the name before it, "Japan, Canada and the UK will each
provide $3 billion" gives the figure to each.

Why a module of its own: both read a list of names against the figures of one sentence,
after :mod:`tracker.extract.donors` has chosen the giver of each figure alone.
"""

from __future__ import annotations

import re
from itertools import pairwise

from tracker.extract import lexicon as lex
from tracker.extract.donors import LIST_JOIN_RE
from tracker.extract.figures import Figure
from tracker.extract.names import Mention


def respective_donors(
    body: str, mentions: tuple[Mention, ...], figures: list[Figure]
) -> dict[int, str]:
    """Figure start -> giver for "grants from Japan and Norway (USD 465 million and USD 295
    million, respectively)": a list of n names, then n figures closed by "respectively",
    paired in order. Empty when the sentence says no such thing or the counts differ."""
    closing = re.search(r"\brespectively\b", body, re.IGNORECASE)
    if closing is None:
        return {}
    listed = [f for f in figures if f.end <= closing.start()]
    if len(listed) < 2:
        return {}
    first = min(f.start for f in listed)
    names = [m for m in mentions if m.end <= first and m.code not in lex.NOT_DONORS]
    names = names[-len(listed) :]
    joined = len(names) == len(listed) and all(
        a.end <= b.start and LIST_JOIN_RE.fullmatch(body[a.end : b.start])
        for a, b in pairwise(names)
    )
    if not joined:
        return {}
    ordered = sorted(listed, key=lambda f: f.start)
    return {f.start: m.code for f, m in zip(ordered, names, strict=True)}


# What may stand between a giver's name and its own sum in a list: "Norway (about EUR 20.5
# million)", "Sweden – over EUR 230 million –".
_OWN_SUM_OPENER_RE = re.compile(
    r"\s*(?:\(|[–—]|\s-)\s*(?:about|around|approximately|some|over|nearly|almost|roughly"
    r"|more\s+than|up\s+to|at\s+least)?\s*",
    re.IGNORECASE,
)


def bracketed_donors(
    body: str, mentions: tuple[Mention, ...], figures: list[Figure]
) -> dict[int, str]:
    """Figure start -> giver for a list that puts each giver's sum right after its name, in
    brackets or between dashes: "contributions from Denmark (about EUR 20.5 million), Iceland
    (about EUR 460,000) and Latvia (EUR 1 million)". Only sums, only countries that give
    ("weapons for Ukraine ($6.5 million)" names what the sum is for, not who gives it)."""
    found: dict[int, str] = {}
    for figure in figures:
        if figure.currency_text is None:
            continue
        before = [m for m in mentions if m.end <= figure.start and m.kind == "country"]
        if (
            before
            and before[-1].code not in lex.NOT_DONORS
            and _OWN_SUM_OPENER_RE.fullmatch(body[before[-1].end : figure.start])
        ):
            found[figure.start] = before[-1].code
    return found


_EACH_BEFORE_RE = re.compile(r"\beach\s+(?:[\w-]+\s+){0,6}$", re.IGNORECASE)
_EACH_AFTER_RE = re.compile(r"\s+each\b", re.IGNORECASE)
# One sum or count several givers give between them: nobody's share can be told.
_JOINTLY_RE = re.compile(
    r"\b(?:together|jointly|joint|combined|collectively|between\s+them)\b", re.IGNORECASE
)


def each_givers(body: str, mentions: tuple[Mention, ...], figure: Figure, donor: str) -> list[str]:
    """The givers that "each" give the figure ("Japan, Canada and the UK will each provide $3
    billion": three facts), just ``donor`` when the sentence shares nothing out, and none
    when the list of givers right before the figure gives it jointly ("Norway, Sweden and
    Finland have committed a combined NOK 2 billion"): a share nobody states is refused,
    not guessed."""
    chains = _name_lists(body, mentions)
    if _EACH_BEFORE_RE.search(body[: figure.start]) or _EACH_AFTER_RE.match(body, figure.end):
        listed = next((codes for _, codes in chains if donor in codes and len(codes) > 1), [])
        return listed or [donor]
    before = [m for m in mentions if m.end <= figure.start and m.code not in lex.NOT_DONORS]
    if before and _JOINTLY_RE.search(body[: figure.end + _JOINTLY_AFTER]):
        names, last = next(chain for chain in chains if before[-1] in chain[0])
        led = _AGENT_BEFORE_RE.search(body[: names[0].start])  # "a fund led jointly by A and B"
        if len(last) > 1 and donor in last and led is None:
            return []
    return [donor]


# A list after "by" names who leads or runs something, not who gives the figure.
_AGENT_BEFORE_RE = re.compile(r"\bby\s+(?:the\s+)?$", re.IGNORECASE)
# How far after a figure "between them" or "combined" may still qualify it.
_JOINTLY_AFTER = 25


def _name_lists(body: str, mentions: tuple[Mention, ...]) -> list[tuple[list[Mention], list[str]]]:
    """Each list of names in the sentence ("Japan, Canada and the UK"; a name standing alone
    is a list of one), in order, with the codes of its givers."""
    chains: list[list[Mention]] = []
    for mention in mentions:
        previous = chains[-1][-1] if chains else None
        if previous is not None and LIST_JOIN_RE.fullmatch(body[previous.end : mention.start]):
            chains[-1].append(mention)
        else:
            chains.append([mention])
    return [
        (chain, list(dict.fromkeys(m.code for m in chain if m.code not in lex.NOT_DONORS)))
        for chain in chains
    ]
