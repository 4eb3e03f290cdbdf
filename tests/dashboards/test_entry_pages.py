"""The Research pages, submitted as a researcher would: sign in, fill a form, save. Refused
forms name the field and the value, write nothing, and keep what was typed.

Each test runs the real app (AppTest) on its own copy of the seeded database, with two
accounts: an editor and a reviewer.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import streamlit as st
from sqlmodel import Session, func, select
from streamlit.testing.v1 import AppTest

from tests.conftest import copy_sqlite, copy_with_accounts, draft_delivery
from tests.dashboards.apptest import table_with, texts
from tests.dashboards.conftest import DASHBOARDS, RUN_TIMEOUT, page_file
from tracker import db
from tracker import services as svc
from tracker.domain import models as m
from tracker.services import accounts as auth

EDITOR, REVIEWER = "olena", "taras"
PASSWORD = "correct horse battery"

OpenAs = Callable[..., AppTest]


def _clear_caches() -> None:
    st.cache_data.clear()
    st.cache_resource.clear()
    db._engine_for.cache_clear()


@pytest.fixture(scope="module")
def with_accounts(seeded_sqlite_url: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The seeded database plus an editor and a reviewer (made once, copied per test)."""
    target = tmp_path_factory.mktemp("entry") / "accounts.db"
    roles = {EDITOR: "editor", REVIEWER: "reviewer"}
    return copy_with_accounts(seeded_sqlite_url, target, roles, PASSWORD)


def _serve(url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Session]:
    monkeypatch.setenv("TRACKER_DATABASE_URL", url)
    monkeypatch.delenv("TRACKER_LOCALE", raising=False)
    monkeypatch.delenv("TRACKER_BASE_CURRENCY", raising=False)
    _clear_caches()
    engine = db.make_engine(url)
    with Session(engine) as session:
        yield session
    engine.dispose()
    _clear_caches()


@pytest.fixture
def stored(with_accounts: str, tmp_path: Path, monkeypatch) -> Iterator[Session]:
    """The app's database for this test; the session reads what the pages wrote."""
    yield from _serve(copy_sqlite(with_accounts, tmp_path / "app.db"), monkeypatch)


@pytest.fixture
def no_accounts(seeded_sqlite_url: str, tmp_path: Path, monkeypatch) -> Iterator[Session]:
    yield from _serve(copy_sqlite(seeded_sqlite_url, tmp_path / "bare.db"), monkeypatch)


def open_page(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(DASHBOARDS / "app.py"), default_timeout=RUN_TIMEOUT)
    at.query_params.update(params)
    at.run()
    at.switch_page(page_file(page))
    return ok(at.run())


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def sign_in(at: AppTest, name: str, password: str = PASSWORD) -> AppTest:
    at.text_input(key="signin:form:name").input(name)
    at.text_input(key="signin:form:password").input(password)
    at.button[0].click()  # the form's submit button, the first on a page shown signed out
    return ok(at.run())


@pytest.fixture
def open_as(stored: Session) -> OpenAs:
    """``open_as("enter_event.py", EDITOR)``: the page after signing in."""
    return lambda page, user, **params: sign_in(open_page(page, **params), user)


def set_values(at: AppTest, **by_key: object) -> AppTest:
    """Give widgets (by key, ``__`` for ``:``) their values, as typing and picking would."""
    for name, value in by_key.items():
        key = name.replace("__", ":")
        _widget(at, key).set_value(value)
    return ok(at.run())


def _widget(at: AppTest, key: str):
    for kind in (
        "text_input",
        "text_area",
        "selectbox",
        "date_input",
        "radio",
        "checkbox",
        "number_input",
        "segmented_control",
    ):
        found = [w for w in at.get(kind) if getattr(w, "key", None) == key]
        if found:
            return found[0]
    raise KeyError(key)


