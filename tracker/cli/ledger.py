"""`tracker balance` and `tracker warnings`: the ledger's figures on the command line."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from tracker import db
from tracker.cli.app import _echo_json, app, fail, require_current
from tracker.domain.money import check_currency
from tracker.domain.numbers import ParseError
from tracker.domain.vocab import AID_TYPES, ENTRY_SOURCES
from tracker.ledger.asof import GROUP_NAMES


def _parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise fail(f"{option} {value!r}: give a date as YYYY-MM-DD", 2) from None


@app.command()
def balance(
    donor: Annotated[list[str] | None, typer.Option(help="Donor code(s).")] = None,
    equipment: Annotated[str | None, typer.Option(help="Equipment name/family text.")] = None,
    category: Annotated[str | None, typer.Option(help="Equipment category.")] = None,
    aid_type: Annotated[
        str | None, typer.Option("--aid-type", help="military, financial or humanitarian.")
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(help="kiel: only Kiel Institute data; own: everything else."),
    ] = None,
    group_by: Annotated[
        str,
        typer.Option(
            "--group-by",
            help="Comma-separated: donor, aid_type, equipment, category, family, initiative, "
            "instrument, package, month.",
        ),
    ] = "donor,equipment",
    as_of: Annotated[str | None, typer.Option("--as-of", help="YYYY-MM-DD")] = None,
    currency: Annotated[str, typer.Option(help="Base currency.")] = "EUR",
    reviewed_only: Annotated[bool, typer.Option("--reviewed-only")] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Pledged, allocated, delivered, cancelled and outstanding per group (by default per
    donor and equipment). Values are reported money; *_estimated_value columns value in-kind
    aid at the catalogue's reference prices, apart."""
    from tracker import queries

    groups = tuple(name.strip() for name in group_by.split(",") if name.strip())
    unknown = [name for name in groups if name not in GROUP_NAMES]
    if not groups or unknown:
        raise fail(
            f"--group-by {group_by!r}: use a comma-separated list of {', '.join(GROUP_NAMES)}"
        )
    if aid_type is not None and aid_type not in AID_TYPES:
        raise fail(f"--aid-type {aid_type!r}: use one of {', '.join(AID_TYPES)}")
    if source is not None and source not in ENTRY_SOURCES:
        raise fail(f"--source {source!r}: use one of {', '.join(ENTRY_SOURCES)}")
    view = queries.make_view(
        donors=donor or (),
        equipment=equipment,
        category=category,
        aid_type=aid_type,
        source=source,
        as_of=_parse_date(as_of, "--as-of"),
        reviewed_only=reviewed_only,
    )
    try:
        base = check_currency(currency.upper(), field="--currency")
    except ParseError as exc:
        raise fail(str(exc)) from exc
    require_current(db.get_engine())
    with db.session_scope() as session:
        problems = queries.filter_problems(session, view)
        if problems:
            raise fail("; ".join(problems))
        if base != "EUR" and not queries.has_rates(session, base):
            raise fail(f"--currency {base}: no exchange rates for it; import some first")
        rows = queries.balance_rows(session, view, group_by=groups, currency=base)
    if as_json:
        for row in rows:
            _echo_json(row)
        return
    unconverted = sum(row["unconverted_count"] for row in rows)
    typer.echo(f"# {view.basis}; values in {base}")
    if unconverted:
        typer.echo(f"# {unconverted} amounts have no rate for their date and are not converted")
    for row in rows:
        label = " / ".join(str(row[name] or "(money)") for name in groups)
        typer.echo(
            f"{label[:40]:40} {row['pledged']:>12} {row['delivered']:>12} "
            f"{row['outstanding']:>12} {row['unit'] or '':10} {row['pledged_value']:>18} "
            f"{row['allocated_value']:>18} {row['delivered_value']:>18}"
        )


@app.command()
def warnings(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Reconciliation warnings (kept and listed, never dropped)."""
    from tracker.ledger import list_warnings

    require_current(db.get_engine())
    with db.session_scope() as session:
        found = list_warnings(session)
    for w in found:
        if as_json:
            _echo_json(w)
        else:
            typer.echo(f"{w['kind']:24} {w['donor']:>6} {w['package']}: {w['message']}")
    if not as_json:
        typer.echo(f"{len(found)} warning(s)")
