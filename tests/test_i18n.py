"""The interface's catalogs: every marked string is translated in every language, the
template matches the code, and the API answers in the locale a run has chosen."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from tracker import i18n
from tracker.domain.vocab import SUPPORTED_LOCALES

ROOT = Path(__file__).resolve().parents[1]
TRANSLATED = [locale for locale in SUPPORTED_LOCALES if locale != "en"]
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def catalog(locale: str):
    path = i18n.CATALOGS / locale / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def template_ids() -> set[object]:
    with (i18n.CATALOGS / f"{i18n.DOMAIN}.pot").open("rb") as handle:
        return {message.id for message in read_po(handle) if message.id}


def marked_in_code() -> set[object]:
    """What ``pybabel extract -F babel.cfg`` would collect now."""
    found: set[object] = set()
    for folder in ("tracker", "dashboards"):
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / folder, method_map=[("**.py", "python")]
        ):
            found.add(message)
    return found


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.set_locale("en")


def test_the_template_holds_exactly_the_strings_marked_in_the_code():
    assert marked_in_code() == template_ids()


@pytest.mark.parametrize("locale", TRANSLATED)
def test_every_message_of_the_template_is_translated(locale: str):
    messages = {m.id: m for m in catalog(locale) if m.id}
    missing = sorted(str(mid) for mid in template_ids() if mid not in messages)
    assert missing == []
    untranslated = [
        str(m.id)
        for m in messages.values()
        if m.fuzzy or not all(m.string if isinstance(m.string, tuple) else (m.string,))
    ]
    assert untranslated == []


@pytest.mark.parametrize("locale", TRANSLATED)
def test_translations_keep_the_placeholders_of_their_source(locale: str):
    for message in catalog(locale):
        if not message.id:
            continue
        source = message.id if isinstance(message.id, tuple) else (message.id,)
        wanted = set(PLACEHOLDER.findall(" ".join(source)))
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            assert set(PLACEHOLDER.findall(text)) == wanted, (message.id, text)


# "Pledged" and "Language" in every supported locale: a locale added without them fails below.
PLEDGED_AND_LANGUAGE = {
    "en": ("Pledged", "Language"),
    "de": ("Zugesagt", "Sprache"),
    "fr": ("Promis", "Langue"),
    "uk": ("Обіцяно", "Мова"),
}


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_a_run_reads_its_own_language(locale: str):
    i18n.set_locale(locale)
    assert i18n.current_locale() == locale
    assert (i18n._("Pledged"), i18n._("Language")) == PLEDGED_AND_LANGUAGE[locale]


def test_ukrainian_counts_agree_in_three_forms():
    i18n.set_locale("uk")
    said = [i18n.ngettext("{n} entry.", "{n} entries.", n).format(n=n) for n in (1, 3, 5, 21)]
    assert said == ["1 запис.", "3 записи.", "5 записів.", "21 запис."]


def test_an_unknown_locale_is_refused_by_name():
    with pytest.raises(ValueError, match="locale 'pl': use one of en, de, fr, uk"):
        i18n.set_locale("pl")
