"""The Streamlit app: app.py (navigation), pages/ (one file per page) and widgets/ (shared
pieces). Pages call tracker.queries and tracker.services only; they never touch SQL."""
