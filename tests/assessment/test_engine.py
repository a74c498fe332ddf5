"""The engine: capped evidence, self-report ceilings, and its invariants as properties."""

from __future__ import annotations

import dataclasses
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from service.assessment import engine
from service.assessment.answers import next_questions
from service.assessment.definitions import default_ruleset
from service.assessment.schemas import AssessmentResultSchema
from service.assessment.service import localise
from tests.assessment.strategies import answer_sets

# Screen questions whose "yes" is a red flag by itself (others, such as tingling, only
# escalate in combination).
RED_FLAGS = [
    q.id
    for q in default_ruleset().questionnaire.questions
    if q.red_flag and q.type == "boolean"
    and engine.evaluate(default_ruleset(), {q.id: True}).red_flags
]


def test_each_feature_is_capped_at_ln_8_and_the_total_at_ln_64(ruleset):
    for condition in ruleset.conditions:
        for feature in condition["features"]:
            assert abs(feature.data["_weight"]) <= math.log(8) + 1e-12
    answers = {
        "age": 80,
        "leg_pain_side": "both",
        "relief_sitting_or_bending_forward": True,
        "leg_symptoms_walking_eased_by_rest": True,
        "worse_standing_or_walking": True,
    }
    stenosis = engine.evaluate(ruleset, answers).conditions[0]
    assert stenosis["slug"] == "lumbar-spinal-stenosis"
    assert sum(d["weight"] for d in stenosis["drivers"]) > math.log(64)  # the cap binds here
    assert stenosis["log_odds"] == round(math.log(0.25 / 0.75) + math.log(64), 3)


def test_self_report_cannot_make_radicular_pain_likely(ruleset):
    answers = {
        "leg_pain_side": "left",
        "pain_locations": ["below_knee", "foot"],
        "leg_pain_worse_than_back": True,
        "numbness_or_tingling": True,
        "leg_weakness": True,
    }
    sciatica = next(
        c for c in engine.evaluate(ruleset, answers).conditions if c["slug"] == "sciatica"
    )
    assert sciatica["band"] == "possible" and sciatica["band_capped"] is True
    assert "self-report" in sciatica["band_cap_source"]
    assert {d["feature"] for d in sciatica["drivers"]} >= {"pain_below_knee", "leg_worse_than_back"}
    assert all(d["source"] and d["question"] in answers for d in sciatica["drivers"])


@settings(max_examples=100, deadline=None)
@given(answer_sets())
def test_any_valid_answer_set_evaluates_to_a_complete_result(ruleset, answers):
    result = engine.evaluate(ruleset, answers)
    localised = localise(result, locale="es", ruleset=ruleset)
    body = AssessmentResultSchema().dump(localised)
    # POST /v1/assessments/evaluate sends the localised result without a dump: it must already
    # be exactly what the schema documents, no field more or less.
    assert body == localised
    assert body["disclaimer_code"] == "not_diagnosis" and body["disclaimer"]
    assert body["urgency"]["level"] in (*ruleset.urgency_rank, "screening_incomplete")
    expected_slugs = {c["slug"] for c in ruleset.conditions} if not result.out_of_scope else set()
    assert {c["slug"] for c in body["conditions"]} == expected_slugs
    assert body["ruleset_version"] == ruleset.version
    if body["urgency"]["level"] in (
        "emergency_ambulance",
        "emergency_department",
        "urgent_same_day",
    ):
        assert body["care_pathway"]["step"] in ("red_flag_escalation", "out_of_scope")
        assert body["locator"] is None


@settings(max_examples=200, deadline=None)
@given(answer_sets())
def test_an_unanswered_screen_is_never_advice(ruleset, answers):
    """Until every enabled red-flag question is answered: no self-care, no care step, no
    locator; only an emergency (shown at once, with a stop) or `screening_incomplete`."""
    result = engine.evaluate(ruleset, answers)
    unanswered = set(next_questions(ruleset.questionnaire, answers))
    screened = not unanswered & ruleset.screen_questions
    assert result.red_flags_screened is screened
    if not screened and not result.out_of_scope:
        assert result.urgency["level"] in (
            "screening_incomplete", "emergency_ambulance", "emergency_department"
        )
        assert result.care_pathway["options_to_discuss"] == [] and result.locator is None
        assert result.should_stop is (result.urgency["level"] != "screening_incomplete")
    if result.urgency["level"] in ("emergency_ambulance", "emergency_department"):
        assert result.should_stop and result.complete and result.missing_answers == []


@settings(max_examples=100, deadline=None)
@given(answer_sets(), st.sampled_from(RED_FLAGS))
def test_adding_a_red_flag_never_lowers_urgency(ruleset, answers, flag):
    before = engine.evaluate(ruleset, answers).urgency["rank"]
    after = engine.evaluate(ruleset, answers | {flag: True})
    assert after.urgency["rank"] >= max(before, ruleset.urgency_rank["see_doctor_soon"])


@settings(max_examples=50, deadline=None)
@given(answer_sets())
def test_the_same_answers_always_give_the_same_result(ruleset, answers):
    first = engine.evaluate(ruleset, answers)
    reordered = dict(reversed(list(answers.items())))
    assert dataclasses.asdict(engine.evaluate(ruleset, reordered)) == dataclasses.asdict(first)


@settings(max_examples=50, deadline=None)
@given(answer_sets(), st.data())
def test_an_answer_not_listed_as_missing_changes_neither_urgency_nor_bands(ruleset, answers, data):
    result = engine.evaluate(ruleset, answers)
    if result.should_stop:
        return  # nothing more is asked after an emergency flag or out of scope
    listed = {m["question"] for m in result.missing_answers}
    quiet = [q for q in next_questions(ruleset.questionnaire, answers) if q not in listed]
    if not quiet:
        return
    question = data.draw(st.sampled_from(quiet))
    value = data.draw(st.sampled_from(ruleset.index[question]["values"]))
    changed = engine.evaluate(ruleset, answers | {question: value})
    assert changed.urgency["level"] == result.urgency["level"]
    assert [c["band"] for c in changed.conditions] == [c["band"] for c in result.conditions]
