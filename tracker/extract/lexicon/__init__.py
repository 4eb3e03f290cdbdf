"""Word lists the extractor reads news text with: who gives, what is given, and the traps.

Why plain data: every rule in :mod:`tracker.extract` is "a figure next to these words means
that", and the words change far more often than the rules. Keeping them here lets a researcher
who meets a new phrasing add one word without reading the matching code. The lists are split
by topic (donors, kinds, traps, items, money); this package gathers them so that rules read
``lex.NAME`` whatever file a list lives in.
"""

from __future__ import annotations

from tracker.extract.lexicon.donors import (
    CASED_NAMES,
    CHANNELS,
    COUNTRY_ALIASES,
    DEMONYMS,
    METONYMS,
    NAME_COMPOUND_SUFFIXES,
    NAME_CONTINUATIONS,
    NOT_DONORS,
    OFFICIALS,
    ORGANISATIONS,
    OTHER_GIVERS,
    POOLED_FUNDS,
    SKIPPED_TERRITORY_NAMES,
)
from tracker.extract.lexicon.items import (
    CONTAINER_HEADS,
    HEAD_UNITS,
    ITEM_STOP_WORDS,
    MODEL_UNITS,
    NOUN_CONTINUATIONS,
    OF_DETERMINERS,
    ORDINALS,
    PHRASE_HEADS,
    SECRET_PACKAGE_CUES,
    UNDISCLOSED_LEADS,
    VAGUE_AMOUNTS,
    WEAK_HEAD_MODIFIERS,
    WEAK_HEADS,
)
from tracker.extract.lexicon.kinds import (
    CANCELLATION_CUES,
    CUMULATIVE_CUES,
    DELIVERY_CUES,
    ESTIMATE_CUES,
    PAST_TIME_CUES,
    PLEDGE_CUES,
    SINGLE_EVENT_CUES,
)
from tracker.extract.lexicon.money import (
    CURRENCY_ADJECTIVE_WORDS,
    CURRENCY_ADJECTIVES,
    CURRENCY_MARKS,
    CURRENCY_WORDS,
    ISO_WORDS,
    SCALE_WORDS,
    VALUE_LINKS,
)
from tracker.extract.lexicon.traps import (
    AID_CUES,
    AID_MONEY_EXTRA_CUES,
    FROZEN_ASSET_AID_CUES,
    FUNDING_CUES,
    HOSTILE_CUES,
    MONEY_TRAP_CUES,
    OWN_USE_CUES,
    REQUEST_CUES,
    SANCTION_CUES,
)

__all__ = [
    "AID_CUES",
    "AID_MONEY_EXTRA_CUES",
    "CANCELLATION_CUES",
    "CASED_NAMES",
    "CHANNELS",
    "CONTAINER_HEADS",
    "COUNTRY_ALIASES",
    "CUMULATIVE_CUES",
    "CURRENCY_ADJECTIVES",
    "CURRENCY_ADJECTIVE_WORDS",
    "CURRENCY_MARKS",
    "CURRENCY_WORDS",
    "DELIVERY_CUES",
    "DEMONYMS",
    "ESTIMATE_CUES",
    "FROZEN_ASSET_AID_CUES",
    "FUNDING_CUES",
    "HEAD_UNITS",
    "HOSTILE_CUES",
    "ISO_WORDS",
    "ITEM_STOP_WORDS",
    "METONYMS",
    "MODEL_UNITS",
    "MONEY_TRAP_CUES",
    "NAME_COMPOUND_SUFFIXES",
    "NAME_CONTINUATIONS",
    "NOT_DONORS",
    "NOUN_CONTINUATIONS",
    "OFFICIALS",
    "OF_DETERMINERS",
    "ORDINALS",
    "ORGANISATIONS",
    "OTHER_GIVERS",
    "OWN_USE_CUES",
    "PAST_TIME_CUES",
    "PHRASE_HEADS",
    "PLEDGE_CUES",
    "POOLED_FUNDS",
    "REQUEST_CUES",
    "SANCTION_CUES",
    "SCALE_WORDS",
    "SECRET_PACKAGE_CUES",
    "SINGLE_EVENT_CUES",
    "SKIPPED_TERRITORY_NAMES",
    "UNDISCLOSED_LEADS",
    "VAGUE_AMOUNTS",
    "VALUE_LINKS",
    "WEAK_HEADS",
    "WEAK_HEAD_MODIFIERS",
]
