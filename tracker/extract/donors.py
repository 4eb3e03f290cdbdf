"""Who gave a figure: the roles names play in a sentence and the donor chosen for a figure.

A name is the giver when it is the subject of the figure's clause or its "from X"/"by X"
party; after "to", "for", "through" ... it is a receiver, a place or a channel. Kept apart
from :mod:`tracker.extract.extractor` so each rule about givers sits next to the others.
"""

from __future__ import annotations

import re

from tracker.extract import lexicon as lex
from tracker.extract.figures import Figure
from tracker.extract.groups import allies_give, led_by_coalition, names_other_givers
from tracker.extract.names import Mention, find_mentions, leads
from tracker.extract.receivers import beside_ukraine, receives
from tracker.extract.tokens import alternation

# Words before a name that make it a receiver, a place or a channel, not the giver.
_NOT_DONOR_BEFORE = frozenset(
    {
        "to",
        "for",
        "through",
        "via",
        "into",
        "at",
        "against",
        "toward",
        "towards",
        "with",
        "than",
        "like",
        "in",
        "under",
        "on",
        "of",
        "over",
        "about",
        "across",
        "near",
        "within",
        "visit",
        "between",
        "exchange",
        "replace",
        "replaced",
        # "Slovakia joined Poland in promising the planes": the subject joins, the other led.
        "joined",
        "joins",
    }
)
# "thanks to a Danish-funded programme": the payer, whatever word comes before it (a
# "-led" initiative after "to" is one the sentence's own giver pays into).
_PAYER_AFTER_RE = re.compile(r"-(?:funded|financed|backed)\b", re.IGNORECASE)
# After "for": "for Ljubljana to send 28 tanks", "for the Danish government to allocate €40
# million" name the subject of the giving.
_GIVING_INFINITIVE_RE = re.compile(
    r"(?:\s+(?:government|authorities|cabinet))?\s+to\s+"
    r"(?:send|give|supply|deliver|donate|transfer|allocate|provide)\b",
    re.IGNORECASE,
)
# "X military aid" after "of": X gave it.
_AID_NOUN_AFTER = r"(?:'s)?\s+(?:\w+\s+)?(?:aid|assistance|support|contributions?)\b"
# Participles after which "by X" names the giver.
_GIVING_PARTICIPLES = frozenset(
    {
        "promised",
        "pledged",
        "provided",
        "donated",
        "supplied",
        "delivered",
        "sent",
        "given",
        "funded",
        "financed",
        "offered",
        "committed",
        "transferred",
        "paid",
        "gifted",
        "made",
        # "a package approved by the Bundestag" (not "announced by the presidency", which
        # speaks for others, nor a declaration "signed by" two ministers)
        "approved",
        "unveiled",
        # "an ammunition initiative led by the Czech Republic": the lead records the aid.
        "led",
        "co-led",
        "headed",
        "spearheaded",
        # "the initiative launched last year by the Czech government"
        "launched",
        "initiated",
    }
)
# A fund or coalition named a few words after "to"/"into" (where the money goes) or, for a
# coalition, "through"/"via" (the channel it passes through): the preposition is group 1.
_CHANNEL_RE = re.compile(
    r"\b(to|into|towards?|for|through|via)\s+(?:the\s+(?:purchase|procurement)\s+of\s+)?"
    r"(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,3}$",
    re.I,
)
_INTO_WORDS = frozenset({"to", "into", "toward", "towards", "for"})
_PERMISSIONS = frozenset(
    {"permission", "approval", "consent", "clearance", "authorization", "authorisation", "licence"}
)
# Another thing the figure is for, which the "by X" after it gave: "1,800 rounds of training
# ammunition for Leopard 1 battle tanks donated by Denmark".
_THING_GIVEN_BY_RE = re.compile(
    r"\bfor\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){1,5}(?:donated|supplied|provided|sent"
    r"|delivered|given|gifted|transferred)\s+by\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# The subject received or bought what the "from X" party gave or sold.
_RECEIVED_FROM_RE = re.compile(
    r"\b(?:took\s+delivery|received|receives|bought|purchased|acquired|inherited|imported)\b",
    re.IGNORECASE,
)
_FUND_PACKAGE_RE = re.compile(r"\s+(?:packages?|tranches?|batch(?:es)?)\b", re.IGNORECASE)
# A body's name between a sum and its loan or package names whose it is.
_LOAN_NOUN_AFTER_RE = re.compile(
    # (its acronym may stand between: "Extraordinary Revenue Acceleration (ERA) Loans")
    r"(?:\s+\([A-Z0-9+-]{2,8}\))?\s+(?:[\w-]+\s+)?(?:loans?|package|facility|grant|tranche"
    r"|credit)\b",
    re.IGNORECASE,
)
# A verb of paying right before a demonym's initiative: the initiative is what is paid.
_PAYS_INTO_RE = re.compile(
    r"\b(?:finance|finances|financing|financed|fund|funds|funding|funded|support|supports"
    r"|supporting|join|joins|joining|back|backs|backing)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_HOSTILE_ACT_AFTER_RE = re.compile(
    r"\s+(?:military\s+|armed\s+)?(?:action|actions|aggression|attacks?|operations?|offensives?"
    r"|strikes?|invasion|occupation|shelling|bombardment)\b",
    re.IGNORECASE,
)
# A country closing the name of a charity or company: "International Medical Corps UK".
_NAMED_BODY_RE = re.compile(
    r"\b[A-Z][\w-]*\s+(?:Corps|Foundation|Relief|Committee|Cross|Children|Trust|Charity|Appeal"
    r"|Society|Network|Aid|Ltd|Inc|Group)\s+$"
)
_PRIVATE_BODY_AFTER_RE = re.compile(
    r"\s+(?:charity|charities|company|companies|firm|firms|ngos?|foundation|non-?profit"
    r"|manufacturers?|producers?|contractors?|businesses|volunteers)\b",
    re.IGNORECASE,
)
_ALONG_WITH_RE = re.compile(r",\s*(?:along|together)\s+with\b[^,;.]*$", re.IGNORECASE)
_OPPOSITION = frozenset(
    {"resistance", "opposition", "objections", "objection", "veto", "blockade", "pushback"}
    | {"pressure"}
)
# Members named in apposition to their group: "G7 nations, including Canada, the US and Japan".
_MEMBERS_LISTED_RE = re.compile(
    r"\b(?:nations|countries|members|allies|partners|states|leaders)\s*,?\s+(?:such\s+as|"
    r"including|among\s+them|notably)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_DETERMINERS = ("the", "a", "an", "its", "their", "his", "her", "our", "new")
_INSTITUTIONS = lex.INSTITUTION_WORDS
# Who pays under a fund or scheme named in a sentence: a state, named or by its capital.
_PAYERS = ("country", "metonym", "demonym")


# A buying verb shortly before "from X": X sells, it does not give.
_BOUGHT_FROM_RE = re.compile(
    r"\b(?:buy|buying|bought|purchase|purchasing|purchased|order|ordered|sourced|procured"
    r"|procure|procuring|acquire|acquiring)\b"
)
# "from US stockpiles", "from American stocks": the stores the aid is bought from.
_STOCKS_AFTER_RE = re.compile(
    r"(?![’']s\s+own\b)(?:[’']s)?\s+(?:\w+\s+)?(?:stockpiles?|stocks|warehouses|arsenals?|production|industry)\b",
    re.IGNORECASE,
)
# ", committing €500 million": a participle whose subject is the main clause's.
_PARTICIPLE_LEAD_RE = re.compile(
    r",\s+(?:also\s+|thereby\s+)?(?:committing|pledging|providing|contributing|giving|sending|"
    r"donating|allocating|adding|earmarking|offering)\s+(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
# "with X committing ...": an absolute clause whose subject is X.
_GIVING_GERUND_RE = re.compile(
    r"\s+(?:\w+\s+)?(?:committing|pledging|providing|contributing|giving|sending|donating|"
    r"supplying|promising|offering|paying|allocating)\b",
    re.IGNORECASE,
)


# "since Russia's invasion": a possessive naming the war, not an actor of the clause.
_WAR_POSSESSIVE_RE = re.compile(
    r"[’']s\s+(?:full-scale\s+|illegal\s+|unprovoked\s+|brutal\s+)*"
    r"(?:invasion|war|aggression|attacks?|strikes?|offensive|bombardment)\b",
    re.IGNORECASE,
)


_ONE_MEMBER_RE = re.compile(r"\b(?:a|an|the\s+(?:first|second|third|only|latest))\s+$", re.I)
_MEMBER_AFTER_RE = re.compile(r"\s+(?:member|ally|country|state|nation)\b", re.IGNORECASE)
# A quotation just closed before a name: its speaker follows ("...,” Austin said).
_AFTER_QUOTE_RE = re.compile(r"[,.!?][\"”’']\s*(?:[\w.’'-]+\s+){0,4}$")
# One member, not all of them ("the NATO member states" are the alliance's members together).
_A_MEMBER_AFTER_RE = re.compile(
    r"\s+(?:member(?!\s+(?:states|countries|nations)\b)|ally|country|state|nation)\b", re.I
)


# Equipment nouns after a country name that make the name its make ("US weapons").
_MAKE_OF_RE = re.compile(
    r"\s+(?:weapons|arms|equipment|munitions|ammunition|missiles|systems|tanks|jets)\b"
    r"|-(?:made|built|produced|designed)\b"
)


def _spelled_out(body: str, mention: Mention) -> Mention | None:
    """The full name a bracketed abbreviation repeats ("... List (PURL)"), which has its role."""
    if not re.search(r"\(\s*$", body[: mention.start]):
        return None
    return next(
        (
            m
            for m in find_mentions(body)
            if m.code == mention.code
            and m.end < mention.start
            and re.fullmatch(r"[\s\"”’»]*\(\s*", body[m.end : mention.start])
        ),
        None,
    )


# A sentence opening "In X," with X's own institution as the subject after the comma.
_INSTITUTION_AFTER_RE = re.compile(
    r",\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?:government|parliament|parliamentary|cabinet|ministry"
    r"|majority|authorities|president|prime\s+minister|lawmakers|deputies)\b",
    re.IGNORECASE,
)


# Names in an aside: whom a speaker talked with ("after a telephone conversation with U.S.
# President Joe Biden"), and the bank's owner in "The EIB, the EU bank, is providing ...".
_ASIDE_NAME_RE = re.compile(
    r"\b(?:conversation|call|talks|meeting|talk)\s+with\s+(?:[\w.’'-]+\s+){0,4}$"
    r"|\bEIB\)?,\s+the\s+$",
    re.IGNORECASE,
)


def role(body: str, mention: Mention) -> str:
    """subject, source ("from X", "by X"), or other (a receiver, a place, a channel)."""
    if beside_ukraine(body, mention) or _WAR_POSSESSIVE_RE.match(body, mention.end):
        return "other"
    if _ONE_MEMBER_RE.search(body[: mention.start]) and _MEMBER_AFTER_RE.match(body, mention.end):
        return "other"  # "became the first NATO member to ...": says what the subject is
    if re.search(r"\bthe\s+$", body[: mention.start]) and _A_MEMBER_AFTER_RE.match(
        body, mention.end
    ):
        return "other"  # "Duda said the EU member would deliver four jets": Poland, not the EU
    if mention.kind == "official" and _AFTER_QUOTE_RE.search(body[: mention.start]):
        quoted = (m for m in find_mentions(body[: mention.start]) if m.code != mention.code)
        if any(m.kind in ("country", "metonym") and m.code not in lex.NOT_DONORS for m in quoted):
            return "other"  # "'... Denmark will provide a launcher,' Austin said": who spoke
    if (full := _spelled_out(body, mention)) is not None:
        return role(body, full)  # "the Prioritized Ukraine Requirements List (PURL)"
    before = re.findall(r"[\w'’.-]+", body[: mention.start].lower())
    while before and before[-1] in _DETERMINERS:
        before.pop()
    pooling = mention.code in lex.CHANNELS or mention.code == "NATO"
    channel = _CHANNEL_RE.search(body[: mention.start]) if pooling else None
    if channel and (channel.group(1).lower() in _INTO_WORDS or mention.code == "NATO"):
        # "$6.5 million to the United Kingdom-administered International Fund", "drones
        # bought through the international drone coalition"; a fund's own money "through the
        # International Fund" stays a last resort giver.
        return "other"
    previous = before[-1] if before else ""
    earlier = before[-2] if len(before) > 1 else ""
    if _NAMED_BODY_RE.search(body[: mention.start]):
        return "other"  # "services provided by International Medical Corps UK": a charity
    if mention.kind == "demonym" and _PRIVATE_BODY_AFTER_RE.match(body, mention.end):
        return "other"  # "provided by the British charity ...": who does the work, not a state
    if _ALONG_WITH_RE.search(body[: mention.start]):
        return "other"  # "Irish money, along with money from Malta, goes into ...": an aside
    if _ASIDE_NAME_RE.search(body[: mention.start]):
        return "other"  # a call with Biden, "the EU bank" beside the EIB: names in an aside
    if previous == "from" and earlier in _OPPOSITION:
        return "other"  # "overcame resistance from Hungary": who blocked, not who gives
    if _MEMBERS_LISTED_RE.search(body[: mention.start]):
        return "other"  # "G7 nations, including Canada and Japan, agreed": the group gives
    if previous == "from" and earlier in _PERMISSIONS:
        return "other"  # "received permission from the US Congress": who allows, not who gives
    if previous == "from" and _BOUGHT_FROM_RE.search(" ".join(before[-8:])):
        return "other"  # "to purchase a NASAMS from the United States": the seller
    if previous == "from" and re.search(r"\bexchange\s+for\b", " ".join(before[-8:])):
        return "other"  # "in exchange for equipment from Germany": who pays back, not who gives
    if previous == "from" and _STOCKS_AFTER_RE.match(body[mention.end :]):
        return "other"  # "weapons from US stockpiles": whose stores (not "Norway's own")
    if previous == "from" or (previous == "by" and earlier in _GIVING_PARTICIPLES):
        return "source"  # "aid from Norway", "promised by France"
    if previous == "by" and earlier in lex.ORDINALS | {"first", "last", "latest", "next"}:
        return "source"  # "financed by the Netherlands ..., the third by Germany for $500m"
    if previous == "with" and _GIVING_GERUND_RE.match(body[mention.end :]):
        return "subject"  # "..., with the UK committing £15 million": the UK commits
    if previous == "by":
        return "other"  # "announced by the presidency", "replaced by U.S. Black Hawks"
    if previous == "under" and body[mention.start : mention.end + 2].endswith(("'s", "’s")):
        # "under the EU's assistance programme"; but "under the Alliance's PURL initiative"
        # names the programme itself, which is then the giver.
        named = any(
            0 < m.start - mention.end < 30 and m.kind == "organisation" for m in find_mentions(body)
        )
        return "other" if named else "source"
    if previous == "of" and earlier in _INSTITUTIONS:
        return "subject"  # "the Government of Norway"
    if previous == "of" and earlier in ("ceiling", "budget", "envelope"):
        return "source"  # "raised the ceiling of the European Peace Facility by €5 billion"
    if previous == "of" and re.match(_AID_NOUN_AFTER, body[mention.end :], re.IGNORECASE):
        return "source"  # "64.1 billion euros of U.S. military aid"
    if previous == "in" and earlier in _INSTITUTIONS:
        return "subject"  # "the defence ministry in Madrid"
    if previous == "in" and len(before) == 1 and _INSTITUTION_AFTER_RE.match(body, mention.end):
        return "subject"  # "In Bulgaria, the parliamentary majority has approved ..."
    if previous == "in" and re.match(_AID_NOUN_AFTER, body[mention.end :], re.IGNORECASE):
        return "source"  # "$6.2 billion in Canadian aid", "€40 million in EU assistance"
    payer = _PAYER_AFTER_RE.match(body, mention.end) or (
        previous == "for" and _GIVING_INFINITIVE_RE.match(body, mention.end)
    )
    if previous in _NOT_DONOR_BEFORE and not payer:
        return "other"
    if mention.code in lex.CHANNELS and _PAID_IN_AFTER_RE.match(body, mention.end):
        return "other"  # "Alongside the PURL contribution, ...": what a giver paid into it
    if _EVENT_AFTER_RE.match(body, mention.end):
        return "other"  # "before the G7 Summit on 13 June": a meeting, not a giver
    if _LISTED_RECEIVER_RE.search(body[: mention.start]):
        return "other"  # "money for Israel and Taiwan": a receiver listed after another
    if leads(body[mention.end :]):
        return "subject"  # "the Czech-led initiative", "Danish-funded": the payer or lead
    make = mention.kind == "country" and _MAKE_OF_RE.match(body, mention.end) is not None
    listed = previous in ("including", "include", "includes", "such")
    if make and previous[-1:].isalpha() and (listed or previous not in lex.AID_CUES + _DETERMINERS):
        # "which secures high-demand US weapons", "purchases ..., including U.S. equipment":
        # whose make, not who gives
        return "other"
    if mention.kind == "demonym" and _HOSTILE_ACT_AFTER_RE.match(body, mention.end):
        return "other"  # "to counter Russian military action": what the aid answers
    if mention.kind == "demonym" and _PAYS_INTO_RE.search(body[: mention.start]):
        return "other"  # "Belgium will finance the Czech initiative": the payer gives
    if mention.kind == "demonym":
        words = [w.lower() for w in re.findall(r"[\w'’-]+", body[mention.end : mention.end + 40])]
        if words and words[0] in _INSTITUTIONS | lex.DEMONYM_AID_NOUNS:
            return "subject"  # "the Danish government", "the Danish package"
        # "the Czech ammunition initiative": one word may stand before the initiative noun.
        return "subject" if words[1:2] and words[1] in lex.INITIATIVE_NOUNS else "other"
    return "subject"


_EVENT_AFTER_RE = re.compile(
    r"\+?\s+(?:summit|meeting|conference|ministerial|talks|leaders'\s+summit)\b", re.IGNORECASE
)
_PAID_IN_AFTER_RE = re.compile(r"\s+(?:contributions?|payments?)\b", re.IGNORECASE)
# A name after another name that follows "for" or "to": "money for Israel and Taiwan".
_LISTED_RECEIVER_RE = re.compile(
    r"\b(?:for|to)\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)?(?:\s*,\s*|\s+and\s+|\s+or\s+)$"
)


# Only a comma or a conjunction between two names: the second continues the first's list.
LIST_JOIN_RE = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*)(?:the\s+)?")


def name_roles(body: str, mentions: tuple[Mention, ...]) -> list[tuple[Mention, str]]:
    """Each name's role, a list continuing its first name's: in "staff stationed in the UK,
    Germany and Belgium" all three are places, though only the first follows "in". A list
    ends in "and"/"or"; names after a bare comma start a clause of their own ("Under the
    ERA, the European Union is providing ...")."""
    roles = [(m, role(body, m)) for m in mentions]
    start = 0
    while start < len(roles):
        end = start + 1
        while end < len(roles):
            gap = body[roles[end - 1][0].end : roles[end][0].start]
            if roles[end - 1][0].end > roles[end][0].start or not LIST_JOIN_RE.fullmatch(gap):
                break
            end += 1
        last_gap = body[roles[end - 2][0].end : roles[end - 1][0].start] if end - start > 1 else ""
        if roles[start][1] == "other" and re.search(r"\b(?:and|or)\b|&", last_gap):
            roles[start:end] = [(m, "other") for m, _r in roles[start:end]]
        start = end
    return roles


_RELATIVE_WORD_RE = re.compile(rf"\b{alternation(lex.RELATIVE_PRONOUNS)}\b", re.IGNORECASE)


def choose_donor(
    body: str, mentions: tuple[Mention, ...], figure: Figure, clause: tuple[int, int]
) -> tuple[str | None, bool]:
    """(donor code, whether the figure is no aid fact of any giver) for one figure.

    A figure is refused when its actor is at war with Ukraine, or when it is a lender's own
    loan (``lex.LENDERS``: the IMF, the World Bank and the EBRD are no donors of the registry):
    a lender's figure is the country's that the sentence names beside it, which guarantees or
    funds it ("a $450 million World Bank loan guaranteed by the UK"), else refused. ``None``
    with ``False``: the sentence names no giver of this figure (the caller looks further)."""
    donor, refused = _named_giver(body, mentions, figure, clause)
    if donor not in lex.LENDERS:
        return donor, refused
    country = _country_beside_lender(body, mentions)
    return (country, False) if country is not None else (None, True)


def _country_beside_lender(body: str, mentions: tuple[Mention, ...]) -> str | None:
    """The first country a sentence names beside a lender that is not a recipient."""
    return next(
        (
            m.code
            for m in mentions
            if m.kind in ("country", "demonym")
            and m.code not in lex.NOT_DONORS
            and not receives(body, m)
        ),
        None,
    )


def _named_giver(
    body: str, mentions: tuple[Mention, ...], figure: Figure, clause: tuple[int, int]
) -> tuple[str | None, bool]:
    """(donor code, whether the actor is at war with Ukraine) for one figure, as the sentence
    names them (a lender's code included).

    In order: a "from X"/"by X" party in the figure's clause; a fund the money was
    channelled through ("via a fund, with an initial package of"); the nearest subject before
    the figure in its clause, else in the sentence; else the first subject after it.
    """
    # "A drone coalition, co-led by Latvia and the UK, has raised ...": the coalition's total.
    mentions = tuple(m for m in mentions if not led_by_coalition(body, mentions, m))
    roles = name_roles(body, mentions)
    if any(
        r == "source"
        and m.code in lex.NOT_DONORS - {"UA"}
        and clause[0] <= m.start < clause[1]
        and _RECEIVED_FROM_RE.search(body[clause[0] : m.start])
        for m, r in roles
    ):
        return None, True  # "Slovakia took delivery of 14 MiG-29s from Russia": not aid
    sources = [
        m
        for m, r in roles
        if r == "source" and clause[0] <= m.start < clause[1] and m.code not in lex.NOT_DONORS
    ]
    # "contributions from Denmark ..., with the UK committing £15 million": the giver of
    # an absolute clause between the "from" party and the figure is the nearer one.
    absolute = [
        s
        for s, r in roles
        if r == "subject"
        and s.end <= figure.start
        and re.search(r"\bwith\s+(?:the\s+)?$", body[: s.start].lower())
    ]
    sources = [m for m in sources if not any(m.end <= s.start for s in absolute)]

    # A "from" party: a source, or a government named by its country ("from the Government
    # of Finland", where "of" makes the name the government's subject).
    parties = [
        m
        for m, r in roles
        if m in sources or (r == "subject" and _GOVERNMENT_OF_RE.search(body[: m.start]))
    ]
    right_after = [
        m
        for m in parties
        if m.start > figure.end and _FROM_NOUN_AFTER_RE.fullmatch(body[figure.end : m.start])
    ]
    if right_after:
        return right_after[0].code, False  # "EUR 20 million from Norway": the sum's own giver
    lender = next(
        (
            m
            for m in mentions
            if m.kind == "organisation"
            and m.start >= figure.end
            and not body[figure.end : m.start].strip()
            and _LOAN_NOUN_AFTER_RE.match(body, m.end)
        ),
        None,
    )
    if lender is not None:
        return lender.code, False  # "including a €50 billion G7 loan": the G7's loan
    if (lead := _initiative_relative(body, mentions, figure)) is not None:
        return lead, False
    if (own := _demonym_of_item(body, roles, figure, clause)) is not None:
        return own, False
    # "$3 billion as part of a $50 billion loan from the G7": the G7 gives the $50 billion;
    # "rounds for Leopard 1 tanks donated by Denmark": Denmark gave the tanks.
    sources = [
        m
        for m in sources
        if not _another_figure_between(body, figure, m)
        and not (m.start > figure.end and _THING_GIVEN_BY_RE.search(body[figure.end : m.start]))
    ]
    pooled_fund = next((m.code for m in mentions if m.code in lex.POOLED_FUNDS), None)
    if sources:
        chosen = min(sources, key=lambda m: abs(m.start - figure.start))
        if chosen.code == "NATO" and pooled_fund is not None:
            return pooled_fund, False  # "PURL funds pledged by NATO countries": the fund's
        return chosen.code, False
    channel = _channel_before(body, roles, figure) or _instrument(body, roles, figure)
    if channel is not None:
        return channel, False
    subjects = [m for m, r in roles if r == "subject" and m.code != "UA"]
    if allies_give(body, subjects, figure, clause) and not any(
        m.code in lex.POOLED_FUNDS for m in mentions
    ):
        return "NATO", False  # "Ukraine's allies have agreed to provide €21bn": their total
    participle = _PARTICIPLE_LEAD_RE.search(body[: figure.start])
    main = subjects[0] if subjects else None
    if participle is not None and main is not None and main.start < participle.start():
        # "The Netherlands ..., committing €500 million": the main clause's subject commits.
        return (None, True) if main.code in lex.NOT_DONORS else (main.code, False)
    pooled = next((m.code for m in mentions if m.code in lex.POOLED_FUNDS), None)
    if pooled is not None:  # "PURL, a NATO-led mechanism": the fund's lead, no subject
        subjects = [m for m in subjects if m.kind != "organisation" or not leads(body[m.end :])]
    # "Germany has taken on the financing of a PURL package worth €500 million": the fund
    # names the kind of package a subject before it pays for.
    subjects = [
        m
        for i, m in enumerate(subjects)
        if not (i and m.code in lex.POOLED_FUNDS and _FUND_PACKAGE_RE.match(body, m.end))
    ]
    # "under the Priority Ukraine Requirements List (PURL) by pledging €500 million": the
    # scheme's short name in brackets is what the giver acts under, no subject of its own.
    subjects = [m for m in subjects if not _UNDER_NAMED_RE.search(body[: m.start])] or subjects
    in_clause = [m for m in subjects if clause[0] <= m.start < clause[1]]
    for pool in (in_clause, subjects):
        # "15 vehicles, which Washington has insisted on handing over": a subject of a
        # relative clause after the figure speaks of something else.
        pool = [
            m
            for m in pool
            if m.start < figure.end or not _RELATIVE_WORD_RE.search(body[figure.end : m.start])
        ]
        before = [m for m in pool if m.end <= figure.start]
        chosen = before[-1] if before else (pool[0] if pool else None)
        if chosen is not None:
            if chosen.code in lex.NOT_DONORS:
                return None, True
            if pooled is not None and chosen.kind == "organisation" and chosen.code != pooled:
                return pooled, False  # "NATO states pool $500 million for PURL": the fund's
            return chosen.code, False
    # "allies have committed $4.5 billion through PURL": no one giver, the fund records it;
    # "$6.5 million to the International Fund" in a release's list is the publisher's.
    many = names_other_givers(body) or any(
        m.code == "NATO" and not _CHANNEL_RE.search(body[: m.start]) and not leads(body[m.end :])
        for m in mentions
    )  # "a group of NATO members", not "through NATO's procurement agency" (a channel) nor
    # "AUD 2 million for the Drone Coalition" (what a member pays into it stays the member's)
    return (pooled if many else None), False


# "the Czech initiative, which may result in the delivery of 1.5 million rounds": a figure in
# a relative clause about a led initiative is the initiative's.
_RELATIVE_AFTER_INITIATIVE_RE = re.compile(
    rf"\s+(?:{'|'.join(sorted(lex.INITIATIVE_NOUNS))})\s*,?\s+(?:which|that)\b[^,;]*$",
    re.IGNORECASE,
)


def _initiative_relative(body: str, mentions: tuple[Mention, ...], figure: Figure) -> str | None:
    """The lead of an initiative named right before the relative clause holding the figure
    (money paid "to the Czech initiative" stays the payer's: it is before the clause)."""
    for mention in reversed(mentions):
        if mention.end > figure.start or mention.kind != "demonym":
            continue
        if _RELATIVE_AFTER_INITIATIVE_RE.match(body[mention.end : figure.start]):
            return mention.code
        return None
    return None


def _demonym_of_item(
    body: str, roles: list[tuple[Mention, str]], figure: Figure, clause: tuple[int, int]
) -> str | None:
    """The giver a demonym names inside the count itself ("400 Polish generators heading to
    Kyiv") when its clause names no giver by name; "Denmark sent 40 Swedish CV90s" keeps
    Denmark, and "German-made tanks" or "German Leopard tanks" name a maker, not a giver."""
    inside = [
        m
        for m, _role in roles
        if m.kind == "demonym"
        and figure.start < m.start < figure.end
        and m.code not in lex.NOT_DONORS | {"UA"}
        and not re.match(r"-(?:made|built|designed|produced|era|type)\b|\s+[A-Z0-9]", body[m.end :])
    ]
    named = any(
        r in ("subject", "source")
        and m.kind != "demonym"
        and m.code not in lex.NOT_DONORS  # "Ukraine has received a third German-supplied ..."
        and clause[0] <= m.start < clause[1]
        for m, r in roles
    )
    return inside[0].code if inside and not named else None


def _another_figure_between(body: str, figure: Figure, source: Mention) -> bool:
    """Whether another sum stands between a figure and a "from X" after it (a bracketed
    conversion of the figure is the figure itself)."""
    between = re.sub(r"\([^()]*\)", " ", body[figure.end : source.start])
    if re.match(r"\s+(?:out\s+)?of\s+(?:a|an|the|its)\s+", between):
        return False  # "USD 3 billion of a USD 4.5 billion grant from the US": a part of it
    return source.start > figure.end and bool(
        re.search(r"[$€£¥]\s?\d|\d\s*(?:million|billion|bn|m)\b|\b[A-Z]{3}\s?\d", between)
    )


def _channel_before(body: str, roles: list[tuple[Mention, str]], figure: Figure) -> str | None:
    """ "... via an international fund, with an initial package worth $241m": the fund."""
    lead = body[: figure.start].lower()
    if not re.search(r",\s+with\s+an?\s+(?:initial\s+|first\s+)?(?:package|contribution)", lead):
        return None
    for mention, _role_name in reversed(roles):
        if mention.end <= figure.start and mention.code in lex.CHANNELS:
            prefix = body[: mention.start].lower().split()[-2:]
            if {"via", "through"} & set(prefix):
                return mention.code
    return None


def _instrument(body: str, roles: list[tuple[Mention, str]], figure: Figure) -> str | None:
    """ "a measure worth €1 billion under the European Peace Facility": the fund records it,
    not the council that decided it; a country paying ("Madrid has contributed") gives it."""
    if any(
        r == "subject"
        and m.kind in _PAYERS
        and m.code not in lex.NOT_DONORS
        and m.end <= figure.start
        for m, r in roles
    ):
        return None
    for mention, _role_name in roles:
        if mention.code in lex.CHANNELS - lex.LENDERS and _UNDER_RE.search(
            body[: mention.start].lower()
        ):
            return mention.code
    # The EU's loans to Ukraine's budget, named by their programme alone: "Ukraine has
    # received €13.5 billion this year under Macro-financial Assistance +".
    return "EU" if _UNDER_EU_LOANS_RE.search(body) else None


_UNDER_EU_LOANS_RE = re.compile(
    r"(?i:\bunder\s+(?:the\s+|this\s+)?(?:exceptional\s+)?macro-?financial\s+assistance\b)"
    # "under the MFA instrument", "this exceptional MFA package" ("MFA" alone is also a
    # ministry of foreign affairs).
    r"|\b(?:under|of)\s+(?:the\s+|this\s+)?(?:exceptional\s+)?MFA\+?\s+(?:instrument|package"
    r"|programme|program|loan)\b"
)


# "under the", "within the framework of the", "as part of the": what a fund's name after it
# records.
_UNDER_NAMED_RE = re.compile(r"\bunder\s+(?:the\s+)?(?:[\w’'-]+\s+){1,6}\($", re.IGNORECASE)
_UNDER_RE = re.compile(
    r"\b(?:under|(?:with)?in\s+the\s+framework\s+of|as\s+part\s+of)\s+(?:the\s+)?$"
)


# "EUR 20 million from Norway", "€1.5 million each from Spain": a sum's own giver after it.
FROM_RIGHT_AFTER_RE = re.compile(r"\s+(?:each\s+)?from\s+(?:the\s+)?", re.IGNORECASE)
# The same with the sum's own noun between ("a USD 12 million grant from the Government of
# Finland", "€5 million in aid from Norway"): at most two lower-case words, so it never
# reaches past another name.
_GOVERNMENT_OF = r"(?:[Gg]overnment|[Pp]eople|[Kk]ingdom|[Rr]epublic)\s+of\s+(?:the\s+)?"
_GOVERNMENT_OF_RE = re.compile(_GOVERNMENT_OF + "$")
_FROM_NOUN_AFTER_RE = re.compile(
    rf"\s*(?:\([^()]*\)\s*)?(?:(?:in\s+)?[a-z-]+\s+){{0,2}}?(?:each\s+)?[Ff]rom\s+(?:the\s+)?"
    rf"(?:{_GOVERNMENT_OF})?"
)


def gives_another_sum(body: str, mention: Mention, figures: list[Figure]) -> bool:
    """Whether a name is bound by "from" to one of the sentence's sums ("against €115 billion
    from the United States"): that sum's giver, not a last resort for the others."""
    return any(
        mention.start > f.end and _FROM_NOUN_AFTER_RE.fullmatch(body[f.end : mention.start])
        for f in figures
    )
