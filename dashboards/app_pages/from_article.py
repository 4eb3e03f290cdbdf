"""Research: from an article to draft ledger entries.

Paste a news article (or upload it as a .txt file), describe where it comes from, and the
extractor proposes the pledges and deliveries in it. Each candidate is a row to check: fix what
was misread, untick what is not aid, then accept the ticked rows. They are written as drafts
(a reviewer still checks them) citing the article, all of them or, if any row is refused,
none; the table keeps every edit so the refused row can be fixed and accepted again.

The article's dateline ("Kyiv, 3 March 2024 —", "Jan. 20, 2026") is read from the pasted
text into the source's "Published" date, which dates every fact the article does not date
itself; it stays editable.

Reading needs no account; accepting needs a signed-in editor (the sign-in appears below the
table, so a candidate list is never lost to it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pandas as pd
import streamlit as st
from sqlmodel import Session

from dashboards.widgets import candidate_table as ct
from dashboards.widgets import entry_widgets as ew
from dashboards.widgets import signin, ui_common
from tracker import queries
from tracker.domain import models as m
from tracker.domain.display import format_number
from tracker.domain.parsing import find_dateline
from tracker.domain.vocab import SUPPORTED_LOCALES
from tracker.extract import CandidateFact, extract_facts
from tracker.i18n import gettext as _
from tracker.i18n import ngettext
from tracker.services import accept

SCOPE = "article"
TEXT, FILE, READ_LOCALE = f"{SCOPE}:text", f"{SCOPE}:file", f"{SCOPE}:read_locale"
FOUND, FLASH, RUNS = f"{SCOPE}:found", f"{SCOPE}:flash", f"{SCOPE}:runs"
DATELINE, PUBLISHED = f"{SCOPE}:dateline", f"{SCOPE}:source:published"
EVENT_CHOICES = (*accept.ACCEPTED_EVENTS, "estimate")


@dataclass(frozen=True)
class Found:
    """One extraction run: the text it read, its candidates, the table built from them, the
    editor key that holds the researcher's edits of that table, and the locale its figures
    are written and read back in (fixed, so changing the sidebar's language later cannot
    turn a typed "1.500" from 1500 into 1.5)."""

    text: str
    facts: tuple[CandidateFact, ...]
    table_key: str
    table: pd.DataFrame  # what the editor starts from (never changed; edits live in its key)
    locale: str


def load_upload() -> None:
    """Put an uploaded .txt file's text into the text box (a callback, so before the run)."""
    upload = st.session_state.get(FILE)
    if upload is None:
        return
    try:
        st.session_state[TEXT] = upload.getvalue().decode("utf-8-sig")
    except UnicodeDecodeError:
        st.session_state[FLASH] = (
            "error",
            _("{file} is not UTF-8 text; save it as UTF-8.").format(file=upload.name),
        )
        return
    read_dateline()


def read_dateline() -> None:
    """Date the article from its dateline (a callback, so before the date field is drawn).

    The "Published" field takes the dateline when it is empty or still holds the dateline of
    the text pasted before; a date the researcher chose stays. A date after today is no
    dateline the form can take."""
    day = find_dateline(st.session_state.get(TEXT, ""))
    if day is not None and day > ui_common.today():
        day = None
    if day is not None and st.session_state.get(PUBLISHED) in (
        None,
        st.session_state.get(DATELINE),
    ):
        st.session_state[PUBLISHED] = day
    st.session_state[DATELINE] = day


def find_candidates(text: str, published: date | None, read_locale: str, locale: str) -> None:
    """Run the extractor and start a fresh review table (earlier edits are dropped)."""
    facts = tuple(extract_facts(text, published=published, locale=read_locale))
    runs = st.session_state.get(RUNS, 0) + 1
    st.session_state[RUNS] = runs
    table = ct.candidate_rows(facts, text, locale=locale, read_locale=read_locale)
    st.session_state[FOUND] = Found(text, facts, f"{SCOPE}:table:{runs}", table, locale)


