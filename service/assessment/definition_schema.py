"""Marshmallow schemas the questionnaire and ruleset YAML files must satisfy."""

from __future__ import annotations

from typing import Any, NoReturn

from marshmallow import ValidationError, fields, validate, validates_schema

from service.content.locales import SUPPORTED_LOCALES
from service.content.pack_schema import KEY, NON_EMPTY, SLUG, StrictSchema

LOCALES = SUPPORTED_LOCALES
QUESTION_TYPES = ("boolean", "single", "multi", "integer")
URGENCY_LEVELS = (
    "emergency_ambulance",
    "emergency_department",
    "urgent_same_day",
    "see_doctor_soon",
    "routine_consultation",
    "self_care",
)
# Not dispositions: while the red-flag screen is unanswered, and for people the check is not for.
SCREENING_LEVEL = "screening_incomplete"
SCREENING_STEP = "red_flag_screening"
OUT_OF_SCOPE_STEP = "out_of_scope"
PATHWAY_STEPS = (
    "red_flag_escalation",
    "self_management_education",
    "primary_care_physio",
    "continue_conservative_until_12_weeks",
    "specialist_pain_or_spine_referral",
)
# Each step as /v1/care-pathway names it (the content pack's care_pathway.yaml `steps[].key`), so
# a result and the published pathway share one vocabulary. None: not a step of that pathway (an
# emergency, the unanswered screen, out of scope); its `urgent_signs` apply instead.
# tests/assessment/test_pathway_vocabulary.py checks both sides against the pack.
CONTENT_PATHWAY_STEPS: dict[str, str | None] = {
    "red_flag_escalation": None,
    "self_management_education": "self_care",
    "primary_care_physio": "conservative_care",
    "continue_conservative_until_12_weeks": "conservative_care",
    "specialist_pain_or_spine_referral": "specialist_consultation",
    SCREENING_STEP: None,
    OUT_OF_SCOPE_STEP: None,
}
VERSION = validate.Regexp(r"^\d{4}\.\d{2}\.\d+$", error="must look like 2026.11.1")
PROBABILITY = validate.Range(0, 1, min_inclusive=False, max_inclusive=False)
COUNTRY = validate.Regexp(r"^[A-Z]{2}$", error="must be an ISO 3166-1 alpha-2 code")
NUCC_CODE = validate.Regexp(r"^[0-9]{3}[0-9A-Z]{6}X$", error="must be a NUCC taxonomy code")


def localised(value_field: fields.Field[Any] | None = None, **kwargs: Any) -> fields.Dict:
    """A {locale: value} map that must carry every supported locale."""
    return fields.Dict(
        keys=fields.String(validate=validate.OneOf(LOCALES)),
        values=value_field or fields.String(validate=NON_EMPTY),
        validate=lambda value: (
            set(value) == set(LOCALES) or _fail(f"needs exactly the locales {list(LOCALES)}")
        ),
        **kwargs,
    )


def _fail(message: str) -> NoReturn:
    raise ValidationError(message)


class QuestionSchema(StrictSchema):
    id = fields.String(required=True, validate=KEY)
    type = fields.String(required=True, validate=validate.OneOf(QUESTION_TYPES))
    red_flag = fields.Boolean(load_default=False)
    options = fields.List(fields.String(validate=KEY), load_default=list)
    exclusive = fields.List(fields.String(validate=KEY), load_default=list)
    min = fields.Integer()
    max = fields.Integer()
    unit = fields.String()
    enable_when = fields.List(fields.Raw(), load_default=list)
    text = localised(required=True)
    help = localised(required=True)
    option_labels = localised(
        fields.Dict(keys=fields.String(), values=fields.String(validate=NON_EMPTY)),
        load_default=dict,
    )

    @validates_schema
    def _consistent(self, data: dict[str, Any], **kwargs: Any) -> None:
        choice = data["type"] in ("single", "multi")
        if choice != bool(data["options"]):
            raise ValidationError(
                "choice questions need options; others must not have them", "options"
            )
        if choice and any(
            set(labels) != set(data["options"]) for labels in data["option_labels"].values()
        ):
            raise ValidationError("must label exactly the options in every locale", "option_labels")
        if not set(data["exclusive"]) <= set(data["options"]) or (
            data["exclusive"] and data["type"] != "multi"
        ):
            raise ValidationError(
                "exclusive options belong to a multiple-choice question", "exclusive"
            )
        if (data["type"] == "integer") != ("min" in data and "max" in data):
            raise ValidationError("integer questions need min and max (and only they)", "min")
        if data["type"] == "integer" and data["min"] > data["max"]:
            raise ValidationError("must not exceed max", "min")


class QuestionnaireSchema(StrictSchema):
    version = fields.String(required=True, validate=VERSION)
    title = localised(required=True)
    questions = fields.List(fields.Nested(QuestionSchema), required=True, validate=NON_EMPTY)


