"""The tracker's tables, in one place.

Every table the application uses is declared here and nowhere else: pages, services and
migrations all import from this module, and Alembic's autogenerate compares the migrations
against ``SQLModel.metadata`` built from it.

Two column types are project-specific:

* :class:`ScaledDecimal` stores exact decimals as scaled 64-bit integers. SQLite's NUMERIC is a
  float underneath and silently drops digits past about 15 significant figures; an integer
  count of cents (or thousandths of a unit) is exact on SQLite and PostgreSQL alike, and
  ``SUM`` over it stays exact on both.
* :class:`UTCDateTime` always hands back timezone-aware UTC datetimes. SQLite has no timezone
  type; PostgreSQL's ``timestamptz`` does, and both round-trip through this type identically.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal, InvalidOperation
from functools import partial

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

from tracker.domain.vocab import (
    AID_TYPES,
    DONOR_KINDS,
    EFFECTIVE_EVENTS,
    EVENT_KINDS,
    INSTRUMENTS,
    QUALIFIERS,
    RELIABILITY_GRADES,
    REVIEW_STATUSES,
    ROLES,
    SECRECY_LEVELS,
    WARNING_KINDS,
)

MONEY_SCALE = 2  # amounts are stored in hundredths of the currency unit
QUANTITY_SCALE = 3  # quantities in thousandths (2.5 tonnes, 0.125 of anything)
RATE_SCALE = 6  # ECB publishes at most 6 significant decimals
ORDINAL_MAX = 2**31 - 1  # package ordinals are INTEGER columns (32 bits on PostgreSQL)


def scaled_problem(value: Decimal, scale: int) -> str | None:
    """Why ``value`` cannot be stored exactly as a BIGINT count of ``10**-scale`` units (too
    many decimals, or too large for 64 bits), or None when it can."""
    _, digits, exponent = value.as_tuple()
    if isinstance(exponent, int) and exponent >= -scale and len(digits) + exponent + scale <= 18:
        # the usual case, decided without Decimal arithmetic (an import asks for every
        # figure): whole units of 10**-scale, under 10**18 < 2**63 once scaled
        return None
    if not value.is_finite():
        return "must be a number"
    step = Decimal(1).scaleb(-scale)
    if value.as_tuple().exponent < -scale and value != value.quantize(step, context=_WIDE):  # type: ignore[operator]
        return f"has more than {scale} decimal places, which cannot be stored exactly"
    if abs(value.scaleb(scale, context=_WIDE)) >= 2**63:
        limit = format(Decimal(2**63 - 1).scaleb(-scale), "f")
        return f"is too large to store (at most {limit})"
    return None


# Wide enough for any value the checks above look at, so they never round.
_WIDE = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)


def _check_in(column: str, values: tuple[str, ...], name: str) -> sa.CheckConstraint:
    """A CHECK that ``column`` holds one of ``values``: the enumeration lives in the DB too."""
    quoted = ", ".join("'" + v.replace("'", "''") + "'" for v in values)
    return sa.CheckConstraint(f"{column} IN ({quoted})", name=name)


# --- column types ------------------------------------------------------------------------


def _unscaled(value: object, exponent: int) -> Decimal | None:
    """A stored count of ``10**exponent`` units as a Decimal (an int from both drivers; a
    sum may be a Decimal on PostgreSQL)."""
    if value is None:
        return None
    return Decimal(value if value.__class__ is int else int(value)).scaleb(exponent)  # type: ignore[call-overload]


class ScaledDecimal(TypeDecorator):
    """Exact decimal stored as a BIGINT count of ``10**-scale`` units.

    Values with more decimals than ``scale`` are refused rather than rounded: a figure that
    cannot be stored exactly is an input error, not something to round away silently.
    """

    impl = sa.BigInteger
    cache_ok = True

    def __init__(self, scale: int) -> None:
        super().__init__()
        self.scale = scale

    def process_bind_param(self, value: Decimal | int | str | None, dialect) -> int | None:
        if value is None:
            return None
        try:
            exact = Decimal(value) if not isinstance(value, Decimal) else value
        except (InvalidOperation, TypeError) as exc:
            raise ValueError(f"not a decimal number: {value!r}") from exc
        if (problem := scaled_problem(exact, self.scale)) is not None:
            raise ValueError(f"{format(exact, 'f')} {problem}")
        return int(exact.scaleb(self.scale, context=_WIDE))

    def process_result_value(self, value: int | Decimal | None, dialect) -> Decimal | None:
        return _unscaled(value, -self.scale)

    def result_processor(self, dialect, coltype) -> Callable[[object], Decimal | None]:
        """:meth:`process_result_value` without the decorator's two layers of calls around
        it: a ledger export reads four of these per row, a million rows at a time."""
        return partial(_unscaled, exponent=-self.scale)

    def process_literal_param(self, value, dialect) -> str:
        return str(self.process_bind_param(value, dialect))

    @property
    def python_type(self) -> type:
        return Decimal


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC timestamps on every backend (naive values are refused)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value.isoformat()} given; use UTC-aware values")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        return _as_utc(value)

    def result_processor(self, dialect, coltype) -> Callable[[object], datetime | None]:
        """:meth:`process_result_value` after the driver's own conversion, without the
        decorator's layers of calls around it: a ledger export reads one per row."""
        parse = self.impl_instance.result_processor(dialect, coltype)
        if parse is None:
            return _as_utc  # type: ignore[return-value]
        return lambda value: _as_utc(parse(value))


