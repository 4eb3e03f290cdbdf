"""The trap rules of sums of money: when a sum in a sentence about aid is not aid.

A price, a cost, a budget, a fund's size, frozen assets, a company's contract or a sum
stated before are no gift; the rules that read counts sit in :mod:`tracker.extract.traps`,
which calls :func:`is_money_trap` for every figure with a currency.
"""

from __future__ import annotations

import re

from tracker.extract import lexicon as lex
from tracker.extract.donors import FROM_RIGHT_AFTER_RE
from tracker.extract.figures import Figure
from tracker.extract.names import find_mentions
from tracker.extract.tokens import BULLET_RE, blank_out, cue_spans, has_cue
from tracker.extract.trap_readings import (
    BUYING_CUES,
    DAMAGED_BY_ATTACK,
    FOR_UKRAINE_RE,
    ORIGIN_RE,
    VALUE_WORDS,
    blank_purposes,
    bought_for_ukraine,
    later_clause,
    names_ukraine_scheme,
)

# "The total cost of the new aid package is ...": the cost of aid is its value, not a price.
_COST_OF_AID = (
    r"\b(?:cost|value)\s+of\s+(?:the\s+|this\s+|its\s+|all\s+)?(?:new\s+|latest\s+)?"
    r"(?:military\s+|defence\s+|defense\s+)?(?:aid|assistance|support|package|donation)"
)

_VALUE_LINK_RE = re.compile(
    "|".join(re.escape(link) for link in lex.VALUE_LINKS) + "|" + _COST_OF_AID, re.IGNORECASE
)


def _blank_links(text: str) -> str:
    """``text`` with value links ("at a cost of", "the cost of the aid package") blanked:
    there "cost" prices the aid."""
    return blank_out(_VALUE_LINK_RE, text)


# A company's contract: "Lockheed Martin has secured a $4.5 billion contract": procurement.
_COMPANY_CONTRACT_RE = re.compile(
    r"\b(?:secured|won|awarded|received)\s+(?:a|an|another)\s+(?:[\w$€£.,-]+\s+){0,4}contracts?\b"
    r"|\bcontracts\s+with\b",
    re.IGNORECASE,
)

# Between "spending" and a sum it spends: a couple of words, or the sums listed before it.
_SUM = r"[$€£]?\d[\d.,]*\s*(?:million|billion|bn|m)?"

# ("spending of $901 billion" is a budget's size, not an outlay)
_OF_RE = re.compile(r"\s+of\b", re.IGNORECASE)
_OUTLAY_GAP_RE = re.compile(rf"\s+(?:[\w-]+\s+){{0,2}}|\s+(?:{_SUM}\s*(?:,|and|,\s*and)\s+)+")

# What is left of an authority or a budget is its unspent balance, not a new gift: "There
# is $5.6 billion remaining of presidential drawdown authority".
_BALANCE_AFTER_RE = re.compile(
    r"\s+(?:remaining|left|unspent|unused|still\s+available)\s+(?:of|in|under|from)\s+(?:the\s+)?"
    r"(?:[\w-]+\s+){0,3}(?:authority|authorities|budget|appropriations?|allocation)\b",
    re.IGNORECASE,
)

# Money "for the purchase of equipment" is a grant's purpose; a buyer of its own arms says
# "bought", "signed a deal to buy", "acquired", or a "sale".
_BUYING_MONEY_CUES = ("buy", "bought", "buying", "purchased", "acquired", "sale", "sales")

# The aid words that are not buying words: what makes a purchase a gift in its clause.
_GIVING_CUES = tuple(c for c in lex.AID_CUES if c not in BUYING_CUES)

_FROZEN_ASSET_WORDS = frozenset(
    {"frozen", "assets", "immobilised", "immobilized", "revenue", "revenues"}
)

# A budget or spending bill before a sum the sentence then earmarks for Ukraine.
_BUDGET_WORDS = frozenset({"spending", "budget", "defence spending", "defense spending"})

_SUPPLY_WORDS = frozenset({"gas", "imports", "oil", "electricity", "fuel"})

