"""Overview page (placeholder until the dashboards land)."""

import streamlit as st

from tracker import queries
from ui_common import engine_and_migrate

st.title("Pledged versus delivered")
with engine_and_migrate() as session:
    rows = queries.balance_rows(session, queries.make_view(), currency="EUR")
st.metric("Ledger lines", len(rows))