def _as_utc(value: datetime | None) -> datetime | None:
    """A stored timestamp as an aware UTC datetime (SQLite keeps naive UTC)."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


def _money(**kw) -> sa.Column:
    return sa.Column(ScaledDecimal(MONEY_SCALE), **kw)


def _quantity(**kw) -> sa.Column:
    return sa.Column(ScaledDecimal(QUANTITY_SCALE), **kw)


def _timestamp(**kw) -> sa.Column:
    return sa.Column(UTCDateTime(), **kw)


# --- reference tables --------------------------------------------------------------------


class Donor(SQLModel, table=True):
    """A giver of aid: a country (ISO 3166 alpha-2), an organisation, a fund or a coalition."""

    __tablename__ = "donor"
    __table_args__ = (
        _check_in("kind", DONOR_KINDS, "ck_donor_kind"),
        sa.CheckConstraint(
            "kind != 'country' OR (length(code) = 2 AND code = upper(code))",
            name="ck_donor_country_iso2",
        ),
        sa.CheckConstraint("currency IS NULL OR length(currency) = 3", name="ck_donor_currency"),
    )

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=32, sa_column_kwargs={"unique": True}, nullable=False)
    kind: str = Field(max_length=16)
    name: str = Field(max_length=200)
    currency: str | None = Field(default=None, max_length=3)
    notes: str | None = Field(default=None)


class Membership(SQLModel, table=True):
    """A donor's membership of an organisation (EU, NATO, a fund's contributors): data, not code."""

    __tablename__ = "membership"
    __table_args__ = (
        sa.UniqueConstraint("member_id", "organisation_id", name="uq_membership"),
        sa.CheckConstraint("member_id != organisation_id", name="ck_membership_not_self"),
    )

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="donor.id", index=True)
    organisation_id: int = Field(foreign_key="donor.id", index=True)
    since: date | None = None


class DonorGdp(SQLModel, table=True):
    """A donor's nominal GDP for one year, to show aid as a share of GDP (with its source)."""

    __tablename__ = "donor_gdp"
    __table_args__ = (
        sa.UniqueConstraint("donor_id", "year", name="uq_donor_gdp"),
        sa.CheckConstraint("length(currency) = 3", name="ck_donor_gdp_currency"),
    )

    id: int | None = Field(default=None, primary_key=True)
    donor_id: int = Field(foreign_key="donor.id", index=True)
    year: int
    gdp: Decimal = Field(sa_column=_money(nullable=False))
    currency: str = Field(max_length=3)
    source_url: str | None = None
    source_title: str | None = None


class Source(SQLModel, table=True):
    """Where a figure comes from.

    ``key`` is the natural key: the normalised URL, else outlet + title + date."""

    __tablename__ = "source"
    __table_args__ = (
        _check_in("reliability", RELIABILITY_GRADES, "ck_source_reliability"),
        sa.CheckConstraint("url IS NOT NULL OR title IS NOT NULL", name="ck_source_url_or_title"),
    )

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=600, sa_column_kwargs={"unique": True}, nullable=False)
    url: str | None = Field(default=None, max_length=2000)
    outlet: str | None = Field(default=None, max_length=200)
    title: str | None = Field(default=None, max_length=500)
    published: date | None = None
    accessed: date | None = None
    quote: str | None = None
    claimant: str | None = Field(default=None, max_length=300)
    reliability: str = Field(default="media", max_length=16)
    created_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp(nullable=False))
    created_by: str | None = Field(default=None, max_length=100)
    version: int = Field(default=1)


