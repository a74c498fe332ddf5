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
    if q.red_flag
    and q.type == "boolean"
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
    # Age 80 takes the age-stratified prior (0.40), not the 60–69 default.
    assert stenosis["prior"] == 0.40
    assert stenosis["log_odds"] == round(math.log(0.40 / 0.60) + math.log(64), 3)


CLASSIC_SCIATICA = {
    "age": 38,
    "leg_pain_side": "left",
    "pain_locations": ["lower_back", "buttocks", "thigh", "below_knee", "foot"],
    "leg_pain_worse_than_back": True,
    "numbness_or_tingling": True,
}


def test_the_classic_sciatica_history_fits_well_but_only_an_examination_confirms_it(ruleset):
    """Band = pattern fit; `confirmation` carries what self-report cannot do."""
    sciatica = next(
        c for c in engine.evaluate(ruleset, CLASSIC_SCIATICA).conditions if c["slug"] == "sciatica"
    )
    assert sciatica["band"] == "likely" and sciatica["band_capped"] is False
    assert sciatica["confirmation"]["by"] == ["examination"]
    assert {d["feature"] for d in sciatica["drivers"]} >= {"pain_below_knee", "leg_worse_than_back"}
    assert all(d["source"] and d["question"] in CLASSIC_SCIATICA for d in sciatica["drivers"])
    disk = next(
        c
        for c in engine.evaluate(ruleset, CLASSIC_SCIATICA).conditions
        if c["slug"] == "herniated-disk"
    )
    assert disk["band"] == "possible" and disk["band_capped"] is True  # its cause needs imaging


def test_a_prior_alone_never_makes_a_condition_possible(ruleset):
    """Neuropathic pain's chronic prior is 37 %, above the 15 % 'possible' line: not evidence."""
    result = engine.evaluate(ruleset, {"age": 50, "pain_duration_weeks": 30})
    assert {c["slug"]: c["band"] for c in result.conditions}["neuropathic-pain"] == "unlikely"
    assert all(c["band"] == "unlikely" for c in result.conditions if not c["drivers"])


def test_neuropathic_prior_is_lower_for_acute_pain(ruleset):
    acute = engine.evaluate(ruleset, {"pain_duration_weeks": 2, "burning_pain": True})
    chronic = engine.evaluate(ruleset, {"pain_duration_weeks": 20, "burning_pain": True})

    def prior(result):
        return next(c for c in result.conditions if c["slug"] == "neuropathic-pain")["prior"]

    assert prior(acute) == 0.10 and prior(chronic) == 0.37


def test_stenosis_is_at_most_possible_under_50_or_without_leg_symptoms(ruleset):
    walking = {
        "leg_pain_side": "both",
        "relief_sitting_or_bending_forward": True,
        "leg_symptoms_walking_eased_by_rest": True,
        "worse_standing_or_walking": True,
    }

    def stenosis(answers):
        result = engine.evaluate(ruleset, answers)
        return next(c for c in result.conditions if c["slug"] == "lumbar-spinal-stenosis")

    assert stenosis(walking | {"age": 72})["band"] == "likely"
    young = stenosis(walking | {"age": 44})
    assert young["band"] == "possible" and young["band_capped"] is True
    back_only = stenosis(
        {
            "age": 75,
            "leg_pain_side": "none",
            "pain_locations": ["lower_back"],
            "relief_sitting_or_bending_forward": True,
            "worse_standing_or_walking": True,
        }
    )
    assert back_only["band"] != "likely"
    # Counter-features: vascular claudication (eased by standing still) and diabetic feet.
    vascular = stenosis(
        walking
        | {
            "age": 72,
            "leg_pain_eased_standing_still": True,
            "relief_sitting_or_bending_forward": False,
        }
    )
    assert "vascular_claudication" in {d["feature"] for d in vascular["counter_evidence"]}
    assert vascular["band"] != "likely"
    pregnant = stenosis(
        walking | {"age": 31, "sex": "female", "pregnant_or_recently_gave_birth": True}
    )
    assert pregnant["band"] == "unlikely"


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
            "screening_incomplete",
            "emergency_ambulance",
            "emergency_department",
        )
        assert result.care_pathway["options_to_discuss"] == [] and result.locator is None
        assert result.should_stop is (result.urgency["level"] != "screening_incomplete")
    if result.urgency["level"] in ("emergency_ambulance", "emergency_department"):
        assert result.should_stop and result.complete and result.missing_answers == []
    if result.complete and not result.should_stop:
        assert screened  # the quick path never skips a red-flag question
    assert set(unanswered & ruleset.screen_questions) <= set(result.next_questions) or (
        result.should_stop
    )


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