# What a sum of aid is set aside for: a trap word after it names the purpose.
_EARMARKED_RE = re.compile(
    r"\b(?:earmarked|allocated|set\s+aside|reserved|designated|intended|used)\s+(?:for|to|towards)\b"
    r"|\b(?:go|goes|going)\s+(?:to|towards)\b",
    re.IGNORECASE,
)

# What lies between a sum and a supply word that is its purpose ("€380 million for gas").
_PURPOSE_GAP_RE = re.compile(
    r"\s+(?:for|to\s+(?:buy|purchase|finance|pay\s+for))\s+(?:the\s+)?(?:[\w-]+\s+){0,3}",
    re.IGNORECASE,
)

_AID_MONEY_SPENT_RE = re.compile(
    r"[^.;]{0,40}?\b(?:will\s+be|is\s+to\s+be|are\s+to\s+be|is|are)\s+(?:also\s+)?"
    r"(?:used|spent|going)\s+(?:to|on)\s+(?:purchas|buy|procur)",
    re.IGNORECASE,
)
# A supply word naming the kind of a thing: "gas heaters", "gas-piston units", "fuel tanks".
_EQUIPMENT_AFTER_RE = re.compile(
    r"[\s-]+(?:heaters?|boilers?|turbines?|generators?|piston|engines?|cylinders?|masks?"
    r"|stoves?|tanks?|pumps?|burners?)\b",
    re.IGNORECASE,
)
_PACKAGE_COST_RE = re.compile(
    r"\b(?:package|aid|donation)\b[^.;]{0,30}?\bwith\s+a\s+(?:total\s+)?cost$"
    # "the largest package of military assistance, the total cost of which amounts to"
    r"|\b(?:package|aid|assistance|donation)\b[^.;]{0,30}?,\s+the\s+(?:total\s+)?cost$"
    # The aid is the subject: "The support package, which costs SEK 520 million".
    r"|\b(?:package|aid|assistance|donation|tranche|shipment|batch),?\s+(?:which|that)\s+"
    r"(?:will\s+|would\s+)?costs?$",
    re.IGNORECASE,
)

# What aid money repairs, named after it with the attack that damaged it ("DKK 40 million to
# Ukrainian energy systems damaged by recent Russia's strikes"): the damage is its purpose.
_REPAIRED_RE = re.compile(
    rf"\b(?:to|for)\s+(?:repair\s+)?(?:[\w’'-]+\s+){{0,4}}?{DAMAGED_BY_ATTACK}", re.IGNORECASE
)

# "In particular, EUR 100 million from Switzerland, EUR 20 million from Norway": the
# breakdown of a total named before, a sum and who gave it; no other verb is needed.
_BREAKDOWN_RE = re.compile(
    r"\s*(?:in particular|including|among them|of (?:this|which|these)|specifically|namely|"
    r"notably)\b",
    re.IGNORECASE,
)


def _breakdown(body: str, figure: Figure) -> bool:
    """A list item or a breakdown opening, and a named giver right after the sum."""
    if not (BULLET_RE.match(body) or _BREAKDOWN_RE.match(body)):
        return False
    follows = FROM_RIGHT_AFTER_RE.match(body, figure.end)
    return follows is not None and body[follows.end() : follows.end() + 1].isupper()


# Sums that refer to one stated before, not new facts: the topic opening a sentence ("Of the
# SEK 12.9 billion, 4.3 billion will go to air defence", "The €21 billion also includes"),
# "in addition to this $2.2 billion package", and the whole a share is of ("will each
# contribute $20 billion of the $50 billion").
_OF_THE_OPENING_RE = re.compile(r"^\W*(?:out\s+)?of\s+(?:the|this|that|these)\s+$", re.I)

_THE_OPENING_RE = re.compile(r"^\W*(?:the|this|that)\s+$", re.IGNORECASE)

_TOPIC_VERB_RE = re.compile(
    r"\s+(?:also\s+)?(?:includes?|is|was|will|comes?|came|covers?|consists?)\b", re.I
)

_IN_ADDITION_RE = re.compile(r"\bin\s+addition\s+to\s+(?:this|that|these)\s+$", re.I)

_SHARE_OF_RE = re.compile(
    r"\d\s*(?:million|billion|bn|m|mln|bln)?\s+of\s+(?:the|this|that)\s+$", re.IGNORECASE
)

