"""Readings of a figure's clause that the trap rules of counts and of sums share.

Whether the text gives to Ukraine ("for Ukraine", "buy and donate", PURL), which phrases name
a purpose rather than a request or an expense, where given equipment comes from, and whether
a trap word stands in a later clause. Kept apart so :mod:`tracker.extract.traps` and
:mod:`tracker.extract.money_traps` read a clause the same way.
"""

from __future__ import annotations

import re

from tracker.extract.names import find_mentions
from tracker.extract.tokens import blank_out

FOR_UKRAINE_RE = re.compile(
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

# Verbs of buying and of a sale: a figure bought or sold is aid only when Ukraine gets it.
BUYING_CUES = ("buy", "bought", "buying", "purchase", "purchased", "purchasing")

BUYING_CUES += ("order", "ordered", "acquired", "sale")

BUYING_CUES += ("procure", "procuring", "procurement of")  # "committed to procuring 980 K2 tanks"

# "for military needs", "to meet Ukraine's critical arms needs": a purpose, not a request.
_PURPOSE_NEEDS_RE = re.compile(
    r"\b(?:for|to|towards?|toward|meet|meeting|cover|on|at)\s+"
    # (not a state's own: "for national defense needs", "for its own needs")
    r"(?!(?:[\w’'-]+\s+){0,2}(?:national|own)\b)"
    r"(?:(?!that\b|which\b|who\b|it\b|they\b|we\b)[\w’'“\"-]+\s+){0,5}needs\b"
    # What is given, described by the need it meets: "the air defence capabilities it needs",
    # "urgently needed helmets".
    r"|\b(?:capabilities|systems|equipment|weapons|support|aid|assistance|help|supplies)\s+"
    r"(?:that\s+)?(?:it|they|ukraine)\s+(?:\w+ly\s+)?needs?\b"
    r"|\b(?:urgently|badly|much|sorely)[-\s]needed\b"
    # Whom aid helps, or a campaign's name: "people in need", "the Neighbour in Need initiative"
    r"|\b(?:people|persons|those|families|children|civilians|communities|Ukrainians)\s+in\s+need\b"
    r"|(?-i:\b[A-Z][\w’'-]+\s+in\s+Need\b)"
    # The occasion of the aid: "aid to the people of Ukraine following the destruction of the
    # Kakhovka dam".
    r"|\b(?:following|after|in\s+the\s+wake\s+of)\s+the\s+(?:destruction|collapse|explosion"
    r"|breach)\s+of\b",
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
def names_purl(body: str) -> bool:
    """Whether the sentence names PURL, through which allies buy US arms for Ukraine."""
    return any(m.code == "PURL" for m in find_mentions(body))


def names_ukraine_scheme(body: str) -> bool:
    """Whether the sentence names a fund or coalition that exists for Ukraine (PURL, the
    International Fund for Ukraine, a capability coalition): money put into it is aid."""
    return any(
        m.code in ("PURL", "IFU")
        or (m.code == "NATO" and "coalition" in body[m.start : m.end].lower())
        for m in find_mentions(body)
    )


def bought_for_ukraine(body: str) -> bool:
    if _SALES_TO_UKRAINE_RE.search(body) and not _PAID_BY_RE.search(body):
        return False  # "approved $322 million in proposed weapons sales to Ukraine": it pays
    return bool(FOR_UKRAINE_RE.search(body)) or names_purl(body)


# A sale to Ukraine is Ukraine buying: "weapons sales to Ukraine", "approves $285M sale of
# NASAMS to Ukraine", "approved the sale of 100 howitzers ... to Ukraine".
_SALES_TO_UKRAINE_RE = re.compile(
    r"\bsales?\s+(?:of\s+[^.;]{0,80}?\s+)?(?:\w+\s+)?to\s+(?:ukraine|kyiv|kiev)\b", re.I
)

_PAID_BY_RE = re.compile(r"\b(?:funded|financed|paid\s+for)\s+by\b", re.IGNORECASE)

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
    r"|supply|deliver|allocate|contribute|boost|step\s+up|expand|transfer|hand\s+over)\b",
    re.IGNORECASE,
)

# Where given equipment comes from, said of it after its noun: "500 drones, produced in
# Latvia", "vehicles manufactured by Roshel", "M113s, which have been in service with the
# army for 30 years": a description, not production or stocks kept for oneself.
ORIGIN_RE = re.compile(
    r"\b(?:produced|manufactured)\s+(?:in|by)\b"
    # The make of a counted thing: "21 domestically produced Patria carriers".
    r"|\b\d[\d,.]*\s+(?:\w+ly\s+)?(?:produced|manufactured)\b"
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
    r"\b(?:repair|fix|restore|rebuild|restoration\s+of|repair\s+of)\s+(?:[\w’'-]+\s+){0,3}?"
    r"damaged?\b"
    # Ukraine's economy as what aid supports: "to promote Ukraine's economy", "to support the
    # Ukrainian economy" (not a giver's own economy).
    r"|\b(?:Ukraine['’]s|the\s+Ukrainian|Ukrainian)\s+economy\b"
    r"(?:\s+(?:inflicted|caused)\s+by\b[^,;.]*)?"
    r"|\bseeking\s+(?:protection|refuge|asylum|shelter|safety)\b",
    re.IGNORECASE,
)


def blank_purposes(text: str) -> str:
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
DAMAGED_BY_ATTACK = (
    r"(?:that\s+(?:was|were|had\s+been|has\s+been)\s+)?(?:damaged|destroyed)\s+(?:by|in|during)\s+"
    r"(?:[\w’'-]+\s+){0,5}?(?:strikes?|attacks?|shelling|bombardments?|bombing)\b"
)

# Trap words that may also name an aid package's own value ("the cost of the package is").
VALUE_WORDS = frozenset({"cost", "costs", "price", "prices"})


def later_clause(segment_text: str, figure_end: int, cue_start: int) -> bool:
    """Whether a trap word after the figure sits in another clause joined by "and" ("sent
    €1.7 billion ... and called on its allies to give more"): it says nothing of the figure."""
    return (
        cue_start > figure_end
        and re.search(r"\band\b", segment_text[figure_end:cue_start]) is not None
    )