def column_labels() -> dict[str, str]:
    """The review table's headers in the reader's language (the table's own column names
    stay English: they are the keys the edits are stored under)."""
    return {
        ct.ROW: "#",
        ct.ACCEPT: _("Accept"),
        ct.DONOR: _("Donor"),
        ct.EVENT: _("Event"),
        ct.ITEM: _("Item"),
        ct.EQUIPMENT: _("Equipment"),
        ct.QUANTITY: _("Quantity"),
        ct.QUANTITY_HIGH: _("Quantity to"),
        ct.UNIT: _("Unit"),
        ct.AMOUNT: _("Amount"),
        ct.AMOUNT_HIGH: _("Amount to"),
        ct.CURRENCY: _("Currency"),
        ct.QUALIFIER: _("Qualifier"),
        ct.CUMULATIVE: _("Running total"),
        ct.DATE: _("Date"),
        ct.AID_TYPE: _("Aid type"),
        ct.CHECK: _("Check"),
        ct.SENTENCE: _("Sentence"),
    }


def column_config(ctx: ui_common.Context, found: Found) -> dict:
    """How each column of the review table is edited."""
    names = ctx.donor_names
    donors = sorted({*names, *(f.donor for f in found.facts if f.donor)})
    catalogue = [row["name"] for row in ctx.query(queries.equipment_choices)]
    equipment = sorted({*catalogue, *(f.equipment for f in found.facts if f.equipment)})
    example = format_number(Decimal("1500.5"), found.locale)
    number_help = _("Written as in {locale} (e.g. {example}); scale words are read too").format(
        locale=found.locale, example=example
    )
    cc = st.column_config
    label = column_labels()
    return {
        ct.ROW: cc.NumberColumn(label[ct.ROW], width="small"),
        ct.ACCEPT: cc.CheckboxColumn(label[ct.ACCEPT], help=_("Untick what is not an aid fact.")),
        ct.DONOR: cc.SelectboxColumn(
            label[ct.DONOR],
            options=donors,
            width="medium",
            format_func=lambda c: f"{names.get(c, c)} ({c})",
        ),
        ct.EVENT: cc.SelectboxColumn(label[ct.EVENT], options=EVENT_CHOICES, required=True),
        ct.ITEM: cc.TextColumn(label[ct.ITEM], help=_("What was given, as the article words it.")),
        ct.EQUIPMENT: cc.SelectboxColumn(
            label[ct.EQUIPMENT], options=equipment, help=_("The catalogue entry the item is.")
        ),
        ct.QUANTITY: cc.TextColumn(label[ct.QUANTITY], help=number_help),
        ct.QUANTITY_HIGH: cc.TextColumn(
            label[ct.QUANTITY_HIGH], help=_("The high end of a range.")
        ),
        ct.UNIT: cc.TextColumn(label[ct.UNIT], help=_("tank, shell, vehicle, tonne ...")),
        ct.AMOUNT: cc.TextColumn(label[ct.AMOUNT], help=number_help),
        ct.AMOUNT_HIGH: cc.TextColumn(label[ct.AMOUNT_HIGH], help=_("The high end of a range.")),
        ct.CURRENCY: cc.TextColumn(label[ct.CURRENCY], help=_("ISO 4217 code: EUR, USD, NOK ...")),
        ct.QUALIFIER: cc.SelectboxColumn(label[ct.QUALIFIER], options=m.QUALIFIERS, required=True),
        ct.CUMULATIVE: cc.CheckboxColumn(
            label[ct.CUMULATIVE], help=_("The figure is a total so far, not a new event.")
        ),
        ct.DATE: cc.DateColumn(label[ct.DATE], format="YYYY-MM-DD", max_value=ui_common.today()),
        ct.AID_TYPE: cc.SelectboxColumn(label[ct.AID_TYPE], options=m.AID_TYPES, required=True),
        ct.CHECK: cc.TextColumn(label[ct.CHECK], width="large"),
        ct.SENTENCE: cc.TextColumn(
            label[ct.SENTENCE], width="large", help=_("The figure read is between ⟦ and ⟧.")
        ),
    }


