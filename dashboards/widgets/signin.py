"""Who is writing: sign-in for the Research pages (viewing the dashboards needs none).

Two ways in, never both: when Streamlit's OIDC sign-in is configured (an ``[auth]`` section
in ``.streamlit/secrets.toml``), the identity provider says who someone is and a local user
record of the same e-mail or name says what they may do; otherwise a local account signs in
with its password. The role is looked up again on every run, so disabling an account or
changing its role takes effect at once, not at the next sign-in.
"""

from __future__ import annotations

import importlib.util
import math
from datetime import datetime
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from dashboards.widgets import ui_common
from tracker import db
from tracker.domain.models import utcnow
from tracker.i18n import gettext as _
from tracker.i18n import ngettext
from tracker.services import accounts as auth

_SIGNED_IN = "signin:name"  # the local account signed in in this browser session
_FAILED = "signin:failed"


def _oidc_providers() -> tuple[str, ...]:
    """The OIDC providers configured in secrets (none when there is no secrets file)."""
    try:
        section = st.secrets.get("auth")
    except StreamlitSecretNotFoundError:
        return ()
    return auth.oidc_providers(section)


def _claims() -> dict[str, Any]:
    return st.user.to_dict()


def current() -> auth.Account | None:
    """The signed-in account as it stands now, or None."""
    with ui_common.engine_and_migrate() as session:
        if _oidc_providers():
            claims = _claims()
            return (
                auth.account_for_identity(session, claims) if claims.get("is_logged_in") else None
            )
        name = st.session_state.get(_SIGNED_IN)
        return auth.current_account(session, name) if name else None


def require(role: str) -> auth.Account:
    """The signed-in account if it may act as ``role``. Otherwise the page shows how to sign
    in (or why this account may not write here) and stops."""
    providers = _oidc_providers()
    account = current()
    if account is not None and account.may(role):
        _status(account, oidc=bool(providers))
        return account
    if account is not None:
        _status(account, oidc=bool(providers))
        st.error(
            _(
                "{name} is signed in as {role}; this page needs the role {needed} or higher. "
                "Ask an admin to give your account that role."
            ).format(name=account.name, role=role_label(account.role), needed=role_label(role))
        )
    elif providers:
        _oidc_sign_in(providers, role)
    else:
        _local_sign_in(role)
    st.stop()


def role_label(role: str) -> str:
    """A role's name in the reader's language."""
    return {
        "editor": _("editor"),
        "reviewer": _("reviewer"),
        "admin": _("admin"),
    }.get(role, role)


def _status(account: auth.Account, *, oidc: bool) -> None:
    with st.sidebar:
        st.caption(
            _("Signed in as **{name}** ({role})").format(
                name=account.name, role=role_label(account.role)
            )
        )
        if oidc:
            st.button(_("Sign out"), key="signin:logout", on_click=st.logout)
        else:
            st.button(_("Sign out"), key="signin:logout", on_click=_sign_out)


def _sign_out() -> None:
    st.session_state.pop(_SIGNED_IN, None)


def _local_sign_in(role: str) -> None:
    with ui_common.engine_and_migrate() as session:
        anyone = auth.has_accounts(session)
    if not anyone:
        st.info(
            _(
                "Writing needs an account, and none exists yet (there is no default one). "
                "Whoever runs this server creates the first one there, then signs in here:"
            )
            + f"\n\n`tracker user add NAME --role {role}`"
        )
        return
    st.subheader(_("Sign in to write"))
    st.caption(
        _("Viewing is open to everyone; this page needs an account with the role {role}.").format(
            role=role_label(role)
        )
    )
    with st.form("signin:form"):
        name = st.text_input(_("Account name"), key="signin:form:name")
        password = st.text_input(_("Password"), type="password", key="signin:form:password")
        submitted = st.form_submit_button(_("Sign in"))
    if submitted:
        try:
            # Committed whatever the outcome: the count of wrong passwords must persist.
            with db.session_scope(ui_common.engine()) as session:
                account = auth.authenticate(session, name, password)
        except auth.SignInLocked as locked:
            st.session_state[_FAILED] = locked.until
        else:
            if account is None:
                st.session_state[_FAILED] = True
            else:
                st.session_state[_SIGNED_IN] = account.name
                st.session_state.pop(_FAILED, None)
                st.rerun()
    failed = st.session_state.get(_FAILED)
    if isinstance(failed, datetime):
        minutes = max(1, math.ceil((failed - utcnow()).total_seconds() / 60))
        st.error(
            ngettext(
                "Too many failed sign-ins with this name: try again in {n} minute.",
                "Too many failed sign-ins with this name: try again in {n} minutes.",
                minutes,
            ).format(n=minutes)
            + " "
            + _("An admin can lift the lock by setting a new password (`tracker user passwd`).")
        )
    elif failed:
        st.error(
            ngettext(
                "The account name or the password is wrong. After {n} failed attempt in a row "
                "the name is locked for {minutes} minutes.",
                "The account name or the password is wrong. After {n} failed attempts in a row "
                "the name is locked for {minutes} minutes.",
                auth.MAX_FAILURES,
            ).format(n=auth.MAX_FAILURES, minutes=int(auth.LOCKOUT.total_seconds() // 60))
        )


def _oidc_sign_in(providers: tuple[str, ...], role: str) -> None:
    claims = _claims()
    if claims.get("is_logged_in"):
        who = auth.identity_label(claims)
        st.warning(
            _(
                "You are signed in as {who}, but that identity has no role here yet. Ask an "
                "admin to give it the role {role}."
            ).format(who=who, role=role_label(role))
        )
        st.button(_("Sign out"), key="signin:logout", on_click=st.logout)
        return
    if importlib.util.find_spec("authlib") is None:
        st.error(
            _(
                "Sign-in through an identity provider is configured, but this server lacks the "
                "Authlib package it needs; ask whoever runs the server to install it."
            )
        )
        return
    st.subheader(_("Sign in to write"))
    for provider in providers:
        label = (
            _("Sign in")
            if provider == "default"
            else _("Sign in with {provider}").format(provider=provider)
        )
        st.button(
            label,
            key=f"signin:oidc:{provider}",
            on_click=st.login,
            args=(None,) if provider == "default" else (provider,),
        )
