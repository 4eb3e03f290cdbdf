"""Names in news text: which donor a name stands for, and which catalogue item a phrase is.

Why a module of its own: both look-ups join the text to reference data the rest of the
project owns (babel's CLDR territory names, ``seed_data/donors.csv``,
``seed_data/equipment_types.csv``), and both are loaded once and cached. The fact finder only
asks "who is named here" and "what is this item".
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from unicodedata import combining

from babel import Locale

from tracker.extract import lexicon as lex
from tracker.resources import resource_dir


@dataclass(frozen=True)
class Mention:
    """A donor name found in a sentence."""

    start: int
    end: int
    code: str
    kind: str  # country, demonym, metonym, official, organisation


# CLDR region codes that are groupings, not countries.
_NOT_COUNTRY_CODES = frozenset({"EU", "EZ", "UN", "QO", "ZZ"})


def _catalogued_organisations() -> dict[str, str]:
    """Organisation and fund names from seed_data/donors.csv ("UMO (Polish ...)" -> "umo"),
    so a donor added there is recognised in text without touching the lexicon."""
    with (resource_dir("seed_data", "donors.csv") / "donors.csv").open(encoding="utf-8") as handle:
        return {
            row["name"].split(" (")[0].lower(): row["code"]
            for row in csv.DictReader(handle)
            if row["kind"] != "country"
        }


@cache
def _gazetteer() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, tuple[str, str]]]:
    """(case-insensitive pattern, case-sensitive pattern, name -> (code, kind)).

    Country names come from babel's CLDR territory names; the lexicon adds what CLDR lacks.
    """
    names: dict[str, tuple[str, str]] = {}
    for code, name in Locale("en").territories.items():
        is_country = len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRY_CODES
        if is_country and name not in lex.SKIPPED_TERRITORY_NAMES:
            names[name.lower()] = (code, "country")
    for name, code in lex.COUNTRY_ALIASES.items():
        names[name] = (code, "country")
    for name, code in lex.METONYMS.items():
        names.setdefault(name, (code, "metonym"))
    for name, code in lex.ORGANISATIONS.items():
        names[name] = (code, "organisation")
    for name, code in _catalogued_organisations().items():
        names.setdefault(name, (code, "organisation"))
    for name, code in lex.DEMONYMS.items():
        names.setdefault(name, (code, "demonym"))
        if code not in lex.NOT_DONORS and name.endswith(("n", "i")):
            # The people for their state: "the Latvians handed over 12 vehicles".
            names.setdefault(f"the {name}s", (code, "metonym"))
    folded = [n for n in names if n not in {c.lower() for c in lex.CASED_NAMES}]
    cased = {n: names[n.lower()] for n in lex.CASED_NAMES}
    cased.update({n: (code, "official") for n, code in lex.OFFICIALS.items()})
    for name, value in cased.items():
        names[name] = value

    def alternation(words: Iterable[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    # A hyphen glues a name to the next word, except the payer's or lead's "-funded", "-led".
    glued = "|".join(re.escape(suffix[1:]) for suffix in lex.LEADER_SUFFIXES)
    boundary_l, boundary_r = r"(?<![\w.-])", rf"(?!\w|-(?!(?:{glued})\b)|\.\w)"
    insensitive = re.compile(f"{boundary_l}(?i:{alternation(folded)}){boundary_r}")
    sensitive = re.compile(f"{boundary_l}(?:{alternation(cased)}){boundary_r}")
    return insensitive, sensitive, names


# A name that is the mark of a dollar: glued to it ("US$58 million"), or the US before a
# spaced one ("US $58 million"); "Korea $100 million" in a list of givers is the giver's.
_CURRENCY_MARK_RE = re.compile(r"[\w.]+\$|U\.?S\.?\s\$")
# "($1.7 billion US)": a bracketed conversion names its dollar after the sum.
_DOLLAR_AFTER_SUM_RE = re.compile(r"(?:\d|\b(?:million|billion|bn|mln|m))\s+$", re.IGNORECASE)
_CONVERSION_CLOSE_RE = re.compile(r"\s*\)")
_DOLLAR_WORD_RE = re.compile(r"\s*dollars?\b", re.IGNORECASE)


def _folded(name: str) -> str:
    """``name`` as the case-blind pattern matched it: a capital whose lower case adds a mark
    (the Turkish "İ" of "TİKA" becomes "i" plus a dot) is its plain letter again."""
    return "".join(c for c in unicodedata.normalize("NFKD", name.lower()) if not combining(c))


@lru_cache(maxsize=512)
def find_mentions(text: str) -> tuple[Mention, ...]:
    """Every donor name in ``text`` (longest match wins), minus names inside other names.

    Cached: the fact finder asks about the same sentence several times.
    """
    insensitive, sensitive, names = _gazetteer()
    # "Luxembourgʼs" with the modifier-letter apostrophe many Ukrainian outlets type: a letter
    # to the regex, so it would glue to the name; the typographic one (same length) does not.
    text = text.replace("\u02bc", "\u2019")
    found: list[Mention] = []
    for pattern in (sensitive, insensitive):
        for match in pattern.finditer(text):
            name = match.group()
            known = names.get(name) or names.get(name.lower()) or names.get(_folded(name))
            if known is None:
                continue  # a case-blind match no spelling of the gazetteer has (none known)
            code, kind = known
            after = text[match.end() : match.end() + 30].lower()
            if leads(text[match.end() :]):
                pass  # "Danish-funded", "a Czech-led ammunition initiative": the giver
            elif after.lstrip(".").startswith(
                lex.NAME_COMPOUND_SUFFIXES
            ) or _CURRENCY_MARK_RE.match(text, match.start()):
                continue  # "Canadian-made"; "US$58 million" is money, not its giver
            if code == "US" and (
                _DOLLAR_WORD_RE.match(text, match.end())
                or (
                    _DOLLAR_AFTER_SUM_RE.search(text[: match.start()])
                    and _CONVERSION_CLOSE_RE.match(text, match.end())
                )
            ):
                continue  # "400 million U.S. dollars", "($1.5 billion US)": which dollar
            continued = any(after.startswith(" " + word) for word in lex.NAME_CONTINUATIONS)
            if continued and (code == "UA" or kind == "demonym"):
                continue  # "Ukraine Facility", "Ukrainian officials"
            if any(m.start <= match.start() < m.end for m in found):
                continue
            found.append(Mention(match.start(), match.end(), code, kind))
    # "the Finnish MoD": initials right after another name are that name's ministry.
    owned = {
        m
        for m in found
        if text[m.start : m.end] in lex.GENERIC_INSTITUTIONS
        and any(0 < m.start - o.end <= 1 for o in found)
    }
    # "Dutch Prime Minister Mark Rutte": the office named before a person says which state
    # the person speaks for there, whatever office the lexicon gives them now.
    titled = {
        m
        for m in found
        if m.kind == "official"
        and any(
            o.kind in ("demonym", "country")
            and o.code != m.code
            and _TITLE_BETWEEN_RE.fullmatch(text[o.end : m.start])
            for o in found
        )
    }
    # "the Canadian Congress of Ukrainians": another country's adjective makes a seat of
    # government's name a body of that country, no metonym.
    foreign = {
        m
        for m in found
        if m.kind == "metonym"
        and any(o.kind == "demonym" and o.code != m.code and m.start - o.end == 1 for o in found)
    }
    kept = sorted((m for m in found if m not in owned | titled | foreign), key=lambda m: m.start)
    return tuple(_without_dateline(text, kept))


def _without_dateline(text: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` less an opening dateline ("WARSAW — ... Prime Minister Mark Carney
    said"), which says where the story was filed, when another giver is named; alone it
    still stands for one ("Prague – Last year, the Ministry of Defense provided ...")."""
    if not mentions or text[: mentions[0].start].strip():
        return mentions
    first, *rest = mentions
    named = any(m.code != first.code and m.code not in lex.NOT_DONORS for m in rest)
    return rest if named and _DATELINE_AFTER_RE.match(text, first.end) else mentions


