"""Whether a figure is aid at all: the trap rules.

A figure in a clause about attacks, requests and needs, own production or stocks, sanctions,
damage, frozen assets, a sale to someone else or the giver's own purchases proposes nothing.
Kept apart from :mod:`tracker.extract.extractor` so every rule that says "this is not aid"
sits on one page, with the word lists of :mod:`tracker.extract.lexicon.traps`; the rules
for sums of money are in :mod:`tracker.extract.money_traps`, the readings of a clause both
share in :mod:`tracker.extract.trap_readings`.
"""

from __future__ import annotations

import re

from tracker.extract import lexicon as lex
from tracker.extract.figures import Figure
from tracker.extract.money_traps import is_money_trap
from tracker.extract.names import find_mentions
from tracker.extract.tokens import alternation, blank_out, cue_spans, has_cue
from tracker.extract.trap_readings import (
    BUYING_CUES,
    DAMAGED_BY_ATTACK,
    ORIGIN_RE,
    blank_purposes,
    bought_for_ukraine,
    later_clause,
)

_ENVOYS = frozenset({"ambassador", "envoy", "embassy", "mission", "representative"})
_JOURNEYS = frozenset({"visit", "visits", "trip", "journey", "travelled", "traveled", "flew"})


_WAR_OF_RE = re.compile(
    r"[’']s\s+(?:full[\s-]scale\s+|ongoing\s+|brutal\s+|illegal\s+|unprovoked\s+)*"
    r"(?:invasion|war|aggression|attacks?|strikes?|bombardments?|shelling)\b",
    re.IGNORECASE,
)


# Another state's scheme that money goes to: "will contribute $76 million to Germany's
# Immediate Action on Air Defence (IAAD) initiative".
_SCHEME_OF_RE = re.compile(
    r"[’']s\s+(?:[\w()-]+\s+){0,6}?(?:initiative|fund|coalition|programme|program|effort|scheme"
    r"|partnership|mechanism|facility)\b",
    re.IGNORECASE,
)


def _sold_elsewhere(text: str) -> bool:
    """A sale or delivery to another country than Ukraine ("the sale of 14 guns to Great
    Britain"): trade between others, not aid."""
    if re.search(r"\b(?:to|for)\s+(?:ukraine|kyiv|kiev)\b", text, re.IGNORECASE):
        return False
    for mention in find_mentions(text):
        lead = text[: mention.start].lower().split()[-2:]
        if lead and lead[0] in _ENVOYS:
            continue  # "Ukraine's Ambassador to Germany": a title, no delivery
        if lead and lead[0] in _JOURNEYS:
            continue  # "unveiled a £162 million package during a visit to Germany": a place
        if _WAR_OF_RE.match(text, mention.end) or _SCHEME_OF_RE.match(text, mention.end):
            continue  # "in response to Russia's invasion", "to Germany's air defence initiative"
        # "to Poland", "to the UK" (not "to finance US weapons": a verb after "to")
        after_to = lead[-1:] == ["to"] or lead == ["to", "the"]
        if mention.kind == "country" and mention.code != "UA" and after_to:
            return True
    return False


_UKRAINE_RE = re.compile(r"ukrain|kyiv|kiev", re.IGNORECASE)
# A state's own defence and budget, in a sentence that never names Ukraine.
_OWN_DEFENCE_RE = re.compile(
    # (not "the defense budget" aid is financed from, nor "the state budget" that received it)
    r"\bdefen[cs]e\s+(?:procurement|buildup|build-up)s?\b"
    r"|\b(?:state|national|federal)\s+debt\b|\bborrowing\b|\blong-term\s+plan\b"
    r"|\b(?:allocated|spend|spent|spending)\b[^.;]{0,40}\b(?:for|on)\s+defen[cs]e\b"
    # "increases defense spending ..., allocating €75.3 billion", "an extra $6.6 billion for
    # the Department of National Defense"
    r"|\bdefen[cs]e\s+(?:spending|expenditures?)\b|\bfor\s+the\s+Department\s+of\s+"
    r"(?:National\s+)?Defen[cs]e\b"
    r"|\bfunding\s+the\s+(?:[\w.]+\s+)?government\b",
    re.IGNORECASE,
)
# What a giver gets back for its aid is no aid of the one who gives it back.
# What the giver gets back: "in exchange for", "receiving in return the same number of".
_EXCHANGE_RE = re.compile(r"\bin\s+exchange\s+for\b|\bin\s+return\s+$", re.IGNORECASE)