def click(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click()
    return ok(at.run())


def save_form(at: AppTest, scope: str, **fields: object) -> AppTest:
    """Fill the form ``scope`` (``fields`` by widget name, ``__`` for ``:``) and save it."""
    set_values(at, **{f"{scope}__{name}": value for name, value in fields.items()})
    return click(at, f"{scope}:save")


def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


def successes(at: AppTest) -> list[str]:
    return [e.value for e in at.success]


def value_of(at: AppTest, key: str) -> object:
    return _widget(at, key).value


def count(session: Session, model: type, *where) -> int:
    session.expire_all()
    return session.exec(select(func.count()).select_from(model).where(*where)).one()


def package_id(session: Session, donor: str, title: str) -> int:
    return session.exec(
        select(m.Package.id).join(m.Donor).where(m.Donor.code == donor, m.Package.title == title)
    ).one()


EU_SHELLS = ("EU", "EU one million shells initiative")


def describe_new_source(at: AppTest, scope: str, **fields: str) -> AppTest:
    set_values(at, **{f"{scope}__source__mode": "new"})
    values = {"url": "https://example.org/release-42", "title": "Release 42", **fields}
    return set_values(at, **{f"{scope}__source__{k}": v for k, v in values.items()})


# --- signing in ------------------------------------------------------------------------------


def test_without_any_account_the_form_says_how_to_create_one(no_accounts: Session) -> None:
    at = open_page("enter_event.py")
    assert "tracker user add NAME --role editor" in texts(at)
    assert not [w for w in at.text_input if w.key == "event_form:figure"]


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(stored) -> None:
    at = sign_in(open_page("enter_source.py"), EDITOR, "not the password")
    assert errors(at) == [
        "The account name or the password is wrong. After 5 failed attempts in a row the name "
        "is locked for 15 minutes."
    ]
    assert not [w for w in at.text_input if w.key == "source_form:url"]


def test_the_fifth_wrong_password_locks_the_name_and_the_page_says_for_how_long(stored) -> None:
    at = open_page("enter_source.py")
    for _ in range(5):
        at = sign_in(at, EDITOR, "not the password")
    at = sign_in(at, EDITOR)  # the right password, too late
    assert errors(at) == [
        "Too many failed sign-ins with this name: try again in 15 minutes. An admin can lift "
        "the lock by setting a new password (`tracker user passwd`)."
    ]
    assert not [w for w in at.text_input if w.key == "source_form:url"]
    unknown = open_page("enter_source.py")
    for _ in range(6):
        unknown = sign_in(unknown, "nobody-here", "not the password")
    assert errors(unknown) == errors(at)  # an unknown name is locked in the same words


def test_an_editor_may_not_review(open_as: OpenAs) -> None:
    at = open_as("review.py", EDITOR)
    assert errors(at) == [
        "olena is signed in as editor; this page needs the role reviewer or higher. Ask an "
        "admin to give your account that role."
    ]


def test_viewing_the_audit_trail_needs_no_account(stored: Session) -> None:
    at = open_page("audit.py")
    assert not [w for w in at.text_input if w.key == "signin:form:name"]
    assert "created" in table_with(at, "Change")["Change"].tolist()


# --- source ----------------------------------------------------------------------------------


def test_a_source_is_saved_once_with_who_recorded_it(open_as: OpenAs, stored: Session) -> None:
    at = save_form(
        open_as("enter_source.py", EDITOR),
        "source_form",
        url="https://www.example.org/mod/tanks/",
        title="MoD",
        reliability="official",
    )
    assert successes(at) == ["Source saved: MoD."]
    source = stored.exec(select(m.Source).where(m.Source.title == "MoD")).one()
    assert (source.created_by, source.reliability) == (EDITOR, "official")
    at = click(at, "source_form:another")
    assert value_of(at, "source_form:url") == ""
    at = save_form(at, "source_form", url="http://example.org/mod/tanks", title="M")
    assert successes(at) == ["This source is recorded already: MoD. Nothing was added."]


def test_a_source_without_a_web_address_scheme_is_refused_and_kept(open_as, stored) -> None:
    at = open_as("enter_source.py", EDITOR)
    before = count(stored, m.Source)
    at = save_form(at, "source_form", url="example.org/mod", title="MoD")
    assert errors(at) == [
        "Not saved. Address (URL): must be a web address starting with http:// or https://. "
        "You typed “example.org/mod”."
    ]
    assert value_of(at, "source_form:url") == "example.org/mod"
    assert value_of(at, "source_form:title") == "MoD"
    assert count(stored, m.Source) == before


# --- package ---------------------------------------------------------------------------------


def fill_new_package(at: AppTest, **extra: object) -> AppTest:
    return set_values(
        at,
        package_form__donor="DE",
        package_form__title="Winter package",
        package_form__announced=date(2024, 3, 1),
        **extra,
    )


def test_a_package_with_its_declared_value_read_live_and_saved_as_a_draft_pledge(open_as, stored):
    at = fill_new_package(open_as("enter_package.py", EDITOR), package_form__value="€1.4bn")
    assert any(
        "€1.4bn -> 1,400,000,000 EUR = 1,513,820,000 USD at the ECB rate of Mar 1, 2024" in c.value
        for c in at.caption
    )
    at = click(describe_new_source(at, "package_form"), "package_form:save")
    [message] = successes(at)
    assert (
        message == "Package “Winter package” saved; its declared value €1.4bn is saved as a draft."
    )
    entry = stored.exec(
        select(m.LedgerEntry).join(m.Package).where(m.Package.title == "Winter package")
    ).one()
    assert (entry.event, entry.amount, entry.currency, entry.review_status, entry.recorded_by) == (
        "pledge",
        Decimal("1400000000"),
        "EUR",
        "draft",
        EDITOR,
    )


@pytest.mark.parametrize(
    ("value", "source", "expected"),
    [
        ("1,5 Mrd. €", True, "Declared value: number '1,5': not a well-formed number in locale en"),
        ("€1.4bn", False, "Source: every figure needs a source: pick a recorded one or describe"),
    ],
)
def test_a_refused_package_names_the_problem_and_keeps_the_input(
    open_as, stored, value, source, expected
) -> None:
    at = fill_new_package(open_as("enter_package.py", EDITOR), package_form__value=value)
    if source:
        at = describe_new_source(at, "package_form")
    at = click(at, "package_form:save")
    [error] = errors(at)
    assert expected in error
    assert value_of(at, "package_form:value") == value
    assert value_of(at, "package_form:title") == "Winter package"
    assert count(stored, m.Package, m.Package.title == "Winter package") == 0


def test_the_second_of_two_edits_is_refused_and_keeps_its_input(open_as, stored) -> None:
    tenth = package_id(stored, "IT", "10th military aid package")
    at = open_as("enter_package.py", EDITOR)
    at = set_values(at, package_edit__pick__donor="IT", package_edit__pick__package=tenth)
    assert value_of(at, "package_edit:title") == "10th military aid package"
    at = set_values(at, package_edit__notes="Contents classified by the defence committee")
    # Meanwhile a colleague saves the same package from another browser.
    header = stored.get(m.Package, tenth)
    svc.update_package(
        stored,
        tenth,
        svc.PackageInput(
            donor="IT",
            title=header.title,
            aid_type=header.aid_type,
            announced_on=header.announced_on,
            ordinal=header.ordinal,
            instrument=header.instrument,
            secrecy=header.secrecy,
            notes="Approved by decree",
        ),
        expected_version=header.version,
        actor=REVIEWER,
    )
    stored.commit()
    at = click(at, "package_edit:save")
    [error] = errors(at)
    assert error.startswith("Not saved: someone else changed this record since the page showed")
    assert value_of(at, "package_edit:notes") == "Contents classified by the defence committee"
    stored.expire_all()
    assert stored.get(m.Package, tenth).notes == "Approved by decree"
    at = click(at, "package_edit:reload")
    assert value_of(at, "package_edit:notes") == "Approved by decree"
    at = set_values(at, package_edit__notes="Approved by decree; contents classified")
    at = click(at, "package_edit:save")
    assert successes(at) == ["Package “10th military aid package” saved (version 3)."]


# --- item ------------------------------------------------------------------------------------


def fill_tenth_item(open_as: OpenAs, stored: Session, **fields: object) -> AppTest:
    """The item form on Italy's 10th package, with ``fields`` (``equipment``, ``quantity``...)."""
    tenth = package_id(stored, "IT", "10th military aid package")
    at = set_values(
        open_as("enter_item.py", EDITOR), item_form__donor="IT", item_form__package=tenth
    )
    return set_values(at, **{f"item_form__{k}": v for k, v in fields.items()})


def test_an_item_from_the_catalogue_with_its_pledged_quantity(open_as, stored) -> None:
    at = fill_tenth_item(open_as, stored, equipment="SAMP/T", quantity="2")
    tenth = package_id(stored, "IT", "10th military aid package")
    assert any(c.value.endswith("2 -> 2 systems (no unit word; using system)") for c in at.caption)
    at = click(describe_new_source(at, "item_form"), "item_form:save")
    assert successes(at) == [
        "Item “SAMP/T” saved in 10th military aid package, with its pledge as a draft: 2."
    ]
    item = stored.exec(
        select(m.Item).where(m.Item.package_id == tenth, m.Item.label == "SAMP/T")
    ).one()
    pledge = stored.exec(select(m.LedgerEntry).where(m.LedgerEntry.item_id == item.id)).one()
    assert (pledge.quantity, pledge.unit, pledge.review_status) == (Decimal(2), "system", "draft")


def test_an_unreadable_quantity_is_refused_and_kept(open_as, stored) -> None:
    before = count(stored, m.Item)
    at = fill_tenth_item(open_as, stored, equipment="SAMP/T", quantity="several")
    at = click(describe_new_source(at, "item_form"), "item_form:save")
    [error] = errors(at)
    assert error.startswith("Not saved. Quantity pledged: figure 'several': vague amount, no")
    assert error.endswith("You typed “several”.")
    assert value_of(at, "item_form:quantity") == "several"
    assert count(stored, m.Item) == before


def test_a_new_equipment_type_joins_the_catalogue(open_as, stored) -> None:
    at = fill_tenth_item(open_as, stored, equipment="(new type)")
    at = save_form(
        at,
        "item_form",
        new__name="Puma 6x6",
        new__category="armoured vehicle",
        new__unit="vehicles",
    )
    assert successes(at) == ["Item “Puma 6x6” saved in 10th military aid package."]
    kind = stored.exec(select(m.EquipmentType).where(m.EquipmentType.name == "Puma 6x6")).one()
    assert (kind.category, kind.unit) == ("armoured vehicle", "vehicle")


# --- ledger event ----------------------------------------------------------------------------


def pick_eu_shells(at: AppTest, stored: Session) -> AppTest:
    package = package_id(stored, *EU_SHELLS)
    item = stored.exec(select(m.Item.id).where(m.Item.package_id == package)).first()
    at = set_values(at, event_form__donor="EU", event_form__package=package)
    return set_values(at, event_form__line=item)


def test_a_running_total_delivery_with_an_existing_source(open_as, stored) -> None:
    at = pick_eu_shells(open_as("enter_event.py", EDITOR), stored)
    source = stored.exec(select(m.Source).where(m.Source.outlet == "TRT World")).first()
    at = set_values(
        at,
        event_form__event="delivery",
        event_form__date=date(2024, 3, 15),
        event_form__figure="about 500,000 shells",
        event_form__cumulative=True,
        event_form__source__search="TRT",
    )
    at = set_values(at, event_form__source__id=source.id)
    at = click(at, "event_form:save")
    [message] = successes(at)
    assert message == "Delivery (arrived) recorded as a draft: about 500,000 shells, Mar 15, 2024."
    entry = stored.exec(select(m.LedgerEntry).order_by(m.LedgerEntry.id.desc())).first()
    assert (entry.event, entry.quantity, entry.qualifier, entry.cumulative, entry.source_id) == (
        "delivery",
        Decimal(500000),
        "about",
        True,
        source.id,
    )


def test_a_second_click_on_a_saved_form_records_nothing_more(open_as, stored) -> None:
    at = pick_eu_shells(open_as("enter_event.py", EDITOR), stored)
    at = set_values(at, event_form__date=date(2024, 3, 15), event_form__figure="12,000 shells")
    at = describe_new_source(at, "event_form")
    before = count(stored, m.LedgerEntry)
    at = click(at, "event_form:save")
    assert at.button(key="event_form:save").disabled
    # The second click of a double click was sent by a page that still showed the button
    # enabled: the browser's copy of the button is as it was before the save.
    stale_button = at.button(key="event_form:save")
    stale_button.proto.disabled = False
    stale_button.click()
    at = ok(at.run())
    assert successes(at) == ["Delivery (arrived) recorded as a draft: 12,000 shells, Mar 15, 2024."]
    assert errors(at) == []
    assert count(stored, m.LedgerEntry) == before + 1
    at = click(at, "event_form:another")
    assert value_of(at, "event_form:figure") == ""
    assert not at.button(key="event_form:save").disabled
    assert count(stored, m.LedgerEntry) == before + 1


def test_an_event_without_a_source_is_refused_and_keeps_the_figure(open_as, stored) -> None:
    at = pick_eu_shells(open_as("enter_event.py", EDITOR), stored)
    before = count(stored, m.LedgerEntry)
    at = set_values(at, event_form__date=date(2024, 3, 15), event_form__figure="40,000 shells")
    at = click(at, "event_form:save")
    assert errors(at) == [
        "Not saved. Source: every figure needs a source: pick a recorded one or describe a new one."
    ]
    assert value_of(at, "event_form:figure") == "40,000 shells"
    assert count(stored, m.LedgerEntry) == before


def test_a_correction_names_the_entry_it_supersedes_and_why(open_as, stored) -> None:
    at = pick_eu_shells(open_as("enter_event.py", EDITOR), stored)
    at = set_values(at, event_form__event="correction")
    at = set_values(
        at,
        event_form__corrects="art-eu-1m-shells-delivered-2024-01-31",
        event_form__date=date(2024, 2, 2),
        event_form__figure="331,000 shells",
        event_form__cumulative=True,
    )
    at = describe_new_source(at, "event_form")
    at = click(at, "event_form:save")
    assert errors(at) == ["Not saved. Reason: a correction needs a reason."]
    at = set_values(at, event_form__reason="the ministry revised its count")
    at = click(at, "event_form:save")
    assert successes(at)[0].startswith("Correction of an earlier entry recorded as a draft")
    corrected = stored.exec(
        select(m.LedgerEntry).where(m.LedgerEntry.key == "art-eu-1m-shells-delivered-2024-01-31")
    ).one()
    correction = stored.exec(
        select(m.LedgerEntry).where(m.LedgerEntry.corrects_id == corrected.id)
    ).one()
    assert correction.quantity == Decimal(331000)
    assert correction.reason == "the ministry revised its count"


# --- import ----------------------------------------------------------------------------------

CSV_HEADER = (
    "entry_id,donor,package,aid_type,item,equipment,event,event_date,quantity,unit,source_url\n"
)


def upload(at: AppTest, body: str, name: str = "tanks.csv") -> AppTest:
    at.file_uploader(key="import:file").set_value((name, body.encode(), "text/csv"))
    return ok(at.run())


def test_an_uploaded_file_is_previewed_checked_and_imported(open_as, stored) -> None:
    body = CSV_HEADER + (
        "up-1,PL,Spring tanks,military,PT-91,PT-91 Twardy,pledge,2024-04-02,10,tank,"
        "https://example.org/pl\n"
        "up-2,PL,Spring tanks,military,PT-91,PT-91 Twardy,delivery,2024-05-02,4,tank,"
        "https://example.org/pl\n"
    )
    at = upload(open_as("import_csv.py", EDITOR), body)
    assert table_with(at, "entry_id")["entry_id"].tolist() == ["up-1", "up-2"]
    at = click(at, "import:check")
    assert successes(at) == [
        "All 2 rows are valid: 2 would be added, 0 are already in the ledger. "
        "Nothing was written yet."
    ]
    assert count(stored, m.LedgerEntry, m.LedgerEntry.key.in_(["up-1", "up-2"])) == 0
    at = click(at, "import:import")
    assert successes(at) == [
        "tanks.csv: 2 entries imported, 0 already in the ledger, 0 new reconciliation warnings."
    ]
    assert count(stored, m.LedgerEntry, m.LedgerEntry.key.in_(["up-1", "up-2"])) == 2


def test_an_upload_with_bad_rows_lists_them_and_writes_nothing(open_as, stored) -> None:
    body = CSV_HEADER + (
        "up-1,PL,Spring tanks,military,PT-91,PT-91 Twardy,pledge,2024-04-02,-10,tank,"
        "https://example.org/pl\n"
        "up-2,XX,Spring tanks,military,PT-91,PT-91 Twardy,delivery,2024-05-02,4,tank,"
        "https://example.org/pl\n"
    )
    at = click(upload(open_as("import_csv.py", EDITOR), body), "import:import")
    assert errors(at) == ["tanks.csv: 2 problems; nothing was imported."]
    problems = table_with(at, "Problem")
    assert problems[["Line", "Column", "Value"]].values.tolist() == [
        [2, "quantity", "-10"],
        [3, "donor", "XX"],
    ]
    assert count(stored, m.Package, m.Package.title == "Spring tanks") == 0


def test_a_file_that_is_not_a_ledger_csv_is_refused_on_upload(open_as) -> None:
    at = upload(open_as("import_csv.py", EDITOR), "date;amount\n2024-01-01;5\n")
    assert errors(at) == ["tanks.csv: 2 problems; nothing was imported."]
    assert table_with(at, "Problem")["Column"].tolist() == ["header", "header"]


# --- audit (the review page is tested in test_review_page.py) ---------------------------------


def _draft(stored: Session, shells: int = 25000, day: date = date(2024, 6, 1)) -> m.LedgerEntry:
    package = stored.get(m.Package, package_id(stored, *EU_SHELLS))
    entry = draft_delivery(
        stored, package, shells=shells, day=day, stated=f"{shells:,} shells", actor=EDITOR
    )
    stored.commit()
    return entry


def test_the_audit_trail_shows_who_changed_what_before_and_after(open_as, stored) -> None:
    draft = _draft(stored)
    svc.review_entry(stored, draft.id, status="reviewed", reviewer=REVIEWER)
    stored.commit()
    at = open_page("audit.py")
    at = set_values(at, audit__actor=REVIEWER)
    trail = table_with(at, "Change")
    assert trail[["Who", "Did", "What", "Which"]].values.tolist() == [
        [REVIEWER, "reviewed", "ledger_entry", draft.key],
    ]
    assert trail["Change"].tolist()[0] == (
        "review_status: draft → reviewed; reviewed_by: None → taras"
    )
    before, after = (json.loads(element.value) for element in at.json)
    assert (before["review_status"], after["review_status"]) == ("draft", "reviewed")


# --- sign-in through an identity provider (OIDC) ---------------------------------------------

OIDC = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "test-secret",
    "client_id": "tracker",
    "client_secret": "xyz",
    "server_metadata_url": "https://id.example.org/.well-known/openid-configuration",
}


