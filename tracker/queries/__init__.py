"""Every read the pages and exports need, aggregated in SQL."""

from __future__ import annotations

from tracker.queries.balances import (
    balance_rows,
    make_view,
    warning_counts,
    warnings_in_view,
)
from tracker.queries.choices import (
    Choices,
    choices,
    claim_initiatives,
    donor_currency,
    equipment_choices,
    find_sources,
    gdp_shares,
    item_choices,
    package_choices,
    package_header,
    package_version,
)
from tracker.queries.ledger_rows import (
    ledger_rows,
    ledger_select,
    package_columns,
)
from tracker.queries.preview import (
    figure_preview,
)
from tracker.queries.provenance import (
    DataVersion,
    RatesUsed,
    change_marker,
    data_version,
    rates_used,
    sources_behind,
)
from tracker.queries.review import (
    AuditFilters,
    audit_changes,
    audit_filters,
    audit_trail,
    line_entries,
    review_queue,
)
from tracker.queries.tables import (
    BALANCE_TABLE_COLUMNS,
    COLUMN_KINDS,
    LEDGER_TABLE_COLUMNS,
    PACKAGE_TABLE_COLUMNS,
    SOURCE_SEPARATOR,
    Column,
    Table,
    balance_table,
    ledger_count,
    ledger_statement,
    ledger_table,
    package_table,
)

__all__ = [
    "BALANCE_TABLE_COLUMNS",
    "COLUMN_KINDS",
    "LEDGER_TABLE_COLUMNS",
    "PACKAGE_TABLE_COLUMNS",
    "SOURCE_SEPARATOR",
    "AuditFilters",
    "Choices",
    "Column",
    "DataVersion",
    "RatesUsed",
    "Table",
    "audit_changes",
    "audit_filters",
    "audit_trail",
    "balance_rows",
    "balance_table",
    "change_marker",
    "choices",
    "claim_initiatives",
    "data_version",
    "donor_currency",
    "equipment_choices",
    "figure_preview",
    "find_sources",
    "gdp_shares",
    "item_choices",
    "ledger_count",
    "ledger_rows",
    "ledger_select",
    "ledger_statement",
    "ledger_table",
    "line_entries",
    "make_view",
    "package_choices",
    "package_columns",
    "package_header",
    "package_table",
    "package_version",
    "rates_used",
    "review_queue",
    "sources_behind",
    "warning_counts",
    "warnings_in_view",
]
