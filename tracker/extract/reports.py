"""Who reports a figure: a tracker's tally, an outlet, unnamed sources, or the giver's own
word passed on. A figure a third party tallies is an estimate; a plan an outlet reports is
one too; a delivery it reports, or a named speaker's own decision it sources, keeps its kind
(docs/labelling.md).

Why a module of its own: these are facts about the sentence's speaker, not about the verb
that gives the figure its kind (:mod:`tracker.extract.kinds`), and their vocabulary of
outlets and reporting verbs grows on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.extract import lexicon as lex
from tracker.extract.tokens import alternation, blank_out, has_cue

# A tracker's tally anywhere in the sentence makes its figures estimates: the giver did
# not state them ("According to the Kiel Institute, ..., Norway has committed €7.5bn").
_TRACKERS = (
    "kiel institute",
    "ifw kiel",
    "support tracker",
    "aid tracker",
    "the tracker shows",
    "the tracker showed",
    "according to the tracker",
    "tracker data",
    "institute calculates",
    "institute calculated",
    "according to ifw",
    "according to oryx",
    "oryx",
)
_THIRD_PARTY_TALLIES = (
    *_TRACKERS,
    # A newspaper's count or what unnamed reports say (the guide's third-party tally).
    "according to media reports",
    "according to preliminary reports",
    "according to press reports",
    "according to unconfirmed reports",
    "according to politico",
    "according to bloomberg",
    "media reports say",
    # Others' word for it, or a statement still to be made: "Politico reported, citing its
    # sources", "has reportedly been spent", "the minister is expected to say".
    "reportedly",
    "citing its sources",
    "citing sources",
    "is expected to say",
    "is expected to announce",
    "intends to announce",
    "plans to announce",
    "is expected to confirm",
    "is expected to unveil",
    "are expected to announce",
    "is poised to",
    "are poised to",
    "earlier reported",
    "it was reported",
    "it was also reported",
    "it has been reported",
    "it has also been reported",
    "it is reported",
    "citing its own sources",
    "allegedly",
    # The writer's own doubt: "Italy is seemingly shipping 20 howitzers".
    "seemingly",
    "apparently",
    "wrote that",
    # Hearsay and an analyst's own count: "was reported to be $75 billion", "according to our
    # preliminary assessment".
    "reported to be",
    "reported to have",
    "according to our",
    "by our count",
    "by our estimate",
    "our calculations",
)
# An outlet's report: the plan it reports is an estimate, the delivery it reports stays one
# (the labelling guide); "As Ukrainian News Agency reported, 177 generators arrived".
_OUTLET = (
    # "the British government website reports" is the giver's own word, no outlet's
    rf"(?:{alternation(lex.OUTLET_NAMES)}|(?i:(?:the\s+)?(?:[\w-]+\s+){{0,2}}?"
    rf"(?<!government\s)(?<!ministry\s)(?<!official\s){alternation(lex.OUTLET_NOUNS)}))"
)
_PLAN_CUES = ("will", "would", "plans", "plan to", "preparing", "aims", "aiming", "intends")
_PLAN_CUES += ("to be", "is to", "are to", "should", "considering", "going to", "potential to")
_OUTLET_REPORTED_RE = re.compile(
    rf"\b{_OUTLET}\s+(?i:(?:has\s+)?reported|reports|wrote|writes|added)(?i:\s+on\s+[\w.]+(?:\s+\d+)?)?"
    r"(?:\s+that\b|\s*,|\W*$)"
    # Any name closing the sentence ("..., De Telegraaf reported.", "..., Die Presse reports.",
    # "writes the Wall Street Journal."), "according to a report by Nikkei"
    r"|,\s+(?:the\s+)?[A-Z][\w.’']*(?:\s+[A-Z][\w.’']*){0,3}\s+(?:reported|reports|writes"
    r"|wrote)\W*$"
    r"|\b(?:writes|wrote|reports)\s+(?:the\s+)?[A-Z][\w.’']*(?:\s+[A-Z][\w.’']*){0,3}\W*$"
    r"|(?i:\baccording\s+to\s+(?:a\s+|the\s+)?reports?\s+(?:by|from|in|of)\b)"
    # "said" only of a paper, not of an agency of a government ("the procurement agency said")
    rf"|\b{_OUTLET}(?<!agency)(?<!portal)\s+(?i:said|says)\b"
    rf"|(?i:according\s+to\s+)(?:the\s+)?{_OUTLET}"
)
# Unnamed or outside reporters, whatever they report promised: "British media reported", "a
# security source said", "it is believed", "said the sources" (a named outlet closing the
# sentence makes only a plan an estimate: _OUTLET_REPORTED_RE).
_REPORTERS_RE = re.compile(
    r"\b(?:media|press|newspapers?|outlets?|broadcasters?)\s+(?:have\s+|has\s+)?"
    r"(?:report(?:s|ed)?|claim(?:s|ed)?)\b"
    r"|\b[Ss]ources?\s+(?:said|say|says|told)\b|\b(?:citing|referring\s+to)\s+(?:\w+\s+){0,2}sources\b"
    # "citing a source in the ministry", "the agency's interlocutors said", "reports from Bild
    # suggested"
    r"|\bciting\s+an?\s+(?:\w+\s+)?source\b|\binterlocutors\b"
    r"|\b[Rr]eports?\s+(?:from|by|in)\s+[A-Z][\w.]*\s+(?:suggested|suggest|indicated|said)\b"
    r"|\b(?:said|say|says|told)\s+(?:the\s+)?(?:\w+\s+)?sources\b"
    r"|\b[Ii]t\s+is\s+(?:believed|understood|thought)\b"
    # "The BBC understands the initial commitment is for about a dozen tanks", "Hindustan Times
    # has learnt that 167 blankets ... are among the essentials".
    r"|\b(?:[A-Z][\w.]*|the\s+(?:newspaper|paper|broadcaster|agency))\s+(?:understands"
    r"|has\s+learn(?:t|ed)\s+that)\b"
)
# Officials who stay unnamed, or tell an outlet what they will not say in their own name:
# "unnamed senior officials told The New York Times", "two U.S. officials briefed on the
# package told Reuters". What they report is hearsay, even of a named leader's decision.
_UNNAMED_RE = re.compile(
    r"\b(?:unnamed|anonymous)\s+(?:[\w-]+\s+){0,4}?(?:officials?|sources?|diplomats?)\b"
    # "according to two of the officials", "according to three U.S. officials": counted, not
    # named
    r"|\baccording\s+to\s+(?:two|three|four|five|several|some|multiple)\s+(?:of\s+the\s+)?"
    r"(?:[\w.-]+\s+){0,2}?(?:officials|sources|people|diplomats)\b"
    r"|\baccording\s+to\s+(?:\w+\s+)?insiders\b|\bsources\s+close\s+to\b"
    # "two sources briefed on the $625 million package said", "people familiar with the plans"
    r"|\b(?:sources|officials|people)\s+(?:briefed\s+on|familiar\s+with)\b"
    r"|\bofficials?\b[^.;]{0,60}?\btold\s+(?:the\s+)?(?-i:[A-Z])",
    re.IGNORECASE,
)
# An outlet pointing back to its own earlier story ("As Ukrinform previously reported, Japan
# sent ..."): the sentence after the comma states the fact in its own words.
_BACK_REFERENCE_RE = re.compile(
    r"\b[Aa]s\s+(?:the\s+)?(?:[\w’'.-]+\s+){0,4}?(?:earlier|previously|already)\s+reported\s*,"
    # "Earlier we wrote that the committee approved ...": the outlet's own earlier story
    r"|\b(?:[Ee]arlier|[Pp]reviously),?\s+we\s+(?:wrote|reported)\s+that\b"
)
# The giver's own word, which a report only passes on: "As the agency earlier reported, the
# Prime Minister confirmed that his country would send 14 tanks"; "a government source"; a
# named speaker's statement or decision that a closing "..., Kyodo reported" only sources
# ("Kishida said Japan would allocate $30 million ..., Suspilne reported", "Biden approved a
# $200 million package, RIA Novosti reported"; not "a source said").
_OWN_WORD_RE = re.compile(
    r"(?i:\b(?:confirmed|announced)\s+that\b"
    r"|(?<!unnamed )(?<!anonymous )\b(?:government|ministry|official)\s+sources?\b"
    # "..., according to the French Minister of the Armed Forces Sébastien Lecornu, Le Monde
    # reports": the minister's word, which the paper passes on.
    r"|\baccording\s+to\s+(?:the\s+)?(?:[\w’'-]+\s+){0,6}?(?:minister|president|chancellor"
    r"|secretary|spokes(?:person|man|woman))\b)"
    r"|^(?:(?!\b[Ss]ources?\b)[^;])*?\b(?!Sources?\b)[A-Z][a-z]+\s+(?:[a-z]+ly\s+)?(?:said|told"
    r"|announced|stated"
    r"|approved|promised"
    r"|pledged|signed|presented|unveiled)\b(?![^,;]*\breported\W*$)"
)


@dataclass(frozen=True)
class Report:
    """How a sentence is reported: ``heard`` is its text with an outlet's pointers back to
    its own earlier story blanked ("As Ukrinform previously reported, ..." is no hearsay)."""

    heard: str

    @classmethod
    def of(cls, text: str) -> Report:
        return cls(blank_out(_BACK_REFERENCE_RE, text))

    @property
    def own_word(self) -> bool:
        """The giver's own word that a report only passes on."""
        return _OWN_WORD_RE.search(self.heard) is not None

    @property
    def third_party(self) -> bool:
        """A tracker's or someone else's tally, or hearsay ("reportedly")."""
        return has_cue(self.heard, _THIRD_PARTY_TALLIES)

    def pledge_is_hearsay(self, clause_text: str) -> bool:
        """Whether a pledge here is others' report: unnamed reporters whatever they report, a
        named outlet only for a plan; never the giver's own word passed on ("Britain has
        pledged 100,000 drones, the paper reported" stays a pledge)."""
        planned = has_cue(clause_text, _PLAN_CUES)
        unnamed = _UNNAMED_RE.search(self.heard) is not None
        reported = (
            unnamed
            or _REPORTERS_RE.search(self.heard)
            or (planned and _OUTLET_REPORTED_RE.search(self.heard))
        )
        return bool(reported) and (unnamed or not self.own_word)


def names_tracker(text: str) -> bool:
    """Whether a text cites a tracker's tally (the Kiel Institute, Oryx): a page that does
    goes on giving the tracker's figures, estimates, in the few sentences after it that do
    not name it again."""
    return has_cue(text, _TRACKERS)
