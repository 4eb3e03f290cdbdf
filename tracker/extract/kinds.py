"""What a figure is: a pledge, a delivery, an estimate or a cancellation, and whether it is a
running total.

Why a module of its own: the verbs, tenses and hedges that decide the kind are one body of
rules, read by the extractor for every figure and by the context that carries a sentence's
verb to the next one; kept apart from who gave it (:mod:`tracker.extract.donors`) and from
whether it is aid at all (:mod:`tracker.extract.traps`).
"""

from __future__ import annotations

import re

from tracker.extract import lexicon as lex
from tracker.extract.estimates import estimate_in, own_clause_start, receiver_expects
from tracker.extract.figures import Figure
from tracker.extract.reports import Report
from tracker.extract.tokens import alternation, blank_out, cue_spans, has_cue

# The words that may stand between a phrase and the figure it leads to ("stands at about",
# "a contribution of approximately", "worth up to"), one list for every pattern here.
_ROUGHLY = (
    r"(?:(?:about|around|approximately|roughly|nearly|almost|over|some|more\s+than|up\s+to)\s+)?"
)


def nearest_cue(text: str, position: int, cue_sets: dict[str, tuple[str, ...]]) -> str | None:
    """The kind whose cue is nearest before ``position`` (else nearest after), or None.

    A delivery verb under a future auxiliary ("would be sent") is a pledge, and a verb whose
    object is talk ("provided details") says nothing about aid.
    """
    best_before: tuple[int, str] | None = None
    after: list[tuple[int, str]] = []
    low = text.lower()
    for kind, cues in cue_sets.items():
        for a, b in cue_spans(text, cues):
            if re.match(
                r"\s+(?:(?:detailed|more|further|new)\s+)?(?:details|information|an update"
                r"|no details|(?:the\s+|\w+\s+)?(?:authority|"
                r"authori[sz]ation|power|right|permission|mandate)\s+(?:to|for)\b)",
                low[b:],
            ):
                continue  # "provided details", "has been given the authority to order ..."
            found = kind
            if kind == "pledge" and re.match(r"\s+(?:also\s+)?(?:include|contain)", low[b:]):
                continue  # "which will include": the tense of a list, not of the giving
            if re.match(r"\s+(?:an?\s+)?(?:agreement|deal|consensus|compromise)\b", low[b:]):
                continue  # "reached an agreement on the allocation of €50 billion": a decision
            if low[a:b] == "paid" and re.match(
                r"\s+(?:for|tribute|attention|homage|respects|off|a\s+visit|visits?)\b", low[b:]
            ):
                continue  # "paid for the shells", "paid tribute": no payment made
            if re.match(r"\s+that\b", low[b:]):
                continue  # "announced that 19 tanks have been handed over": the clause's verb
            if _attributive(low, a, b, kind):
                continue  # "delivered the promised 19 howitzers": the main verb speaks
            participle = low[a:b].endswith(("ed", "sent", "given", "paid out"))
            if kind == "delivery" and participle and _MAKER_AFTER_RE.match(low, b):
                continue  # "ammunition supplied by Canadian companies": where it comes from
            if kind == "delivery" and (
                re.search(
                    r"\b(?:will|would|to|shall|should|can|must)\s+(?:then\s+|soon\s+|also\s+)?"
                    r"(?:be\s+|have\s+(?:been\s+)?)?$",
                    low[:a],
                )
                or (
                    participle and re.search(r"\b(?:(?:is|are)\s+(?:being\s+)?|being\s+)$", low[:a])
                )
            ):
                # "will be sent", "is being provided", "the vehicles being sent": not yet
                # handed over
                found = "pledge"
            if kind == "delivery" and _FUTURE_NOUN_RE.search(low[max(0, a - 40) : a]):
                found = "pledge"  # "the EU will make a second disbursement of €1.5 billion"
            if kind == "delivery" and _NOT_YET_RE.search(low[:a]):
                found = "pledge"  # "has not yet transferred the €5 million it promised"
            if kind == "delivery" and re.search(r"\b(?:could|may|might)\s+(?:be\s+)?$", low[:a]):
                found = "estimate"  # "800,000 shells could be sent"
            if kind == "delivery" and _APPROVED_PAYMENT_RE.search(low[max(0, a - 40) : b]):
                found = "pledge"  # "approved the fifth disbursement": a decision to pay
            if b <= position and (best_before is None or b > best_before[0]):
                best_before = (b, found)
            elif a >= position:
                after.append((a, found))
    if best_before is not None:
        return best_before[1]
    return _main_verb_after(low, position, sorted(after))


