"""Characters that never belong in a figure or a cell, found before anything reads the text.

Why a check of its own: a NUL byte, a terminal escape or a zero-width space is invisible on
screen, so text holding one looks right in every review and is still not what it seems
("1\u200b000" shows as 1000). A digit from another script ("٤٨", "４８") is a number to
Python's ``int`` and ``Decimal``, but not a figure the ledger's readers can check by eye.
Every path where text enters (the figure parser, the ledger CSV cells, the services' field
checks, the rates CSV) refuses both with the field and the character's code point.
"""

from __future__ import annotations

import unicodedata

# Categories of characters nobody types on purpose: controls (Cc), invisible formatting
# (Cf: zero-width spaces and joiners, direction marks, soft hyphens), surrogates (Cs),
# private use (Co) and unassigned code points (Cn).
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
# Line breaks and tabs are layout, not hidden content, in free text such as a quote.
LAYOUT = "\t\n\r"


def hidden_character(text: str, *, allow: str = "") -> str | None:
    """A description ("U+0000 (NUL)") of the first character of ``text`` nobody types on
    purpose, or None; characters in ``allow`` are let through."""
    if text.isascii() and text.isprintable():  # the usual case, checked in C
        return None
    for ch in text:
        if ch not in allow and unicodedata.category(ch) in _HIDDEN:
            return describe(ch)
    return None


def foreign_digit(text: str) -> str | None:
    """A description of the first decimal digit of ``text`` outside 0-9, or None."""
    if text.isascii():
        return None
    for ch in text:
        if ch.isdecimal() and not ch.isascii():
            return describe(ch)
    return None


# Unicode gives control characters no name; these are the ones people meet.
_CONTROL_NAMES = {
    "\x00": "NUL",
    "\t": "TAB",
    "\n": "LINE FEED",
    "\r": "CARRIAGE RETURN",
    "\x1b": "ESCAPE",
    "\x7f": "DELETE",
}


def describe(ch: str) -> str:
    """``U+0660 (ARABIC-INDIC DIGIT ZERO)``: a character named so it can be found and fixed."""
    name = unicodedata.name(ch, "") or _CONTROL_NAMES.get(ch, "unnamed")
    return f"U+{ord(ch):04X} ({name})"


# Characters that make Excel or LibreOffice read a cell as a formula (with the full-width
# forms some East Asian Excel builds also accept), and the blanks they may hide behind.
FORMULA_TRIGGERS = frozenset("=+-@\t\r＝＋－＠")
FORMULA_BLANKS = " \u00a0"


def neutralise(text: str) -> str:
    """``text`` with a leading apostrophe when a spreadsheet would evaluate it as a formula
    (what the briefing exports write, and what a spreadsheet user types to keep it text)."""
    stripped = text.lstrip(FORMULA_BLANKS)
    if stripped and stripped[0] in FORMULA_TRIGGERS:
        return "'" + text
    return text


def spreadsheet_twin(key: str) -> str | None:
    """The other spelling of ``key`` that differs from it only by a spreadsheet's protecting
    apostrophe (``=1+1`` and ``'=1+1``), or None when it has none. A key that went through a
    spreadsheet or a briefing export comes back with the apostrophe, and it still names the
    same fact: the ledger treats both spellings as one entry."""
    if (protected := neutralise(key)) != key:
        return protected
    if key.startswith("'") and neutralise(key[1:]) == key:
        return key[1:]
    return None
