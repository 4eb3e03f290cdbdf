"""line effect: entry_effect summed per line and kind, for the views of the current ledger

Revision ID: 0007_line_effect
Revises: 0006_reviewed_effect
Create Date: 2026-12-06 06:00:00

The current view of the whole ledger grouped a million entry_effect rows into about 136,000
line sums at every read (most of balance_usd's time at a million entries). ``line_effect``
keeps those sums, and beside them the sums of the reviewed entries alone (a view of
reviewed entries reads them for the lines without running totals or corrections, which
``complex`` flags); the ledger's maintenance rewrites a package's sums right after its
entry_effect rows, under the same guard (writes need a ``derived_permit`` row).

The rows are summed here in SQL of this revision's own from the entry_effect rows as they
stand (no import of the tracker, whose code moves on).

A view in another currency still converts each entry with money on its own (rounded per
entry); ``ix_effect_priced``, a partial index of entry_effect over those entries (four in
ten) holding every column the conversion reads, lets it read them without the others.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0007_line_effect"
down_revision: str | None = "0006_reviewed_effect"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DERIVED = (
    "line_effect is derived from the ledger and only the ledger's maintenance writes it: "
    "record a ledger entry instead (tracker db check compares the two)"
)
_VERBS = ("INSERT", "UPDATE", "DELETE")
_SUMS = (
    "INSERT INTO line_effect (package_id, kind, item_key, q, x, v, e, und, unconv, n, ne, "
    "rq, rx, rv, re, rund, runconv, rn, rne, complex) "
    "SELECT package_id, kind, item_key, SUM(dq), SUM(x_eur), SUM(eur), SUM(est_eur), "
    "MAX(CASE WHEN undisclosed THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN unconverted THEN 1 ELSE 0 END), COUNT(*), COUNT(est_eur), "
    "COALESCE(SUM(CASE WHEN reviewed THEN dq END), 0), SUM(CASE WHEN reviewed THEN x_eur END), "
    "SUM(CASE WHEN reviewed THEN eur END), SUM(CASE WHEN reviewed THEN est_eur END), "
    "MAX(CASE WHEN reviewed AND undisclosed THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN reviewed AND unconverted THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN reviewed THEN 1 ELSE 0 END), COUNT(CASE WHEN reviewed THEN est_eur END), "
    "MAX(CASE WHEN complex THEN 1 ELSE 0 END) "
    "FROM entry_effect GROUP BY package_id, kind, item_key"
)


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def upgrade() -> None:
    op.create_table(
        "line_effect",
        sa.Column("package_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("item_key", sa.Integer(), nullable=False),
        sa.Column("q", sa.BigInteger(), nullable=False),
        sa.Column("x", sa.BigInteger(), nullable=True),
        sa.Column("v", sa.BigInteger(), nullable=True),
        sa.Column("e", sa.BigInteger(), nullable=True),
        sa.Column("und", sa.Integer(), nullable=False),
        sa.Column("unconv", sa.Integer(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("ne", sa.Integer(), nullable=False),
        sa.Column("rq", sa.BigInteger(), nullable=False),
        sa.Column("rx", sa.BigInteger(), nullable=True),
        sa.Column("rv", sa.BigInteger(), nullable=True),
        sa.Column("re", sa.BigInteger(), nullable=True),
        sa.Column("rund", sa.Integer(), nullable=False),
        sa.Column("runconv", sa.Integer(), nullable=False),
        sa.Column("rn", sa.Integer(), nullable=False),
        sa.Column("rne", sa.Integer(), nullable=False),
        sa.Column("complex", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["package_id"], ["package.id"]),
        sa.PrimaryKeyConstraint("package_id", "item_key", "kind"),
        sqlite_with_rowid=False,
    )
    op.execute(_SUMS)
    priced = "da IS NOT NULL OR est_eur IS NOT NULL"
    op.create_index(
        "ix_effect_priced",
        "entry_effect",
        ["package_id", "kind", "item_key", "applies_on", "currency", "da", "x_eur", "eur"]
        + ["est_eur"],
        sqlite_where=sa.text(priced),
        postgresql_where=sa.text(priced),
    )
    if op.get_bind().dialect.name == "sqlite":
        for verb in _VERBS:
            op.execute(
                f"CREATE TRIGGER line_effect_guard_{verb.lower()} BEFORE {verb} ON "
                "line_effect WHEN NOT EXISTS (SELECT 1 FROM derived_permit) "
                f"BEGIN SELECT RAISE(ABORT, {_quoted(DERIVED)}); END"
            )
    else:
        op.execute(
            "CREATE FUNCTION line_effect_guard() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN IF NOT EXISTS (SELECT 1 FROM derived_permit) THEN "
            f"RAISE EXCEPTION '%', {_quoted(DERIVED)}; END IF; RETURN NULL; END $$"
        )
        op.execute(
            "CREATE TRIGGER line_effect_guard BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE "
            "ON line_effect FOR EACH STATEMENT EXECUTE FUNCTION line_effect_guard()"
        )
    op.execute("ANALYZE line_effect")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for verb in _VERBS:
            op.execute(f"DROP TRIGGER IF EXISTS line_effect_guard_{verb.lower()}")
    else:
        op.execute("DROP TRIGGER IF EXISTS line_effect_guard ON line_effect")
        op.execute("DROP FUNCTION IF EXISTS line_effect_guard()")
    op.drop_table("line_effect")
    op.drop_index("ix_effect_priced", table_name="entry_effect")