# A giving denied is not (yet) done: what was promised stays promised ("has not yet
# transferred", "have never been delivered", "has yet to send", "failed to deliver").
_NOT_YET_RE = re.compile(
    r"\b(?:not|never|n[o’']t|yet\s+to|failed\s+to|no\s+longer)\s+(?:yet\s+|already\s+)?"
    r"(?:been\s+|be\s+)?$"
)
# A noun of paying under a future verb: "will make a second disbursement", "to make the
# first payment".
_FUTURE_NOUN_RE = re.compile(
    r"\b(?:will|would|to|shall)\s+(?:then\s+|also\s+)?(?:make|carry\s+out|effect)\s+"
    r"(?:the\s+|an?\s+|its\s+)?(?:\w+\s+){0,2}$"
)
# "for previously delivered military systems": a participle describing a thing.
_ATTRIBUTIVE_PAST_RE = re.compile(
    r"\b(?:for|of|on|to|with|the|its|their|and)\s+(?:(?!(?:has|have|had|was|were|is|are|been)\b)"
    r"\w+\s+)?(?:previously|earlier|already)\s+$"
)
# A noun (not an object's determiner, a number or a sum) right after a participle: "previously
# delivered systems", not "the Commission already disbursed the first €1 billion".
_NOUN_AFTER_RE = re.compile(
    r"\s+(?!(?:the|a|an|its|their|to|by|in|on|at|from|with|over|about|some|all)\b)[a-z]"
)
_MAKER_AFTER_RE = re.compile(
    r"\s+by\s+(?:\S+\s+){0,2}(?:companies|firms|industry|manufacturers?|producers?|contractors?)\b"
)
# A verb with its auxiliary: the main verb of a subject, not of a relative clause within it.
_FINITE_BEFORE_RE = re.compile(
    r"\b(?:has|have|had|is|are|was|were)\s+(?:(?:\w+ly|already|now|also|been)\s+){0,3}$"
)


_AUXILIARY_RE = re.compile(r"(?:has|have|had|is|are|was|were)\b")  # a cue that starts with one


def _main_verb_after(low: str, position: int, after: list[tuple[int, str]]) -> str | None:
    """The kind of the first verb after a figure that opens a sentence; when that verb sits
    in a relative clause about the figure ("The first four of 13 jets that Slovakia decided to
    give have been handed over"), the subject's own verb after it decides."""
    if not after:
        return None
    first_at, first_kind = after[0]
    # "The first two of six systems Germany pledged have been handed over": a participle
    # right after a name is a relative clause without "that".
    reduced = (
        re.match(r"(?:pledged|promised|committed)\b", low[first_at:])
        and re.search(r"\b[a-z]+\s+$", low[position:first_at])
    ) or low[:first_at].endswith("to be ")  # "14 carriers to be donated to Ukraine have left"
    if reduced or re.search(r"\b(?:that|which|who)\b", low[position:first_at]):
        for at, kind in after[1:]:
            if _FINITE_BEFORE_RE.search(low[:at]) or _AUXILIARY_RE.match(low, at):
                return kind
    return first_kind


def _attributive(low: str, a: int, b: int, kind: str) -> bool:
    """Whether the cue ``low[a:b]`` is a participle used as an adjective, which describes a
    thing while the sentence's own verb says what happened to it: a promise right after a
    determiner ("delivered the promised 19 howitzers", "all the pledged tanks"), or any
    participle after an adverb of time and before its noun ("spare parts for previously
    delivered systems", "the previously announced donations were delivered"; not "the
    Commission already disbursed the first €1 billion")."""
    if not low[a:b].endswith("ed"):
        return False
    if kind == "pledge" and _ATTRIBUTIVE_RE.search(low[:a]) and low[b:].startswith(" "):
        return True
    return bool(_ATTRIBUTIVE_PAST_RE.search(low[:a]) and _NOUN_AFTER_RE.match(low, b))


_ATTRIBUTIVE_RE = re.compile(r"\b(?:the|its|their|all|all the|all of the)\s+$")
# A payment approved or authorised is decided, not yet made.
_APPROVED_PAYMENT_RE = re.compile(
    r"\b(?:approved?|approves|authori[sz]ed?|endorsed?|greenlit|green-lit|cleared|adopted|"
    r"supported|decided\s+to\s+make)\s+(?:\w+\s+){0,4}(?:disbursement|payment|tranche|transfer)$"
)
_WEAK_PLEDGE_CUES = ("includes", "include", "including", "contains", "package", "included")
STRONG_CUES = {
    "delivery": lex.DELIVERY_CUES,
    "pledge": tuple(c for c in lex.PLEDGE_CUES if c not in _WEAK_PLEDGE_CUES),
}
# A package's contents in the future tense are still to come, whatever the sentence before
# says was received.
_FUTURE_CONTENTS_RE = re.compile(
    r"\b(?:will|would|shall|is\s+to|are\s+to)\s+(?:also\s+)?(?:include|contain|comprise)\b",
    re.IGNORECASE,
)
_CANCELLATION_NOUNS = ("suspension", "cancellation")
# Equipment "withdrawn from the armed forces in order to be donated" leaves service, not the
# aid.
_OUT_OF_SERVICE_RE = re.compile(
    r"\bwithdrawn\s+from\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?:service|forces|army|stocks|inventory)\b"
    # "seven Gepard tanks that had been destined for the scrap pile": where they came from.
    r"|\bdestined\s+for\s+(?:the\s+)?scrap(?:\s+(?:pile|heap|yard))?\b|\bscrap\s+(?:pile|heap)\b",
    re.IGNORECASE,
)


