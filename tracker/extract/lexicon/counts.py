"""Counts without a figure: the phrases that stand for one ("tens of thousands of", "an
undisclosed number of"), that keep a whole package secret, and the ordinals that count one.

Why a file of its own: these phrases say how many, not what; the item lists they are read
with are in :mod:`tracker.extract.lexicon.items`."""

from __future__ import annotations

# Vague amounts: a fact with no figure ("hundreds of thousands of rounds").
VAGUE_AMOUNTS = (
    "hundreds of thousands of",
    "tens of thousands of",
    "several hundred",
    "several dozen",
    "a few dozen",
    "several",
    "several thousand",
    "hundreds of",
    "thousands of",
    "dozens of",
    # "Tens of Stinger air defense systems, tens of machine guns": dozens, in translation
    "tens of",
    "scores of",
    "millions of",
    "a squadron of",
    "a battalion of",
    # "tens of thousands more artillery shells": more of a vague count, no "of" after it
    "hundreds of thousands more",
    "tens of thousands more",
    "thousands more",
    "hundreds more",
    "dozens more",
)
# Phrases that say a count exists but was not given ("an undisclosed number of").
UNDISCLOSED_LEADS = (
    "an undisclosed number of the",
    "an unspecified number of the",
    "an undisclosed number of",
    "an undisclosed amount of",
    "an as yet undisclosed amount of",
    "an unspecified number of",
    "an unknown number of",
    "a number of",
    "a significant number of",
    "a large number of",
    "some of the",
    "part of the",
    "did not specify how many",
    "did not name the number of",
    "did not specify the number of",
    "did not disclose the number of",
    "did not say how many",
    "did not disclose how many",
    "did not reveal how many",
    "is not disclosing how many",
    "not disclosing how many",
    "would not say how many",
    "declined to say how many",
)
# Phrases that say a whole package's contents or value are secret.
SECRET_PACKAGE_CUES = (
    "contents remain classified",
    "remain classified",
    "state secrecy",
    "state secret",
    "contents were not disclosed",
    "not disclosed",
    "undisclosed value",
    "undisclosed sum",
    "undisclosed amount",
    "value was not disclosed",
    "not been disclosed",
    "not made public",
    "not been made public",
    "is secret",
    "are secret",
    "kept secret",
    "remain secret",
    "remains secret",
    "remains classified",
    "is classified",
    "are classified",
)
# Ordinals that make "the second IRIS-T system" one more of it: a count of one. Not "first":
# "the first aircraft to arrive" is usually the head of a batch counted elsewhere.
ORDINALS = frozenset(
    {"second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"}
    | {"tenth", "eleventh", "twelfth", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th"}
)
