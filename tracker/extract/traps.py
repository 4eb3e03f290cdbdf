"""Whether a figure is aid at all: the trap rules.

A figure in a clause about attacks, requests and needs, own production or stocks, sanctions,
damage, frozen assets, a sale to someone else or the giver's own purchases proposes nothing.
Kept apart from :mod:`tracker.extract.extractor` so every rule that says "this is not aid"
sits on one page, with the word lists of :mod:`tracker.extract.lexicon.traps`.
"""

from __future__ import annotations

import re

from tracker.extract import lexicon as lex
from tracker.extract.donors import FROM_RIGHT_AFTER_RE
from tracker.extract.figures import Figure
from tracker.extract.names import find_mentions
from tracker.extract.tokens import BULLET_RE, alternation, blank_out, cue_spans, has_cue

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


_ENVOYS = frozenset({"ambassador", "envoy", "embassy", "mission", "representative"})
_JOURNEYS = frozenset({"visit", "visits", "trip", "journey", "travelled", "traveled", "flew"})


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
        # "to Poland", "to the UK" (not "to finance US weapons": a verb after "to")
        after_to = lead[-1:] == ["to"] or lead == ["to", "the"]
        if mention.kind == "country" and mention.code != "UA" and after_to:
            return True
    return False


_UKRAINE_RE = re.compile(r"ukrain|kyiv|kiev", re.IGNORECASE)
# What a giver gets back for its aid is no aid of the one who gives it back.
# What the giver gets back: "in exchange for", "receiving in return the same number of".
_EXCHANGE_RE = re.compile(r"\bin\s+exchange\s+for\b|\bin\s+return\s+$", re.IGNORECASE)


def _aid_to_other(text: str) -> bool:
    """Whether aid goes to a country named right after "aid to" that is not Ukraine."""
    return any(
        m.kind == "country"
        and m.code != "UA"
        and re.search(r"\b(?:aid|assistance|support|relief)\s+to\s+(?:the\s+)?$", text[: m.start])
        for m in find_mentions(text)
    )


