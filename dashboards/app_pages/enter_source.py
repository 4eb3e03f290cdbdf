"""Research: add a source (an article, an official release, a statement) to cite later.

The other forms can describe a new source inline too; this page is for recording one first,
e.g. while reading a long release that several figures will cite.
"""

import streamlit as st

from dashboards.widgets import entry_widgets as ew
from dashboards.widgets import signin
from tracker import services as svc
from tracker.i18n import gettext as _

st.title(_("Add a source"))
account = signin.require("editor")
st.caption(
    "Every figure cites a source. An address already recorded (with or without www, https or "
    "a trailing slash) is the same source and is not added twice."
)
data = ew.new_source_fields("source_form")


def _save(session) -> str:
    existing = svc.find_source(session, data)
    if existing is not None:
        return f"This source is recorded already as #{existing.id}; nothing was added."
    source = svc.get_or_create_source(session, data, actor=account.name)
    return f"Source #{source.id} saved: {source.title or source.url}"


if st.button(_("Save source"), type="primary", key="source_form:save"):
    ew.save(_save)
