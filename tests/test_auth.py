"""Accounts and sign-in (tracker/auth.py, `tracker user`): who may write, and nobody by default."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select
from typer.testing import CliRunner

from tracker.cli import app
from tracker.db import make_engine
from tracker.domain import models as m
from tracker.services import ValidationError
from tracker.services import accounts as auth

PASSWORD = "correct horse battery"


# --- roles ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "needed", "allowed"),
    [
        ("editor", "editor", True),
        ("editor", "reviewer", False),
        ("editor", "admin", False),
        ("reviewer", "editor", True),
        ("reviewer", "reviewer", True),
        ("reviewer", "admin", False),
        ("admin", "editor", True),
        ("admin", "reviewer", True),
        ("admin", "admin", True),
        ("guest", "editor", False),
    ],
)
def test_roles_are_ordered_editor_reviewer_admin(role: str, needed: str, allowed: bool) -> None:
    assert auth.role_allows(role, needed) is allowed
    assert auth.Account("someone", role).may(needed) is allowed


def test_asking_for_an_unknown_role_is_an_error_not_a_refusal() -> None:
    with pytest.raises(ValidationError) as caught:
        auth.role_allows("admin", "owner")
    assert (caught.value.field, caught.value.value) == ("role", "owner")


# --- passwords -----------------------------------------------------------------------------


def test_a_password_is_stored_as_an_argon2id_hash_that_verifies_only_itself() -> None:
    stored = auth.hash_password(PASSWORD)
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored
    assert auth.verify_password(stored, PASSWORD)
    assert not auth.verify_password(stored, PASSWORD.upper())
    assert auth.hash_password(PASSWORD) != stored  # salted: same password, different hash


def test_a_short_password_is_refused_without_echoing_it() -> None:
    with pytest.raises(ValidationError) as caught:
        auth.hash_password("hunter2")
    assert caught.value.field == "password"
    assert "hunter2" not in str(caught.value)
    assert "at least 10 characters" in str(caught.value)


def test_a_malformed_hash_matches_no_password() -> None:
    assert not auth.verify_password("not-a-hash", "not-a-hash")
    assert not auth.verify_password(auth.NO_PASSWORD, auth.NO_PASSWORD)


# --- accounts ------------------------------------------------------------------------------


def test_a_new_database_has_no_account_at_all(seeded_sqlite_url: str) -> None:
    engine = make_engine(seeded_sqlite_url)
    with Session(engine) as session:
        assert not auth.has_accounts(session)
        assert auth.list_users(session) == []
        assert auth.authenticate(session, "admin", "admin") is None
    engine.dispose()


def test_creating_an_account_is_audited_without_its_hash(session: Session) -> None:
    user = auth.create_user(session, "olena", role="reviewer", password=PASSWORD, actor="root")
    session.commit()
    assert auth.has_accounts(session)
    record = session.exec(select(m.AuditLog).where(m.AuditLog.table_name == "app_user")).one()
    after = json.loads(record.after)
    assert (record.actor, record.action, record.row_key) == ("root", "create", "olena")
    assert after["role"] == "reviewer"
    assert after["password_hash"] == "(secret)"
    assert user.password_hash not in record.after


def test_account_names_are_unique_ignoring_case(session: Session) -> None:
    auth.create_user(session, "Olena", role="editor", password=PASSWORD, actor="root")
    with pytest.raises(ValidationError) as caught:
        auth.create_user(session, "olena", role="admin", password=PASSWORD, actor="root")
    assert (caught.value.field, caught.value.value) == ("name", "olena")


def test_an_unknown_role_is_refused_naming_it(session: Session) -> None:
    with pytest.raises(ValidationError) as caught:
        auth.create_user(session, "olena", role="owner", password=PASSWORD, actor="root")
    assert (caught.value.field, caught.value.value) == ("role", "owner")
    assert auth.list_users(session) == []


# --- signing in ----------------------------------------------------------------------------


def test_signing_in_needs_the_right_name_and_password(session: Session) -> None:
    auth.create_user(session, "olena", role="editor", password=PASSWORD, actor="root")
    assert auth.authenticate(session, "olena", PASSWORD) == auth.Account("olena", "editor")
    assert auth.authenticate(session, " OLENA ", PASSWORD) == auth.Account("olena", "editor")
    assert auth.authenticate(session, "olena", PASSWORD + "!") is None
    assert auth.authenticate(session, "taras", PASSWORD) is None
    assert auth.authenticate(session, "olena", "") is None


def test_a_disabled_account_cannot_sign_in_and_loses_its_role_at_once(session: Session) -> None:
    user = auth.create_user(session, "olena", role="admin", password=PASSWORD, actor="root")
    session.commit()
    assert auth.current_account(session, "olena") == auth.Account("olena", "admin")
    user.active = False
    session.add(user)
    session.commit()
    assert auth.authenticate(session, "olena", PASSWORD) is None
    assert auth.current_account(session, "olena") is None
    assert not auth.has_accounts(session)


def test_an_oidc_only_account_has_no_password_to_guess(session: Session) -> None:
    auth.create_user(session, "olena@example.org", role="editor", password=None, actor="root")
    assert auth.authenticate(session, "olena@example.org", auth.NO_PASSWORD) is None
    assert auth.authenticate(session, "olena@example.org", "") is None


def test_an_oidc_identity_takes_the_role_of_the_account_with_its_email(session: Session) -> None:
    auth.create_user(session, "olena@example.org", role="reviewer", password=None, actor="root")
    auth.create_user(session, "taras", role="editor", password=None, actor="root")
    claims = {"is_logged_in": True, "email": "Olena@Example.org", "name": "Olena K."}
    assert auth.account_for_identity(session, claims) == auth.Account(
        "olena@example.org", "reviewer"
    )
    by_user_name = {"email": "t@example.org", "preferred_username": "taras"}
    assert auth.account_for_identity(session, by_user_name) == auth.Account("taras", "editor")
    stranger = {"email": "nobody@example.org", "name": "Nobody"}
    assert auth.account_for_identity(session, stranger) is None
    assert auth.identity_label(stranger) == "nobody@example.org"


# --- OIDC configuration --------------------------------------------------------------------

SHARED = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "s3cret"}
PROVIDER = {
    "client_id": "tracker",
    "client_secret": "xyz",
    "server_metadata_url": "https://id.example.org/.well-known/openid-configuration",
}


@pytest.mark.parametrize(
    ("section", "providers"),
    [
        (None, ()),
        ({}, ()),
        ({**SHARED, **PROVIDER}, ("default",)),
        ({**SHARED, "keycloak": PROVIDER, "google": PROVIDER}, ("keycloak", "google")),
        ({**PROVIDER}, ()),  # no redirect_uri / cookie_secret: st.login would refuse
        ({**SHARED, "keycloak": {"client_id": "tracker"}}, ()),  # provider half written
    ],
)
def test_oidc_counts_as_configured_only_when_complete(section, providers) -> None:
    assert auth.oidc_providers(section) == providers


# --- `tracker user` ------------------------------------------------------------------------


@pytest.fixture
def cli_db(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("TRACKER_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("USER", "ops")
    return sqlite_url


def _users(url: str) -> list[tuple[str, str, str]]:
    engine = make_engine(url)
    with Session(engine) as session:
        found = [(u.name, u.role, u.password_hash) for u in auth.list_users(session)]
    engine.dispose()
    return found


def test_user_add_reads_the_password_from_stdin(cli_db: str) -> None:
    result = CliRunner().invoke(
        app, ["user", "add", "olena", "--role", "editor", "--password-stdin"], input=PASSWORD + "\n"
    )
    assert result.exit_code == 0, result.output
    assert "account 'olena' created with role editor" in result.output
    [(name, role, stored)] = _users(cli_db)
    assert (name, role) == ("olena", "editor")
    assert auth.verify_password(stored, PASSWORD)


def test_user_add_prompts_twice_for_the_password_when_not_piped(cli_db: str) -> None:
    result = CliRunner().invoke(
        app, ["user", "add", "olena", "--role", "admin"], input=f"{PASSWORD}\n{PASSWORD}\n"
    )
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output  # hidden input
    [(_, role, stored)] = _users(cli_db)
    assert role == "admin" and auth.verify_password(stored, PASSWORD)


def test_user_add_refuses_an_unknown_role_before_asking_for_a_password(cli_db: str) -> None:
    result = CliRunner().invoke(app, ["user", "add", "olena", "--role", "owner"], input="")
    assert result.exit_code == 2
    assert "--role 'owner': use one of editor, reviewer, admin" in result.output
    assert "Password" not in result.output


def test_user_add_refuses_a_short_password_and_a_taken_name(cli_db: str) -> None:
    runner = CliRunner()
    args = ["user", "add", "olena", "--role", "editor", "--password-stdin"]
    short = runner.invoke(app, args, input="short\n")
    assert short.exit_code == 1
    assert "password: must be at least 10 characters long" in short.output
    assert _users(cli_db) == []
    assert runner.invoke(app, args, input=PASSWORD + "\n").exit_code == 0
    taken = runner.invoke(app, [*args[:2], "OLENA", *args[3:]], input=PASSWORD + "\n")
    assert taken.exit_code == 1
    assert "name 'OLENA': has an account already; no account created" in taken.output


def test_user_add_oidc_only_and_user_list(cli_db: str) -> None:
    runner = CliRunner()
    added = runner.invoke(
        app, ["user", "add", "olena@example.org", "--role", "reviewer", "--oidc-only"]
    )
    assert added.exit_code == 0, added.output
    listing = runner.invoke(app, ["user", "list"])
    assert listing.exit_code == 0
    assert listing.output.split() == ["olena@example.org", "reviewer", "active", "oidc-only"]


# --- refused passwords, lockout --------------------------------------------------------------


@pytest.mark.parametrize("password", ["", "   ", " " * 12, "\t" * 11])
def test_a_blank_or_whitespace_password_is_refused_whatever_its_length(password: str) -> None:
    with pytest.raises(ValidationError) as caught:
        auth.hash_password(password)
    assert str(caught.value) == "password: is blank; choose a password with letters"


def _sign_in(engine, name: str, password: str, now: datetime) -> auth.Account | None:
    """One sign-in attempt in its own transaction, as the sign-in form makes it."""
    with Session(engine) as session:
        try:
            return auth.authenticate(session, name, password, now=now)
        finally:
            session.commit()


NOON = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def test_five_wrong_passwords_lock_the_name_for_fifteen_minutes(engine, session) -> None:
    auth.create_user(session, "olena", role="editor", password=PASSWORD, actor="ops")
    session.commit()
    for n in range(4):
        assert _sign_in(engine, "olena", "wrong guess", NOON + timedelta(seconds=n)) is None
    assert _sign_in(engine, "Olena", PASSWORD, NOON) == auth.Account("olena", "editor")
    for n in range(5):  # the right password above started the count afresh
        assert _sign_in(engine, "olena", "wrong guess", NOON + timedelta(seconds=n)) is None
    with pytest.raises(auth.SignInLocked) as caught:
        _sign_in(engine, "olena", PASSWORD, NOON + timedelta(minutes=14))
    assert caught.value.until == NOON + timedelta(seconds=4, minutes=15)
    later = NOON + timedelta(minutes=15, seconds=5)
    assert _sign_in(engine, "olena", PASSWORD, later) == auth.Account("olena", "editor")


def test_an_unknown_name_is_locked_alike_so_a_lockout_reveals_no_account(engine) -> None:
    for n in range(5):
        assert _sign_in(engine, "nobody", "guess", NOON + timedelta(seconds=n)) is None
    with pytest.raises(auth.SignInLocked):
        _sign_in(engine, "NOBODY", "guess", NOON + timedelta(minutes=1))
    with Session(engine) as session:
        [throttle] = session.exec(select(m.SignInThrottle)).all()
        assert (throttle.name, throttle.failures) == ("nobody", 0)


def test_a_lock_is_stored_so_every_process_sees_it(engine, db_url) -> None:
    for n in range(5):
        _sign_in(engine, "olena", "guess", NOON + timedelta(seconds=n))
    other_process = make_engine(db_url)
    try:
        with pytest.raises(auth.SignInLocked):
            _sign_in(other_process, "olena", PASSWORD, NOON + timedelta(minutes=2))
    finally:
        other_process.dispose()


# --- changing accounts -----------------------------------------------------------------------


def _audited(url: str) -> list[tuple[str, str, str]]:
    engine = make_engine(url)
    with Session(engine) as session:
        rows = session.exec(select(m.AuditLog).where(m.AuditLog.table_name == "app_user"))
        found = [(a.actor, a.action, a.row_key) for a in rows]
    engine.dispose()
    return found


def test_user_set_role_disable_enable_and_passwd_are_each_audited(cli_db: str) -> None:
    runner = CliRunner()
    add = ["user", "add", "olena", "--role", "editor", "--password-stdin"]
    assert runner.invoke(app, add, input=PASSWORD + "\n").exit_code == 0
    role = runner.invoke(app, ["user", "set-role", "OLENA", "reviewer"])
    assert role.output == "account 'olena': role is now reviewer\n"
    off = runner.invoke(app, ["user", "disable", "olena"])
    assert off.output == "account 'olena': disabled; it can no longer sign in\n"
    assert runner.invoke(app, ["user", "list"]).output.split()[:3] == [
        "olena",
        "reviewer",
        "disabled",
    ]
    assert runner.invoke(app, ["user", "enable", "olena"]).exit_code == 0
    new = "a different long passphrase"
    changed = runner.invoke(app, ["user", "passwd", "olena"], input=f"{new}\n{new}\n")
    assert changed.exit_code == 0 and new not in changed.output
    [(_, role_now, stored)] = _users(cli_db)
    assert role_now == "reviewer" and auth.verify_password(stored, new)
    assert _audited(cli_db) == [
        ("ops", "create", "olena"),
        ("ops", "update", "olena"),
        ("ops", "update", "olena"),
        ("ops", "update", "olena"),
        ("ops", "update", "olena"),
    ]
    engine = make_engine(cli_db)
    with Session(engine) as session:
        last = session.exec(select(m.AuditLog).order_by(m.AuditLog.id.desc())).first()
        assert '"password_hash": "(secret)"' in last.after and new not in last.after
    engine.dispose()


def test_user_commands_refuse_an_unknown_account_a_bad_role_and_a_blank_password(cli_db) -> None:
    runner = CliRunner()
    missing = runner.invoke(app, ["user", "disable", "nobody"])
    assert missing.exit_code == 1
    assert "name 'nobody': has no account; `tracker user list` shows them" in missing.output
    bad = runner.invoke(app, ["user", "set-role", "olena", "owner"])
    assert bad.exit_code == 2 and "role 'owner': use one of editor, reviewer, admin" in bad.output
    add = ["user", "add", "olena", "--role", "editor", "--password-stdin"]
    assert runner.invoke(app, add, input=PASSWORD + "\n").exit_code == 0
    blank = runner.invoke(app, ["user", "passwd", "olena", "--password-stdin"], input=" " * 12)
    assert blank.exit_code == 1
    assert "password: is blank; choose a password with letters; nothing changed" in blank.output
    [(_, _, stored)] = _users(cli_db)
    assert auth.verify_password(stored, PASSWORD)


def test_a_new_password_lifts_a_lockout(engine, session) -> None:
    auth.create_user(session, "olena", role="editor", password=PASSWORD, actor="ops")
    session.commit()
    for n in range(5):
        _sign_in(engine, "olena", "guess", NOON + timedelta(seconds=n))
    with Session(engine) as admin:
        auth.set_password(admin, "olena", "reset by the admin", actor="ops")
        admin.commit()
    signed = _sign_in(engine, "olena", "reset by the admin", NOON + timedelta(minutes=1))
    assert signed == auth.Account("olena", "editor")
