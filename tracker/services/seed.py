"""Loading seed_data/ (reference tables, seed facts) and the ECB rates: what `tracker init` does.

One transaction: a malformed row anywhere stops the load with the file, line, field and value
named, and nothing is written. Every table is matched by its natural key, so loading twice
changes nothing.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TypeVar

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from tracker.db import session_scope
from tracker.domain import models as m
from tracker.domain.numbers import shown
from tracker.io.csv_columns import ImportFailed
from tracker.ledger import ensure_effects, rebuild_effects
from tracker.resources import resource_dir
from tracker.services.core import ValidationError, audit, require_currency
from tracker.services.items import EquipmentInput, get_or_create_equipment
from tracker.services.ledger_import import import_ledger
from tracker.services.sources import SourceInput, get_or_create_source

ACTOR = "seed"


class SeedError(Exception):
    """A bad seed or reference row: file, line, field and value, in one line."""

    def __init__(self, path: Path, line: int, field: str, value: str, message: str) -> None:
        self.path, self.line, self.field, self.value = path, line, field, value
        given = f" {shown(value)}" if value else ""
        super().__init__(f"{path.name}, line {line}, {field}{given}: {message}")


def seed_dir() -> Path:
    """``seed_data/`` in a checkout, ``tracker/_seed_data`` in an installed wheel."""
    return resource_dir("seed_data", "donors.csv")


@dataclass
class SeedReport:
    """What a load added (zero everywhere on a second run)."""

    added: dict[str, int] = field(default_factory=dict)

    def add(self, table: str, n: int = 1) -> None:
        self.added[table] = self.added.get(table, 0) + n


def _rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise SeedError(
                path,
                1,
                "header",
                ",".join(reader.fieldnames or []),
                f"missing column(s) {', '.join(missing)}",
            )
        for row in reader:
            yield reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}


_T = TypeVar("_T")


class _Row:
    """Typed cells of a reference row, raising SeedError with the location on bad input."""

    def __init__(self, path: Path, line: int, row: dict[str, str]) -> None:
        self.path, self.line, self.row = path, line, row

    def fail(self, name: str, message: str) -> SeedError:
        return SeedError(self.path, self.line, name, self.row.get(name, ""), message)

    def text(self, name: str, required: bool = False) -> str | None:
        value = self.row.get(name) or None
        if required and value is None:
            raise self.fail(name, "is required")
        return value

    def parsed(self, name: str, parse: Callable[[str], _T], message: str) -> _T | None:
        """The cell read by ``parse``, None when it is empty; ``message`` names the fault when
        ``parse`` refuses the text (ValueError or a decimal error)."""
        value = self.text(name)
        if value is None:
            return None
        try:
            return parse(value)
        except (ValueError, InvalidOperation):
            raise self.fail(name, message) from None

    def decimal(self, name: str) -> Decimal | None:
        number = self.parsed(name, Decimal, "is not a plain number")
        if number is not None and (not number.is_finite() or number < 0):
            raise self.fail(name, "must be a number of zero or more")
        return number

    def integer(self, name: str) -> int | None:
        return self.parsed(name, _whole_number, "must be a whole number")

    def date(self, name: str) -> date | None:
        return self.parsed(name, date.fromisoformat, "must be a date as YYYY-MM-DD")


def _whole_number(text: str) -> int:
    """Digits only: int() alone would also take a sign, spaces and underscores."""
    if not text.isdigit():
        raise ValueError(text)
    return int(text)


def _guard(row: _Row, action: Callable[[], object]) -> object:
    """Run a service call, re-raising its ValidationError with the row's location."""
    try:
        return action()
    except ValidationError as exc:
        raise SeedError(row.path, row.line, exc.field, str(exc.value), exc.message) from exc


def load_donors(session: Session, path: Path, report: SeedReport) -> None:
    for line, raw in _rows(path, ("code", "kind", "name")):
        r = _Row(path, line, raw)
        code = r.text("code", required=True) or ""
        kind = r.text("kind", required=True) or ""
        if kind not in m.DONOR_KINDS:
            raise r.fail("kind", f"must be one of {', '.join(m.DONOR_KINDS)}")
        if kind == "country" and not (len(code) == 2 and code.isalpha() and code.isupper()):
            raise r.fail("code", "a country needs its ISO 3166 alpha-2 code")
        currency = r.text("currency")
        if currency:
            _guard(r, lambda c=currency: require_currency("currency", c))
        if session.exec(select(m.Donor).where(m.Donor.code == code)).first() is None:
            donor = m.Donor(
                code=code,
                kind=kind,
                name=r.text("name", required=True) or "",
                currency=currency,
                notes=r.text("notes"),
            )
            session.add(donor)
            audit(session, actor=ACTOR, action="create", row=donor)
            report.add("donor")


def _donor(session: Session, r: _Row, name: str) -> m.Donor:
    code = r.text(name, required=True) or ""
    donor = session.exec(select(m.Donor).where(m.Donor.code == code)).first()
    if donor is None:
        raise r.fail(name, "is not a donor code from donors.csv")
    return donor


