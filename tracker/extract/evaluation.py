"""Scoring the extractor against hand-labelled sentences (precision and recall).

Why a module of its own: the same scoring runs from the ``tracker extract-eval`` command, from
the tests (which hold the extractor to its quality targets) and on any labelled JSONL a
researcher brings, so it must not live inside one of them.

A labelled file has one JSON object per line: ``sentence``, ``source``, ``published``
(ISO date or null) and ``facts``, a list of objects with the keys of :data:`FACT_FIELDS`.
Optional keys: ``context``, the text that comes before the sentence in its document (a
heading, a dateline, the previous sentence), and ``donor_hint``, the publisher's donor code
(a ministry's own release); with them a sentence that names no giver ("We have handed over
...", "• 16 Bradley vehicles") can be scored as a reader of the whole page would read it.
A fact may carry a ``class`` (the kind of difficulty it tests: ``no_donor``, ``kind``,
``figure``, ``donor_resolution``; ``plain`` when absent) so that ``--by-class`` reports which
kind of sentence the extractor still gets wrong.

Label conventions (those of the real development set, and of tests/data/extraction_eval.jsonl;
docs/labelling.md is the guide written for labellers, with the givers of funds and
coalitions, the qualifiers and the registry's unit names):
a fact needs a figure, a vague count ("hundreds of rounds") or an explicit "undisclosed";
items merely listed without a count are not facts. Ranges carry their lower bound with
qualifier ``range``; a bracketed conversion belongs to the fact before it; a count and the
money it is worth ("200 vehicles worth $90m") are one fact. Units are singular head nouns
(``tank``, ``vehicle``, ``howitzer``, ``system``, ``round``, ``shell``...). A present-perfect
delivery ("has sent 40 tanks") is a running total unless the sentence makes it one event
("in its latest package"); "N of the M promised" is a delivery of N and a pledge of M.
"could", "may" and third-party tallies make an ``estimate``. Every labelled fact names its
donor in its own sentence or its ``context``/``donor_hint``, because the scorer reads
each sentence with nothing else.

How facts are compared:

* **Whole fact**: donor, kind, quantity, amount, unit and currency all equal. The item text
  and the hedges are scored per field only, because two careful people rarely cut an item
  phrase at the same word.
* **Per field**: each gold fact is paired with at most one predicted fact of the same
  sentence (the one sharing the most fields, provided they share the figure, or the
  item/unit when neither has a figure). A field counts as *stated* when it is not null
  (for ``cumulative``: when true); precision = pairs that agree on a stated field /
  predicted facts stating it, recall = the same / gold facts stating it. ``item`` agrees
  when one phrase contains the other, ignoring case.
* **Trap sentences** (no gold fact): how many got a proposal anyway.
* **By class**: recall over the gold facts of each class; precision over the predictions
  paired with a gold fact of that class, plus the unpaired predictions of sentences whose
  facts are all of that class. Proposals on trap sentences count in the overall precision
  and the trap line, not in any class.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from tracker.domain.vocab import POINT_FIGURE_COLUMNS
from tracker.extract.extractor import extract_facts

FACT_FIELDS = ("donor", "kind", "item", *POINT_FIGURE_COLUMNS)
WHOLE_FACT_FIELDS = ("donor", "kind", "quantity", "amount", "unit", "currency")
DEFAULT_CLASS = "plain"
NUMBER_FIELDS = frozenset({"quantity", "amount"})

Fact = dict[str, Any]


class LabelError(ValueError):
    """A labelled file that cannot be scored: names the file, line, field and value."""


@dataclass(frozen=True)
class LabelledSentence:
    """One line of a labelled file."""

    sentence: str
    published: date | None
    facts: tuple[Fact, ...]
    source: str = ""
    classes: tuple[str, ...] = ()  # one per fact; missing ones are DEFAULT_CLASS
    context: str = ""
    donor_hint: str | None = None

    def class_of(self, index: int) -> str:
        return self.classes[index] if index < len(self.classes) else DEFAULT_CLASS


def _number(value: object, where: str) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise LabelError(f"{where}: expected a number or null, got {value!r}")
    try:
        return Decimal(str(value)).normalize()
    except InvalidOperation as exc:
        raise LabelError(f"{where}: expected a number or null, got {value!r}") from exc


def normalise_fact(raw: dict[str, Any], where: str = "fact") -> Fact:
    """A fact with every field present, numbers as normalised Decimals and bools as bools.

    Predictions and labels go through the same function so that ``625000000`` and
    ``625000000.0`` compare equal and a missing key means null.
    """
    fact: Fact = {}
    for name in FACT_FIELDS:
        value = raw.get(name)
        if name in NUMBER_FIELDS:
            fact[name] = _number(value, f"{where} field {name}")
        elif name == "cumulative":
            if value not in (None, True, False):
                raise LabelError(f"{where} field cumulative: expected true/false, got {value!r}")
            fact[name] = bool(value)
        else:
            if value is not None and not isinstance(value, str):
                raise LabelError(f"{where} field {name}: expected text or null, got {value!r}")
            fact[name] = value
    return fact


def _text(raw: dict[str, Any], name: str, where: str) -> str | None:
    """An optional text field of a line or fact: a non-empty string or absent."""
    value = raw.get(name)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise LabelError(f"{where} field {name}: expected text or null, got {value!r}")
    return value


def load_labelled(path: Path) -> list[LabelledSentence]:
    """Read a labelled JSONL file; a malformed line is an error naming the line and field."""
    rows: list[LabelledSentence] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path.name} line {number}"
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                raise LabelError(f"{where}: not valid JSON ({exc.msg})") from exc
            sentence = raw.get("sentence")
            if not isinstance(sentence, str) or not sentence.strip():
                raise LabelError(f"{where} field sentence: expected text, got {sentence!r}")
            published = raw.get("published")
            try:
                day = date.fromisoformat(published) if published else None
            except (TypeError, ValueError) as exc:
                raise LabelError(
                    f"{where} field published: expected YYYY-MM-DD, got {published!r}"
                ) from exc
            facts = raw.get("facts")
            if not isinstance(facts, list) or not all(isinstance(f, dict) for f in facts):
                raise LabelError(f"{where} field facts: expected a list of objects, got {facts!r}")
            rows.append(
                LabelledSentence(
                    sentence=sentence,
                    published=day,
                    facts=tuple(
                        normalise_fact(f, f"{where} fact {i + 1}") for i, f in enumerate(facts)
                    ),
                    source=str(raw.get("source") or ""),
                    classes=tuple(
                        _text(f, "class", f"{where} fact {i + 1}") or DEFAULT_CLASS
                        for i, f in enumerate(facts)
                    ),
                    context=_text(raw, "context", where) or "",
                    donor_hint=_text(raw, "donor_hint", where),
                )
            )
    return rows


def whole_key(fact: Fact) -> tuple[Any, ...]:
    """The fields a whole fact must get right."""
    return tuple(fact[name] for name in WHOLE_FACT_FIELDS)


def _stated(fact: Fact, name: str) -> bool:
    value = fact[name]
    return bool(value) if name == "cumulative" else value is not None


def _item_agrees(predicted: str, gold: str) -> bool:
    a, b = " ".join(predicted.lower().split()), " ".join(gold.lower().split())
    return a in b or b in a


def field_agrees(name: str, predicted: Fact, gold: Fact) -> bool:
    """Whether a stated field of a predicted fact agrees with the gold fact."""
    if not (_stated(predicted, name) and _stated(gold, name)):
        return False
    if name == "item":
        return _item_agrees(predicted["item"], gold["item"])
    return predicted[name] == gold[name]


def _pairable(predicted: Fact, gold: Fact) -> bool:
    figures = [n for n in ("quantity", "amount") if _stated(gold, n) or _stated(predicted, n)]
    if figures:
        return any(predicted[n] is not None and predicted[n] == gold[n] for n in figures)
    return field_agrees("unit", predicted, gold) or field_agrees("item", predicted, gold)


def pair_facts(predicted: Sequence[Fact], gold: Sequence[Fact]) -> list[tuple[int, int]]:
    """Pairs (predicted index, gold index): whole-fact matches first, then the closest."""
    pairs: list[tuple[int, int]] = []
    free_p, free_g = set(range(len(predicted))), set(range(len(gold)))
    for g in range(len(gold)):
        for p in sorted(free_p):
            if whole_key(predicted[p]) == whole_key(gold[g]):
                pairs.append((p, g))
                free_p.discard(p)
                free_g.discard(g)
                break
    candidates = sorted(
        (
            (-sum(field_agrees(n, predicted[p], gold[g]) for n in FACT_FIELDS), p, g)
            for p in free_p
            for g in free_g
            if _pairable(predicted[p], gold[g])
        ),
    )
    for _, p, g in candidates:
        if p in free_p and g in free_g:
            pairs.append((p, g))
            free_p.discard(p)
            free_g.discard(g)
    return pairs


@dataclass
class Tally:
    """Counts behind one precision/recall figure."""

    agreed: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.agreed / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.agreed / self.gold if self.gold else 1.0


@dataclass
class Mistake:
    """A sentence where the extractor and the labels differ, for the error listing."""

    sentence: str
    missed: list[Fact]
    spurious: list[Fact]
    missed_classes: list[str] = field(default_factory=list)


@dataclass
class Scores:
    """Everything :func:`score` measured on one labelled file."""

    whole: Tally = field(default_factory=Tally)
    fields: dict[str, Tally] = field(default_factory=lambda: {n: Tally() for n in FACT_FIELDS})
    trap_sentences: int = 0
    traps_with_proposals: int = 0
    mistakes: list[Mistake] = field(default_factory=list)
    by_class: dict[str, Tally] = field(default_factory=dict)

    def tally_of(self, name: str) -> Tally:
        return self.by_class.setdefault(name, Tally())


def score(
    rows: Iterable[LabelledSentence],
    predict: Callable[[LabelledSentence], list[dict[str, Any]]],
) -> Scores:
    """Run ``predict`` on every labelled sentence and count agreements."""
    scores = Scores()
    for row in rows:
        predicted = [normalise_fact(p, "prediction") for p in predict(row)]
        gold = list(row.facts)
        if not gold:
            scores.trap_sentences += 1
            scores.traps_with_proposals += bool(predicted)
        scores.whole.predicted += len(predicted)
        scores.whole.gold += len(gold)
        for name, tally in scores.fields.items():
            tally.predicted += sum(_stated(p, name) for p in predicted)
            tally.gold += sum(_stated(g, name) for g in gold)
        pairs = pair_facts(predicted, gold)
        whole_hits = {(p, g) for p, g in pairs if whole_key(predicted[p]) == whole_key(gold[g])}
        scores.whole.agreed += len(whole_hits)
        for p, g in pairs:
            for name, tally in scores.fields.items():
                tally.agreed += field_agrees(name, predicted[p], gold[g])
        hit_p = {p for p, _ in whole_hits}
        hit_g = {g for _, g in whole_hits}
        _count_classes(scores, row, pairs, hit_g, len(predicted))
        missed = [i for i in range(len(gold)) if i not in hit_g]
        spurious = [f for i, f in enumerate(predicted) if i not in hit_p]
        if missed or spurious:
            scores.mistakes.append(
                Mistake(
                    row.sentence,
                    [gold[i] for i in missed],
                    spurious,
                    [row.class_of(i) for i in missed],
                )
            )
    return scores


def _count_classes(
    scores: Scores,
    row: LabelledSentence,
    pairs: list[tuple[int, int]],
    hit_g: set[int],
    predicted: int,
) -> None:
    """Add one sentence to the per-class tallies (see the module docstring for the rule)."""
    if not row.facts:
        return
    for g in range(len(row.facts)):
        tally = scores.tally_of(row.class_of(g))
        tally.gold += 1
        tally.agreed += g in hit_g
    for _, g in pairs:
        scores.tally_of(row.class_of(g)).predicted += 1
    classes = {row.class_of(g) for g in range(len(row.facts))}
    unpaired = predicted - len(pairs)
    if unpaired and len(classes) == 1:
        scores.tally_of(classes.pop()).predicted += unpaired


def extractor_predictions(row: LabelledSentence) -> list[dict[str, Any]]:
    """What :func:`tracker.extract.extract_facts` proposes for one labelled sentence, read
    with its publication date, and after its ``context`` and with its ``donor_hint`` when
    the line has them (as a researcher pasting the page would get); only the facts of the
    sentence itself count."""
    if not row.context:
        found = extract_facts(row.sentence, published=row.published, donor=row.donor_hint)
        return [fact.as_json() for fact in found]
    lead = row.context.rstrip() + "\n\n"
    found = extract_facts(lead + row.sentence, published=row.published, donor=row.donor_hint)
    return [fact.as_json() for fact in found if fact.start >= len(lead)]


def evaluate_file(path: Path) -> Scores:
    """Score the extractor on one labelled JSONL file."""
    return score(load_labelled(path), extractor_predictions)


def _brief(fact: Fact) -> str:
    shown = {k: (str(v) if isinstance(v, Decimal) else v) for k, v in fact.items() if v}
    return json.dumps(shown, ensure_ascii=False)


def report(
    name: str, scores: Scores, *, show_mistakes: bool = False, by_class: bool = False
) -> str:
    """The figures as a plain-text table (and, on request, every mismatch)."""
    lines = [
        f"== {name}",
        f"whole facts  precision {scores.whole.precision:.3f}  recall {scores.whole.recall:.3f}"
        f"  (agreed {scores.whole.agreed}, predicted {scores.whole.predicted},"
        f" gold {scores.whole.gold})",
        f"trap sentences with a proposal: {scores.traps_with_proposals} of {scores.trap_sentences}",
        f"{'field':<11} {'precision':>9} {'recall':>7} {'agreed':>7} {'pred':>5} {'gold':>5}",
    ]
    for field_name, t in scores.fields.items():
        lines.append(
            f"{field_name:<11} {t.precision:>9.3f} {t.recall:>7.3f} {t.agreed:>7}"
            f" {t.predicted:>5} {t.gold:>5}"
        )
    if by_class:
        lines.append(
            f"{'class':<17} {'precision':>9} {'recall':>7} {'agreed':>7} {'pred':>5} {'gold':>5}"
        )
        for class_name, t in sorted(scores.by_class.items()):
            lines.append(
                f"{class_name:<17} {t.precision:>9.3f} {t.recall:>7.3f} {t.agreed:>7}"
                f" {t.predicted:>5} {t.gold:>5}"
            )
    if show_mistakes:
        for mistake in scores.mistakes:
            lines.append(f"-- {mistake.sentence}")
            classes = [*mistake.missed_classes, *[DEFAULT_CLASS] * len(mistake.missed)]
            lines.extend(
                f"   missed   [{c}] {_brief(f)}"
                for f, c in zip(mistake.missed, classes, strict=False)
            )
            lines.extend(f"   spurious {_brief(f)}" for f in mistake.spurious)
    return "\n".join(lines)
