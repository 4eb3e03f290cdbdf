"""Who may write: local accounts with argon2 password hashes, roles, and OIDC identities.

Reading the tracker needs no account; recording, importing and reviewing figures do. There is
deliberately no default account and no default password: the first account is made on the
server's command line (``tracker user add NAME --role admin``), so a fresh install cannot be
written to by whoever happens to reach the page.

Roles are ordered: an ``admin`` may do what a ``reviewer`` may, who may do what an ``editor``
may. When Streamlit's OIDC sign-in (``st.login``) is configured, the identity provider proves
who someone is, and a local user record with the same name or e-mail address says what they
may do; an identity without such a record may read but not write.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, select

from tracker.domain import models as m
from tracker.domain.models import utcnow
from tracker.services.core import (
    ValidationError,
    audit,
    require_choice,
    require_text,
    row_snapshot,
)

ROLES = m.ROLES  # weakest first
MIN_PASSWORD_LENGTH = 10
# After this many wrong passwords in a row under one name, that name is locked for LOCKOUT:
# enough for typing mistakes, far too few for guessing.
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
# Stored instead of a hash for accounts that sign in only through OIDC: it is not a valid
# argon2 hash, so no password can ever match it.
NO_PASSWORD = "!oidc-only"
# What the OIDC provider settings must name (Streamlit refuses to start a login without them).
_OIDC_SHARED_KEYS = ("redirect_uri", "cookie_secret")
_OIDC_PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")


@dataclass(frozen=True)
class Account:
    """A signed-in person and what they may do (never carries the password hash)."""

    name: str
    role: str

    def may(self, needed: str) -> bool:
        """True when this account's role is ``needed`` or a stronger one."""
        return role_allows(self.role, needed)


def role_allows(role: str, needed: str) -> bool:
    """``role`` is at least as strong as ``needed`` (editor < reviewer < admin)."""
    require_choice("role", needed, ROLES)
    return role in ROLES and ROLES.index(role) >= ROLES.index(needed)


@cache
def _hasher() -> PasswordHasher:
    """argon2id with the library's current recommended cost (RFC 9106 low-memory profile)."""
    return PasswordHasher()


class SignInLocked(Exception):
    """Too many wrong passwords under one name: no sign-in with it until ``until`` (UTC)."""

    def __init__(self, until: datetime) -> None:
        self.until = until
        super().__init__(f"too many failed sign-ins; locked until {until.isoformat()}")


def hash_password(password: str) -> str:
    """The argon2id hash of ``password``. A blank password, one of spaces only, or one shorter
    than MIN_PASSWORD_LENGTH is refused (the value itself is never echoed)."""
    password = password or ""
    if not password.strip():
        raise ValidationError("password", None, "is blank; choose a password with letters")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            "password",
            None,
            f"must be at least {MIN_PASSWORD_LENGTH} characters long (this one has "
            f"{len(password)})",
        )
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """True when ``password`` matches; a malformed or password-less hash matches nothing."""
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@cache
def _decoy_hash() -> str:
    """A hash to verify against when the name is unknown, so a wrong name takes as long as a
    wrong password and the sign-in form does not reveal which accounts exist."""
    return _hasher().hash("decoy password that is never stored")


def create_user(
    session: Session, name: str, *, role: str, password: str | None, actor: str
) -> m.User:
    """A new local account (audited, without its hash). ``password=None`` makes an account
    that can sign in only through OIDC."""
    name = require_text("name", name, 100)
    require_choice("role", role, ROLES)
    if find_user(session, name) is not None:
        raise ValidationError("name", name, "has an account already")
    user = m.User(
        name=name,
        role=role,
        password_hash=NO_PASSWORD if password is None else hash_password(password),
    )
    session.add(user)
    audit(session, actor=actor, action="create", row=user, row_key=name)
    return user


def find_user(session: Session, name: str) -> m.User | None:
    """The account called ``name`` (names compare case-insensitively, like e-mail addresses)."""
    return session.exec(
        select(m.User).where(sa.func.lower(m.User.name) == name.strip().lower())
    ).first()


def has_accounts(session: Session) -> bool:
    """Whether any active account exists (without one, nobody can write yet)."""
    return (
        session.exec(select(m.User.id).where(m.User.active.is_(True)).limit(1)).first() is not None
    )


def list_users(session: Session) -> list[m.User]:
    """Every account, by name."""
    return list(session.exec(select(m.User).order_by(m.User.name)))