def _aid_to_other(text: str) -> bool:
    """Whether aid goes to a country named right after "aid to" or "to help" that is not
    Ukraine ("aid to help Madagascar"), or to work there ("the WFP's operation in Sudan",
    "their work in Lebanon, Syria and Yemen")."""
    return any(
        m.kind == "country"
        and m.code != "UA"
        and re.search(
            r"\b(?:(?:aid|assistance|support|relief)\s+to\s+(?:help\s+)?|to\s+help\s+"
            r"|(?:operations?|work|projects?|programmes?|programs?)\s+in\s+)(?:the\s+)?$",
            text[: m.start],
        )
        for m in find_mentions(text)
    )


_RECEIVE_RE = re.compile(
    r"(?:\s+(?:armed\s+)?(?:forces|army|military|troops|navy|air\s+force))?"
    r"\s+(?:will\s+|has\s+|have\s+|had\s+|is\s+to\s+|would\s+|(?:is\s+)?(?:expected|set|due)"
    r"\s+to\s+)?(?:also\s+|now\s+|reportedly\s+|already\s+|recently\s+)?"
    r"(?:receive|receives|received|receiving|get|gets|got)\b",
    re.IGNORECASE,
)


def _received_by_other(text: str) -> bool:
    """A country or its forces other than Ukraine's that receive ("Norway will receive 54 tanks",
    "Slovenia will receive 35 trucks from Germany" in exchange for its tanks) is buying or
    being compensated, not giving; what Ukraine receives is aid."""
    return any(
        mention.code != "UA" and _RECEIVE_RE.match(text[mention.end :])
        for mention in find_mentions(text)
    )


# Money or arms to refill the giver's own stores: "appropriated $12.5 billion to replace these
# stocks", "to replenish US stockpiles".
_RESTOCKING_RE = re.compile(
    r"\b(?:replac(?:e|ing)|replenish(?:ing)?|backfill(?:ing)?|restock(?:ing)?|refill(?:ing)?"
    r"|top(?:ping)?\s+up)\s+(?:[\w’'-]+\s+){0,3}(?:stocks|"
    r"stockpiles?|inventor(?:y|ies)|reserves|arsenals?|supplies|supply|stores)\b",
    re.IGNORECASE,
)
# Words that put a counted thing inside a package of aid.
_PACKAGE_WORDS = ("package", "packages", "aid package", "shipment", "consignment", "tranche")
# Vehicles that carry a counted load: "six trucks with 114 generators".
_CARRIER_WITH_RE = re.compile(
    r"\s+with\s+(?:about\s+|over\s+|more\s+than\s+|some\s+)?\d", re.IGNORECASE
)
# Forces of the giver itself: "a contract for 360 vehicles for the Canadian armed forces".
_OWN_FORCES_RE = re.compile(
    r"\b(?:for|to)\s+(?:the\s+|its\s+|their\s+)?(?:own\s+)?(?:"
    + alternation(sorted(d for d, code in lex.DEMONYMS.items() if code != "UA"))
    + r"|country[’']s)\s+(?:armed\s+forces|army|military|navy|air\s+force|troops"
    r"|defen[cs]e\s+forces)(?=\s*(?:[,.;:)]|$|(?:and|in|by|from|over|until|under)\b))",
    re.IGNORECASE,
)  # the phrase ends there: "exports to Polish military hardware suppliers" is no force
_REPLACING_RE = re.compile(
    r"\bto\s+(?:replace|replenish|backfill|restock)\b[^.;]{0,60}?\b(?:sent|given|donated|rushed"
    r"|delivered|transferred|supplied)\b",
    re.IGNORECASE,
)
# The aid's money doing the buying: "The money will be used to purchase 3,000 shells".
_AID_MONEY_BUYS_RE = re.compile(
    r"\b(?:money|funds|funding|sum|amount|grant|contribution|allocation)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:will\s+be|is|are|was|were|would\s+be)\s+(?:also\s+)?used\s+(?:to|for)\s+$",
    re.IGNORECASE,
)
# Words that, before the buying word, make bought arms a gift: "the package includes the
# purchase of 18 howitzers", "Ukraine will receive shells under an initiative to buy them".
_PURCHASE_GIVEN_CUES = ("include", "includes", "including", "included", "receive", "will receive")