# "has disbursed €300 million of the €1 billion it promised": the whole is the promise.
_PROMISED_WHOLE_RE = re.compile(
    r"\s+(?:(?:it|they|we|he|she)\s+(?:had\s+|has\s+|have\s+)?)?(?:promised|pledged|committed)\b",
    re.IGNORECASE,
)

# The whole a part comes out of, named by its noun ("of the up to €18 billion MFA+ package"):
# a promise the sentence states, not a sum stated before ("of the €10 billion for Ukraine").
_WHOLE_NOUN_AFTER_RE = re.compile(
    r"\s+(?:[\w+()-]+\s+){0,4}?(?:package|programme|program|loan|grant|facility|assistance"
    r"|envelope|fund|instrument)\b",
    re.IGNORECASE,
)


def _named_before(body: str, figure: Figure) -> bool:
    """Whether a sum refers to one the text stated before (see the patterns above)."""
    lead, rest = body[: figure.start], body[figure.end :]
    return bool(
        (_OF_THE_OPENING_RE.match(lead) and rest.startswith(","))
        or (_THE_OPENING_RE.match(lead) and _TOPIC_VERB_RE.match(rest))
        or _IN_ADDITION_RE.search(lead)
        # (not a whole the money reader took as the part's promise: "€3 billion of the €18
        # billion MFA+ package", which the labelling guide counts as a pledge)
        or (
            _SHARE_OF_RE.search(lead)
            and not _PROMISED_WHOLE_RE.match(rest)
            and not (figure.forced_kind == "pledge" and _WHOLE_NOUN_AFTER_RE.match(rest))
        )
    )


# A verb that makes the sum what its subject amounts to: "The cost of rebuilding Ukraine after
# three years of war has climbed to $524 billion", however long the subject.
_AMOUNTS_TO_RE = re.compile(
    r"\b(?:is|are|was|were|stands?|stood|reached|totals?|totall?ed|amounts?|amounted"
    r"|(?:has|have|had)\s+(?:climbed|risen|grown|increased|reached)|climbed|rose|grew"
    r"|(?:is|are|was|were)\s+estimated)\s+(?:to\s+|at\s+)?$",
    re.IGNORECASE,
)


def _amounts_to(segment_text: str, word: str, word_end: int, figure_start: int) -> bool:
    """Whether the figure is what the trap word's phrase amounts to ("damage has reached")."""
    between = segment_text[word_end:figure_start]
    return (
        word not in VALUE_WORDS
        and word_end <= figure_start
        and "," not in between
        and _AMOUNTS_TO_RE.search(between) is not None
    )


# A sentence about the things the sentence before gave: "They will cost ...", "The drones,
# which are Canadian-built and worth over $95 million, ...".
_GIVEN_THINGS_RE = re.compile(
    r"\W*(?:they|these|those|the\s+(?:[\w-]+\s+){0,2}(?:drones|vehicles|tanks|systems|weapons"
    r"|items|goods|aircraft|jets|howitzers|launchers|missiles|generators|boats))\b",
    re.IGNORECASE,
)

# A sum that is the size of assets, whatever their profits pay for.
_ASSETS_AFTER_RE = re.compile(
    r"\s+(?:of|in)\s+(?:(?!(?:income|profits?|proceeds|revenues?|windfall|interest|from|loans?"
    r"|backed|secured|financed|funded|by)\b)"
    r"[\w-]+\s+){0,3}?(?:frozen|immobili[sz]ed|sovereign|russian)\s+"
    r"(?:[\w-]+\s+){0,2}?assets\b",
    re.IGNORECASE,
)

# A fund's founding size: "was established in 2020 with a budget of 5 billion euro".
_FOUNDING_BUDGET_RE = re.compile(
    r"\b(?:established|created|set\s+up|launched)\b[^.;]{0,40}\bwith\s+(?:a|an\s+initial)\s+"
    r"(?:budget|capital|envelope)\s+of\s+(?:about\s+|around\s+)?$",
    re.IGNORECASE,
)

