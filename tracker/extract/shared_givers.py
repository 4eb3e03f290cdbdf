"""Figures several givers share: "grants from Japan and Norway (USD 465 million and USD 295
million, respectively)" pairs names and sums in order, "Japan, Canada and the UK will each
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


_EACH_BEFORE_RE = re.compile(r"\beach\s+(?:\w+\s+){0,3}$", re.IGNORECASE)
_EACH_AFTER_RE = re.compile(r"\s+each\b", re.IGNORECASE)


def each_givers(body: str, mentions: tuple[Mention, ...], figure: Figure, donor: str) -> list[str]:
    """The givers that "each" give the figure ("Japan, Canada and the UK will each provide $3
    billion": three facts), or just ``donor`` when the sentence shares nothing out."""
    if not (_EACH_BEFORE_RE.search(body[: figure.start]) or _EACH_AFTER_RE.match(body, figure.end)):
        return [donor]
    chains: list[list[Mention]] = []
    for mention in mentions:
        previous = chains[-1][-1] if chains else None
        if previous is not None and LIST_JOIN_RE.fullmatch(body[previous.end : mention.start]):
            chains[-1].append(mention)
        else:
            chains.append([mention])
    for chain in chains:
        codes = [m.code for m in chain if m.code not in lex.NOT_DONORS]
        if donor in codes and len(codes) > 1:
            return list(dict.fromkeys(codes))
    return [donor]
