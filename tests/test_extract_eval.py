"""Specification of tracker.extract.evaluation (the scorer), and the extractor held to its
targets on the labelled sets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tracker.extract.evaluation import (
    LabelError,
    LabelledSentence,
    evaluate_file,
    load_labelled,
    normalise_fact,
    report,
    score,
)

OWN_SET = Path(__file__).parent / "data" / "extraction_eval.jsonl"
DEV_SET = Path(__file__).resolve().parents[2] / "shared" / "real" / "extraction_dev.jsonl"


def fact(**fields) -> dict:
    return normalise_fact(fields)


TANKS = fact(donor="DE", kind="pledge", item="Leopard 2A6 tanks", quantity=14, unit="tank")
MONEY = fact(donor="DE", kind="pledge", amount=500_000_000, currency="EUR", cumulative=True)


def test_numbers_compare_by_value_and_missing_keys_are_null():
    assert (
        normalise_fact({"quantity": 14.0})["quantity"]
        == normalise_fact({"quantity": 14})["quantity"]
    )
    assert normalise_fact({})["cumulative"] is False
    assert normalise_fact({})["donor"] is None


def test_a_perfect_prediction_scores_one_everywhere():
    rows = [LabelledSentence("s", None, (TANKS, MONEY))]
    scores = score(rows, lambda row: [dict(f) for f in row.facts])
    assert (scores.whole.precision, scores.whole.recall) == (1.0, 1.0)
    assert scores.fields["amount"].agreed == 1
    assert scores.fields["cumulative"].gold == 1


def test_a_wrong_unit_breaks_the_whole_fact_but_not_the_other_fields():
    rows = [LabelledSentence("s", None, (TANKS,))]
    scores = score(rows, lambda row: [{**TANKS, "unit": "vehicle"}])
    assert (scores.whole.agreed, scores.whole.predicted, scores.whole.gold) == (0, 1, 1)
    assert scores.fields["quantity"].agreed == 1
    assert scores.fields["unit"].agreed == 0
    assert scores.mistakes[0].missed == [TANKS]


def test_an_item_agrees_when_one_phrase_contains_the_other():
    rows = [LabelledSentence("s", None, (TANKS,))]
    scores = score(rows, lambda row: [{**TANKS, "item": "14 leopard 2a6 tanks from stocks"}])
    assert scores.fields["item"].agreed == 1
    scores = score(rows, lambda row: [{**TANKS, "item": "Leopard tanks"}])
    assert scores.fields["item"].agreed == 0


def test_proposals_on_a_trap_sentence_are_counted():
    rows = [LabelledSentence("trap", None, ()), LabelledSentence("trap 2", None, ())]
    scores = score(rows, lambda row: [TANKS] if row.sentence == "trap" else [])
    assert (scores.trap_sentences, scores.traps_with_proposals) == (2, 1)
    assert scores.whole.precision == 0.0


def test_the_report_prints_the_figures():
    rows = [LabelledSentence("s", None, (TANKS, MONEY))]
    text = report("set", score(rows, lambda row: [TANKS]), show_mistakes=True)
    assert "whole facts  precision 1.000  recall 0.500" in text
    assert "missed" in text and '"amount": "5E+8"' in text


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("not json", "line 1: not valid JSON"),
        (json.dumps({"sentence": "", "facts": []}), "line 1 field sentence"),
        (json.dumps({"sentence": "s", "published": "May 2", "facts": []}), "field published"),
        (json.dumps({"sentence": "s", "facts": [{"quantity": "lots"}]}), "field quantity"),
        (json.dumps({"sentence": "s", "facts": [{"cumulative": "yes"}]}), "field cumulative"),
    ],
)
def test_a_malformed_label_file_names_line_and_field(tmp_path, line, message):
    path = tmp_path / "labels.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(LabelError, match=message):
        load_labelled(path)


def test_the_own_labelled_set_has_the_size_the_project_asks_for():
    rows = load_labelled(OWN_SET)
    assert sum(len(r.facts) for r in rows) >= 150
    assert sum(not r.facts for r in rows) >= 50


def test_the_extractor_meets_its_targets_on_the_own_labelled_set():
    scores = evaluate_file(OWN_SET)
    assert scores.whole.precision >= 0.9
    assert scores.whole.recall >= 0.8
    assert scores.traps_with_proposals == 0


@pytest.mark.skipif(not DEV_SET.exists(), reason="../shared/real is not checked out here")
def test_the_extractor_on_real_sentences_proposes_nothing_on_traps_and_is_mostly_right():
    scores = evaluate_file(DEV_SET)
    assert scores.traps_with_proposals == 0
    assert scores.whole.precision >= 0.9
    assert scores.whole.recall >= 0.7
