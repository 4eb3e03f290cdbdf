"""The "From an article" page, used as a researcher would: paste an article, look at the
candidates and where they were read, edit one, reject one, sign in, accept the rest. The
ledger then holds exactly those facts, as drafts citing the article; a refused acceptance
names the row and keeps the table with every edit.

Each test runs the real app (AppTest) on its own copy of the seeded database plus an editor.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from tests.conftest import copy_sqlite, copy_with_accounts
from tests.dashboards.conftest import DASHBOARDS, RUN_TIMEOUT
from tracker import db
from tracker.domain import models as m

EDITOR, PASSWORD = "halyna", "a passphrase for tests"
URL = "https://wire.example.org/2024/10/09/nordic-support"
# Written for this test in the style of a wire report: four aid facts (one an expectation,
# one a range) and a sentence of war news whose numbers are not aid.
ARTICLE = (
    "Norway will give Ukraine NOK 1.5 billion for air defence, its defence ministry said "
    "on Wednesday.\n"
    "Sweden has delivered 18 Archer howitzers so far, the government in Stockholm said.\n"
    "The Netherlands is expected to send about 30 drones next month.\n"
    "Russian missile strikes killed 11 people in Odesa overnight, and 40 drones were shot "
    "down.\n"
    "Denmark pledged 12 Leopard 1 tanks and between 3 and 5 radars.\n"
)


@pytest.fixture(scope="module")
def with_editor(seeded_sqlite_url: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The seeded database plus one editor account (made once, copied per test)."""
    target = tmp_path_factory.mktemp("article") / "editor.db"
    return copy_with_accounts(seeded_sqlite_url, target, {EDITOR: "editor"}, PASSWORD)


@pytest.fixture
def stored(
    app_url: str, with_editor: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Session]:
    """The app's own database for this test (``app_url`` empties the caches around it); the
    session reads what the page wrote."""
    url = copy_sqlite(with_editor, tmp_path / "app.db")
    monkeypatch.setenv("TRACKER_DATABASE_URL", url)
    engine = db.make_engine(url)
    with Session(engine) as session:
        yield session
    engine.dispose()


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def pasted(*, published: date = date(2024, 10, 9)) -> AppTest:
    """The page after pasting the article, describing it and asking for candidates."""
    at = AppTest.from_file(str(DASHBOARDS / "app.py"), default_timeout=RUN_TIMEOUT)
    ok(at.run())
    at.switch_page("app_pages/from_article.py")
    ok(at.run())
    at.text_area(key="article:text").input(ARTICLE)
    at.text_input(key="article:source:url").input(URL)
    at.text_input(key="article:source:title").input("Nordic neighbours step up support")
    at.date_input(key="article:source:published").set_value(published)
    at.button(key="article:find").click()
    return ok(at.run())


def edit(at: AppTest, rows: dict[int, dict[str, object]]) -> AppTest:
    """Cell edits as the researcher makes them (row numbers as shown, from 1)."""
    editor = at.data_editor[0]
    at.session_state[editor.key] = {
        "edited_rows": {number - 1: cells for number, cells in rows.items()},
        "added_rows": [],
        "deleted_rows": [],
    }
    return ok(at.run())


def sign_in(at: AppTest) -> AppTest:
    at.text_input(key="signin:form:name").input(EDITOR)
    at.text_input(key="signin:form:password").input(PASSWORD)
    next(b for b in at.button if b.label == "Sign in").click()
    return ok(at.run())


def accept(at: AppTest) -> AppTest:
    at.button(key="article:accept").click()
    return ok(at.run())


def recorded(session: Session) -> list[tuple]:
    """What the editor's entries say: donor, event, item, figures, hedge, total, status, URL."""
    E, P, D, I, S = m.LedgerEntry, m.Package, m.Donor, m.Item, m.Source
    rows = session.exec(
        select(
            D.code,
            E.event,
            I.label,
            E.quantity,
            E.quantity_high,
            E.unit,
            E.amount,
            E.currency,
            E.qualifier,
            E.cumulative,
            E.event_date,
            E.review_status,
            S.url,
        )
        .join(P, P.id == E.package_id)
        .join(D, D.id == P.donor_id)
        .join(S, S.id == E.source_id)
        .outerjoin(I, I.id == E.item_id)
        .where(E.recorded_by == EDITOR)
        .order_by(E.id)
    )
    return [tuple(row) for row in rows]


