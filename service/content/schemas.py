"""API schemas of the content domain (responses are dumped from the dicts service.py builds)."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import fields, validate

from service.content.models import ITEM_KINDS
from service.content.pack_schema import FAMILIES, THERAPY_KINDS, URGENT_SIGN_LEVELS


class CodeSchema(ma.Schema):
    system = fields.String(required=True, metadata={"example": "icd-10-cm"})
    code = fields.String(required=True, metadata={"example": "M51.26"})
    display = fields.String(required=True)


class CitationSchema(ma.Schema):
    id = fields.String(required=True)
    title = fields.String(required=True)
    source = fields.String(required=True)
    year = fields.Integer(allow_none=True)
    url = fields.String(allow_none=True)


ADAPTED_FROM = {
    "description": "Pages our wording was adapted from (provenance, such as a manufacturer's "
    "patient page). Never evidence: what the text rests on is in `citations`."
}


class ReviewSchema(ma.Schema):
    version = fields.Integer(
        required=True, metadata={"description": "Bumps whenever the item's content changes."}
    )
    reviewed_on = fields.Date(required=True)
    next_review_on = fields.Date(required=True)


class ConditionSummarySchema(ReviewSchema):
    slug = fields.String(required=True)
    name = fields.String(required=True)
    summary = fields.String(required=True)
    codes = fields.List(fields.Nested(CodeSchema), required=True)
    href = fields.String(required=True)


class TreatmentSummarySchema(ReviewSchema):
    slug = fields.String(required=True)
    name = fields.String(required=True)
    summary = fields.String(required=True)
    family = fields.String(required=True, validate=validate.OneOf(FAMILIES))
    kind = fields.String(required=True, validate=validate.OneOf(THERAPY_KINDS))
    care_step = fields.String(
        required=True, metadata={"description": "Earliest care-pathway step that offers it."}
    )
    href = fields.String(required=True)


class SymptomSchema(ma.Schema):
    slug = fields.String(required=True)
    name = fields.String(required=True)


class ConditionTreatmentSchema(ma.Schema):
    treatment = fields.Nested(TreatmentSummarySchema, required=True)
    care_step = fields.String(
        required=True, metadata={"description": "Step of the care pathway where it fits."}
    )
    rationale = fields.String(
        required=True, metadata={"description": "Why it fits this condition (Markdown)."}
    )
    citations = fields.List(fields.Nested(CitationSchema), required=True)


class ConditionSchema(ConditionSummarySchema):
    locale = fields.String(required=True)
    sections = fields.Dict(
        keys=fields.String(),
        values=fields.String(),
        required=True,
        metadata={
            "description": "Markdown by section key: overview, causes, symptoms, risk_factors, "
            "diagnosis, when_to_see_a_doctor (and types where a condition has forms)."
        },
    )
    symptoms = fields.List(fields.Nested(SymptomSchema), required=True)
    risk_factors = fields.List(fields.String(), required=True)
    treatments = fields.List(fields.Nested(ConditionTreatmentSchema), required=True)
    citations = fields.List(fields.Nested(CitationSchema), required=True)
    adapted_from = fields.List(fields.Nested(CitationSchema), required=True, metadata=ADAPTED_FROM)
    disclaimer = fields.String(required=True)


class RelatedConditionSchema(ma.Schema):
    slug = fields.String(required=True)
    name = fields.String(required=True)
    care_step = fields.String(required=True)
    href = fields.String(required=True)


class TreatmentSchema(TreatmentSummarySchema):
    locale = fields.String(required=True)
    sections = fields.Dict(
        keys=fields.String(),
        values=fields.String(),
        required=True,
        metadata={
            "description": "Markdown by section key: overview, how_it_works, who_it_helps, "
            "what_to_expect, risks."
        },
    )
    requires = fields.List(
        fields.String(), required=True, metadata={"description": "Treatments that come first."}
    )
    conditions = fields.List(fields.Nested(RelatedConditionSchema), required=True)
    citations = fields.List(fields.Nested(CitationSchema), required=True)
    adapted_from = fields.List(fields.Nested(CitationSchema), required=True, metadata=ADAPTED_FROM)
    disclaimer = fields.String(required=True)


class CareStepSchema(ma.Schema):
    key = fields.String(required=True)
    order = fields.Integer(required=True)
    name = fields.String(required=True)
    description = fields.String(required=True)
    treatments = fields.List(fields.Nested(TreatmentSummarySchema), required=True)
    citations = fields.List(fields.Nested(CitationSchema), required=True)


class UrgentSignSchema(ma.Schema):
    key = fields.String(required=True, metadata={"example": "saddle_numbness"})
    level = fields.String(
        required=True,
        validate=validate.OneOf(URGENT_SIGN_LEVELS),
        metadata={
            "description": "What to do: call an ambulance (the emergency number), go to an "
            "emergency department now, or see a doctor the same day. Most urgent first."
        },
    )
    text = fields.String(required=True, metadata={"description": "The sign, in plain words."})
    rules = fields.List(
        fields.String(),
        required=True,
        metadata={"description": "Ids of the assessment's red-flag rules that raise this level."},
    )


class CarePathwaySchema(ReviewSchema):
    locale = fields.String(required=True)
    title = fields.String(required=True)
    summary = fields.String(required=True)
    body = fields.String(required=True, metadata={"description": "Markdown."})
    when_to_see_a_doctor = fields.String(required=True, metadata={"description": "Markdown."})
    conservative_care_weeks = fields.Integer(required=True)
    steps = fields.List(fields.Nested(CareStepSchema), required=True)
    urgent_signs = fields.List(
        fields.Nested(UrgentSignSchema),
        required=True,
        metadata={"description": "When to get care now or today, as a list (most urgent first)."},
    )
    citations = fields.List(fields.Nested(CitationSchema), required=True)
    adapted_from = fields.List(fields.Nested(CitationSchema), required=True, metadata=ADAPTED_FROM)
    disclaimer = fields.String(required=True)


class TreatmentQueryArgsSchema(ma.Schema):
    family = fields.String(validate=validate.OneOf(FAMILIES))


class SearchQueryArgsSchema(ma.Schema):
    q = fields.String(
        required=True,
        validate=validate.Length(min=1, max=200),
        metadata={"description": "Words to find; stems match (`stenosis` finds `stenoses`)."},
    )
    kind = fields.String(validate=validate.OneOf(ITEM_KINDS))


class SearchResultSchema(ma.Schema):
    kind = fields.String(required=True, validate=validate.OneOf(ITEM_KINDS))
    slug = fields.String(required=True)
    name = fields.String(required=True)
    summary = fields.String(required=True)
    snippet = fields.String(
        required=True, metadata={"description": "Matching text, matches wrapped in <mark>…</mark>."}
    )
    rank = fields.Float(required=True)
    href = fields.String(required=True)


class ChangesQueryArgsSchema(ma.Schema):
    since = fields.String(
        metadata={
            "description": "An RFC 3339 timestamp or the `next_cursor` of a previous call; "
            "omit for everything."
        }
    )
    limit = fields.Integer(load_default=100, validate=validate.Range(1, 500))


class ChangeSchema(ma.Schema):
    kind = fields.String(required=True, validate=validate.OneOf(ITEM_KINDS))
    slug = fields.String(required=True)
    change = fields.String(required=True, validate=validate.OneOf(("upserted", "withdrawn")))
    version = fields.Integer(required=True)
    changed_at = fields.DateTime(required=True)
    href = fields.String(required=True)


class ChangesPageSchema(ma.Schema):
    changes = fields.List(fields.Nested(ChangeSchema), required=True)
    next_cursor = fields.String(
        required=True, metadata={"description": "Pass as `since` next time (opaque)."}
    )
    has_more = fields.Boolean(required=True)
