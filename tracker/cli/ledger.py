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
from tracker.i18n import gettext as _
from tracker.i18n import ngettext
from tracker.ledger.asof import GROUP_NAMES


def _parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise fail(
            _("{option} {value}: give a date as YYYY-MM-DD").format(
                option=option, value=repr(value)
            ),
            2,
        ) from None


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
            _("{option} {value}: use a comma-separated list of {choices}").format(
                option="--group-by", value=repr(group_by), choices=", ".join(GROUP_NAMES)
            )
        )
    if aid_type is not None and aid_type not in AID_TYPES:
        raise fail(_one_of("--aid-type", aid_type, AID_TYPES))
    if source is not None and source not in ENTRY_SOURCES:
        raise fail(_one_of("--source", source, ENTRY_SOURCES))
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
            raise fail(
                _("--currency {code}: no exchange rates for it; import some first").format(
                    code=base
                )
            )
        rows = queries.balance_rows(session, view, group_by=groups, currency=base)
    if as_json:
        for row in rows:
            _echo_json(row)
        return
    unconverted = sum(row["unconverted_count"] for row in rows)
    typer.echo(_("# {basis}; values in {currency}").format(basis=view.basis, currency=base))
    if unconverted:
        typer.echo(
            ngettext(
                "# {n} amount has no rate for its date and is not converted",
                "# {n} amounts have no rate for their date and are not converted",
                unconverted,
            ).format(n=unconverted)
        )
    money_only = _("(money)")
    for row in rows:
        label = " / ".join(str(row[name] or money_only) for name in groups)
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
        typer.echo(ngettext("{n} warning", "{n} warnings", len(found)).format(n=len(found)))


def _one_of(option: str, value: str, choices: tuple[str, ...]) -> str:
    """The line refusing ``value`` for ``option``, naming the accepted values."""
    return _("{option} {value}: use one of {choices}").format(
        option=option, value=repr(value), choices=", ".join(choices)
    )