_SPENDING_AFTER_RE = re.compile(
    r"\s+(?:(is\s+being|are\s+being)\s+spent|(?:already|previously)\s+"
    r"(?:spent|provided|delivered|paid|disbursed|transferred|donated))\b",
    re.IGNORECASE,
)
_SINCE_RE = re.compile(
    r"\bsince\s+(?:[\w.]+\s+){0,2}?(?:last|this)\s+year\b"
    # "since Russia first illegally invaded ... 16 months ago": the war's start, not a giving
    r"|\bsince\s+[^,;.]{0,60}?\b(?:invaded|invasion|war|aggression)\b[^,;.]*",
    re.I,
)


# Giving the text says happens now: a progressive verb of giving with "today" or "now".
_UNDER_WAY_NOW_RE = re.compile(
    r"\b(?:today|now|currently)\b[^.;]{0,40}\b(?:is|are|am)\s+(?:now\s+)?"
    r"(?:transferring|sending|delivering|handing\s+over|disbursing|shipping)\b"
    # "Today we disburse another €1.5 bn", "€3 billion is being paid to Ukraine today".
    r"|\b(?:today|now)\b[^.;]{0,30}\b(?:we|i)\s+(?:also\s+)?(?:disburse|transfer|pay|deliver)\b"
    r"|\b(?:we|i)\s+(?:disburse|transfer|pay)\s+today\b"
    r"|\bis\s+being\s+(?:paid|disbursed|transferred)\b[^.;]{0,30}\btoday\b"
    r"|\btoday\b[^.;]{0,30}\bis\s+being\s+(?:paid|disbursed|transferred)\b"
    r"|\b(?:is|are|am)\s+(?:now\s+|currently\s+|actively\s+)"
    r"(?:transferring|sending|delivering|handing\s+over|disbursing|shipping|providing|supplying)\b"
    # Shipped: "the successful shipment of 100 carriers", "60 Bradleys left South Carolina".
    r"|\bsuccessful(?:ly)?\s+(?:shipment|delivery|transfer|handover|dispatch|delivered|shipped)\b"
    r"|\bleft\s+(?-i:[A-Z][a-z]+)"
    # In transit, quoted or not: "a package ... is “on its way”".
    r"|\b(?:is|are)\s+(?:now\s+|already\s+)?[\"“‘']?on\s+(?:its|their)\s+way\b"
    # Aid moving: "Ottawa is transporting four vehicles to Kyiv", "shipments currently underway"
    r"|\b(?:currently|now)\s+(?:underway|under\s+way)\b"
    r"|\b(?:is|are)\s+(?:now\s+)?transporting\b"
    # "is in the process of delivering two Patriot systems"
    r"|\bin\s+the\s+process\s+of\s+(?:transferring|sending|delivering|handing\s+over|shipping)\b"
    # "the delivery of 140,000 shells was completed", "reported delivering a Patriot system"
    r"|\b(?:delivery|transfer|handover|shipment)\s+of\b[^.;]{0,80}\b(?:was|were|has\s+been"
    r"|had\s+been|is)\s+(?:now\s+|fully\s+)?completed\b"
    # ("confirmed sending 19 F-16s" confirms a decision: no)
    r"|\breported\s+(?:delivering|transferring|handing\s+over|sending)\b"
    # Ukraine's finance ministry "attracted the 10th tranche": the money came in.
    r"|\b(?:ukraine|ministry\s+of\s+finance(?:\s+of\s+ukraine)?|finance\s+ministry)\s+(?:has\s+)?"
    r"attracted\b",
    re.IGNORECASE,
)


# "since Russia's full-scale invasion began in 2022": the war began, no delivery.
_WAR_BEGAN_RE = re.compile(
    r"\b(?:war|invasion|aggression|conflict|offensive|hostilities)\s+(?:in\s+\w+\s+)?"
    r"(?:began|started|has\s+begun|had\s+begun|broke\s+out)\b",
    re.IGNORECASE,
)


# "provided that parliament gave its approval": a condition, not what happened to the aid.
_CONDITION_CLAUSE_RE = re.compile(
    r"\b(?:provided|providing)\s+that\b[^,;.]*|\bon\s+(?:the\s+)?condition\s+that\b[^,;.]*",
    re.IGNORECASE,
)


# "composed of items to provide shelter for displaced persons": what the items are for.
_PURPOSE_INFINITIVE_RE = re.compile(
    r"\b(?:items|equipment|goods|supplies|materials?|generators|kits)\s+(?:[\w-]+\s+){0,2}?"
    r"to\s+(?:provide|ensure|supply)\s+(?:shelter|heat|heating|power|electricity|water|light"
    r"|protection|warmth|care)\b",
    re.IGNORECASE,
)


