"""Characters nobody types on purpose are found and named by code point
(tracker.domain.characters)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.characters import LAYOUT, describe, foreign_digit, hidden_character


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Leopard\x002A6", "U+0000 (NUL)"),
        ("\x1b[2Jtanks", "U+001B (ESCAPE)"),
        ("1\u200b000", "U+200B (ZERO WIDTH SPACE)"),
        ("Kyiv\u202eIndependent", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        ("soft\u00adhyphen", "U+00AD (SOFT HYPHEN)"),
        ("private\ue000use", "U+E000 (unnamed)"),
        ("two\nlines", "U+000A (LINE FEED)"),
    ],
)
def test_hidden_characters_are_named(text: str, found: str) -> None:
    assert hidden_character(text) == found


@pytest.mark.parametrize("text", ["Leopard 2A6", "Київ", "€1,4 Mrd.", "café", "155\u00a0mm"])
def test_visible_text_in_any_script_passes(text: str) -> None:
    assert hidden_character(text) is None


def test_line_breaks_and_tabs_pass_where_layout_is_allowed() -> None:
    assert hidden_character("We will send\r\n\tfourteen tanks", allow=LAYOUT) is None
    assert hidden_character("We will\x00 send", allow=LAYOUT) == "U+0000 (NUL)"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("٤٨", "U+0664 (ARABIC-INDIC DIGIT FOUR)"),
        ("４８", "U+FF14 (FULLWIDTH DIGIT FOUR)"),
        ("4৮", "U+09EE (BENGALI DIGIT EIGHT)"),
    ],
)
def test_digits_outside_0_to_9_are_named(text: str, found: str) -> None:
    assert foreign_digit(text) == found


def test_ascii_digits_and_letters_are_no_foreign_digits() -> None:
    assert foreign_digit("48 Leopard 2A6, 155 мм") is None


@given(st.characters(categories=["Cc", "Cf", "Co"]))
def test_every_control_or_format_character_is_hidden(ch: str) -> None:
    assert hidden_character(f"a{ch}b") == describe(ch)
