"""Locator endpoints under /v1: thin views over service.py and imports.py."""

from __future__ import annotations

from typing import Any

from flask import g, request

from service.api import (
    CONTENT_LANGUAGE,
    NEXT_LINK,
    Blueprint,
    Representation,
    Resource,
    next_link,
)
from service.content.cache import cached
from service.content.schemas import TreatmentSummarySchema
from service.db import get_session
from service.errors import Problem
from service.locator import examples, imports, service, zips
from service.locator.schemas import (
    AttributionSchema,
    DeactivationSchema,
    ImportQueryArgsSchema,
    ImportReportSchema,
    PhysicianQueryArgsSchema,
    PhysicianSearchPageSchema,
    ProviderDetailSchema,
    SpecialtyNodeSchema,
)
from service.negotiation import request_locale
from service.partners.auth import require_scope
from service.partners.service import record_audit

blp = Blueprint(
    "locator",
    __name__,
    description="Find pain specialists near a ZIP code or coordinates, filtered by NUCC specialty "
    "and by the therapies of the content catalogue; partners import their directories.",
)

SEARCH_ERRORS = {"400": "BAD_REQUEST", "422": "UNPROCESSABLE_ENTITY"}
IMPORT_BODY = {
    "required": True,
    "description": "CSV (one row per practice location; `languages`, `specialties` and "
    "`therapies` separated by `;`) or NDJSON (one provider per line with a `locations` list). "
    "A location without `lat`/`lon` is placed at its ZIP centroid.",
    "content": {
        imports.CSV: {
            "schema": {"type": "string"},
            "example": "external_id,name,credentials,specialties,therapies,zip\n"
            "p-1,Dr. Avery Sampleton,MD,208VP0014X,"
            "spinal-cord-stimulation;physical-therapy,10001\n",
        },
        imports.NDJSON: {
            "schema": {"type": "string"},
            "example": '{"external_id": "p-1", "name": "Dr. Avery Sampleton", '
            '"specialties": ["208VP0014X"], "locations": [{"zip": "10001"}]}\n',
        },
    },
}


@blp.route("/physicians")
class Physicians(Resource):
    @require_scope("locator:read")
    @blp.etag
    @blp.doc(operationId="searchPhysicians", responses=SEARCH_ERRORS)
    @blp.arguments(PhysicianQueryArgsSchema(), location="query", as_kwargs=True)
    @blp.response(
        200,
        PhysicianSearchPageSchema,
        example=examples.SEARCH_PAGE,
        headers=CONTENT_LANGUAGE | NEXT_LINK,
    )
    # flask-smorest passes the query (as_kwargs) by keyword.
    def get(
        self,
        *,
        radius,
        unit,
        limit,
        cursor=None,
        zip=None,
        city=None,
        state=None,
        lat=None,
        lon=None,
        **filters,
    ):
        """Search physicians near a ZIP, a city or coordinates, nearest first (keyset-paginated).

        Distances are exact great-circle distances to each provider's nearest location within
        the radius; ties are broken by id. Repeated values of one filter match any of them;
        different filters must all match. Pass the assessment's `specialty` and `therapy`
        lists verbatim. Follow `next_cursor` with the same parameters (`limit` may change).
        """
        page = service.search(
            session=get_session(),
            zip_code=zip,
            city=city,
            state=state,
            lat=lat,
            lon=lon,
            radius=radius,
            unit=unit,
            filters=service.Filters.from_arguments(filters),
            limit=limit,
            cursor=cursor,
            # Therapy slugs are content: this worker's content cache holds them.
            known_therapies=cached(
                ("live-therapy-slugs",),
                lambda: frozenset(service.live_therapy_slugs(get_session())),
            ),
            locale=request_locale(),  # of the specialty names
        )
        # The page is already what the schema would dump (tests/locator/test_routes.py holds
        # them equal): sent as is, the dump was a millisecond a request. The schema documents it.
        response = blp.send(Representation.of(page))
        response.headers.extend(next_link("cursor", page["next_cursor"]))
        return response


