"""Streamlit entry point: one navigation, one file per page (pages only call tracker.queries,
tracker.ledger and tracker.services; they never touch SQL)."""

import sys
from pathlib import Path

import streamlit as st

HERE = Path(__file__).parent
if str(HERE) not in sys.path:  # pages import ui_common from this folder
    sys.path.insert(0, str(HERE))

st.set_page_config(page_title="Aid tracker", layout="wide")

pages = {
    "Browse": [
        st.Page(str(HERE / "overview.py"), title="Overview", default=True, url_path="overview"),
    ],
}

st.navigation(pages).run()
