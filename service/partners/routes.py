"""Partner self-service and the audit log under /v1."""

from __future__ import annotations

import datetime as dt

from flask import g

from service.api import Blueprint, Resource
from service.db import get_session
from service.partners import service
from service.partners.auth import ANY_SCOPE, require_scope
from service.partners.schemas import (
    AuditEventSchema,
    AuditQueryArgsSchema,
    PartnerSchema,
    UsageQueryArgsSchema,
    UsageSchema,
)
from service.partners.usage import recorder

blp = Blueprint(
    "partners",
    __name__,
    description="The calling partner: its limits, keys and usage; the audit log.",
)

PARTNER_EXAMPLE = {
    "slug": "acme-health",
    "name": "Acme Health app",
    "allowed_origins": ["https://portal.acme.example"],
    "rate_limit_per_minute": 600,
    "daily_quota": 100000,
    "country": "US",
    "key": {
        "prefix": "1a2b3c4d",
        "kind": "secret",
        "label": "iOS app",
        "scopes": ["content:read", "assessment:write"],
        "created_at": "2026-11-01T09:00:00+00:00",
        "expires_at": None,
        "last_used_at": "2026-11-26T10:41:00+00:00",
    },
}


@blp.route("/partners/me")
class CurrentPartner(Resource):
    @require_scope(ANY_SCOPE)
    @blp.etag
    @blp.doc(operationId="getCurrentPartner")
    @blp.response(200, PartnerSchema, example=PARTNER_EXAMPLE)
    def get(self):
        """Get the calling partner: limits, allowed origins and the key in use."""
        return {
            **{c: getattr(g.partner, c) for c in PARTNER_EXAMPLE if c != "key"},
            "key": g.api_key,
        }


@blp.route("/partners/me/usage")
class CurrentPartnerUsage(Resource):
    @require_scope(ANY_SCOPE)
    @blp.etag
    @blp.doc(operationId="getCurrentPartnerUsage")
    @blp.arguments(UsageQueryArgsSchema(), location="query")
    @blp.response(
        200,
        UsageSchema,
        example={
            "partner": "acme-health",
            "from": "2026-11-25",
            "to": "2026-11-26",
            "total": 42,
            "days": [{"day": "2026-11-26", "operation": "GET /v1/conditions", "requests": 42}],
        },
    )
    def get(self, args):
        """Count the calling partner's requests per day and operation (UTC days)."""
        recorder().flush()  # this worker's pending counts first
        end = args.get("to") or dt.datetime.now(dt.UTC).date()
        start = args.get("from_") or end - dt.timedelta(days=29)
        days = service.usage_between(
            session=get_session(), partner_id=g.partner.id, start=start, end=end
        )
        return {
            "partner": g.partner.slug,
            "start": start,
            "end": end,
            "total": sum(row["requests"] for row in days),
            "days": days,
        }


@blp.route("/audit-events")
class AuditEvents(Resource):
    @require_scope("admin")
    @blp.etag
    @blp.doc(operationId="listAuditEvents")
    @blp.arguments(AuditQueryArgsSchema(), location="query", as_kwargs=True)
    @blp.response(
        200,
        AuditEventSchema(many=True),
        example=[
            {
                "id": 7,
                "occurred_at": "2026-11-26T10:00:00+00:00",
                "actor": "cli:ops",
                "action": "key.revoke",
                "target": "1a2b3c4d",
                "outcome": "success",
                "details": {},
            }
        ],
    )
    @blp.paginate()
    def get(self, pagination_parameters, action=None):
        """List the calling partner's audit events (its keys, its imports), newest first.

        Only events about the calling partner: another partner's, and operator actions about no
        partner, are never shown to a partner key.
        """
        events, pagination_parameters.item_count = service.list_audit_events(
            session=get_session(),
            partner_id=g.partner.id,
            action=action,
            page=pagination_parameters.page,
            page_size=pagination_parameters.page_size,
        )
        return events
