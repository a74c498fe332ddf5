"""API schemas of the assessment domain (responses are dumped from the dicts service.py builds)."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from marshmallow import fields, validate

from service.assessment.definition_schema import (
    CONTENT_PATHWAY_STEPS,
    OUT_OF_SCOPE_STEP,
    PATHWAY_STEPS,
    QUESTION_TYPES,
    SCREENING_LEVEL,
    SCREENING_STEP,
    URGENCY_LEVELS,
)
from service.assessment.expressions import BANDS

ANSWER = fields.Raw(
    metadata={"description": "true/false, an integer, an option value, or a list of option values."}
)


class AnswerOptionSchema(ma.Schema):
    value = fields.String(required=True)
    label = fields.String(required=True)


class QuestionEnableWhenSchema(ma.Schema):
    question = fields.String(required=True)
    operator = fields.String(
        required=True,
        metadata={
            "description": "FHIR R4 operator; on a multiple-choice question `=` means 'includes'."
        },
    )
    answer = ANSWER


class AssessmentQuestionSchema(ma.Schema):
    id = fields.String(
        required=True, metadata={"description": "Stable public id; partners pre-fill it."}
    )
    type = fields.String(required=True, validate=validate.OneOf(QUESTION_TYPES))
    red_flag = fields.Boolean(
        required=True,
        metadata={
            "description": "Part of the red-flag screen: no disposition is given until every "
            "enabled screen question has an answer. The screen comes first."
        },
    )
    text = fields.String(required=True)
    help = fields.String(required=True)
    options = fields.List(fields.Nested(AnswerOptionSchema), required=True)
    exclusive_options = fields.List(
        fields.String(),
        required=True,
        metadata={"description": "Options that must be chosen alone."},
    )
    min = fields.Integer(allow_none=True)
    max = fields.Integer(allow_none=True)
    unit = fields.String(allow_none=True)
    enable_when = fields.List(
        fields.Nested(QuestionEnableWhenSchema),
        required=True,
        metadata={
            "description": "Shown only when all of these hold; otherwise hidden and unanswerable."
        },
    )


class AssessmentQuestionnaireSchema(ma.Schema):
    version = fields.String(required=True)
    locale = fields.String(required=True)
    title = fields.String(required=True)
    questions = fields.List(fields.Nested(AssessmentQuestionSchema), required=True)


ANSWER_VALUE_SCHEMA = {
    "description": "A boolean, an integer, a choice, or a list of choices; null removes an "
    "answer (PUT).",
    "oneOf": [
        {"type": "boolean", "nullable": True},
        {"type": "integer"},
        {"type": "string"},
        {"type": "array", "items": {"type": "string"}},
    ],
}


class AnswerMap(fields.Dict):
    """Question id -> answer, loaded as it came: from a JSON body the keys are strings already
    and a value may be any JSON value, which `resolve_answers` checks against the questionnaire.
    marshmallow's per-item key and value fields cost ~9 µs an answer for no check (a fifth of
    an evaluation request's parsing); anything but an object of string keys still goes through
    them, so the errors are marshmallow's own."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        if type(value) is dict and all(type(key) is str for key in value):
            return dict(value)
        return super()._deserialize(value, attr, data, **kwargs)  # type: ignore[no-untyped-call]


class AssessmentAnswersSchema(ma.Schema):
    # keys and values as declared still describe the map in the OpenAPI document.
    answers = AnswerMap(
        keys=fields.String(),
        values=fields.Raw(allow_none=True, metadata={"openapi_schema": ANSWER_VALUE_SCHEMA}),
        load_default=dict,
        metadata={"description": "Question id -> answer. Checked against the questionnaire."},
    )


class UrgencyTriggerSchema(ma.Schema):
    rule_id = fields.String(required=True)
    urgency = fields.String(required=True, validate=validate.OneOf(URGENCY_LEVELS))
    red_flag = fields.Boolean(required=True)
    answers = fields.Dict(required=True, metadata={"description": "The answers that fired it."})
    source = fields.String(required=True)


class AssessmentUrgencySchema(ma.Schema):
    level = fields.String(
        required=True,
        validate=validate.OneOf((*URGENCY_LEVELS, SCREENING_LEVEL)),
        metadata={
            "description": f"Most urgent first: {', '.join(URGENCY_LEVELS)}. "
            f"`{SCREENING_LEVEL}` is not advice: red-flag questions are still unanswered."
        },
    )
    minimum_level = fields.String(
        required=True,
        allow_none=True,
        validate=validate.OneOf(URGENCY_LEVELS),
        metadata={"description": "The most urgent level any rule has fired so far; null if none."},
    )
    emergency_number = fields.String(
        required=True,
        metadata={"description": "The number to call in the partner's country (default US: 911)."},
    )
    label = fields.String(required=True)
    timeframe = fields.String(required=True)
    timeframe_hours = fields.Integer(allow_none=True, required=True)
    service = fields.String(required=True)
    safety_net = fields.List(fields.String(), required=True)
    triggers = fields.List(fields.Nested(UrgencyTriggerSchema), required=True)


