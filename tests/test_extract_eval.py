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
    extractor_predictions,
    load_labelled,
    normalise_fact,
    report,
    score,
)

OWN_SET = Path(__file__).parent / "data" / "extraction_eval.jsonl"
CLASS_SET = Path(__file__).parent / "data" / "extraction_classes.jsonl"
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
        (json.dumps({"sentence": "s", "facts": [{"class": 3}]}), "fact 1 field class"),
        (json.dumps({"sentence": "s", "facts": [], "context": ""}), "line 1 field context"),
        (json.dumps({"sentence": "s", "facts": ["DE"]}), "field facts"),
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


# --- per-class scores ------------------------------------------------------------------------

DELIVERED = fact(donor="LT", kind="delivery", quantity=40, unit="vehicle")


def test_each_class_is_scored_on_its_own_facts():
    rows = [
        LabelledSentence("s1", None, (TANKS, MONEY), classes=("plain", "figure")),
        LabelledSentence("s2", None, (DELIVERED,), classes=("kind",)),
    ]
    wrong_kind = {**DELIVERED, "kind": "pledge"}
    scores = score(rows, lambda row: [TANKS] if row.sentence == "s1" else [wrong_kind])
    tallies = {name: (t.agreed, t.predicted, t.gold) for name, t in scores.by_class.items()}
    assert tallies == {"plain": (1, 1, 1), "figure": (0, 0, 1), "kind": (0, 1, 1)}


def test_a_stray_proposal_counts_against_the_class_of_its_sentence_when_there_is_one():
    rows = [LabelledSentence("s", None, (DELIVERED,), classes=("no_donor",))]
    scores = score(rows, lambda row: [DELIVERED, TANKS])
    assert (scores.by_class["no_donor"].precision, scores.by_class["no_donor"].recall) == (
        0.5,
        1.0,
    )


def test_facts_without_a_class_are_plain_and_traps_belong_to_no_class():
    rows = [LabelledSentence("s", None, (TANKS,)), LabelledSentence("trap", None, ())]
    scores = score(rows, lambda row: [TANKS])
    assert list(scores.by_class) == ["plain"]
    assert scores.by_class["plain"].precision == 1.0
    assert scores.whole.precision == 0.5


def test_the_report_lists_classes_only_when_asked():
    rows = [LabelledSentence("s", None, (TANKS,), classes=("figure",))]
    scores = score(rows, lambda row: [])
    assert "figure" not in report("set", scores)
    table = report("set", scores, by_class=True)
    assert "figure                1.000   0.000       0     0     1" in table
    assert "missed   [figure]" in report("set", scores, show_mistakes=True)


def test_context_and_publisher_give_the_donor_of_a_sentence_that_names_none():
    rows = load_labelled(CLASS_SET)
    assert sorted({c for r in rows for c in r.classes}) == [
        "donor_resolution",
        "figure",
        "kind",
        "no_donor",
        "plain",
    ]
    scores = evaluate_file(CLASS_SET)
    no_donor = scores.by_class["no_donor"]
    assert (no_donor.agreed, no_donor.predicted, no_donor.gold) == (2, 2, 2)
    assert scores.traps_with_proposals == 0


def test_only_the_labelled_sentence_is_scored_not_its_context():
    row = LabelledSentence(
        "It also includes 16 Bradley vehicles.",
        None,
        (),
        context="The United States will send 30 Stryker vehicles to Ukraine.",
    )
    predicted = extractor_predictions(row)
    assert [(p["donor"], p["quantity"]) for p in predicted] == [("US", 16)]
