"""The review page: each card's buttons act on the entry on that card (its id and version
travel with the click), the list drawn afterwards already leaves out what was reviewed, and
the message names the entry that changed."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from tests.dashboards import test_entry_pages as pages
from tests.dashboards.apptest import table_with, texts
from tests.dashboards.test_entry_pages import (
    REVIEWER,
    click,
    errors,
    set_values,
    successes,
)
from tests.dashboards.test_entry_pages import _draft as record_draft
from tracker import services as svc
from tracker.domain import models as m
from tracker.services import accounts as auth

# The entry pages' fixtures: a copy of the seeded database with an editor and a reviewer.
with_accounts, stored, open_as = pages.with_accounts, pages.stored, pages.open_as


def review_status(stored: Session, entry: m.LedgerEntry) -> tuple[str, str | None]:
    stored.expire_all()
    again = stored.get(m.LedgerEntry, entry.id)
    return again.review_status, again.reviewed_by


def test_a_reviewer_marks_a_draft_reviewed(open_as, stored) -> None:
    draft = record_draft(stored)
    at = open_as("review.py", REVIEWER)
    queue = table_with(at, "Entry")
    assert queue["Entry"].tolist() == [draft.id]
    assert queue["Figure"].tolist() == ["25,000\u00a0shells"]
    at = click(at, f"review:approve:{draft.id}")
    line = stored.get(m.Item, draft.item_id).label
    assert successes(at) == [f"Approved: European Union, {line}: 25,000\u00a0shells, Jun 1, 2024"]
    assert review_status(stored, draft) == ("reviewed", REVIEWER)
    assert "No entries in “Drafts”." in texts(at)


def test_each_click_acts_on_the_entry_of_its_card_and_the_list_follows(open_as, stored) -> None:
    first = record_draft(stored, 25000, date(2024, 6, 1))
    second = record_draft(stored, 40000, date(2024, 7, 1))
    third = record_draft(stored, 60000, date(2024, 8, 1))
    at = open_as("review.py", REVIEWER)
    assert table_with(at, "Entry")["Entry"].tolist() == [first.id, second.id, third.id]
    at = click(at, f"review:approve:{second.id}")
    [message] = successes(at)
    assert message.startswith("Approved: European Union") and "40,000" in message
    # The list drawn after the click no longer holds the approved entry.
    assert table_with(at, "Entry")["Entry"].tolist() == [first.id, third.id]
    at = set_values(at, **{f"review__comment__{third.id}": "The release says 50,000."})
    at = click(at, f"review:return:{third.id}")
    [message] = successes(at)
    assert message.startswith("Sent back: European Union") and "60,000" in message
    assert table_with(at, "Entry")["Entry"].tolist() == [first.id]
    assert review_status(stored, first) == ("draft", None)
    assert review_status(stored, second) == ("reviewed", REVIEWER)
    assert review_status(stored, third) == ("returned", REVIEWER)


def test_sending_back_needs_a_comment_which_is_kept_with_the_entry(open_as, stored) -> None:
    draft = record_draft(stored)
    at = open_as("review.py", REVIEWER)
    at = click(at, f"review:return:{draft.id}")
    assert errors(at) == ["Not saved. Comment: say why the entry is sent back."]
    at = set_values(at, **{f"review__comment__{draft.id}": "The release says 20,000."})
    at = click(at, f"review:return:{draft.id}")
    assert successes(at)[0].startswith("Sent back: European Union")
    at = set_values(at, review__status="returned")
    assert table_with(at, "Comment")["Comment"].tolist() == ["The release says 20,000."]


def test_a_review_of_an_entry_someone_reviewed_meanwhile_is_refused(open_as, stored) -> None:
    draft = record_draft(stored)
    at = open_as("review.py", REVIEWER)
    svc.review_entry(stored, draft.id, status="returned", reviewer="ana", comment="Wrong day.")
    stored.commit()
    at = click(at, f"review:approve:{draft.id}")
    assert errors(at)[0].startswith("Not saved: someone else changed this record")
    assert review_status(stored, draft) == ("returned", "ana")


def test_a_click_after_the_reviewer_lost_the_role_changes_nothing(open_as, stored) -> None:
    entry = record_draft(stored)
    at = open_as("review.py", REVIEWER)
    account = auth.find_user(stored, REVIEWER)
    account.role = "editor"  # an admin changed the role while the page was open
    stored.add(account)
    stored.commit()
    at = click(at, f"review:approve:{entry.id}")
    assert errors(at) == [
        "Not saved: your account may no longer review entries.",
        "taras is signed in as editor; this page needs the role reviewer or higher. Ask an "
        "admin to give your account that role.",
    ]
    assert review_status(stored, entry) == ("draft", None)