_DATELINE_AFTER_RE = re.compile(r"(?:,[^,—–()]{1,30})?\s*(?:\([^)]{1,30}\)\s*)?[—–-]{1,2}\s")


_TITLE_BETWEEN_RE = re.compile(
    r"['’]?s?\s+(?:(?:then|former|deputy|acting)[\s-]+)?(?:prime\s+minister|president|premier"
    r"|chancellor|(?:foreign|defen[cs]e|finance)\s+minister|minister\s+of\s+(?:\w+\s+){1,3}?)"
    r"\s+(?:[A-Z][\w-]+\s+)?",
    re.IGNORECASE,
)


def leads(after: str) -> bool:
    """Whether the text right after a name makes it the payer or leader of the aid:
    "-funded package", "-led ammunition initiative" (a name glued to "-led" before anything
    else, "UK-led fund", stays a modifier)."""
    low = after[:60].lower()
    if not low.startswith(lex.LEADER_SUFFIXES):
        return False
    if not low.startswith("-led"):
        return True
    return bool(set(re.findall(r"[a-z]+", low[4:])[:3]) & lex.INITIATIVE_NOUNS)


@cache
def donor_currencies() -> dict[str, str]:
    """Donor code -> its currency, from seed_data/donors.csv (for reading a bare "$")."""
    with (resource_dir("seed_data", "donors.csv") / "donors.csv").open(encoding="utf-8") as handle:
        return {row["code"]: row["currency"] for row in csv.DictReader(handle)}


