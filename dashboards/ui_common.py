"""What every page shares: the cached engine (migrated once per process) and sessions."""

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
from sqlmodel import Session

from tracker import db


@st.cache_resource
def engine():
    """One engine per server process (a Session is never cached); migrated on first use."""
    eng = db.get_engine()
    db.upgrade(eng)
    return eng


@contextmanager
def engine_and_migrate() -> Iterator[Session]:
    with Session(engine(), expire_on_commit=False) as session:
        yield session