# A budget named as the source of the aid's money, not as a budget's size.
_PAID_FROM_RE = re.compile(
    r"\b(?:financed|funded|paid|taken|drawn|come|comes|coming)\s+(?:out\s+)?from\s+(?:the\s+)?"
    r"(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
# A state's budget named right after its size.
_BUDGET_AFTER_RE = re.compile(
    r"\s+(?:[\w-]+\s+)?(?:federal|state|national|defen[cs]e|military)\s+budget\b", re.IGNORECASE
)
# A book-keeping correction of aid already counted is no aid: "overestimated the value of
# the weapons it supplied to Ukraine by $6.2 billion", "$2 billion worth of additional errors
# in its calculations" (but "weapons found due to an accounting error" are given).
_REVALUED_RE = re.compile(
    r"\b(?:overestimated|overvalued|overstated|underestimated|undervalued|revalued"
    r"|miscalculated)\b|\bworth\s+of\s+(?:additional\s+)?errors\b"
    r"|\berrors?\s+in\s+(?:its|their|the)\s+(?:calculations?|accounting|valuations?)\b",
    re.IGNORECASE,
)
# What a giver gets back for what it gave: "will seek compensation estimated around 200
# million dollars", "$200 million ... as compensation for what it has provided".
_COMPENSATION_RE = re.compile(
    r"\b(?:seeks?|seeking|sought|expects?|receives?|receiving|received)\s+(?:\w+\s+){0,2}"
    r"compensation\b|\bas\s+(?:a\s+)?compensation\s+for\b",
    re.IGNORECASE,
)
# Money paid to the makers ("the allocation of €500 million to European companies for
# extending their production capacities"): industrial policy, unless they are Ukraine's.
_TO_COMPANIES_RE = re.compile(
    r"\s+(?:in\s+\w+\s+)?to\s+(?!ukrainian\b)(?:[\w-]+\s+){0,2}"
    r"(?:companies|firms|manufacturers|producers|industry|industries)\b"
    r"(?!\s+(?:of|in|from)\s+ukraine\b)",  # "to the defence industry of Ukraine" is aid
    re.IGNORECASE,
)
# A fund's name right after a sum ("the €5bn Ukraine Assistance Fund").
_FUND_NAME_AFTER_RE = re.compile(r"\s+(?:[A-Z][\w'’-]*\s+){0,4}(?:Fund|Facility)\b")


def _for_another_country(body: str, figure: Figure) -> bool:
    """ "CHF114 million is earmarked for Ukraine and CHF26 million for Moldova": a sum for
    another country than Ukraine is no aid to Ukraine."""
    lead = re.match(
        r"\s+(?:is\s+|are\s+)?(?:earmarked\s+|intended\s+|allocated\s+)?for\s+", body[figure.end :]
    )
    if lead is None:
        return False
    at = figure.end + lead.end()
    return any(
        m.start == at and m.kind == "country" and m.code != "UA" for m in find_mentions(body)
    )


def is_money_trap(
    body: str,
    figure: Figure,
    segment: tuple[int, int],
    clause: tuple[int, int],
    aid_context: bool,
    near: tuple[int, int],
) -> bool:
    """Whether a sum's surroundings say it is not aid (see :func:`traps.is_trap`; ``near``
    is the span of the figure's segment, widened by the trap reach, where a trap word
    disqualifies it)."""
    segment_text = body[segment[0] : segment[1]]
    clause_text = body[clause[0] : clause[1]]
    after = figure.end - segment[0]
    if _named_before(body, figure) or _for_another_country(body, figure):
        return True
    if _BALANCE_AFTER_RE.match(body, figure.end) or _COMPANY_CONTRACT_RE.search(clause_text):
        return True
    if re.search(r"\bthe\s+$", body[: figure.start]) and _FUND_NAME_AFTER_RE.match(
        body, figure.end
    ):
        return True  # "the €5bn Ukraine Assistance Fund": the fund's size, nobody's gift
    if _FOUNDING_BUDGET_RE.search(body[: figure.start]):
        return True
    if _BUDGET_AFTER_RE.match(body, figure.end):
        return True  # "Germany's €524.5 billion federal budget for 2026": a budget's size
    if _REVALUED_RE.search(body, *clause):
        return True  # "overestimated the value of the weapons it supplied by $6.2 billion"
    if _COMPENSATION_RE.search(body, *clause) or _TO_COMPANIES_RE.match(body, figure.end):
        return True  # a giver compensated for what it gave; money paid to arms makers
    # "Canada will donate 800 drones. The drones ... worth over $95 million will be
    # acquired from Teledyne": the cost of what the sentence before gives is its value.
    given_before = aid_context and _GIVEN_THINGS_RE.match(body) is not None
    # "Additionally, $680 million will be used to purchase items prioritized by NATO" after a
    # package: the aid's money spent on what it buys.
    spent_aid = aid_context and _AID_MONEY_SPENT_RE.match(body, figure.end) is not None
    if (
        has_cue(clause_text, _BUYING_MONEY_CUES)
        and not given_before
        and not spent_aid
        and not bought_for_ukraine(body)
        and (has_cue(clause_text, ("sale", "sales")) or not has_cue(clause_text, _GIVING_CUES))
    ):
        # "signed a $4 billion deal to buy Patriots": its own procurement; but "will
        # contribute $220 million to buy drones", "pledged to buy $4.5 billion in
        # American weapons": a purchase the clause says is given (a sale stays a sale,
        # "approved the potential sale of engines").
        return True
    if _ASSETS_AFTER_RE.match(body, figure.end):
        return True  # "the proceeds of $210 billion of frozen Russian assets": their size
    readable = blank_out(_REPAIRED_RE, blank_purposes(_blank_links(segment_text)))
    traps = cue_spans(blank_out(ORIGIN_RE, readable), lex.MONEY_TRAP_CUES)
    frozen_aid = has_cue(body, lex.FROZEN_ASSET_AID_CUES)
    start = figure.start - segment[0]
    for a, b in traps:
        word = segment_text[a:b].lower()
        if frozen_aid and word in _FROZEN_ASSET_WORDS:
            continue
        if given_before and word in VALUE_WORDS:
            continue  # "They will cost more than $95 million": the gift's value
        if word in _SUPPLY_WORDS and FOR_UKRAINE_RE.search(segment_text):
            continue  # "to finance gas imports to Ukraine", "to enable Ukrainians to buy gas"
        purpose = _PURPOSE_GAP_RE.fullmatch(segment_text[after:a])
        if word in _SUPPLY_WORDS and purpose and has_cue(clause_text, lex.AID_CUES):
            continue  # "is allocating about 380 million euros for gas purchases"
        if word in _SUPPLY_WORDS and _EQUIPMENT_AFTER_RE.match(segment_text, b):
            continue  # "gas heaters, medical equipment and generators": things given
        earmarked = _EARMARKED_RE.search(segment_text, after, a)
        if earmarked and (aid_context or FOR_UKRAINE_RE.search(segment_text)):
            continue  # "Of this sum, two billion NOK have been earmarked for gas procurement"
        if _PAID_FROM_RE.search(segment_text[:a]):
            continue  # "400 million euros were to be financed from the defense budget"
        # (not "spending of $850 billion and allocated $300 million to Ukraine": the sum
        # for Ukraine stands in the clause after "and")
        own_clause = re.split(r"\band\b", segment_text[start:], maxsplit=1)[0]
        if word in _BUDGET_WORDS and a < start and FOR_UKRAINE_RE.search(own_clause):
            continue  # "a spending bill that includes $13.6 billion to assist Ukraine"
        gap = segment_text[b:start]
        if word == "spending" and _OUTLAY_GAP_RE.fullmatch(gap) and not _OF_RE.match(gap):
            continue  # "spending $275 million", "spending $106 million and $159 million"
        if word == "spending" and re.match(r"\s+(?:pledges?|commitments?)\b", segment_text[b:]):
            continue  # "announced new spending pledges, including Canada (€171 million)"
        if word in ("cost", "costs") and _PACKAGE_COST_RE.search(body[: segment[0] + b]):
            continue  # "its largest aid package, with a total cost of 92 million euros"
        if later_clause(segment_text, after, a):
            continue  # "pledged $1 billion ... and imposed sanctions": another clause
        if near[0] <= a <= near[1] or _amounts_to(segment_text, word, b, start):
            return True
    named_aid = has_cue(body, lex.AID_CUES + lex.AID_MONEY_EXTRA_CUES) or names_ukraine_scheme(body)
    return not (aid_context or named_aid or _breakdown(body, figure))
