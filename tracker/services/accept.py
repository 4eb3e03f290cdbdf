"""Accepting reviewed extraction candidates into the ledger, as drafts citing their article.

The extractor (:mod:`tracker.extract`) only proposes; a researcher checks each candidate, fixes
what it misread and accepts some of them. This module turns the accepted ones into ledger
entries through :mod:`tracker.services`, so they get the same validation and audit trail as
typed entries. It writes no row itself.

Why a batch is all or nothing: the accepted rows of one article are one decision. If row 4
names an unknown donor, writing rows 1-3 would leave the ledger holding part of the article
and the researcher guessing which part; instead every row is checked first, every problem is
reported at once with its row number, and nothing is written until all rows are acceptable.

How rows become ledger records: one package per (donor, article, aid type), titled from the
article, announced on the article's date; one line per item as written (tied to the catalogue
equipment the extractor matched); one entry per row with the figure's text kept as stated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from tracker.domain import models as m
from tracker.domain.numbers import ParseError, shown
from tracker.domain.units import canonical_unit
from tracker.domain.vocab import EFFECTIVE_EVENTS
from tracker.services.core import (
    ValidationError,
    find_donor,
    optional_text,
    require_choice,
    require_currency,
)
from tracker.services.entries import (
    EntryInput,
    StatedEvent,
    check_entry_figures,
    record_entry,
)
from tracker.services.items import find_equipment, get_or_create_item
from tracker.services.packages import PackageInput, get_or_create_package
from tracker.services.sources import SourceInput, get_or_create_source

# Events a news sentence can establish; a correction needs the entry it supersedes, which a
# new article cannot point at, so it is recorded on the entry's own page instead.
ACCEPTED_EVENTS = EFFECTIVE_EVENTS
_TITLE_ROOM = 240  # of the package title's 300 characters, for the article's name


@dataclass(frozen=True, kw_only=True)
class ReviewedFact(StatedEvent):
    """One candidate as the researcher accepted it. ``row`` is its number in the review table,
    so a refusal can say which row to fix."""

    row: int
    donor: str
    aid_type: str
    event_date: date | None  # an article may not say when; _check refuses it then
    item: str | None = None
    equipment: str | None = None


@dataclass(frozen=True)
class RowProblem:
    """Why one row of the batch was refused."""

    row: int
    field: str
    value: object
    message: str

    def __str__(self) -> str:
        given = "" if self.value is None or self.value == "" else f" {shown(self.value)}"
        return f"row {self.row}, {self.field}{given}: {self.message}"


class RowsRefused(ValidationError):
    """The batch was refused; ``problems`` lists every row and field at fault. ``str()`` names
    them all, so a caller that only knows :class:`~tracker.services.ValidationError` still shows
    the whole list."""

    def __init__(self, problems: Sequence[RowProblem]) -> None:
        self.problems = tuple(problems)
        first = self.problems[0]
        super().__init__(f"row {first.row}: {first.field}", first.value, first.message)
        self.args = ("; ".join(str(problem) for problem in self.problems),)


def article_label(source: SourceInput) -> str:
    """How packages name the article: its title, else outlet and date, else its address."""
    published = source.published.isoformat() if source.published else None
    by_outlet = ", ".join(part for part in (source.outlet, published) if part)
    label = optional_text(source.title) or by_outlet or optional_text(source.url) or ""
    return label if len(label) <= _TITLE_ROOM else label[: _TITLE_ROOM - 1] + "…"


def package_title(source: SourceInput, donor: str, aid_type: str) -> str:
    """The title of the package that holds a donor's facts of one aid type from an article.

    Package titles are unique per donor, so the same article accepted again (say, a fact
    skipped the first time) lands in the same package instead of a twin."""
    return f"{article_label(source)} ({donor.strip().upper()}, {aid_type})"


def _check(fact: ReviewedFact, session: Session) -> EntryInput:
    """The row's entry, checked on its own and against the catalogue and donor list; raises
    ValidationError naming the first field at fault."""
    if fact.event == "estimate":
        raise ValidationError(
            "event", fact.event, "an estimate is not an event: choose " + ", ".join(ACCEPTED_EVENTS)
        )
    require_choice("event", fact.event, ACCEPTED_EVENTS)
    require_choice("aid_type", fact.aid_type, m.AID_TYPES)
    find_donor(session, fact.donor)
    find_equipment(session, fact.equipment)
    if fact.event_date is None:
        raise ValidationError(
            "event_date", None, "the article does not say when; give the day it happened"
        )
    if fact.unit:
        try:
            canonical_unit(fact.unit)
        except ParseError as exc:
            raise ValidationError("unit", fact.unit, str(exc)) from exc
    if fact.currency:
        require_currency("currency", fact.currency)
    if fact.quantity is not None and not (fact.item or fact.equipment):
        raise ValidationError("item", fact.item, "a quantity needs an item (what was given)")
    entry = EntryInput(**fact.stated_fields())
    check_entry_figures(entry)
    return entry


def _problem(fact: ReviewedFact, exc: ValidationError) -> RowProblem:
    return RowProblem(fact.row, exc.field, exc.value, exc.message)


def accept_candidates(
    session: Session,
    facts: Sequence[ReviewedFact],
    *,
    source: SourceInput,
    actor: str,
    unreadable: Sequence[RowProblem] = (),
) -> list[m.LedgerEntry]:
    """Record ``facts`` as draft entries citing ``source`` (the article), in the caller's
    transaction; the new entries in the order of ``facts``.

    Raises :class:`RowsRefused` listing every row at fault before anything is written,
    including the ``unreadable`` rows the caller could not even turn into facts (a figure
    typed badly), so one refusal names everything to fix. A problem only the write can find
    (the same fact accepted twice, a unit that contradicts the line's) is raised for its
    row, and the caller's rollback discards the rows before it.
    """
    if not facts and not unreadable:
        raise ValidationError("rows", 0, "accept at least one candidate")
    try:
        source.validated()
    except ValidationError as exc:
        raise ValidationError(
            exc.field, exc.value, f"{exc.message}: describe the article the facts come from"
        ) from exc
    entries, problems = [], list(unreadable)
    for fact in facts:
        try:
            entries.append(_check(fact, session))
        except ValidationError as exc:
            problems.append(_problem(fact, exc))
    if problems:
        raise RowsRefused(sorted(problems, key=lambda problem: problem.row))
    cited = get_or_create_source(session, source, actor=actor)
    recorded = []
    for fact, entry in zip(facts, entries, strict=True):
        try:
            recorded.append(_record(session, fact, entry, source=source, cited=cited, actor=actor))
        except ValidationError as exc:
            raise RowsRefused([_problem(fact, exc)]) from exc
    return recorded


def _record(
    session: Session,
    fact: ReviewedFact,
    entry: EntryInput,
    *,
    source: SourceInput,
    cited: m.Source,
    actor: str,
) -> m.LedgerEntry:
    """Write one checked row: its package, its line (if it names an item), its entry."""
    package = get_or_create_package(
        session,
        PackageInput(
            donor=fact.donor,
            title=package_title(source, fact.donor, fact.aid_type),
            aid_type=fact.aid_type,
            announced_on=source.published,
        ),
        actor=actor,
    )
    item = None
    label = optional_text(fact.item) or fact.equipment
    if label is not None:
        item = get_or_create_item(
            session,
            package,
            label,
            equipment=find_equipment(session, fact.equipment),
            unit=canonical_unit(fact.unit) if fact.unit else None,
            actor=actor,
        )
    return record_entry(
        session, package=package, item=item, data=entry, source=cited, recorded_by=actor
    )