@blp.route("/physicians/<int:provider_id>")
class PhysicianById(Resource):
    @require_scope("locator:read")
    @blp.etag
    @blp.doc(operationId="getPhysician", responses={"404": "NOT_FOUND"})
    @blp.response(
        200, ProviderDetailSchema, example=examples.PROVIDER_DETAIL, headers=CONTENT_LANGUAGE
    )
    def get(self, provider_id):
        """Get a physician with all practice locations."""
        return service.get_provider(
            session=get_session(), provider_id=provider_id, locale=request_locale()
        )

    @require_scope("locator:write")
    @blp.doc(operationId="deactivatePhysician", responses={"404": "NOT_FOUND"})
    @blp.response(200, DeactivationSchema, example=examples.DEACTIVATION)
    def delete(self, provider_id):
        """Deactivate one of the calling partner's physicians (soft delete; audited).

        They leave search at once and their record answers 410; importing them again
        reactivates them. Deactivating an inactive physician changes nothing.
        """
        provider = service.deactivate_provider(
            session=get_session(), provider_id=provider_id, source=g.partner.slug
        )
        record_audit(
            session=get_session(),
            outcome="success",
            actor=f"key:{g.api_key.prefix}",
            action="locator.deactivate",
            target=f"physician:{provider.id}",
            partner_id=g.partner.id,
            details={"external_id": provider.external_id},
        )
        return service.deactivation_dict(provider)


@blp.route("/physicians/import")
class PhysicianImport(Resource):
    consumes = imports.MEDIA_TYPES

    @require_scope("locator:write")
    @blp.arguments(ImportQueryArgsSchema(), location="query", as_kwargs=True)
    @blp.doc(
        operationId="importPhysicians",
        requestBody=IMPORT_BODY,
        responses={"415": "UNSUPPORTED_MEDIA_TYPE", "422": "UNPROCESSABLE_ENTITY"},
    )
    @blp.response(200, ImportReportSchema, example=examples.IMPORT_REPORT)
    def post(self, mode):
        """Import the calling partner's directory: all rows valid, then all applied, or nothing.

        Records are the partner's own: upserted by `external_id`, else `npi`, within the
        partner's namespace; re-importing the same file changes nothing. `mode=sync` also
        deactivates the partner's physicians the file does not list (the file is the whole
        directory). Every import is audited.
        """
        audit = {
            "actor": f"key:{g.api_key.prefix}",
            "action": "locator.import",
            "target": request.mimetype,
            "partner_id": g.partner.id,
        }
        try:
            report = imports.import_body(
                session=get_session(),
                source=g.partner.slug,
                body=request.get_data(),
                media_type=request.mimetype,
                charset=request.mimetype_params.get("charset"),
                mode=mode,
            )
        except Problem as problem:
            record_rejected_import(audit, problem)
            raise
        counts = report.as_dict()
        record_audit(
            session=get_session(),
            outcome="success",
            details={
                k: counts[k] for k in ("mode", "created", "updated", "unchanged", "deactivated")
            },
            **audit,
        )
        return counts


def record_rejected_import(audit: dict[str, Any], problem: Problem) -> None:
    # Nothing of a rejected import is kept, but the rejection is: roll the import back, then
    # commit the audit record alone, in the request's own session.
    session = get_session()
    session.rollback()
    record_audit(
        session=session,
        outcome="failure",
        details={"error": problem.detail, "errors": len(problem.errors or [])},
        **audit,
    )
    session.commit()


@blp.route("/specialties")
class Specialties(Resource):
    @require_scope("locator:read")
    @blp.etag
    @blp.doc(operationId="listSpecialties")
    @blp.response(
        200,
        SpecialtyNodeSchema(many=True),
        example=[examples.SPECIALTY_NODE],
        headers=CONTENT_LANGUAGE,
    )
    def get(self):
        """List the NUCC taxonomy codes accepted by `specialty`, with their hierarchy.

        A classification's code finds its specializations too (`children`); `display_name`
        is localised, NUCC's own labels are not.
        """
        return service.list_specialties(locale=request_locale())


@blp.route("/therapies")
class Therapies(Resource):
    @require_scope("locator:read")
    @blp.etag
    @blp.doc(operationId="listTherapies")
    @blp.response(
        200,
        TreatmentSummarySchema(many=True),
        example=[examples.THERAPY],
        headers={
            "Content-Language": {
                "description": "Locale of the names.",
                "schema": {"type": "string"},
            }
        },
    )
    def get(self):
        """List the treatment slugs accepted by `therapy` (the content catalogue's treatments)."""
        return service.list_therapies(session=get_session(), locale=request_locale())


@blp.route("/locator/attribution")
class Attribution(Resource):
    @require_scope("locator:read")
    @blp.etag
    @blp.doc(operationId="getLocatorAttribution")
    @blp.response(200, AttributionSchema, example={"data": [zips.ATTRIBUTION]})
    def get(self):
        """Data sources of the locator and their licences (ZIP centroids: GeoNames, CC BY 4.0)."""
        return service.attribution()