class Initiative(SQLModel, table=True):
    """A multi-donor effort (EU 1M-shell initiative, Leopard 2 coalition, a fund's programme)."""

    __tablename__ = "initiative"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=64, sa_column_kwargs={"unique": True}, nullable=False)
    name: str = Field(max_length=300)
    lead_donor_id: int | None = Field(default=None, foreign_key="donor.id")
    description: str | None = None
    source_id: int | None = Field(default=None, foreign_key="source.id")


class EquipmentType(SQLModel, table=True):
    """The catalogue of what is given, with its counting unit and optional reference price."""

    __tablename__ = "equipment_type"
    __table_args__ = (
        sa.CheckConstraint(
            "ref_price_currency IS NULL OR length(ref_price_currency) = 3",
            name="ck_equipment_price_currency",
        ),
        sa.CheckConstraint(
            "(ref_unit_price IS NULL) = (ref_price_currency IS NULL)",
            name="ck_equipment_price_has_currency",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, sa_column_kwargs={"unique": True}, nullable=False)
    family: str | None = Field(default=None, max_length=200, index=True)
    category: str = Field(max_length=100, index=True)
    unit: str = Field(max_length=40)
    calibre_mm: Decimal | None = Field(default=None, sa_column=_quantity(nullable=True))
    ref_unit_price: Decimal | None = Field(default=None, sa_column=_money(nullable=True))
    ref_price_currency: str | None = Field(default=None, max_length=3)
    ref_price_year: int | None = None
    ref_price_source: str | None = None


# --- packages, items, ledger -------------------------------------------------------------


class Package(SQLModel, table=True):
    """A donor's announcement. Its figures live in ledger entries, never in these columns."""

    __tablename__ = "package"
    __table_args__ = (
        sa.UniqueConstraint("donor_id", "title", name="uq_package_donor_title"),
        _check_in("aid_type", AID_TYPES, "ck_package_aid_type"),
        _check_in("secrecy", SECRECY_LEVELS, "ck_package_secrecy"),
        sa.CheckConstraint(
            "instrument IS NULL OR instrument IN ("
            + ", ".join(f"'{i}'" for i in INSTRUMENTS)
            + ")",
            name="ck_package_instrument",
        ),
        sa.CheckConstraint("ordinal IS NULL OR ordinal > 0", name="ck_package_ordinal"),
    )

    id: int | None = Field(default=None, primary_key=True)
    donor_id: int = Field(foreign_key="donor.id", index=True)
    title: str = Field(max_length=300)
    ordinal: int | None = None
    announced_on: date | None = Field(default=None, index=True)
    instrument: str | None = Field(default=None, max_length=16)
    aid_type: str = Field(max_length=16)
    secrecy: str = Field(default="public", max_length=24)
    initiative_id: int | None = Field(default=None, foreign_key="initiative.id", index=True)
    aggregate_claim: bool = Field(default=False)
    notes: str | None = None
    created_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp(nullable=False))
    version: int = Field(default=1)


class Item(SQLModel, table=True):
    """A line of a package: what is given, in which unit. Its figures are ledger entries."""

    __tablename__ = "item"
    __table_args__ = (sa.UniqueConstraint("package_id", "label", name="uq_item_package_label"),)

    id: int | None = Field(default=None, primary_key=True)
    package_id: int = Field(foreign_key="package.id", index=True)
    label: str = Field(max_length=300)
    equipment_type_id: int | None = Field(default=None, foreign_key="equipment_type.id", index=True)
    unit: str | None = Field(default=None, max_length=40)
    version: int = Field(default=1)


