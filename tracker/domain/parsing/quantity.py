"""Counts and physical amounts: the unit read from the words after the figure."""

from __future__ import annotations

from difflib import get_close_matches

from tracker.domain.numbers import ParseError
from tracker.domain.parsing.grammar import TOKEN_RE
from tracker.domain.parsing.lexicon import CONJUNCTIONS, MODEL_UNITS, SCALE_WORDS, STOP_WORDS
from tracker.domain.parsing.results import ParsedQuantity
from tracker.domain.parsing.scanner import Scan, scan_figure
from tracker.domain.units import AMBIGUOUS_UNITS, COUNTING_UNITS, lookup_unit, unit_hint


def unit_from_tail(tail: str) -> tuple[str | None, str | None, bool]:
    """(unit, note on how it was found, whether another figure follows) from the words after
    the number. The last unit word wins ("Leopard 2 tanks"); a model name is the fallback."""
    unit: str | None = None
    model: tuple[str, str] | None = None
    tokens = list(TOKEN_RE.finditer(tail))
    for index, token in enumerate(tokens):
        punctuation, word = token.groups()
        folded = (word or punctuation).casefold()
        if punctuation is not None or folded in STOP_WORDS:
            if folded in CONJUNCTIONS and index + 1 < len(tokens):
                following = tokens[index + 1].group(2) or ""
                if following[:1].isdigit():
                    return unit, model, True
            break
        bare = word.rstrip(".")
        if bare.casefold() in AMBIGUOUS_UNITS:
            raise ParseError(
                "ambiguous unit", field="unit", value=bare, hint=AMBIGUOUS_UNITS[bare.casefold()]
            )
        found = lookup_unit(bare) if not bare[:1].isdigit() else None
        if found is not None:
            unit = found
            continue
        key = folded.rstrip(".")
        key = key[:-2] if key.endswith("'s") else key
        implied = MODEL_UNITS.get(key) or MODEL_UNITS.get(key.removesuffix("s"))
        if model is None and implied is not None:
            model = (implied, bare)
    if unit is not None:
        return unit, None, False
    if model is not None:
        return model[0], f"unit {model[0]} inferred from model name {model[1]}", False
    return None, None, False


def unknown_unit_word(tail: str) -> str | None:
    """The word right after the figure when it names no unit the registry knows ("2 widgets",
    "2 sytems"), else None. Only a form field reads its whole text as figure + unit; in prose
    the next word is often no unit at all, so the extractor never calls this."""
    for token in TOKEN_RE.finditer(tail):
        punctuation, word = token.groups()
        if punctuation is not None or word is None or word.casefold() in STOP_WORDS:
            return None
        bare = word.rstrip(".")
        return bare if bare.isalpha() and lookup_unit(bare) is None else None
    return None


def quantity_from_scan(
    scan: Scan, default_unit: str | None, strict: bool = False
) -> ParsedQuantity:
    if scan.currencies:
        raise ParseError(
            "this is an amount of money, not a quantity",
            field="quantity",
            value=scan.stated,
            hint="read it with parse_money",
        )
    notes = list(scan.notes)
    unit, how, another = unit_from_tail(scan.tail)
    if another:
        raise ParseError(
            "more than one figure in one text",
            field="quantity",
            value=scan.stated,
            hint="enter each figure as its own item",
        )
    if how is not None:
        notes.append(how)
    if unit is None and strict and (word := unknown_unit_word(scan.tail)) is not None:
        scales = [w for words in SCALE_WORDS.values() for w in words]
        scale = get_close_matches(word.casefold(), scales, n=1, cutoff=0.8)
        if scale:  # "1.4 bilion EUR": a scale word misspelt, not a unit
            raise ParseError(
                "unknown word after the number",
                field="quantity",
                value=word,
                hint=f"did you mean '{scale[0]}'? write it in full",
            )
        raise ParseError("unknown unit", field="unit", value=word, hint=unit_hint(word))
    if unit is None:
        unit = default_unit
        notes.append(f"no unit word; using {default_unit}" if default_unit else "no unit stated")
    if scan.lone_m and (unit is None or unit not in COUNTING_UNITS):
        raise ParseError(
            "'m' could mean million or metres",
            field="quantity",
            value=scan.stated,
            hint="write 'million' or 'metres'",
        )
    return ParsedQuantity(
        scan.value, scan.high, unit, scan.qualifier, scan.stated, scan.calibre_mm, "; ".join(notes)
    )


def parse_quantity(
    text: str, locale: str = "en", default_unit: str | None = None, *, strict: bool = False
) -> ParsedQuantity:
    """Read a count or physical amount: "48 Leopard 2 tanks" -> 48 tank.

    Model names keep their digits ("F-16", "MiG-29"); a calibre is set aside into
    ``calibre_mm``; with no unit word, a known model name implies the unit, else
    ``default_unit`` applies (and the note says so). ``strict`` (form fields) refuses an
    unknown word where the unit belongs instead of falling back to ``default_unit``.
    """
    return quantity_from_scan(scan_figure(text, locale), default_unit, strict)
