"""Importing a Kiel Institute release: its rows read by :mod:`tracker.io.kiel`, then written
by the ledger import (one transaction, all or nothing, audited, idempotent)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

from sqlmodel import Session, select

from tracker.domain import models as m
from tracker.domain.vocab import LEDGER_COLUMNS
from tracker.io.csv_columns import ImportFailed
from tracker.io.kiel import Release, ledger_rows, read_table
from tracker.services.ledger_import import ImportReport, import_ledger

Progress = Callable[[float, str], None]


def import_kiel(
    session: Session,
    path: Path,
    *,
    release: Release,
    actor: str,
    progress: Progress | None = None,
) -> ImportReport:
    """Import the Kiel file at ``path`` in the caller's transaction. Every problem of every
    row is collected first; ImportFailed lists them all and nothing is written."""
    if progress:
        progress(0.0, f"Reading {path.name}")
    known = set(session.exec(select(m.Donor.code)).all())
    converted = ledger_rows(
        read_table(path), release=release, known_donors=known, recorded_by=actor
    )
    if converted.errors:
        raise ImportFailed(converted.errors)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=LEDGER_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(converted.rows)
    return import_ledger(
        session,
        out.getvalue().encode("utf-8"),
        actor=actor,
        label=f"{path.name} (Kiel release {release.number})",
        progress=progress,
        # With a release date, the rows were known from that day on (as-of views of later
        # dates show them); without one, from the moment of the import.
        known_from_source=release.published is not None,
    )
