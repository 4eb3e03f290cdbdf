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
    "One row per ledger entry, UTF-8, with the columns of the interchange format "
    "(the same file `tracker export` writes and `tracker import FILE` reads)."
)
upload = st.file_uploader("Ledger CSV", type=["csv"], key=f"{SCOPE}:file")
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
                {"Line": e.line or "", "Field": e.field, "Value": e.value, "Problem": e.message}
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
st.markdown(f"**{upload.name}**: the first rows as read")
st.dataframe(pd.DataFrame(preview), hide_index=True)


def run(*, write: bool) -> ImportReport | None:
    """Import with a progress bar; ``write=False`` checks only (everything is rolled back)."""
    bar = st.progress(0.0, text="Reading the file")
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
        st.error(f"Nothing was imported: {exc}")
        return None
    return report


left, right = st.columns(2)
if left.button(_("Check"), key=f"{SCOPE}:check"):
    checked = run(write=False)
    if checked is not None:
        st.success(
            f"All {checked.rows} rows are valid: {checked.inserted} would be added, "
            f"{checked.unchanged} are already in the ledger. Nothing was written yet."
        )
if right.button(_("Import"), type="primary", key=f"{SCOPE}:import"):
    done = run(write=True)
    if done is not None:
        st.success(
            f"{upload.name}: {done.inserted} entries imported, "
            f"{done.unchanged} were already in the ledger, {done.new_warnings} new "
            "reconciliation warnings."
        )