def kind_of(
    body: str,
    figure: Figure,
    clause: tuple[int, int],
    segment: tuple[int, int],
    inherited: str | None = None,
    tallied: bool = False,
) -> str:
    """pledge / delivery / cancellation / estimate for one figure.

    A cancellation verb anywhere in the clause wins ("cancelled a planned package"); an
    estimate word in the figure's own comma-piece comes next ("could reach"); otherwise the
    nearest verb decides, weak words like "includes" only when nothing else speaks.
    ``inherited`` is the kind the verb of the sentences before gave a follow-up that has no
    verb of its own ("Germany has handed over a package. It includes eight trucks.").
    ``tallied``: the sentences before cite a tracker's tally (:func:`names_tracker`).
    """
    if figure.forced_kind:
        return figure.forced_kind
    # The war's start is no giving begun; a thing's purpose ("items to provide shelter") no
    # verb of giving.
    text = blank_out(_PURPOSE_INFINITIVE_RE, blank_out(_WAR_BEGAN_RE, body))
    text = blank_out(_CONDITION_CLAUSE_RE, text)
    clause_text = text[clause[0] : clause[1]]
    if _TO_THE_DESK_RE.search(clause_text):
        return "pledge"  # "a $40.1 billion aid package is on its way to Biden's desk": a bill
    if _COMMITMENTS_AFTER_RE.match(text, figure.end):
        return "pledge"  # "$28 billion in security assistance commitments have been provided"
    if _FUND_STANDS_AT_RE.search(text[clause[0] : figure.start]):
        return "pledge"  # "the International Fund for Ukraine now stands at over £1.3 billion"
    if HANDED_TOTAL_RE.search(clause_text) and _TOTAL_LEVEL_RE.search(text[: figure.start]):
        # "raising to 532 tonnes the total of equipment supplied to Ukraine", "the total value
        # of the material delivered ... will reach 2.3 billion euros"
        return "delivery"
    if has_cue(
        _OUT_OF_SERVICE_RE.sub("", clause_text), lex.CANCELLATION_CUES + _CANCELLATION_NOUNS
    ):
        return "cancellation"
    # "As the agency earlier reported, ..." points back to an earlier story: it is no hearsay.
    report = Report.of(text)
    if estimate_in(text[own_clause_start(text, segment[0], figure) : figure.end]) or (
        (tallied or report.third_party) and not report.own_word
    ):
        return "estimate"
    if receiver_expects(text, clause):
        return "estimate"  # "we will receive EUR 1.89 billion," said a Ukrainian minister
    kind = _stated_kind(text, figure, clause, segment, inherited)
    if kind == "pledge" and report.pledge_is_hearsay(text[clause[0] : clause[1]]):
        return "estimate"
    return kind


# The whole a part comes out of is what was promised, whatever happened to the part (the one
# place that says so; the money reader keeps such a sum as a figure of its own): "a €1.5
# billion tranche as part of a larger €50 billion package", "the
# second tranche of EUR 1.5 billion as part of the EUR 18 billion programme", "the first batch
# of six F-16 jets out of 19", "the first part of the 570 generators", "the second part of a
# total grant of $4.5 billion" (but "the first tranche of €2 billion" is the part), "under the
# current programme with a total amount of EUR 1.2 billion", "to be delivered under the U.S.
# $800 million package".
_WHOLE_BEFORE_RE = re.compile(
    r"(?i:\b(?:under|within|as\s+(?:a\s+)?part\s+of|out\s+of)\s+(?:a\s+total\s+of\s+|(?:an?\s+"
    r"|the\s+|its\s+|their\s+)?(?:(?:larger|large|wider|broader|overall|total|new|planned"
    r"|multi-year)\s+)?)"
    rf"|\bpart\s+of\s+(?:a|an|the)\s+[^.;]{{0,80}}?\bworth\s+{_ROUGHLY}"
    # "paid €1.5 billion under the MFA+ package for Ukraine, worth up to €18 billion"
    # "as part of the winter support package, increased to EUR 120 million"
    r"|\b(?:under|from|within|as\s+part\s+of)\s+(?:a|an|the)\s+[^.;]{0,80}?\b(?:package|programme"
    rf"|program|facility|envelope|instrument|scheme)\b[^.;]{{0,30}}?,?\s+(?:worth|(?:increased"
    rf"|raised)\s+to|total(?:l)?ing)\s+(?:a\s+total\s+of\s+)?{_ROUGHLY}"
    r"|\b(?:first|second|third|fourth|fifth|next|last|final)\s+(?:part|batch|tranche|instalment"
    r"|installment|portion)\s+of\s+(?:the\s+|a\s+total\s+(?:[\w-]+\s+)?of\s+"
    r"|the\s+(?:[\w-]+\s+){1,4}?worth\s+)"
    r"|\b(?:under|as\s+part\s+of)\s+[^.;,]{0,60}?\bwith\s+a\s+total\s+(?:amount|value|volume"
    r"|budget|size)\s+of\s+"
    r"|\btotal\s+(?:amount|value|volume|size)\s+of\s+which\b[^.;]{0,40}?\b(?:is|was|amounts\s+to"
    r"|stands\s+at)\s+"
    # "the first official payment from a €50 billion aid package"
    r"|\b(?:payment|tranche|instalment|installment|disbursement)\s+from\s+(?:a|an|the)\s+)"
    # one owner between: "under the U.S. $800 million", "as part of the EU's EUR 18 billion"
    r"(?:[A-Z]\.(?:[A-Z]\.)+\s+|\w+['’]s\s+)?$"
)


