"""exact effect cents: entry_effect's euro values become whole cents (BIGINT) instead of FLOAT

Revision ID: 0003_exact_effect_cents
Revises: 0002
Create Date: 2026-12-04 06:00:00

The derived rows are kept and recomputed here, in SQL of this revision's own (no import of
the tracker, whose code moves on): each converted amount and in-kind estimate is worked out
again from the stored increment, the item's reference price and the rates, in integer
arithmetic rounded half away from zero, as tracker.domain.fx.euro_cents does. The table is
copied into a new one rather than altered, so SQLite keeps it WITHOUT ROWID (a batch
alteration would rebuild it with a rowid) and both backends take the same path.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0003_exact_effect_cents"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_RATE_SCALE = 10**6  # fx_rate.rate is units per euro times 10^6
_KEPT = (
    "package_id, kind, item_key, entry_id, applies_on, event_date, recorded_at, reviewed, "
    "complex, claim, undisclosed, unconverted, dq, da, currency, x_eur"
)
_INDEXES = {
    "ix_effect_complex": (["complex", "package_id"], False),
    "ix_effect_entry": (["entry_id"], True),
    "ix_effect_timeline": (["claim", "applies_on", "kind", "x_eur", "eur"], False),
}


def _create(name: str, money: type[sa.types.TypeEngine]) -> None:
    op.create_table(
        name,
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
        sa.Column("eur", money(), nullable=True),
        sa.Column("est_eur", money(), nullable=True),
        sa.ForeignKeyConstraint(["entry_id"], ["ledger_entry.id"]),
        sa.ForeignKeyConstraint(["package_id"], ["package.id"]),
        sa.PrimaryKeyConstraint("package_id", "kind", "item_key", "entry_id"),
        sqlite_with_rowid=False,
    )


def _replace(money: type[sa.types.TypeEngine], eur: str, est_eur: str) -> None:
    """entry_effect rebuilt with ``money`` columns for the two euro values, filled by the SQL
    expressions ``eur`` and ``est_eur`` over the old row (aliased ``f``)."""
    with op.batch_alter_table("entry_effect", schema=None) as batch_op:
        for name in _INDEXES:
            batch_op.drop_index(name)
    _create("entry_effect_new", money)
    op.execute(
        f"INSERT INTO entry_effect_new ({_KEPT}, eur, est_eur) "
        f"SELECT {', '.join('f.' + c for c in _KEPT.split(', '))}, {eur}, {est_eur} "
        "FROM entry_effect f"
    )
    op.drop_table("entry_effect")
    op.rename_table("entry_effect_new", "entry_effect")
    with op.batch_alter_table("entry_effect", schema=None) as batch_op:
        for name, (columns, unique) in _INDEXES.items():
            batch_op.create_index(name, columns, unique=unique)
    # the planner's statistics of the old table went with it; without them SQLite picks
    # full scans for the balance joins (ten times slower at 100,000 entries)
    op.execute("ANALYZE entry_effect")


def _rounded(n: str, d: str) -> str:
    """n / d (integers, d > 0) rounded half away from zero; both databases truncate."""
    return f"(CASE WHEN {n} >= 0 THEN ({n} + {d} / 2) / {d} ELSE ({n} - {d} / 2) / {d} END)"


def _in_euro(n: str, currency: str, per: int) -> str:
    """``n`` (cents of ``currency`` times ``per``) in euro cents at the rate of the row's
    day: round(n * k / rate) with k = 10^6 / per, split so that n * k is never formed."""
    k = _RATE_SCALE // per
    inside = f"({n} / r.rate) * {k} + {_rounded(f'(({n}) % r.rate) * {k}', 'r.rate')}"
    last_day = (
        f"(SELECT MAX(r2.day) FROM fx_rate r2 WHERE r2.currency = {currency} "
        "AND r2.day <= f.applies_on)"
    )
    converted = (
        f"(SELECT {inside} FROM fx_rate r WHERE r.currency = {currency} AND r.day = {last_day} "
        "ORDER BY CASE WHEN r.provider = 'ECB' THEN 0 ELSE 1 END LIMIT 1)"
    )
    own = n if per == 1 else _rounded(n, str(per))
    return f"(CASE WHEN {currency} = 'EUR' THEN {own} ELSE {converted} END)"


def upgrade() -> None:
    price = (
        "(SELECT t.{col} FROM item i JOIN equipment_type t ON t.id = i.equipment_type_id "
        "WHERE i.id = f.item_key)"
    )
    estimate = _in_euro(
        f"(f.dq * {price.format(col='ref_unit_price')})",
        price.format(col="ref_price_currency"),
        1000,
    )
    _replace(
        sa.BigInteger,
        eur=f"CASE WHEN f.eur IS NULL THEN NULL ELSE {_in_euro('f.da', 'f.currency', 1)} END",
        est_eur=f"CASE WHEN f.est_eur IS NULL THEN NULL ELSE {estimate} END",
    )


def downgrade() -> None:
    _replace(sa.Float, eur="CAST(f.eur AS FLOAT)", est_eur="CAST(f.est_eur AS FLOAT)")
