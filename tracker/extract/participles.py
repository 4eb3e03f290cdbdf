"""The kind a participle right after a count gives it ("the 14 tanks pledged, ...", "8
vehicles delivered so far").

Why a module of its own: the extractor reads such a participle before the words "pledged by
X" are blanked for the verb search of :mod:`tracker.extract.kinds`, so it is a first look
apart from the sentence's verb, with its own pattern.
"""

from __future__ import annotations

import re

from tracker.extract import lexicon as lex
from tracker.extract.figures import Figure
from tracker.extract.kinds import nearest_cue

# A participle right after a count that closes its phrase ("the 14 tanks pledged, ...",
# "8 vehicles delivered so far") says what happened to that count; "31 tanks promised by
# Washington have arrived" leaves it to the main verb.
_PLEDGE_PARTICIPLES = ("pledged", "promised", "committed", "earmarked")
_PARTICIPLE_AFTER_RE = re.compile(
    r"\s+(?:already\s+|(?:it|they|we)\s+(?:had\s+|has\s+|have\s+)?)?(pledged|promised|committed"
    r"|earmarked|delivered|sent|supplied"
    r"|transferred|handed\s+over)(?=\s*(?:[,;.]|$|so\s+far\b|to\s+date\b|earlier\b"
    r"|to\s+(?:ukraine|kyiv)\s*[,;.]))"
    # "in addition to $600 million already provided along with ...": "already" says it all.
    r"|\s+already\s+(provided|delivered|sent|supplied|transferred|disbursed|paid|handed\s+over)\b"
    # "none of the 30 F-16s it promised back in 2024": when the giver promised the whole.
    r"|\s+(?:it|they|we)\s+(?:had\s+|has\s+|have\s+)?(pledged|promised|committed)\s+(?:back\s+)?"
    r"(?:in\s+\d{4}|last\s+(?:year|month|week))\b",
    re.IGNORECASE,
)


def participle_kind(body: str, figure: Figure, segment: tuple[int, int]) -> str | None:
    """The kind a participle right after the figure gives it ("Of the 14 tanks pledged, ..."),
    read before "pledged by X" words are blanked for the verb search."""
    if figure.forced_kind:
        return None
    participle = _PARTICIPLE_AFTER_RE.match(body[figure.end : segment[1]])
    if participle is None:
        return None
    whole = re.search(r"\bof\s+(?:the\s+|its\s+|their\s+)?$", body[: figure.start], re.I)
    if (
        not whole
        and re.match(r"\s+(?:it|they|we)\b", body[figure.end :], re.I)
        and nearest_cue(body[segment[0] : figure.start], 0, {"delivery": lex.DELIVERY_CUES})
    ):
        return None  # "delivered the 10 tanks it had promised", not "paid €3m of the €9m it had"
    verb = participle.group(1) or participle.group(2) or participle.group(3)
    return "pledge" if verb.lower() in _PLEDGE_PARTICIPLES else "delivery"