def show_flash() -> None:
    """The outcome of the last acceptance or upload, kept across the rerun that followed."""
    flash = st.session_state.pop(FLASH, None)
    if flash is not None:
        kind, message = flash
        (st.success if kind == "success" else st.error)(message)


st.title(_("From an article"))
st.caption(
    _(
        "Paste a news article: the candidate pledges and deliveries in it are listed with the "
        "sentence each was read from. Check them, fix what was misread, untick what is not "
        "aid, and accept the rest into the ledger as drafts citing the article."
    )
)
ctx = ui_common.context()
show_flash()

st.file_uploader(
    _("Upload the article as a .txt file"), type=["txt"], key=FILE, on_change=load_upload
)
st.text_area(
    _("Article text"),
    key=TEXT,
    height=220,
    placeholder=_("Paste the article, live-blog entry or statement here"),
    on_change=read_dateline,
)
with st.expander(
    _("Where the article comes from (the source of every accepted fact)"), expanded=True
):
    source = ew.new_source_fields(f"{SCOPE}:source")
    dateline = st.session_state.get(DATELINE)
    if dateline is not None and source.published == dateline:
        st.caption(
            _(
                "Published on {day}, as the article's dateline says; it dates every fact the "
                "article does not date itself. Change it if the dateline is not the article's."
            ).format(day=ctx.fmt.day(dateline))
        )
    else:
        st.caption(_("The published date also dates sentences that say “on Tuesday” or nothing."))
read_locale = st.selectbox(
    _("Numbers in the article are written as in"),
    SUPPORTED_LOCALES,
    key=READ_LOCALE,
    help="en: 1,500.5 · de: 1.500,5 · fr and uk: 1 500,5",
)

if st.button(_("Find candidates"), type="primary", key=f"{SCOPE}:find", on_click=read_dateline):
    text = st.session_state.get(TEXT, "")
    if text.strip():
        find_candidates(text, source.published, read_locale, ctx.locale)
    else:
        st.warning(_("Paste an article or upload a .txt file first."))

found: Found | None = st.session_state.get(FOUND)
if found is not None and not found.facts:
    st.info(_("No candidate aid facts were found in this text."))
elif found is not None:
    st.subheader(_("Candidates ({n})").format(n=len(found.facts)))
    with st.expander(_("Where each candidate was read"), expanded=True):
        st.html(ct.marked_sentences_html(found.facts, found.text, found.table[ct.CHECK].tolist()))
    edited = st.data_editor(
        found.table,
        key=found.table_key,
        hide_index=True,
        num_rows="fixed",
        column_config=column_config(ctx, found),
        disabled=list(ct.READ_ONLY),
    )
    ticked = int(edited[ct.ACCEPT].eq(True).sum())
    st.caption(
        _(
            "{ticked} of {n} ticked. Accepted rows become draft entries: one package per donor "
            "and aid type, titled after the article."
        ).format(ticked=ticked, n=len(found.facts))
    )
    account = signin.require("editor")
    stated = [ct.figure_text(fact, found.text) for fact in found.facts]
    recorded: list[str] = []

    def accept_rows(session: Session) -> str:
        facts, unreadable = ct.reviewed_facts(edited, stated, locale=found.locale)
        entries = accept.accept_candidates(
            session, facts, source=source, actor=account.name, unreadable=unreadable
        )
        recorded.append(
            ngettext(
                "{n} draft entry recorded from the article.",
                "{n} draft entries recorded from the article.",
                len(entries),
            ).format(n=len(entries))
        )
        return recorded[-1]

    clicked = st.button(
        ngettext(
            "Accept {n} row into the ledger", "Accept {n} rows into the ledger", ticked
        ).format(n=ticked),
        type="primary",
        key=f"{SCOPE}:accept",
        disabled=not ticked,
    )
    if clicked and ew.save(accept_rows):  # refused: the message shows, the edits stay
        st.session_state[FLASH] = ("success", recorded[-1])
        st.session_state.pop(FOUND, None)  # accepted: a second click cannot repeat it
        st.rerun()
