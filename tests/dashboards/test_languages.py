"""Pages in the reader's language: the locale chosen in the link sets the words, not only
the numbers and dates."""

from __future__ import annotations

import pytest

from tests.dashboards.conftest import OpenPage


@pytest.mark.parametrize(
    ("locale", "title", "cards", "language"),
    [
        ("de", "Zugesagt und geliefert", ["Zugesagt", "Zugewiesen", "Geliefert"], "Sprache"),
        ("fr", "Promis et livré", ["Promis", "Affecté", "Livré"], "Langue"),
        ("uk", "Обіцяно і поставлено", ["Обіцяно", "Виділено", "Поставлено"], "Мова"),
    ],
)
def test_the_overview_speaks_the_chosen_language(
    open_page: OpenPage, locale: str, title: str, cards: list[str], language: str
):
    at = open_page("overview.py", locale=locale)
    assert [t.value for t in at.title] == [title]
    assert [m.label for m in at.metric][:3] == cards
    assert at.sidebar.selectbox[0].label == language


def test_switching_back_to_english_restores_english_words(open_page: OpenPage):
    at = open_page("overview.py", locale="uk")
    at.sidebar.selectbox[0].set_value("en").run()
    assert [m.label for m in at.metric][:3] == ["Pledged", "Allocated", "Delivered"]


@pytest.mark.parametrize(
    ("locale", "heading", "note"),
    [
        ("de", "Zusage oder Lieferung erfassen", "Schreiben braucht ein Konto"),
        ("fr", "Enregistrer un engagement ou une livraison", "L'écriture demande un compte"),
        ("uk", "Записати зобов'язання чи постачання", "Для запису потрібен обліковий запис"),
    ],
)
def test_the_sign_in_of_a_research_page_speaks_the_chosen_language(
    open_page: OpenPage, locale: str, heading: str, note: str
):
    at = open_page("record.py", locale=locale)
    assert [t.value for t in at.title] == [heading]
    [info] = [i.value for i in at.info]
    assert info.startswith(note)