# A total of what was promised or given is at most promised: "Germany has pledged or provided
# military assistance totaling around 28 billion euros", "had already pledged or sent".
_PLEDGED_OR_GIVEN_RE = re.compile(
    r"\b(?:pledged|promised|committed)\s+or\s+(?:provided|delivered|sent|supplied|given|paid)\b"
    r"|\b(?:provided|delivered|sent|supplied|given|paid)\s+or\s+(?:pledged|promised|committed)\b"
    # A promise the receiver was given: "has received official confirmation for two systems";
    # a maker's order: "received an order from the German government for 100,000 shells"
    r"|\b(?:received|got|obtained|won)\s+(?:an?\s+|the\s+)?(?:official\s+|formal\s+|firm\s+)?"
    r"(?:confirmation|commitments?|assurances?|guarantees?|promises?|orders?|contracts?)\s+"
    r"(?:for|of|from)\b",
    re.IGNORECASE,
)


# Giving that a step will make possible is still to come: "This finding will also enable the
# disbursement of a further monthly payment of €1.5 billion", "will pave the way for".
_ENABLES_GIVING_RE = re.compile(
    r"\b(?:will|would|should)\s+(?:also\s+)?(?:enable|allow|unlock|pave\s+the\s+way\s+for)\s+"
    r"(?:the\s+)?(?:disbursement|payment|delivery|transfer|release)\b",
    re.IGNORECASE,
)


# A hand-over held: "a ceremony was held in Odesa to hand over 20 humvees", "at an official
# handover ceremony".
_HANDOVER_CEREMONY_RE = re.compile(
    r"\bceremony\s+(?:was\s+held|took\s+place|held)\b[^.;]{0,60}?\bto\s+(?:hand\s+over|transfer"
    r"|deliver)\b|\b(?:at|during)\s+(?:an?\s+|the\s+)?(?:official\s+)?hand-?over\s+ceremony\b",
    re.IGNORECASE,
)
# A payment announced or made, its sum before its noun: "announced the last $3.4 billion
# disbursement", "made a €1.5 billion payment" (not "will make a ... payment").
_MADE_PAYMENT_RE = re.compile(
    r"(?<!will\s)(?<!to\s)\b(?:announced|made|completed|confirmed)\s+(?:the|a|an|its)\s+"
    r"(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
_PAYMENT_AFTER_RE = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?(?:disbursement|payment|tranche)\b", re.IGNORECASE
)


# A transfer announced for later is still to come: "has announced the transfer of four MiG-29s
# to Ukraine in the coming days" (not "announced the delivery of" what has arrived).
_TRANSFER_TO_COME_RE = re.compile(
    r"\bannounced\s+(?:the\s+)?(?:transfer|delivery|handover|shipment)\s+of\b[^.;]*?"
    r"\b(?:in\s+the\s+(?:coming|next)\s+(?:few\s+)?(?:days|weeks|months)|next\s+(?:week|month)"
    # "announced the delivery of 2 million shells to Ukraine by the end of 2025"
    r"|by\s+the\s+end\s+of\s+(?:the\s+year|this\s+year|next\s+year|\d{4}))\b",
    re.IGNORECASE,
)


