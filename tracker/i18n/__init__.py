"""The interface in its reader's language: gettext catalogs (en, de, fr, uk) read through
babel, and the locale of the current run.

Strings are marked with :func:`gettext` (imported as ``_``) and :func:`ngettext` for counts;
``pybabel extract -F babel.cfg`` collects them into ``locales/tracker.pot`` and each language's
``locales/<lang>/LC_MESSAGES/tracker.po`` holds its translations (``locales/GLOSSARY.md``
fixes one term per concept and language). Catalogs are compiled in memory on first use, so a
checkout needs no build step.

The locale is a context variable: Streamlit runs each script run in a thread of its own and
the CLI runs in one, so setting it at the start of a run (``set_locale``) covers everything
that run renders, without passing the locale through every call.
"""

from __future__ import annotations

import io
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from tracker.domain.vocab import SUPPORTED_LOCALES

CATALOGS = Path(__file__).resolve().parent / "locales"
DOMAIN = "tracker"

_locale: ContextVar[str] = ContextVar("tracker_locale", default="en")


@lru_cache(maxsize=len(SUPPORTED_LOCALES) + 1)
def translations(locale: str) -> NullTranslations:
    """The catalog of ``locale`` (English, the source language, has none of its own)."""
    po = CATALOGS / locale / "LC_MESSAGES" / f"{DOMAIN}.po"
    if locale == "en" or not po.exists():
        return NullTranslations()
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=locale, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def set_locale(locale: str) -> None:
    """Use ``locale`` for the rest of this run (thread or task)."""
    if locale not in SUPPORTED_LOCALES:
        raise ValueError(f"locale {locale!r}: use one of {', '.join(SUPPORTED_LOCALES)}")
    _locale.set(locale)


def current_locale() -> str:
    """The locale of this run."""
    return _locale.get()


def gettext(message: str, locale: str | None = None) -> str:
    """``message`` in ``locale``, by default the current one (itself where the catalog has
    no translation). An explicit locale serves code that is handed one, such as an export
    asked for in German while the page runs in English."""
    return translations(locale or _locale.get()).ugettext(message)


def ngettext(singular: str, plural: str, count: int, locale: str | None = None) -> str:
    """The form of a message that agrees with ``count`` in ``locale`` (default: the current
    one; Ukrainian has three: 1 пакет, 2 пакети, 5 пакетів). Format the count in yourself:
    ``.format(n=...)``."""
    return translations(locale or _locale.get()).ungettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it: for tables built at import
    time (export headers, organisation names), translated with :func:`gettext` when shown,
    in the locale of that moment."""
    return message


def pgettext(context: str, message: str) -> str:
    """``message`` in a context that tells translators which sense is meant (e.g. "pledged"
    as a column header vs a verb)."""
    return translations(_locale.get()).upgettext(context, message)


_ = gettext