class ConditionEvidenceSchema(ma.Schema):
    feature = fields.String(required=True)
    question = fields.String(required=True)
    answer = ANSWER
    answers = fields.Dict(required=True)
    lr = fields.Float(
        required=True, metadata={"description": "Likelihood ratio (or design weight)."}
    )
    weight = fields.Float(required=True, metadata={"description": "ln(LR), capped at ±ln 8."})
    validated = fields.Boolean(
        required=True,
        metadata={"description": "false: a conservative design weight, not a published LR."},
    )
    source = fields.String(required=True)


class ConfirmationSchema(ma.Schema):
    by = fields.List(
        fields.String(),
        required=True,
        metadata={
            "description": "What would confirm the pattern: examination, imaging, "
            "diagnostic_block, nerve_conduction_study, blood_tests."
        },
    )
    self_report_certainty = fields.String(
        allow_none=True,
        required=True,
        metadata={
            "description": "The certainty self-report can claim where a grading system "
            "sets one (NeuPSIG: `possible`), whatever the band."
        },
    )
    source = fields.String(required=True)


class ConditionResultSchema(ma.Schema):
    slug = fields.String(required=True)
    band = fields.String(
        required=True,
        validate=validate.OneOf(BANDS),
        metadata={
            "description": "How well the answers fit the pattern; not a diagnosis "
            "(see `confirmation`)."
        },
    )
    band_label = fields.String(
        required=True, metadata={"description": "The band in hedged words for patients."}
    )
    confirmation = fields.Nested(ConfirmationSchema, required=True)
    band_capped = fields.Boolean(
        required=True,
        metadata={"description": "A band limit applied (for example at most possible under 50)."},
    )
    band_cap_source = fields.String(allow_none=True)
    log_odds = fields.Float(required=True)
    prior = fields.Float(required=True)
    prior_source = fields.String(required=True)
    drivers = fields.List(fields.Nested(ConditionEvidenceSchema), required=True)
    counter_evidence = fields.List(fields.Nested(ConditionEvidenceSchema), required=True)
    phenotype = fields.String(allow_none=True)
    href = fields.String(required=True)


class AssessmentScoreSchema(ma.Schema):
    id = fields.String(required=True)
    value = fields.Integer(required=True)
    cutoff = fields.Integer(required=True)
    positive = fields.Boolean(required=True)
    items = fields.List(fields.String(), required=True)
    unanswered_items = fields.List(fields.String(), required=True)
    not_asked = fields.List(fields.String(), required=True)
    source = fields.String(required=True)


class TreatmentOptionSchema(ma.Schema):
    treatment = fields.String(required=True)
    href = fields.String(required=True)
    requires = fields.List(
        fields.String(), required=True, metadata={"description": "Treatments that must come first."}
    )
    rule_id = fields.String(required=True)
    source = fields.String(required=True)
    evidence = fields.String(
        allow_none=True,
        required=True,
        metadata={"description": "What the evidence says about it, in plain words."},
    )


class ReferralSchema(ma.Schema):
    specialty = fields.String(
        required=True, metadata={"description": "rheumatology, vascular or neurology."}
    )
    specialty_codes = fields.List(fields.String(), required=True, metadata={"description": "NUCC."})
    rule_id = fields.String(required=True)
    source = fields.String(required=True)


class CarePathwayResultSchema(ma.Schema):
    step = fields.String(
        required=True,
        validate=validate.OneOf((*PATHWAY_STEPS, SCREENING_STEP, OUT_OF_SCOPE_STEP)),
        metadata={
            "description": f"`{SCREENING_STEP}`: the red-flag screen is not answered yet; "
            f"`{OUT_OF_SCOPE_STEP}`: the check is not for this person (see `out_of_scope`)."
        },
    )
    pathway_step = fields.String(
        required=True,
        allow_none=True,
        validate=validate.OneOf(sorted({k for k in CONTENT_PATHWAY_STEPS.values() if k})),
        metadata={
            "description": "The same step in the vocabulary of `GET /v1/care-pathway` "
            "(`steps[].key`): where to read about it. null for an emergency, the unanswered "
            "screen or out of scope (see the pathway's `urgent_signs`)."
        },
    )
    why = fields.String(required=True)
    next_step = fields.String(allow_none=True)
    weeks_elapsed = fields.Integer(allow_none=True)
    source = fields.String(required=True)
    options_to_discuss = fields.List(fields.Nested(TreatmentOptionSchema), required=True)
    referrals = fields.List(
        fields.Nested(ReferralSchema),
        required=True,
        metadata={"description": "Another specialty to see where the pattern fits."},
    )


