"""`tracker balance` and `tracker warnings`: the ledger's figures on the command line."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from tracker import db
from tracker.cli.app import _echo_json, app, fail


def _parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise fail(f"{option} must be a date as YYYY-MM-DD (got {value!r})", 2) from None


@app.command()
def balance(
    donor: Annotated[list[str] | None, typer.Option(help="Donor code(s).")] = None,
    equipment: Annotated[str | None, typer.Option(help="Equipment name/family text.")] = None,
    category: Annotated[str | None, typer.Option(help="Equipment category.")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="YYYY-MM-DD")] = None,
    currency: Annotated[str, typer.Option(help="Base currency.")] = "EUR",
    reviewed_only: Annotated[bool, typer.Option("--reviewed-only")] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Pledged, allocated, delivered, cancelled and outstanding per donor and equipment."""
    from tracker import queries

    view = queries.make_view(
        donors=donor or (),
        equipment=equipment,
        category=category,
        as_of=_parse_date(as_of, "--as-of"),
        reviewed_only=reviewed_only,
    )
    with db.session_scope() as session:
        rows = queries.balance_rows(session, view, currency=currency.upper())
    if as_json:
        for row in rows:
            _echo_json(row)
        return
    typer.echo(f"# {view.basis}; values in {currency.upper()}")
    for row in rows:
        typer.echo(
            f"{row['donor']:>6}  {(row['equipment'] or '(money)')[:32]:32} "
            f"{row['pledged']:>12} {row['delivered']:>12} {row['outstanding']:>12} "
            f"{row['unit'] or '':10} {row['pledged_value']:>18} {row['delivered_value']:>18}"
        )


@app.command()
def warnings(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Reconciliation warnings (kept and listed, never dropped)."""
    from tracker.ledger import list_warnings

    with db.session_scope() as session:
        found = list_warnings(session)
    for w in found:
        if as_json:
            _echo_json(w)
        else:
            typer.echo(f"{w['kind']:24} {w['donor']:>6} {w['package']}: {w['message']}")
    if not as_json:
        typer.echo(f"{len(found)} warning(s)")
