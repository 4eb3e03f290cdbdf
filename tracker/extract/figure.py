"""The figure found in a sentence: its span and what was read of it, before the extractor
settles who gave it and whether it was pledged or delivered."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class Figure:
    """A figure found in a sentence, before donor and kind are settled."""

    start: int
    end: int
    quantity: Decimal | None = None
    amount: Decimal | None = None
    currency_text: str | None = None  # the money span, parsed once the donor is known
    unit: str | None = None
    item: str | None = None
    qualifier: str | None = None
    forced_kind: str | None = None
    forced_cumulative: bool | None = None
    share_of: Figure | None = None  # "six of the 12": the 12
    attached: list[tuple[int, int]] = field(default_factory=list)  # spans of "promised by X"
    # What the reading assumed beyond the sentence, for the reviewer ("currency of the
    # sentence before: EUR" for a bare "a further 200 million").
    note: str = ""
