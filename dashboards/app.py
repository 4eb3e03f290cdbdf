"""Streamlit entry point: one navigation, one file per page, the shared sidebar on every page.

Pages only call tracker.queries, tracker.ledger and tracker.services; they never touch SQL.
Other features add their pages to ``pages`` (section "Research" for data entry).

Offline on purpose: no ``page_icon`` and no page icons, because Streamlit shows a Material
icon as the tab's favicon by fetching it from Google's servers, and research teams run this
app on closed networks (icons inside the page come from the bundled font and are fine).
"""

from pathlib import Path

import streamlit as st

from dashboards.widgets import ui_common

PAGES = Path(__file__).resolve().parent / "app_pages"

st.set_page_config(page_title="Aid tracker", layout="wide")

pages = {
    "Browse": [
        st.Page(str(PAGES / "overview.py"), title="Overview", default=True, url_path="overview"),
        st.Page(str(PAGES / "donors.py"), title="Donors", url_path="donors"),
        st.Page(str(PAGES / "packages.py"), title="Packages", url_path="packages"),
        st.Page(str(PAGES / "equipment.py"), title="Equipment", url_path="equipment"),
        st.Page(str(PAGES / "ledger.py"), title="Ledger", url_path="ledger"),
    ],
    "Research": [
        st.Page(str(PAGES / "enter_event.py"), title="Record an event", url_path="enter_event"),
        st.Page(str(PAGES / "enter_item.py"), title="Add an item", url_path="enter_item"),
        st.Page(str(PAGES / "enter_package.py"), title="Add a package", url_path="enter_package"),
        st.Page(str(PAGES / "enter_source.py"), title="Add a source", url_path="enter_source"),
        st.Page(str(PAGES / "import_csv.py"), title="Import CSV", url_path="import_csv"),
        st.Page(str(PAGES / "from_article.py"), title="From an article", url_path="from_article"),
        st.Page(str(PAGES / "review.py"), title="Review", url_path="review"),
        st.Page(str(PAGES / "audit.py"), title="Audit trail", url_path="audit"),
    ],
}

navigation = st.navigation(pages)
ui_common.sidebar()
navigation.run()