@cache
def currency_owners() -> dict[str, str]:
    """Currency -> the one country in donors.csv that uses it (the euro and dollar have
    many users and are left out, so they never name a donor)."""
    owners: dict[str, list[str]] = {}
    with (resource_dir("seed_data", "donors.csv") / "donors.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["kind"] == "country":
                owners.setdefault(row["currency"], []).append(row["code"])
    return {cur: codes[0] for cur, codes in owners.items() if len(codes) == 1 and cur != "USD"}


@dataclass(frozen=True)
class CatalogueEntry:
    """One equipment type's name, its tokens and its counting unit."""

    name: str
    tokens: frozenset[str]
    unit: str
    family: bool


def _name_tokens(name: str) -> frozenset[str]:
    return frozenset(re.sub(r"[-\s]+", " ", name.lower()).replace("mm", " mm").split())


@cache
def _catalogue() -> tuple[CatalogueEntry, ...]:
    """seed_data/equipment_types.csv as name and family token sets (names first)."""
    entries: list[CatalogueEntry] = []
    families: list[CatalogueEntry] = []
    with (resource_dir("seed_data", "donors.csv") / "equipment_types.csv").open(
        encoding="utf-8"
    ) as handle:
        for row in csv.DictReader(handle):
            name, family, unit = row["name"], row["family"], row["unit"]
            bare = re.sub(r"\s*\d+mm$", "", name)
            entries.append(CatalogueEntry(name, _name_tokens(bare), unit, False))
            families.append(CatalogueEntry(name, _name_tokens(family), unit, True))
    return tuple(entries + families)


def match_equipment(item: str) -> CatalogueEntry | None:
    """The catalogue entry whose name (or failing that, family) words all occur in ``item``."""
    words = set(re.sub(r"[-\s]+", " ", item.lower()).split())
    words |= {w.removesuffix("s") for w in words}
    best: CatalogueEntry | None = None
    for entry in _catalogue():
        if entry.tokens and entry.tokens <= words:
            better = best is None or (entry.family, -len(entry.tokens)) < (
                best.family,
                -len(best.tokens),
            )
            if better:
                best = entry
    return best