def authenticate(
    session: Session, name: str, password: str, *, now: datetime | None = None
) -> Account | None:
    """The account when ``name`` and ``password`` match an active local account, else None.

    Wrong passwords are counted per name in the caller's transaction (commit it whatever the
    outcome): the MAX_FAILURES-th in a row locks the name for LOCKOUT, and while it is locked
    even the right password raises :class:`SignInLocked`. Unknown names are counted and locked
    alike, so neither the answer nor the lockout tells whether an account exists."""
    now = now or utcnow()
    key = (name or "").strip().lower()[:100]
    throttle = session.get(m.SignInThrottle, key)
    if throttle is not None and throttle.locked_until is not None:
        if throttle.locked_until > now:
            raise SignInLocked(throttle.locked_until)
        throttle.locked_until = None
    account = _check_password(session, name, password)
    if account is not None:
        if throttle is not None:
            session.delete(throttle)
        return account
    throttle = throttle or m.SignInThrottle(name=key, failures=0)
    throttle.failures += 1
    if throttle.failures >= MAX_FAILURES:
        throttle.failures, throttle.locked_until = 0, now + LOCKOUT
    session.add(throttle)
    session.flush()
    return None


def _check_password(session: Session, name: str, password: str) -> Account | None:
    user = find_user(session, name or "")
    if user is None or not user.active:
        verify_password(_decoy_hash(), password or "")
        return None
    if not verify_password(user.password_hash, password or ""):
        return None
    return Account(user.name, user.role)


def _account_row(session: Session, name: str) -> m.User:
    user = find_user(session, name or "")
    if user is None:
        raise ValidationError("name", name, "has no account; `tracker user list` shows them")
    return user


def _change(session: Session, name: str, actor: str, **fields: Any) -> m.User:
    """Set ``fields`` on the account ``name`` and audit the change with the row as it was:
    every account edit goes through here, so none goes unrecorded."""
    user = _account_row(session, name)
    before = row_snapshot(user)
    for field, value in fields.items():
        setattr(user, field, value)
    session.add(user)
    audit(session, actor=actor, action="update", row=user, before=before, row_key=user.name)
    return user


def set_role(session: Session, name: str, role: str, *, actor: str) -> m.User:
    """Give the account ``name`` the role ``role`` (audited); it takes effect on the holder's
    next page run."""
    require_choice("role", role, ROLES)
    return _change(session, name, actor, role=role)


def set_active(session: Session, name: str, active: bool, *, actor: str) -> m.User:
    """Disable (``active=False``) or enable the account ``name`` (audited). A disabled account
    cannot sign in and loses its rights at once, but its name stays on what it recorded."""
    return _change(session, name, actor, active=active)


def set_password(session: Session, name: str, password: str, *, actor: str) -> m.User:
    """A new password for the account ``name`` (audited without the hash); the name's failed
    sign-ins are forgotten, so an admin's reset also lifts a lockout."""
    user = _change(session, name, actor, password_hash=hash_password(password))
    throttle = session.get(m.SignInThrottle, user.name.lower())
    if throttle is not None:
        session.delete(throttle)
    return user


def current_account(session: Session, name: str) -> Account | None:
    """The account called ``name`` as it stands now: a role changed or an account disabled
    since sign-in takes effect on the next page run, not at the next sign-in."""
    user = find_user(session, name)
    if user is None or not user.active:
        return None
    return Account(user.name, user.role)


def account_for_identity(session: Session, claims: Mapping[str, Any]) -> Account | None:
    """The local account of an OIDC identity: the first active account whose name equals the
    identity's e-mail address, preferred user name or name, in that order."""
    for claim in ("email", "preferred_username", "name"):
        value = claims.get(claim)
        if isinstance(value, str) and value.strip():
            account = current_account(session, value)
            if account is not None:
                return account
    return None


def identity_label(claims: Mapping[str, Any]) -> str:
    """How to name an OIDC identity in messages (and in ``tracker user add``)."""
    for claim in ("email", "preferred_username", "name", "sub"):
        value = claims.get(claim)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return "(unnamed identity)"


def oidc_providers(auth_section: Mapping[str, Any] | None) -> tuple[str, ...]:
    """The OIDC providers a Streamlit ``[auth]`` secrets section configures completely.

    ``("default",)`` when the provider settings sit in ``[auth]`` itself, the sub-section
    names (``[auth.google]`` -> ``"google"``) otherwise; empty when the shared settings are
    missing, so a half-written configuration falls back to local accounts instead of
    showing a sign-in button that cannot work.
    """
    if not auth_section or any(key not in auth_section for key in _OIDC_SHARED_KEYS):
        return ()
    found = []
    if all(key in auth_section for key in _OIDC_PROVIDER_KEYS):
        found.append("default")
    for name, section in auth_section.items():
        if isinstance(section, Mapping) and all(key in section for key in _OIDC_PROVIDER_KEYS):
            found.append(name)
    return tuple(found)
