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
from tracker.i18n import gettext as _

PAGES = Path(__file__).resolve().parent / "app_pages"

ui_common.apply_locale()  # before any text: navigation titles are in the reader's language
st.set_page_config(page_title=_("Aid tracker"), layout="wide")

pages = {
    _("Browse"): [
        st.Page(str(PAGES / "overview.py"), title=_("Overview"), default=True, url_path="home"),
        # Streamlit serves the default page at "/" only, so a link to /overview (the page's own
        # name, which AppTest and the other pages use) would say "Page not found" without this
        # second, unlisted entry for the same file.
        st.Page(
            str(PAGES / "overview.py"),
            title=_("Overview"),
            url_path="overview",
            visibility="hidden",
        ),
        st.Page(str(PAGES / "donors.py"), title=_("Donors"), url_path="donors"),
        st.Page(str(PAGES / "packages.py"), title=_("Packages"), url_path="packages"),
        st.Page(str(PAGES / "equipment.py"), title=_("Equipment"), url_path="equipment"),
        st.Page(str(PAGES / "ledger.py"), title=_("Ledger"), url_path="ledger"),
    ],
    _("Research"): [
        st.Page(
            str(PAGES / "record.py"), title=_("Record a pledge or delivery"), url_path="record"
        ),
        st.Page(str(PAGES / "enter_event.py"), title=_("Record an event"), url_path="enter_event"),
        st.Page(str(PAGES / "enter_item.py"), title=_("Add an item"), url_path="enter_item"),
        st.Page(
            str(PAGES / "enter_package.py"), title=_("Add a package"), url_path="enter_package"
        ),
        st.Page(str(PAGES / "enter_source.py"), title=_("Add a source"), url_path="enter_source"),
        st.Page(str(PAGES / "import_csv.py"), title=_("Import CSV"), url_path="import_csv"),
        st.Page(
            str(PAGES / "from_article.py"), title=_("From an article"), url_path="from_article"
        ),
        st.Page(str(PAGES / "review.py"), title=_("Review"), url_path="review"),
        st.Page(str(PAGES / "audit.py"), title=_("Audit trail"), url_path="audit"),
    ],
}

navigation = st.navigation(pages)
ui_common.sidebar()
navigation.run()