def _stated_kind(
    text: str,
    figure: Figure,
    clause: tuple[int, int],
    segment: tuple[int, int],
    inherited: str | None,
) -> str:
    """The kind the sentence's own words give a figure (no third party's tally in it)."""
    clause_text = text[clause[0] : clause[1]]
    if _scheduled(text, figure) or _FUTURE_AFTER_RE.match(text, figure.end):
        return "pledge"  # "another 20 expected to arrive by June", "a further 1,615 will be sent"
    if _WHOLE_BEFORE_RE.search(text, clause[0], figure.start):
        return "pledge"  # "the first batch of six F-16 jets out of 19"
    if _PLEDGED_OR_GIVEN_RE.search(text, clause[0], figure.start):
        return "pledge"  # "has pledged or provided ... totaling around 28 billion euros"
    if _TRANSFER_TO_COME_RE.search(text[clause[0] : clause[1]]):
        return "pledge"  # "announced the transfer of four MiG-29s ... in the coming days"
    if _ENABLES_GIVING_RE.search(text, clause[0], figure.start):
        return "pledge"  # "will enable the disbursement of a further payment of €1.5 billion"
    if _HANDOVER_CEREMONY_RE.search(clause_text):
        return "delivery"  # "a ceremony was held in Odesa to hand over 20 armored humvees"
    if _MADE_PAYMENT_RE.search(text[clause[0] : figure.start]) and _PAYMENT_AFTER_RE.match(
        text, figure.end
    ):
        return "delivery"  # "the Treasury announced the last $3.4 billion disbursement"
    if (after_verb := _SPENDING_AFTER_RE.match(text, figure.end)) is not None:
        # "$40 million already spent" was given; "$30 million is being spent on drones" is
        # a plan in progress, a pledge (the labelling guide's present progressive)
        return "pledge" if after_verb.group(1) else "delivery"
    if (own_verb := _own_verb_after(text, figure, segment)) is not None:
        return own_verb  # "..., and 8 vehicles arrived in May": the count's own verb
    # A relative clause after the figure hedges something else: "$2.1 billion will go toward
    # new equipment that could take months to deliver" is still a pledge of the money.
    after = _RELATIVE_CLAUSE_RE.split(text[figure.end : segment[1]], maxsplit=1)[0]
    if estimate_in(after) and not nearest_cue(text[segment[0] : figure.start], 0, STRONG_CUES):
        return "estimate"  # "$2bn is expected", but not "pledged €35bn and is expected to ..."
    if _CARRIED_RE.search(text[clause[0] : figure.start]):
        return "delivery"  # "A train carrying five T-72 tanks ..." to Ukraine: under way
    lot = _DELIVERED_LOT_RE.search(text, clause[0], clause[1])
    if lot is not None and lot.start() < figure.start and inherited != "pledge":
        return "delivery"  # "The new German deliveries also include 10 more vehicles"
    if _hedged_fate(text, figure, segment):
        return "estimate"  # "500,000 shells outside Europe that could be bought and sent"
    if _REPORTED_GIVING_RE.search(text[clause[0] : figure.start]):
        return "delivery"  # "reported an urgent transfer of", "made a €200,000 contribution"
    part_of = _OF_WHICH_BEFORE_RE.search(text, clause[0], figure.start)
    if part_of is not None and (
        part_kind := nearest_cue(text[part_of.end() : clause[1]], 0, STRONG_CUES)
    ):
        return part_kind  # "promised a million shells, of which 300,000 had arrived"
    position = figure.start - clause[0]
    clause_text = _blank_agent_participles(clause_text)
    # "90 missiles on top of £7.6 billion of assistance sent since 2022": what comes after
    # "on top of" has its own verb, not the figure's.
    other = _OTHER_THING_AFTER_RE.search(clause_text, figure.end - clause[0])
    kind = nearest_cue(
        clause_text[: other.start()] if other else clause_text, position, STRONG_CUES
    )
    if kind is None and other is not None and other.group().startswith(","):
        return "pledge"  # "allocating €3.5 billion, of which €2 billion will be spent": the whole
    if kind is None:
        kind = nearest_cue(_blank_agent_participles(text[: clause[0]]), clause[0], STRONG_CUES)
    if kind is None and clause[0] == 0:
        # "1,200 generators and 500 transformers, and six vehicles have been provided": a list
        # opening the sentence takes the verb that closes it.
        kind = nearest_cue(text[clause[1] :], 0, STRONG_CUES)
    # ("since February last year" starts a total's period; it does not date a giving)
    dated = _SINCE_RE.sub("", SUPERLATIVE_RE.sub("", clause_text))
    if kind is None and has_cue(dated, lex.PAST_TIME_CUES):
        kind = "delivery"  # "aid so far includes 39 vehicles", "sending 31 tanks last year"
    if kind is None and has_cue(dated, lex.TOTAL_VERB_CUES):
        kind = inherited or "pledge"  # "Polish aid has surpassed EUR 1.8 billion"
    if kind in (None, "pledge") and _UNDER_WAY_NOW_RE.search(clause_text):
        kind = "delivery"  # "Today we are transferring €3 billion": giving under way now
    if kind is None and _FUTURE_CONTENTS_RE.search(clause_text):
        kind = "pledge"  # "the package will include 300 solar stations": still to come
    kind = kind or inherited
    if kind is None and has_cue(clause_text, _WEAK_PLEDGE_CUES):
        kind = "pledge"
    return kind or "pledge"


# A participle of giving with its agent right after a counted thing describes where that
# thing came from ("including 5 used vehicles donated by our fire services", "the second
# Patriot system provided by the country will arrive"): it is no verb of the sentence. Not
# after a measure of what was given ("the total value of equipment supplied by Finland is
# 2.2 billion euros", "€668 million to Ukraine provided by the EIB"), nor "were donated by".
_AGENT_PARTICIPLE_RE = re.compile(
    r"(?i:\b(?:\d[\d,.]*|two|three|four|five|six|seven|eight|nine|ten|twelve|dozens|hundreds"
    r"|thousands|first|second|third|fourth|fifth|sixth|previous|earlier)\s+"
    r"(?:(?:(?!(?:to|of|for|in|from|and|or|million|billion|was|were|is|are|been|have|has|had)\b)"
    r"[\w-]+\s+){0,4}?[\w-]+\s+"
    # set off by a comma: "60 pallets of medical supplies, donated by Australian citizens,"
    r"|(?:[\w-]+\s+){0,5}?[\w-]+,\s+))"
    r"((?i:donated|supplied|provided|delivered|sent|given|gifted|transferred|handed\s+over)"
    r"\s+by)\b"
)


def _blank_agent_participles(text: str) -> str:
    """``text`` with the participles of :data:`_AGENT_PARTICIPLE_RE` blanked, offsets kept."""

    def blank(match: re.Match[str]) -> str:
        start, end = match.span(1)
        whole = match.group()
        cut = start - match.start()
        return whole[:cut] + " " * (end - start) + whole[cut + end - start :]

    return _AGENT_PARTICIPLE_RE.sub(blank, text)


