"""`tracker rates ...` and `tracker user ...`: reference rates and accounts."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from sqlmodel import Session

from tracker import db
from tracker.cli.app import _engine, fail, rates_app, user_app
from tracker.i18n import gettext as _
from tracker.i18n import ngettext

# The account a ``tracker user`` command acts on, as every one of them takes it.
AccountName = Annotated[str, typer.Argument(help="Account name.")]


@rates_app.command("import")
def rates_import(
    file: Annotated[Path, typer.Argument(help="CSV with columns date,currency,rate_to_eur.")],
    provider: Annotated[str, typer.Option(help="Who publishes these rates, e.g. NBU.")],
) -> None:
    """Import exchange rates (units per 1 EUR) for currencies the ECB does not cover."""
    from tracker.domain.fx import FxError
    from tracker.ledger import rebuild_effects
    from tracker.services.rates import import_rates_csv

    engine = _engine()
    db.upgrade(engine)
    try:
        with db.session_scope(engine) as session:
            added = import_rates_csv(session, file, provider)
            rebuild_effects(session)  # entries in these currencies can now be converted
    except FxError as exc:
        raise fail(
            _("{file}: {problem}; nothing imported").format(file=file.name, problem=exc)
        ) from exc
    typer.echo(
        ngettext(
            "{file}: {n} rate added for provider {provider}",
            "{file}: {n} rates added for provider {provider}",
            added,
        ).format(file=file.name, n=added, provider=provider)
    )


# --- accounts --------------------------------------------------------------------------------


def _read_password(from_stdin: bool) -> str:
    """The new password from the first line of stdin (for scripts), else a hidden prompt."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return typer.prompt(_("Password"), hide_input=True, confirmation_prompt=True)


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="Account name; the e-mail address for OIDC.")],
    role: Annotated[str, typer.Option(help="editor, reviewer or admin.")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from stdin's first line.")
    ] = False,
    oidc_only: Annotated[
        bool, typer.Option("--oidc-only", help="No password: sign-in through OIDC only.")
    ] = False,
) -> None:
    """Create an account that may write; its password is prompted for, never an argument."""
    from tracker.services import ValidationError
    from tracker.services import accounts as auth

    if password_stdin and oidc_only:
        raise fail(_("--password-stdin and --oidc-only exclude each other"), 2)
    if role not in auth.ROLES:  # before the password prompt, not after it
        raise fail(
            _("--role {value}: use one of {choices}").format(
                value=repr(role), choices=", ".join(auth.ROLES)
            ),
            2,
        )
    password = None if oidc_only else _read_password(password_stdin)
    engine = _engine()
    db.upgrade(engine)
    try:
        with db.session_scope(engine) as session:
            user = auth.create_user(
                session,
                name,
                role=role,
                password=password,
                actor=os.environ.get("USER") or "cli",
            )
    except ValidationError as exc:
        raise fail(_("{problem}; no account created").format(problem=exc)) from exc
    how = _("OIDC sign-in only") if oidc_only else _("password set")
    typer.echo(
        _("account {name} created with role {role} ({how})").format(
            name=repr(user.name), role=user.role, how=how
        )
    )


@user_app.command("list")
def user_list() -> None:
    """Every account with its role and whether it is active."""
    from tracker.services import accounts as auth

    engine = _engine()
    db.upgrade(engine)
    with db.session_scope(engine) as session:
        users = auth.list_users(session)
    for user in users:
        how = "oidc-only" if user.password_hash == auth.NO_PASSWORD else "password"
        state = "active" if user.active else "disabled"
        typer.echo(f"{user.name:40} {user.role:9} {state:9} {how}")
    if not users:
        typer.echo(_("no accounts; create one with: tracker user add NAME --role admin"))


def _change_account(change: Callable[[Session, str], Any], what: str) -> None:
    """Run ``change(session, actor)`` on one account in one transaction and say ``what``
    changed; a refusal is one line saying nothing changed."""
    from tracker.services import ValidationError

    engine = _engine()
    db.upgrade(engine)
    try:
        with db.session_scope(engine) as session:
            user = change(session, os.environ.get("USER") or "cli")
            typer.echo(_("account {name}: {what}").format(name=repr(user.name), what=what))
    except ValidationError as exc:
        raise fail(_("{problem}; nothing changed").format(problem=exc)) from exc


@user_app.command("set-role")
def user_set_role(
    name: AccountName,
    role: Annotated[str, typer.Argument(help="editor, reviewer or admin.")],
) -> None:
    """Give an account another role (takes effect on its holder's next page run)."""
    from tracker.services import accounts as auth

    if role not in auth.ROLES:
        raise fail(
            _("role {value}: use one of {choices}").format(
                value=repr(role), choices=", ".join(auth.ROLES)
            ),
            2,
        )
    _change_account(
        lambda session, actor: auth.set_role(session, name, role, actor=actor),
        _("role is now {role}").format(role=role),
    )


@user_app.command("disable")
def user_disable(name: AccountName) -> None:
    """Stop an account from signing in and writing (its entries keep its name)."""
    from tracker.services import accounts as auth

    _change_account(
        lambda session, actor: auth.set_active(session, name, False, actor=actor),
        _("disabled; it can no longer sign in"),
    )


@user_app.command("enable")
def user_enable(name: AccountName) -> None:
    """Let a disabled account sign in again."""
    from tracker.services import accounts as auth

    _change_account(
        lambda session, actor: auth.set_active(session, name, True, actor=actor),
        _("enabled"),
    )


@user_app.command("passwd")
def user_passwd(
    name: AccountName,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from stdin's first line.")
    ] = False,
) -> None:
    """Set a new password (prompted twice, hidden; --password-stdin for scripts). A lockout
    after failed sign-ins is lifted."""
    from tracker.services import accounts as auth

    password = _read_password(password_stdin)
    _change_account(
        lambda session, actor: auth.set_password(session, name, password, actor=actor),
        _("password changed"),
    )
