"""Candidate aid facts from news text: who gave what, how much, and whether it arrived.

A researcher pastes an article; every sentence is read for figures (money and counted items),
and each figure that is aid becomes a :class:`CandidateFact` with its sentence, offsets and
fields, ready to be checked and accepted. The reading is rule-based on purpose: it runs
offline, explains itself, and a wrong rule is fixed by editing a word list
(:mod:`tracker.extract.lexicon`), not by retraining anything.

How a sentence is read:

1. :mod:`tracker.extract.text` splits the text into sentences with offsets and dates.
2. :mod:`tracker.extract.figures` finds each sentence's figures: money (``€1.4bn``, ``NOK 75
   billion``), counts with the item they count (``14 Leopard 2A6 tanks``), counts without a
   figure (``hundreds of thousands of rounds``, ``an undisclosed number of howitzers``).
3. :mod:`tracker.extract.traps` drops traps: figures in clauses about attacks, needs, own
   production or stocks, sanctions, damage or frozen assets propose nothing.
4. Each remaining figure gets its donor (:mod:`tracker.extract.donors`: the subject of its
   clause, or the "from"/"by" party), its kind (:mod:`tracker.extract.kinds`: the main verb,
   its tense and hedges: pledge, delivery, cancellation, estimate), and whether it is a
   running total ("so far", "bringing the total to").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from tracker.domain.numbers import ParseError
from tracker.domain.parsing import parse_money
from tracker.domain.parsing.lexicon import NUMBER_WORDS
from tracker.extract import lexicon as lex
from tracker.extract.donors import (
    choose_donor,
    gives_another_sum,
    name_roles,
    role,
)
from tracker.extract.figures import Figure, FigureReader
from tracker.extract.groups import led_by_coalition, names_other_givers
from tracker.extract.kinds import (
    STRONG_CUES,
    blank,
    kind_of,
    nearest_cue,
)
from tracker.extract.names import (
    Mention,
    currency_owners,
    donor_currencies,
    find_mentions,
    leads,
    match_equipment,
)
from tracker.extract.participles import participle_kind
from tracker.extract.receivers import beside_ukraine, receives
from tracker.extract.reports import Report, names_tracker
from tracker.extract.running_totals import cumulative_of
from tracker.extract.scheme_givers import scheme_giver
from tracker.extract.sentence_figures import (
    halted_aid,
    merge_values,
    secret_package,
    without_lost_scales,
)
from tracker.extract.shared_givers import bracketed_donors, each_givers, respective_donors
from tracker.extract.text import Sentence, event_date, split_sentences
from tracker.extract.tokens import BULLET_RE, alternation, has_cue
from tracker.extract.traps import is_trap

# The event kinds a candidate can have (the ledger's allocation and correction are decided
# by the researcher, never read from news text).
KINDS = ("pledge", "delivery", "cancellation", "estimate")


@dataclass(frozen=True)
class CandidateFact:
    """One proposed ledger fact and where it was read.

    ``start``/``end`` are the sentence's offsets in the text, ``figure_start``/``figure_end``
    the figure's (for highlighting). ``equipment`` is the catalogue name the item matched.
    ``note`` says what the reader assumed (a bare "$" read as the donor's dollar, ...).
    """

    sentence: str
    start: int
    end: int
    donor: str | None
    kind: str
    item: str | None
    quantity: Decimal | None
    unit: str | None
    amount: Decimal | None
    currency: str | None
    qualifier: str | None
    cumulative: bool
    date: date | None
    equipment: str | None = None
    figure_start: int | None = None
    figure_end: int | None = None
    note: str = ""

    def as_json(self) -> dict[str, object]:
        """The object ``tracker extract --json`` prints: plain numbers, ISO date, nulls."""
        return {
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "donor": self.donor,
            "kind": self.kind,
            "item": self.item,
            "quantity": _plain_number(self.quantity),
            "unit": self.unit,
            "amount": _plain_number(self.amount),
            "currency": self.currency,
            "qualifier": self.qualifier,
            "cumulative": self.cumulative,
            "date": self.date.isoformat() if self.date else None,
            "note": self.note or None,
        }


def _plain_number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


# --- clauses -----------------------------------------------------------------------------------

_LIST_COUNT_WORDS = (
    "hundreds|thousands|tens|dozens|millions|several|some|one|two|three|four|five|six|seven"
    "|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|a|an|another"
)
# Where one statement ends and the next begins inside a sentence ("... and will send ...").
_CLAUSE_BREAK_RE = re.compile(
    r";|\s?—\s?|\s–\s|,\s+(?:while|but|whereas|bringing|taking|after)\b|\s(?:after|while)\s"
    # ", and" before a count closes a serial list ("A, B, and hundreds of vehicles").
    rf"|,\s+and\b(?!\s+(?:\d|{_LIST_COUNT_WORDS}\b))"
    r"|\s+and\s+(?=(?:has|have|had|will|would|is|are|was|were|can|could|plans?|says?|"
    r"said)\b)|\s+and\s+(?=(?:\w+\s+){0,4}(?:will|would|has|have|pledged|promised)\b)"
)
# Narrower pieces for trap words: clauses split again at commas.
# Not "4,006"; "as the need remains" opens a clause of its own (not "such as the").
_SEGMENT_BREAK_RE = re.compile(
    r"(?<!\d),|,(?!\d)|;|\s?—\s?|\s[–-]\s|(?<!such)\s(?=as\s+(?:the|its|their)\s)"
)


def _pieces(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """(start, end) of the pieces ``pattern`` cuts ``text`` into; a cut that is a word
    ("and will") stays at the start of the next piece, so its verb is read there."""
    spans, start = [], 0
    for match in pattern.finditer(text):
        spans.append((start, match.start()))
        start = match.start() if match.group().strip(" ,") else match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if b > a]


def _span_of(spans: list[tuple[int, int]], position: int) -> tuple[int, int]:
    """The piece holding ``position``."""
    for a, b in spans:
        if a <= position < b:
            return a, b
    return spans[-1]


# --- the public entry point --------------------------------------------------------------------


def extract_facts(
    text: str, *, published: date | None = None, locale: str = "en", donor: str | None = None
) -> list[CandidateFact]:
    """Every candidate aid fact in ``text``, in reading order.

    ``published`` is the article's date (or the --date the researcher gives); live-blog
    headings, stamps and datelines refine it per sentence. ``locale`` is the language the
    numbers are written in (see :mod:`tracker.domain.numbers`). ``donor`` is the publisher's
    donor code when the text is a donor's own release: its "we" and its bullet lists name no
    giver, so a sentence that names none (and follows none that did) is that donor's.
    """
    facts: list[CandidateFact] = []
    context: _Context | None = None
    # The last sentence that cited a tracker's tally: the few after it report its figures.
    tracker_at: int | None = None
    # The currency of the sentence before's last sum: "NOK 75 billion over five years.
    # Additionally, the country will provide at least 15 billion per year" counts in it.
    money: str | None = None
    # The figures stated so far: "the 70 vehicles" after a sentence that gave 70 vehicles
    # names that fact again, it states no new one (the labelling guide).
    stated: set[tuple[object, ...]] = set()
    sentences = split_sentences(text, published)
    for index, sentence in enumerate(sentences):
        usable = _usable(context, sentence, index)
        thanked = _thanked(sentences[index + 1].body) if index + 1 < len(sentences) else None
        tallied = tracker_at is not None and index - tracker_at <= _CONTEXT_REACH
        found = list(_sentence_facts(sentence, locale, usable, donor, tallied, thanked, money))
        found = [f for f in found if not _restated(text, f, stated)]
        stated |= {_figure_key(f) for f in found}
        facts.extend(found)
        money = next((f.currency for f in reversed(found) if f.currency), None)
        context = _next_context(context, sentence, index, found, locale)
        if names_tracker(sentence.body):
            tracker_at = index
    return facts


def _figure_key(fact: CandidateFact) -> tuple[object, ...]:
    return (fact.quantity, fact.unit, fact.amount, fact.currency)


# "The 70 vehicles being sent include ...", "these 14 tanks": a figure the text has named.
_DEFINITE_BEFORE_RE = re.compile(r"\b(?:the|these|those|this|all)\s+$", re.IGNORECASE)


def _restated(text: str, fact: CandidateFact, stated: set[tuple[object, ...]]) -> bool:
    """Whether ``fact`` names, with a definite article, a figure a sentence before stated."""
    if fact.figure_start is None or _figure_key(fact) not in stated:
        return False
    return _DEFINITE_BEFORE_RE.search(text[fact.start : fact.figure_start]) is not None


# Thanks right after a sentence that names no giver name it: "4 additional HIMARS have arrived
# in Ukraine. I'm grateful to the U.S. President Joe Biden ...".
_THANKS_RE = re.compile(r"\b(?:grateful|thankful|gratitude|thanks?|thanked)\b", re.IGNORECASE)


def _thanked(body: str) -> str | None:
    """The giver a sentence of thanks names first after its word of thanks, or None."""
    thanks = _THANKS_RE.search(body)
    if thanks is None:
        return None
    return next(
        (
            m.code
            for m in find_mentions(body)
            if m.start > thanks.start() and m.code not in lex.NOT_DONORS and m.code != "UA"
        ),
        None,
    )


@dataclass(frozen=True)
class _Context:
    """What the sentences before say that a following one may lean on."""

    index: int  # of the sentence that named the donor
    donor: str | None
    list_open: bool  # a header ending in ":" or a bullet line came last
    aid: bool  # that header or bullet run is about aid
    kind: str | None = None  # what the last verb of giving before said: pledge or delivery
    counted: Figure | None = None  # the last count before, for "another 10" with no noun


def _list_item(body: str) -> bool:
    """A bullet line, an item of a list run into the text ("Two NASAMS;"), or a short line
    with no closing stop ("Pharmaceuticals worth 700,000 euros"): under a header that opens a
    list, a fact sheet's item whose bullet the copy lost."""
    text = body.rstrip()
    # ("Over 12 million rounds of small arms ammunition and grenades": a bullet may be long)
    short = len(text.split()) <= _BULLET_WORDS and not text.endswith((".", "!", "?", ":"))
    # "Four additional counter-artillery radars.", "$1.25 billion - grant from the United
    # States.": a bullet whose copy kept its stop.
    counted = len(text.split()) <= _BULLET_WORDS and _COUNT_OPENING_RE.match(text) is not None
    return bool(BULLET_RE.match(body)) or text.endswith((";", "; and")) or short or counted


# The longest line with no closing stop still read as a fact sheet's item under a list header.
_BULLET_WORDS = 16
# A line that opens with its count and has no verb of its own after it.
_NUMBER_WORDS = "|".join(w for w in NUMBER_WORDS["en"] if w not in ("a", "an"))
_COUNT_OPENING_RE = re.compile(
    rf"^\s*(?:[$€£]\s*)?(?:\d[\d,.]*|(?i:{_NUMBER_WORDS}))\s+"
    r"(?![^.]*\b(?:is|are|was|were|has|have|will)\b)"
)
# Sentence openings that refer back to the one before ("It includes ...", "The package ...").
_ANAPHOR_RE = re.compile(
    r"^\s*(?:it|its|they|their|this|these|he|she|of (?:this|that|which|these)|"
    r"the (?:new |latest |same |first |second |third |next )?"
    r"(?:package|aid|shipment|donation|ministry|government|country|delivery|tranche))\b",
    re.IGNORECASE,
)


# How many sentences after the one that named a donor a sentence naming none still belongs to
# it: a follow-up paragraph of a release ("The package also contains ...", "Of this amount,
# ...") rarely strays further from its giver.
_CONTEXT_REACH = 3


# A sentence about the consignment the sentence before spoke of: "The shipment is worth ...".
_SAME_CONSIGNMENT_RE = re.compile(
    r"\W*(?:the|this|that|its)\s+(?:\w+\s+)?(?:shipment|consignment|convoy|cargo|delivery"
    r"|batch|transport|load)\b",
    re.IGNORECASE,
)


# A giving verb hedged, with no verb of giving after it: "that it may supply ... this year".
_HEDGED_GIVING_RE = re.compile(
    r"\b(?:may|might|could)\s+(?:\w+\s+)?(?:supply|send|provide|deliver|give|transfer|donate"
    r"|hand\s+over)\b(?![^.;]*\b(?:will|has|have|had)\b)",
    re.IGNORECASE,
)


def _usable(context: _Context | None, sentence: Sentence, index: int) -> _Context | None:
    """The context a sentence may use: a bullet under an aid list (its giver, when the list
    names none, is the publisher's), an anaphoric opening within
    two sentences of the donor's name, or any other sentence within a few sentences of it that
    names no giver of its own (a follow-up, a quote of "we"); "allies have pledged ..." names
    other givers, so it borrows nothing."""
    if context is None:
        return None
    if _list_item(sentence.body) and context.list_open:
        return context  # also under a header naming no giver: the publisher's own list
    if context.donor is None:
        # "A shipment departed for Ukraine. The shipment is worth €200 000.": with no giver
        # to lend, the sentence right before still lends its verb.
        follows = index - context.index <= 1 and _SAME_CONSIGNMENT_RE.match(sentence.body)
        if follows:
            return replace(context, aid=False)
        # "50,000 Starlink terminals are active. Of those, over 29,000 were supplied by
        # Poland.": the sentence right before still lends the thing it counted, nothing else.
        right_after = index - context.index <= 1 and context.counted is not None
        return replace(context, aid=False, kind=None, list_open=False) if right_after else None
    if _ANAPHOR_RE.match(sentence.body) and index - context.index <= 2:
        return context  # "Of this, €40 million is for drones": the aid named before
    if index - context.index <= _CONTEXT_REACH and not names_other_givers(sentence.body):
        return replace(context, aid=context.aid and index - context.index <= 1)
    return None


def _stated_count(body: str, locale: str) -> Figure | None:
    """The last count a sentence states that is no aid fact ("50,000 Starlink terminals are
    active"): the thing a count in the next sentence may refer back to ("Of those, over
    29,000 were supplied by Poland")."""
    counts = [f for f in FigureReader(body, locale).find() if f.unit is not None]
    return counts[-1] if counts else None


def _next_context(
    context: _Context | None,
    sentence: Sentence,
    index: int,
    found: list[CandidateFact],
    locale: str,
) -> _Context:
    body = sentence.body
    in_list = _list_item(body) and context is not None and context.list_open
    aid = has_cue(body, lex.AID_CUES) or (in_list and context is not None and context.aid)
    named = [m for m in find_mentions(body) if _names_giver(body, m)]
    # "The European Commission announced ... that Italy has donated fire engines": the giver
    # is the subject of what was announced, not who announced it.
    reported = _REPORTED_THAT_RE.search(body)
    if reported is not None and any(m.start >= reported.end() for m in named):
        named = [m for m in named if m.start >= reported.end()]
    donor = found[-1].donor if found else (named[0].code if named else None)
    # The kind the sentence gave its own figures speaks for it ("announced it would provide
    # $1 billion, the largest package provided since ..." promised); with none, its last verb.
    stated = [f.kind for f in found if f.kind in ("pledge", "delivery")]
    said = (
        stated[-1] if stated else nearest_cue(_ATTRIBUTION_RE.sub("", body), len(body), STRONG_CUES)
    )
    if said in (None, "pledge") and not stated and _HEDGED_GIVING_RE.search(body):
        said = "estimate"  # "... that it may supply the following:" lends its bullets a maybe
    if said == "pledge" and not stated and Report.of(body).pledge_is_hearsay(body):
        said = "estimate"  # "According to the newspaper, Sweden will transfer:" an outlet's plan
    kind = said or (context.kind if context is not None else None)
    last_count = next((f for f in reversed(found) if f.unit is not None), None)
    counted = (
        Figure(
            start=0, end=0, quantity=last_count.quantity, unit=last_count.unit, item=last_count.item
        )
        if last_count is not None
        else _stated_count(body, locale) or (context.counted if context is not None else None)
    )
    if donor is None and context is not None and (in_list or _ANAPHOR_RE.match(body)):
        opened = _opens_list(body) or in_list
        # "The aid package allocates ... This includes ...": a sentence that refers back to
        # the giver's aid carries its name on, as if it named it again.
        carried = index if index - context.index <= _CONTEXT_REACH else context.index
        return replace(
            context, index=carried, list_open=opened, aid=aid, kind=kind, counted=counted
        )
    if donor is None and context is not None and context.donor is not None:
        # "The department announced it on Thursday." names no one: the giver named before
        # still stands, within the same reach from the sentence that named it.
        opened = _opens_list(body)
        return replace(
            context, list_open=opened, aid=context.aid or aid, kind=kind, counted=counted
        )
    if donor is None:  # with no giver before, any name will do ("the Portuguese press")
        donor = next(
            (
                m.code
                for m in find_mentions(body)
                if m.code not in lex.NOT_DONORS and not beside_ukraine(body, m)
            ),
            None,
        )
    # The verb before still speaks for a sentence about the same giver that has none of its
    # own ("... realised support stood at €8.7 billion. It concerns 3 types of support.").
    same = context is not None and context.donor == donor
    kind = said or (context.kind if same else None)
    return _Context(index, donor, _opens_list(body) or in_list, aid, kind, counted)


_REPORTED_THAT_RE = re.compile(
    rf"\b{alternation(lex.SPEECH_VERBS)}\b[^.;]{{0,40}}?\bthat\b", re.IGNORECASE
)


# A closing attribution (", the Lithuanian Defense Ministry announced.", '..." the minister
# said.') reports the sentence; its verb is not what happened to the aid, its name not the
# giver.
_ATTRIBUTION_RE = re.compile(
    rf"(?:,|[\"”]\s*,?)\s+(?:[\w’'.-]+\s+){{0,6}}(?:{alternation(lex.SPEECH_VERBS)}"
    r"|told\s+[\w ]+)\W*$",
    re.IGNORECASE,
)


def _opens_list(body: str) -> bool:
    """A header ending in ":", or a short heading about aid with no closing stop ("Military
    support package 21"), under which a fact sheet lists its items."""
    text = body.rstrip()
    if text.endswith(":"):
        return True
    heading = not text.endswith((".", "!", "?", '"', "”")) and len(text.split()) <= 12
    return heading and has_cue(text, lex.AID_CUES)


def _names_giver(body: str, mention: Mention) -> bool:
    """Whether a name can be a sentence's giver: not a party to the war ("Russian
    aggression") and not a receiver, place or fund ("at a NATO meeting", "a grant for the
    World Bank's project"), though an owner is ("300,000 of EU's promised shells"); a sentence
    with no such name keeps the giver named before."""
    if mention.code in lex.NOT_DONORS:
        return False
    if mention.kind == "organisation" and leads(body[mention.end :]):
        return False  # "PURL, a NATO-led mechanism": describes a fund, gives nothing here
    owner = (
        body[mention.end : mention.end + 2] in ("'s", "’s")
        and mention.code not in lex.CHANNELS
        and not _CHANNEL_BEFORE_RE.search(body[: mention.start])  # "through NATO's agency"
    )
    return owner or role(body, mention) != "other"


@dataclass(frozen=True)
class _View:
    """One sentence as the fact builder sees it: words, names, clause and comma pieces."""

    sentence: Sentence
    body: str
    mentions: tuple[Mention, ...]
    clauses: list[tuple[int, int]]
    segments: list[tuple[int, int]]
    attached: list[tuple[int, int]]  # "promised by X" words, blanked when reading the verb
    day: date | None
    locale: str
    inherited_kind: str | None = None  # the kind the sentences before lend a follow-up
    tallied: bool = False  # the sentences before cite a tracker's tally


def _sentence_facts(
    sentence: Sentence,
    locale: str,
    context: _Context | None,
    publisher: str | None = None,
    tallied: bool = False,
    thanked: str | None = None,
    money: str | None = None,
) -> Iterator[CandidateFact]:
    """The candidate facts of one sentence. For one that names no giver, ``thanked`` (the
    giver thanked right after it) comes first, then the giver named before it, then the
    ``publisher`` (``--donor``); ``tallied``: a sentence before cited a tracker's tally;
    ``money``: the currency of the sentence before's last sum, for a bare "15 billion"."""
    body = sentence.body
    counted = context.counted if context is not None else None
    reader = FigureReader(body, locale, counted, money)
    figures = reader.find()
    figures += [f.share_of for f in figures if f.share_of is not None]
    figures = without_lost_scales(merge_values(reader, figures), locale)
    mentions = find_mentions(body)
    if context is not None and context.donor is not None:
        # "This includes two aircraft," the U.S. Secretary of Defense said.": with a giver
        # named before, a closing attribution names the speaker, not the giver.
        closing = _ATTRIBUTION_RE.search(body)
        if closing is not None:
            mentions = tuple(m for m in mentions if m.start < closing.start())
    view = _View(
        sentence=sentence,
        body=body,
        mentions=mentions,
        clauses=_pieces(body, _CLAUSE_BREAK_RE),
        segments=_pieces(body, _SEGMENT_BREAK_RE),
        attached=[span for f in figures for span in f.attached],
        day=event_date(body, sentence.day),
        locale=locale,
        inherited_kind=context.kind if context is not None else None,
        tallied=tallied,
    )
    # A name in a relative clause ("vehicles, which Washington has insisted on handing over")
    # says something about a thing, not who gives in this sentence.
    mentions = [m for m in view.mentions if not _RELATIVE_LEAD_RE.search(body[: m.start])]
    named = any(
        _names_giver(body, m) and not led_by_coalition(body, view.mentions, m) for m in mentions
    )
    context_donor = context.donor if context is not None and not named else None
    aid_context = context is not None and context.aid
    if not figures:
        unstated = (secret_package(body, view.mentions), halted_aid(body))
        figures = [f for f in unstated if f is not None][:1]
    # Last resorts for a sentence naming no giver: any other name in it ("of a Presidential
    # Drawdown", "by Danish companies"), then the country whose own currency it counts in,
    # then the owner of an instrument it names (lex.INSTRUMENT_OWNERS).
    # A demonym describes ("the Hungarian Presidency of the Council"); a name comes first.
    # A name in a relative clause comes last ("kroner ..., which the Danish ministry did not
    # detail"): it describes the aid, but it is still the only giver the sentence names.
    relative = [m for m in view.mentions if m not in mentions]
    others = [
        m.code
        for m in sorted(mentions, key=lambda m: m.kind == "demonym") + relative
        if m.code not in lex.NOT_DONORS | lex.CHANNELS
        and not receives(body, m)
        and not _RECIPIENT_BEFORE_RE.search(body[: m.start])  # "CHF26 million for Moldova"
        and not (m.code == "NATO" and _CHANNEL_BEFORE_RE.search(body[: m.start]))
        and not gives_another_sum(body, m, figures)
    ]
    instrument = [code for name, code in lex.INSTRUMENT_OWNERS.items() if has_cue(body, (name,))]
    fallback = (
        others[0] if others else _donor_by_currency(figures, locale) or next(iter(instrument), None)
    )
    respective = bracketed_donors(body, view.mentions, figures)
    respective |= respective_donors(body, view.mentions, figures)
    for figure in sorted(figures, key=lambda f: f.start):
        clause = _span_of(view.clauses, figure.start)
        segment = _span_of(view.segments, figure.start)
        if is_trap(body, figure, segment, clause, aid_context):
            continue
        donor, refused = choose_donor(body, view.mentions, figure, clause)
        if refused:
            continue
        donor = respective.get(figure.start, donor)
        donor = donor or thanked or context_donor or publisher or fallback
        if donor is None or donor in lex.LENDERS:
            continue  # a lender named before lends no giver: its own loans are no aid facts
        donor = scheme_giver(body, view.mentions, clause, figure.start, donor, named)
        givers = each_givers(body, view.mentions, figure, donor)
        if not givers:
            continue  # given jointly by the listed givers: no one's share is stated
        # One currency for all givers of the figure: the first giver's, except that a bare "$"
        # in a sentence naming several giving countries is the writer's, not any one of theirs
        # (no donor currency: the parser's default dollar), and that only Canada, Australia
        # and New Zealand write their own dollar as a bare "$" (Taiwan's "$1 million" is the
        # US dollar its releases count in: the labelling guide).
        bare_dollar = re.match(r"\s*\$", figure.currency_text or "") is not None
        several = bare_dollar and len(_giving_countries(body, view.mentions)) > 1
        own_currency = None if several else donor_currencies().get(givers[0])
        if bare_dollar and own_currency not in _BARE_DOLLAR_OWNERS:
            own_currency = None
        for giver in givers:
            if (fact := _fact(view, figure, giver, own_currency)) is not None:
                yield fact


_BARE_DOLLAR_OWNERS = frozenset({"CAD", "AUD", "NZD"})


_RELATIVE_LEAD_RE = re.compile(
    rf"(?:,|\band)\s+{alternation(lex.RELATIVE_PRONOUNS)}\s+(?:\w+\s+){{0,2}}$", re.IGNORECASE
)
_RECIPIENT_BEFORE_RE = re.compile(r"\bfor\s+(?:the\s+)?$", re.IGNORECASE)
# "invested through the drone coalition": a coalition money passes through gives none of it
# ("through JICA", "through the EU's mechanism" name the giver's own channel, so they may).
_CHANNEL_BEFORE_RE = re.compile(r"\b(?:through|via|into)\s+(?:the\s+|an?\s+)?(?:\w+\s+)?$", re.I)


def _giving_countries(body: str, mentions: tuple[Mention, ...]) -> set[str]:
    """The countries a sentence names in a giver's place (not Ukraine, Russia or places)."""
    return {
        m.code
        for m, found in name_roles(body, mentions)
        if found != "other"
        and m.kind in ("country", "demonym", "metonym", "official")
        and m.code not in lex.NOT_DONORS
        and m.code != "UA"
    }


def _donor_by_currency(figures: list[Figure], locale: str) -> str | None:
    """The country whose own currency the sentence's money is in ("DKK 4.3 billion" -> DK),
    for sentences that name no donor."""
    for figure in figures:
        if figure.currency_text is None:
            continue
        try:
            currency = parse_money(figure.currency_text, locale).currency
        except ParseError:
            continue
        if currency in currency_owners() and currency_owners()[currency] != "UA":
            return currency_owners()[currency]  # hryvnias name the receiver, never a giver
    return None


# Funds and coalitions whose totals are what their members paid in or promised: a total they
# "have raised" or that "has reached" a sum is committed to Ukraine, not yet delivered.
_FUND_WORD_RE = re.compile(r"\b(?:coalition|fund)\b", re.IGNORECASE)
_POOL_TOTAL_RE = re.compile(
    r"\b(?:raised|reached|surpassed|exceeded|collected|amounted|totall?ed)\b", re.IGNORECASE
)


def _fact(
    view: _View, figure: Figure, donor: str, donor_currency: str | None
) -> CandidateFact | None:
    """The candidate for one figure, or None when its money cannot be read for certain.
    ``donor_currency`` settles a bare "$" or "kroner" (see :func:`_sentence_facts`)."""
    clause = _span_of(view.clauses, figure.start)
    segment = _span_of(view.segments, figure.start)
    body = blank(view.body, view.attached)
    kind = participle_kind(view.body, figure, segment) or kind_of(
        body, figure, clause, segment, view.inherited_kind, view.tallied
    )
    pooled = donor in lex.POOLED_FUNDS or (donor == "NATO" and _FUND_WORD_RE.search(body))
    if kind == "delivery" and pooled and _POOL_TOTAL_RE.search(body[clause[0] : clause[1]]):
        kind = "pledge"  # "the fund has raised £73 million": paid in, not yet handed to Ukraine
    amount = currency = None
    qualifier = figure.qualifier
    note = ""
    if figure.currency_text is not None:
        try:
            money = parse_money(
                figure.currency_text,
                view.locale,
                donor_currency=donor_currency,
            )
        except ParseError:
            return None
        if not money.amount:
            return None  # "1,300 .000 dollars" read as 0: a number broken apart, never a sum
        amount, currency, note = money.amount, money.currency, money.note
        if money.qualifier != "exact":
            qualifier = money.qualifier
    note = "; ".join(n for n in (figure.note, note) if n)
    entry = match_equipment(figure.item) if figure.item else None
    offset = view.sentence.body_start
    cumulative = cumulative_of(view.body, figure, kind, clause)
    return CandidateFact(
        sentence=view.sentence.text,
        start=view.sentence.start,
        end=view.sentence.end,
        donor=donor,
        kind=kind,
        item=figure.item,
        quantity=figure.quantity,
        unit=figure.unit,
        amount=amount,
        currency=currency,
        qualifier=qualifier,
        cumulative=cumulative,
        # A running total is stated as of the sentence's day, whenever it began.
        date=view.day or (view.sentence.day if cumulative else None),
        equipment=entry.name if entry else None,
        figure_start=offset + figure.start if figure.end else None,
        figure_end=offset + figure.end if figure.end else None,
        note=note,
    )