def _buying(text: str) -> bool:
    return has_cue(blank_out(_IN_ORDER_TO_RE, text), BUYING_CUES)


# "in order to strengthen Ukraine's position": a purpose, no order placed.
_IN_ORDER_TO_RE = re.compile(r"\bin\s+order\s+(?:to|for)\b", re.IGNORECASE)
_LAUNCH_NOUN_RE = re.compile(
    r"\blaunch\s+(?:rocket\s+)?(?:systems?|vehicles?|units?|pads?|platforms?|modules?|launchers?)\b"
    # Whom the aid helps: "rehabilitation programmes for wounded Ukrainian soldiers".
    r"|\b(?:for|to|of|treat|treating|help|helping)\s+(?:the\s+)?wounded\b"
    rf"|\b{DAMAGED_BY_ATTACK}"  # what the aid repairs, not an attack of this sentence
    # A scheme that was started: "the initiative launched last year by the Czech government",
    # "Latvia launched a drone coalition".
    r"|\b(?:initiative|programme|program|scheme|coalition|fund|mechanism|project|campaign)\s+"
    r"(?:[\w-]+\s+){0,3}?launched\b"
    r"|\blaunched\s+(?:an?|the|its|their)\s+(?:[\w-]+\s+){0,3}?(?:initiative|programme|program"
    r"|scheme|coalition|fund|mechanism|project|campaign)\b"
    # What the aid replaces: "to help replace Ukrainian ambulances lost to Russian bombardments".
    r"|\breplace\s+(?:[\w’'-]+\s+){0,4}?(?:lost|destroyed|damaged)\s+(?:to|in|by)\s+"
    r"(?:[\w’'-]+\s+){0,3}?(?:bombardments?|attacks?|strikes?|shelling|fighting)\b",
    re.IGNORECASE,
)
# How far (in characters) a trap word may stand from the figure it disqualifies.
_TRAP_REACH = 60
# "If Estonia were to give 0.1 percent, that would amount to €40 million": arithmetic on a
# supposition, no one's aid.
_HYPOTHETICAL_RE = re.compile(
    r"^\W*(?:even\s+)?if\b[^.;]{0,150}?\b(?:were\s+to|would|had\s+been)\b", re.IGNORECASE
)
# "Ukraine signed a contract with Slovakia for eight howitzers": Ukraine buys; the seller
# gives nothing.
_UKRAINE_CONTRACT_RE = re.compile(
    r"\bUkraine\s+(?:has\s+)?signed\s+(?:a\s+|an\s+)?(?:[\w-]+\s+){0,2}contracts?\b"
    # "approved the sale to Ukraine of equipment worth $329 million", "will sell Ukraine",
    # "informed Congress of the sale of ammunition for Ukraine": Ukraine pays for it, unless
    # the sentence says someone funds it.
    r"|(?:\b(?:approved|approves|cleared)\s+(?:a\s+|the\s+)?(?:possible\s+|potential\s+)?"
    r"(?:foreign\s+military\s+)?sales?\s+(?:of\s+[^.;]{1,80}?\s+)?to\s+(?:Ukraine|Kyiv)\b"
    r"|\b(?:sell|sells|selling)\s+(?:to\s+)?(?:Ukraine|Kyiv)\b"
    # "approved an urgent $138 million foreign military sales package for Ukraine"
    r"|\b(?i:foreign\s+military\s+sales?)\b"
    r"|\bDefen[cs]e\s+Security\s+Cooperation\s+Agency\b"
    r"|\bof\s+the\s+sale\s+of\s+[^.;]{1,80}?\s+(?:to|for)\s+(?:Ukraine|Kyiv)\b)"
    r"(?![^.;]*\b(?:funded|financed|paid\s+for)\b)"
)
# A giver or a third party holding aid back: no gift of the figure after it.
_HELD_BACK_RE = re.compile(
    r"\b(?:did\s+not|didn't|refused\s+to)\s+(?:allow|let)\b|\bvetoed\b"
    # Money held back: "Hungary continues to block payments", "unable to release €500 million",
    # "will not fund an entire $500 million package alone".
    r"|\b(?:block|blocks|blocked|blocking)\s+(?:the\s+)?(?:payments?|funds|funding|tranches?|aid)\b"
    r"|\bunable\s+to\s+(?:release|disburse|pay)\b"
    # A bill that did not pass: "lawmakers failed to advance a bill worth over $100 billion".
    r"|\bfailed\s+to\s+(?:advance|pass|approve|adopt)\b"
    r"|\b(?:will\s+not|won't|would\s+not|does\s+not|refused\s+to|refuses\s+to)\s+"
    r"(?:fund|finance|pay\s+for|send|provide|supply|give|deliver|transfer)\b"
    # "does not intend to participate in providing Kiev with a loan of €70 billion"
    r"|\b(?:does|do|did)\s+not\s+(?:intend|plan|want)\s+to\b|\bhas\s+no\s+(?:intention|plans?)\b",
    re.IGNORECASE,
)
# The carriers of aid, not the aid: "two aircraft were used to deliver", "made use of".
_CARRIER_USED_RE = re.compile(
    r"\b(?:were|was|are|is|been)\s+used\s+to\s+(?:deliver|transport|carry|fly|ship)\b"
    r"|\bmade\s+use\s+of\b",
    re.IGNORECASE,
)
# What companies, citizens or charities gave is not the state's aid.
_PRIVATE_GIVERS_RE = re.compile(
    r"[^,;\d€$£]{0,60}?\b(?:donated|given|provided|collected|raised)\s+by\s+(?:[\w-]+\s+){0,2}"
    r"(?:companies|firms|businesses|citizens|individuals|volunteers|charities|donors)\b",
    re.IGNORECASE,
)
_CARRYING_AFTER_RE = re.compile(rf",?\s+{alternation(lex.LOAD_WORDS)}\b", re.IGNORECASE)
# The aircraft that flew aid out, and a count right after "aboard": carriers, not the aid.
_FLEW_WITH_RE = re.compile(
    r"\s+(?:took\s+off|departed|left|landed|flew)\b[^.;]{0,60}?\bwith\b", re.IGNORECASE
)
_ABOARD_RE = re.compile(r"\b(?:aboard|on\s+board)\s+$", re.IGNORECASE)
# After a count: a rate that describes what is given ("two meals per ration"; not "125,000
# rounds per month", a pace of giving), or the owner's stock ("the 42 F-16s they possess").
_RATE_OR_STOCK_AFTER_RE = re.compile(
    r"\s+per\s+(?!(?:month|year|week|day|annum)\b)"
    r"|\s+(?:that\s+|which\s+)?(?:they|it|we)\s+(?:still\s+)?(?:possess|possesses|own|owns)\b",
    re.IGNORECASE,
)
# Rounds of payment, not of ammunition: "distributed over three rounds", "paid in two rounds".
_INSTALMENT_ROUNDS_RE = re.compile(
    r"\b(?:distributed|spread|paid|split|disbursed|divided|allocated|given)\s+(?:over|in|across)\s+$",
    re.IGNORECASE,
)


