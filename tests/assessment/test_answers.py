"""Answers are checked against the questionnaire; every problem names its field."""

from __future__ import annotations

from service.assessment.answers import resolve_answers


def errors_for(ruleset, answers, **kwargs):
    return {
        e["name"]: e["message"]
        for e in resolve_answers(ruleset.questionnaire, answers, **kwargs)[1]
    }


def test_unknown_wrong_type_out_of_range_and_not_enabled_are_named(ruleset):
    errors = errors_for(
        ruleset,
        {
            "age": "seventy",
            "pain_intensity": 11,
            "leg_pain_side": "up",
            "diabetes": 1,
            "pain_locations": ["knee"],
            "mood": "fine",
            "leg_pain_worse_than_back": True,
        },
    )
    assert errors == {
        "answers.mood": "Unknown question.",
        "answers.age": "Must be an integer.",
        "answers.pain_intensity": "Must be between 0 and 10.",
        "answers.leg_pain_side": "Must be one of: none, left, right, both.",
        "answers.diabetes": "Must be true or false.",
        "answers.pain_locations": "Unknown option(s) ['knee']; choose from: lower_back, buttocks, "
        "thigh, below_knee, foot.",
        "answers.leg_pain_worse_than_back": "This question is not enabled by the other answers "
        "(see enable_when).",
    }


def test_booleans_are_not_integers_and_exclusive_options_stand_alone(ruleset):
    errors = errors_for(ruleset, {"age": True, "conservative_care_tried": ["none", "medication"]})
    assert errors == {
        "answers.age": "Must be an integer.",
        "answers.conservative_care_tried": "none cannot be combined with other options.",
    }
    assert errors_for(ruleset, {"pain_locations": ["foot", "foot"]}) == {
        "answers.pain_locations": "Options must not repeat."
    }


def test_hidden_answers_are_dropped_unless_strict(ruleset):
    answers = {"leg_pain_side": "none", "leg_pain_worse_than_back": True}
    kept, errors = resolve_answers(ruleset.questionnaire, answers, strict=set())
    assert kept == {"leg_pain_side": "none"} and errors == []
