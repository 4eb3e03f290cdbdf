"""`tracker parse`, `convert`, `extract` and `extract-eval`: reading text."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer

from tracker import db
from tracker.cli.app import _echo_json, app, fail, require_current
from tracker.cli.ledger import _parse_date
from tracker.i18n import gettext as _
from tracker.i18n import ngettext

# --- figures and exchange rates -------------------------------------------------------------

Locale = Annotated[str, typer.Option(help="Number notation: en, de, fr or uk.")]


@app.command()
def parse(
    text: Annotated[str, typer.Argument(help='A figure as printed, e.g. "$725m".')],
    locale: Locale = "en",
    donor_currency: Annotated[str | None, typer.Option(help="Settles '$' or 'kr'.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable.")] = False,
) -> None:
    """Read one figure (money or quantity) the way the tracker will store it."""
    from tracker.domain.display import describe
    from tracker.domain.parsing import ParseError
    from tracker.domain.parsing import parse as parse_figure

    try:
        figure = parse_figure(text, locale, donor_currency, strict=True)
    except ParseError as exc:
        raise fail(str(exc), 2) from exc
    if as_json:
        _echo_json(figure.as_json())
    else:
        typer.echo(describe(figure, locale))


@app.command()
def convert(
    text: Annotated[str, typer.Argument(help='An amount as printed, e.g. "$725m".')],
    to: Annotated[str, typer.Option(help="ISO 4217 code to convert into.")],
    on: Annotated[str, typer.Option(help="Date of the rate, YYYY-MM-DD.")],
    locale: Locale = "en",
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable.")] = False,
) -> None:
    """Convert an amount at the rate of a date (or the last business day before it)."""
    from tracker.domain.fx import FxError, convert_figure
    from tracker.domain.parsing import ParseError

    day = _parse_date(on, "--on")
    require_current(db.get_engine())
    try:
        with db.session_scope() as session:
            result = convert_figure(session, text, to.upper(), day, locale)
    except (ParseError, FxError) as exc:
        raise fail(str(exc), 2) from exc
    if as_json:
        _echo_json(result)
        return
    high = f"–{result['high']}" if result["high"] else ""
    line = _("{amount} {currency} at {rate} ({provider} rate of {day})").format(
        amount=f"{result['amount']}{high}",
        currency=result["currency"],
        rate=result["rate"],
        provider=result["provider"],
        day=result["rate_date"],
    )
    if result["stale"]:
        line = _("{line} STALE: past the last known rate").format(line=line)
    typer.echo(line)


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="A news article or live blog as UTF-8 text.")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per fact.")] = False,
    on: Annotated[str | None, typer.Option("--date", help="Article date, YYYY-MM-DD.")] = None,
    locale: Locale = "en",
    donor: Annotated[
        str | None,
        typer.Option(
            help="Donor code of the publisher (a ministry's own release): the giver of"
            " sentences that name none."
        ),
    ] = None,
) -> None:
    """Candidate pledges and deliveries in a news text, each with its sentence."""
    from tracker.domain.parsing import ParseError
    from tracker.domain.vocab import donor_code
    from tracker.extract import extract_facts

    publisher = donor_code(donor) if donor is not None else None
    if publisher is not None and not re.fullmatch(r"[A-Z][A-Z0-9]{1,5}", publisher):
        raise fail(
            _("--donor: expected a donor code such as DE or EU, got {value}").format(
                value=repr(donor)
            ),
            2,
        )

    try:
        with file.open(encoding="utf-8", newline="") as handle:  # offsets count \r too
            text = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise fail(
            _("{file}: cannot read as UTF-8 text ({problem})").format(file=file, problem=exc), 2
        ) from exc
    try:
        facts = extract_facts(
            text, published=_parse_date(on, "--date"), locale=locale, donor=publisher
        )
    except ParseError as exc:
        raise fail(str(exc), 2) from exc
    running, undated = _(" (running total)"), _("no date")
    for fact in facts:
        if as_json:
            _echo_json(fact.as_json())
            continue
        figure = " ".join(
            str(part)
            for part in (fact.qualifier, fact.quantity, fact.unit, fact.amount, fact.currency)
            if part is not None
        )
        total = running if fact.cumulative else ""
        typer.echo(
            f"{fact.start}-{fact.end} {fact.donor} {fact.kind} {figure}{total}"
            f" {fact.item or ''} [{fact.date or undated}]"
        )
    if not as_json:
        typer.echo(
            ngettext("{n} candidate fact", "{n} candidate facts", len(facts)).format(n=len(facts))
        )


@app.command("extract-eval")
def extract_eval(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Labelled JSONL files. Default: tests/data/extraction_eval.jsonl and, when"
            " present, ../shared/real/extraction_dev.jsonl."
        ),
    ] = None,
    mistakes: Annotated[bool, typer.Option("--mistakes", help="List every mismatch.")] = False,
    by_class: Annotated[
        bool,
        typer.Option("--by-class", help="Precision and recall per labelled fact class."),
    ] = False,
) -> None:
    """Precision and recall of `tracker extract` on hand-labelled sentences."""
    from tracker.extract.evaluation import LabelError, evaluate_file, report

    defaults = ("tests/data/extraction_eval.jsonl", "../shared/real/extraction_dev.jsonl")
    chosen = files or [Path(p) for p in defaults if Path(p).exists()]
    if not chosen:
        raise fail(_("no labelled file given and none found at the default paths"), 2)
    for path in chosen:
        try:
            scores = evaluate_file(path)
        except (OSError, LabelError) as exc:
            raise fail(f"{path}: {exc}", 2) from exc
        typer.echo(report(str(path), scores, show_mistakes=mistakes, by_class=by_class))
