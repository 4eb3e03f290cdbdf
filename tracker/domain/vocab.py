"""One source for each fact of the domain's vocabulary: donor codes and their aliases, event
kinds, aid types, qualifiers, instruments, reliability grades, roles, locales and the columns
of the ledger CSV. Models, parsing, services, the CLI and the pages all read them from here,
so an unknown value is refused the same way everywhere."""

from __future__ import annotations

# --- enumerations (stored as text, guarded by CHECK constraints) -------------------------


DONOR_KINDS = ("country", "organisation", "fund", "coalition")
RELIABILITY_GRADES = ("official", "media", "unverified", "disputed")
AID_TYPES = ("military", "financial", "humanitarian")
SECRECY_LEVELS = ("public", "contents_undisclosed", "value_undisclosed", "undisclosed")
INSTRUMENTS = ("PDA", "USAI", "FMF", "EPF", "bilateral", "fund", "loan", "grant", "other")
EVENT_KINDS = ("pledge", "allocation", "delivery", "cancellation", "correction")
# What an entry counts as in balances: a correction counts as the kind of the entry it supersedes.
EFFECTIVE_EVENTS = ("pledge", "allocation", "delivery", "cancellation")
QUALIFIERS = ("exact", "about", "at least", "up to", "range", "undisclosed")
REVIEW_STATUSES = ("draft", "reviewed", "returned")
WARNING_KINDS = (
    "running_total_down",
    "delivered_beyond_pledge",
    "delivery_before_pledge",
    "sources_disagree",
    "money_overlap",
)
ROLES = ("editor", "reviewer", "admin")

# Which entries a view counts by where they come from: ``kiel`` keeps those cited to a Kiel
# Institute release (imported with ``tracker import-kiel``), ``own`` everything else (what
# the team recorded itself from announcements and reports).
ENTRY_SOURCES = ("kiel", "own")
KIEL_OUTLET = "Kiel Institute for the World Economy"

# --- donor codes ------------------------------------------------------------------------

# Codes that sources use for a donor whose ISO 3166 code differs: the United Kingdom is GB in
# ISO 3166 and UK in the EU's and NATO's usage; Greece is GR in ISO 3166 and EL in the EU's.
DONOR_ALIASES = {"UK": "GB", "EL": "GR"}


def donor_code(text: str) -> str:
    """A donor code as the ledger spells it: trimmed, upper case, aliases read as their ISO
    code (``uk`` -> ``GB``, ``EL`` -> ``GR``). Whether the code is known is the caller's check."""
    code = (text or "").strip().upper()
    return DONOR_ALIASES.get(code, code)


# --- locales ------------------------------------------------------------------------------

SUPPORTED_LOCALES = ("en", "de", "fr", "uk")

# --- the ledger CSV (docs/ledger-csv.md) -----------------------------------------------------

# A package as the ledger CSV states it (the cells every row of one package repeats).
PACKAGE_COLUMNS = (
    "donor",
    "package",
    "package_date",
    "package_ordinal",
    "instrument",
    "aid_type",
    "secrecy",
    "initiative",
    "aggregate_claim",
)
# A source as the ledger CSV states it.
SOURCE_COLUMNS = (
    "source_url",
    "source_outlet",
    "source_title",
    "source_published",
    "source_claimant",
    "source_reliability",
    "source_quote",
)
# An entry's figures as stated: quantity and money with their ranges, hedge and running-total
# flag (the same names in the ledger table and the CSV).
FIGURE_COLUMNS = (
    "quantity",
    "quantity_high",
    "unit",
    "amount",
    "amount_high",
    "currency",
    "qualifier",
    "cumulative",
)
# The figures of a single stated value, without the high ends of ranges: what an extracted fact
# carries and what tells two ledger rows of the same event apart.
POINT_FIGURE_COLUMNS = tuple(name for name in FIGURE_COLUMNS if not name.endswith("_high"))
LEDGER_COLUMNS = (
    "entry_id",
    *PACKAGE_COLUMNS,
    "item",
    "equipment",
    "event",
    "event_date",
    *FIGURE_COLUMNS,
    "corrects",
    "reason",
    "stated",
    *SOURCE_COLUMNS,
    "recorded_at",
    "recorded_by",
    "review_status",
)
