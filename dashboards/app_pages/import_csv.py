"""Research: import a ledger CSV (docs/ledger-csv.md) from an upload.

The file is previewed as soon as it is chosen. "Check" reads and validates every row and
writes nothing; "Import" does the same and writes the file only if every row is valid, in one
transaction. Problems are listed per row with line, field and value. Importing a file again
adds nothing: rows are matched by their entry_id.
"""

import pandas as pd
import streamlit as st

from dashboards.widgets import signin, ui_common
from tracker import db
from tracker.i18n import gettext as _
from tracker.i18n import ngettext
from tracker.io.csv_columns import ImportFailed, RowError, decode, read_rows
from tracker.services.ledger_import import ImportReport, import_in_transaction

SCOPE = "import"
PREVIEW_ROWS = 20

st.title(_("Import a ledger CSV"))
account = signin.require("editor")
st.caption(
    _(
        "One row per ledger entry, UTF-8, with the columns of the ledger's interchange format "
        "(the format the ledger's CSV export writes)."
    )
)
upload = st.file_uploader(_("Ledger CSV"), type=["csv"], key=f"{SCOPE}:file")
if upload is None:
    st.stop()
data = upload.getvalue()


def show_problems(errors: list[RowError]) -> None:
    st.error(
        ngettext(
            "{file}: {n} problem; nothing was imported.",
            "{file}: {n} problems; nothing was imported.",
            len(errors),
        ).format(file=upload.name, n=len(errors))
    )
    st.dataframe(
        pd.DataFrame(
            [
                {
                    _("Line"): e.line or "",
                    _("Column"): e.field,
                    _("Value"): e.value,
                    _("Problem"): e.message,
                }
                for e in errors
            ]
        ),
        hide_index=True,
    )


try:
    preview = []
    for _line, row in read_rows(decode(data)):
        if len(preview) == PREVIEW_ROWS:
            break
        preview.append(row)
except ImportFailed as exc:
    show_problems(exc.errors)
    st.stop()
st.markdown(_("**{file}**: the first rows as read").format(file=upload.name))
st.dataframe(pd.DataFrame(preview), hide_index=True)


def run(*, write: bool) -> ImportReport | None:
    """Import with a progress bar; ``write=False`` checks only (everything is rolled back)."""
    bar = st.progress(0.0, text=_("Reading the file"))
    try:
        report = import_in_transaction(
            ui_common.engine(),
            data,
            write=write,
            actor=account.name,
            label=upload.name,
            progress=lambda fraction, message: bar.progress(fraction, text=message),
            may_review=account.may("reviewer"),
        )
    except ImportFailed as exc:
        bar.empty()
        show_problems(exc.errors)
        return None
    except db.DatabaseError as exc:
        bar.empty()
        st.error(_("Nothing was imported: {reason}").format(reason=exc))
        return None
    return report


left, right = st.columns(2)
if left.button(_("Check"), key=f"{SCOPE}:check"):
    checked = run(write=False)
    if checked is not None:
        st.success(
            ngettext(
                "The {n} row is valid: {added} would be added, {unchanged} already in the "
                "ledger. Nothing was written yet.",
                "All {n} rows are valid: {added} would be added, {unchanged} are already in the "
                "ledger. Nothing was written yet.",
                checked.rows,
            ).format(n=checked.rows, added=checked.inserted, unchanged=checked.unchanged)
        )
if right.button(_("Import"), type="primary", key=f"{SCOPE}:import"):
    done = run(write=True)
    if done is not None:
        st.success(
            ngettext(
                "{file}: {n} entry imported, {unchanged} already in the ledger, {warnings} new "
                "reconciliation warnings.",
                "{file}: {n} entries imported, {unchanged} already in the ledger, {warnings} new "
                "reconciliation warnings.",
                done.inserted,
            ).format(
                file=upload.name,
                n=done.inserted,
                unchanged=done.unchanged,
                warnings=done.new_warnings,
            )
        )
