"""Response examples for the OpenAPI contract, computed by the engine so they never go stale."""

from __future__ import annotations

from service.api import problem_example
from service.assessment import engine, fhir, service
from service.assessment.answers import resolve_answers
from service.assessment.definitions import default_ruleset
from service.assessment.schemas import AssessmentResultSchema

ANSWERS = {
    "answers": {
        "age": 68,
        "pain_duration_weeks": 20,
        "sudden_severe_abdominal_or_back_pain": False,
        "bladder_or_bowel_change": False,
        "saddle_numbness": False,
        "new_sexual_dysfunction": False,
        "bilateral_leg_symptoms_new": False,
        "leg_weakness": False,
        "progressive_leg_weakness": False,
        "numbness_or_tingling": False,
        "fever_or_chills": False,
        "iv_drug_use_or_immunosuppressed": False,
        "recent_spinal_procedure_or_infection": False,
        "cancer_history": False,
        "unexplained_weight_loss": False,
        "worse_at_night": False,
        "significant_trauma": False,
        "osteoporosis_or_long_term_steroids": False,
        "pain_intensity": 6,
        "pain_locations": ["lower_back", "buttocks", "thigh"],
        "leg_pain_side": "both",
        "leg_symptoms_walking_eased_by_rest": True,
        "relief_sitting_or_bending_forward": True,
        "conservative_care_tried": ["physical_therapy", "medication"],
        "conservative_care_weeks": 14,
    }
}
ANSWERS_UPDATE = {"answers": {"pain_intensity": 7, "conservative_care_weeks": None}}

_ruleset = default_ruleset()
_answers, _ = resolve_answers(_ruleset.questionnaire, ANSWERS["answers"])
_result = engine.evaluate(_ruleset, _answers)
# Dumped like a response, so the example holds exactly the documented fields.
RESULT = AssessmentResultSchema().dump(service.localise(_result, locale="en", ruleset=_ruleset))
ASSESSMENT = {
    "id": "0b9f7d52-6a43-4f0e-9d55-2a7c2f1e8b6d",
    "questionnaire_version": _ruleset.questionnaire.version,
    "answers": _answers,
    "next_questions": _result.next_questions,
    "complete": _result.complete,
    "created_at": "2026-11-26T10:00:00+00:00",
    "updated_at": "2026-11-26T10:05:00+00:00",
    "expires_at": "2026-12-26T10:05:00+00:00",
    "result": RESULT,
}
_questionnaire = service.questionnaire(locale="en", ruleset=_ruleset)
QUESTIONNAIRE = _questionnaire | {"questions": _questionnaire["questions"][:2]}
_resource = fhir.questionnaire_resource(_ruleset.questionnaire, "en")
FHIR_QUESTIONNAIRE = _resource | {"item": _resource["item"][:1]}
SESSION_CHANGED = problem_example(412, code="session_changed") | {
    "detail": "The session changed since you read it (If-Match does not hold its current ETag); "
    "GET it again and re-apply your answers.",
    "instance": "/v1/assessments/0b9f7d52-6a43-4f0e-9d55-2a7c2f1e8b6d/answers",
}
INVALID_ANSWERS = problem_example(422, code="validation_failed") | {
    "detail": "Some answers are not valid; see `errors`.",
    "instance": "/v1/assessments/evaluate",
    "errors": [
        {"in": "json", "name": "answers.pain_intensity", "message": "Must be between 0 and 10."},
        {"in": "json", "name": "answers.mood", "message": "Unknown question."},
    ],
}