class UrgencyTextSchema(StrictSchema):
    label = fields.String(required=True, validate=NON_EMPTY)
    timeframe = fields.String(required=True, validate=NON_EMPTY)
    service = fields.String(required=True, validate=NON_EMPTY)


class UrgencyLevelSchema(StrictSchema):
    code = fields.String(required=True, validate=validate.OneOf(URGENCY_LEVELS))
    timeframe_hours = fields.Integer(required=True, allow_none=True)
    text = localised(fields.Nested(UrgencyTextSchema), required=True)
    safety_net = localised(fields.List(fields.String(validate=NON_EMPTY)), required=True)


class SourcedRuleSchema(StrictSchema):
    id = fields.String(required=True, validate=validate.Regexp(r"^[A-Z][A-Z0-9_]+$"))
    when = fields.List(fields.Raw(), required=True, validate=NON_EMPTY)
    urgency = fields.String(required=True, validate=validate.OneOf(URGENCY_LEVELS))
    source = fields.String(required=True, validate=NON_EMPTY)


class ScreeningSchema(StrictSchema):
    text = localised(fields.Nested(UrgencyTextSchema), required=True)
    safety_net = localised(fields.List(fields.String(validate=NON_EMPTY)), required=True)
    why = localised(required=True)


class OutOfScopeSchema(StrictSchema):
    code = fields.String(required=True, validate=KEY)
    when = fields.List(fields.Raw(), required=True, validate=NON_EMPTY)
    urgency = fields.String(required=True, validate=validate.OneOf(URGENCY_LEVELS))
    source = fields.String(required=True, validate=NON_EMPTY)
    message = localised(required=True)
    why = localised(required=True)


class ContradictionSchema(StrictSchema):
    id = fields.String(required=True, validate=validate.Regexp(r"^[A-Z][A-Z0-9_]+$"))
    code = fields.String(required=True, validate=KEY)
    fields_ = fields.List(
        fields.String(validate=KEY),
        data_key="fields",
        attribute="fields",
        required=True,
        validate=validate.Length(min=2),
    )
    when = fields.List(fields.Raw(), required=True, validate=NON_EMPTY)
    message = localised(required=True)


class EmergencyNumbersSchema(StrictSchema):
    default_country = fields.String(required=True, validate=COUNTRY)
    numbers = fields.Dict(
        keys=fields.String(validate=COUNTRY),
        values=fields.String(validate=validate.Regexp(r"^[0-9]{3}$")),
        required=True,
    )

    @validates_schema
    def _default_known(self, data: dict[str, Any], **kwargs: Any) -> None:
        if data["default_country"] not in data["numbers"]:
            raise ValidationError("must have a number", "default_country")


class FeatureSchema(StrictSchema):
    id = fields.String(required=True, validate=KEY)
    when = fields.List(fields.Raw(), required=True, validate=NON_EMPTY)
    lr = fields.Float(required=True, validate=validate.Range(min=0, min_inclusive=False))
    validated = fields.Boolean(load_default=True)
    source = fields.String(required=True, validate=NON_EMPTY)


CONFIRMED_BY = (
    "examination",
    "imaging",
    "diagnostic_block",
    "nerve_conduction_study",
    "blood_tests",
)


class PriorSchema(StrictSchema):
    when = fields.List(fields.Raw(), required=True, validate=NON_EMPTY)
    prior = fields.Float(required=True, validate=PROBABILITY)
    source = fields.String(required=True, validate=NON_EMPTY)


class BandLimitSchema(StrictSchema):
    id = fields.String(required=True, validate=KEY)
    when = fields.List(fields.Raw(), required=True)  # [] = always
    max_band = fields.String(required=True, validate=validate.OneOf(("unlikely", "possible")))
    source = fields.String(required=True, validate=NON_EMPTY)


class ConfirmationSchema(StrictSchema):
    """What would confirm the pattern; self-report never does (the band is pattern fit only)."""

    by = fields.List(
        fields.String(validate=validate.OneOf(CONFIRMED_BY)), required=True, validate=NON_EMPTY
    )
    # The certainty self-report can claim, where a grading system sets one (NeuPSIG: possible).
    self_report_certainty = fields.String(
        load_default=None, allow_none=True, validate=validate.OneOf(("possible",))
    )
    source = fields.String(required=True, validate=NON_EMPTY)


class ConditionSchema(StrictSchema):
    slug = fields.String(required=True, validate=SLUG)
    prior = fields.Float(required=True, validate=PROBABILITY)
    prior_source = fields.String(required=True, validate=NON_EMPTY)
    # The first that holds replaces `prior` (for example age-stratified); the default otherwise.
    priors = fields.List(fields.Nested(PriorSchema), load_default=list)
    band_limits = fields.List(fields.Nested(BandLimitSchema), load_default=list)
    confirmation = fields.Nested(ConfirmationSchema, required=True)
    features = fields.List(fields.Nested(FeatureSchema), required=True, validate=NON_EMPTY)


