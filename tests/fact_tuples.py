"""The extractor's facts as plain tuples, so a rule's specification reads as a table of
(donor, kind, quantity, unit, amount, currency) per fact."""

from __future__ import annotations

from tracker.extract import extract_facts


def facts(text: str, donor: str | None = None) -> list[tuple]:
    """(donor, kind, quantity, unit, amount, currency) per fact of ``text``; ``donor`` is the
    publisher's code, as ``tracker extract --donor`` gives it."""
    return [
        (f.donor, f.kind, f.quantity, f.unit, f.amount, f.currency)
        for f in extract_facts(text, donor=donor)
    ]
