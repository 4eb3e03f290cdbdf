"""Sources: found by their key (URL or outlet+title+date) or created, audited."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from tracker.domain import models as m
from tracker.services.core import (
    ValidationError,
    audit,
    existing_row,
    optional_text,
    require_choice,
)


def source_key(
    url: str | None, outlet: str | None, title: str | None, published: date | None
) -> str:
    """The natural key of a source: its URL without scheme/fragment/trailing slash, else
    outlet + title + date. Two rows citing the same article thus share one Source."""
    if url:
        key = re.sub(r"^https?://(www\.)?", "", url.strip(), flags=re.IGNORECASE)
        key = key.split("#", 1)[0].rstrip("/")
        return "url:" + key
    parts = [outlet or "", title or "", published.isoformat() if published else ""]
    return "doc:" + "|".join(p.strip().lower() for p in parts)


@dataclass(frozen=True)
class SourceInput:
    """What a researcher says about where a figure comes from."""

    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: date | None = None
    accessed: date | None = None
    quote: str | None = None
    claimant: str | None = None
    reliability: str = "media"

    def validated(self) -> SourceInput:
        url = optional_text(self.url, field="source_url")
        if url and not re.match(r"^https?://\S+$", url):
            raise ValidationError("source_url", self.url, "must be an http(s) address")
        title = optional_text(self.title, field="source_title")
        if not url and not title:
            raise ValidationError("source", "", "needs a URL or a title")
        require_choice("source_reliability", self.reliability, m.RELIABILITY_GRADES)
        if self.quote and len(self.quote) > 1000:
            raise ValidationError("source_quote", self.quote[:40] + "...", "keep quotes short")
        return SourceInput(
            url=url,
            outlet=optional_text(self.outlet, field="source_outlet"),
            title=title,
            published=self.published,
            accessed=self.accessed,
            quote=optional_text(self.quote, field="source_quote"),
            claimant=optional_text(self.claimant, field="source_claimant"),
            reliability=self.reliability,
        )


def find_source(session: Session, data: SourceInput) -> m.Source | None:
    """The stored source with the natural key of ``data`` (checked first), if any."""
    data = data.validated()
    key = source_key(data.url, data.outlet, data.title, data.published)
    return session.exec(select(m.Source).where(m.Source.key == key)).first()


def get_or_create_source(session: Session, data: SourceInput, *, actor: str) -> m.Source:
    """The existing source with the same natural key, or a new one (audited)."""
    existing = find_source(session, data)
    if existing is not None:
        return existing
    data = data.validated()
    key = source_key(data.url, data.outlet, data.title, data.published)
    source = m.Source(key=key, created_by=actor, **data.__dict__)
    session.add(source)
    audit(session, actor=actor, action="create", row=source)
    return source


def resolve_source(session: Session, source: int | SourceInput | None, *, actor: str) -> m.Source:
    """An existing source picked by id, or the one a researcher just described (created if
    new). Every fact needs one, so ``None`` is refused."""
    if source is None:
        raise ValidationError("source", None, "every fact needs a source: pick one or add one")
    if isinstance(source, SourceInput):
        return get_or_create_source(session, source, actor=actor)
    return existing_row(session, m.Source, source, "source")
