"""Column headers and provenance wording of exports and tables, keyed by the column key the
data format uses.

Why a table of keys: the briefing file and the on-screen table show the same words for the
same column, and the ledger CSV keeps its English keys as a data format. The English words
are marked for the gettext catalogs (``N_``) and translated when asked for, in the locale of
the export or page, so the translations live in one place (tracker/i18n/locales) and a
missing one is caught by tests/test_i18n.py instead of surfacing as an English header in a
German briefing.
"""

from __future__ import annotations

from tracker.domain.vocab import SUPPORTED_LOCALES
from tracker.i18n import N_, gettext

HEADERS: dict[str, str] = {
    "entry_id": N_("Entry ID"),
    "donor": N_("Donor"),
    "donor_name": N_("Donor name"),
    "package": N_("Package"),
    "package_date": N_("Package date"),
    "package_ordinal": N_("Package no."),
    "instrument": N_("Instrument"),
    "aid_type": N_("Aid type"),
    "secrecy": N_("Secrecy"),
    "initiative": N_("Initiative"),
    "aggregate_claim": N_("Aggregate claim"),
    "item": N_("Item"),
    "equipment": N_("Equipment"),
    "event": N_("Event"),
    "event_date": N_("Event date"),
    "quantity": N_("Quantity"),
    "quantity_high": N_("Quantity (upper bound)"),
    "unit": N_("Unit"),
    "amount": N_("Amount"),
    "amount_high": N_("Amount (upper bound)"),
    "currency": N_("Currency"),
    "value": N_("Converted value"),
    "value_high": N_("Converted value (upper bound)"),
    "value_currency": N_("Base currency"),
    "rate_date": N_("Rate date"),
    "rate_provider": N_("Rate source"),
    "value_note": N_("Conversion note"),
    "qualifier": N_("Qualifier"),
    "cumulative": N_("Running total"),
    "corrects": N_("Corrects entry"),
    "reason": N_("Reason"),
    "stated": N_("As stated"),
    "source_url": N_("Source URL"),
    "source_outlet": N_("Outlet"),
    "source_title": N_("Source title"),
    "source_published": N_("Published"),
    "source_claimant": N_("Claimant"),
    "source_reliability": N_("Reliability"),
    "source_quote": N_("Quote"),
    "recorded_at": N_("Recorded at"),
    "recorded_by": N_("Recorded by"),
    "review_status": N_("Review status"),
    "pledged": N_("Pledged"),
    "allocated": N_("Allocated"),
    "delivered": N_("Delivered"),
    "cancelled": N_("Cancelled"),
    "outstanding": N_("Outstanding"),
    "delivered_share": N_("Delivered share"),
    "pledged_value": N_("Pledged value"),
    "allocated_value": N_("Allocated value"),
    "delivered_value": N_("Delivered value"),
    "cancelled_value": N_("Cancelled value"),
    "outstanding_value": N_("Outstanding value"),
    "pledged_estimated_value": N_("Pledged, estimated value"),
    "allocated_estimated_value": N_("Allocated, estimated value"),
    "delivered_estimated_value": N_("Delivered, estimated value"),
    "undisclosed_count": N_("Undisclosed packages"),
    "unconverted_count": N_("Amounts without rate"),
    "entry_count": N_("Entries"),
    "warnings": N_("Warnings"),
    "sources": N_("Sources"),
}

# Wording of the provenance block that opens a briefing file.
PHRASES: dict[str, str] = {
    "export": N_("Aid tracker export"),
    "view:ledger": N_("Ledger entries"),
    "view:balance": N_("Balance per donor and equipment"),
    "view:packages": N_("Packages"),
    "as_of": N_("As of"),
    "basis": N_("Basis"),
    "base_currency": N_("Base currency"),
    "not_converted": N_("none: amounts in the currency their source stated"),
    "rates": N_("Exchange-rate dates"),
    "no_rate": N_("no rate for"),
    "filters": N_("Filters"),
    "none": N_("none"),
    "data_version": N_("Data version"),
    # "entries: 42" rather than "42 entries": no plural forms to get wrong (uk has three).
    "version_text": N_(
        "ledger entries: {entries}; latest recorded {recorded}; latest change {changed}"
    ),
    "sources": N_("Sources"),
    "sources_in": N_("in each row, column(s) {columns}"),
    "prices": N_("Estimated values use reference prices"),
    "yes": N_("yes"),
    "no": N_("no"),
    "basis:own": N_("donors' own pledges and deliveries"),
    "basis:all": N_("all claims, including initiative-wide statements"),
    "basis:known": N_("as known on {date}"),
    "basis:reviewed": N_("reviewed entries only"),
    "basis:drafts": N_("drafts included"),
    "filter:donors": N_("Donors"),
    "filter:reviewed_only": N_("Reviewed entries only"),
    "filter:include_aggregate_claims": N_("Initiative-wide claims included"),
    "filter:initiative": N_("Initiative"),
    "filter:category": N_("Category"),
    "filter:equipment": N_("Equipment"),
    "filter:aid_type": N_("Aid type"),
    "filter:package_ids": N_("Package IDs"),
}


def _translated(message: str, locale: str) -> str:
    if locale not in SUPPORTED_LOCALES:
        raise ValueError(
            f"locale {locale!r} is not supported; use one of {', '.join(SUPPORTED_LOCALES)}"
        )
    return gettext(message, locale)


def header(key: str, locale: str, *, currency: str | None = None) -> str:
    """The header of column ``key`` in ``locale`` (the key itself for a column of a newer
    table that has no entry yet); money columns name their currency."""
    text = _translated(HEADERS[key], locale) if key in HEADERS else key
    return f"{text} ({currency})" if currency else text


def view_title(table: str, locale: str) -> str:
    """The title of an exported table in ``locale`` (its name for a table without one)."""
    entry = PHRASES.get(f"view:{table}")
    return _translated(entry, locale) if entry else table


def phrase(key: str, locale: str, **values: object) -> str:
    """A provenance phrase in ``locale`` with ``values`` filled in."""
    return _translated(PHRASES[key], locale).format(**values)
