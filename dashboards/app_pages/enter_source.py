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
    _(
        "Every figure cites a source. An address already recorded (with or without www, https "
        "or a trailing slash) is the same source and is not added twice."
    )
)
data = ew.new_source_fields("source_form")


def _save(session) -> str:
    existing = svc.find_source(session, data)
    if existing is not None:
        return _("This source is recorded already: {source}. Nothing was added.").format(
            source=existing.title or existing.url
        )
    source = svc.get_or_create_source(session, data, actor=account.name)
    return _("Source saved: {source}.").format(source=source.title or source.url)


ew.save_button("source_form", _("Save source"), _save)