# A gift being weighed is a maybe, an estimate, not an undecided request: "is considering
# sending Humvees", "is considering transferring 17 fire trucks".
_WEIGHED_GIFT_RE = re.compile(
    r"\bconsider(?:ing|s)\s+(?:sending|providing|transferring|supplying|donating"
    r"|the\s+transfer\s+of)\b",
    re.IGNORECASE,
)
# Ukraine or its leaders asking, at the head of the sentence: what they ask for is a request.
_UKRAINE_ASKS_RE = re.compile(
    r"\W*(?:Ukraine|Kyiv|Kiev|(?:the\s+)?Ukrainian\s+(?:government|side|president|leadership)"
    r"|(?:Ukrainian\s+)?President\s+(?:Volodymyr\s+|Vladimir\s+)?Zelensk\w*|Zelensk\w*)"
    r"[^,.;]{0,40}?\b(?:has\s+|have\s+|had\s+)?(?:reportedly\s+)?(?:asked|requested"
    r"|is\s+asking|appealed)\b",
    re.IGNORECASE,
)
_TO_UKRAINE_RE = re.compile(r"\bto\s+(?:Ukraine|Kyiv|Kiev)\b(?!['’]s)", re.IGNORECASE)
# Counted ships are vessels, not the verb "ships" ("targeting 40 firms and 31 ships").
_COUNTED_SHIPS_RE = re.compile(r"\b\d[\d,.]*\s+(?:[\w-]+\s+)?ships\b", re.IGNORECASE)