class LedgerEntry(SQLModel, table=True):
    """One append-only event: a pledge, allocation, delivery, cancellation or correction.

    Figures change only by new entries; the database refuses UPDATE of the factual columns and
    any DELETE (triggers in the migrations), so every past state can be rebuilt. Only the review
    columns may change, and each change is written to the audit log.
    """

    __tablename__ = "ledger_entry"
    __table_args__ = (
        _check_in("event", EVENT_KINDS, "ck_entry_event"),
        _check_in("effective_event", EFFECTIVE_EVENTS, "ck_entry_effective_event"),
        sa.CheckConstraint(
            "event = 'correction' OR event = effective_event", name="ck_entry_effective_event_match"
        ),
        _check_in("qualifier", QUALIFIERS, "ck_entry_qualifier"),
        _check_in("review_status", REVIEW_STATUSES, "ck_entry_review_status"),
        sa.CheckConstraint("currency IS NULL OR length(currency) = 3", name="ck_entry_currency"),
        sa.CheckConstraint(
            "(amount IS NULL) = (currency IS NULL)", name="ck_entry_amount_currency"
        ),
        sa.CheckConstraint("quantity IS NULL OR unit IS NOT NULL", name="ck_entry_quantity_unit"),
        sa.CheckConstraint("quantity IS NULL OR quantity >= 0", name="ck_entry_quantity_nonneg"),
        sa.CheckConstraint(
            "quantity_high IS NULL OR (quantity IS NOT NULL AND quantity_high >= quantity)",
            name="ck_entry_quantity_range",
        ),
        sa.CheckConstraint(
            "amount_high IS NULL OR (amount IS NOT NULL AND amount_high >= amount)",
            name="ck_entry_amount_range",
        ),
        sa.CheckConstraint(
            "quantity IS NOT NULL OR amount IS NOT NULL OR qualifier = 'undisclosed'",
            name="ck_entry_has_figure",
        ),
        sa.CheckConstraint(
            "(event = 'correction') = (corrects_id IS NOT NULL)", name="ck_entry_correction"
        ),
        sa.Index("ix_entry_package_item", "package_id", "item_id", "effective_event"),
        sa.CheckConstraint(
            "event = 'correction' OR applies_on = event_date", name="ck_entry_applies_on"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=200, sa_column_kwargs={"unique": True}, nullable=False)
    package_id: int = Field(foreign_key="package.id")
    item_id: int | None = Field(default=None, foreign_key="item.id")
    event: str = Field(max_length=16)
    effective_event: str = Field(max_length=16)
    event_date: date = Field(index=True)
    # Where the entry sits on the timeline: its own event date, or for a correction the date
    # of the entry it supersedes (a 2024 revaluation of a 2022 tranche revalues 2022).
    applies_on: date = Field(index=True)
    quantity: Decimal | None = Field(default=None, sa_column=_quantity(nullable=True))
    quantity_high: Decimal | None = Field(default=None, sa_column=_quantity(nullable=True))
    unit: str | None = Field(default=None, max_length=40)
    amount: Decimal | None = Field(default=None, sa_column=_money(nullable=True))
    amount_high: Decimal | None = Field(default=None, sa_column=_money(nullable=True))
    currency: str | None = Field(default=None, max_length=3)
    qualifier: str = Field(default="exact", max_length=16)
    cumulative: bool = Field(default=False)
    corrects_id: int | None = Field(default=None, foreign_key="ledger_entry.id", index=True)
    reason: str | None = None
    stated: str | None = Field(default=None, max_length=500)
    source_id: int = Field(foreign_key="source.id", index=True)
    recorded_at: datetime = Field(
        default_factory=utcnow, sa_column=_timestamp(nullable=False, index=True)
    )
    recorded_by: str = Field(max_length=100)
    review_status: str = Field(default="draft", max_length=16, index=True)
    reviewed_by: str | None = Field(default=None, max_length=100)
    review_comment: str | None = None
    version: int = Field(default=1)


class ReconciliationWarning(SQLModel, table=True):
    """A stored reconciliation finding: kept and listed, never dropped."""

    __tablename__ = "reconciliation_warning"
    __table_args__ = (
        _check_in("kind", WARNING_KINDS, "ck_warning_kind"),
        sa.UniqueConstraint("kind", "entry_id", name="uq_warning_kind_entry"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=32)
    entry_id: int = Field(foreign_key="ledger_entry.id", index=True)
    other_entry_id: int | None = Field(default=None, foreign_key="ledger_entry.id")
    package_id: int = Field(foreign_key="package.id", index=True)
    item_id: int | None = Field(default=None, foreign_key="item.id")
    message: str
    created_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp(nullable=False))


class FxRate(SQLModel, table=True):
    """A reference exchange rate: units of ``currency`` per 1 EUR on ``day`` (ECB convention)."""

    __tablename__ = "fx_rate"
    __table_args__ = (
        sa.UniqueConstraint("provider", "currency", "day", name="uq_fx_rate"),
        sa.CheckConstraint("length(currency) = 3", name="ck_fx_currency"),
        sa.CheckConstraint("rate > 0", name="ck_fx_rate_positive"),
        sa.Index("ix_fx_currency_day", "currency", "day"),
    )

    id: int | None = Field(default=None, primary_key=True)
    day: date
    currency: str = Field(max_length=3)
    rate: Decimal = Field(sa_column=sa.Column(ScaledDecimal(RATE_SCALE), nullable=False))
    provider: str = Field(max_length=40)


class AuditLog(SQLModel, table=True):
    """Who changed what, when, with the row before and after (JSON text)."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_column=_timestamp(nullable=False, index=True))
    actor: str = Field(max_length=100, index=True)
    action: str = Field(max_length=32)
    table_name: str = Field(max_length=64, index=True)
    row_id: int | None = None
    row_key: str | None = Field(default=None, max_length=600)
    before: str | None = None
    after: str | None = None


class User(SQLModel, table=True):
    """A local account for signing in to write (viewing needs no account)."""

    __tablename__ = "app_user"
    __table_args__ = (_check_in("role", ROLES, "ck_user_role"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100, sa_column_kwargs={"unique": True}, nullable=False)
    role: str = Field(max_length=16)
    password_hash: str = Field(max_length=300)
    active: bool = Field(default=True)
    created_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp(nullable=False))


class SignInThrottle(SQLModel, table=True):
    """Failed sign-ins under one account name, known or not (so a lockout does not reveal
    which accounts exist), kept in the database so the limit holds across every process that
    serves the app."""

    __tablename__ = "sign_in_throttle"

    name: str = Field(primary_key=True, max_length=100)  # lower case, as names compare
    failures: int = Field(default=0)
    locked_until: datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))


class _EffectRow(SQLModel):
    """The columns of a derived effect row (:class:`EntryEffect`, :class:`ReviewedEffect`)."""

    package_id: int = Field(foreign_key="package.id", primary_key=True)
    kind: str = Field(max_length=16, primary_key=True)
    item_key: int = Field(primary_key=True)  # the item's id, 0 for money-only entries
    entry_id: int = Field(foreign_key="ledger_entry.id", primary_key=True)
    applies_on: date
    event_date: date
    recorded_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    reviewed: bool
    complex: bool
    claim: bool  # the package restates an initiative-wide figure (Package.aggregate_claim)
    undisclosed: bool
    unconverted: bool
    dq: int = Field(sa_type=sa.BigInteger, nullable=False)
    da: int | None = Field(default=None, sa_type=sa.BigInteger, nullable=True)
    currency: str | None = Field(default=None, max_length=3)
    x_eur: int | None = Field(default=None, sa_type=sa.BigInteger, nullable=True)
    eur: int | None = Field(default=None, sa_type=sa.BigInteger, nullable=True)
    est_eur: int | None = Field(default=None, sa_type=sa.BigInteger, nullable=True)


# The entry_effect rows with money or an estimate, and what converting them reads.
PRICED = "da IS NOT NULL OR est_eur IS NOT NULL"
PRICED_COLUMNS = ("package_id", "kind", "item_key", "applies_on", "currency", "da", "x_eur")
PRICED_COLUMNS += ("eur", "est_eur")


class EntryEffect(_EffectRow, table=True):
    """Derived, rebuildable: what each counting entry adds to its line, as known now.

    Not a source of truth (never exported or restored): the ledger refills it when entries,
    reviews or rates change, so that headline totals over a million entries are one narrow,
    ordered scan instead of window functions and a rate lookup per row. Stored in line order
    (on SQLite without a rowid, clustered by the key) so per-line sums stream without a sort.
    ``dq``/``da`` are increments in raw stored units (thousandths of a unit, cents of
    ``currency``); ``x_eur`` repeats ``da`` for amounts in euro, ``eur`` is the value
    of other currencies in euro cents at the rate of ``applies_on`` and ``est_eur`` the in-kind
    estimate, both rounded to whole cents once per entry (integers, like the ledger, so every
    total over them is exact); ``unconverted`` marks an amount with no rate. Lines with
    running totals or corrections are ``complex``: views of a past date recompute them from
    the ledger itself, and a view of reviewed entries reads them from :class:`ReviewedEffect`.
    """

    __tablename__ = "entry_effect"
    __table_args__ = (
        sa.Index("ix_effect_entry", "entry_id", unique=True),
        sa.Index("ix_effect_complex", "complex", "package_id"),
        # Covers the timeline: per-day sums of reported money read in day order, no sort.
        sa.Index("ix_effect_timeline", "claim", "applies_on", "kind", "x_eur", "eur"),
        # Covers the entries with money (four in ten), which a view in another currency
        # converts one by one: read from here, not from the whole table.
        sa.Index(
            "ix_effect_priced",
            *PRICED_COLUMNS,
            sqlite_where=sa.text(PRICED),
            postgresql_where=sa.text(PRICED),
        ),
        {"sqlite_with_rowid": False},
    )


class ReviewedEffect(_EffectRow, table=True):
    """Derived, rebuildable: the effect rows of the complex lines as a view of reviewed
    entries only counts them, kept beside :class:`EntryEffect` by the same maintenance.

    On a complex line a statement's increment depends on which entries count (a draft
    before it is not in its previous segment), and an entry superseded by a draft
    correction counts again; recomputing those lines with window functions cost a reviewed
    view half its time at a million entries. Its other lines' reviewed rows are the
    ``reviewed`` rows of entry_effect. Same columns and key order as entry_effect.
    """

    __tablename__ = "reviewed_effect"
    __table_args__ = ({"sqlite_with_rowid": False},)


class LineEffect(SQLModel, table=True):
    """Derived, rebuildable: entry_effect summed per line (package and item) and kind, kept
    by the same maintenance right after it.

    A view of the whole current ledger in euro needs only these sums, and one in another
    currency these for its quantities plus the entries with money (four in ten) for the
    conversion, which is rounded per entry: at a million entries grouping entry_effect's
    rows was most of those views' time, where this table has a row per line and kind (about
    one in seven). Beside each sum the same sum of the reviewed entries alone (``rq`` ...
    ``rne``), so a view of reviewed entries reads them too for the lines without running
    totals or corrections (``complex`` 0; it reads the others' rows from
    :class:`ReviewedEffect`). Columns as the per-line sums name them: ``q`` units (thousandths),
    ``x`` euro amounts, ``v`` other currencies in euro cents, ``e`` in-kind estimates in
    euro cents (each NULL when no entry has one), ``und`` 1 when an undisclosed pledge is
    among the entries, ``unconv`` amounts without a rate, ``n`` entries, ``ne`` entries
    with an estimate. Views of a past date or of reviewed entries still read the entry rows.
    """

    __tablename__ = "line_effect"
    __table_args__ = ({"sqlite_with_rowid": False},)

    # Keyed by line, then kind: the views pivot each line's kinds side by side, and in this
    # order SQLite does it as it reads, without a sort.
    package_id: int = Field(foreign_key="package.id", primary_key=True)
    item_key: int = Field(primary_key=True)  # the item's id, 0 for money-only entries
    kind: str = Field(max_length=16, primary_key=True)
    q: int = Field(sa_type=sa.BigInteger, nullable=False)
    x: int | None = Field(default=None, sa_type=sa.BigInteger, nullable=True)
    v: int | None = Field(default=None, sa_type=sa.BigInteger, nullable=True)
    e: int | None = Field(default=None, sa_type=sa.BigInteger, nullable=True)
    und: int
    unconv: int
    n: int
    ne: int
    # The same sums of the reviewed entries alone.
    rq: int = Field(sa_type=sa.BigInteger, nullable=False)
    rx: int | None = Field(default=None, sa_type=sa.BigInteger, nullable=True)
    rv: int | None = Field(default=None, sa_type=sa.BigInteger, nullable=True)
    re: int | None = Field(default=None, sa_type=sa.BigInteger, nullable=True)
    rund: int
    runconv: int
    rn: int
    rne: int
    complex: int  # 1 when the line has running totals or corrections (see EntryEffect)


class DerivedPermit(SQLModel, table=True):
    """The switch that lets a transaction write the derived rows (``entry_effect``,
    ``reviewed_effect``, ``line_effect``); empty when nothing writes.

    Triggers refuse every insert, update and delete of derived rows (and on PostgreSQL a
    truncate) unless the writing transaction sees a row here. Only the ledger's maintenance
    (``tracker.ledger.effects``) adds one, rewrites the derived rows and removes it again in the
    same transaction, so a hand-typed ``UPDATE entry_effect ...`` fails instead of silently
    changing balances. A row is visible only to the transaction that added it until it commits,
    and it never commits one, so concurrent writers on PostgreSQL do not wait on each other.
    """

    __tablename__ = "derived_permit"

    id: int | None = Field(default=None, primary_key=True)
