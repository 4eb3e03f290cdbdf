"""What every page shares: the sidebar settings live in the URL (a copied link reproduces the
view), bad links fall back with a message and write nothing, and cached figures change as
soon as the data do."""

import pytest
from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from tests.dashboards.apptest import table_with, texts
from tests.dashboards.conftest import DASHBOARDS, RUN_TIMEOUT, _clear_caches
from tracker import db, queries
from tracker.domain.vocab import LEDGER_COLUMNS
from tracker.services.ledger_import import import_ledger


def _marker(url: str) -> tuple[int, ...]:
    engine = db.make_engine(url)
    try:
        with Session(engine) as session:
            return queries.change_marker(session)
    finally:
        engine.dispose()


def test_the_settings_are_written_into_the_url(open_page):
    at = open_page("overview.py")
    assert at.query_params == {"currency": "EUR", "locale": "en"}


def test_a_copied_url_reproduces_the_settings(open_page):
    at = open_page("overview.py", currency="USD", locale="uk", as_of="2023-12-01", reviewed="true")
    sidebar = {w.label: w.value for w in (*at.sidebar.selectbox, *at.sidebar.toggle)}
    assert sidebar == {
        "Мова": "uk",
        "Базова валюта": "USD",
        "Лише перевірені записи": True,
    }
    assert str(at.sidebar.date_input[0].value) == "2023-12-01"
    assert "за відомостями на 1 груд. 2023\u202fр.; лише перевірені записи" in texts(at)
    assert at.query_params == {
        "currency": "USD",
        "locale": "uk",
        "as_of": "2023-12-01",
        "reviewed": "true",
    }


def test_switching_the_locale_reformats_the_figures_and_the_url(open_page):
    at = open_page("overview.py")
    at.sidebar.selectbox(key="settings:locale").set_value("de").run()
    assert at.query_params["locale"] == "de"
    shells = table_with(at, "Kategorie")
    assert "1.000.000\u00a0Granaten" in shells["Zugesagt"].tolist()


def test_the_settings_survive_a_page_switch_that_clears_the_query_string(open_page):
    at = open_page("overview.py", locale="fr", currency="USD")
    at.query_params.clear()  # what the browser does when the reader picks another page
    at.switch_page("app_pages/ledger.py").run()
    assert at.query_params == {"currency": "USD", "locale": "fr"}
    assert at.title[0].value == "Entrées du registre"  # the language survives too


def _menu_switch(at: AppTest, page: str) -> AppTest:
    """Open ``page`` as the navigation menu does: the query string is cleared first."""
    at.query_params.clear()
    return at.switch_page(f"app_pages/{page}").run()


def test_the_overview_filter_survives_a_visit_to_the_donors_page(open_page):
    at = open_page("overview.py")
    at.selectbox(key="overview:aid_type").set_value("military").run()
    _menu_switch(at, "donors.py")
    assert "aid_type" not in at.query_params  # the donors page has no such filter
    _menu_switch(at, "overview.py")
    assert at.selectbox(key="overview:aid_type").value == "military"
    assert at.query_params["aid_type"] == "military"  # the link shows the view again
    linked = open_page("overview.py", aid_type="military")  # the same view opened by a link
    assert table_with(at, "Category").equals(table_with(linked, "Category"))


def test_a_donor_chosen_on_one_page_carries_to_the_next_and_its_choices_stay_valid(open_page):
    at = open_page("donors.py")
    at.multiselect(key="donors:donor").set_value(["EU", "DE"]).run()
    _menu_switch(at, "ledger.py")
    assert at.multiselect(key="ledger:donor").value == ["EU", "DE"]
    assert set(table_with(at, "Entry")["Donor"]) == {"EU", "DE"}
    at.text_input(key="ledger:equipment").set_value("leop").run()
    # The equipment page offers families only: a free text chosen on the ledger is dropped
    # quietly there instead of warning about a link the reader never followed.
    _menu_switch(at, "equipment.py")
    assert not at.warning
    assert at.selectbox(key="equipment:equipment").value == ""
    _menu_switch(at, "ledger.py")
    assert at.text_input(key="ledger:equipment").value == "leop"


