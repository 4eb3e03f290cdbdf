"""Whether a figure's words make it an estimate: "could", "may", "is expected to" and their
like, unless they are the giver's own plan ("expects to contribute"), the giver's own price
("is estimated at €15 million") or an expectation about something else than the figure
("deliveries are expected after Biden signed $60 billion into law").

Why a module of its own: the kind rules (:mod:`tracker.extract.kinds`) ask it in several
places, and what is not an estimate grows with every set of real sentences.
"""

from __future__ import annotations

import re

from tracker.extract import lexicon as lex
from tracker.extract.figures import Figure
from tracker.extract.names import find_mentions
from tracker.extract.tokens import blank_out, cue_spans

# "Ireland expects to contribute ...": the giver's own plan, a pledge (see PLEDGE_CUES).
_GIVERS_EXPECTATION_RE = re.compile(
    r"\bexpects?\s+to\s+(?:contribute|make|provide|send|allocate|deliver|give|transfer|disburse"
    r"|pay)\b",
    re.IGNORECASE,
)


# The giver's own valuation of what it gives ("the value of the package is an estimated €118
# million", "the equipment is estimated at €15 million"): a price, not a guess by others.
_OWN_VALUATION_RE = re.compile(
    r"\b(?:value|cost|worth)\b[^.;]{0,100}?\b(?:an\s+estimated|estimated\s+(?:at|to\s+be))\b"
    r"|\bestimated\s+(?:value|cost)\b|\bestimated\s+to\s+be\s+worth\b",
    re.IGNORECASE,
)


# A clause of its own with a named giver's past act: "Additional deliveries are expected
# after Biden signed more than $60 billion ...": the expectation is of the deliveries.
_DONE_CLAUSE_RE = re.compile(
    r"\b(?:after|since|because|once|when)\s+(?:[A-Z][\w.’'-]*\s+){1,3}(?:[a-z]+ly\s+)?"
    r"(?:signed|approved|announced|pledged|promised|delivered|sent|gave|allocated|provided"
    r"|transferred|unveiled|adopted|committed)\b"
)


def own_clause_start(text: str, start: int, figure: Figure) -> int:
    """Where the figure's own clause starts within its piece: after an estimate about
    something else, a clause of a giver's past act opens the figure's ("after Biden signed
    $60 billion into law")."""
    opened = [m.start() for m in _DONE_CLAUSE_RE.finditer(text, start, figure.start)]
    return opened[-1] if opened else start


# A delivery with its date set: "ten boats committed in January are set to be delivered this
# July" is the giver's schedule, a pledge (the labelling guide), not someone's guess.
_SCHEDULED_RE = re.compile(
    r"\b(?:is|are)\s+(?:now\s+)?set\s+to\s+(?:be\s+(?:delivered|dispatched|shipped|sent|handed"
    r"\s+over|transferred)|arrive)\b",
    re.IGNORECASE,
)


def estimate_in(text: str) -> bool:
    """Estimate cues; "may" only in lower case, so the month never counts."""
    text = blank_out(_OWN_VALUATION_RE, blank_out(_GIVERS_EXPECTATION_RE, text))
    text = blank_out(_SCHEDULED_RE, text)
    return any(text[a:b] != "May" for a, b in cue_spans(text, lex.ESTIMATE_CUES))


# The receiver's own expectation is an estimate (the labelling guide): "we will receive the next
# disbursement of EUR 1.89 billion", said a Ukrainian minister; "Zelensky said that Ukraine
# would receive the sixth IRIS-T system"; "we are expecting three million artillery shells".
_RECEIVING_LATER_RE = re.compile(
    r"\b(?:will|would|shall|is\s+to|are\s+to|is\s+going\s+to|are\s+going\s+to)\s+(?:also\s+)?"
    r"(?:soon\s+)?(?:receive|get|arrive)\b|\b(?:are|is|am)\s+expecting\b"
    r"|\bexpects?\s+to\s+(?:receive|get)\b",
    re.IGNORECASE,
)
_UKRAINIAN_SPEAKER_RE = re.compile(
    r"\b(?:president|prime\s+minister|premier|minister|government)\s+of\s+ukraine\b"
    r"|\bukrainian\s+(?:president|prime\s+minister|premier|(?:[\w-]+\s+)?minister|officials?)\b"
    r"|\bukraine['’]s\s+(?:president|prime\s+minister|premier|(?:[\w-]+\s+)?minister)\b",
    re.IGNORECASE,
)


def receiver_expects(text: str, clause: tuple[int, int]) -> bool:
    """Whether the figure's clause tells what Ukraine will receive, and a Ukrainian speaks:
    the receiver's expectation, not the giver's promise."""
    if not _RECEIVING_LATER_RE.search(text, *clause):
        return False
    named = any(m.code == "UA" and m.kind == "official" for m in find_mentions(text))
    return named or _UKRAINIAN_SPEAKER_RE.search(text) is not None