def test_candidates_are_listed_with_the_sentence_and_figure_each_was_read_from(stored):
    at = pasted()
    table = at.data_editor[0].value
    assert table[["#", "Donor", "Event", "Item", "Quantity", "Unit", "Amount", "Currency"]].fillna(
        ""
    ).values.tolist() == [
        [1, "NO", "pledge", "", "", "", "1,500,000,000", "NOK"],
        [2, "SE", "delivery", "Archer howitzers", "18", "howitzer", "", ""],
        [3, "NL", "estimate", "drones", "30", "drone", "", ""],
        [4, "DK", "pledge", "Leopard 1 tanks", "12", "tank", "", ""],
        [5, "DK", "pledge", "radars", "3", "radar", "", ""],
    ]
    assert table["Accept"].tolist() == [True, True, False, True, True]  # estimates unticked
    assert table["Quantity to"].tolist()[4] == "5"
    assert table["Running total"].tolist() == [False, True, False, False, False]
    assert "choose pledge, allocation, delivery or cancellation" in table["Check"][2]
    assert table["Sentence"][1] == (
        "Sweden has delivered ⟦18 Archer howitzers⟧ so far, the government in Stockholm said."
    )
    marked = at.html[0].value
    assert "<mark>18 Archer howitzers</mark><sup>2</sup>" in marked
    assert "<mark>between 3 and 5 radars</mark><sup>5</sup>" in marked
    assert "Odesa" not in marked  # the casualties and the downed drones are not aid
    # reading needs no account; accepting does
    assert "article:accept" not in [b.key for b in at.button]
    assert any(t.value == "Sign in to write" for t in at.subheader)


def test_an_editor_fixes_one_rejects_one_and_the_ledger_holds_exactly_the_rest(stored):
    at = pasted()
    at = edit(at, {3: {"Event": "pledge", "Accept": True}, 4: {"Accept": False}})
    at = accept(sign_in(at))

    assert [s.value for s in at.success] == ["4 draft entries recorded from the article."]
    day = date(2024, 10, 9)
    assert recorded(stored) == [
        (
            "NO",
            "pledge",
            None,
            None,
            None,
            None,
            Decimal("1500000000"),
            "NOK",
            "exact",
            False,
            day,
            "draft",
            URL,
        ),
        (
            "SE",
            "delivery",
            "Archer howitzers",
            Decimal(18),
            None,
            "howitzer",
            None,
            None,
            "exact",
            True,
            day,
            "draft",
            URL,
        ),
        (
            "NL",
            "pledge",
            "drones",
            Decimal(30),
            None,
            "drone",
            None,
            None,
            "about",
            False,
            day,
            "draft",
            URL,
        ),
        (
            "DK",
            "pledge",
            "radars",
            Decimal(3),
            Decimal(5),
            "radar",
            None,
            None,
            "range",
            False,
            day,
            "draft",
            URL,
        ),
    ]
    assert not at.data_editor  # accepted: the table is gone, it cannot be accepted twice


def test_a_refused_acceptance_names_the_row_and_keeps_the_table(stored):
    at = sign_in(pasted())
    at = edit(at, {3: {"Accept": True}, 2: {"Quantity": "18.000,5"}})
    key = at.data_editor[0].key
    at = accept(at)

    (error,) = [e.value for e in at.error]
    assert "Row 2: Quantity: " in error and "You typed “18.000,5”." in error
    assert "Row 3: Event: an estimate is not an event" in error
    assert recorded(stored) == []
    assert at.data_editor[0].key == key  # the same table, with the researcher's edits
    assert at.session_state[key]["edited_rows"] == {
        2: {"Accept": True},
        1: {"Quantity": "18.000,5"},
    }

    at = edit(at, {3: {"Accept": True, "Event": "delivery"}, 2: {"Quantity": "18"}})
    at = accept(at)
    assert [row[:2] for row in recorded(stored)] == [
        ("NO", "pledge"),
        ("SE", "delivery"),
        ("NL", "delivery"),
        ("DK", "pledge"),
        ("DK", "pledge"),
    ]


def test_the_dateline_dates_the_article_and_stays_editable(stored):
    at = AppTest.from_file(str(DASHBOARDS / "app.py"), default_timeout=RUN_TIMEOUT)
    ok(at.run())
    at.switch_page("app_pages/from_article.py")
    ok(at.run())
    at.text_area(key="article:text").input("OSLO, Oct. 9, 2024 (Wire) - " + ARTICLE)
    at = ok(at.run())
    assert at.date_input(key="article:source:published").value == date(2024, 10, 9)
    assert any("as the article's dateline says" in c.value for c in at.caption)
    at.date_input(key="article:source:published").set_value(date(2024, 10, 8))
    at.text_area(key="article:text").input("Kyiv, 10 October 2024 — " + ARTICLE)
    at = ok(at.run())
    assert at.date_input(key="article:source:published").value == date(2024, 10, 8)  # chosen
    at.text_input(key="article:source:url").input(URL)
    at.date_input(key="article:source:published").set_value(None)
    at.button(key="article:find").click()
    at = ok(at.run())
    assert at.date_input(key="article:source:published").value == date(2024, 10, 10)
    assert set(at.data_editor[0].value["Date"].tolist()) == {date(2024, 10, 10)}


def test_the_article_must_be_named_before_anything_is_accepted(stored):
    at = pasted()
    at.text_input(key="article:source:url").input("")
    at.text_input(key="article:source:title").input("")
    at = accept(sign_in(ok(at.run())))
    (error,) = [e.value for e in at.error]
    assert "needs a URL or a title: describe the article the facts come from" in error
    assert recorded(stored) == []
    assert at.data_editor  # still there to accept once the article is described