def load_memberships(session: Session, path: Path, report: SeedReport) -> None:
    for line, raw in _rows(path, ("member", "organisation")):
        r = _Row(path, line, raw)
        member, organisation = _donor(session, r, "member"), _donor(session, r, "organisation")
        exists = session.exec(
            select(m.Membership).where(
                m.Membership.member_id == member.id,
                m.Membership.organisation_id == organisation.id,
            )
        ).first()
        if exists is None:
            session.add(
                m.Membership(
                    member_id=member.id, organisation_id=organisation.id, since=r.date("since")
                )
            )
            report.add("membership")


def load_initiatives(session: Session, path: Path, report: SeedReport) -> None:
    for line, raw in _rows(path, ("code", "name")):
        r = _Row(path, line, raw)
        code = r.text("code", required=True)
        if session.exec(select(m.Initiative).where(m.Initiative.code == code)).first():
            continue
        lead = _donor(session, r, "lead_donor") if r.text("lead_donor") else None
        source = None
        if r.text("source_url") or r.text("source_title"):
            # The articles that describe the initiatives are press reports; the ledger rows
            # citing them grade them so, and one source has one grade.
            cited = SourceInput(url=r.text("source_url"), title=r.text("source_title"))
            source = _guard(r, lambda c=cited: get_or_create_source(session, c, actor=ACTOR))
        initiative = m.Initiative(
            code=code or "",
            name=r.text("name", required=True) or "",
            lead_donor_id=lead.id if lead else None,
            description=r.text("description"),
            source_id=source.id if source else None,
        )
        session.add(initiative)
        audit(session, actor=ACTOR, action="create", row=initiative)
        report.add("initiative")


# The optional columns of equipment.csv (each named as its EquipmentInput field) and how each
# cell is read.
_EQUIPMENT_OPTIONAL: dict[str, Callable[[_Row, str], object]] = {
    "family": _Row.text,
    "calibre_mm": _Row.decimal,
    "ref_unit_price": _Row.decimal,
    "ref_price_currency": _Row.text,
    "ref_price_year": _Row.integer,
    "ref_price_source": _Row.text,
}


def load_equipment(session: Session, path: Path, report: SeedReport) -> None:
    for line, raw in _rows(path, ("name", "category", "unit")):
        r = _Row(path, line, raw)
        name = r.text("name", required=True) or ""
        if session.exec(select(m.EquipmentType).where(m.EquipmentType.name == name)).first():
            continue
        data = EquipmentInput(
            name=name,
            category=r.text("category", required=True) or "",
            unit=r.text("unit", required=True) or "",
            **{column: read(r, column) for column, read in _EQUIPMENT_OPTIONAL.items()},
        )
        _guard(r, lambda d=data: get_or_create_equipment(session, d, actor=ACTOR))
        report.add("equipment_type")


def load_gdp(session: Session, path: Path, report: SeedReport) -> None:
    for line, raw in _rows(path, ("donor", "year", "gdp", "currency")):
        r = _Row(path, line, raw)
        donor = _donor(session, r, "donor")
        year = r.integer("year")
        exists = session.exec(
            select(m.DonorGdp).where(m.DonorGdp.donor_id == donor.id, m.DonorGdp.year == year)
        ).first()
        if exists:
            continue
        code = r.text("currency") or ""
        currency = _guard(r, lambda c=code: require_currency("currency", c))
        gdp = r.decimal("gdp")
        if gdp is None:
            raise r.fail("gdp", "is required")
        session.add(
            m.DonorGdp(
                donor_id=donor.id,
                year=year or 0,
                gdp=gdp,
                currency=currency,
                source_url=r.text("source_url"),
                source_title=r.text("source_title"),
            )
        )
        report.add("donor_gdp")


REFERENCE_FILES: tuple[tuple[str, Callable[[Session, Path, SeedReport], None]], ...] = (
    ("donors.csv", load_donors),
    ("memberships.csv", load_memberships),
    ("initiatives.csv", load_initiatives),
    ("equipment_types.csv", load_equipment),
    ("donor_gdp.csv", load_gdp),
)


def load_seed(
    session: Session, directory: Path | None = None, *, samples: bool = True
) -> SeedReport:
    """Load every seed file into ``session`` (the caller commits or rolls back). Without
    ``samples`` only the reference data (donors, memberships, initiatives, catalogue, GDP,
    rates): no ledger entries, for a team that records its own."""
    directory = directory or seed_dir()
    report = SeedReport()
    for name, loader in REFERENCE_FILES:
        path = directory / name
        if path.exists():
            loader(session, path, report)
            session.flush()
    # In name order: reported_deliveries.csv follows the pledge files it reports on, so no
    # delivery is checked (and warned about) before its pledge is in the ledger.
    for path in sorted((directory / "ledger").glob("*.csv")) if samples else ():
        try:
            result = import_ledger(
                session, path.read_bytes(), actor=ACTOR, label=path.name, known_from_source=True
            )
        except ImportFailed as exc:
            first = exc.errors[0]
            raise SeedError(path, first.line, first.field, first.value, first.message) from exc
        report.add("ledger_entry", result.inserted)
    from tracker.services.rates import load_ecb_rates

    report.add("fx_rate", load_ecb_rates(session))
    if report.added.get("fx_rate") or report.added.get("ledger_entry") or ensure_effects(session):
        rebuild_effects(session)  # values in euro need the rates, which come last
    return report


def seed_database(
    engine: Engine, directory: Path | None = None, *, samples: bool = True
) -> SeedReport:
    """Load the seed data into a migrated database in one transaction."""
    with session_scope(engine) as session:
        return load_seed(session, directory, samples=samples)
