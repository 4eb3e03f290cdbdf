"""One file per page; app.py registers them with st.navigation."""
