"""Streamlit entry point: one navigation, one file per page, the shared sidebar on every page.

Pages only call tracker.queries, tracker.ledger and tracker.services; they never touch SQL.
Other features add their pages to ``pages`` (section "Research" for data entry).
"""

import sys
from pathlib import Path

import streamlit as st

HERE = Path(__file__).parent
if str(HERE) not in sys.path:  # pages import ui_common from this folder
    sys.path.insert(0, str(HERE))

import ui_common  # noqa: E402  (needs the folder on sys.path first)

st.set_page_config(
    page_title="Aid tracker", page_icon=":material/volunteer_activism:", layout="wide"
)

pages = {
    "Browse": [
        st.Page(
            str(HERE / "overview.py"),
            title="Overview",
            default=True,
            url_path="overview",
            icon=":material/dashboard:",
        ),
        st.Page(str(HERE / "donors.py"), title="Donors", url_path="donors", icon=":material/flag:"),
        st.Page(
            str(HERE / "packages.py"),
            title="Packages",
            url_path="packages",
            icon=":material/inventory_2:",
        ),
        st.Page(
            str(HERE / "equipment.py"),
            title="Equipment",
            url_path="equipment",
            icon=":material/military_tech:",
        ),
        st.Page(
            str(HERE / "ledger.py"),
            title="Ledger",
            url_path="ledger",
            icon=":material/receipt_long:",
        ),
    ],
}

navigation = st.navigation(pages)
ui_common.sidebar()
navigation.run()
