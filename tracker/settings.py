"""Settings read from the environment, so one install serves a laptop and a team server alike.

``TRACKER_DATABASE_URL``   SQLAlchemy URL; default: a SQLite file in the user's data folder.
``TRACKER_BASE_CURRENCY``  ISO 4217 code totals are shown in by default (EUR).
``TRACKER_LOCALE``         default display/parsing locale: en, de, fr or uk.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from tracker.domain.vocab import SUPPORTED_LOCALES


def default_database_path() -> Path:
    """``$XDG_DATA_HOME/aid-tracker/tracker.db`` (``~/.local/share/aid-tracker/tracker.db``)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "aid-tracker" / "tracker.db"


@dataclass(frozen=True)
class Settings:
    database_url: str
    base_currency: str
    locale: str


def get_settings() -> Settings:
    """Read the environment now (not at import), so tests and the CLI can switch databases."""
    url = os.environ.get("TRACKER_DATABASE_URL") or f"sqlite:///{default_database_path()}"
    currency = (os.environ.get("TRACKER_BASE_CURRENCY") or "EUR").upper()
    locale = os.environ.get("TRACKER_LOCALE") or "en"
    if locale not in SUPPORTED_LOCALES:
        raise ValueError(
            f"TRACKER_LOCALE={locale!r} is not supported; use one of {', '.join(SUPPORTED_LOCALES)}"
        )
    return Settings(database_url=url, base_currency=currency, locale=locale)