class LocatorFilterSchema(ma.Schema):
    specialty = fields.List(fields.String(), required=True, metadata={"description": "NUCC codes."})
    therapy = fields.List(
        fields.String(), required=True, metadata={"description": "Treatment slugs."}
    )


class MissingAnswerSchema(ma.Schema):
    question = fields.String(required=True)
    affects = fields.List(
        fields.String(),
        required=True,
        metadata={"description": "`urgency`, `care_pathway` or `condition:<slug>`."},
    )


class AnswerWarningSchema(ma.Schema):
    code = fields.String(required=True, validate=validate.Equal("contradictory_answers"))
    rule_id = fields.String(required=True)
    fields_ = fields.List(
        fields.String(),
        data_key="fields",
        attribute="fields",
        required=True,
        metadata={"description": "The question ids whose answers contradict each other."},
    )
    message = fields.String(required=True)


class OutOfScopeSchema(ma.Schema):
    code = fields.String(required=True, metadata={"description": "For example `under_16`."})
    message = fields.String(required=True, metadata={"description": "Where to go instead."})
    source = fields.String(required=True)


class AssessmentResultSchema(ma.Schema):
    ruleset_version = fields.String(required=True)
    questionnaire_version = fields.String(required=True)
    locale = fields.String(required=True)
    disclaimer = fields.String(required=True)
    disclaimer_code = fields.String(required=True, validate=validate.Equal("not_diagnosis"))
    urgency = fields.Nested(AssessmentUrgencySchema, required=True)
    red_flags = fields.List(fields.Nested(UrgencyTriggerSchema), required=True)
    conditions = fields.List(fields.Nested(ConditionResultSchema), required=True)
    scores = fields.List(fields.Nested(AssessmentScoreSchema), required=True)
    care_pathway = fields.Nested(CarePathwayResultSchema, required=True)
    locator = fields.Nested(
        LocatorFilterSchema,
        allow_none=True,
        required=True,
        metadata={
            "description": "Query parameters for GET /v1/physicians; null when a "
            "physician search is not the advice (emergency, self-care)."
        },
    )
    locator_href = fields.String(
        required=True,
        allow_none=True,
        metadata={
            "description": "`locator` as a ready link to GET /v1/physicians; add `zip` "
            "(or `lat`/`lon`) and `radius`. Null with `locator`."
        },
    )
    content_links = fields.List(fields.String(), required=True)
    missing_answers = fields.List(fields.Nested(MissingAnswerSchema), required=True)
    next_questions = fields.List(
        fields.String(),
        required=True,
        metadata={
            "description": "What to ask next, in order: every unanswered red-flag "
            "question, then only questions whose answer can still change the urgency, a "
            "band or the care step. Empty after `should_stop`."
        },
    )
    complete = fields.Boolean(
        required=True,
        metadata={
            "description": "The result is stable: `next_questions` is empty (no single "
            "unanswered question can change it), or `should_stop`."
        },
    )
    red_flags_screened = fields.Boolean(
        required=True,
        metadata={
            "description": "Every enabled red-flag question has an answer. Until then "
            "the level is `screening_incomplete` (unless an emergency flag fired)."
        },
    )
    should_stop = fields.Boolean(
        required=True,
        metadata={
            "description": "Stop the questionnaire and show the urgency now: an "
            "emergency flag fired, or the check is not for this person."
        },
    )
    warnings = fields.List(
        fields.Nested(AnswerWarningSchema),
        required=True,
        metadata={"description": "Answers that contradict each other; ask the person to check."},
    )
    out_of_scope = fields.Nested(OutOfScopeSchema, required=True, allow_none=True)


class AssessmentSchema(ma.Schema):
    id = fields.UUID(required=True)
    questionnaire_version = fields.String(required=True)
    # The title keeps generated clients from naming this map `AssessmentAnswers`, which is
    # the request body's schema (openapi-python-client then drops both).
    answers = fields.Dict(required=True, metadata={"title": "AnswerMap"})
    next_questions = fields.List(fields.String(), required=True)
    complete = fields.Boolean(required=True)
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)
    expires_at = fields.DateTime(required=True)
    result = fields.Nested(AssessmentResultSchema, required=True)