def test_a_link_with_filters_shows_its_own_view_not_the_remembered_one(open_page):
    at = open_page("donors.py")
    at.multiselect(key="donors:donor").set_value(["EU"]).run()
    at.query_params.clear()
    at.query_params.update(currency="EUR", locale="en", category="artillery ammunition")
    at.switch_page("app_pages/ledger.py").run()
    assert at.multiselect(key="ledger:donor").value == []  # the link names no donor


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"locale": "xx"},
            "The link's locale='xx' is not supported (use one of en, de, fr, uk); showing en.",
        ),
        (
            {"as_of": "2023-02-30"},
            "The link's as_of='2023-02-30' is not a date written "
            "YYYY-MM-DD; showing figures as known today.",
        ),
        ({"currency": "XYZ"}, "The link's currency='XYZ' is not supported"),
        ({"reviewed": "perhaps"}, "The link's reviewed='perhaps' is neither true nor false"),
    ],
)
def test_a_bad_setting_in_a_link_warns_falls_back_and_writes_nothing(
    open_page, app_url, params, message
):
    before = _marker(app_url)
    at = open_page("overview.py", **params)
    assert len(at.warning) == 1 and at.warning[0].value.startswith(message)
    assert at.query_params == {"currency": "EUR", "locale": "en"}
    assert "as known today; drafts included" in texts(at)
    assert _marker(app_url) == before


def _record_delivery(url: str) -> None:
    """A draft delivery of EU shells, written the way an import writes it."""
    row = dict.fromkeys(LEDGER_COLUMNS, "")
    row.update(
        entry_id="test-eu-shells-extra",
        donor="EU",
        package="EU one million shells initiative",
        package_date="2023-03-20",
        aid_type="military",
        secrecy="public",
        initiative="EU-1M-SHELLS",
        aggregate_claim="false",
        item="155mm artillery shells",
        equipment="155mm artillery shell",
        event="delivery",
        event_date="2024-02-15",
        quantity="50000",
        unit="shell",
        qualifier="exact",
        cumulative="false",
        source_outlet="Test desk",
        source_title="A report written for this test",
        source_published="2024-02-15",
        source_reliability="unverified",
        review_status="draft",
    )
    text = ",".join(LEDGER_COLUMNS) + "\n" + ",".join(row[c] for c in LEDGER_COLUMNS) + "\n"
    with db.session_scope(db.make_engine(url)) as session:
        import_ledger(session, text.encode(), actor="test")


def test_cached_figures_change_as_soon_as_an_entry_is_written(writable_url):
    at = AppTest.from_file(str(DASHBOARDS / "app.py"), default_timeout=RUN_TIMEOUT)
    at.switch_page("app_pages/ledger.py")
    at.query_params["donor"] = "EU"
    at.run()
    before = table_with(at, "Entry")["Entry"].tolist()
    _record_delivery(writable_url)
    at.run()
    after = table_with(at, "Entry")["Entry"].tolist()
    assert after == [*before, "test-eu-shells-extra"]
    at.sidebar.toggle(key="settings:reviewed").set_value(True).run()
    assert table_with(at, "Entry")["Entry"].tolist() == before  # the new entry is a draft


@pytest.mark.parametrize(
    "page", ["overview.py", "donors.py", "packages.py", "equipment.py", "ledger.py"]
)
def test_every_page_opens_on_a_new_empty_database(sqlite_url, monkeypatch, page):
    monkeypatch.setenv("TRACKER_DATABASE_URL", sqlite_url)  # not even migrated yet
    _clear_caches()
    try:
        at = AppTest.from_file(str(DASHBOARDS / "app.py"), default_timeout=RUN_TIMEOUT)
        at.switch_page(f"app_pages/{page}")
        at.query_params["donor"] = "DE"
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        assert at.title[0].value
        if page in (
            "donors.py",
            "packages.py",
            "ledger.py",
        ):  # the pages with a donor filter
            assert "names DE, which the database does not know" in at.warning[0].value
    finally:
        _clear_caches()