def open_with_identity(page: str, user: dict) -> AppTest:
    at = AppTest.from_file(str(DASHBOARDS / "app.py"), default_timeout=RUN_TIMEOUT)
    at.secrets["auth"] = OIDC
    at.user = user
    at.run()
    at.switch_page(page_file(page))
    return ok(at.run())


def test_an_identity_takes_the_role_of_its_local_record(stored: Session) -> None:
    auth.create_user(stored, "olena@example.org", role="editor", password=None, actor="test")
    stored.commit()
    at = open_with_identity("enter_source.py", {"is_logged_in": True, "email": "olena@example.org"})
    assert [w.key for w in at.text_input][:1] == ["source_form:url"]
    assert "Signed in as **olena@example.org** (editor)" in [c.value for c in at.caption]


def test_an_identity_without_a_local_record_may_not_write(stored: Session) -> None:
    at = open_with_identity("enter_source.py", {"is_logged_in": True, "email": "x@example.org"})
    assert [w.value for w in at.warning] == [
        "You are signed in as x@example.org, but that identity has no role here yet. Ask an "
        "admin to give it the role editor."
    ]
    assert not [w for w in at.text_input if w.key == "source_form:url"]


def test_without_authlib_the_oidc_sign_in_explains_what_is_missing(stored: Session) -> None:
    at = open_with_identity("enter_source.py", {"is_logged_in": False})
    assert errors(at) == [
        "Sign-in through an identity provider is configured, but this server lacks the "
        "Authlib package it needs; ask whoever runs the server to install it."
    ]
