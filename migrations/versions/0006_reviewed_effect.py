"""reviewed effect: the effect rows of complex lines as a view of reviewed entries counts them

Revision ID: 0006_reviewed_effect
Revises: 0005_sign_in_throttle
Create Date: 2026-12-04 22:00:00

A view of reviewed entries read entry_effect for simple lines but recomputed every line with
a running total or a correction from the ledger with window functions (half its time at a
million entries). ``reviewed_effect`` keeps those lines' rows as that view counts them; the
ledger's maintenance refreshes it with entry_effect, under the same guard (writes need a
``derived_permit`` row).

The rows are computed here in SQL of this revision's own (no import of the tracker, whose
code moves on), with the rules of the ledger at this revision: on each line with a running
total or a correction, the reviewed entries that no reviewed correction supersedes count; a
running-total statement adds its figure minus the sum of the previous segment of its line
and kind; money in another currency is converted to euro cents at the latest rate on or
before the entry's day (ECB first), and an in-kind estimate is quantity times the
catalogue's reference price, both rounded half away from zero in integer arithmetic.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0006_reviewed_effect"
down_revision: str | None = "0005_sign_in_throttle"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_RATE_SCALE = 10**6  # fx_rate.rate is units per euro times 10^6
DERIVED = (
    "reviewed_effect is derived from the ledger and only the ledger's maintenance writes it: "
    "record a ledger entry instead (tracker db check compares the two)"
)
_VERBS = ("INSERT", "UPDATE", "DELETE")


def _rounded(n: str, d: str) -> str:
    """n / d (integers, d > 0) rounded half away from zero; both databases truncate."""
    return f"(CASE WHEN {n} >= 0 THEN ({n} + {d} / 2) / {d} ELSE ({n} - {d} / 2) / {d} END)"


def _latest(currency: str, expression: str) -> str:
    """``expression`` over the rate row (``r``) of ``currency`` for the row's day: the
    latest day on or before it, ECB first on a tie; NULL when there is none."""
    last_day = (
        f"(SELECT MAX(r2.day) FROM fx_rate r2 WHERE r2.currency = {currency} "
        "AND r2.day <= e.applies_on)"
    )
    return (
        f"(SELECT {expression} FROM fx_rate r WHERE r.currency = {currency} "
        f"AND r.day = {last_day} ORDER BY CASE WHEN r.provider = 'ECB' THEN 0 ELSE 1 END LIMIT 1)"
    )


def _in_euro(n: str, currency: str, per: int) -> str:
    """``n`` (cents of ``currency`` times ``per``) in euro cents: round(n * k / rate) with
    k = 10^6 / per, split so that n * k is never formed (it could overflow 64 bits)."""
    k = _RATE_SCALE // per
    inside = f"({n} / r.rate) * {k} + {_rounded(f'(({n}) % r.rate) * {k}', 'r.rate')}"
    own = n if per == 1 else _rounded(n, str(per))
    return f"(CASE WHEN {currency} = 'EUR' THEN {own} ELSE {_latest(currency, inside)} END)"


# The increments: the visible entries of complex lines numbered into segments (a statement
# opens one), then each statement's figure less the sum of the segment before it (as
# BIGINT: PostgreSQL's SUM of BIGINT is NUMERIC, whose division would keep decimals).
_STEPS = """
WITH lines AS (
    SELECT DISTINCT package_id, COALESCE(item_id, 0) AS item_key FROM ledger_entry
    WHERE cumulative IS TRUE OR corrects_id IS NOT NULL
), visible AS (
    SELECT v.id, v.package_id, COALESCE(v.item_id, 0) AS item_key, v.effective_event AS kind,
           v.applies_on, v.cumulative, COALESCE(v.quantity, 0) AS q, v.amount AS a
    FROM ledger_entry v
    JOIN lines l ON l.package_id = v.package_id AND l.item_key = COALESCE(v.item_id, 0)
    WHERE v.review_status = 'reviewed' AND NOT EXISTS (
        SELECT 1 FROM ledger_entry s WHERE s.corrects_id = v.id AND s.review_status = 'reviewed'
    )
), segments AS (
    SELECT visible.*, SUM(CASE WHEN cumulative IS TRUE THEN 1 ELSE 0 END) OVER (
        PARTITION BY package_id, item_key, kind ORDER BY applies_on, id
        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS grp
    FROM visible
), steps AS (
    SELECT id,
           CAST(CASE WHEN cumulative IS TRUE THEN q - COALESCE(SUM(q) OVER w, 0)
                     ELSE q END AS BIGINT) AS dq,
           CAST(CASE WHEN a IS NULL THEN NULL
                     WHEN cumulative IS TRUE THEN a - COALESCE(SUM(COALESCE(a, 0)) OVER w, 0)
                     ELSE a END AS BIGINT) AS da
    FROM segments
    WINDOW w AS (PARTITION BY package_id, item_key, kind ORDER BY grp
                 GROUPS BETWEEN 1 PRECEDING AND 1 PRECEDING)
)
"""

_COLUMNS = (
    "package_id, kind, item_key, entry_id, applies_on, event_date, recorded_at, reviewed, "
    "complex, claim, undisclosed, unconverted, dq, da, currency, x_eur, eur, est_eur"
)


def _fill() -> None:
    """Insert the reviewed rows of every complex line, computed from the ledger."""
    has_rate = (
        "EXISTS (SELECT 1 FROM fx_rate r WHERE r.currency = e.currency "
        "AND r.day <= e.applies_on)"
    )
    undisclosed = (
        "e.effective_event = 'pledge' AND e.qualifier = 'undisclosed' "
        "AND e.amount IS NULL AND e.quantity IS NULL"
    )
    estimate = _in_euro("(st.dq * t.ref_unit_price)", "t.ref_price_currency", 1000)
    op.execute(
        _STEPS + f"INSERT INTO reviewed_effect ({_COLUMNS}) "
        "SELECT e.package_id, e.effective_event, COALESCE(e.item_id, 0), e.id, e.applies_on, "
        "e.event_date, e.recorded_at, TRUE, TRUE, p.aggregate_claim, "
        f"CASE WHEN {undisclosed} THEN TRUE ELSE FALSE END, "
        "CASE WHEN st.da IS NOT NULL AND e.currency <> 'EUR' "
        f"AND NOT {has_rate} THEN TRUE ELSE FALSE END, "
        "st.dq, st.da, e.currency, "
        "CASE WHEN e.currency = 'EUR' THEN st.da END, "
        "CASE WHEN e.currency = 'EUR' OR st.da IS NULL THEN NULL "
        f"ELSE {_in_euro('st.da', 'e.currency', 1)} END, "
        "CASE WHEN st.da IS NULL AND t.ref_unit_price IS NOT NULL "
        f"THEN {estimate} END "
        "FROM steps st JOIN ledger_entry e ON e.id = st.id "
        "JOIN package p ON p.id = e.package_id "
        "LEFT JOIN item i ON i.id = e.item_id "
        "LEFT JOIN equipment_type t ON t.id = i.equipment_type_id"
    )


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def upgrade() -> None:
    op.create_table(
        "reviewed_effect",
        sa.Column("package_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("item_key", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("applies_on", sa.Date(), nullable=False),
        sa.Column("event_date", sa.Date(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reviewed", sa.Boolean(), nullable=False),
        sa.Column("complex", sa.Boolean(), nullable=False),
        sa.Column("claim", sa.Boolean(), nullable=False),
        sa.Column("undisclosed", sa.Boolean(), nullable=False),
        sa.Column("unconverted", sa.Boolean(), nullable=False),
        sa.Column("dq", sa.BigInteger(), nullable=False),
        sa.Column("da", sa.BigInteger(), nullable=True),
        sa.Column("currency", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=True),
        sa.Column("x_eur", sa.BigInteger(), nullable=True),
        sa.Column("eur", sa.BigInteger(), nullable=True),
        sa.Column("est_eur", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(["entry_id"], ["ledger_entry.id"]),
        sa.ForeignKeyConstraint(["package_id"], ["package.id"]),
        sa.PrimaryKeyConstraint("package_id", "kind", "item_key", "entry_id"),
        sqlite_with_rowid=False,
    )
    _fill()
    if op.get_bind().dialect.name == "sqlite":
        for verb in _VERBS:
            op.execute(
                f"CREATE TRIGGER reviewed_effect_guard_{verb.lower()} BEFORE {verb} ON "
                "reviewed_effect WHEN NOT EXISTS (SELECT 1 FROM derived_permit) "
                f"BEGIN SELECT RAISE(ABORT, {_quoted(DERIVED)}); END"
            )
    else:
        op.execute(
            "CREATE FUNCTION reviewed_effect_guard() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN IF NOT EXISTS (SELECT 1 FROM derived_permit) THEN "
            f"RAISE EXCEPTION '%', {_quoted(DERIVED)}; END IF; RETURN NULL; END $$"
        )
        op.execute(
            "CREATE TRIGGER reviewed_effect_guard BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE "
            "ON reviewed_effect FOR EACH STATEMENT EXECUTE FUNCTION reviewed_effect_guard()"
        )
    # statistics for the planner, as for entry_effect after its rebuild in 0003
    op.execute("ANALYZE reviewed_effect")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for verb in _VERBS:
            op.execute(f"DROP TRIGGER IF EXISTS reviewed_effect_guard_{verb.lower()}")
    else:
        op.execute("DROP TRIGGER IF EXISTS reviewed_effect_guard ON reviewed_effect")
        op.execute("DROP FUNCTION IF EXISTS reviewed_effect_guard()")
    op.drop_table("reviewed_effect")
