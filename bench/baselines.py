"""Hand-written SQL that the tracker's balance views are measured against.

Each baseline reads only the base tables (``ledger_entry``, ``package``, ``donor``,
``fx_rate``), never the tracker's derived ``entry_effect``, and never imports tracker code: it
is what a person fluent in SQL would write to get the same reported figures. The rules it
applies are the ledger's own, restated once here:

* as of a day, an entry counts when its event happened by then and it was recorded before
  the end of that day; a correction hides the entry it corrects only if the correction
  itself is visible;
* a running-total statement (``cumulative``) adds its figure minus everything the same line
  and kind added since the previous statement;
* money in another currency is converted at the latest rate on or before the entry's date
  (units per euro, scaled by 10^6; ECB first on a tie) and rounded to the cent, half away
  from zero, once per entry (into another target than the euro: via the euro cents);
* aggregate claims stay out of donor totals.

The result is one row per group and kind with quantity (thousandths), exact euro cents and
converted cents (or the target currency's cents), integers all, so a test can compare it
with the tracker's figures to the cent on a small database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

RATE_SCALE = 10**6


@dataclass(frozen=True)
class Baseline:
    """What a baseline query groups and filters by: every argument a balance view takes."""

    group: str = "d.code"  # an SQL expression over e (entry), p (package), d (donor)
    as_of: date | None = None
    reviewed_only: bool = False
    donor: str | None = None
    aid_type: str | None = None
    currency: str = "EUR"


def _rounded(n: str, d: str) -> str:
    """n / d rounded half away from zero (integer division truncates on both databases; n is
    cast because PostgreSQL's SUM of integers, as in a running total's step, is NUMERIC)."""
    n = f"CAST({n} AS BIGINT)"
    return f"CASE WHEN {n} >= 0 THEN ({n} + {d} / 2) / {d} ELSE ({n} - {d} / 2) / {d} END"


def _at_rate(value: str, currency: str, day: str) -> str:
    """``value``, an SQL expression over ``r.rate`` (units of ``currency`` per euro on
    ``day``), NULL if no rate is known."""
    return (
        f"(SELECT {value} FROM fx_rate r WHERE r.currency = " + currency + " AND r.day = "
        "(SELECT MAX(r2.day) FROM fx_rate r2 WHERE r2.currency = "
        + currency
        + " AND r2.day <= "
        + day
        + ") ORDER BY CASE WHEN r.provider = 'ECB' THEN 0 ELSE 1 END LIMIT 1)"
    )


# An amount in another currency in euro cents, rounded once per entry.
_EURO = _at_rate(_rounded(f"a * {RATE_SCALE}", "r.rate"), "cur", "applies_on")


def baseline_sql(b: Baseline) -> tuple[str, dict[str, object]]:
    """The query and its parameters. Results: group key, kind, quantity, exact cents,
    converted cents (whole cents, each entry rounded half away from zero)."""
    params: dict[str, object] = {}
    seen_e, seen_c = [], []
    if b.as_of is not None:
        params["as_of"] = b.as_of
        params["known_by"] = b.as_of + timedelta(days=1)  # recorded before the next day
        seen_e += ["e.event_date <= :as_of", "e.recorded_at < :known_by"]
        seen_c += ["c.event_date <= :as_of", "c.recorded_at < :known_by"]
    if b.reviewed_only:
        seen_e.append("e.review_status = 'reviewed'")
        seen_c.append("c.review_status = 'reviewed'")
    filters = ["p.aggregate_claim = false", *seen_e]
    if b.donor is not None:
        params["donor"] = b.donor
        filters.append("d.code = :donor")
    if b.aid_type is not None:
        params["aid_type"] = b.aid_type
        filters.append("p.aid_type = :aid_type")
    hidden = " AND ".join(["c.corrects_id = e.id", *seen_c])
    if b.currency == "EUR":
        exact = "CASE WHEN cur = 'EUR' THEN a END"
        converted = f"CASE WHEN cur <> 'EUR' AND a IS NOT NULL THEN {_EURO} END"
    else:
        # through the entry's euro cents, each conversion rounded to the cent
        params["target"] = b.currency
        exact = "CASE WHEN cur = :target THEN a END"
        euro = f"CASE WHEN cur = 'EUR' THEN a ELSE {_EURO} END"
        to_target = _at_rate(
            _rounded(f"({euro}) * r.rate", str(RATE_SCALE)), ":target", "applies_on"
        )
        converted = f"CASE WHEN cur <> :target AND a IS NOT NULL THEN {to_target} END"
    sql = f"""
WITH seen AS (
  SELECT e.id, e.package_id, COALESCE(e.item_id, 0) AS item_key, e.effective_event AS kind,
         e.applies_on, e.cumulative, COALESCE(e.quantity, 0) AS q, e.amount AS a, e.currency AS cur,
         {b.group} AS grp
  FROM ledger_entry e JOIN package p ON p.id = e.package_id JOIN donor d ON d.id = p.donor_id
  WHERE {" AND ".join(filters)}
    AND NOT EXISTS (SELECT 1 FROM ledger_entry c WHERE {hidden})
), segmented AS (
  SELECT seen.*, SUM(CASE WHEN cumulative THEN 1 ELSE 0 END) OVER (
           PARTITION BY package_id, item_key, kind ORDER BY applies_on, id
           ROWS UNBOUNDED PRECEDING) AS segment
  FROM seen
), stepped AS (
  SELECT grp, kind, applies_on, cur,
         CASE WHEN cumulative THEN q - COALESCE(SUM(q) OVER w, 0) ELSE q END AS q,
         CASE WHEN a IS NULL THEN NULL
              WHEN cumulative THEN a - COALESCE(SUM(COALESCE(a, 0)) OVER w, 0)
              ELSE a END AS a
  FROM segmented
  WINDOW w AS (PARTITION BY package_id, item_key, kind ORDER BY segment
               GROUPS BETWEEN 1 PRECEDING AND 1 PRECEDING)
)
SELECT grp, kind, SUM(q), SUM({exact}), SUM({converted})
FROM stepped GROUP BY grp, kind"""
    return sql, params


# The month of an entry's timeline date as text, the grouping of the monthly series.
MONTH = "substr(CAST(e.applies_on AS VARCHAR), 1, 7)"