def is_trap(
    body: str,
    figure: Figure,
    segment: tuple[int, int],
    clause: tuple[int, int],
    aid_context: bool = False,
) -> bool:
    """Whether a figure's surroundings say it is not aid (attacks, needs, stocks, damage...).

    ``aid_context``: the sentence continues a list of aid ("This package includes:"), so it
    need not name the giving itself.
    """
    if _HYPOTHETICAL_RE.search(body) or _UKRAINE_CONTRACT_RE.search(body):
        return True
    if clause[0] == 0 and _UKRAINE_ASKS_RE.match(body):
        return True  # "Ukraine has asked Poland about a €120 million loan": a request
    segment_text = body[segment[0] : segment[1]]
    clause_text = body[clause[0] : clause[1]]
    if _CARRIER_USED_RE.search(clause_text):
        return True  # "aircraft used to deliver": the carriers
    if any(m.start() < figure.start - clause[0] for m in _HELD_BACK_RE.finditer(clause_text)):
        # "Hungary did not allow sending the tranche" (but "will send 10 tanks - but will not
        # send fighter jets" refuses only what follows it)
        return True
    if _PRIVATE_GIVERS_RE.match(body[figure.end : segment[1]]):
        return True  # "€1 million worth of medicines donated by Croatian companies"
    if figure.currency_text is None and _CARRYING_AFTER_RE.match(body, figure.end):
        return True  # "Two lorries carrying four construction vehicles": the load is the aid
    if figure.currency_text is None and _ABOARD_RE.search(body[: figure.start]):
        return True  # "departed aboard two Polish aircraft": the carrier, not the aid
    if figure.unit == "aircraft" and _FLEW_WITH_RE.match(body, figure.end):
        return True  # "an aircraft took off from Halifax with the first Leopard 2": the carrier
    if figure.currency_text is None and _RATE_OR_STOCK_AFTER_RE.match(body, figure.end):
        return True  # "(two meals per ration)", "of the 42 F-16s they possess": no gift
    carrier = (figure.item or "").lower().endswith(lex.CARRIER_VEHICLES)
    if figure.currency_text is None and carrier and _CARRIER_WITH_RE.match(body, figure.end):
        return True  # "six trucks with 114 generators": the generators are the aid
    near = (figure.start - segment[0] - _TRAP_REACH, figure.end - segment[0] + _TRAP_REACH)
    after = figure.end - segment[0]
    requests = [
        (a, b)
        for a, b in cue_spans(
            blank_out(_WEIGHED_GIFT_RE, blank_purposes(segment_text)), lex.REQUEST_CUES
        )
        if not later_clause(segment_text, after, a)
    ]
    # "It is necessary for allies to fund PURL at about $1 billion a month": a request that
    # opens the piece governs all of it, however far the figure.
    if any(near[0] <= a <= near[1] or a < 3 for a, _ in requests):
        return True  # "Ukraine needs 25 systems", not "composed on the basis of Ukraine's needs"
    if _sold_elsewhere(segment_text) or _received_by_other(segment_text):
        return True
    if not _UKRAINE_RE.search(body) and (_aid_to_other(body) or _OWN_DEFENCE_RE.search(body)):
        # "over CHF610 million ... have been used for humanitarian aid to Syria"; "Poland
        # allocated about 37 billion dollars for defense": no Ukraine in the sentence at all
        return True
    if _EXCHANGE_RE.search(body[: figure.start]):
        return True  # "28 tanks, in exchange for equipment from Germany – 35 truck loaders"
    if _RESTOCKING_RE.search(clause_text) or _OWN_FORCES_RE.search(segment_text):
        return True  # the giver's own stores and forces, not aid to Ukraine
    if figure.currency_text is not None:
        return is_money_trap(body, figure, segment, clause, aid_context, near)
    if re.search(r"\bcapacity\s+(?:\w+\s+){0,2}$", body[: figure.start], re.IGNORECASE):
        return True  # "22 generators, providing a capacity of 13 megawatts": a description
    if figure.unit == "round" and figure.quantity is not None and figure.quantity < 10:
        lead = body[: figure.start] + body[figure.start : figure.end].split()[0] + " "
        if _INSTALMENT_ROUNDS_RE.search(lead):
            return True  # "to be distributed over three rounds": instalments, not ammunition
    if re.match(r"(?:Ukrainian|Russian)\s", figure.item or ""):
        # "spares to refurbish 100 Ukrainian tanks": Ukraine's own, not given; "to strike
        # nine Russian helicopters": the enemy's
        return True
    hostile = lex.HOSTILE_CUES + lex.SANCTION_CUES
    if has_cue(blank_out(_LAUNCH_NOUN_RE, body), hostile):
        # An attack in another comma-piece ("In response to strikes launched by Russia, the
        # UK will send 200 missiles") is the occasion of aid the figure's own piece names.
        piece = blank_out(_LAUNCH_NOUN_RE, segment_text)
        giving = blank_out(_COUNTED_SHIPS_RE, piece)
        if has_cue(piece, hostile) or not has_cue(giving, lex.AID_CUES):
            return True
    # "26 jets in service, with six pledged for delivery": a part said to be given is no
    # longer the stock its clause describes.
    own = has_cue(blank_out(ORIGIN_RE, segment_text), lex.OWN_USE_CUES) or (
        figure.forced_kind is None and has_cue(blank_out(ORIGIN_RE, clause_text), lex.OWN_USE_CUES)
    )
    if own and not has_cue(clause_text, lex.FUNDING_CUES):
        return True
    if _buying(blank_out(ORIGIN_RE, clause_text)):
        # Buying for Ukraine is giving ("will purchase eight vehicles for Ukraine"); buying
        # for oneself is procurement, also to replace what was given ("to buy 28 howitzers
        # to replace weapons sent to Ukraine").
        if _REPLACING_RE.search(clause_text):
            return True
        bought_at = cue_spans(blank_out(_IN_ORDER_TO_RE, clause_text), BUYING_CUES)[0][0]
        return not (
            bought_for_ukraine(body)
            or has_cue(clause_text[:bought_at], _PURCHASE_GIVEN_CUES)
            or _AID_MONEY_BUYS_RE.search(clause_text[:bought_at]) is not None
        )
    lead = body[clause[0] : figure.start].lower()
    if re.search(r"\b(?:has|have|had|owns?|operates?)\s*$", lead):
        return True
    if re.search(r"\bthere\s+(?:are|were)\s*$", lead) and not has_cue(body, _PACKAGE_WORDS):
        return True  # a stock, but "in the 13th aid package ... there were three vehicles"
    # A count headed "to Ukraine" is on its way there ("another 8 aircraft will head from
    # Denmark to Ukraine"), whatever the verb.
    return not (aid_context or has_cue(body, lex.AID_CUES) or _TO_UKRAINE_RE.search(body))