_OTHER_THING_AFTER_RE = re.compile(
    r"\b(?:on\s+top\s+of|in\s+addition\s+to|adding\s+to|which\s+adds\s+to)\b"
    # "totals €50 billion, of which €12 billion has been disbursed": the part's verb
    r"|,\s*of\s+which\b",
    re.IGNORECASE,
)
# A part of a whole just named takes the verb of its own relative clause: "of which about
# 300,000 had arrived", "of which Ukraine has already received $16 billion".
_OF_WHICH_BEFORE_RE = re.compile(r"\bof\s+which\s+(?:[\w’'-]+\s+){0,5}?$", re.IGNORECASE)


# A delivery the giver has scheduled, right after its count: "another 20 expected to arrive
# by early June", "the delivery of three more is expected next year", "a fourth scheduled
# for delivery this winter".
_SCHEDULED_AFTER_RE = re.compile(
    r"\s+(?:more\s+)?(?:(?:is|are)\s+)?(?:expected|scheduled|due)\s+(?:to\s+(?:arrive|follow"
    r"|take\s+place|be\s+(?:delivered|handed\s+over|shipped))|for\s+(?:delivery|shipment))\b"
    # "The next payment of 1.5 billion euros is planned for this month"
    r"|\s+(?:is|are)\s+planned\s+for\b",
    re.IGNORECASE,
)
_EXPECTED_AFTER_RE = re.compile(r"\s+(?:more\s+)?(?:is|are)\s+(?:expected|scheduled|due)\b", re.I)
_DELIVERY_OF_RE = re.compile(
    r"\b(?:delivery|deliveries|arrival|shipment|handover|transfer|disbursement|payment)\s+of"
    r"\s+(?:\w+\s+)?$",
    re.I,
)


def _scheduled(text: str, figure: Figure) -> bool:
    """Whether the figure is a delivery the giver has scheduled (see _SCHEDULED_AFTER_RE)."""
    return bool(
        _SCHEDULED_AFTER_RE.match(text, figure.end)
        or (
            _EXPECTED_AFTER_RE.match(text, figure.end)
            and _DELIVERY_OF_RE.search(text[: figure.start])
        )
    )


# A figure that opens its clause ("..., and 8 vehicles arrived", "As part of its commitment,
# 5,000 meals and 200 vests were provided") is the subject of the first finite verb after it.
_CLAUSE_OPENS_RE = re.compile(
    r"(?:^\s*|[,;:]\s*|\band\s+|\bwhile\s+|\bwhereas\s+)(?:the\s+|another\s+|a\s+further\s+)?"
    rf"{_ROUGHLY}$",
    re.IGNORECASE,
)
_FINITE_VERB_RE = re.compile(
    r"\b(?:have|has|had|were|was|is|are)\s+(?:already\s+|now\s+|also\s+|just\s+)?(?:been\s+)?$"
)
_ARRIVAL_RE = re.compile(r"\s+(?:arrived|reached|departed|left\s+for)\b", re.IGNORECASE)


def _own_verb_after(text: str, figure: Figure, segment: tuple[int, int]) -> str | None:
    """The kind of the finite verb whose subject is a figure opening its clause, or None."""
    if not _CLAUSE_OPENS_RE.search(text[segment[0] : figure.start]):
        return None
    if _ARRIVAL_RE.match(text, figure.end):
        return "delivery"
    rest = text[figure.end : segment[1]]
    if _RELATIVE_CLAUSE_RE.search(rest) or re.search(r"\bthat\b", rest):
        return None
    low = rest.lower()
    for kind, cues in STRONG_CUES.items():
        for a, _b in cue_spans(rest, cues):
            if _FINITE_VERB_RE.search(low[:a]) and not re.search(r"[,;]", low[:a]):
                # "will be", "is to be" (not "to Kiev forces are already in Ukraine")
                if kind == "delivery" and re.search(r"\b(?:will|would)\b|\bto\s+be\b", low[:a]):
                    return "pledge"
                return kind
    return None


