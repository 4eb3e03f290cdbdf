"""Whether a figure is a running total (``cumulative``): stated as one ("so far", "since",
"brings the total to"), or a delivery in the present perfect that no word makes one batch.

Why a module of its own: the kind of a figure (:mod:`tracker.extract.kinds`) and whether it
totals what came before are separate questions, and the ledger treats a running total
differently (a statement, not an increment).
"""

from __future__ import annotations

import re

from tracker.extract import lexicon as lex
from tracker.extract.figures import Figure
from tracker.extract.kinds import HANDED_TOTAL_RE, SUPERLATIVE_RE
from tracker.extract.tokens import blank_out, has_cue


def cumulative_of(body: str, figure: Figure, kind: str, clause: tuple[int, int]) -> bool:
    """Whether a figure is a running total: stated so, or a present-perfect delivery."""
    if figure.forced_cumulative is not None:
        return figure.forced_cumulative
    clause_text = body[clause[0] : clause[1]]
    lead = body[: figure.start]
    if kind == "delivery" and HANDED_TOTAL_RE.search(clause_text):
        return True  # "the total of equipment supplied ... will amount to 532 tons"
    if kind == "delivery" and re.match(r"\s+already\b", body[figure.end :]):
        return True  # "$600 million already provided": what was given so far
    if re.search(r"\bsince\b", clause_text, re.IGNORECASE) or has_cue(
        blank_out(SUPERLATIVE_RE, clause_text), lex.CUMULATIVE_CUES
    ):
        return True
    if re.search(
        r"\b(?:increased?|raised?|rise|rose|brought|brings|bringing|takes|taking)\b"
        r"[^.;]{0,80}\bto\s*$",
        lead[clause[0] :],
        re.IGNORECASE,
    ):
        return True
    if kind in ("delivery", "estimate") and re.search(r"\bby the end of\b", clause_text, re.I):
        return True
    if kind == "delivery":
        perfect = re.search(
            r"\b(?:has|have)\s+(?:(?:already|now|so far|also)\s+)?(?:been\s+)?"
            r"(?!to\b|announced\b|confirmed\b|reported\b|said\b)[a-z]+\b",
            clause_text[: figure.start - clause[0]].lower(),
        )
        if perfect and not (
            has_cue(body, lex.SINGLE_EVENT_CUES) or _NUMBERED_BATCH_RE.search(body)
        ):
            return True
    return False


# "has handed over its 40th aid package": a numbered batch is one event, not a running total.
_NUMBERED_BATCH_RE = re.compile(
    r"\b(?:\d+(?:st|nd|rd|th)|"
    + "|".join(sorted(lex.ORDINALS | {"first"}, key=len, reverse=True))
    + r")\s+(?:[\w-]+\s+){0,2}(?:package|tranche|batch|shipment|instalment|installment|"
    r"disbursement)\b",
    re.IGNORECASE,
)
