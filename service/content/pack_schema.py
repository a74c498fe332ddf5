"""Marshmallow schemas that every file of the content pack must satisfy (see pack/README.md)."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from marshmallow import ValidationError, fields, validate, validates_schema

SLUG = validate.Regexp(r"^[a-z0-9]+(-[a-z0-9]+)*$", error="must be lower-case kebab-case")
KEY = validate.Regexp(r"^[a-z][a-z0-9_]*$", error="must be snake_case")
RULE_ID = validate.Regexp(r"^[A-Z][A-Z0-9_]*$", error="must be a triage rule id (UPPER_SNAKE)")
NON_EMPTY = validate.Length(min=1)

CODE_SYSTEMS = ("icd-10-cm", "snomed-ct")
FAMILIES = ("medication", "restorative", "behavioral", "interventional")
THERAPY_KINDS = ("drug", "therapy", "procedure", "device")
CONDITION_SECTIONS_REQUIRED = (
    "overview",
    "causes",
    "symptoms",
    "risk_factors",
    "diagnosis",
    "when_to_see_a_doctor",
)
CONDITION_SECTIONS_OPTIONAL = ("types",)
TREATMENT_SECTIONS_REQUIRED = (
    "overview",
    "how_it_works",
    "who_it_helps",
    "what_to_expect",
    "risks",
)
# The triage engine's levels that mean "go now" or "today", most urgent first.
URGENT_SIGN_LEVELS = ("emergency_ambulance", "emergency_department", "urgent_same_day")


class StrictSchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE  # a typo in a key must fail loudly, not vanish


class ClaimSchema(StrictSchema):
    """One numeric or comparative statement in the en text and the sources that back it."""

    text_contains = fields.String(required=True, validate=NON_EMPTY)
    citations = fields.List(fields.String(validate=SLUG), required=True, validate=NON_EMPTY)


class ReviewedSchema(StrictSchema):
    reviewed_on = fields.Date(required=True)
    next_review_on = fields.Date(required=True)
    # Where our wording started (provenance), apart from what the facts rest on (citations).
    adapted_from = fields.List(fields.String(validate=SLUG), load_default=list)
    # Per-claim evidence: how long relief lasts, how long a procedure takes, a percentage ...
    claims = fields.List(fields.Nested(ClaimSchema), load_default=list)

    @validates_schema
    def _review_after(self, data: dict[str, Any], **kwargs: Any) -> None:
        if data["next_review_on"] <= data["reviewed_on"]:
            raise ValidationError("must be after reviewed_on", "next_review_on")


class CitationSchema(StrictSchema):
    id = fields.String(required=True, validate=SLUG)
    title = fields.String(required=True, validate=NON_EMPTY)
    source = fields.String(required=True, validate=NON_EMPTY)
    year = fields.Integer(load_default=None, validate=validate.Range(1900, 2100))
    url = fields.Url(load_default=None, schemes={"https", "http"})
    # Published by a company that sells products for these conditions: provenance, never evidence.
    commercial = fields.Boolean(load_default=False)


class CodeSchema(StrictSchema):
    system = fields.String(required=True, validate=validate.OneOf(CODE_SYSTEMS))
    code = fields.String(required=True, validate=NON_EMPTY)
    display = fields.String(required=True, validate=NON_EMPTY)


class ConditionTreatmentSchema(StrictSchema):
    treatment = fields.String(required=True, validate=SLUG)
    care_step = fields.String(required=True, validate=KEY)
    citations = fields.List(fields.String(validate=SLUG), load_default=list)


class ConditionSchema(ReviewedSchema):
    slug = fields.String(required=True, validate=SLUG)
    codes = fields.List(fields.Nested(CodeSchema), required=True, validate=NON_EMPTY)
    symptoms = fields.List(fields.String(validate=SLUG), required=True, validate=NON_EMPTY)
    citations = fields.List(fields.String(validate=SLUG), required=True, validate=NON_EMPTY)
    treatments = fields.List(
        fields.Nested(ConditionTreatmentSchema), required=True, validate=NON_EMPTY
    )

    @validates_schema
    def _has_icd10(self, data: dict[str, Any], **kwargs: Any) -> None:
        if not any(code["system"] == "icd-10-cm" for code in data.get("codes", [])):
            raise ValidationError("needs at least one icd-10-cm code", "codes")


class TreatmentSchema(ReviewedSchema):
    slug = fields.String(required=True, validate=SLUG)
    family = fields.String(required=True, validate=validate.OneOf(FAMILIES))
    kind = fields.String(required=True, validate=validate.OneOf(THERAPY_KINDS))
    care_step = fields.String(required=True, validate=KEY)
    requires = fields.List(fields.String(validate=SLUG), load_default=list)
    citations = fields.List(fields.String(validate=SLUG), required=True, validate=NON_EMPTY)


class CareStepSchema(StrictSchema):
    key = fields.String(required=True, validate=KEY)
    treatments = fields.List(fields.String(validate=SLUG), load_default=list)
    citations = fields.List(fields.String(validate=SLUG), load_default=list)


class UrgentSignSchema(StrictSchema):
    key = fields.String(required=True, validate=KEY)
    level = fields.String(required=True, validate=validate.OneOf(URGENT_SIGN_LEVELS))
    rules = fields.List(fields.String(validate=RULE_ID), required=True, validate=NON_EMPTY)


class CarePathwaySchema(ReviewedSchema):
    citations = fields.List(fields.String(validate=SLUG), required=True, validate=NON_EMPTY)
    conservative_care_weeks = fields.Integer(required=True, validate=validate.Range(1, 52))
    steps = fields.List(fields.Nested(CareStepSchema), required=True, validate=NON_EMPTY)
    urgent_signs = fields.List(fields.Nested(UrgentSignSchema), required=True, validate=NON_EMPTY)

    @validates_schema
    def _urgent_signs_said_once(self, data: dict[str, Any], **kwargs: Any) -> None:
        signs = data.get("urgent_signs", [])
        keys = [sign["key"] for sign in signs]
        rules = [rule for sign in signs for rule in sign["rules"]]
        problems = [
            f"key '{k}' is used twice" for k in sorted({k for k in keys if keys.count(k) > 1})
        ]
        problems += [
            f"rule '{r}' is in more than one sign"
            for r in sorted({r for r in rules if rules.count(r) > 1})
        ]
        ranks = [URGENT_SIGN_LEVELS.index(sign["level"]) for sign in signs]
        if ranks != sorted(ranks):
            problems.append("signs must be listed most urgent first")
        if problems:
            raise ValidationError(problems, "urgent_signs")


def _sections(required: tuple[str, ...], optional: tuple[str, ...] = ()) -> type[ma.Schema]:
    attrs: dict[str, fields.Field[Any]] = {
        key: fields.String(required=True, validate=NON_EMPTY) for key in required
    }
    attrs |= {key: fields.String(validate=NON_EMPTY) for key in optional}
    return StrictSchema.from_dict(attrs)


class ConditionTextSchema(StrictSchema):
    name = fields.String(required=True, validate=NON_EMPTY)
    summary = fields.String(required=True, validate=NON_EMPTY)
    sections = fields.Nested(
        _sections(CONDITION_SECTIONS_REQUIRED, CONDITION_SECTIONS_OPTIONAL), required=True
    )
    risk_factors = fields.List(fields.String(validate=NON_EMPTY), required=True, validate=NON_EMPTY)
    treatment_rationale = fields.Dict(
        keys=fields.String(validate=SLUG), values=fields.String(validate=NON_EMPTY), required=True
    )


class TreatmentTextSchema(StrictSchema):
    name = fields.String(required=True, validate=NON_EMPTY)
    summary = fields.String(required=True, validate=NON_EMPTY)
    sections = fields.Nested(_sections(TREATMENT_SECTIONS_REQUIRED), required=True)


class CareStepTextSchema(StrictSchema):
    name = fields.String(required=True, validate=NON_EMPTY)
    description = fields.String(required=True, validate=NON_EMPTY)


class CarePathwayTextSchema(StrictSchema):
    title = fields.String(required=True, validate=NON_EMPTY)
    summary = fields.String(required=True, validate=NON_EMPTY)
    body = fields.String(required=True, validate=NON_EMPTY)
    when_to_see_a_doctor = fields.String(required=True, validate=NON_EMPTY)
    steps = fields.Dict(
        keys=fields.String(validate=KEY), values=fields.Nested(CareStepTextSchema), required=True
    )
    urgent_signs = fields.Dict(
        keys=fields.String(validate=KEY), values=fields.String(validate=NON_EMPTY), required=True
    )