_RECEIVE_RE = re.compile(
    r"(?:\s+(?:armed\s+)?(?:forces|army|military|troops|navy|air\s+force))?"
    r"\s+(?:will\s+|has\s+|have\s+|had\s+|is\s+to\s+|would\s+|(?:is\s+)?(?:expected|set|due)"
    r"\s+to\s+)?(?:also\s+|now\s+)?"
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


_FOR_UKRAINE_RE = re.compile(
    r"\b(?:for|to|buy|buying|purchase|give|gives|giving|gave|send|sends|sending|sent|provide"
    r"|provides|providing|provided|supply|supplies|supplying|supplied|transferred|assist|support"
    r"|help|aid|enable|enabling|allow|allowing)\s+(?:ukraine|kyiv|kiev|(?:the\s+)?(?:\d+\s+)?"
    r"ukrainian|ukrainians)\b"
    # Ukraine as the buyer: "so that Ukrainians can buy gas".
    r"|\b(?:ukraine|ukrainians|kyiv)\s+(?:can|could|will|would|to)\s+(?:buy|purchase|procure)\b"
    # "would buy and donate a missile system": bought to be given.
    r"|\b(?:buy|purchase|procure)\s+and\s+(?:donate|give|send|transfer)\b"
    r"|\b(?:bought|purchased|procured)\s+and\s+(?:donated|given|sent|transferred|distributed"
    r"|delivered)\b",
    re.IGNORECASE,
)
# Money or arms to refill the giver's own stores: "appropriated $12.5 billion to replace these
# stocks", "to replenish US stockpiles".
_RESTOCKING_RE = re.compile(
    r"\b(?:replace|replenish|backfill|restock|refill|top\s+up)\s+(?:[\w’'-]+\s+){0,3}(?:stocks|"
    r"stockpiles?|inventor(?:y|ies)|reserves|arsenals?|supplies|supply|stores)\b",
    re.IGNORECASE,
)
# A company's contract: "Lockheed Martin has secured a $4.5 billion contract": procurement.
_COMPANY_CONTRACT_RE = re.compile(
    r"\b(?:secured|won|awarded|received)\s+(?:a|an|another)\s+(?:[\w$€£.,-]+\s+){0,4}contracts?\b"
    r"|\bcontracts\s+with\b",
    re.IGNORECASE,
)
# Between "spending" and a sum it spends: a couple of words, or the sums listed before it.
_SUM = r"[$€£]?\d[\d.,]*\s*(?:million|billion|bn|m)?"
_OUTLAY_GAP_RE = re.compile(rf"\s+(?:[\w-]+\s+){{0,2}}|\s+(?:{_SUM}\s*(?:,|and|,\s*and)\s+)+")
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
# What is left of an authority or a budget is its unspent balance, not a new gift: "There
# is $5.6 billion remaining of presidential drawdown authority".
_BALANCE_AFTER_RE = re.compile(
    r"\s+(?:remaining|left|unspent|unused|still\s+available)\s+(?:of|in|under|from)\s+(?:the\s+)?"
    r"(?:[\w-]+\s+){0,3}(?:authority|authorities|budget|appropriations?|allocation)\b",
    re.IGNORECASE,
)
_REPLACING_RE = re.compile(
    r"\bto\s+(?:replace|replenish|backfill|restock)\b[^.;]{0,60}?\b(?:sent|given|donated|rushed"
    r"|delivered|transferred|supplied)\b",
    re.IGNORECASE,
)
# Verbs of buying and of a sale: a figure bought or sold is aid only when Ukraine gets it.
_BUYING_CUES = ("buy", "bought", "buying", "purchase", "purchased", "purchasing")
_BUYING_CUES += ("order", "ordered", "acquired", "sale")
_BUYING_CUES += ("procure", "procuring", "procurement of")  # "committed to procuring 980 K2 tanks"
# Money "for the purchase of equipment" is a grant's purpose; a buyer of its own arms says
# "bought", "signed a deal to buy", "acquired", or a "sale".
_BUYING_MONEY_CUES = ("buy", "bought", "buying", "purchased", "acquired", "sale", "sales")
# The aid words that are not buying words: what makes a purchase a gift in its clause.
_GIVING_CUES = tuple(c for c in lex.AID_CUES if c not in _BUYING_CUES)
# The aid's money doing the buying: "The money will be used to purchase 3,000 shells".
_AID_MONEY_BUYS_RE = re.compile(
    r"\b(?:money|funds|funding|sum|amount|grant|contribution|allocation)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:will\s+be|is|are|was|were|would\s+be)\s+(?:also\s+)?used\s+(?:to|for)\s+$",
    re.IGNORECASE,
)
# Words that, before the buying word, make bought arms a gift: "the package includes the
# purchase of 18 howitzers", "Ukraine will receive shells under an initiative to buy them".
_PURCHASE_GIVEN_CUES = ("include", "includes", "including", "included", "receive", "will receive")
# "for military needs", "to meet Ukraine's critical arms needs": a purpose, not a request.
_PURPOSE_NEEDS_RE = re.compile(
    r"\b(?:for|to|towards?|toward|meet|meeting|cover|on|at)\s+"
    r"(?:(?!that\b|which\b|who\b|it\b|they\b|we\b)[\w’'-]+\s+){0,5}needs\b"
    # What is given, described by the need it meets: "the air defence capabilities it needs",
    # "urgently needed helmets".
    r"|\b(?:capabilities|systems|equipment|weapons|support|aid|assistance|help|supplies)\s+"
    r"(?:that\s+)?(?:it|they|ukraine)\s+(?:\w+ly\s+)?needs?\b"
    r"|\b(?:urgently|badly|much|sorely)[-\s]needed\b",
    re.IGNORECASE,
)
# The receiver's own forces are where aid goes, not the giver's own budget; "military assets"
# drawn from stocks are arms, not frozen assets.
_UKRAINES_FORCES_RE = re.compile(
    r"\b(?:armed forces of ukraine|ukrainian armed forces|ukraine[’']s armed forces"
    r"|military assets)\b"
    # Forces that are the receiver's need or the giver's agent, not a budget: "to meet the
    # needs of the Armed Forces", "instructed its Armed Forces to transfer €28 million".
    r"|\bneeds\s+of\s+(?:the\s+)?armed\s+forces\b"
    r"|\barmed\s+forces\s+to\s+(?:transfer|send|deliver|provide|donate|hand|supply)\b",
    re.IGNORECASE,
)


# PURL buys US weapons for Ukraine: what allies purchase through it is aid.
def _names_purl(body: str) -> bool:
    """Whether the sentence names PURL, through which allies buy US arms for Ukraine."""
    return any(m.code == "PURL" for m in find_mentions(body))


def _bought_for_ukraine(body: str) -> bool:
    if _SALES_TO_UKRAINE_RE.search(body) and not _PAID_BY_RE.search(body):
        return False  # "approved $322 million in proposed weapons sales to Ukraine": it pays
    return bool(_FOR_UKRAINE_RE.search(body)) or _names_purl(body)


_SALES_TO_UKRAINE_RE = re.compile(r"\bsales?\s+(?:\w+\s+)?to\s+(?:ukraine|kyiv|kiev)\b", re.I)
_PAID_BY_RE = re.compile(r"\b(?:funded|financed|paid\s+for)\s+by\b", re.IGNORECASE)


def _buying(text: str) -> bool:
    return has_cue(blank_out(_IN_ORDER_TO_RE, text), _BUYING_CUES)


# "in order to strengthen Ukraine's position": a purpose, no order placed.
_IN_ORDER_TO_RE = re.compile(r"\bin\s+order\s+(?:to|for)\b", re.IGNORECASE)


# "The cost of a new aid package": the value of aid, not a cost that is no aid.
_AID_COST_RE = re.compile(
    r"\bcost\s+of\s+(?:the|a|an|this|its|their)\s+(?:[\w-]+\s+){0,3}"
    r"(?:package|aid|assistance|donation|tranche|shipment|batch|delivery)\b"
    # "the cost is covered under a CAN$500 million aid package"
    r"|\bcost\s+is\s+covered\s+(?:under|by|from)\b"
    # "its military spending on aid to Ukraine": spending that is the aid, not a budget.
    r"|\bspending\s+on\s+(?:[\w-]+\s+){0,2}(?:aid|assistance|support)\b",
    re.IGNORECASE,
)
# "could send more if the situation requires": a condition on more aid, not a request; "in
# current prices" states how a sum is counted; the "Extraordinary Revenue Acceleration" loans
# are a programme's name, not Russia's revenue.
_CONDITION_RE = re.compile(
    r"\bif\s+(?:the\s+)?(?:situation|need|needs|circumstances)\s+(?:requires?|demands?|arises?)\b"
    r"|\bif\s+(?:needed|necessary|required)\b"
    r"|\b(?:in|at)\s+(?:current|constant)\s+prices\b"
    r"|\bextraordinary\s+revenue\s+acceleration\b"
    # "80 deliveries weighing over 1,445 tons": a weight, not a deliberation.
    r"|\bweighing\s+(?:over\s+|about\s+|around\s+|some\s+|nearly\s+|more\s+than\s+)?(?=\d)"
    # "sent 100 missiles in response to a request from Kyiv": the request is answered.
    r"|\b(?:in\s+response\s+to|following|answering|at)\s+(?:a|an|the|its|their)\s+(?:\w+\s+)?"
    r"requests?\b",
    re.IGNORECASE,
)
# A giver that "wants to increase support" states its own will to give, not a request.
_GIVERS_WILL_RE = re.compile(
    r"\b(?:wants?|seeks?|seeking)\s+to\s+(?:further\s+)?(?:increase|send|provide|give|donate"
    r"|supply|deliver|allocate|contribute|boost|step\s+up|expand)\b",
    re.IGNORECASE,
)


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
_PACKAGE_COST_RE = re.compile(
    r"\b(?:package|aid|donation)\b[^.;]{0,30}?\bwith\s+a\s+(?:total\s+)?cost$"
    # The aid is the subject: "The support package, which costs SEK 520 million".
    r"|\b(?:package|aid|assistance|donation|tranche|shipment|batch),?\s+(?:which|that)\s+"
    r"(?:will\s+|would\s+)?costs?$",
    re.IGNORECASE,
)


# Where given equipment comes from, said of it after its noun: "500 drones, produced in
# Latvia", "vehicles manufactured by Roshel", "M113s, which have been in service with the
# army for 30 years": a description, not production or stocks kept for oneself.
_ORIGIN_RE = re.compile(
    r"\b(?:produced|manufactured)\s+(?:in|by)\b"
    # What the gift is for: "60 bulldozers to help build defensive positions".
    r"|\bto\s+help\s+(?:build|produce)\b"
    # When the gift will be ready: "to be handed over as soon as they are produced".
    r"|\b(?:as\s+soon\s+as|once)\s+(?:they|it)\s+(?:are|is|have\s+been|has\s+been)\s+"
    r"(?:produced|manufactured|built)\b"
    # A giving ministry's name: "the Ministry of Energy and Economy also transferred".
    r"|\b(?:ministry|minister|ministries)\s+(?:of|for)\s+(?:the\s+)?(?:[\w-]+\s+and\s+)?"
    r"econom(?:y|ic\s+affairs)\b"
    r"|\beconomy\s+(?:ministry|minister)\b"
    r"|\bproduction\s+of\s+(?:electricity|energy|power|heat)\b"
    r"|\b(?:which|that)\s+(?:have|has|had)\s+been\s+in\s+service\b"
    # "Storm Shadow missiles, one of the most powerful weapons in Kyiv's arsenal": the
    # receiver's arsenal describes the gift.
    r"|\bin\s+(?:kyiv|kiev|ukraine)['’]s\s+arsenal\b|\bin\s+(?:the\s+)?ukrainian\s+arsenal\b"
    # "two Patriot systems from their own arsenal, which it will replace with a new order":
    # where the gift comes from and how the giver refills its stock.
    r"|\bfrom\s+(?:its|their|our|his|her|[\w-]+['’]s)\s+(?:own\s+)?(?:arsenals?|stocks?|stockpiles?|reserves"
    r"|inventor(?:y|ies))\b"
    # "materiel from the Federal Armed Forces' warehouses": where the gift was stored.
    # "from the reserve of the National Armed Forces"
    r"|\bfrom\s+(?:the\s+)?(?:reserves?|stocks?|stockpiles?|warehouses|inventor(?:y|ies))\s+of\s+"
    r"(?:the\s+)?(?:[\w-]+\s+){0,2}(?:armed\s+forces|army|military)\b"
    r"|\bfrom\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?:armed\s+forces|army|military|bundeswehr)[’']?s?\s+"
    r"(?:stocks?|stockpiles?|warehouses|reserves|depots|inventor(?:y|ies)|arsenals?)\b"
    # "to give Ukraine its fleet of 13 MiG-29s": the fleet is the gift.
    r"|\b(?:give|gives|giving|donate|donates|donating|transfer|transfers|transferring|send"
    r"|sends|sending|pledged|pledges|promised|offered|hand\s+over|handed\s+over)\s+"
    r"(?:ukraine\s+|kyiv\s+)?(?:its|their|the)\s+(?:(?:entire|whole|remaining|existing)\s+)*"
    r"(?:[\w-]+\s+)?fleet\s+of\b"
    r"|\b(?:which|that)\s+(?:it|they|we)\s+will\s+(?:replace|backfill|replenish)\b[^,;.]*",
    re.IGNORECASE,
)


# "to help SESU repair the damage inflicted by Russia's forces", "to fix any damaged
# equipment": the aid's purpose, not a figure of damage; "to support those seeking
# protection": the refugees it helps, not a request.
_REPAIR_PURPOSE_RE = re.compile(
    r"\b(?:repair|fix|restore|rebuild)\s+(?:[\w’'-]+\s+){0,3}?damaged?\b"
    r"(?:\s+(?:inflicted|caused)\s+by\b[^,;.]*)?"
    r"|\bseeking\s+(?:protection|refuge|asylum|shelter|safety)\b",
    re.IGNORECASE,
)


def _blank_purposes(text: str) -> str:
    """``text`` with purpose phrases ("for military needs", "spent on humanitarian needs",
    "to repair the damage", "those seeking protection"),
    a giver's own will ("wants to increase support"), the cost of an aid package and
    Ukraine's own forces blanked, so "needs" or "wants" there is no request, "cost" no
    expense and "armed forces" no own budget."""
    patterns = (_UKRAINES_FORCES_RE, _PURPOSE_NEEDS_RE, _GIVERS_WILL_RE, _AID_COST_RE)
    patterns += (_REPAIR_PURPOSE_RE,)
    for pattern in (*patterns, _CONDITION_RE):
        text = blank_out(pattern, text)
    return text


# "launch" naming a kind of equipment ("NASAMS launch systems"), not an attack.
# A thing described by the attack that damaged it: "energy systems damaged by recent Russia's
# strikes", "infrastructure that was damaged in Russia's mass missile attacks".
_DAMAGED_BY_ATTACK = (
    r"(?:that\s+(?:was|were|had\s+been|has\s+been)\s+)?(?:damaged|destroyed)\s+(?:by|in|during)\s+"
    r"(?:[\w’'-]+\s+){0,5}?(?:strikes?|attacks?|shelling|bombardments?|bombing)\b"
)
_LAUNCH_NOUN_RE = re.compile(
    r"\blaunch\s+(?:rocket\s+)?(?:systems?|vehicles?|units?|pads?|platforms?|modules?|launchers?)\b"
    # Whom the aid helps: "rehabilitation programmes for wounded Ukrainian soldiers".
    r"|\b(?:for|to|of|treat|treating|help|helping)\s+(?:the\s+)?wounded\b"
    rf"|\b{_DAMAGED_BY_ATTACK}",  # what the aid repairs, not an attack of this sentence
    re.IGNORECASE,
)
# What aid money repairs, named after it with the attack that damaged it ("DKK 40 million to
# Ukrainian energy systems damaged by recent Russia's strikes"): the damage is its purpose.
_REPAIRED_RE = re.compile(
    rf"\b(?:to|for)\s+(?:repair\s+)?(?:[\w’'-]+\s+){{0,4}}?{_DAMAGED_BY_ATTACK}", re.IGNORECASE
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
# Trap words that may also name an aid package's own value ("the cost of the package is").
_VALUE_WORDS = frozenset({"cost", "costs", "price", "prices"})


def _later_clause(segment_text: str, figure_end: int, cue_start: int) -> bool:
    """Whether a trap word after the figure sits in another clause joined by "and" ("sent
    €1.7 billion ... and called on its allies to give more"): it says nothing of the figure."""
    return (
        cue_start > figure_end
        and re.search(r"\band\b", segment_text[figure_end:cue_start]) is not None
    )


def _amounts_to(segment_text: str, word: str, word_end: int, figure_start: int) -> bool:
    """Whether the figure is what the trap word's phrase amounts to ("damage has reached")."""
    between = segment_text[word_end:figure_start]
    return (
        word not in _VALUE_WORDS
        and word_end <= figure_start
        and "," not in between
        and _AMOUNTS_TO_RE.search(between) is not None
    )


# A third party stopping aid, or the means that carried it: no gift of the figure.
_BLOCKED_OR_CARRIER_RE = re.compile(
    r"\b(?:did\s+not|didn't|refused\s+to)\s+(?:allow|let)\b|\bvetoed\b"
    # Money held back: "Hungary continues to block payments", "unable to release €500 million",
    # "will not fund an entire $500 million package alone".
    r"|\b(?:block|blocks|blocked|blocking)\s+(?:the\s+)?(?:payments?|funds|funding|tranches?|aid)\b"
    r"|\bunable\s+to\s+(?:release|disburse|pay)\b"
    # A bill that did not pass: "lawmakers failed to advance a bill worth over $100 billion".
    r"|\bfailed\s+to\s+(?:advance|pass|approve|adopt)\b"
    r"|\b(?:will\s+not|won't|would\s+not|does\s+not|refused\s+to|refuses\s+to)\s+"
    r"(?:fund|finance|pay\s+for|send|provide|supply|give|deliver|transfer)\b"
    r"|\b(?:were|was|are|is|been)\s+used\s+to\s+(?:deliver|transport|carry|fly|ship)\b"
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
# A fund's founding size: "was established in 2020 with a budget of 5 billion euro".
_FOUNDING_BUDGET_RE = re.compile(
    r"\b(?:established|created|set\s+up|launched)\b[^.;]{0,40}\bwith\s+(?:a|an\s+initial)\s+"
    r"(?:budget|capital|envelope)\s+of\s+(?:about\s+|around\s+)?$",
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


# Rounds of payment, not of ammunition: "distributed over three rounds", "paid in two rounds".
_INSTALMENT_ROUNDS_RE = re.compile(
    r"\b(?:distributed|spread|paid|split|disbursed|divided|allocated|given)\s+(?:over|in|across)\s+$",
    re.IGNORECASE,
)


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
    segment_text = body[segment[0] : segment[1]]
    clause_text = body[clause[0] : clause[1]]
    if _BLOCKED_OR_CARRIER_RE.search(clause_text):
        return True  # "Hungary did not allow sending the tranche"; "aircraft used to deliver"
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
        for a, b in cue_spans(_blank_purposes(segment_text), lex.REQUEST_CUES)
        if not _later_clause(segment_text, after, a)
    ]
    # "It is necessary for allies to fund PURL at about $1 billion a month": a request that
    # opens the piece governs all of it, however far the figure.
    if any(near[0] <= a <= near[1] or a < 3 for a, _ in requests):
        return True  # "Ukraine needs 25 systems", not "composed on the basis of Ukraine's needs"
    if _sold_elsewhere(segment_text) or _received_by_other(segment_text):
        return True
    if not _UKRAINE_RE.search(body) and _aid_to_other(body):
        return True  # "over CHF610 million ... have been used for humanitarian aid to Syria"
    if _EXCHANGE_RE.search(body[: figure.start]):
        return True  # "28 tanks, in exchange for equipment from Germany – 35 truck loaders"
    if _RESTOCKING_RE.search(clause_text) or _OWN_FORCES_RE.search(segment_text):
        return True  # the giver's own stores and forces, not aid to Ukraine
    if figure.currency_text is not None:
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
        # "Canada will donate 800 drones. The drones ... worth over $95 million will be
        # acquired from Teledyne": the cost of what the sentence before gives is its value.
        given_before = aid_context and _GIVEN_THINGS_RE.match(body) is not None
        if (
            has_cue(clause_text, _BUYING_MONEY_CUES)
            and not given_before
            and not _bought_for_ukraine(body)
            and (has_cue(clause_text, ("sale", "sales")) or not has_cue(clause_text, _GIVING_CUES))
        ):
            # "signed a $4 billion deal to buy Patriots": its own procurement; but "will
            # contribute $220 million to buy drones", "pledged to buy $4.5 billion in
            # American weapons": a purchase the clause says is given (a sale stays a sale,
            # "approved the potential sale of engines").
            return True
        if _ASSETS_AFTER_RE.match(body, figure.end):
            return True  # "the proceeds of $210 billion of frozen Russian assets": their size
        readable = blank_out(_REPAIRED_RE, _blank_purposes(_blank_links(segment_text)))
        traps = cue_spans(blank_out(_ORIGIN_RE, readable), lex.MONEY_TRAP_CUES)
        frozen_aid = has_cue(body, lex.FROZEN_ASSET_AID_CUES)
        start = figure.start - segment[0]
        for a, b in traps:
            word = segment_text[a:b].lower()
            if frozen_aid and word in _FROZEN_ASSET_WORDS:
                continue
            if given_before and word in _VALUE_WORDS:
                continue  # "They will cost more than $95 million": the gift's value
            if word in _SUPPLY_WORDS and _FOR_UKRAINE_RE.search(segment_text):
                continue  # "to finance gas imports to Ukraine", "to enable Ukrainians to buy gas"
            earmarked = _EARMARKED_RE.search(segment_text, after, a)
            if earmarked and (aid_context or _FOR_UKRAINE_RE.search(segment_text)):
                continue  # "Of this sum, two billion NOK have been earmarked for gas procurement"
            if word in _BUDGET_WORDS and a < start and _FOR_UKRAINE_RE.search(segment_text[start:]):
                continue  # "a spending bill that includes $13.6 billion to assist Ukraine"
            if word == "spending" and _OUTLAY_GAP_RE.fullmatch(segment_text[b:start]):
                continue  # "spending $275 million", "spending $106 million and $159 million"
            if word == "spending" and re.match(r"\s+(?:pledges?|commitments?)\b", segment_text[b:]):
                continue  # "announced new spending pledges, including Canada (€171 million)"
            if word in ("cost", "costs") and _PACKAGE_COST_RE.search(body[: segment[0] + b]):
                continue  # "its largest aid package, with a total cost of 92 million euros"
            if _later_clause(segment_text, after, a):
                continue  # "pledged $1 billion ... and imposed sanctions": another clause
            if near[0] <= a <= near[1] or _amounts_to(segment_text, word, b, start):
                return True
        named_aid = has_cue(body, lex.AID_CUES + lex.AID_MONEY_EXTRA_CUES) or _names_purl(body)
        return not (aid_context or named_aid or _breakdown(body, figure))
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
        if has_cue(piece, hostile) or not has_cue(piece, lex.AID_CUES):
            return True
    # "26 jets in service, with six pledged for delivery": a part said to be given is no
    # longer the stock its clause describes.
    own = has_cue(blank_out(_ORIGIN_RE, segment_text), lex.OWN_USE_CUES) or (
        figure.forced_kind is None and has_cue(blank_out(_ORIGIN_RE, clause_text), lex.OWN_USE_CUES)
    )
    if own and not has_cue(clause_text, lex.FUNDING_CUES):
        return True
    if _buying(blank_out(_ORIGIN_RE, clause_text)):
        # Buying for Ukraine is giving ("will purchase eight vehicles for Ukraine"); buying
        # for oneself is procurement, also to replace what was given ("to buy 28 howitzers
        # to replace weapons sent to Ukraine").
        if _REPLACING_RE.search(clause_text):
            return True
        bought_at = cue_spans(blank_out(_IN_ORDER_TO_RE, clause_text), _BUYING_CUES)[0][0]
        return not (
            _bought_for_ukraine(body)
            or has_cue(clause_text[:bought_at], _PURCHASE_GIVEN_CUES)
            or _AID_MONEY_BUYS_RE.search(clause_text[:bought_at]) is not None
        )
    lead = body[clause[0] : figure.start].lower()
    if re.search(r"\b(?:has|have|had|owns?|operates?)\s*$", lead):
        return True
    if re.search(r"\bthere\s+(?:are|were)\s*$", lead) and not has_cue(body, _PACKAGE_WORDS):
        return True  # a stock, but "in the 13th aid package ... there were three vehicles"
    return not (aid_context or has_cue(body, lex.AID_CUES))
