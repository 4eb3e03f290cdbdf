"""append-only guards in the database itself

Revision ID: 0004_append_only_guards
Revises: 0003_exact_effect_cents

0001 refuses UPDATE and DELETE of ledger entries and audit rows. Three ways around it remained,
and this revision closes them in the database, so that they hold for any client (the sqlite3
shell, psql, a script), not just for the tracker's own code:

* SQLite ``INSERT OR REPLACE`` (and ``REPLACE INTO``): the conflicting row is deleted first, but
  SQLite fires delete triggers for that implicit delete only when ``PRAGMA recursive_triggers``
  is on, which no client can be relied on to set. So a BEFORE INSERT trigger refuses an insert
  whose id (or, for ledger entries, key) already exists. A plain duplicate insert would have
  failed anyway; it now fails with this trigger's message instead of the unique index's.
  Changing an entry's id (``UPDATE ... SET id``, which with OR REPLACE also deletes the row
  holding the new id) is refused on both backends.
* PostgreSQL ``TRUNCATE`` fires no row trigger: a BEFORE TRUNCATE statement trigger refuses it
  on ledger_entry and audit_log (a TRUNCATE ... CASCADE from a parent table reaches them too).
* The derived ``entry_effect`` rows hold every headline balance, and ``UPDATE entry_effect SET
  dq = dq * 5`` changed them without a trace. They must be rewritten after every write and by a
  rebuild, so they cannot be simply append-only. Relying on ``tracker db check`` alone would
  find such an edit only when someone runs the check; instead, writes to entry_effect are
  refused unless the writing transaction sees a row in ``derived_permit``. The ledger's
  maintenance (tracker/ledger/effects.py) adds that row, rewrites the derived rows and deletes
  it again inside its own transaction, so the row is never committed and never seen by another
  transaction (no waiting between concurrent writers on PostgreSQL). The switch stops mistakes,
  not a determined owner of the database, who can add the row or drop the triggers;
  ``tracker db check`` still compares the derived rows with a fresh computation.

SQLite batch operations rebuild tables and lose their triggers: a later revision that runs
batch_alter_table on ledger_entry, audit_log or entry_effect must create these triggers again.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_append_only_guards"
down_revision: str | None = "0003_exact_effect_cents"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REPLACED_ENTRY = (
    "ledger entries are append-only: an entry with this id or key exists and is not replaced; "
    "record a correction instead"
)
MOVED_ENTRY = "ledger entries are append-only: an entry keeps its id"
REPLACED_AUDIT = "the audit log is append-only: an audit row with this id exists and is not replaced"
TRUNCATED_ENTRIES = "ledger entries are append-only: truncating ledger_entry is refused"
TRUNCATED_AUDIT = "the audit log is append-only: truncating audit_log is refused"
DERIVED = (
    "entry_effect is derived from the ledger and only the ledger's maintenance writes it: "
    "record a ledger entry instead (tracker db check compares the two)"
)

SQLITE_TRIGGERS = {
    "ledger_entry_no_replace": (
        "BEFORE INSERT ON ledger_entry WHEN "
        "EXISTS (SELECT 1 FROM ledger_entry WHERE id = NEW.id) "
        "OR EXISTS (SELECT 1 FROM ledger_entry WHERE key = NEW.key)",
        REPLACED_ENTRY,
    ),
    "ledger_entry_keeps_id": (
        "BEFORE UPDATE OF id ON ledger_entry WHEN NEW.id IS NOT OLD.id",
        MOVED_ENTRY,
    ),
    "audit_log_no_replace": (
        "BEFORE INSERT ON audit_log WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)",
        REPLACED_AUDIT,
    ),
    **{
        f"entry_effect_guard_{verb.lower()}": (
            f"BEFORE {verb} ON entry_effect WHEN NOT EXISTS (SELECT 1 FROM derived_permit)",
            DERIVED,
        )
        for verb in ("INSERT", "UPDATE", "DELETE")
    },
}

# PostgreSQL: (trigger, table, timing and level, message); one function raises the message.
POSTGRES_TRIGGERS = (
    ("ledger_entry_no_truncate", "ledger_entry", "BEFORE TRUNCATE", "STATEMENT", TRUNCATED_ENTRIES),
    ("audit_log_no_truncate", "audit_log", "BEFORE TRUNCATE", "STATEMENT", TRUNCATED_AUDIT),
    (
        "ledger_entry_keeps_id",
        "ledger_entry",
        "BEFORE UPDATE OF id",
        "ROW WHEN (OLD.id IS DISTINCT FROM NEW.id)",
        MOVED_ENTRY,
    ),
)


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def upgrade() -> None:
    op.create_table(
        "derived_permit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    if op.get_bind().dialect.name == "sqlite":
        for name, (when, message) in SQLITE_TRIGGERS.items():
            op.execute(
                f"CREATE TRIGGER {name} {when} BEGIN SELECT RAISE(ABORT, {_quoted(message)}); END"
            )
        return
    op.execute(
        "CREATE FUNCTION append_only_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN RAISE EXCEPTION '%', TG_ARGV[0]; END $$"
    )
    for name, table, timing, level, message in POSTGRES_TRIGGERS:
        op.execute(
            f"CREATE TRIGGER {name} {timing} ON {table} FOR EACH {level} "
            f"EXECUTE FUNCTION append_only_refuse({_quoted(message)})"
        )
    op.execute(
        "CREATE FUNCTION entry_effect_guard() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN IF NOT EXISTS (SELECT 1 FROM derived_permit) THEN "
        f"RAISE EXCEPTION '%', {_quoted(DERIVED)}; END IF; RETURN NULL; END $$"
    )
    op.execute(
        "CREATE TRIGGER entry_effect_guard BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE "
        "ON entry_effect FOR EACH STATEMENT EXECUTE FUNCTION entry_effect_guard()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        op.execute("DROP TRIGGER IF EXISTS entry_effect_guard ON entry_effect")
        op.execute("DROP FUNCTION IF EXISTS entry_effect_guard()")
        for name, table, *_ in POSTGRES_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS append_only_refuse()")
    op.drop_table("derived_permit")
