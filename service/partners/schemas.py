"""API schemas of the partners domain."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import fields, validate, validates_schema

from service.partners.models import KEY_KINDS

MAX_USAGE_DAYS = 366


class KeySchema(ma.Schema):
    prefix = fields.String(required=True, metadata={"description": "Public part of the key."})
    kind = fields.String(
        required=True,
        validate=validate.OneOf(KEY_KINDS),
        metadata={
            "description": "`secret` (servers) or `publishable` (browsers, from the "
            "partner's registered origins only)."
        },
    )
    label = fields.String(required=True)
    scopes = fields.List(fields.String(), required=True)
    created_at = fields.DateTime(required=True)
    expires_at = fields.DateTime(allow_none=True)
    last_used_at = fields.DateTime(
        allow_none=True, metadata={"description": "Updated at most once a minute."}
    )


class PartnerSchema(ma.Schema):
    slug = fields.String(required=True)
    name = fields.String(required=True)
    allowed_origins = fields.List(fields.String(), required=True)
    rate_limit_per_minute = fields.Integer(required=True)
    daily_quota = fields.Integer(required=True)
    country = fields.String(
        required=True,
        metadata={
            "description": "ISO 3166-1 alpha-2; results name this country's emergency number."
        },
    )
    key = fields.Nested(KeySchema, required=True, metadata={"description": "The key in use."})


class UsageQueryArgsSchema(ma.Schema):
    from_ = fields.Date(
        data_key="from", metadata={"description": "First day (UTC); default 29 days before `to`."}
    )
    to = fields.Date(metadata={"description": "Last day (UTC), inclusive; default today."})

    @validates_schema
    def _range(self, data, **kwargs):
        if data.get("from_") and data.get("to"):
            if data["from_"] > data["to"]:
                raise ma.ValidationError("must not be after `to`", "from")
            if (data["to"] - data["from_"]).days >= MAX_USAGE_DAYS:
                raise ma.ValidationError(f"at most {MAX_USAGE_DAYS} days at once", "from")


class UsageRowSchema(ma.Schema):
    day = fields.Date(required=True)
    operation = fields.String(required=True, metadata={"example": "GET /v1/conditions/<slug>"})
    requests = fields.Integer(required=True)


class UsageSchema(ma.Schema):
    partner = fields.String(required=True)
    start = fields.Date(data_key="from", required=True)
    end = fields.Date(data_key="to", required=True)
    total = fields.Integer(required=True)
    days = fields.List(fields.Nested(UsageRowSchema), required=True)


class AuditQueryArgsSchema(ma.Schema):
    action = fields.String(validate=validate.Length(max=64))


class AuditEventSchema(ma.Schema):
    id = fields.Integer(required=True)
    occurred_at = fields.DateTime(required=True)
    actor = fields.String(required=True)
    action = fields.String(required=True)
    target = fields.String(required=True)
    outcome = fields.String(required=True)
    details = fields.Dict(required=True)