class ScoreItemSchema(StrictSchema):
    id = fields.String(required=True, validate=KEY)
    when = fields.List(fields.Raw(), required=True, validate=NON_EMPTY)
    points = fields.Integer(required=True)


class ScoreSchema(StrictSchema):
    id = fields.String(required=True, validate=KEY)
    source = fields.String(required=True, validate=NON_EMPTY)
    cutoff = fields.Integer(required=True)
    not_asked = fields.List(fields.String(validate=KEY), load_default=list)
    items = fields.List(fields.Nested(ScoreItemSchema), required=True, validate=NON_EMPTY)


class PathwayStepSchema(StrictSchema):
    step = fields.String(required=True, validate=validate.OneOf(PATHWAY_STEPS[1:]))
    when = fields.List(fields.Raw(), required=True)
    source = fields.String(required=True, validate=NON_EMPTY)
    specialties = fields.List(fields.String(validate=NUCC_CODE), required=True)
    treatments = fields.List(fields.String(validate=SLUG), required=True)
    why = localised(required=True)


class EscalationSchema(StrictSchema):
    source = fields.String(required=True, validate=NON_EMPTY)
    why = localised(required=True)


class OptionSchema(StrictSchema):
    id = fields.String(required=True, validate=validate.Regexp(r"^[A-Z][A-Z0-9_]+$"))
    when = fields.List(fields.Raw(), required=True, validate=NON_EMPTY)
    treatments = fields.List(fields.String(validate=SLUG), required=True, validate=NON_EMPTY)
    requires = fields.Dict(
        keys=fields.String(validate=SLUG), values=fields.List(fields.String(validate=SLUG))
    )
    specialties = fields.List(fields.String(validate=NUCC_CODE), required=True)
    source = fields.String(required=True, validate=NON_EMPTY)
    # What the evidence says, in plain words: shown beside the option, never left out.
    evidence = fields.String(required=True, validate=NON_EMPTY)


REFERRAL_SPECIALTIES = ("rheumatology", "vascular", "neurology")


class ReferralSchema(StrictSchema):
    id = fields.String(required=True, validate=validate.Regexp(r"^[A-Z][A-Z0-9_]+$"))
    when = fields.List(fields.Raw(), required=True, validate=NON_EMPTY)
    specialty = fields.String(required=True, validate=validate.OneOf(REFERRAL_SPECIALTIES))
    specialties = fields.List(fields.String(validate=NUCC_CODE), required=True, validate=NON_EMPTY)
    source = fields.String(required=True, validate=NON_EMPTY)


class PathwaySchema(StrictSchema):
    steps = fields.List(fields.Nested(PathwayStepSchema), required=True, validate=NON_EMPTY)
    red_flag_escalation = fields.Nested(EscalationSchema, required=True)
    options = fields.List(fields.Nested(OptionSchema), required=True)
    referrals = fields.List(fields.Nested(ReferralSchema), required=True)


class BandsSchema(StrictSchema):
    possible = fields.Float(required=True, validate=PROBABILITY)
    likely = fields.Float(required=True, validate=PROBABILITY)

    @validates_schema
    def _ordered(self, data: dict[str, Any], **kwargs: Any) -> None:
        if data["possible"] >= data["likely"]:
            raise ValidationError("must be below likely", "possible")


class ScoringSchema(StrictSchema):
    feature_lr_cap = fields.Float(required=True, validate=validate.Range(min=1))
    total_lr_cap = fields.Float(required=True, validate=validate.Range(min=1))
    bands = fields.Nested(BandsSchema, required=True)
    # Hedged words for patients: how well the answers fit a pattern, never a diagnosis.
    band_labels = localised(
        fields.Dict(
            keys=fields.String(validate=validate.OneOf(("unlikely", "possible", "likely"))),
            values=fields.String(validate=NON_EMPTY),
            validate=lambda v: len(v) == 3 or _fail("needs a label for each band"),
        ),
        required=True,
    )


class RulesetSchema(StrictSchema):
    version = fields.String(required=True, validate=VERSION)
    disclaimer = localised(required=True)
    emergency_numbers = fields.Nested(EmergencyNumbersSchema, required=True)
    screening_incomplete = fields.Nested(ScreeningSchema, required=True)
    out_of_scope = fields.List(fields.Nested(OutOfScopeSchema), required=True)
    contradictions = fields.List(fields.Nested(ContradictionSchema), required=True)
    urgency_levels = fields.List(fields.Nested(UrgencyLevelSchema), required=True)
    red_flags = fields.List(fields.Nested(SourcedRuleSchema), required=True, validate=NON_EMPTY)
    urgency_rules = fields.List(fields.Nested(SourcedRuleSchema), required=True)
    scoring = fields.Nested(ScoringSchema, required=True)
    conditions = fields.List(fields.Nested(ConditionSchema), required=True, validate=NON_EMPTY)
    scores = fields.List(fields.Nested(ScoreSchema), required=True)
    pathway = fields.Nested(PathwaySchema, required=True)