# A count that is the subject of a future verb of giving: "and a further 1,615 will now be
# sent", "a fourth will follow", whatever an earlier clause handed over.
_FUTURE_AFTER_RE = re.compile(
    r"\s+(?:more\s+)?(?:[A-Za-z][\w-]*\s+){0,3}?(?:will|shall|(?:is|are)\s+to)\s+(?:now\s+|soon\s+|also\s+|then\s+)?"
    r"(?:be\s+)?(?:sent|delivered|supplied|transferred|handed\s+over|shipped|provided|follow"
    r"|arrive|go\s+to\s+(?:ukraine|kyiv))\b"
    # "with 18 more to be delivered over the next few years"
    r"|\s+(?:more\s+)?to\s+be\s+(?:sent|delivered|supplied|transferred"
    r"|handed\s+over|shipped|provided)\b"
    # "78 boilers delivered; 300 more to follow in the coming weeks"
    r"|\s+(?:more\s+)?to\s+(?:follow|come)\b"
    # "a second tranche of EUR 1.9 billion is coming in April", "the 3 Portuguese ones are
    # coming to Ukraine this month".
    r"|\s+(?:[\w-]+\s+){0,2}?(?:is|are)\s+(?:coming|due)\s+(?:to\s+ukraine\s+)?"
    r"(?:in|next|this|later|soon|by)\b",
    re.IGNORECASE,
)
# A transfer reported as done, a contribution made: "has reported an urgent transfer to
# Ukraine of 90 generators", "made a €200,000 contribution", "making a contribution of".
_REPORTED_GIVING_RE = re.compile(
    r"\breported\s+(?:on\s+)?(?:the\s+|an?\s+)?(?:\w+\s+){0,2}(?:transfer|delivery|handover"
    r"|shipment)\b[^.;]*$|\bmade\s+an?\s+$"
    # "making a contribution of approximately 536 thousand euros", "has made contributions of"
    r"|\b(?:made|(?<!is\s)(?<!are\s)making)\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}contributions?\s+of\s+"
    rf"{_ROUGHLY}$",
    re.IGNORECASE,
)
# Aid seen in transit: "a train carrying five tanks", "trucks loaded with 20 generators".
_CARRIED_RE = re.compile(
    rf"\b{alternation(lex.CARRIERS)}\s+{alternation(lex.LOAD_WORDS)}\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
# What a delivery or shipment contains was delivered: "The new German deliveries also include
# 10 more vehicles" ("the next shipment will include", or "The delivery includes" after "is
# set to provide", is still to come).
_DELIVERED_LOT_RE = re.compile(
    r"\b(?:deliveries|delivery|shipments?|consignments?|(?:arms|weapons|military)\s+supplies)\s+"
    # "Another humanitarian aid shipment from Poland, weighing around 20 tonnes, included"
    r"(?:(?:for|to)\s+(?:kyiv|ukraine)\s+|from\s+[A-Z]\w+,\s+[^.;,]{0,40},\s+)?(?:also\s+)?"
    r"(?:included?|includes"
    r"|contained|contains?|comprised|comprises?|consisted\s+of|consists\s+of)\b(?![^.;]*\bwill\b)",
    re.IGNORECASE,
)
_TO_THE_DESK_RE = re.compile(  # a bill on its way to be signed is no aid under way
    r"\b(?:on\s+(?:its|their)\s+way|heads?|heading|goes|going|sent)\s+to\s+"
    r"(?:[\w.’'-]+\s+){0,4}desk\b",
    re.IGNORECASE,
)
# Money "in commitments" is promised, whatever verb the sentence gives it.
_COMMITMENTS_AFTER_RE = re.compile(
    r"\s+in\s+(?:new\s+)?(?:[\w-]+\s+){0,3}commitments\b", re.IGNORECASE
)
# A fund's total (the guide: what a fund has raised is pledged to it).
_FUND_STANDS_AT_RE = re.compile(
    rf"\b(?:fund|facility)\b[^.;]{{0,40}}\b(?:stands|stood)\s+at\s+{_ROUGHLY}$",
    re.IGNORECASE,
)
_TOTAL_LEVEL_RE = re.compile(
    rf"\b(?:to|reach|reaches|reached|at)\s+{_ROUGHLY}$",
    re.IGNORECASE,
)
# The total of what was handed over, which a figure after "to" states ("will amount to",
# "raising to 532 tonnes the total of ... supplied").
HANDED_TOTAL_RE = re.compile(
    r"\btotal\b(?:\s+\w+){0,2}\s+of\b[^.;]{0,80}?\b(?:supplied|transferred|delivered|handed\s+over"
    r"|sent|donated)\b",
    re.IGNORECASE,
)


_RELATIVE_CLAUSE_RE = re.compile(rf"\b{alternation(('that', *lex.RELATIVE_PRONOUNS))}\b", re.I)


def _hedged_fate(text: str, figure: Figure, segment: tuple[int, int]) -> bool:
    """Whether the only verb of giving for the figure sits in a hedged relative clause after
    it ("identified 500,000 shells that could be bought and sent"), while nothing before the
    clause gives or promises ("$2.1 billion will go toward equipment that could take months
    to deliver" keeps its "will")."""
    rest = text[figure.end : segment[1]]
    parts = _RELATIVE_CLAUSE_RE.split(rest, maxsplit=1)
    if len(parts) < 2 or not estimate_in(parts[1]) or not nearest_cue(parts[1], 0, STRONG_CUES):
        return False
    before = text[segment[0] : figure.start] + " " + parts[0]
    return nearest_cue(before, 0, STRONG_CUES) is None and not has_cue(before, ("will", "would"))


# "its largest so far" ranks a figure; it does not put it in the past.
SUPERLATIVE_RE = re.compile(
    r"\b(?:largest|biggest|most|highest)\s+(?:[\w.]+\s+){0,8}?(?:so far|to date|yet)\b",
    re.IGNORECASE,
)


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    for a, b in spans:
        text = text[:a] + " " * (b - a) + text[b:]
    return text
